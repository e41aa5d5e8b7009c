// Package mock is bcmock as a library: a *Server is an http.Handler that
// serves BigCommerce's webhooks API at BigCommerce's own paths and bcmock's
// control API under /__bcmock/, and delivers raised store events to the
// registered webhooks with BigCommerce's retries.
//
//	srv, err := mock.New(mock.WithLogger(logger))
//	if err != nil { ... }
//	defer srv.Close()
//	http.ListenAndServe("127.0.0.1:8080", srv)
//
// Everything is configured through functional options; flags and
// environment variables belong to cmd/bcmock.
package mock

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"runtime/debug"
	"time"

	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/admin"
	"github.com/bcmock/bcmock/mock/internal/api"
	"github.com/bcmock/bcmock/mock/internal/event"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/metrics"
	"github.com/bcmock/bcmock/mock/internal/reqlog"
	"github.com/bcmock/bcmock/mock/internal/rest"
	"github.com/bcmock/bcmock/mock/internal/shop"
	"github.com/bcmock/bcmock/mock/internal/store"
	"github.com/bcmock/bcmock/mock/internal/webhook"
	"github.com/bcmock/bcmock/mock/tlsface"
	"github.com/bcmock/bcmock/openapi"
)

// documents are the OpenAPI documents of the API families.
type documents struct {
	v3, v2, control *openapi.Document
	restV2, restV3  []*openapi.Document // the REST resources behind the events
}

// Server is the whole mock. It is safe for concurrent use. Create it with New.
type Server struct {
	cfg      config
	store    *store.Store
	shop     *shop.Shop
	accounts *account.Registry
	docs     documents
	sender   string // marks this server's callbacks (webhook.SenderHeader)
	engine   *webhook.Engine
	requests *reqlog.Log
	events   *event.Generator
	metrics  *metrics.Metrics // nil: WithoutMetrics
	handler  http.Handler
	ca       *tlsface.CA      // nil: the TLS face is off
	tunnels  *tlsface.Tunnels // nil: the TLS face is off
	stopRun  context.CancelFunc
	runDone  chan struct{}
}

var _ http.Handler = (*Server)(nil)

type config struct {
	logger            *slog.Logger
	clock             clock.Clock
	accounts          []account.Account
	strict            bool
	validateResponses bool
	spec              *openapi.Document
	version           string
	maxBody           int64
	seed              int64
	schedule          *bigcommerce.Schedule
	deliveryTimeout   *time.Duration // nil: the engine's default
	logCaps           logCaps
	activationDelay   *time.Duration
	httpClient        *http.Client
	extensions        []admin.Extension
	ready             func() error
	tlsFace           bool
	ca                *tlsface.CA // nil with tlsFace: generated
	rateLimit         bigcommerce.RateLimit
	requestCap        *int // nil: reqlog.DefaultCap
	requestTotalCap   *int // nil: reqlog.DefaultTotalCap
	noMetrics         bool
	specValidEmpty    bool
	inventory         InventoryValue // "": DefaultInventoryValue
}

// Option configures a Server.
type Option func(*config)

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithClock sets the clock every timestamp comes from (default: the wall clock).
func WithClock(clk clock.Clock) Option { return func(c *config) { c.clock = clk } }

// WithAccounts accepts only these API accounts (unknown tokens get 401).
// Without it any non-empty token is its own account.
func WithAccounts(accounts ...account.Account) Option {
	return func(c *config) { c.accounts = append(c.accounts, accounts...) }
}

// WithStrictDestinations refuses destinations production BigCommerce
// refuses (anything but https on port 443) with a 422.
func WithStrictDestinations() Option { return func(c *config) { c.strict = true } }

// WithResponseValidation checks every response against the OpenAPI
// documents before it is sent; a violation is logged and answered 500, so
// drift between the mock and its contract cannot hide.
func WithResponseValidation() Option { return func(c *config) { c.validateResponses = true } }

// WithSpecValidEmptyLists answers an empty v2 list (GET /v2/orders, an
// order's products, shipping addresses, shipments, coupons, messages) with
// 200 and [] instead of BigCommerce's real 204 with no body, for clients
// that validate responses against BigCommerce's own OpenAPI files, which
// declare no 204 on most of these lists. bcmock's own documents allow both.
func WithSpecValidEmptyLists() Option { return func(c *config) { c.specValidEmpty = true } }

