package mock_test

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
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

// catIDs is the ids of a list answer's data, in order.
func catIDs(t *testing.T, body map[string]any) []int {
	t.Helper()
	var out []int
	for i := range body["data"].([]any) {
		out = append(out, num(t, body, "data", i, "id"))
	}
	return out
}

// TestCatProductListFilters: GET /catalog/products applies the filters
// BigCommerce's file lists (categories:in, brand_id, keyword, is_featured,
// sku:in, the id and inventory operators, date_modified, sort…) instead
// of answering every product.
func TestCatProductListFilters(t *testing.T) {
	h := catalogHarness(t)
	brand := num(t, h.sendCatalog("POST", "/brands", `{"name":"Acme"}`, http.StatusOK), "data", "id")
	c1 := num(t, h.sendCatalog("POST", "/categories", `{"name":"Kitchen","parent_id":0}`, http.StatusOK), "data", "id")
	c2 := num(t, h.sendCatalog("POST", "/categories", `{"name":"Garden","parent_id":0}`, http.StatusOK), "data", "id")
	cats := func(ids ...int) string {
		s := make([]string, len(ids))
		for i, id := range ids {
			s[i] = strconv.Itoa(id)
		}
		return "[" + strings.Join(s, ",") + "]"
	}
	a := h.newProduct(`{"name":"Zinc Pan","type":"physical","weight":2,"price":30,"sku":"PAN","categories":` + cats(c1) +
		`,"brand_id":` + strconv.Itoa(brand) + `,"is_featured":true,"inventory_tracking":"product","inventory_level":0,"condition":"Used"}`)
	h.clock.Advance(48 * time.Hour)
	b := h.newProduct(`{"name":"Apple Pot","type":"physical","weight":1,"price":10,"sku":"POT","categories":` + cats(c1, c2) +
		`,"inventory_tracking":"product","inventory_level":7,"inventory_warning_level":9,"description":"glazed clay"}`)
	c := h.newProduct(`{"name":"E-book","type":"digital","weight":0,"price":5,"sku":"EBK","upc":"0042"}`)
	day := start.Add(48 * time.Hour).Format(time.DateOnly)
	tests := []struct {
		query string
		want  []int
	}{
		{"", []int{a, b, c}},
		{"categories:in=" + strconv.Itoa(c1), []int{a, b}},
		{"categories:in=" + strconv.Itoa(c1) + "," + strconv.Itoa(c2), []int{b}},
		{"categories=" + strconv.Itoa(c1), []int{a}},
		{"brand_id=" + strconv.Itoa(brand), []int{a}},
		{"keyword=acme", []int{a}},
		{"keyword=GLAZED", []int{b}},
		{"keyword=ebk", []int{c}},
		{"is_featured=1", []int{a}},
		{"is_featured=0", []int{b, c}},
		{"type=digital", []int{c}},
		{"condition=used", []int{a}},
		{"upc=0042", []int{c}},
		{"price=10", []int{b}},
		{"sku:in=PAN,EBK", []int{a, c}},
		{"id:not_in=" + strconv.Itoa(b), []int{a, c}},
		{"id:min=" + strconv.Itoa(b), []int{b, c}},
		{"id:less=" + strconv.Itoa(b), []int{a}},
		{"inventory_level:greater=0", []int{b}},
		{"inventory_level:in=0,7", []int{a, b, c}},
		{"out_of_stock=1", []int{a}},
		{"inventory_low=1", []int{a, b}},
		{"date_modified:min=" + day, []int{b, c}},
		{"date_modified:max=" + start.Format(time.DateOnly), []int{a}},
		{"date_modified=" + day, []int{b, c}},
		{"date_modified:min=" + strconv.FormatInt(start.Add(48*time.Hour).Unix(), 10), []int{b, c}}, // Unix seconds, as bigcommerce-api-client sends
		{"date_modified:max=" + strconv.FormatInt(start.Add(time.Hour).Unix(), 10), []int{a}},
		{"sort=name", []int{b, c, a}},
		{"sort=price&direction=desc", []int{a, b, c}},
	}
	for _, tt := range tests {
		got := catIDs(t, h.getCatalog("/products?"+tt.query, http.StatusOK))
		if !slices.Equal(got, tt.want) {
			t.Errorf("?%s: ids %v, want %v", tt.query, got, tt.want)
		}
	}
	for _, bad := range []string{"is_featured=yes", "date_modified:min=soon", "sort=colour", "categories:in=x"} {
		if res := h.do(req{method: "GET", path: catalogPath + "/products?" + bad, token: tokenA}); res.status < 400 || res.status >= 500 {
			t.Errorf("?%s: status %d, want a 4xx", bad, res.status)
		}
	}
}

