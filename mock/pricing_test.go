// These tests read the price lists, metafields, inventory locations and
// store information behind the events, as an integration does after a
// callback, and make the writes that fire those callbacks. Every server
// runs with mock.WithResponseValidation, so each answer is also checked
// against bcmock's documents (a response that does not fit is a 500).
package mock_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// pricingScope reports whether scope is one of the families these tests
// cover.
func pricingScope(scope string) bool {
	return strings.Contains(scope, "/priceList") || strings.Contains(scope, "metafield/") ||
		strings.HasPrefix(scope, "store/inventory/location/") || scope == "store/information/updated"
}

// raisedPayload raises scope with data ("" invents it all) and returns
// the callback's data: an object, or an array of records.
func (h *harness) raisedPayload(scope, data string) any {
	h.t.Helper()
	return field(h.t, h.raise(shopHash, scope, data), "payload", "data")
}

// metafieldPath is the metafields collection of a resource, by its
// resource_type and id (the webhook's string); a variant's product is
// any product until the catalog lands.
func metafieldPath(typ, id string) string {
	prefix := map[string]string{
		"order": "/orders/%s", "customer": "/customers/%s", "cart": "/carts/%s", "channel": "/channels/%s",
		"location": "/inventory/locations/%s", "product": "/catalog/products/%s", "variant": "/catalog/products/1/variants/%s",
		"category": "/catalog/categories/%s", "brand": "/catalog/brands/%s",
	}[typ]
	if typ == "store" {
		return v3 + "/store/metafields"
	}
	return v3 + fmt.Sprintf(prefix, id) + "/metafields"
}

// familyType is the resource_type of a resource's own metafield scope.
func familyType(scope string) string {
	prefix := strings.TrimSuffix(strings.TrimPrefix(scope[:strings.Index(scope, "metafield/")], "store/"), "/")
	switch prefix {
	case "product/variant":
		return "variant"
	case "inventory/location":
		return "location"
	}
	return prefix
}

// scopeCase is how one scope is tested: events raised before it, its
// data ("" invents it), and the follow-up read.
type scopeCase struct {
	before []raiseStep
	data   string
	check  func(t *testing.T, h *harness, d any)
}

type raiseStep struct{ scope, data string }

// readMetafield reads the metafield a metafield event names and checks it
// is the resource's, with REST's integer resource_id (a string for carts).
func readMetafield(t *testing.T, h *harness, typ string, d map[string]any, want int) {
	t.Helper()
	rid, _ := d["resource_id"].(string)
	got := h.get(metafieldPath(typ, rid)+fmt.Sprintf("/%d", num(t, d, "metafield_id")), want)
	if want != 200 {
		return
	}
	m := field(t, got, "data").(map[string]any)
	restID := fmt.Sprint(m["resource_id"])
	if typ == "store" {
		rid = "0"
	}
	if m["resource_type"] != typ || restID != rid || (typ != "cart") != isNumber(m["resource_id"]) {
		t.Errorf("metafield %v: want resource %s %s, an integer resource_id but for carts", m, typ, rid)
	}
	if list := data(t, h.get(metafieldPath(typ, rid), 200)); !slices.ContainsFunc(list, func(x any) bool { return num(t, x, "id") == num(t, d, "metafield_id") }) {
		t.Errorf("the metafields of %s %s miss %v: %v", typ, rid, d["metafield_id"], list)
	}
}

func isNumber(v any) bool {
	_, ok := v.(float64)
	return ok
}

