package webhook

import (
	"log/slog"
	"math/rand/v2"
	"net/http"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
)

// Defaults of the options.
const (
	// DefaultTimeout bounds one attempt: connect, send, and receive the status.
	DefaultTimeout = 10 * time.Second
	// DefaultConcurrency bounds the attempts in flight at once, all
	// destinations together.
	DefaultConcurrency = 64
	// DefaultDestinationConcurrency bounds the attempts in flight at once to
	// one destination host, so that a few hanging receivers leave slots for
	// the others.
	DefaultDestinationConcurrency = 8
	// The log caps. Measured (BenchmarkRecordBytes, TestSoak): an event
	// holds about 100 B plus its body (about 500 B for a generated order
	// event), a pending delivery about 520 B, an attempt record about 760 B,
	// so a delivered event with its records holds about 1.9 KB. 20,000 of
	// each in all stores is about 40 MB live, which Go's collector (GOGC
	// 100) and a busy delivery loop turn into about 165 MB of peak RSS (25,000
	// gave 175-188 MB): the soak's bound is 200 MB. 10,000 per store lets
	// one busy store keep half of that.

	// DefaultAttemptLogCap bounds the attempt records kept per store.
	DefaultAttemptLogCap = 10000
	// DefaultAttemptLogTotalCap bounds the attempt records kept in all
	// stores together.
	DefaultAttemptLogTotalCap = 20000
	// DefaultEventLogCap bounds the events kept per store.
	DefaultEventLogCap = 10000
	// DefaultEventLogTotalCap bounds the events kept in all stores together.
	DefaultEventLogTotalCap = 20000
	// DefaultDeliveryLogCap bounds the finished deliveries kept per store;
	// pending ones are never dropped.
	DefaultDeliveryLogCap = 10000
	// DefaultDeliveryLogTotalCap bounds the finished deliveries kept in all
	// stores together.
	DefaultDeliveryLogTotalCap = 20000
	// DefaultNotificationLogCap bounds the notifications kept per store.
	DefaultNotificationLogCap = 10000
	// DefaultNotificationLogTotalCap bounds the notifications kept in all
	// stores together.
	DefaultNotificationLogTotalCap = 20000
	// responseBodyCap is how much of a receiver's body an attempt keeps.
	responseBodyCap = 1 << 10
)

// BlocklistPolicy sets BigCommerce's domain blocklist rule: once MinAttempts
// attempts of one client to one destination host were sent within Window,
// a success ratio below MinSuccessRatio blocks that client+host for BlockFor.
type BlocklistPolicy struct {
	// Window is the sliding window the attempts are counted over.
	Window time.Duration
	// MinAttempts is how many attempts the window needs before the ratio
	// counts. Zero or less disables the blocklist.
	MinAttempts int
	// MinSuccessRatio is the lowest success ratio that does not block.
	MinSuccessRatio float64
	// BlockFor is how long a block lasts.
	BlockFor time.Duration
}

// DefaultBlocklist is BigCommerce's documented rule: 100 attempts in a
// 2-minute window, under 90 % success, blocked for 3 minutes.
var DefaultBlocklist = BlocklistPolicy{
	Window:          2 * time.Minute,
	MinAttempts:     100,
	MinSuccessRatio: 0.9,
	BlockFor:        3 * time.Minute,
}

// enabled reports whether the policy can ever block.
func (p BlocklistPolicy) enabled() bool {
	return p.MinAttempts > 0 && p.Window > 0 && p.BlockFor > 0
}

// config is what the options set.
type config struct {
	clock       clock.Clock
	client      *http.Client
	schedule    bigcommerce.Schedule
	timeout     time.Duration
	logger      *slog.Logger
	seed        *uint64
	caps        logCaps
	activation  time.Duration
	concurrency int
	// destConcurrency is the per-destination cap, at most concurrency.
	destConcurrency int
	blocklist       BlocklistPolicy
	// sender, when set, goes out on every attempt as SenderHeader.
	sender string
	// observer hears what the engine does (WithObserver).
	observer Observer
}

// Option configures an Engine in New.
type Option func(*config)