// TestCatTreeCategoryWrites: POST /catalog/trees/categories answers 201
// (BigCommerce's file declares no 200), both writes carry meta {total,
// success, failed}, a category needs name and url, and parent_id alone
// places it in its parent's tree.
func TestCatTreeCategoryWrites(t *testing.T) {
	h := catalogHarness(t)
	created := h.sendCatalog("POST", "/trees/categories", `[{"name":"Mugs","url":{"path":"/mugs/","is_customized":true},"tree_id":1}]`, http.StatusCreated)
	parent := num(t, created, "data", 0, "category_id")
	if m := created["meta"]; num(t, m, "total") != 1 || num(t, m, "success") != 1 || num(t, m, "failed") != 0 {
		t.Errorf("POST meta = %v", m)
	}
	sub := h.sendCatalog("POST", "/trees/categories", `[{"name":"Tall","url":{"path":"/mugs/tall/","is_customized":true},"parent_id":`+strconv.Itoa(parent)+`}]`, http.StatusCreated)
	if num(t, sub, "data", 0, "tree_id") != 1 || num(t, sub, "data", 0, "parent_id") != parent {
		t.Errorf("a subcategory given only its parent: %v", sub["data"])
	}
	updated := h.sendCatalog("PUT", "/trees/categories", `[{"category_id":`+strconv.Itoa(parent)+`,"name":"Cups"}]`, http.StatusOK)
	if m := updated["meta"]; num(t, m, "success") != 1 {
		t.Errorf("PUT meta = %v", m)
	}
	for _, body := range []string{`[{"name":"No url","tree_id":1}]`, `[{"name":"Nowhere","url":{"path":"/nowhere/","is_customized":true}}]`} {
		if res := h.do(req{method: "POST", path: catalogPath + "/trees/categories", token: tokenA, body: body}); res.status != http.StatusUnprocessableEntity {
			t.Errorf("POST %s: status %d, want 422", body, res.status)
		}
	}
}

// TestCatCategoryLists: the deprecated GET /catalog/categories list is
// served (it answered 405), and both category lists take the filters
// BigCommerce's files list.
func TestCatCategoryLists(t *testing.T) {
	h := catalogHarness(t)
	kitchen := num(t, h.sendCatalog("POST", "/categories", `{"name":"Kitchen","parent_id":0,"page_title":"Cook"}`, http.StatusOK), "data", "id")
	pans := num(t, h.sendCatalog("POST", "/categories", `{"name":"Pans","parent_id":`+strconv.Itoa(kitchen)+`,"description":"cast iron"}`, http.StatusOK), "data", "id")
	hidden := num(t, h.sendCatalog("POST", "/categories", `{"name":"Old stock","parent_id":0,"is_visible":false}`, http.StatusOK), "data", "id")
	tests := []struct {
		path string
		want []int
	}{
		{"/categories", []int{kitchen, pans, hidden}},
		{"/categories?parent_id=" + strconv.Itoa(kitchen), []int{pans}},
		{"/categories?id:in=" + strconv.Itoa(kitchen) + "," + strconv.Itoa(hidden), []int{kitchen, hidden}},
		{"/categories?id:greater=" + strconv.Itoa(kitchen), []int{pans, hidden}},
		{"/categories?name=Pans", []int{pans}},
		{"/categories?name:like=stoc", []int{hidden}},
		{"/categories?page_title:like=cook", []int{kitchen}},
		{"/categories?keyword=IRON", []int{pans}},
		{"/categories?is_visible=false", []int{hidden}},
		{"/categories?limit=1&page=2", []int{pans}},
		{"/trees/categories?name:like=an", []int{pans}},
		{"/trees/categories?is_visible=true&parent_id:not_in=" + strconv.Itoa(kitchen), []int{kitchen}},
		{"/trees/categories?category_id:not_in=" + strconv.Itoa(pans), []int{kitchen, hidden}},
	}
	for _, tt := range tests {
		body := h.getCatalog(tt.path, http.StatusOK)
		var got []int
		for i := range body["data"].([]any) {
			key := "id"
			if strings.HasPrefix(tt.path, "/trees") {
				key = "category_id"
			}
			got = append(got, num(t, body, "data", i, key))
		}
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s: ids %v, want %v", tt.path, got, tt.want)
		}
	}
	only := h.getCatalog("/categories?include_fields=name", http.StatusOK)["data"].([]any)[0]
	if has := catKeys(t, only, "id", "name", "description"); !has["id"] || !has["name"] || has["description"] {
		t.Errorf("include_fields=name: keys %v", has)
	}
}

