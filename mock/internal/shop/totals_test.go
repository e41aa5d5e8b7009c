package shop

import (
	"errors"
	"testing"
)

// TestTotalOrdersBoundAllStores checks that the orders of all stores
// together stay within Limits.TotalOrders, whatever path makes them (an
// event, a write), and that a reset store gives its room back.
func TestTotalOrdersBoundAllStores(t *testing.T) {
	s, _ := newTestShop(1, WithLimits(Limits{TotalOrders: 3}))
	raise := func(hash string, id int) {
		t.Helper()
		if _, err := s.Raise(hash, "store/order/created", nil, func(map[string]any) (any, error) {
			return map[string]any{"type": "order", "id": id}, nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	raise("a", 100)
	raise("a", 101)
	raise("b", 100)
	raise("b", 101) // past the total: the event goes out, no order is kept
	s.Read("b", func(st *Store) {
		if st.Order(101) != nil {
			t.Error("a fourth order was kept past TotalOrders 3")
		}
	})
	_, err := s.Write("c", func(st *Store) ([]Event, error) {
		_, events, err := st.CreateOrder(OrderInput{Billing: &Address{FirstName: "A"}, Lines: []LineInput{{Name: "X", Quantity: 1, Price: ptr(Unit)}}})
		return events, err
	})
	if !errors.Is(err, ErrFull) {
		t.Fatalf("CreateOrder past TotalOrders: %v, want ErrFull", err)
	}
	s.Reset("a")
	raise("b", 101)
	s.Read("b", func(st *Store) {
		if st.Order(101) == nil {
			t.Error("after a reset of store a, store b still has no room")
		}
	})
}
