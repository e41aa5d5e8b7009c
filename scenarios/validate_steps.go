package scenarios

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/scenarios/internal/text"
)

// steps checks every step in order; hook deletions affect later steps.
func (c *checker) steps() {
	for i, st := range c.s.Steps {
		path := index("steps", i)
		kinds := st.kinds()
		switch {
		case len(kinds) == 0:
			c.add(path, "a step needs one of "+oneOf(stepKinds), "")
			continue
		case len(kinds) > 1:
			c.add(path, "a step does one thing, but this one has both "+kinds[0]+" and "+kinds[1], "split it into two steps")
			continue
		}
		c.step(path, st)
	}
}

// step checks one step with exactly one kind.
func (c *checker) step(path string, st Step) {
	switch {
	case st.Raise != nil:
		c.raise(path+".raise", *st.Raise)
	case st.Action != nil:
		c.action(path+".action", *st.Action)
	case st.Advance != nil:
		c.advance(path+".advance", *st.Advance)
	case st.Wait != nil:
		if st.Wait.Timeout <= 0 {
			c.add(path+".wait.timeout", "timeout must be positive, got "+st.Wait.Timeout.String(), "")
		}
		c.expect(path+".wait.until", st.Wait.Until)
	case st.Hook != nil:
		c.hookChange(path, *st.Hook)
	case st.Expect != nil:
		c.expect(path+".expect", *st.Expect)
	case st.Pay != nil:
		c.storeRef(path+".pay.store", st.Pay.Store, true)
		if st.Pay.Order < 1 {
			c.add(path+".pay.order", "order must be an order id (1 or more), got "+strconv.Itoa(st.Pay.Order), "write pay: {order: 100}")
		}
	}
}

// raise checks a raise step.
func (c *checker) raise(path string, r Raise) {
	c.event(path+".scope", r.Scope)
	c.storeRef(path+".store", r.Store, true)
	if r.Count < 1 || r.Count > MaxCount {
		c.add(path+".count", "count must be from 1 to "+strconv.Itoa(MaxCount)+", got "+strconv.Itoa(r.Count), "")
	}
	if r.OutOfOrder && r.Count < 2 {
		c.add(path+".out_of_order", "out_of_order needs count above 1", "")
	}
	c.faults(path+".faults", r.Faults, false)
}

// advance checks an advance step.
func (c *checker) advance(path string, d Duration) {
	if d <= 0 {
		c.add(path, "advance must be positive, got "+d.String(), "")
	}
	if !c.fake() {
		c.add(path, "advance moves the fake clock, but the clock is real", "set setup.clock: fake")
	}
}

// uuidPattern matches a lowercase or uppercase UUID.
var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// action checks an action step: the name, the parameters it takes, and
// their values.
func (c *checker) action(path string, a Action) {
	spec, ok := actionSpecs[a.Name]
	if !ok {
		hint := didYouMean("action", closest(a.Name, Actions()))
		if hint == "" {
			hint = "actions are " + oneOf(Actions())
		}
		c.add(path+".name", "unknown action "+strconv.Quote(a.Name), hint)
		return
	}
	c.storeRef(path+".store", a.Store, true)
	for _, p := range a.setParams() {
		if !spec.takes(p) {
			c.add(path+"."+p, a.Name+" takes no "+p, a.Name+" takes "+oneOf(append([]string{"store"}, spec.params...)))
		}
	}
	c.actionValues(path, a, spec)
	if spec.timed && !c.fake() {
		c.add(path+".name", a.Name+" spans an hour of store time, which needs the fake clock", "set setup.clock: fake")
	}
}

// setParams lists the YAML keys of the parameters a has set.
func (a Action) setParams() []string {
	set := []struct {
		key string
		on  bool
	}{
		{"channel", a.Channel != 0}, {"cart_id", a.CartID != ""}, {"order_id", a.OrderID != 0},
		{"status", a.Status != 0}, {"previous_status", a.PreviousStatus != nil}, {"product_id", a.ProductID != 0},
		{"variant_id", a.VariantID != 0}, {"location_id", a.LocationID != 0}, {"quantity", a.Quantity != nil},
		{"out_of_order", a.OutOfOrder},
	}
	var out []string
	for _, s := range set {
		if s.on {
			out = append(out, s.key)
		}
	}
	return out
}