// TestEveryPricingScopeIsReadable raises every price list, metafield,
// location and store information scope through the control API and makes
// the follow-up read the reference (§1) names for it. A delete is raised
// after the matching create, so that the 404 it implies is earned.
func TestEveryPricingScopeIsReadable(t *testing.T) {
	priceList := func(active any) func(t *testing.T, h *harness, d any) {
		return func(t *testing.T, h *harness, d any) {
			got := h.get(v3+fmt.Sprintf("/pricelists/%d", num(t, d, "price_list_id")), 200)
			if num(t, got, "data", "id") != num(t, d, "price_list_id") || active != nil && field(t, got, "data", "active") != active {
				t.Errorf("price list = %v, want active %v", got, active)
			}
		}
	}
	record := func(want int) func(t *testing.T, h *harness, d any) {
		return func(t *testing.T, h *harness, d any) {
			list, variant, cur := num(t, d, "price_list_id"), num(t, d, "variant_id"), field(t, d, "currency").(string)
			got := h.get(v3+fmt.Sprintf("/pricelists/%d/records/%d/%s?include=sku,bulk_pricing_tiers", list, variant, cur), want)
			if want != 200 {
				return
			}
			if field(t, got, "data", "currency") != strings.ToLower(cur) || num(t, got, "data", "variant_id") != variant {
				t.Errorf("record = %v, want variant %d in %s", got, variant, cur)
			}
			if byVariant := data(t, h.get(v3+fmt.Sprintf("/pricelists/%d/records/%d", list, variant), 200)); len(byVariant) == 0 {
				t.Errorf("/records/%d lists nothing", variant)
			}
		}
	}
	records := func(want int) func(t *testing.T, h *harness, d any) {
		return func(t *testing.T, h *harness, d any) {
			for _, r := range d.([]any) {
				record(want)(t, h, r)
			}
		}
	}
	assignment := func(want int) func(t *testing.T, h *harness, d any) {
		return func(t *testing.T, h *harness, d any) {
			got := data(t, h.get(v3+fmt.Sprintf("/pricelists/assignments?price_list_id=%d&channel_id=%d&customer_group_id=%d",
				num(t, d, "price_list_id"), num(t, d, "channel_id"), num(t, d, "customer_group_id")), 200))
			if len(got) != want {
				t.Errorf("assignments = %v, want %d", got, want)
			}
		}
	}
	location := func(t *testing.T, h *harness, d any) {
		got := data(t, h.get(v3+fmt.Sprintf("/inventory/locations?location_id:in=%d", num(t, d, "location_id")), 200))
		if len(got) != 1 || num(t, got[0], "id") != num(t, d, "location_id") {
			t.Errorf("locations = %v", got)
		}
	}
	type step = raiseStep
	tests := map[string]scopeCase{
		"store/priceList/created":     {check: priceList(nil)},
		"store/priceList/updated":     {check: priceList(nil)},
		"store/priceList/activated":   {before: []step{{"store/priceList/deactivated", `{"price_list_id":4}`}}, data: `{"price_list_id":4}`, check: priceList(true)},
		"store/priceList/deactivated": {check: priceList(false)},
		"store/priceList/deleted": {before: []step{{"store/priceList/created", `{"price_list_id":4}`}}, data: `{"price_list_id":4}`,
			check: func(t *testing.T, h *harness, d any) { h.get(v3+"/pricelists/4", 404) }},
		"store/priceLists/deleted": {before: []step{{"store/priceList/created", `{"price_list_id":4}`}, {"store/priceList/created", `{"price_list_id":5}`}},
			data: `{"price_list_ids":[4,5]}`, check: func(t *testing.T, h *harness, d any) {
				h.get(v3+"/pricelists/4", 404)
				h.get(v3+"/pricelists/5", 404)
			}},
		"store/priceList/record/created": {check: record(200)},
		"store/priceList/record/updated": {check: record(200)},
		"store/priceList/record/deleted": {before: []step{{"store/priceList/record/created", `{"price_list_id":2,"variant_id":1003,"currency":"EUR"}`}},
			data: `{"price_list_id":2,"variant_id":1003,"currency":"EUR"}`, check: record(404)},
		"store/priceList/records/created": {check: records(200)},
		"store/priceList/records/updated": {check: records(200)},
		"store/priceList/records/deleted": {before: []step{{"store/priceList/records/created", `[{"price_list_id":2,"variant_id":1003,"currency_code":"EUR"},{"price_list_id":2,"variant_id":1004,"currency":"EUR"}]`}},
			data: `[{"price_list_id":2,"variant_id":1003,"currency":"EUR"},{"price_list_id":2,"variant_id":1004,"currency":"EUR"}]`, check: records(404)},
		"store/priceList/assignment/updated": {check: assignment(1)},
		"store/priceList/assignment/deleted": {before: []step{{"store/priceList/assignment/updated", `{"price_list_id":3,"channel_id":1,"customer_group_id":2}`}},
			data: `{"price_list_id":3,"channel_id":1,"customer_group_id":2}`, check: assignment(0)},
		"store/inventory/location/created": {check: location},
		"store/inventory/location/updated": {check: location},
		"store/information/updated": {check: func(t *testing.T, h *harness, d any) {
			info := h.get("/stores/"+shopHash+"/v2/store", 200)
			if field(t, info, "id") != shopHash || fmt.Sprint(num(t, info, "store_id")) != bigcommerce.StoreID(shopHash) {
				t.Errorf("store = %v", info)
			}
		}},
	}
	for _, scope := range bigcommerce.Events() {
		if !pricingScope(scope) {
			continue
		}
		tt, ok := tests[scope]
		if !ok && strings.Contains(scope, "metafield/") {
			tt = metafieldCase(scope)
			ok = true
		}
		if !ok {
			t.Errorf("%s: no follow-up read tested", scope)
			continue
		}
		t.Run(scope, func(t *testing.T) {
			h := newShopHarness(t)
			for _, s := range tt.before {
				h.raise(shopHash, s.scope, s.data)
			}
			tt.check(t, h, h.raisedPayload(scope, tt.data))
		})
	}
}

