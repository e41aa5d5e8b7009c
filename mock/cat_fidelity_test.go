package mock_test

import (
	"net/http"
	"strconv"
	"testing"
)

// catKeys reports whether obj (a decoded JSON object) has each key.
func catKeys(t *testing.T, obj any, keys ...string) map[string]bool {
	t.Helper()
	m, ok := obj.(map[string]any)
	if !ok {
		t.Fatalf("not an object: %v", obj)
	}
	out := map[string]bool{}
	for _, k := range keys {
		_, out[k] = m[k]
	}
	return out
}

// TestCatNoNullWhereBigCommerceTypesANumber: BigCommerce's files type a
// product's base_variant_id and option_set_id, and a variant's sku_id,
// price, weight and the like, as plain numbers (GET /catalog/variants marks
// them only x-nullable), so a null fails a client checking against them
// (reference §0.9): a field with no value is left out.
func TestCatNoNullWhereBigCommerceTypesANumber(t *testing.T) {
	h := catalogHarness(t)
	withOptions := h.newProduct(`{"name":"Tee","type":"physical","weight":1,"price":10,
		"variants":[{"sku":"TEE-S","option_values":[{"option_display_name":"Size","label":"S"}]}]}`)
	simple := h.newProduct(`{"name":"Mug","type":"physical","weight":1,"price":5}`)

	p := h.getCatalog("/products/"+strconv.Itoa(withOptions)+"?include=variants", http.StatusOK)["data"]
	has := catKeys(t, p, "base_variant_id", "option_set_id", "preorder_release_date")
	if has["base_variant_id"] || has["option_set_id"] || !has["preorder_release_date"] {
		t.Errorf("product with options: keys %v, want base_variant_id and option_set_id absent, preorder_release_date present", has)
	}
	for _, path := range []string{"/variants?product_id:in=" + strconv.Itoa(withOptions) + "," + strconv.Itoa(simple), "/products/" + strconv.Itoa(simple) + "/variants"} {
		for i, v := range h.getCatalog(path, http.StatusOK)["data"].([]any) {
			m := v.(map[string]any)
			for k, val := range m {
				if val == nil && k != "upc" && k != "inventory_level" && k != "inventory_warning_level" && k != "bin_picking_number" {
					t.Errorf("%s [%d]: %s is null", path, i, k)
				}
			}
			if int(m["product_id"].(float64)) == simple && catKeys(t, m, "sku_id")["sku_id"] {
				t.Errorf("%s: the base variant has a sku_id: %v", path, m)
			}
		}
	}
	if has := catKeys(t, h.getCatalog("/products/"+strconv.Itoa(simple), http.StatusOK)["data"], "base_variant_id"); !has["base_variant_id"] {
		t.Error("a simple product lost its base_variant_id")
	}
}

// TestCatGiftWrappingAlwaysReturned: BigCommerce's file says the two
// gift-wrapping fields come whatever include_fields and exclude_fields ask.
func TestCatGiftWrappingAlwaysReturned(t *testing.T) {
	h := catalogHarness(t)
	id := h.newProduct(`{"name":"Mug","type":"physical","weight":1,"price":5}`)
	for q, gone := range map[string]string{"?include_fields=name": "price", "?exclude_fields=gift_wrapping_options_type,gift_wrapping_options_list,name": "name"} {
		for _, path := range []string{"/products/" + strconv.Itoa(id) + q, "/products" + q} {
			body := h.getCatalog(path, http.StatusOK)
			data := body["data"]
			if list, ok := data.([]any); ok {
				data = list[0]
			}
			has := catKeys(t, data, "gift_wrapping_options_type", "gift_wrapping_options_list", gone)
			if !has["gift_wrapping_options_type"] || !has["gift_wrapping_options_list"] || has[gone] {
				t.Errorf("%s: keys %v, want both gift-wrapping fields and no %s", path, has, gone)
			}
		}
	}
}
