package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/runner"
)

// scenarioSettings are the serve flags a scenario's setup also gives,
// with their environment variables. A flag set on the command line or
// through its variable wins over the setup; the setup wins over the
// flag's default.
var scenarioSettings = map[string]string{
	"accounts":            "BCMOCK_ACCOUNTS",
	"clock":               "BCMOCK_CLOCK",
	"clock-start":         "BCMOCK_CLOCK_START",
	"seed":                "BCMOCK_SEED",
	"retry-schedule":      "BCMOCK_RETRY_SCHEDULE",
	"delivery-timeout":    "BCMOCK_DELIVERY_TIMEOUT",
	"strict-destinations": "BCMOCK_STRICT_DESTINATIONS",
}

// withScenario returns cfg with the settings of s's setup in place of the
// flags that were not set, plus the mock options that have no flag value
// (the scenario's accounts). It fails when a set --clock disagrees with
// the scenario, whose steps then could not run.
func (c serveConfig) withScenario(s *scenarios.Scenario) (serveConfig, []mock.Option, error) {
	setup := s.Setup
	out := c
	str := func(v string) *string { return &v }
	if c.explicit["clock"] && *c.clockMode != string(setup.Clock.Mode) {
		return c, nil, fmt.Errorf("--clock %s: the scenario %s needs clock: %s; leave --clock out or change the scenario", *c.clockMode, s.Name, setup.Clock.Mode)
	}
	out.clockMode = str(string(setup.Clock.Mode))
	if !c.explicit["clock-start"] {
		start := setup.Clock.Start
		if start.IsZero() {
			start = time.Now().UTC().Truncate(time.Second)
		}
		out.clockStart = str(start.Format(time.RFC3339))
	}
	if !c.explicit["seed"] {
		seed := setup.Seed
		out.seed = &seed
	}
	if !c.explicit["retry-schedule"] {
		out.retrySchedule = str(runner.Schedule(setup).String())
	}
	if !c.explicit["delivery-timeout"] {
		d := time.Duration(setup.DeliveryTimeout)
		out.deliveryTimeout = &d
	}
	if !c.explicit["strict-destinations"] {
		strict := runner.StrictApplies(setup)
		out.strict = &strict
	}
	var extra []mock.Option
	if !c.explicit["accounts"] {
		if accounts := runner.Accounts(setup); len(accounts) > 0 {
			extra = append(extra, mock.WithAccounts(accounts...))
		}
	}
	return out, extra, nil
}

// scenarioMock builds the mock a scenario's setup and the flags describe.
func (c serveConfig) scenarioMock(s *scenarios.Scenario, logger *slog.Logger) (*mock.Server, error) {
	eff, extra, err := c.withScenario(s)
	if err != nil {
		return nil, err
	}
	if s.Setup.StrictDestinations && !*eff.strict {
		logger.Warn("strict_destinations is not applied: the scenario's hooks deliver to its receivers, which are plain http on local ports (its URL destinations were checked when it was validated)")
	}
	opts, err := eff.serverOptions(logger)
	if err != nil {
		return nil, err
	}
	srv, err := mock.New(append(opts, extra...)...)
	if err != nil {
		return nil, fmt.Errorf("start mock: %w", err)
	}
	return srv, nil
}

// readScenario reads and checks a scenario file.
func readScenario(path string) (*scenarios.Scenario, []byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, nil, fmt.Errorf("read scenario: %w", err)
	}
	s, err := scenarios.Parse(path, data)
	if err != nil {
		return nil, data, err
	}
	return s, data, nil
}

// runServeScenario is "bcmock serve --scenario FILE".
func runServeScenario(ctx context.Context, cfg serveConfig, logger *slog.Logger, stderr io.Writer) int {
	path := *cfg.scenario
	s, data, err := readScenario(path)
	var problems scenarios.Problems
	switch {
	case errors.As(err, &problems):
		for _, p := range problems {
			fmt.Fprintln(stderr, p.String())
		}
		fmt.Fprintf(stderr, "bcmock serve: %s is invalid (%d problems)\n", path, len(problems))
		return exitUsage
	case err != nil:
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitUsage
	}
	srv, err := cfg.scenarioMock(s, logger)
	if err != nil {
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitUsage
	}
	ln, err := net.Listen("tcp", *cfg.addr)
	if err != nil {
		_ = srv.Close()
		fmt.Fprintln(stderr, "bcmock serve:", err)
		return exitError
	}
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	front := &scenarioFront{cfg: cfg, logger: logger, path: path, mock: srv}
	started := func(base string) error {
		front.base = base
		if err := front.load(ctx, s, data); err != nil {
			return err
		}
		if poll := *cfg.scenarioPoll; poll > 0 {
			go front.watch(ctx, poll)
		}
		return nil
	}
	return serve(ctx, ln, front, logger, *cfg.shutdownTimeout, started)
}

// scenarioFront is the HTTP handler of "serve --scenario": the scenario
// endpoints (runner.ScenarioPath and below) go to the current scenario's
// session, everything else to the current mock, untouched. A reload swaps
// both.
type scenarioFront struct {
	cfg    serveConfig
	logger *slog.Logger
	path   string
	base   string

	mu      sync.Mutex
	mock    *mock.Server
	session *runner.Session
	broken  error  // why there is no session, after a failed reload
	data    []byte // the file as last loaded, valid or not
	stat    fileStamp
}

