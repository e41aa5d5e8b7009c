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
