// These tests lock what "bcmock run" and "bcmock validate" print for each
// kind of failure, against golden files in testdata/run: a broken file, a
// failed expectation of each kind, a step the mock refuses. The output
// must tell a person what to fix without opening anything else. Run
// "go test ./cmd/bcmock -run Golden -update" to rewrite the goldens, and
// review the diff.
package main

import (
	"bytes"
	"context"
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// ports hides the ports of receivers and mocks, which change every run.
var ports = regexp.MustCompile(`127\.0\.0\.1:\d+`)

// stable runs a scenario command with every duration shown as 1ms, and
// returns its exit code and output with ports hidden.
func stable(t *testing.T, cmd string, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	c := &scenarioCmd{stdout: &stdout, stderr: &stderr, shown: func(time.Duration) time.Duration { return time.Millisecond }}
	var code int
	switch cmd {
	case "run":
		code = c.run(context.Background(), args, env(nil))
	case "validate":
		code = c.validate(context.Background(), args)
	default:
		t.Fatalf("unknown command %s", cmd)
	}
	clean := func(s string) string { return ports.ReplaceAllString(s, "127.0.0.1:PORT") }
	return code, clean(stdout.String()), clean(stderr.String())
}

// golden compares got with the golden file, or rewrites it with -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if string(want) != got {
		t.Errorf("%s differs (run go test -update and review the diff):\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

func TestRunOutputGolden(t *testing.T) {
	tests := []struct {
		file string
		code int
		// what a person needs, which the golden must keep saying
		must []string
	}{
		{"invalid", exitUsage, []string{
			"testdata/run/invalid.yaml:7:14: setup.hooks[0].scope:", `did you mean "store/order/statusUpdated"?`,
			`did you mean receiver "app"?`, `unknown key "raies"; did you mean "raise"?`, `write "5s" or "5ms"`, "nothing was run",
		}},
		{"count", exitError, []string{
			"step 2 expect (testdata/run/count.yaml:12:5)", "steps[1].expect.deliveries[0] (testdata/run/count.yaml:14:11)",
			"count: expected 1, got 0", "are of other scopes: store/order/updated ×1", "1 more step skipped",
		}},
		{"attempts", exitError, []string{
			"attempts: expected 3, got 4", "offsets: expected [0s, 1m, 4m], got [0s, 1m, 4m, 9m]",
			"attempt 2  +1m  -    failure", "attempt 4  +9m  200  success",
		}},
		{"conditions", exitError, []string{
			"signature: expected absent for each delivery, got valid (2 of 2 deliveries: #1, #3)", "distinct_hashes: expected 1, got 2",
			"status: expected active, got deactivated", "blocked: expected true, got false", "90003",
		}},
		{"wait", exitError, []string{"still not true after waiting 20ms (wall clock)", "status: expected delivered, got pending"}},
		{"step-error", exitError, []string{"could not run: raise event store/order/created", "cannot replace a scalar with an object"}},
		{"pass", exitOK, []string{"--- PASS passes", "1 scenario: 1 passed, 0 failed"}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			t.Parallel()
			code, stdout, stderr := stable(t, "run", "testdata/run/"+tt.file+".yaml")
			if code != tt.code {
				t.Errorf("exit code %d, want %d\n%s%s", code, tt.code, stdout, stderr)
			}
			out := "exit " + string(rune('0'+code)) + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr
			for _, m := range tt.must {
				if !strings.Contains(out, m) {
					t.Errorf("output lacks %q:\n%s", m, out)
				}
			}
			golden(t, "testdata/run/"+tt.file+".golden", out)
		})
	}
}

func TestValidateOutputGolden(t *testing.T) {
	code, stdout, stderr := stable(t, "validate", "testdata/run/pass.yaml", "testdata/run/invalid.yaml", "testdata/run/missing.yaml")
	if code != exitUsage {
		t.Errorf("exit code %d, want 2", code)
	}
	golden(t, "testdata/run/validate.golden", "--- stdout\n"+stdout+"--- stderr\n"+stderr)
	code, stdout, _ = stable(t, "validate", "testdata/run/pass.yaml", "testdata/run/count.yaml")
	if code != exitOK || !strings.Contains(stdout, "ok  testdata/run/count.yaml  (wrong-scope: 3 steps, 1 hook, 1 receiver)") {
		t.Errorf("valid files: exit %d\n%s", code, stdout)
	}
}

func TestRunJUnitReport(t *testing.T) {
	report := filepath.Join(t.TempDir(), "report.xml")
	code, _, _ := stable(t, "run", "testdata/run/pass.yaml", "--junit", report, "testdata/run/count.yaml", "testdata/run/step-error.yaml")
	if code != exitError {
		t.Errorf("exit code %d, want 1", code)
	}
	data, err := os.ReadFile(report)
	if err != nil {
		t.Fatal(err)
	}
	var got junitSuites
	if err := xml.Unmarshal(data, &got); err != nil {
		t.Fatalf("the report is not XML: %v", err)
	}
	if got.Tests != 3 || got.Failures != 2 || got.Errors != 0 || len(got.Suites) != 3 {
		t.Fatalf("report totals: %+v", got)
	}
	for i, want := range []struct{ suite, test, kind, message string }{
		{"testdata/run/pass.yaml", "passes", "", ""},
		{"testdata/run/count.yaml", "wrong-scope", "expectation", "step 2 expect (testdata/run/count.yaml:12:5): deliveries of store/order/created to hook orders: count: expected 1, got 0"},
		{"testdata/run/step-error.yaml", "bad-data", "step", "step 1 raise (testdata/run/step-error.yaml:10:5): could not run: raise event store/order/created"},
	} {
		s := got.Suites[i]
		if s.Name != want.suite || len(s.Cases) != 1 || s.Cases[0].Name != want.test || s.Cases[0].Time != "0.001" {
			t.Errorf("suite %d = %+v", i, s)
			continue
		}
		f := s.Cases[0].Failure
		switch {
		case want.kind == "" && f != nil:
			t.Errorf("%s failed: %+v", want.test, f)
		case want.kind != "" && (f == nil || f.Type != want.kind || !strings.HasPrefix(f.Message, want.message) || !strings.Contains(f.Text, "step")):
			t.Errorf("%s failure = %+v, want type %s and message %q", want.test, f, want.kind, want.message)
		}
	}

	// An invalid file: nothing runs, the report says why.
	code, _, _ = stable(t, "run", "--junit", report, "testdata/run/pass.yaml", "testdata/run/invalid.yaml")
	if code != exitUsage {
		t.Errorf("exit code %d, want 2", code)
	}
	data, _ = os.ReadFile(report)
	got = junitSuites{}
	if err := xml.Unmarshal(data, &got); err != nil {
		t.Fatal(err)
	}
	if got.Errors != 1 || got.Suites[0].Cases[0].Skipped == nil || got.Suites[1].Cases[0].Error == nil ||
		!strings.Contains(got.Suites[1].Cases[0].Error.Text, `unknown key "raies"`) {
		t.Errorf("invalid report: %s", data)
	}
}

func TestRunProgressOnATerminal(t *testing.T) {
	var stdout bytes.Buffer
	c := &scenarioCmd{stdout: &stdout, stderr: &stdout, live: true, shown: func(time.Duration) time.Duration { return time.Millisecond }}
	if code := c.run(context.Background(), []string{"testdata/run/count.yaml"}, env(nil)); code != exitError {
		t.Errorf("exit code %d", code)
	}
	out := stdout.String()
	for _, want := range []string{
		"  … 1 action  checkout\r\033[K  ✓ 1 action  checkout → 14 events raised, 1 delivery (1ms)\n",
		"\r\033[K  ✗ 2 expect  1 delivery condition (1ms)\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("live output lacks %q:\n%q", want, out)
		}
	}
}

