package runner

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/internal/text"
	"github.com/bcmock/bcmock/testkit/receiver"
)

// Failure is one condition of an expect (or wait) step that did not hold,
// with what a person needs to fix the scenario or the code under test.
type Failure struct {
	// Path names the condition in the document, e.g.
	// "steps[3].expect.deliveries[0]".
	Path string
	// Pos is where the condition is written; zero without WithSource.
	Pos Position
	// Subject says what the condition is about, e.g. "deliveries to hook
	// orders of store/order/created".
	Subject string
	// Mismatches are the parts that did not hold, each with what was
	// expected and what happened.
	Mismatches []Mismatch
	// Deliveries are (some of) the deliveries the condition selected, each
	// with its attempts.
	Deliveries []DeliverySeen
	// MoreDeliveries counts selected deliveries left out of Deliveries.
	MoreDeliveries int
	// Note adds what else helps, e.g. what was delivered instead.
	Note string
}

// Mismatch is one part of a condition that did not hold.
type Mismatch struct {
	// Key is the condition's key: count, attempts, outcomes, offsets,
	// status, signature, distinct_hashes, blocked.
	Key string
	// Expected is what the scenario says.
	Expected string
	// Got is what happened.
	Got string
}

// DeliverySeen is a delivery as the runner saw it when a condition failed.
type DeliverySeen struct {
	// ID is the delivery's id in the mock's log.
	ID int64
	// Scope is the event's scope.
	Scope string
	// Hook names the hook: its setup name, or "#id".
	Hook string
	// Destination is "receiver NAME" plus the path, or the URL.
	Destination string
	// Status is pending, delivered, failed or cancelled.
	Status string
	// Attempts are its attempts, oldest first.
	Attempts []AttemptSeen
	// NextAttempt is when the next attempt is due, as an offset from the
	// first attempt; nil when none is due.
	NextAttempt *time.Duration
	// Postponements counts attempts the blocklist put off.
	Postponements int
	// LastError explains the latest failure or the cancellation.
	LastError string
	// Fault names the delivery faults that shaped it, "" for none.
	Fault string
}

// AttemptSeen is one attempt of a delivery.
type AttemptSeen struct {
	// Number is 1 for the first attempt.
	Number int
	// Offset is the attempt's store time after the delivery's first attempt.
	Offset time.Duration
	// Status is the receiver's HTTP status; 0 when none came.
	Status int
	// Outcome is success or failure.
	Outcome string
	// Error explains a failure.
	Error string
}

// maxShownDeliveries bounds the deliveries a Failure lists.
const maxShownDeliveries = 5

// snapshot reads the mock's state lazily, once per check.
type snapshot struct {
	se         *Session
	ctx        context.Context
	deliveries []adminapi.Delivery
	attempts   map[int64][]adminapi.Attempt
	events     []adminapi.Event
	admins     map[[2]string]bigcommerce.HooksAdmin
	states     map[string]adminapi.StoreState
}

