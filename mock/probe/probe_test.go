package probe_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/mock/probe"
	"github.com/bcmock/bcmock/testkit/receiver"
)

// secret is an API account's client secret, like BigCommerce's: not
// base64 itself, but with base64 characters.
const secret = "3x7kq9fyu2m0cz1pl5wbn8r4ht6vdj"

// signatureChecks are the checks a receiver that verifies nothing fails.
var signatureChecks = []string{
	probe.CheckWrongSecret, probe.CheckRawSecret, probe.CheckStaleTimestamp,
	probe.CheckTamperedBody, probe.CheckMissingSignature, probe.CheckFictionalHeader,
}

// careful is a receiver that verifies like a careful app: the Standard
// Webhooks library keyed by base64(secret), 401 for what does not verify.
func careful(t *testing.T, opts ...receiver.Option) *receiver.Receiver {
	t.Helper()
	return receiver.Start(t, append([]receiver.Option{receiver.WithSecret(secret), receiver.RefuseUnverified(http.StatusUnauthorized)}, opts...)...)
}

// run probes url with a generous timeout unless opts set one, and fails
// the test if the probe cannot run.
func run(t *testing.T, url string, opts ...probe.Option) probe.Report {
	t.Helper()
	r, err := probe.Run(t.Context(), url, secret, append([]probe.Option{probe.WithTimeout(10 * time.Second), probe.WithCount(5)}, opts...)...)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return r
}

// failures names the required checks that failed.
func failures(r probe.Report) []string {
	var out []string
	for _, c := range r.Failures() {
		out = append(out, c.Name)
	}
	return out
}

// text is the report as a person reads it, for failure messages.
func text(r probe.Report) string {
	var b strings.Builder
	_ = probe.Write(&b, r)
	return b.String()
}

func TestPassesACarefulReceiver(t *testing.T) {
	rcv := careful(t)
	r := run(t, rcv.URL+"/webhooks", probe.WithScopes("store/cart/*"))
	if !r.Passed() {
		t.Fatalf("a careful receiver fails %v:\n%s", failures(r), text(r))
	}
	for _, c := range r.Checks {
		if c.Failed() || c.Skipped {
			t.Errorf("%s: %s (%s), want it to pass", c.Name, probe.Verdict(c), c.Reason)
		}
	}
	wantEvents := []string{"store/cart/abandoned", "store/cart/converted", "store/cart/couponApplied", "store/cart/created", "store/cart/lineItem/created", "store/cart/metafield/created"}
	if !slices.Equal(r.Events, wantEvents) {
		t.Errorf("events = %v, want one per family of store/cart/*: %v", r.Events, wantEvents)
	}
	var names []string
	for _, c := range r.Checks {
		names = append(names, c.Name)
	}
	want := []string{}
	for _, ev := range wantEvents {
		want = append(want, "genuine "+ev)
	}
	want = append(want, probe.CheckDuplicateRetry, probe.CheckDuplicateNewID, probe.CheckUnhandledScope)
	want = append(want, signatureChecks...)
	want = append(want, probe.CheckLatency, probe.CheckLatencyHeadroom, probe.CheckResponseHeaders, probe.CheckNoRedirect, probe.CheckResponseBody)
	if !slices.Equal(names, want) {
		t.Errorf("checks = %v, want %v", names, want)
	}
	// What the receiver saw: every callback meant to be acknowledged
	// verifies with the library, every forgery does not.
	calls := rcv.Calls()
	if n := len(wantEvents) + 3 + len(signatureChecks) + 5; len(calls) != n {
		t.Fatalf("receiver got %d callbacks, want %d", len(calls), n)
	}
	for i, c := range calls {
		forged := i >= len(wantEvents)+3 && i < len(wantEvents)+3+len(signatureChecks)
		if (c.SignatureErr != nil) != forged {
			t.Errorf("callback %d (%s): SignatureErr %v, want forged=%v", i+1, c.Header.Get("webhook-id"), c.SignatureErr, forged)
		}
	}
	first, retry, dup := calls[0], calls[len(wantEvents)], calls[len(wantEvents)+1]
	if string(retry.Body) != string(first.Body) || retry.MessageID != first.MessageID {
		t.Errorf("the retry is not the first callback again with its webhook-id")
	}
	if string(dup.Body) != string(first.Body) || dup.MessageID == first.MessageID {
		t.Errorf("the duplicate is not the first body with a new webhook-id")
	}
	other, _ := calls[len(wantEvents)+2].Envelope()
	if strings.HasPrefix(other.Scope, "store/cart/") {
		t.Errorf("the unhandled scope %s is among the requested ones", other.Scope)
	}
}

