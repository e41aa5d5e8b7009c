package shop

import (
	"slices"
	"testing"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// ev is one event of a test: a scope and its data.
type ev struct {
	scope string
	data  map[string]any
}

const (
	cartA = "5b1e7c2a-0000-4000-8000-00000000000a"
	itemA = "5b1e7c2a-0000-4000-8000-0000000000a1"
)

// TestApply checks every rule of apply.go: after the events, the store
// holds the state they imply.
func TestApply(t *testing.T) {
	tests := []struct {
		name   string
		events []ev
		check  func(t *testing.T, st *Store)
	}{
		{"order created exists with lines and an address", []ev{{"store/order/created", map[string]any{"id": 250}}},
			func(t *testing.T, st *Store) {
				o := st.Order(250)
				if o == nil || o.StatusID != inventedStatus || len(o.Lines) == 0 || len(o.Addresses) != 1 || o.Billing == nil {
					t.Fatalf("order 250 = %+v", o)
				}
				for _, l := range o.Lines {
					if l.AddressID != o.Addresses[0].ID || l.Quantity < 1 || l.Price <= 0 {
						t.Errorf("line %+v does not go to the order's address or has no quantity/price", l)
					}
				}
				if st.next.order != 251 {
					t.Errorf("next order id = %d, want 251 (past the event's id)", st.next.order)
				}
			}},
		{"order created with a string id", []ev{{"store/order/created", map[string]any{"id": "77"}}},
			func(t *testing.T, st *Store) { mustOrder(t, st, 77) }},
		{"order updated of an unknown order creates it", []ev{{"store/order/updated", map[string]any{"id": 77}}},
			func(t *testing.T, st *Store) { mustOrder(t, st, 77) }},
		{"order archived sets is_deleted", []ev{{"store/order/created", map[string]any{"id": 5}}, {"store/order/archived", map[string]any{"id": 5}}},
			func(t *testing.T, st *Store) {
				if o := mustOrder(t, st, 5); !o.Deleted {
					t.Error("archived order is not deleted")
				}
			}},
		{"statusUpdated sets new_status_id", []ev{
			{"store/order/created", map[string]any{"id": 9}},
			{"store/order/statusUpdated", map[string]any{"id": 9, "status": map[string]any{"previous_status_id": 11, "new_status_id": 5}}}},
			func(t *testing.T, st *Store) {
				if o := mustOrder(t, st, 9); o.StatusID != 5 {
					t.Errorf("status = %d, want 5", o.StatusID)
				}
			}},
		{"statusUpdated of an unknown order starts from previous_status_id", []ev{
			{"store/order/statusUpdated", map[string]any{"id": 9, "status": map[string]any{"previous_status_id": 7, "new_status_id": 11}}}},
			func(t *testing.T, st *Store) {
				if o := mustOrder(t, st, 9); o.StatusID != 11 {
					t.Errorf("status = %d, want 11", o.StatusID)
				}
			}},
		{"statusUpdated with an unknown status leaves the status", []ev{
			{"store/order/created", map[string]any{"id": 9}},
			{"store/order/statusUpdated", map[string]any{"id": 9, "status": map[string]any{"new_status_id": 99}}}},
			func(t *testing.T, st *Store) {
				if o := mustOrder(t, st, 9); o.StatusID != inventedStatus {
					t.Errorf("status = %d, want %d", o.StatusID, inventedStatus)
				}
			}},
		{"message created", []ev{{"store/order/message/created", map[string]any{"id": 3, "message": map[string]any{"order_message_id": 12}}},
			{"store/order/message/created", map[string]any{"id": 3, "message": map[string]any{"order_message_id": 12}}}},
			func(t *testing.T, st *Store) {
				if o := mustOrder(t, st, 3); len(o.Messages) != 1 || o.Messages[0].ID != 12 {
					t.Errorf("messages = %+v, want one, id 12 (a second event names the same message)", o.Messages)
				}
			}},
		{"refund created refunds what is left", []ev{{"store/order/refund/created", map[string]any{"id": 3, "refund": map[string]any{"refund_id": 4}}}},
			func(t *testing.T, st *Store) {
				o := mustOrder(t, st, 3)
				if len(o.Refunds) != 1 || o.Refunds[0].ID != 4 || o.Refundable() != 0 || o.Refunded() != o.TotalIncTax() {
					t.Errorf("refunds = %+v, refunded %v of %v", o.Refunds, o.Refunded(), o.TotalIncTax())
				}
			}},
		{"transaction created then updated by transaction_id", []ev{
			{"store/order/transaction/created", map[string]any{"order_id": "3", "transaction_id": "tx-1", "transaction_type": "authorization", "transaction_status": "ok", "provider_transaction_id": "pi_1"}},
			{"store/order/transaction/updated", map[string]any{"order_id": "3", "transaction_id": "tx-1", "transaction_status": "error"}},
			{"store/order/transaction/created", map[string]any{"order_id": "3", "transaction_id": "tx-2", "transaction_type": "bogus"}}},
			func(t *testing.T, st *Store) {
				o := mustOrder(t, st, 3)
				if len(o.Transactions) != 2 {
					t.Fatalf("transactions = %d, want 2", len(o.Transactions))
				}
				t1, t2 := o.Transactions[0], o.Transactions[1]
				if t1.WebhookID != "tx-1" || t1.Event != "authorization" || t1.Status != "error" || t1.GatewayTransactionID != "pi_1" {
					t.Errorf("tx-1 = %+v, want an authorization updated to error", t1)
				}
				if t2.Event != "purchase" || t2.Status != "ok" {
					t.Errorf("tx-2 = %+v, want a purchase (an unknown type)", t2)
				}
			}},
		{"shipment created ships the order", []ev{{"store/order/created", map[string]any{"id": 8}}, {"store/shipment/created", map[string]any{"id": 2, "orderId": 8}}},
			func(t *testing.T, st *Store) {
				o := mustOrder(t, st, 8)
				if o.Shipment(2) == nil || o.StatusID != bigcommerce.StatusShipped || o.ItemsShipped() != o.ItemsTotal() || o.Shipped.IsZero() {
					t.Errorf("order = status %d, shipped %d/%d, shipments %+v", o.StatusID, o.ItemsShipped(), o.ItemsTotal(), o.Shipments)
				}
				for _, it := range o.Shipment(2).Items {
					if o.Line(it.LineID) == nil {
						t.Errorf("shipment item %+v names no line", it)
					}
				}
			}},
		{"shipment updated of an unknown shipment creates it", []ev{{"store/shipment/updated", map[string]any{"id": 2, "orderId": 8}}},
			func(t *testing.T, st *Store) {
				if o := mustOrder(t, st, 8); o.Shipment(2) == nil {
					t.Error("no shipment 2")
				}
			}},
		{"shipment deleted unships, status stays", []ev{{"store/shipment/created", map[string]any{"id": 2, "orderId": 8}}, {"store/shipment/deleted", map[string]any{"id": 2, "orderId": 8}}},
			func(t *testing.T, st *Store) {
				o := mustOrder(t, st, 8)
				if len(o.Shipments) != 0 || o.ItemsShipped() != 0 || o.StatusID != bigcommerce.StatusShipped || !o.Shipped.IsZero() {
					t.Errorf("order = status %d, shipped %d, shipments %d", o.StatusID, o.ItemsShipped(), len(o.Shipments))
				}
			}},
		{"shipment without orderId does nothing", []ev{{"store/shipment/created", map[string]any{"id": 2}}},
			func(t *testing.T, st *Store) { mustEmpty(t, st) }},
		{"cart created", []ev{{"store/cart/created", map[string]any{"id": cartA}}},
			func(t *testing.T, st *Store) {
				if c := st.Cart(cartA); c == nil || len(c.Lines) == 0 || c.ChannelID != defaultChannel {
					t.Errorf("cart = %+v", c)
				}
			}},
		{"cart updated of an unknown cart creates it", []ev{{"store/cart/updated", map[string]any{"id": cartA}}},
			func(t *testing.T, st *Store) { mustCart(t, st, cartA) }},
		{"cart deleted", []ev{{"store/cart/created", map[string]any{"id": cartA}}, {"store/cart/deleted", map[string]any{"id": cartA}}},
			func(t *testing.T, st *Store) { mustNoCart(t, st, cartA) }},
		{"cart couponApplied", []ev{{"store/cart/couponApplied", map[string]any{"id": cartA, "couponId": 6}}, {"store/cart/couponApplied", map[string]any{"id": cartA, "couponId": 6}}},
			func(t *testing.T, st *Store) {
				if c := mustCart(t, st, cartA); len(c.Coupons) != 1 || c.Coupons[0].CouponID != 6 {
					t.Errorf("coupons = %+v, want one, coupon 6", c.Coupons)
				}
			}},
		{"cart abandoned keeps its token", []ev{{"store/cart/abandoned", map[string]any{"id": cartA, "token": "tok"}}},
			func(t *testing.T, st *Store) {
				if c := st.CartByToken("tok"); c == nil || c.ID != cartA {
					t.Errorf("cart by token = %+v", c)
				}
			}},
		{"line item created, updated, deleted", []ev{
			{"store/cart/lineItem/created", map[string]any{"id": itemA, "cartId": cartA}},
			{"store/cart/lineItem/updated", map[string]any{"id": itemA, "cartId": cartA}}},
			func(t *testing.T, st *Store) {
				c := mustCart(t, st, cartA)
				if c.Line(itemA) == nil {
					t.Fatal("no line item")
				}
				n := len(c.Lines)
				st.apply("cart/lineItem/deleted", 1, map[string]any{"id": itemA, "cartId": cartA})
				if c.Line(itemA) != nil || len(c.Lines) != n-1 {
					t.Error("line item not deleted")
				}
			}},
		{"cart converted deletes the cart, the order takes its lines and cart_id", []ev{
			{"store/cart/created", map[string]any{"id": cartA}},
			{"store/order/created", map[string]any{"id": 100}},
			{"store/cart/converted", map[string]any{"id": cartA, "orderId": 100}}},
			func(t *testing.T, st *Store) {
				mustNoCart(t, st, cartA)
				o := mustOrder(t, st, 100)
				if o.CartID != cartA {
					t.Errorf("cart_id = %q, want %q", o.CartID, cartA)
				}
			}},
		{"cart converted into an unknown order makes it", []ev{{"store/cart/converted", map[string]any{"id": cartA, "orderId": 101}}},
			func(t *testing.T, st *Store) {
				if o := mustOrder(t, st, 101); o.CartID != cartA {
					t.Errorf("cart_id = %q", o.CartID)
				}
			}},
		{"bad data types leave the state alone", []ev{
			{"store/order/created", map[string]any{"id": true}},
			{"store/order/updated", map[string]any{"id": 1.5}},
			{"store/order/archived", map[string]any{"id": -3}},
			{"store/order/statusUpdated", map[string]any{"id": "x", "status": "y"}},
			{"store/shipment/created", map[string]any{"id": "a", "orderId": []any{1}}},
			{"store/cart/created", map[string]any{"id": 5}},
			{"store/cart/lineItem/created", map[string]any{"id": itemA, "cartId": 7}},
			{"store/cart/converted", map[string]any{"id": nil, "orderId": "z"}}},
			func(t *testing.T, st *Store) { mustEmpty(t, st) }},
		{"other families pass through", []ev{{"store/product/created", map[string]any{"id": 5}}, {"store/order/metafield/created", map[string]any{"id": 5}}},
			func(t *testing.T, st *Store) {
				if st != nil {
					mustEmpty(t, st)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestShop(1)
			for _, e := range tt.events {
				raise(t, s, "abc", e.scope, e.data)
			}
			s.Read("abc", func(st *Store) { tt.check(t, st) })
		})
	}
}

// TestApplyStatusUpdatedPreviousFromState checks that a statusUpdated
// without previous_status_id is given the order's status.
func TestApplyStatusUpdatedPreviousFromState(t *testing.T) {
	s, _ := newTestShop(1)
	raise(t, s, "abc", "store/order/created", map[string]any{"id": 9})
	caller := map[string]any{"id": 9, "status": map[string]any{"new_status_id": 2}}
	data, err := s.Raise("abc", "store/order/statusUpdated", caller, asGiven)
	if err != nil {
		t.Fatal(err)
	}
	status := data.(map[string]any)["status"].(map[string]any)
	if status["previous_status_id"] != inventedStatus || status["new_status_id"] != 2 {
		t.Errorf("status = %v, want previous %d, new 2", status, inventedStatus)
	}
	if _, changed := caller["status"].(map[string]any)["previous_status_id"]; changed {
		t.Error("the caller's data was changed")
	}
	if o := order(s, "abc", 9); o.StatusID != 2 {
		t.Errorf("status = %d, want 2", o.StatusID)
	}
}

// TestApplyChannelTwins checks that a channel-scoped twin after its
// store-level event changes nothing, and that a twin alone makes the
// entity in its channel.
func TestApplyChannelTwins(t *testing.T) {
	pairs := []struct{ store, twin ev }{
		{ev{"store/order/created", map[string]any{"id": 100}}, ev{"store/channel/1/order/created", map[string]any{"order_id": 100}}},
		{ev{"store/order/updated", map[string]any{"id": 100}}, ev{"store/channel/1/order/updated", map[string]any{"order_id": 100}}},
		{ev{"store/order/statusUpdated", map[string]any{"id": 100, "status": map[string]any{"new_status_id": 5}}}, ev{"store/channel/1/order/statusUpdated", map[string]any{"order_id": 100}}},
		{ev{"store/order/archived", map[string]any{"id": 100}}, ev{"store/channel/1/order/archived", map[string]any{"order_id": 100}}},
		{ev{"store/order/refund/created", map[string]any{"id": 100, "refund": map[string]any{"refund_id": 1}}}, ev{"store/channel/1/order/refund/created", map[string]any{"order_id": 100}}},
		{ev{"store/cart/created", map[string]any{"id": cartA}}, ev{"store/channel/1/cart/created", map[string]any{"cart_id": cartA}}},
		{ev{"store/cart/updated", map[string]any{"id": cartA}}, ev{"store/channel/1/cart/updated", map[string]any{"cart_id": cartA}}},
		{ev{"store/cart/lineItem/created", map[string]any{"id": itemA, "cartId": cartA}}, ev{"store/channel/1/cart/lineItem/created", map[string]any{"cart_id": cartA, "cart_item_id": itemA}}},
		{ev{"store/cart/couponApplied", map[string]any{"id": cartA, "couponId": 3}}, ev{"store/channel/1/cart/couponApplied", map[string]any{"cart_id": cartA}}},
		{ev{"store/cart/deleted", map[string]any{"id": cartA}}, ev{"store/channel/1/cart/deleted", map[string]any{"cart_id": cartA}}},
		{ev{"store/cart/converted", map[string]any{"id": cartA, "orderId": 100}}, ev{"store/channel/1/cart/converted", map[string]any{"cart_id": cartA}}},
	}
	for _, p := range pairs {
		t.Run(p.twin.scope, func(t *testing.T) {
			s, _ := newTestShop(1)
			raise(t, s, "abc", "store/order/created", map[string]any{"id": 100})
			raise(t, s, "abc", "store/cart/created", map[string]any{"id": cartA})
			raise(t, s, "abc", p.store.scope, p.store.data)
			before := snapshot(s, "abc")
			raise(t, s, "abc", p.twin.scope, p.twin.data)
			if after := snapshot(s, "abc"); after != before {
				t.Errorf("the twin changed the state:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
	t.Run("a twin alone makes the entity in its channel", func(t *testing.T) {
		s, _ := newTestShop(1)
		raise(t, s, "abc", "store/channel/7/order/created", map[string]any{"order_id": 40})
		raise(t, s, "abc", "store/channel/7/cart/created", map[string]any{"cart_id": cartA})
		if o := order(s, "abc", 40); o == nil || o.ChannelID != 7 {
			t.Errorf("order 40 = %+v, want channel 7", o)
		}
		if c := cart(s, "abc", cartA); c == nil || c.ChannelID != 7 {
			t.Errorf("cart = %+v, want channel 7", c)
		}
	})
}

// TestApplyLimits checks that events cannot grow a store past its limits.
func TestApplyLimits(t *testing.T) {
	s, _ := newTestShop(1, WithLimits(Limits{Stores: 2, Orders: 3, Carts: 2, Children: 2}))
	for id := 1; id <= 10; id++ {
		raise(t, s, "abc", "store/order/created", map[string]any{"id": id})
		raise(t, s, "abc", "store/cart/created", map[string]any{"id": "cart-" + string(rune('a'+id))})
		raise(t, s, "abc", "store/order/message/created", map[string]any{"id": 1, "message": map[string]any{"order_message_id": id}})
		raise(t, s, "abc", "store/shipment/created", map[string]any{"id": id, "orderId": 1})
		raise(t, s, "abc", "store/order/transaction/created", map[string]any{"order_id": 1, "transaction_id": "t" + string(rune('a'+id))})
	}
	s.Read("abc", func(st *Store) {
		o := st.Order(1)
		if len(st.orders) != 3 || len(st.carts) != 2 || len(o.Messages) != 2 || len(o.Shipments) != 2 || len(o.Transactions) != 2 {
			t.Errorf("orders %d carts %d messages %d shipments %d transactions %d, want 3 2 2 2 2",
				len(st.orders), len(st.carts), len(o.Messages), len(o.Shipments), len(o.Transactions))
		}
		_, _, err := st.CreateOrder(OrderInput{Billing: &Address{}, Lines: []LineInput{{ProductID: 77, Quantity: 1}}})
		if !errorsIs(err, ErrFull) {
			t.Errorf("CreateOrder in a full store: %v, want ErrFull", err)
		}
	})
	raise(t, s, "s2", "store/order/created", map[string]any{"id": 1})
	if _, err := s.Raise("s3", "store/order/created", map[string]any{"id": 1}, asGiven); !errorsIs(err, ErrFull) {
		t.Errorf("a third store: %v, want ErrFull", err)
	}
	if got := s.StoreHashes(); !slices.Equal(got, []string{"abc", "s2"}) {
		t.Errorf("stores = %v", got)
	}
}

func mustOrder(t *testing.T, st *Store, id int) *Order {
	t.Helper()
	if st == nil || st.Order(id) == nil {
		t.Fatalf("no order %d", id)
	}
	return st.Order(id)
}

func mustCart(t *testing.T, st *Store, id string) *Cart {
	t.Helper()
	if st == nil || st.Cart(id) == nil {
		t.Fatalf("no cart %s", id)
	}
	return st.Cart(id)
}

func mustNoCart(t *testing.T, st *Store, id string) {
	t.Helper()
	if st != nil && st.Cart(id) != nil {
		t.Errorf("cart %s is still there", id)
	}
}

func mustEmpty(t *testing.T, st *Store) {
	t.Helper()
	if st != nil && (len(st.orders) != 0 || len(st.carts) != 0) {
		t.Errorf("store holds %d orders and %d carts, want none", len(st.orders), len(st.carts))
	}
}
