package testkit

import (
	"testing"

	"github.com/bcmock/bcmock/mock/adminapi"
)

// The store model from Go: seed orders, carts, the catalog, customers
// and channels without firing events, read what a store holds, and take
// payment for an order, through the control API (adminapi). Each helper fails the test, with the mock's
// answer, when the mock refuses.

// SeedOrder puts an order in the store without firing any event and
// returns it as the store holds it. Every field of o may be left out (an
// invented order, status 11); see adminapi.SeedOrder.
func (s *Server) SeedOrder(tb testing.TB, storeHash string, o adminapi.SeedOrder) adminapi.OrderState {
	tb.Helper()
	out, err := s.admin.SeedOrder(tb.Context(), storeHash, o)
	if err != nil {
		tb.Fatalf("testkit: %v", err)
	}
	return out
}

// SeedCart puts a cart in the store without firing any event and returns
// it as the store holds it; see adminapi.SeedCart.
func (s *Server) SeedCart(tb testing.TB, storeHash string, c adminapi.SeedCart) adminapi.CartState {
	tb.Helper()
	out, err := s.admin.SeedCart(tb.Context(), storeHash, c)
	if err != nil {
		tb.Fatalf("testkit: %v", err)
	}
	return out
}

// State returns everything the store holds: its orders (archived ones
// too), carts, catalog, customers, subscribers and channels. Log it when a test fails to see what the mock held.
func (s *Server) State(tb testing.TB, storeHash string) adminapi.StoreState {
	tb.Helper()
	out, err := s.admin.State(tb.Context(), storeHash)
	if err != nil {
		tb.Fatalf("testkit: %v", err)
	}
	return out
}

// Order returns order id of the store, or nil when the store has none.
func (s *Server) Order(tb testing.TB, storeHash string, id int) *adminapi.OrderState {
	tb.Helper()
	return s.State(tb, storeHash).Order(id)
}

// Cart returns cart id of the store, or nil when it has none (a converted
// or deleted cart is gone).
func (s *Server) Cart(tb testing.TB, storeHash, id string) *adminapi.CartState {
	tb.Helper()
	return s.State(tb, storeHash).Cart(id)
}

// Pay takes payment for an unpaid order as BigCommerce's Payments API
// does: the order moves to 11 (Awaiting Fulfillment), a purchase is
// recorded, the cart it came from is converted, and the mock fires
// statusUpdated, order/updated, order/transaction/created and
// cart/converted. It returns the order as it is then.
func (s *Server) Pay(tb testing.TB, storeHash string, orderID int) adminapi.OrderState {
	tb.Helper()
	out, err := s.admin.PayOrder(tb.Context(), storeHash, orderID)
	if err != nil {
		tb.Fatalf("testkit: %v", err)
	}
	return out
}

// Seed puts the catalog entities, customers, subscribers and channels of
// seed in the store without firing any event (sections in the order
// channels, brands, categories, products, customers, subscribers), and
// returns them as the store holds them; see adminapi.Seed.
func (s *Server) Seed(tb testing.TB, storeHash string, seed adminapi.Seed) adminapi.StoreState {
	tb.Helper()
	out, err := s.admin.Seed(tb.Context(), storeHash, seed)
	if err != nil {
		tb.Fatalf("testkit: %v", err)
	}
	return out
}

// SeedProduct puts one product in the store without firing any event and
// returns it as the store holds it; see adminapi.SeedProduct.
func (s *Server) SeedProduct(tb testing.TB, storeHash string, p adminapi.SeedProduct) adminapi.ProductState {
	tb.Helper()
	return s.Seed(tb, storeHash, adminapi.Seed{Products: []adminapi.SeedProduct{p}}).Products[0]
}

// SeedCustomer puts one customer (with its addresses) in the store
// without firing any event and returns it as the store holds it; see
// adminapi.SeedCustomer.
func (s *Server) SeedCustomer(tb testing.TB, storeHash string, c adminapi.SeedCustomer) adminapi.CustomerState {
	tb.Helper()
	return s.Seed(tb, storeHash, adminapi.Seed{Customers: []adminapi.SeedCustomer{c}}).Customers[0]
}

// Product returns product id of the store, or nil when it has none.
func (s *Server) Product(tb testing.TB, storeHash string, id int) *adminapi.ProductState {
	tb.Helper()
	return s.State(tb, storeHash).Product(id)
}

// Customer returns customer id of the store, or nil when it has none.
func (s *Server) Customer(tb testing.TB, storeHash string, id int) *adminapi.CustomerState {
	tb.Helper()
	return s.State(tb, storeHash).Customer(id)
}
