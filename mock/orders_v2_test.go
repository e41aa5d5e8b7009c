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
	"net/url"
	"slices"
	"strconv"
	"strings"
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

func TestOrderWritesFireSignedWebhooksInOrder(t *testing.T) {
	h := newOrdersHarness(t)
	rc := newReceiver(t)
	h.create(tokenA, "abc123", "store/order/*", rc.URL+"/orders")
	h.create(tokenA, "abc123", "store/shipment/*", rc.URL+"/shipments")
	seenEvents, seenCalls := 0, 0
	// fired checks that the last write raised exactly these events, in
	// this order (the event log's), and that each was delivered, signed
	// (callbacks may arrive in any order: attempts run concurrently). It
	// returns the events' data.
	fired := func(want ...string) []map[string]any {
		t.Helper()
		events := raisedEvents(t, h, "abc123")
		var got []string
		var data []map[string]any
		for _, e := range events[seenEvents:] {
			if !strings.HasPrefix(e.Scope, "store/channel/") {
				got = append(got, e.Scope)
				data = append(data, checkPayload(t, []byte(e.Body))["data"].(map[string]any))
			}
		}
		seenEvents = len(events)
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Fatalf("events raised = %v, want %v", got, want)
		}
		delivered := signedCalls(t, h, rc, seenCalls+len(want))[seenCalls:]
		seenCalls += len(want)
		slices.Sort(delivered)
		if sorted := slices.Sorted(slices.Values(want)); fmt.Sprint(delivered) != fmt.Sprint(sorted) {
			t.Fatalf("callbacks = %v, want %v", delivered, sorted)
		}
		return data
	}

	created := h.send("POST", ordersV2, orderBody, http.StatusCreated)
	id := num(t, created, "id")
	base := ordersV2 + "/" + strconv.Itoa(id)
	if d := fired("store/order/created"); num(t, d[0], "id") != id {
		t.Errorf("created data = %v", d[0])
	}
	o := h.get(base, http.StatusOK)
	checkOrderRules(t, h, o)
	for key, want := range map[string]any{"status_id": 11.0, "order_source": "external", "external_source": "ERP",
		"external_id": "E-1", "customer_message": "Leave at the door", "shipping_cost_ex_tax": "5.0000", "items_total": 3.0} {
		if got := field(t, o, key); got != want {
			t.Errorf("created order %s = %v, want %v", key, got, want)
		}
	}
	lines := h.get(base+"/products", http.StatusOK).([]any)
	if text(t, lines, 0, "price_ex_tax") != "12.5000" || text(t, lines, 1, "price_inc_tax") != "10.8000" || num(t, lines, 1, "product_id") != 0 {
		t.Errorf("lines = %v", lines)
	}

	h.send("PUT", base, `{"status_id":9}`, http.StatusOK)
	d := fired("store/order/statusUpdated", "store/order/updated")
	if num(t, d[0], "status", "previous_status_id") != 11 || num(t, d[0], "status", "new_status_id") != 9 {
		t.Errorf("statusUpdated data = %v", d[0])
	}
	if o := h.get(base, http.StatusOK); num(t, o, "status_id") != 9 || text(t, o, "status") != "Awaiting Shipment" {
		t.Errorf("after PUT status: %v", o)
	}
	h.send("PUT", base, `{"staff_notes":"VIP"}`, http.StatusOK)
	fired("store/order/updated")

	addr := num(t, h.get(base+"/shipping_addresses", http.StatusOK), 0, "id")
	line := num(t, lines, 0, "id")
	s := h.send("POST", base+"/shipments", fmt.Sprintf(`{"order_address_id":%d,"items":[{"order_product_id":%d,"quantity":1}],"tracking_number":"1Z1","shipping_provider":"ups","tracking_carrier":"ups"}`, addr, line), http.StatusCreated)
	sid := num(t, s, "id")
	d = fired("store/shipment/created", "store/order/statusUpdated", "store/order/updated")
	if num(t, d[0], "id") != sid || num(t, d[0], "orderId") != id {
		t.Errorf("shipment/created data = %v", d[0])
	}
	if o := h.get(base, http.StatusOK); num(t, o, "status_id") != bigcommerce.StatusPartiallyShipped || num(t, o, "items_shipped") != 1 {
		t.Errorf("after a partial shipment: status %v items_shipped %v", field(t, o, "status_id"), field(t, o, "items_shipped"))
	}
	if got := h.get(base+"/shipments/"+strconv.Itoa(sid), http.StatusOK); num(t, got, "items", 0, "order_product_id") != line {
		t.Errorf("shipment = %v", got)
	}
	h.send("PUT", base+"/shipments/"+strconv.Itoa(sid), `{"tracking_number":"1Z2"}`, http.StatusOK)
	fired("store/shipment/updated")
	if got := h.get(base+"/shipments/"+strconv.Itoa(sid), http.StatusOK); text(t, got, "tracking_number") != "1Z2" {
		t.Errorf("updated shipment = %v", got)
	}

	a := h.send("PUT", base+"/shipping_addresses/"+strconv.Itoa(addr), `{"city":"Dallas","shipping_method":"Courier"}`, http.StatusOK)
	fired("store/order/updated")
	if text(t, a, "city") != "Dallas" || text(t, a, "street_1") != "1 Main St" || text(t, a, "shipping_method") != "Courier" {
		t.Errorf("updated address = %v", a)
	}

	h.send("DELETE", base+"/shipments/"+strconv.Itoa(sid), "", http.StatusNoContent)
	fired("store/shipment/deleted")
	h.get(base+"/shipments/"+strconv.Itoa(sid), http.StatusNotFound)

	items := ""
	for i := range lines {
		items += fmt.Sprintf(`,{"order_product_id":%d,"quantity":%d}`, num(t, lines, i, "id"), num(t, lines, i, "quantity"))
	}
	h.send("POST", base+"/shipments", fmt.Sprintf(`{"order_address_id":%d,"items":[%s]}`, addr, items[1:]), http.StatusCreated)
	fired("store/shipment/created", "store/order/statusUpdated", "store/order/updated")
	if o := h.get(base, http.StatusOK); num(t, o, "status_id") != bigcommerce.StatusShipped || text(t, o, "date_shipped") == "" {
		t.Errorf("after shipping everything: status %v date_shipped %q", field(t, o, "status_id"), field(t, o, "date_shipped"))
	}
	h.send("DELETE", base+"/shipments", "", http.StatusNoContent)
	fired("store/shipment/deleted")
	h.get(base+"/shipments", http.StatusNoContent)

	h.send("DELETE", base, "", http.StatusNoContent)
	fired("store/order/archived")
	if o := h.get(base, http.StatusOK); field(t, o, "is_deleted") != true {
		t.Errorf("archived order: is_deleted %v", field(t, o, "is_deleted"))
	}
	h.get(ordersV2, http.StatusNoContent)

	second := num(t, h.send("POST", ordersV2, orderBody, http.StatusCreated), "id")
	fired("store/order/created")
	h.send("PUT", ordersV2+"/"+strconv.Itoa(second), `{"is_deleted":true}`, http.StatusOK)
	fired("store/order/archived")
	h.send("PUT", ordersV2+"/"+strconv.Itoa(second), `{"is_deleted":false}`, http.StatusOK)
	fired("store/order/updated")
	third := num(t, h.send("POST", ordersV2, orderBody, http.StatusCreated), "id")
	fired("store/order/created")
	h.send("DELETE", ordersV2, "", http.StatusNoContent)
	d = fired("store/order/archived", "store/order/archived")
	if num(t, d[0], "id") != second || num(t, d[1], "id") != third {
		t.Errorf("DELETE /v2/orders archived %v, want %d then %d", d, second, third)
	}
	if n := num(t, h.get(ordersV2+"/count", http.StatusOK), "count"); n != 0 {
		t.Errorf("count after archiving all = %d", n)
	}
}

