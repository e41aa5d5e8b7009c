package runner

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/openapi"
	"github.com/bcmock/bcmock/scenarios"
)

// Server serves a scenario file the way "bcmock serve --scenario" does: the
// file's scenario set up on a mock of its own (receivers listening, hooks
// registered), the scenario endpoints (ScenarioPath, RunPath) answered by
// its Session, and every other request passed to the mock untouched.
// Reload, which Watch calls on every tick, swaps in a valid edit of the
// file: a fresh mock set up from the new setup (as a reset, but also
// restarting the fake clock, the seed and the accounts) with the new
// scenario on it. An invalid edit is logged, problem by problem, and the
// running scenario stays.
//
// Create it with NewServer, serve it over HTTP, and call Start with the URL
// it is served at. The caller should call Shutdown (or Close) when done. A
// Server is safe for concurrent use.
type Server struct {
	path   string
	opts   []Option
	cfg    config
	logger *slog.Logger

	reloadMu sync.Mutex // held by Reload, Start and Shutdown
	closed   bool       // Shutdown or Close was called; guarded by reloadMu

	mu      sync.Mutex // guards the fields below
	base    string
	mock    *mock.Server
	session *Session
	broken  error // why there is no session, after a failed set-up
	pending *scenarios.Scenario
	data    []byte // the file as last read, valid or not
	// unreadable: the last read failed, which was logged once.
	unreadable bool
}

var _ http.Handler = (*Server)(nil)

