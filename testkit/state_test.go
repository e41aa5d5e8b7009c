package testkit_test

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
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

// A test seeds the product and customer its code reads, raises the
// events, and reads what the store holds afterwards.
func ExampleServer_SeedProduct() {
	t := newStandIn("TestRestock")
	defer t.end()

	srv := testkit.Start(t, testkit.WithFakeClock(testkit.DefaultClockStart), testkit.WithResponseValidation())
	store := testkit.StoreHash(t)
	p := srv.SeedProduct(t, store, adminapi.SeedProduct{ID: 77, Name: "Mug", Price: 12.5, InventoryLevel: new(10)})
	fmt.Println("seeded", p.ID, p.Name, p.Price, p.InventoryTracking, p.InventoryLevel, "variants", len(p.Variants))

	// inventory values are deltas by default (--inventory-value).
	if _, err := srv.RaiseEvent(t.Context(), store, "store/product/inventory/updated",
		map[string]any{"id": 77, "inventory": map[string]any{"method": "absolute", "value": -3}}); err != nil {
		t.Fatal(err)
	}
	fmt.Println("after inventory/updated:", srv.Product(t, store, 77).InventoryLevel)
	// Output:
	// seeded 77 Mug 12.5 product 10 variants 1
	// after inventory/updated: 7
}

// SeedCustomer seeds a customer with its address book; channels it names
// are seeded first in the same Seed.
func ExampleServer_SeedCustomer() {
	t := newStandIn("TestCustomerSync")
	defer t.end()

	srv := testkit.Start(t, testkit.WithFakeClock(testkit.DefaultClockStart), testkit.WithResponseValidation())
	store := testkit.StoreHash(t)
	seeded := srv.Seed(t, store, adminapi.Seed{
		Channels: []adminapi.SeedChannel{{ID: 664, Name: "Amazon US", Type: "marketplace", Platform: "amazon"}},
		Customers: []adminapi.SeedCustomer{{ID: 12, Email: "ada@example.com", FirstName: "Ada", LastName: "Lovelace", ChannelIDs: []int{1, 664},
			Addresses: []adminapi.SeedCustomerAddress{{FirstName: "Ada", LastName: "Lovelace", Address1: "12 St James's Sq", City: "London", CountryCode: "GB"}}}},
	})
	c := seeded.Customers[0]
	fmt.Println("seeded", c.ID, c.Email, c.ChannelIDs, "addresses", len(c.Addresses), c.Addresses[0].City)

	if _, err := srv.RaiseEvent(t.Context(), store, "store/customer/updated", map[string]any{"id": 12}); err != nil {
		t.Fatal(err)
	}
	after := srv.Customer(t, store, 12)
	fmt.Println("after customer/updated:", after.Email, len(after.Addresses), "address")
	// Output:
	// seeded 12 ada@example.com [1 664] addresses 1 London
	// after customer/updated: ada@example.com 1 address
}