func TestOrderWriteErrors(t *testing.T) {
	h := newOrdersHarness(t)
	id := num(t, h.send("POST", ordersV2, orderBody, http.StatusCreated), "id")
	base := ordersV2 + "/" + strconv.Itoa(id)
	tests := []struct {
		name, method, path, body string
		status                   int
	}{
		{"no billing address", "POST", ordersV2, `{"products":[{"product_id":1,"quantity":1}]}`, 422},
		{"no products", "POST", ordersV2, `{"billing_address":{"zip":"1"},"products":[]}`, 422},
		{"custom product without price", "POST", ordersV2, `{"billing_address":{"zip":"1"},"products":[{"name":"x","quantity":1}]}`, 422},
		{"status out of range", "PUT", base, `{"status_id":15}`, 422},
		{"status as a string", "PUT", base, `{"status_id":"2"}`, 422},
		{"bad money", "POST", ordersV2, `{"billing_address":{"zip":"1"},"products":[{"product_id":1,"quantity":1,"price_ex_tax":"1.23456"}]}`, 422},
		{"negative price", "POST", ordersV2, `{"billing_address":{"zip":"1"},"products":[{"name":"x","quantity":1,"price_ex_tax":-1}]}`, 422},
		{"huge price", "POST", ordersV2, `{"billing_address":{"zip":"1"},"products":[{"name":"x","quantity":1,"price_ex_tax":1e300}]}`, 422},
		{"malformed", "POST", ordersV2, `{`, 400},
		{"unknown order", "PUT", ordersV2 + "/9999", `{"status_id":2}`, 404},
		{"delete unknown order", "DELETE", ordersV2 + "/9999", "", 404},
		{"empty update", "PUT", base, `{}`, 422},
		{"lines of an existing order", "PUT", base, `{"products":[{"product_id":1,"quantity":1}]}`, 422},
		{"ship an unknown line", "POST", base + "/shipments", `{"order_address_id":1,"items":[{"order_product_id":999,"quantity":1}]}`, 422},
		{"ship to an unknown address", "POST", base + "/shipments", `{"order_address_id":999,"items":[{"order_product_id":1,"quantity":1}]}`, 422},
		{"ship too many", "POST", base + "/shipments", `{"order_address_id":1,"items":[{"order_product_id":1,"quantity":99}]}`, 422},
		{"bad provider", "POST", base + "/shipments", `{"order_address_id":1,"items":[{"order_product_id":1,"quantity":1}],"shipping_provider":"dhl"}`, 422},
		{"unknown shipment", "PUT", base + "/shipments/99", `{"comments":"x"}`, 404},
		{"delete unknown shipment", "DELETE", base + "/shipments/99", "", 404},
		{"unknown address", "PUT", base + "/shipping_addresses/99", `{"city":"x"}`, 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := h.do(req{method: tt.method, path: tt.path, token: tokenA, body: tt.body})
			expect(t, res, tt.status)
			var errs []map[string]any
			if err := json.Unmarshal(res.body, &errs); err != nil || len(errs) != 1 || errs[0]["message"] == "" {
				t.Errorf("v2 error body = %s", res.body)
			}
		})
	}
	// Nothing a refused write asked for happened.
	if n := num(t, h.get(ordersV2+"/count", http.StatusOK), "count"); n != 1 {
		t.Errorf("count = %d, want the one order", n)
	}
	h.get(base+"/shipments", http.StatusNoContent)
}

