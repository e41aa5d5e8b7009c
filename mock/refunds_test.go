// These tests lock the v3 payment actions around a refund, as
// BigCommerce's orders v3 file describes them: a refund quote prices the
// items and lists the refund methods, a refund's payments must follow one
// of them, the store's refunds list takes its filters, and capture and
// void move an authorized payment to pending. Every response is checked
// against the project's documents (the server validates its own).
package mock_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// refundsOrderBody is a paid card order of a guest: 2 × 12.50 + 10.00 ex
// tax, 5.00 shipping, 8 % tax: 43.20 in all (a line 13.50 with tax, the
// custom line 10.80, shipping 5.40).
const refundsOrderBody = `{"status_id":11,"customer_id":%d,"payment_method":"Credit Card","billing_address":{"first_name":"Jane","last_name":"Doe","street_1":"1 Main St","city":"Austin","state":"Texas","zip":"78701","country":"United States","country_iso2":"US","email":"jane@example.com"},
"products":[{"product_id":77,"quantity":2,"price_ex_tax":12.5},{"name":"Gift note","sku":"NOTE","quantity":1,"price_inc_tax":"10.80"}],"shipping_cost_ex_tax":5}`

// refundsOrder makes a refundsOrderBody order of customer (0: a guest)
// and returns its id, its lines' ids and its shipping address's id.
func refundsOrder(t *testing.T, h *harness, customer int) (id int, lines []int, address int) {
	t.Helper()
	res := h.api("POST", "/v2/orders", fmt.Sprintf(refundsOrderBody, customer))
	expect(t, res, http.StatusCreated)
	id = int(field(t, res.json(t), "id").(float64))
	o := modelOrder(t, h, id)
	for _, l := range o.Lines {
		lines = append(lines, l.ID)
	}
	return id, lines, o.Addresses[0].ID
}

// refundsQuote asks a quote for items of order id.
func refundsQuote(h *harness, id int, items string) response {
	h.t.Helper()
	return h.api("POST", fmt.Sprintf("/v3/orders/%d/payment_actions/refund_quotes", id), `{"items":`+items+`}`)
}

// refundsMethods lists a quote's refund methods as "provider:amount+…".
func refundsMethods(t *testing.T, quote map[string]any) []string {
	t.Helper()
	var out []string
	for _, m := range field(t, quote, "data", "refund_methods").([]any) {
		var parts []string
		for _, p := range m.([]any) {
			o := p.(map[string]any)
			parts = append(parts, fmt.Sprintf("%v:%v", o["provider_id"], o["amount"]))
		}
		out = append(out, strings.Join(parts, "+"))
	}
	return out
}

