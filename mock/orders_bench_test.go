package mock_test

import (
	"context"
	"testing"

	"github.com/bcmock/bcmock/mock"
)

// BenchmarkOrdersV2 measures the v2 orders reads an integration makes
// after a callback, with response validation on, beside a baseline in the
// same run: GET /v3/hooks/{id} (BenchmarkGet's request) on the same
// server. Server time per request and allocations; the README's numbers.
//
// The "unvalidated" runs are the same reads on a server without response
// validation (bcmock serve's default), to show what validation costs.
func BenchmarkOrdersV2(b *testing.B) {
	b.Run("validated", func(b *testing.B) { benchOrdersV2(b, mock.WithResponseValidation()) })
	b.Run("unvalidated", func(b *testing.B) { benchOrdersV2(b) })
}

func benchOrdersV2(b *testing.B, opts ...mock.Option) {
	srv, err := mock.New(opts...)
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	serve(b, srv, "POST", "/stores/abc/v3/hooks", `{"scope":"store/product/updated","destination":"https://app.example.com/webhooks"}`, 200)
	for id := 100; id < 150; id++ {
		if _, err := srv.Raise(context.Background(), "abc", "store/order/created", map[string]any{"id": id}); err != nil {
			b.Fatal(err)
		}
	}
	b.Run("baseline GET /v3/hooks/{id}", func(b *testing.B) { loop(b, srv, "GET", "/stores/abc/v3/hooks/1", "", 200) })
	b.Run("GET /v2/orders/{id}", func(b *testing.B) { loop(b, srv, "GET", "/stores/abc/v2/orders/120", "", 200) })
	b.Run("GET /v2/orders/{id}/products", func(b *testing.B) { loop(b, srv, "GET", "/stores/abc/v2/orders/120/products", "", 200) })
	b.Run("GET /v2/orders limit 50", func(b *testing.B) { loop(b, srv, "GET", "/stores/abc/v2/orders?limit=50", "", 200) })
}
