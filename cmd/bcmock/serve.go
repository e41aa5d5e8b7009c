package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"syscall"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/tlsface"
	"github.com/bcmock/bcmock/openapi"
	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/runner"
)

const defaultAddr = "127.0.0.1:8080"

// serveConfig is what the serve flags and environment say.
type serveConfig struct {
	addr              *string
	accounts          *string
	spec              *string
	strict            *bool
	validateResponses *bool
	specValidEmpty    *bool
	noMetrics         *bool
	logFormat         *string
	logLevel          *string
	shutdownTimeout   *time.Duration
	clockMode         *string
	clockStart        *string
	seed              *int64
	retrySchedule     *string
	deliveryTimeout   *time.Duration
	logCaps           []logCapFlag
	activationDelay   *time.Duration
	scenario          *string
	scenarioPoll      *time.Duration
	maxBody           *int64
	readTimeout       *time.Duration
	idleTimeout       *time.Duration
	rateLimit         *string
	inventoryValue    *string
	tlsAddr           *string
	tlsCACert         *string
	tlsCAKey          *string
	tlsCAOut          *string
	// ca is the TLS face's CA, loaded or generated once by prepareCA so
	// that every mock of a served scenario (one per reload) has the same.
	ca *tlsface.CA
	// explicit holds the flags set on the command line or through their
	// environment variable, which win over a scenario's setup (see
	// mockOptions).
	explicit map[string]bool
}

// defaultClockStart is where a fake clock starts unless told otherwise.
const defaultClockStart = "2025-01-01T00:00:00Z"

