package mock_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
)

// FuzzOrdersV2 sends arbitrary methods, paths under /v2/orders, queries
// and bodies to the v2 orders resources. The mock must never panic, never
// answer 5xx (responses are validated against the document), and never
// lose an order: order 100 of the store stays readable whatever is sent
// (archiving keeps it), and order 100 of another store is untouched.
func FuzzOrdersV2(f *testing.F) {
	seeds := []struct{ method, path, query, body string }{
		{"GET", "/orders", "min_id=1&max_id=200&sort=date_created:desc&limit=5&page=1", ""},
		{"GET", "/orders", "min_date_created=Tue,%2005%20Mar%202019%2021:40:11%20%2B0000&is_deleted=true", ""},
		{"GET", "/orders/100/products", "limit=251", ""},
		{"GET", "/orders/count", "", ""},
		{"GET", "/order_statuses", "", ""},
		{"POST", "/orders", "", orderBody},
		{"POST", "/orders", "", `{"billing_address":{"zip":"1"},"products":[{"name":"x","quantity":1,"price_inc_tax":"-1"}]}`},
		{"PUT", "/orders/100", "", `{"status_id":2,"is_deleted":true}`},
		{"PUT", "/orders/100", "", `{"status_id":"2","shipping_cost_ex_tax":1e300}`},
		{"DELETE", "/orders/100", "", ""},
		{"DELETE", "/orders", "", ""},
		{"POST", "/orders/100/shipments", "", `{"order_address_id":1,"items":[{"order_product_id":1,"quantity":1}]}`},
		{"PUT", "/orders/100/shipments/1", "", `{"tracking_number":"x"}`},
		{"DELETE", "/orders/100/shipments", "", ""},
		{"PUT", "/orders/100/shipping_addresses/1", "", `{"city":"\u0000"}`},
		{"GET", "/orders/100/messages", "min_id=-1", ""},
		{"GET", "/orders/99999999999999999999", "", ""},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.query, s.body)
	}
	srv, err := mock.New(mock.WithResponseValidation())
	if err != nil {
		f.Fatal(err)
	}
	defer srv.Close()
	ctx := context.Background()
	if _, err := srv.Raise(ctx, "keep", "store/order/created", map[string]any{"id": 100}); err != nil {
		f.Fatal(err)
	}
	read := func(path string) (int, string) {
		r := httptest.NewRequest("GET", path, nil)
		r.Header.Set("X-Auth-Token", "fuzz")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		return w.Code, w.Body.String()
	}
	_, kept := read("/stores/keep/v2/orders/100")
	f.Fuzz(func(t *testing.T, method, path, query, body string) {
		reset := httptest.NewRequest("POST", "/__bcmock/stores/abc/reset", nil)
		srv.ServeHTTP(httptest.NewRecorder(), reset)
		if _, err := srv.Raise(ctx, "abc", "store/order/created", map[string]any{"id": 100}); err != nil {
			t.Fatal(err)
		}
		r, err := http.NewRequest(method, "http://bcmock.test", strings.NewReader(body))
		if err != nil {
			return // not a request net/http can even build
		}
		r.URL.Path, r.URL.RawQuery = "/stores/abc/v2"+path, query
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-Auth-Token", "fuzz")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("%s %s?%s %q → %d: %s", method, path, query, body, w.Code, w.Body)
		}
		if code, got := read("/stores/abc/v2/orders/100"); code != http.StatusOK {
			t.Fatalf("%s %s %q lost order 100: %d %s", method, path, body, code, got)
		}
		if code, got := read("/stores/keep/v2/orders/100"); code != http.StatusOK || got != kept {
			t.Fatalf("%s %s %q changed another store's order:\nbefore %s\nafter  %d %s", method, path, body, kept, code, got)
		}
	})
}
