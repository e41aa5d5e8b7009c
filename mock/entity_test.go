package mock_test

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/adminapi"
)

// TestEventEntityIsWhatTheFollowUpReadAnswers raises events of every
// family the store model holds and checks that GET
// /__bcmock/events/{id}/entity answers what the follow-up read an app
// makes answers (that read and the control answer both validated against
// their documents), and "gone" for entities deleted or converted.
func TestEventEntityIsWhatTheFollowUpReadAnswers(t *testing.T) {
	h := newHarness(t, mock.WithResponseValidation())
	const cart = "11111111-2222-4333-8444-555555555555"
	for _, c := range []struct {
		scope string
		data  map[string]any
		kind  string
		id    string
		order int
		read  string
		// pick returns the entity out of the read's body; nil: the read
		// answers 404.
		pick func(t *testing.T, body any) any
	}{
		{"store/order/created", map[string]any{"id": 250}, "order", "250", 0, "/stores/abc123/v2/orders/250", whole},
		{"store/channel/1/order/updated", map[string]any{"order_id": 250}, "order", "250", 0, "/stores/abc123/v2/orders/250", whole},
		{"store/shipment/created", map[string]any{"id": 5, "orderId": 250}, "shipment", "5", 250, "/stores/abc123/v2/orders/250/shipments/5", whole},
		{"store/order/transaction/created", map[string]any{"order_id": "250", "transaction_id": "77"}, "transaction", "77", 250,
			"/stores/abc123/v3/orders/250/transactions", dataWhere("id", 1.0)},
		{"store/order/refund/created", map[string]any{"id": 250, "refund": map[string]any{"refund_id": 3}}, "refund", "3", 250,
			"/stores/abc123/v3/orders/payment_actions/refunds/3", dataOf},
		{"store/cart/created", map[string]any{"id": cart}, "cart", cart, 0, "/stores/abc123/v3/carts/" + cart, dataOf},
		{"store/customer/created", map[string]any{"id": 9}, "customer", "9", 0, "/stores/abc123/v3/customers?id:in=9", dataAt(0)},
		{"store/customer/address/created", map[string]any{"id": 4, "address": map[string]any{"customer_id": 9}}, "address", "4", 0,
			"/stores/abc123/v3/customers/addresses?id:in=4", dataAt(0)},
		{"store/customer/payment/instrument/default/updated", map[string]any{"id": 9}, "stored_instruments", "9", 0,
			"/stores/abc123/v3/customers/9/stored-instruments", whole},
		{"store/subscriber/created", map[string]any{"id": 3}, "subscriber", "3", 0, "/stores/abc123/v3/customers/subscribers/3", dataOf},
		{"store/channel/created", map[string]any{"id": 2}, "channel", "2", 0, "/stores/abc123/v3/channels/2", dataOf},
		{"store/shipment/deleted", map[string]any{"id": 5, "orderId": 250}, "shipment", "5", 250, "/stores/abc123/v2/orders/250/shipments/5", nil},
		{"store/cart/converted", map[string]any{"id": cart, "orderId": 251}, "cart", cart, 0, "/stores/abc123/v3/carts/" + cart, nil},
		{"store/customer/deleted", map[string]any{"id": 9}, "customer", "9", 0, "/stores/abc123/v3/customers?id:in=9", nil},
	} {
		t.Run(c.scope, func(t *testing.T) {
			raised, err := h.srv.Raise(t.Context(), "abc123", c.scope, c.data)
			if err != nil {
				t.Fatal(err)
			}
			res := h.do(req{method: "GET", path: "/__bcmock/events/" + strconv.FormatInt(raised.EventID, 10) + "/entity"})
			expect(t, res, http.StatusOK)
			got := res.json(t)
			status := http.StatusOK
			if c.pick == nil {
				status = http.StatusNotFound
			}
			order, _ := got["order_id"].(float64)
			if got["kind"] != c.kind || got["id"] != c.id || int(order) != c.order || got["read"] != "GET "+c.read ||
				got["status"] != float64(status) || got["scope"] != c.scope {
				t.Fatalf("entity = %s", res.body)
			}
			read := h.do(req{method: "GET", path: c.read, token: tokenA})
			if c.pick == nil {
				if _, ok := got["entity"]; ok || (read.status != http.StatusNotFound && c.kind != "customer") {
					t.Errorf("gone entity shown: %s; the read answers %d %s", res.body, read.status, read.body)
				}
				if c.kind == "customer" && len(field(t, read.json(t), "data").([]any)) != 0 {
					t.Errorf("the deleted customer is still listed: %s", read.body)
				}
				return
			}
			expect(t, read, http.StatusOK)
			var body any
			if err := json.Unmarshal(read.body, &body); err != nil {
				t.Fatal(err)
			}
			if want := c.pick(t, body); !reflect.DeepEqual(got["entity"], want) {
				t.Errorf("entity differs from what %s answers:\n got %v\nwant %v", c.read, got["entity"], want)
			}
		})
	}

	// Events about nothing the model holds, and unknown events.
	raised, err := h.srv.Raise(t.Context(), "abc123", "store/product/created", nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{
		"/__bcmock/events/" + strconv.FormatInt(raised.EventID, 10) + "/entity",
		"/__bcmock/events/999/entity",
	} {
		expect(t, h.do(req{method: "GET", path: path}), http.StatusNotFound)
	}
	expect(t, h.do(req{method: "GET", path: "/__bcmock/events/0/entity"}), http.StatusUnprocessableEntity)
}

// The entity out of a read's body: all of it, data, data[i], or the
// element of data whose key is v.
func whole(_ *testing.T, body any) any { return body }

func dataOf(t *testing.T, body any) any { return field(t, body, "data") }

func dataAt(i int) func(*testing.T, any) any {
	return func(t *testing.T, body any) any { return field(t, body, "data", i) }
}

func dataWhere(key string, v any) func(*testing.T, any) any {
	return func(t *testing.T, body any) any {
		for _, e := range field(t, body, "data").([]any) {
			if e.(map[string]any)[key] == v {
				return e
			}
		}
		t.Fatalf("no element with %s %v in %v", key, v, body)
		return nil
	}
}

func TestStoresListsStoresWithOnlyModelEntities(t *testing.T) {
	h := newHarness(t)
	expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/seeded/orders", body: `{"id":250}`}), http.StatusCreated)
	res := h.do(req{method: "GET", path: "/__bcmock/stores"})
	expect(t, res, http.StatusOK)
	stores := field(t, res.json(t), "data").([]any)
	if len(stores) != 1 || field(t, stores[0], "store_hash") != "seeded" || len(field(t, stores[0], "hooks").([]any)) != 0 {
		t.Errorf("stores = %s", res.body)
	}
}

func TestAdminClientReadsAnEventsEntity(t *testing.T) {
	h := newHarness(t)
	admin := adminapi.New(h.http.URL, h.http.Client())
	created, err := admin.RaiseEvent(t.Context(), "abc123", "store/order/created", map[string]any{"id": 250})
	if err != nil {
		t.Fatal(err)
	}
	e, err := admin.EventEntity(t.Context(), created.EventID)
	if err != nil {
		t.Fatal(err)
	}
	var order struct {
		ID       int `json:"id"`
		StatusID int `json:"status_id"`
	}
	if err := json.Unmarshal(e.Entity, &order); err != nil || e.Kind != "order" || e.Status != http.StatusOK ||
		e.Read != "GET /stores/abc123/v2/orders/250" || order.ID != 250 || order.StatusID != 11 {
		t.Fatalf("EventEntity = %+v (%s), %v", e, e.Entity, err)
	}
	if _, err := h.srv.Raise(t.Context(), "abc123", "store/order/archived", map[string]any{"id": 250}); err != nil {
		t.Fatal(err)
	}
	// The entity as the store holds it now: archived, still readable.
	if e, err = admin.EventEntity(t.Context(), created.EventID); err != nil || !strings.Contains(string(e.Entity), `"is_deleted":true`) {
		t.Errorf("after archiving: %+v (%s), %v", e, e.Entity, err)
	}
	var ae *adminapi.Error
	if _, err := admin.EventEntity(t.Context(), 42); !errors.As(err, &ae) || ae.Status != http.StatusNotFound {
		t.Errorf("EventEntity(42): %v", err)
	}
}