func TestFailsATrustingReceiverOnEachSignatureCheck(t *testing.T) {
	rcv := receiver.Start(t) // answers 200 to everything, verifies nothing
	r := run(t, rcv.URL)
	if r.Passed() {
		t.Fatalf("a trusting receiver passes:\n%s", text(r))
	}
	if got := failures(r); !slices.Equal(got, signatureChecks) {
		t.Errorf("failed %v, want exactly the signature checks %v:\n%s", got, signatureChecks, text(r))
	}
	for _, c := range r.Failures() {
		if c.Status != 200 || !strings.Contains(c.Reason, "accepted (200)") || c.Fix == "" {
			t.Errorf("%s: got %q, reason %q, fix %q; want it accepted, said so, and a fix", c.Name, c.Got, c.Reason, c.Fix)
		}
	}
	if out := text(r); !strings.Contains(out, "FAIL: 6 of ") || !strings.Contains(out, "FAIL  signature-missing") {
		t.Errorf("the text report does not name the failures:\n%s", out)
	}

	lenient := run(t, rcv.URL, probe.WithoutSignatureChecks())
	if !lenient.Passed() || lenient.SignatureChecks != "advisory" {
		t.Errorf("with the signature checks advisory, failed %v (signature checks %s)", failures(lenient), lenient.SignatureChecks)
	}
	for _, name := range signatureChecks {
		c := find(t, lenient, name)
		if probe.Verdict(c) != "WARN" {
			t.Errorf("%s: %s, want WARN", name, probe.Verdict(c))
		}
	}
}

func TestFailsSeventyHeadersOnTheHeaderRule(t *testing.T) {
	step := receiver.Respond(200)
	for i := range 70 {
		step = step.WithHeader(fmt.Sprintf("X-App-%02d", i), "v")
	}
	rcv := careful(t, receiver.WithScript(step))
	r := run(t, rcv.URL)
	if got := failures(r); !slices.Equal(got, []string{probe.CheckResponseHeaders}) {
		t.Fatalf("failed %v, want only %s:\n%s", got, probe.CheckResponseHeaders, text(r))
	}
	c := find(t, r, probe.CheckResponseHeaders)
	if !strings.Contains(c.Reason, "more than the 64 allowed") || !strings.Contains(c.Fix, "at most 64 fields") {
		t.Errorf("reason %q, fix %q: want the rule named", c.Reason, c.Fix)
	}
}

func TestFailsASlowReceiverOnLatency(t *testing.T) {
	// The receiver answers 300ms late against a 100ms timeout: however
	// loaded the machine, it is too slow. Forgeries are refused at once.
	rcv := careful(t, receiver.WithScript(receiver.Respond(200).After(300*time.Millisecond)))
	r := run(t, rcv.URL, probe.WithScopes("store/order/created"), probe.WithTimeout(100*time.Millisecond), probe.WithCount(2))
	got := failures(r)
	want := []string{"genuine store/order/created", probe.CheckDuplicateRetry, probe.CheckDuplicateNewID, probe.CheckUnhandledScope, probe.CheckLatency}
	if !slices.Equal(got, want) {
		t.Fatalf("failed %v, want %v:\n%s", got, want, text(r))
	}
	c := find(t, r, probe.CheckLatency)
	if !strings.Contains(c.Reason, "against the 100ms timeout: 2 of 2 callbacks were not acknowledged in time") || !strings.Contains(c.Fix, "acknowledge at once") {
		t.Errorf("latency reason %q, fix %q", c.Reason, c.Fix)
	}
	if r.Latency.Samples != 2 || r.Latency.P95MS < 100 {
		t.Errorf("latency = %+v, want 2 samples with p95 at least the timeout", r.Latency)
	}
}

