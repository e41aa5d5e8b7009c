package mock_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/mock"
)

// fired is what one write fired: the scopes and data of the events the
// control API recorded since the last call, in order.
type firedEvent struct {
	scope string
	data  map[string]any
}

// since returns the events recorded after the first n, and the new count.
func (h *harness) since(n int) ([]firedEvent, int) {
	h.t.Helper()
	all := h.records("events", "")
	var out []firedEvent
	for _, e := range all[min(n, len(all)):] {
		var body map[string]any
		if err := json.Unmarshal([]byte(e["body"].(string)), &body); err != nil {
			h.t.Fatal(err)
		}
		out = append(out, firedEvent{e["scope"].(string), body["data"].(map[string]any)})
	}
	return out, len(all)
}

func scopes(events []firedEvent) string {
	var s []string
	for _, e := range events {
		s = append(s, e.scope)
	}
	return strings.Join(s, " ")
}

// TestCatalogWritesFireTheirWebhooks makes each catalog write and checks
// the events it fires, in BigCommerce's order (reference §5), then that a
// receiver got them all, signed.
func TestCatalogWritesFireTheirWebhooks(t *testing.T) {
	h := catalogHarness(t)
	rc := newReceiver(t)
	for _, sc := range []string{"store/product/*", "store/sku/*", "store/category/*", "store/channel/1/category/*"} {
		h.create(tokenA, "abc123", sc, rc.URL)
	}
	var product, variant, category, sub int
	steps := []struct {
		name  string
		write func() string
		want  string
	}{
		{"create a product with two variants", func() string {
			body := h.sendCatalog("POST", "/products", `{"name":"Mug","type":"physical","weight":1,"price":9.5,"inventory_tracking":"variant",
				"variants":[{"sku":"MUG-R","option_values":[{"option_display_name":"Color","label":"Red"}],"inventory_level":4},
				            {"sku":"MUG-B","option_values":[{"option_display_name":"Color","label":"Blue"}]}]}`, 200)
			product = num(t, body, "data", "id")
			variant = num(t, body, "data", "variants", 0, "id")
			return ""
		}, "store/product/created store/sku/created store/sku/created"},
		{"a field BigCommerce does not list (mpn, map_price)", func() string {
			h.sendCatalog("PUT", fmt.Sprintf("/products/%d", product), `{"mpn":"M-1","map_price":12}`, 200)
			return ""
		}, ""},
		{"a listed field (name)", func() string {
			h.sendCatalog("PUT", fmt.Sprintf("/products/%d", product), `{"name":"Big mug"}`, 200)
			return ""
		}, "store/product/updated"},
		{"the same value again changes nothing", func() string {
			h.sendCatalog("PUT", fmt.Sprintf("/products/%d", product), `{"name":"Big mug"}`, 200)
			return ""
		}, ""},
		{"a variant-tracked level", func() string {
			h.sendCatalog("PUT", fmt.Sprintf("/products/%d/variants/%d", product, variant), `{"inventory_level":10}`, 200)
			return ""
		}, "store/sku/updated store/sku/inventory/updated"},
		{"the batch variants write", func() string {
			h.sendCatalog("PUT", "/variants", fmt.Sprintf(`[{"id":%d,"price":11}]`, variant), 200)
			return ""
		}, "store/sku/updated"},
		{"delete a variant", func() string {
			h.sendCatalog("DELETE", fmt.Sprintf("/products/%d/variants/%d", product, variant), "", 204)
			return ""
		}, "store/sku/deleted"},
		{"create a category", func() string {
			category = num(t, h.sendCatalog("POST", "/categories", `{"name":"Mugs","parent_id":0}`, 200), "data", "id")
			return ""
		}, "store/category/created store/channel/1/category/created"},
		{"create a subcategory through the trees API", func() string {
			body := h.sendCatalog("POST", "/trees/categories", fmt.Sprintf(`[{"name":"Tall mugs","url":{"path":"/tall-mugs/","is_customized":true},"tree_id":1,"parent_id":%d}]`, category), 201)
			sub = num(t, body, "data", 0, "category_id")
			return ""
		}, "store/category/created store/channel/1/category/created"},
		{"rename it through the trees API", func() string {
			body := h.sendCatalog("PUT", "/trees/categories", fmt.Sprintf(`[{"category_id":%d,"name":"Taller mugs","url":{"path":"/taller/","is_customized":true}}]`, sub), 200)
			if field(t, body, "data", 0, "url", "path") != "/taller/" {
				t.Errorf("renamed = %v", body)
			}
			nodes := h.getCatalog("/trees/1/categories", 200)
			if num(t, nodes, "data", 0, "children", 0, "id") != sub || num(t, nodes, "data", 0, "children", 0, "depth") != 2 {
				t.Errorf("tree = %v", nodes)
			}
			return ""
		}, "store/category/updated store/channel/1/category/updated"},
		{"file the product under it", func() string {
			h.sendCatalog("PUT", fmt.Sprintf("/products/%d", product), fmt.Sprintf(`{"categories":[%d]}`, category), 200)
			return ""
		}, "store/product/updated"},
		{"delete the category and its subcategory", func() string {
			h.sendCatalog("DELETE", fmt.Sprintf("/categories/%d", category), "", 204)
			return ""
		}, "store/category/deleted store/channel/1/category/deleted store/category/deleted store/channel/1/category/deleted"},
		{"create and delete a category through the trees API", func() string {
			id := num(t, h.sendCatalog("POST", "/trees/categories", `[{"name":"Plates","url":{"path":"/plates/","is_customized":false},"tree_id":1}]`, 201), "data", 0, "category_id")
			h.sendCatalog("DELETE", fmt.Sprintf("/trees/categories?category_id:in=%d", id), "", 204)
			return ""
		}, "store/category/created store/channel/1/category/created store/category/deleted store/channel/1/category/deleted"},
		{"brands fire nothing", func() string {
			b := num(t, h.sendCatalog("POST", "/brands", `{"name":"Acme"}`, 200), "data", "id")
			h.sendCatalog("PUT", fmt.Sprintf("/brands/%d", b), `{"page_title":"Acme mugs"}`, 200)
			if list := h.getCatalog("/brands?name=Acme", 200); dataLen(t, list) != 1 || field(t, list, "data", 0, "page_title") != "Acme mugs" {
				t.Errorf("brands = %v", list)
			}
			h.sendCatalog("DELETE", fmt.Sprintf("/brands/%d", b), "", 204)
			return ""
		}, ""},
		{"delete the product", func() string {
			h.sendCatalog("DELETE", fmt.Sprintf("/products/%d", product), "", 204)
			return ""
		}, "store/product/deleted"},
	}
	seen, total := 0, 0
	for _, s := range steps {
		s.write()
		var got []firedEvent
		got, seen = h.since(seen)
		if scopes(got) != s.want {
			t.Errorf("%s: fired %q, want %q", s.name, scopes(got), s.want)
		}
		total += len(got)
	}
	h.getCatalog(fmt.Sprintf("/products/%d", product), 404)
	h.advance(0)
	calls := waitForCalls(t, rc, total)
	wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(h.secret(tokenA))))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		checkPayload(t, c.body)
		if err := wh.VerifyIgnoringTimestamp(c.body, c.header); err != nil {
			t.Errorf("callback signature: %v\n%s", err, c.body)
		}
	}
}

