// These tests lock the contract of the v3 carts, checkouts, transactions
// and refunds and of /v2/store: an event raised through the control API
// puts in place the state the follow-up read then shows (reference
// bigcommerce-rest.md §1), the consistency rules of §2.16 hold, and each
// write delivers the webhooks BigCommerce fires for it (§5), signed and in
// order. Every server here validates every response it sends against the
// project's documents (a violation would answer 500).
package mock_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

const shopHash = "abc123"

// newShopHarness is a harness whose server validates its own responses.
func newShopHarness(t *testing.T) *harness {
	t.Helper()
	return newHarness(t, mock.WithResponseValidation())
}

// api calls BigCommerce's API of store shopHash with tokenA; a 500 (the
// server's answer to a response that violates its documents) fails.
func (h *harness) api(method, path, body string) response {
	h.t.Helper()
	res := h.do(req{method: method, path: "/stores/" + shopHash + path, token: tokenA, body: body})
	if res.status >= 500 {
		h.t.Fatalf("%s %s → %d: %s", method, path, res.status, res.body)
	}
	return res
}

// raisedData returns the data of the callback a control API raise built,
// or of an event of the control API's events log (its body).
func raisedData(t *testing.T, raised map[string]any) map[string]any {
	t.Helper()
	var payload struct {
		Data map[string]any `json:"data"`
	}
	b, _ := json.Marshal(raised["payload"])
	if body, ok := raised["body"].(string); ok {
		b = []byte(body)
	}
	if err := json.Unmarshal(b, &payload); err != nil {
		t.Fatalf("payload: %v", err)
	}
	return payload.Data
}

// lineItemIDs lists the ids of a cart answer's physical items.
func lineItemIDs(t *testing.T, cart map[string]any) []string {
	t.Helper()
	var ids []string
	for _, it := range field(t, cart, "data", "line_items", "physical_items").([]any) {
		ids = append(ids, it.(map[string]any)["id"].(string))
	}
	return ids
}

// order reads an order of the model (GET /v2/orders/{id} is served by
// the orders resources).
func modelOrder(t *testing.T, h *harness, id int) *shop.Order {
	t.Helper()
	var o *shop.Order
	mock.ShopOf(h.srv).Read(shopHash, func(st *shop.Store) {
		if st != nil {
			o = st.Order(id)
		}
	})
	return o
}