// WithSpec replaces the embedded v3 webhooks document, for example with a
// copy of BigCommerce's official one.
func WithSpec(doc *openapi.Document) Option { return func(c *config) { c.spec = doc } }

// WithVersion sets the version /__bcmock/health reports.
func WithVersion(v string) Option { return func(c *config) { c.version = v } }

// WithMaxBodyBytes sets the largest request body accepted on every API,
// BigCommerce's and the control API alike (default DefaultMaxBodyBytes);
// a larger one is answered 413 without being read further.
func WithMaxBodyBytes(n int64) Option { return func(c *config) { c.maxBody = n } }

// WithSeed makes event data and webhook-id values reproducible: the same
// seed gives the same values for the same sequence of calls. 0 means a
// seed drawn at random, so two servers with seed 0 differ. The default is 1.
func WithSeed(seed int64) Option { return func(c *config) { c.seed = seed } }

// WithRetrySchedule replaces BigCommerce's retry ladder (11 delays from 60 s
// to 86,400 s, 12 attempts, about 48 hours) with delays of your own. An
// empty schedule means one attempt and no retries.
func WithRetrySchedule(s bigcommerce.Schedule) Option { return func(c *config) { c.schedule = &s } }

// WithDeliveryTimeout sets how long a receiver has to answer an attempt
// (default 10 s; BigCommerce documents no value). It must be positive.
func WithDeliveryTimeout(d time.Duration) Option { return func(c *config) { c.deliveryTimeout = &d } }

// The log caps bound the records the mock keeps, so that memory cannot
// grow without limit: per store and in all stores together, for events,
// deliveries, attempts and notifications. At a cap the oldest record goes
// first; a pending delivery is never dropped (it is still due). Each must
// be positive; the defaults are the engine's (webhook.DefaultEventLogCap
// and the others).

// WithAttemptLogCap bounds the attempt records kept per store.
func WithAttemptLogCap(perStore int) Option {
	return func(c *config) { c.logCaps.attempts = &perStore }
}

// WithAttemptLogTotalCap bounds the attempt records kept in all stores.
func WithAttemptLogTotalCap(total int) Option {
	return func(c *config) { c.logCaps.attemptsTotal = &total }
}

// WithEventLogCap bounds the events kept per store.
func WithEventLogCap(perStore int) Option { return func(c *config) { c.logCaps.events = &perStore } }

// WithEventLogTotalCap bounds the events kept in all stores.
func WithEventLogTotalCap(total int) Option {
	return func(c *config) { c.logCaps.eventsTotal = &total }
}

// WithDeliveryLogCap bounds the finished deliveries kept per store.
func WithDeliveryLogCap(perStore int) Option {
	return func(c *config) { c.logCaps.deliveries = &perStore }
}

// WithDeliveryLogTotalCap bounds the finished deliveries kept in all stores.
func WithDeliveryLogTotalCap(total int) Option {
	return func(c *config) { c.logCaps.deliveriesTotal = &total }
}

// WithNotificationLogCap bounds the notifications kept per store.
func WithNotificationLogCap(perStore int) Option {
	return func(c *config) { c.logCaps.notifications = &perStore }
}

// WithNotificationLogTotalCap bounds the notifications kept in all stores.
func WithNotificationLogTotalCap(total int) Option {
	return func(c *config) { c.logCaps.notificationsTotal = &total }
}

// WithRequestLogCap bounds the app's requests the mock keeps per store
// (GET /__bcmock/requests): every request to a store's paths of the v2
// and v3 APIs, oldest dropped first. It must be positive; the default is
// DefaultRequestLogCap.
func WithRequestLogCap(perStore int) Option {
	return func(c *config) { c.requestCap = &perStore }
}

// WithRequestLogTotalCap bounds the app's requests kept in all stores
// together (default DefaultRequestLogTotalCap). It must be positive.
func WithRequestLogTotalCap(total int) Option {
	return func(c *config) { c.requestTotalCap = &total }
}

// Defaults of the request log's caps.
const (
	DefaultRequestLogCap      = reqlog.DefaultCap
	DefaultRequestLogTotalCap = reqlog.DefaultTotalCap
)

