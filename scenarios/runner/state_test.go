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

// TestEntityExpectationsSayWhatTheStoreHolds checks the failures of
// product and customer expectations, and a seed the store refuses.
func TestEntityExpectationsSayWhatTheStoreHolds(t *testing.T) {
	const head = `
setup:
  stores: [abc123]
  clock: fake
  products:
    - {id: 77, name: Mug, price: "12.50", inventory_level: 10}
  customers:
    - {id: 12, email: a@example.com, first_name: A, last_name: B}
steps:
`
	tests := []struct {
		name  string
		steps string
		want  []string
	}{
		{"missing product", "  - expect: {products: [{id: 78}]}\n",
			[]string{"product 78 of store abc123", "exists: expected true, got false", "the store holds products [77]"}},
		{"product fields", "  - expect: {products: [{id: 77, name: Cup, price: \"12.5001\", inventory_level: 9, variants: 2}]}\n",
			[]string{`name: expected "Cup", got "Mug"`, "price: expected 12.5001, got 12.5", "inventory_level: expected 9, got 10", "variants: expected 2, got 1"}},
		{"a product deleted", "  - raise: {scope: store/product/deleted, data: {id: 77}}\n  - expect: {products: [{id: 77}]}\n",
			[]string{"product 77 of store abc123", "exists: expected true, got false", "the store holds products none"}},
		{"customer fields", "  - expect: {customers: [{id: 12, email: b@example.com, addresses: 1, channel_ids: [1, 2]}]}\n",
			[]string{`email: expected "b@example.com", got "a@example.com"`, "addresses: expected 1, got 0", "channel_ids: expected [1 2], got [1]"}},
		{"a customer that exists", "  - expect: {customers: [{id: 12, exists: false}]}\n",
			[]string{"customer 12 of store abc123", "exists: expected false, got true"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := runSrc(t, "entities.yaml", head+tt.steps)
			if res.Passed() {
				t.Fatalf("passed, want a failure:\n%s", res.Report())
			}
			contains(t, res.Report(), tt.want...)
		})
	}
	refused := runSrc(t, "entities.yaml", "setup:\n  stores: [abc123]\n  products: [{name: Mug, categories: [99]}]\nsteps:\n  - expect: {products: [{id: 1}]}\n")
	if refused.Passed() {
		t.Error("a product of a category that does not exist was seeded")
	}
	contains(t, refused.Report(), "store abc123", "products[0]", "category 99 does not exist")
	mustPass(t, runSrc(t, "entities.yaml", head+"  - expect: {products: [{id: 77, name: Mug, price: 12.5, inventory_level: 10, variants: 1}], customers: [{id: 12, email: a@example.com, addresses: 0, channel_ids: [1]}]}\n"))
}
