package bigcommerce_test

import (
	"testing"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

func TestCatalogueCounts(t *testing.T) {
	if got := len(bigcommerce.Events()); got != 179 {
		t.Errorf("events = %d, want 179", got)
	}
	if got := len(bigcommerce.Wildcards()); got != 22 {
		t.Errorf("wildcards = %d, want 22", got)
	}
}

func TestKnown(t *testing.T) {
	tests := []struct {
		scope string
		want  bool
	}{
		{"store/order/created", true},
		{"store/order/*", true},
		{"store/cart/lineItem/*", true},
		{"store/channel/1/order/created", true},
		{"store/channel/42/cart/*", true},
		{"store/channel/{channel_id}/order/created", false},
		{"store/channel/x/order/created", false},
		{"store/channel/01/order/created", false},
		{"store/channel/0/order/created", false},
		{"store/channel/*/inventory/product/stock_changed", true},
		{"store/order/create", false},
		{"store/hook/deliveryException", true},
		{"", false},
		{"store/*", false},
	}
	for _, tt := range tests {
		if got := bigcommerce.Known(tt.scope); got != tt.want {
			t.Errorf("Known(%q) = %v, want %v", tt.scope, got, tt.want)
		}
	}
}

func TestMatches(t *testing.T) {
	tests := []struct {
		sub, event string
		want       bool
	}{
		{"store/order/created", "store/order/created", true},
		{"store/order/created", "store/order/updated", false},
		{"store/order/*", "store/order/statusUpdated", true},
		{"store/order/*", "store/order/refund/created", true},
		{"store/cart/*", "store/cart/lineItem/created", true},
		{"store/cart/lineItem/*", "store/cart/created", false},
		{"store/order/*", "store/orders/created", false},
		{"store/channel/1/order/*", "store/channel/1/order/created", true},
		{"store/channel/1/order/*", "store/channel/2/order/created", false},
		{"store/channel/1/order/created", "store/channel/1/order/created", true},
		{"store/channel/*", "store/channel/created", true},
		{"store/channel/*", "store/channel/metafield/updated", true},
		{"store/channel/*", "store/channel/1/order/created", false},
		{"store/channel/*", "store/channel/*/inventory/product/stock_changed", false},
		{"store/order/*", "store/channel/1/order/created", false},
		{"store/channel/1/settings/*", "store/channel/1/settings/logo/image/updated", true},
	}
	for _, tt := range tests {
		if got := bigcommerce.Matches(tt.sub, tt.event); got != tt.want {
			t.Errorf("Matches(%q, %q) = %v, want %v", tt.sub, tt.event, got, tt.want)
		}
	}
}

func TestTemplateAndFill(t *testing.T) {
	tmpl, ch := bigcommerce.Template("store/channel/12/order/created")
	if tmpl != "store/channel/{channel_id}/order/created" || ch != 12 {
		t.Fatalf("Template = %q, %d", tmpl, ch)
	}
	if got := bigcommerce.Fill(tmpl, 7); got != "store/channel/7/order/created" {
		t.Fatalf("Fill = %q", got)
	}
	if tmpl, ch := bigcommerce.Template("store/order/created"); tmpl != "store/order/created" || ch != 0 {
		t.Fatalf("Template(non-channel) = %q, %d", tmpl, ch)
	}
}

func TestSuggest(t *testing.T) {
	tests := map[string]string{
		"store/order/statusUpdate":       "store/order/statusUpdated",
		"store/order/create":             "store/order/created",
		"store/channel/3/order/create":   "store/channel/3/order/created",
		"store/cart/lineitem/created":    "store/cart/lineItem/created",
		"completely/unrelated/thing/xyz": "",
	}
	for in, want := range tests {
		if got := bigcommerce.Suggest(in); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEditDistance(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want int
	}{{"", "", 0}, {"abc", "abc", 0}, {"abc", "abd", 1}, {"kitten", "sitting", 3}, {"", "abc", 3}, {"abc", "", 3}} {
		if got := bigcommerce.EditDistance(tt.a, tt.b); got != tt.want {
			t.Errorf("EditDistance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
	}
}
