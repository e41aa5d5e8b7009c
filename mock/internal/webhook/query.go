package webhook

import (
	"cmp"
	"container/heap"
	"maps"
	"slices"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Page selects part of a query's matches, in id order: Offset skips that
// many, Limit returns at most that many (zero or less: all).
type Page struct {
	Offset int
	Limit  int
}

// Events returns the kept events that match f, oldest first. The records
// are copies.
func (e *Engine) Events(f Filter) []EventRecord {
	out, _ := e.EventsPage(f, Page{})
	return out
}

// EventsPage returns page p of the kept events that match f, oldest first,
// and how many match in all. It copies only the page. The records are
// copies.
func (e *Engine) EventsPage(f Filter, p Page) ([]EventRecord, int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c := chainOf(&e.state, f, eventsOf, &e.state.events)
	var match func(**EventRecord) bool
	if f.HookID != 0 || f.Scope != "" || f.EventID != 0 {
		match = func(ev **EventRecord) bool { return f.matchEvent(*ev) }
	}
	nodes := c.all()
	if f.EventID != 0 {
		nodes = byID(nodes, f.EventID, func(r **EventRecord) int64 { return (*r).ID })
	}
	return pageOf(nodes, match, p, func(ev **EventRecord) EventRecord {
		c := **ev
		c.HookIDs = slices.Clone(c.HookIDs)
		return c
	})
}

// Deliveries returns the kept deliveries that match f, oldest first,
// pending ones included. The records are copies.
func (e *Engine) Deliveries(f Filter) []DeliveryRecord {
	out, _ := e.DeliveriesPage(f, Page{})
	return out
}

// DeliveriesPage returns page p of the kept deliveries that match f,
// oldest first, and how many match in all. It copies only the page.
func (e *Engine) DeliveriesPage(f Filter, p Page) ([]DeliveryRecord, int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c := chainOf(&e.state, f, deliveriesOf, &e.state.deliveries)
	var match func(**delivery) bool
	if f.Scope != "" || f.EventID != 0 || f.DeliveryID != 0 || f.HookID != 0 || f.Outcome != "" {
		match = func(d **delivery) bool { return f.matchDelivery(*d) }
	}
	nodes := c.all()
	if f.DeliveryID != 0 {
		nodes = byID(nodes, f.DeliveryID, func(d **delivery) int64 { return (*d).id })
	}
	return pageOf(nodes, match, p, func(d **delivery) DeliveryRecord { return (*d).record() })
}

// Attempts returns the kept attempt records that match f, oldest first.
// The records are copies.
func (e *Engine) Attempts(f Filter) []AttemptRecord {
	out, _ := e.AttemptsPage(f, Page{})
	return out
}

// AttemptsPage returns page p of the kept attempt records that match f,
// oldest first, and how many match in all. It copies only the page.
func (e *Engine) AttemptsPage(f Filter, p Page) ([]AttemptRecord, int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c := chainOf(&e.state, f, attemptsOf, &e.state.attempts)
	var match func(*AttemptRecord) bool
	if f.Scope != "" || f.EventID != 0 || f.DeliveryID != 0 || f.HookID != 0 || f.Outcome != "" {
		match = f.matchAttempt
	}
	return pageOf(c.all(), match, p, func(a *AttemptRecord) AttemptRecord {
		c := *a
		c.Request.Headers = maps.Clone(a.Request.Headers)
		if a.NextAttemptAt != nil {
			next := *a.NextAttemptAt
			c.NextAttemptAt = &next
		}
		return c
	})
}

// Notifications returns what BigCommerce would have emailed, matching f,
// oldest first. The records are copies.
func (e *Engine) Notifications(f Filter) []Notification {
	out, _ := e.NotificationsPage(f, Page{})
	return out
}

// NotificationsPage returns page p of the kept notifications that match
// f, oldest first, and how many match in all. It copies only the page.
func (e *Engine) NotificationsPage(f Filter, p Page) ([]Notification, int) {
	e.mu.Lock()
	defer e.mu.Unlock()
	c := chainOf(&e.state, f, notificationsOf, &e.state.notifications)
	var match func(*Notification) bool
	if f.HookID != 0 || f.Kind != "" {
		match = f.matchNotification
	}
	return pageOf(c.all(), match, p, func(n *Notification) Notification {
		c := *n
		c.Emails = slices.Clone(n.Emails)
		if n.Until != nil {
			until := *n.Until
			c.Until = &until
		}
		return c
	})
}

// chainOf returns the chain a filter reads: the store's (mine picks it)
// or, for no store, all.
func chainOf[T any](s *state, f Filter, mine func(*storeState) *chain[T], all *chain[T]) *chain[T] {
	if f.StoreHash == "" {
		return all
	}
	if st := s.stores[f.StoreHash]; st != nil {
		return mine(st)
	}
	return &chain[T]{}
}

// pageOf copies page p of the nodes that match (every node when match is
// nil) with out, and counts the matches.
func pageOf[T, R any](nodes []*node[T], match func(*T) bool, p Page, out func(*T) R) ([]R, int) {
	from := min(max(p.Offset, 0), len(nodes))
	if match == nil {
		to := len(nodes)
		if p.Limit > 0 {
			to = from + min(p.Limit, len(nodes)-from)
		}
		res := make([]R, 0, to-from)
		for _, n := range nodes[from:to] {
			res = append(res, out(&n.rec))
		}
		return res, len(nodes)
	}
	res, total := []R{}, 0
	for _, n := range nodes {
		if !match(&n.rec) {
			continue
		}
		if total >= p.Offset && (p.Limit <= 0 || len(res) < p.Limit) {
			res = append(res, out(&n.rec))
		}
		total++
	}
	return res, total
}

// byID returns the one node of nodes (in id order) with the given id, or
// none.
func byID[T any](nodes []*node[T], id int64, idOf func(*T) int64) []*node[T] {
	i, ok := slices.BinarySearchFunc(nodes, id, func(n *node[T], id int64) int { return cmp.Compare(idOf(&n.rec), id) })
	if !ok {
		return nil
	}
	return nodes[i : i+1]
}

// Stats counts the records the engine holds for a store, or for all stores
// together when storeHash is "".
func (e *Engine) Stats(storeHash string) Stats {
	e.mu.Lock()
	defer e.mu.Unlock()
	s := &e.state
	if storeHash == "" {
		out := statsOf(&s.events, &s.deliveries, &s.attempts, &s.notifications, &s.done)
		for _, st := range s.stores {
			out.PendingKept += st.pendingKept
		}
		return out
	}
	st := s.stores[storeHash]
	if st == nil {
		return Stats{}
	}
	out := statsOf(&st.events, &st.deliveries, &st.attempts, &st.notifications, &st.done)
	out.PendingKept = st.pendingKept
	return out
}

// statsOf counts what one set of logs holds and dropped.
func statsOf(ev *chain[*EventRecord], ds *chain[*delivery], at *chain[AttemptRecord], ns *chain[Notification], done *doneHeap) Stats {
	return Stats{
		Events: ev.live, Deliveries: ds.live, Attempts: at.live, Notifications: ns.live,
		Pending:       ds.live - done.Len(),
		EventsDropped: ev.dropped, DeliveriesDropped: ds.dropped, AttemptsDropped: at.dropped,
		NotificationsDropped: ns.dropped,
	}
}

// Reset forgets one store: its events, deliveries (pending ones are
// dropped, never attempted), attempts, notifications, drop counts and 90001
// rate limits. Blocks are per client, not per store, and survive; ResetAll
// clears them. Attempts in flight finish but are not recorded.
func (e *Engine) Reset(storeHash string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	st := e.state.stores[storeHash]
	if st == nil {
		return
	}
	for _, n := range st.deliveries.all() {
		d := n.rec
		if d.index >= 0 {
			heap.Remove(&e.state.queue, d.index)
		}
		delete(e.state.byID, d.id)
	}
	for _, d := range st.done.ds {
		e.state.done.remove(d)
	}
	forgetStore(&st.events, &e.state.events)
	forgetStore(&st.deliveries, &e.state.deliveries)
	forgetStore(&st.attempts, &e.state.attempts)
	forgetStore(&st.notifications, &e.state.notifications)
	delete(e.state.stores, storeHash)
	e.state.faults.forgetStore(storeHash)
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

// record returns d as an exported record.
func (d *delivery) record() DeliveryRecord {
	r := DeliveryRecord{
		ID: d.id, EventID: d.event.ID, StoreHash: d.target.StoreHash, HookID: d.target.HookID,
		ClientID: d.target.ClientID, Scope: d.event.Scope, Destination: d.target.Destination,
		MessageID: d.msgID, Status: d.status, Attempts: d.attempts, Postponements: d.postponed,
		CreatedAt: d.event.RaisedAt, LastError: d.lastError, Warning: d.warning,
		Fault: d.faultLabel(), HeldBehind: d.heldBehind(),
	}
	switch {
	case d.status == bigcommerce.OutcomePending && r.HeldBehind != 0: // due when released
	case d.status == bigcommerce.OutcomePending:
		due := d.due
		r.NextAttemptAt = &due
	default:
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
