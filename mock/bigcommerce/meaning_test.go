package bigcommerce_test

import (
	"testing"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// TestSuggestByMeaning checks the hints for scopes guessed from what
// happened rather than misspelt; spelling stays the fallback.
func TestSuggestByMeaning(t *testing.T) {
	tests := []struct{ in, want string }{
		{"store/order/shipped", "store/shipment/created"},
		{"store/order/paid", "store/order/transaction/created"},
		{"store/order/refunded", "store/order/refund/created"},
		{"store/order/statusChanged", "store/order/statusUpdated"},
		{"store/order/status_changed", "store/order/statusUpdated"},
		{"store/order/cancelled", "store/order/statusUpdated"},
		{"store/order/placed", "store/order/created"},
		{"store/order/new", "store/order/created"},
		{"store/product/removed", "store/product/deleted"},
		{"store/customer/modified", "store/customer/updated"},
		{"store/category/changed", "store/category/updated"},
		{"store/cart/checkedOut", "store/cart/converted"},
		// In a channel, the channel's event when there is one...
		{"store/channel/3/order/placed", "store/channel/3/order/created"},
		{"store/channel/3/order/statusChanged", "store/channel/3/order/statusUpdated"},
		// ...else the store's.
		{"store/channel/3/order/shipped", "store/shipment/created"},
		{"store/product/out_of_stock", "store/product/inventory/updated"},
		// Without a meaning, spelling decides.
		{"store/order/create", "store/order/created"},
		{"store/order/statusUpdate", "store/order/statusUpdated"},
	}
	for _, tt := range tests {
		if got := bigcommerce.Suggest(tt.in); got != tt.want {
			t.Errorf("Suggest(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
