package scenarios

import (
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Validate applies the defaults (ApplyDefaults), then checks the whole
// scenario: references between its parts (stores, tokens, hooks,
// receivers), scopes against BigCommerce's catalogue, BigCommerce's hook
// limits, values in range, and expectations that could never hold. It
// returns every problem at once as Problems, with positions when the
// scenario was parsed, or nil.
func (s *Scenario) Validate() error {
	s.ApplyDefaults()
	ps, truncated := s.check()
	return ps.finish(truncated)
}

// check returns the problems of a scenario whose defaults are applied, and
// whether some were left out beyond maxProblems.
func (s *Scenario) check() (Problems, bool) {
	c := newChecker(s)
	c.setup()
	c.receivers()
	c.setupHooks()
	c.steps()
	c.writtenZeros()
	return c.problems, c.truncated
}

// noZero lists the keys (by the end of their path) where zero means "the
// default" in Go, so that a 0 written in a file would silently become
// something else: such a 0 is refused.
var noZero = []string{".raise.count", ".action.channel", ".action.order_id", ".action.status",
	".action.location_id", "setup.delivery_timeout", ".wait.timeout"}

// writtenZeros reports the zeros a file wrote where zero means "default",
// unless another problem is already reported there.
func (c *checker) writtenZeros() {
	if c.s.src == nil {
		return
	}
	reported := map[string]bool{}
	for _, p := range c.problems {
		reported[p.Path] = true
	}
	for _, path := range sortedKeys(c.s.src.zeros) {
		for _, suffix := range noZero {
			if strings.HasSuffix(path, suffix) && !reported[path] {
				key := path[strings.LastIndex(path, ".")+1:]
				c.add(path, key+" cannot be 0", "leave "+key+" out to get its default")
			}
		}
	}
}

// maxProblems bounds the problems listed for one scenario; a file with
// more has a problem that causes the rest.
const maxProblems = 200

// checker holds what validation has learnt so far about one scenario.
type checker struct {
	s         *Scenario
	problems  Problems
	truncated bool              // problems were left out beyond maxProblems
	hookIdx   map[string]*Hook  // hooks by name
	hookNames []string          // for hints
	rcvs      map[string]bool   // receiver names
	rcvNames  []string          // for hints
	stores    map[string]bool   // declared store hashes
	tokens    []string          // declared tokens, for hints
	tokenSet  map[string]bool   // the same, as a set
	used      map[string]bool   // receivers some hook delivers to
	deleted   map[string]string // hook name → path of the step that deleted it
	excHooks  map[string]bool   // store+token pairs with a delivery-exception hook
	// unread says, per list of declared names ("receivers", "setup.hooks",
	// "setup.stores", "setup.accounts"), that some could not be read, so
	// that a reference to an undeclared one is no problem of its own.
	unread map[string]bool
	// usesUnread: some hook's receiver could not be read, so a receiver
	// no hook seems to use may be used after all.
	usesUnread bool
}

// newChecker indexes s's names, so that every reference is checked in
// constant time whatever the size of the file.
func newChecker(s *Scenario) *checker {
	c := &checker{s: s, hookIdx: map[string]*Hook{}, rcvs: map[string]bool{}, stores: map[string]bool{},
		tokenSet: map[string]bool{}, used: map[string]bool{}, deleted: map[string]string{}, excHooks: map[string]bool{},
		unread: map[string]bool{
			"receivers":      s.src.namesUnread("receivers", "name"),
			"setup.hooks":    s.src.namesUnread("setup.hooks", "name"),
			"setup.stores":   s.src.namesUnread("setup.stores", ""),
			"setup.accounts": s.src.namesUnread("setup.accounts", "token"),
		},
		usesUnread: s.src.fieldUnread("setup.hooks", "receiver")}
	for i := range s.Setup.Hooks {
		h := &s.Setup.Hooks[i]
		if _, dup := c.hookIdx[h.Name]; !dup && h.Name != "" {
			c.hookIdx[h.Name] = h
			c.hookNames = append(c.hookNames, h.Name)
		}
		c.used[h.Receiver] = true
		if h.Scope == bigcommerce.DeliveryException {
			c.excHooks[h.Store+"\x00"+h.Token] = true
		}
	}
	for _, r := range s.Receivers {
		c.rcvs[r.Name] = true
		c.rcvNames = append(c.rcvNames, r.Name)
	}
	for _, st := range s.Setup.Stores {
		c.stores[st] = true
	}
	for _, a := range s.Setup.Accounts {
		c.tokens = append(c.tokens, a.Token)
		c.tokenSet[a.Token] = true
	}
	for _, st := range s.Steps {
		if st.Hook != nil && st.Hook.Update != "" {
			c.used[st.Hook.Receiver] = true
		}
	}
	return c
}

// full reports whether no more problems will be listed.
func (c *checker) full() bool { return len(c.problems) >= maxProblems }

// hint returns f(), or "" when no more problems will be listed, so that a
// costly hint (a nearest name among thousands) is worked out only when
// shown.
func (c *checker) hint(f func() string) string {
	if c.full() {
		return ""
	}
	return f()
}

// add records a problem at path, unless it would only repeat a decoding
// problem (see related).
func (c *checker) add(path, msg, hint string) {
	if c.s.src.related(path) {
		return
	}
	if c.full() {
		c.truncated = true
		return
	}
	pos := c.s.src.pos(path)
	file := ""
	if c.s.src != nil {
		file = c.s.src.file
	}
	c.problems = append(c.problems, Problem{File: file, Line: pos.Line, Column: pos.Column, Path: path, Message: msg, Hint: hint})
}

// addAtKey records a problem about the key of path (not its value), such
// as a bad header name.
func (c *checker) addAtKey(path, msg, hint string) {
	n := len(c.problems)
	c.add(path, msg, hint)
	if p, ok := c.s.src.keyPos(path); ok && len(c.problems) > n {
		c.problems[n].Line, c.problems[n].Column = p.Line, p.Column
	}
}

// missing records that none of keys is given in the mapping at path, at
// the first key, unless one of them is written under a misspelt name:
// that is reported already, as an unknown key.
func (c *checker) missing(path string, keys []string, msg, hint string) {
	for _, k := range keys {
		if c.s.src.related(path + "." + k) {
			return
		}
	}
	c.add(path+"."+keys[0], msg, hint)
}

// namePattern is what hook and receiver names may hold.
var namePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// storePattern is what store hashes may hold, as the mock's event package
// accepts.
var storePattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// setup checks stores, accounts, clock and delivery settings.
func (c *checker) setup() {
	su := &c.s.Setup
	if len(su.Stores) == 0 {
		c.add("setup.stores", "no store is declared", "write stores: [abc123]")
	}
	c.unique("setup.stores", len(su.Stores), "", "store", func(i int) string { return su.Stores[i] })
	for i, st := range su.Stores {
		if st != "" && !storePattern.MatchString(st) {
			c.add(index("setup.stores", i), "store hash "+strconv.Quote(st)+" may hold only letters, digits, '-' and '_'", "")
		}
	}
	c.accounts()
	c.clock()
	c.seeds()
	c.entitySeeds()
	if su.DeliveryTimeout <= 0 {
		c.add("setup.delivery_timeout", "delivery_timeout must be positive, got "+su.DeliveryTimeout.String(), "")
	}
}

// accounts checks that tokens and client ids are given and unique.
func (c *checker) accounts() {
	acc := c.s.Setup.Accounts
	c.unique("setup.accounts", len(acc), "token", "token", func(i int) string { return acc[i].Token })
	c.unique("setup.accounts", len(acc), "client_id", "client_id", func(i int) string { return acc[i].ClientID })
	for i, a := range acc {
		if strings.TrimSpace(a.Token) == "" {
			c.add(index("setup.accounts", i)+".token", "token is required", "")
		}
		for j, st := range a.Stores {
			if !storePattern.MatchString(st) {
				c.add(index(index("setup.accounts", i)+".stores", j), "store hash "+strconv.Quote(st)+" may hold only letters, digits, '-' and '_'", "")
			}
		}
	}
}

// unique reports repeated non-empty values among the n items of list, at
// the later item. field is the item's key holding the value ("" when the
// items are the values) and what names the value in the message.
func (c *checker) unique(list string, n int, field, what string, key func(int) string) {
	first := map[string]int{}
	for i := range n {
		k := key(i)
		if k == "" {
			continue
		}
		if j, dup := first[k]; dup {
			path := index(list, i)
			if field != "" {
				path += "." + field
			}
			c.add(path, what+" "+strconv.Quote(k)+" is declared twice", "the first is "+index(list, j))
			continue
		}
		first[k] = i
	}
}

// clock checks the clock mode and start.
func (c *checker) clock() {
	ck := c.s.Setup.Clock
	modes := []string{string(ClockReal), string(ClockFake)}
	if !contains(modes, string(ck.Mode)) {
		c.add("setup.clock.mode", "clock mode "+strconv.Quote(string(ck.Mode))+" is not "+oneOf(modes),
			didYouMean("", closest(string(ck.Mode), modes)))
	}
	if !ck.Start.IsZero() && ck.Mode == ClockReal {
		c.add("setup.clock.start", "start sets the fake clock, but the clock is real", "set mode: fake")
	}
}

// fake reports whether the scenario runs on the fake clock.
func (c *checker) fake() bool { return c.s.Setup.Clock.Mode == ClockFake }

// receivers checks names and scripted responses.
func (c *checker) receivers() {
	rs := c.s.Receivers
	c.unique("receivers", len(rs), "name", "receiver", func(i int) string { return rs[i].Name })
	for i, r := range rs {
		path := index("receivers", i)
		c.name(path, r.Name, "receiver")
		for j, resp := range r.Responses {
			c.response(index(path+".responses", j), resp)
		}
		c.refuseUnverified(path+".refuse_unverified", r)
	}
}

// refuseUnverified checks a receiver's refuse_unverified: a 4xx, and one
// account behind the receiver's hooks, whose secret it verifies with.
func (c *checker) refuseUnverified(path string, r Receiver) {
	if r.RefuseUnverified == 0 {
		return
	}
	if r.RefuseUnverified < 400 || r.RefuseUnverified > 499 {
		c.add(path, "refuse_unverified must be a 4xx status such as 401, got "+strconv.Itoa(r.RefuseUnverified), "")
		return
	}
	tokens := map[string]bool{}
	for _, h := range c.s.Setup.Hooks {
		if h.Receiver == r.Name {
			tokens[h.Token] = true
		}
	}
	if len(tokens) > 1 {
		c.add(path, "refuse_unverified verifies with one account's secret, but receiver "+strconv.Quote(r.Name)+"'s hooks belong to "+strconv.Itoa(len(tokens))+" accounts", "give each account's hooks a receiver of their own")
	}
}

// name checks a hook or receiver name.
func (c *checker) name(path, name, what string) {
	switch {
	case name == "":
		c.add(path+".name", "name is required", "a "+what+" is referred to by its name")
	case !namePattern.MatchString(name):
		c.add(path+".name", what+" name "+strconv.Quote(name)+" may hold only letters, digits, '.', '-' and '_'", "")
	}
}

// response checks one scripted response.
func (c *checker) response(path string, r Response) {
	faults := []string{string(FaultTimeout), string(FaultClose)}
	switch {
	case r.Status == 0 && r.Fault == "":
		c.add(path, "a response needs a status or a fault", "e.g. {status: 200, delay: 1s}")
	case r.Status != 0 && r.Fault != "":
		c.add(path, "a response is a status or a fault, not both", "")
	case r.Fault != "" && !contains(faults, string(r.Fault)):
		hint := didYouMean("", closest(string(r.Fault), faults))
		c.add(path, strconv.Quote(string(r.Fault))+" is not a response: write an HTTP status, timeout or close", hint)
	case r.Fault == "" && (r.Status < 200 || r.Status > 599):
		c.add(path, "status "+strconv.Itoa(r.Status)+" is not an HTTP status from 200 to 599", "")
	}
	if r.Delay < 0 {
		c.add(path+".delay", "delay must not be negative, got "+r.Delay.String(), "")
	}
	if r.Fault == FaultTimeout && r.Delay != 0 {
		c.add(path+".delay", "a timeout hangs until delivery_timeout; a delay adds nothing", "remove delay")
	}
	if r.Fault != "" && (r.Body != "" || r.Headers != nil) {
		c.add(path, "body and headers go with a status, not with "+string(r.Fault), "")
	}
	c.headers(path+".headers", r.Headers)
}

// headers checks header names and values.
func (c *checker) headers(path string, h map[string]string) {
	for _, k := range sortedKeys(h) {
		if !isToken(k) {
			c.addAtKey(join(path, k), "header name "+strconv.Quote(k)+" is not a valid HTTP header name", "")
		}
		if strings.ContainsAny(h[k], "\r\n\x00") {
			c.add(join(path, k), "a header value cannot hold line breaks or NUL", "")
		}
	}
}

// setupHooks checks the hooks of the setup and BigCommerce's limits on them.
func (c *checker) setupHooks() {
	hs := c.s.Setup.Hooks
	c.unique("setup.hooks", len(hs), "name", "hook", func(i int) string { return hs[i].Name })
	for i, h := range hs {
		path := index("setup.hooks", i)
		c.name(path, h.Name, "hook")
		c.storeRef(path+".store", h.Store, true)
		c.tokenRef(path+".token", h.Token)
		c.subscription(path+".scope", h.Scope)
		c.destination(path, h.Destination, h.Receiver, h.Path, true)
		c.headers(path+".headers", h.Headers)
		c.faults(path+".faults", h.Faults, true)
	}
	c.limits()
}

// limits applies BigCommerce's platform limits: one hook per store,
// account, scope and destination; ten per store, account and scope; and
// the rules of delivery-exception hooks.
func (c *checker) limits() {
	same := map[string]int{}     // account+scope+destination → first hook
	perScope := map[string]int{} // account+scope → hooks
	for i, h := range c.s.Setup.Hooks {
		path := index("setup.hooks", i)
		account := h.Store + "\x00" + h.Token
		key := account + "\x00" + h.Scope + "\x00" + destKey(h)
		if j, dup := same[key]; dup {
			c.add(path, "this hook repeats "+index("setup.hooks", j)+"'s store, account, scope and destination",
				"BigCommerce allows only one such hook")
		} else {
			same[key] = i
		}
		if perScope[account+"\x00"+h.Scope]++; perScope[account+"\x00"+h.Scope] == MaxHooksPerScope+1 {
			c.add(path, "an account may have at most 10 hooks per store and scope", "")
		}
	}
	c.exceptionHooks()
}

// exceptionHooks checks that an account has at most one
// delivery-exception hook per store, with a destination no other hook of
// the account uses.
func (c *checker) exceptionHooks() {
	hs := c.s.Setup.Hooks
	dests := map[string]int{} // account+destination → first other hook
	for i, h := range hs {
		if k := h.Store + "\x00" + h.Token + "\x00" + destKey(h); h.Scope != bigcommerce.DeliveryException {
			if _, seen := dests[k]; !seen {
				dests[k] = i
			}
		}
	}
	first := map[string]int{} // account → first exception hook
	for i, h := range hs {
		account := h.Store + "\x00" + h.Token
		switch j, dup := first[account]; {
		case h.Scope != bigcommerce.DeliveryException:
		case dup:
			c.add(index("setup.hooks", i), "an account may have one "+bigcommerce.DeliveryException+" hook per store", "the first is "+index("setup.hooks", j))
		default:
			first[account] = i
			if j, shared := dests[account+"\x00"+destKey(h)]; shared {
				c.add(index("setup.hooks", i), "the "+bigcommerce.DeliveryException+" hook shares its destination with "+index("setup.hooks", j),
					"BigCommerce requires a destination of its own")
			}
		}
	}
}

// destKey identifies a hook's destination for uniqueness checks.
func destKey(h Hook) string {
	if h.Receiver != "" {
		return "receiver:" + h.Receiver + h.Path
	}
	return h.Destination
}

// storeRef checks a reference to a store. Empty is a problem only when
// required (a default could not be chosen).
func (c *checker) storeRef(path, store string, required bool) {
	stores := c.s.Setup.Stores
	switch {
	case store == "" && required && len(stores) > 1:
		c.add(path, "store is required: setup declares "+strconv.Itoa(len(stores))+" stores",
			c.hint(func() string { return "one of " + oneOf(stores) }))
	case store != "" && len(stores) > 0 && !c.stores[store] && !c.unread["setup.stores"]:
		c.add(path, "unknown store "+strconv.Quote(store), c.hint(func() string { return refHint("store", store, stores, "setup.stores") }))
	}
}

// tokenRef checks a reference to an account by token. Without declared
// accounts any token is its own account.
func (c *checker) tokenRef(path, token string) {
	switch {
	case token == "" && len(c.tokens) > 1:
		c.add(path, "token is required: setup declares "+strconv.Itoa(len(c.tokens))+" accounts",
			c.hint(func() string { return "one of " + oneOf(c.tokens) }))
	case token != "" && len(c.tokens) > 0 && !c.tokenSet[token] && !c.unread["setup.accounts"]:
		c.add(path, "unknown token "+strconv.Quote(token), c.hint(func() string { return refHint("token", token, c.tokens, "setup.accounts") }))
	}
}

// refHint suggests a declared name, or says where to declare it.
func refHint(what, got string, names []string, where string) string {
	if s := closest(got, names); s != "" {
		return didYouMean(what, s)
	}
	return "declare it in " + where
}

// subscription checks a hook scope: an event or a wildcard.
func (c *checker) subscription(path, s string) {
	if s == "" {
		c.add(path, "scope is required", "e.g. store/order/*")
		return
	}
	if !bigcommerce.Known(s) {
		c.unknownScope(path, s)
	}
}

// event checks a scope that is raised: a concrete event.
func (c *checker) event(path, s string) {
	switch {
	case s == "":
		c.add(path, "scope is required", "e.g. store/order/created")
	case bigcommerce.IsWildcard(s) && bigcommerce.Known(s):
		c.add(path, strconv.Quote(s)+" is a subscription, not an event", "raise one event, e.g. "+strconv.Quote(firstEvent(s)))
	case !bigcommerce.KnownEvent(s):
		c.unknownScope(path, s)
	}
}

// unknownScope explains why s is not a documented scope.
func (c *checker) unknownScope(path, s string) {
	if bigcommerce.IsTemplated(s) {
		c.add(path, strconv.Quote(s)+" still has the "+bigcommerce.ChannelPlaceholder+" placeholder",
			"put a channel id in its place, e.g. "+strconv.Quote(bigcommerce.Fill(s, 1)))
		return
	}
	c.add(path, strconv.Quote(s)+" is not a scope BigCommerce documents", c.hint(func() string { return didYouMean("", bigcommerce.Suggest(s)) }))
}

// firstEvent returns the first concrete event a wildcard subscription
// covers, for hints.
func firstEvent(wildcard string) string {
	t, ch := bigcommerce.Template(wildcard)
	for _, e := range bigcommerce.Events() {
		if bigcommerce.Matches(t, e) {
			if ch > 0 {
				return bigcommerce.Fill(e, ch)
			}
			return e
		}
	}
	return "store/order/created"
}

// destination checks a hook's destination: a URL or a receiver (with an
// optional path). When required, one of them must be given.
func (c *checker) destination(path, dest, receiver, rpath string, required bool) {
	switch {
	case dest != "" && receiver != "":
		c.add(path+".receiver", "a hook delivers to a destination or a receiver, not both", "")
	case dest == "" && receiver == "" && required:
		c.missing(path, []string{"destination", "receiver"}, "destination or receiver is required", "e.g. receiver: app, or destination: https://app.example.com/webhooks")
	case dest != "":
		c.url(path+".destination", dest, c.s.Setup.StrictDestinations)
	default:
		c.receiverRef(path+".receiver", receiver)
	}
	if rpath != "" && dest != "" {
		c.add(path+".path", "path goes with receiver", "put the path in the destination URL")
	}
	if rpath != "" && !strings.HasPrefix(rpath, "/") {
		c.add(path+".path", "path must start with /, got "+strconv.Quote(rpath), "")
	}
}

// url checks an absolute http(s) URL; strict applies BigCommerce's https
// on port 443 rule.
func (c *checker) url(path, raw string, strict bool) {
	d, err := bigcommerce.ParseDestination(raw)
	if err != nil {
		c.add(path, strconv.Quote(raw)+" is not an absolute http(s) URL", "e.g. https://app.example.com/webhooks")
		return
	}
	if strict && d.ProductionProblem() != "" {
		c.add(path, "strict_destinations refuses "+strconv.Quote(raw), "BigCommerce delivers only to https on port 443")
	}
}

// receiverRef checks a reference to a receiver.
func (c *checker) receiverRef(path, name string) {
	if name != "" && !c.rcvs[name] && !c.unread["receivers"] {
		c.add(path, "unknown receiver "+strconv.Quote(name), c.hint(func() string { return refHint("receiver", name, c.rcvNames, "receivers") }))
	}
}

// hookRef checks a reference to a hook of the setup and returns it, or nil.
func (c *checker) hookRef(path, name string) *Hook {
	h, ok := c.hookIdx[name]
	if !ok && !c.unread["setup.hooks"] {
		c.add(path, "unknown hook "+strconv.Quote(name), c.hint(func() string { return refHint("hook", name, c.hookNames, "setup.hooks") }))
	}
	return h
}

// index formats list[i].
func index(list string, i int) string { return list + "[" + strconv.Itoa(i) + "]" }

// isToken reports whether s is a valid HTTP header name (an RFC 9110
// token).
func isToken(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r > 0x7e || r <= ' ' || strings.ContainsRune(`"(),/:;<=>?@[\]{}`, r) {
			return false
		}
	}
	return true
}

