package mock_test

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"testing"
)

// namesProduct is a product body of POST /v3/catalog/products named name.
func namesProduct(name string) string {
	return `{"name":"` + name + `","type":"physical","weight":1,"price":5}`
}

// namesOf is every product name of the store, by GET /v3/catalog/products.
func (h *harness) namesOf() []string {
	h.t.Helper()
	var names []string
	for _, p := range h.getCatalog("/products?limit=250", http.StatusOK)["data"].([]any) {
		names = append(names, p.(map[string]any)["name"].(string))
	}
	return names
}

// TestNamesProductNamesAreUnique: BigCommerce's products file gives a
// duplicate name as a cause of its 409 on the create, the update and the
// batch update; the error is keyed by the field, and a name compares
// without regard to case. A product may keep its own name, and a name a
// product gives up (renamed or deleted) is free again.
func TestNamesProductNamesAreUnique(t *testing.T) {
	h := catalogHarness(t)
	mug := strconv.Itoa(h.newProduct(namesProduct("Mug")))
	cup := strconv.Itoa(h.newProduct(namesProduct("Cup")))
	tests := []struct {
		name, method, path, body string
		status                   int
		key                      string
	}{
		{"create, same name", "POST", "/products", namesProduct("Mug"), http.StatusConflict, "name"},
		{"create, other case", "POST", "/products", namesProduct("mUG"), http.StatusConflict, "name"},
		{"update to another's name", "PUT", "/products/" + cup, `{"name":"MUG"}`, http.StatusConflict, "name"},
		{"update keeping its own name", "PUT", "/products/" + mug, `{"name":"Mug","price":6}`, http.StatusOK, ""},
		{"update to its own name in another case", "PUT", "/products/" + mug, `{"name":"MUG"}`, http.StatusOK, ""},
		{"batch, another's name", "PUT", "/products", `[{"id":` + cup + `,"name":"mug"}]`, http.StatusConflict, "[0].name"},
		{"batch, one name twice", "PUT", "/products", `[{"id":` + mug + `,"name":"Bowl"},{"id":` + cup + `,"name":"bowl"}]`, http.StatusConflict, "[1].name"},
		{"batch, distinct names", "PUT", "/products", `[{"id":` + mug + `,"name":"Mug"},{"id":` + cup + `,"name":"Cup 2"}]`, http.StatusOK, ""},
		{"create, a name given up", "POST", "/products", namesProduct("Cup"), http.StatusOK, ""},
	}
	for _, tt := range tests {
		res := h.do(req{method: tt.method, path: catalogPath + tt.path, token: tokenA, body: tt.body})
		if res.status != tt.status {
			t.Errorf("%s: %s %s: status %d, want %d: %s", tt.name, tt.method, tt.path, res.status, tt.status, res.body)
			continue
		}
		if tt.key == "" {
			continue
		}
		if errs, _ := res.json(t)["errors"].(map[string]any); errs[tt.key] == nil {
			t.Errorf("%s: errors %v, want one keyed %q", tt.name, errs, tt.key)
		}
	}
	if got := fmt.Sprint(h.namesOf()); got != "[Mug Cup 2 Cup]" {
		t.Errorf("names = %s, want [Mug Cup 2 Cup] (a refused batch writes nothing)", got)
	}
	h.sendCatalog("DELETE", "/products/"+mug, "", http.StatusNoContent)
	h.newProduct(namesProduct("mug"))
}

// TestNamesInventedProductsNeverShareAName: the products events invent
// take their names from a pool smaller than this store, yet no two share
// a name, and a REST write of an invented one's name is refused.
func TestNamesInventedProductsNeverShareAName(t *testing.T) {
	h := catalogHarness(t)
	const n = 200 // more than the pool's 128 names
	for range n {
		h.raise("abc123", "store/product/created", "")
	}
	names := h.namesOf()
	if len(names) != n {
		t.Fatalf("%d products, want %d", len(names), n)
	}
	seen := map[string]bool{}
	for _, name := range names {
		if k := strings.ToLower(name); seen[k] {
			t.Errorf("two invented products are named %q", name)
		}
		seen[strings.ToLower(name)] = true
	}
	res := h.do(req{method: "POST", path: catalogPath + "/products", token: tokenA, body: namesProduct(strings.ToUpper(names[n-1]))})
	if res.status != http.StatusConflict {
		t.Errorf("POST named as an invented product: %d, want 409: %s", res.status, res.body)
	}
}

// TestNamesSeedRefusesSharedNames: a seed naming two products the same
// (case aside), or a product the store holds, is refused naming the entry
// and the product that holds the name, rather than making a store
// BigCommerce could not have; the entries before it stay seeded.
func TestNamesSeedRefusesSharedNames(t *testing.T) {
	tests := []struct {
		name, before, body string
		want               []string
	}{
		{"two entries", "", `{"products":[{"id":5,"name":"Mug","price":1},{"name":"MUG","price":2}]}`, []string{"products[1]", "product 5", `"MUG"`}},
		{"an entry and a product", "Cup", `{"products":[{"name":"cup","price":1}]}`, []string{"products[0]", "product 1", `"cup"`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := catalogHarness(t)
			if tt.before != "" {
				h.newProduct(namesProduct(tt.before))
			}
			res := h.do(req{method: "POST", path: "/__bcmock/stores/abc123/seed", body: tt.body})
			if res.status != http.StatusUnprocessableEntity {
				t.Fatalf("seed: %d, want 422: %s", res.status, res.body)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(res.body), strings.ReplaceAll(w, `"`, `\"`)) {
					t.Errorf("seed refusal %s does not name %s", res.body, w)
				}
			}
		})
	}
}