func TestRefundsQuotePricesTheItemsAndListsTheRefundMethods(t *testing.T) {
	h, rc := newHookedHarness(t)
	guest, lines, addr := refundsOrder(t, h, 0)
	customer, cLines, _ := refundsOrder(t, h, 7)
	seen := len(h.fired(rc, 0))

	for _, tt := range []struct {
		name         string
		order        int
		items        string
		total, tax   float64
		orderLevel   float64
		methods      []string
		taxInclusive bool
	}{
		{"a product by quantity", guest, fmt.Sprintf(`[{"item_type":"PRODUCT","item_id":%d,"quantity":1}]`, lines[0]),
			13.5, 1, 0, []string{"custom:13.5", "testgateway:13.5"}, true},
		{"both units and the shipping", guest, fmt.Sprintf(`[{"item_type":"PRODUCT","item_id":%d,"quantity":2},{"item_type":"SHIPPING","item_id":%d,"amount":5.4}]`, lines[0], addr),
			32.4, 2, 0, []string{"custom:32.4", "testgateway:32.4"}, true},
		{"an order-level amount", guest, fmt.Sprintf(`[{"item_type":"ORDER","item_id":%d,"amount":2.25}]`, guest),
			2.25, 0, 2.25, []string{"custom:2.25", "testgateway:2.25"}, true},
		{"a customer may take store credit", customer, fmt.Sprintf(`[{"item_type":"PRODUCT","item_id":%d,"quantity":1}]`, cLines[1]),
			10.8, 0.8, 0, []string{"storecredit:10.8", "custom:10.8", "testgateway:10.8"}, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := refundsQuote(h, tt.order, tt.items)
			expect(t, res, http.StatusCreated)
			q := res.json(t)
			got := []any{field(t, q, "data", "order_id"), field(t, q, "data", "total_refund_amount"), field(t, q, "data", "total_refund_tax_amount"),
				field(t, q, "data", "order_level_refund_amount"), field(t, q, "data", "tax_inclusive")}
			want := []any{float64(tt.order), tt.total, tt.tax, tt.orderLevel, tt.taxInclusive}
			if !slices.Equal(got, want) {
				t.Errorf("quote = %v, want %v: %s", got, want, res.body)
			}
			if m := refundsMethods(t, q); !slices.Equal(m, tt.methods) {
				t.Errorf("refund_methods = %v, want %v", m, tt.methods)
			}
		})
	}
	if got := h.fired(rc, seen); len(got) != 0 {
		t.Errorf("quotes fired %v, want nothing", got)
	}
	if o := modelOrder(t, h, guest); len(o.Refunds) != 0 || o.Lines[0].Refunded != 0 {
		t.Errorf("a quote changed the order: %+v", o)
	}

	for _, tt := range []struct {
		name, path, body string
		status           int
	}{
		{"a product not on the order", "", `[{"item_type":"PRODUCT","item_id":999999,"quantity":1}]`, http.StatusUnprocessableEntity},
		{"more than was ordered", "", fmt.Sprintf(`[{"item_type":"PRODUCT","item_id":%d,"quantity":3}]`, lines[0]), http.StatusUnprocessableEntity},
		{"the same line twice past its quantity", "", fmt.Sprintf(`[{"item_type":"PRODUCT","item_id":%d,"quantity":2},{"item_type":"PRODUCT","item_id":%[1]d,"quantity":1}]`, lines[0]), http.StatusUnprocessableEntity},
		{"more shipping than was charged", "", fmt.Sprintf(`[{"item_type":"SHIPPING","item_id":%d,"amount":5.41}]`, addr), http.StatusUnprocessableEntity},
		{"shipping of an address not on the order", "", `[{"item_type":"SHIPPING","item_id":999999,"amount":1}]`, http.StatusUnprocessableEntity},
		{"an ORDER item naming another order", "", `[{"item_type":"ORDER","item_id":1,"amount":1}]`, http.StatusUnprocessableEntity},
		{"more than the order's total", "", fmt.Sprintf(`[{"item_type":"ORDER","item_id":%d,"amount":43.21}]`, guest), http.StatusUnprocessableEntity},
		{"gift wrapping the order has not", "", fmt.Sprintf(`[{"item_type":"GIFT_WRAPPING","item_id":%d,"amount":1}]`, lines[0]), http.StatusUnprocessableEntity},
		{"an amount item without an amount", "", fmt.Sprintf(`[{"item_type":"HANDLING","item_id":%d}]`, addr), http.StatusUnprocessableEntity},
		{"no items", "", `[]`, http.StatusUnprocessableEntity},
		{"an unknown order", "/v3/orders/999/payment_actions/refund_quotes", `[{"item_type":"ORDER","item_id":999,"amount":1}]`, http.StatusNotFound},
	} {
		t.Run(tt.name, func(t *testing.T) {
			path := tt.path
			if path == "" {
				path = fmt.Sprintf("/v3/orders/%d/payment_actions/refund_quotes", guest)
			}
			res := h.api("POST", path, `{"items":`+tt.body+`}`)
			expect(t, res, tt.status)
		})
	}
	expect(t, h.api("POST", fmt.Sprintf("/v3/orders/%d/payment_actions/refund_quotes", guest), `{"items":`), http.StatusBadRequest)
}