// sortedKeys returns the keys of m in order, for deterministic problems.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// seeds checks the setup's orders and carts: known stores, ids unique per
// store, lines with quantities and amounts.
func (c *checker) seeds() {
	su := &c.s.Setup
	orders := map[[2]string]string{}
	for i, o := range su.Orders {
		path := index("setup.orders", i)
		c.storeRef(path+".store", o.Store, true)
		if o.ID < 0 {
			c.add(path+".id", "id must be an order id (1 or more), got "+strconv.Itoa(o.ID), "")
		}
		if o.ID > 0 {
			key := [2]string{o.Store, strconv.Itoa(o.ID)}
			if first, dup := orders[key]; dup {
				c.add(path+".id", "order "+key[1]+" is seeded twice", "the first is "+first)
			}
			orders[key] = path
		}
		if o.StatusID != nil {
			if _, ok := bigcommerce.StatusName(*o.StatusID); !ok {
				c.add(path+".status_id", "status_id must be an order status, 0 to 14, got "+strconv.Itoa(*o.StatusID), "")
			}
		}
		for j, l := range o.Lines {
			lp := index(path+".lines", j)
			if l.Quantity < 1 {
				c.add(lp+".quantity", "quantity must be at least 1, got "+strconv.Itoa(l.Quantity), "")
			}
			if l.ProductID == 0 && (l.Name == "" || l.PriceExTax == "") {
				c.add(lp, "a line needs product_id, or name and price_ex_tax for a custom product", "")
			}
			c.amount(lp+".price_ex_tax", l.PriceExTax)
		}
	}
	carts := map[[2]string]string{}
	for i, ct := range su.Carts {
		path := index("setup.carts", i)
		c.storeRef(path+".store", ct.Store, true)
		if ct.ID != "" {
			key := [2]string{ct.Store, ct.ID}
			if first, dup := carts[key]; dup {
				c.add(path+".id", "cart "+ct.ID+" is seeded twice", "the first is "+first)
			}
			carts[key] = path
		}
		for j, l := range ct.LineItems {
			lp := index(path+".line_items", j)
			if l.ProductID < 1 {
				c.add(lp+".product_id", "product_id is required (1 or more)", "")
			}
			if l.Quantity < 1 {
				c.add(lp+".quantity", "quantity must be at least 1, got "+strconv.Itoa(l.Quantity), "")
			}
			c.amount(lp+".list_price", l.ListPrice)
		}
	}
}

// amount checks a decimal amount, when given.
func (c *checker) amount(path, s string) {
	if s != "" && !amountPattern.MatchString(s) {
		c.add(path, "want an amount with at most four decimals, got "+strconv.Quote(s), `write "12.50"`)
	}
}

// amountPattern is an amount of the control API's seeding (MoneyIn).
var amountPattern = regexp.MustCompile(`^[0-9]{1,12}(\.[0-9]{1,4})?$`)