// WithActivationDelay makes a new hook wait before it receives events, as
// BigCommerce's do for up to a minute (default 0: at once). It must not be
// negative.
func WithActivationDelay(d time.Duration) Option { return func(c *config) { c.activationDelay = &d } }

// WithHTTPClient sets the client callbacks are sent with (default: one that
// follows no redirects).
func WithHTTPClient(client *http.Client) Option { return func(c *config) { c.httpClient = client } }

// WithControlExtension adds operations to the control API under
// /__bcmock/: doc describes them, and handlers has one handler per
// operationId. The gateway routes, validates (the body, already read, can
// be read again) and, with WithResponseValidation, checks the answers, as
// for the control API's own operations; handlers answer with ControlJSON
// and ControlError. A served scenario's endpoints come in this way.
func WithControlExtension(doc *openapi.Document, handlers map[string]http.Handler) Option {
	return func(c *config) {
		e := admin.Extension{Document: doc, Handlers: make(map[string]gateway.Handler, len(handlers))}
		for op, h := range handlers {
			e.Handlers[op] = func(w http.ResponseWriter, r *http.Request, _ *gateway.Request) { h.ServeHTTP(w, r) }
		}
		c.extensions = append(c.extensions, e)
	}
}

// WithReadiness makes GET /__bcmock/health answer 503, with the reason,
// while ready returns an error: a program that sets more up after the
// server listens (a served scenario registers its hooks through the API)
// is healthy only once that is done, so health checks and container wait
// strategies wait for it.
func WithReadiness(ready func() error) Option { return func(c *config) { c.ready = ready } }

// ControlJSON answers v as JSON with status, as the control API does.
func ControlJSON(w http.ResponseWriter, status int, v any) { gateway.WriteJSON(w, status, v) }

// ControlError answers the control API's error body, adminapi.Error.
func ControlError(w http.ResponseWriter, status int, title, detail string) {
	admin.WriteError(w, gateway.Error{Status: status, Title: title, Detail: detail})
}

// Defaults of the delivery options: how long a receiver has to answer
// (WithDeliveryTimeout) and how many attempt records a store keeps
// (WithAttemptLogCap).
const (
	DefaultDeliveryTimeout = webhook.DefaultTimeout
	DefaultAttemptLogCap   = webhook.DefaultAttemptLogCap
)

// Defaults of the log caps (With…LogCap per store, With…LogTotalCap in
// all stores together).
const (
	DefaultEventLogCap             = webhook.DefaultEventLogCap
	DefaultEventLogTotalCap        = webhook.DefaultEventLogTotalCap
	DefaultDeliveryLogCap          = webhook.DefaultDeliveryLogCap
	DefaultDeliveryLogTotalCap     = webhook.DefaultDeliveryLogTotalCap
	DefaultAttemptLogTotalCap      = webhook.DefaultAttemptLogTotalCap
	DefaultNotificationLogCap      = webhook.DefaultNotificationLogCap
	DefaultNotificationLogTotalCap = webhook.DefaultNotificationLogTotalCap
)

// ErrShuttingDown is wrapped by Raise once Shutdown has begun.
var ErrShuttingDown = webhook.ErrShuttingDown

// DefaultMaxBodyBytes is the largest request body accepted without
// WithMaxBodyBytes: 1 MiB, on every API.
const DefaultMaxBodyBytes = gateway.DefaultMaxBodyBytes

// ErrBadOption reports an option value New cannot use.
var ErrBadOption = errors.New("bad option")

