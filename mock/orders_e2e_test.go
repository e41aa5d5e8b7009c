package mock_test

// TestAnIntegrationDrivesOrdersEndToEnd drives bcmock as an integration
// would, with plain net/http only: it registers its hooks, receives
// store/order/created, reads the order, its products and its shipping
// addresses, PUTs a status, then receives statusUpdated and updated.

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock"
)

func TestAnIntegrationDrivesOrdersEndToEnd(t *testing.T) {
	srv, err := mock.New(mock.WithResponseValidation())
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	api := httptest.NewServer(srv)
	defer api.Close()

	type callback struct {
		Scope string         `json:"scope"`
		Data  map[string]any `json:"data"`
	}
	callbacks := make(chan callback, 16)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var c callback
		if err := json.NewDecoder(r.Body).Decode(&c); err != nil {
			t.Errorf("callback: %v", err)
		}
		callbacks <- c
	}))
	defer app.Close()

	call := func(method, path, body string, want int, v any) {
		t.Helper()
		req, err := http.NewRequest(method, api.URL+"/stores/e2e/"+path, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("X-Auth-Token", "integration")
		req.Header.Set("Accept", "application/json")
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		raw, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != want {
			t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, raw)
		}
		if v != nil {
			if err := json.Unmarshal(raw, v); err != nil {
				t.Fatalf("%s %s: %v %s", method, path, err, raw)
			}
		}
	}
	next := func() callback {
		t.Helper()
		select {
		case c := <-callbacks:
			return c
		case <-time.After(30 * time.Second): // a stuck delivery; never the pass path
			t.Fatal("no callback")
			return callback{}
		}
	}

	call("POST", "v3/hooks", `{"scope":"store/order/*","destination":"`+app.URL+`/hooks","is_active":true}`, http.StatusOK, nil)
	var created struct {
		ID int `json:"id"`
	}
	call("POST", "v2/orders", orderBody, http.StatusCreated, &created)

	c := next()
	if c.Scope != "store/order/created" || c.Data["id"] != float64(created.ID) {
		t.Fatalf("first callback = %+v", c)
	}
	id := fmt.Sprint(c.Data["id"])
	var order struct {
		ID       int `json:"id"`
		StatusID int `json:"status_id"`
		Products struct {
			Resource string `json:"resource"`
		} `json:"products"`
		ShippingAddresses struct {
			Resource string `json:"resource"`
		} `json:"shipping_addresses"`
	}
	call("GET", "v2/orders/"+id, "", http.StatusOK, &order)
	var products []struct {
		ID             int `json:"id"`
		OrderAddressID int `json:"order_address_id"`
	}
	call("GET", "v2"+order.Products.Resource, "", http.StatusOK, &products)
	var addresses []struct {
		ID int `json:"id"`
	}
	call("GET", "v2"+order.ShippingAddresses.Resource, "", http.StatusOK, &addresses)
	if len(products) != 2 || len(addresses) != 1 || products[0].OrderAddressID != addresses[0].ID {
		t.Fatalf("products %+v addresses %+v", products, addresses)
	}

	call("PUT", "v2/orders/"+id, `{"status_id":2}`, http.StatusOK, nil)
	got := map[string]callback{}
	for range 2 {
		c := next()
		got[c.Scope] = c
	}
	su, ok := got["store/order/statusUpdated"]
	status, _ := su.Data["status"].(map[string]any)
	if !ok || status["previous_status_id"] != float64(order.StatusID) || status["new_status_id"] != 2.0 {
		t.Errorf("statusUpdated = %+v", su)
	}
	if _, ok := got["store/order/updated"]; !ok {
		t.Errorf("no store/order/updated among %v", got)
	}
	var after struct {
		StatusID int `json:"status_id"`
	}
	call("GET", "v2/orders/"+id, "", http.StatusOK, &after)
	if after.StatusID != 2 {
		t.Errorf("status after PUT = %d", after.StatusID)
	}
}
