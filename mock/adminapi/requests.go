package adminapi

import (
	"context"
	"net/url"
	"time"
)

// APIRequest is one request an app made to BigCommerce's v2 or v3 APIs
// of a store, as the mock answered it (GET /__bcmock/requests). The
// control API's own requests are not recorded.
type APIRequest struct {
	// ID numbers the requests in the order they were answered.
	ID int64 `json:"id"`
	// At is the mock-clock instant of the answer.
	At time.Time `json:"at"`
	// StoreHash is the store the path names.
	StoreHash string `json:"store_hash"`
	// Method is the HTTP method.
	Method string `json:"method"`
	// Path is the path below /stores/{store_hash}, as sent: "/v2/orders/100".
	Path string `json:"path"`
	// Query is the raw query string, without "?"; "" for none.
	Query string `json:"query,omitempty"`
	// Operation is the operationId of the mock's OpenAPI documents that
	// served it (getOrderV2, getWebhook); "" when none matched or the token
	// was refused.
	Operation string `json:"operation,omitempty"`
	// Status is the answer's HTTP status.
	Status int `json:"status"`
	// ClientID is the account of the request's X-Auth-Token; "" when it
	// was refused.
	ClientID string `json:"client_id,omitempty"`
	// UserAgent is the request's User-Agent (its first 256 bytes); "" for
	// none.
	UserAgent string `json:"user_agent,omitempty"`
	// Truncated reports that the path or query was cut at 1 KiB, the
	// User-Agent at 256 bytes or the method at 32.
	Truncated bool `json:"truncated,omitempty"`
}

// RequestQuery selects recorded requests. Zero fields match everything.
type RequestQuery struct {
	// Store selects one store hash.
	Store string
	// Operation selects one operationId, such as "getWebhook".
	Operation string
	// Method selects one HTTP method, case-insensitively.
	Method string
	// Path selects paths below /stores/{store_hash}: exactly, or with "*"
	// for one whole segment ("/v3/hooks/*").
	Path string
	// Status selects an HTTP status ("404") or a class ("2xx").
	Status string
	// ClientID selects one account.
	ClientID string
}

// values encodes the fields of q that are set.
func (q RequestQuery) values() url.Values {
	v := url.Values{}
	for _, p := range [...]struct{ name, value string }{
		{"store", q.Store}, {"operation", q.Operation}, {"method", q.Method},
		{"path", q.Path}, {"status", q.Status}, {"client_id", q.ClientID},
	} {
		if p.value != "" {
			v.Set(p.name, p.value)
		}
	}
	return v
}

// Requests lists the recorded requests q selects, oldest first, every page
// of them. The mock keeps a bounded number per store (its
// --request-log-cap).
func (c *Client) Requests(ctx context.Context, q RequestQuery) ([]APIRequest, error) {
	return getList[APIRequest](ctx, c, "/requests", q.values())
}