// NewServer reads and checks the scenario file at path and builds its
// mock, with the mock's options from WithMockOptionsFunc (default:
// MockOptions of the setup) and WithMockOptions. It serves nothing and
// sets nothing up until Start. An invalid file's error is the
// scenarios.Problems of the file. The options are those of Start (they
// apply to every session the Server starts), except WithMockURL,
// WithServer and WithSource, which the Server sets itself.
func NewServer(path string, opts ...Option) (*Server, error) {
	cfg, err := newConfig(opts)
	if err == nil && (cfg.mockURL != "" || cfg.file != "") {
		err = fmt.Errorf("%w: WithMockURL, WithServer and WithSource are the server's own", ErrBadOption)
	}
	if err != nil {
		return nil, fmt.Errorf("serve scenario %s: %w", path, err)
	}
	s, data, err := readScenario(path)
	if err != nil {
		return nil, err
	}
	f := &Server{path: path, opts: opts, cfg: cfg, logger: cfg.logger, pending: s, data: data}
	if f.mock, err = f.newMock(s); err != nil {
		return nil, err
	}
	return f, nil
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

// newMock builds the mock for s, with the scenario endpoints.
func (f *Server) newMock(s *scenarios.Scenario) (*mock.Server, error) {
	opts, err := f.cfg.mockOptions(s)
	if err != nil {
		return nil, err
	}
	endpoints, err := f.endpoints()
	if err != nil {
		return nil, err
	}
	opts = append(opts, endpoints, mock.WithReadiness(f.ready))
	srv, err := mock.New(opts...)
	if err != nil {
		return nil, fmt.Errorf("start mock: %w", err)
	}
	return srv, nil
}

// Start sets the scenario up on the mock, which the Server answers for at
// base (scheme://host:port): it starts the receivers and registers the
// hooks through the mock's API, so the Server must already be served
// there. Call it once.
func (f *Server) Start(ctx context.Context, base string) error {
	f.reloadMu.Lock()
	defer f.reloadMu.Unlock()
	f.mu.Lock()
	f.base = strings.TrimRight(base, "/")
	s, data := f.pending, f.data
	f.mu.Unlock()
	if s == nil {
		return errors.New("serve scenario: Start was already called")
	}
	return f.load(ctx, s, data)
}

// ServeHTTP serves the current mock, which has the scenario endpoints
// (openapi/scenario.yaml) among its control operations.
func (f *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { f.Mock().ServeHTTP(w, r) }

// endpoints are the scenario endpoints, mounted on each mock the Server
// builds: they answer for whichever session runs now.
func (f *Server) endpoints() (mock.Option, error) {
	doc, err := openapi.LoadEmbedded(openapi.Scenario)
	if err != nil {
		return nil, err
	}
	return mock.WithControlExtension(doc, map[string]http.Handler{
		"getScenario": http.HandlerFunc(f.getScenario),
		"runScenario": http.HandlerFunc(f.runScenario),
	}), nil
}

// ready reports why the scenario is not set up yet, or nil once it is.
func (f *Server) ready() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	switch {
	case f.session != nil:
		return nil
	case f.broken != nil:
		return fmt.Errorf("the scenario could not be set up: %w", f.broken)
	}
	return errors.New("the scenario is being set up")
}

// running returns the session running now, or answers 503 and nil.
func (f *Server) running(w http.ResponseWriter) *Session {
	f.mu.Lock()
	se, broken := f.session, f.broken
	f.mu.Unlock()
	if se == nil {
		detail := "the scenario is being set up"
		if broken != nil {
			detail = broken.Error()
		}
		mock.ControlError(w, http.StatusServiceUnavailable, "no scenario is running", detail)
	}
	return se
}

func (f *Server) getScenario(w http.ResponseWriter, _ *http.Request) {
	if se := f.running(w); se != nil {
		mock.ControlJSON(w, http.StatusOK, se.Describe())
	}
}

// runScenario runs steps while the request waits, one run at a time. The
// gateway has validated the body against the document.
func (f *Server) runScenario(w http.ResponseWriter, r *http.Request) {
	se := f.running(w)
	if se == nil {
		return
	}
	var req adminapi.ScenarioRunRequest
	if err := json.NewDecoder(r.Body).Decode(&req); err != nil && !errors.Is(err, io.EOF) {
		mock.ControlError(w, http.StatusBadRequest, "invalid body", `want {} or {"step": N}: `+err.Error())
		return
	}
	n := 0
	if req.Step != nil {
		n = *req.Step
	}
	run, err := se.Run(r.Context(), n)
	if err != nil {
		mock.ControlError(w, http.StatusUnprocessableEntity, "no such step", err.Error())
		return
	}
	mock.ControlJSON(w, http.StatusOK, run)
}

// Mock returns the mock serving now; a reload replaces it.
func (f *Server) Mock() *mock.Server {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.mock
}

// Session returns the session running now, or nil while there is none
// (before Start, or after a reload whose set-up failed).
func (f *Server) Session() *Session {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.session
}

// Shutdown stops the session's receivers, then the current mock's
// deliveries within ctx (mock.Server.Shutdown). Reload does nothing after
// it.
func (f *Server) Shutdown(ctx context.Context) error {
	f.reloadMu.Lock()
	defer f.reloadMu.Unlock()
	f.closed = true
	if se := f.Session(); se != nil {
		_ = se.Close()
	}
	return f.Mock().Shutdown(ctx)
}

// Close stops the session's receivers and the current mock at once.
func (f *Server) Close() error {
	f.reloadMu.Lock()
	defer f.reloadMu.Unlock()
	f.closed = true
	if se := f.Session(); se != nil {
		_ = se.Close()
	}
	return f.Mock().Close()
}

// load sets s up on the current mock. The caller holds reloadMu.
func (f *Server) load(ctx context.Context, s *scenarios.Scenario, data []byte) error {
	f.mu.Lock()
	srv, base := f.mock, f.base
	f.pending = nil
	f.mu.Unlock()
	opts := append([]Option{}, f.opts...)
	opts = append(opts, WithServer(srv, base), WithSource(f.path, data))
	se, err := Start(ctx, s, opts...)
	f.mu.Lock()
	f.session, f.broken = se, err
	f.mu.Unlock()
	if err != nil {
		return fmt.Errorf("set up scenario %s: %w", f.path, err)
	}
	f.logReady(se)
	return nil
}

// logReady says what is set up and how to run the steps.
func (f *Server) logReady(se *Session) {
	s := se.Scenario()
	f.logger.Info("scenario ready", "name", s.Name, "file", f.path, "steps", len(s.Steps), "clock", s.Setup.Clock.Mode,
		"run", "POST "+se.MockURL()+adminapi.ScenarioRunPath, "status", "GET "+se.MockURL()+adminapi.ScenarioPath)
	for _, r := range s.Receivers {
		u, _ := se.ReceiverURL(r.Name)
		f.logger.Info("scenario receiver", "name", r.Name, "address", u)
	}
	for _, h := range s.Setup.Hooks {
		id, _ := se.HookID(h.Name)
		f.logger.Info("scenario hook", "name", h.Name, "store", h.Store, "id", id, "scope", h.Scope)
	}
}

// Watch calls Reload on every tick until ctx ends. The caller owns the
// ticks, e.g. time.NewTicker(time.Second).C.
func (f *Server) Watch(ctx context.Context, ticks <-chan time.Time) {
	for {
		select {
		case <-ctx.Done():
			return
		case <-ticks:
		}
		_, _ = f.Reload(ctx)
	}
}

// ErrKeptScenario reports a changed file that Reload did not swap in; the
// running scenario stays.
var ErrKeptScenario = errors.New("keeping the previous scenario")

// Reload reads the file and, when its bytes changed since it was last
// read, swaps in its scenario: it builds a fresh mock from the new setup,
// stops the old session and mock, and sets the new scenario up. It reports
// whether it swapped. A file that cannot be read, is invalid or whose
// setup cannot be applied is logged (every problem on a line of its own)
// and keeps the running scenario; the error wraps ErrKeptScenario (and
// the file's scenarios.Problems when invalid). The same bytes are not
// looked at again until they change; an unreadable file is logged once.
func (f *Server) Reload(ctx context.Context) (bool, error) {
	f.reloadMu.Lock()
	defer f.reloadMu.Unlock()
	f.mu.Lock()
	last, started := f.data, f.pending == nil
	f.mu.Unlock()
	if f.closed || !started {
		return false, nil
	}
	s, data, err := readScenario(f.path)
	if data == nil {
		return false, f.unreadableFile(err)
	}
	f.unreadable = false
	if bytes.Equal(data, last) {
		return false, nil
	}
	f.mu.Lock()
	f.data = data
	f.mu.Unlock()
	if err != nil {
		return false, f.invalidFile(err)
	}
	srv, err := f.newMock(s)
	if err != nil {
		f.logger.Error("scenario file changed but its setup cannot be applied; keeping the previous one", "file", f.path, "err", err)
		return false, fmt.Errorf("%w: %w", ErrKeptScenario, err)
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
		return true, err
	}
	f.logger.Info("scenario reloaded", "file", f.path, "name", s.Name)
	return true, nil
}

// unreadableFile logs, once until the file can be read again, that it
// cannot be read, and returns the error. The caller holds reloadMu.
func (f *Server) unreadableFile(err error) error {
	if !f.unreadable {
		f.unreadable = true
		f.logger.Error("scenario file cannot be read; keeping the previous one", "file", f.path, "err", err)
	}
	return fmt.Errorf("%w: %w", ErrKeptScenario, err)
}

// invalidFile logs every problem of a changed file, then the decision, and
// returns the error.
func (f *Server) invalidFile(err error) error {
	var problems scenarios.Problems
	if errors.As(err, &problems) {
		for _, p := range problems {
			f.logger.Error("scenario problem", "problem", p.String())
		}
		f.logger.Error("scenario file changed but is invalid; keeping the previous one", "file", f.path, "problems", len(problems))
	} else {
		f.logger.Error("scenario file changed but cannot be used; keeping the previous one", "file", f.path, "err", err)
	}
	return fmt.Errorf("%w: %w", ErrKeptScenario, err)
}
