package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// getJSON fetches url and decodes its JSON answer.
func getJSON(t *testing.T, method, url, body string) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatalf("%s %s: not JSON: %s", method, url, raw)
	}
	return resp.StatusCode, out
}

// eventually polls cond until it holds, failing the test shortly before
// the test binary's deadline (see waitDeadline).
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := waitDeadline(t)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond) // polling, not an assertion
	}
}

const servedScenario = `name: served
setup:
  stores: [abc123]
  clock: {mode: fake, start: 2025-01-01T00:00:00Z}
  retry_schedule: [1m]
  hooks:
    - {name: orders, scope: store/order/created, receiver: app}
receivers:
  - {name: app, responses: [500, 200]}
steps:
  - raise: store/order/created
  - advance: 1m
  - expect:
      deliveries: [{hook: orders, attempts: 2, status: delivered, signature: valid}]
`

func TestServeScenarioRunsStepsOnDemandAndReloads(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "served.yaml")
	if err := os.WriteFile(file, []byte(servedScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	base, logs, stop := startServe(t, []string{"--scenario", file, "--scenario-poll", "10ms"}, nil)

	code, got := getJSON(t, "GET", base+"/__bcmock/scenario", "")
	if code != 200 || got["name"] != "served" || got["clock"] != "fake" || got["next_step"] != 1.0 {
		t.Fatalf("GET scenario = %d %v", code, got)
	}
	// The mock itself is untouched behind the scenario endpoints.
	if code, health := getJSON(t, "GET", base+"/__bcmock/health", ""); code != 200 || health["status"] != "ok" {
		t.Errorf("health = %d %v", code, health)
	}
	code, got = getJSON(t, "POST", base+"/__bcmock/scenario/run", "")
	if code != 200 || got["passed"] != true || len(got["steps"].([]any)) != 3 {
		t.Fatalf("run = %d %v\n%s", code, got, logs.String())
	}
	// The scenario's hook lives in the served mock, with the setup's clock.
	if code, clk := getJSON(t, "GET", base+"/__bcmock/clock", ""); code != 200 || clk["now"] != "2025-01-01T00:01:00Z" {
		t.Errorf("clock = %v", clk)
	}
	for _, want := range []string{"scenario ready", "scenario receiver", "scenario hook"} {
		if !strings.Contains(logs.String(), want) {
			t.Errorf("log lacks %q", want)
		}
	}

	// A valid change replaces the mock and sets the new scenario up.
	changed := strings.Replace(servedScenario, "name: served", "name: served-again", 1)
	changed = strings.Replace(changed, "2025-01-01T00:00:00Z", "2030-01-01T00:00:00Z", 1)
	if err := os.WriteFile(file, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the reload", func() bool {
		_, got := getJSON(t, "GET", base+"/__bcmock/scenario", "")
		return got["name"] == "served-again"
	})
	if _, clk := getJSON(t, "GET", base+"/__bcmock/clock", ""); clk["now"] != "2030-01-01T00:00:00Z" {
		t.Errorf("after the reload the clock is %v, want the new setup's start", clk["now"])
	}
	if _, evs := getJSON(t, "GET", base+"/__bcmock/events", ""); len(evs["data"].([]any)) != 0 {
		t.Errorf("the old events survived the reload: %v", evs)
	}

	// An invalid change is logged, problem by problem, and the scenario stays.
	if err := os.WriteFile(file, []byte(changed+"  - raies: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the problem log", func() bool { return strings.Contains(logs.String(), `unknown key \"raies\"`) })
	if !strings.Contains(logs.String(), "keeping the previous one") {
		t.Errorf("log lacks the decision:\n%s", logs.String())
	}
	if _, got := getJSON(t, "GET", base+"/__bcmock/scenario", ""); got["name"] != "served-again" {
		t.Errorf("an invalid file replaced the scenario: %v", got["name"])
	}
	if code := stop(); code != 0 {
		t.Errorf("exit code %d\n%s", code, logs.String())
	}
}

func TestServeScenarioRefusesAnInvalidFile(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("setup:\n  stores: [abc123]\nsteps:\n  - advance: 5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := filepath.Join(dir, "good.yaml")
	if err := os.WriteFile(good, []byte(servedScenario), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
		env  map[string]string
		err  string
	}{
		{"invalid", []string{"--scenario", bad}, nil, bad + `:4:14: steps[0].advance: "5" has no unit`},
		{"missing", nil, map[string]string{"BCMOCK_SCENARIO": filepath.Join(dir, "none.yaml")}, "read scenario"},
		{"clock conflict", []string{"--scenario", good, "--clock", "real"}, nil, "--clock real: the scenario served needs clock: fake"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append([]string{"serve", "--addr", "127.0.0.1:0"}, tt.args...), env(tt.env), &stdout, &stderr)
			if code != exitUsage || !strings.Contains(stderr.String(), tt.err) {
				t.Errorf("exit %d, want 2 with %q:\n%s", code, tt.err, stderr.String())
			}
		})
	}
}

