package runner_test

import (
	"context"
	"errors"
	"fmt"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"

	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/runner"
)

// Run sets a fresh mock up from the scenario, serves its receivers,
// registers its hooks and runs its steps; a failed expectation says what
// was expected, what happened and which attempts were made.
func ExampleRun() {
	src := []byte(`name: flaky-endpoint
setup:
  stores: [abc123]
  clock: {mode: fake, start: 2025-03-01T09:00:00Z}
  hooks:
    - {name: orders, scope: store/order/created, receiver: app}
receivers:
  - {name: app, responses: [500, 503, 200]}
steps:
  - raise: store/order/created
  - advance: 5m
  - expect:
      deliveries:
        - {hook: orders, attempts: 2, status: delivered}
`)
	s, err := scenarios.Parse("flaky.yaml", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	res := runner.Run(context.Background(), s, runner.WithSource("flaky.yaml", src))
	fmt.Println("passed:", res.Passed())
	fmt.Print(res.Report())
	// Output:
	// passed: false
	// step 3 expect (flaky.yaml:12:5): 1 delivery condition
	//   steps[2].expect.deliveries[0] (flaky.yaml:14:11): deliveries to hook orders
	//     attempts: expected 2, got 3
	//     deliveries seen:
	//       delivery 1: store/order/created to hook orders → receiver app /: delivered
	//         attempt 1  +0s  500  failure  HTTP 500 Internal Server Error
	//         attempt 2  +1m  503  failure  HTTP 503 Service Unavailable
	//         attempt 3  +4m  200  success
}

// A Session runs a scenario's steps on demand, as "bcmock serve
// --scenario" does through POST /__bcmock/scenario/run.
func ExampleStart() {
	s, err := scenarios.Parse("steps.yaml", []byte(`setup:
  stores: [abc123]
  hooks: [{name: orders, scope: store/order/*, receiver: app}]
receivers: [{name: app}]
steps:
  - action: checkout
  - expect:
      deliveries: [{hook: orders, count: 3, status: delivered}]
`))
	if err != nil {
		fmt.Println(err)
		return
	}
	se, err := runner.Start(context.Background(), s)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer se.Close()
	for _, r := range se.RunRemaining(context.Background()) {
		fmt.Printf("%d %s %q: %s (%s)\n", r.Number, r.Kind, r.Summary, r.Status, r.Done)
	}
	fmt.Println("callbacks:", len(se.Callbacks("app")))
	// Output:
	// 1 action "checkout": passed (14 events raised, 3 deliveries)
	// 2 expect "1 delivery condition": passed (held)
	// callbacks: 3
}

// A Server serves a scenario file as "bcmock serve --scenario" does: the
// scenario endpoints in front of its mock, and Reload (which Watch calls on
// every tick) to swap in an edit of the file.
func ExampleNewServer() {
	dir, err := os.MkdirTemp("", "example")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "served.yaml")
	src := "name: first\nsetup: {stores: [abc123]}\nsteps: [{raise: store/order/created}]\n"
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		fmt.Println(err)
		return
	}
	srv, err := runner.NewServer(file)
	if err != nil {
		fmt.Println(err)
		return
	}
	defer srv.Close()
	ts := httptest.NewServer(srv)
	defer ts.Close()
	if err := srv.Start(context.Background(), ts.URL); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("serving", srv.Session().Scenario().Name)

	_ = os.WriteFile(file, []byte(strings.Replace(src, "first", "second", 1)), 0o644)
	swapped, err := srv.Reload(context.Background())
	fmt.Println("reloaded:", swapped, err, "→", srv.Session().Scenario().Name)

	_ = os.WriteFile(file, []byte("name: broken\nsetup: {stores: [abc123]}\nsteps: [{advance: 5}]\n"), 0o644)
	_, err = srv.Reload(context.Background())
	fmt.Println("kept:", errors.Is(err, runner.ErrKeptScenario), "→", srv.Session().Scenario().Name)
	// Output:
	// serving first
	// reloaded: true <nil> → second
	// kept: true → second
}
