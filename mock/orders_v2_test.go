package mock_test

// These tests lock the v2 orders resources' contract: every response is
// checked by the server against openapi/orders-v2.yaml
// (mock.WithResponseValidation answers 500 on a violation), and the state
// the reads show is the state the events imply (reference:
// bigcommerce-rest.md §1, §2.16, §5).

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/bigcommerce"
)

const ordersV2 = "/stores/abc123/v2/orders"

// newOrdersHarness is a harness whose server validates its own answers.
func newOrdersHarness(t *testing.T, opts ...mock.Option) *harness {
	t.Helper()
	return newHarness(t, append([]mock.Option{mock.WithResponseValidation()}, opts...)...)
}

// get reads path with tokenA and decodes the answer, failing unless it is
// want.
func (h *harness) get(path string, want int) any {
	h.t.Helper()
	res := h.do(req{method: "GET", path: path, token: tokenA})
	expect(h.t, res, want)
	if want == http.StatusNoContent {
		if len(res.body) != 0 {
			h.t.Fatalf("GET %s: 204 with a body: %s", path, res.body)
		}
		return nil
	}
	var v any
	if err := json.Unmarshal(res.body, &v); err != nil {
		h.t.Fatalf("GET %s: %v\n%s", path, err, res.body)
	}
	return v
}

// send writes body to path with tokenA, failing unless the answer is want.
func (h *harness) send(method, path, body string, want int) any {
	h.t.Helper()
	res := h.do(req{method: method, path: path, token: tokenA, body: body})
	expect(h.t, res, want)
	if len(res.body) == 0 {
		return nil
	}
	var v any
	if err := json.Unmarshal(res.body, &v); err != nil {
		h.t.Fatalf("%s %s: %v\n%s", method, path, err, res.body)
	}
	return v
}

func num(t *testing.T, v any, path ...any) int {
	t.Helper()
	f, ok := field(t, v, path...).(float64)
	if !ok {
		t.Fatalf("%v: not a number in %v", path, v)
	}
	return int(f)
}

func text(t *testing.T, v any, path ...any) string {
	t.Helper()
	s, ok := field(t, v, path...).(string)
	if !ok {
		t.Fatalf("%v: not a string in %v", path, v)
	}
	return s
}

// decimal reads a v2 money string as ten-thousandths.
func decimal(t *testing.T, v any, path ...any) int64 {
	t.Helper()
	s := text(t, v, path...)
	var whole, frac int64
	if _, err := fmt.Sscanf(s, "%d.%d", &whole, &frac); err != nil {
		t.Fatalf("%v: %q is not money", path, s)
	}
	if whole < 0 {
		return whole*10_000 - frac
	}
	return whole*10_000 + frac
}

func TestOrderReadsAfterOrderEvents(t *testing.T) {
	tests := []struct {
		scope, data string
		id          int
		check       func(t *testing.T, h *harness, order any)
	}{
		{"store/order/created", `{"id":250}`, 250, func(t *testing.T, h *harness, o any) {
			if num(t, o, "status_id") != bigcommerce.StatusAwaitingFulfillment || field(t, o, "is_deleted") != false {
				t.Errorf("created order = %v", o)
			}
		}},
		{"store/order/updated", `{"id":77}`, 77, func(t *testing.T, h *harness, o any) {
			if text(t, o, "date_modified") != start.Format(time.RFC1123Z) {
				t.Errorf("date_modified = %v", field(t, o, "date_modified"))
			}
		}},
		{"store/order/archived", `{"id":78}`, 78, func(t *testing.T, h *harness, o any) {
			if field(t, o, "is_deleted") != true {
				t.Errorf("archived order: is_deleted = %v", field(t, o, "is_deleted"))
			}
			h.get(ordersV2, http.StatusNoContent) // left out of the default list
			list := h.get(ordersV2+"?is_deleted=true", http.StatusOK)
			if num(t, list, 0, "id") != 78 {
				t.Errorf("is_deleted=true list = %v", list)
			}
		}},
		{"store/order/statusUpdated", `{"id":79,"status":{"previous_status_id":11,"new_status_id":9}}`, 79, func(t *testing.T, h *harness, o any) {
			if num(t, o, "status_id") != 9 || text(t, o, "status") != "Awaiting Shipment" {
				t.Errorf("status = %v %v", field(t, o, "status_id"), field(t, o, "status"))
			}
			if text(t, o, "date_modified") != start.Format(time.RFC1123Z) {
				t.Errorf("date_modified = %v", field(t, o, "date_modified"))
			}
		}},
		{"store/order/message/created", `{"id":80,"message":{"order_message_id":5}}`, 80, func(t *testing.T, h *harness, o any) {
			msgs := h.get(ordersV2+"/80/messages", http.StatusOK)
			if num(t, msgs, 0, "id") != 5 || num(t, msgs, 0, "order_id") != 80 {
				t.Errorf("messages = %v", msgs)
			}
		}},
		{"store/channel/1/order/created", `{"order_id":81}`, 81, nil},
		{"store/channel/2/order/updated", `{"order_id":82}`, 82, func(t *testing.T, h *harness, o any) {
			if num(t, o, "channel_id") != 2 {
				t.Errorf("channel_id = %v, want the event's channel 2", field(t, o, "channel_id"))
			}
		}},
		{"store/channel/1/order/archived", `{"order_id":83}`, 83, func(t *testing.T, h *harness, o any) {
			if field(t, o, "is_deleted") != true {
				t.Errorf("is_deleted = %v", field(t, o, "is_deleted"))
			}
		}},
		{"store/channel/1/order/statusUpdated", `{"order_id":84}`, 84, nil},
		{"store/channel/1/order/message/created", `{"order_id":85}`, 85, nil},
	}
	for _, tt := range tests {
		t.Run(tt.scope, func(t *testing.T) {
			h := newOrdersHarness(t)
			h.raise("abc123", tt.scope, tt.data)
			path := ordersV2 + "/" + strconv.Itoa(tt.id)
			o := h.get(path, http.StatusOK)
			if num(t, o, "id") != tt.id {
				t.Fatalf("GET %s = %v", path, o)
			}
			checkOrderRules(t, h, o)
			if tt.check != nil {
				tt.check(t, h, o)
			}
		})
	}
}

