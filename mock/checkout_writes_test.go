package mock_test

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// The checkout writes of a headless integration (BigCommerce's checkouts
// file): the billing address, removing a coupon, the customer message,
// and carts of custom items (its carts file).

// co2Billing is a valid AddressProperties body with the fields given
// replacing (or, when "", dropping) the defaults.
func co2Billing(over map[string]string) string {
	fields := map[string]string{
		"first_name": `"Jane"`, "last_name": `"Doe"`, "email": `"jane@example.com"`, "address1": `"123 Main Street"`,
		"city": `"Austin"`, "state_or_province": `"Texas"`, "state_or_province_code": `"TX"`, "country_code": `"US"`,
		"postal_code": `"78751"`, "phone": `"12125685555"`,
	}
	for k, v := range over {
		fields[k] = v
	}
	var parts []string
	for _, k := range slices.Sorted(func(yield func(string) bool) {
		for k := range fields {
			if !yield(k) {
				return
			}
		}
	}) {
		if fields[k] != "" {
			parts = append(parts, fmt.Sprintf("%q:%s", k, fields[k]))
		}
	}
	return "{" + strings.Join(parts, ",") + "}"
}

// co2Checkout reads checkout id's data.
func co2Checkout(t *testing.T, h *harness, id string) map[string]any {
	t.Helper()
	res := h.api("GET", "/v3/checkouts/"+id, "")
	expect(t, res, http.StatusOK)
	return field(t, res.json(t), "data").(map[string]any)
}

// TestCheckoutBillingAddress: POST gives the checkout its billing address
// (email and country_code required, the phone pattern checked) and
// answers the checkout; PUT with its id replaces it, another id is 404; a
// stale version is 409; the order the checkout makes bills that address.
func TestCheckoutBillingAddress(t *testing.T) {
	h := newShopHarness(t)
	id := checkoutNewCart(t, h)
	base := "/v3/checkouts/" + id + "/billing-address"
	refused := []struct {
		name, path, body string
		want             int
	}{
		{"no email", base, co2Billing(map[string]string{"email": ""}), http.StatusUnprocessableEntity},
		{"no country_code", base, co2Billing(map[string]string{"country_code": ""}), http.StatusUnprocessableEntity},
		{"empty email", base, co2Billing(map[string]string{"email": `""`}), http.StatusUnprocessableEntity},
		{"phone with letters", base, co2Billing(map[string]string{"phone": `"call me"`}), http.StatusUnprocessableEntity},
		{"stale version", base, co2Billing(map[string]string{"version": "9"}), http.StatusConflict},
		{"unknown checkout", "/v3/checkouts/00000000-0000-4000-8000-000000000000/billing-address", co2Billing(nil), http.StatusNotFound},
		{"PUT before any address", base + "/1", co2Billing(nil), http.StatusNotFound},
	}
	for _, tt := range refused {
		method := "POST"
		if strings.Contains(tt.name, "PUT") {
			method = "PUT"
		}
		if res := h.api(method, tt.path, tt.body); res.status != tt.want {
			t.Errorf("%s: %d, want %d: %s", tt.name, res.status, tt.want, res.body)
		}
	}
	if v := co2Checkout(t, h, id)["version"]; v != 1.0 {
		t.Fatalf("refused writes changed the checkout: version %v", v)
	}

	res := h.api("POST", base, co2Billing(map[string]string{"version": "1", "custom_fields": `[{"field_id":"field_25","field_value":"Great!"}]`}))
	expect(t, res, http.StatusOK)
	d := field(t, res.json(t), "data").(map[string]any)
	addr, _ := d["billing_address"].(map[string]any)
	addrID, _ := addr["id"].(string)
	for k, want := range map[string]any{"first_name": "Jane", "email": "jane@example.com", "country_code": "US", "country": "United States",
		"state_or_province_code": "TX", "postal_code": "78751", "phone": "12125685555"} {
		if addr[k] != want {
			t.Errorf("billing_address.%s = %v, want %v", k, addr[k], want)
		}
	}
	if addrID == "" || fmt.Sprint(addr["custom_fields"]) != "[map[field_id:field_25 field_value:Great!]]" {
		t.Errorf("billing_address = %v", addr)
	}
	if d["version"] != 2.0 || field(t, d, "cart", "email") != "jane@example.com" {
		t.Errorf("version %v, cart email %v: want 2 and the billing address's", d["version"], field(t, d, "cart", "email"))
	}

	expect(t, h.api("PUT", base+"/"+addrID+"0", co2Billing(nil)), http.StatusNotFound)
	res = h.api("PUT", base+"/"+addrID, co2Billing(map[string]string{"city": `"Dallas"`, "version": "2"}))
	expect(t, res, http.StatusOK)
	if got := field(t, res.json(t), "data", "billing_address").(map[string]any); got["city"] != "Dallas" || got["id"] != addrID {
		t.Errorf("after PUT billing_address = %v, want city Dallas, id %s", got, addrID)
	}
	// A second POST replaces the address under the same id.
	res = h.api("POST", base, co2Billing(map[string]string{"first_name": `"Ann"`}))
	expect(t, res, http.StatusOK)
	if got := field(t, res.json(t), "data", "billing_address").(map[string]any); got["first_name"] != "Ann" || got["id"] != addrID {
		t.Errorf("after a second POST billing_address = %v", got)
	}

	made := h.api("POST", "/v3/checkouts/"+id+"/orders", "")
	expect(t, made, http.StatusOK)
	order := h.get(fmt.Sprintf("/stores/%s/v2/orders/%v", shopHash, field(t, made.json(t), "data", "id")), http.StatusOK)
	if b := field(t, order, "billing_address").(map[string]any); b["first_name"] != "Ann" || b["street_1"] != "123 Main Street" || b["country_iso2"] != "US" {
		t.Errorf("order billing_address = %v, want the checkout's", b)
	}
}

