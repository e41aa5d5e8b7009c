package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/bcmock/bcmock/mock/probe"
)

// probeFlags names, for each field of a probe.ConfigError, the flag that
// sets it.
var probeFlags = map[string]string{
	"url": "url", "client_secret": "client-secret", "scopes": "scope",
	"count": "count", "timeout_ms": "timeout", "store_hash": "store",
}

// runProbe is "bcmock probe": it contract-tests the app's own webhook
// endpoint with package probe's battery and prints the report.
func runProbe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return probeCommand(ctx, args, getenv, stdout, stderr)
}

// probeCommand runs "bcmock probe" with extra options after the flags'
// (tests inject a clock).
func probeCommand(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer, extra ...probe.Option) int {
	fs := flag.NewFlagSet("probe", flag.ContinueOnError)
	env := envFlags{fs: fs, getenv: getenv}
	url := env.String("url", "BCMOCK_PROBE_URL", "", "the app's webhook endpoint to probe, http or https (required)")
	secret := env.String("client-secret", "BCMOCK_CLIENT_SECRET", "", "the API account's client secret the app verifies with (required; in CI prefer the variable, which stays out of logs)")
	scopes := env.List("scope", "BCMOCK_PROBE_SCOPES", probe.DefaultScopes, "what to send genuine callbacks of: a `scope` family (order, cart), a wildcard (store/cart/*) or an event; repeatable or comma-separated")
	count := env.Int("count", "BCMOCK_PROBE_COUNT", probe.DefaultCount, "how many genuine callbacks the latency check times")
	timeout := env.Duration("timeout", "BCMOCK_PROBE_TIMEOUT", probe.DefaultTimeout, "how long the app has to answer each callback")
	junit := env.String("junit", "BCMOCK_JUNIT", "", "write a JUnit XML report to this file (a testcase per check)")
	seed := env.Int64("seed", "BCMOCK_SEED", probe.DefaultSeed, "seed for the event data and webhook-ids (0: random)")
	store := env.String("store", "BCMOCK_STORE", probe.DefaultStoreHash, "store hash the callbacks come from")
	noSig := env.Bool("no-signature-checks", "BCMOCK_PROBE_NO_SIGNATURE_CHECKS", false, "report the signature checks as advisory, for an app that does not verify signatures yet")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: bcmock probe --url URL --client-secret SECRET [flags]

Contract-tests your app's webhook endpoint: sends it genuine signed
callbacks, duplicates, an event of a scope it does not handle and six
forged ones, and judges every answer as BigCommerce would (a 2xx within
the timeout, a 4xx for a forgery, at most 64 headers, no redirect). It
prints what was sent, what came back, and for each failure the reason
and the fix. Every flag can also be set by its environment variable.

Exit status: 0 every required check passed, 1 a check failed (or the
JUnit report could not be written), 2 a usage error.

Flags:
`)
		fs.PrintDefaults()
	}
	if code := parseFlags(fs, args, stdout, stderr); code >= 0 {
		return code
	}
	if err := env.Err(); err != nil {
		fmt.Fprintln(stderr, "bcmock probe:", err)
		return exitUsage
	}
	switch {
	case *url == "":
		return usageError(fs, stderr, "--url is required (or BCMOCK_PROBE_URL): the app's webhook endpoint")
	case *secret == "":
		return usageError(fs, stderr, "--client-secret is required (or BCMOCK_CLIENT_SECRET): the client secret the app verifies callbacks with")
	}
	opts := []probe.Option{
		probe.WithScopes(*scopes...), probe.WithCount(*count), probe.WithTimeout(*timeout),
		probe.WithSeed(*seed), probe.WithStoreHash(*store),
	}
	if *noSig {
		opts = append(opts, probe.WithoutSignatureChecks())
	}
	report, err := probe.Run(ctx, *url, *secret, append(opts, extra...)...)
	var ce *probe.ConfigError
	if errors.As(err, &ce) {
		fmt.Fprintf(stderr, "bcmock probe: --%s: %s\n", probeFlags[ce.Field], ce.Problem)
		return exitUsage
	}
	if werr := probe.Write(stdout, report); werr != nil {
		fmt.Fprintln(stderr, "bcmock probe:", werr)
		return exitError
	}
	if err != nil {
		fmt.Fprintln(stderr, "bcmock probe: stopped before every check ran:", err)
	}
	if *junit != "" && !writeJUnit(stderr, "probe", *junit, probeJUnit(report)) {
		return exitError
	}
	if err != nil || !report.Passed() {
		return exitError
	}
	return exitOK
}

// probeJUnit describes a probe report: a testsuite for the endpoint, a
// testcase per check; a failed required check is a failure, a failed
// advisory one passes with the warning in its system-out.
func probeJUnit(r probe.Report) junitSuites {
	suite := junitSuite{Name: r.URL, Time: seconds(msDuration(r.DurationMS))}
	for _, c := range r.Checks {
		tc := junitCase{Name: c.Name, Classname: "bcmock.probe", Time: seconds(msDuration(c.DurationMS))}
		detail := checkDetail(c)
		switch {
		case c.Skipped:
			tc.Skipped = &junitProblem{Type: "not-applicable", Message: c.Reason}
			suite.Skipped++
		case c.Passed:
			tc.SystemOut = detail
		case c.Required():
			tc.Failure = &junitProblem{Type: c.Severity, Message: c.Reason, Text: detail}
			suite.Failures++
		default:
			tc.SystemOut = "advisory check failed: " + c.Reason + "\n" + detail
		}
		suite.Cases = append(suite.Cases, tc)
		suite.Tests++
	}
	return junitSuites{Name: "bcmock probe", Tests: suite.Tests, Failures: suite.Failures, Time: suite.Time, Suites: []junitSuite{suite}}
}

// checkDetail is a check as the text report words it, for JUnit.
func checkDetail(c probe.Check) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s\n", c.Title)
	for _, f := range []struct{ label, text string }{{"sent", c.Sent}, {"got", c.Got}, {"why", c.Reason}, {"fix", c.Fix}} {
		if f.text != "" {
			fmt.Fprintf(&b, "%s: %s\n", f.label, f.text)
		}
	}
	return b.String()
}

// msDuration turns the report's milliseconds into a duration.
func msDuration(ms float64) time.Duration { return time.Duration(ms * float64(time.Millisecond)) }