// clockedTransport answers every request itself and moves a fake clock by
// the next of its delays, so latency is measured exactly, without sleeping.
type clockedTransport struct {
	mu     sync.Mutex
	now    time.Time
	delays []time.Duration
	sent   int
}

func (c *clockedTransport) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clockedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(c.delays[min(c.sent, len(c.delays)-1)])
	c.sent++
	status := http.StatusOK
	if req.Header.Get("webhook-signature") == "" { // a crude app: refuses only what is unsigned
		status = http.StatusUnauthorized
	}
	rec := httptest.NewRecorder()
	rec.WriteHeader(status)
	resp := rec.Result()
	resp.Request = req
	return resp, nil
}

func TestLatencyPercentilesOnAFakeClock(t *testing.T) {
	// One genuine event, two duplicates, one unhandled, six forgeries: ten
	// callbacks at 1ms, then twenty timed at 10ms, 20ms, ... 200ms.
	delays := slices.Repeat([]time.Duration{time.Millisecond}, 10)
	for i := range 20 {
		delays = append(delays, time.Duration(i+1)*10*time.Millisecond)
	}
	tr := &clockedTransport{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), delays: delays}
	tests := []struct {
		timeout  time.Duration
		latency  bool // passes
		headroom string
	}{
		{timeout: time.Second, latency: true, headroom: "PASS"},
		{timeout: 300 * time.Millisecond, latency: true, headroom: "WARN"},
		{timeout: 150 * time.Millisecond, latency: false, headroom: "SKIP"},
	}
	for _, tt := range tests {
		tr.sent = 0
		r, err := probe.Run(t.Context(), "https://app.example/hooks", secret, probe.WithScopes("store/order/created"), probe.WithCount(20),
			probe.WithTimeout(tt.timeout), probe.WithClock(tr.Now), probe.WithHTTPClient(&http.Client{Transport: tr}))
		if err != nil {
			t.Fatal(err)
		}
		if r.Latency != (probe.Latency{Samples: 20, P50MS: 100, P95MS: 190, MaxMS: 200}) {
			t.Errorf("timeout %v: latency = %+v, want p50 100ms, p95 190ms, max 200ms (nearest rank)", tt.timeout, r.Latency)
		}
		if c := find(t, r, probe.CheckLatency); c.Passed != tt.latency {
			t.Errorf("timeout %v: latency passed=%v, want %v: %s", tt.timeout, c.Passed, tt.latency, c.Reason)
		}
		if c := find(t, r, probe.CheckLatencyHeadroom); probe.Verdict(c) != tt.headroom {
			t.Errorf("timeout %v: headroom %s, want %s: %s", tt.timeout, probe.Verdict(c), tt.headroom, c.Reason)
		}
	}
}

func TestTheRawSecretMistake(t *testing.T) {
	// The commonest mistake: the app hands the raw client secret to the
	// library, which base64-decodes it. Such an app refuses genuine
	// callbacks and accepts ones signed with the decoded secret.
	const b64secret = secret + "ab" // 32 characters: valid base64, so the library takes it raw
	wh, err := standardwebhooks.NewWebhook(b64secret)
	if err != nil {
		t.Fatal(err)
	}
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if wh.Verify(body, r.Header) != nil {
			w.WriteHeader(http.StatusUnauthorized)
		}
	}))
	t.Cleanup(app.Close)
	r, err := probe.Run(t.Context(), app.URL, b64secret, probe.WithScopes("store/product/updated"), probe.WithCount(1))
	if err != nil {
		t.Fatal(err)
	}
	g := find(t, r, "genuine store/product/updated")
	raw := find(t, r, probe.CheckRawSecret)
	if g.Passed || raw.Passed || raw.Status != 200 {
		t.Fatalf("genuine %s, raw-secret %s (%d); want both failed:\n%s", probe.Verdict(g), probe.Verdict(raw), raw.Status, text(r))
	}
	if !strings.Contains(g.Reason, "keys its library with the raw secret") || !strings.Contains(g.Fix, "base64-encode the client secret") {
		t.Errorf("genuine: reason %q, fix %q; want the mistake named", g.Reason, g.Fix)
	}
	if find(t, r, probe.CheckWrongSecret).Failed() {
		t.Errorf("the wrong secret was accepted by an app that verifies")
	}
}

