package testkit

import (
	"context"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock/probe"
)

// Probe contract-tests the app's own webhook endpoint at url, as
// "bcmock probe" does: genuine callbacks signed with clientSecret,
// duplicates, an event of a scope the app does not handle, six forgeries,
// BigCommerce's rules for answers, and latency. It is probe.Run; see
// package mock/probe for the checks and options. Failed checks are in the
// report (probe.Report.Passed), not the error.
func Probe(ctx context.Context, url, clientSecret string, opts ...probe.Option) (probe.Report, error) {
	return probe.Run(ctx, url, clientSecret, opts...)
}

// ProbeEndpoint runs Probe for tb: it fails tb if the probe cannot run,
// and reports each required check that failed as an error naming the
// check, its reason and its fix (the whole report goes to the log). It
// returns the report.
//
//	app := httptest.NewServer(myapp.WebhookHandler(clientSecret))
//	testkit.ProbeEndpoint(t, app.URL+"/webhooks", clientSecret, probe.WithScopes("order"))
func ProbeEndpoint(tb testing.TB, url, clientSecret string, opts ...probe.Option) probe.Report {
	tb.Helper()
	r, err := Probe(tb.Context(), url, clientSecret, opts...)
	if err != nil {
		tb.Fatalf("probe %s: %v", url, err)
	}
	if r.Passed() {
		return r
	}
	var b strings.Builder
	_ = probe.Write(&b, r)
	tb.Log(b.String())
	for _, c := range r.Failures() {
		tb.Errorf("probe %s: %s failed: %s (got %s); fix: %s", url, c.Name, c.Reason, c.Got, c.Fix)
	}
	return r
}