// check evaluates an expectation now and returns the conditions that do
// not hold. The error reports a mock that could not be asked.
func (se *Session) check(ctx context.Context, path string, e scenarios.Expect) ([]Failure, error) {
	sn := &snapshot{se: se, ctx: ctx, admins: map[[2]string]bigcommerce.HooksAdmin{}, states: map[string]adminapi.StoreState{}}
	var out []Failure
	add := func(f *Failure, err error) error {
		if err != nil {
			return err
		}
		if f != nil {
			f.Pos = se.loc.at(f.Path)
			out = append(out, *f)
		}
		return nil
	}
	for i, d := range e.Deliveries {
		if err := add(sn.delivery(fmt.Sprintf("%s.deliveries[%d]", path, i), d)); err != nil {
			return nil, err
		}
	}
	for i, h := range e.Hooks {
		if err := add(sn.hook(fmt.Sprintf("%s.hooks[%d]", path, i), h)); err != nil {
			return nil, err
		}
	}
	for i, b := range e.Blocklist {
		if err := add(sn.block(fmt.Sprintf("%s.blocklist[%d]", path, i), b)); err != nil {
			return nil, err
		}
	}
	for i, x := range e.Exceptions {
		if err := add(sn.exception(fmt.Sprintf("%s.exceptions[%d]", path, i), x)); err != nil {
			return nil, err
		}
	}
	for i, x := range e.Orders {
		if err := add(sn.order(fmt.Sprintf("%s.orders[%d]", path, i), x)); err != nil {
			return nil, err
		}
	}
	for i, x := range e.Carts {
		if err := add(sn.cart(fmt.Sprintf("%s.carts[%d]", path, i), x)); err != nil {
			return nil, err
		}
	}
	for i, x := range e.Products {
		if err := add(sn.product(fmt.Sprintf("%s.products[%d]", path, i), x)); err != nil {
			return nil, err
		}
	}
	for i, x := range e.Customers {
		if err := add(sn.customer(fmt.Sprintf("%s.customers[%d]", path, i), x)); err != nil {
			return nil, err
		}
	}
	for i, x := range e.Requests {
		if err := add(sn.request(fmt.Sprintf("%s.requests[%d]", path, i), x)); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// allDeliveries lists every delivery of the mock, once per snapshot.
func (sn *snapshot) allDeliveries() ([]adminapi.Delivery, error) {
	if sn.deliveries == nil {
		ds, err := sn.se.admin.Deliveries(sn.ctx, adminapi.Query{})
		if err != nil {
			return nil, fmt.Errorf("check deliveries: %w", err)
		}
		sn.deliveries = ds
	}
	return sn.deliveries, nil
}

// attemptsOf lists a delivery's attempts, oldest first. The attempt log
// is read once per snapshot.
func (sn *snapshot) attemptsOf(d adminapi.Delivery) ([]adminapi.Attempt, error) {
	if sn.attempts == nil {
		all, err := sn.se.admin.Attempts(sn.ctx, adminapi.Query{})
		if err != nil {
			return nil, fmt.Errorf("check attempts: %w", err)
		}
		sn.attempts = map[int64][]adminapi.Attempt{}
		for _, a := range all {
			sn.attempts[a.DeliveryID] = append(sn.attempts[a.DeliveryID], a)
		}
		for id := range sn.attempts {
			slices.SortFunc(sn.attempts[id], func(a, b adminapi.Attempt) int { return cmp.Compare(a.Number, b.Number) })
		}
	}
	return sn.attempts[d.ID], nil
}

// allEvents lists every event of the mock, once per snapshot.
func (sn *snapshot) allEvents() ([]adminapi.Event, error) {
	if sn.events == nil {
		evs, err := sn.se.admin.Events(sn.ctx, adminapi.Query{})
		if err != nil {
			return nil, fmt.Errorf("check events: %w", err)
		}
		sn.events = evs
	}
	return sn.events, nil
}

// admin reads /hooks/admin for a store and token, once per snapshot.
func (sn *snapshot) admin(store, token string) (bigcommerce.HooksAdmin, error) {
	key := [2]string{store, token}
	if a, ok := sn.admins[key]; ok {
		return a, nil
	}
	a, err := sn.se.bc.admin(sn.ctx, store, token)
	if err != nil {
		return bigcommerce.HooksAdmin{}, err
	}
	sn.admins[key] = a
	return a, nil
}

// selects reports whether d passes the selectors of x.
func (se *Session) selects(x scenarios.DeliveryExpectation, d adminapi.Delivery) bool {
	if x.Store != "" && d.StoreHash != x.Store {
		return false
	}
	if x.Hook != "" {
		h, ok := se.hooks[x.Hook]
		if !ok || h.store != d.StoreHash || h.id != d.HookID {
			return false
		}
	}
	if x.Receiver != "" {
		r, ok := se.receivers[x.Receiver]
		if !ok || !r.owns(d.Destination) {
			return false
		}
	}
	if x.Destination != "" && d.Destination != x.Destination {
		return false
	}
	if !scenarios.SelectsFault(x.Fault, d.Fault) {
		return false
	}
	return x.Scope == "" || bigcommerce.Matches(x.Scope, d.Scope)
}

// subject describes the deliveries x selects.
func subject(x scenarios.DeliveryExpectation) string {
	var b strings.Builder
	b.WriteString("deliveries")
	if x.Scope != "" {
		b.WriteString(" of " + x.Scope)
	}
	if x.Store != "" {
		b.WriteString(" in store " + x.Store)
	}
	if x.Hook != "" {
		b.WriteString(" to hook " + x.Hook)
	}
	if x.Receiver != "" {
		b.WriteString(" to receiver " + x.Receiver)
	}
	if x.Destination != "" {
		b.WriteString(" to " + x.Destination)
	}
	switch x.Fault {
	case "":
	case scenarios.FaultNone, scenarios.FaultGenuine:
		b.WriteString(" (" + x.Fault + ")")
	default:
		b.WriteString(" with fault " + x.Fault)
	}
	if b.Len() == len("deliveries") {
		b.WriteString(" (all)")
	}
	return b.String()
}

// delivery checks one delivery condition.
func (sn *snapshot) delivery(path string, x scenarios.DeliveryExpectation) (*Failure, error) {
	all, err := sn.allDeliveries()
	if err != nil {
		return nil, err
	}
	var selected []adminapi.Delivery
	for _, d := range all {
		if sn.se.selects(x, d) {
			selected = append(selected, d)
		}
	}
	f := &Failure{Path: path, Subject: subject(x)}
	switch {
	case x.Count == nil && len(selected) == 0:
		f.Mismatches = append(f.Mismatches, Mismatch{Key: "count", Expected: "at least 1", Got: "0"})
	case x.Count != nil && *x.Count != len(selected):
		f.Mismatches = append(f.Mismatches, Mismatch{Key: "count", Expected: strconv.Itoa(*x.Count), Got: strconv.Itoa(len(selected))})
	}
	bad := map[int64]bool{}
	each, err := sn.eachDelivery(x, selected, bad)
	if err != nil {
		return nil, err
	}
	f.Mismatches = append(f.Mismatches, each...)
	if x.DistinctHashes != nil {
		got, err := sn.distinctHashes(selected)
		if err != nil {
			return nil, err
		}
		if got != *x.DistinctHashes {
			f.Mismatches = append(f.Mismatches, Mismatch{Key: "distinct_hashes", Expected: strconv.Itoa(*x.DistinctHashes), Got: strconv.Itoa(got)})
		}
	}
	if x.Arrival != "" {
		m, err := sn.arrival(x.Arrival, selected)
		if err != nil {
			return nil, err
		}
		if m != nil {
			f.Mismatches = append(f.Mismatches, *m)
		}
	}
	if len(f.Mismatches) == 0 {
		return nil, nil
	}
	if len(selected) == 0 {
		f.Note = sn.nearby(x, all)
	}
	// The deliveries that broke a condition first, then the others.
	slices.SortStableFunc(selected, func(a, b adminapi.Delivery) int {
		if bad[a.ID] != bad[b.ID] {
			if bad[a.ID] {
				return -1
			}
			return 1
		}
		return 0
	})
	for i, d := range selected {
		if i == maxShownDeliveries {
			f.MoreDeliveries = len(selected) - i
			break
		}
		seen, err := sn.seen(d)
		if err != nil {
			return nil, err
		}
		f.Deliveries = append(f.Deliveries, seen)
	}
	return f, nil
}

// eachDelivery checks the per-delivery conditions of x on every selected
// delivery, marking in bad those that break one, and returns a mismatch
// per condition that some delivery breaks.
func (sn *snapshot) eachDelivery(x scenarios.DeliveryExpectation, selected []adminapi.Delivery, bad map[int64]bool) ([]Mismatch, error) {
	type check struct {
		key, want string
		got       func(adminapi.Delivery, []adminapi.Attempt) (string, error)
	}
	var checks []check
	if x.Attempts != nil {
		checks = append(checks, check{"attempts", strconv.Itoa(*x.Attempts), func(d adminapi.Delivery, _ []adminapi.Attempt) (string, error) {
			return strconv.Itoa(d.Attempts), nil
		}})
	}
	if x.Outcomes != nil {
		want := make([]string, len(x.Outcomes))
		for i, o := range x.Outcomes {
			want[i] = string(o)
		}
		checks = append(checks, check{"outcomes", list(want), func(_ adminapi.Delivery, as []adminapi.Attempt) (string, error) {
			got := make([]string, len(as))
			for i, a := range as {
				got[i] = string(a.Outcome)
			}
			return list(got), nil
		}})
	}
	if x.Offsets != nil {
		want := make([]string, len(x.Offsets))
		for i, o := range x.Offsets {
			want[i] = o.String()
		}
		checks = append(checks, check{"offsets", list(want), func(_ adminapi.Delivery, as []adminapi.Attempt) (string, error) {
			got := make([]string, len(as))
			for i, a := range as {
				got[i] = scenarios.Duration(a.At.Sub(as[0].At)).String()
			}
			return list(got), nil
		}})
	}
	if x.Status != "" {
		checks = append(checks, check{"status", string(x.Status), func(d adminapi.Delivery, _ []adminapi.Attempt) (string, error) {
			return string(d.Status), nil
		}})
	}
	if x.Signature != "" {
		checks = append(checks, check{"signature", string(x.Signature), sn.signature})
	}
	if x.Answer != nil {
		checks = append(checks, check{"answer", answered(*x.Answer), func(_ adminapi.Delivery, as []adminapi.Attempt) (string, error) {
			return answerOf(*x.Answer, as), nil
		}})
	}
	var out []Mismatch
	for _, c := range checks {
		var groups []string
		byGot := map[string][]int64{}
		for _, d := range selected {
			as, err := sn.attemptsOf(d)
			if err != nil {
				return nil, err
			}
			got, err := c.got(d, as)
			if err != nil {
				return nil, err
			}
			if got == c.want {
				continue
			}
			bad[d.ID] = true
			if _, ok := byGot[got]; !ok {
				groups = append(groups, got)
			}
			byGot[got] = append(byGot[got], d.ID)
		}
		if len(groups) == 0 {
			continue
		}
		m := Mismatch{Key: c.key, Expected: c.want}
		if len(selected) == 1 {
			m.Got = groups[0]
		} else {
			m.Expected += " for each delivery"
			parts := make([]string, len(groups))
			for i, g := range groups {
				parts[i] = g + " (" + deliveryIDs(byGot[g], len(selected)) + ")"
			}
			m.Got = strings.Join(parts, "; ")
		}
		out = append(out, m)
	}
	return out, nil
}

// answered is what an answer condition expects of every attempt.
func answered(a scenarios.Answer) string { return "every attempt answered " + a.String() }

// answerOf returns answered(a) when every attempt of as satisfies a (and
// there is one), else the first that does not: its status and duration
// (the wall time of the HTTP exchange the mock measured).
func answerOf(a scenarios.Answer, as []adminapi.Attempt) string {
	if len(as) == 0 {
		return "no attempt yet"
	}
	for _, at := range as {
		took := time.Duration(at.DurationMS * float64(time.Millisecond))
		if a.Matches(at.ResponseStatus, took) {
			continue
		}
		status := "no answer"
		if at.ResponseStatus != 0 {
			status = strconv.Itoa(at.ResponseStatus)
		}
		return fmt.Sprintf("attempt %d answered %s after %s", at.Number, status, roundDuration(took))
	}
	return answered(a)
}

// deliveryIDs names some of the selected deliveries: "1 of 3 deliveries:
// #5", "2 of 2 deliveries: #1, #3".
func deliveryIDs(ids []int64, of int) string {
	const shown = 5
	parts := make([]string, 0, min(len(ids), shown))
	for i, id := range ids {
		if i == shown {
			parts = append(parts, "…")
			break
		}
		parts = append(parts, "#"+strconv.FormatInt(id, 10))
	}
	return fmt.Sprintf("%d of %s: %s", len(ids), text.Plural(of, "delivery"), strings.Join(parts, ", "))
}

// list formats values as a YAML flow list.
func list(vs []string) string { return "[" + strings.Join(vs, ", ") + "]" }

// distinctHashes counts the different event hashes among ds.
func (sn *snapshot) distinctHashes(ds []adminapi.Delivery) (int, error) {
	events, err := sn.allEvents()
	if err != nil {
		return 0, err
	}
	hashOf := make(map[int64]string, len(events))
	for _, ev := range events {
		hashOf[ev.ID] = ev.Hash
	}
	seen := map[string]bool{}
	for _, d := range ds {
		seen[hashOf[d.EventID]] = true
	}
	return len(seen), nil
}

// arrival checks the order the first attempts of ds were answered in
// (the order bcmock recorded them: attempt ids) against the order their
// deliveries were made, the order the events were raised (delivery ids).
func (sn *snapshot) arrival(want scenarios.Arrival, ds []adminapi.Delivery) (*Mismatch, error) {
	raised := slices.Clone(ds)
	slices.SortFunc(raised, func(a, b adminapi.Delivery) int { return cmp.Compare(a.ID, b.ID) })
	first := make(map[int64]int64, len(ds)) // delivery -> its first attempt
	for _, d := range raised {
		as, err := sn.attemptsOf(d)
		if err != nil {
			return nil, err
		}
		if len(as) == 0 {
			return &Mismatch{Key: "arrival", Expected: string(want), Got: fmt.Sprintf("delivery #%d has no attempt yet", d.ID)}, nil
		}
		first[d.ID] = as[0].ID
	}
	arrived := slices.Clone(raised)
	slices.SortStableFunc(arrived, func(a, b adminapi.Delivery) int { return cmp.Compare(first[a.ID], first[b.ID]) })
	expected := slices.Clone(raised)
	if want == scenarios.ArrivalReversed {
		slices.Reverse(expected)
	}
	if slices.EqualFunc(arrived, expected, func(a, b adminapi.Delivery) bool { return a.ID == b.ID }) {
		return nil, nil
	}
	return &Mismatch{Key: "arrival", Expected: string(want) + ": " + deliveryOrder(expected), Got: deliveryOrder(arrived)}, nil
}

// deliveryOrder names deliveries in order: "#3, #2, #1".
func deliveryOrder(ds []adminapi.Delivery) string {
	ids := make([]string, len(ds))
	for i, d := range ds {
		ids[i] = "#" + strconv.FormatInt(d.ID, 10)
	}
	return strings.Join(ids, ", ")
}

// signedMessage is one attempt's body and headers, as sent or received.
type signedMessage struct {
	header http.Header
	body   []byte
	at     time.Time // arrival at a receiver; zero for logged attempts
}

// signature says whether every attempt of d is signed with its account's
// secret: "valid", "absent", or what is wrong. Callbacks a served
// receiver recorded are checked (what arrived); for other destinations,
// the attempt log (what bcmock sent).
func (sn *snapshot) signature(d adminapi.Delivery, as []adminapi.Attempt) (string, error) {
	var msgs []signedMessage
	if r := sn.se.receiverOf(d.Destination); r != nil && !r.target {
		for _, c := range r.byMessage(d.MessageID) {
			msgs = append(msgs, signedMessage{header: c.Header, body: c.Body, at: c.At})
		}
	} else {
		for _, a := range as {
			msgs = append(msgs, signedMessage{header: headerOf(a.Request.Headers), body: []byte(a.Request.Body)})
		}
	}
	if len(msgs) == 0 {
		return "no attempt arrived", nil
	}
	var absent, valid int
	var problems []string
	var v *receiver.Verifier
	for i, m := range msgs {
		if m.header.Get("webhook-signature") == "" {
			absent++
			problems = append(problems, fmt.Sprintf("attempt %d is not signed", i+1))
			continue
		}
		if v == nil {
			secret, err := sn.se.secret(sn.ctx, d.ClientID)
			if err != nil {
				return "", err
			}
			if v, err = receiver.NewVerifier(secret); err != nil {
				return "", fmt.Errorf("check signature: %w", err)
			}
		}
		arrival := m.at // zero for logged attempts: their timestamps are not checked
		if sn.se.fake {
			arrival = time.Time{}
		}
		if err := v.Verify(m.body, m.header, arrival); err != nil {
			problems = append(problems, fmt.Sprintf("attempt %d: %v", i+1, err))
			continue
		}
		valid++
	}
	switch {
	case valid == len(msgs):
		return string(scenarios.SignatureValid), nil
	case absent == len(msgs):
		return string(scenarios.SignatureAbsent), nil
	}
	return strings.Join(problems, "; "), nil
}

// secret returns an account's client secret, asked of the mock once.
func (se *Session) secret(ctx context.Context, clientID string) (string, error) {
	se.mu.Lock()
	s, ok := se.secrets[clientID]
	se.mu.Unlock()
	if ok {
		return s, nil
	}
	s, err := se.admin.Secret(ctx, clientID)
	if err != nil {
		return "", fmt.Errorf("check signature: %w", err)
	}
	se.mu.Lock()
	se.secrets[clientID] = s
	se.mu.Unlock()
	return s, nil
}

// receiverOf returns the receiver dest is on, or nil.
func (se *Session) receiverOf(dest string) *scenarioReceiver {
	for _, rc := range se.s.Receivers {
		if r := se.receivers[rc.Name]; r != nil && r.owns(dest) {
			return r
		}
	}
	return nil
}

// describeDestination names dest by its receiver when it has one.
func (se *Session) describeDestination(dest string) string {
	r := se.receiverOf(dest)
	if r == nil {
		return dest
	}
	rest := strings.TrimPrefix(dest, strings.TrimRight(r.url, "/"))
	if r.target {
		return "receiver " + r.name + " (target " + dest + ")"
	}
	if rest == "" {
		rest = "/"
	}
	return "receiver " + r.name + " " + rest
}

// hookName names a delivery's hook by its setup name, or "#id".
func (se *Session) hookName(store string, id int) string {
	for _, h := range se.s.Setup.Hooks {
		if st := se.hooks[h.Name]; st != nil && st.store == store && st.id == id {
			return h.Name
		}
	}
	return "#" + strconv.Itoa(id)
}

// seen describes a delivery with its attempts.
func (sn *snapshot) seen(d adminapi.Delivery) (DeliverySeen, error) {
	as, err := sn.attemptsOf(d)
	if err != nil {
		return DeliverySeen{}, err
	}
	out := DeliverySeen{
		ID: d.ID, Scope: d.Scope, Hook: sn.se.hookName(d.StoreHash, d.HookID), Destination: sn.se.describeDestination(d.Destination),
		Status: string(d.Status), Postponements: d.Postponements, LastError: d.LastError, Fault: d.Fault,
	}
	for _, a := range as {
		out.Attempts = append(out.Attempts, AttemptSeen{
			Number: a.Number, Offset: a.At.Sub(as[0].At), Status: a.ResponseStatus, Outcome: string(a.Outcome), Error: a.Error,
		})
	}
	if d.NextAttemptAt != nil {
		first := d.CreatedAt
		if len(as) > 0 {
			first = as[0].At
		}
		next := d.NextAttemptAt.Sub(first)
		out.NextAttempt = &next
	}
	return out, nil
}

// nearby says what was delivered when a condition selected nothing: the
// deliveries the same selectors give without scope, or that nothing at
// all went there.
func (sn *snapshot) nearby(x scenarios.DeliveryExpectation, all []adminapi.Delivery) string {
	if x.Scope != "" {
		wide := x
		wide.Scope = ""
		counts := map[string]int{}
		var scopes []string
		for _, d := range all {
			if sn.se.selects(wide, d) {
				if counts[d.Scope] == 0 {
					scopes = append(scopes, d.Scope)
				}
				counts[d.Scope]++
			}
		}
		if len(scopes) > 0 {
			parts := make([]string, len(scopes))
			for i, s := range scopes {
				parts[i] = s + " ×" + strconv.Itoa(counts[s])
			}
			return subject(wide) + " are of other scopes: " + strings.Join(parts, ", ")
		}
	}
	if x.Hook != "" {
		if h := sn.se.hooks[x.Hook]; h != nil {
			return fmt.Sprintf("no event reached hook %s (id %d in store %s) at all; check its scope and that it is active", x.Hook, h.id, h.store)
		}
	}
	return fmt.Sprintf("the mock made %s in all", text.Plural(len(all), "delivery"))
}

// hook checks a hook's state.
func (sn *snapshot) hook(path string, x scenarios.HookExpectation) (*Failure, error) {
	h, ok := sn.se.hooks[x.Name]
	if !ok {
		return nil, fmt.Errorf("check hook %s: %w: no such setup hook", x.Name, ErrBadOption)
	}
	got, err := sn.hookStatus(h)
	if err != nil {
		return nil, err
	}
	if got == string(x.Status) {
		return nil, nil
	}
	f := &Failure{Path: path, Subject: fmt.Sprintf("hook %s (id %d in store %s)", x.Name, h.id, h.store),
		Mismatches: []Mismatch{{Key: "status", Expected: string(x.Status), Got: got}}}
	switch got {
	case string(scenarios.HookDeactivated):
		f.Note = "bcmock deactivated it after the last attempt of a delivery failed"
	case string(scenarios.HookActive):
		if x.Status == scenarios.HookDeactivated {
			f.Note = "a hook is deactivated only when every attempt of the retry schedule failed; has the clock moved far enough?"
		}
	}
	return f, nil
}

// hookStatus reads a hook's state through the v3 API: deleted (404), or
// its /hooks/admin status.
func (sn *snapshot) hookStatus(h *hookState) (string, error) {
	got, found, err := sn.se.bc.getHook(sn.ctx, h.store, h.token, h.id)
	if err != nil {
		return "", fmt.Errorf("check hook %s: %w", h.name, err)
	}
	if !found {
		return string(scenarios.HookDeleted), nil
	}
	if got.IsActive {
		return string(scenarios.HookActive), nil
	}
	admin, err := sn.admin(h.store, h.token)
	if err != nil {
		return "", fmt.Errorf("check hook %s: %w", h.name, err)
	}
	for _, item := range admin.HooksList {
		if item.ID == h.id && item.Status != "" {
			return item.Status, nil
		}
	}
	return string(scenarios.HookInactive), nil
}

// block checks whether a destination domain is blocked.
func (sn *snapshot) block(path string, x scenarios.BlockExpectation) (*Failure, error) {
	origin, name := bigcommerce.Origin(x.Destination), x.Destination
	if x.Receiver != "" {
		r, ok := sn.se.receivers[x.Receiver]
		if !ok {
			return nil, fmt.Errorf("check blocklist: %w: no receiver %q", ErrBadOption, x.Receiver)
		}
		origin, name = r.origin(), "receiver "+x.Receiver
	}
	store := sn.se.storeOf(x)
	admin, err := sn.admin(store, x.Token)
	if err != nil {
		return nil, fmt.Errorf("check blocklist: %w", err)
	}
	blocked, left := false, 0
	var others []string
	for _, b := range admin.BlockedDomains {
		if bigcommerce.Origin(b.Destination) == origin {
			blocked, left = true, b.TimeLeft
			continue
		}
		others = append(others, b.Destination)
	}
	want := x.Blocked == nil || *x.Blocked
	if blocked == want {
		return nil, nil
	}
	f := &Failure{Path: path, Subject: fmt.Sprintf("the domain of %s (%s) for token %s", name, origin, x.Token)}
	if blocked {
		f.Mismatches = []Mismatch{{Key: "blocked", Expected: "false", Got: fmt.Sprintf("true (for %ds more)", left)}}
	} else {
		f.Mismatches = []Mismatch{{Key: "blocked", Expected: "true", Got: "false"}}
		f.Note = "a domain is blocked once the account has 100 attempts to it within 2 minutes and fewer than 90% succeeded"
	}
	if len(others) > 0 {
		f.Note = joinNotes(f.Note, "blocked domains: "+strings.Join(others, ", "))
	}
	return f, nil
}

// storeOf picks the store whose /hooks/admin shows a block: that of a
// setup hook of the token to the same receiver or destination, else of any
// hook of the token, else the first store. Blocks are per account and
// domain, so any store of the account shows them.
func (se *Session) storeOf(x scenarios.BlockExpectation) string {
	for _, h := range se.s.Setup.Hooks {
		if h.Token == x.Token && ((x.Receiver != "" && h.Receiver == x.Receiver) || (x.Destination != "" && bigcommerce.Origin(h.Destination) == bigcommerce.Origin(x.Destination))) {
			return h.Store
		}
	}
	for _, h := range se.s.Setup.Hooks {
		if h.Token == x.Token {
			return h.Store
		}
	}
	return se.s.Setup.Stores[0]
}

// exception counts the store/hook/deliveryException events about a hook.
func (sn *snapshot) exception(path string, x scenarios.ExceptionExpectation) (*Failure, error) {
	h, ok := sn.se.hooks[x.Hook]
	if !ok {
		return nil, fmt.Errorf("check exceptions: %w: no such setup hook %q", ErrBadOption, x.Hook)
	}
	events, err := sn.allEvents()
	if err != nil {
		return nil, err
	}
	got := 0
	codes := map[int]int{}
	var order []int
	for _, ev := range events {
		if ev.StoreHash != h.store || ev.Scope != bigcommerce.DeliveryException {
			continue
		}
		var env struct {
			Data struct {
				ID        int `json:"id"`
				ErrorCode int `json:"error_code"`
			} `json:"data"`
		}
		if json.Unmarshal([]byte(ev.Body), &env) != nil || env.Data.ID != h.id {
			continue
		}
		if codes[env.Data.ErrorCode] == 0 {
			order = append(order, env.Data.ErrorCode)
		}
		codes[env.Data.ErrorCode]++
		if env.Data.ErrorCode == x.ErrorCode {
			got++
		}
	}
	want := "at least 1"
	if x.Count != nil {
		want = strconv.Itoa(*x.Count)
	}
	if (x.Count == nil && got > 0) || (x.Count != nil && got == *x.Count) {
		return nil, nil
	}
	f := &Failure{Path: path, Subject: fmt.Sprintf("store/hook/deliveryException %d events about hook %s (id %d in store %s)", x.ErrorCode, x.Hook, h.id, h.store),
		Mismatches: []Mismatch{{Key: "count", Expected: want, Got: strconv.Itoa(got)}}}
	if len(order) > 0 {
		parts := make([]string, len(order))
		for i, c := range order {
			parts[i] = fmt.Sprintf("%d ×%d", c, codes[c])
		}
		f.Note = "exceptions about the hook: " + strings.Join(parts, ", ")
	} else {
		f.Note = "no deliveryException at all was raised about the hook"
	}
	return f, nil
}
