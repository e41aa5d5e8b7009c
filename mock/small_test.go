package mock_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
)

// smallNames lists the names of a page's items.
func smallNames(t *testing.T, page any) string {
	t.Helper()
	var names []string
	for _, l := range data(t, page) {
		names = append(names, field(t, l, "name").(string))
	}
	return strings.Join(names, " ")
}

// TestSmallPriceListsPageByCursor walks GET /v3/pricelists by before and
// after, as BigCommerce documents it: a cursor answers
// meta.cursor_pagination only, a page meta.pagination only, neither
// both; the links keep the filters.
func TestSmallPriceListsPageByCursor(t *testing.T) {
	h := newShopHarness(t)
	ids := map[string]int{}
	for _, name := range []string{"SmallA", "SmallB", "SmallC", "SmallD", "SmallE"} {
		ids[name] = num(t, h.send("POST", v3+"/pricelists", fmt.Sprintf(`{"name":%q}`, name), 200), "data", "id")
	}
	lists := v3 + "/pricelists"
	first := h.get(lists+"?name:like=small&limit=2", 200)
	if got := smallNames(t, first); got != "SmallA SmallB" {
		t.Fatalf("first page = %s", got)
	}
	next, _ := field(t, first, "meta", "cursor_pagination", "links", "next").(string)
	if !strings.Contains(next, "name%3Alike=small") {
		t.Fatalf("next link %q does not keep the filter", next)
	}
	second := h.get(lists+next, 200)
	if got := smallNames(t, second); got != "SmallC SmallD" {
		t.Errorf("after the first page = %s, want SmallC SmallD", got)
	}
	prev, _ := field(t, second, "meta", "cursor_pagination", "links", "previous").(string)
	if got := smallNames(t, h.get(lists+prev, 200)); got != "SmallA SmallB" {
		t.Errorf("before the second page = %s", got)
	}
	end := field(t, second, "meta", "cursor_pagination", "end_cursor").(string)
	last := h.get(lists+"?name:like=small&limit=2&after="+url.QueryEscape(end), 200)
	if got := smallNames(t, last); got != "SmallE" || field(t, last, "meta", "cursor_pagination", "links", "next") != nil {
		t.Errorf("last page = %s %v", got, field(t, last, "meta"))
	}
	// A deleted list's cursor still places itself, by id.
	h.send("DELETE", lists+fmt.Sprintf("/%d", ids["SmallD"]), "", 204)
	if got := smallNames(t, h.get(lists+"?name:like=small&limit=2&after="+url.QueryEscape(end), 200)); got != "SmallE" {
		t.Errorf("after a deleted list's cursor = %s, want SmallE", got)
	}

	smallCursorRules(t, h, lists, end)
}

// smallCursorRules checks BigCommerce's meta rule on a list that pages
// by cursor (cursor is one of its cursors): a cursor answers
// meta.cursor_pagination only (page is then ignored), a page
// meta.pagination only, neither both; a customer's cursor, or a string
// that is no cursor, is refused.
func smallCursorRules(t *testing.T, h *harness, list, cursor string) {
	t.Helper()
	tests := []struct{ query, meta string }{
		{"", "both"},
		{"?limit=2", "both"},
		{"?page=1&limit=2", "pagination"},
		{"?after=" + url.QueryEscape(cursor), "cursor_pagination"},
		{"?before=" + url.QueryEscape(cursor) + "&page=3", "cursor_pagination"},
	}
	for _, tt := range tests {
		if got := checkoutMetaKeys(t, h.get(list+tt.query, 200)); got != tt.meta {
			t.Errorf("GET %s%s meta = %s, want %s", list, tt.query, got, tt.meta)
		}
	}
	h.send("POST", v3+"/customers", `[{"email":"small-cursor@example.com","first_name":"S","last_name":"M"}]`, 200)
	c := field(t, h.get(v3+"/customers?limit=1", 200), "meta", "cursor_pagination", "end_cursor").(string)
	h.get(list+"?after="+url.QueryEscape(c), 422)
	h.get(list+"?before=not-a-cursor", 422)
	h.get(list+"?after=not-a-cursor", 422)
}

// TestSmallDeleteCustomersWithoutIDs: customers.v3.yml says a DELETE
// /v3/customers without id:in answers 204 and changes nothing; a bad
// id:in is still 422.
func TestSmallDeleteCustomersWithoutIDs(t *testing.T) {
	h := newStoreHarness(t)
	h.send("POST", v3+"/customers", `[{"email":"keep1@example.com","first_name":"K","last_name":"One"},{"email":"keep2@example.com","first_name":"K","last_name":"Two"}]`, 200)
	count := func() int { return num(t, h.get(v3+"/customers?page=1", 200), "meta", "pagination", "total") }
	want := count()
	tests := []struct {
		query  string
		status int
	}{
		{"", 204},
		{"?id:in=abc", 422},
		{"?id:in=99999", 204},
	}
	for _, tt := range tests {
		h.send("DELETE", v3+"/customers"+tt.query, "", tt.status)
		if got := count(); got != want {
			t.Errorf("DELETE /customers%s left %d customers, want %d", tt.query, got, want)
		}
	}
}