// metafieldCase is the test of a metafield scope: created and updated
// make the metafield readable at its resource's path; deleted, raised
// after a created, makes it a 404.
func metafieldCase(scope string) (tt scopeCase) {
	generic := strings.HasPrefix(scope, "store/metafield/")
	typ := "order"
	if !generic {
		typ = familyType(scope)
	}
	if !strings.HasSuffix(scope, "/deleted") {
		tt.check = func(t *testing.T, h *harness, d any) {
			m := d.(map[string]any)
			if generic {
				typ = m["resource_type"].(string)
			}
			readMetafield(t, h, typ, m, 200)
		}
		return tt
	}
	rid := `"42"`
	if typ == "cart" {
		rid = `"7c2a5b0e-3f1d-4c8a-9b6e-2d4f8a1c3e5b"`
	}
	created := strings.TrimSuffix(scope, "deleted") + "created"
	extra := ""
	if generic {
		extra = `,"resource_type":"order"`
	}
	tt.before = append(tt.before, raiseStep{created, `{"metafield_id":9,"resource_id":` + rid + extra + `}`})
	tt.data = `{"metafield_id":9}` // the resource comes from the state
	if typ == "store" {
		rid = `"0"` // the store's own metafields are resource 0, whatever an event says
	}
	tt.check = func(t *testing.T, h *harness, d any) {
		m := d.(map[string]any)
		if m["resource_id"] != strings.Trim(rid, `"`) {
			t.Errorf("deleted data %v: the resource should come from the state (%s)", m, rid)
		}
		readMetafield(t, h, typ, m, 404)
		h.get(metafieldPath(typ, m["resource_id"].(string)), 200) // the resource stays
	}
	return tt
}

// pricingHooks subscribes a receiver to every concrete scope of these
// families.
func pricingHooks(t *testing.T, h *harness) *receiver {
	t.Helper()
	rc := newReceiver(t)
	for _, scope := range bigcommerce.Events() {
		if pricingScope(scope) {
			h.create(tokenA, shopHash, scope, rc.URL+"/hooks")
		}
	}
	return rc
}

// firedSince collects the callbacks of writes in the order they were
// raised, each checked against its schema and signature.
type firedSince struct {
	t    *testing.T
	h    *harness
	rc   *receiver
	seen int
}

// expect fails unless the write named step fired want, in order, and
// returns their data.
func (f *firedSince) expect(step string, want ...string) []any {
	f.t.Helper()
	scopes, datas := callbackPayloads(f.t, f.h, f.rc, f.seen+len(want))
	f.seen += len(want)
	if got := scopes[len(scopes)-len(want):]; !slices.Equal(got, want) {
		f.t.Errorf("%s fired %v, want %v", step, got, want)
	}
	return datas[len(datas)-len(want):]
}

// noMore fails if more callbacks came than expect took: a refused write
// fired something.
func (f *firedSince) noMore() {
	f.t.Helper()
	if n := len(f.rc.calls()); n != f.seen {
		f.t.Errorf("%d callbacks, want %d: a refused write fired something", n, f.seen)
	}
}

