// These tests lock the hand-written webhook schemas in events/: they load,
// cover the 179 documented events, accept documented examples and reject
// payloads of the wrong shape.
package openapi_test

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/openapi"
)

// decode parses a JSON literal into JSON types.
func decode(t *testing.T, s string) any {
	t.Helper()
	var v any
	if err := json.Unmarshal([]byte(s), &v); err != nil {
		t.Fatalf("bad test JSON %s: %v", s, err)
	}
	return v
}

func TestEventSchemaScopes(t *testing.T) {
	scopes := openapi.EventSchemaScopes()
	if len(scopes) != 179 {
		t.Fatalf("%d scopes, want 179", len(scopes))
	}
	if !slices.IsSorted(scopes) {
		t.Error("scopes are not sorted")
	}
	for _, s := range scopes {
		if strings.HasSuffix(s, "/*") {
			t.Errorf("wildcard %q listed as an event", s)
		}
		if sch, err := openapi.EventSchema(s); err != nil || sch == nil {
			t.Errorf("EventSchema(%q) = %v, %v", s, sch, err)
		}
	}
	scopes[0] = "changed"
	if openapi.EventSchemaScopes()[0] == "changed" {
		t.Error("EventSchemaScopes returns shared storage")
	}
}

// TestEveryEventFileIsAFamily checks that openapi/events holds the schema
// of each bigcommerce family and nothing else but the envelope.
func TestEveryEventFileIsAFamily(t *testing.T) {
	files, err := filepath.Glob("events/*.json")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		if name := strings.TrimSuffix(filepath.Base(f), ".json"); name != "envelope" {
			got = append(got, name)
		}
	}
	slices.Sort(got)
	if want := bigcommerce.Families(); !slices.Equal(got, want) {
		t.Errorf("schema files %v\nfamilies     %v", got, want)
	}
}

func TestEventSchemaLookup(t *testing.T) {
	templated, err := openapi.EventSchema("store/channel/{channel_id}/cart/created")
	if err != nil {
		t.Fatal(err)
	}
	concrete, err := openapi.EventSchema("store/channel/12/cart/created")
	if err != nil || concrete != templated {
		t.Errorf("concrete channel scope: %v, %v", concrete, err)
	}
	inventory, err := openapi.EventSchema("store/channel/*/inventory/product/stock_changed")
	if err != nil || inventory == nil {
		t.Errorf("inventory scope: %v", err)
	}
	for _, bad := range []string{"store/order/*", "store/order/create", "", "store/channel/x/cart/created", "store/channel/01/cart/created", "store/channel/0/cart/created"} {
		if _, err := openapi.EventSchema(bad); err == nil {
			t.Errorf("EventSchema(%q) succeeded", bad)
		}
	}
}

