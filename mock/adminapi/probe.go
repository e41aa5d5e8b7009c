package adminapi

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// ProbePath runs the probe of an app's webhook endpoint on POST
// (operationId runProbe): the mock sends the battery of package mock/probe
// to the URL and answers with the ProbeReport.
const ProbePath = Prefix + "/probe"

// ProbeRequest asks the mock to probe an app's webhook endpoint. Only URL
// and ClientSecret are required; the zero value of every other field
// means mock/probe's default.
type ProbeRequest struct {
	// URL is the app's webhook endpoint, http or https. It must not be the
	// mock itself.
	URL string `json:"url"`
	// ClientSecret is the API account's client secret, which keys the
	// webhook-signature (the app verifies with base64 of it).
	ClientSecret string `json:"client_secret"`
	// Scopes choose the events of the genuine callbacks: families (such
	// as "order"), wildcards ("store/cart/*") or concrete events.
	Scopes []string `json:"scopes,omitempty"`
	// Count is how many genuine callbacks the latency check times.
	Count int `json:"count,omitempty"`
	// TimeoutMS is how long the app has to answer each callback, in
	// milliseconds.
	TimeoutMS int64 `json:"timeout_ms,omitempty"`
	// Seed makes the invented event data and webhook-ids reproducible.
	Seed int64 `json:"seed,omitempty"`
	// StoreHash is the store the callbacks come from.
	StoreHash string `json:"store_hash,omitempty"`
	// NoSignatureChecks reports the signature checks as advisory, for an
	// app that does not verify signatures yet.
	NoSignatureChecks bool `json:"no_signature_checks,omitempty"`
}

// Severities of a ProbeCheck.
const (
	// SeverityRequired: the report fails when the check fails.
	SeverityRequired = "required"
	// SeverityAdvisory: a failure is reported but does not fail the report.
	SeverityAdvisory = "advisory"
)

// ProbeReport is what a probe of an app's webhook endpoint found: one
// ProbeCheck per rule, in the order they ran. Package mock/probe returns
// it (as probe.Report); the control API answers with it.
type ProbeReport struct {
	// URL is the endpoint probed.
	URL string `json:"url"`
	// StoreHash is the store the callbacks came from.
	StoreHash string `json:"store_hash"`
	// Events are the events of the genuine callbacks, chosen from the
	// requested scopes: one per family of data shapes.
	Events []string `json:"events"`
	// Seed is the seed of the invented data and webhook-ids.
	Seed int64 `json:"seed"`
	// Count is how many genuine callbacks the latency check timed.
	Count int `json:"count"`
	// TimeoutMS is how long the app had to answer each callback.
	TimeoutMS float64 `json:"timeout_ms"`
	// SignatureChecks is the severity of the signature checks:
	// SeverityRequired, or SeverityAdvisory with --no-signature-checks.
	SignatureChecks string `json:"signature_checks"`
	// StartedAt is when the probe began.
	StartedAt time.Time `json:"started_at"`
	// DurationMS is how long the whole probe took.
	DurationMS float64 `json:"duration_ms"`
	// Latency sums up the timed callbacks.
	Latency ProbeLatency `json:"latency"`
	// Checks are the checks, in the order they ran.
	Checks []ProbeCheck `json:"checks"`
}

// ProbeLatency is how fast the app answered the timed callbacks.
type ProbeLatency struct {
	// Samples is how many callbacks were timed.
	Samples int `json:"samples"`
	// P50MS, P95MS and MaxMS are the median, the 95th percentile
	// (nearest rank) and the slowest answer, in milliseconds; a callback
	// that got no answer counts as the whole timeout.
	P50MS float64 `json:"p50_ms"`
	P95MS float64 `json:"p95_ms"`
	MaxMS float64 `json:"max_ms"`
}

// ProbeCheck is one rule of the probe and how the app fared.
type ProbeCheck struct {
	// Name identifies the check, e.g. "signature-wrong-secret" or
	// "genuine store/order/created".
	Name string `json:"name"`
	// Title says what the check wants, in a sentence.
	Title string `json:"title"`
	// Severity is SeverityRequired or SeverityAdvisory.
	Severity string `json:"severity"`
	// Sent describes what the probe sent.
	Sent string `json:"sent"`
	// Got describes what came back: "200 in 3ms", "no answer within 10s".
	Got string `json:"got"`
	// Status is the HTTP status that came back; 0 when none did, or when
	// the check judges several answers.
	Status int `json:"status"`
	// DurationMS is how long the answer took; 0 when the check judges
	// several answers.
	DurationMS float64 `json:"duration_ms"`
	// Passed is true when the app did what the check wants.
	Passed bool `json:"passed"`
	// Skipped is true when the check could not apply (its reason says
	// why); a skipped check neither passes nor fails the report.
	Skipped bool `json:"skipped,omitempty"`
	// Reason explains the verdict.
	Reason string `json:"reason"`
	// Fix says what to change in the app when the check failed.
	Fix string `json:"fix,omitempty"`
}

// Required reports whether a failure of the check fails the report.
func (c ProbeCheck) Required() bool { return c.Severity == SeverityRequired }

// Failed reports whether the check failed (required or advisory).
func (c ProbeCheck) Failed() bool { return !c.Passed && !c.Skipped }

// Passed reports whether every required check passed.
func (r ProbeReport) Passed() bool { return len(r.Failures()) == 0 }

// Failures returns the required checks that failed, in order.
func (r ProbeReport) Failures() []ProbeCheck {
	var out []ProbeCheck
	for _, c := range r.Checks {
		if c.Failed() && c.Required() {
			out = append(out, c)
		}
	}
	return out
}

// Probe asks the mock to probe an app's webhook endpoint and returns the
// report; it answers when every check has run, which takes up to
// (Count + about 15) times the timeout for an app that never answers, so
// give ctx room. A report whose checks failed is not an error: look at
// ProbeReport.Passed. The mock refuses (an *Error with status 422) a
// request it cannot run, such as a URL that is the mock itself.
func (c *Client) Probe(ctx context.Context, req ProbeRequest) (ProbeReport, error) {
	var r ProbeReport
	if err := c.do(ctx, http.MethodPost, "/probe", req, http.StatusOK, &r); err != nil {
		return ProbeReport{}, fmt.Errorf("probe %s: %w", req.URL, err)
	}
	return r, nil
}
