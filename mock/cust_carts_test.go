package mock_test

import (
	"fmt"
	"net/http"
	"testing"
)

// TestCustCartVersionGuardsWrites checks the carts API's optimistic
// concurrency (carts.v3 Cart_Full.version and the version field of every
// cart write): a cart is made at version 1, each change adds one, a write
// naming another version is refused with 409 and changes nothing, and one
// naming none is not checked. PUT /carts/{id} answers 201, as carts.v3
// declares.
func TestCustCartVersionGuardsWrites(t *testing.T) {
	h := newStoreHarness(t)
	cart := h.send("POST", v3+"/carts", `{"line_items":[{"product_id":77,"quantity":1},{"product_id":78,"quantity":1}]}`, http.StatusCreated)
	id := field(t, cart, "data", "id").(string)
	item := field(t, cart, "data", "line_items", "physical_items", 0, "id").(string)
	version := func(v any) int { t.Helper(); return num(t, v, "data", "version") }
	if got := version(cart); got != 1 {
		t.Fatalf("a new cart is at version %d, want 1", got)
	}
	steps := []struct {
		name, method, path, body string
		status, version          int // version after; 0 when refused
	}{
		{"customer, current version", "PUT", "/carts/" + id, `{"customer_id":5,"version":1}`, http.StatusCreated, 2},
		{"customer, stale version", "PUT", "/carts/" + id, `{"customer_id":6,"version":1}`, http.StatusConflict, 0},
		{"customer, no version", "PUT", "/carts/" + id, `{"customer_id":7}`, http.StatusCreated, 3},
		{"add, stale", "POST", "/carts/" + id + "/items", `{"line_items":[{"product_id":79,"quantity":1}],"version":2}`, http.StatusConflict, 0},
		{"add, current", "POST", "/carts/" + id + "/items", `{"line_items":[{"product_id":79,"quantity":1}],"version":3}`, http.StatusCreated, 4},
		{"quantity, stale", "PUT", "/carts/" + id + "/items/" + item, `{"line_item":{"quantity":3},"version":9}`, http.StatusConflict, 0},
		{"quantity, current", "PUT", "/carts/" + id + "/items/" + item, `{"line_item":{"quantity":3},"version":4}`, http.StatusOK, 5},
		{"remove, stale", "DELETE", "/carts/" + id + "/items/" + item, `{"version":4}`, http.StatusConflict, 0},
		{"remove, current", "DELETE", "/carts/" + id + "/items/" + item, `{"version":5}`, http.StatusOK, 6},
		{"remove, no body", "DELETE", "/carts/" + id + "/items/" + field(t, cart, "data", "line_items", "physical_items", 1, "id").(string), "", http.StatusOK, 7},
	}
	for _, s := range steps {
		got := h.send(s.method, v3+s.path, s.body, s.status)
		if s.version != 0 && version(got) != s.version {
			t.Errorf("%s: version %d, want %d", s.name, version(got), s.version)
		}
		if s.status == http.StatusConflict {
			if title := field(t, got, "title"); title != "The request cannot be processed due to a possible conflict. Please review the changes and try again." {
				t.Errorf("%s: 409 title %v", s.name, title)
			}
		}
	}
	now := h.get(v3+"/carts/"+id, 200)
	if version(now) != 7 || num(t, now, "data", "customer_id") != 7 || len(field(t, now, "data", "line_items", "physical_items").([]any)) != 1 {
		t.Errorf("the cart after the writes: %v", fmt.Sprint(field(t, now, "data")))
	}
}
