package runner_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/runner"
)

// parse reads an inline scenario, failing the test on problems.
func parse(t testing.TB, name, src string) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Parse(name, []byte(src))
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	return s
}

// runSrc runs an inline scenario with positions.
func runSrc(t testing.TB, name, src string, opts ...runner.Option) runner.Result {
	t.Helper()
	s := parse(t, name, src)
	return runner.Run(context.Background(), s, append([]runner.Option{runner.WithSource(name, []byte(src))}, opts...)...)
}

// mustPass fails the test with the run's report unless it passed.
func mustPass(t testing.TB, res runner.Result) {
	t.Helper()
	if !res.Passed() {
		t.Fatalf("scenario %s failed:\n%s", res.Name, res.Report())
	}
}

// contains fails the test for every want missing from got.
func contains(t testing.TB, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
}

func TestFailuresSayWhatToFix(t *testing.T) {
	const head = `
setup:
  stores: [abc123]
  clock: {mode: fake, start: 2025-01-01T00:00:00Z}
  retry_schedule: [1m, 3m]
  hooks:
    - {name: orders, scope: store/order/*, receiver: app}
    - {name: exceptions, scope: store/hook/deliveryException, receiver: alerts}
receivers:
  - name: app
    responses: [500, 500, 200]
  - name: alerts
steps:
  - raise: store/order/created
`
	tests := []struct {
		name  string
		steps string
		want  []string
	}{
		{"count", `
  - expect:
      deliveries:
        - {hook: orders, scope: store/order/updated, count: 1}
`, []string{
			"step 2 expect (count.yaml:15:5)",
			"steps[1].expect.deliveries[0] (count.yaml:17:11): deliveries of store/order/updated to hook orders",
			"count: expected 1, got 0",
			"note: deliveries to hook orders are of other scopes: store/order/created ×1",
		}},
		{"attempts", `
  - advance: 5m
  - expect:
      deliveries:
        - hook: orders
          attempts: 2
          outcomes: [failure, success]
          offsets: [0s, 2m]
`, []string{
			"step 3 expect (attempts.yaml:16:5)",
			"attempts: expected 2, got 3",
			"outcomes: expected [failure, success], got [failure, failure, success]",
			"offsets: expected [0s, 2m], got [0s, 1m, 4m]",
			"delivery 1: store/order/created to hook orders → receiver app /: delivered",
			"attempt 1  +0s  500  failure  HTTP 500 Internal Server Error",
			"attempt 3  +4m  200  success",
		}},
		{"pending", `
  - expect:
      deliveries:
        - {hook: orders, status: delivered}
`, []string{"status: expected delivered, got pending", "pending, next attempt at +1m"}},
		{"signature", `
  - expect:
      deliveries:
        - {hook: orders, signature: absent}
`, []string{"signature: expected absent, got valid"}},
		{"distinct hashes", `
  - raise: {scope: store/order/created, count: 2}
  - expect:
      deliveries:
        - {hook: orders, count: 3, distinct_hashes: 1}
`, []string{"distinct_hashes: expected 1, got 3"}},
		{"hook status", `
  - expect:
      hooks:
        - {name: orders, status: deactivated}
`, []string{"hook orders (id 1 in store abc123)", "status: expected deactivated, got active", "has the clock moved far enough?"}},
		{"exceptions", `
  - expect:
      exceptions:
        - {hook: orders, error_code: 90002}
`, []string{"store/hook/deliveryException 90002 events about hook orders", "count: expected at least 1, got 0", "exceptions about the hook: 90001 ×1"}},
		{"blocklist", `
  - expect:
      blocklist:
        - {receiver: app}
`, []string{"the domain of receiver app (http://127.0.0.1:", "for token bcmock-token", "blocked: expected true, got false", "100 attempts to it within 2 minutes"}},
		{"wait", `
  - wait:
      until:
        deliveries:
          - {hook: orders, status: delivered}
      timeout: 30ms
`, []string{"step 2 wait", "steps[1].wait.until.deliveries[0]", "status: expected delivered, got pending", "still not true after waiting 30ms (wall clock)"}},
		{"step cannot run", `
  - raise: {scope: store/order/created, data: {id: {nested: 1}}}
`, []string{"step 2 raise (step cannot run.yaml:15:5)", "could not run: raise event store/order/created", "422", "cannot replace"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			res := runSrc(t, tt.name+".yaml", head+strings.TrimPrefix(tt.steps, "\n"))
			if res.Passed() {
				t.Fatal("the scenario passed; it should fail")
			}
			step := res.FailedStep()
			if step == nil {
				t.Fatalf("no failed step; err = %v", res.Err)
			}
			contains(t, res.Report(), tt.want...)
			for _, later := range res.Steps[step.Number:] {
				if later.Status != runner.StepSkipped {
					t.Errorf("step %d after the failure is %s, want skipped", later.Number, later.Status)
				}
			}
		})
	}
}