func TestPriceListWritesFireTheirWebhooks(t *testing.T) {
	h := newShopHarness(t)
	fired := &firedSince{t: t, h: h, rc: pricingHooks(t, h)}

	made := h.send("POST", v3+"/pricelists", `{"name":"Wholesale"}`, 200)
	list := num(t, made, "data", "id")
	if d := fired.expect("POST /pricelists", "store/priceList/created"); num(t, d[0], "price_list_id") != list {
		t.Errorf("created data %v, want %d", d[0], list)
	}
	if field(t, made, "data", "active") != true {
		t.Errorf("a new list is active unless told: %v", made)
	}
	h.send("POST", v3+"/pricelists", `{"name":"wholesale"}`, 422) // names are unique
	h.send("PUT", v3+fmt.Sprintf("/pricelists/%d", list), `{"name":"Wholesale"}`, 200)
	h.send("PUT", v3+fmt.Sprintf("/pricelists/%d", list), `{"name":"Trade","active":false}`, 200)
	fired.expect("PUT /pricelists/{id}", "store/priceList/updated", "store/priceList/deactivated")
	h.send("PUT", v3+fmt.Sprintf("/pricelists/%d", list), `{"active":true}`, 200)
	fired.expect("PUT active", "store/priceList/updated", "store/priceList/activated")
	if got := h.get(v3+fmt.Sprintf("/pricelists/%d", list), 200); field(t, got, "data", "name") != "Trade" {
		t.Errorf("list reads %v", got)
	}

	// One record, by path.
	rec := v3 + fmt.Sprintf("/pricelists/%d/records/1001/usd", list)
	got := h.send("PUT", rec, `{"price":20,"sale_price":18.5,"bulk_pricing_tiers":[{"quantity_min":10,"type":"percent","amount":5}]}`, 200)
	if num(t, got, "data", "calculated_price") != 18 || field(t, got, "data", "currency") != "usd" || field(t, got, "data", "sku") == "" {
		t.Errorf("record = %v", got)
	}
	d := fired.expect("PUT record", "store/priceList/record/created")
	if fmt.Sprint(d[0]) != fmt.Sprintf("map[currency:USD currency_code:USD price_list_id:%d variant_id:1001]", list) {
		t.Errorf("record/created data %v", d[0])
	}
	h.send("PUT", rec, `{"price":21}`, 200)
	fired.expect("PUT record again", "store/priceList/record/updated")
	if got := h.get(rec, 200); field(t, got, "data", "sale_price") != 18.5 || field(t, got, "data", "price") != 21.0 || field(t, got, "data", "bulk_pricing_tiers") != nil {
		t.Errorf("record after update = %v (tiers only with include=)", got)
	}
	h.send("PUT", v3+fmt.Sprintf("/pricelists/%d/records/1002/usd", list), `{"sale_price":3}`, 422) // a new record needs a price
	h.send("PUT", v3+fmt.Sprintf("/pricelists/%d/records/1002/usd", list), `{"price":1e300}`, 422)

	// A batch: one record there already, one new.
	h.send("PUT", v3+fmt.Sprintf("/pricelists/%d/records", list), `[{"variant_id":1001,"currency":"USD","price":22},{"variant_id":1002,"currency":"eur","price":9}]`, 200)
	d = fired.expect("PUT records", "store/priceList/records/created", "store/priceList/records/updated")
	if fmt.Sprint(d[0]) != fmt.Sprintf("[map[currency:EUR currency_code:EUR price_list_id:%d variant_id:1002]]", list) ||
		fmt.Sprint(d[1]) != fmt.Sprintf("[map[currency:USD currency_code:USD price_list_id:%d variant_id:1001]]", list) {
		t.Errorf("records data %v", d)
	}
	if page := h.get(v3+fmt.Sprintf("/pricelists/%d/records?currency=EUR", list), 200); len(data(t, page)) != 1 || num(t, page, "meta", "pagination", "total") != 1 {
		t.Errorf("EUR records = %v", page)
	}
	other := num(t, h.send("POST", v3+"/pricelists", `{"name":"Retail","active":false}`, 200), "data", "id")
	fired.expect("POST second list", "store/priceList/created")
	h.send("POST", v3+"/pricelists/records", fmt.Sprintf(`[{"price_list_id":%d,"variant_id":1003,"currency":"USD","price":5}]`, other), 200)
	fired.expect("POST /pricelists/records", "store/priceList/records/created")
	h.send("POST", v3+"/pricelists/records", `[{"price_list_id":999,"variant_id":1003,"currency":"USD","price":5}]`, 404)

	h.send("DELETE", v3+fmt.Sprintf("/pricelists/%d/records?variant_id:in=1002", list), "", 204)
	fired.expect("DELETE records", "store/priceList/records/deleted")
	h.send("DELETE", rec, "", 204)
	fired.expect("DELETE record", "store/priceList/record/deleted")
	h.get(rec, 404)
	h.send("DELETE", rec, "", 404)

	// Assignments: a (channel, group) pair has one list.
	h.send("POST", v3+"/pricelists/assignments", fmt.Sprintf(`[{"price_list_id":%d,"channel_id":1,"customer_group_id":1},{"price_list_id":%d,"channel_id":1,"customer_group_id":2}]`, list, list), 200)
	fired.expect("POST assignments", "store/priceList/assignment/updated", "store/priceList/assignment/updated")
	h.send("PUT", v3+fmt.Sprintf("/pricelists/%d/assignments", other), `{"channel_id":1,"customer_group_id":2}`, 200)
	d = fired.expect("PUT assignment", "store/priceList/assignment/updated")
	if num(t, d[0], "price_list_id") != other {
		t.Errorf("assignment/updated %v, want list %d", d[0], other)
	}
	if got := data(t, h.get(v3+"/pricelists/assignments?customer_group_id=2", 200)); len(got) != 1 || num(t, got[0], "price_list_id") != other {
		t.Errorf("group 2's assignments = %v, want one of list %d", got, other)
	}
	h.send("POST", v3+"/pricelists/assignments", fmt.Sprintf(`[{"price_list_id":%d,"channel_id":99,"customer_group_id":1}]`, list), 422)
	h.send("DELETE", v3+"/pricelists/assignments", "", 422) // a filter is required
	h.send("DELETE", v3+fmt.Sprintf("/pricelists/assignments?price_list_id=%d", list), "", 204)
	fired.expect("DELETE assignments", "store/priceList/assignment/deleted")

	h.send("DELETE", v3+fmt.Sprintf("/pricelists/%d", list), "", 204)
	fired.expect("DELETE /pricelists/{id}", "store/priceList/deleted")
	h.get(v3+fmt.Sprintf("/pricelists/%d/records", list), 404)
	h.send("DELETE", v3+fmt.Sprintf("/pricelists?id:in=%d,%d,999", other, list), "", 204)
	if d := fired.expect("DELETE /pricelists?id:in=", "store/priceLists/deleted"); fmt.Sprint(field(t, d[0], "price_list_ids")) != fmt.Sprintf("[%d]", other) {
		t.Errorf("priceLists/deleted %v, want [%d]", d[0], other)
	}
	if got := data(t, h.get(v3+"/pricelists", 200)); len(got) != 0 {
		t.Errorf("lists left: %v", got)
	}
	fired.noMore()
}

