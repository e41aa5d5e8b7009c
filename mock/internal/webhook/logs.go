package webhook

import (
	"container/heap"
	"strings"
	"unicode/utf8"
)

// The engine keeps four logs, each once per store and once for all stores:
// events, deliveries, attempts and notifications. Each record is a node
// that sits in its store's chain and in the engine-wide chain of its kind,
// both in id order. A cap on either chain drops the oldest record of that
// chain, which leaves both chains: the node is marked gone, and a chain
// sweeps gone nodes out when they reach its front or outnumber the live
// ones, so adding, dropping and reading a page all cost O(1) amortised,
// not O(log).
//
// Deliveries are the exception to "oldest out": a pending delivery is
// still due and is never dropped. The finished ones also wait in a min-heap
// by id per store and one for all stores (done), so the oldest finished
// delivery is found without walking over pending ones. A delivery points
// to its event, which a pending delivery still needs after the event log
// dropped it.

// node is one kept record.
type node[T any] struct {
	rec   T
	store *storeState
	gone  bool
}

// chain keeps nodes in id order. nodes[:head] are swept; nodes[head:] may
// hold gone nodes, live counts the others.
type chain[T any] struct {
	nodes   []*node[T]
	head    int
	live    int
	dropped int64 // records a cap dropped from this chain (Stats)
}

// push appends n, whose id is the highest yet.
func (c *chain[T]) push(n *node[T]) {
	c.nodes = append(c.nodes, n)
	c.live++
}

// forget tells the chain that one of its nodes was marked gone.
func (c *chain[T]) forget() {
	c.live--
	for c.head < len(c.nodes) && c.nodes[c.head].gone {
		c.nodes[c.head] = nil
		c.head++
	}
	if dead := len(c.nodes) - c.head - c.live; c.head > len(c.nodes)/2 || dead > c.live+64 {
		c.compact()
	}
}

// compact removes every gone node and the swept prefix, in place.
func (c *chain[T]) compact() {
	kept := 0
	for _, n := range c.nodes[c.head:] {
		if !n.gone {
			c.nodes[kept] = n
			kept++
		}
	}
	clear(c.nodes[kept:])
	c.nodes, c.head = c.nodes[:kept], 0
}

// oldest returns the oldest live node; the chain must not be empty.
func (c *chain[T]) oldest() *node[T] { return c.nodes[c.head] }

// all returns the live nodes in id order, compacting first if some are
// gone. The slice is the chain's own: read it under the engine's lock.
func (c *chain[T]) all() []*node[T] {
	if len(c.nodes)-c.head != c.live {
		c.compact()
	}
	return c.nodes[c.head:]
}

// LogCap bounds one kind of record: PerStore in each store, Total in all
// stores together. Zero or less means no bound.
type LogCap struct {
	PerStore int
	Total    int
}

// keep adds rec to store st's chain (mine picks it) and to the engine-wide
// chain all, then drops the oldest records over either cap, counting them
// in both chains.
func keep[T any](st *storeState, mine func(*storeState) *chain[T], all *chain[T], rec T, limit LogCap) *node[T] {
	n := &node[T]{rec: rec, store: st}
	own := mine(st)
	own.push(n)
	all.push(n)
	for limit.PerStore > 0 && own.live > limit.PerStore {
		dropNode(own.oldest(), mine, all)
	}
	for limit.Total > 0 && all.live > limit.Total {
		dropNode(all.oldest(), mine, all)
	}
	return n
}

// dropNode marks n gone in its store's chain and in all, and counts it.
// The record is released at once, though the node may wait in a chain
// until it is swept.
func dropNode[T any](n *node[T], mine func(*storeState) *chain[T], all *chain[T]) {
	n.gone = true
	var zero T
	n.rec = zero
	own := mine(n.store)
	own.dropped++
	own.forget()
	all.dropped++
	all.forget()
}

// forgetStore marks every node of a store's chain gone in all, without
// counting them as dropped (Reset).
func forgetStore[T any](own, all *chain[T]) {
	var zero T
	for _, n := range own.all() {
		n.gone, n.rec = true, zero
		all.forget()
	}
}

// Store choosers for keep and dropNode.
func eventsOf(st *storeState) *chain[*EventRecord]        { return &st.events }
func deliveriesOf(st *storeState) *chain[*delivery]       { return &st.deliveries }
func attemptsOf(st *storeState) *chain[AttemptRecord]     { return &st.attempts }
func notificationsOf(st *storeState) *chain[Notification] { return &st.notifications }

// doneHeap holds finished deliveries, oldest id first: one per store
// (slot 0) and one for all stores (slot 1). A delivery knows its index in
// each, so a delivery dropped through one heap leaves the other at once.
type doneHeap struct {
	ds   []*delivery
	slot int
}

var _ heap.Interface = (*doneHeap)(nil)

