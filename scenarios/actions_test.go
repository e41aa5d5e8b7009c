package scenarios_test

import (
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/scenarios"
)

// actionsScenario exercises every action once, with defaults, so that the
// golden file documents each expansion.
const actionsScenario = `
setup: {stores: [abc123], clock: fake, seed: 1}
steps:
  - action: checkout
  - action: abandon_cart
  - action: ship_order
  - action: refund_order
  - action: {name: checkout, order_id: 200}
  - action: cancel_order
  - action: {name: update_inventory, product_id: 111, quantity: 5}
  - action: {name: update_inventory, product_id: 111, variant_id: 7, quantity: 0}
  - action: {name: checkout, channel: 3, out_of_order: true}
`

// TestActionsGolden locks every action's expansion: scope, delay and data
// of each event, in order.
func TestActionsGolden(t *testing.T) {
	s, err := scenarios.Parse("actions.yaml", []byte(actionsScenario))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for i, st := range s.Steps {
		a := st.Action
		fmt.Fprintf(&b, "# steps[%d] %s\n", i, a.Name)
		for _, r := range st.Raises() {
			data, err := json.Marshal(r.Data)
			if err != nil {
				t.Fatal(err)
			}
			fmt.Fprintf(&b, "+%-3s x%d %-57s %s\n", scenarios.Duration(r.After), r.Copies, r.Scope, data)
		}
	}
	checkGolden(t, "testdata/actions.golden", []byte(b.String()))
}

// TestExpandRaisesKnownEvents checks that every expansion raises only
// documented, concrete events, in the action's store.
func TestExpandRaisesKnownEvents(t *testing.T) {
	s, err := scenarios.Parse("actions.yaml", []byte(actionsScenario))
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range s.Steps {
		raises := st.Raises()
		if len(raises) == 0 {
			t.Errorf("%s expands to nothing", st.Action.Name)
		}
		for _, r := range raises {
			if !bigcommerce.KnownEvent(r.Scope) || r.Store != "abc123" || r.Copies != 1 {
				t.Errorf("%s raises %+v", st.Action.Name, r)
			}
		}
	}
}

func TestExpand(t *testing.T) {
	prev := 2
	tests := []struct {
		name   string
		action scenarios.Action
		want   []string // scope@after
	}{
		{"checkout", scenarios.Action{Name: "checkout", Store: "s", Channel: 1, CartID: "c", OrderID: 1, Status: 11}, []string{
			"store/cart/created@0s", "store/channel/1/cart/created@0s",
			"store/cart/updated@0s", "store/channel/1/cart/updated@0s",
			"store/cart/lineItem/created@0s", "store/channel/1/cart/lineItem/created@0s",
			"store/order/created@0s", "store/channel/1/order/created@0s",
			"store/cart/converted@0s", "store/channel/1/cart/converted@0s",
			"store/order/statusUpdated@0s", "store/channel/1/order/statusUpdated@0s",
			"store/order/updated@0s", "store/channel/1/order/updated@0s",
		}},
		{"abandon_cart", scenarios.Action{Name: "abandon_cart", Store: "s", Channel: 2, CartID: "c"}, []string{
			"store/cart/created@0s", "store/channel/2/cart/created@0s",
			"store/cart/updated@0s", "store/channel/2/cart/updated@0s",
			"store/cart/abandoned@1h0m0s", "store/channel/2/cart/abandoned@1h0m0s",
		}},
		{"cancel_order reversed", scenarios.Action{Name: "cancel_order", Store: "s", Channel: 1, OrderID: 1, PreviousStatus: &prev, OutOfOrder: true}, []string{
			"store/channel/1/order/updated@0s", "store/order/updated@0s",
			"store/channel/1/order/statusUpdated@0s", "store/order/statusUpdated@0s",
		}},
		{"unknown", scenarios.Action{Name: "nope"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, r := range scenarios.Expand(tt.action) {
				got = append(got, r.Scope+"@"+r.After.String())
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("Expand = %v\nwant %v", got, tt.want)
			}
		})
	}
}

// TestExpandCopiesData checks that each RaiseStep owns its data.
func TestExpandCopiesData(t *testing.T) {
	st := scenarios.Step{Raise: &scenarios.Raise{Scope: "store/order/created", Store: "s", Count: 2,
		Data: map[string]any{"id": 1, "nested": map[string]any{"a": []any{1}}}}}
	rs := st.Raises()
	rs[0].Data["nested"].(map[string]any)["a"].([]any)[0] = 2
	if st.Raise.Data["nested"].(map[string]any)["a"].([]any)[0] != 1 || rs[1].Data["nested"].(map[string]any)["a"].([]any)[0] != 1 {
		t.Error("RaiseSteps share data with the scenario or with each other")
	}
}

func TestRaiseExpansion(t *testing.T) {
	st := scenarios.Step{Raise: &scenarios.Raise{Scope: "store/order/created", Store: "s", Count: 3, Duplicate: true, OutOfOrder: true}}
	rs := st.Raises()
	if len(rs) != 3 || rs[0].Copies != 2 || rs[0].After != time.Duration(0) {
		t.Errorf("Raises() = %+v, want 3 events raised twice each", rs)
	}
	if (scenarios.Step{Advance: new(scenarios.Duration)}).Raises() != nil {
		t.Error("an advance step raises events")
	}
}

func TestActions(t *testing.T) {
	want := []string{"abandon_cart", "cancel_order", "checkout", "refund_order", "ship_order", "update_inventory"}
	if got := scenarios.Actions(); !slices.Equal(got, want) {
		t.Errorf("Actions() = %v, want %v", got, want)
	}
}