// TestMetafieldWritesFireFamilyAndGenericEvents is §2.16's metafield rule,
// for every resource with metafields: a write fires the resource's own
// event and then store/metafield/* with resource_type; webhooks carry
// resource_id as a string, REST as an integer (a string for carts).
func TestMetafieldWritesFireFamilyAndGenericEvents(t *testing.T) {
	h := newShopHarness(t)
	fired := &firedSince{t: t, h: h, rc: pricingHooks(t, h)}
	h.raise(shopHash, "store/order/created", `{"id":120}`)
	h.raise(shopHash, "store/customer/created", `{"id":7}`)
	cart := "7c2a5b0e-3f1d-4c8a-9b6e-2d4f8a1c3e5b"
	h.raise(shopHash, "store/cart/created", `{"id":"`+cart+`"}`)
	// The catalog resources exist too: a metafield of a product the store
	// does not hold is a 404.
	h.raise(shopHash, "store/product/created", `{"id":77}`)
	h.raise(shopHash, "store/sku/created", `{"id":500,"sku":{"product_id":78,"variant_id":1000}}`)
	h.raise(shopHash, "store/category/created", `{"id":23}`)
	brand := strconv.Itoa(num(t, h.send("POST", "/stores/"+shopHash+"/v3/catalog/brands", `{"name":"Acme"}`, 200), "data", "id"))
	tests := []struct {
		typ, id, family string // family: the resource's own scope stem, "" for none
	}{
		{"order", "120", "store/order/metafield/"},
		{"customer", "7", ""},
		{"cart", cart, "store/cart/metafield/"},
		{"channel", "1", "store/channel/metafield/"},
		{"location", "1", "store/inventory/location/metafield/"},
		{"store", "0", "store/store/metafield/"},
		{"product", "77", "store/product/metafield/"},
		{"variant", "1000", "store/product/variant/metafield/"},
		{"category", "23", "store/category/metafield/"},
		{"brand", brand, "store/brand/metafield/"},
	}
	for _, tt := range tests {
		t.Run(tt.typ, func(t *testing.T) {
			fired.t = t
			want := func(what string) []string {
				if tt.family == "" {
					return []string{"store/metafield/" + what}
				}
				return []string{tt.family + what, "store/metafield/" + what}
			}
			path := metafieldPath(tt.typ, tt.id)
			made := h.send("POST", path, `{"key":"color","value":"blue","namespace":"app","permission_set":"read","description":"Colour"}`, 200)
			mid := num(t, made, "data", "id")
			d := fired.expect("POST", want("created")...)
			for _, x := range d {
				if num(t, x, "metafield_id") != mid || field(t, x, "resource_id") != tt.id {
					t.Errorf("event data %v, want metafield %d of resource %q (a string)", x, mid, tt.id)
				}
			}
			if g := d[len(d)-1].(map[string]any); g["resource_type"] != tt.typ {
				t.Errorf("store/metafield/created resource_type %v, want %s", g["resource_type"], tt.typ)
			}
			readMetafield(t, h, tt.typ, d[len(d)-1].(map[string]any), 200)
			if got := h.get(path+fmt.Sprintf("/%d", mid), 200); field(t, got, "data", "owner_client_id") == nil || field(t, got, "data", "value") != "blue" {
				t.Errorf("metafield = %v", got)
			}
			h.send("POST", path, `{"key":"color","value":"red","namespace":"app","permission_set":"read"}`, 409)
			h.send("PUT", path+fmt.Sprintf("/%d", mid), `{"value":"green"}`, 200)
			fired.expect("PUT", want("updated")...)
			if got := data(t, h.get(path+"?key=color&namespace=app", 200)); len(got) != 1 || field(t, got[0], "value") != "green" {
				t.Errorf("after PUT: %v", got)
			}
			h.send("DELETE", path+fmt.Sprintf("/%d", mid), "", 204)
			fired.expect("DELETE", want("deleted")...)
			h.get(path+fmt.Sprintf("/%d", mid), 404)
		})
	}
	fired.t = t
	for _, missing := range []string{v3 + "/orders/999/metafields", v3 + "/customers/999/metafields", v3 + "/carts/nope/metafields", v3 + "/channels/999/metafields", v3 + "/inventory/locations/999/metafields"} {
		h.get(missing, 404)
		h.send("POST", missing, `{"key":"k","value":"v","namespace":"n","permission_set":"app_only"}`, 404)
	}
	h.send("POST", v3+"/orders/120/metafields", `{"key":"k","value":"v"}`, 422)
	fired.noMore()
}

