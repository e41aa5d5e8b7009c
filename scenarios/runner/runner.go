package runner

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/scenarios"
)

// ErrBadOption reports an option Run or Start cannot use, such as a
// target for a receiver the scenario does not have.
var ErrBadOption = errors.New("bad option")

// config is what the options set.
type config struct {
	targets    map[string]string // receiver name → URL
	mockURL    string            // a running mock to drive; "" starts one
	server     *mock.Server      // the mock at mockURL, when it is in this process
	mockOpts   []mock.Option
	mockFor    MockOptionsFunc // nil: MockOptions of the setup
	client     *http.Client
	ownsClient bool // client is the runner's own, closed with the session
	logger     *slog.Logger
	file       string
	source     []byte
	progress   func(StepResult)
	errs       []error
}

// Option configures Run, RunFile and Start.
type Option func(*config)

// WithTarget sends the callbacks meant for the scenario's receiver name to
// url, the user's real app, instead of serving the receiver. The hooks'
// paths are appended to url (a path of "/" leaves url as it is). The
// receiver's scripted responses are then unused, and signatures are checked
// on what bcmock sent (the attempt log) rather than on what arrived.
func WithTarget(receiver, url string) Option {
	return func(c *config) {
		if receiver == "" || !strings.HasPrefix(url, "http://") && !strings.HasPrefix(url, "https://") {
			c.errs = append(c.errs, fmt.Errorf("target %s=%s: %w: want name=http(s)://host[:port][/path]", receiver, url, ErrBadOption))
			return
		}
		if c.targets == nil {
			c.targets = map[string]string{}
		}
		c.targets[receiver] = url
	}
}

// WithMockURL drives the bcmock already running at baseURL
// (scheme://host:port) instead of starting one. That mock must have been
// started the way the scenario's setup says (clock mode, seed, accounts,
// retry schedule): the runner checks the clock mode and registers the
// hooks, but cannot reconfigure the mock. The hooks it registers and the
// events it raises stay in that mock.
func WithMockURL(baseURL string) Option {
	return func(c *config) { c.mockURL = strings.TrimRight(baseURL, "/") }
}

// WithServer is WithMockURL for a mock in this process: srv, listening at
// baseURL. The runner still drives it over HTTP.
func WithServer(srv *mock.Server, baseURL string) Option {
	return func(c *config) {
		c.server = srv
		c.mockURL = strings.TrimRight(baseURL, "/")
	}
}

// WithMockOptions adds options to the mock Run starts, after those the
// setup gives (so they win), e.g. mock.WithResponseValidation(). They are
// ignored with WithMockURL and WithServer.
func WithMockOptions(opts ...mock.Option) Option {
	return func(c *config) { c.mockOpts = append(c.mockOpts, opts...) }
}

// MockOptionsFunc returns the options of the mock for a scenario; an
// error keeps the mock from starting.
type MockOptionsFunc func(s *scenarios.Scenario) ([]mock.Option, error)

// WithMockOptionsFunc makes f, instead of MockOptions of the setup, give
// the options of the mock Run, Start and NewServer start; those of
// WithMockOptions still follow. f typically calls MockOptions on a setup
// changed by the caller's own settings (see MockOptions).
func WithMockOptionsFunc(f MockOptionsFunc) Option {
	return func(c *config) {
		if f == nil {
			c.errs = append(c.errs, fmt.Errorf("with mock options func: %w: nil function", ErrBadOption))
			return
		}
		c.mockFor = f
	}
}

// mockOptions returns the options of the mock for s, as the options say.
func (c config) mockOptions(s *scenarios.Scenario) ([]mock.Option, error) {
	if c.mockFor == nil {
		return slices.Concat(MockOptions(s.Setup, c.logger), c.mockOpts), nil
	}
	opts, err := c.mockFor(s)
	if err != nil {
		return nil, err
	}
	return slices.Concat(opts, c.mockOpts), nil
}

// WithHTTPClient sets the client used to call the mock (default: a client
// of its own with no overall timeout; steps are bounded by the context).
func WithHTTPClient(client *http.Client) Option {
	return func(c *config) { c.client, c.ownsClient = client, false }
}

// WithLogger sets the logger of the runner and of the mock Run starts
// (default: discard).
func WithLogger(l *slog.Logger) Option { return func(c *config) { c.logger = l } }

// WithSource gives the file the scenario was read from and its bytes, so
// that reports point at file:line:column. Without it steps are named by
// their number and path only.
func WithSource(file string, data []byte) Option {
	return func(c *config) { c.file, c.source = file, data }
}

// WithProgress calls f when a step starts (Status StepRunning) and when it
// ends, from the goroutine running the step.
func WithProgress(f func(StepResult)) Option { return func(c *config) { c.progress = f } }

// newConfig applies the options over the defaults.
func newConfig(opts []Option) (config, error) {
	c := config{logger: slog.New(slog.DiscardHandler), client: newClient(), ownsClient: true}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.logger == nil || c.client == nil {
		c.errs = append(c.errs, fmt.Errorf("logger and HTTP client must not be nil: %w", ErrBadOption))
	}
	return c, errors.Join(c.errs...)
}

// newClient returns a client with a transport of its own. On
// http.DefaultTransport, any httptest.Server closing in the same process
// (which closes that transport's idle connections) could fail a request
// of this run with "http: CloseIdleConnections called".
func newClient() *http.Client {
	if t, ok := http.DefaultTransport.(*http.Transport); ok {
		return &http.Client{Transport: t.Clone()}
	}
	return &http.Client{Transport: &http.Transport{Proxy: http.ProxyFromEnvironment}}
}