// namesLocation creates a VIRTUAL location with code and returns its id.
func (h *harness) namesLocation(code string) int {
	h.t.Helper()
	h.send("POST", v3+"/inventory/locations", `[{"code":"`+code+`","label":"`+code+`","type_id":"VIRTUAL"}]`, http.StatusOK)
	got := data(h.t, h.get(v3+"/inventory/locations?location_code:in="+code, http.StatusOK))
	if len(got) != 1 {
		h.t.Fatalf("location %s: %v", code, got)
	}
	return num(h.t, got[0], "id")
}

// TestNamesDeleteLocations: DELETE /v3/inventory/locations?location_id:in=
// (BigCommerce's locations file) deletes the locations with the stock held
// at them and their metafields, and answers a transaction id; it fires
// nothing (no location deleted scope). An unknown id is a 404, the
// default location (the shipping origin) a 422, and a refused delete
// deletes nothing.
func TestNamesDeleteLocations(t *testing.T) {
	h := inventoryHarness(t)
	a, b := h.namesLocation("WH-A"), h.namesLocation("WH-B")
	pid := h.newProduct(`{"name":"Jar","type":"physical","weight":1,"price":5,"inventory_tracking":"product","inventory_level":4}`)
	vid := num(t, h.getCatalog(fmt.Sprintf("/products/%d", pid), http.StatusOK), "data", "base_variant_id")
	h.send("PUT", v3+"/inventory/adjustments/absolute", fmt.Sprintf(`{"reason":"count","items":[{"location_id":%d,"variant_id":%d,"quantity":7}]}`, a, vid), http.StatusOK)
	h.send("POST", fmt.Sprintf("%s/inventory/locations/%d/metafields", v3, a), `{"key":"aisle","value":"3","namespace":"app","permission_set":"app_only"}`, http.StatusOK)

	refused := []struct {
		query  string
		status int
	}{
		{"", http.StatusUnprocessableEntity},
		{"?location_id:in=1", http.StatusUnprocessableEntity},
		{fmt.Sprintf("?location_id:in=%d,1", a), http.StatusUnprocessableEntity},
		{fmt.Sprintf("?location_id:in=%d,999", a), http.StatusNotFound},
	}
	for _, tt := range refused {
		res := h.do(req{method: "DELETE", path: v3 + "/inventory/locations" + tt.query, token: tokenA})
		if res.status != tt.status {
			t.Errorf("DELETE locations%s: %d, want %d: %s", tt.query, res.status, tt.status, res.body)
		}
	}
	if got := len(data(t, h.get(v3+"/inventory/locations", http.StatusOK))); got != 3 {
		t.Fatalf("after refused deletes: %d locations, want 3", got)
	}
	if s := h.stockAt(vid, a); num(t, s, "total_inventory_onhand") != 7 {
		t.Fatalf("after refused deletes: stock at %d = %v", a, s)
	}

	events := len(h.records("events", "?store=abc123"))
	body := h.send("DELETE", fmt.Sprintf("%s/inventory/locations?location_id:in=%d,%d", v3, a, b), "", http.StatusOK)
	if id, _ := body.(map[string]any)["transaction_id"].(string); len(id) != 36 {
		t.Errorf("delete answered %v, want a transaction_id", body)
	}
	if got := data(t, h.get(v3+"/inventory/locations", http.StatusOK)); len(got) != 1 || num(t, got[0], "id") != 1 {
		t.Errorf("after the delete: locations %v, want location 1 only", got)
	}
	items := h.sendInventory("GET", fmt.Sprintf("/items?variant_id:in=%d", vid), "", http.StatusOK)
	if locs := field(t, items, "data", 0, "locations").([]any); len(locs) != 1 || num(t, locs[0], "location_id") != 1 || num(t, locs[0], "total_inventory_onhand") != 4 {
		t.Errorf("after the delete: the variant's stock %v, want location 1's 4 only", locs)
	}
	h.get(fmt.Sprintf("%s/inventory/locations/%d/metafields", v3, a), http.StatusNotFound)
	if n := len(h.records("events", "?store=abc123")); n != events {
		t.Errorf("the delete raised %d events, want none", n-events)
	}
	h.send("DELETE", fmt.Sprintf("%s/inventory/locations?location_id:in=%d", v3, a), "", http.StatusNotFound)

	// An event naming the deleted location makes it again, without the
	// stock or metafields it had.
	h.raise("abc123", "store/inventory/location/updated", fmt.Sprintf(`{"location_id":%d}`, a))
	if got := data(t, h.get(fmt.Sprintf("%s/inventory/locations/%d/metafields", v3, a), http.StatusOK)); len(got) != 0 {
		t.Errorf("the location made again has metafields %v", got)
	}
	if s := h.stockAt(vid, a); num(t, s, "total_inventory_onhand") != 0 {
		t.Errorf("the location made again holds stock %v", s)
	}
}
