package mock

import "github.com/bcmock/bcmock/mock/internal/store"

// StoreOf exposes a server's state to this package's external tests.
func StoreOf(s *Server) *store.Store { return s.store }
