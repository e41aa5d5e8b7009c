package rest

import "github.com/bcmock/bcmock/mock/internal/gateway"

// Filled in by the orders, store, payments and carts files.
func (r *REST) addStoreV2(map[string]gateway.Handler)    {}
func (r *REST) addPaymentsV3(map[string]gateway.Handler) {}
func (r *REST) addCartsV3(map[string]gateway.Handler)    {}
