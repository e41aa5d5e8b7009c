package webhook

import (
	"slices"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// applyLocked records the result of one attempt the moment it ended and
// returns the side effects to run outside the lock. Results for deliveries
// removed by Reset are dropped. A delivery that leaves pending joins the
// finished ones the log caps may drop; that is an effect too, so that under
// the fake clock an instant's deliveries join in claim order and a cap
// drops the same ones on every run.
func (e *Engine) applyLocked(r *result) []func() {
	if r.kind == resultSent {
		r.drv.sent++
	}
	if e.state.byID[r.d.id] != r.d {
		return nil
	}
	var effects []func()
	switch r.kind {
	case resultAborted:
		r.d.lastError = "attempt aborted before it completed; it will be made again"
		e.queueLocked(r.d)
	case resultCancelled:
		r.d.status, r.d.completed = bigcommerce.OutcomeCancelled, e.cfg.clock.Now()
		r.d.lastError = "hook is gone or inactive"
	case resultSent:
		effects = e.applySentLocked(r, nil)
	}
	e.releaseFollowersLocked(r)
	if d := r.d; d.status != bigcommerce.OutcomePending {
		e.cfg.observer.DeliveryFinished(d.status)
		effects = append(effects, func() {
			e.mu.Lock()
			defer e.mu.Unlock()
			e.finishedLocked(d)
		})
	}
	return effects
}

// applySentLocked records one HTTP attempt, moves its delivery on, feeds the
// blocklist, and adds the side effects it calls for.
func (e *Engine) applySentLocked(r *result, effects []func()) []func() {
	d, rec := r.d, &r.rec
	d.attempts = r.number
	e.state.lastID.attempt++
	rec.ID = e.state.lastID.attempt
	switch {
	case r.ok:
		d.status, d.completed, d.lastError = bigcommerce.OutcomeDelivered, rec.At, ""
	default:
		d.lastError = rec.Error
		effects = e.failedLocked(d, rec, effects)
	}
	e.keepAttemptLocked(*rec)
	if d.forgery() != "" {
		return effects // not BigCommerce's: no blocklist sample
	}
	if b := e.sampleLocked(d, rec.At, r.ok, r.reason); b != nil && !d.exception {
		b.notified[d.target.StoreHash] = true
		effects = append(effects, e.blockNotice(d.target, b, rec.At))
	}
	return effects
}

// failedLocked schedules the next attempt of a failed delivery, or ends it,
// and adds the matching exception, deactivation and notification effects.
func (e *Engine) failedLocked(d *delivery, rec *AttemptRecord, effects []func()) []func() {
	t, at := d.target, rec.At
	if e.forgedEndLocked(d, at) {
		return effects
	}
	if delay, ok := e.cfg.schedule.Delay(d.attempts); ok {
		d.due = e.cfg.clock.Now().Add(delay) // from the attempt's end
		next := d.due
		rec.NextAttemptAt = &next
		e.queueLocked(d)
		if d.exception {
			return effects
		}
		msg := bigcommerce.WillRetryMessage(t.Destination, rec.Error, next)
		return append(effects, func() { e.raiseException(t, bigcommerce.CodeWillRetry, msg, at) })
	}
	d.status, d.completed = bigcommerce.OutcomeFailed, at
	exception, n := d.exception, d.attempts
	return append(effects, func() { e.exhausted(t, n, exception, at) })
}

// exhausted deactivates a hook whose last attempt failed, raises its 90002
// (unless it is the exception hook itself) and records the email, once per
// hook even when several of its deliveries run out at the same instant.
func (e *Engine) exhausted(t Target, attempts int, exception bool, at time.Time) {
	if !e.dir.Deactivate(t.StoreHash, t.HookID) {
		return // another delivery of the hook ran out first: one notice is enough
	}
	e.cfg.observer.HookDeactivated()
	msg := bigcommerce.DeactivatedMessage(attempts, t.Destination, t.HookID)
	e.log.Info("deactivate hook", "store", t.StoreHash, "hook", t.HookID, "destination", t.Destination)
	if !exception {
		e.raiseException(t, bigcommerce.CodeDeactivated, msg, at)
	}
	e.notify(Notification{
		Kind: NotifyHookDeactivated, StoreHash: t.StoreHash, ClientID: t.ClientID,
		HookID: t.HookID, Destination: t.Destination, At: at, Message: msg,
	})
}

// blockNotice returns the effect announcing block b to t's store: a 90003
// to the account's exception hook and a domain_blocked email.
func (e *Engine) blockNotice(t Target, b *block, at time.Time) func() {
	origin, until := b.origin, b.until
	return func() {
		msg := bigcommerce.DomainBlockedMessage(origin, until)
		e.log.Info("block domain", "client", t.ClientID, "destination", origin, "until", until)
		e.raiseException(t, bigcommerce.CodeDomainBlocked, msg, at)
		e.notify(Notification{
			Kind: NotifyDomainBlocked, StoreHash: t.StoreHash, ClientID: t.ClientID, HookID: t.HookID,
			Destination: origin, At: at, Until: &until, Message: msg,
		})
	}
}

// raiseException raises a store/hook/deliveryException event about hook t
// to its account's exception hook, if there is one, due now. 90001 is
// limited to one per destination per 10 minutes.
func (e *Engine) raiseException(t Target, code bigcommerce.ExceptionCode, msg string, at time.Time) {
	if e.envelope == nil {
		return
	}
	xt, ok := e.dir.ExceptionTarget(t.StoreHash, t.ClientID)
	if !ok || !e.activeSince(xt, at) {
		return
	}
	if code == bigcommerce.CodeWillRetry && !e.allowRetryNotice(t, at) {
		return
	}
	data := ExceptionData{Type: "webhook", ID: t.HookID, ErrorCode: code, Message: msg}
	body, hash, err := e.envelope(t.StoreHash, bigcommerce.DeliveryException, data, at)
	if err != nil {
		e.log.Error("build deliveryException envelope", "store", t.StoreHash, "hook", t.HookID, "err", err)
		return
	}
	ev := Event{StoreHash: t.StoreHash, Scope: bigcommerce.DeliveryException, Body: body, Hash: hash, CreatedAt: at}
	e.mu.Lock()
	e.recordLocked(ev, []Target{xt}, e.cfg.clock.Now(), SourceEngine)
	e.mu.Unlock()
	e.Wake()
}

// allowRetryNotice reports whether a 90001 about t's destination may go out
// at at, and if so remembers that it did.
func (e *Engine) allowRetryNotice(t Target, at time.Time) bool {
	k := noteKey{t.StoreHash, t.ClientID, t.Destination}
	e.mu.Lock()
	defer e.mu.Unlock()
	if last, ok := e.state.retryNotes[k]; ok && at.Sub(last) < bigcommerce.RetryNoticeEvery {
		return false
	}
	e.state.retryNotes[k] = at
	return true
}

// notify records what BigCommerce would have emailed, to the account's
// addresses.
func (e *Engine) notify(n Notification) {
	n.Emails = slices.Clone(e.dir.Emails(n.StoreHash, n.ClientID))
	if n.Emails == nil {
		n.Emails = []string{}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.state.lastID.notification++
	n.ID = e.state.lastID.notification
	e.keepNotificationLocked(n)
}