// TestCatalogInventoryRules checks the §2.16 inventory rules under both
// readings of the value (the setting of item 4): a product-tracked level
// moves by the event's value (delta) or to it (level), raised or written;
// sku/inventory fires only for variant tracking, and then only the
// variant's level moves.
func TestCatalogInventoryRules(t *testing.T) {
	for _, tt := range []struct {
		setting   mock.InventoryValue
		raise     int // the raised event's value
		wantLevel int // the level after it, from 10
		wantWrite int // the value a PUT from 15 to 12 fires
	}{
		{mock.InventoryDelta, -3, 7, -3},
		{mock.InventoryLevel, 42, 42, 12},
	} {
		t.Run(string(tt.setting), func(t *testing.T) {
			h := catalogHarness(t, mock.WithInventoryValue(tt.setting))
			id := h.newProduct(`{"name":"Lamp","type":"physical","weight":2,"price":30,"inventory_tracking":"product","inventory_level":10}`)
			h.raise("abc123", "store/product/inventory/updated", fmt.Sprintf(`{"id":%d,"inventory":{"method":"absolute","value":%d}}`, id, tt.raise))
			if got := num(t, h.getCatalog(fmt.Sprintf("/products/%d?include_fields=inventory_level", id), 200), "data", "inventory_level"); got != tt.wantLevel {
				t.Errorf("level after the event = %d, want %d", got, tt.wantLevel)
			}
			h.sendCatalog("PUT", fmt.Sprintf("/products/%d", id), `{"inventory_level":15}`, 200)
			_, seen := h.since(0)
			h.sendCatalog("PUT", fmt.Sprintf("/products/%d", id), `{"inventory_level":12}`, 200)
			got, _ := h.since(seen)
			if scopes(got) != "store/product/updated store/product/inventory/updated" {
				t.Fatalf("fired %s", scopes(got))
			}
			if v := num(t, got[1].data, "inventory", "value"); v != tt.wantWrite || field(t, got[1].data, "inventory", "method") != "absolute" {
				t.Errorf("inventory data = %v, want value %d, method absolute", got[1].data, tt.wantWrite)
			}
			// A raised event with no value gets one the state makes true.
			raised := h.raise("abc123", "store/product/inventory/order/updated", fmt.Sprintf(`{"id":%d}`, id))
			value := num(t, raised["payload"], "data", "inventory", "value")
			after := num(t, h.getCatalog(fmt.Sprintf("/products/%d", id), 200), "data", "inventory_level")
			if want := map[mock.InventoryValue]int{mock.InventoryDelta: 12 + value, mock.InventoryLevel: value}[tt.setting]; after != want || after > 12 {
				t.Errorf("after an order: level %d with value %d, want %d (no more than 12)", after, value, want)
			}
		})
	}
}