// TestEventSchemas checks documented payloads pass and wrong ones fail.
func TestEventSchemas(t *testing.T) {
	const cartID = `"09346904-4175-44fd-be53-f7e598531b6c"`
	tests := []struct {
		name, scope, data string
		valid             bool
	}{
		{"order", "store/order/created", `{"type":"order","id":250}`, true},
		{"order id as string", "store/order/created", `{"type":"order","id":"250"}`, false},
		{"order id zero", "store/order/created", `{"type":"order","id":0}`, false},
		{"order wrong type", "store/order/created", `{"type":"cart","id":250}`, false},
		{"order missing id", "store/order/created", `{"type":"order"}`, false},
		{"order extra key", "store/order/created", `{"type":"order","id":250,"total":"9.99"}`, false},
		{"status updated", "store/order/statusUpdated", `{"type":"order","id":250,"status":{"previous_status_id":0,"new_status_id":11}}`, true},
		{"status out of range", "store/order/statusUpdated", `{"type":"order","id":250,"status":{"previous_status_id":0,"new_status_id":15}}`, false},
		{"status extra key", "store/order/statusUpdated", `{"type":"order","id":250,"status":{"previous_status_id":0,"new_status_id":1,"x":1}}`, false},
		{"transaction", "store/order/transaction/created", `{"type":"transaction","order_id":"250","transaction_id":"176342342"}`, true},
		{"transaction int order id", "store/order/transaction/created", `{"type":"transaction","order_id":250,"transaction_id":"176342342"}`, false},
		{"cart", "store/cart/created", `{"type":"cart","id":` + cartID + `}`, true},
		{"cart id not a uuid", "store/cart/created", `{"type":"cart","id":"cart-1"}`, false},
		{"cart id int", "store/cart/created", `{"type":"cart","id":1}`, false},
		{"cart abandoned without token", "store/cart/abandoned", `{"type":"cart","id":` + cartID + `}`, false},
		{"cart converted", "store/cart/converted", `{"type":"cart","id":` + cartID + `,"orderId":252}`, true},
		{"line item", "store/cart/lineItem/created", `{"type":"cart_line_item","id":` + cartID + `,"cartId":` + cartID + `}`, true},
		{"line item typed as cart", "store/cart/lineItem/created", `{"type":"cart","id":` + cartID + `,"cartId":` + cartID + `}`, false},
		{"metafield", "store/product/metafield/created", `{"metafield_id":12,"resource_id":"118","namespace":"erp"}`, true},
		{"metafield without namespace", "store/product/metafield/created", `{"metafield_id":12,"resource_id":"118"}`, false},
		{"metafield int resource", "store/product/metafield/created", `{"metafield_id":12,"resource_id":118}`, false},
		{"metafield resource_type", "store/product/metafield/created", `{"metafield_id":12,"resource_id":"118","resource_type":"product"}`, false},
		{"cart metafield", "store/cart/metafield/created", `{"metafield_id":20,"resource_id":` + cartID + `,"namespace":"erp"}`, true},
		{"generic metafield", "store/metafield/updated", `{"metafield_id":10,"resource_id":"1","resource_type":"location","namespace":"erp"}`, true},
		{"generic metafield untyped", "store/metafield/updated", `{"metafield_id":10,"resource_id":"1"}`, false},
		{"inventory method", "store/product/inventory/updated", `{"type":"product","id":167,"inventory":{"product_id":167,"method":"absolute","value":-3}}`, true},
		{"inventory bad method", "store/product/inventory/updated", `{"type":"product","id":167,"inventory":{"product_id":167,"method":"delta","value":1}}`, false},
		{"records", "store/priceList/records/created", `[{"price_list_id":1,"variant_id":179,"currency":"USD","currency_code":"USD"},{"price_list_id":2,"variant_id":180,"currency":"USD","currency_code":"USD"}]`, true},
		{"record both spellings", "store/priceList/record/created", `{"price_list_id":1,"variant_id":179,"currency":"USD","currency_code":"USD"}`, true},
		{"record currency only", "store/priceList/record/created", `{"price_list_id":1,"variant_id":179,"currency":"USD"}`, false},
		{"records as object", "store/priceList/records/created", `{"price_list_id":1,"variant_id":179,"currency":"USD"}`, false},
		{"records empty", "store/priceList/records/created", `[]`, false},
		{"record currency", "store/priceList/record/created", `{"price_list_id":1,"variant_id":179,"currency":"usd"}`, false},
		{"record currency_code", "store/priceList/record/created", `{"price_list_id":1,"variant_id":179,"currency_code":"USD"}`, false},
		{"delivery exception", "store/hook/deliveryException", `{"type":"webhook","id":123,"error_code":90001,"message":"Non-200 response, will retry"}`, true},
		{"delivery exception code", "store/hook/deliveryException", `{"type":"webhook","id":123,"error_code":90004,"message":"x"}`, false},
		{"redirect url", "store/redirects/updated", `{"id":1,"site_id":1000,"from_path":"/old/","to":{"url":"/new/","type":"url"}}`, true},
		{"redirect url without the API's type", "store/redirects/updated", `{"id":1,"site_id":1000,"from_path":"/old/","to":{"url":"/new/"}}`, false},
		{"redirect url typed as an entity", "store/redirects/updated", `{"id":1,"site_id":1000,"from_path":"/old/","to":{"url":"/new/","type":"product"}}`, false},
		{"redirect entity typed url", "store/redirects/updated", `{"id":1,"site_id":1000,"from_path":"/old/","to":{"entity_id":5,"type":"url"}}`, false},
		{"redirect entity", "store/redirects/updated", `{"id":1,"site_id":1000,"from_path":"/old/","to":{"entity_id":5,"type":"product"}}`, true},
		{"redirect both", "store/redirects/updated", `{"id":1,"site_id":1000,"from_path":"/old/","to":{"url":"/new/","entity_id":5,"type":"product"}}`, false},
		{"redirect neither", "store/redirects/updated", `{"id":1,"site_id":1000,"from_path":"/old/","to":{}}`, false},
		{"channel cart", "store/channel/1/cart/created", `{"cart_id":` + cartID + `}`, true},
		{"channel cart typed", "store/channel/1/cart/created", `{"type":"cart","id":` + cartID + `}`, false},
		{"channel order", "store/channel/1/order/statusUpdated", `{"order_id":127}`, true},
		{"channel empty", "store/channel/1/socialMediaLinks/updated", `{}`, true},
		{"channel empty not empty", "store/channel/1/notifications/inventory/updated", `{"x":1}`, false},
		{"channel settings open", "store/channel/1/settings/currency/updated", `{"anything":1}`, true},
		{"channel settings not object", "store/channel/1/settings/currency/updated", `[]`, false},
		{"theme", "store/channel/1/theme/configuration/created", `{"theme_id":"e3d82ce0-9bae-0133-0de7-525400970412","variation_id":"f49489c0-8678-013a-2933-5227bc3d7181","version_id":"f4337c30-8678-013a-2933-5227bc3d7181","configuration_id":"2dc1c3f0-b2cf-013a-a341-2aac1278f99c"}`, true},
		{"inventory product", "store/channel/*/inventory/product/stock_changed", `{"variant_id":127,"product_id":113,"location_id":2}`, true},
		{"b2b quote", "store/quote/created", `{"quote_id":5,"quote_uuid":` + cartID + `}`, true},
		{"customer created", "store/customer/created", `{"type":"customer","id":32,"origin_channel_id":1,"channel_ids":[1,2]}`, true},
		{"customer updated as the events page shows it", "store/customer/updated", `{"type":"customer","id":32}`, false},
		{"customer updated channel ids not a list", "store/customer/updated", `{"type":"customer","id":32,"origin_channel_id":1,"channel_ids":1}`, false},
		{"customer deleted", "store/customer/deleted", `{"type":"customer","id":32}`, true},
		{"customer deleted with channels", "store/customer/deleted", `{"type":"customer","id":32,"origin_channel_id":1,"channel_ids":[1]}`, false},
		{"product updated globally", "store/product/updated", `{"type":"product","id":205}`, true},
		{"product override", "store/product/updated", `{"type":"product","id":205,"properties":["warranty","is_featured","custom_fields"],"context":{"channel_id":2,"locale":"fr"}}`, true},
		{"product override of a whole channel", "store/product/updated", `{"type":"product","id":205,"properties":["preorder_message"],"context":{"channel_id":2,"locale":null}}`, true},
		{"product override of no overridable field", "store/product/updated", `{"type":"product","id":205,"properties":["price"],"context":{"channel_id":2,"locale":"fr"}}`, false},
		{"modifier override of a whole channel", "store/modifier/updated", `{"type":"shared_modifier","id":3,"affected_product_ids":[1],"context":{"channel_id":2,"locale":null}}`, true},
		{"login access", "store/customer/channel/login/access/updated", `{"customer_id":22,"channel_ids":[1,1]}`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sch, err := openapi.EventSchema(tt.scope)
			if err != nil {
				t.Fatal(err)
			}
			err = sch.VisitJSON(decode(t, tt.data))
			if (err == nil) != tt.valid {
				t.Fatalf("VisitJSON(%s) error = %v, want valid = %v", tt.data, err, tt.valid)
			}
		})
	}
}

