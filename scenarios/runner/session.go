package runner

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/internal/text"
	"github.com/bcmock/bcmock/testkit/receiver"
)

// Session is a scenario set up on a mock: its receivers listening, its
// hooks registered, its steps ready to run in order or one at a time.
// Create it with Start; the caller should call Close when done, which
// stops the receivers and the mock Start started (not one given with
// WithMockURL or WithServer). A Session is safe for concurrent use; steps
// run one at a time.
type Session struct {
	s      *scenarios.Scenario
	cfg    config
	loc    locator
	logger *slog.Logger

	admin *adminapi.Client
	bc    *bcClient
	base  string
	srv   *mock.Server     // the mock, when in this process
	owned *httptest.Server // the mock's server, when Start started it
	fake  bool

	receivers map[string]*scenarioReceiver
	hooks     map[string]*hookState

	stepMu  sync.Mutex // held while a step runs
	mu      sync.Mutex // guards results, next and secrets
	results []StepResult
	next    int // number of the next step RunRemaining runs
	secrets map[string]string
}

// hookState is a setup hook as the mock knows it.
type hookState struct {
	name     string
	store    string
	token    string
	id       int
	clientID string
	deleted  bool
}

// Start sets s up and returns a Session ready to run its steps. Unless
// WithMockURL or WithServer is given, it starts an in-process mock
// configured from s.Setup (see MockOptions). It starts every receiver not
// replaced by WithTarget on a port of its own, checks the mock's clock
// mode, and registers the setup's hooks through the v3 API. On error
// everything Start started is closed again.
func Start(ctx context.Context, s *scenarios.Scenario, opts ...Option) (*Session, error) {
	if s == nil {
		return nil, fmt.Errorf("start scenario: %w: nil scenario", ErrBadOption)
	}
	cfg, err := newConfig(opts)
	if err != nil {
		return nil, fmt.Errorf("start scenario %s: %w", s.Name, err)
	}
	loc := newLocator(cfg.file, cfg.source)
	se := &Session{
		s: s, cfg: cfg, loc: loc, logger: cfg.logger,
		receivers: map[string]*scenarioReceiver{}, hooks: map[string]*hookState{},
		secrets: map[string]string{}, results: pendingSteps(s, loc), next: 1,
		fake: s.Setup.Clock.Mode == scenarios.ClockFake,
	}
	if err := se.start(ctx); err != nil {
		se.Close()
		return nil, fmt.Errorf("start scenario %s: %w", s.Name, err)
	}
	return se, nil
}

// start does Start's work.
func (se *Session) start(ctx context.Context) error {
	if err := se.startReceivers(); err != nil {
		return err
	}
	if err := se.startMock(); err != nil {
		return err
	}
	se.admin = adminapi.New(se.base, se.cfg.client)
	se.bc = &bcClient{base: se.base, hc: se.cfg.client}
	clk, err := se.admin.Clock(ctx)
	if err != nil {
		return fmt.Errorf("reach the mock at %s: %w", se.base, err)
	}
	if want := string(se.s.Setup.Clock.Mode); clk.Mode != want {
		return fmt.Errorf("check clock: the scenario needs a %s clock, but the mock at %s runs a %s one (start it with --clock %s)", want, se.base, clk.Mode, want)
	}
	if err := se.seed(ctx); err != nil {
		return err
	}
	for _, h := range se.s.Setup.Hooks {
		if err := se.register(ctx, h); err != nil {
			return err
		}
	}
	return nil
}

// startReceivers serves each receiver, or points it at its target.
func (se *Session) startReceivers() error {
	for name := range se.cfg.targets {
		if !slices.ContainsFunc(se.s.Receivers, func(r scenarios.Receiver) bool { return r.Name == name }) {
			return fmt.Errorf("target %s: %w: the scenario has no receiver %q (it has: %s)", name, ErrBadOption, name, receiverNames(se.s))
		}
	}
	for _, rc := range se.s.Receivers {
		if u, ok := se.cfg.targets[rc.Name]; ok {
			se.receivers[rc.Name] = newTarget(rc.Name, u)
			continue
		}
		r, err := newReceiver(rc, se.receiverSecret(rc.Name), se.fake)
		if err != nil {
			return err
		}
		se.receivers[rc.Name] = r
	}
	return nil
}

