package event_test

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock/internal/event"
)

// at follows a dotted path through nested objects.
func at(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func TestOverrides(t *testing.T) {
	tests := []struct {
		name      string
		scope     string
		overrides map[string]any
		want      map[string]any // path -> value
		absent    []string       // paths that must be missing
		valid     bool           // the result still matches the schema
	}{
		{
			name:      "order id an integration looks up",
			scope:     "store/order/created",
			overrides: map[string]any{"id": 250},
			want:      map[string]any{"id": 250, "type": "order"},
			valid:     true,
		},
		{
			name:      "nested merge keeps siblings",
			scope:     "store/order/statusUpdated",
			overrides: map[string]any{"status": map[string]any{"new_status_id": 5}},
			want:      map[string]any{"status.new_status_id": 5, "type": "order"},
			valid:     true,
		},
		{
			name:      "typed Go values are accepted",
			scope:     "store/order/statusUpdated",
			overrides: map[string]any{"id": int64(77), "status": map[string]int{"previous_status_id": 11, "new_status_id": 2}},
			want:      map[string]any{"id": 77, "status.previous_status_id": 11, "status.new_status_id": 2},
			valid:     true,
		},
		{
			name:      "adds a key the data lacks",
			scope:     "store/order/created",
			overrides: map[string]any{"extra": map[string]any{"note": "x"}},
			want:      map[string]any{"extra.note": "x", "type": "order"},
			valid:     false, // order data is a closed shape
		},
		{
			name:      "array replaces array",
			scope:     "store/customer/channel/login/access/updated",
			overrides: map[string]any{"channel_ids": []int{1, 2}},
			want:      map[string]any{"channel_ids": []any{1, 2}},
			valid:     true,
		},
		{
			name:      "nil removes a key",
			scope:     "store/cart/abandoned",
			overrides: map[string]any{"token": nil},
			absent:    []string{"token"},
			valid:     false,
		},
		{
			name:      "scalar may change type",
			scope:     "store/order/created",
			overrides: map[string]any{"id": "250"},
			want:      map[string]any{"id": "250"},
			valid:     false,
		},
		{
			name:      "channel order id",
			scope:     "store/channel/2/order/created",
			overrides: map[string]any{"order_id": 127},
			want:      map[string]any{"order_id": 127},
			valid:     true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data, err := event.NewGenerator(5).Data(tt.scope, tt.overrides)
			if err != nil {
				t.Fatalf("Data: %v", err)
			}
			for path, want := range tt.want {
				if got := at(data, path); !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %#v, want %#v (data %v)", path, got, want, data)
				}
			}
			for _, path := range tt.absent {
				if _, ok := data.(map[string]any)[path]; ok {
					t.Errorf("%s present: %v", path, data)
				}
			}
			err = schemaFor(t, tt.scope).VisitJSON(roundTrip(t, data))
			if (err == nil) != tt.valid {
				t.Errorf("schema validation error = %v, want valid = %v", err, tt.valid)
			}
		})
	}
}

func TestOverrideKeepsOtherValues(t *testing.T) {
	plain, err := event.NewGenerator(9).Data("store/order/statusUpdated", nil)
	if err != nil {
		t.Fatal(err)
	}
	merged, err := event.NewGenerator(9).Data("store/order/statusUpdated", map[string]any{"status": map[string]any{"new_status_id": 5}})
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"id", "type", "status.previous_status_id"} {
		if at(plain, path) != at(merged, path) {
			t.Errorf("%s changed: %v vs %v", path, at(plain, path), at(merged, path))
		}
	}
}

func TestOverrideArrayData(t *testing.T) {
	data, err := event.NewGenerator(4).Data("store/priceList/records/updated", map[string]any{"currency": "EUR", "price_list_id": 3})
	if err != nil {
		t.Fatal(err)
	}
	recs := data.([]any)
	for i, r := range recs {
		if at(r, "currency") != "EUR" || at(r, "price_list_id") != 3 {
			t.Errorf("record %d = %v, want currency EUR and price_list_id 3", i, r)
		}
	}
	if err := schemaFor(t, "store/priceList/records/updated").VisitJSON(roundTrip(t, data)); err != nil {
		t.Errorf("overridden records do not match the schema: %v", err)
	}
	// Each record owns its copy of the override.
	nested, err := event.NewGenerator(4).Data("store/priceList/records/updated", map[string]any{"meta": map[string]any{"a": 1}})
	if err != nil {
		t.Fatal(err)
	}
	if recs := nested.([]any); len(recs) > 1 {
		recs[0].(map[string]any)["meta"].(map[string]any)["a"] = 2
		if at(recs[1], "meta.a") != 1 {
			t.Error("records share an override object")
		}
	}
}

func TestOverridesAreCopied(t *testing.T) {
	status := map[string]any{"new_status_id": 5}
	over := map[string]any{"status": status, "extra": []any{1}}
	data, err := event.NewGenerator(1).Data("store/order/statusUpdated", over)
	if err != nil {
		t.Fatal(err)
	}
	status["new_status_id"] = 6
	over["extra"].([]any)[0] = 2
	if at(data, "status.new_status_id") != 5 || at(data, "extra").([]any)[0] != 1 {
		t.Errorf("data aliases the caller's overrides: %v", data)
	}
}

func TestBadOverrides(t *testing.T) {
	tests := []struct {
		name      string
		scope     string
		overrides map[string]any
		contains  string
	}{
		{"scalar for object", "store/order/statusUpdated", map[string]any{"status": 5}, `"status": cannot replace an object with a scalar`},
		{"object for scalar", "store/order/created", map[string]any{"id": map[string]any{"x": 1}}, `"id": cannot replace a scalar with an object`},
		{"array for object", "store/order/statusUpdated", map[string]any{"status": []any{1}}, "cannot replace an object with an array"},
		{"scalar for array", "store/priceLists/deleted", map[string]any{"price_list_ids": 3}, `"price_list_ids": cannot replace an array with a scalar`},
		{"nested path", "store/order/statusUpdated", map[string]any{"status": map[string]any{"new_status_id": []int{1}}}, `"status.new_status_id"`},
		{"record field", "store/priceList/records/created", map[string]any{"variant_id": map[string]any{}}, `"[0].variant_id"`},
		{"not JSON", "store/order/created", map[string]any{"id": func() {}}, "unsupported type"},
		{"NaN", "store/order/created", map[string]any{"id": math.NaN()}, "unsupported value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := event.NewGenerator(1).Data(tt.scope, tt.overrides)
			if !errors.Is(err, event.ErrBadOverride) || !strings.Contains(err.Error(), tt.contains) {
				t.Fatalf("error = %v, want ErrBadOverride containing %q", err, tt.contains)
			}
		})
	}
}
