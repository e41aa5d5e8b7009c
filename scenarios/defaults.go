package scenarios

import (
	"crypto/sha1"
	"fmt"
	"slices"
	"strconv"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// ApplyDefaults fills in every value the format defaults (see the field
// docs and FORMAT.md), so that a runner never has to. It only sets fields
// that are empty, so it is idempotent, and it never fails: defaults that
// cannot be chosen (a store when there are several) are left empty for
// Validate to report. Parse, Load and Validate call it.
func (s *Scenario) ApplyDefaults() {
	if s.Name == "" && s.src != nil && s.src.file != "" {
		s.Name = defaultName(s.src.file)
	}
	s.Setup.applyDefaults()
	for i := range s.Receivers {
		if len(s.Receivers[i].Responses) == 0 {
			s.Receivers[i].Responses = []Response{{Status: 200}}
		}
	}
	st := orderState{next: firstOrderID, orders: map[int]orderFacts{}}
	for i := range s.Steps {
		s.Steps[i].applyDefaults(&s.Setup, i, &st)
	}
}

// applyDefaults fills the setup's defaults.
func (su *Setup) applyDefaults() {
	if su.Clock.Mode == "" {
		su.Clock.Mode = ClockReal
	}
	if su.Seed == 0 {
		su.Seed = DefaultSeed
	}
	if su.RetrySchedule.IsZero() {
		su.RetrySchedule.Schedule = slices.Clone(bigcommerce.DefaultSchedule)
	}
	if su.DeliveryTimeout == 0 {
		su.DeliveryTimeout = DefaultDeliveryTimeout
	}
	for i := range su.Orders {
		su.Orders[i].Store = orDefault(su.Orders[i].Store, su.defaultStore())
	}
	for i := range su.Carts {
		su.Carts[i].Store = orDefault(su.Carts[i].Store, su.defaultStore())
	}
	su.entityDefaults()
	for i := range su.Hooks {
		h := &su.Hooks[i]
		h.Store = orDefault(h.Store, su.defaultStore())
		h.Token = orDefault(h.Token, su.defaultToken())
		if h.IsActive == nil {
			h.IsActive = ptr(true)
		}
		if h.Receiver != "" && h.Destination == "" && h.Path == "" {
			h.Path = "/"
		}
	}
}

// defaultStore is the only store, or "" when there are several.
func (su *Setup) defaultStore() string {
	if len(su.Stores) == 1 {
		return su.Stores[0]
	}
	return ""
}

// defaultToken is the only account's token, DefaultToken without
// accounts, or "" when there are several.
func (su *Setup) defaultToken() string {
	switch len(su.Accounts) {
	case 0:
		return DefaultToken
	case 1:
		return su.Accounts[0].Token
	}
	return ""
}

// orderState follows orders through the actions of a scenario, for the
// defaults of later actions on the same order.
type orderState struct {
	next   int                // order_id of the next checkout
	latest int                // order_id of the latest checkout; 0 before any
	orders map[int]orderFacts // what earlier actions did to each order
}

// orderFacts is what the scenario's actions so far say about one order.
type orderFacts struct {
	store   string
	channel int
	status  int // the status the latest action left it in
}

// firstOrderID is the order_id of a scenario's first checkout.
const firstOrderID = 100

// awaitingFulfillment is status 11, where a paid order waits.
const awaitingFulfillment = 11

// applyDefaults fills the defaults of step number i.
func (st *Step) applyDefaults(su *Setup, i int, orders *orderState) {
	switch {
	case st.Raise != nil:
		st.Raise.Store = orDefault(st.Raise.Store, su.defaultStore())
		if st.Raise.Count == 0 {
			st.Raise.Count = 1
		}
	case st.Action != nil:
		st.Action.applyDefaults(su, i, orders)
	case st.Wait != nil:
		if st.Wait.Timeout == 0 {
			st.Wait.Timeout = DefaultWaitTimeout
		}
		st.Wait.Until.applyDefaults(su)
	case st.Expect != nil:
		st.Expect.applyDefaults(su)
	case st.Pay != nil:
		st.Pay.Store = orDefault(st.Pay.Store, su.defaultStore())
	case st.Hook != nil:
		if st.Hook.Update != "" && st.Hook.Receiver != "" && st.Hook.Destination == "" && st.Hook.Path == "" {
			st.Hook.Path = "/"
		}
	}
}

// applyDefaults fills the blocklist expectations' defaults.
func (e *Expect) applyDefaults(su *Setup) {
	for i := range e.Orders {
		x := &e.Orders[i]
		x.Store = orDefault(x.Store, su.defaultStore())
		if x.Exists == nil {
			x.Exists = ptr(true)
		}
	}
	for i := range e.Carts {
		x := &e.Carts[i]
		x.Store = orDefault(x.Store, su.defaultStore())
		if x.Exists == nil {
			x.Exists = ptr(true)
		}
	}
	e.entityDefaults(su)
	for i := range e.Blocklist {
		b := &e.Blocklist[i]
		b.Token = orDefault(b.Token, su.defaultToken())
		if b.Blocked == nil {
			b.Blocked = ptr(true)
		}
	}
}

// applyDefaults fills the parameters an action takes and leaves empty.
// Parameters the action does not take are left alone for Validate. An
// action on an existing order defaults to that order's store and channel.
func (a *Action) applyDefaults(su *Setup, i int, orders *orderState) {
	spec, ok := actionSpecs[a.Name]
	if !ok {
		return
	}
	if spec.order == orderExisting && a.OrderID == 0 {
		a.OrderID = orders.latest
	}
	known, isKnown := orders.orders[a.OrderID]
	if spec.order == orderExisting && isKnown {
		a.Store = orDefault(a.Store, known.store)
		if a.Channel == 0 {
			a.Channel = known.channel
		}
	}
	a.Store = orDefault(a.Store, su.defaultStore())
	if spec.takes("channel") && a.Channel == 0 {
		a.Channel = 1
	}
	if spec.takes("cart_id") && a.CartID == "" {
		a.CartID = derivedUUID("cart", su.Seed, i)
	}
	if spec.takes("location_id") && a.LocationID == 0 {
		a.LocationID = 1
	}
	if spec.order != orderNone {
		a.orderDefaults(spec, orders)
	}
}

// orderDefaults fills order_id, status and previous_status, and records
// what the action leaves the order like.
func (a *Action) orderDefaults(spec actionSpec, orders *orderState) {
	if spec.order == orderNew {
		if a.OrderID == 0 {
			a.OrderID = orders.next
		}
		orders.next = max(orders.next, a.OrderID+1)
		orders.latest = a.OrderID
	}
	next := spec.defaultStatus
	if spec.takes("status") {
		if a.Status == 0 {
			a.Status = spec.defaultStatus
		}
		next = a.Status
	}
	known, isKnown := orders.orders[a.OrderID]
	if spec.takes("previous_status") && a.PreviousStatus == nil && a.OrderID != 0 {
		prev := awaitingFulfillment
		if isKnown {
			prev = known.status
		}
		a.PreviousStatus = ptr(prev)
	}
	if a.OrderID != 0 {
		orders.orders[a.OrderID] = orderFacts{store: a.Store, channel: a.Channel, status: next}
	}
}

// derivedUUID returns a UUID (version 5 layout) that depends only on kind,
// seed and the step index: stable across runs, different per step.
func derivedUUID(kind string, seed int64, step int) string {
	return uuidFrom("bcmock/" + kind + "/" + strconv.FormatInt(seed, 10) + "/" + strconv.Itoa(step))
}

// uuidFrom formats the SHA-1 of name as a version-5-style UUID.
func uuidFrom(name string) string {
	b := sha1.Sum([]byte(name))
	b[6] = b[6]&0x0f | 0x50
	b[8] = b[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}

// orDefault returns v, or def when v is empty.
func orDefault(v, def string) string {
	if v == "" {
		return def
	}
	return v
}

// ptr returns a pointer to a copy of v.
func ptr[T any](v T) *T { return &v }