// TestCatBrandAndVariantFilters: GET /catalog/brands takes id and its
// operators, name:like, page_title, sort=name and direction; GET
// /catalog/variants takes upc, as BigCommerce's files list.
func TestCatBrandAndVariantFilters(t *testing.T) {
	h := catalogHarness(t)
	var brands []int
	for _, b := range []string{`{"name":"Zeta","page_title":"Z"}`, `{"name":"Alpha Goods"}`, `{"name":"Mid Goods"}`} {
		brands = append(brands, num(t, h.sendCatalog("POST", "/brands", b, http.StatusOK), "data", "id"))
	}
	tests := []struct {
		query string
		want  []int
	}{
		{"id=" + strconv.Itoa(brands[1]), []int{brands[1]}},
		{"id:not_in=" + strconv.Itoa(brands[1]), []int{brands[0], brands[2]}},
		{"id:min=" + strconv.Itoa(brands[1]), []int{brands[1], brands[2]}},
		{"name:like=goods", []int{brands[1], brands[2]}},
		{"page_title=Z", []int{brands[0]}},
		{"sort=name", []int{brands[1], brands[2], brands[0]}},
		{"sort=name&direction=desc", []int{brands[0], brands[2], brands[1]}},
	}
	for _, tt := range tests {
		if got := catIDs(t, h.getCatalog("/brands?"+tt.query, http.StatusOK)); !slices.Equal(got, tt.want) {
			t.Errorf("brands?%s: ids %v, want %v", tt.query, got, tt.want)
		}
	}
	pid := h.newProduct(`{"name":"Tee","type":"physical","weight":1,"price":10,"variants":[
		{"sku":"TEE-S","upc":"111","option_values":[{"option_display_name":"Size","label":"S"}]},
		{"sku":"TEE-M","upc":"222","option_values":[{"option_display_name":"Size","label":"M"}]}]}`)
	body := h.getCatalog("/variants?upc=222", http.StatusOK)
	if dataLen(t, body) != 1 || field(t, body, "data", 0, "sku") != "TEE-M" || num(t, body, "data", 0, "product_id") != pid {
		t.Errorf("variants?upc=222: %v", body["data"])
	}
}

