package webhook

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// Run drives the engine in real time until ctx ends or Shutdown is called:
// it starts what is due, then waits on a timer until the next due instant
// or a wake-up (Raise, Wake, a finished round). Rounds run in the
// background, so a slow receiver never holds up attempts that fall due
// meanwhile; WithConcurrency still bounds the attempts in flight. Run is the
// only code that waits on wall time. With a settable (fake) clock it never
// sets a timer: whenever it is woken it starts what is due at the fake now,
// and AdvanceTo moves time. Run returns nil after Shutdown and ctx's error
// when ctx ends, once the rounds it started have finished.
func (e *Engine) Run(ctx context.Context) error {
	var rounds sync.WaitGroup
	defer rounds.Wait()
	for {
		e.startRound(ctx, &rounds)
		timer := e.timerToNextDue()
		select {
		case <-ctx.Done():
			stopTimer(timer)
			return ctx.Err()
		case <-e.stopped:
			stopTimer(timer)
			return nil
		case <-e.wake:
		case <-timerChan(timer):
		}
		stopTimer(timer)
	}
}

// startRound claims what is due now and processes it in the background,
// waking Run when done so that it re-arms its timer for the retries the
// round scheduled and starts the exceptions it raised.
func (e *Engine) startRound(ctx context.Context, rounds *sync.WaitGroup) {
	jobs, effects, claimed := e.claim()
	if !claimed {
		return
	}
	rounds.Go(func() {
		defer e.Wake()
		e.process(ctx, jobs, effects)
	})
}

// timerToNextDue returns a timer firing when the next attempt is due, or nil
// in fake mode or when nothing is pending.
func (e *Engine) timerToNextDue() *time.Timer {
	if e.setter != nil {
		return nil
	}
	next, ok := e.NextDue()
	if !ok {
		return nil
	}
	return time.NewTimer(max(0, next.Sub(e.cfg.clock.Now())))
}

// timerChan returns t's channel, or nil (blocks forever) for a nil timer.
func timerChan(t *time.Timer) <-chan time.Time {
	if t == nil {
		return nil
	}
	return t.C
}

// stopTimer stops t if there is one.
func stopTimer(t *time.Timer) {
	if t != nil {
		t.Stop()
	}
}

// AdvanceTo moves a fake clock to t the way time would have passed: it sets
// the clock to each due instant up to t in turn and delivers what is due
// there, so every attempt happens at its exact scheduled instant; then it
// sets the clock to t. It first waits for attempts already in flight (from
// Run or DeliverDue) so that the retries they schedule are not skipped. It
// never moves the clock backwards. It fails with ErrClockNotSettable in real
// mode, ErrShuttingDown after Shutdown, or ctx's error.
func (e *Engine) AdvanceTo(ctx context.Context, t time.Time) error {
	if e.setter == nil {
		return fmt.Errorf("advance clock: %w", ErrClockNotSettable)
	}
	for {
		if err := e.advanceCheck(ctx); err != nil {
			return err
		}
		e.waitIdle()
		next, ok := e.NextDue()
		if !ok || next.After(t) {
			break
		}
		if next.After(e.cfg.clock.Now()) {
			e.setter.Set(next)
		}
		e.DeliverDue(ctx)
	}
	if t.After(e.cfg.clock.Now()) {
		e.setter.Set(t)
	}
	return nil
}

// advanceCheck returns why AdvanceTo must stop, if it must.
func (e *Engine) advanceCheck(ctx context.Context) error {
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("advance clock: %w", err)
	}
	if e.isClosing() {
		return fmt.Errorf("advance clock: %w", ErrShuttingDown)
	}
	return nil
}

// waitIdle blocks until no DeliverDue round is in flight.
func (e *Engine) waitIdle() {
	e.mu.Lock()
	for e.rounds > 0 {
		e.idle.Wait()
	}
	e.mu.Unlock()
}

// Shutdown stops the engine taking new work: Raise fails with
// ErrShuttingDown, Run returns, DeliverDue and AdvanceTo start nothing new.
// Attempts in flight may finish until ctx ends; then they are aborted, and an
// aborted attempt does not count: its delivery stays pending with the same
// due time. Every raised event and its deliveries stay listed. Shutdown
// returns ctx's error if it had to abort attempts. Calling it again is safe.
func (e *Engine) Shutdown(ctx context.Context) error {
	e.mu.Lock()
	first := !e.closing
	e.closing = true
	e.mu.Unlock()
	if first {
		close(e.stopped)
	}
	done := make(chan struct{})
	go func() {
		e.waitIdle()
		close(done)
	}()
	select {
	case <-done:
		e.cancel()
		return nil
	case <-ctx.Done():
		e.cancel()
		<-done
		return fmt.Errorf("shut down webhook engine: %w", ctx.Err())
	}
}
