package mock_test

// These tests lock what an audit against BigCommerce's own orders and
// store-information files found bcmock missing or getting wrong (see
// NOTES-orders.md): each fails without its fix.

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"testing"
	"time"
)

func TestOrdersTimeAnswersTheMockClock(t *testing.T) {
	h := newOrdersHarness(t)
	got := h.get("/stores/abc123/v2/time", http.StatusOK)
	if n := num(t, got, "time"); int64(n) != start.Unix() {
		t.Errorf("time = %d, want %d (the fake clock)", n, start.Unix())
	}
}

func TestOrdersStatusByID(t *testing.T) {
	h := newOrdersHarness(t)
	tests := []struct {
		id     string
		status int
		name   string
	}{
		{"0", http.StatusOK, "Incomplete"},
		{"11", http.StatusOK, "Awaiting Fulfillment"},
		{"14", http.StatusOK, "Partially Refunded"},
		{"15", http.StatusNotFound, ""},
		{"x", http.StatusUnprocessableEntity, ""},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got := h.get("/stores/abc123/v2/order_statuses/"+tt.id, tt.status)
			if tt.status == http.StatusOK && (text(t, got, "name") != tt.name || text(t, got, "system_label") != tt.name) {
				t.Errorf("status %s = %v, want %s", tt.id, got, tt.name)
			}
		})
	}
}

// ordersCreate posts an order of one custom line at price (ex tax), with
// extra top-level fields (",..." or ""), and returns its id.
func ordersCreate(t *testing.T, h *harness, price, extra string) int {
	t.Helper()
	body := `{"billing_address":{"first_name":"Jane","zip":"78701","email":"jane@example.com"},
"products":[{"name":"Mug","quantity":1,"price_ex_tax":` + price + `}]` + extra + `}`
	return num(t, h.send("POST", ordersV2, body, http.StatusCreated), "id")
}

func TestOrdersListAndCountTakeEveryFilter(t *testing.T) {
	h := newOrdersHarness(t)
	// Three orders of 10, 20 and 30 ex tax; the total filters compare
	// total_inc_tax, read back below.
	a := ordersCreate(t, h, "10", `,"payment_method":"Cash","external_order_id":"AMZ-1"`)
	b := ordersCreate(t, h, "20", `,"payment_method":"Manual"`)
	c := ordersCreate(t, h, "30", `,"payment_method":"Cash","external_order_id":"AMZ-3"`)
	total := func(id int) float64 {
		f, _ := strconv.ParseFloat(text(t, h.get(ordersV2+"/"+strconv.Itoa(id), http.StatusOK), "total_inc_tax"), 64)
		return f
	}
	mid := strconv.FormatFloat((total(a)+total(b))/2, 'f', 2, 64)
	tests := []struct {
		query string
		want  []int
	}{
		{"?payment_method=Cash", []int{a, c}},
		{"?payment_method=cash", []int{a, c}},
		{"?external_order_id=AMZ-3", []int{c}},
		{"?external_order_id=none", nil},
		{"?min_total=" + mid, []int{b, c}},
		{"?max_total=" + mid, []int{a}},
		{"?min_total=" + mid + "&payment_method=Cash", []int{c}},
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
			count := h.get(ordersV2+"/count"+tt.query, http.StatusOK)
			if n := num(t, count, "count"); n != len(tt.want) {
				t.Errorf("GET /v2/orders/count%s = %d, want %d", tt.query, n, len(tt.want))
			}
		})
	}
	for _, bad := range []string{"?min_total=ten", "/count?max_total=-1", "/count?min_date_created=yesterday"} {
		res := h.do(req{method: "GET", path: ordersV2 + bad, token: tokenA})
		expect(t, res, http.StatusUnprocessableEntity)
	}
}

func TestOrdersCreateKeepsExternalOrderIDAndDateCreated(t *testing.T) {
	h := newOrdersHarness(t)
	id := ordersCreate(t, h, "10", `,"external_order_id":"AMZ-9","date_created":"Tue, 20 Nov 2012 00:00:00 +0000"`)
	o := h.get(ordersV2+"/"+strconv.Itoa(id), http.StatusOK)
	if text(t, o, "external_order_id") != "AMZ-9" || text(t, o, "date_created") != "Tue, 20 Nov 2012 00:00:00 +0000" {
		t.Errorf("order = external_order_id %v, date_created %v", field(t, o, "external_order_id"), field(t, o, "date_created"))
	}
	if got := ids(t, h.get(ordersV2+"?max_date_created=2013-01-01", http.StatusOK)); fmt.Sprint(got) != fmt.Sprint([]int{id}) {
		t.Errorf("orders created before 2013 = %v", got)
	}
	h.send("PUT", ordersV2+"/"+strconv.Itoa(id), `{"external_order_id":"AMZ-10"}`, http.StatusOK)
	if o := h.get(ordersV2+"/"+strconv.Itoa(id), http.StatusOK); text(t, o, "external_order_id") != "AMZ-10" {
		t.Errorf("after PUT external_order_id = %v", field(t, o, "external_order_id"))
	}
	res := h.do(req{method: "POST", path: ordersV2, token: tokenA, body: `{"billing_address":{"zip":"78701"},"products":[{"name":"Mug","quantity":1,"price_ex_tax":1}],"date_created":"last week"}`})
	expect(t, res, http.StatusUnprocessableEntity)
}

