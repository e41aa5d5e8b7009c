package mock_test

import (
	"fmt"
	"net/http"
	"testing"
)

// checkoutNewCart makes a cart (the checkout's id) and returns its id.
func checkoutNewCart(t *testing.T, h *harness) string {
	t.Helper()
	created := h.api("POST", "/v3/carts", newCart)
	expect(t, created, http.StatusCreated)
	return field(t, created.json(t), "data", "id").(string)
}

// TestCheckoutShapeIsTheCheckoutsAPIs reads a checkout the way an
// integration does against BigCommerce's checkouts file: its cart is the
// checkouts API's (cart_amount_inc_tax/ex_tax, is_taxable, coupon types
// by key), and the checkout carries billing_address, consignments,
// taxes, the shipping and handling totals, customer_message and version.
func TestCheckoutShapeIsTheCheckoutsAPIs(t *testing.T) {
	h := newShopHarness(t)
	id := checkoutNewCart(t, h)
	applied := h.api("POST", "/v3/checkouts/"+id+"/coupons", `{"coupon_code":"SAVE10"}`)
	expect(t, applied, http.StatusOK)
	co := h.api("GET", "/v3/checkouts/"+id+"?include=cart.line_items.physical_items.options,consignments.available_shipping_options,promotions.banners", "")
	expect(t, co, http.StatusOK)
	d := field(t, co.json(t), "data").(map[string]any)
	cart := d["cart"].(map[string]any)

	line := field(t, cart, "line_items", "physical_items", 0).(map[string]any)
	base, disc := cart["base_amount"].(float64), field(t, cart, "coupons", 0, "discounted_amount").(float64)
	tests := []struct {
		name string
		got  any
		want any
	}{
		{"cart.cart_amount_inc_tax", cart["cart_amount_inc_tax"], base - disc},
		{"cart.cart_amount_ex_tax", cart["cart_amount_ex_tax"], base - disc},
		{"cart has no cart_amount", cart["cart_amount"], nil},
		{"line is_taxable", line["is_taxable"], true},
		{"line has no taxable", line["taxable"], nil},
		{"line options (include)", fmt.Sprint(line["options"]), "[]"},
		{"cart coupon_type", field(t, cart, "coupons", 0, "coupon_type"), "percentage_discount"},
		{"checkout coupon_type", field(t, d, "coupons", 0, "coupon_type"), "percentage_discount"},
		{"billing_address", fmt.Sprint(d["billing_address"]), "map[]"},
		{"consignments", fmt.Sprint(d["consignments"]), "[]"},
		{"taxes", fmt.Sprint(d["taxes"]), "[map[amount:0 name:Tax]]"},
		{"shipping_cost_total_inc_tax", d["shipping_cost_total_inc_tax"], 0.0},
		{"handling_cost_total_ex_tax", d["handling_cost_total_ex_tax"], 0.0},
		{"customer_message", d["customer_message"], ""},
		{"version", d["version"], 2.0}, // made, then the coupon
		{"promotions (include)", fmt.Sprint(d["promotions"]), "[map[banners:[]]]"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	// The carts API keeps its own shape.
	c := field(t, h.api("GET", "/v3/carts/"+id, "").json(t), "data").(map[string]any)
	if c["cart_amount"] != base-disc || field(t, c, "line_items", "physical_items", 0, "taxable") != true || field(t, c, "coupons", 0, "coupon_type") != "1" {
		t.Errorf("cart = %v", c)
	}
}

// TestCheckoutCouponVersion: a coupon write naming a version that is not
// the cart's answers 409, the current one applies (BigCommerce's
// CouponCodeRequest); a code over 50 characters is refused.
func TestCheckoutCouponVersion(t *testing.T) {
	h := newShopHarness(t)
	id := checkoutNewCart(t, h)
	tests := []struct {
		body string
		want int
	}{
		{`{"coupon_code":"SAVE10","version":7}`, http.StatusConflict},
		{`{"coupon_code":"SAVE10","version":1}`, http.StatusOK},
		{`{"coupon_code":"SAVE10","version":1}`, http.StatusConflict}, // now 2
		{`{"coupon_code":"SAVE20"}`, http.StatusOK},
		{`{"coupon_code":"` + fmt.Sprintf("%051d", 0) + `"}`, http.StatusUnprocessableEntity},
	}
	for _, tt := range tests {
		expect(t, h.api("POST", "/v3/checkouts/"+id+"/coupons", tt.body), tt.want)
	}
	if n := len(field(t, h.api("GET", "/v3/checkouts/"+id, "").json(t), "data", "coupons").([]any)); n != 2 {
		t.Errorf("coupons = %d, want 2", n)
	}
}

// TestCheckoutLocationPartialAddressAndSpecialHours: BigCommerce's
// location update takes a partial address (country_code required) and
// special_hours, which a read gives back; a create still needs the whole
// address.
func TestCheckoutLocationPartialAddressAndSpecialHours(t *testing.T) {
	h := newShopHarness(t)
	addr := `{"address1":"1 Main St","city":"Austin","state":"Texas","zip":"78701","email":"store@example.com","country_code":"US","geo_coordinates":{"latitude":30.26,"longitude":-97.74}}`
	special := `[{"label":"Thanksgiving","date":"2025-11-27","open":true,"opening":"09:00","closing":"13:00","annual":true},{"label":"Inventory day","date":"2025-12-01","open":false}]`
	h.send("POST", v3+"/inventory/locations", `[{"code":"AUS-2","label":"Austin","address":`+addr+`,"special_hours":`+special+`}]`, 200)
	loc := func() map[string]any {
		t.Helper()
		got := data(t, h.get(v3+"/inventory/locations?location_code:in=AUS-2", 200))
		if len(got) != 1 {
			t.Fatalf("locations = %v", got)
		}
		return got[0].(map[string]any)
	}
	l := loc()
	id := num(t, l, "id")
	if got := fmt.Sprint(l["special_hours"]); got != "[map[all_day:false annual:true closing:13:00 date:2025-11-27 label:Thanksgiving open:true opening:09:00] "+
		"map[all_day:false annual:false closing:00:00 date:2025-12-01 label:Inventory day open:false opening:00:00]]" {
		t.Errorf("special_hours = %s", got)
	}

	h.send("PUT", v3+"/inventory/locations", fmt.Sprintf(`[{"id":%d,"address":{"city":"Round Rock","country_code":"US"},"special_hours":[]}]`, id), 200)
	l = loc()
	tests := []struct {
		path []any
		want any
	}{
		{[]any{"address", "city"}, "Round Rock"},
		{[]any{"address", "address1"}, "1 Main St"}, // kept
		{[]any{"address", "zip"}, "78701"},
		{[]any{"address", "geo_coordinates", "latitude"}, 30.26},
	}
	for _, tt := range tests {
		if got := field(t, l, tt.path...); got != tt.want {
			t.Errorf("after a partial address, %v = %v, want %v", tt.path, got, tt.want)
		}
	}
	if n := len(l["special_hours"].([]any)); n != 0 {
		t.Errorf("special_hours after [] = %d entries", n)
	}
	for _, bad := range []string{
		`[{"code":"AUS-3","label":"x","address":{"city":"Austin","country_code":"US"}}]`, // a create needs the whole address
		`[{"code":"AUS-4","label":"x","type_id":"VIRTUAL","special_hours":[{"label":"x","date":"tomorrow","open":true}]}]`,
	} {
		h.send("POST", v3+"/inventory/locations", bad, 422)
	}
	h.send("PUT", v3+"/inventory/locations", fmt.Sprintf(`[{"id":%d,"address":{"city":"Austin"}}]`, id), 422) // no country_code
}