func TestRedirectFails(t *testing.T) {
	rcv := careful(t, receiver.WithScript(receiver.Respond(http.StatusMovedPermanently).WithHeader("Location", "https://app.example/hooks/")))
	r := run(t, rcv.URL+"/hooks", probe.WithScopes("store/order/created"), probe.WithCount(1))
	c := find(t, r, probe.CheckNoRedirect)
	if c.Passed || !strings.Contains(c.Reason, "Location: https://app.example/hooks/") {
		t.Errorf("no-redirect: %s, %q; want a failure naming the Location", probe.Verdict(c), c.Reason)
	}
	if g := find(t, r, "genuine store/order/created"); g.Passed || !strings.Contains(g.Reason, "does not follow redirects") {
		t.Errorf("genuine: %s, %q", probe.Verdict(g), g.Reason)
	}
	if n := len(rcv.Calls()); n != 11 {
		t.Errorf("receiver got %d callbacks, want 11: the probe must not follow the redirect", n)
	}
}

func TestReproducibleWithASeed(t *testing.T) {
	at := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	bodies := func(seed int64) []string {
		rcv := receiver.Start(t)
		run(t, rcv.URL, probe.WithSeed(seed), probe.WithClock(func() time.Time { return at }))
		var out []string
		for _, c := range rcv.Calls() {
			out = append(out, c.MessageID+" "+c.Header.Get("webhook-signature")+" "+string(c.Body))
		}
		return out
	}
	a, b, c := bodies(7), bodies(7), bodies(8)
	if !slices.Equal(a, b) {
		t.Errorf("two runs with seed 7 differ")
	}
	if slices.Equal(a, c) {
		t.Errorf("seeds 7 and 8 sent the same callbacks")
	}
}

func TestConfigErrors(t *testing.T) {
	tests := []struct {
		url, secret string
		opts        []probe.Option
		field, want string
	}{
		{"", secret, nil, "url", "empty"},
		{"ftp://app.example/", secret, nil, "url", "want an http or https URL"},
		{"http://", secret, nil, "url", "has no host"},
		{"http://app.example/%zz", secret, nil, "url", "is not a URL"},
		{"http://app.example/", "", nil, "client_secret", "empty"},
		{"http://app.example/", secret, []probe.Option{probe.WithCount(0)}, "count", "want 1 to 1000"},
		{"http://app.example/", secret, []probe.Option{probe.WithTimeout(0)}, "timeout_ms", "positive"},
		{"http://app.example/", secret, []probe.Option{probe.WithStoreHash("a b")}, "store_hash", "only letters"},
		{"http://app.example/", secret, []probe.Option{probe.WithScopes("store/order/shipped")}, "scopes", `did you mean "store/shipment/created"?`},
		{"http://app.example/", secret, []probe.Option{probe.WithScopes("store/channel/{channel_id}/order/created")}, "scopes", "name the channel: store/channel/1/order/created"},
		{"http://app.example/", secret, []probe.Option{probe.WithScopes("")}, "scopes", "empty scope"},
	}
	for _, tt := range tests {
		r, err := probe.Run(t.Context(), tt.url, tt.secret, tt.opts...)
		var ce *probe.ConfigError
		if !errors.As(err, &ce) || ce.Field != tt.field || !strings.Contains(ce.Problem, tt.want) || len(r.Checks) != 0 {
			t.Errorf("Run(%q, %q) = %d checks, %v; want a ConfigError on %s saying %q", tt.url, tt.secret, len(r.Checks), err, tt.field, tt.want)
		}
	}
}

