package mock_test

import (
	"testing"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/internal/store"
)

// BenchmarkCartGet measures GET /v3/carts/{id} (a cart with two line
// items) beside GET /v3/hooks/{id}, the webhooks API's single read, in the
// same run: the baseline of the shared gateway. "validated" checks each
// response against the documents, as tests do.
func BenchmarkCartGet(b *testing.B) {
	for _, tt := range []struct {
		name     string
		validate bool
		path     string
	}{
		{"baseline=hook", false, "/stores/abc/v3/hooks/1"},
		{"cart", false, "/stores/abc/v3/carts/" + fuzzCart},
		{"cart+include", false, "/stores/abc/v3/carts/" + fuzzCart + "?include=redirect_urls,line_items.physical_items.options"},
		{"baseline=hook/validated", true, "/stores/abc/v3/hooks/1"},
		{"cart/validated", true, "/stores/abc/v3/carts/" + fuzzCart},
	} {
		b.Run(tt.name, func(b *testing.B) {
			var opts []mock.Option
			if tt.validate {
				opts = append(opts, mock.WithResponseValidation())
			}
			srv, err := mock.New(opts...)
			if err != nil {
				b.Fatal(err)
			}
			b.Cleanup(func() { _ = srv.Close() })
			if _, err := mock.StoreOf(srv).Create("abc", benchClientID, store.Input{Scope: "store/order/created", Destination: "https://a.example/x"}); err != nil {
				b.Fatal(err)
			}
			seedShop(b, srv, "abc")
			loop(b, srv, "GET", tt.path, "", 200)
		})
	}
}