// TestSmallShipmentProviderDisplayName: a v2 shipment's
// shipping_provider_display_name is the provider's name ("USPS" for
// usps, as orders.v2.oas2.yml's example answers), not its code; a
// third-party carrier_{id} and no provider keep the code.
func TestSmallShipmentProviderDisplayName(t *testing.T) {
	h := newShopHarness(t)
	base := ordersV2 + "/" + strconv.Itoa(num(t, h.send("POST", ordersV2, orderBody, http.StatusCreated), "id"))
	addr := num(t, h.get(base+"/shipping_addresses", http.StatusOK), 0, "id")
	line := num(t, h.get(base+"/products", http.StatusOK), 0, "id")
	s := h.send("POST", base+"/shipments", fmt.Sprintf(`{"order_address_id":%d,"items":[{"order_product_id":%d,"quantity":1}],"shipping_provider":"usps"}`, addr, line), http.StatusCreated)
	if got := field(t, s, "shipping_provider_display_name"); got != "USPS" {
		t.Errorf("created usps shipment display name = %v, want USPS", got)
	}
	shipment := base + "/shipments/" + strconv.Itoa(num(t, s, "id"))
	tests := []struct{ provider, name string }{
		{"auspost", "Australia Post"},
		{"canadapost", "Canada Post"},
		{"endicia", "Endicia"},
		{"usps", "USPS"},
		{"fedex", "FedEx"},
		{"ups", "UPS"},
		{"upsready", "UPS"},
		{"upsonline", "UPS"},
		{"shipperhq", "ShipperHQ"},
		{"royalmail", "Royal Mail"},
		{"carrier_1234", "carrier_1234"},
		{"", ""},
	}
	for _, tt := range tests {
		h.send("PUT", shipment, fmt.Sprintf(`{"shipping_provider":%q}`, tt.provider), http.StatusOK)
		got := h.get(shipment, http.StatusOK)
		if field(t, got, "shipping_provider") != tt.provider || field(t, got, "shipping_provider_display_name") != tt.name {
			t.Errorf("provider %q reads %v / %v, want display name %q", tt.provider,
				field(t, got, "shipping_provider"), field(t, got, "shipping_provider_display_name"), tt.name)
		}
	}
}

// TestSmallOrderStatusesControlPanelOrder: GET /v2/order_statuses lists
// the statuses by id, each with its place in the control panel's list as
// order; GET /v2/orders/count lists them in that order, as sort_order
// (orders.v2.oas2.yml's examples).
func TestSmallOrderStatusesControlPanelOrder(t *testing.T) {
	h := newShopHarness(t)
	// the control panel's order, by status id
	want := []int{0, 1, 7, 11, 9, 8, 3, 10, 2, 5, 6, 4, 13, 12, 14}
	statuses := h.get("/stores/abc123/v2/order_statuses", http.StatusOK).([]any)
	if len(statuses) != len(want) {
		t.Fatalf("%d statuses, want %d", len(statuses), len(want))
	}
	for place, id := range want {
		if got := num(t, statuses[id], "order"); num(t, statuses[id], "id") != id || got != place {
			t.Errorf("status %d: order %d, want %d", id, got, place)
		}
	}
	if got := num(t, h.get("/stores/abc123/v2/order_statuses/11", http.StatusOK), "order"); got != 3 {
		t.Errorf("Awaiting Fulfillment order = %d, want 3", got)
	}
	counted := field(t, h.get(ordersV2+"/count", http.StatusOK), "statuses").([]any)
	var ids []int
	for place, s := range counted {
		ids = append(ids, num(t, s, "id"))
		if got := num(t, s, "sort_order"); got != place {
			t.Errorf("count's status %v at %d has sort_order %d", field(t, s, "id"), place, got)
		}
	}
	if fmt.Sprint(ids) != fmt.Sprint(want) {
		t.Errorf("count lists the statuses %v, want %v", ids, want)
	}
}

// TestSmallCustomerBetaIncludes: include=shopper_profile_id,segment_ids
// (customers.v3.yml) add the two fields, and only when asked for; bcmock
// has no shopper profiles or segments, so they are null and [].
func TestSmallCustomerBetaIncludes(t *testing.T) {
	h := newStoreHarness(t)
	id := num(t, data(t, h.send("POST", v3+"/customers", `[{"email":"beta@example.com","first_name":"B","last_name":"Eta"}]`, 200))[0], "id")
	tests := []struct {
		include           string
		profile, segments string // the fields' JSON, "" for absent
	}{
		{"", "", ""},
		{"shopper_profile_id", "null", ""},
		{"segment_ids", "", "[]"},
		{"shopper_profile_id,segment_ids,addresses", "null", "[]"},
	}
	for _, tt := range tests {
		query := fmt.Sprintf("/customers?id:in=%d", id)
		if tt.include != "" {
			query += "&include=" + tt.include
		}
		c := data(t, h.get(v3+query, 200))[0].(map[string]any)
		for key, want := range map[string]string{"shopper_profile_id": tt.profile, "segment_ids": tt.segments} {
			v, present := c[key]
			got := ""
			if present {
				b, _ := json.Marshal(v)
				got = string(b)
			}
			if got != want {
				t.Errorf("include=%s: %s = %q, want %q", tt.include, key, got, want)
			}
		}
	}
}
