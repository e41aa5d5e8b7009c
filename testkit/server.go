// Package testkit runs bcmock inside a Go test, the way net/http/httptest
// runs a handler: no Docker, no ports to choose, a fresh mock per test.
//
//	func TestOrderSync(t *testing.T) {
//		t.Parallel()
//		srv := testkit.Start(t, testkit.WithFakeClock(time.Now()))
//		store := testkit.StoreHash(t)                  // unique to this test
//		app := myapp.New(srv.StoreURL(store), "token") // the code under test
//		...
//		srv.AdvanceClock(ctx, 49*time.Hour)           // BigCommerce's whole retry ladder
//	}
//
// A Server is bcmock's mock.Server behind an httptest.Server. Its control
// API is reachable through Admin (an adminapi.Client), the same client a
// container started by testkit/container gives, so one test suite can run
// against both.
//
// A Receiver is a webhook destination that records every callback,
// answers from a script (fail twice then 200, hang, a fixed status) and
// verifies the Standard Webhooks signature with the account's secret.
package testkit

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/runner"
)

// Account is a BigCommerce API account: the X-Auth-Token that
// authenticates as it, its client_id (which owns its webhooks) and its
// client_secret (which signs their callbacks).
type Account = account.Account

// DefaultClockStart is where WithFakeClock starts when given the zero time:
// 2025-01-01T00:00:00Z, as bcmock serve --clock fake.
var DefaultClockStart = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// ErrBadOption reports an option value testkit cannot use. Errors from
// options wrap it (or bigcommerce.ErrInvalidSchedule for a retry schedule).
var ErrBadOption = mock.ErrBadOption

// Server is an in-process bcmock listening on a system-chosen port on the
// loopback interface, for use in tests. Create it with NewServer,
// NewUnstartedServer or Start. The caller should call Close when done
// (Start arranges that itself). A Server is safe for concurrent use once
// started.
type Server struct {
	// URL is the base URL of the mock, of the form http://127.0.0.1:port,
	// with no trailing slash. It is empty until the server is started.
	URL string

	// Listener is the listener the server will use. Replace it before Start,
	// for example with one on 0.0.0.0 so that an app in a container can call
	// the mock; URL then still names 127.0.0.1.
	Listener net.Listener

	// Config may be changed after NewUnstartedServer and before Start.
	Config *http.Server

	mock     *mock.Server
	http     *httptest.Server
	admin    *adminapi.Client
	fake     bool
	accounts []Account
	scenario *scenarios.Scenario // from WithScenarioFile, set up at Start
	session  *runner.Session

	mu        sync.Mutex
	tlsClient *http.Client // made by TLSClient
	started   bool
	closed    bool
}

// config collects what the options say.
type config struct {
	mockOpts     []mock.Option
	fake         *clock.Fake
	accounts     []Account
	scenario     *scenarios.Scenario
	scenarioOpts []mock.Option // the scenario's setup, before the other options
}

// WithScenarioFile sets the mock up from a scenario file (see
// scenarios/FORMAT.md): its accounts, seed, clock, retry schedule and
// delivery timeout configure the mock (other options given to the same
// call win over them), and Start registers its hooks and starts its
// receivers. The steps then run on demand through Scenario. A file that
// does not load or validate is an error listing every problem.
func WithScenarioFile(path string) Option {
	return func(c *config) error {
		s, err := scenarios.Load(path)
		if err != nil {
			return fmt.Errorf("with scenario file: %w", err)
		}
		c.scenario = s
		c.scenarioOpts = runner.MockOptions(s.Setup, nil)
		return nil
	}
}

// Option configures a Server. An option that cannot be applied returns an
// error, which makes NewServer panic and Start fail the test.
type Option func(*config) error

