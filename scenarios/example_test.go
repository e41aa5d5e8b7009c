package scenarios_test

import (
	"errors"
	"fmt"

	"github.com/bcmock/bcmock/scenarios"
)

// A scenario file is read with Load (or Parse, for bytes); every problem is
// reported at once with its position and, when bcmock can guess, a hint.
func ExampleParse() {
	src := []byte(`setup:
  stores: [abc123]
  hooks:
    - name: orders
      scope: store/order/statusUpdate
      receiver: ap
receivers:
  - name: app
    responses: [500, 500, 200]
steps:
  - raise: store/order/created
  - advance: 5
`)
	_, err := scenarios.Parse("order.yaml", src)
	var problems scenarios.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			fmt.Println(p)
		}
	}
	// Output:
	// order.yaml:5:14: setup.hooks[0].scope: "store/order/statusUpdate" is not a scope BigCommerce documents; did you mean "store/order/statusUpdated"?
	// order.yaml:6:17: setup.hooks[0].receiver: unknown receiver "ap"; did you mean receiver "app"?
	// order.yaml:12:14: steps[1].advance: "5" has no unit: write "5s" or "5ms"
}

// Load reads a file and applies the defaults: here BigCommerce's retry
// ladder, the default token and the checkout's order id.
func ExampleLoad() {
	s, err := scenarios.Load("examples/failing-receiver-recovers.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(s.Name, s.Setup.Clock.Mode, s.Setup.Clock.Start)
	fmt.Println("retries:", s.Setup.RetrySchedule)
	fmt.Println("hook token:", s.Setup.Hooks[0].Token)
	for i, st := range s.Steps {
		fmt.Println(i, st.Kind())
	}
	// Output:
	// failing-receiver-recovers fake 2025-03-01 09:00:00 +0000 UTC
	// retries: 60s,180s,300s,600s,900s,1800s,3600s,7200s,21600s,50400s,86400s
	// hook token: bcmock-token
	// 0 action
	// 1 expect
	// 2 advance
	// 3 expect
}

// Expand turns a business action into the events BigCommerce fires, so a
// runner only raises events.
func ExampleExpand() {
	prev := 11
	shipped := scenarios.Action{Name: "ship_order", Store: "abc123", Channel: 1, OrderID: 100, Status: 2, PreviousStatus: &prev}
	for _, r := range scenarios.Expand(shipped) {
		fmt.Println(r.Scope, r.Data)
	}
	// Output:
	// store/shipment/created map[orderId:100]
	// store/order/statusUpdated map[id:100 status:map[new_status_id:2 previous_status_id:11]]
	// store/channel/1/order/statusUpdated map[order_id:100]
	// store/order/updated map[id:100]
	// store/channel/1/order/updated map[order_id:100]
}

// Encode writes a scenario in the canonical form, defaults included; Parse
// reads it back unchanged.
func ExampleEncode() {
	s, err := scenarios.Parse("minimal.yaml", []byte("setup: {stores: [abc123], retry_schedule: \"30s,2m\"}\n"))
	if err != nil {
		fmt.Println(err)
		return
	}
	out, _ := scenarios.Encode(s)
	fmt.Print(string(out))
	// Output:
	// name: minimal
	// setup:
	//   stores: [abc123]
	//   seed: 1
	//   clock:
	//     mode: real
	//   retry_schedule: [30s, 2m]
	//   delivery_timeout: 10s
}

// Validate checks a scenario built in Go, after applying the defaults.
func ExampleScenario_Validate() {
	s := &scenarios.Scenario{
		Setup: scenarios.Setup{Stores: []string{"abc123"}, Clock: scenarios.Clock{Mode: scenarios.ClockReal}},
		Steps: []scenarios.Step{{Action: &scenarios.Action{Name: "abandon_cart"}}},
	}
	fmt.Println(s.Validate())
	// Output:
	// steps[0].action.name: abandon_cart spans an hour of store time, which needs the fake clock; set setup.clock: fake
}