// loggedEvent is one event of the control API's event log.
type loggedEvent struct {
	Scope string `json:"scope"`
	Body  string `json:"body"`
}

// raisedEvents lists the events raised in a store, oldest first.
func raisedEvents(t *testing.T, h *harness, storeHash string) []loggedEvent {
	t.Helper()
	res := h.do(req{method: "GET", path: "/__bcmock/events?limit=250&store=" + storeHash})
	expect(t, res, http.StatusOK)
	var list struct {
		Data []loggedEvent `json:"data"`
	}
	if err := json.Unmarshal(res.body, &list); err != nil {
		t.Fatal(err)
	}
	return list.Data
}

// seedOrders raises store/order/created for ids, the clock moving an
// hour between them.
func seedOrders(h *harness, ids ...int) {
	h.t.Helper()
	for _, id := range ids {
		h.raise("abc123", "store/order/created", fmt.Sprintf(`{"id":%d}`, id))
		h.clock.Advance(time.Hour)
	}
}

func ids(t *testing.T, list any) []int {
	t.Helper()
	var out []int
	if list == nil {
		return out
	}
	for i := range list.([]any) {
		out = append(out, num(t, list, i, "id"))
	}
	return out
}

func TestOrderListFiltersSortAndPages(t *testing.T) {
	h := newOrdersHarness(t)
	seedOrders(h, 101, 102, 103, 104, 105)
	h.raise("abc123", "store/order/statusUpdated", `{"id":103,"status":{"new_status_id":2}}`)
	h.raise("abc123", "store/order/archived", `{"id":105}`)
	created := func(hours int) string { return start.Add(time.Duration(hours) * time.Hour).Format(time.RFC1123Z) }
	tests := []struct {
		query string
		want  []int
	}{
		{"", []int{101, 102, 103, 104}},
		{"?min_id=102&max_id=103", []int{102, 103}},
		{"?status_id=2", []int{103}},
		{"?is_deleted=true", []int{105}},
		{"?sort=id:desc", []int{104, 103, 102, 101}},
		{"?sort=date_created:desc&limit=2", []int{104, 103}},
		{"?limit=2&page=2", []int{103, 104}},
		{"?limit=2&page=3", nil},
		{"?min_date_created=" + url.QueryEscape(created(2)), []int{103, 104}},
		{"?max_date_created=" + url.QueryEscape(start.Add(time.Hour).Format(time.RFC3339)), []int{101, 102}},
		{"?min_date_modified=2025-01-01T04:00:00Z", []int{103}},
		{"?cart_id=none", nil},
		{"?channel_id=1&customer_id=0&email=nobody@example.com", nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			status := http.StatusOK
			if tt.want == nil {
				status = http.StatusNoContent
			}
			if got := ids(t, h.get(ordersV2+tt.query, status)); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("GET /v2/orders%s = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
	count := h.get(ordersV2+"/count", http.StatusOK)
	if num(t, count, "count") != 4 || len(field(t, count, "statuses").([]any)) != len(bigcommerce.OrderStatuses) {
		t.Errorf("count = %v", count)
	}
	if n := num(t, count, "statuses", bigcommerce.OrderStatuses[bigcommerce.StatusShipped].Sort, "count"); n != 1 {
		t.Errorf("shipped count = %d", n)
	}
	statuses := h.get("/stores/abc123/v2/order_statuses", http.StatusOK).([]any)
	for i, s := range bigcommerce.OrderStatuses {
		if num(t, statuses, i, "id") != s.ID || text(t, statuses, i, "name") != s.Name {
			t.Errorf("status %d = %v", i, statuses[i])
		}
	}
}

func TestOrderReadErrors(t *testing.T) {
	h := newOrdersHarness(t)
	seedOrders(h, 101)
	tests := []struct {
		path   string
		status int
	}{
		{ordersV2 + "?limit=251", 422},
		{ordersV2 + "?limit=0", 422},
		{ordersV2 + "?page=0", 422},
		{ordersV2 + "?limit=ten", 422},
		{ordersV2 + "?status_id=x", 422},
		{ordersV2 + "?sort=name:asc", 422},
		{ordersV2 + "?min_date_created=yesterday", 422},
		{ordersV2 + "/999", 404},
		{ordersV2 + "/999/products", 404},
		{ordersV2 + "/999/shipping_addresses", 404},
		{ordersV2 + "/999/shipments", 404},
		{ordersV2 + "/999/shipments/count", 404},
		{ordersV2 + "/999/coupons", 404},
		{ordersV2 + "/999/messages", 404},
		{ordersV2 + "/101/products/999", 404},
		{ordersV2 + "/101/shipping_addresses/999", 404},
		{ordersV2 + "/101/shipments/999", 404},
		{ordersV2 + "/101/products?limit=300", 422},
		{ordersV2 + "/0", 422},
		{"/stores/other/v2/orders/101", 404},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			res := h.do(req{method: "GET", path: tt.path, token: tokenA})
			expect(t, res, tt.status)
			var errs []map[string]any
			if err := json.Unmarshal(res.body, &errs); err != nil || len(errs) != 1 {
				t.Errorf("v2 error body = %s", res.body)
			}
		})
	}
}

func TestEmptyV2Lists(t *testing.T) {
	lists := []string{ordersV2, ordersV2 + "/101/shipments", ordersV2 + "/101/coupons", ordersV2 + "/101/messages", ordersV2 + "/101/products?page=9"}
	t.Run("204 by default", func(t *testing.T) {
		h := newOrdersHarness(t)
		seedOrders(h, 101)
		h.send("DELETE", ordersV2, "", http.StatusNoContent)
		for _, path := range lists {
			h.get(path, http.StatusNoContent)
		}
	})
	t.Run("200 [] with WithSpecValidEmptyLists", func(t *testing.T) {
		h := newOrdersHarness(t, mock.WithSpecValidEmptyLists())
		seedOrders(h, 101)
		h.send("DELETE", ordersV2, "", http.StatusNoContent)
		for _, path := range lists {
			if got := h.get(path, http.StatusOK); fmt.Sprint(got) != "[]" {
				t.Errorf("GET %s = %v, want []", path, got)
			}
		}
	})
}

func TestCouponsOfAConvertedCart(t *testing.T) {
	h := newOrdersHarness(t)
	const cart = "5f8e2a52-2f8a-4a8a-9d6b-6a3a0d6f1c11"
	h.raise("abc123", "store/cart/created", `{"id":"`+cart+`"}`)
	h.raise("abc123", "store/cart/couponApplied", `{"id":"`+cart+`","couponId":42}`)
	h.raise("abc123", "store/cart/converted", `{"id":"`+cart+`","orderId":500}`)
	o := h.get(ordersV2+"/500", http.StatusOK)
	coupons := h.get(ordersV2+"/500/coupons", http.StatusOK)
	if num(t, coupons, 0, "coupon_id") != 42 || num(t, coupons, 0, "order_id") != 500 {
		t.Fatalf("coupons = %v", coupons)
	}
	if text(t, o, "cart_id") != cart || decimal(t, o, "coupon_discount") != decimal(t, coupons, 0, "amount") || decimal(t, o, "coupon_discount") == 0 {
		t.Errorf("order = cart_id %v coupon_discount %v, coupons %v", field(t, o, "cart_id"), field(t, o, "coupon_discount"), coupons)
	}
	total := decimal(t, o, "subtotal_ex_tax") + decimal(t, o, "shipping_cost_ex_tax") + decimal(t, o, "handling_cost_ex_tax") -
		decimal(t, o, "discount_amount") - decimal(t, o, "coupon_discount")
	if ex := decimal(t, o, "total_ex_tax"); ex != total {
		t.Errorf("total_ex_tax %d, its parts add up to %d", ex, total)
	}
	checkOrderRules(t, h, o)
}
