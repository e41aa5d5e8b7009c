package mock_test

import (
	"fmt"
	"testing"
)

// TestCustInventoryItemsFollowTheOfficialShape checks two points of
// BigCommerce's inventory.v3 for GET /v3/inventory/items: the
// location_code:in filter, and identity.sku_id, a plain integer there, is
// left out for a base variant instead of being null.
func TestCustInventoryItemsFollowTheOfficialShape(t *testing.T) {
	h := inventoryHarness(t)
	pid := h.newProduct(`{"name":"Plain Mug","type":"physical","weight":1,"price":9.5,"inventory_tracking":"product"}`)
	h.send("POST", v3+"/inventory/locations", `[{"code":"WH-EAST","label":"East warehouse","type_id":"VIRTUAL"}]`, 200)
	items := h.sendInventory("GET", fmt.Sprintf("/items?product_id:in=%d", pid), "", 200)
	identity := field(t, items, "data", 0, "identity").(map[string]any)
	if v, ok := identity["sku_id"]; ok {
		t.Errorf("a base variant's identity carries sku_id %v; want the key left out", v)
	}
	tests := []struct{ query, want string }{
		{"", "[BC-LOCATION-1 WH-EAST]"},
		{"&location_code:in=WH-EAST", "[WH-EAST]"},
		{"&location_code:in=BC-LOCATION-1,WH-EAST&location_id:in=1", "[BC-LOCATION-1]"},
		{"&location_code:in=NOWHERE", "[]"},
	}
	for _, tt := range tests {
		body := h.sendInventory("GET", fmt.Sprintf("/items?product_id:in=%d%s", pid, tt.query), "", 200)
		var codes []string
		for _, l := range field(t, body, "data", 0, "locations").([]any) {
			codes = append(codes, l.(map[string]any)["location_code"].(string))
		}
		if got := fmt.Sprint(codes); got != tt.want {
			t.Errorf("items?%s: locations %s, want %s", tt.query, got, tt.want)
		}
	}
}

// TestCustPriceListDateFilters checks GET /v3/pricelists's date_created
// and date_modified filters (with :min and :max), as price_lists.v3 lists
// them.
func TestCustPriceListDateFilters(t *testing.T) {
	h := newStoreHarness(t)
	h.send("POST", v3+"/pricelists", `{"name":"Wholesale"}`, 200)
	h.advance(86400)
	h.send("POST", v3+"/pricelists", `{"name":"Retail"}`, 200)
	h.advance(86400)
	h.send("PUT", v3+"/pricelists/1", `{"active":false}`, 200)
	tests := []struct{ query, want string }{
		{"", "[1 2]"},
		{"?date_created:min=2025-01-02", "[2]"},
		{"?date_created:max=2025-01-01T12:00:00Z", "[1]"},
		{"?date_modified:min=2025-01-03", "[1]"},
		{"?date_modified:max=2025-01-02T12:00:00Z", "[2]"},
		{"?date_created=2025-01-02T00:00:00Z", "[2]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(idsOf(t, h.get(v3+"/pricelists"+tt.query, 200))); got != tt.want {
			t.Errorf("GET /pricelists%s = %s, want %s", tt.query, got, tt.want)
		}
	}
	h.get(v3+"/pricelists?date_modified:min=soon", 422)
}