func TestLocationWritesFireTheirWebhooks(t *testing.T) {
	h := newShopHarness(t)
	fired := &firedSince{t: t, h: h, rc: pricingHooks(t, h)}
	def := data(t, h.get(v3+"/inventory/locations?is_default=true", 200))
	if len(def) != 1 || num(t, def[0], "id") != 1 {
		t.Fatalf("default location = %v", def)
	}
	addr := `{"address1":"1 Main St","city":"Austin","state":"Texas","zip":"78701","email":"store@example.com","country_code":"US","geo_coordinates":{"latitude":30.26,"longitude":-97.74}}`
	res := h.send("POST", v3+"/inventory/locations", `[{"code":"AUS-1","label":"Austin","address":`+addr+`},{"code":"WEB","label":"Web","type_id":"VIRTUAL"}]`, 200)
	if field(t, res, "transaction_id") == "" {
		t.Errorf("POST answered %v", res)
	}
	d := fired.expect("POST /inventory/locations", "store/inventory/location/created", "store/inventory/location/created")
	aus, web := num(t, d[0], "location_id"), num(t, d[1], "location_id")
	got := data(t, h.get(v3+fmt.Sprintf("/inventory/locations?location_id:in=%d,%d", aus, web), 200))
	if len(got) != 2 || field(t, got[0], "code") != "AUS-1" || field(t, got[0], "address", "city") != "Austin" || field(t, got[1], "type_id") != "VIRTUAL" {
		t.Errorf("locations = %v", got)
	}
	h.send("POST", v3+"/inventory/locations", `[{"code":"AUS-1","label":"Again","address":`+addr+`}]`, 422) // codes are unique
	h.send("POST", v3+"/inventory/locations", `[{"code":"NOADDR","label":"No address"}]`, 422)              // PHYSICAL needs one
	h.send("PUT", v3+"/inventory/locations", fmt.Sprintf(`[{"id":%d,"label":"Austin downtown","operating_hours":{"sunday":{"open":true,"opening":"10:00","closing":"14:00"}}}]`, aus), 200)
	fired.expect("PUT /inventory/locations", "store/inventory/location/updated")
	got = data(t, h.get(v3+fmt.Sprintf("/inventory/locations?location_id:in=%d", aus), 200))
	if field(t, got[0], "label") != "Austin downtown" || field(t, got[0], "operating_hours", "sunday", "open") != true || field(t, got[0], "operating_hours", "monday", "open") != true {
		t.Errorf("updated location = %v", got[0])
	}
	h.send("PUT", v3+"/inventory/locations", `[{"id":999,"label":"x"}]`, 422)
	if got := data(t, h.get(v3+"/inventory/locations?type_id:in=VIRTUAL", 200)); len(got) != 1 {
		t.Errorf("virtual locations = %v", got)
	}
	fired.noMore()
}