func TestCatalogSKUInventoryOnlyForVariantTracking(t *testing.T) {
	for _, tt := range []struct {
		tracking, want string
	}{
		{"variant", "store/sku/updated store/sku/inventory/updated"},
		{"product", "store/sku/updated"},
		{"none", "store/sku/updated"},
	} {
		t.Run(tt.tracking, func(t *testing.T) {
			h := catalogHarness(t)
			body := h.sendCatalog("POST", "/products", `{"name":"Shirt","type":"physical","weight":1,"price":20,"inventory_tracking":"`+tt.tracking+`","inventory_level":0,
				"variants":[{"sku":"S-1","option_values":[{"option_display_name":"Size","label":"S"}],"inventory_level":3},{"sku":"S-2","option_values":[{"option_display_name":"Size","label":"M"}],"inventory_level":4}]}`, 200)
			pid, vid := num(t, body, "data", "id"), num(t, body, "data", "variants", 0, "id")
			before := num(t, h.getCatalog(fmt.Sprintf("/products/%d", pid), 200), "data", "inventory_level")
			_, seen := h.since(0)
			h.sendCatalog("PUT", fmt.Sprintf("/products/%d/variants/%d", pid, vid), `{"inventory_level":9}`, 200)
			got, _ := h.since(seen)
			if scopes(got) != tt.want {
				t.Errorf("fired %q, want %q", scopes(got), tt.want)
			}
			for _, e := range got {
				// §2.16: data.id is the variant's sku_id, data.*.variant_id its id.
				inner := "sku"
				if strings.Contains(e.scope, "inventory") {
					inner = "inventory"
				}
				variant := h.getCatalog(fmt.Sprintf("/products/%d/variants/%d", pid, vid), 200)
				if num(t, e.data, "id") != num(t, variant, "data", "sku_id") || num(t, e.data, inner, "variant_id") != vid || num(t, e.data, inner, "product_id") != pid {
					t.Errorf("%s data = %v, variant %v", e.scope, e.data, variant["data"])
				}
			}
			after := num(t, h.getCatalog(fmt.Sprintf("/products/%d", pid), 200), "data", "inventory_level")
			if tt.tracking == "variant" && after != 9+4 || tt.tracking != "variant" && after != before {
				t.Errorf("product level %d → %d", before, after)
			}
		})
	}
}

