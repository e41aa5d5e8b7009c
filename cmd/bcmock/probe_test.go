package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/probe"
	"github.com/bcmock/bcmock/testkit/receiver"
)

const probeSecret = "3x7kq9fyu2m0cz1pl5wbn8r4ht6vdj"

// TestProbeOutputGolden locks the report of an app that verifies the
// signature but not its timestamp: one failure, with its reason and fix.
// The clock stands still, so every duration reads 0s and the callbacks are
// the same on every run; run "go test ./cmd/bcmock -run Golden -update" to
// rewrite the golden, and review the diff.
func TestProbeOutputGolden(t *testing.T) {
	rcv := receiver.Start(t, receiver.WithSecret(probeSecret), receiver.WithoutTimestampCheck(), receiver.RefuseUnverified(http.StatusUnauthorized))
	junit := filepath.Join(t.TempDir(), "probe.xml")
	args := []string{"probe", "--url", rcv.URL + "/webhooks", "--scope", "store/cart/created", "--count", "3", "--junit", junit}
	var stdout, stderr bytes.Buffer
	at := time.Date(2026, 1, 1, 12, 0, 0, 0, time.UTC)
	code := probeCommand(context.Background(), args[1:], env(map[string]string{"BCMOCK_CLIENT_SECRET": probeSecret}), &stdout, &stderr,
		probe.WithClock(func() time.Time { return at }))
	if code != exitError {
		t.Errorf("exit %d, want %d", code, exitError)
	}
	for _, w := range []string{
		"FAIL  signature-stale-timestamp", "why   accepted (200): the app does not check webhook-timestamp",
		"fix   use the library's verify", "FAIL: 1 of 14 required checks failed: signature-stale-timestamp",
	} {
		if !strings.Contains(stdout.String(), w) {
			t.Errorf("stdout lacks %q", w)
		}
	}
	clean := func(s string) string { return ports.ReplaceAllString(s, "127.0.0.1:PORT") }
	golden(t, "testdata/probe/stale-timestamp.golden", clean(fmt.Sprintf("$ BCMOCK_CLIENT_SECRET=… bcmock %s\nexit %d\n--- stdout\n%s--- stderr\n%s",
		strings.ReplaceAll(strings.Join(args, " "), junit, "probe.xml"), code, &stdout, &stderr)))

	data, err := os.ReadFile(junit)
	if err != nil {
		t.Fatal(err)
	}
	var report junitSuites
	if err := xml.Unmarshal(data, &report); err != nil {
		t.Fatalf("JUnit report: %v\n%s", err, data)
	}
	if report.Tests != 15 || report.Failures != 1 || len(report.Suites) != 1 || len(report.Suites[0].Cases) != 15 {
		t.Fatalf("JUnit: %d tests, %d failures, %d suites; want 15 testcases, 1 failure, 1 suite:\n%s", report.Tests, report.Failures, len(report.Suites), data)
	}
	for _, tc := range report.Suites[0].Cases {
		failed := tc.Failure != nil
		if failed != (tc.Name == probe.CheckStaleTimestamp) {
			t.Errorf("JUnit testcase %s: failure %v", tc.Name, tc.Failure)
		}
		if failed && (!strings.Contains(tc.Failure.Message, "does not check webhook-timestamp") || !strings.Contains(tc.Failure.Text, "fix: ")) {
			t.Errorf("JUnit failure: %+v; want the reason as its message and the fix in its text", tc.Failure)
		}
	}
}

func TestProbeCommand(t *testing.T) {
	careful := receiver.Start(t, receiver.WithSecret(probeSecret), receiver.RefuseUnverified(http.StatusUnauthorized))
	trusting := receiver.Start(t)
	vars := func(url string, more ...string) map[string]string {
		m := map[string]string{"BCMOCK_PROBE_URL": url, "BCMOCK_CLIENT_SECRET": probeSecret, "BCMOCK_PROBE_COUNT": "2"}
		for i := 0; i+1 < len(more); i += 2 {
			m[more[i]] = more[i+1]
		}
		return m
	}
	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		code   int
		stdout string
		stderr string
	}{
		{"careful app, all from the environment", nil, vars(careful.URL, "BCMOCK_PROBE_SCOPES", "cart, store/product/updated"), exitOK,
			"events: store/cart/created, store/product/updated", ""},
		{"--scope replaces the variable", []string{"--scope", "store/order/created"}, vars(careful.URL, "BCMOCK_PROBE_SCOPES", "cart"), exitOK,
			"events: store/order/created (", ""},
		{"trusting app", []string{"--scope", "order"}, vars(trusting.URL), exitError,
			"FAIL: 6 of 14 required checks failed: signature-wrong-secret, signature-raw-secret", ""},
		{"trusting app, signature checks advisory", []string{"--scope", "order", "--no-signature-checks"}, vars(trusting.URL), exitOK,
			"WARN  signature-missing (advisory)", ""},
		{"unknown scope", []string{"--scope", "store/order/shiped"}, vars(careful.URL), exitUsage,
			"", `bcmock probe: --scope: "store/order/shiped" is neither`},
		{"no secret", []string{"--url", careful.URL}, nil, exitUsage, "", "--client-secret is required (or BCMOCK_CLIENT_SECRET)"},
		{"bad count", []string{"--count", "0"}, vars(careful.URL), exitUsage, "", "bcmock probe: --count: 0 callbacks: want 1 to 1000"},
		{"bad variable", nil, vars(careful.URL, "BCMOCK_PROBE_TIMEOUT", "5"), exitUsage, "", `BCMOCK_PROBE_TIMEOUT="5"`},
		{"unwritable JUnit", []string{"--scope", "order", "--junit", filepath.Join(t.TempDir(), "no", "such", "dir.xml")}, vars(careful.URL), exitError,
			"PASS: all", "bcmock probe: write JUnit report"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append([]string{"probe"}, tt.args...), env(tt.env), &stdout, &stderr)
			if code != tt.code || !strings.Contains(stdout.String(), tt.stdout) || !strings.Contains(stderr.String(), tt.stderr) {
				t.Errorf("exit %d, want %d\n--- stdout (want %q)\n%s--- stderr (want %q)\n%s", code, tt.code, tt.stdout, &stdout, tt.stderr, &stderr)
			}
		})
	}
}