// TestCheckoutCouponDelete: DELETE removes the coupon and its discount,
// answers the checkout; a code the checkout lacks is 404, a stale
// version 409.
func TestCheckoutCouponDelete(t *testing.T) {
	h := newShopHarness(t)
	id := checkoutNewCart(t, h)
	expect(t, h.api("POST", "/v3/checkouts/"+id+"/coupons", `{"coupon_code":"SAVE10"}`), http.StatusOK)
	before := co2Checkout(t, h, id)
	if before["grand_total"] == before["subtotal_ex_tax"] {
		t.Fatalf("the coupon took nothing off: %v", before)
	}
	tests := []struct {
		name, code, body string
		want             int
	}{
		{"unknown code", "NOPE", "", http.StatusNotFound},
		{"stale version", "SAVE10", `{"version":1}`, http.StatusConflict},
		{"the code, any case", "save10", `{"version":2}`, http.StatusOK},
		{"already removed", "SAVE10", "", http.StatusNotFound},
	}
	for _, tt := range tests {
		if res := h.api("DELETE", "/v3/checkouts/"+id+"/coupons/"+tt.code, tt.body); res.status != tt.want {
			t.Errorf("%s: %d, want %d: %s", tt.name, res.status, tt.want, res.body)
		}
	}
	d := co2Checkout(t, h, id)
	cart := d["cart"].(map[string]any)
	if len(d["coupons"].([]any)) != 0 || len(cart["coupons"].([]any)) != 0 || d["grand_total"] != d["subtotal_ex_tax"] ||
		cart["cart_amount_ex_tax"] != cart["base_amount"] || field(t, cart, "line_items", "physical_items", 0, "coupon_amount") != 0.0 {
		t.Errorf("after DELETE checkout = %v", d)
	}
}

// TestCheckoutCustomerMessage: PUT /checkouts/{id} sets customer_message
// (required, at most 2000 characters), which the order takes.
func TestCheckoutCustomerMessage(t *testing.T) {
	h := newShopHarness(t)
	id := checkoutNewCart(t, h)
	tests := []struct {
		name, body string
		want       int
	}{
		{"no message", `{}`, http.StatusUnprocessableEntity},
		{"too long", `{"customer_message":"` + strings.Repeat("a", 2001) + `"}`, http.StatusUnprocessableEntity},
		{"stale version", `{"customer_message":"hi","version":3}`, http.StatusConflict},
		{"message", `{"customer_message":"Leave at the door","version":1}`, http.StatusOK},
	}
	for _, tt := range tests {
		if res := h.api("PUT", "/v3/checkouts/"+id, tt.body); res.status != tt.want {
			t.Errorf("%s: %d, want %d: %s", tt.name, res.status, tt.want, res.body)
		}
	}
	if d := co2Checkout(t, h, id); d["customer_message"] != "Leave at the door" || d["version"] != 2.0 {
		t.Errorf("checkout customer_message %v version %v", d["customer_message"], d["version"])
	}
	made := h.api("POST", "/v3/checkouts/"+id+"/orders", "")
	expect(t, made, http.StatusOK)
	order := h.get(fmt.Sprintf("/stores/%s/v2/orders/%v", shopHash, field(t, made.json(t), "data", "id")), http.StatusOK)
	if got := field(t, order, "customer_message"); got != "Leave at the door" {
		t.Errorf("order customer_message = %v", got)
	}
}