// TestStoreInformationUpdatedKeepsTheStore: store/information/updated
// changes nothing bcmock models, so /v2/store answers byte for byte as
// before, and still agrees with the callback's store_id and producer.
func TestStoreInformationUpdatedKeepsTheStore(t *testing.T) {
	h := newShopHarness(t)
	before := h.api("GET", "/v2/store", "")
	raised := h.raise(shopHash, "store/information/updated", "")
	after := h.api("GET", "/v2/store", "")
	expect(t, after, 200)
	if string(after.body) != string(before.body) {
		t.Errorf("/v2/store changed:\n%s\n%s", before.body, after.body)
	}
	var env struct {
		StoreID  string `json:"store_id"`
		Producer string `json:"producer"`
	}
	b, _ := json.Marshal(raised["payload"])
	if err := json.Unmarshal(b, &env); err != nil {
		t.Fatal(err)
	}
	info := after.json(t)
	if env.StoreID != fmt.Sprint(int64(info["store_id"].(float64))) || env.Producer != "stores/"+info["id"].(string) {
		t.Errorf("callback store_id %s producer %s, /v2/store id %v store_id %v", env.StoreID, env.Producer, info["id"], info["store_id"])
	}
}

// BenchmarkPricingReads measures GET of one order metafield and of a page
// of 50 price records (of 200) beside GET /v3/hooks/{id} on the same
// server, the baseline of the shared gateway.
func BenchmarkPricingReads(b *testing.B) {
	srv := benchServer(b)
	ctx := b.Context()
	if _, err := srv.Raise(ctx, "abc", "store/order/metafield/created", map[string]any{"metafield_id": 1, "resource_id": "120"}); err != nil {
		b.Fatal(err)
	}
	var records []any
	for v := range 200 {
		records = append(records, map[string]any{"price_list_id": 1, "variant_id": v + 1, "currency": "USD"})
	}
	if _, err := srv.Raise(ctx, "abc", "store/priceList/records/created", records); err != nil {
		b.Fatal(err)
	}
	// The hook comes after the events, so no delivery runs beside the loop.
	serve(b, srv, "POST", "/stores/abc/v3/hooks", `{"scope":"store/metafield/created","destination":"https://app.example.com/webhooks"}`, 200)
	b.Run("baseline GET /v3/hooks/{id}", func(b *testing.B) { loop(b, srv, "GET", "/stores/abc/v3/hooks/1", "", 200) })
	b.Run("GET /v3/orders/{id}/metafields/{mid}", func(b *testing.B) { loop(b, srv, "GET", "/stores/abc/v3/orders/120/metafields/1", "", 200) })
	b.Run("GET /v3/pricelists/{id}/records?limit=50", func(b *testing.B) {
		loop(b, srv, "GET", "/stores/abc/v3/pricelists/1/records?limit=50&page=2", "", 200)
	})
}