// actionValues checks the values of the parameters an action takes.
func (c *checker) actionValues(path string, a Action, spec actionSpec) {
	if spec.takes("channel") && a.Channel < 1 {
		c.add(path+".channel", "channel must be 1 or more, got "+strconv.Itoa(a.Channel), "")
	}
	if spec.takes("cart_id") && !uuidPattern.MatchString(a.CartID) {
		c.add(path+".cart_id", "cart_id "+strconv.Quote(a.CartID)+" is not a UUID", "BigCommerce cart ids are UUIDs; leave it out to get one")
	}
	c.orderValues(path, a, spec)
	if !spec.takes("quantity") {
		return
	}
	if a.ProductID < 1 {
		c.add(path+".product_id", "product_id is required (1 or more)", "")
	}
	if a.VariantID < 0 || a.LocationID < 1 {
		c.add(path, "variant_id and location_id must be positive", "")
	}
	switch {
	case a.Quantity == nil:
		c.add(path+".quantity", "quantity is required: the new stock level", "")
	case *a.Quantity < 0:
		c.add(path+".quantity", "quantity must not be negative, got "+strconv.Itoa(*a.Quantity), "")
	}
}

// orderValues checks order_id, status and previous_status.
func (c *checker) orderValues(path string, a Action, spec actionSpec) {
	switch {
	case spec.order == orderNone:
		return
	case a.OrderID == 0:
		c.add(path+".order_id", "order_id is required: no checkout comes before this step", "")
	case a.OrderID < 0:
		c.add(path+".order_id", "order_id must be positive, got "+strconv.Itoa(a.OrderID), "")
	}
	if spec.statuses != nil && !slices.Contains(spec.statuses, a.Status) {
		c.add(path+".status", "status "+strconv.Itoa(a.Status)+" is not one "+a.Name+" can leave an order in",
			"use "+listOf(intStrings(spec.statuses)))
	}
	if p := a.PreviousStatus; p != nil && (*p < 0 || *p > 14) {
		c.add(path+".previous_status", "previous_status must be an order status id from 0 to 14, got "+strconv.Itoa(*p), "")
	}
}

// hookChange checks a hook step.
func (c *checker) hookChange(path string, hc HookChange) {
	path += ".hook"
	ops := hc.ops()
	switch {
	case len(ops) == 0:
		c.add(path, "a hook step needs one of "+oneOf([]string{OpUpdate, OpReactivate, OpDeactivate, OpDelete}), "e.g. hook: {reactivate: orders}")
		return
	case len(ops) > 1:
		c.add(path+"."+ops[1][0], "a hook step makes one change, but this one has both "+ops[0][0]+" and "+ops[1][0], "split it into two steps")
		return
	}
	op, name := ops[0][0], ops[0][1]
	h := c.liveHook(path+"."+op, name)
	if op != OpUpdate {
		if hc.changes() {
			c.add(path+"."+op, op+" takes only the hook's name", "use update to change scope, destination, receiver, path, is_active or headers")
		}
		if op == OpDelete {
			c.deleted[name] = strings.TrimSuffix(path, ".hook")
		}
		return
	}
	c.update(path, hc, h)
}

// changes reports whether any field of an update is set.
func (hc HookChange) changes() bool {
	return hc.Scope != "" || hc.Destination != "" || hc.Receiver != "" || hc.Path != "" || hc.IsActive != nil || hc.Headers != nil
}

// update checks the new values of an update.
func (c *checker) update(path string, hc HookChange, h *Hook) {
	if !hc.changes() {
		c.add(path+".update", "update changes nothing", "set scope, destination, receiver, path, is_active or headers")
		return
	}
	if hc.Scope != "" {
		c.subscription(path+".scope", hc.Scope)
	}
	c.destination(path, hc.Destination, hc.Receiver, "", false)
	if hc.Path != "" && hc.Receiver == "" && (h == nil || h.Receiver == "" || hc.Destination != "") {
		c.add(path+".path", "path goes with receiver", "give receiver too, or put the path in the destination URL")
	}
	if hc.Path != "" && !strings.HasPrefix(hc.Path, "/") {
		c.add(path+".path", "path must start with /, got "+strconv.Quote(hc.Path), "")
	}
	c.headers(path+".headers", hc.Headers)
}

// liveHook checks a reference to a hook that must not have been deleted by
// an earlier step.
func (c *checker) liveHook(path, name string) *Hook {
	h := c.hookRef(path, name)
	if by, gone := c.deleted[name]; gone && h != nil {
		c.add(path, "hook "+strconv.Quote(name)+" was deleted by "+by, "")
		return nil
	}
	return h
}