// TestSeedEntities checks the seed endpoint through the client, with
// responses validated: what it answers, what the dump holds, the
// refusals naming their entry, and that no event fired.
func TestSeedEntities(t *testing.T) {
	srv := testkit.Start(t, testkit.WithFakeClock(testkit.DefaultClockStart), testkit.WithResponseValidation())
	store := testkit.StoreHash(t)
	st := srv.State(t, store)
	if len(st.Products)+len(st.Customers)+len(st.Categories)+len(st.Brands)+len(st.Subscribers) != 0 || len(st.Channels) != 1 || st.Channels[0].ID != 1 {
		t.Fatalf("a new store's state = %+v", st)
	}
	seeded := srv.Seed(t, store, adminapi.Seed{
		Brands:     []adminapi.SeedBrand{{ID: 3, Name: "Acme"}},
		Categories: []adminapi.SeedCategory{{ID: 20, Name: "Mugs"}, {Name: "Tall mugs", ParentID: 20}},
		Products: []adminapi.SeedProduct{{Name: "Mug", Price: 9, Categories: []int{20, 21}, BrandID: 3, Variants: []adminapi.SeedVariant{
			{SKU: "MUG-S", InventoryLevel: new(2), OptionValues: []adminapi.SeedOptionValue{{OptionDisplayName: "Size", Label: "S"}}},
			{SKU: "MUG-L", Price: new(11.0), InventoryLevel: new(3), OptionValues: []adminapi.SeedOptionValue{{OptionDisplayName: "Size", Label: "L"}}},
		}}},
		Subscribers: []adminapi.SeedSubscriber{{Email: "news@example.com"}},
	})
	p := seeded.Products[0]
	if p.ID != 1 || len(p.Variants) != 2 || p.InventoryTracking != "variant" || p.InventoryLevel != 5 || p.Variants[1].Price != 11 || p.BrandID != 3 {
		t.Errorf("seeded product = %+v", p)
	}
	if len(seeded.Categories) != 2 || seeded.Categories[1].ID != 21 || seeded.Categories[1].ParentID != 20 || len(seeded.Channels) != 0 || len(seeded.Orders) != 0 {
		t.Errorf("seeded = %+v", seeded)
	}
	st = srv.State(t, store)
	if st.Product(1) == nil || st.Category(21) == nil || len(st.Brands) != 1 || len(st.Subscribers) != 1 {
		t.Errorf("state = %+v", st)
	}
	events, err := srv.Admin().Events(t.Context(), adminapi.Query{Store: store})
	if err != nil || len(events) != 0 {
		t.Errorf("seeding fired %d events (%v)", len(events), err)
	}

	refusals := []struct {
		name string
		seed adminapi.Seed
		want string
	}{
		{"a product without a name", adminapi.Seed{Products: []adminapi.SeedProduct{{Name: "Cup", Price: 1}, {Price: 1}}}, "products[1]: invalid: name: required"},
		{"a product id the store holds", adminapi.Seed{Products: []adminapi.SeedProduct{{ID: 1, Name: "Cup", Price: 1}}}, "products[0]: invalid: id: the store holds product 1 already"},
		{"a category that does not exist", adminapi.Seed{Products: []adminapi.SeedProduct{{Name: "Cup", Price: 1, Categories: []int{99}}}}, "category 99 does not exist"},
		{"a customer on an unknown channel", adminapi.Seed{Customers: []adminapi.SeedCustomer{{Email: "a@example.com", FirstName: "A", LastName: "B", ChannelIDs: []int{9}}}}, "customers[0]"},
		{"an address without a city", adminapi.Seed{Customers: []adminapi.SeedCustomer{{Email: "b@example.com", FirstName: "A", LastName: "B",
			Addresses: []adminapi.SeedCustomerAddress{{FirstName: "A", LastName: "B", Address1: "1 Main St", CountryCode: "US"}}}}}, "city is required"},
		{"a channel without a platform", adminapi.Seed{Channels: []adminapi.SeedChannel{{Name: "X", Type: "pos"}}}, "channels[0]"},
		{"a duplicate brand", adminapi.Seed{Brands: []adminapi.SeedBrand{{Name: "acme"}}}, "brands[0]"},
	}
	for _, tt := range refusals {
		t.Run(tt.name, func(t *testing.T) {
			_, err := srv.Admin().Seed(t.Context(), store, tt.seed)
			var apiErr *adminapi.Error
			if !errors.As(err, &apiErr) || apiErr.Status != http.StatusUnprocessableEntity || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %v, want a 422 with %q", err, tt.want)
			}
		})
	}
	// A body the control document refuses is a 400 or 422 before any write.
	if _, err := srv.Admin().Seed(t.Context(), store, adminapi.Seed{Products: []adminapi.SeedProduct{{Name: "Cup", Price: -1}}}); err == nil {
		t.Error("a negative price was seeded")
	}
}