// TestCatProductBatchWrites: PUT /catalog/products (up to 10 by id) and
// DELETE /catalog/products?<filter> are served (they answered 405), as
// BigCommerce's file describes them.
func TestCatProductBatchWrites(t *testing.T) {
	h := catalogHarness(t)
	a := h.newProduct(`{"name":"A","type":"physical","weight":1,"price":5}`)
	b := h.newProduct(`{"name":"B","type":"physical","weight":1,"price":6}`)
	c := h.newProduct(`{"name":"C","type":"physical","weight":1,"price":7}`)
	put := h.sendCatalog("PUT", "/products", `[{"id":`+strconv.Itoa(a)+`,"price":50},{"id":`+strconv.Itoa(b)+`,"name":"Bee"}]`, http.StatusOK)
	if dataLen(t, put) != 2 || field(t, put, "data", 0, "price") != 50.0 || field(t, put, "data", 1, "name") != "Bee" {
		t.Errorf("batch PUT answered %v", put["data"])
	}
	if field(t, h.getCatalog("/products/"+strconv.Itoa(a), http.StatusOK), "data", "price") != 50.0 {
		t.Error("batch PUT did not write")
	}
	res := h.do(req{method: "PUT", path: catalogPath + "/products", token: tokenA, body: `[{"id":` + strconv.Itoa(c) + `,"price":1},{"id":999,"price":1}]`})
	if expect(t, res, http.StatusNotFound); field(t, h.getCatalog("/products/"+strconv.Itoa(c), http.StatusOK), "data", "price") != 7.0 {
		t.Error("a batch naming a missing product wrote the others")
	}
	eleven := "[" + strings.TrimSuffix(strings.Repeat(`{"id":`+strconv.Itoa(a)+`,"price":1},`, 11), ",") + "]"
	expect(t, h.do(req{method: "PUT", path: catalogPath + "/products", token: tokenA, body: eleven}), http.StatusRequestEntityTooLarge)

	expect(t, h.do(req{method: "DELETE", path: catalogPath + "/products", token: tokenA}), http.StatusUnprocessableEntity)
	h.sendCatalog("DELETE", "/products?id:in="+strconv.Itoa(a)+","+strconv.Itoa(b), "", http.StatusNoContent)
	h.getCatalog("/products/"+strconv.Itoa(a), http.StatusNotFound)
	if got := catIDs(t, h.getCatalog("/products", http.StatusOK)); !slices.Equal(got, []int{c}) {
		t.Errorf("after DELETE ?id:in: products %v, want [%d]", got, c)
	}
	h.sendCatalog("DELETE", "/products?name=C", "", http.StatusNoContent)
	if n := dataLen(t, h.getCatalog("/products", http.StatusOK)); n != 0 {
		t.Errorf("after DELETE ?name=C: %d products left", n)
	}
}

// TestCatWriteErrorsKeyedByField: a write the store refuses answers as
// BigCommerce's file says (409 for a SKU taken or a category or brand that
// does not exist, 422 for a rule broken) with its errors keyed by the
// field, not "body".
func TestCatWriteErrorsKeyedByField(t *testing.T) {
	h := catalogHarness(t)
	h.newProduct(`{"name":"Mug","type":"physical","weight":1,"price":5,"sku":"MUG"}`)
	tests := []struct {
		method, path, body string
		status             int
		key                string
	}{
		{"POST", "/products", `{"name":"Cup","type":"physical","weight":1,"price":5,"sku":"MUG"}`, http.StatusConflict, "sku"},
		{"POST", "/products", `{"name":"Cup","type":"physical","weight":1,"price":5,"brand_id":77}`, http.StatusConflict, "brand_id"},
		{"PUT", "/products/1", `{"categories":[77]}`, http.StatusConflict, "categories"},
		{"POST", "/categories", `{"name":"Orphan","parent_id":77}`, http.StatusUnprocessableEntity, "parent_id"},
		{"POST", "/trees/categories", `[{"name":"Orphan","url":{"path":"/o/","is_customized":true},"tree_id":99}]`, http.StatusUnprocessableEntity, "[0].tree_id"},
	}
	for _, tt := range tests {
		res := h.do(req{method: tt.method, path: catalogPath + tt.path, token: tokenA, body: tt.body})
		if res.status != tt.status {
			t.Errorf("%s %s %s: status %d, want %d: %s", tt.method, tt.path, tt.body, res.status, tt.status, res.body)
			continue
		}
		if errs, _ := res.json(t)["errors"].(map[string]any); errs[tt.key] == nil {
			t.Errorf("%s %s %s: errors %v, want one keyed %q", tt.method, tt.path, tt.body, errs, tt.key)
		}
	}
}

