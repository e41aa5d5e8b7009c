package mock_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// The entities seedShop puts in a store, which the fuzz seeds name.
const (
	fuzzCart = "5a1f0c9e-0d4c-4a43-9b51-0a6e8f3b2c11"
	fuzzLine = "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00"
)

// FuzzREST sends arbitrary requests to the carts, checkouts, transactions,
// refunds, store, price lists, metafields and locations resources of a store that holds a cart, an order with
// a transaction and a refund, and an abandoned-cart token. The mock must
// never panic or answer 5xx (with response validation on, a response that
// violates the documents is a 500), and a request to one store must never
// change another's model.
func FuzzREST(f *testing.F) {
	cart := "/stores/abc/v3/carts/" + fuzzCart
	seeds := []struct{ method, path, query, body string }{
		{"GET", cart, "include=redirect_urls,promotions.banners", ""},
		{"GET", cart, "include=line_items.physical_items.options,nope", ""},
		{"POST", "/stores/abc/v3/carts", "", `{"line_items":[{"product_id":77,"quantity":2,"list_price":1.23456}]}`},
		{"POST", "/stores/abc/v3/carts", "", `{"customer_id":-1,"line_items":[{"product_id":1e300,"quantity":1}]}`},
		{"PUT", cart, "", `{"customer_id":7,"version":1}`},
		{"DELETE", cart, "", ""},
		{"POST", cart + "/items", "", `{"line_items":[{"product_id":78,"variant_id":1,"quantity":1}]}`},
		{"PUT", cart + "/items/" + fuzzLine, "", `{"line_item":{"quantity":3}}`},
		{"DELETE", cart + "/items/" + fuzzLine, "", ""},
		{"GET", "/stores/abc/v3/abandoned-carts/tok", "", ""},
		{"GET", "/stores/abc/v3/checkouts/" + fuzzCart, "", ""},
		{"POST", "/stores/abc/v3/checkouts/" + fuzzCart + "/coupons", "", `{"coupon_code":"SAVE"}`},
		{"POST", "/stores/abc/v3/checkouts/" + fuzzCart + "/orders", "", ""},
		{"GET", "/stores/abc/v3/orders/250/transactions", "page=9223372036854775807&limit=250", ""},
		{"GET", "/stores/abc/v3/orders/250/payment_actions/refunds", "", ""},
		{"GET", "/stores/abc/v3/orders/payment_actions/refunds/9", "", ""},
		{"POST", "/stores/abc/v3/orders/250/payment_actions/refunds", "", `{"items":[{"item_type":"ORDER","item_id":250,"amount":0.5}],"reason":"x","payments":[{"provider_id":"testgateway","amount":0.5}]}`},
		{"POST", "/stores/abc/v3/orders/250/payment_actions/refunds", "", `{"items":[{"item_type":"PRODUCT","item_id":1,"quantity":99999999999}],"payments":[]}`},
		{"GET", "/stores/abc/v2/store", "", ""},
		{"GET", "/stores/%2e%2e/v2/store", "", ""},
		{"POST", "/stores/abc/v3/pricelists", "", `{"name":"Wholesale","active":false}`},
		{"PUT", "/stores/abc/v3/pricelists/1/records/1001/usd", "", `{"price":1e300,"bulk_pricing_tiers":[{"quantity_min":1,"type":"fixed","amount":1}]}`},
		{"PUT", "/stores/abc/v3/pricelists/1/records", "", `[{"variant_id":1,"currency":"EUR","price":2},{"variant_id":1,"currency":"eur","price":3}]`},
		{"POST", "/stores/abc/v3/pricelists/records", "", `[{"price_list_id":1,"variant_id":9,"currency":"GBP","price":0.00001}]`},
		{"GET", "/stores/abc/v3/pricelists/1/records", "variant_id:in=1,x&currency=usd&include=sku", ""},
		{"POST", "/stores/abc/v3/pricelists/assignments", "", `[{"price_list_id":1,"channel_id":1,"customer_group_id":1}]`},
		{"DELETE", "/stores/abc/v3/pricelists/assignments", "channel_id:in=1", ""},
		{"POST", "/stores/abc/v3/orders/250/metafields", "", `{"key":"k","value":"v","namespace":"n","permission_set":"read"}`},
		{"PUT", "/stores/abc/v3/carts/" + fuzzCart + "/metafields/1", "", `{"value":"w"}`},
		{"GET", "/stores/abc/v3/catalog/products/007/variants/1/metafields", "direction=desc&key:in=a,b", ""},
		{"POST", "/stores/abc/v3/inventory/locations", "", `[{"code":"A","label":"B","type_id":"VIRTUAL","operating_hours":{"monday":{"open":true,"opening":"29:99","closing":"00:00"}}}]`},
		{"PUT", "/stores/abc/v3/inventory/locations", "", `[{"id":1,"enabled":false}]`},
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.query, s.body)
	}
	srv, err := mock.New(mock.WithResponseValidation())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, path, query, body string) {
		mock.ShopOf(srv).ResetAll() // each input starts from the same state
		seedShop(t, srv, "abc")
		seedShop(t, srv, "keep")
		before := keptCart(srv)
		r, err := http.NewRequest(method, "http://bcmock.test", strings.NewReader(body))
		if err != nil {
			return // not a request net/http can even build
		}
		r.URL.Path, r.URL.RawQuery = path, query
		r.Header.Set("Content-Type", "application/json")
		r.Header.Set("X-Auth-Token", "t")
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("%s %s?%s %q → %d: %s", method, path, query, body, w.Code, w.Body)
		}
		if after := keptCart(srv); !strings.Contains(path, "keep") && !reflect.DeepEqual(before, after) {
			t.Fatalf("store keep's cart changed:\nbefore %+v\nafter  %+v", before, after)
		}
	})
}

// seedShop raises the events that put a cart with a line item and an
// abandoned-cart token, and an order with a transaction and a refund, in
// the store.
func seedShop(t testing.TB, srv *mock.Server, storeHash string) {
	t.Helper()
	for _, e := range []struct {
		scope string
		data  map[string]any
	}{
		{"store/cart/created", map[string]any{"id": fuzzCart}},
		{"store/cart/lineItem/created", map[string]any{"id": fuzzLine, "cartId": fuzzCart}},
		{"store/cart/abandoned", map[string]any{"id": fuzzCart, "token": "tok"}},
		{"store/order/created", map[string]any{"id": 250}},
		{"store/order/transaction/created", map[string]any{"order_id": "250", "transaction_id": "1"}},
		{"store/order/refund/created", map[string]any{"id": 250, "refund": map[string]any{"refund_id": 9}}},
	} {
		if _, err := srv.Raise(context.Background(), storeHash, e.scope, e.data); err != nil {
			t.Fatal(err)
		}
	}
}

// keptCart is a copy of store keep's cart and its lines.
func keptCart(srv *mock.Server) (out struct {
	Cart  shop.Cart
	Lines []shop.CartLine
}) {
	mock.ShopOf(srv).Read("keep", func(st *shop.Store) {
		if c := st.Cart(fuzzCart); c != nil {
			out.Cart = *c
			out.Cart.Lines = nil
			for _, l := range c.Lines {
				out.Lines = append(out.Lines, *l)
			}
		}
	})
	return out
}
