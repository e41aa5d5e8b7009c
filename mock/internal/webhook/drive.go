package webhook

import (
	"cmp"
	"container/heap"
	"context"
	"fmt"
	"slices"
	"time"
)

// driver is one caller driving the engine, a DeliverDue call or Run. The
// attempts it claims are counted against it and run under its context,
// which ends with the caller's or when Shutdown's deadline aborts attempts.
type driver struct {
	ctx      context.Context
	pending  int        // claimed attempts not settled (ready, in flight, or effects running)
	sent     int        // HTTP attempts made
	deferred []deferred // fake mode: effects held until pending reaches zero
	stop     func()
}

// deferred is the effects of one attempt, held in fake mode so that an
// instant's effects run in claim order.
type deferred struct {
	seq     uint64
	effects []func()
}

// newDriver returns a driver for ctx. When its context ends, the attempts
// it claimed that have not started go back to the queue. The caller must
// call retire.
func (e *Engine) newDriver(ctx context.Context) *driver {
	ctx, cancel := context.WithCancel(ctx)
	stopBase := context.AfterFunc(e.base, cancel)
	drv := &driver{ctx: ctx}
	stopRelease := context.AfterFunc(ctx, func() {
		e.mu.Lock()
		defer e.mu.Unlock()
		e.releaseLocked(func(j *job) bool { return j.drv == drv })
	})
	drv.stop = func() {
		stopRelease()
		stopBase()
		cancel()
	}
	return drv
}

// retire waits until everything drv claimed has settled, then frees it.
func (e *Engine) retire(drv *driver) {
	e.mu.Lock()
	for {
		if e.flushLocked(drv) {
			continue
		}
		if drv.pending == 0 {
			break
		}
		e.changed.Wait()
	}
	e.mu.Unlock()
	drv.stop()
}

// DeliverDue performs every attempt due at or before the clock's now and
// waits for them, at most WithConcurrency at once and
// WithDestinationConcurrency per destination. Each attempt is recorded, and
// its next attempt scheduled, the moment it ends; DeliverDue also
// deactivates, notifies and raises deliveryException events as needed.
// deliveryException deliveries that this creates are due now, so DeliverDue
// performs them too before it returns. Each attempt is claimed under the
// engine's lock, so concurrent callers never send the same attempt twice.
// It returns how many attempts it sent; after Shutdown it sends none. When
// ctx ends, the attempts it claimed are aborted or put back, due as before.
func (e *Engine) DeliverDue(ctx context.Context) int {
	drv := e.newDriver(ctx)
	defer e.retire(drv)
	e.mu.Lock()
	defer e.mu.Unlock()
	for {
		if drv.ctx.Err() == nil && !e.closing {
			if effects := e.claimLocked(drv); len(effects) > 0 {
				e.mu.Unlock()
				runEffects(effects)
				e.mu.Lock()
				continue
			}
		}
		if e.flushLocked(drv) {
			continue
		}
		if drv.pending == 0 {
			return drv.sent
		}
		e.changed.Wait()
	}
}

// Run drives the engine in real time until ctx ends or Shutdown is called:
// it starts what is due, then waits on a timer until the next due instant
// or a wake-up (Raise, Wake, a retry scheduled earlier than the timer). It
// never waits for attempts in flight: each one is recorded and its retry
// scheduled when it ends, and work that falls due meanwhile starts at once,
// within WithConcurrency and WithDestinationConcurrency. Run is the only
// code that waits on wall time. With a settable (fake) clock it never sets a
// timer: whenever it is woken it starts what is due at the fake now, and
// AdvanceTo moves time. Run returns nil after Shutdown and ctx's error when
// ctx ends, once the attempts it started have finished.
func (e *Engine) Run(ctx context.Context) error {
	drv := e.newDriver(ctx)
	defer e.retire(drv)
	var timer *time.Timer
	if e.setter == nil {
		timer = time.NewTimer(time.Hour)
		defer timer.Stop()
	}
	for {
		e.mu.Lock()
		var effects []func()
		if drv.ctx.Err() == nil && !e.closing {
			effects = e.claimLocked(drv)
		}
		next, ok := e.armLocked()
		e.mu.Unlock()
		if len(effects) > 0 {
			runEffects(effects)
			continue
		}
		var fire <-chan time.Time
		if timer != nil && ok {
			timer.Reset(max(0, next.Sub(e.cfg.clock.Now())))
			fire = timer.C
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-e.stopped:
			return nil
		case <-e.wake:
		case <-fire:
		}
	}
}

// farFuture stands for "Run looks at the queue only when woken".
var farFuture = time.Unix(1<<40, 0)

