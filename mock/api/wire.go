package api

import (
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/store"
)

// hookJSON is a webhook on the wire (SPEC webhook_Full).
type hookJSON struct {
	ID          int               `json:"id"`
	ClientID    string            `json:"client_id"`
	StoreHash   string            `json:"store_hash"`
	Scope       string            `json:"scope"`
	Destination string            `json:"destination"`
	IsActive    bool              `json:"is_active"`
	Headers     map[string]string `json:"headers"`
	CreatedAt   int64             `json:"created_at"`
	UpdatedAt   int64             `json:"updated_at"`
}

func toJSON(h store.Hook) hookJSON {
	return hookJSON{
		ID: h.ID, ClientID: h.ClientID, StoreHash: h.StoreHash, Scope: h.Scope,
		Destination: h.Destination, IsActive: h.IsActive, Headers: h.Headers,
		CreatedAt: h.CreatedAt.Unix(), UpdatedAt: h.UpdatedAt.Unix(),
	}
}

// adminHookJSON is an item of /hooks/admin hooks_list: a webhook plus status.
type adminHookJSON struct {
	hookJSON
	Status string `json:"status"`
}

// listEnvelope is the v3 list response.
type listEnvelope struct {
	Data any      `json:"data"`
	Meta listMeta `json:"meta"`
}

type listMeta struct {
	Pagination bigcommerce.Pagination `json:"pagination"`
}

// BlockedDomain is one entry of /hooks/admin blocked_domains.
type BlockedDomain struct {
	Destination string        `json:"destination"`
	TimeLeft    int           `json:"time_left"`
	Reasons     []BlockReason `json:"reasons"`
}

// BlockReason explains a blocked domain: which failure, how often, when.
type BlockReason struct {
	FailureDescription string `json:"failure_description"`
	Count              int    `json:"count"`
	Timestamp          int64  `json:"timestamp"`
}

type adminData struct {
	Emails         []string        `json:"emails"`
	HooksList      []adminHookJSON `json:"hooks_list"`
	BlockedDomains []BlockedDomain `json:"blocked_domains"`
}
