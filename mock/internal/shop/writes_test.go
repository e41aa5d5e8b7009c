package shop

import (
	"slices"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// newOrderInput is a v2 order of two lines of product 77 and one custom line.
func newOrderInput() OrderInput {
	return OrderInput{
		Billing: &Address{FirstName: "Jane", LastName: "Doe", Email: "jane@example.com", CountryISO2: "US"},
		Lines:   []LineInput{{ProductID: 77, Quantity: 2}, {Name: "Gift wrap", Quantity: 1, Price: ptr(3 * Unit)}},
	}
}

// TestWritesFire checks each write's events and their order (reference
// §5), the channel twin after each store-level order and cart event.
func TestWritesFire(t *testing.T) {
	tests := []struct {
		name string
		// prepare makes what the write works on and returns its target.
		write func(t *testing.T, st *Store) ([]Event, error)
		want  []string
	}{
		{"POST /v2/orders", func(t *testing.T, st *Store) ([]Event, error) {
			_, ev, err := st.CreateOrder(newOrderInput())
			return ev, err
		}, []string{"store/order/created", "store/channel/1/order/created"}},
		{"PUT /v2/orders/{id} without a status change", func(t *testing.T, st *Store) ([]Event, error) {
			o := mkOrder(t, st)
			_, ev, err := st.UpdateOrder(o.ID, OrderInput{StaffNotes: ptr("call first"), StatusID: ptr(o.StatusID)})
			return ev, err
		}, []string{"store/order/updated", "store/channel/1/order/updated"}},
		{"PUT /v2/orders/{id} with a status change", func(t *testing.T, st *Store) ([]Event, error) {
			o := mkOrder(t, st)
			_, ev, err := st.UpdateOrder(o.ID, OrderInput{StatusID: ptr(11)})
			return ev, err
		}, []string{"store/order/statusUpdated", "store/channel/1/order/statusUpdated", "store/order/updated", "store/channel/1/order/updated"}},
		{"PUT /v2/orders/{id} is_deleted", func(t *testing.T, st *Store) ([]Event, error) {
			_, ev, err := st.UpdateOrder(mkOrder(t, st).ID, OrderInput{Deleted: ptr(true)})
			return ev, err
		}, []string{"store/order/archived", "store/channel/1/order/archived"}},
		{"DELETE /v2/orders/{id}", func(t *testing.T, st *Store) ([]Event, error) {
			return st.ArchiveOrder(mkOrder(t, st).ID)
		}, []string{"store/order/archived", "store/channel/1/order/archived"}},
		{"DELETE /v2/orders", func(t *testing.T, st *Store) ([]Event, error) {
			mkOrder(t, st)
			mkOrder(t, st)
			return st.ArchiveAll(), nil
		}, []string{"store/order/archived", "store/channel/1/order/archived", "store/order/archived", "store/channel/1/order/archived"}},
		{"POST shipments, all shipped", func(t *testing.T, st *Store) ([]Event, error) {
			o := mkOrder(t, st)
			_, ev, err := st.AddShipment(o.ID, shipAll(o))
			return ev, err
		}, []string{"store/shipment/created", "store/order/statusUpdated", "store/channel/1/order/statusUpdated", "store/order/updated", "store/channel/1/order/updated"}},
		{"PUT shipment", func(t *testing.T, st *Store) ([]Event, error) {
			o := mkOrder(t, st)
			s, _, _ := st.AddShipment(o.ID, shipAll(o))
			_, ev, err := st.UpdateShipment(o.ID, s.ID, ShipmentInput{TrackingNumber: ptr("1Z")})
			return ev, err
		}, []string{"store/shipment/updated"}},
		{"DELETE shipment", func(t *testing.T, st *Store) ([]Event, error) {
			o := mkOrder(t, st)
			s, _, _ := st.AddShipment(o.ID, shipAll(o))
			return st.DeleteShipment(o.ID, s.ID)
		}, []string{"store/shipment/deleted"}},
		{"DELETE shipments", func(t *testing.T, st *Store) ([]Event, error) {
			o := mkOrder(t, st)
			st.AddShipment(o.ID, ShipmentInput{AddressID: o.Addresses[0].ID, Items: []ShipmentItem{{LineID: o.Lines[0].ID, Quantity: 1}}})
			st.AddShipment(o.ID, ShipmentInput{AddressID: o.Addresses[0].ID, Items: []ShipmentItem{{LineID: o.Lines[0].ID, Quantity: 1}}})
			return st.DeleteShipments(o.ID)
		}, []string{"store/shipment/deleted", "store/shipment/deleted"}},
		{"PUT shipping address", func(t *testing.T, st *Store) ([]Event, error) {
			o := mkOrder(t, st)
			_, ev, err := st.UpdateShippingAddress(o.ID, o.Addresses[0].ID, Address{City: "Austin"}, nil)
			return ev, err
		}, []string{"store/order/updated", "store/channel/1/order/updated"}},
		{"POST refund", func(t *testing.T, st *Store) ([]Event, error) {
			o := mkOrder(t, st)
			_, ev, err := st.CreateRefund(o.ID, RefundInput{Items: []RefundItem{{Type: "PRODUCT", ItemID: o.Lines[0].ID, Quantity: 1}}})
			return ev, err
		}, []string{"store/order/refund/created", "store/channel/1/order/refund/created", "store/order/transaction/created",
			"store/order/statusUpdated", "store/channel/1/order/statusUpdated", "store/order/updated", "store/channel/1/order/updated"}},
		{"POST /v3/carts", func(t *testing.T, st *Store) ([]Event, error) {
			_, ev, err := st.CreateCart(CartInput{Lines: []CartLineInput{{ProductID: 77, Quantity: 1}, {ProductID: 78, Quantity: 2}}})
			return ev, err
		}, []string{"store/cart/created", "store/channel/1/cart/created", "store/cart/updated", "store/channel/1/cart/updated",
			"store/cart/lineItem/created", "store/channel/1/cart/lineItem/created", "store/cart/lineItem/created", "store/channel/1/cart/lineItem/created"}},
		{"POST cart items", func(t *testing.T, st *Store) ([]Event, error) {
			_, ev, err := st.AddCartItems(mkCart(t, st).ID, []CartLineInput{{ProductID: 80, Quantity: 1}}, nil)
			return ev, err
		}, []string{"store/cart/lineItem/created", "store/channel/1/cart/lineItem/created", "store/cart/updated", "store/channel/1/cart/updated"}},
		{"PUT cart item", func(t *testing.T, st *Store) ([]Event, error) {
			c := mkCart(t, st)
			_, ev, err := st.UpdateCartItem(c.ID, c.Lines[0].ID, 5)
			return ev, err
		}, []string{"store/cart/lineItem/updated", "store/channel/1/cart/lineItem/updated", "store/cart/updated", "store/channel/1/cart/updated"}},
		{"DELETE the last cart item", func(t *testing.T, st *Store) ([]Event, error) {
			c := mkCart(t, st)
			_, ev, err := st.DeleteCartItem(c.ID, c.Lines[0].ID)
			return ev, err
		}, []string{"store/cart/lineItem/deleted", "store/channel/1/cart/lineItem/deleted", "store/cart/updated", "store/channel/1/cart/updated", "store/cart/deleted", "store/channel/1/cart/deleted"}},
		{"DELETE /v3/carts/{id}", func(t *testing.T, st *Store) ([]Event, error) {
			return st.DeleteCart(mkCart(t, st).ID)
		}, []string{"store/cart/deleted", "store/channel/1/cart/deleted"}},
		{"PUT /v3/carts/{id}", func(t *testing.T, st *Store) ([]Event, error) {
			_, ev, err := st.UpdateCart(mkCart(t, st).ID, 9)
			return ev, err
		}, []string{"store/cart/updated", "store/channel/1/cart/updated"}},
		{"POST checkout coupons", func(t *testing.T, st *Store) ([]Event, error) {
			_, ev, err := st.ApplyCoupon(mkCart(t, st).ID, "SAVE10")
			return ev, err
		}, []string{"store/cart/couponApplied", "store/channel/1/cart/couponApplied"}},
		{"POST /v3/checkouts/{id}/orders", func(t *testing.T, st *Store) ([]Event, error) {
			_, ev, err := st.CreateCheckoutOrder(mkCart(t, st).ID)
			return ev, err
		}, []string{"store/order/created", "store/channel/1/order/created"}},
		{"payment", func(t *testing.T, st *Store) ([]Event, error) {
			o, _, _ := st.CreateCheckoutOrder(mkCart(t, st).ID)
			_, ev, err := st.PayOrder(o.ID)
			return ev, err
		}, []string{"store/order/statusUpdated", "store/channel/1/order/statusUpdated", "store/order/updated", "store/channel/1/order/updated",
			"store/order/transaction/created", "store/cart/converted", "store/channel/1/cart/converted"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestShop(1)
			var got []Event
			write(t, s, "abc", func(st *Store) ([]Event, error) {
				ev, err := tt.write(t, st)
				got = ev
				return ev, err
			})
			if !slices.Equal(scopes(got), tt.want) {
				t.Errorf("events:\n got %v\nwant %v", scopes(got), tt.want)
			}
			// Raising what a write fired changes nothing more (the
			// model holds its state already).
			before := snapshot(s, "abc")
			for _, e := range got {
				raise(t, s, "abc", e.Scope, e.Data)
			}
			if after := snapshot(s, "abc"); after != before {
				t.Errorf("raising the write's events changed the state:\nbefore %s\nafter  %s", before, after)
			}
		})
	}
}

func mkOrder(t *testing.T, st *Store) *Order {
	t.Helper()
	o, _, err := st.CreateOrder(newOrderInput())
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func mkCart(t *testing.T, st *Store) *Cart {
	t.Helper()
	c, _, err := st.CreateCart(CartInput{Lines: []CartLineInput{{ProductID: 77, Quantity: 2}}})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// shipAll ships every line of o to its first address.
func shipAll(o *Order) ShipmentInput {
	in := ShipmentInput{AddressID: o.Addresses[0].ID}
	for _, l := range o.Lines {
		in.Items = append(in.Items, ShipmentItem{LineID: l.ID, Quantity: l.Quantity - l.Shipped})
	}
	return in
}

// TestRuleTotals checks §2.16's totals on written and invented orders.
func TestRuleTotals(t *testing.T) {
	s, _ := newTestShop(3)
	for id := 1; id <= 20; id++ {
		raise(t, s, "abc", "store/order/created", map[string]any{"id": id})
	}
	var id int
	write(t, s, "abc", func(st *Store) ([]Event, error) {
		o, ev, err := st.CreateOrder(newOrderInput())
		id = o.ID
		return ev, err
	})
	if id != 100 {
		t.Errorf("the first written order is %d, want 100 (BigCommerce numbers from 100)", id)
	}
	s.Read("abc", func(st *Store) {
		for _, o := range st.OrderList(OrderFilter{}) {
			if o.TotalIncTax() != o.TotalExTax()+o.TotalTax() {
				t.Errorf("order %d: total_inc_tax %v != %v + %v", o.ID, o.TotalIncTax(), o.TotalExTax(), o.TotalTax())
			}
			n := 0
			for _, l := range o.Lines {
				n += l.Quantity
				if o.Address(l.AddressID) == nil {
					t.Errorf("order %d: line %d goes to address %d, which the order has not", o.ID, l.ID, l.AddressID)
				}
			}
			if o.ItemsTotal() != n || n == 0 {
				t.Errorf("order %d: items_total %d, lines hold %d", o.ID, o.ItemsTotal(), n)
			}
		}
	})
	o := order(s, "abc", id)
	// 2 x product 77 + 3.0000 of gift wrap, 8 % tax.
	wantSub := 2*s.pool.products[0].price + 3*Unit
	if o.Subtotal() != wantSub || o.SubtotalTax() != o.LineTax(o.Lines[0]).Times(2)+o.LineTax(o.Lines[1]) {
		t.Errorf("subtotal %v (tax %v), want %v", o.Subtotal(), o.SubtotalTax(), wantSub)
	}
}

// TestRuleShipments checks §2.16's shipment rule: a partial shipment moves
// the order to 3, the rest to 2; items_shipped follows; deleting a
// shipment keeps the status.
func TestRuleShipments(t *testing.T) {
	s, clk := newTestShop(1)
	var id int
	write(t, s, "abc", func(st *Store) ([]Event, error) {
		o := mkOrder(t, st)
		id = o.ID
		_, ev, err := st.AddShipment(o.ID, ShipmentInput{AddressID: o.Addresses[0].ID, Items: []ShipmentItem{{LineID: o.Lines[0].ID, Quantity: 1}}})
		return ev, err
	})
	if o := order(s, "abc", id); o.StatusID != bigcommerce.StatusPartiallyShipped || o.ItemsShipped() != 1 || !o.Shipped.IsZero() {
		t.Fatalf("after a partial shipment: status %d, shipped %d", o.StatusID, o.ItemsShipped())
	}
	clk.Advance(time.Minute)
	var sid int
	write(t, s, "abc", func(st *Store) ([]Event, error) {
		o := st.Order(id)
		sh, ev, err := st.AddShipment(id, shipAll(o))
		sid = sh.ID
		return ev, err
	})
	o := order(s, "abc", id)
	if o.StatusID != bigcommerce.StatusShipped || o.ItemsShipped() != o.ItemsTotal() || !o.Shipped.Equal(start.Add(time.Minute)) {
		t.Fatalf("after shipping the rest: status %d, shipped %d/%d at %v", o.StatusID, o.ItemsShipped(), o.ItemsTotal(), o.Shipped)
	}
	for _, bad := range []ShipmentInput{
		{AddressID: o.Addresses[0].ID, Items: []ShipmentItem{{LineID: o.Lines[0].ID, Quantity: 1}}}, // nothing left
		{AddressID: 999, Items: []ShipmentItem{{LineID: o.Lines[0].ID, Quantity: 1}}},
		{AddressID: o.Addresses[0].ID},
		{AddressID: o.Addresses[0].ID, Items: []ShipmentItem{{LineID: 999, Quantity: 1}}},
	} {
		if _, err := s.Write("abc", func(st *Store) ([]Event, error) { _, ev, err := st.AddShipment(id, bad); return ev, err }); !errorsIs(err, ErrInvalid) {
			t.Errorf("AddShipment(%+v): %v, want ErrInvalid", bad, err)
		}
	}
	write(t, s, "abc", func(st *Store) ([]Event, error) { return st.DeleteShipment(id, sid) })
	if o := order(s, "abc", id); o.StatusID != bigcommerce.StatusShipped || o.ItemsShipped() != 1 {
		t.Errorf("after deleting a shipment: status %d (want 2, kept), shipped %d (want 1)", o.StatusID, o.ItemsShipped())
	}
}

// TestRuleStatus checks §2.16's status rule: statusUpdated fires only
// when the status changes, and date_modified follows the change.
func TestRuleStatus(t *testing.T) {
	s, clk := newTestShop(1)
	var id int
	write(t, s, "abc", func(st *Store) ([]Event, error) { o := mkOrder(t, st); id = o.ID; return nil, nil })
	clk.Advance(time.Hour)
	ev := write(t, s, "abc", func(st *Store) ([]Event, error) {
		_, ev, err := st.UpdateOrder(id, OrderInput{StatusID: ptr(9)})
		return ev, err
	})
	o := order(s, "abc", id)
	if o.StatusID != 9 || o.Status() != "Awaiting Shipment" || !o.Modified.Equal(start.Add(time.Hour)) {
		t.Errorf("order = status %d %q modified %v", o.StatusID, o.Status(), o.Modified)
	}
	if st := ev[0].Data["status"].(map[string]any); st["previous_status_id"] != 1 || st["new_status_id"] != 9 {
		t.Errorf("statusUpdated data = %v, want 1 -> 9", st)
	}
	if _, err := s.Write("abc", func(st *Store) ([]Event, error) {
		_, ev, err := st.UpdateOrder(id, OrderInput{StatusID: ptr(15)})
		return ev, err
	}); !errorsIs(err, ErrInvalid) {
		t.Errorf("status 15: %v, want ErrInvalid", err)
	}
	if order(s, "abc", id).StatusID != 9 {
		t.Error("a failed update changed the order")
	}
}

// TestRuleCarts checks §2.16's cart rules: line item events name the
// cart's lines, and removing the last item deletes the cart.
func TestRuleCarts(t *testing.T) {
	s, _ := newTestShop(1)
	var c *Cart
	ev := write(t, s, "abc", func(st *Store) ([]Event, error) {
		var ev []Event
		var err error
		c, ev, err = st.CreateCart(CartInput{Lines: []CartLineInput{{ProductID: 77, Quantity: 1}, {ProductID: 78, Quantity: 2}}})
		return ev, err
	})
	for _, e := range ev {
		if e.Scope == "store/cart/lineItem/created" && (e.Data["cartId"] != c.ID || c.Line(e.Data["id"].(string)) == nil) {
			t.Errorf("%s %v names no line of cart %s", e.Scope, e.Data, c.ID)
		}
	}
	write(t, s, "abc", func(st *Store) ([]Event, error) { _, ev, err := st.DeleteCartItem(c.ID, c.Lines[0].ID); return ev, err })
	if cart(s, "abc", c.ID) == nil {
		t.Fatal("the cart went with an item left")
	}
	write(t, s, "abc", func(st *Store) ([]Event, error) { _, ev, err := st.DeleteCartItem(c.ID, c.Lines[0].ID); return ev, err })
	if cart(s, "abc", c.ID) != nil {
		t.Error("the cart is still there without items")
	}
	for _, in := range []CartInput{{}, {Lines: []CartLineInput{{ProductID: 77}}}, {Lines: []CartLineInput{{Quantity: 1}}}} {
		if _, err := s.Write("abc", func(st *Store) ([]Event, error) { _, ev, err := st.CreateCart(in); return ev, err }); !errorsIs(err, ErrInvalid) {
			t.Errorf("CreateCart(%+v): %v, want ErrInvalid", in, err)
		}
	}
}

// TestRuleCheckoutCascade checks §2.16's checkout cascade through
// CreateCheckoutOrder and PayOrder: an Incomplete order of the cart's
// lines, then paid (11) with a purchase, the cart gone, cart_id kept.
func TestRuleCheckoutCascade(t *testing.T) {
	s, _ := newTestShop(1)
	var c *Cart
	var id int
	write(t, s, "abc", func(st *Store) ([]Event, error) {
		c = mkCart(t, st)
		o, ev, err := st.CreateCheckoutOrder(c.ID)
		id = o.ID
		return ev, err
	})
	o := order(s, "abc", id)
	if o.StatusID != bigcommerce.StatusIncomplete || o.CartID != c.ID || o.Source != "checkout_api" || len(o.Lines) != 1 ||
		o.Lines[0].ProductID != 77 || o.Lines[0].Quantity != 2 || cart(s, "abc", c.ID) == nil {
		t.Fatalf("after the checkout order: %+v", o)
	}
	var again int
	write(t, s, "abc", func(st *Store) ([]Event, error) {
		o, ev, err := st.CreateCheckoutOrder(c.ID)
		if err == nil {
			again = o.ID
		}
		return ev, err
	})
	if again == id || order(s, "abc", again).StatusID != bigcommerce.StatusIncomplete || cart(s, "abc", c.ID).OrderID != again {
		t.Errorf("a second checkout order %d (first %d): want a new incomplete order the cart names", again, id)
	}
	ev := write(t, s, "abc", func(st *Store) ([]Event, error) { _, ev, err := st.PayOrder(id); return ev, err })
	o = order(s, "abc", id)
	if o.StatusID != bigcommerce.StatusAwaitingFulfillment || len(o.Transactions) != 1 || o.Transactions[0].Event != "purchase" ||
		o.Transactions[0].Amount != o.TotalIncTax() || cart(s, "abc", c.ID) != nil || o.CartID != c.ID {
		t.Errorf("after paying: status %d, transactions %+v, cart there %v", o.StatusID, o.Transactions, cart(s, "abc", c.ID) != nil)
	}
	conv := ev[len(ev)-2]
	if conv.Data["id"] != c.ID || conv.Data["orderId"] != id {
		t.Errorf("cart/converted data = %v", conv.Data)
	}
	if _, err := s.Write("abc", func(st *Store) ([]Event, error) { _, ev, err := st.PayOrder(id); return ev, err }); !errorsIs(err, ErrInvalid) {
		t.Errorf("paying twice: %v, want ErrInvalid", err)
	}
}

// TestCheckoutActionCascade raises the checkout action's events (as the
// scenario action expands them) and checks the order takes the cart's
// lines and cart_id, and the cart is gone.
func TestCheckoutActionCascade(t *testing.T) {
	s, _ := newTestShop(1)
	for _, e := range []ev{
		{"store/cart/created", map[string]any{"id": cartA}},
		{"store/channel/1/cart/created", map[string]any{"cart_id": cartA}},
		{"store/cart/updated", map[string]any{"id": cartA}},
		{"store/cart/lineItem/created", map[string]any{"id": itemA, "cartId": cartA}},
		{"store/order/created", map[string]any{"id": 100}},
		{"store/channel/1/order/created", map[string]any{"order_id": 100}},
	} {
		raise(t, s, "abc", e.scope, e.data)
	}
	c := cart(s, "abc", cartA)
	for _, e := range []ev{
		{"store/cart/converted", map[string]any{"id": cartA, "orderId": 100}},
		{"store/channel/1/cart/converted", map[string]any{"cart_id": cartA}},
		{"store/order/statusUpdated", map[string]any{"id": 100, "status": map[string]any{"previous_status_id": 0, "new_status_id": 11}}},
		{"store/order/updated", map[string]any{"id": 100}},
	} {
		raise(t, s, "abc", e.scope, e.data)
	}
	o := order(s, "abc", 100)
	if cart(s, "abc", cartA) != nil || o.CartID != cartA || o.StatusID != 11 || len(o.Lines) != len(c.Lines) {
		t.Fatalf("order %+v (lines %d, cart had %d)", o, len(o.Lines), len(c.Lines))
	}
	for i, l := range o.Lines {
		if cl := c.Lines[i]; l.ProductID != cl.ProductID || l.Quantity != cl.Quantity || l.Price != cl.SalePrice {
			t.Errorf("line %d = %+v, cart line %+v", i, l, cl)
		}
	}
	if o.Lines[len(o.Lines)-1].ID == 0 || c.Line(itemA) == nil {
		t.Error("the cart's event line item is not among its lines")
	}
}