// TestProductUpdatedFiresOnlyForListedFields is §2.16's product/updated
// rule, field by field.
func TestProductUpdatedFiresOnlyForListedFields(t *testing.T) {
	h := catalogHarness(t)
	id := h.newProduct(`{"name":"Chair","type":"physical","weight":5,"price":50}`)
	for _, tt := range []struct {
		body  string
		fires bool
	}{
		{`{"name":"Armchair"}`, true},
		{`{"price":55}`, true},
		{`{"sale_price":45}`, true},
		{`{"description":"<p>Soft</p>"}`, true},
		{`{"is_visible":false}`, true},
		{`{"sku":"CH-1"}`, true},
		{`{"weight":6}`, true},
		{`{"custom_url":{"url":"/armchair/","is_customized":true}}`, true},
		{`{"inventory_warning_level":3}`, true},
		{`{"mpn":"MPN-1"}`, false},
		{`{"gtin":"0001"}`, false},
		{`{"map_price":60}`, false},
		{`{"price":55}`, false}, // unchanged
	} {
		_, seen := h.since(0)
		h.sendCatalog("PUT", fmt.Sprintf("/products/%d", id), tt.body, 200)
		got, _ := h.since(seen)
		if fired := slices.ContainsFunc(got, func(e firedEvent) bool { return e.scope == "store/product/updated" }); fired != tt.fires {
			t.Errorf("PUT %s: product/updated fired = %v, want %v", tt.body, fired, tt.fires)
		}
	}
}