func TestCartScopesThenFollowUpReads(t *testing.T) {
	const cart = "5a1f0c9e-0d4c-4a43-9b51-0a6e8f3b2c11"
	const line = "0f1e2d3c-4b5a-4978-8a6b-5c4d3e2f1a00"
	tests := []struct {
		scope, data string
		check       func(t *testing.T, h *harness, d map[string]any)
	}{
		{"store/cart/created", "", readable},
		{"store/cart/updated", `{"id":"` + cart + `"}`, readable},
		{"store/cart/couponApplied", `{"couponId":42}`, func(t *testing.T, h *harness, d map[string]any) {
			got := h.api("GET", "/v3/carts/"+d["id"].(string), "")
			expect(t, got, http.StatusOK)
			if field(t, got.json(t), "data", "coupons", 0, "id") != 42.0 {
				t.Errorf("coupons = %v, want coupon 42", field(t, got.json(t), "data", "coupons"))
			}
		}},
		{"store/cart/abandoned", "", func(t *testing.T, h *harness, d map[string]any) {
			readable(t, h, d)
			got := h.api("GET", "/v3/abandoned-carts/"+d["token"].(string), "")
			expect(t, got, http.StatusOK)
			if field(t, got.json(t), "data", "cart_id") != d["id"] {
				t.Errorf("abandoned cart = %s, want cart %s", got.body, d["id"])
			}
		}},
		{"store/cart/deleted", `{"id":"` + cart + `"}`, gone},
		{"store/cart/converted", `{"orderId":250}`, func(t *testing.T, h *harness, d map[string]any) {
			gone(t, h, d)
			if o := modelOrder(t, h, 250); o == nil || o.CartID != d["id"] {
				t.Errorf("order 250 = %+v, want one with cart_id %v", o, d["id"])
			}
		}},
		{"store/cart/lineItem/created", `{"id":"` + line + `","cartId":"` + cart + `"}`, lineReadable},
		{"store/cart/lineItem/updated", "", lineReadable},
		{"store/cart/lineItem/deleted", `{"id":"` + line + `","cartId":"` + cart + `"}`, func(t *testing.T, h *harness, d map[string]any) {
			got := h.api("GET", "/v3/carts/"+d["cartId"].(string), "")
			expect(t, got, http.StatusOK)
			if slices.Contains(lineItemIDs(t, got.json(t)), d["id"].(string)) {
				t.Errorf("deleted line item %v is still in the cart", d["id"])
			}
		}},
		{"store/channel/1/cart/created", "", channelReadable(1)},
		{"store/channel/2/cart/updated", "", channelReadable(2)},
		{"store/channel/1/cart/couponApplied", "", channelReadable(1)},
		{"store/channel/1/cart/abandoned", "", channelReadable(1)},
		{"store/channel/1/cart/deleted", `{"cart_id":"` + cart + `"}`, func(t *testing.T, h *harness, d map[string]any) {
			gone(t, h, map[string]any{"id": d["cart_id"]})
		}},
		{"store/channel/1/cart/converted", "", func(t *testing.T, h *harness, d map[string]any) {
			gone(t, h, map[string]any{"id": d["cart_id"]})
		}},
		{"store/channel/3/cart/lineItem/created", "", channelLineReadable(3)},
		{"store/channel/1/cart/lineItem/updated", "", channelLineReadable(1)},
		{"store/channel/1/cart/lineItem/deleted", "", func(t *testing.T, h *harness, d map[string]any) {
			got := h.api("GET", "/v3/carts/"+d["cart_id"].(string), "")
			expect(t, got, http.StatusOK)
			if slices.Contains(lineItemIDs(t, got.json(t)), d["cart_item_id"].(string)) {
				t.Errorf("deleted line item %v is still in the cart", d["cart_item_id"])
			}
		}},
	}
	for _, tt := range tests {
		t.Run(tt.scope, func(t *testing.T) {
			h := newShopHarness(t)
			if tt.scope == "store/cart/updated" || tt.scope == "store/cart/deleted" || strings.HasSuffix(tt.scope, "lineItem/deleted") {
				h.raise(shopHash, "store/cart/created", `{"id":"`+cart+`"}`) // a cart to update or delete from
				h.raise(shopHash, "store/cart/lineItem/created", `{"id":"`+line+`","cartId":"`+cart+`"}`)
			}
			if tt.scope == "store/channel/1/cart/deleted" {
				h.raise(shopHash, "store/cart/created", `{"id":"`+cart+`"}`)
			}
			tt.check(t, h, raisedData(t, h.raise(shopHash, tt.scope, tt.data)))
		})
	}
}

func readable(t *testing.T, h *harness, d map[string]any) {
	t.Helper()
	got := h.api("GET", "/v3/carts/"+d["id"].(string), "")
	expect(t, got, http.StatusOK)
	if field(t, got.json(t), "data", "id") != d["id"] {
		t.Errorf("cart = %s, want id %v", got.body, d["id"])
	}
}

func gone(t *testing.T, h *harness, d map[string]any) {
	t.Helper()
	got := h.api("GET", "/v3/carts/"+d["id"].(string), "")
	expect(t, got, http.StatusNotFound)
	if title := got.json(t)["title"]; title != "Cart not found." {
		t.Errorf("404 title = %v", title)
	}
}

func lineReadable(t *testing.T, h *harness, d map[string]any) {
	t.Helper()
	got := h.api("GET", "/v3/carts/"+d["cartId"].(string), "")
	expect(t, got, http.StatusOK)
	if !slices.Contains(lineItemIDs(t, got.json(t)), d["id"].(string)) {
		t.Errorf("line item %v not in physical_items %v", d["id"], lineItemIDs(t, got.json(t)))
	}
}

