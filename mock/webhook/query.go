package webhook

import (
	"cmp"
	"container/heap"
	"maps"
	"slices"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Events returns the recorded events that match f, oldest first. The
// records are copies.
func (e *Engine) Events(f Filter) []EventRecord {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := []EventRecord{}
	for _, st := range e.storesLocked(f.StoreHash) {
		for _, ev := range st.events {
			if f.matchEvent(ev) {
				c := *ev
				c.HookIDs = slices.Clone(ev.HookIDs)
				out = append(out, c)
			}
		}
	}
	slices.SortFunc(out, func(a, b EventRecord) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Deliveries returns the deliveries that match f, oldest first, pending
// ones included. The records are copies.
func (e *Engine) Deliveries(f Filter) []DeliveryRecord {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := []DeliveryRecord{}
	for _, st := range e.storesLocked(f.StoreHash) {
		for _, d := range st.deliveries {
			if f.matchDelivery(d) {
				out = append(out, d.record())
			}
		}
	}
	slices.SortFunc(out, func(a, b DeliveryRecord) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Attempts returns the kept attempt records that match f, oldest first.
// WithAttemptLogCap bounds how many are kept per store. The records are
// copies.
func (e *Engine) Attempts(f Filter) []AttemptRecord {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := []AttemptRecord{}
	for _, st := range e.storesLocked(f.StoreHash) {
		st.attempts.each(func(a *AttemptRecord) {
			if f.matchAttempt(a) {
				c := *a
				c.Request.Headers = maps.Clone(a.Request.Headers)
				if a.NextAttemptAt != nil {
					next := *a.NextAttemptAt
					c.NextAttemptAt = &next
				}
				out = append(out, c)
			}
		})
	}
	slices.SortFunc(out, func(a, b AttemptRecord) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Notifications returns what BigCommerce would have emailed, matching f,
// oldest first. The records are copies.
func (e *Engine) Notifications(f Filter) []Notification {
	e.mu.Lock()
	defer e.mu.Unlock()
	out := []Notification{}
	for _, st := range e.storesLocked(f.StoreHash) {
		for _, n := range st.notifications {
			if f.matchNotification(&n) {
				c := n
				c.Emails = slices.Clone(n.Emails)
				if n.Until != nil {
					until := *n.Until
					c.Until = &until
				}
				out = append(out, c)
			}
		}
	}
	slices.SortFunc(out, func(a, b Notification) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Stats counts the records the engine holds for a store.
func (e *Engine) Stats(storeHash string) Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := e.state.stores[storeHash]
	if st == nil {
		return Stats{}
	}
	s := Stats{
		Events: len(st.events), Deliveries: len(st.deliveries), Attempts: st.attempts.len(),
		Notifications: len(st.notifications), AttemptsDropped: st.attempts.dropped,
	}
	for _, d := range st.deliveries {
		if d.status == bigcommerce.OutcomePending {
			s.Pending++
		}
	}
	return s
}

// Reset forgets one store: its events, deliveries (pending ones are
// dropped, never attempted), attempts, notifications and 90001 rate limits.
// Blocks are per client, not per store, and survive; ResetAll clears them.
// Attempts in flight finish but are not recorded.
func (e *Engine) Reset(storeHash string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := e.state.stores[storeHash]
	if st == nil {
		return
	}
	for _, d := range st.deliveries {
		if d.index >= 0 {
			heap.Remove(&e.state.queue, d.index)
		}
		delete(e.state.byID, d.id)
	}
	delete(e.state.stores, storeHash)
	for k := range e.state.retryNotes {
		if k.store == storeHash {
			delete(e.state.retryNotes, k)
		}
	}
}

// ResetAll forgets everything, blocks included, and restarts ids and the
// webhook-id generator as if the engine were new. Attempts in flight finish
// but are not recorded.
func (e *Engine) ResetAll() {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.state = newState(&e.cfg)
}

// storesLocked returns the stores a filter covers.
func (e *Engine) storesLocked(hash string) []*storeState {
	if hash != "" {
		if st := e.state.stores[hash]; st != nil {
			return []*storeState{st}
		}
		return nil
	}
	return slices.Collect(maps.Values(e.state.stores))
}

// record returns d as an exported record.
func (d *delivery) record() DeliveryRecord {
	r := DeliveryRecord{
		ID: d.id, EventID: d.event.ID, StoreHash: d.target.StoreHash, HookID: d.target.HookID,
		ClientID: d.target.ClientID, Scope: d.event.Scope, Destination: d.target.Destination,
		MessageID: d.msgID, Status: d.status, Attempts: d.attempts, Postponements: d.postponed,
		CreatedAt: d.event.RaisedAt, LastError: d.lastError, Warning: d.warning,
	}
	if d.status == bigcommerce.OutcomePending {
		due := d.due
		r.NextAttemptAt = &due
	} else {
		done := d.completed
		r.CompletedAt = &done
	}
	return r
}

// matchEvent reports whether ev passes f.
func (f Filter) matchEvent(ev *EventRecord) bool {
	return (f.Scope == "" || f.Scope == ev.Scope) &&
		(f.EventID == 0 || f.EventID == ev.ID) &&
		(f.HookID == 0 || slices.Contains(ev.HookIDs, f.HookID))
}

// matchDelivery reports whether d passes f.
func (f Filter) matchDelivery(d *delivery) bool {
	return (f.Scope == "" || f.Scope == d.event.Scope) &&
		(f.EventID == 0 || f.EventID == d.event.ID) &&
		(f.DeliveryID == 0 || f.DeliveryID == d.id) &&
		(f.HookID == 0 || f.HookID == d.target.HookID) &&
		(f.Outcome == "" || f.Outcome == d.status)
}

// matchAttempt reports whether a passes f.
func (f Filter) matchAttempt(a *AttemptRecord) bool {
	return (f.Scope == "" || f.Scope == a.Scope) &&
		(f.EventID == 0 || f.EventID == a.EventID) &&
		(f.DeliveryID == 0 || f.DeliveryID == a.DeliveryID) &&
		(f.HookID == 0 || f.HookID == a.HookID) &&
		(f.Outcome == "" || f.Outcome == a.Outcome)
}

// matchNotification reports whether n passes f.
func (f Filter) matchNotification(n *Notification) bool {
	return (f.HookID == 0 || f.HookID == n.HookID) &&
		(f.Kind == "" || f.Kind == n.Kind)
}