// defaultConfig is the configuration before options apply.
func defaultConfig() config {
	return config{
		clock:           clock.Real{},
		schedule:        bigcommerce.DefaultSchedule,
		timeout:         DefaultTimeout,
		logger:          slog.New(slog.DiscardHandler),
		caps:            defaultCaps(),
		concurrency:     DefaultConcurrency,
		destConcurrency: DefaultDestinationConcurrency,
		blocklist:       DefaultBlocklist,
		observer:        quiet{},
	}
}

// WithClock sets the clock every due time, timestamp and window is read
// from. A clock with a Set(time.Time) method (clock.Fake) puts the engine in
// fake mode, where AdvanceTo works and Run never waits on a timer. Nil is
// ignored. Default: clock.Real{}.
func WithClock(c clock.Clock) Option {
	return func(cfg *config) {
		if c != nil {
			cfg.clock = c
		}
	}
}

// WithHTTPClient sets the client attempts are sent with, e.g. an
// httptest.Server's Client() or one with an in-memory RoundTripper. The
// engine uses it as given, redirect policy included. Nil is ignored.
// Default: a client that never follows redirects.
func WithHTTPClient(c *http.Client) Option {
	return func(cfg *config) {
		if c != nil {
			cfg.client = c
		}
	}
}

// WithSchedule sets the retry ladder. It is not checked again here: the
// value was checked where it entered (bigcommerce.ParseSchedule, or
// mock.WithRetrySchedule for a schedule built in Go). Default:
// bigcommerce.DefaultSchedule.
func WithSchedule(s bigcommerce.Schedule) Option {
	return func(cfg *config) { cfg.schedule = append(bigcommerce.Schedule{}, s...) }
}

// WithTimeout sets how long one attempt may take before it counts as a
// failure. Non-positive values are ignored. Default: DefaultTimeout.
func WithTimeout(d time.Duration) Option {
	return func(cfg *config) {
		if d > 0 {
			cfg.timeout = d
		}
	}
}

// WithLogger sets where the engine logs. Nil is ignored. Default: discard.
func WithLogger(l *slog.Logger) Option {
	return func(cfg *config) {
		if l != nil {
			cfg.logger = l
		}
	}
}

// WithSeed makes webhook-ids reproducible: the same seed and the same
// sequence of raised events give the same ids. Default: a random seed.
func WithSeed(seed uint64) Option {
	return func(cfg *config) { cfg.seed = &seed }
}

// logCaps bound the four logs (logs.go).
type logCaps struct{ events, deliveries, attempts, notifications LogCap }

// defaultCaps are the Default*LogCap constants.
func defaultCaps() logCaps {
	return logCaps{
		events:        LogCap{PerStore: DefaultEventLogCap, Total: DefaultEventLogTotalCap},
		deliveries:    LogCap{PerStore: DefaultDeliveryLogCap, Total: DefaultDeliveryLogTotalCap},
		attempts:      LogCap{PerStore: DefaultAttemptLogCap, Total: DefaultAttemptLogTotalCap},
		notifications: LogCap{PerStore: DefaultNotificationLogCap, Total: DefaultNotificationLogTotalCap},
	}
}

// Every log has a cap per store and a cap for all stores together; at
// either, the oldest record of that log goes first, and Stats counts what
// went. Zero or less lifts a cap. A pending delivery is never dropped, for
// it is still due: a delivery cap drops the oldest finished deliveries, and
// when only pending ones are left it keeps them all, counts the overrun
// (Stats.PendingKept) and logs a warning. A dropped event's pending
// deliveries still send it.

// WithAttemptLogCap bounds the attempt records kept per store. Default:
// DefaultAttemptLogCap.
func WithAttemptLogCap(perStore int) Option {
	return func(cfg *config) { cfg.caps.attempts.PerStore = perStore }
}

// WithAttemptLogTotalCap bounds the attempt records kept in all stores
// together. Default: DefaultAttemptLogTotalCap.
func WithAttemptLogTotalCap(total int) Option {
	return func(cfg *config) { cfg.caps.attempts.Total = total }
}

// WithEventLogCap bounds the events kept per store. Default:
// DefaultEventLogCap.
func WithEventLogCap(perStore int) Option {
	return func(cfg *config) { cfg.caps.events.PerStore = perStore }
}