func channelReadable(channel int) func(*testing.T, *harness, map[string]any) {
	return func(t *testing.T, h *harness, d map[string]any) {
		t.Helper()
		got := h.api("GET", "/v3/carts/"+d["cart_id"].(string), "")
		expect(t, got, http.StatusOK)
		if field(t, got.json(t), "data", "channel_id") != float64(channel) {
			t.Errorf("channel_id = %v, want %d", field(t, got.json(t), "data", "channel_id"), channel)
		}
	}
}

func channelLineReadable(channel int) func(*testing.T, *harness, map[string]any) {
	return func(t *testing.T, h *harness, d map[string]any) {
		t.Helper()
		channelReadable(channel)(t, h, d)
		lineReadable(t, h, map[string]any{"id": d["cart_item_id"], "cartId": d["cart_id"]})
	}
}

func TestTransactionAndRefundScopesThenFollowUpReads(t *testing.T) {
	tests := []struct{ scope, data string }{
		{"store/order/transaction/created", `{"order_id":"300","transaction_id":"777","provider_transaction_id":"pi_abc"}`},
		{"store/order/transaction/updated", `{"order_id":"301","transaction_id":"778"}`},
		{"store/order/refund/created", `{"id":302,"refund":{"refund_id":9}}`},
		{"store/channel/1/order/refund/created", `{"order_id":303}`},
	}
	for _, tt := range tests {
		t.Run(tt.scope, func(t *testing.T) {
			h := newShopHarness(t)
			d := raisedData(t, h.raise(shopHash, tt.scope, tt.data))
			switch {
			case strings.Contains(tt.scope, "transaction"):
				got := h.api("GET", "/v3/orders/"+d["order_id"].(string)+"/transactions", "")
				expect(t, got, http.StatusOK)
				body := got.json(t)
				if field(t, body, "data", 0, "order_id") != d["order_id"] || field(t, body, "meta", "pagination", "total") != 1.0 {
					t.Errorf("transactions = %s", got.body)
				}
				if strings.Contains(string(got.body), "reference_transaction_id") || strings.Contains(string(got.body), "null") {
					t.Errorf("a key is null or reference_transaction_id is present: %s", got.body)
				}
				if p := d["provider_transaction_id"]; field(t, body, "data", 0, "gateway_transaction_id") != p {
					t.Errorf("gateway_transaction_id = %v, want the webhook's provider_transaction_id %v", field(t, body, "data", 0, "gateway_transaction_id"), p)
				}
			case tt.scope == "store/order/refund/created":
				id := fmt.Sprint(field(t, d, "refund", "refund_id"))
				one := h.api("GET", "/v3/orders/payment_actions/refunds/"+id, "")
				expect(t, one, http.StatusOK)
				if fmt.Sprint(field(t, one.json(t), "data", "order_id")) != fmt.Sprint(d["id"]) {
					t.Errorf("refund %s = %s, want order %v", id, one.body, d["id"])
				}
				all := h.api("GET", fmt.Sprintf("/v3/orders/%v/payment_actions/refunds", d["id"]), "")
				expect(t, all, http.StatusOK)
				if fmt.Sprint(field(t, all.json(t), "data", 0, "id")) != id {
					t.Errorf("refunds = %s", all.body)
				}
			default: // the channel twin names the order, not the refund
				all := h.api("GET", fmt.Sprintf("/v3/orders/%v/payment_actions/refunds", d["order_id"]), "")
				expect(t, all, http.StatusOK)
			}
		})
	}
}

func TestTransactionsOfAnOrderWithoutAnyAndOfNoOrder(t *testing.T) {
	h := newShopHarness(t)
	h.raise(shopHash, "store/order/created", `{"id":400}`)
	got := h.api("GET", "/v3/orders/400/transactions", "")
	expect(t, got, http.StatusOK) // not BigCommerce's file's 204 with a body
	if d := field(t, got.json(t), "data").([]any); len(d) != 0 {
		t.Errorf("data = %v, want []", d)
	}
	expect(t, h.api("GET", "/v3/orders/401/transactions", ""), http.StatusNotFound)
	expect(t, h.api("GET", "/v3/orders/401/payment_actions/refunds", ""), http.StatusNotFound)
	expect(t, h.api("GET", "/v3/orders/payment_actions/refunds/5", ""), http.StatusNotFound)
	expect(t, h.api("GET", "/v3/orders/0/transactions", ""), http.StatusUnprocessableEntity)
}