// expect checks a set of conditions (an expect step or a wait's until).
func (c *checker) expect(path string, e Expect) {
	if len(e.Deliveries)+len(e.Hooks)+len(e.Blocklist)+len(e.Exceptions)+len(e.Orders)+len(e.Carts)+len(e.Products)+len(e.Customers)+len(e.Requests) == 0 {
		c.add(path, "no condition to check", "give deliveries, hooks, blocklist, exceptions, orders, carts, products, customers or requests")
	}
	for i, x := range e.Products {
		c.productExpectation(index(path+".products", i), x)
	}
	for i, x := range e.Customers {
		c.customerExpectation(index(path+".customers", i), x)
	}
	for i, x := range e.Orders {
		c.orderExpectation(index(path+".orders", i), x)
	}
	for i, x := range e.Carts {
		c.cartExpectation(index(path+".carts", i), x)
	}
	for i, d := range e.Deliveries {
		c.delivery(index(path+".deliveries", i), d)
	}
	for i, h := range e.Hooks {
		c.hookState(index(path+".hooks", i), h)
	}
	for i, b := range e.Blocklist {
		c.block(index(path+".blocklist", i), b)
	}
	for i, x := range e.Exceptions {
		c.exception(index(path+".exceptions", i), x)
	}
	for i, x := range e.Requests {
		c.request(index(path+".requests", i), x)
	}
}

// delivery checks the selectors and conditions of a delivery expectation.
func (c *checker) delivery(path string, d DeliveryExpectation) {
	c.storeRef(path+".store", d.Store, false)
	if d.Hook != "" {
		c.hookRef(path+".hook", d.Hook)
	}
	if d.Receiver != "" {
		c.receiverRef(path+".receiver", d.Receiver)
		if c.rcvs[d.Receiver] && !c.used[d.Receiver] && !c.usesUnread {
			c.add(path+".receiver", "no hook delivers to receiver "+strconv.Quote(d.Receiver), "give a hook receiver: "+d.Receiver)
		}
	}
	if d.Destination != "" {
		c.url(path+".destination", d.Destination, false)
	}
	if d.Scope != "" && !bigcommerce.Known(d.Scope) {
		c.unknownScope(path+".scope", d.Scope)
	}
	c.counts(path, d)
	c.outcomes(path, d)
	c.offsets(path, d)
	c.faultSelector(path+".fault", d.Fault)
	c.answer(path+".answer", d.Answer)
}

// counts checks count, attempts, distinct_hashes and their combination.
func (c *checker) counts(path string, d DeliveryExpectation) {
	for _, n := range []struct {
		key string
		v   *int
		min int
	}{{"count", d.Count, 0}, {"attempts", d.Attempts, 0}, {"distinct_hashes", d.DistinctHashes, 1}} {
		if n.v != nil && *n.v < n.min {
			c.add(path+"."+n.key, n.key+" must be "+strconv.Itoa(n.min)+" or more, got "+strconv.Itoa(*n.v), "")
		}
	}
	if d.Count != nil && *d.Count == 0 && (d.Attempts != nil || d.Outcomes != nil || d.Offsets != nil ||
		d.Status != "" || d.Signature != "" || d.DistinctHashes != nil || d.Answer != nil || d.Arrival != "") {
		c.add(path+".count", "count: 0 expects no delivery, so no other condition can apply", "remove the other conditions")
	}
	sigs := []string{string(SignatureValid), string(SignatureAbsent)}
	if d.Signature != "" && !contains(sigs, string(d.Signature)) {
		c.add(path+".signature", "signature "+strconv.Quote(string(d.Signature))+" is not "+oneOf(sigs), didYouMean("", closest(string(d.Signature), sigs)))
	}
	orders := []string{string(ArrivalRaised), string(ArrivalReversed)}
	if d.Arrival != "" && !contains(orders, string(d.Arrival)) {
		c.add(path+".arrival", "arrival "+strconv.Quote(string(d.Arrival))+" is not "+oneOf(orders), didYouMean("", closest(string(d.Arrival), orders)))
	}
}

