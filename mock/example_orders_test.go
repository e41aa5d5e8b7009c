package mock_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"

	"github.com/bcmock/bcmock/mock"
)

// An integration's webhook handler does what BigCommerce tells receivers
// to do: the callback says only which order, so the handler reads the
// order, its products and its shipping addresses back through the v2 API.
// bcmock answers those reads with the state the event put in place.
func Example_readTheOrderAfterTheCallback() {
	srv, err := mock.New()
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	api := httptest.NewServer(srv)
	defer api.Close()
	base := api.URL + "/stores/abc123/v2"

	// get reads a v2 resource as the integration would.
	get := func(path string, v any) {
		req, _ := http.NewRequest("GET", base+path, nil)
		req.Header.Set("X-Auth-Token", "my-app-token")
		req.Header.Set("Accept", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			panic(err)
		}
		defer resp.Body.Close()
		if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
			panic(err)
		}
	}

	done := make(chan string, 1)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var callback struct {
			Scope string `json:"scope"`
			Data  struct {
				ID int `json:"id"`
			} `json:"data"`
		}
		_ = json.NewDecoder(r.Body).Decode(&callback)
		w.WriteHeader(http.StatusOK) // answer at once, work after
		var order struct {
			ID          int    `json:"id"`
			Status      string `json:"status"`
			ItemsTotal  int    `json:"items_total"`
			TotalIncTax string `json:"total_inc_tax"`
		}
		var products []struct {
			Name     string `json:"name"`
			Quantity int    `json:"quantity"`
		}
		var addresses []struct {
			City string `json:"city"`
		}
		get(fmt.Sprintf("/orders/%d", callback.Data.ID), &order)
		get(fmt.Sprintf("/orders/%d/products", callback.Data.ID), &products)
		get(fmt.Sprintf("/orders/%d/shipping_addresses", callback.Data.ID), &addresses)
		done <- fmt.Sprintf("%s: order %d is %s, %d items in %d lines, %d address(es)",
			callback.Scope, order.ID, order.Status, order.ItemsTotal, len(products), len(addresses))
	}))
	defer app.Close()

	// Register the app's hook, as the app does at install time.
	req, _ := http.NewRequest("POST", api.URL+"/stores/abc123/v3/hooks",
		strings.NewReader(`{"scope":"store/order/created","destination":"`+app.URL+`/webhooks","is_active":true}`))
	req.Header.Set("X-Auth-Token", "my-app-token")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		panic(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()

	// The test raises the event; bcmock makes order 250 exist and calls the app.
	if _, err := srv.Raise(context.Background(), "abc123", "store/order/created", map[string]any{"id": 250}); err != nil {
		panic(err)
	}
	fmt.Println(<-done)
	// Output: store/order/created: order 250 is Awaiting Fulfillment, 5 items in 2 lines, 1 address(es)
}