var _ drainer = (*scenarioFront)(nil)

// fileStamp is what tells a changed file.
type fileStamp struct {
	mod  time.Time
	size int64
}

// ServeHTTP routes a request to the scenario endpoints or to the mock.
func (f *scenarioFront) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == runner.ScenarioPath || strings.HasPrefix(r.URL.Path, runner.ScenarioPath+"/") {
		f.mu.Lock()
		se, broken := f.session, f.broken
		f.mu.Unlock()
		if se == nil {
			detail := "the scenario is being set up"
			if broken != nil {
				detail = broken.Error()
			}
			runner.WriteError(w, http.StatusServiceUnavailable, "no scenario is running", detail)
			return
		}
		se.ServeHTTP(w, r)
		return
	}
	f.current().ServeHTTP(w, r)
}

// current returns the mock serving now.
func (f *scenarioFront) current() *mock.Server {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.mock
}

// Shutdown stops the scenario's receivers, then the current mock's
// deliveries, within ctx.
func (f *scenarioFront) Shutdown(ctx context.Context) error {
	f.mu.Lock()
	se := f.session
	f.mu.Unlock()
	if se != nil {
		_ = se.Close()
	}
	return f.current().Shutdown(ctx)
}

// load sets the scenario up on the current mock: receivers, hooks.
func (f *scenarioFront) load(ctx context.Context, s *scenarios.Scenario, data []byte) error {
	f.mu.Lock()
	srv := f.mock
	f.data = data
	if info, err := os.Stat(f.path); err == nil {
		f.stat = fileStamp{info.ModTime(), info.Size()}
	}
	f.mu.Unlock()
	se, err := runner.Start(ctx, s, runner.WithServer(srv, f.base), runner.WithSource(f.path, data), runner.WithLogger(f.logger))
	f.mu.Lock()
	f.session, f.broken = se, err
	f.mu.Unlock()
	if err != nil {
		return fmt.Errorf("set up scenario %s: %w", f.path, err)
	}
	f.logScenario(se)
	return nil
}

// logScenario says what is set up and how to run the steps.
func (f *scenarioFront) logScenario(se *runner.Session) {
	s := se.Scenario()
	attrs := []any{"name", s.Name, "file", f.path, "steps", len(s.Steps), "clock", s.Setup.Clock.Mode,
		"run", "POST " + f.base + runner.RunPath, "status", "GET " + f.base + runner.ScenarioPath}
	f.logger.Info("scenario ready", attrs...)
	for _, r := range s.Receivers {
		u, _ := se.ReceiverURL(r.Name)
		f.logger.Info("scenario receiver", "name", r.Name, "address", u)
	}
	for _, h := range s.Setup.Hooks {
		id, _ := se.HookID(h.Name)
		f.logger.Info("scenario hook", "name", h.Name, "store", h.Store, "id", id, "scope", h.Scope)
	}
}

// watch looks at the file every poll until ctx ends, and reloads it when
// it changed.
func (f *scenarioFront) watch(ctx context.Context, poll time.Duration) {
	t := time.NewTicker(poll)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		f.reloadIfChanged(ctx)
	}
}

// reloadIfChanged reloads the file if its stamp and contents changed. An
// invalid file is logged, problem by problem, and the running scenario
// stays. A valid one replaces the mock with a fresh one set up from the
// new setup (the same as a reset, but also restarting the fake clock, the
// seed and the accounts), then sets the scenario up on it.
func (f *scenarioFront) reloadIfChanged(ctx context.Context) {
	info, err := os.Stat(f.path)
	if err != nil {
		return
	}
	stamp := fileStamp{info.ModTime(), info.Size()}
	f.mu.Lock()
	same := stamp == f.stat
	f.stat = stamp
	last := f.data
	f.mu.Unlock()
	if same {
		return
	}
	s, data, err := readScenario(f.path)
	if data != nil && bytes.Equal(data, last) {
		return
	}
	f.mu.Lock()
	f.data = data
	f.mu.Unlock()
	var problems scenarios.Problems
	switch {
	case errors.As(err, &problems):
		for _, p := range problems {
			f.logger.Error("scenario problem", "problem", p.String())
		}
		f.logger.Error("scenario file changed but is invalid; keeping the previous one", "file", f.path, "problems", len(problems))
		return
	case err != nil:
		f.logger.Error("scenario file changed but cannot be read; keeping the previous one", "file", f.path, "err", err)
		return
	}
	srv, err := f.cfg.scenarioMock(s, f.logger)
	if err != nil {
		f.logger.Error("scenario file changed but its setup cannot be applied; keeping the previous one", "file", f.path, "err", err)
		return
	}
	f.mu.Lock()
	old, oldSession := f.mock, f.session
	f.mock, f.session, f.broken = srv, nil, nil
	f.mu.Unlock()
	if oldSession != nil {
		_ = oldSession.Close()
	}
	_ = old.Close()
	if err := f.load(ctx, s, data); err != nil {
		f.logger.Error("scenario reloaded but could not be set up", "err", err)
		return
	}
	f.logger.Info("scenario reloaded", "file", f.path, "name", s.Name)
}
