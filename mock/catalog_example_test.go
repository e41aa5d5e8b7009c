package mock_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"strings"

	"github.com/bcmock/bcmock/mock"
)

// call serves one request with an API token and returns the body.
func call(srv *mock.Server, method, path, body string) string {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.Header.Set("X-Auth-Token", "app-token")
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	return strings.TrimSpace(w.Body.String())
}

// With InventoryLevel, an inventory event's value is the new level, in
// the state a raised event puts in place (and in what writes fire); with
// the default InventoryDelta it is the change, and the level would be 14.
func ExampleWithInventoryValue() {
	srv, err := mock.New(mock.WithInventoryValue(mock.InventoryLevel))
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	call(srv, "POST", "/stores/abc/v3/catalog/products",
		`{"name":"Lamp","type":"physical","weight":2,"price":30,"inventory_tracking":"product","inventory_level":10}`)
	if _, err := srv.Raise(context.Background(), "abc", "store/product/inventory/updated",
		map[string]any{"id": 1, "inventory": map[string]any{"method": "absolute", "value": 4}}); err != nil {
		panic(err)
	}
	fmt.Println(call(srv, "GET", "/stores/abc/v3/catalog/products/1?include_fields=inventory_level", ""))
	// Output: {"data":{"gift_wrapping_options_list":[],"gift_wrapping_options_type":"any","id":1,"inventory_level":4},"meta":{}}
}