// newHookedHarness is newShopHarness with a receiver hooked to the carts
// and orders events of the store and of its default channel.
func newHookedHarness(t *testing.T) (*harness, *receiver) {
	t.Helper()
	h, rc := newShopHarness(t), newReceiver(t)
	for _, sc := range []string{"store/cart/*", "store/order/*", "store/channel/1/cart/*", "store/channel/1/order/*"} {
		h.create(tokenA, shopHash, sc, rc.URL)
	}
	return h, rc
}

// fired returns the scopes raised in store shopHash since the skip
// first ones, oldest first (the events log's order is the raise order),
// after checking that rc received each of them, signed.
func (h *harness) fired(rc *receiver, skip int) []string {
	h.t.Helper()
	h.advance(0)
	events := h.records("events", "?store="+shopHash)
	var scopes []string
	for _, e := range events[skip:] {
		scopes = append(scopes, e["scope"].(string))
	}
	calls := waitForCalls(h.t, rc, len(events))
	wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(h.secret(tokenA))))
	if err != nil {
		h.t.Fatal(err)
	}
	for _, c := range calls {
		if err := wh.VerifyIgnoringTimestamp(c.body, c.header); err != nil {
			h.t.Errorf("callback signature: %v", err)
		}
		checkPayload(h.t, c.body)
	}
	return scopes
}

// storeLevel drops the channel twins.
func storeLevel(scopes []string) []string {
	return slices.DeleteFunc(slices.Clone(scopes), func(s string) bool { return strings.HasPrefix(s, "store/channel/") })
}

const newCart = `{"customer_id":0,"channel_id":1,"email":"a@example.com","locale":"en","line_items":[{"product_id":77,"variant_id":1000,"quantity":2},{"product_id":9001,"quantity":1,"list_price":12.5,"name":"Gift box"}]}`

func TestCartWritesDeliverTheirWebhooksSignedAndInOrder(t *testing.T) {
	h, rc := newHookedHarness(t)

	created := h.api("POST", "/v3/carts", newCart)
	expect(t, created, http.StatusCreated)
	cart := created.json(t)
	id := field(t, cart, "data", "id").(string)
	items := lineItemIDs(t, cart)
	if len(items) != 2 || field(t, cart, "data", "cart_amount") == 0.0 {
		t.Fatalf("cart = %s", created.body)
	}
	if field(t, cart, "data", "line_items", "physical_items", 1, "list_price") != 12.5 {
		t.Errorf("list_price = %v, want the body's 12.5", field(t, cart, "data", "line_items", "physical_items", 1, "list_price"))
	}
	seen := 0
	step := func(name string, res response, status int, want ...string) {
		t.Helper()
		expect(t, res, status)
		scopes := h.fired(rc, seen)
		seen += len(scopes)
		if got := storeLevel(scopes); !slices.Equal(got, want) {
			t.Errorf("%s fired %v, want %v", name, got, want)
		}
		if len(scopes) != 2*len(want) {
			t.Errorf("%s fired %v: want a channel twin after each store-level event", name, scopes)
		}
	}
	step("POST /v3/carts", created, http.StatusCreated,
		"store/cart/created", "store/cart/updated", "store/cart/lineItem/created", "store/cart/lineItem/created")
	step("PUT /v3/carts/{id}", h.api("PUT", "/v3/carts/"+id, `{"customer_id":12}`), http.StatusCreated, "store/cart/updated")
	step("POST items", h.api("POST", "/v3/carts/"+id+"/items", `{"line_items":[{"product_id":78,"quantity":1}]}`), http.StatusCreated,
		"store/cart/lineItem/created", "store/cart/updated")
	step("PUT item", h.api("PUT", "/v3/carts/"+id+"/items/"+items[0], `{"line_item":{"quantity":5,"product_id":77}}`), http.StatusOK,
		"store/cart/lineItem/updated", "store/cart/updated")
	step("DELETE item", h.api("DELETE", "/v3/carts/"+id+"/items/"+items[1], ""), http.StatusOK,
		"store/cart/lineItem/deleted", "store/cart/updated")
	step("POST coupon", h.api("POST", "/v3/checkouts/"+id+"/coupons", `{"coupon_code":"SAVE10"}`), http.StatusOK,
		"store/cart/couponApplied")
	step("DELETE cart", h.api("DELETE", "/v3/carts/"+id, ""), http.StatusNoContent, "store/cart/deleted")
	expect(t, h.api("GET", "/v3/carts/"+id, ""), http.StatusNotFound)
}