// StepStatus is where a step stands.
type StepStatus string

// Step states.
const (
	// StepPending: not run yet.
	StepPending StepStatus = "pending"
	// StepRunning: running now (only seen by WithProgress and Session.Status).
	StepRunning StepStatus = "running"
	// StepPassed: done, and its conditions held.
	StepPassed StepStatus = "passed"
	// StepFailed: a condition did not hold, or the step could not be done.
	StepFailed StepStatus = "failed"
	// StepSkipped: not run because an earlier step failed.
	StepSkipped StepStatus = "skipped"
)

// StepResult is what became of one step.
type StepResult struct {
	// Number is the step's 1-based number in the file.
	Number int
	// Kind is raise, action, advance, wait, hook or expect.
	Kind string
	// Path is the step's path in the document, e.g. "steps[2]".
	Path string
	// Pos is where the step is written; zero without WithSource.
	Pos Position
	// Summary says what the step does, e.g. "store/order/created ×120".
	Summary string
	// Status is pending, running, passed, failed or skipped.
	Status StepStatus
	// Done says what the step did, e.g. "3 events raised, 3 deliveries";
	// empty until it has run.
	Done string
	// Duration is the wall time the step took, settling included.
	Duration time.Duration
	// Failures are the conditions that did not hold (expect and wait).
	Failures []Failure
	// Err says why the step could not be carried out (a request the mock
	// refused, a setting the mock lacks); nil otherwise.
	Err error
}

// Failed reports whether the step failed.
func (r StepResult) Failed() bool { return r.Status == StepFailed }

// StepResults are the results of the steps one call ran (RunRemaining).
type StepResults []StepResult

// Passed reports whether every step that ran passed: true when none ran
// (every step had run before).
func (rs StepResults) Passed() bool {
	return !slices.ContainsFunc(rs, StepResult.Failed)
}

// Result is what became of a whole scenario.
type Result struct {
	// Name is the scenario's name.
	Name string
	// File is the file given with WithSource (or RunFile); may be empty.
	File string
	// Steps holds one result per step of the scenario, in order. After a
	// failed step the later ones are StepSkipped.
	Steps []StepResult
	// Duration is the wall time of the whole run, setup included.
	Duration time.Duration
	// Err says why the scenario could not be set up or run (a receiver
	// that could not listen, a hook the mock refused); nil otherwise.
	Err error
}

// Passed reports whether the run was set up and every step passed.
func (r Result) Passed() bool {
	if r.Err != nil {
		return false
	}
	for _, s := range r.Steps {
		if s.Status != StepPassed {
			return false
		}
	}
	return true
}

// Ran returns how many steps ran (passed or failed).
func (r Result) Ran() int {
	n := 0
	for _, s := range r.Steps {
		if s.Status == StepPassed || s.Status == StepFailed {
			n++
		}
	}
	return n
}

// FailedStep returns the first failed step, or nil.
func (r Result) FailedStep() *StepResult {
	for i := range r.Steps {
		if r.Steps[i].Failed() {
			return &r.Steps[i]
		}
	}
	return nil
}

// Run runs the scenario s in a mock of its own and returns what happened.
// s should come from scenarios.Load or Parse (or have passed Validate).
// Unless WithMockURL or WithServer is given, Run starts an in-process mock
// configured from s.Setup, serves the receivers, registers the hooks, runs
// the steps in order until one fails, and closes everything before it
// returns. It never panics; a run that could not be set up has Err set.
func Run(ctx context.Context, s *scenarios.Scenario, opts ...Option) Result {
	begin := time.Now()
	cfg, _ := newConfig(opts)
	res := Result{File: cfg.file}
	if s != nil {
		res.Name = s.Name
		res.Steps = pendingSteps(s, newLocator(cfg.file, cfg.source))
	}
	se, err := Start(ctx, s, opts...)
	if err != nil {
		res.Err = fmt.Errorf("run scenario: %w", err)
		res.Duration = time.Since(begin)
		return res
	}
	defer se.Close()
	for i := range res.Steps {
		r := se.RunStep(ctx, i+1)
		res.Steps[i] = r
		if r.Failed() {
			for j := i + 1; j < len(res.Steps); j++ {
				res.Steps[j].Status = StepSkipped
			}
			break
		}
	}
	res.Duration = time.Since(begin)
	return res
}

// RunFile loads the scenario file at path and runs it as Run does, with
// positions in its reports. The error is that of scenarios.Load (a
// scenarios.Problems for an invalid file, matching scenarios.ErrInvalid);
// a scenario that ran, passed or not, gives a nil error.
func RunFile(ctx context.Context, path string, opts ...Option) (Result, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return Result{File: path}, fmt.Errorf("run scenario file: %w", err)
	}
	s, err := scenarios.Parse(path, data)
	if err != nil {
		return Result{File: path}, fmt.Errorf("run scenario file: %w", err)
	}
	return Run(ctx, s, append([]Option{WithSource(path, data)}, opts...)...), nil
}

// pendingSteps returns a pending result per step of s.
func pendingSteps(s *scenarios.Scenario, loc locator) []StepResult {
	out := make([]StepResult, len(s.Steps))
	for i, st := range s.Steps {
		path := fmt.Sprintf("steps[%d]", i)
		out[i] = StepResult{Number: i + 1, Kind: st.Kind(), Path: path, Pos: loc.at(path), Summary: summarize(st), Status: StepPending}
	}
	return out
}
