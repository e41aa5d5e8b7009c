package main

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// syncBuffer is a bytes.Buffer safe to read while the server writes logs.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func env(vars map[string]string) func(string) string {
	return func(k string) string { return vars[k] }
}

func TestCommands(t *testing.T) {
	dir := t.TempDir()
	badAccounts := filepath.Join(dir, "accounts.yaml")
	if err := os.WriteFile(badAccounts, []byte("accounts:\n  - tokn: x\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		code   int
		stdout string
		stderr string
	}{
		{"no command", nil, nil, 2, "", "Usage:"},
		{"help", []string{"help"}, nil, 0, "bcmock serve", ""},
		{"--help", []string{"--help"}, nil, 0, "Usage:", ""},
		{"version", []string{"version"}, nil, 0, "bcmock ", ""},
		{"unknown command", []string{"frobnicate"}, nil, 2, "", `unknown command "frobnicate"`},
		{"serve --help lists env vars", []string{"serve", "--help"}, nil, 0, "BCMOCK_ADDR", ""},
		{"serve unknown flag", []string{"serve", "--nope"}, nil, 2, "", "bcmock serve: unknown flag --nope"},
		{"serve stray argument", []string{"serve", "extra"}, nil, 2, "", "unexpected arguments: extra"},
		{"bad bool env", []string{"serve"}, map[string]string{"BCMOCK_STRICT_DESTINATIONS": "maybe"}, 2, "", "BCMOCK_STRICT_DESTINATIONS"},
		{"bad duration env", []string{"serve"}, map[string]string{"BCMOCK_SHUTDOWN_TIMEOUT": "soon"}, 2, "", "BCMOCK_SHUTDOWN_TIMEOUT"},
		{"bad log format", []string{"serve", "--log-format", "xml"}, nil, 2, "", "--log-format"},
		{"bad log level", []string{"serve", "--log-level", "loud"}, nil, 2, "", "--log-level"},
		{"missing accounts file", []string{"serve", "--accounts", filepath.Join(dir, "none.yaml")}, nil, 2, "", "load accounts"},
		{"accounts file with a typo", []string{"serve", "--accounts", badAccounts}, nil, 2, "", "tokn"},
		{"missing spec", []string{"serve", "--spec", filepath.Join(dir, "none.yaml")}, nil, 2, "", "load spec"},
		{"address in use or invalid", []string{"serve", "--addr", "256.0.0.1:1"}, nil, 1, "", "bcmock serve:"},
		{"bad clock mode", []string{"serve", "--clock", "slow"}, nil, 2, "", "--clock \"slow\""},
		{"bad clock start", []string{"serve", "--clock", "fake", "--clock-start", "yesterday"}, nil, 2, "", "--clock-start"},
		{"bad retry schedule", []string{"serve", "--retry-schedule", "soon,later"}, nil, 2, "", "--retry-schedule"},
		// One duration rule, the scenario files': a unit on every number.
		{"retry delay without unit", []string{"serve", "--retry-schedule", "5"}, nil, 2, "", `--retry-schedule: delay 1: "5" has no unit: write "5s" or "5ms"`},
		{"retry delay in days", []string{"serve", "--retry-schedule", "1h,2d"}, map[string]string{}, 2, "", `delay 2: durations stop at hours: write "48h"`},
		{"retry schedule env spelt out", []string{"serve"}, map[string]string{"BCMOCK_RETRY_SCHEDULE": "5min"}, 2, "", `write "5m"`},
		{"duration flag without unit", []string{"serve", "--delivery-timeout", "5"}, nil, 2, "", `invalid value "5" for flag --delivery-timeout: "5" has no unit: write "5s" or "5ms"`},
		{"duration env in days", []string{"serve"}, map[string]string{"BCMOCK_DELIVERY_TIMEOUT": "2d"}, 2, "", `BCMOCK_DELIVERY_TIMEOUT="2d": durations stop at hours: write "48h"`},
		{"duration flag spelt out", []string{"trigger", "--timeout", "5secs", "store/order/created"}, nil, 2, "", `write "5s"`},
		{"bad seed env", []string{"serve"}, map[string]string{"BCMOCK_SEED": "x"}, 2, "", "BCMOCK_SEED"},
		{"bad attempt log cap", []string{"serve", "--attempt-log-cap", "0"}, nil, 2, "", "--attempt-log-cap"},
		{"bad event log total cap env", []string{"serve"}, map[string]string{"BCMOCK_EVENT_LOG_TOTAL_CAP": "-3"}, 2, "", "--event-log-total-cap must be at least 1"},
		{"bad delivery log cap", []string{"serve", "--delivery-log-cap", "0"}, nil, 2, "", "--delivery-log-cap must be at least 1"},
		{"bad notification log total cap", []string{"serve", "--notification-log-total-cap", "many"}, nil, 2, "", "--notification-log-total-cap"},
		{"bad request log cap", []string{"serve", "--request-log-cap", "0"}, nil, 2, "", "--request-log-cap must be at least 1"},
		{"healthcheck of nothing", []string{"healthcheck", "--addr", "127.0.0.1:1"}, nil, 1, "", "bcmock healthcheck:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, env(tt.env), &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit code = %d, want %d\nstdout: %s\nstderr: %s", code, tt.code, stdout.String(), stderr.String())
			}
			if !strings.Contains(stdout.String(), tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, stdout.String())
			}
			if !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, stderr.String())
			}
		})
	}
}

// waitDeadline is when a test stops waiting for something to happen:
// shortly before the test binary's own deadline (go test -timeout), so
// that it can say what it awaited. It is a guard against hanging, not a
// timing assertion that a slow machine fails.
func waitDeadline(t *testing.T) time.Time {
	deadline, ok := t.Deadline()
	if !ok {
		return time.Now().Add(time.Hour)
	}
	return deadline.Add(-time.Until(deadline) / 10)
}