func TestEnvelopeSchema(t *testing.T) {
	sch, err := openapi.EnvelopeSchema()
	if err != nil {
		t.Fatal(err)
	}
	const ok = `{"scope":"store/order/created","store_id":"1025646","data":{"type":"order","id":250},` +
		`"hash":"dd70c0976e06b67aaf671e73f49dcb79230ebf9d","created_at":1561479335,"producer":"stores/abc123"}`
	tests := []struct {
		name, body string
		valid      bool
	}{
		{"documented", ok, true},
		{"array data", strings.Replace(ok, `{"type":"order","id":250}`, `[{"price_list_id":1}]`, 1), true},
		{"store id int", strings.Replace(ok, `"1025646"`, `1025646`, 1), false},
		{"short hash", strings.Replace(ok, `dd70c0976e06b67aaf671e73f49dcb79230ebf9d`, `dd70c09`, 1), false},
		{"upper-case hash", strings.Replace(ok, `dd70c0976e06b67aaf671e73f49dcb79230ebf9d`, `DD70C0976E06B67AAF671E73F49DCB79230EBF9D`, 1), false},
		{"bad producer", strings.Replace(ok, `stores/abc123`, `abc123`, 1), false},
		{"created_at string", strings.Replace(ok, `1561479335`, `"1561479335"`, 1), false},
		{"extra field", strings.Replace(ok, `"producer"`, `"x":1,"producer"`, 1), false},
		{"missing data", strings.Replace(ok, `"data":{"type":"order","id":250},`, ``, 1), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := sch.VisitJSON(decode(t, tt.body))
			if (err == nil) != tt.valid {
				t.Fatalf("error = %v, want valid = %v", err, tt.valid)
			}
		})
	}
}

func TestEventSchemasConcurrentUse(t *testing.T) {
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Go(func() {
			for _, s := range openapi.EventSchemaScopes()[i*20 : i*20+20] {
				sch, err := openapi.EventSchema(s)
				if err != nil {
					t.Error(err)
					return
				}
				_ = sch.VisitJSON(map[string]any{"order_id": float64(i + 1)})
			}
		})
	}
	wg.Wait()
}
