package api

import (
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/store"
)

// toJSON is a stored hook on the wire.
func toJSON(h store.Hook) bigcommerce.Hook {
	return bigcommerce.Hook{
		ID: h.ID, ClientID: h.ClientID, StoreHash: h.StoreHash, Scope: h.Scope,
		Destination: h.Destination, IsActive: h.IsActive, Headers: h.Headers,
		CreatedAt: h.CreatedAt.Unix(), UpdatedAt: h.UpdatedAt.Unix(),
	}
}

// listEnvelope is the v3 list response.
type listEnvelope struct {
	Data any      `json:"data"`
	Meta listMeta `json:"meta"`
}

type listMeta struct {
	Pagination bigcommerce.Pagination `json:"pagination"`
}