func TestRunFlagsAndTargets(t *testing.T) {
	tests := []struct {
		name string
		args []string
		code int
		err  string
	}{
		{"no files", nil, exitUsage, "no scenario files given"},
		{"bad target", []string{"--target", "app", "testdata/run/pass.yaml"}, exitUsage, "want RECEIVER=http(s)://"},
		{"unknown receiver", []string{"testdata/run/pass.yaml", "--target", "ap=http://127.0.0.1:1"}, exitUsage, `no scenario has a receiver "ap" (receivers: app)`},
		{"bad timeout", []string{"--timeout", "0s", "testdata/run/pass.yaml"}, exitUsage, "--timeout must be positive"},
		{"missing file", []string{"testdata/run/none.yaml"}, exitUsage, "testdata/run/none.yaml: open"},
		{"files after --", []string{"--", "testdata/run/pass.yaml"}, exitOK, ""},
		{"help", []string{"--help"}, exitOK, ""},
		{"unknown flag", []string{"testdata/run/pass.yaml", "--nope"}, exitUsage, "bcmock run: unknown flag --nope"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), append([]string{"run"}, tt.args...), env(map[string]string{"CI": "true"}), &stdout, &stderr)
			if code != tt.code || !strings.Contains(stderr.String(), tt.err) {
				t.Errorf("exit %d, want %d; stderr lacks %q:\n%s%s", code, tt.code, tt.err, stdout.String(), stderr.String())
			}
		})
	}
}

func TestIsTerminal(t *testing.T) {
	var buf bytes.Buffer
	if isTerminal(&buf, env(nil)) {
		t.Error("a buffer is a terminal")
	}
	f, err := os.CreateTemp(t.TempDir(), "out")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if isTerminal(f, env(nil)) {
		t.Error("a regular file is a terminal")
	}
	if tty, err := os.OpenFile("/dev/tty", os.O_WRONLY, 0); err == nil {
		defer tty.Close()
		if isTerminal(tty, env(map[string]string{"CI": "1"})) {
			t.Error("CI=1 still counts as a terminal")
		}
	}
}