// TestCatProductSubresourcePaths: a product's images, custom fields, bulk
// pricing rules, videos, options and modifiers are read on their own
// paths too (they answered 404), as include= embeds them.
func TestCatProductSubresourcePaths(t *testing.T) {
	h := catalogHarness(t)
	pid := strconv.Itoa(h.newProduct(`{"name":"Tee","type":"physical","weight":1,"price":10,
		"images":[{"image_url":"https://img.example/tee.jpg","is_thumbnail":true}],
		"custom_fields":[{"name":"Fabric","value":"Cotton"},{"name":"Fit","value":"Slim"}],
		"variants":[{"sku":"TEE-S","option_values":[{"option_display_name":"Size","label":"S"}]}]}`))
	embedded := h.getCatalog("/products/"+pid+"?include=images,custom_fields,options,modifiers,videos,bulk_pricing_rules", http.StatusOK)["data"].(map[string]any)
	for key, seg := range map[string]string{"images": "images", "custom_fields": "custom-fields", "options": "options",
		"modifiers": "modifiers", "videos": "videos", "bulk_pricing_rules": "bulk-pricing-rules"} {
		list := h.getCatalog("/products/"+pid+"/"+seg, http.StatusOK)
		want := embedded[key].([]any)
		if dataLen(t, list) != len(want) || num(t, list, "meta", "pagination", "total") != len(want) {
			t.Errorf("/%s: %d items, want the %d include=%s embeds", seg, dataLen(t, list), len(want), key)
			continue
		}
		for i := range want {
			id := strconv.Itoa(num(t, list, "data", i, "id"))
			one := h.getCatalog("/products/"+pid+"/"+seg+"/"+id, http.StatusOK)
			if num(t, one, "data", "id") != num(t, want[i], "id") {
				t.Errorf("/%s/%s: %v", seg, id, one["data"])
			}
		}
		h.getCatalog("/products/"+pid+"/"+seg+"/9999", http.StatusNotFound)
		h.getCatalog("/products/9999/"+seg, http.StatusNotFound)
	}
	if n := dataLen(t, h.getCatalog("/products/"+pid+"/custom-fields?limit=1", http.StatusOK)); n != 1 {
		t.Errorf("custom-fields?limit=1: %d items", n)
	}
}

// TestCatAssignmentWrites: PUT and DELETE of the channel and category
// assignments are served (they answered 405) and fire the channel events
// reference §5 names for them.
func TestCatAssignmentWrites(t *testing.T) {
	h := catalogHarness(t)
	rc := newReceiver(t)
	for _, sc := range []string{"store/channel/1/product/assigned", "store/channel/1/product/unassigned",
		"store/channel/1/category/product/assigned", "store/channel/1/category/product/unassigned"} {
		h.create(tokenA, "abc123", sc, rc.URL)
	}
	pid := h.newProduct(`{"name":"Mug","type":"physical","weight":1,"price":5}`)
	cat := num(t, h.sendCatalog("POST", "/categories", `{"name":"Kitchen","parent_id":0}`, http.StatusOK), "data", "id")
	_, n := h.since(0)
	p, c := strconv.Itoa(pid), strconv.Itoa(cat)
	steps := []struct {
		method, path, body string
		want               string
		rows               int
	}{
		{"DELETE", "/products/channel-assignments?product_id:in=" + p, "", "store/channel/1/product/unassigned", 0},
		{"PUT", "/products/channel-assignments", `[{"product_id":` + p + `,"channel_id":1}]`, "store/channel/1/product/assigned", 1},
		{"PUT", "/products/channel-assignments", `[{"product_id":` + p + `,"channel_id":1}]`, "", 1}, // already there: no event
		{"PUT", "/products/category-assignments", `[{"product_id":` + p + `,"category_id":` + c + `}]`, "store/channel/1/category/product/assigned", 1},
		{"DELETE", "/products/category-assignments?category_id:in=" + c, "", "store/channel/1/category/product/unassigned", 0},
	}
	for _, s := range steps {
		h.sendCatalog(s.method, s.path, s.body, http.StatusNoContent)
		var events []firedEvent
		events, n = h.since(n)
		if got := scopes(events); got != s.want {
			t.Errorf("%s %s: fired %q, want %q", s.method, s.path, got, s.want)
		}
		for _, e := range events {
			if num(t, e.data, "product_id") != pid {
				t.Errorf("%s: data %v", e.scope, e.data)
			}
		}
		list := "/products/channel-assignments?product_id:in=" + p
		if strings.Contains(s.path, "category") {
			list = "/products/category-assignments?product_id:in=" + p
		}
		if got := dataLen(t, h.getCatalog(list, http.StatusOK)); got != s.rows {
			t.Errorf("after %s %s: %s has %d rows, want %d", s.method, s.path, list, got, s.rows)
		}
	}
	for _, bad := range []req{
		{method: "DELETE", path: catalogPath + "/products/channel-assignments", token: tokenA},
		{method: "PUT", path: catalogPath + "/products/category-assignments", token: tokenA, body: `[{"product_id":` + p + `,"category_id":999}]`},
		{method: "PUT", path: catalogPath + "/products/channel-assignments", token: tokenA, body: `[{"product_id":999,"channel_id":1}]`},
	} {
		expect(t, h.do(bad), http.StatusUnprocessableEntity)
	}
}