// WithEventLogTotalCap bounds the events kept in all stores together.
// Default: DefaultEventLogTotalCap.
func WithEventLogTotalCap(total int) Option {
	return func(cfg *config) { cfg.caps.events.Total = total }
}

// WithDeliveryLogCap bounds the deliveries kept per store (pending ones are
// never dropped). Default: DefaultDeliveryLogCap.
func WithDeliveryLogCap(perStore int) Option {
	return func(cfg *config) { cfg.caps.deliveries.PerStore = perStore }
}

// WithDeliveryLogTotalCap bounds the deliveries kept in all stores together
// (pending ones are never dropped). Default: DefaultDeliveryLogTotalCap.
func WithDeliveryLogTotalCap(total int) Option {
	return func(cfg *config) { cfg.caps.deliveries.Total = total }
}

// WithNotificationLogCap bounds the notifications kept per store. Default:
// DefaultNotificationLogCap.
func WithNotificationLogCap(perStore int) Option {
	return func(cfg *config) { cfg.caps.notifications.PerStore = perStore }
}

// WithNotificationLogTotalCap bounds the notifications kept in all stores
// together. Default: DefaultNotificationLogTotalCap.
func WithNotificationLogTotalCap(total int) Option {
	return func(cfg *config) { cfg.caps.notifications.Total = total }
}

// WithActivationDelay makes hooks created less than d ago invisible to new
// events, as BigCommerce's hooks "can take up to a minute" to fire. Default 0.
func WithActivationDelay(d time.Duration) Option {
	return func(cfg *config) {
		if d >= 0 {
			cfg.activation = d
		}
	}
}

// SenderHeader names the engine on every attempt it sends (WithSender), so
// that a mock that receives one of its own callbacks, by whatever address
// reaches it, can refuse it instead of acting on it. A hook's custom
// header of that name is dropped.
const SenderHeader = "X-Bcmock-Sender"

// WithSender sends id as SenderHeader on every attempt.
func WithSender(id string) Option { return func(c *config) { c.sender = id } }

// WithConcurrency bounds how many attempts are in flight at once, all
// destinations together. Values below 1 are ignored. Default:
// DefaultConcurrency.
func WithConcurrency(n int) Option {
	return func(cfg *config) {
		if n >= 1 {
			cfg.concurrency = n
		}
	}
}

// WithDestinationConcurrency bounds how many attempts are in flight at once
// to one destination host (bigcommerce.Destination.Host, the blocklist's
// key). The destinations with work take turns for the WithConcurrency
// slots, so a slow or hanging receiver holds at most n of them and never
// holds back the others. A value above WithConcurrency's acts as
// WithConcurrency's. Values below 1 are ignored. Default:
// DefaultDestinationConcurrency.
func WithDestinationConcurrency(n int) Option {
	return func(cfg *config) {
		if n >= 1 {
			cfg.destConcurrency = n
		}
	}
}

// WithBlocklist replaces the domain blocklist rule; a policy with
// MinAttempts 0 turns the blocklist off. Default: DefaultBlocklist.
func WithBlocklist(p BlocklistPolicy) Option {
	return func(cfg *config) { cfg.blocklist = p }
}

// newRand returns the webhook-id generator for the configured seed.
func (cfg *config) newRand() *rand.Rand {
	seed := rand.Uint64()
	if cfg.seed != nil {
		seed = *cfg.seed
	}
	return rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
}

// defaultClient is an HTTP client that never follows redirects and keeps
// enough idle connections for the configured concurrency.
func defaultClient(concurrency int) *http.Client {
	tr := &http.Transport{Proxy: http.ProxyFromEnvironment}
	if std, ok := http.DefaultTransport.(*http.Transport); ok {
		tr = std.Clone()
	}
	tr.MaxIdleConnsPerHost = concurrency
	tr.MaxIdleConns = max(tr.MaxIdleConns, concurrency*4)
	return &http.Client{
		Transport: tr,
		CheckRedirect: func(*http.Request, []*http.Request) error {
			return http.ErrUseLastResponse
		},
	}
}