func TestOrdersIncludeFees(t *testing.T) {
	h := newOrdersHarness(t)
	id := ordersCreate(t, h, "10", ``)
	path := ordersV2 + "/" + strconv.Itoa(id)
	if _, ok := h.get(path, http.StatusOK).(map[string]any)["fees"]; ok {
		t.Errorf("fees without include=fees")
	}
	for _, p := range []string{path + "?include=fees", path + "?include=consignments,fees", ordersV2 + "?include=fees"} {
		got := h.get(p, http.StatusOK)
		if list, ok := got.([]any); ok {
			got = list[0]
		}
		if fees, ok := got.(map[string]any)["fees"].([]any); !ok || len(fees) != 0 {
			t.Errorf("GET %s: fees = %v, want []", p, got.(map[string]any)["fees"])
		}
	}
}

func TestOrdersMessagesTakeEveryFilter(t *testing.T) {
	h := newOrdersHarness(t)
	h.raise("abc123", "store/order/created", `{"id":300}`)
	for _, m := range []int{5, 6, 7} {
		h.raise("abc123", "store/order/message/created", fmt.Sprintf(`{"id":300,"message":{"order_message_id":%d}}`, m))
		h.clock.Advance(time.Hour)
	}
	customer := strconv.Itoa(num(t, h.get(ordersV2+"/300", http.StatusOK), "customer_id"))
	messages := ordersV2 + "/300/messages"
	tests := []struct {
		query string
		want  []int
	}{
		{"", []int{5, 6, 7}},
		{"?min_date_created=" + url.QueryEscape(start.Add(time.Hour).Format(time.RFC1123Z)), []int{6, 7}},
		{"?max_date_created=" + start.Add(time.Hour).Format(time.RFC3339), []int{5, 6}},
		{"?customer_id=" + customer, []int{5, 6, 7}},
		{"?customer_id=" + customer + "1", nil},
		{"?status=unread&is_flagged=false", []int{5, 6, 7}},
		{"?status=read", nil},
		{"?is_flagged=true", nil},
		{"?min_id=6&status=unread", []int{6, 7}},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			status := http.StatusOK
			if tt.want == nil {
				status = http.StatusNoContent
			}
			if got := ids(t, h.get(messages+tt.query, status)); fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("GET messages%s = %v, want %v", tt.query, got, tt.want)
			}
		})
	}
	for _, bad := range []string{"?status=new", "?is_flagged=maybe", "?min_date_created=soon"} {
		expect(t, h.do(req{method: "GET", path: messages + bad, token: tokenA}), http.StatusUnprocessableEntity)
	}
}

func TestOrdersShipmentKeepsTrackingLinkCostAndAddress(t *testing.T) {
	h := newOrdersHarness(t)
	body := `{"billing_address":{"zip":"78701"},"products":[{"name":"Mug","quantity":2,"price_ex_tax":5}],
"shipping_addresses":[{"zip":"78701","city":"Austin"},{"zip":"10001","city":"New York"}]}`
	id := strconv.Itoa(num(t, h.send("POST", ordersV2, body, http.StatusCreated), "id"))
	addrs := h.get(ordersV2+"/"+id+"/shipping_addresses", http.StatusOK)
	first, second := num(t, addrs, 0, "id"), num(t, addrs, 1, "id")
	line := num(t, h.get(ordersV2+"/"+id+"/products", http.StatusOK), 0, "id")
	created := h.send("POST", ordersV2+"/"+id+"/shipments", fmt.Sprintf(`{"order_address_id":%d,"items":[{"order_product_id":%d,"quantity":1}],
"tracking_number":"T1","tracking_link":"https://track.example.com/T1","merchant_shipping_cost":"4.5"}`, first, line), http.StatusCreated)
	sid := strconv.Itoa(num(t, created, "id"))
	for _, s := range []any{created, h.get(ordersV2+"/"+id+"/shipments/"+sid, http.StatusOK)} {
		if text(t, s, "tracking_link") != "https://track.example.com/T1" || text(t, s, "merchant_shipping_cost") != "4.5000" {
			t.Errorf("shipment = tracking_link %v, merchant_shipping_cost %v", field(t, s, "tracking_link"), field(t, s, "merchant_shipping_cost"))
		}
	}
	updated := h.send("PUT", ordersV2+"/"+id+"/shipments/"+sid, fmt.Sprintf(`{"order_address_id":%d,"tracking_link":"","merchant_shipping_cost":1}`, second), http.StatusOK)
	if num(t, updated, "order_address_id") != second || text(t, updated, "shipping_address", "city") != "New York" ||
		text(t, updated, "tracking_link") != "" || text(t, updated, "merchant_shipping_cost") != "1.0000" {
		t.Errorf("after PUT: %v", updated)
	}
	for _, bad := range []string{`{"order_address_id":999999}`, `{"merchant_shipping_cost":"1.23456"}`, `{"merchant_shipping_cost":-1}`} {
		expect(t, h.do(req{method: "PUT", path: ordersV2 + "/" + id + "/shipments/" + sid, token: tokenA, body: bad}), http.StatusUnprocessableEntity)
	}
}
