package runner

import (
	"context"
	"fmt"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
)

// Run runs step n (1-based) alone, or every remaining step when n is 0,
// and says how they went, as POST adminapi.ScenarioRunPath answers. A step
// number out of range is an error and runs nothing.
func (se *Session) Run(ctx context.Context, n int) (adminapi.ScenarioRun, error) {
	var results []StepResult
	switch {
	case n == 0:
		results = se.RunRemaining(ctx)
	case n < 1 || n > len(se.s.Steps):
		return adminapi.ScenarioRun{}, fmt.Errorf("run step %d: there are steps 1 to %d", n, len(se.s.Steps))
	default:
		results = []StepResult{se.RunStep(ctx, n)}
	}
	out := adminapi.ScenarioRun{Passed: true, Steps: make([]adminapi.Step, len(results)), NextStep: nextStep(se.Next())}
	for i, res := range results {
		out.Steps[i] = toStep(res)
		if res.Failed() {
			out.Passed = false
		}
	}
	return out, nil
}

// Describe says what the session runs and how far it got, as GET
// adminapi.ScenarioPath answers.
func (se *Session) Describe() adminapi.Scenario {
	out := adminapi.Scenario{
		Name: se.s.Name, Description: se.s.Description, File: se.cfg.file, Mock: se.base,
		Clock: string(se.s.Setup.Clock.Mode), NextStep: nextStep(se.Next()),
		Receivers: []adminapi.ScenarioReceiver{}, Hooks: []adminapi.ScenarioHook{}, Steps: []adminapi.Step{},
	}
	for _, rc := range se.s.Receivers {
		r := se.receivers[rc.Name]
		out.Receivers = append(out.Receivers, adminapi.ScenarioReceiver{Name: r.name, URL: r.url, Target: r.target, Callbacks: len(r.callbacks())})
	}
	se.mu.Lock()
	for _, h := range se.s.Setup.Hooks {
		if st := se.hooks[h.Name]; st != nil {
			out.Hooks = append(out.Hooks, adminapi.ScenarioHook{Name: st.name, Store: st.store, ID: st.id, Deleted: st.deleted})
		}
	}
	se.mu.Unlock()
	for _, r := range se.Status() {
		out.Steps = append(out.Steps, toStep(r))
	}
	return out
}

// nextStep is n, or nil (null) when every step has run.
func nextStep(n int) *int {
	if n == 0 {
		return nil
	}
	return &n
}

func toPosition(p Position) adminapi.Position {
	return adminapi.Position{File: p.File, Line: p.Line, Column: p.Column}
}

func toStep(r StepResult) adminapi.Step {
	out := adminapi.Step{Number: r.Number, Kind: r.Kind, Path: r.Path, Position: toPosition(r.Pos),
		Summary: r.Summary, Status: string(r.Status), Done: r.Done, Report: r.Report()}
	if r.Status == StepPassed || r.Status == StepFailed {
		ms := float64(r.Duration) / float64(time.Millisecond)
		out.DurationMS = &ms
	}
	if r.Err != nil {
		out.Error = r.Err.Error()
	}
	for _, f := range r.Failures {
		fj := adminapi.StepFailure{Path: f.Path, Position: toPosition(f.Pos), Subject: f.Subject, Note: f.Note, More: f.MoreDeliveries, Mismatches: []adminapi.Mismatch{}}
		for _, m := range f.Mismatches {
			fj.Mismatches = append(fj.Mismatches, adminapi.Mismatch(m))
		}
		for _, d := range f.Deliveries {
			dj := adminapi.SeenDelivery{ID: d.ID, Scope: d.Scope, Hook: d.Hook, Destination: d.Destination, Status: d.Status, LastError: d.LastError, Attempts: []adminapi.SeenAttempt{}}
			for _, a := range d.Attempts {
				dj.Attempts = append(dj.Attempts, adminapi.SeenAttempt{Number: a.Number, OffsetSeconds: a.Offset.Seconds(), Status: a.Status, Outcome: a.Outcome, Error: a.Error})
			}
			fj.Deliveries = append(fj.Deliveries, dj)
		}
		out.Failures = append(out.Failures, fj)
	}
	return out
}
