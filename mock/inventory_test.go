package mock_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/openapi"
)

// inventoryHarness validates the server's own responses and checks the
// catalog and inventory documents too.
func inventoryHarness(t *testing.T, opts ...mock.Option) *harness {
	t.Helper()
	h := catalogHarness(t, opts...)
	var docs []*openapi.Document
	for _, name := range []string{openapi.WebhooksV3, openapi.WebhooksV2, openapi.Control, openapi.CatalogV3, openapi.InventoryV3} {
		d, err := openapi.LoadEmbedded(name)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	h.validator = openapi.NewValidator(docs...)
	return h
}

// sendInventory calls an inventory path with tokenA and decodes the body.
func (h *harness) sendInventory(method, path, body string, want int) map[string]any {
	h.t.Helper()
	res := h.do(req{method: method, path: v3 + "/inventory" + path, token: tokenA, body: body})
	expect(h.t, res, want)
	return res.json(h.t)
}

// stockAt is variant vid's location loc entry of GET /v3/inventory/items.
func (h *harness) stockAt(vid, loc int) map[string]any {
	h.t.Helper()
	body := h.sendInventory("GET", fmt.Sprintf("/items?variant_id:in=%d&location_id:in=%d", vid, loc), "", 200)
	if dataLen(h.t, body) != 1 || num(h.t, body, "data", 0, "identity", "variant_id") != vid || num(h.t, body, "data", 0, "locations", 0, "location_id") != loc {
		h.t.Fatalf("items of variant %d at %d = %v", vid, loc, body)
	}
	return field(h.t, body, "data", 0, "locations", 0).(map[string]any)
}

const (
	stockChanged = "store/channel/*/inventory/product/stock_changed"
	lowStock     = "store/channel/*/inventory/product/low_stock_reached"
	outOfStock   = "store/channel/*/inventory/product/out_of_stock_reached"
	settings     = "store/channel/*/inventory/product/settings_changed"
)

// TestInventoryScopesFollowUpReads raises each location inventory scope
// (and the location ones) and makes the follow-up reads of §1: the item
// is readable at the event's location, as the event implies.
func TestInventoryScopesFollowUpReads(t *testing.T) {
	tests := []struct {
		scope, data string
		check       func(t *testing.T, h *harness, d map[string]any)
	}{
		{stockChanged, `{"variant_id":7101,"product_id":701,"location_id":3}`, func(t *testing.T, h *harness, _ map[string]any) {
			h.stockAt(7101, 3)
			loc := h.sendInventory("GET", "/locations/3/items?variant_id:in=7101", "", 200)
			if dataLen(t, loc) != 1 || num(t, loc, "data", 0, "identity", "product_id") != 701 {
				t.Errorf("location items = %v", loc)
			}
		}},
		{outOfStock, `{"variant_id":7102,"product_id":702,"location_id":1}`, func(t *testing.T, h *harness, _ map[string]any) {
			if s := h.stockAt(7102, 1); num(t, s, "total_inventory_onhand") != 0 || num(t, s, "available_to_sell") != 0 {
				t.Errorf("stock after out_of_stock_reached = %v", s)
			}
			if v := h.getCatalog("/products/702/variants/7102", 200); num(t, v, "data", "inventory_level") != 0 {
				t.Errorf("catalog level = %v", v)
			}
		}},
		{lowStock, `{"variant_id":7103,"product_id":703,"location_id":4}`, func(t *testing.T, h *harness, _ map[string]any) {
			s := h.stockAt(7103, 4)
			if num(t, s, "total_inventory_onhand") > num(t, s, "settings", "warning_level") {
				t.Errorf("stock after low_stock_reached = %v", s)
			}
		}},
		{settings, `{"variant_id":7104,"product_id":704,"location_id":1}`, func(t *testing.T, h *harness, _ map[string]any) {
			h.stockAt(7104, 1)
		}},
		{stockChanged, "", func(t *testing.T, h *harness, d map[string]any) {
			s := h.stockAt(num(t, d, "variant_id"), num(t, d, "location_id"))
			if num(t, d, "location_id") != 1 || s == nil {
				t.Errorf("a bare raise names %v", d)
			}
		}},
		{"store/inventory/location/created", `{"location_id":9}`, func(t *testing.T, h *harness, _ map[string]any) {
			h.sendInventory("GET", "/locations/9/items", "", 200)
		}},
		{"store/inventory/location/updated", `{"location_id":10}`, func(t *testing.T, h *harness, _ map[string]any) {
			h.sendInventory("GET", "/locations/10/items", "", 200)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.scope, func(t *testing.T) {
			h := inventoryHarness(t)
			// A product of the store, so that a bare raise has one to name.
			h.newProduct(`{"name":"Lamp","type":"physical","weight":2,"price":30,"inventory_tracking":"product","inventory_level":10}`)
			d := h.raisedData(tt.scope, tt.data)
			tt.check(t, h, d)
		})
	}
	h := inventoryHarness(t)
	h.sendInventory("GET", "/locations/5/items", "", http.StatusNotFound)
}

// adjust writes an adjustment and returns what it fired.
func (h *harness) adjust(method, kind, items string, want int) []firedEvent {
	h.t.Helper()
	_, seen := h.since(0)
	res := h.do(req{method: method, path: v3 + "/inventory/adjustments/" + kind, token: tokenA, body: `{"reason":"count","items":[` + items + `]}`})
	expect(h.t, res, want)
	got, _ := h.since(seen)
	return got
}

// TestInventoryAdjustmentsFireTheirWebhooks makes each inventory write,
// checks what it fires in order and the state after it, then that a
// receiver got them all, signed, in that order.
func TestInventoryAdjustmentsFireTheirWebhooks(t *testing.T) {
	h := inventoryHarness(t)
	lamp := h.newProduct(`{"name":"Lamp","type":"physical","weight":2,"price":30,"inventory_tracking":"product","inventory_level":10,"inventory_warning_level":3}`)
	body := h.sendCatalog("POST", "/products", `{"name":"Shirt","type":"physical","weight":1,"price":20,"inventory_tracking":"variant",
		"variants":[{"sku":"S-1","option_values":[{"option_display_name":"Size","label":"S"}],"inventory_level":4},{"sku":"S-2","option_values":[{"option_display_name":"Size","label":"M"}],"inventory_level":8}]}`, 200)
	shirt, v1, v2 := num(t, body, "data", "id"), num(t, body, "data", "variants", 0, "id"), num(t, body, "data", "variants", 1, "id")
	untracked := h.newProduct(`{"name":"Poster","type":"physical","weight":1,"price":5,"inventory_tracking":"none"}`)
	h.raise("abc123", "store/inventory/location/created", `{"location_id":2}`)
	// Subscribed after the set-up, so that the receiver gets only the
	// inventory writes' events.
	rc := newReceiver(t)
	for _, sc := range []string{stockChanged, lowStock, outOfStock, settings, "store/product/*", "store/sku/*"} {
		h.create(tokenA, "abc123", sc, rc.URL+"/hooks")
	}
	_, seen := h.since(0)

	var want []string
	steps := []struct {
		name, method, kind, items string
		status                    int
		fires                     string
		check                     func()
	}{
		{"absolute by product id, under the warning level", "PUT", "absolute", fmt.Sprintf(`{"location_id":1,"product_id":%d,"quantity":2}`, lamp), 200,
			stockChanged + " " + lowStock + " store/product/inventory/updated", func() {
				if got := num(t, h.getCatalog(fmt.Sprintf("/products/%d", lamp), 200), "data", "inventory_level"); got != 2 {
					t.Errorf("catalog level = %d, want 2", got)
				}
			}},
		{"relative by variant id, to 0", "POST", "relative", fmt.Sprintf(`{"location_id":1,"variant_id":%d,"quantity":-4}`, v1), 200,
			stockChanged + " " + outOfStock + " store/sku/inventory/updated", func() {
				if got := num(t, h.getCatalog(fmt.Sprintf("/products/%d", shirt), 200), "data", "inventory_level"); got != 8 {
					t.Errorf("product level (the sum of its variants) = %d, want 8", got)
				}
			}},
		{"relative by SKU", "POST", "relative", `{"location_id":1,"sku":"S-2","quantity":2}`, 200, stockChanged + " store/sku/inventory/updated", func() {
			if s := h.stockAt(v2, 1); num(t, s, "total_inventory_onhand") != 10 {
				t.Errorf("stock = %v", s)
			}
		}},
		{"another location: no catalog event", "PUT", "absolute", fmt.Sprintf(`{"location_id":2,"variant_id":%d,"quantity":6}`, v1), 200, stockChanged, func() {
			if s := h.stockAt(v1, 2); num(t, s, "total_inventory_onhand") != 6 {
				t.Errorf("stock at 2 = %v", s)
			}
			if s := h.stockAt(v1, 1); num(t, s, "total_inventory_onhand") != 0 {
				t.Errorf("stock at 1 moved: %v", s)
			}
		}},
		{"the same level again fires nothing", "PUT", "absolute", fmt.Sprintf(`{"location_id":1,"product_id":%d,"quantity":2}`, lamp), 200, "", nil},
		{"an unknown location", "PUT", "absolute", fmt.Sprintf(`{"location_id":99,"product_id":%d,"quantity":1}`, lamp), 422, "", nil},
		{"product id of a variant-tracked product", "PUT", "absolute", fmt.Sprintf(`{"location_id":1,"product_id":%d,"quantity":1}`, shirt), 422, "", nil},
		{"an untracked product", "PUT", "absolute", fmt.Sprintf(`{"location_id":1,"product_id":%d,"quantity":1}`, untracked), 422, "", nil},
		{"below 0 fails the whole adjustment", "POST", "relative",
			fmt.Sprintf(`{"location_id":1,"variant_id":%d,"quantity":1},{"location_id":1,"product_id":%d,"quantity":-3}`, v2, lamp), 422, "", func() {
				if s := h.stockAt(v2, 1); num(t, s, "total_inventory_onhand") != 10 {
					t.Errorf("the first item was written: %v", s)
				}
			}},
		{"a missing quantity is the schema's 422", "POST", "relative", `{"location_id":1,"sku":"S-2"}`, 422, "", nil},
	}
	for _, s := range steps {
		got := h.adjust(s.method, s.kind, s.items, s.status)
		if scopes(got) != s.fires {
			t.Errorf("%s: fired %q, want %q", s.name, scopes(got), s.fires)
		}
		for _, e := range got {
			if strings.HasPrefix(e.scope, "store/channel/") && (e.data["variant_id"] == nil || e.data["product_id"] == nil || e.data["location_id"] == nil) {
				t.Errorf("%s: %s data %v", s.name, e.scope, e.data)
			}
		}
		if s.fires != "" {
			want = append(want, strings.Fields(s.fires)...)
		}
		if s.check != nil {
			s.check()
		}
	}

	// Settings: safety stock comes off what is available; the warning
	// level at location 1 is the catalog's.
	path := "/locations/1/items"
	h.sendInventory("PUT", path, fmt.Sprintf(`{"settings":[{"identity":{"variant_id":%d},"safety_stock":3,"warning_level":7,"bin_picking_number":"A-1"}]}`, v2), 200)
	h.sendInventory("PUT", path, fmt.Sprintf(`{"settings":[{"identity":{"variant_id":%d},"safety_stock":3}]}`, v2), 200) // unchanged: nothing
	want = append(want, settings)
	loc := h.sendInventory("GET", fmt.Sprintf("%s?sku:in=S-2", path), "", 200)
	if num(t, loc, "data", 0, "available_to_sell") != 7 || num(t, loc, "data", 0, "total_inventory_onhand") != 10 ||
		field(t, loc, "data", 0, "settings", "bin_picking_number") != "A-1" {
		t.Errorf("location items = %v", loc)
	}
	if got := num(t, h.getCatalog(fmt.Sprintf("/products/%d/variants/%d", shirt, v2), 200), "data", "inventory_warning_level"); got != 7 {
		t.Errorf("catalog warning level = %d, want 7", got)
	}
	h.sendInventory("PUT", "/locations/99/items", `{"settings":[{"identity":{"sku":"S-2"},"safety_stock":1}]}`, 404)
	got, _ := h.since(seen)
	if strings.Join(strings.Fields(scopes(got)), " ") != strings.Join(want, " ") {
		t.Errorf("fired %q\nwant  %q", scopes(got), strings.Join(want, " "))
	}
	delivered, _ := callbacks(t, h, rc, len(want))
	if strings.Join(delivered, " ") != strings.Join(want, " ") {
		t.Errorf("delivered %v\nwant      %v", delivered, want)
	}
}

// TestInventoryRules checks §2.16 with the locations: location 1's level
// is the catalog's inventory_level, one number whichever API moves it;
// an adjustment's inventory/updated value reads per the setting (delta:
// level after = before + value).
func TestInventoryRules(t *testing.T) {
	for _, tt := range []struct {
		setting mock.InventoryValue
		want    int // the value an adjustment from 10 to 4 fires
	}{{mock.InventoryDelta, -6}, {mock.InventoryLevel, 4}} {
		t.Run(string(tt.setting), func(t *testing.T) {
			h := inventoryHarness(t, mock.WithInventoryValue(tt.setting))
			id := h.newProduct(`{"name":"Lamp","type":"physical","weight":2,"price":30,"inventory_tracking":"product","inventory_level":10}`)
			base := num(t, h.getCatalog(fmt.Sprintf("/products/%d?include=variants", id), 200), "data", "variants", 0, "id")
			got := h.adjust("PUT", "absolute", fmt.Sprintf(`{"location_id":1,"product_id":%d,"quantity":4}`, id), 200)
			if len(got) != 2 || got[1].scope != "store/product/inventory/updated" || num(t, got[1].data, "inventory", "value") != tt.want {
				t.Fatalf("fired %v", got)
			}
			if tt.setting == mock.InventoryDelta && 10+num(t, got[1].data, "inventory", "value") != 4 {
				t.Errorf("level after != before + value")
			}
			for _, step := range []func(){
				func() {}, // after the adjustment
				func() { h.sendCatalog("PUT", fmt.Sprintf("/products/%d", id), `{"inventory_level":21}`, 200) },
				func() {
					h.raise("abc123", "store/product/inventory/updated", fmt.Sprintf(`{"id":%d,"inventory":{"value":3}}`, id))
				},
			} {
				step()
				catalog := num(t, h.getCatalog(fmt.Sprintf("/products/%d", id), 200), "data", "inventory_level")
				if s := h.stockAt(base, 1); num(t, s, "total_inventory_onhand") != catalog {
					t.Errorf("location 1 = %v, catalog inventory_level %d", s, catalog)
				}
			}
		})
	}
}

// BenchmarkInventoryItemsGet is GET /v3/inventory/items?variant_id:in= of
// one variant of a 5-variant product, beside BenchmarkGet (one hook).
func BenchmarkInventoryItemsGet(b *testing.B) {
	srv := benchServer(b)
	serve(b, srv, "POST", "/stores/abc/v3/catalog/products", `{"name":"Mug","type":"physical","weight":1,"price":9.5,"inventory_tracking":"variant",
		"variants":[{"sku":"M-1","option_values":[{"option_display_name":"Size","label":"XS"}],"inventory_level":5},
		{"sku":"M-2","option_values":[{"option_display_name":"Size","label":"S"}]},
		{"sku":"M-3","option_values":[{"option_display_name":"Size","label":"M"}]},
		{"sku":"M-4","option_values":[{"option_display_name":"Size","label":"L"}]},
		{"sku":"M-5","option_values":[{"option_display_name":"Size","label":"XL"}]}]}`, 200)
	loop(b, srv, "GET", "/stores/abc/v3/inventory/items?variant_id:in=1", "", 200)
}