func TestCartRules(t *testing.T) {
	h, rc := newHookedHarness(t)
	created := h.api("POST", "/v3/carts", `{"line_items":[{"product_id":77,"quantity":1}]}`)
	expect(t, created, http.StatusCreated)
	id := field(t, created.json(t), "data", "id").(string)
	item := lineItemIDs(t, created.json(t))[0]

	// cart/created is paired with updated; the line item event names an
	// item of the cart and the cart.
	h.advance(0)
	events := h.records("events", "?store="+shopHash)
	scopes := storeLevel(h.fired(rc, 0))
	if !slices.Equal(scopes[:2], []string{"store/cart/created", "store/cart/updated"}) {
		t.Errorf("a new cart fired %v, want created then updated", scopes)
	}
	for _, e := range events {
		if e["scope"] != "store/cart/lineItem/created" {
			continue
		}
		d := raisedData(t, e)
		if d["id"] != item || d["cartId"] != id {
			t.Errorf("lineItem/created data = %v, want id %s cartId %s", d, item, id)
		}
	}

	// Removing the last item gives updated, then deleted; the cart is gone.
	del := h.api("DELETE", "/v3/carts/"+id+"/items/"+item, "")
	expect(t, del, http.StatusNoContent)
	if len(del.body) != 0 {
		t.Errorf("204 with a body: %s", del.body)
	}
	if got := storeLevel(h.fired(rc, len(events))); !slices.Equal(got, []string{"store/cart/lineItem/deleted", "store/cart/updated", "store/cart/deleted"}) {
		t.Errorf("removing the last item fired %v", got)
	}
	expect(t, h.api("GET", "/v3/carts/"+id, ""), http.StatusNotFound)
}