// TestCheckoutWritesFireNothing: BigCommerce documents no webhook for the
// billing address, coupon removal or customer message writes.
func TestCheckoutWritesFireNothing(t *testing.T) {
	h, rc := newHookedHarness(t)
	id := checkoutNewCart(t, h)
	expect(t, h.api("POST", "/v3/checkouts/"+id+"/coupons", `{"coupon_code":"SAVE10"}`), http.StatusOK)
	seen := len(h.fired(rc, 0))
	expect(t, h.api("POST", "/v3/checkouts/"+id+"/billing-address", co2Billing(nil)), http.StatusOK)
	expect(t, h.api("DELETE", "/v3/checkouts/"+id+"/coupons/SAVE10", ""), http.StatusOK)
	expect(t, h.api("PUT", "/v3/checkouts/"+id, `{"customer_message":"hi"}`), http.StatusOK)
	if got := h.fired(rc, seen); len(got) != 0 {
		t.Errorf("checkout writes fired %v, want nothing", got)
	}
}

// TestCartCustomItems: a cart of custom items only is made; they show
// under line_items.custom_items and count in the amounts; items adds
// more, the line item webhooks name their ids, and deleting the last one
// deletes the cart.
func TestCartCustomItems(t *testing.T) {
	h, rc := newHookedHarness(t)
	created := h.api("POST", "/v3/carts", `{"channel_id":1,"custom_items":[{"sku":"FEE-1","name":"Assembly","quantity":2,"list_price":7.5}]}`)
	expect(t, created, http.StatusCreated)
	cart := field(t, created.json(t), "data").(map[string]any)
	id := cart["id"].(string)
	ci := field(t, cart, "line_items", "custom_items", 0).(map[string]any)
	for k, want := range map[string]any{"sku": "FEE-1", "name": "Assembly", "quantity": 2.0, "list_price": 7.5, "extended_list_price": 15.0, "image_url": ""} {
		if ci[k] != want {
			t.Errorf("custom item %s = %v, want %v", k, ci[k], want)
		}
	}
	if cart["base_amount"] != 15.0 || cart["cart_amount"] != 15.0 || len(field(t, cart, "line_items", "physical_items").([]any)) != 0 {
		t.Errorf("cart = %v", cart)
	}
	if got := storeLevel(h.fired(rc, 0)); !slices.Equal(got, []string{"store/cart/created", "store/cart/updated", "store/cart/lineItem/created"}) {
		t.Errorf("POST /v3/carts fired %v", got)
	}
	seen := len(h.records("events", "?store="+shopHash))

	added := h.api("POST", "/v3/carts/"+id+"/items", `{"line_items":[{"product_id":77,"quantity":1}],"custom_items":[{"name":"Gift note","quantity":1,"list_price":1}]}`)
	expect(t, added, http.StatusCreated)
	cart = field(t, added.json(t), "data").(map[string]any)
	physical := field(t, cart, "line_items", "physical_items", 0).(map[string]any)
	if want := 16.0 + physical["extended_sale_price"].(float64); cart["base_amount"] != want {
		t.Errorf("base_amount = %v, want %v", cart["base_amount"], want)
	}
	if got := storeLevel(h.fired(rc, seen)); !slices.Equal(got, []string{"store/cart/lineItem/created", "store/cart/lineItem/created", "store/cart/updated"}) {
		t.Errorf("POST items fired %v", got)
	}
	co := co2Checkout(t, h, id)
	if n := len(field(t, co, "cart", "line_items", "custom_items").([]any)); n != 2 || co["subtotal_ex_tax"] != cart["base_amount"] {
		t.Errorf("checkout custom_items %d subtotal %v, want 2 and %v", n, co["subtotal_ex_tax"], cart["base_amount"])
	}

	refused := []struct{ name, body string }{
		{"nothing", `{"channel_id":1}`},
		{"custom item without a name", `{"custom_items":[{"sku":"X","quantity":1,"list_price":1}]}`},
		{"custom item of quantity 0", `{"custom_items":[{"name":"X","quantity":0,"list_price":1}]}`},
		{"negative price", `{"custom_items":[{"name":"X","quantity":1,"list_price":-1}]}`},
	}
	for _, tt := range refused {
		if res := h.api("POST", "/v3/carts", tt.body); res.status != http.StatusUnprocessableEntity {
			t.Errorf("%s: %d, want 422: %s", tt.name, res.status, res.body)
		}
	}

	custom := field(t, cart, "line_items", "custom_items").([]any)
	expect(t, h.api("PUT", "/v3/carts/"+id+"/items/"+custom[1].(map[string]any)["id"].(string), `{"line_item":{"quantity":3}}`), http.StatusOK)
	expect(t, h.api("DELETE", "/v3/carts/"+id+"/items/"+physical["id"].(string), ""), http.StatusOK)
	expect(t, h.api("DELETE", "/v3/carts/"+id+"/items/"+custom[0].(map[string]any)["id"].(string), ""), http.StatusOK)
	expect(t, h.api("DELETE", "/v3/carts/"+id+"/items/"+custom[1].(map[string]any)["id"].(string), ""), http.StatusNoContent)
	expect(t, h.api("GET", "/v3/carts/"+id, ""), http.StatusNotFound)
}
