package mock_test

import (
	"net/http"
	"testing"

	"github.com/bcmock/bcmock/mock"
)

// TestControlState seeds an order and a cart through the control API,
// reads them back in the state dump, pays a checkout order and checks the
// events it fired. Every answer is validated against control.yaml.
func TestControlState(t *testing.T) {
	h := newHarness(t, mock.WithResponseValidation())
	empty := h.do(req{method: "GET", path: "/__bcmock/stores/abc123/state"})
	expect(t, empty, http.StatusOK)
	if n := len(field(t, empty.json(t), "orders").([]any)); n != 0 {
		t.Errorf("a new store holds %d orders", n)
	}

	res := h.do(req{method: "POST", path: "/__bcmock/stores/abc123/orders",
		body: `{"id":250,"status_id":2,"customer_id":7,"lines":[{"product_id":77,"quantity":2},{"name":"Gift wrap","quantity":1,"price_ex_tax":"3.5"}]}`})
	expect(t, res, http.StatusCreated)
	o := res.json(t)
	if o["id"] != 250.0 || o["status_id"] != 2.0 || o["items_total"] != 3.0 || o["items_shipped"] != 3.0 ||
		field(t, o, "lines", 1, "price_ex_tax") != "3.5000" || len(field(t, o, "shipments").([]any)) != 1 {
		t.Errorf("seeded order = %s", res.body)
	}
	expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/abc123/orders", body: `{"id":250}`}), http.StatusUnprocessableEntity)
	expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/abc123/orders", body: `{"status_id":15}`}), http.StatusUnprocessableEntity)
	expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/abc123/orders", body: `{"lines":[{"name":"x","quantity":1,"price_ex_tax":"1.23456"}]}`}), http.StatusUnprocessableEntity)
	expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/abc123/orders", body: `{"bogus":1}`}), http.StatusUnprocessableEntity)
	expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/abc123/orders", body: `{"id":`}), http.StatusBadRequest)

	res = h.do(req{method: "POST", path: "/__bcmock/stores/abc123/carts",
		body: `{"id":"11111111-2222-4333-8444-555555555555","customer_id":3,"line_items":[{"product_id":77,"quantity":2,"list_price":"10"}]}`})
	expect(t, res, http.StatusCreated)
	if c := res.json(t); c["base_amount"] != "20.0000" || c["customer_id"] != 3.0 {
		t.Errorf("seeded cart = %s", res.body)
	}
	expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/abc123/carts", body: `{}`}), http.StatusCreated)

	res = h.do(req{method: "GET", path: "/__bcmock/stores/abc123/state"})
	expect(t, res, http.StatusOK)
	st := res.json(t)
	if len(field(t, st, "orders").([]any)) != 1 || len(field(t, st, "carts").([]any)) != 2 {
		t.Fatalf("state = %s", res.body)
	}
	if events := h.do(req{method: "GET", path: "/__bcmock/events?store=abc123"}); len(field(t, events.json(t), "data").([]any)) != 0 {
		t.Errorf("seeding fired events: %s", events.body)
	}

	// A checkout order (status 0), paid through the control API.
	if _, err := h.srv.Raise(t.Context(), "abc123", "store/order/statusUpdated", map[string]any{"id": 250, "status": map[string]any{"new_status_id": 0}}); err != nil {
		t.Fatal(err)
	}
	res = h.do(req{method: "POST", path: "/__bcmock/stores/abc123/orders/250/pay"})
	expect(t, res, http.StatusOK)
	if o := res.json(t); o["status_id"] != 11.0 || field(t, o, "transactions", 0, "event") != "purchase" {
		t.Errorf("paid order = %s", res.body)
	}
	events := field(t, h.do(req{method: "GET", path: "/__bcmock/events?store=abc123"}).json(t), "data").([]any)
	var got []string
	for _, e := range events {
		got = append(got, e.(map[string]any)["scope"].(string))
	}
	want := []string{"store/order/statusUpdated", "store/order/statusUpdated", "store/channel/1/order/statusUpdated",
		"store/order/updated", "store/channel/1/order/updated", "store/order/transaction/created"}
	if len(got) != len(want) {
		t.Fatalf("events = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("events = %v, want %v", got, want)
			break
		}
	}
	expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/abc123/orders/250/pay"}), http.StatusUnprocessableEntity)
	expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/abc123/orders/999/pay"}), http.StatusNotFound)

	expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/abc123/reset"}), http.StatusOK)
	if n := len(field(t, h.do(req{method: "GET", path: "/__bcmock/stores/abc123/state"}).json(t), "orders").([]any)); n != 0 {
		t.Errorf("a reset store holds %d orders", n)
	}
}
