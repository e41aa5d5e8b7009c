package testkit_test

import (
	"fmt"
	"testing"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/testkit"
)

// A test seeds the orders its code reads, raises the event, and checks
// what the store holds afterwards.
func ExampleServer_SeedOrder() {
	t := newStandIn("TestShipping")
	defer t.end()

	srv := testkit.Start(t, testkit.WithFakeClock(testkit.DefaultClockStart), testkit.WithResponseValidation())
	store := testkit.StoreHash(t)
	o := srv.SeedOrder(t, store, adminapi.SeedOrder{ID: 250, Lines: []adminapi.SeedLine{{ProductID: 77, Quantity: 2}}})
	fmt.Println("seeded", o.ID, o.Status, o.ItemsTotal, "items")

	// The event a shipment raises ships the order.
	if _, err := srv.RaiseEvent(t.Context(), store, "store/shipment/created", map[string]any{"orderId": 250}); err != nil {
		t.Fatal(err)
	}
	o2 := srv.Order(t, store, 250)
	fmt.Println("after shipment/created:", o2.StatusID, o2.Status, o2.ItemsShipped, "shipped")
	// Output:
	// seeded 250 Pending 2 items
	// after shipment/created: 2 Shipped 2 shipped
}

// Pay takes payment for a checkout's order, as the Payments API does: the
// cart is converted and gone.
func ExampleServer_Pay() {
	t := newStandIn("TestCheckout")
	defer t.end()

	srv := testkit.Start(t, testkit.WithFakeClock(testkit.DefaultClockStart), testkit.WithResponseValidation())
	store := testkit.StoreHash(t)
	cart := srv.SeedCart(t, store, adminapi.SeedCart{LineItems: []adminapi.SeedCartLine{{ProductID: 77, Quantity: 1}}})
	srv.SeedOrder(t, store, adminapi.SeedOrder{ID: 300, StatusID: new(0), CartID: cart.ID})
	paid := srv.Pay(t, store, 300)
	fmt.Println("status", paid.StatusID, paid.Status, "transactions", len(paid.Transactions))
	fmt.Println("cart gone:", srv.Cart(t, store, cart.ID) == nil)
	// Output:
	// status 11 Awaiting Fulfillment transactions 1
	// cart gone: true
}

func TestStateHelpers(t *testing.T) {
	srv := testkit.Start(t, testkit.WithFakeClock(testkit.DefaultClockStart), testkit.WithResponseValidation())
	store := testkit.StoreHash(t)
	if st := srv.State(t, store); len(st.Orders) != 0 || len(st.Carts) != 0 || st.StoreHash != store {
		t.Errorf("a new store's state = %+v", st)
	}
	if srv.Order(t, store, 1) != nil || srv.Cart(t, store, "nope") != nil {
		t.Error("a new store has entities")
	}
	srv.SeedOrder(t, store, adminapi.SeedOrder{ID: 9, IsDeleted: true})
	if o := srv.Order(t, store, 9); o == nil || !o.IsDeleted {
		t.Errorf("archived seeded order = %+v", o)
	}
	if _, err := srv.Admin().SeedOrder(t.Context(), store, adminapi.SeedOrder{ID: 9}); err == nil {
		t.Error("seeding an id the store holds succeeded")
	}
	if _, err := srv.Admin().PayOrder(t.Context(), store, 9); err == nil {
		t.Error("paying an order of status 11 succeeded")
	}
}