// outcomes checks the outcome list and status against each other and
// against the retry schedule.
func (c *checker) outcomes(path string, d DeliveryExpectation) {
	valid := []string{string(OutcomeSuccess), string(OutcomeFailure)}
	for i, o := range d.Outcomes {
		switch {
		case !contains(valid, string(o)):
			c.add(index(path+".outcomes", i), "outcome "+strconv.Quote(string(o))+" is not "+oneOf(valid), didYouMean("", closest(string(o), valid)))
		case o == OutcomeSuccess && i < len(d.Outcomes)-1:
			c.add(index(path+".outcomes", i), "no attempt follows a success", "end outcomes with this success")
		}
	}
	if d.Attempts != nil && d.Outcomes != nil && *d.Attempts != len(d.Outcomes) {
		c.add(path+".attempts", "attempts is "+strconv.Itoa(*d.Attempts)+" but outcomes lists "+text.Plural(len(d.Outcomes), "outcome"), "")
	}
	n, known := d.attemptCount()
	if allowed := c.s.Setup.RetrySchedule.Attempts(); known && n > allowed {
		c.add(path, text.Plural(n, "attempt")+" are more than retry_schedule allows ("+strconv.Itoa(allowed)+")", "")
	}
	c.status(path, d, n, known)
}

// attemptCount returns the number of attempts d expects, if it says.
func (d DeliveryExpectation) attemptCount() (int, bool) {
	switch {
	case d.Attempts != nil:
		return *d.Attempts, true
	case d.Outcomes != nil:
		return len(d.Outcomes), true
	case d.Offsets != nil:
		return len(d.Offsets), true
	}
	return 0, false
}

// status checks the delivery status against the attempts expected.
func (c *checker) status(path string, d DeliveryExpectation, n int, known bool) {
	states := []string{string(StatusDelivered), string(StatusFailed), string(StatusPending), string(StatusCancelled)}
	if d.Status == "" {
		return
	}
	if !contains(states, string(d.Status)) {
		c.add(path+".status", "status "+strconv.Quote(string(d.Status))+" is not "+oneOf(states), didYouMean("", closest(string(d.Status), states)))
		return
	}
	last := Outcome("")
	if len(d.Outcomes) > 0 {
		last = d.Outcomes[len(d.Outcomes)-1]
	}
	allowed := c.s.Setup.RetrySchedule.Attempts()
	switch {
	case d.Status == StatusDelivered && (last == OutcomeFailure || (known && n == 0)):
		c.add(path+".status", "a delivered delivery ends with a successful attempt", "")
	case d.Status != StatusDelivered && last == OutcomeSuccess:
		c.add(path+".status", "a delivery whose last attempt succeeded is delivered, not "+string(d.Status), "")
	case d.Status == StatusFailed && known && n != allowed:
		c.add(path+".status", "a failed delivery has made all "+strconv.Itoa(allowed)+" attempts of retry_schedule, not "+strconv.Itoa(n), "")
	}
}

// offsets checks the attempt offsets.
func (c *checker) offsets(path string, d DeliveryExpectation) {
	if len(d.Offsets) == 0 {
		return
	}
	if d.Offsets[0] != 0 {
		c.add(index(path+".offsets", 0), "the first attempt is at 0s, got "+d.Offsets[0].String(), "offsets count from the first attempt")
	}
	for i := 1; i < len(d.Offsets); i++ {
		if d.Offsets[i] < d.Offsets[i-1] {
			c.add(index(path+".offsets", i), "offsets must not decrease: "+d.Offsets[i].String()+" comes after "+d.Offsets[i-1].String(), "")
		}
	}
	n := len(d.Offsets)
	switch {
	case d.Attempts != nil && *d.Attempts != n:
		c.add(path+".offsets", "offsets lists "+text.Plural(n, "attempt")+", but attempts is "+strconv.Itoa(*d.Attempts), "")
	case d.Outcomes != nil && len(d.Outcomes) != n:
		c.add(path+".offsets", "offsets lists "+text.Plural(n, "attempt")+", but outcomes lists "+text.Plural(len(d.Outcomes), "outcome"), "")
	}
}

// hookState checks a hook expectation.
func (c *checker) hookState(path string, he HookExpectation) {
	states := []string{string(HookActive), string(HookInactive), string(HookDeactivated), string(HookDeleted)}
	if he.Name == "" {
		c.add(path+".name", "name is required", "")
	} else if c.hookRef(path+".name", he.Name) != nil {
		c.deletion(path, he)
	}
	switch {
	case he.Status == "":
		c.add(path+".status", "status is required", "one of "+oneOf(states))
	case !contains(states, string(he.Status)):
		c.add(path+".status", "status "+strconv.Quote(string(he.Status))+" is not "+oneOf(states), didYouMean("", closest(string(he.Status), states)))
	}
}