// WithFakeClock runs the mock on a fake clock that starts at start (the
// zero time means DefaultClockStart) and moves only through AdvanceClock,
// which walks from due time to due time so every retry fires at its
// scheduled instant: 48 hours of BigCommerce's retries take milliseconds.
// Without it the mock uses the wall clock.
//
// Callbacks carry the fake time in their webhook-timestamp header; an app
// that rejects timestamps older than a few minutes (as the Standard
// Webhooks libraries' Verify does) needs a start close to time.Now().
func WithFakeClock(start time.Time) Option {
	return func(c *config) error {
		if start.IsZero() {
			start = DefaultClockStart
		}
		c.fake = clock.NewFake(start)
		c.mockOpts = append(c.mockOpts, mock.WithClock(c.fake))
		return nil
	}
}

// WithSeed makes event data and webhook-id values reproducible: the same
// seed gives the same values for the same sequence of calls. 0 means a
// random seed; the default is 1.
func WithSeed(seed int64) Option {
	return func(c *config) error {
		c.mockOpts = append(c.mockOpts, mock.WithSeed(seed))
		return nil
	}
}

// WithAccounts makes the mock accept only these API accounts; other tokens
// get 401. An empty ClientSecret is derived from the token. Without it any
// non-empty token is its own account (see Server.Account).
func WithAccounts(accounts ...Account) Option {
	return func(c *config) error {
		if len(accounts) == 0 {
			return fmt.Errorf("with accounts: %w: no accounts given", ErrBadOption)
		}
		c.accounts = append(c.accounts, accounts...)
		return nil
	}
}

// WithStrictDestinations makes the mock refuse, with a 422, the hook
// destinations production BigCommerce refuses: anything but https on port
// 443. A test Receiver (plain http on a random port) is then refused too.
func WithStrictDestinations() Option {
	return func(c *config) error {
		c.mockOpts = append(c.mockOpts, mock.WithStrictDestinations())
		return nil
	}
}

// WithRetrySchedule replaces BigCommerce's retry ladder (11 delays from 60 s
// to 86,400 s: 12 attempts over about 48 hours) with these delays between
// attempts. No delays means one attempt and no retries. Every delay must be
// positive.
func WithRetrySchedule(delays ...time.Duration) Option {
	return func(c *config) error {
		c.mockOpts = append(c.mockOpts, mock.WithRetrySchedule(bigcommerce.Schedule(delays)))
		return nil
	}
}

// WithDeliveryTimeout sets how long a receiver has to answer an attempt
// before it counts as failed (default 10 s). It is real time, also under a
// fake clock.
func WithDeliveryTimeout(d time.Duration) Option {
	return func(c *config) error {
		if d <= 0 {
			return fmt.Errorf("with delivery timeout %v: %w: must be positive", d, ErrBadOption)
		}
		c.mockOpts = append(c.mockOpts, mock.WithDeliveryTimeout(d))
		return nil
	}
}

// WithLogger sends the mock's log (requests at debug level, deliveries,
// warnings) to l. The default discards it.
func WithLogger(l *slog.Logger) Option {
	return func(c *config) error {
		if l == nil {
			return fmt.Errorf("with logger: %w: nil logger", ErrBadOption)
		}
		c.mockOpts = append(c.mockOpts, mock.WithLogger(l))
		return nil
	}
}

// WithResponseValidation makes the mock check each of its responses
// against its OpenAPI documents and answer 500 on a violation, so a test
// cannot pass against an answer BigCommerce's contract does not allow.
func WithResponseValidation() Option {
	return func(c *config) error {
		c.mockOpts = append(c.mockOpts, mock.WithResponseValidation())
		return nil
	}
}

// build makes the mock and the unstarted httptest server.
func build(opts []Option) (*Server, error) {
	var cfg config
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	mockOpts := append([]mock.Option{mock.WithVersion("testkit")}, cfg.scenarioOpts...)
	mockOpts = append(mockOpts, cfg.mockOpts...)
	if len(cfg.accounts) > 0 {
		mockOpts = append(mockOpts, mock.WithAccounts(cfg.accounts...))
	}
	m, err := mock.New(mockOpts...)
	if err != nil {
		return nil, fmt.Errorf("start mock: %w", err)
	}
	hs := httptest.NewUnstartedServer(m)
	return &Server{
		Listener: hs.Listener, Config: hs.Config,
		mock: m, http: hs, accounts: cfg.accounts, scenario: cfg.scenario,
		fake: cfg.fake != nil || (cfg.scenario != nil && cfg.scenario.Setup.Clock.Mode == scenarios.ClockFake),
	}, nil
}

