package mock_test

// These tests lock what an audit against BigCommerce's own orders and
// store-information files found bcmock missing or getting wrong (see
// NOTES-orders.md): each fails without its fix.

import (
	"net/http"
	"testing"
)

func TestOrdersTimeAnswersTheMockClock(t *testing.T) {
	h := newOrdersHarness(t)
	got := h.get("/stores/abc123/v2/time", http.StatusOK)
	if n := num(t, got, "time"); int64(n) != start.Unix() {
		t.Errorf("time = %d, want %d (the fake clock)", n, start.Unix())
	}
}

func TestOrdersStatusByID(t *testing.T) {
	h := newOrdersHarness(t)
	tests := []struct {
		id     string
		status int
		name   string
	}{
		{"0", http.StatusOK, "Incomplete"},
		{"11", http.StatusOK, "Awaiting Fulfillment"},
		{"14", http.StatusOK, "Partially Refunded"},
		{"15", http.StatusNotFound, ""},
		{"x", http.StatusUnprocessableEntity, ""},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			got := h.get("/stores/abc123/v2/order_statuses/"+tt.id, tt.status)
			if tt.status == http.StatusOK && (text(t, got, "name") != tt.name || text(t, got, "system_label") != tt.name) {
				t.Errorf("status %s = %v, want %s", tt.id, got, tt.name)
			}
		})
	}
}