var listening = regexp.MustCompile(`"?url"?[=:]"?(http://[0-9.:]+)`)

// startServe runs "bcmock serve" with args and env until the test ends,
// and returns its base URL and a function that stops it and returns its
// exit code.
func startServe(t *testing.T, args []string, vars map[string]string) (string, *syncBuffer, func() int) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	done := make(chan int, 1)
	go func() {
		done <- run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, args...), env(vars), &bytes.Buffer{}, logs)
	}()
	deadline := waitDeadline(t)
	for time.Now().Before(deadline) {
		if m := listening.FindStringSubmatch(logs.String()); m != nil {
			stop := func() int { cancel(); return <-done }
			t.Cleanup(func() { cancel() })
			return m[1], logs, stop
		}
		select {
		case code := <-done:
			t.Fatalf("serve exited with %d before listening:\n%s", code, logs.String())
		case <-time.After(5 * time.Millisecond):
		}
	}
	cancel()
	t.Fatalf("serve never logged its URL:\n%s", logs.String())
	return "", nil, nil
}

func TestServeAnswersAndShutsDownGracefully(t *testing.T) {
	base, logs, stop := startServe(t, []string{"--log-format", "json"}, map[string]string{"BCMOCK_STRICT_DESTINATIONS": "true"})
	resp, err := http.Get(base + "/__bcmock/health")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("health = %d", resp.StatusCode)
	}
	// The env var took effect: strict destinations refuse http.
	req, _ := http.NewRequest("POST", base+"/stores/abc/v3/hooks", strings.NewReader(`{"scope":"store/order/created","destination":"http://localhost:1/x"}`))
	req.Header.Set("X-Auth-Token", "t")
	req.Header.Set("Content-Type", "application/json")
	resp, err = http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("BCMOCK_STRICT_DESTINATIONS=true ignored: create answered %d", resp.StatusCode)
	}
	if !strings.Contains(logs.String(), `"msg":"bcmock listening"`) {
		t.Errorf("--log-format json ignored:\n%s", logs.String())
	}
	if want := `"inspector":"` + base + `/__bcmock/ui/"`; !strings.Contains(logs.String(), want) {
		t.Errorf("the listening line does not name the inspector page (%s):\n%s", want, logs.String())
	}

	var out bytes.Buffer
	if code := run(context.Background(), []string{"healthcheck", "--addr", strings.TrimPrefix(base, "http://")}, env(nil), &out, &out); code != 0 {
		t.Errorf("healthcheck of a running mock = %d: %s", code, out.String())
	}
	if code := stop(); code != 0 {
		t.Errorf("graceful stop exit code = %d\n%s", code, logs.String())
	}
	if !strings.Contains(logs.String(), "stopped") {
		t.Errorf("no shutdown log:\n%s", logs.String())
	}
}

func TestFlagsWinOverEnvironment(t *testing.T) {
	base, _, stop := startServe(t, []string{"--strict-destinations=false"}, map[string]string{"BCMOCK_STRICT_DESTINATIONS": "true"})
	req, _ := http.NewRequest("POST", base+"/stores/abc/v3/hooks", strings.NewReader(`{"scope":"store/order/created","destination":"http://localhost:1/x"}`))
	req.Header.Set("X-Auth-Token", "t")
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("flag did not override env: %d", resp.StatusCode)
	}
	stop()
}

func TestDialAddr(t *testing.T) {
	for in, want := range map[string]string{
		":8080":          "127.0.0.1:8080",
		"0.0.0.0:8080":   "127.0.0.1:8080",
		"[::]:8080":      "127.0.0.1:8080",
		"10.1.2.3:8080":  "10.1.2.3:8080",
		"localhost:9000": "localhost:9000",
	} {
		if got := dialAddr(in); got != want {
			t.Errorf("dialAddr(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestServeWithFakeClockDeliversAndAccountsAtShutdown(t *testing.T) {
	var calls atomic.Int32
	rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		calls.Add(1)
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer rc.Close()
	base, logs, stop := startServe(t, []string{"--clock", "fake", "--retry-schedule", "30s,30s"}, map[string]string{"BCMOCK_CLOCK_START": "2030-06-01T12:00:00Z"})
	post := func(path, token, body string) *http.Response {
		req, _ := http.NewRequest("POST", base+path, strings.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		if token != "" {
			req.Header.Set("X-Auth-Token", token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if r := post("/stores/abc/v3/hooks", "t", `{"scope":"store/order/created","destination":"`+rc.URL+`"}`); r.StatusCode != 200 {
		t.Fatalf("create: %d", r.StatusCode)
	}
	if r := post("/__bcmock/stores/abc/events", "", `{"scope":"store/order/created"}`); r.StatusCode != 201 {
		t.Fatalf("raise: %d", r.StatusCode)
	}
	if r := post("/__bcmock/clock/advance", "", `{"seconds":45}`); r.StatusCode != 200 {
		t.Fatalf("advance: %d", r.StatusCode)
	}
	if got := calls.Load(); got != 2 {
		t.Errorf("after 45 s of a 30s,30s schedule the receiver got %d attempts, want 2", got)
	}
	if code := stop(); code != 0 {
		t.Errorf("exit code %d", code)
	}
	out := logs.String()
	for _, want := range []string{"delivery still pending at shutdown", "pending=1", "events=1"} {
		if !strings.Contains(out, want) {
			t.Errorf("shutdown log lacks %q:\n%s", want, out)
		}
	}
}