func (h *doneHeap) Len() int           { return len(h.ds) }
func (h *doneHeap) Less(i, j int) bool { return h.ds[i].id < h.ds[j].id }
func (h *doneHeap) Swap(i, j int) {
	h.ds[i], h.ds[j] = h.ds[j], h.ds[i]
	h.ds[i].doneAt[h.slot] = i
	h.ds[j].doneAt[h.slot] = j
}
func (h *doneHeap) Push(x any) {
	d := x.(*delivery)
	d.doneAt[h.slot] = len(h.ds)
	h.ds = append(h.ds, d)
}
func (h *doneHeap) Pop() any {
	d := h.ds[len(h.ds)-1]
	h.ds[len(h.ds)-1] = nil
	h.ds = h.ds[:len(h.ds)-1]
	d.doneAt[h.slot] = -1
	return d
}

// oldest returns the oldest finished delivery, or nil.
func (h *doneHeap) oldest() *delivery {
	if len(h.ds) == 0 {
		return nil
	}
	return h.ds[0]
}

// remove takes d out of the heap.
func (h *doneHeap) remove(d *delivery) {
	if i := d.doneAt[h.slot]; i >= 0 && i < len(h.ds) && h.ds[i] == d {
		heap.Remove(h, i)
	}
}

// keepDeliveryLocked adds a new (pending) delivery to the logs and trims
// them.
func (e *Engine) keepDeliveryLocked(st *storeState, d *delivery) {
	d.kept = keep(st, deliveriesOf, &e.state.deliveries, d, LogCap{})
	e.trimDeliveriesLocked(st)
}

// finishedLocked must be called once when a delivery leaves pending: it
// becomes one that a cap may drop.
func (e *Engine) finishedLocked(d *delivery) {
	if d.kept == nil || d.kept.gone {
		return
	}
	heap.Push(&d.kept.store.done, d)
	heap.Push(&e.state.done, d)
	e.trimDeliveriesLocked(d.kept.store)
}

// trimDeliveriesLocked drops the oldest finished deliveries over the caps.
// When only pending deliveries are left to drop, they are all kept: the
// overrun is counted in Stats.PendingKept and logged once until it ends.
func (e *Engine) trimDeliveriesLocked(st *storeState) {
	limit := e.cfg.caps.deliveries
	for limit.PerStore > 0 && st.deliveries.live > limit.PerStore {
		if !e.dropOldestDoneLocked(st.done.oldest(), st, &st.overCap, limit.PerStore) {
			break
		}
	}
	for limit.Total > 0 && e.state.deliveries.live > limit.Total {
		if !e.dropOldestDoneLocked(e.state.done.oldest(), st, &e.state.overCap, limit.Total) {
			break
		}
	}
	if st.overCap && (limit.PerStore <= 0 || st.deliveries.live <= limit.PerStore) {
		st.overCap = false
	}
	if e.state.overCap && (limit.Total <= 0 || e.state.deliveries.live <= limit.Total) {
		e.state.overCap = false
	}
}

// dropOldestDoneLocked drops d, the oldest finished delivery of a chain
// over its cap, or, when there is none (d nil), counts the overrun in st
// and logs it if *over was not yet set. It reports whether it dropped one.
func (e *Engine) dropOldestDoneLocked(d *delivery, st *storeState, over *bool, limit int) bool {
	if d == nil {
		st.pendingKept++
		if !*over {
			*over = true
			scope := "store"
			if over == &e.state.overCap {
				scope = "all stores"
			}
			e.log.Warn("delivery log cap reached with only pending deliveries left: they are still due and are kept",
				"store", st.hash, "cap", limit, "cap_of", scope)
		}
		return false
	}
	d.kept.store.done.remove(d)
	e.state.done.remove(d)
	dropNode(d.kept, deliveriesOf, &e.state.deliveries)
	delete(e.state.byID, d.id)
	return true
}

// keepAttemptLocked adds an attempt record to the logs of its store.
func (e *Engine) keepAttemptLocked(rec AttemptRecord) {
	keep(e.storeLocked(rec.StoreHash), attemptsOf, &e.state.attempts, rec, e.cfg.caps.attempts)
}

// keepNotificationLocked adds a notification to the logs of its store.
func (e *Engine) keepNotificationLocked(n Notification) {
	keep(e.storeLocked(n.StoreHash), notificationsOf, &e.state.notifications, n, e.cfg.caps.notifications)
}

// Caps on the strings a receiver supplies that an attempt record keeps.
const (
	// errorTextCap bounds an attempt's error text, which quotes the
	// receiver's status line, Location header or transport error.
	errorTextCap = 1 << 10
)

// clip returns s cut to at most n bytes at a rune boundary, and whether it
// was cut. A cut string is a copy, so the record does not keep the whole
// original alive.
func clip(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return strings.Clone(s[:n]), true
}