// armLocked notes when Run will next look at the queue on its own (the
// earliest due time, or never) and returns that due time.
func (e *Engine) armLocked() (time.Time, bool) {
	if len(e.state.queue) == 0 {
		e.runNext = farFuture
		return time.Time{}, false
	}
	e.runNext = e.state.queue[0].due
	return e.runNext, true
}

// queueLocked puts d in the due queue and wakes Run if d is due before Run
// would look again.
func (e *Engine) queueLocked(d *delivery) {
	heap.Push(&e.state.queue, d)
	if e.runNext.IsZero() || d.due.Before(e.runNext) {
		e.runNext = d.due
		e.Wake()
	}
}

// AdvanceTo moves a fake clock to t the way time would have passed: it sets
// the clock to each due instant up to t in turn and delivers what is due
// there, so every attempt happens at its exact scheduled instant; then it
// sets the clock to t. It first waits for attempts already claimed (by Run
// or DeliverDue) so that the retries they schedule are not skipped. It
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

// waitIdle blocks until no claimed attempt is left: none ready, none in
// flight.
func (e *Engine) waitIdle() {
	e.mu.Lock()
	for e.fair.busy() > 0 {
		e.changed.Wait()
	}
	e.mu.Unlock()
}

// Shutdown stops the engine taking new work: Raise fails with
// ErrShuttingDown, Run returns, DeliverDue and AdvanceTo start nothing new,
// and claimed attempts that have not started go back to the queue. Attempts
// in flight may finish until ctx ends; then they are aborted, and an
// aborted attempt does not count: its delivery stays pending with the same
// due time. Every raised event and its deliveries stay listed. Shutdown
// returns ctx's error if it had to abort attempts. Calling it again is safe.
func (e *Engine) Shutdown(ctx context.Context) error {
	e.mu.Lock()
	first := !e.closing
	e.closing = true
	e.releaseLocked(func(*job) bool { return true })
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
	}
	e.mu.Lock()
	inFlight := e.fair.busy()
	e.mu.Unlock()
	e.cancel()
	<-done
	if inFlight == 0 { // the budget ran out, but nothing was in flight: nothing lost
		return nil
	}
	return fmt.Errorf("shut down webhook engine: %d attempts in flight were abandoned and stay pending: %w", inFlight, ctx.Err())
}

// releaseLocked puts the ready attempts that drop selects back in the due
// queue, as if never claimed.
func (e *Engine) releaseLocked(drop func(*job) bool) {
	jobs := e.fair.remove(drop)
	for _, j := range jobs {
		if e.state.byID[j.d.id] == j.d && j.d.index < 0 {
			e.queueLocked(j.d)
		}
		j.drv.pending--
	}
	if len(jobs) > 0 {
		e.changed.Broadcast()
	}
}

// settleLocked finishes job j of its driver. In real mode it runs effects
// now. In fake mode it holds them until the driver's last claimed attempt
// settles and then runs them all in claim order, so that an instant's
// deliveryException events, deactivations and e-mails come out the same on
// every run. It is called and returns with the lock held.
func (e *Engine) settleLocked(j job, effects []func()) {
	drv := j.drv
	if e.setter != nil && len(effects) > 0 {
		drv.deferred = append(drv.deferred, deferred{seq: j.seq, effects: effects})
		effects = nil
	}
	for {
		if drv.pending == 1 {
			effects = append(effects, drv.takeDeferred()...)
		}
		if len(effects) == 0 {
			break
		}
		e.mu.Unlock()
		runEffects(effects)
		e.mu.Lock()
		effects = nil
	}
	drv.pending--
	e.changed.Broadcast()
}

// flushLocked runs the effects drv still holds once nothing it claimed is
// pending (after attempts were put back). It reports whether it ran any.
func (e *Engine) flushLocked(drv *driver) bool {
	if drv.pending > 0 || len(drv.deferred) == 0 {
		return false
	}
	effects := drv.takeDeferred()
	e.mu.Unlock()
	runEffects(effects)
	e.mu.Lock()
	return true
}

// takeDeferred returns and forgets the held effects, in claim order.
func (drv *driver) takeDeferred() []func() {
	if len(drv.deferred) == 0 {
		return nil
	}
	out := flatten(drv.deferred)
	drv.deferred = nil
	return out
}

// flatten returns the held effects in claim order.
func flatten(held []deferred) []func() {
	slices.SortFunc(held, func(a, b deferred) int { return cmp.Compare(a.seq, b.seq) })
	var out []func()
	for _, h := range held {
		out = append(out, h.effects...)
	}
	return out
}