func TestShipmentReadsAfterShipmentEvents(t *testing.T) {
	h := newOrdersHarness(t)
	h.raise("abc123", "store/shipment/created", `{"id":7,"orderId":300}`)
	s := h.get(ordersV2+"/300/shipments/7", http.StatusOK)
	if num(t, s, "order_id") != 300 {
		t.Errorf("shipment = %v", s)
	}
	lines := h.get(ordersV2+"/300/products", http.StatusOK).([]any)
	ids := map[int]bool{}
	for i := range lines {
		ids[num(t, lines, i, "id")] = true
	}
	for i := range field(t, s, "items").([]any) {
		if !ids[num(t, s, "items", i, "order_product_id")] {
			t.Errorf("shipment item %d names no order line: %v", i, s)
		}
	}
	o := h.get(ordersV2+"/300", http.StatusOK)
	if num(t, o, "items_shipped") == 0 || num(t, o, "status_id") != bigcommerce.StatusShipped {
		t.Errorf("after shipment/created: items_shipped %v status %v", field(t, o, "items_shipped"), field(t, o, "status_id"))
	}
	for i := range lines {
		if num(t, lines, i, "quantity_shipped") != num(t, lines, i, "quantity") {
			t.Errorf("line %d not shipped: %v", i, lines[i])
		}
	}
	checkOrderRules(t, h, o)

	h.raise("abc123", "store/shipment/updated", `{"id":7,"orderId":300}`)
	h.get(ordersV2+"/300/shipments/7", http.StatusOK)
	h.raise("abc123", "store/shipment/deleted", `{"id":7,"orderId":300}`)
	h.get(ordersV2+"/300/shipments/7", http.StatusNotFound)
	h.get(ordersV2+"/300/shipments", http.StatusNoContent)
	if n := num(t, h.get(ordersV2+"/300/shipments/count", http.StatusOK), "count"); n != 0 {
		t.Errorf("shipment count = %d", n)
	}
	if o := h.get(ordersV2+"/300", http.StatusOK); num(t, o, "status_id") != bigcommerce.StatusShipped {
		t.Errorf("deleting a shipment moved the status: %v", field(t, o, "status_id"))
	}
}

