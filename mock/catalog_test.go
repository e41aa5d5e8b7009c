package mock_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/openapi"
)

const catalogPath = "/stores/abc123/v3/catalog"

// catalogHarness is a harness whose server validates its own responses
// and whose checks include the catalog document.
func catalogHarness(t *testing.T, opts ...mock.Option) *harness {
	t.Helper()
	h := newHarness(t, append([]mock.Option{mock.WithResponseValidation()}, opts...)...)
	var docs []*openapi.Document
	for _, name := range []string{openapi.WebhooksV3, openapi.WebhooksV2, openapi.Control, openapi.CatalogV3} {
		d, err := openapi.LoadEmbedded(name)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	h.validator = openapi.NewValidator(docs...)
	return h
}

// getCatalog reads a catalog path with tokenA and decodes the body.
func (h *harness) getCatalog(path string, want int) map[string]any {
	h.t.Helper()
	res := h.do(req{method: "GET", path: catalogPath + path, token: tokenA})
	expect(h.t, res, want)
	return res.json(h.t)
}

// sendCatalog writes a catalog path with tokenA and decodes the body (nil for 204).
func (h *harness) sendCatalog(method, path, body string, want int) map[string]any {
	h.t.Helper()
	res := h.do(req{method: method, path: catalogPath + path, token: tokenA, body: body})
	expect(h.t, res, want)
	if want == http.StatusNoContent {
		if len(res.body) != 0 {
			h.t.Errorf("%s %s: 204 with a body: %s", method, path, res.body)
		}
		return nil
	}
	return res.json(h.t)
}

// dataLen is the length of a list answer's data.
func dataLen(t *testing.T, body map[string]any) int {
	t.Helper()
	d, ok := body["data"].([]any)
	if !ok {
		t.Fatalf("data is not a list: %v", body)
	}
	return len(d)
}

const allIncludes = "?include=variants,images,custom_fields,options,modifiers,bulk_pricing_rules,videos"

// newProduct posts a product and returns its id.
func (h *harness) newProduct(body string) int {
	h.t.Helper()
	return num(h.t, h.sendCatalog("POST", "/products", body, http.StatusOK), "data", "id")
}

// TestCatalogScopesFollowUpReads raises every catalog scope through the
// control API and makes the follow-up read the reference names for it
// (§1): it answers as the event implies, valid against the documents.
func TestCatalogScopesFollowUpReads(t *testing.T) {
	tests := []struct {
		scope, data string
		check       func(t *testing.T, h *harness, payload map[string]any)
	}{
		{"store/product/created", `{"id":501}`, func(t *testing.T, h *harness, _ map[string]any) {
			body := h.getCatalog("/products/501"+allIncludes, 200)
			if num(t, body, "data", "id") != 501 || len(field(t, body, "data", "variants").([]any)) == 0 || len(field(t, body, "data", "images").([]any)) == 0 {
				t.Errorf("product = %v", body)
			}
		}},
		{"store/product/updated", `{"id":502}`, func(t *testing.T, h *harness, _ map[string]any) {
			h.getCatalog("/products/502?include=variants,custom_fields", 200)
		}},
		{"store/product/deleted", `{"id":503}`, func(t *testing.T, h *harness, _ map[string]any) {
			h.getCatalog("/products/503", 404)
		}},
		{"store/product/inventory/updated", `{"id":504,"inventory":{"value":7}}`, func(t *testing.T, h *harness, p map[string]any) {
			body := h.getCatalog("/products/504?include_fields=inventory_level,inventory_tracking", 200)
			if field(t, body, "data", "inventory_tracking") != "product" || num(t, p, "data", "inventory", "product_id") != 504 {
				t.Errorf("product = %v, payload %v", body, p)
			}
		}},
		{"store/product/inventory/order/updated", `{"id":505}`, func(t *testing.T, h *harness, p map[string]any) {
			if field(t, p, "data", "inventory", "method") != "relative" || num(t, p, "data", "inventory", "value") > 0 {
				t.Errorf("an order's inventory event = %v, want relative and not positive", p["data"])
			}
			h.getCatalog("/products/505", 200)
		}},
		{"store/sku/created", `{"id":9001,"sku":{"product_id":601,"variant_id":7001}}`, func(t *testing.T, h *harness, _ map[string]any) {
			body := h.getCatalog("/products/601/variants/7001", 200)
			if num(t, body, "data", "sku_id") != 9001 || num(t, body, "data", "product_id") != 601 {
				t.Errorf("variant = %v", body)
			}
		}},
		{"store/sku/updated", `{"id":9002,"sku":{"product_id":602,"variant_id":7002}}`, func(t *testing.T, h *harness, _ map[string]any) {
			body := h.getCatalog("/variants?id:in=7002", 200)
			if dataLen(t, body) != 1 || num(t, body, "data", 0, "sku_id") != 9002 {
				t.Errorf("variants = %v", body)
			}
		}},
		{"store/sku/deleted", `{"id":9003,"sku":{"product_id":603,"variant_id":7003}}`, func(t *testing.T, h *harness, _ map[string]any) {
			h.getCatalog("/products/603/variants/7003", 404)
		}},
		{"store/sku/inventory/updated", `{"id":9004,"inventory":{"product_id":604,"variant_id":7004,"value":5}}`, func(t *testing.T, h *harness, _ map[string]any) {
			body := h.getCatalog("/products/604/variants/7004", 200)
			product := h.getCatalog("/products/604", 200)
			if num(t, body, "data", "sku_id") != 9004 || field(t, product, "data", "inventory_tracking") != "variant" {
				t.Errorf("variant = %v, product tracking %v", body, field(t, product, "data", "inventory_tracking"))
			}
		}},
		{"store/sku/inventory/order/updated", `{"id":9005,"inventory":{"product_id":605,"variant_id":7005}}`, func(t *testing.T, h *harness, _ map[string]any) {
			h.getCatalog("/products/605/variants/7005", 200)
		}},
		{"store/category/created", `{"id":41}`, func(t *testing.T, h *harness, _ map[string]any) {
			one := h.getCatalog("/categories/41", 200)
			tree := h.getCatalog("/trees/categories?category_id:in=41", 200)
			if num(t, one, "data", "id") != 41 || num(t, one, "data", "parent_id") != 0 || dataLen(t, tree) != 1 ||
				num(t, tree, "data", 0, "category_id") != 41 || num(t, tree, "data", 0, "tree_id") != 1 {
				t.Errorf("category = %v, tree category = %v", one, tree)
			}
		}},
		{"store/category/updated", `{"id":42}`, func(t *testing.T, h *harness, _ map[string]any) {
			h.getCatalog("/categories/42", 200)
		}},
		{"store/category/deleted", `{"id":43}`, func(t *testing.T, h *harness, _ map[string]any) {
			h.getCatalog("/categories/43", 404)
			if dataLen(t, h.getCatalog("/trees/categories?category_id:in=43", 200)) != 0 {
				t.Error("a deleted category is still listed")
			}
		}},
		{"store/channel/1/category/created", `{"category_id":44,"tree_id":1}`, func(t *testing.T, h *harness, _ map[string]any) {
			body := h.getCatalog("/trees/categories?category_id:in=44", 200)
			if dataLen(t, body) != 1 || num(t, body, "data", 0, "tree_id") != 1 {
				t.Errorf("tree categories = %v", body)
			}
			nodes := h.getCatalog("/trees/1/categories", 200)
			if num(t, nodes, "data", 0, "id") != 44 || num(t, nodes, "data", 0, "depth") != 1 {
				t.Errorf("tree = %v", nodes)
			}
		}},
		{"store/channel/1/category/updated", `{"category_id":45,"tree_id":1}`, func(t *testing.T, h *harness, _ map[string]any) {
			h.getCatalog("/categories/45", 200)
		}},
		{"store/channel/1/category/deleted", `{"category_id":46,"tree_id":1}`, func(t *testing.T, h *harness, _ map[string]any) {
			h.getCatalog("/categories/46", 404)
		}},
		{"store/channel/2/categoryTree/updated", `{"tree_id":3}`, func(t *testing.T, h *harness, _ map[string]any) {
			h.getCatalog("/trees/3/categories", 200)
			trees := h.getCatalog("/trees?id:in=3", 200)
			if dataLen(t, trees) != 1 || fmt.Sprint(field(t, trees, "data", 0, "channels")) != "[2]" {
				t.Errorf("trees = %v", trees)
			}
		}},
		{"store/channel/2/product/assigned", `{"product_id":701}`, func(t *testing.T, h *harness, _ map[string]any) {
			body := h.getCatalog("/products/channel-assignments?product_id:in=701&channel_id:in=2", 200)
			if dataLen(t, body) != 1 || num(t, body, "data", 0, "channel_id") != 2 {
				t.Errorf("assignments = %v", body)
			}
		}},
		{"store/channel/1/product/unassigned", `{"product_id":702}`, func(t *testing.T, h *harness, _ map[string]any) {
			if dataLen(t, h.getCatalog("/products/channel-assignments?product_id:in=702&channel_id:in=1", 200)) != 0 {
				t.Error("an unassigned product is still on the channel")
			}
		}},
		{"store/channel/1/category/product/assigned", `{"product_id":703}`, func(t *testing.T, h *harness, _ map[string]any) {
			if dataLen(t, h.getCatalog("/products/category-assignments?product_id:in=703", 200)) == 0 {
				t.Error("an assigned product is in no category")
			}
		}},
		{"store/channel/1/category/product/unassigned", `{"product_id":704}`, func(t *testing.T, h *harness, _ map[string]any) {
			if dataLen(t, h.getCatalog("/products/category-assignments?product_id:in=704", 200)) != 0 {
				t.Error("an unassigned product is still in a category")
			}
		}},
		{"store/modifier/updated", `{"type":"local_modifier","id":55,"affected_product_ids":[705]}`, func(t *testing.T, h *harness, _ map[string]any) {
			body := h.getCatalog("/products/705?include=modifiers,options", 200)
			if num(t, body, "data", "modifiers", 0, "id") != 55 {
				t.Errorf("modifiers = %v", field(t, body, "data", "modifiers"))
			}
		}},
		{"store/option/updated", `{"type":"local_option","id":66,"affected_product_ids":[706]}`, func(t *testing.T, h *harness, _ map[string]any) {
			body := h.getCatalog("/products/706?include=modifiers,options", 200)
			ids := []int{}
			for i := range field(t, body, "data", "options").([]any) {
				ids = append(ids, num(t, body, "data", "options", i, "id"))
			}
			if !slices.Contains(ids, 66) {
				t.Errorf("options = %v", field(t, body, "data", "options"))
			}
		}},
	}
	covered := map[string]bool{}
	for _, tt := range tests {
		tmpl, _ := bigcommerce.Template(tt.scope)
		covered[tmpl] = true
		t.Run(tt.scope, func(t *testing.T) {
			h := catalogHarness(t)
			raised := h.raise("abc123", tt.scope, tt.data)
			raw, err := json.Marshal(raised["payload"])
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, h, checkPayload(t, raw))
		})
	}
	// Every catalog scope of scopes.txt has its row (metafields and the
	// inventory items of locations belong to other families).
	for _, sc := range bigcommerce.Events() {
		if !catalogScope(sc) {
			continue
		}
		if !covered[sc] {
			t.Errorf("%s: no follow-up read test", sc)
		}
	}
}

// catalogScope reports whether a scope template belongs to the catalog
// families this model holds.
func catalogScope(sc string) bool {
	if strings.Contains(sc, "/metafield/") || strings.Contains(sc, "/inventory/product/") || strings.Contains(sc, "settings/") {
		return false
	}
	for _, p := range []string{"store/product/", "store/sku/", "store/category/", "store/modifier/", "store/option/",
		"store/channel/{channel_id}/category", "store/channel/{channel_id}/product/"} {
		if strings.HasPrefix(sc, p) {
			return true
		}
	}
	return false
}
