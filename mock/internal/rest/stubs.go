package rest

import "github.com/bcmock/bcmock/mock/internal/gateway"

// Filled in by the orders file.
func (r *REST) addOrdersV2(map[string]gateway.Handler) {}