// parseServe reads the serve flags; a non-negative code ends the command.
func parseServe(args []string, getenv func(string) string, stdout, stderr io.Writer) (serveConfig, int) {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	env := envFlags{fs: fs, getenv: getenv}
	c := serveConfig{
		addr:              env.String("addr", "BCMOCK_ADDR", defaultAddr, "listen address host:port (use :8080 for every interface)"),
		accounts:          env.String("accounts", "BCMOCK_ACCOUNTS", "", "accounts file (YAML): only its tokens are accepted; default: any token is its own account"),
		spec:              env.String("spec", "BCMOCK_SPEC", "", "OpenAPI 3 document to validate v3 requests with instead of the embedded one"),
		strict:            env.Bool("strict-destinations", "BCMOCK_STRICT_DESTINATIONS", false, "refuse destinations BigCommerce refuses (anything but https on port 443) with 422"),
		validateResponses: env.Bool("validate-responses", "BCMOCK_VALIDATE_RESPONSES", false, "check every response against the OpenAPI documents; a violation is logged and answered 500"),
		specValidEmpty:    env.Bool("spec-valid-empty-lists", "BCMOCK_SPEC_VALID_EMPTY_LISTS", false, "answer an empty v2 list (GET /v2/orders, an order's products, shipments, ...) 200 [] instead of BigCommerce's real 204 with no body, for clients validating against BigCommerce's own OpenAPI files"),
		noMetrics:         env.Bool("no-metrics", "BCMOCK_NO_METRICS", false, "turn the Prometheus metrics off: /metrics is not served and nothing is counted"),
		logFormat:         env.String("log-format", "BCMOCK_LOG_FORMAT", "text", "log format: text or json"),
		logLevel:          env.String("log-level", "BCMOCK_LOG_LEVEL", "info", "log level: debug, info, warn or error"),
		shutdownTimeout:   env.Duration("shutdown-timeout", "BCMOCK_SHUTDOWN_TIMEOUT", 10*time.Second, "how long SIGINT/SIGTERM waits for requests and delivery attempts in flight"),
		clockMode:         env.String("clock", "BCMOCK_CLOCK", "real", "real, or fake: time moves only through POST /__bcmock/clock/advance"),
		clockStart:        env.String("clock-start", "BCMOCK_CLOCK_START", defaultClockStart, "where a fake clock starts (RFC 3339)"),
		seed:              env.Int64("seed", "BCMOCK_SEED", 1, "seed for event data and webhook ids (0: random)"),
		retrySchedule:     env.String("retry-schedule", "BCMOCK_RETRY_SCHEDULE", bigcommerce.DefaultSchedule.String(), "delays between attempts, e.g. 1s,5s (default: BigCommerce's ladder)"),
		deliveryTimeout:   env.Duration("delivery-timeout", "BCMOCK_DELIVERY_TIMEOUT", mock.DefaultDeliveryTimeout, "how long a receiver has to answer an attempt"),
		logCaps:           logCapFlags(env),
		activationDelay:   env.Duration("activation-delay", "BCMOCK_ACTIVATION_DELAY", 0, "how long a new hook waits before it receives events (BigCommerce: up to 1m)"),
		scenario:          env.String("scenario", "BCMOCK_SCENARIO", "", "scenario file: set the mock up from its setup, serve its receivers, register its hooks, run its steps on demand (POST /__bcmock/scenario/run); reloaded when it changes"),
		scenarioPoll:      env.Duration("scenario-poll", "BCMOCK_SCENARIO_POLL", time.Second, "how often to look for changes to the --scenario file (0: never reload)"),
		maxBody:           env.Int64("max-body", "BCMOCK_MAX_BODY", mock.DefaultMaxBodyBytes, "largest request body accepted, in bytes, on every API (413 above it)"),
		readTimeout:       env.Duration("read-timeout", "BCMOCK_READ_TIMEOUT", 30*time.Second, "how long a client may take to send a whole request"),
		idleTimeout:       env.Duration("idle-timeout", "BCMOCK_IDLE_TIMEOUT", 60*time.Second, "how long an idle keep-alive connection stays open"),
		rateLimit:         env.String("rate-limit", "BCMOCK_RATE_LIMIT", bigcommerce.RateLimitOff, "BigCommerce's rate limit per store on its APIs, QUOTA/WINDOW (e.g. 150/30s, the Standard plan: X-Rate-Limit-* headers, 429 past the quota), or off: no limit, no headers"),
		inventoryValue:    env.String("inventory-value", "BCMOCK_INVENTORY_VALUE", string(mock.DefaultInventoryValue), "how the value of inventory events reads: delta (the signed change, as BigCommerce's texts say) or level (the new level, as one of its examples reads)"),
		tlsAddr:           env.String("tls-addr", "BCMOCK_TLS_ADDR", "", "also listen for TLS at host:port, serving api.bigcommerce.com and the other BigCommerce hosts by SNI with certificates from the TLS face's CA (for a Docker network that aliases api.bigcommerce.com to the mock)"),
		tlsCACert:         env.String("tls-ca-cert", "BCMOCK_TLS_CA_CERT", "", "PEM certificate of the CA that signs the TLS face's certificates (with --tls-ca-key); default: a CA generated at start"),
		tlsCAKey:          env.String("tls-ca-key", "BCMOCK_TLS_CA_KEY", "", "PEM private key of --tls-ca-cert"),
		tlsCAOut:          env.String("tls-ca-out", "BCMOCK_TLS_CA_OUT", "", "write the TLS face's CA certificate (PEM) to this file at start, for clients' trust stores (it is also served at GET /__bcmock/ca.pem)"),
	}
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: bcmock serve [flags]

Runs the mock. Every flag can also be set by its environment variable.
With --scenario, a flag or variable that is set wins over the scenario's setup,
which wins over the defaults (--clock must agree with the scenario's clock).

Exit status: 0 stopped by SIGINT or SIGTERM, 1 the mock could not listen or
stop cleanly, 2 a usage error or an invalid file.

Flags:
`)
		fs.PrintDefaults()
	}
	if code := parseFlags(fs, args, stdout, stderr); code >= 0 {
		return c, code
	}
	var tlsAddrErr error
	if *c.tlsAddr != "" {
		tlsAddrErr = checkAddr("tls-addr", *c.tlsAddr)
	}
	if (*c.tlsCACert == "") != (*c.tlsCAKey == "") {
		tlsAddrErr = errors.Join(tlsAddrErr, errors.New("--tls-ca-cert and --tls-ca-key go together: give both or neither"))
	}
	if err := errors.Join(env.Err(), checkAddr("addr", *c.addr), tlsAddrErr); err != nil {
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return c, exitUsage
	}
	c.explicit = env.Explicit()
	return c, -1
}

// logCapFlag is one --*-log-cap or --*-log-total-cap flag.
type logCapFlag struct {
	name   string
	value  *int
	option func(int) mock.Option
}

// logCapFlags declares the log caps: per store and in all stores, for
// events, deliveries, attempts, notifications and the API's requests.
func logCapFlags(env envFlags) []logCapFlag {
	caps := []struct {
		kind, what      string
		perStore, total int
		perOpt, totOpt  func(int) mock.Option
	}{
		{"event", "events", mock.DefaultEventLogCap, mock.DefaultEventLogTotalCap, mock.WithEventLogCap, mock.WithEventLogTotalCap},
		{"delivery", "finished deliveries (pending ones are never dropped)", mock.DefaultDeliveryLogCap, mock.DefaultDeliveryLogTotalCap, mock.WithDeliveryLogCap, mock.WithDeliveryLogTotalCap},
		{"attempt", "attempt records", mock.DefaultAttemptLogCap, mock.DefaultAttemptLogTotalCap, mock.WithAttemptLogCap, mock.WithAttemptLogTotalCap},
		{"notification", "notifications", mock.DefaultNotificationLogCap, mock.DefaultNotificationLogTotalCap, mock.WithNotificationLogCap, mock.WithNotificationLogTotalCap},
		{"request", "requests to the v2 and v3 APIs (GET /__bcmock/requests)", mock.DefaultRequestLogCap, mock.DefaultRequestLogTotalCap, mock.WithRequestLogCap, mock.WithRequestLogTotalCap},
	}
	var out []logCapFlag
	for _, c := range caps {
		name, envName := c.kind+"-log-cap", "BCMOCK_"+strings.ToUpper(c.kind)+"_LOG_CAP"
		out = append(out, logCapFlag{name, env.Int(name, envName, c.perStore, c.what+" kept per store (oldest dropped first)"), c.perOpt})
		name, envName = c.kind+"-log-total-cap", "BCMOCK_"+strings.ToUpper(c.kind)+"_LOG_TOTAL_CAP"
		out = append(out, logCapFlag{name, env.Int(name, envName, c.total, c.what+" kept in all stores together (oldest dropped first)"), c.totOpt})
	}
	return out
}

func newLogger(format, level string, w io.Writer) (*slog.Logger, error) {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(level)); err != nil {
		return nil, fmt.Errorf("--log-level %q: want debug, info, warn or error", level)
	}
	opts := &slog.HandlerOptions{Level: lvl}
	switch strings.ToLower(format) {
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	case "json":
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("--log-format %q: want text or json", format)
}

// mockOptions turns the configuration into mock options, loading files.
// The settings a scenario's setup also has go through the setup and
// runner.MockOptions, the one mapping from a setup to a mock: without a
// scenario every such flag is written into an empty setup; with one
// (--scenario), only the flags that were set, on the command line or
// through their variable, are written over its setup, so they win over
// it and it wins over the flags' defaults.
func (c serveConfig) mockOptions(logger *slog.Logger, s *scenarios.Scenario) ([]mock.Option, error) {
	setup, err := c.setup(s)
	if err != nil {
		return nil, err
	}
	opts := append(runner.MockOptions(setup, logger),
		mock.WithVersion(buildVersion()), mock.WithActivationDelay(*c.activationDelay),
		mock.WithMaxBodyBytes(*c.maxBody))
	if *c.activationDelay < 0 {
		return nil, errors.New("--activation-delay must not be negative")
	}
	for _, lc := range c.logCaps {
		if *lc.value < 1 {
			return nil, fmt.Errorf("--%s must be at least 1", lc.name)
		}
		opts = append(opts, lc.option(*lc.value))
	}
	if *c.spec != "" {
		doc, err := openapi.LoadFile(*c.spec)
		if err != nil {
			return nil, err
		}
		opts = append(opts, mock.WithSpec(doc))
	}
	if *c.validateResponses {
		opts = append(opts, mock.WithResponseValidation())
	}
	if *c.specValidEmpty {
		opts = append(opts, mock.WithSpecValidEmptyLists())
	}
	inventory, err := mock.ParseInventoryValue(*c.inventoryValue)
	if err != nil {
		return nil, fmt.Errorf("--inventory-value: %w", err)
	}
	opts = append(opts, mock.WithInventoryValue(inventory))
	if *c.noMetrics {
		opts = append(opts, mock.WithoutMetrics())
	}
	return append(opts, mock.WithTLSFace(c.ca)), nil
}

// prepareCA loads the TLS face's CA (--tls-ca-cert, --tls-ca-key) or
// generates one, and writes its certificate to --tls-ca-out.
func (c *serveConfig) prepareCA() error {
	var err error
	if *c.tlsCACert != "" {
		c.ca, err = tlsface.LoadCAFiles(*c.tlsCACert, *c.tlsCAKey)
	} else {
		c.ca, err = tlsface.NewCA()
	}
	if err != nil {
		return err
	}
	if *c.tlsCAOut != "" {
		if err := os.WriteFile(*c.tlsCAOut, c.ca.CertPEM(), 0o644); err != nil {
			return fmt.Errorf("--tls-ca-out: %w", err)
		}
	}
	return nil
}

// listen opens the plain listener and, with --tls-addr, the TLS one.
func (c serveConfig) listen() (plain, secure net.Listener, err error) {
	if plain, err = net.Listen("tcp", *c.addr); err != nil {
		return nil, nil, err
	}
	if *c.tlsAddr == "" {
		return plain, nil, nil
	}
	ln, err := net.Listen("tcp", *c.tlsAddr)
	if err != nil {
		_ = plain.Close()
		return nil, nil, fmt.Errorf("--tls-addr: %w", err)
	}
	return plain, tls.NewListener(ln, c.ca.ServerConfig()), nil
}

// setup returns s's setup (an empty one when s is nil) with the flags
// written over it: every flag the setup also has without a scenario, the
// ones that were set with one. A set --clock must agree with the
// scenario, whose steps need its clock.
func (c serveConfig) setup(s *scenarios.Scenario) (scenarios.Setup, error) {
	var setup scenarios.Setup
	if s != nil {
		setup = s.Setup
		if c.explicit["clock"] && *c.clockMode != string(setup.Clock.Mode) {
			return setup, fmt.Errorf("--clock %s: the scenario %s needs clock: %s; leave --clock out or change the scenario", *c.clockMode, s.Name, setup.Clock.Mode)
		}
	}
	set := func(name string) bool { return s == nil || c.explicit[name] }
	if set("clock") {
		switch mode := scenarios.ClockMode(*c.clockMode); mode {
		case scenarios.ClockReal, scenarios.ClockFake:
			setup.Clock.Mode = mode
		default:
			return setup, fmt.Errorf("--clock %q: want real or fake", *c.clockMode)
		}
	}
	if set("clock-start") && setup.Clock.Mode == scenarios.ClockFake {
		start, err := time.Parse(time.RFC3339, *c.clockStart)
		if err != nil {
			return setup, fmt.Errorf("--clock-start %q: want an RFC 3339 time such as %s", *c.clockStart, defaultClockStart)
		}
		setup.Clock.Start = start
	}
	if set("seed") {
		setup.Seed = *c.seed
	}
	if set("retry-schedule") {
		schedule, err := bigcommerce.ParseSchedule(*c.retrySchedule)
		if err != nil {
			return setup, fmt.Errorf("--retry-schedule: %w", err)
		}
		setup.RetrySchedule = scenarios.Schedule{Schedule: schedule}
	}
	if set("delivery-timeout") {
		if *c.deliveryTimeout <= 0 {
			return setup, errors.New("--delivery-timeout must be positive")
		}
		setup.DeliveryTimeout = scenarios.Duration(*c.deliveryTimeout)
	}
	if set("strict-destinations") {
		setup.StrictDestinations = *c.strict
	}
	if set("rate-limit") {
		limit, err := bigcommerce.ParseRateLimit(*c.rateLimit)
		if err != nil {
			return setup, fmt.Errorf("--rate-limit: %w", err)
		}
		setup.RateLimit = scenarios.RateLimit{RateLimit: limit}
	}
	if set("accounts") {
		setup.Accounts = nil
	}
	if set("accounts") && *c.accounts != "" {
		accounts, err := account.LoadFile(*c.accounts)
		if err != nil {
			return setup, err
		}
		for _, a := range accounts {
			setup.Accounts = append(setup.Accounts, scenarios.Account{Token: a.Token, ClientID: a.ClientID, ClientSecret: a.ClientSecret, Stores: a.Stores})
		}
	}
	return setup, nil
}

func runServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	cfg, code := parseServe(args, getenv, stdout, stderr)
	if code >= 0 {
		return code
	}
	logger, err := newLogger(*cfg.logFormat, *cfg.logLevel, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitUsage
	}
	if err := cfg.prepareCA(); err != nil {
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitUsage
	}
	if *cfg.scenario != "" {
		return runServeScenario(ctx, cfg, logger, stderr)
	}
	opts, err := cfg.mockOptions(logger, nil)
	if err != nil {
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitUsage
	}
	srv, err := mock.New(opts...)
	if err != nil {
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitUsage
	}
	ln, tlsLn, err := cfg.listen()
	if err != nil {
		_ = srv.Close()
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitError
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	serving := cfg.serving()
	serving.tls = tlsLn
	return serve(ctx, ln, srv, logger, serving, nil)
}

// serving is how the HTTP server runs and stops.
type serving struct {
	readTimeout, idleTimeout, shutdownTimeout time.Duration
	// force, when it fires during shutdown, ends it at once; nil means
	// a second SIGINT or SIGTERM.
	force <-chan os.Signal
	// tls, when not nil, is a TLS listener (--tls-addr) served by the
	// same server.
	tls net.Listener
	// noMetrics says /metrics is off (--no-metrics), for the listening line.
	noMetrics bool
}

func (c serveConfig) serving() serving {
	return serving{readTimeout: *c.readTimeout, idleTimeout: *c.idleTimeout, shutdownTimeout: *c.shutdownTimeout, noMetrics: *c.noMetrics}
}

// drainer is the part of the mock serve stops after the HTTP server.
type drainer interface {
	http.Handler
	Shutdown(ctx context.Context) error
}

// serve runs the HTTP server on ln until ctx ends, then shuts it down
// gracefully within timeout. started, when not nil, runs once the server
// answers, with its base URL; an error from it stops the server with exit
// status 1.
func serve(ctx context.Context, ln net.Listener, h drainer, logger *slog.Logger, cfg serving, started func(base string) error) int {
	hs := &http.Server{
		Handler: h, ReadHeaderTimeout: min(10*time.Second, cfg.readTimeout),
		ReadTimeout: cfg.readTimeout, IdleTimeout: cfg.idleTimeout,
		ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelDebug),
	}
	timeout := cfg.shutdownTimeout
	base := "http://" + dialAddr(ln.Addr().String())
	errc := make(chan error, 2)
	go func() { errc <- hs.Serve(ln) }()
	if cfg.tls != nil {
		go func() { errc <- hs.Serve(cfg.tls) }()
	}
	failed := false
	if started != nil {
		if err := started(base); err != nil {
			logger.Error("bcmock could not start", "err", err)
			failed = true
		}
	}
	if !failed {
		if cfg.tls != nil { // before the line that says the mock is up
			logger.Info("bcmock listening for TLS", "listen", cfg.tls.Addr().String(), "hosts", strings.Join(tlsface.Hosts, ","))
		}
		metricsURL := base + mock.MetricsPath
		if cfg.noMetrics {
			metricsURL = "off"
		}
		logger.Info("bcmock listening", "version", buildVersion(), "listen", ln.Addr().String(), "url", base,
			"api", base+"/stores/{store_hash}/v3", "control", base+adminapi.Prefix, "inspector", base+adminapi.InspectorPath,
			"metrics", metricsURL, "https_proxy", base)
		select {
		case err := <-errc:
			logger.Error("server stopped", "err", err)
			return exitError
		case <-ctx.Done():
		}
	}
	logger.Info("shutting down (a second SIGINT or SIGTERM stops at once)", "timeout", timeout)
	sctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	stopForcing := forceStop(cfg.force, logger, cancel, hs)
	defer stopForcing()
	code := exitOK
	if err := hs.Shutdown(sctx); err != nil && !errors.Is(err, http.ErrServerClosed) {
		logger.Error("http shutdown incomplete", "err", err)
		code = exitError
	}
	if err := h.Shutdown(sctx); err != nil {
		logger.Error("delivery shutdown incomplete", "err", err)
		code = exitError
	}
	if sctx.Err() != nil {
		code = exitError // the budget ran out or a second signal cut it short
	}
	logger.Info("stopped")
	if failed {
		return exitError
	}
	return code
}

// forceStop ends the shutdown at once when force fires (a second SIGINT or
// SIGTERM when force is nil): the budget is cancelled and every connection
// closed. The returned function stops listening.
func forceStop(force <-chan os.Signal, logger *slog.Logger, cancel context.CancelFunc, hs *http.Server) func() {
	var sigs chan os.Signal
	if force == nil {
		sigs = make(chan os.Signal, 1)
		signal.Notify(sigs, syscall.SIGINT, syscall.SIGTERM)
		force = sigs
	}
	done := make(chan struct{})
	go func() {
		select {
		case sig := <-force:
			logger.Warn("second signal: stopping now", "signal", sig)
			cancel()
			_ = hs.Close()
		case <-done:
		}
	}()
	return func() {
		close(done)
		if sigs != nil {
			signal.Stop(sigs)
		}
	}
}