// NewUnstartedServer returns a new Server but does not start it, so that
// Listener and Config can be changed first. It panics, with a "testkit:"
// prefix, if an option cannot be applied. The caller should call Start, then
// Close when done.
func NewUnstartedServer(opts ...Option) *Server {
	s, err := build(opts)
	if err != nil {
		panic("testkit: " + err.Error())
	}
	return s
}

// NewServer starts and returns a new Server. It panics, with a "testkit:"
// prefix, if an option cannot be applied. The caller should call Close when
// done.
func NewServer(opts ...Option) *Server {
	s := NewUnstartedServer(opts...)
	s.Start()
	return s
}

// Start starts a server from NewUnstartedServer. It panics if the server
// was already started or closed.
func (s *Server) Start() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.started || s.closed {
		panic("testkit: Server.Start called twice or after Close")
	}
	s.started = true
	s.http.Listener, s.http.Config = s.Listener, s.Config
	s.http.Start()
	s.URL = "http://" + dialAddr(s.http.Listener.Addr())
	s.admin = adminapi.New(s.URL, s.http.Client())
	if s.scenario != nil {
		session, err := runner.Start(context.Background(), s.scenario, runner.WithServer(s.mock, s.URL), runner.WithHTTPClient(s.http.Client()))
		if err != nil {
			panic("testkit: set up scenario: " + err.Error())
		}
		s.session = session
	}
}

// Scenario returns the session of the scenario given with
// WithScenarioFile, whose setup is in place and whose steps run on demand
// (RunRemaining, RunStep); nil without a scenario or before Start.
func (s *Server) Scenario() *runner.Session { return s.session }

// Start starts a Server for tb and closes it when tb and its subtests end.
// It fails the test (tb.Fatal) if an option cannot be applied.
func Start(tb testing.TB, opts ...Option) *Server {
	tb.Helper()
	s, err := build(opts)
	if err != nil {
		tb.Fatalf("testkit: %v", err)
	}
	s.Start()
	tb.Cleanup(s.Close)
	return s
}

// Close shuts the server down: it stops the delivery engine (abandoning
// attempts in flight) and blocks until every request to the mock has
// finished. Closing twice is safe.
func (s *Server) Close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	started, tlsClient := s.started, s.tlsClient
	s.mu.Unlock()
	if s.session != nil {
		_ = s.session.Close()
	}
	_ = s.mock.Close()
	if started {
		s.http.Close()
		if tlsClient != nil {
			tlsClient.CloseIdleConnections()
		}
	} else {
		_ = s.Listener.Close()
	}
}

// Client returns an HTTP client configured for requests to the server.
// It is closed with the server.
func (s *Server) Client() *http.Client { return s.http.Client() }

// Mock returns the underlying mock.Server, for what the control API does
// not offer.
func (s *Server) Mock() *mock.Server { return s.mock }

// Admin returns a client of the server's control API. It is nil before
// Start.
func (s *Server) Admin() *adminapi.Client { return s.admin }

// UsesFakeClock reports whether the server runs on a fake clock (WithFakeClock).
func (s *Server) UsesFakeClock() bool { return s.fake }

// InspectorURL returns the address of the mock's inspector page, to open
// in a browser while a test runs (log it, or t.Log it and pause): the
// stores and hooks, events, deliveries with their attempts, and the clock.
func (s *Server) InspectorURL() string { return s.URL + adminapi.InspectorPath }

// StoreURL returns the base URL of BigCommerce's v3 API for a store, as an
// app would use https://api.bigcommerce.com/stores/{store_hash}/v3:
// URL + "/stores/" + storeHash + "/v3".
func (s *Server) StoreURL(storeHash string) string {
	return s.URL + "/stores/" + storeHash + "/v3"
}