func TestEveryConditionOfAStepIsReported(t *testing.T) {
	res := runSrc(t, "many.yaml", `
setup:
  stores: [abc123]
  hooks: [{name: orders, scope: store/order/created, receiver: app}]
receivers: [{name: app}]
steps:
  - raise: store/order/created
  - expect:
      deliveries:
        - {hook: orders, count: 2}
        - {hook: orders, status: pending}
      hooks:
        - {name: orders, status: inactive}
`)
	step := res.FailedStep()
	if step == nil || len(step.Failures) != 3 {
		t.Fatalf("want 3 failures, got %+v", step)
	}
	for i, path := range []string{"steps[1].expect.deliveries[0]", "steps[1].expect.deliveries[1]", "steps[1].expect.hooks[0]"} {
		if step.Failures[i].Path != path || step.Failures[i].Pos.Line == 0 {
			t.Errorf("failure %d at %s (%s), want %s with a position", i, step.Failures[i].Path, step.Failures[i].Pos, path)
		}
	}
}

func TestReceiversFollowTheirScript(t *testing.T) {
	src := `
setup:
  stores: [abc123]
  clock: {mode: fake, start: 2025-01-01T00:00:00Z}
  retry_schedule: [1m, 1m, 1m, 1m]
  delivery_timeout: 500ms # the hang costs this much wall time; a 1 ms answer fits in it even on a loaded machine
  hooks:
    - {name: orders, scope: store/order/created, receiver: app, path: /hooks}
receivers:
  - name: app
    responses: [500, close, timeout, {status: 201, delay: 1ms, body: thanks, headers: {X-A: b}}, 204]
steps:
  - raise: store/order/created
  - advance: 4m
  - expect:
      deliveries:
        - hook: orders
          outcomes: [failure, failure, failure, success]
          offsets: [0s, 1m, 2m, 3m]
          status: delivered
          signature: valid
  - raise: store/order/created
  - expect:
      deliveries:
        - {hook: orders, count: 2}
`
	s := parse(t, "script.yaml", src)
	se, err := runner.Start(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	defer se.Close()
	for _, r := range se.RunRemaining(context.Background()) {
		if r.Failed() {
			t.Fatalf("%s", r.Report())
		}
	}
	calls := se.Callbacks("app")
	var answers []string
	for _, c := range calls {
		answers = append(answers, c.Answer)
		if c.Path != "/hooks" || c.MessageID == "" || len(c.Body) == 0 {
			t.Errorf("callback %+v: want path /hooks, a webhook-id and a body", c)
		}
	}
	if got, want := strings.Join(answers, ","), "500,close,timeout,201 after 1ms,204"; got != want {
		t.Errorf("answers = %s, want %s (the last response repeats)", got, want)
	}
	attempts, err := se.Admin().Attempts(context.Background(), adminapi.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(attempts) != 5 || attempts[3].ResponseStatus != 201 || attempts[3].ResponseBody != "thanks" || !strings.Contains(attempts[2].Error, "timeout") {
		t.Errorf("attempts = %+v", attempts)
	}
}

func TestTargetReplacesAReceiver(t *testing.T) {
	var mu sync.Mutex
	var paths []string
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		paths = append(paths, r.URL.Path)
		mu.Unlock()
		w.WriteHeader(http.StatusAccepted)
	}))
	defer app.Close()
	res := runSrc(t, "target.yaml", `
setup:
  stores: [abc123]
  accounts: [{token: app-token, client_id: my-app, client_secret: s3cr3t}]
  hooks:
    - {name: orders, scope: store/order/created, receiver: app, path: /webhooks/orders}
receivers:
  - name: app
    responses: [500]               # unused: the real app answers
steps:
  - raise: store/order/created
  - expect:
      deliveries:
        - {receiver: app, count: 1, status: delivered, signature: valid}
`, runner.WithTarget("app", app.URL+"/base"))
	mustPass(t, res)
	mu.Lock()
	defer mu.Unlock()
	if len(paths) != 1 || paths[0] != "/base/webhooks/orders" {
		t.Errorf("the app got %v, want one callback at /base/webhooks/orders", paths)
	}
}

