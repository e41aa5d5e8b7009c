package testkit

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Hook is a webhook as BigCommerce's v3 API answers it: the data of
// POST /stores/{store_hash}/v3/hooks (bigcommerce.Hook, the one
// definition of that shape).
type Hook = bigcommerce.Hook

// CreateHook registers an active hook on scope (a documented scope or a
// wildcard such as "store/order/*") that delivers to destination, in the
// store, as the API account of token, the way an app does: a POST to
// StoreURL(storeHash)+"/hooks". It returns the hook the mock created and
// fails the test, with the mock's answer, if it refused.
func (s *Server) CreateHook(tb testing.TB, storeHash, token, scope, destination string) Hook {
	tb.Helper()
	body, _ := json.Marshal(map[string]any{"scope": scope, "destination": destination, "is_active": true})
	req, err := http.NewRequestWithContext(tb.Context(), http.MethodPost, s.StoreURL(url.PathEscape(storeHash))+"/hooks", bytes.NewReader(body))
	if err != nil {
		tb.Fatalf("testkit: create hook: %v", err)
	}
	req.Header.Set("X-Auth-Token", token)
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Accept", "application/json")
	resp, err := s.Client().Do(req)
	if err != nil {
		tb.Fatalf("testkit: create hook: %v", err)
	}
	defer resp.Body.Close()
	answer, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		tb.Fatalf("testkit: create hook: %v", err)
	}
	var out struct {
		Data Hook `json:"data"`
	}
	if resp.StatusCode != http.StatusOK {
		tb.Fatalf("testkit: create hook %s → %s in store %s: %s: %s", scope, destination, storeHash, resp.Status, answer)
	}
	if err := json.Unmarshal(answer, &out); err != nil {
		tb.Fatalf("testkit: create hook: decode %s: %v", answer, err)
	}
	return out.Data
}
