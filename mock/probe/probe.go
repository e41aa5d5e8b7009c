package probe

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"net/http"
	"net/url"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/event"
)

// Report is what a probe found: the control API's wire type, so the
// report of "bcmock probe", of testkit.Probe and of POST /__bcmock/probe
// is one type. Report.Passed is true when every required check passed.
type Report = adminapi.ProbeReport

// Check is one check of a Report.
type Check = adminapi.ProbeCheck

// Latency sums up the timed callbacks of a Report.
type Latency = adminapi.ProbeLatency

// Run probes the app's webhook endpoint at rawURL, which verifies
// callbacks with the API account's clientSecret, and returns the report.
// Checks that fail are in the report, not an error: see Report.Passed.
//
// Run returns a *ConfigError, and no report, for an argument or option it
// cannot use (a URL that is not http or https, an empty secret, an
// unknown scope, a count or timeout out of range). If ctx ends, Run stops
// and returns the checks done so far with ctx's error. The callbacks are
// sent one at a time; an app that never answers costs about (count + 15)
// timeouts.
func Run(ctx context.Context, rawURL, clientSecret string, opts ...Option) (Report, error) {
	cfg := defaults()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	p, err := newProber(rawURL, clientSecret, cfg)
	if err != nil {
		return Report{}, err
	}
	defer p.close()
	return p.run(ctx)
}

// prober is one run of the probe.
type prober struct {
	cfg    config
	url    string
	secret string
	events []string
	other  string // the unhandled-scope event; "" when none is left
	gen    *event.Generator
	rng    *rand.Rand // webhook-ids
	client *http.Client
	own    *http.Transport // the probe's own transport, closed at the end; nil with WithHTTPClient

	first  callback // the first genuine callback, which the duplicates repeat
	report Report
	acks   []judged // answers to callbacks that should be acknowledged, for the response rules
}

// judged is an answer and the check it was for.
type judged struct {
	check  string
	answer answer
}

func newProber(rawURL, secret string, cfg config) (*prober, error) {
	if err := checkURL(rawURL); err != nil {
		return nil, err
	}
	switch {
	case secret == "":
		return nil, &ConfigError{Field: "client_secret", Problem: "empty: give the API account's client secret, which keys the webhook-signature"}
	case cfg.count < 1 || cfg.count > MaxCount:
		return nil, &ConfigError{Field: "count", Problem: fmt.Sprintf("%d callbacks: want 1 to %d", cfg.count, MaxCount)}
	case cfg.timeout <= 0:
		return nil, &ConfigError{Field: "timeout_ms", Problem: fmt.Sprintf("%v: want a positive timeout", cfg.timeout)}
	case !bigcommerce.ValidStoreHash(cfg.storeHash):
		return nil, &ConfigError{Field: "store_hash", Problem: fmt.Sprintf("%q: only letters, digits, '-' and '_' are allowed", cfg.storeHash)}
	}
	events, err := resolve(cfg.scopes)
	if err != nil {
		return nil, err
	}
	seed := uint64(cfg.seed)
	if cfg.seed == 0 {
		seed = rand.Uint64()
	}
	p := &prober{
		cfg: cfg, url: rawURL, secret: secret, events: events, other: unhandled(cfg.scopes, events),
		gen: event.NewGenerator(cfg.seed), rng: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)),
	}
	p.client = p.httpClient()
	return p, nil
}

// checkURL refuses a URL the probe cannot send to.
func checkURL(rawURL string) error {
	u, err := url.Parse(rawURL)
	switch {
	case rawURL == "":
		return &ConfigError{Field: "url", Problem: "empty: give the app's webhook endpoint, e.g. http://localhost:3000/webhooks"}
	case err != nil:
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return &ConfigError{Field: "url", Problem: fmt.Sprintf("%q is not a URL: %v", rawURL, err)}
	case u.Scheme != "http" && u.Scheme != "https":
		return &ConfigError{Field: "url", Problem: fmt.Sprintf("%q: want an http or https URL", rawURL)}
	case u.Host == "":
		return &ConfigError{Field: "url", Problem: fmt.Sprintf("%q has no host", rawURL)}
	}
	return nil
}

// httpClient returns the client the callbacks go through: never following
// redirects, since BigCommerce does not.
func (p *prober) httpClient() *http.Client {
	var c http.Client
	if p.cfg.client != nil {
		c = *p.cfg.client
	} else {
		p.own = http.DefaultTransport.(*http.Transport).Clone()
		c.Transport = p.own
	}
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

func (p *prober) close() {
	if p.own != nil {
		p.own.CloseIdleConnections()
	}
}

// sigSeverity is the severity of the signature checks.
func (p *prober) sigSeverity() string {
	if p.cfg.advisory {
		return adminapi.SeverityAdvisory
	}
	return adminapi.SeverityRequired
}

// run sends the battery, in the order the report lists it.
func (p *prober) run(ctx context.Context) (Report, error) {
	start := p.cfg.now()
	p.report = Report{
		URL: p.url, StoreHash: p.cfg.storeHash, Events: p.events, Seed: p.cfg.seed, Count: p.cfg.count,
		TimeoutMS: ms(p.cfg.timeout), SignatureChecks: p.sigSeverity(), StartedAt: start.UTC(), Checks: []Check{},
	}
	steps := []func(context.Context) error{p.genuine, p.duplicates, p.unhandledScope, p.signatures, p.latency}
	var err error
	for _, step := range steps {
		if err = step(ctx); err != nil {
			break
		}
	}
	if errors.Is(err, errUnreachable) {
		c := &p.report.Checks[0]
		c.Reason += "; the probe stopped here, since every other callback would fail the same way"
		err = nil
	} else if err == nil {
		p.responseRules()
		p.crossReference()
	}
	p.report.DurationMS = ms(p.cfg.now().Sub(start))
	if err != nil {
		return p.report, fmt.Errorf("probe %s: %w", p.url, err)
	}
	return p.report, nil
}

// add appends a check to the report.
func (p *prober) add(c Check) { p.report.Checks = append(p.report.Checks, c) }

// ms is d in milliseconds.
func ms(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