func TestBadOptionsAndTargets(t *testing.T) {
	s := parse(t, "opts.yaml", "setup: {stores: [abc123]}\nreceivers: [{name: app}]\n")
	for name, opt := range map[string]runner.Option{
		"unknown receiver": runner.WithTarget("ap", "http://127.0.0.1:1"),
		"not a URL":        runner.WithTarget("app", "localhost:3000"),
		"nil logger":       runner.WithLogger(nil),
	} {
		t.Run(name, func(t *testing.T) {
			res := runner.Run(context.Background(), s, opt)
			if !errors.Is(res.Err, runner.ErrBadOption) || res.Passed() {
				t.Errorf("err = %v, want ErrBadOption", res.Err)
			}
			if !strings.Contains(res.Report(), "could not run scenario opts") {
				t.Errorf("report = %q", res.Report())
			}
		})
	}
	if res := runner.Run(context.Background(), nil); res.Err == nil {
		t.Error("a nil scenario ran")
	}
}

// A mock given with WithMockURL is driven over HTTP only: the runner cannot
// reconfigure it, so a clock that disagrees with the scenario is refused,
// and duplicates are raised again with the same data.
func TestDrivesARunningMock(t *testing.T) {
	realSrv, err := mock.New()
	if err != nil {
		t.Fatal(err)
	}
	defer realSrv.Close()
	realTS := httptest.NewServer(realSrv)
	defer realTS.Close()
	fake := parse(t, "fake.yaml", "setup: {stores: [abc123], clock: fake}\n")
	res := runner.Run(context.Background(), fake, runner.WithMockURL(realTS.URL))
	contains(t, res.Report(), "the scenario needs a fake clock, but the mock at "+realTS.URL+" runs a real one (start it with --clock fake)")

	srv, err := mock.New(mock.WithClock(clock.NewFake(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ts := httptest.NewServer(srv)
	defer ts.Close()
	res = runSrc(t, "remote.yaml", `
setup:
  stores: [remote1]
  clock: fake
  hooks: [{name: orders, scope: store/order/created, receiver: app}]
receivers: [{name: app}]
steps:
  - raise: {scope: store/order/created, data: {id: 7}, duplicate: true}
  - expect:
      deliveries:
        - {hook: orders, count: 2, distinct_hashes: 1, status: delivered, signature: valid}
`, runner.WithMockURL(ts.URL+"/"))
	mustPass(t, res)
	events, err := adminapi.New(ts.URL, ts.Client()).Events(context.Background(), adminapi.Query{Store: "remote1"})
	if err != nil {
		t.Fatal(err)
	}
	if n := len(events); n != 2 {
		t.Errorf("the running mock recorded %d events, want 2", n)
	}
}

func TestRealClockSettlesBeforeEachStep(t *testing.T) {
	res := runSrc(t, "real.yaml", `
setup:
  stores: [abc123]
  hooks:
    - {name: orders, scope: store/order/created, receiver: app}
    - {name: exceptions, scope: store/hook/deliveryException, receiver: alerts}
receivers:
  - {name: app, responses: [{status: 503, delay: 5ms}]}
  - name: alerts
steps:
  - raise: store/order/created
  - expect:                          # no wait needed: the attempt is made before this step
      deliveries:
        - {hook: orders, attempts: 1, outcomes: [failure], status: pending}
      exceptions:
        - {hook: orders, error_code: 90001, count: 1}
  - wait:
      until:
        deliveries:
          - {hook: exceptions, status: delivered}
`)
	mustPass(t, res)
}

func TestSessionRunsStepsOneAtATime(t *testing.T) {
	s := parse(t, "steps.yaml", `
setup:
  stores: [abc123]
  hooks: [{name: orders, scope: store/order/created, receiver: app}]
receivers: [{name: app}]
steps:
  - raise: store/order/created
  - expect:
      deliveries: [{hook: orders, count: 1}]
  - hook: {delete: orders}
  - expect:
      hooks: [{name: orders, status: deleted}]
`)
	var seen []string
	se, err := runner.Start(context.Background(), s, runner.WithProgress(func(r runner.StepResult) {
		seen = append(seen, string(r.Status))
	}))
	if err != nil {
		t.Fatal(err)
	}
	defer se.Close()
	if se.Next() != 1 {
		t.Fatalf("next = %d", se.Next())
	}
	if r := se.RunStep(context.Background(), 2); !r.Failed() {
		t.Error("expecting a delivery before any raise passed")
	}
	if se.Next() != 3 {
		t.Errorf("after step 2 next = %d, want 3", se.Next())
	}
	if r := se.RunStep(context.Background(), 1); r.Failed() {
		t.Fatal(r.Report())
	}
	if r := se.RunStep(context.Background(), 2); r.Failed() {
		t.Fatal(r.Report())
	}
	for _, r := range se.RunRemaining(context.Background()) {
		if r.Failed() {
			t.Fatal(r.Report())
		}
	}
	if se.Next() != 0 {
		t.Errorf("next = %d after the last step, want 0", se.Next())
	}
	if r := se.RunStep(context.Background(), 9); !errors.Is(r.Err, runner.ErrNoStep) {
		t.Errorf("step 9: %v", r.Err)
	}
	if got := strings.Join(seen, ","); got != "running,failed,running,passed,running,passed,running,passed,running,passed" {
		t.Errorf("progress = %s", got)
	}
	status := se.Status()
	if status[0].Status != runner.StepPassed || status[3].Status != runner.StepPassed || status[3].Done == "" && status[2].Done == "" {
		t.Errorf("status = %+v", status)
	}
}

func TestStepResultsPassed(t *testing.T) {
	passed, failed := runner.StepResult{Status: runner.StepPassed}, runner.StepResult{Status: runner.StepFailed}
	tests := []struct {
		name string
		rs   runner.StepResults
		want bool
	}{
		{"none ran", nil, true},
		{"all passed", runner.StepResults{passed, passed}, true},
		{"the last failed", runner.StepResults{passed, failed}, false},
	}
	for _, tt := range tests {
		if got := tt.rs.Passed(); got != tt.want {
			t.Errorf("%s: Passed() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestArrivalOrder checks the arrival expectation: a reorder fault's
// deliveries arrive reversed, and an expectation of the other order fails
// naming both orders.
func TestArrivalOrder(t *testing.T) {
	const src = `
setup:
  stores: [abc123]
  clock: {mode: fake, start: 2025-01-01T00:00:00Z}
  hooks:
    - {name: orders, scope: store/order/updated, receiver: app}
receivers:
  - name: app
steps:
  - raise: {scope: store/order/updated, count: 3, faults: [reorder]}
  - expect:
      deliveries:
        - {hook: orders, count: 3, arrival: %s}
`
	tests := []struct {
		order    string
		pass     bool
		failWith []string
	}{
		{"reversed", true, nil},
		{"raised", false, []string{"arrival", "raised: #1, #2, #3", "#3, #2, #1"}},
	}
	for _, tc := range tests {
		t.Run(tc.order, func(t *testing.T) {
			res := runSrc(t, "arrival.yaml", fmt.Sprintf(src, tc.order))
			if res.Passed() != tc.pass {
				t.Fatalf("passed = %v, want %v:\n%s", res.Passed(), tc.pass, res.Report())
			}
			contains(t, res.Report(), tc.failWith...)
		})
	}
}
