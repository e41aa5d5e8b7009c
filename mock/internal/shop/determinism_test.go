package shop

import "testing"

// script is a mix of events and writes a store goes through.
func script(t *testing.T, s *Shop, hash string) {
	t.Helper()
	raise(t, s, hash, "store/order/created", map[string]any{"id": 250})
	raise(t, s, hash, "store/cart/created", map[string]any{"id": cartA})
	raise(t, s, hash, "store/shipment/created", map[string]any{"id": 1, "orderId": 250})
	raise(t, s, hash, "store/order/transaction/created", map[string]any{"order_id": 250, "transaction_id": "t1"})
	raise(t, s, hash, "store/order/updated", map[string]any{"id": 77})
	write(t, s, hash, func(st *Store) ([]Event, error) {
		c, ev, err := st.CreateCart(CartInput{Lines: []CartLineInput{{ProductID: 79, Quantity: 1}}})
		if err != nil {
			return nil, err
		}
		o, ev2, err := st.CreateCheckoutOrder(c.ID)
		if err != nil {
			return nil, err
		}
		_, ev3, err := st.PayOrder(o.ID)
		return append(append(ev, ev2...), ev3...), err
	})
}

// TestDeterminism checks that the same seed and the same calls give the
// same data, another seed other data, and that a store's data does not
// depend on what other stores did.
func TestDeterminism(t *testing.T) {
	a, _ := newTestShop(42)
	b, _ := newTestShop(42)
	script(t, a, "store-a")
	script(t, b, "store-a")
	if sa, sb := snapshot(a, "store-a"), snapshot(b, "store-a"); sa != sb || sa == "" {
		t.Fatalf("same seed, same calls, different data:\n%s\n%s", sa, sb)
	}

	other, _ := newTestShop(43)
	script(t, other, "store-a")
	if snapshot(other, "store-a") == snapshot(a, "store-a") {
		t.Error("another seed gives the same data")
	}

	busy, _ := newTestShop(42)
	script(t, busy, "store-b")
	raise(t, busy, "store-b", "store/order/created", map[string]any{"id": 9})
	script(t, busy, "store-a")
	if snapshot(busy, "store-a") != snapshot(a, "store-a") {
		t.Error("store-a's data depends on what store-b did")
	}
	if snapshot(busy, "store-b") == snapshot(a, "store-a") {
		t.Error("two stores of one seed invent the same data")
	}

	a.Reset("store-a")
	script(t, a, "store-a")
	if snapshot(a, "store-a") != snapshot(b, "store-a") {
		t.Error("a reset store does not invent what a new one does")
	}
}