func TestFlagsWinOverTheScenario(t *testing.T) {
	s, _, err := readScenario("testdata/run/attempts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	parse := func(args []string, vars map[string]string) serveConfig {
		t.Helper()
		cfg, code := parseServe(append(args, "--scenario", "x.yaml"), env(vars), io.Discard, io.Discard)
		if code >= 0 {
			t.Fatalf("parse: %d", code)
		}
		return cfg
	}
	eff, extra, err := parse(nil, nil).withScenario(s)
	if err != nil {
		t.Fatal(err)
	}
	if *eff.clockMode != "fake" || *eff.clockStart != "2025-01-01T00:00:00Z" || *eff.seed != 1 ||
		*eff.retrySchedule != "60s,180s,300s,600s,900s,1800s,3600s,7200s,21600s,50400s,86400s" || *eff.deliveryTimeout != 10*time.Second || len(extra) != 0 {
		t.Errorf("scenario values not applied: clock %s %s seed %d schedule %s timeout %s", *eff.clockMode, *eff.clockStart, *eff.seed, *eff.retrySchedule, *eff.deliveryTimeout)
	}
	eff, _, err = parse([]string{"--seed", "9", "--retry-schedule", "1s"}, map[string]string{"BCMOCK_CLOCK_START": "2031-01-01T00:00:00Z", "BCMOCK_DELIVERY_TIMEOUT": "2s"}).withScenario(s)
	if err != nil {
		t.Fatal(err)
	}
	if *eff.seed != 9 || *eff.retrySchedule != "1s" || *eff.clockStart != "2031-01-01T00:00:00Z" || *eff.deliveryTimeout != 2*time.Second || *eff.clockMode != "fake" {
		t.Errorf("flags and variables did not win: seed %d schedule %s start %s timeout %s", *eff.seed, *eff.retrySchedule, *eff.clockStart, *eff.deliveryTimeout)
	}
}

func TestTrigger(t *testing.T) {
	base, _, stop := startServe(t, nil, nil)
	defer stop()
	req, _ := http.NewRequest("POST", base+"/stores/abc/v3/hooks", strings.NewReader(`{"scope":"store/order/*","destination":"http://127.0.0.1:1/x"}`))
	req.Header.Set("X-Auth-Token", "t")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()

	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		code   int
		stdout []string
		stderr string
	}{
		{"matched", []string{"--url", base, "--store", "abc", "store/order/created", "--data", `{"id":250}`}, nil, 0,
			[]string{"raised store/order/created in store abc", "event:  1", "hash:   ", "hooks:  1 (1 delivery; see " + base + "/__bcmock/deliveries?event=1)"}, ""},
		{"nothing matched", []string{"store/cart/created"}, map[string]string{"BCMOCK_URL": base, "BCMOCK_STORE": "abc"}, 0,
			[]string{"hooks:  none matched"}, ""},
		{"unknown scope", []string{"--url", base, "--store", "abc", "store/order/create"}, nil, 2, nil,
			`the mock refused the event: scope: "store/order/create" is not an event BigCommerce documents; did you mean "store/order/created"?`},
		{"wildcard", []string{"--url", base, "--store", "abc", "store/order/*"}, nil, 2, nil, "is a wildcard subscription; raise one concrete event"},
		{"bad data", []string{"--url", base, "--store", "abc", "--data", "{id:1}", "store/order/created"}, nil, 2, nil, "--data is not JSON"},
		{"no store", []string{"--url", base, "store/order/created"}, nil, 2, nil, "--store is required"},
		{"no scope", []string{"--url", base, "--store", "abc"}, nil, 2, nil, "no scope given"},
		{"two scopes", []string{"--store", "abc", "a", "b"}, nil, 2, nil, "want one scope, got 2"},
		{"unreachable", []string{"--url", "http://127.0.0.1:1", "--store", "abc", "store/order/created"}, nil, 1, nil,
			`cannot reach bcmock at http://127.0.0.1:1 (is "bcmock serve" running there? see --url)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append([]string{"trigger"}, tt.args...), env(tt.env), &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d\n%s%s", code, tt.code, stdout.String(), stderr.String())
			}
			for _, w := range tt.stdout {
				if !strings.Contains(stdout.String(), w) {
					t.Errorf("stdout lacks %q:\n%s", w, stdout.String())
				}
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr.String())
			}
		})
	}
}