func TestCheckoutCascade(t *testing.T) {
	h, rc := newHookedHarness(t)
	created := h.api("POST", "/v3/carts", newCart)
	expect(t, created, http.StatusCreated)
	id := field(t, created.json(t), "data", "id").(string)
	seen := len(h.fired(rc, 0))

	ordered := h.api("POST", "/v3/checkouts/"+id+"/orders", "")
	expect(t, ordered, http.StatusOK)
	orderID := int(field(t, ordered.json(t), "data", "id").(float64))
	if got := storeLevel(h.fired(rc, seen)); !slices.Equal(got, []string{"store/order/created"}) {
		t.Errorf("checkout order fired %v", got)
	}
	seen = len(h.records("events", "?store="+shopHash))
	if o := modelOrder(t, h, orderID); o == nil || o.StatusID != 0 || o.CartID != id || o.ItemsTotal() != 3 {
		t.Fatalf("order %d = %+v, want status 0 from cart %s with its 3 items", orderID, o, id)
	}
	expect(t, h.api("GET", "/v3/carts/"+id, ""), http.StatusOK) // the cart stays until payment
	checkout := h.api("GET", "/v3/checkouts/"+id, "")
	expect(t, checkout, http.StatusOK)
	if field(t, checkout.json(t), "data", "order_id") != fmt.Sprint(orderID) {
		t.Errorf("checkout order_id = %v, want %d", field(t, checkout.json(t), "data", "order_id"), orderID)
	}
	// Another order of the same checkout is a new incomplete order (BigCommerce
	// makes as many as it is asked for); the checkout names the latest.
	again := h.api("POST", "/v3/checkouts/"+id+"/orders", "")
	expect(t, again, http.StatusOK)
	second := int(field(t, again.json(t), "data", "id").(float64))
	if o := modelOrder(t, h, second); second == orderID || o == nil || o.StatusID != 0 || o.CartID != id {
		t.Fatalf("second checkout order %d = %+v, want a new status 0 order of cart %s", second, o, id)
	}
	if got := field(t, h.api("GET", "/v3/checkouts/"+id, "").json(t), "data", "order_id"); got != fmt.Sprint(second) {
		t.Errorf("checkout order_id = %v after a second order, want %d", got, second)
	}
	seen = len(h.records("events", "?store="+shopHash))

	if err := mock.PayOrder(h.srv, shopHash, orderID); err != nil {
		t.Fatal(err)
	}
	events := h.records("events", "?store="+shopHash)[seen:]
	want := []string{"store/order/statusUpdated", "store/order/updated", "store/order/transaction/created", "store/cart/converted"}
	if got := storeLevel(h.fired(rc, seen)); !slices.Equal(got, want) {
		t.Errorf("payment fired %v, want %v", got, want)
	}
	for _, e := range events {
		d := raisedData(t, e)
		switch e["scope"] {
		case "store/order/statusUpdated":
			if field(t, d, "status", "previous_status_id") != 0.0 || field(t, d, "status", "new_status_id") != 11.0 {
				t.Errorf("statusUpdated = %v, want 0 → 11", d)
			}
		case "store/order/transaction/created":
			txs := h.api("GET", fmt.Sprintf("/v3/orders/%d/transactions", orderID), "")
			expect(t, txs, http.StatusOK)
			if field(t, txs.json(t), "data", 0, "event") != "purchase" || d["order_id"] != fmt.Sprint(orderID) {
				t.Errorf("transactions = %s after %v", txs.body, d)
			}
		case "store/cart/converted":
			if d["id"] != id || d["orderId"] != float64(orderID) {
				t.Errorf("converted = %v, want cart %s order %d", d, id, orderID)
			}
		}
	}
	gone(t, h, map[string]any{"id": id})
	if o := modelOrder(t, h, orderID); o.StatusID != 11 || o.CartID != id {
		t.Errorf("order after payment = status %d cart %q", o.StatusID, o.CartID)
	}
}

