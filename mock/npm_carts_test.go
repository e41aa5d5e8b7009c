package mock_test

import (
	"net/http"
	"strings"
	"testing"
)

// TestNpmCartRedirectURLs checks POST /v3/carts/{cartId}/redirect_urls,
// which BigCommerce documents (createCartRedirectURL, 201) and bcmock
// answered 404: the URLs include=redirect_urls gives, the body's
// query_params added to each, 404 for a cart the store does not hold.
func TestNpmCartRedirectURLs(t *testing.T) {
	h := newShopHarness(t)
	created := h.api("POST", "/v3/carts?include=redirect_urls", newCart)
	expect(t, created, http.StatusCreated)
	id := field(t, created.json(t), "data", "id").(string)
	included := field(t, created.json(t), "data", "redirect_urls").(map[string]any)

	tests := []struct {
		name, body string
		want       []string // in every URL
	}{
		{"no body", "", nil},
		{"empty", `{}`, nil},
		{"query params", `{"query_params":{"utm_source":"email","b":"x y"}}`, []string{"&b=x+y&utm_source=email"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := h.api("POST", "/v3/carts/"+id+"/redirect_urls", tc.body)
			expect(t, res, http.StatusCreated)
			data := field(t, res.json(t), "data").(map[string]any)
			for _, k := range []string{"cart_url", "checkout_url", "embedded_checkout_url"} {
				u, _ := data[k].(string)
				if !strings.Contains(u, id) || !strings.HasPrefix(u, "https://") {
					t.Errorf("%s = %q, want an https URL naming cart %s", k, u, id)
				}
				if tc.want == nil && u != included[k] {
					t.Errorf("%s = %q, want the include=redirect_urls one %q", k, u, included[k])
				}
				for _, w := range tc.want {
					if !strings.HasSuffix(u, w) || !strings.HasPrefix(u, included[k].(string)) {
						t.Errorf("%s = %q, want %q followed by %q", k, u, included[k], w)
					}
				}
			}
		})
	}
	expect(t, h.api("POST", "/v3/carts/0b5d7c1e-0000-4000-8000-000000000000/redirect_urls", `{}`), http.StatusNotFound)
	expect(t, h.api("POST", "/v3/carts/"+id+"/redirect_urls", `{"query_params":{"a":1}}`), http.StatusUnprocessableEntity)
}