// New builds a Server and starts its delivery loop. The caller should call
// Close (or Shutdown) when done, to stop that loop.
func New(opts ...Option) (*Server, error) {
	cfg := config{
		logger: slog.New(slog.DiscardHandler), clock: clock.Real{},
		version: "dev", maxBody: gateway.DefaultMaxBodyBytes, seed: 1,
	}
	for _, o := range opts {
		o(&cfg)
	}
	if cfg.seed == 0 {
		cfg.seed = randomSeed()
	}
	if err := cfg.validate(); err != nil {
		return nil, fmt.Errorf("new server: %w", err)
	}
	s := &Server{cfg: cfg, store: store.New(cfg.clock), shop: shop.New(cfg.seed, cfg.clock, cfg.shopOptions()...)}
	if err := s.loadAccounts(); err != nil {
		return nil, err
	}
	if err := s.loadDocuments(); err != nil {
		return nil, err
	}
	s.events = event.NewGenerator(cfg.seed)
	s.sender = senderID()
	engineOpts := append(cfg.engineOptions(), webhook.WithSender(s.sender))
	if s.metrics = s.newMetrics(); s.metrics != nil {
		engineOpts = append(engineOpts, webhook.WithObserver(s.metrics))
	}
	s.engine = webhook.New(directory{store: s.store, accounts: s.accounts}, envelope, engineOpts...)
	s.requests = reqlog.New(cfg.clock, cfg.requestCaps())
	s.handler = s.routes()
	if err := s.setUpTLSFace(); err != nil {
		return nil, fmt.Errorf("new server: %w", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.stopRun, s.runDone = cancel, make(chan struct{})
	go func() {
		defer close(s.runDone)
		_ = s.engine.Run(ctx)
	}()
	return s, nil
}

// Shutdown stops the delivery engine: no new events are accepted, attempts
// in flight may finish until ctx ends, and every event stays accounted for
// (delivered, failed or pending) in the log. The HTTP side keeps
// answering, but the TLS face's CONNECT tunnels end (gracefully until ctx
// ends) and no new ones open.
func (s *Server) Shutdown(ctx context.Context) error {
	err := s.engine.Shutdown(ctx)
	s.stopRun()
	<-s.runDone
	s.logDeliveries()
	return errors.Join(err, s.shutdownTunnels(ctx))
}

// pendingLogged is how many pending deliveries shutdown names one by one;
// the rest are counted, so 200,000 pending deliveries log a dozen lines.
const pendingLogged = 10

// logDeliveries accounts for every delivery at shutdown, so nothing raised
// disappears silently: counts by status, and the first pending ones.
func (s *Server) logDeliveries() {
	counts := map[bigcommerce.Outcome]int{}
	for _, d := range s.engine.Deliveries(webhook.Filter{}) {
		counts[d.Status]++
		if d.Status == bigcommerce.OutcomePending && counts[d.Status] <= pendingLogged {
			s.cfg.logger.Warn("delivery still pending at shutdown", "delivery", d.ID, "event", d.EventID, "store", d.StoreHash,
				"hook", d.HookID, "scope", d.Scope, "destination", d.Destination, "attempts", d.Attempts)
		}
	}
	if more := counts[bigcommerce.OutcomePending] - pendingLogged; more > 0 {
		s.cfg.logger.Warn("more deliveries still pending at shutdown", "more", more, "list", "GET "+adminapi.Prefix+"/deliveries?outcome=pending (before shutdown)")
	}
	s.cfg.logger.Info("deliveries at shutdown", "events", len(s.engine.Events(webhook.Filter{})),
		"delivered", counts[bigcommerce.OutcomeDelivered], "failed", counts[bigcommerce.OutcomeFailed],
		"pending", counts[bigcommerce.OutcomePending], "cancelled", counts[bigcommerce.OutcomeCancelled])
}

// Close stops the delivery engine at once, abandoning attempts in flight
// (they stay pending in the log). The caller should call Close or Shutdown
// when done with the Server.
func (s *Server) Close() error {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_ = s.Shutdown(ctx)
	return nil
}

func (s *Server) loadAccounts() error {
	if len(s.cfg.accounts) == 0 {
		s.accounts = account.Open()
		return nil
	}
	reg, err := account.Fixed(s.cfg.accounts)
	if err != nil {
		return fmt.Errorf("new server: %w", err)
	}
	s.accounts = reg
	return nil
}

func (s *Server) loadDocuments() error {
	v3 := s.cfg.spec
	var err error
	if v3 == nil {
		if v3, err = openapi.LoadEmbedded(openapi.WebhooksV3); err != nil {
			return fmt.Errorf("new server: %w", err)
		}
	}
	v2, err := openapi.LoadEmbedded(openapi.WebhooksV2)
	if err != nil {
		return fmt.Errorf("new server: %w", err)
	}
	control, err := openapi.LoadEmbedded(openapi.Control)
	if err != nil {
		return fmt.Errorf("new server: %w", err)
	}
	s.docs = documents{v3: v3, v2: v2, control: control}
	if s.docs.restV2, err = loadAll(openapi.RestV2); err != nil {
		return err
	}
	s.docs.restV3, err = loadAll(openapi.RestV3)
	return err
}

// loadAll loads embedded documents by name.
func loadAll(names []string) ([]*openapi.Document, error) {
	docs := make([]*openapi.Document, len(names))
	for i, name := range names {
		doc, err := openapi.LoadEmbedded(name)
		if err != nil {
			return nil, fmt.Errorf("new server: %w", err)
		}
		docs[i] = doc
	}
	return docs, nil
}

// withREST adds the REST resources behind the events to a webhooks
// family: their documents after the family's own, their handlers beside.
func withREST(f *gateway.Family, docs []*openapi.Document, handlers map[string]gateway.Handler) *gateway.Family {
	f.Documents = f.Documents.With(docs...)
	for op, h := range handlers {
		f.Handlers[op] = h
	}
	return f
}

func (s *Server) routes() http.Handler {
	bc := api.New(s.store, s.apiOptions()...)
	resources := rest.New(rest.Config{Shop: s.shop, Raise: s.raiseFired, SpecValidEmptyLists: s.cfg.specValidEmpty})
	ctl := admin.New(admin.Config{
		Store: s.store, Shop: s.shop, Accounts: s.accounts, Engine: s.engine,
		Clock: s.cfg.clock, Version: s.cfg.version, Raise: s.RaiseWithFaults, Ready: s.cfg.ready,
		CA: s.caPEM, RaiseFired: s.raiseFired, Entity: resources.Read, Requests: s.requests,
	})
	v2 := withREST(bc.V2(s.docs.v2, s.accounts), s.docs.restV2, resources.V2Handlers())
	v3 := withREST(bc.V3(s.docs.v3, s.accounts), s.docs.restV3, resources.V3Handlers())
	v2.RateLimit = s.rateLimiter()
	v3.RateLimit = v2.RateLimit // one quota per store across both
	families := append(s.plainFamilies(),
		ctl.Family(s.docs.control, s.cfg.extensions...),
		v2,
		v3, // last: it answers every unclaimed path
	)
	opts := []gateway.Option{
		gateway.WithMaxBodyBytes(s.cfg.maxBody), gateway.WithLogger(s.cfg.logger),
		gateway.WithLoopGuard(webhook.SenderHeader, s.sender),
		gateway.WithRecorder(s.requests, v2.Name, v3.Name),
	}
	if s.cfg.validateResponses {
		opts = append(opts, gateway.WithResponseValidation())
	}
	if s.metrics != nil {
		opts = append(opts, gateway.WithObserver(s.metrics))
	}
	return s.recoverPanics(s.logRequests(gateway.New(families, opts...)))
}

func (s *Server) apiOptions() []api.Option {
	opts := []api.Option{
		api.WithLogger(s.cfg.logger),
		api.WithBlocklist(blocklist{engine: s.engine}),
		api.WithOnChange(func(string) { s.engine.Wake() }),
	}
	if s.cfg.strict {
		opts = append(opts, api.WithStrictDestinations())
	}
	return opts
}

// ServeHTTP serves one request. A CONNECT is the TLS face's (see
// WithTLSFace); every other request goes through the gateway, as do the
// requests inside a tunnel.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method == http.MethodConnect {
		s.connect(w, r)
		return
	}
	s.handler.ServeHTTP(w, r)
}

// caPEM returns the TLS face's CA certificate, or nil when it is off.
func (s *Server) caPEM() []byte {
	if s.ca == nil {
		return nil
	}
	return s.ca.CertPEM()
}

// recoverPanics turns a handler panic into a logged 500 instead of a dropped connection.
func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				if v == http.ErrAbortHandler {
					panic(v)
				}
				s.cfg.logger.Error("handler panic", "method", r.Method, "path", r.URL.Path, "panic", v, "stack", string(debug.Stack()))
				gateway.WriteInternal(w, "bcmock failed while handling this request; see its log", nil)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// logRequests logs every request at debug level, with its status and duration.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !s.cfg.logger.Enabled(r.Context(), slog.LevelDebug) {
			next.ServeHTTP(w, r)
			return
		}
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
		next.ServeHTTP(sw, r)
		s.cfg.logger.Debug("request", "method", r.Method, "path", r.URL.Path, "status", sw.status, "duration", time.Since(start))
	})
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(status int) {
	w.status = status
	w.ResponseWriter.WriteHeader(status)
}