// deletion checks a hook status against the deletions of earlier steps.
func (c *checker) deletion(path string, he HookExpectation) {
	by, gone := c.deleted[he.Name]
	switch {
	case gone && he.Status != HookDeleted && he.Status != "":
		c.add(path+".status", "hook "+strconv.Quote(he.Name)+" was deleted by "+by, "expect status: deleted")
	case !gone && he.Status == HookDeleted:
		c.add(path+".status", "no earlier step deletes hook "+strconv.Quote(he.Name), "delete it with hook: {delete: "+he.Name+"}")
	}
}

// block checks a blocklist expectation.
func (c *checker) block(path string, b BlockExpectation) {
	switch {
	case b.Receiver != "" && b.Destination != "":
		c.add(path+".destination", "name the domain by receiver or by destination, not both", "")
	case b.Receiver == "" && b.Destination == "":
		c.missing(path, []string{"receiver", "destination"}, "receiver or destination is required", "")
	case b.Receiver != "":
		c.receiverRef(path+".receiver", b.Receiver)
	default:
		c.url(path+".destination", b.Destination, false)
	}
	c.tokenRef(path+".token", b.Token)
}

// exception checks a delivery-exception expectation.
func (c *checker) exception(path string, x ExceptionExpectation) {
	codes := bigcommerce.ExceptionCodes
	names := make([]string, len(codes))
	for i, code := range codes {
		names[i] = code.String()
	}
	hint := strings.Join(names[:len(names)-1], ", ") + " or " + names[len(names)-1]
	switch {
	case x.ErrorCode == 0:
		c.add(path+".error_code", "error_code is required", hint)
	case !slices.Contains(codes, bigcommerce.ExceptionCode(x.ErrorCode)):
		c.add(path+".error_code", "error_code "+strconv.Itoa(x.ErrorCode)+" is not one BigCommerce sends", hint)
	}
	if x.Count != nil && *x.Count < 0 {
		c.add(path+".count", "count must be 0 or more, got "+strconv.Itoa(*x.Count), "")
	}
	if x.Hook == "" {
		c.add(path+".hook", "hook is required: the hook the exceptions are about", "")
		return
	}
	h := c.hookRef(path+".hook", x.Hook)
	if h != nil && !c.hasExceptionHook(h.Store, h.Token) {
		c.add(path+".hook", "the account of hook "+strconv.Quote(h.Name)+" has no "+bigcommerce.DeliveryException+" hook in store "+strconv.Quote(h.Store),
			"BigCommerce sends exceptions only to such a hook: add one to setup.hooks")
	}
}

// hasExceptionHook reports whether the setup has a delivery-exception hook
// for the store and account.
func (c *checker) hasExceptionHook(store, token string) bool {
	return c.excHooks[store+"\x00"+token]
}

// intStrings formats ints for oneOf.
func intStrings(ns []int) []string {
	out := make([]string, len(ns))
	for i, n := range ns {
		out[i] = strconv.Itoa(n)
	}
	return out
}

// orderExpectation checks an order expectation: an id, a known store, and
// no condition beside exists: false.
func (c *checker) orderExpectation(path string, x OrderExpectation) {
	c.storeRef(path+".store", x.Store, true)
	if x.ID < 1 {
		c.add(path+".id", "id must be an order id (1 or more), got "+strconv.Itoa(x.ID), "")
	}
	if x.Exists != nil && !*x.Exists {
		for _, k := range []struct {
			key string
			set bool
		}{{"status_id", x.StatusID != nil}, {"is_deleted", x.IsDeleted != nil}, {"cart_id", x.CartID != nil},
			{"customer_id", x.CustomerID != nil}, {"items_total", x.ItemsTotal != nil}, {"items_shipped", x.ItemsShipped != nil},
			{"shipments", x.Shipments != nil}, {"transactions", x.Transactions != nil}, {"refunds", x.Refunds != nil}} {
			if k.set {
				c.add(path+"."+k.key, "an order that must not exist has no "+k.key, "drop exists: false or "+k.key)
			}
		}
	}
	if x.StatusID != nil {
		if _, ok := bigcommerce.StatusName(*x.StatusID); !ok {
			c.add(path+".status_id", "status_id must be an order status, 0 to 14, got "+strconv.Itoa(*x.StatusID), "")
		}
	}
}

// cartExpectation checks a cart expectation.
func (c *checker) cartExpectation(path string, x CartExpectation) {
	c.storeRef(path+".store", x.Store, true)
	if x.ID == "" {
		c.add(path+".id", "id is required: the cart's id", "")
	}
	if x.Exists != nil && !*x.Exists && (x.LineItems != nil || x.CustomerID != nil) {
		c.add(path, "a cart that must not exist has no line_items or customer_id", "drop exists: false or the other conditions")
	}
}
