package webhook

import (
	"context"
	"fmt"
	"log/slog"
	"maps"
	"math/rand/v2"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Engine delivers events to hooks, retries, deactivates, blocklists and
// records. Create one with New; it is safe for concurrent use. Someone must
// drive it: Run (real time), AdvanceTo (fake time) or DeliverDue. Call
// Shutdown when done.
type Engine struct {
	dir      Directory
	envelope EnvelopeFunc
	cfg      config
	client   *http.Client
	// transport is the default client's, used directly; nil with WithHTTPClient.
	transport http.RoundTripper
	signers   sync.Map // client secret → *bigcommerce.Signer
	setter    settable // nil in real mode
	log       *slog.Logger

	mu      sync.Mutex
	changed *sync.Cond // broadcast when a claimed attempt settles or is put back
	fair    fairQueue  // claimed attempts, ready or in flight
	seq     uint64     // claims so far, for claim order
	runNext time.Time  // when Run looks at the queue again on its own; zero if unknown
	closing bool
	state   state

	wake    chan struct{} // Raise and Wake nudge Run through it
	stopped chan struct{} // closed by Shutdown
	base    context.Context
	cancel  context.CancelFunc
}

// settable is a clock AdvanceTo can move.
type settable interface{ Set(time.Time) }

// state is everything Reset and ResetAll clear.
type state struct {
	rng        *rand.Rand
	lastID     ids
	stores     map[string]*storeState
	byID       map[int64]*delivery // the kept deliveries
	queue      dueQueue
	windows    map[domainKey]*window
	blocks     map[domainKey]*block
	retryNotes map[noteKey]time.Time
	hooks      map[hookKey]*hookMemo

	// The logs of all stores together (logs.go); each store has its own.
	events        chain[*EventRecord]
	deliveries    chain[*delivery]
	attempts      chain[AttemptRecord]
	notifications chain[Notification]
	done          doneHeap // finished deliveries of all stores (slot 1)
	overCap       bool     // the total delivery cap is overrun by pending ones
	faults        faultBook
}

// ids are the last id handed out per record type.
type ids struct{ event, delivery, attempt, notification int64 }

// noteKey is what the 90001 rate limit counts per: one destination of one
// account in one store.
type noteKey struct{ store, client, destination string }

// storeState holds one store's records (logs.go).
type storeState struct {
	hash          string
	events        chain[*EventRecord]
	deliveries    chain[*delivery]
	attempts      chain[AttemptRecord]
	notifications chain[Notification]
	done          doneHeap // finished deliveries, which a cap may drop (slot 0)
	overCap       bool     // the per-store delivery cap is overrun by pending ones
	pendingKept   int64    // times a delivery cap found only pending ones to drop
}

// delivery is the engine's mutable view of one event going to one hook.
// Fields other than the ones apply and the queue update are set once.
type delivery struct {
	id        int64
	event     *EventRecord
	target    Target
	dest      bigcommerce.Destination // parsed once; Host "" if unparsable (never blocklisted)
	warning   string                  // what production would refuse about dest
	msgID     string
	exception bool // a deliveryException delivery: never raises exceptions itself

	status    bigcommerce.Outcome
	attempts  int
	postponed int
	due       time.Time
	index     int // position in the queue, -1 when not queued
	completed time.Time
	lastError string
	kept      *node[*delivery] // its place in the logs
	doneAt    [2]int           // its index in the done heaps of its store and of all, -1 if none
	fault     *faulted         // what delivery faults did to it; nil for most (faults.go)
}

// New returns an engine that asks dir about hooks and builds its own
// deliveryException envelopes with envelope. A nil dir matches nothing; a nil
// envelope disables deliveryException events. Bad option values are ignored;
// New never fails.
func New(dir Directory, envelope EnvelopeFunc, opts ...Option) *Engine {
	cfg := defaultConfig()
	for _, o := range opts {
		if o != nil {
			o(&cfg)
		}
	}
	if dir == nil {
		dir = emptyDirectory{}
	}
	e := &Engine{
		dir:      dir,
		envelope: envelope,
		cfg:      cfg,
		client:   cfg.client,
		log:      cfg.logger,
		fair:     newFairQueue(cfg.concurrency, cfg.destConcurrency),
		wake:     make(chan struct{}, 1),
		stopped:  make(chan struct{}),
	}
	if e.client == nil {
		e.client = defaultClient(cfg.concurrency)
		e.transport = e.client.Transport
	}
	e.setter, _ = cfg.clock.(settable)
	e.changed = sync.NewCond(&e.mu)
	e.base, e.cancel = context.WithCancel(context.Background())
	e.state = newState(&cfg)
	return e
}

// newState returns empty records and a fresh id generator.
func newState(cfg *config) state {
	return state{
		rng:        cfg.newRand(),
		stores:     make(map[string]*storeState),
		byID:       make(map[int64]*delivery),
		windows:    make(map[domainKey]*window),
		blocks:     make(map[domainKey]*block),
		retryNotes: make(map[noteKey]time.Time),
		hooks:      make(map[hookKey]*hookMemo),
		done:       doneHeap{slot: 1},
	}
}

// Raise records ev, creates one pending delivery per matching hook with its
// first attempt due now, and wakes Run. It never waits for a receiver: the
// attempts happen in Run, AdvanceTo or DeliverDue. It fails with
// ErrShuttingDown after Shutdown (checked first), ErrInvalidEvent, or ctx's
// error.
func (e *Engine) Raise(ctx context.Context, ev Event) (Raised, error) {
	if err := ctx.Err(); err != nil {
		return Raised{}, fmt.Errorf("raise event: %w", err)
	}
	if e.isClosing() {
		return Raised{}, fmt.Errorf("raise event: %w", ErrShuttingDown)
	}
	if ev.StoreHash == "" || ev.Scope == "" {
		return Raised{}, fmt.Errorf("raise event: %w: store hash and scope are required", ErrInvalidEvent)
	}
	if err := CheckFaults(ev.Faults); err != nil {
		return Raised{}, fmt.Errorf("raise event: %w", err)
	}
	now := e.cfg.clock.Now()
	targets := e.ready(e.dir.Targets(ev.StoreHash, ev.Scope), now)
	e.mu.Lock()
	if e.closing {
		e.mu.Unlock()
		return Raised{}, fmt.Errorf("raise event: %w", ErrShuttingDown)
	}
	r := e.recordLocked(ev, targets, now, SourceCaller)
	e.mu.Unlock()
	e.Wake()
	return r, nil
}

// Wake tells Run to look for due work now. Raise calls it; the mock server
// should call it after anything else that may make work due (a reactivated
// hook, a moved clock). It never blocks.
func (e *Engine) Wake() {
	select {
	case e.wake <- struct{}{}:
	default:
	}
}

// ready drops the targets younger than the activation delay.
func (e *Engine) ready(targets []Target, now time.Time) []Target {
	if e.cfg.activation <= 0 {
		return targets
	}
	return slices.DeleteFunc(slices.Clone(targets), func(t Target) bool {
		return !e.activeSince(t, now)
	})
}

// activeSince reports whether t is older than the activation delay at now.
func (e *Engine) activeSince(t Target, now time.Time) bool {
	return e.cfg.activation <= 0 || t.CreatedAt.IsZero() || now.Sub(t.CreatedAt) >= e.cfg.activation
}

// recordLocked records an event and queues one delivery per target, due now.
func (e *Engine) recordLocked(ev Event, targets []Target, now time.Time, src Source) Raised {
	st := e.storeLocked(ev.StoreHash)
	e.state.lastID.event++
	rec := &EventRecord{
		ID: e.state.lastID.event, StoreHash: ev.StoreHash, Scope: ev.Scope, Hash: ev.Hash,
		CreatedAt: ev.CreatedAt, RaisedAt: now, Body: string(ev.Body), Source: src,
		HookIDs: make([]int, 0, len(targets)),
	}
	if rec.CreatedAt.IsZero() {
		rec.CreatedAt = now
	}
	keep(st, eventsOf, &e.state.events, rec, e.cfg.caps.events)
	e.cfg.observer.EventRaised(ev.Scope)
	r := Raised{EventID: rec.ID, DeliveryIDs: make([]int64, 0, len(targets))}
	for _, t := range targets {
		d := e.newDeliveryLocked(rec, t, now)
		e.keepDeliveryLocked(st, d)
		e.faultLocked(d, ev, now)
		rec.HookIDs = append(rec.HookIDs, t.HookID)
		r.DeliveryIDs = append(r.DeliveryIDs, d.id)
	}
	r.HookIDs = slices.Clone(rec.HookIDs)
	return r
}

// newDeliveryLocked creates a pending delivery due now and queues it.
func (e *Engine) newDeliveryLocked(ev *EventRecord, t Target, now time.Time) *delivery {
	e.state.lastID.delivery++
	hook := e.hookLocked(t)
	t.Headers = hook.headers
	d := &delivery{
		id: e.state.lastID.delivery, event: ev, target: t, msgID: e.newMessageIDLocked(),
		exception: isException(ev.Scope) || isException(t.Scope),
		status:    bigcommerce.OutcomePending, due: now, index: -1, doneAt: [2]int{-1, -1},
		dest: hook.dest, warning: hook.warning,
	}
	e.state.byID[d.id] = d
	e.queueLocked(d)
	return d
}

// hookMemo is what every delivery to a hook shares while the hook's
// destination and headers stay the same: a private copy of the headers, the
// parsed destination and its warning. Deliveries of one hook then hold one
// copy of each instead of one per delivery.
type hookMemo struct {
	raw     string
	headers map[string]string
	dest    bigcommerce.Destination
	warning string
}

// hookKey identifies a hook for the memo.
type hookKey struct {
	store string
	id    int
}

// hookMemoCap bounds the memo; it starts afresh when full.
const hookMemoCap = 4096

// hookLocked returns the memo for t, refreshed if t's destination or
// headers changed.
func (e *Engine) hookLocked(t Target) *hookMemo {
	k := hookKey{t.StoreHash, t.HookID}
	if m := e.state.hooks[k]; m != nil && m.raw == t.Destination && maps.Equal(m.headers, t.Headers) {
		return m
	}
	if len(e.state.hooks) >= hookMemoCap {
		clear(e.state.hooks)
	}
	m := &hookMemo{raw: t.Destination, headers: maps.Clone(t.Headers)}
	m.dest, m.warning = destinationOf(t.Destination)
	e.state.hooks[k] = m
	return m
}

// storeLocked returns the store's records, creating them if needed.
func (e *Engine) storeLocked(hash string) *storeState {
	st := e.state.stores[hash]
	if st == nil {
		st = &storeState{hash: hash, done: doneHeap{slot: 0}}
		e.state.stores[hash] = st
	}
	return st
}

// base62 is the alphabet of webhook-ids.
const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// newMessageIDLocked returns "msg_" + 27 base62 characters from the seeded
// generator.
func (e *Engine) newMessageIDLocked() string {
	var b [4 + 27]byte
	copy(b[:], "msg_")
	for i := 4; i < len(b); i++ {
		b[i] = base62[e.state.rng.IntN(len(base62))]
	}
	return string(b[:])
}

// destinationOf parses a target's destination once, for its delivery, and
// says what production BigCommerce would refuse about it ("" if nothing).
func destinationOf(raw string) (bigcommerce.Destination, string) {
	d, err := bigcommerce.ParseDestination(raw)
	if err != nil {
		return d, "destination " + err.Error()
	}
	return d, d.ProductionProblem()
}

// NextDue returns when the earliest pending attempt is due, or false when
// nothing is pending.
func (e *Engine) NextDue() (time.Time, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.state.queue) == 0 {
		return time.Time{}, false
	}
	return e.state.queue[0].due, true
}

// isClosing reports whether Shutdown was called.
func (e *Engine) isClosing() bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.closing
}

// emptyDirectory stands in for a nil Directory: no hooks, no accounts.
// Its methods answer "nothing" to every question.
type emptyDirectory struct{}

var _ Directory = emptyDirectory{}

func (emptyDirectory) Targets(string, string) []Target               { return nil }
func (emptyDirectory) ExceptionTarget(string, string) (Target, bool) { return Target{}, false }
func (emptyDirectory) Active(string, int) bool                       { return false }
func (emptyDirectory) Deactivate(string, int) bool                   { return false }
func (emptyDirectory) Secret(string) (string, bool)                  { return "", false }
func (emptyDirectory) Emails(string, string) []string                { return nil }
