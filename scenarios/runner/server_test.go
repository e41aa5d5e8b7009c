package runner_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/runner"
)

// logBuffer collects a logger's text output, safe for concurrent writes.
type logBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
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

// served is a runner.Server of a scenario file, served over HTTP and
// started.
type served struct {
	file string
	srv  *runner.Server
	ts   *httptest.Server
	url  string
	logs *logBuffer
}

// serveFile writes src to a file and serves it with a runner.Server.
func serveFile(t *testing.T, src string, opts ...runner.Option) *served {
	t.Helper()
	file := filepath.Join(t.TempDir(), "served.yaml")
	write(t, file, src)
	logs := &logBuffer{}
	srv, err := runner.NewServer(file, append([]runner.Option{runner.WithLogger(slog.New(slog.NewTextHandler(logs, nil)))}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() { ts.Close(); _ = srv.Close() })
	if err := srv.Start(context.Background(), ts.URL); err != nil {
		t.Fatal(err)
	}
	return &served{file: file, srv: srv, ts: ts, url: ts.URL, logs: logs}
}

func write(t *testing.T, file, src string) {
	t.Helper()
	if err := os.WriteFile(file, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
}

// get decodes the JSON answer of a request to the served file.
func (s *served) get(t *testing.T, method, path string) (int, map[string]any) {
	t.Helper()
	return call(t, s.ts, method, path, "", "", false)
}

func TestServerServesTheScenarioInFrontOfTheMock(t *testing.T) {
	s := serveFile(t, servedScenario)
	code, got := s.get(t, "GET", adminapi.ScenarioPath)
	if code != 200 || got["name"] != "served" || got["clock"] != "fake" || got["next_step"] != 1.0 {
		t.Fatalf("GET scenario = %d %v", code, got)
	}
	if code, health := s.get(t, "GET", "/__bcmock/health"); code != 200 || health["status"] != "ok" {
		t.Errorf("the mock behind it: health = %d %v", code, health)
	}
	code, got = s.get(t, "POST", adminapi.ScenarioRunPath)
	if code != 200 || got["passed"] != true || len(got["steps"].([]any)) != 3 {
		t.Fatalf("run = %d %v\n%s", code, got, s.logs)
	}
	if _, clk := s.get(t, "GET", "/__bcmock/clock"); clk["now"] != "2025-01-01T00:01:00Z" {
		t.Errorf("the scenario ran on another mock: clock = %v", clk)
	}
	contains(t, s.logs.String(), "scenario ready", "scenario receiver", "scenario hook", "POST "+s.url+adminapi.ScenarioRunPath)
	if strings.Contains(s.logs.String(), "would be rejected") {
		t.Errorf("the scenario's own receiver was warned about:\n%s", s.logs)
	}
}

func TestServerReloadsAValidEditAndKeepsTheScenarioOnAnInvalidOne(t *testing.T) {
	s := serveFile(t, servedScenario)
	ctx := context.Background()
	if swapped, err := s.srv.Reload(ctx); swapped || err != nil {
		t.Fatalf("Reload of an unchanged file = %t, %v", swapped, err)
	}
	before := s.srv.Mock()

	changed := strings.Replace(servedScenario, "name: served", "name: served-again", 1)
	changed = strings.Replace(changed, "2025-01-01T00:00:00Z", "2030-01-01T00:00:00Z", 1)
	write(t, s.file, changed)
	if swapped, err := s.srv.Reload(ctx); !swapped || err != nil {
		t.Fatalf("Reload of a valid edit = %t, %v\n%s", swapped, err, s.logs)
	}
	if _, got := s.get(t, "GET", adminapi.ScenarioPath); got["name"] != "served-again" {
		t.Errorf("after the reload the scenario is %v", got["name"])
	}
	if s.srv.Mock() == before {
		t.Error("the reload kept the old mock")
	}
	if _, clk := s.get(t, "GET", "/__bcmock/clock"); clk["now"] != "2030-01-01T00:00:00Z" {
		t.Errorf("after the reload the clock is %v, want the new setup's start", clk["now"])
	}
	contains(t, s.logs.String(), "scenario reloaded")

	write(t, s.file, changed+"  - raies: x\n  - advance: 5\n")
	swapped, err := s.srv.Reload(ctx)
	var problems scenarios.Problems
	if swapped || !errors.Is(err, runner.ErrKeptScenario) || !errors.As(err, &problems) || len(problems) != 2 {
		t.Fatalf("Reload of an invalid edit = %t, %v", swapped, err)
	}
	contains(t, s.logs.String(), `unknown key \"raies\"`, `has no unit`, "scenario file changed but is invalid; keeping the previous one")
	if _, got := s.get(t, "GET", adminapi.ScenarioPath); got["name"] != "served-again" {
		t.Errorf("an invalid file replaced the scenario: %v", got["name"])
	}
	if swapped, err := s.srv.Reload(ctx); swapped || err != nil {
		t.Errorf("the same invalid bytes were looked at again: %t, %v", swapped, err)
	}

	if err := os.Remove(s.file); err != nil {
		t.Fatal(err)
	}
	for range 2 {
		if _, err := s.srv.Reload(ctx); !errors.Is(err, runner.ErrKeptScenario) {
			t.Errorf("Reload of a missing file = %v", err)
		}
	}
	if n := strings.Count(s.logs.String(), "scenario file cannot be read"); n != 1 {
		t.Errorf("a missing file was logged %d times, want once", n)
	}
}

func TestServerWatchReloadsOnEachTick(t *testing.T) {
	s := serveFile(t, servedScenario)
	ctx, cancel := context.WithCancel(context.Background())
	ticks := make(chan time.Time)
	done := make(chan struct{})
	go func() { s.srv.Watch(ctx, ticks); close(done) }()
	write(t, s.file, strings.Replace(servedScenario, "name: served", "name: watched", 1))
	ticks <- time.Time{} // Watch reloads
	ticks <- time.Time{} // taken only once that reload is done
	cancel()
	<-done
	if se := s.srv.Session(); se == nil || se.Scenario().Name != "watched" {
		t.Errorf("Watch did not reload on a tick: session %v", se)
	}
}

func TestNewServerRefuses(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.yaml")
	write(t, bad, "setup:\n  stores: [abc123]\nsteps:\n  - advance: 5\n")
	good := filepath.Join(dir, "good.yaml")
	write(t, good, servedScenario)
	for _, tt := range []struct {
		name string
		file string
		opts []runner.Option
		want string
	}{
		{"invalid file", bad, nil, `steps[0].advance: "5" has no unit`},
		{"missing file", filepath.Join(dir, "none.yaml"), nil, "read scenario"},
		{"mock URL", good, []runner.Option{runner.WithMockURL("http://127.0.0.1:1")}, "the server's own"},
		{"mock options that fail", good, []runner.Option{runner.WithMockOptionsFunc(func(*scenarios.Scenario) ([]mock.Option, error) {
			return nil, errors.New("no such flag")
		})}, "no such flag"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			srv, err := runner.NewServer(tt.file, tt.opts...)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("NewServer = %v, %v; want an error with %q", srv, err, tt.want)
			}
		})
	}
}