func TestRefundWrite(t *testing.T) {
	h, rc := newHookedHarness(t)
	h.raise(shopHash, "store/order/created", `{"id":500}`)
	o := modelOrder(t, h, 500)
	seen := len(h.fired(rc, 0))

	items := fmt.Sprintf(`[{"item_type":"PRODUCT","item_id":%d,"quantity":1},{"item_type":"ORDER","item_id":500,"amount":1.5}]`, o.Lines[0].ID)
	quote := h.api("POST", "/v3/orders/500/payment_actions/refund_quotes", `{"items":`+items+`}`)
	expect(t, quote, http.StatusCreated)
	total := field(t, quote.json(t), "data", "total_refund_amount")
	body := fmt.Sprintf(`{"reason":"damaged","items":%s,"payments":[{"provider_id":"testgateway","amount":%v,"offline":false}]}`, items, total)
	res := h.api("POST", "/v3/orders/500/payment_actions/refunds", body)
	expect(t, res, http.StatusCreated)
	refund := res.json(t)
	id := fmt.Sprint(field(t, refund, "data", "id"))
	if field(t, refund, "data", "reason") != "damaged" || field(t, refund, "data", "items", 1, "requested_amount") != 1.5 {
		t.Errorf("refund = %s", res.body)
	}
	want := []string{"store/order/refund/created", "store/order/transaction/created", "store/order/statusUpdated", "store/order/updated"}
	if got := storeLevel(h.fired(rc, seen)); !slices.Equal(got, want) {
		t.Errorf("refund fired %v, want %v", got, want)
	}
	one := h.api("GET", "/v3/orders/payment_actions/refunds/"+id, "")
	expect(t, one, http.StatusOK)
	if field(t, one.json(t), "data", "items", 0, "requested_amount") != nil || field(t, one.json(t), "data", "items", 1, "requested_amount") != "1.50" {
		t.Errorf("single refund = %s, want requested_amount null for the quantity and \"1.50\"", one.body)
	}
	list := h.api("GET", "/v3/orders/500/payment_actions/refunds", "")
	expect(t, list, http.StatusOK)
	if field(t, list.json(t), "data", 0, "items", 1, "requested_amount") != 1.5 {
		t.Errorf("listed refund = %s", list.body)
	}
	txs := h.api("GET", "/v3/orders/500/transactions", "").json(t)
	if n := field(t, txs, "meta", "pagination", "total"); n != 1.0 || field(t, txs, "data", 0, "event") != "refund" {
		t.Errorf("transactions = %v, want the refund's", txs)
	}

	for name, tt := range map[string]struct {
		path, body string
		status     int
	}{
		"unknown order":    {"/v3/orders/999/payment_actions/refunds", `{"items":[{"item_type":"ORDER","item_id":999,"amount":1}],"payments":[{"provider_id":"testgateway","amount":1}]}`, http.StatusNotFound},
		"too much":         {"/v3/orders/500/payment_actions/refunds", `{"items":[{"item_type":"ORDER","item_id":500,"amount":1000000}],"payments":[{"provider_id":"testgateway","amount":1}]}`, http.StatusUnprocessableEntity},
		"no items":         {"/v3/orders/500/payment_actions/refunds", `{"items":[],"payments":[{"provider_id":"testgateway","amount":1}]}`, http.StatusUnprocessableEntity},
		"bad item type":    {"/v3/orders/500/payment_actions/refunds", `{"items":[{"item_type":"CAT","item_id":1}],"payments":[{"provider_id":"testgateway","amount":1}]}`, http.StatusUnprocessableEntity},
		"malformed":        {"/v3/orders/500/payment_actions/refunds", `{"items":`, http.StatusBadRequest},
		"unknown product":  {"/v3/orders/500/payment_actions/refunds", `{"items":[{"item_type":"PRODUCT","item_id":123456,"quantity":1}],"payments":[{"provider_id":"testgateway","amount":1}]}`, http.StatusUnprocessableEntity},
		"negative amount":  {"/v3/orders/500/payment_actions/refunds", `{"items":[{"item_type":"ORDER","item_id":500,"amount":-1}],"payments":[{"provider_id":"testgateway","amount":1}]}`, http.StatusUnprocessableEntity},
		"no payments":      {"/v3/orders/500/payment_actions/refunds", `{"items":[{"item_type":"ORDER","item_id":500,"amount":1}]}`, http.StatusUnprocessableEntity},
		"amount too exact": {"/v3/orders/500/payment_actions/refunds", `{"items":[{"item_type":"ORDER","item_id":500,"amount":0.00001}],"payments":[{"provider_id":"testgateway","amount":1}]}`, http.StatusUnprocessableEntity},
	} {
		t.Run(name, func(t *testing.T) { expect(t, h.api("POST", tt.path, tt.body), tt.status) })
	}
}