func TestRefundsPaymentsMustFollowTheQuote(t *testing.T) {
	h, rc := newHookedHarness(t)
	guest, lines, _ := refundsOrder(t, h, 0)
	customer, _, _ := refundsOrder(t, h, 7)
	refund := func(id int, items, payments string) response {
		return h.api("POST", fmt.Sprintf("/v3/orders/%d/payment_actions/refunds", id), `{"items":`+items+`,"payments":`+payments+`}`)
	}
	one := fmt.Sprintf(`[{"item_type":"PRODUCT","item_id":%d,"quantity":1,"reason":"too small"}]`, lines[0])
	for _, tt := range []struct {
		name, payments, want string
	}{
		{"less than the quote", `[{"provider_id":"testgateway","amount":13.49}]`, "add up to"},
		{"more than the quote", `[{"provider_id":"testgateway","amount":13.51}]`, "add up to"},
		{"a provider the quote does not offer", `[{"provider_id":"braintree","amount":13.5}]`, "none of the refund methods"},
		{"store credit for a guest", `[{"provider_id":"storecredit","amount":13.5}]`, "store credit for a guest"},
		{"two methods mixed", `[{"provider_id":"testgateway","amount":10},{"provider_id":"storecredit","amount":3.5}]`, "store credit for a guest"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			res := refund(guest, one, tt.payments)
			expect(t, res, http.StatusUnprocessableEntity)
			if !strings.Contains(string(res.body), tt.want) {
				t.Errorf("422 = %s, want it to say %q", res.body, tt.want)
			}
		})
	}
	if o := modelOrder(t, h, guest); len(o.Refunds) != 0 {
		t.Fatalf("a refused refund was kept: %+v", o.Refunds)
	}

	seen := len(h.fired(rc, 0))
	res := refund(guest, one, `[{"provider_id":"testgateway","amount":13.5,"offline":false}]`)
	expect(t, res, http.StatusCreated)
	body := res.json(t)
	got := []any{field(t, body, "data", "total_amount"), field(t, body, "data", "total_tax"), field(t, body, "data", "reason"),
		field(t, body, "data", "payments", 0, "provider_id"), field(t, body, "data", "payments", 0, "amount"), field(t, body, "data", "items", 0, "requested_amount")}
	if want := []any{13.5, 1.0, "too small", "testgateway", 13.5, 13.5}; !slices.Equal(got, want) {
		t.Errorf("refund = %v, want %v: %s", got, want, res.body)
	}
	want := []string{"store/order/refund/created", "store/order/transaction/created", "store/order/statusUpdated", "store/order/updated"}
	if got := storeLevel(h.fired(rc, seen)); !slices.Equal(got, want) {
		t.Errorf("refund fired %v, want %v", got, want)
	}
	v2 := h.api("GET", fmt.Sprintf("/v2/orders/%d", guest), "").json(t)
	if v2["refunded_amount"] != "13.5000" || v2["status_id"] != 14.0 || v2["payment_status"] != "partially refunded" {
		t.Errorf("order after the refund: refunded_amount %v status %v payment_status %v", v2["refunded_amount"], v2["status_id"], v2["payment_status"])
	}

	// The gateway gave 13.50 back of 43.20: what is left of the order
	// (29.70) can go back through it, the rest of the line a second time
	// too; the first unit cannot be refunded again.
	q := refundsQuote(h, guest, fmt.Sprintf(`[{"item_type":"ORDER","item_id":%d,"amount":29.7}]`, guest))
	expect(t, q, http.StatusCreated)
	if m := refundsMethods(t, q.json(t)); !slices.Equal(m, []string{"custom:29.7", "testgateway:29.7"}) {
		t.Errorf("methods after a refund = %v", m)
	}
	expect(t, refundsQuote(h, guest, fmt.Sprintf(`[{"item_type":"PRODUCT","item_id":%d,"quantity":2}]`, lines[0])), http.StatusUnprocessableEntity)
	expect(t, refund(guest, fmt.Sprintf(`[{"item_type":"ORDER","item_id":%d,"amount":29.7}]`, guest), `[{"provider_id":"custom","amount":29.7,"offline":true}]`), http.StatusCreated)
	if v2 := h.api("GET", fmt.Sprintf("/v2/orders/%d", guest), "").json(t); v2["status_id"] != 4.0 || v2["payment_status"] != "refunded" {
		t.Errorf("order refunded in full: status %v payment_status %v", v2["status_id"], v2["payment_status"])
	}
	nothing := refundsQuote(h, guest, fmt.Sprintf(`[{"item_type":"ORDER","item_id":%d,"amount":1}]`, guest))
	expect(t, nothing, http.StatusUnprocessableEntity)
	if !strings.Contains(string(nothing.body), "nothing left to refund") {
		t.Errorf("quote of a refunded order = %s", nothing.body)
	}

	// A customer's order may go back to store credit, and a merchant's
	// override sets the total the payments must make up.
	res = h.api("POST", fmt.Sprintf("/v3/orders/%d/payment_actions/refunds", customer),
		fmt.Sprintf(`{"items":[{"item_type":"ORDER","item_id":%d,"amount":10}],"merchant_calculated_override":{"total_amount":8,"total_tax":0.5},"payments":[{"provider_id":"storecredit","amount":8}]}`, customer))
	expect(t, res, http.StatusCreated)
	body = res.json(t)
	if got := []any{field(t, body, "data", "total_amount"), field(t, body, "data", "total_tax"), field(t, body, "data", "uses_merchant_override_values")}; !slices.Equal(got, []any{8.0, 0.5, true}) {
		t.Errorf("overridden refund = %v: %s", got, res.body)
	}
}

