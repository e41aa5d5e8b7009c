package mock_test

import (
	"fmt"
	"testing"
)

// TestCustAddressDuplicatesChangeNothing checks BigCommerce's rule for
// customer addresses (customers.v3, POST and PUT /customers/addresses): an
// address identical to one the customer has changes nothing, fires
// nothing, and is left out of the 200 answer.
func TestCustAddressDuplicatesChangeNothing(t *testing.T) {
	h := newStoreHarness(t)
	rc := newReceiver(t)
	h.create(tokenA, "abc123", "store/customer/address/*", rc.URL+"/hooks")
	const home = `"first_name":"Ada","last_name":"Lovelace","address1":"1 Main St","city":"Austin","state_or_province":"Texas","postal_code":"78701","country_code":"US"`
	ada := num(t, data(t, h.send("POST", v3+"/customers", `[{"email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","addresses":[{`+home+`}]}]`, 200))[0], "id")
	first := num(t, data(t, h.get(v3+fmt.Sprintf("/customers/addresses?customer_id:in=%d", ada), 200))[0], "id")

	created := func(body string) []int {
		t.Helper()
		var ids []int
		for _, a := range data(t, h.send("POST", v3+"/customers/addresses", body, 200)) {
			ids = append(ids, num(t, a, "id"))
		}
		return ids
	}
	if got := created(fmt.Sprintf(`[{"customer_id":%d,%s}]`, ada, home)); len(got) != 0 {
		t.Errorf("re-posting the customer's address made %v", got)
	}
	office := fmt.Sprintf(`{"customer_id":%d,"first_name":"Ada","last_name":"Lovelace","address1":"9 Office Park","city":"Austin","state_or_province":"Texas","postal_code":"78702","country_code":"US","address_type":"commercial"}`, ada)
	made := created(fmt.Sprintf(`[{"customer_id":%d,%s},%s,%s]`, ada, home, office, office))
	if len(made) != 1 {
		t.Fatalf("a batch of the old address and the office twice made %v, want one address", made)
	}
	// The same street as another type is another address.
	if got := created(fmt.Sprintf(`[{"customer_id":%d,%s,"address_type":"commercial"}]`, ada, home)); len(got) != 1 {
		t.Errorf("the home address as commercial made %v, want one address", got)
	}

	// Moving the office onto the home address is refused silently.
	moved := data(t, h.send("PUT", v3+"/customers/addresses", fmt.Sprintf(`[{"id":%d,"address1":"1 Main St","postal_code":"78701","address_type":"residential"}]`, made[0]), 200))
	if len(moved) != 0 {
		t.Errorf("updating the office into the home address answered %v", moved)
	}
	if got := data(t, h.get(v3+fmt.Sprintf("/customers/addresses?id:in=%d", made[0]), 200)); field(t, got[0], "address1") != "9 Office Park" {
		t.Errorf("the office after a refused update: %v", got[0])
	}
	if got := data(t, h.send("PUT", v3+"/customers/addresses", fmt.Sprintf(`[{"id":%d,"phone":"555-0100"}]`, first), 200)); len(got) != 1 {
		t.Errorf("a real change answered %v", got)
	}
	// POST /customers/addresses requires state_or_province and postal_code; an address in POST /customers does not.
	res := h.do(req{method: "POST", path: v3 + "/customers/addresses", token: tokenA,
		body: fmt.Sprintf(`[{"customer_id":%d,"first_name":"A","last_name":"L","address1":"2 Side St","city":"Austin","country_code":"US"}]`, ada)})
	expect(t, res, 422)
	if errs := fmt.Sprint(field(t, res.json(t), "errors")); errs != "map[0.postal_code:is required 0.state_or_province:is required]" {
		t.Errorf("errors %s, want postal_code and state_or_province required", errs)
	}
	h.send("POST", v3+"/customers", `[{"email":"alan@example.com","first_name":"Alan","last_name":"Turing","addresses":[{"first_name":"Alan","last_name":"Turing","address1":"2 Side St","city":"Austin","country_code":"US"}]}]`, 200)
	if n := len(data(t, h.get(v3+fmt.Sprintf("/customers/addresses?customer_id:in=%d", ada), 200))); n != 3 {
		t.Errorf("the customer has %d addresses, want 3", n)
	}
	scopes, _ := callbacks(t, h, rc, 3) // the office, the commercial home, the phone
	want := "[store/customer/address/created store/customer/address/created store/customer/address/updated]"
	if fmt.Sprint(scopes) != want {
		t.Errorf("fired %v, want %s", scopes, want)
	}
}

// TestCustChannelListFilters checks GET /v3/channels's filters beyond
// type, platform and status, as BigCommerce's channels.v3 lists them:
// available, and the date_created and date_modified bounds.
func TestCustChannelListFilters(t *testing.T) {
	h := newStoreHarness(t)
	h.send("POST", v3+"/channels", `{"name":"Amazon US","type":"marketplace","platform":"amazon","status":"connected"}`, 200)
	h.advance(86400)
	h.send("POST", v3+"/channels", `{"name":"eBay","type":"marketplace","platform":"ebay","status":"disconnected"}`, 200)
	tests := []struct{ query, want string }{
		{"", "[1 2 3]"},
		{"?available=true", "[1 2]"},
		{"?available=false", "[3]"},
		{"?date_created:min=2025-01-02", "[3]"},
		{"?date_created:max=2025-01-01T12:00:00Z", "[1 2]"},
		{"?date_modified:max=2024-12-31", "[]"},
		{"?available=true&date_modified:min=2025-01-01T00:00:00Z", "[1 2]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(idsOf(t, h.get(v3+"/channels"+tt.query, 200))); got != tt.want {
			t.Errorf("GET /channels%s = %s, want %s", tt.query, got, tt.want)
		}
	}
	for _, bad := range []string{"?available=maybe", "?date_created=yesterday"} {
		h.get(v3+"/channels"+bad, 422)
	}
}
