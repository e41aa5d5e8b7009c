package webhook

import (
	"context"
	"log/slog"
	"net/http"
	"slices"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Observer hears what the engine does, as it happens: the mock's metrics
// implement it. The engine calls it synchronously, sometimes under its own
// lock, so an implementation must be fast, must not block and must not
// call back into the engine (counters and histograms of a metrics library
// are). A small interface instead of a metrics library keeps the engine
// free of one: it knows what happened, not how it is counted.
type Observer interface {
	// EventRaised: an event was recorded (raised by a caller or by the
	// engine itself), in the concrete scope.
	EventRaised(scope string)
	// Attempted: one HTTP attempt ended with outcome (success or failure)
	// after the real time d.
	Attempted(outcome bigcommerce.Outcome, d time.Duration)
	// DeliveryFinished: a delivery left pending as delivered, failed or
	// cancelled.
	DeliveryFinished(outcome bigcommerce.Outcome)
	// HookDeactivated: a hook was switched off after its last attempt failed.
	HookDeactivated()
}

// WithObserver makes the engine report to o (default: nobody). Nil is
// ignored.
func WithObserver(o Observer) Option {
	return func(c *config) {
		if o != nil {
			c.observer = o
		}
	}
}

// quiet is the Observer of an engine without WithObserver.
type quiet struct{}

func (quiet) EventRaised(string)                           {}
func (quiet) Attempted(bigcommerce.Outcome, time.Duration) {}
func (quiet) DeliveryFinished(bigcommerce.Outcome)         {}
func (quiet) HookDeactivated()                             {}

// AttemptLogMessage is the message of the log line every attempt writes at
// info level, so that a CI log search for it finds every attempt.
const AttemptLogMessage = "webhook attempt"

// observeAttempt reports one attempt to the observer and logs it: one line
// per attempt with everything needed to find it again in the control API.
func (e *Engine) observeAttempt(ctx context.Context, r *result) {
	if r.kind == resultSent {
		e.cfg.observer.Attempted(r.rec.Outcome, time.Duration(r.rec.DurationMS*float64(time.Millisecond)))
	}
	if !e.log.Enabled(ctx, slog.LevelInfo) {
		return
	}
	outcome := string(r.rec.Outcome)
	switch r.kind {
	case resultAborted:
		outcome = "aborted"
	case resultCancelled:
		outcome = "cancelled"
	}
	d := r.d
	e.log.LogAttrs(ctx, slog.LevelInfo, AttemptLogMessage,
		slog.String("store", d.target.StoreHash), slog.Int("hook", d.target.HookID),
		slog.Int64("delivery", d.id), slog.Int64("event", d.event.ID),
		slog.String("scope", d.event.Scope), slog.Int("attempt", r.number),
		slog.String("destination", d.target.Destination),
		slog.Int("status", r.rec.ResponseStatus), slog.String("outcome", outcome),
		slog.Float64("duration_ms", r.rec.DurationMS), slog.String("error", r.rec.Error))
}

// responseHeaderCap bounds the receiver's headers kept per attempt, names
// and values together: a receiver cannot grow the attempt log with them.
const responseHeaderCap = 1 << 10

// keepResponseHeaders records the receiver's headers in rec, in name
// order, up to responseHeaderCap bytes; a header that does not fit is left
// out and marks rec truncated.
func keepResponseHeaders(h http.Header, rec *AttemptRecord) {
	if len(h) == 0 {
		return
	}
	names := make([]string, 0, len(h))
	for k := range h {
		names = append(names, k)
	}
	slices.Sort(names)
	rec.ResponseHeaders = make(map[string]string, len(names))
	left := responseHeaderCap
	for _, k := range names {
		v := h.Get(k)
		if len(k)+len(v) > left {
			rec.Truncated = true
			continue
		}
		left -= len(k) + len(v)
		rec.ResponseHeaders[k] = v
	}
}

// Schedule returns the retry ladder the engine follows.
func (e *Engine) Schedule() bigcommerce.Schedule { return slices.Clone(e.cfg.schedule) }

// BlockedCount counts the destination domains blocked now, in every client.
func (e *Engine) BlockedCount() int {
	e.mu.Lock()
	defer e.mu.Unlock()
	now, n := e.cfg.clock.Now(), 0
	for _, b := range e.state.blocks {
		if now.Before(b.until) {
			n++
		}
	}
	return n
}

// StoreHashes lists the stores the engine holds records of, sorted.
func (e *Engine) StoreHashes() []string {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := make([]string, 0, len(e.state.stores))
	for h := range e.state.stores {
		out = append(out, h)
	}
	slices.Sort(out)
	return out
}