// TestCatTreeCategoryDeleteFilters: DELETE /catalog/trees/categories takes
// tree_id:in, parent_id:in and category_uuid:in besides category_id:in,
// as category-trees_catalog.v3.yml lists, and needs one of them.
func TestCatTreeCategoryDeleteFilters(t *testing.T) {
	h := catalogHarness(t)
	post := func(body string) map[string]any {
		return h.sendCatalog("POST", "/trees/categories", body, http.StatusCreated)["data"].([]any)[0].(map[string]any)
	}
	top := post(`[{"name":"Top","url":{"path":"/top/","is_customized":true},"tree_id":1}]`)
	topID := strconv.Itoa(num(t, top, "category_id"))
	post(`[{"name":"Kid","url":{"path":"/top/kid/","is_customized":true},"parent_id":` + topID + `}]`)
	other := post(`[{"name":"Other","url":{"path":"/other/","is_customized":true},"tree_id":1}]`)

	expect(t, h.do(req{method: "DELETE", path: catalogPath + "/trees/categories", token: tokenA}), http.StatusUnprocessableEntity)
	h.sendCatalog("DELETE", "/trees/categories?parent_id:in="+topID, "", http.StatusNoContent)
	if got := dataLen(t, h.getCatalog("/trees/categories", http.StatusOK)); got != 2 {
		t.Errorf("after parent_id:in: %d categories, want the two top ones", got)
	}
	h.sendCatalog("DELETE", "/trees/categories?category_uuid:in="+other["category_uuid"].(string), "", http.StatusNoContent)
	body := h.getCatalog("/trees/categories", http.StatusOK)
	if dataLen(t, body) != 1 || strconv.Itoa(num(t, body, "data", 0, "category_id")) != topID {
		t.Errorf("after category_uuid:in: %v", body["data"])
	}
	h.sendCatalog("DELETE", "/trees/categories?tree_id:in=1", "", http.StatusNoContent)
	if got := dataLen(t, h.getCatalog("/trees/categories", http.StatusOK)); got != 0 {
		t.Errorf("after tree_id:in=1: %d categories left", got)
	}
}

// TestCatProductFieldsKept: product fields BigCommerce's product_Base
// takes on POST and PUT (order quantities, tax code, price hiding,
// pre-order text, related products, meta keywords) are kept and read
// back, not dropped.
func TestCatProductFieldsKept(t *testing.T) {
	h := catalogHarness(t)
	id := strconv.Itoa(h.newProduct(`{"name":"Lamp","type":"physical","weight":1,"price":30,
		"order_quantity_minimum":2,"order_quantity_maximum":8,"product_tax_code":"P0001",
		"meta_keywords":["lamp","light"],"related_products":[5,6]}`))
	h.sendCatalog("PUT", "/products/"+id, `{"is_price_hidden":true,"price_hidden_label":"Call us","preorder_message":"Soon","is_preorder_only":true,"related_products":[]}`, http.StatusOK)
	p := h.getCatalog("/products/"+id, http.StatusOK)["data"].(map[string]any)
	want := map[string]any{"order_quantity_minimum": 2.0, "order_quantity_maximum": 8.0, "product_tax_code": "P0001",
		"is_price_hidden": true, "price_hidden_label": "Call us", "preorder_message": "Soon", "is_preorder_only": true}
	for k, v := range want {
		if p[k] != v {
			t.Errorf("%s = %v, want %v", k, p[k], v)
		}
	}
	if kw := p["meta_keywords"].([]any); len(kw) != 2 || kw[1] != "light" {
		t.Errorf("meta_keywords = %v", kw)
	}
	if rel := p["related_products"].([]any); len(rel) != 0 {
		t.Errorf("related_products = %v, want [] after setting it so", rel)
	}
	fresh := h.getCatalog("/products/"+strconv.Itoa(h.newProduct(`{"name":"Bulb","type":"physical","weight":1,"price":3}`)), http.StatusOK)
	if rel := field(t, fresh, "data", "related_products").([]any); len(rel) != 1 || rel[0] != -1.0 {
		t.Errorf("a new product's related_products = %v, want [-1]", rel)
	}
}
