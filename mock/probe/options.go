package probe

import (
	"fmt"
	"net/http"
	"time"
)

// Defaults of the options.
const (
	// DefaultTimeout is how long the app has to answer each callback: the
	// mock's own delivery timeout. BigCommerce documents none; it asks
	// apps to answer at once.
	DefaultTimeout = 10 * time.Second
	// DefaultCount is how many genuine callbacks the latency check times.
	DefaultCount = 10
	// MaxCount bounds WithCount.
	MaxCount = 1000
	// DefaultSeed seeds the event data and webhook-ids.
	DefaultSeed = 1
	// DefaultStoreHash is the store the callbacks come from.
	DefaultStoreHash = "probe"
)

// DefaultScopes are the scopes probed when WithScopes is not given: every
// family of order events.
var DefaultScopes = []string{"store/order/*"}

// ConfigError is an argument or option Run cannot use. Field names the
// setting as the control API's ProbeRequest spells it: url,
// client_secret, scopes, count, timeout_ms, store_hash.
type ConfigError struct {
	Field   string
	Problem string
}

func (e *ConfigError) Error() string { return fmt.Sprintf("probe: %s: %s", e.Field, e.Problem) }

// Option configures Run.
type Option func(*config)

type config struct {
	scopes    []string
	count     int
	timeout   time.Duration
	seed      int64
	storeHash string
	advisory  bool // signature checks advisory
	client    *http.Client
	now       func() time.Time
}

func defaults() config {
	return config{
		scopes: DefaultScopes, count: DefaultCount, timeout: DefaultTimeout,
		seed: DefaultSeed, storeHash: DefaultStoreHash, now: time.Now,
	}
}

// WithScopes chooses the events of the genuine callbacks. Each scope is a
// family of data shapes ("order", "cart-line-item": bigcommerce.Families),
// a wildcard subscription ("store/cart/*") or a concrete event
// ("store/product/updated", "store/channel/1/order/created"). A family or
// wildcard gives one event per family it covers, its "created" event where
// there is one. No scopes means DefaultScopes.
func WithScopes(scopes ...string) Option {
	return func(c *config) {
		if len(scopes) > 0 {
			c.scopes = append([]string(nil), scopes...)
		}
	}
}

// WithCount sets how many genuine callbacks the latency check times (1 to
// MaxCount).
func WithCount(n int) Option { return func(c *config) { c.count = n } }

// WithTimeout sets how long the app has to answer each callback.
func WithTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// WithSeed seeds the event data and webhook-ids; as in mock/event, 0 means
// a random seed, and such a run cannot be repeated.
func WithSeed(seed int64) Option { return func(c *config) { c.seed = seed } }

// WithStoreHash sets the store the callbacks come from (their producer and
// store_id).
func WithStoreHash(storeHash string) Option { return func(c *config) { c.storeHash = storeHash } }

// WithoutSignatureChecks reports the signature checks as advisory: they
// still run and show, but their failures do not fail the report.
func WithoutSignatureChecks() Option { return func(c *config) { c.advisory = true } }

// WithHTTPClient sends the callbacks through client (its transport, TLS
// settings and proxy). The probe never follows redirects, whatever the
// client's CheckRedirect; nil means a client of the probe's own.
func WithHTTPClient(client *http.Client) Option { return func(c *config) { c.client = client } }

// WithClock sets the clock the probe reads: the callbacks' created_at and
// webhook-timestamp, and every duration it measures. nil means time.Now.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.now = now
		}
	}
}
