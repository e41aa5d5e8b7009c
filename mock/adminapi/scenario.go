package adminapi

import (
	"context"
	"fmt"
	"net/http"
	"strings"
)

// Paths of the scenario endpoints (openapi/scenario.yaml), which a mock
// serving a scenario file ("bcmock serve --scenario", a container started
// with container.WithScenarioFile) adds beside the control API.
const (
	// ScenarioPath answers GET with the scenario and the state of its steps.
	ScenarioPath = Prefix + "/scenario"
	// ScenarioRunPath runs steps on POST: every remaining one, or {"step": N}.
	ScenarioRunPath = Prefix + "/scenario/run"
)

// Scenario is the served scenario (GET ScenarioPath).
type Scenario struct {
	// Name and Description are the file's.
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// File is the scenario file's path.
	File string `json:"file,omitempty"`
	// Mock is the base URL of the mock the scenario runs on.
	Mock string `json:"mock"`
	// Clock is "real" or "fake".
	Clock string `json:"clock"`
	// NextStep is the 1-based step that runs next; nil when every step has run.
	NextStep *int `json:"next_step"`
	// Receivers are the scenario's receivers.
	Receivers []ScenarioReceiver `json:"receivers"`
	// Hooks are the hooks its setup registered.
	Hooks []ScenarioHook `json:"hooks"`
	// Steps is every step with its state.
	Steps []Step `json:"steps"`
}

// ScenarioReceiver is one receiver of a scenario.
type ScenarioReceiver struct {
	Name string `json:"name"`
	// URL is where it listens, or the app's URL for a target.
	URL string `json:"url"`
	// Target is true for the app under test (--target): nothing is served.
	Target bool `json:"target"`
	// Callbacks counts the callbacks it got.
	Callbacks int `json:"callbacks"`
}

// ScenarioHook is one hook of a scenario's setup.
type ScenarioHook struct {
	Name    string `json:"name"`
	Store   string `json:"store"`
	ID      int    `json:"id"`
	Deleted bool   `json:"deleted"`
}

// ScenarioRun is what running steps gave (POST ScenarioRunPath).
type ScenarioRun struct {
	// Passed is true when every step that ran passed.
	Passed bool `json:"passed"`
	// NextStep is the step that runs next; nil when every step has run.
	NextStep *int `json:"next_step"`
	// Steps are the steps that ran, in order.
	Steps []Step `json:"steps"`
}

// Position is a place in a scenario file.
type Position struct {
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Column int    `json:"column,omitempty"`
}

// Step is one step of a scenario and how it went.
type Step struct {
	// Number is 1-based.
	Number int `json:"number"`
	// Kind is raise, action, advance, wait, hook or expect.
	Kind string `json:"kind"`
	// Path is the step's path in the file, e.g. "steps[2]".
	Path     string   `json:"path"`
	Position Position `json:"position"`
	// Summary says what the step does.
	Summary string `json:"summary"`
	// Status is pending, passed, failed or skipped.
	Status string `json:"status"`
	// Done says what the step did, once run.
	Done string `json:"done,omitempty"`
	// DurationMS is how long it took; nil before it ran.
	DurationMS *float64 `json:"duration_ms,omitempty"`
	// Error says why it could not run.
	Error string `json:"error,omitempty"`
	// Failures are its failed expectations.
	Failures []StepFailure `json:"failures,omitempty"`
	// Report is the whole outcome in words, as bcmock run prints it.
	Report string `json:"report,omitempty"`
}

// StepFailure is one failed expectation.
type StepFailure struct {
	Path       string     `json:"path"`
	Position   Position   `json:"position"`
	Subject    string     `json:"subject"`
	Mismatches []Mismatch `json:"mismatches"`
	// Note adds what the mismatches do not say.
	Note string `json:"note,omitempty"`
	// Deliveries are the deliveries seen, with their attempts.
	Deliveries []SeenDelivery `json:"deliveries,omitempty"`
	// More counts deliveries seen but not listed.
	More int `json:"more_deliveries,omitempty"`
}

// Mismatch is one expected value and what came instead.
type Mismatch struct {
	Key      string `json:"key"`
	Expected string `json:"expected"`
	Got      string `json:"got"`
}

// SeenDelivery is a delivery a failed expectation looked at.
type SeenDelivery struct {
	ID          int64         `json:"id"`
	Scope       string        `json:"scope"`
	Hook        string        `json:"hook"`
	Destination string        `json:"destination"`
	Status      string        `json:"status"`
	LastError   string        `json:"last_error,omitempty"`
	Attempts    []SeenAttempt `json:"attempts"`
}

// SeenAttempt is one attempt of a SeenDelivery.
type SeenAttempt struct {
	Number int `json:"number"`
	// OffsetSeconds is its time after the delivery's first attempt.
	OffsetSeconds float64 `json:"offset_seconds"`
	Status        int     `json:"status"`
	Outcome       string  `json:"outcome"`
	Error         string  `json:"error,omitempty"`
}

// ScenarioRunRequest is the body of POST ScenarioRunPath.
type ScenarioRunRequest struct {
	// Step is the 1-based step to run alone; nil runs every remaining step.
	Step *int `json:"step,omitempty"`
}

// Scenario returns the scenario the mock serves; a mock serving none
// answers 404.
func (c *Client) Scenario(ctx context.Context) (Scenario, error) {
	var s Scenario
	if err := c.do(ctx, http.MethodGet, strings.TrimPrefix(ScenarioPath, Prefix), nil, http.StatusOK, &s); err != nil {
		return Scenario{}, fmt.Errorf("get scenario: %w", err)
	}
	return s, nil
}

// RunScenario runs every remaining step of the served scenario, stopping
// at the first that fails, and returns when they are done.
func (c *Client) RunScenario(ctx context.Context) (ScenarioRun, error) {
	var run ScenarioRun
	if err := c.do(ctx, http.MethodPost, strings.TrimPrefix(ScenarioRunPath, Prefix), ScenarioRunRequest{}, http.StatusOK, &run); err != nil {
		return ScenarioRun{}, fmt.Errorf("run scenario: %w", err)
	}
	return run, nil
}

// RunScenarioStep runs step n (1-based) of the served scenario alone.
func (c *Client) RunScenarioStep(ctx context.Context, n int) (ScenarioRun, error) {
	var run ScenarioRun
	if err := c.do(ctx, http.MethodPost, strings.TrimPrefix(ScenarioRunPath, Prefix), ScenarioRunRequest{Step: &n}, http.StatusOK, &run); err != nil {
		return ScenarioRun{}, fmt.Errorf("run scenario step %d: %w", n, err)
	}
	return run, nil
}