func TestScopes(t *testing.T) {
	tr := &clockedTransport{now: time.Unix(1_800_000_000, 0), delays: []time.Duration{0}}
	tests := []struct {
		scopes []string
		events []string
	}{
		{nil, []string{"store/order/created", "store/order/message/created", "store/order/metafield/created", "store/order/refund/created", "store/order/statusUpdated", "store/order/transaction/created"}},
		{[]string{"customer-address"}, []string{"store/customer/address/created"}},
		{[]string{"store/product/updated", "store/product/updated", "store/product/*"}, []string{"store/product/updated", "store/product/created", "store/product/inventory/order/updated", "store/product/metafield/created"}},
		{[]string{"store/channel/5/cart/*"}, []string{"store/channel/5/cart/created", "store/channel/5/cart/lineItem/created"}},
		{[]string{"store/channel/*/inventory/product/stock_changed"}, []string{"store/channel/*/inventory/product/stock_changed"}},
	}
	for _, tt := range tests {
		r, err := probe.Run(t.Context(), "http://app.example/", secret, probe.WithScopes(tt.scopes...), probe.WithCount(1),
			probe.WithClock(tr.Now), probe.WithHTTPClient(&http.Client{Transport: tr}))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(r.Events, tt.events) {
			t.Errorf("scopes %v: events %v, want %v", tt.scopes, r.Events, tt.events)
		}
	}
}

func TestUnhandledScopeSkippedWhenEverythingIsRequested(t *testing.T) {
	tr := &clockedTransport{now: time.Unix(1_800_000_000, 0), delays: []time.Duration{0}}
	r, err := probe.Run(t.Context(), "http://app.example/", secret, probe.WithScopes("store/subscriber/*", "store/shipment/*", "store/information/updated", "store/brand/metafield/*", "store/channel/1/socialMediaLinks/updated"), probe.WithCount(1),
		probe.WithClock(tr.Now), probe.WithHTTPClient(&http.Client{Transport: tr}))
	if err != nil {
		t.Fatal(err)
	}
	if c := find(t, r, probe.CheckUnhandledScope); !c.Skipped {
		t.Errorf("unhandled-scope %s: %s, want it skipped", probe.Verdict(c), c.Reason)
	}
}

func TestStopsWhenTheContextEnds(t *testing.T) {
	rcv := receiver.Start(t, receiver.WithScript(receiver.Hang()))
	ctx, cancel := context.WithCancel(t.Context())
	go func() {
		if _, err := rcv.WaitForCalls(t.Context(), 1); err == nil {
			cancel()
		}
	}()
	r, err := probe.Run(ctx, rcv.URL, secret, probe.WithTimeout(time.Minute))
	if !errors.Is(err, context.Canceled) || len(r.Checks) != 1 {
		t.Errorf("Run = %d checks, %v; want the check in flight and context.Canceled", len(r.Checks), err)
	}
}

func TestReportJSONRoundTrips(t *testing.T) {
	rcv := careful(t)
	r := run(t, rcv.URL, probe.WithScopes("store/order/created"), probe.WithCount(1))
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var back probe.Report
	if err := json.Unmarshal(data, &back); err != nil {
		t.Fatal(err)
	}
	if back.Passed() != r.Passed() || len(back.Checks) != len(r.Checks) || !back.StartedAt.Equal(r.StartedAt) {
		t.Errorf("the report does not survive JSON: %s", data)
	}
}

// find returns the check of the report with that name.
func find(t *testing.T, r probe.Report, name string) probe.Check {
	t.Helper()
	for _, c := range r.Checks {
		if c.Name == name {
			return c
		}
	}
	t.Fatalf("no check %s in the report", name)
	return probe.Check{}
}

func TestStopsWhenTheAppCannotBeReached(t *testing.T) {
	app := httptest.NewServer(http.NotFoundHandler())
	url := app.URL
	app.Close() // nothing listens there now
	r := run(t, url)
	if len(r.Checks) != 1 || r.Passed() || !strings.Contains(r.Checks[0].Reason, "the probe stopped here") {
		t.Errorf("checks = %+v; want the first genuine check failed, saying the probe stopped", r.Checks)
	}
}