func TestCartIncludesAndErrors(t *testing.T) {
	h := newShopHarness(t)
	created := h.api("POST", "/v3/carts?include=redirect_urls", newCart)
	expect(t, created, http.StatusCreated)
	id := field(t, created.json(t), "data", "id").(string)
	if u := field(t, created.json(t), "data", "redirect_urls", "checkout_url").(string); !strings.Contains(u, id) {
		t.Errorf("checkout_url = %q", u)
	}
	got := h.api("GET", "/v3/carts/"+id+"?include=redirect_urls,line_items.physical_items.options,promotions.banners", "")
	expect(t, got, http.StatusOK)
	body := got.json(t)
	if field(t, body, "data", "promotions", "banners") == nil || field(t, body, "data", "line_items", "physical_items", 0, "options") == nil {
		t.Errorf("includes missing: %s", got.body)
	}
	plain := h.api("GET", "/v3/carts/"+id, "").json(t)
	if _, ok := plain["data"].(map[string]any)["redirect_urls"]; ok {
		t.Error("redirect_urls without include=redirect_urls")
	}
	if strings.Contains(string(got.body), "null") {
		t.Errorf("a null in the cart: %s", got.body)
	}

	for _, tt := range []struct {
		method, path, body string
		status             int
	}{
		{"GET", "/v3/carts/nope", "", http.StatusNotFound},
		{"GET", "/v3/carts/" + id + "?include=everything", "", http.StatusUnprocessableEntity},
		{"POST", "/v3/carts", `{"line_items":[]}`, http.StatusUnprocessableEntity},
		{"POST", "/v3/carts", `{"line_items":[{"product_id":77,"quantity":0}]}`, http.StatusUnprocessableEntity},
		{"POST", "/v3/carts", `{"line_items":[{"quantity":1}]}`, http.StatusUnprocessableEntity},
		{"POST", "/v3/carts", `{"line_items":[`, http.StatusBadRequest},
		{"PUT", "/v3/carts/" + id, `{}`, http.StatusUnprocessableEntity},
		{"PUT", "/v3/carts/nope", `{"customer_id":1}`, http.StatusNotFound},
		{"DELETE", "/v3/carts/nope", "", http.StatusNotFound},
		{"POST", "/v3/carts/nope/items", `{"line_items":[{"product_id":77,"quantity":1}]}`, http.StatusNotFound},
		{"PUT", "/v3/carts/" + id + "/items/nope", `{"line_item":{"quantity":1}}`, http.StatusNotFound},
		{"PUT", "/v3/carts/" + id + "/items/nope", `{"line_item":{"quantity":0}}`, http.StatusUnprocessableEntity},
		{"DELETE", "/v3/carts/" + id + "/items/nope", "", http.StatusNotFound},
		{"GET", "/v3/abandoned-carts/nope", "", http.StatusNotFound},
		{"GET", "/v3/checkouts/nope", "", http.StatusNotFound},
		{"POST", "/v3/checkouts/nope/orders", "", http.StatusNotFound},
		{"POST", "/v3/checkouts/" + id + "/coupons", `{"coupon_code":""}`, http.StatusUnprocessableEntity},
		{"POST", "/v3/checkouts/nope/coupons", `{"coupon_code":"X"}`, http.StatusNotFound},
	} {
		t.Run(tt.method+" "+tt.path+" "+tt.body, func(t *testing.T) {
			expect(t, h.api(tt.method, tt.path, tt.body), tt.status)
		})
	}
}

func TestStoreInformationAgreesWithWebhooks(t *testing.T) {
	h, rc := newHookedHarness(t)
	h.raise(shopHash, "store/order/created", "")
	h.raise(shopHash, "store/cart/created", "")
	h.api("POST", "/v3/carts", newCart)
	h.fired(rc, 0)

	got := h.api("GET", "/v2/store", "")
	expect(t, got, http.StatusOK)
	info := got.json(t)
	if info["id"] != shopHash || fmt.Sprint(int64(info["store_id"].(float64))) != bigcommerce.StoreID(shopHash) {
		t.Fatalf("store = id %v store_id %v", info["id"], info["store_id"])
	}
	if again := h.api("GET", "/v2/store", ""); string(again.body) != string(got.body) {
		t.Error("/v2/store changed between two reads")
	}
	for _, c := range rc.calls() {
		var env struct {
			StoreID  string `json:"store_id"`
			Producer string `json:"producer"`
		}
		if err := json.Unmarshal(c.body, &env); err != nil {
			t.Fatal(err)
		}
		if env.StoreID != fmt.Sprint(int64(info["store_id"].(float64))) || env.Producer != "stores/"+info["id"].(string) {
			t.Errorf("callback store_id %s producer %s, /v2/store id %v store_id %v", env.StoreID, env.Producer, info["id"], info["store_id"])
		}
	}
	other := h.do(req{method: "GET", path: "/stores/other1/v2/store", token: tokenA}).json(t)
	if other["name"] == info["name"] && other["account_uuid"] == info["account_uuid"] {
		t.Error("two stores have the same identity")
	}
}
