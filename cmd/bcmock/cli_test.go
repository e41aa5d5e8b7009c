// These tests lock what bcmock says when it is used wrongly or asked for
// help, against golden files in testdata/cli: the usage once, on stdout
// for help and on stderr for a usage error, with the command's prefix and
// the name meant. Run "go test ./cmd/bcmock -run CLIGolden -update" to
// rewrite the goldens, and review the diff.
package main

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
)

func TestCLIGolden(t *testing.T) {
	tests := []struct {
		golden string
		args   []string
		code   int
		// what a person needs, which the golden must keep saying
		must []string
	}{
		{"help", []string{"--help"}, exitOK, []string{"Usage:"}},
		{"no-command", nil, exitUsage, []string{"Usage:"}},
		{"serve-help", []string{"serve", "--help"}, exitOK, []string{"Usage: bcmock serve", "BCMOCK_ADDR"}},
		{"healthcheck-help", []string{"healthcheck", "--help"}, exitOK, []string{"Usage: bcmock healthcheck", "BCMOCK_HEALTHCHECK_TIMEOUT"}},
		{"serve-port", []string{"serve", "--port", "9999"}, exitUsage, []string{"bcmock serve: unknown flag --port (did you mean --addr?)"}},
		{"serve-typo", []string{"serve", "--retry-schedul", "1s"}, exitUsage, []string{"unknown flag --retry-schedul (did you mean --retry-schedule?)"}},
		{"serve-bad-value", []string{"serve", "--seed", "many"}, exitUsage, []string{`bcmock serve: invalid value "many" for flag --seed`}},
		{"serve-addr-junk", []string{"serve", "--addr", "junk"}, exitUsage, []string{`bcmock serve: --addr "junk": want host:port`}},
		{"command-typo", []string{"serv"}, exitUsage, []string{`unknown command "serv"; did you mean serve?`}},
		{"run-no-value", []string{"run", "--junit"}, exitUsage, []string{"bcmock run: flag needs an argument: --junit"}},
		{"probe-help", []string{"probe", "--help"}, exitOK, []string{"Usage: bcmock probe", "BCMOCK_CLIENT_SECRET", "-no-signature-checks"}},
		{"probe-no-url", []string{"probe", "--client-secret", "s"}, exitUsage, []string{"bcmock probe: --url is required (or BCMOCK_PROBE_URL)"}},
	}
	for _, tt := range tests {
		t.Run(tt.golden, func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			code := run(context.Background(), tt.args, env(nil), &stdout, &stderr)
			if code != tt.code {
				t.Errorf("exit %d, want %d", code, tt.code)
			}
			out, usage := &stdout, "stdout"
			if tt.code != exitOK {
				out, usage = &stderr, "stderr"
			}
			for _, w := range tt.must {
				if !strings.Contains(out.String(), w) {
					t.Errorf("%s lacks %q:\n%s", usage, w, out)
				}
			}
			if n := strings.Count(stdout.String()+stderr.String(), "Usage"); n > 1 {
				t.Errorf("the usage is printed %d times, want once at most", n)
			}
			golden(t, "testdata/cli/"+tt.golden+".golden",
				fmt.Sprintf("$ bcmock %s\nexit %d\n--- stdout\n%s--- stderr\n%s", strings.Join(tt.args, " "), code, &stdout, &stderr))
		})
	}
}