// checkOrderRules checks §2.16's rules on an order and its
// sub-resources: the totals add up, each line's tax is inc − ex,
// items_total is the lines' quantities, shipping_address_count the
// addresses, and each line goes to one of them.
func checkOrderRules(t *testing.T, h *harness, o any) {
	t.Helper()
	id := num(t, o, "id")
	if inc, ex, tax := decimal(t, o, "total_inc_tax"), decimal(t, o, "total_ex_tax"), decimal(t, o, "total_tax"); inc != ex+tax {
		t.Errorf("order %d: total_inc_tax %d != total_ex_tax %d + total_tax %d", id, inc, ex, tax)
	}
	if inc, ex, tax := decimal(t, o, "subtotal_inc_tax"), decimal(t, o, "subtotal_ex_tax"), decimal(t, o, "subtotal_tax"); inc != ex+tax {
		t.Errorf("order %d: subtotal_inc_tax %d != subtotal_ex_tax %d + subtotal_tax %d", id, inc, ex, tax)
	}
	base := ordersV2 + "/" + strconv.Itoa(id)
	if got, want := text(t, o, "products", "url"), "https://api.bigcommerce.com"+base+"/products"; got != want {
		t.Errorf("products link = %q, want %q", got, want)
	}
	addrs := h.get(base+"/shipping_addresses", http.StatusOK).([]any)
	if n := num(t, o, "shipping_address_count"); n != len(addrs) {
		t.Errorf("order %d: shipping_address_count %d, %d addresses", id, n, len(addrs))
	}
	addrIDs := map[int]bool{}
	for i := range addrs {
		addrIDs[num(t, addrs, i, "id")] = true
		if num(t, addrs, i, "order_id") != id {
			t.Errorf("address %d: order_id %v", i, field(t, addrs, i, "order_id"))
		}
	}
	lines := h.get(base+"/products", http.StatusOK).([]any)
	items, subtotal := 0, int64(0)
	for i := range lines {
		items += num(t, lines, i, "quantity")
		subtotal += decimal(t, lines, i, "total_ex_tax")
		if inc, ex, tax := decimal(t, lines, i, "price_inc_tax"), decimal(t, lines, i, "price_ex_tax"), decimal(t, lines, i, "price_tax"); tax != inc-ex {
			t.Errorf("line %d: price_tax %d != price_inc_tax %d − price_ex_tax %d", i, tax, inc, ex)
		}
		if !addrIDs[num(t, lines, i, "order_address_id")] {
			t.Errorf("line %d: order_address_id %v is none of the order's addresses", i, field(t, lines, i, "order_address_id"))
		}
		h.get(base+"/products/"+strconv.Itoa(num(t, lines, i, "id")), http.StatusOK)
	}
	if n := num(t, o, "items_total"); n != items {
		t.Errorf("order %d: items_total %d, lines hold %d", id, n, items)
	}
	if s := decimal(t, o, "subtotal_ex_tax"); s != subtotal {
		t.Errorf("order %d: subtotal_ex_tax %d, lines add up to %d", id, s, subtotal)
	}
}

func TestWebhookStoreIdentity(t *testing.T) {
	h := newOrdersHarness(t)
	rc := newReceiver(t)
	h.create(tokenA, "abc123", "store/order/*", rc.URL)
	h.send("POST", ordersV2, orderBody, http.StatusCreated)
	for _, c := range waitForCalls(t, rc, 1) {
		p := checkPayload(t, c.body)
		if p["store_id"] != bigcommerce.StoreID("abc123") || p["producer"] != "stores/abc123" {
			t.Errorf("store_id %v producer %v, want %s and stores/abc123", p["store_id"], p["producer"], bigcommerce.StoreID("abc123"))
		}
	}
}

// orderBody is a POST /v2/orders body: a catalogue product and a custom
// one, shipped to the billing address.
const orderBody = `{"status_id":11,"customer_id":0,"billing_address":{"first_name":"Jane","last_name":"Doe","street_1":"1 Main St","city":"Austin","state":"Texas","zip":"78701","country":"United States","country_iso2":"US","email":"jane@example.com"},
"products":[{"product_id":77,"quantity":2,"price_ex_tax":12.5},{"name":"Gift note","sku":"NOTE","quantity":1,"price_inc_tax":"10.80"}],
"shipping_cost_ex_tax":5,"customer_message":"Leave at the door","external_source":"ERP","external_id":"E-1"}`

// signedCalls waits for n callbacks and checks each is signed with the
// account's secret; it returns their scopes in order.
func signedCalls(t *testing.T, h *harness, rc *receiver, n int) []string {
	t.Helper()
	wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(h.secret(tokenA))))
	if err != nil {
		t.Fatal(err)
	}
	calls := waitForCalls(t, rc, n)
	scopes := make([]string, len(calls))
	for i, c := range calls {
		if err := wh.VerifyIgnoringTimestamp(c.body, c.header); err != nil {
			t.Errorf("callback %d: signature: %v", i, err)
		}
		scopes[i] = checkPayload(t, c.body)["scope"].(string)
	}
	return scopes
}