func TestCatalogReadsAndErrors(t *testing.T) {
	h := catalogHarness(t)
	for i := range 3 {
		h.newProduct(fmt.Sprintf(`{"name":"Item %d","type":"physical","weight":1,"price":%d,"is_visible":%v}`, i, 10+i, i != 1))
	}
	for _, tt := range []struct {
		path   string
		status int
		count  int
	}{
		{"/products", 200, 3},
		{"/products?id:in=1,3", 200, 2},
		{"/products?is_visible=false", 200, 1},
		{"/products?name=Item%202", 200, 1},
		{"/products?sku=SKU-2", 200, 1},
		{"/products?limit=2&page=2", 200, 1},
		{"/products?limit=251", 422, -1},
		{"/products?limit=0", 422, -1},
		{"/products/99", 404, -1},
		{"/products/1/variants", 200, 1},
		{"/variants?product_id:in=2", 200, 1},
		{"/categories/5", 404, -1},
		{"/trees/categories?category_id:in=5", 200, 0},
		{"/trees/9/categories", 404, -1},
		{"/brands/1", 404, -1},
	} {
		res := h.do(req{method: "GET", path: catalogPath + tt.path, token: tokenA})
		if res.status != tt.status {
			t.Errorf("GET %s = %d, want %d: %s", tt.path, res.status, tt.status, res.body)
			continue
		}
		if tt.count >= 0 && dataLen(t, res.json(t)) != tt.count {
			t.Errorf("GET %s: %d items, want %d", tt.path, dataLen(t, res.json(t)), tt.count)
		}
	}
	page := h.getCatalog("/products?limit=2", 200)
	if field(t, page, "meta", "pagination", "links", "next") != "?limit=2&page=2" || num(t, page, "meta", "pagination", "total") != 3 {
		t.Errorf("pagination = %v", field(t, page, "meta", "pagination"))
	}
	only := h.getCatalog("/products/1?include_fields=name,price", 200)["data"].(map[string]any)
	if len(only) != 5 || only["name"] != "Item 0" || only["price"] != 10.0 { // id, name, price and the gift-wrapping pair
		t.Errorf("include_fields=name,price gave %v", only)
	}
	without := h.getCatalog("/products/1?exclude_fields=description&include=variants", 200)["data"].(map[string]any)
	if _, ok := without["description"]; ok || without["variants"] == nil {
		t.Errorf("exclude_fields=description&include=variants gave keys %v", keys(without))
	}
	base := h.getCatalog("/products/1?include=variants", 200)
	if field(t, base, "data", "variants", 0, "sku_id") != nil || num(t, base, "data", "base_variant_id") != num(t, base, "data", "variants", 0, "id") {
		t.Errorf("a product without options: base variant %v", field(t, base, "data", "variants"))
	}
	for _, tt := range []struct {
		method, path, body string
		want               int
	}{
		{"POST", "/products", `{"name":"No price","type":"physical","weight":1}`, 422},
		{"POST", "/products", `{"name":"Bad","type":"gadget","weight":1,"price":1}`, 422},
		{"PUT", "/products/1", `{"categories":[404]}`, 409}, // a missing category is a conflict (products_catalog.v3.yml)
		{"PUT", "/products/1", `{"price":-1}`, 422},
		{"POST", "/products/1/variants", `{"sku":"X"}`, 422},
		{"DELETE", "/products/1/variants/1", "", 422},
		{"POST", "/categories", `{"name":"Orphan","parent_id":77}`, 422},
		{"POST", "/brands", `{"page_title":"no name"}`, 422},
		{"POST", "/products", `{"name":"Dup","type":"physical","weight":1,"price":1,"sku":"SKU-1"}`, 409}, // a SKU taken too
		{"PUT", "/products/2", `{"sku":"SKU-1"}`, 409},
	} {
		res := h.do(req{method: tt.method, path: catalogPath + tt.path, token: tokenA, body: tt.body})
		if res.status != tt.want {
			t.Errorf("%s %s %s = %d, want %d: %s", tt.method, tt.path, tt.body, res.status, tt.want, res.body)
		}
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// TestInvalidInventoryValueIsRefused: the option is checked once, in New.
func TestInvalidInventoryValueIsRefused(t *testing.T) {
	if _, err := mock.New(mock.WithInventoryValue("sum")); err == nil || !strings.Contains(err.Error(), "delta or level") {
		t.Errorf("New with inventory value sum: %v", err)
	}
}

// TestBareCatalogRaisesNameWhatTheStoreHolds: an event raised with no
// data names the store's own product, SKU or category, so its follow-up
// read answers.
func TestBareCatalogRaisesNameWhatTheStoreHolds(t *testing.T) {
	h := catalogHarness(t)
	body := h.sendCatalog("POST", "/products", `{"name":"Kettle","type":"physical","weight":1,"price":25,"inventory_tracking":"variant",
		"variants":[{"sku":"K-1","option_values":[{"option_display_name":"Color","label":"Steel"}]}]}`, 200)
	pid, vid, sku := num(t, body, "data", "id"), num(t, body, "data", "variants", 0, "id"), num(t, body, "data", "variants", 0, "sku_id")
	cat := num(t, h.sendCatalog("POST", "/categories", `{"name":"Kitchen"}`, 200), "data", "id")
	for _, tt := range []struct {
		scope string
		path  []any
		want  int
	}{
		{"store/product/updated", []any{"data", "id"}, pid},
		{"store/sku/updated", []any{"data", "id"}, sku},
		{"store/sku/updated", []any{"data", "sku", "variant_id"}, vid},
		{"store/sku/inventory/updated", []any{"data", "inventory", "variant_id"}, vid},
		{"store/category/updated", []any{"data", "id"}, cat},
		{"store/channel/1/category/updated", []any{"data", "category_id"}, cat},
		{"store/modifier/updated", []any{"data", "affected_product_ids", 0}, pid},
	} {
		raised := h.raise("abc123", tt.scope, "")
		if got := num(t, raised["payload"], tt.path...); got != tt.want {
			t.Errorf("%s: %v = %d, want %d", tt.scope, tt.path, got, tt.want)
		}
	}
	if n := dataLen(t, h.getCatalog("/products", 200)); n != 1 {
		t.Errorf("bare raises made %d products, want the 1 there was", n)
	}
}

// TestCatalogReadsDuringWrites reads products while other requests write
// them. Under -race it can catch a response, encoded after the store's
// lock is released, that shares memory a write changes (the renderers
// copy slices and ids for that); it proves nothing without -race.
func TestCatalogReadsDuringWrites(t *testing.T) {
	h := catalogHarness(t)
	cat := num(t, h.sendCatalog("POST", "/categories", `{"name":"A"}`, 200), "data", "id")
	body := h.sendCatalog("POST", "/products", fmt.Sprintf(`{"name":"Desk","type":"physical","weight":9,"price":99,"categories":[%d],
		"variants":[{"sku":"D-1","option_values":[{"option_display_name":"Wood","label":"Oak"}]}]}`, cat), 200)
	pid, vid := num(t, body, "data", "id"), num(t, body, "data", "variants", 0, "id")
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := range 20 {
			cats := "[]"
			if i%2 == 0 {
				cats = fmt.Sprintf("[%d]", cat)
			}
			h.sendCatalog("PUT", fmt.Sprintf("/products/%d", pid), `{"categories":`+cats+`}`, 200)
			h.sendCatalog("PUT", "/variants", fmt.Sprintf(`[{"id":%d,"weight":%d}]`, vid, i+1), 200)
			h.raise("abc123", "store/channel/2/product/assigned", fmt.Sprintf(`{"product_id":%d}`, pid))
			h.raise("abc123", "store/channel/2/product/unassigned", fmt.Sprintf(`{"product_id":%d}`, pid))
		}
	}()
	for range 20 {
		h.getCatalog(fmt.Sprintf("/products/%d?include=variants,options", pid), 200)
		h.getCatalog("/variants", 200)
	}
	<-done
}
