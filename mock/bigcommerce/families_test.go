package bigcommerce

import (
	"slices"
	"testing"
)

// TestFamiliesCoverExactlyTheEvents checks the family table against
// scopes.txt: every concrete event in exactly one family, nothing else.
func TestFamiliesCoverExactlyTheEvents(t *testing.T) {
	seen := map[string]string{}
	for _, fam := range families {
		for _, p := range fam.patterns {
			for _, s := range expand(p) {
				if first, dup := seen[s]; dup {
					t.Errorf("%q is in family %s and again in %s", s, first, fam.name)
				}
				seen[s] = fam.name
				if !templateSet[s] || IsWildcard(s) {
					t.Errorf("family %s lists %q, which is not an event of scopes.txt", fam.name, s)
				}
			}
		}
	}
	for _, e := range Events() {
		if _, ok := seen[e]; !ok {
			t.Errorf("event %q has no family", e)
		}
	}
	if len(seen) != 179 {
		t.Errorf("the table lists %d events, want 179", len(seen))
	}
}

func TestFamily(t *testing.T) {
	tests := []struct {
		scope, want string
		ok          bool
	}{
		{"store/order/created", "order", true},
		{"store/order/statusUpdated", "order-status-updated", true},
		{"store/channel/{channel_id}/cart/created", "channel-cart", true},
		{"store/channel/12/cart/created", "channel-cart", true},
		{"store/channel/1/settings/SEO/updated", "channel-settings", true},
		{"store/channel/*/inventory/product/stock_changed", "inventory-product", true},
		{"store/product/variant/metafield/created", "metafield", true},
		{DeliveryException, "delivery-exception", true},
		{"store/channel/0/cart/created", "", false}, // channel ids start at 1
		{"store/channel/01/cart/created", "", false},
		{"store/channel/x/cart/created", "", false},
		{"store/order/*", "", false},
		{"store/order/create", "", false},
		{"", "", false},
	}
	for _, tc := range tests {
		if got, ok := Family(tc.scope); got != tc.want || ok != tc.ok {
			t.Errorf("Family(%q) = %q, %v; want %q, %v", tc.scope, got, ok, tc.want, tc.ok)
		}
	}
	names := Families()
	if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) || !slices.Contains(names, "channel-cart") {
		t.Errorf("Families() = %v, want sorted distinct names", names)
	}
}

func TestExpand(t *testing.T) {
	tests := []struct {
		in   string
		want []string
	}{
		{"store/order/created", []string{"store/order/created"}},
		{"store/order/{created,updated}", []string{"store/order/created", "store/order/updated"}},
		{"store/channel/{channel_id}/page/{created,updated}", []string{
			"store/channel/{channel_id}/page/created", "store/channel/{channel_id}/page/updated"}},
		{"a/{b,c}/{d,e}", []string{"a/b/d", "a/b/e", "a/c/d", "a/c/e"}},
		{"a/{b,c", []string{"a/{b,c"}},
	}
	for _, tt := range tests {
		if got := expand(tt.in); !slices.Equal(got, tt.want) {
			t.Errorf("expand(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}
