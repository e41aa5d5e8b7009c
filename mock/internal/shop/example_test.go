package shop_test

import (
	"fmt"
	"time"

	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// Raising an event puts its state in place: after store/order/created
// the order exists, and statusUpdated moves it.
func ExampleShop_Raise() {
	s := shop.New(1, clock.NewFake(time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)))
	asGiven := func(o map[string]any) (any, error) { return o, nil }
	_, _ = s.Raise("abc123", "store/order/created", map[string]any{"id": 250}, asGiven)
	data, _ := s.Raise("abc123", "store/order/statusUpdated", map[string]any{"id": 250, "status": map[string]any{"new_status_id": 2}}, asGiven)
	fmt.Println("event status:", data.(map[string]any)["status"])
	s.Read("abc123", func(st *shop.Store) {
		o := st.Order(250)
		fmt.Println("order", o.ID, "status", o.StatusID, o.Status())
	})
	// Output:
	// event status: map[new_status_id:2 previous_status_id:11]
	// order 250 status 2 Shipped
}

// A write changes the state and returns the events BigCommerce fires for
// it, in order, for the caller to raise.
func ExampleStore_PayOrder() {
	s := shop.New(1, clock.NewFake(time.Date(2026, 3, 5, 0, 0, 0, 0, time.UTC)))
	_, _ = s.Write("abc123", func(st *shop.Store) ([]shop.Event, error) {
		c, _, err := st.CreateCart(shop.CartInput{Lines: []shop.CartLineInput{{ProductID: 77, Quantity: 2}}})
		if err != nil {
			return nil, err
		}
		o, _, err := st.CreateCheckoutOrder(c.ID)
		if err != nil {
			return nil, err
		}
		fmt.Println("order", o.ID, "status", o.StatusID)
		_, events, err := st.PayOrder(o.ID)
		for _, e := range events {
			fmt.Println(e.Scope)
		}
		fmt.Println("status", o.StatusID, "cart gone:", st.Cart(c.ID) == nil)
		return events, err
	})
	// Output:
	// order 100 status 0
	// store/order/statusUpdated
	// store/channel/1/order/statusUpdated
	// store/order/updated
	// store/channel/1/order/updated
	// store/order/transaction/created
	// store/cart/converted
	// store/channel/1/cart/converted
	// status 11 cart gone: true
}
