package mock

import (
	"context"

	"github.com/bcmock/bcmock/mock/internal/shop"
	"github.com/bcmock/bcmock/mock/internal/store"
)

// StoreOf exposes a server's state to this package's external tests.
func StoreOf(s *Server) *store.Store { return s.store }

// ShopOf exposes a server's store model to this package's external tests.
func ShopOf(s *Server) *shop.Shop { return s.shop }

// PayOrder pays order id of store storeHash as a successful Payments API
// charge does (shop.Store.PayOrder) and raises what it fires, as a REST
// write would: a test-only hook until the control API can pay an order.
func PayOrder(s *Server, storeHash string, id int) error {
	events, err := s.shop.Write(storeHash, func(st *shop.Store) ([]shop.Event, error) {
		_, events, err := st.PayOrder(id)
		return events, err
	})
	if err != nil {
		return err
	}
	s.raiseFired(context.Background(), storeHash, events)
	return nil
}
