package event_test

import (
	"testing"

	"github.com/bcmock/bcmock/mock/internal/event"
)

// TestFieldsSpelledTwoWays checks that a payload carries both documents'
// spellings of a field, with one value, invented or overridden.
func TestFieldsSpelledTwoWays(t *testing.T) {
	tests := []struct {
		name, scope string
		overrides   map[string]any
		want        map[string]any // field → value; nil value: any, but present
		same        [2]string      // fields that must be equal ("" if none)
	}{
		{"record invented", "store/priceList/record/created", nil, map[string]any{"currency": nil, "currency_code": nil}, [2]string{"currency", "currency_code"}},
		{"record currency overridden", "store/priceList/record/updated", map[string]any{"currency": "EUR"},
			map[string]any{"currency": "EUR", "currency_code": "EUR"}, [2]string{}},
		{"record currency_code overridden", "store/priceList/record/deleted", map[string]any{"currency_code": "GBP"},
			map[string]any{"currency": "GBP", "currency_code": "GBP"}, [2]string{}},
		{"both overridden stay as given", "store/priceList/record/created", map[string]any{"currency": "EUR", "currency_code": "usd"},
			map[string]any{"currency": "EUR", "currency_code": "usd"}, [2]string{}},
		{"a null drops one spelling only", "store/priceList/record/created", map[string]any{"currency_code": nil},
			map[string]any{"currency": nil}, [2]string{}},
		{"resource metafield has namespace", "store/product/metafield/created", nil, map[string]any{"namespace": nil}, [2]string{}},
		{"store metafield has namespace and resource_type", "store/metafield/deleted", nil, map[string]any{"namespace": nil, "resource_type": nil}, [2]string{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, err := event.NewGenerator(3).Data(tc.scope, tc.overrides)
			if err != nil {
				t.Fatal(err)
			}
			m := d.(map[string]any)
			for k, v := range tc.want {
				got, ok := m[k]
				if !ok || (v != nil && got != v) {
					t.Errorf("%s = %v (present %v), want %v: %v", k, got, ok, v, m)
				}
			}
			if v, ok := tc.overrides["currency_code"]; ok && v == nil {
				if _, still := m["currency_code"]; still {
					t.Errorf("currency_code is still there after a null override: %v", m)
				}
			}
			if tc.same[0] != "" && m[tc.same[0]] != m[tc.same[1]] {
				t.Errorf("%s = %v but %s = %v, want one value", tc.same[0], m[tc.same[0]], tc.same[1], m[tc.same[1]])
			}
		})
	}
	recs, err := event.NewGenerator(5).Data("store/priceList/records/created", map[string]any{"currency": "JPY"})
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range recs.([]any) {
		if r := r.(map[string]any); r["currency"] != "JPY" || r["currency_code"] != "JPY" {
			t.Errorf("record %v, want both spellings JPY", r)
		}
	}
}

// TestShapesOfBothDocuments checks the events whose data the events page
// and the per-event callback schemas describe differently: invented data
// carry what both name, over many seeds.
func TestShapesOfBothDocuments(t *testing.T) {
	overridable := map[string]bool{"name": true, "description": true, "page_title": true, "meta_description": true,
		"warranty": true, "availability_description": true, "search_keywords": true, "is_featured": true,
		"preorder_message": true, "custom_fields": true}
	var manual, dynamic, wholeChannel int
	for seed := int64(1); seed <= 64; seed++ {
		g := event.NewGenerator(seed)
		for _, scope := range []string{"store/customer/created", "store/customer/updated"} {
			d := mustData(t, g, scope)
			channels, _ := d["channel_ids"].([]any)
			if _, ok := d["origin_channel_id"].(int); !ok || len(channels) == 0 || d["type"] != "customer" {
				t.Errorf("%s data %v, want type, id, origin_channel_id and channel_ids", scope, d)
			}
		}
		if d := mustData(t, g, "store/customer/deleted"); len(d) != 2 {
			t.Errorf("customer/deleted data %v, want only type and id", d)
		}
		to := mustData(t, g, "store/redirects/updated")["to"].(map[string]any)
		switch _, isURL := to["url"]; {
		case isURL && to["type"] == "url" && to["entity_id"] == nil:
			manual++
		case !isURL && to["type"] != "url" && to["entity_id"] != nil:
			dynamic++
		default:
			t.Errorf("redirect to %v: want {type: url, url} or {type, entity_id}", to)
		}
		d := mustData(t, g, "store/product/updated")
		props, _ := d["properties"].([]any)
		for _, p := range props {
			if !overridable[p.(string)] {
				t.Errorf("product/updated names %q, which neither document lists as overridable", p)
			}
		}
		if ctx, ok := d["context"].(map[string]any); ok && ctx["locale"] == nil {
			wholeChannel++
		}
	}
	if manual == 0 || dynamic == 0 || wholeChannel == 0 {
		t.Errorf("over 64 seeds: %d manual and %d dynamic redirects, %d whole-channel overrides; want some of each", manual, dynamic, wholeChannel)
	}
}

func mustData(t *testing.T, g *event.Generator, scope string) map[string]any {
	t.Helper()
	d, err := g.Data(scope, nil)
	if err != nil {
		t.Fatal(err)
	}
	return d.(map[string]any)
}
