package runner_test

import "testing"

// TestStateExpectationsSayWhatTheStoreHolds checks the failures of order
// and cart expectations: what was expected, what the store held.
func TestStateExpectationsSayWhatTheStoreHolds(t *testing.T) {
	const head = `
setup:
  stores: [abc123]
  clock: fake
  orders:
    - {id: 250, status_id: 11, lines: [{product_id: 77, quantity: 2}]}
  carts:
    - {id: c1, line_items: [{product_id: 77, quantity: 1}]}
steps:
`
	tests := []struct {
		name  string
		steps string
		want  []string
	}{
		{"missing order", "  - expect: {orders: [{id: 251}]}\n",
			[]string{"order 251 of store abc123", "exists: expected true, got false", "the store holds orders [250]"}},
		{"status and counts", "  - expect: {orders: [{id: 250, status_id: 2, items_total: 3, shipments: 1}]}\n",
			[]string{"status_id: expected 2, got 11 (Awaiting Fulfillment)", "items_total: expected 3, got 2", "shipments: expected 1, got 0"}},
		{"an order that exists", "  - expect: {orders: [{id: 250, exists: false}]}\n",
			[]string{"exists: expected false, got true"}},
		{"cart", "  - expect: {carts: [{id: c1, line_items: 2}, {id: c2}]}\n",
			[]string{"line_items: expected 2, got 1", "cart c2 of store abc123", "exists: expected true, got false"}},
		{"pay an order already paid", "  - pay: {order: 250}\n",
			[]string{"only an unpaid order"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runSrc(t, "state.yaml", head+tt.steps)
			if res.Passed() {
				t.Fatalf("passed, want a failure:\n%s", res.Report())
			}
			contains(t, res.Report(), tt.want...)
		})
	}
	mustPass(t, runSrc(t, "state.yaml", head+"  - expect: {orders: [{id: 250, status_id: 11, items_total: 2, is_deleted: false, cart_id: \"\"}], carts: [{id: c1, line_items: 1}]}\n"))
}