// Account returns the API account a token authenticates as. Without
// WithAccounts every non-empty token is its own account, with a client_id
// and client_secret derived from it; with WithAccounts only the declared
// tokens have one, and ok is false for others.
func (s *Server) Account(token string) (acct Account, ok bool) {
	if len(s.accounts) == 0 {
		if token == "" {
			return Account{}, false
		}
		return account.Derive(token), true
	}
	for _, a := range s.accounts {
		if a.Token == token {
			if a.ClientSecret == "" {
				a.ClientSecret = account.Derive(a.Token).ClientSecret
			}
			return a, true
		}
	}
	return Account{}, false
}

// RaiseEvent raises the concrete event scope in a store, with the mock's
// invented data and data merged over it (see adminapi.Client.RaiseEvent).
//
// It waits only until the mock has recorded the event and created one
// delivery per matching active hook (Raised.DeliveryIDs), not for any
// callback: first attempts start at once in the background, on a fake
// clock too, and retries wait for their due time (AdvanceClock on a fake
// clock). To see the callbacks arrive, wait on the receiver
// (Receiver.WaitForCalls) or on the delivery log (WaitForDelivery).
func (s *Server) RaiseEvent(ctx context.Context, storeHash, scope string, data any) (adminapi.Raised, error) {
	return s.admin.RaiseEvent(ctx, storeHash, scope, data)
}

// AdvanceClock moves the fake clock forward by d, firing every attempt due
// on the way at its scheduled instant, and returns when they are done; see
// adminapi.Client.AdvanceClock. It fails with ErrRealClock unless the
// server was started WithFakeClock.
func (s *Server) AdvanceClock(ctx context.Context, d time.Duration) (adminapi.Clock, error) {
	if !s.fake {
		return adminapi.Clock{}, fmt.Errorf("advance clock: %w", ErrRealClock)
	}
	return s.admin.AdvanceClock(ctx, d)
}

// ErrRealClock is returned by AdvanceClock on a server without WithFakeClock.
var ErrRealClock = errors.New("the server runs on the wall clock; start it WithFakeClock to move time")

// Deliveries lists the deliveries q selects, oldest first.
func (s *Server) Deliveries(ctx context.Context, q adminapi.Query) ([]adminapi.Delivery, error) {
	return s.admin.Deliveries(ctx, q)
}

// Attempts lists the delivery attempts q selects, oldest first.
func (s *Server) Attempts(ctx context.Context, q adminapi.Query) ([]adminapi.Attempt, error) {
	return s.admin.Attempts(ctx, q)
}

// WaitForDelivery waits until a delivery satisfies match (nil matches any)
// and returns it; it fails when ctx ends, so give ctx a deadline. Under a
// fake clock only first attempts happen on their own: advance the clock
// for retries.
func (s *Server) WaitForDelivery(ctx context.Context, match func(adminapi.Delivery) bool) (adminapi.Delivery, error) {
	return s.admin.WaitForDelivery(ctx, adminapi.Query{}, match)
}

// StartReceiver starts a Receiver for tb that verifies callback signatures
// with the secret of token's account, ignoring the signature timestamp's
// age when the server runs on a fake clock; opts come after those defaults.
// It fails the test if the token has no account.
func (s *Server) StartReceiver(tb testing.TB, token string, opts ...ReceiverOption) *Receiver {
	tb.Helper()
	acct, ok := s.Account(token)
	if !ok {
		tb.Fatalf("testkit: no account has token %q", token)
	}
	defaults := []ReceiverOption{WithSecret(acct.ClientSecret)}
	if s.fake {
		defaults = append(defaults, WithoutTimestampCheck())
	}
	return StartReceiver(tb, append(defaults, opts...)...)
}

// dialAddr turns a listen address into one to dial: an unspecified IP
// (0.0.0.0, ::) becomes 127.0.0.1.
func dialAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("127.0.0.1", fmt.Sprint(tcp.Port))
}
