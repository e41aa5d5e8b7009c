package scenarios

import (
	"maps"
	"slices"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// RaiseStep is one event for a runner to raise: what a raise or action step
// comes down to.
type RaiseStep struct {
	// Store is the store hash.
	Store string
	// Scope is the concrete event.
	Scope string
	// Data is merged into the generated event data, as Raise.Data; nil
	// means all generated. Each RaiseStep has its own copy.
	Data map[string]any
	// After is the store time, from the start of the step, at which to
	// raise: 0 for at once. With a fake clock the runner advances to it
	// (making due attempts on the way) before raising.
	After time.Duration
	// Copies is how many times to raise the one envelope built for this
	// event (same body, same hash): 1, or 2 for a duplicate.
	Copies int
	// Faults shape the event's deliveries (the control API's form); nil
	// leaves them to their hooks' faults.
	Faults []adminapi.Fault
}

// Raises returns the events a raise or action step raises, in order; nil
// for other steps. The step should have its defaults applied (Parse and
// Validate do it).
func (s Step) Raises() []RaiseStep {
	switch {
	case s.Raise != nil:
		return s.Raise.expand()
	case s.Action != nil:
		return Expand(*s.Action)
	}
	return nil
}

// expand turns a raise into count events, each raised once or twice.
func (r Raise) expand() []RaiseStep {
	copies := 1
	if r.Duplicate {
		copies = 2
	}
	out := make([]RaiseStep, 0, max(r.Count, 0))
	for range r.Count {
		out = append(out, RaiseStep{Store: r.Store, Scope: r.Scope, Data: cloneData(r.Data), Copies: copies})
	}
	if r.OutOfOrder {
		slices.Reverse(out)
	}
	r.shape(out)
	return out
}

// shape gives each event the raise's faults. A reorder goes with the
// first event only, where it opens a group of the step's events (events
// defaults to count, else 2), which the later events join.
func (r Raise) shape(out []RaiseStep) {
	if len(r.Faults) == 0 {
		return
	}
	for i := range out {
		for _, f := range r.Faults {
			w := f.Wire()
			if w.Kind == adminapi.FaultReorder {
				if i > 0 {
					continue
				}
				if w.Events == 0 && len(out) > 1 {
					w.Events = len(out)
				}
			}
			out[i].Faults = append(out[i].Faults, w)
		}
	}
}

// Actions returns the names of the business actions, sorted.
func Actions() []string { return slices.Sorted(maps.Keys(actionSpecs)) }

// Expand returns the events BigCommerce fires for a business action, in the
// order it fires them (reversed with out_of_order). It is a pure function
// of the action, which should have its defaults applied (Parse and
// Validate do it); an unknown action expands to nothing. Every action that
// concerns a cart or an order also raises, right after each store-level
// event, its channel-scoped twin (store/channel/{channel}/...). The
// expansions are listed in FORMAT.md and locked by testdata/actions.golden.
//
//   - checkout: cart created, cart updated, cart lineItem created, order
//     created (incomplete), cart converted (payment taken), order
//     statusUpdated 0→status, order updated.
//   - abandon_cart: cart created, cart updated; one hour later, cart
//     abandoned.
//   - ship_order: shipment created, order statusUpdated previous→status,
//     order updated.
//   - refund_order: order refund created, order statusUpdated
//     previous→status, order updated.
//   - cancel_order: order statusUpdated previous→5, order updated.
//   - update_inventory: product (or, with a variant, sku) inventory updated
//     with method absolute; channel inventory stock_changed; when quantity
//     is 0, out_of_stock_reached.
func Expand(a Action) []RaiseStep {
	spec, ok := actionSpecs[a.Name]
	if !ok {
		return nil
	}
	c := &cascade{store: a.Store, channel: a.Channel}
	spec.expand(a, c)
	if a.OutOfOrder {
		slices.Reverse(c.steps)
	}
	return c.steps
}

// orderRole says how an action relates to orders.
type orderRole int

const (
	orderNone     orderRole = iota // no order
	orderNew                       // creates one (checkout)
	orderExisting                  // changes one made before
)

// actionSpec describes one action: the parameters it takes, its defaults
// and its expansion.
type actionSpec struct {
	params        []string // YAML keys it takes besides name and store
	order         orderRole
	defaultStatus int   // new order status when status is not given
	statuses      []int // allowed new statuses; nil: status is not taken
	timed         bool  // events spread over store time
	expand        func(a Action, c *cascade)
}

// takes reports whether the action takes the parameter key.
func (s actionSpec) takes(key string) bool { return slices.Contains(s.params, key) }

// Order status ids used by the actions.
const (
	statusIncomplete = 0
	statusShipped    = 2
	statusRefunded   = 4
	statusCancelled  = 5
)

// abandonAfter is how long a cart must be idle before BigCommerce calls it
// abandoned.
const abandonAfter = time.Hour

// actionSpecs is the catalogue of actions.
var actionSpecs = map[string]actionSpec{
	"checkout": {
		params: []string{"channel", "cart_id", "order_id", "status", "out_of_order"},
		order:  orderNew, defaultStatus: awaitingFulfillment, statuses: []int{1, 6, 7, 8, 9, 10, 11, 12},
		expand: expandCheckout,
	},
	"abandon_cart": {
		params: []string{"channel", "cart_id"},
		timed:  true, expand: expandAbandon,
	},
	"ship_order": {
		params: []string{"channel", "order_id", "status", "previous_status", "out_of_order"},
		order:  orderExisting, defaultStatus: statusShipped, statuses: []int{2, 3},
		expand: expandShip,
	},
	"refund_order": {
		params: []string{"channel", "order_id", "status", "previous_status", "out_of_order"},
		order:  orderExisting, defaultStatus: statusRefunded, statuses: []int{4, 14},
		expand: expandRefund,
	},
	"cancel_order": {
		params: []string{"channel", "order_id", "previous_status", "out_of_order"},
		order:  orderExisting, defaultStatus: statusCancelled,
		expand: expandCancel,
	},
	"update_inventory": {
		params: []string{"product_id", "variant_id", "location_id", "quantity", "out_of_order"},
		expand: expandInventory,
	},
}

// cascade collects the events of one action.
type cascade struct {
	store   string
	channel int
	after   time.Duration
	steps   []RaiseStep
}

// add appends one store-level event.
func (c *cascade) add(scope string, data map[string]any) {
	c.steps = append(c.steps, RaiseStep{Store: c.store, Scope: scope, Data: data, After: c.after, Copies: 1})
}

// both appends a store-level event and its channel-scoped twin, whose
// scope is store/channel/{channel}/ + tail.
func (c *cascade) both(tail string, data, channelData map[string]any) {
	c.add("store/"+tail, data)
	c.add(bigcommerce.Fill("store/channel/"+bigcommerce.ChannelPlaceholder+"/"+tail, c.channel), channelData)
}

// orderStatus appends statusUpdated and updated for an order moving from
// prev to next.
func (c *cascade) orderStatus(order, prev, next int) {
	status := map[string]any{"previous_status_id": prev, "new_status_id": next}
	c.both("order/statusUpdated", map[string]any{"id": order, "status": status}, map[string]any{"order_id": order})
	c.both("order/updated", map[string]any{"id": order}, map[string]any{"order_id": order})
}

func expandCheckout(a Action, c *cascade) {
	cart, order := a.CartID, a.OrderID
	item := uuidFrom(cart + "/line-item")
	c.both("cart/created", map[string]any{"id": cart}, map[string]any{"cart_id": cart})
	c.both("cart/updated", map[string]any{"id": cart}, map[string]any{"cart_id": cart})
	c.both("cart/lineItem/created", map[string]any{"id": item, "cartId": cart},
		map[string]any{"cart_id": cart, "cart_item_id": item})
	c.both("order/created", map[string]any{"id": order}, map[string]any{"order_id": order})
	c.both("cart/converted", map[string]any{"id": cart, "orderId": order}, map[string]any{"cart_id": cart})
	c.orderStatus(order, statusIncomplete, a.Status)
}

func expandAbandon(a Action, c *cascade) {
	cart := a.CartID
	c.both("cart/created", map[string]any{"id": cart}, map[string]any{"cart_id": cart})
	c.both("cart/updated", map[string]any{"id": cart}, map[string]any{"cart_id": cart})
	c.after = abandonAfter
	c.both("cart/abandoned", map[string]any{"id": cart}, map[string]any{"cart_id": cart})
}

func expandShip(a Action, c *cascade) {
	c.add("store/shipment/created", map[string]any{"orderId": a.OrderID})
	c.orderStatus(a.OrderID, deref(a.PreviousStatus), a.Status)
}

func expandRefund(a Action, c *cascade) {
	c.both("order/refund/created", map[string]any{"id": a.OrderID}, map[string]any{"order_id": a.OrderID})
	c.orderStatus(a.OrderID, deref(a.PreviousStatus), a.Status)
}

func expandCancel(a Action, c *cascade) {
	c.orderStatus(a.OrderID, deref(a.PreviousStatus), statusCancelled)
}

func expandInventory(a Action, c *cascade) {
	qty := deref(a.Quantity)
	inv := map[string]any{"product_id": a.ProductID, "method": "absolute", "value": qty}
	located := map[string]any{"product_id": a.ProductID, "location_id": a.LocationID}
	if a.VariantID == 0 {
		c.add("store/product/inventory/updated", map[string]any{"id": a.ProductID, "inventory": inv})
	} else {
		inv["variant_id"] = a.VariantID
		located["variant_id"] = a.VariantID
		c.add("store/sku/inventory/updated", map[string]any{"inventory": inv})
	}
	c.add("store/channel/*/inventory/product/stock_changed", located)
	if qty == 0 {
		c.add("store/channel/*/inventory/product/out_of_stock_reached", cloneData(located))
	}
}

// deref returns *p, or 0 for nil.
func deref(p *int) int {
	if p == nil {
		return 0
	}
	return *p
}

// cloneData deep-copies JSON-shaped data.
func cloneData(m map[string]any) map[string]any {
	if m == nil {
		return nil
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		out[k] = cloneValue(v)
	}
	return out
}

// cloneValue deep-copies one JSON-shaped value.
func cloneValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		return cloneData(t)
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = cloneValue(e)
		}
		return out
	}
	return v
}
