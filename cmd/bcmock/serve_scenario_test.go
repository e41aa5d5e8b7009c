package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/scenarios"
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

// servedScenario is a scenario that passes, on the real clock.
func servedScenario(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile("testdata/run/pass.yaml")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestServeScenarioRunsStepsOnDemandAndReloads checks the wiring of
// runner.Server (whose behaviour its own tests lock): the scenario
// endpoints in front of the mock, and --scenario-poll reloading the file.
func TestServeScenarioRunsStepsOnDemandAndReloads(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "served.yaml")
	if err := os.WriteFile(file, []byte(servedScenario(t)), 0o644); err != nil {
		t.Fatal(err)
	}
	base, logs, stop := startServe(t, []string{"--scenario", file, "--scenario-poll", "10ms"}, nil)

	code, got := getJSON(t, "GET", base+"/__bcmock/scenario", "")
	if code != 200 || got["name"] != "passes" || got["clock"] != "real" || got["next_step"] != 1.0 {
		t.Fatalf("GET scenario = %d %v", code, got)
	}
	// The mock itself is untouched behind the scenario endpoints.
	if code, health := getJSON(t, "GET", base+"/__bcmock/health", ""); code != 200 || health["status"] != "ok" {
		t.Errorf("health = %d %v", code, health)
	}
	code, got = getJSON(t, "POST", base+"/__bcmock/scenario/run", "")
	if code != 200 || got["passed"] != true || len(got["steps"].([]any)) != 2 {
		t.Fatalf("run = %d %v\n%s", code, got, logs.String())
	}
	// The scenario's own receiver is exempt from BigCommerce's destination rule.
	if strings.Contains(logs.String(), "would be rejected") {
		t.Errorf("the scenario's receiver was warned about:\n%s", logs.String())
	}

	changed := strings.Replace(servedScenario(t), "name: passes", "name: served-again", 1)
	if err := os.WriteFile(file, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	eventually(t, "the reload", func() bool {
		_, got := getJSON(t, "GET", base+"/__bcmock/scenario", "")
		return got["name"] == "served-again"
	})
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
	if err := os.WriteFile(good, []byte(servedScenario(t)), 0o644); err != nil {
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
		{"clock conflict", []string{"--scenario", good, "--clock", "fake"}, nil, "--clock fake: the scenario passes needs clock: real"},
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
	s, err := scenarios.Load("testdata/run/attempts.yaml")
	if err != nil {
		t.Fatal(err)
	}
	s.Setup.StrictDestinations = true
	dir := t.TempDir()
	accounts := filepath.Join(dir, "accounts.yaml")
	if err := os.WriteFile(accounts, []byte("accounts:\n  - token: from-file\n    client_id: file-client\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		args []string
		env  map[string]string
		want func(got *scenarios.Setup) // edits s.Setup into the expected setup
	}{
		{"nothing set: the scenario's setup", nil, nil, func(*scenarios.Setup) {}},
		{"flags and variables win", []string{"--seed", "9", "--retry-schedule", "1s", "--strict-destinations=false", "--accounts", accounts},
			map[string]string{"BCMOCK_CLOCK_START": "2031-01-01T00:00:00Z", "BCMOCK_DELIVERY_TIMEOUT": "2s"},
			func(w *scenarios.Setup) {
				w.Seed, w.RetrySchedule, w.StrictDestinations = 9, scenarios.Schedule{Schedule: bigcommerce.Schedule{time.Second}}, false
				w.Clock.Start, w.DeliveryTimeout = time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC), scenarios.Duration(2*time.Second)
				w.Accounts = []scenarios.Account{{Token: "from-file", ClientID: "file-client"}}
			}},
		{"a --clock that agrees", []string{"--clock", "fake"}, nil, func(*scenarios.Setup) {}},
		{"a --clock-start of a real-clock scenario is ignored", []string{"--clock-start", "yesterday"}, nil, nil},
	} {
		t.Run(tt.name, func(t *testing.T) {
			cfg, code := parseServe(append(tt.args, "--scenario", "x.yaml"), env(tt.env), io.Discard, io.Discard)
			if code >= 0 {
				t.Fatalf("parse: %d", code)
			}
			in := *s
			if tt.want == nil { // the real-clock case
				in.Setup.Clock = scenarios.Clock{Mode: scenarios.ClockReal}
			}
			got, err := cfg.setup(&in)
			if err != nil {
				t.Fatal(err)
			}
			want := in.Setup
			if tt.want != nil {
				tt.want(&want)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("setup =\n%+v\nwant\n%+v", got, want)
			}
		})
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