// receiverSecret is the client secret of the account whose hooks deliver
// to the receiver name (validation makes it one): the one the setup
// declares, else the one bcmock derives from the token.
func (se *Session) receiverSecret(name string) string {
	for _, h := range se.s.Setup.Hooks {
		if h.Receiver != name {
			continue
		}
		for _, a := range se.s.Setup.Accounts {
			if a.Token == h.Token && a.ClientSecret != "" {
				return a.ClientSecret
			}
		}
		return account.Derive(h.Token).ClientSecret
	}
	return ""
}

// receiverNames lists the scenario's receivers for messages.
func receiverNames(s *scenarios.Scenario) string {
	names := make([]string, 0, len(s.Receivers))
	for _, r := range s.Receivers {
		names = append(names, r.Name)
	}
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

// startMock starts an in-process mock unless one was given.
func (se *Session) startMock() error {
	if se.cfg.mockURL != "" {
		se.base, se.srv = se.cfg.mockURL, se.cfg.server
		return nil
	}
	opts, err := se.cfg.mockOptions(se.s)
	if err != nil {
		return fmt.Errorf("start mock: %w", err)
	}
	srv, err := mock.New(opts...)
	if err != nil {
		return fmt.Errorf("start mock: %w", err)
	}
	se.srv, se.owned = srv, httptest.NewServer(srv)
	se.base = se.owned.URL
	return nil
}

// MockOptions is the one mapping from a scenario's setup to the options
// of the mock that runs it: the setup's accounts, seed, clock (a fake clock
// starts at setup.Clock.Start, or at the wall time when that is zero),
// retry schedule, delivery timeout and strict destinations, with logger
// (when not nil) as the mock's logger. Run and Start use it for the mock
// they start, testkit.WithScenarioFile and "bcmock serve --scenario" for
// theirs.
//
// A caller's own settings win over the setup's, and the setup's win over
// the mock's defaults. There are two ways to say so, and callers use the
// one that fits what they hold:
//   - options appended after these, since a later mock option wins over an
//     earlier one (WithMockOptions, testkit's options given with
//     WithScenarioFile);
//   - a setup changed before the call, for settings an option cannot undo,
//     such as strict destinations turned off ("bcmock serve" writes each
//     flag or environment variable that is set into the setup).
//
// The clock mode is the exception: the steps need the mode the scenario
// says, so a caller should refuse a different one rather than override it
// (Start refuses a mock whose clock mode differs).
//
// Strict destinations apply to the mock as a whole; the scenario's own
// receivers are exempt, as the format says, because the runner registers
// their hooks with api.OwnReceiverHeader.
func MockOptions(setup scenarios.Setup, logger *slog.Logger) []mock.Option {
	opts := []mock.Option{
		mock.WithSeed(setup.Seed),
		mock.WithRetrySchedule(Schedule(setup)),
		mock.WithDeliveryTimeout(time.Duration(setup.DeliveryTimeout)),
	}
	if logger != nil {
		opts = append(opts, mock.WithLogger(logger))
	}
	if accounts := Accounts(setup); len(accounts) > 0 {
		opts = append(opts, mock.WithAccounts(accounts...))
	}
	if setup.Clock.Mode == scenarios.ClockFake {
		start := setup.Clock.Start
		if start.IsZero() {
			start = time.Now().UTC().Truncate(time.Second)
		}
		opts = append(opts, mock.WithClock(clock.NewFake(start)))
	}
	if setup.StrictDestinations {
		opts = append(opts, mock.WithStrictDestinations())
	}
	if !setup.RateLimit.Off() {
		opts = append(opts, mock.WithRateLimit(setup.RateLimit.RateLimit))
	}
	return opts
}

// Schedule returns setup's retry schedule as the delivery engine takes it.
func Schedule(setup scenarios.Setup) bigcommerce.Schedule {
	return slices.Clone(setup.RetrySchedule.Schedule)
}

// Accounts returns setup's accounts as the mock takes them, with a
// client_id derived from the token where the scenario leaves it out (the
// mock derives a missing client_secret itself). Nil means open mode.
func Accounts(setup scenarios.Setup) []account.Account {
	var out []account.Account
	for _, a := range setup.Accounts {
		acct := account.Account{Token: a.Token, ClientID: a.ClientID, ClientSecret: a.ClientSecret, Stores: a.Stores}
		if acct.ClientID == "" {
			acct.ClientID = account.Derive(a.Token).ClientID
		}
		out = append(out, acct)
	}
	return out
}

// register creates one setup hook through the v3 API.
func (se *Session) register(ctx context.Context, h scenarios.Hook) error {
	body := map[string]any{"scope": h.Scope, "destination": se.destination(h.Destination, h.Receiver, h.Path), "is_active": h.Active()}
	if len(h.Headers) > 0 {
		body["headers"] = h.Headers
	}
	got, err := se.bc.createHook(ctx, h.Store, h.Token, se.destinationHeader(h.Destination, h.Receiver), body)
	if err != nil {
		return fmt.Errorf("register hook %s: %w", h.Name, err)
	}
	se.hooks[h.Name] = &hookState{name: h.Name, store: h.Store, token: h.Token, id: got.ID, clientID: got.ClientID}
	if len(h.Faults) > 0 {
		faults := make([]adminapi.Fault, len(h.Faults))
		for i, f := range h.Faults {
			faults[i] = f.Wire()
		}
		if _, err := se.admin.SetHookFaults(ctx, h.Store, got.ID, faults); err != nil {
			return fmt.Errorf("register hook %s: %w", h.Name, err)
		}
	}
	return nil
}

// destination is a hook's URL: dest, or the receiver's URL with path.
func (se *Session) destination(dest, receiverName, path string) string {
	if r, ok := se.receivers[receiverName]; ok && dest == "" {
		return r.destination(path)
	}
	return dest
}

// destinationHeader is the header of a hook request whose destination is
// dest or receiverName's: it marks a receiver's as the scenario's own,
// which BigCommerce's destination rule exempts; nil otherwise.
func (se *Session) destinationHeader(dest, receiverName string) http.Header {
	if _, ok := se.receivers[receiverName]; ok && dest == "" {
		return ownReceiver
	}
	return nil
}

// Scenario returns the scenario the session runs.
func (se *Session) Scenario() *scenarios.Scenario { return se.s }

// MockURL returns the base URL of the mock the session drives.
func (se *Session) MockURL() string { return se.base }

// Admin returns the control API client the session drives the mock with.
func (se *Session) Admin() *adminapi.Client { return se.admin }

// ReceiverURL returns the base URL of the named receiver (its target's URL
// when replaced with WithTarget), and false for an unknown name.
func (se *Session) ReceiverURL(name string) (string, bool) {
	r, ok := se.receivers[name]
	if !ok {
		return "", false
	}
	return r.url, true
}

// Callbacks returns the callbacks the named receiver got so far, oldest
// first; none for a receiver replaced by a target.
func (se *Session) Callbacks(name string) []receiver.Callback {
	r, ok := se.receivers[name]
	if !ok {
		return nil
	}
	return r.callbacks()
}

// HookID returns the id the mock gave the named setup hook, and false for
// an unknown name.
func (se *Session) HookID(name string) (int, bool) {
	h, ok := se.hooks[name]
	if !ok {
		return 0, false
	}
	return h.id, true
}

// Status returns the result of every step so far: StepPending for steps
// not run, the latest result of those that ran.
func (se *Session) Status() []StepResult {
	se.mu.Lock()
	defer se.mu.Unlock()
	return slices.Clone(se.results)
}

// Next returns the number of the step RunRemaining would run first, or 0
// when every step has run.
func (se *Session) Next() int {
	se.mu.Lock()
	defer se.mu.Unlock()
	if se.next > len(se.s.Steps) {
		return 0
	}
	return se.next
}

// RunRemaining runs the steps from Next on, in order, until one fails or
// none is left, and returns their results. After a failure Next is the
// step after the failed one.
func (se *Session) RunRemaining(ctx context.Context) StepResults {
	var out StepResults
	for n := se.Next(); n != 0; n = se.Next() {
		r := se.RunStep(ctx, n)
		out = append(out, r)
		if r.Failed() {
			break
		}
	}
	return out
}

// ErrNoStep reports a step number the scenario does not have.
var ErrNoStep = errors.New("no such step")

// RunStep runs step number n (1-based, as in reports): first it lets every
// attempt that is due finish, then it does the step. Steps may be run in
// any order and again; each sees the mock as it is. Next becomes n+1 when
// n is at or after it.
func (se *Session) RunStep(ctx context.Context, n int) StepResult {
	se.stepMu.Lock()
	defer se.stepMu.Unlock()
	if n < 1 || n > len(se.s.Steps) {
		return StepResult{Number: n, Status: StepFailed, Err: fmt.Errorf("run step %d: %w: the scenario has %d steps", n, ErrNoStep, len(se.s.Steps))}
	}
	st := se.s.Steps[n-1]
	se.mu.Lock()
	r := se.results[n-1]
	se.mu.Unlock()
	r.Status, r.Done, r.Failures, r.Err = StepRunning, "", nil, nil
	se.record(r)
	begin := time.Now()
	if err := se.settle(ctx); err != nil {
		r.Err = err
	} else {
		r.Done, r.Failures, r.Err = se.do(ctx, r.Path, st)
	}
	r.Duration = time.Since(begin)
	r.Status = StepPassed
	if r.Err != nil || len(r.Failures) > 0 {
		r.Status = StepFailed
	}
	se.record(r)
	se.mu.Lock()
	if n >= se.next {
		se.next = n + 1
	}
	se.mu.Unlock()
	return r
}

// record stores r and reports it to the progress callback.
func (se *Session) record(r StepResult) {
	se.mu.Lock()
	se.results[r.Number-1] = r
	se.mu.Unlock()
	if se.cfg.progress != nil {
		se.cfg.progress(r)
	}
}

// do carries out one step.
func (se *Session) do(ctx context.Context, path string, st scenarios.Step) (string, []Failure, error) {
	switch {
	case st.Raise != nil, st.Action != nil:
		done, err := se.raise(ctx, st.Raises())
		return done, nil, err
	case st.Advance != nil:
		clk, err := se.admin.AdvanceClock(ctx, time.Duration(*st.Advance))
		if err != nil {
			return "", nil, fmt.Errorf("advance %s: %w", *st.Advance, err)
		}
		return "store time is now " + clk.Now.UTC().Format(time.RFC3339), nil, nil
	case st.Wait != nil:
		return se.wait(ctx, path+".wait.until", *st.Wait)
	case st.Hook != nil:
		done, err := se.changeHook(ctx, *st.Hook)
		return done, nil, err
	case st.Expect != nil:
		failures, err := se.check(ctx, path+".expect", *st.Expect)
		if err != nil || len(failures) > 0 {
			return "", failures, err
		}
		return "held", nil, nil
	case st.Pay != nil:
		return se.pay(ctx, *st.Pay)
	}
	return "", nil, fmt.Errorf("run %s: %w: the step has no kind", path, ErrBadOption)
}

// settle lets every attempt that is due now finish. Under a fake clock,
// advancing by zero does exactly that. Under the real clock the runner
// polls the delivery log until no pending delivery is due, twice in a row
// (an attempt's effects, such as a deliveryException it raises, follow it
// closely).
func (se *Session) settle(ctx context.Context) error {
	if se.fake {
		if _, err := se.admin.AdvanceClock(ctx, 0); err != nil {
			return fmt.Errorf("settle: %w", err)
		}
		return nil
	}
	quiet := 0
	pause := time.Millisecond
	for quiet < 2 {
		due, err := se.dueNow(ctx)
		if err != nil {
			return fmt.Errorf("settle: %w", err)
		}
		if due {
			quiet = 0
		} else {
			quiet++
		}
		if err := sleep(ctx, pause); err != nil {
			return fmt.Errorf("settle: %w", err)
		}
		pause = min(2*pause, 20*time.Millisecond)
	}
	return nil
}

// dueNow reports whether a pending delivery's attempt is due (or in
// flight) at the mock's now.
func (se *Session) dueNow(ctx context.Context) (bool, error) {
	clk, err := se.admin.Clock(ctx)
	if err != nil {
		return false, err
	}
	pending, err := se.admin.Deliveries(ctx, adminapi.Query{Outcome: adminapi.OutcomePending})
	if err != nil {
		return false, err
	}
	for _, d := range pending {
		if d.NextAttemptAt != nil && !d.NextAttemptAt.After(clk.Now) {
			return true, nil
		}
	}
	return false, nil
}

// sleep waits d or until ctx ends.
func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// raise raises events in order, moving a fake clock to each one's time.
func (se *Session) raise(ctx context.Context, events []scenarios.RaiseStep) (string, error) {
	var moved time.Duration
	raised, deliveries := 0, 0
	for _, ev := range events {
		if ev.After > moved {
			if !se.fake {
				return "", fmt.Errorf("raise %s: it is due %s after the step starts, which needs clock: fake", ev.Scope, ev.After)
			}
			if _, err := se.admin.AdvanceClock(ctx, ev.After-moved); err != nil {
				return "", fmt.Errorf("raise %s: %w", ev.Scope, err)
			}
			moved = ev.After
		}
		var data any
		if len(ev.Data) > 0 {
			data = ev.Data
		}
		first, err := se.admin.RaiseEventWithFaults(ctx, ev.Store, ev.Scope, data, ev.Faults)
		if err != nil {
			return "", err
		}
		raised++
		deliveries += len(first.DeliveryIDs)
		for range ev.Copies - 1 {
			n, err := se.resend(ctx, first)
			if err != nil {
				return "", err
			}
			raised++
			deliveries += n
		}
	}
	return fmt.Sprintf("%s raised, %s", text.Plural(raised, "event"), text.Plural(deliveries, "delivery")), nil
}

// resend raises the envelope of first again, byte for byte (the same body
// and hash, as BigCommerce's duplicates), and returns how many deliveries
// it made.
func (se *Session) resend(ctx context.Context, first adminapi.Raised) (int, error) {
	again, err := se.admin.ResendEvent(ctx, first.EventID)
	if err != nil {
		return 0, err
	}
	return len(again.DeliveryIDs), nil
}

// changeHook applies a hook step through the v3 API.
func (se *Session) changeHook(ctx context.Context, c scenarios.HookChange) (string, error) {
	op, name := c.Op()
	h, ok := se.hooks[name]
	if !ok {
		return "", fmt.Errorf("%s hook %s: %w: no such setup hook", op, name, ErrBadOption)
	}
	var body map[string]any
	switch op {
	case scenarios.OpDelete:
		if err := se.bc.deleteHook(ctx, h.store, h.token, h.id); err != nil {
			return "", fmt.Errorf("delete hook %s: %w", name, err)
		}
		se.mu.Lock()
		h.deleted = true
		se.mu.Unlock()
		return fmt.Sprintf("hook %d deleted", h.id), nil
	case scenarios.OpReactivate:
		body = map[string]any{"is_active": true}
	case scenarios.OpDeactivate:
		body = map[string]any{"is_active": false}
	default:
		body = map[string]any{}
		if c.Scope != "" {
			body["scope"] = c.Scope
		}
		if dest := se.destination(c.Destination, c.Receiver, c.Path); dest != "" {
			body["destination"] = dest
		}
		if c.IsActive != nil {
			body["is_active"] = *c.IsActive
		}
		if c.Headers != nil {
			body["headers"] = c.Headers
		}
	}
	got, err := se.bc.updateHook(ctx, h.store, h.token, se.destinationHeader(c.Destination, c.Receiver), h.id, body)
	if err != nil {
		return "", fmt.Errorf("%s hook %s: %w", op, name, err)
	}
	return fmt.Sprintf("hook %d: is_active %t, %s → %s", got.ID, got.IsActive, got.Scope, se.describeDestination(got.Destination)), nil
}

// wait checks until every condition holds or the timeout passes.
func (se *Session) wait(ctx context.Context, path string, w scenarios.Wait) (string, []Failure, error) {
	timeout := time.Duration(w.Timeout)
	wctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	begin := time.Now()
	pause := time.Millisecond
	for {
		failures, err := se.check(ctx, path, w.Until)
		if err != nil {
			return "", nil, err
		}
		if len(failures) == 0 {
			return "held after " + roundDuration(time.Since(begin)).String(), nil, nil
		}
		if sleep(wctx, pause) != nil {
			if ctx.Err() != nil {
				return "", nil, fmt.Errorf("wait: %w", ctx.Err())
			}
			for i := range failures {
				failures[i].Note = joinNotes("still not true after waiting "+w.Timeout.String()+" (wall clock)", failures[i].Note)
			}
			return "", failures, nil
		}
		pause = min(2*pause, 50*time.Millisecond)
	}
}

// roundDuration rounds d for reports.
func roundDuration(d time.Duration) time.Duration {
	switch {
	case d >= time.Second:
		return d.Round(10 * time.Millisecond)
	case d >= time.Millisecond:
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Microsecond)
}

// joinNotes joins non-empty notes with "; ".
func joinNotes(notes ...string) string {
	var out []string
	for _, n := range notes {
		if n != "" {
			out = append(out, n)
		}
	}
	return strings.Join(out, "; ")
}

// Close stops the receivers (releasing hanging requests) and the mock
// Start started, and closes the idle connections of the runner's own HTTP
// client (not of one given with WithHTTPClient). Calling it twice is safe.
func (se *Session) Close() error {
	for _, r := range se.receivers {
		r.close()
	}
	if se.owned != nil {
		se.owned.CloseClientConnections()
		if se.srv != nil {
			_ = se.srv.Close()
		}
		se.owned.Close()
		se.owned = nil
	}
	if se.cfg.ownsClient {
		se.cfg.client.CloseIdleConnections()
	}
	return nil
}