func TestStrictDestinationsExemptTheScenariosReceivers(t *testing.T) {
	strict := strings.Replace(servedScenario, "  retry_schedule: [1m]\n", "  retry_schedule: [1m]\n  strict_destinations: true\n", 1)
	s := serveFile(t, strict)
	if code, got := s.get(t, "POST", adminapi.ScenarioRunPath); code != 200 || got["passed"] != true {
		t.Fatalf("the scenario with its receiver did not pass under strict destinations: %d %v\n%s", code, got, s.logs)
	}
	if strings.Contains(s.logs.String(), "would be rejected") || strings.Contains(s.logs.String(), "not applied") {
		t.Errorf("the scenario's own receiver was warned about:\n%s", s.logs)
	}
	// Any other client's hook still follows BigCommerce's rule.
	req, _ := http.NewRequest("POST", s.url+"/stores/abc123/v3/hooks", strings.NewReader(`{"scope":"store/order/created","destination":"http://127.0.0.1:1/app"}`))
	req.Header.Set("X-Auth-Token", "t")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("an app's http destination under strict_destinations = %d, want 422", resp.StatusCode)
	}
}

// TestServerIsHealthyOnlyOnceTheScenarioIsSetUp checks health answers 503
// until Start has set the scenario up, so a container's wait strategy does
// not let a test in before the hooks exist.
func TestServerIsHealthyOnlyOnceTheScenarioIsSetUp(t *testing.T) {
	file := filepath.Join(t.TempDir(), "served.yaml")
	write(t, file, servedScenario)
	srv, err := runner.NewServer(file)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() { ts.Close(); _ = srv.Close() })
	if code, got := call(t, ts, "GET", "/__bcmock/health", "", "", false); code != 503 || !strings.Contains(fmt.Sprint(got["detail"]), "being set up") {
		t.Fatalf("health before Start = %d %v, want 503 saying it is being set up", code, got)
	}
	if err := srv.Start(t.Context(), ts.URL); err != nil {
		t.Fatal(err)
	}
	if code, got := call(t, ts, "GET", "/__bcmock/health", "", "", false); code != 200 {
		t.Fatalf("health after Start = %d %v", code, got)
	}
}