func TestRefundsListTakesItsFilters(t *testing.T) {
	h := newShopHarness(t)
	a, _, _ := refundsOrder(t, h, 0)
	b, _, _ := refundsOrder(t, h, 0)
	refund := func(id int) int {
		res := h.api("POST", fmt.Sprintf("/v3/orders/%d/payment_actions/refunds", id),
			fmt.Sprintf(`{"items":[{"item_type":"ORDER","item_id":%d,"amount":1}],"payments":[{"provider_id":"custom","amount":1,"offline":true}]}`, id))
		expect(t, res, http.StatusCreated)
		return int(field(t, res.json(t), "data", "id").(float64))
	}
	r1 := refund(a) // 2025-01-01T00:00:00Z
	h.advance(3600)
	r2 := refund(b) // 01:00
	h.advance(3600)
	r3 := refund(a) // 02:00

	for _, tt := range []struct {
		query string
		want  []int
	}{
		{"", []int{r1, r2, r3}},
		{fmt.Sprintf("?order_id:in=%d", a), []int{r1, r3}},
		{fmt.Sprintf("?order_id:in=%d,%d", a, b), []int{r1, r2, r3}},
		{fmt.Sprintf("?id:in=%d,%d", r3, r2), []int{r2, r3}},
		{"?created:min=2025-01-01T01:00:00Z", []int{r2, r3}},
		{"?created:max=2025-01-01T01:00:00%2B00:00", []int{r1, r2}},
		{"?created:min=2025-01-01T00:30:00Z&created:max=2025-01-01T01:30:00Z", []int{r2}},
		{"?order_id:in=12345", nil},
		{"?limit=2", []int{r1, r2}},
		{"?limit=2&page=2", []int{r3}},
	} {
		t.Run(tt.query, func(t *testing.T) {
			res := h.api("GET", "/v3/orders/payment_actions/refunds"+tt.query, "")
			expect(t, res, http.StatusOK)
			var got []int
			for _, r := range field(t, res.json(t), "data").([]any) {
				got = append(got, int(r.(map[string]any)["id"].(float64)))
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("refunds = %v, want %v", got, tt.want)
			}
		})
	}
	expect(t, h.api("GET", "/v3/orders/payment_actions/refunds?created:min=yesterday", ""), http.StatusUnprocessableEntity)
}

func TestRefundsCaptureAndVoidAnAuthorizedPayment(t *testing.T) {
	h, rc := newHookedHarness(t)
	for _, id := range []int{300, 301} {
		h.raise(shopHash, "store/order/transaction/created", fmt.Sprintf(`{"order_id":"%d","transaction_id":"a%d","transaction_type":"authorization","transaction_status":"ok"}`, id, id))
	}
	paid, _, _ := refundsOrder(t, h, 0)
	paymentStatus := func(id int) any {
		return h.api("GET", fmt.Sprintf("/v2/orders/%d", id), "").json(t)["payment_status"]
	}
	if s := paymentStatus(300); s != "authorized" {
		t.Fatalf("payment_status of an authorized order = %v", s)
	}
	for _, tt := range []struct {
		action string
		order  int
		want   string
	}{
		{"capture", 300, "capture pending"},
		{"void", 301, "void pending"},
	} {
		t.Run(tt.action, func(t *testing.T) {
			seen := len(h.fired(rc, 0))
			path := fmt.Sprintf("/v3/orders/%d/payment_actions/%s", tt.order, tt.action)
			res := h.api("POST", path, "")
			expect(t, res, http.StatusCreated)
			if strings.TrimSpace(string(res.body)) != "{}" {
				t.Errorf("body = %s, want {}", res.body)
			}
			if s := paymentStatus(tt.order); s != tt.want {
				t.Errorf("payment_status = %v, want %q", s, tt.want)
			}
			if got := storeLevel(h.fired(rc, seen)); !slices.Equal(got, []string{"store/order/updated"}) {
				t.Errorf("%s fired %v, want store/order/updated", tt.action, got)
			}
			expect(t, h.api("POST", path, ""), http.StatusUnprocessableEntity) // pending: nothing authorized left
			expect(t, h.api("POST", fmt.Sprintf("/v3/orders/%d/payment_actions/%s", paid, tt.action), ""), http.StatusUnprocessableEntity)
			expect(t, h.api("POST", "/v3/orders/999/payment_actions/"+tt.action, ""), http.StatusNotFound)
		})
	}
}
