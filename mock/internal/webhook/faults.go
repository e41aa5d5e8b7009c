package webhook

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Delivery faults are what a receiver must cope with beyond the happy
// path: duplicates, reordering, delay, bursts and forged signatures. A fault
// is attached to a hook (its next deliveries, SetHookFaults) or carried by
// an event (Event.Faults); the deliveries it shapes record it (the Fault
// field of their delivery and attempt records), so a test can assert what
// the receiver did with each.
//
// Deliveries held by a fault are not in the due queue: they wait for
// another delivery's first attempt to end (that delivery's followers), and
// are then queued like any other. Nothing sleeps; time-based faults store
// a due instant.

// FaultKind names a delivery fault.
type FaultKind string

// The delivery faults.
const (
	// FaultDuplicate delivers the event again, BigCommerce's kind of
	// duplicate: the same body and hash, a new webhook-id. Each copy's first
	// attempt is due After the previous delivery's first attempt ended.
	FaultDuplicate FaultKind = "duplicate"
	// FaultReorder holds the hook's deliveries of Events events and
	// releases them last first, each one's first attempt after the previous
	// one's ended, so the receiver sees them in reverse. A group that does
	// not fill within Hold is delivered as it is, in order.
	FaultReorder FaultKind = "reorder"
	// FaultDelay makes the first attempt due After the raise, on the
	// engine's clock (under a fake clock it waits for an advance).
	FaultDelay FaultKind = "delay"
	// FaultBurst sends Copies deliveries of the event at once: the original
	// and Copies-1 duplicates (same body and hash, each its own webhook-id),
	// all due at the same instant.
	FaultBurst FaultKind = "burst"
	// FaultForgedSignature signs the delivery with a wrong secret, or sends
	// no webhook-signature (Forgery). A forged delivery is not BigCommerce's:
	// it is attempted once, and its failure schedules no retry, feeds no
	// blocklist, raises no deliveryException and deactivates nothing.
	FaultForgedSignature FaultKind = "forged_signature"
)

// FaultKinds lists the faults in their canonical order, the order of a
// record's Fault field.
var FaultKinds = []FaultKind{FaultDuplicate, FaultReorder, FaultDelay, FaultBurst, FaultForgedSignature}

// Forgery says how a forged_signature fault forges.
type Forgery string

// Forgeries.
const (
	// ForgeWrongSecret signs with a secret that is not the account's.
	ForgeWrongSecret Forgery = "wrong_secret"
	// ForgeMissing sends no webhook-signature header.
	ForgeMissing Forgery = "missing"
)

// Fault is one delivery fault and its options. Zero options take the
// defaults below; Check refuses values out of range.
type Fault struct {
	// Kind is the fault. Required.
	Kind FaultKind
	// Count bounds a hook's fault: it applies to that many of the hook's
	// next deliveries (reorder: that many groups), then it is gone. Zero:
	// until cleared. Ignored on an event's faults.
	Count int
	// After is the delay's wait after the raise (required, above zero), or
	// a duplicate's wait after the previous delivery's first attempt ended
	// (default 0).
	After time.Duration
	// Copies is a duplicate's number of copies (default 1), or a burst's
	// number of deliveries at once, the original included (default 2).
	Copies int
	// Events is a reorder group's size (default 2).
	Events int
	// Hold is how long a reorder group waits to fill (default 1 minute).
	Hold time.Duration
	// Signature is a forgery's kind (default ForgeWrongSecret).
	Signature Forgery
}

// Fault limits and defaults.
const (
	// MaxFaultCopies bounds Copies, so one raise cannot multiply without bound.
	MaxFaultCopies = 100
	// MaxReorderEvents bounds a reorder group.
	MaxReorderEvents = 100
	// MaxFaultWait bounds After and Hold.
	MaxFaultWait = 7 * 24 * time.Hour
	// DefaultReorderHold is how long a reorder group waits to fill.
	DefaultReorderHold = time.Minute
	// maxHookFaults bounds the faults attached to one hook.
	maxHookFaults = 16
)

// ErrInvalidFault: a fault's kind or options are not valid.
var ErrInvalidFault = errors.New("invalid fault")

// Check reports what is wrong with f, or nil. Errors wrap ErrInvalidFault.
func (f Fault) Check() error {
	bad := func(format string, args ...any) error {
		return fmt.Errorf("%w: %s: %s", ErrInvalidFault, f.Kind, fmt.Sprintf(format, args...))
	}
	if !slices.Contains(FaultKinds, f.Kind) {
		return fmt.Errorf("%w: unknown fault %q", ErrInvalidFault, f.Kind)
	}
	switch {
	case f.Count < 0:
		return bad("count %d is negative", f.Count)
	case f.After < 0 || f.After > MaxFaultWait:
		return bad("after %v is out of range 0 to %v", f.After, MaxFaultWait)
	case f.Hold < 0 || f.Hold > MaxFaultWait:
		return bad("hold %v is out of range 0 to %v", f.Hold, MaxFaultWait)
	case f.Copies < 0 || f.Copies > MaxFaultCopies:
		return bad("copies %d is out of range 1 to %d", f.Copies, MaxFaultCopies)
	case f.Events < 0 || f.Events > MaxReorderEvents:
		return bad("events %d is out of range 2 to %d", f.Events, MaxReorderEvents)
	case f.Kind == FaultDelay && f.After == 0:
		return bad("after is required (how long after the raise the first attempt is due)")
	case f.Kind == FaultBurst && f.Copies == 1:
		return bad("copies 1 is no burst; give 2 or more")
	case f.Kind == FaultReorder && f.Events == 1:
		return bad("events 1 reorders nothing; give 2 or more")
	case f.Signature != "" && f.Signature != ForgeWrongSecret && f.Signature != ForgeMissing:
		return bad("signature %q is neither %s nor %s", f.Signature, ForgeWrongSecret, ForgeMissing)
	}
	return nil
}

// CheckFaults checks each fault and refuses a kind given twice or reorder
// with delay (both decide when the first attempt is due).
func CheckFaults(faults []Fault) error {
	seen := map[FaultKind]bool{}
	for _, f := range faults {
		if err := f.Check(); err != nil {
			return err
		}
		if seen[f.Kind] {
			return fmt.Errorf("%w: %s is given twice", ErrInvalidFault, f.Kind)
		}
		seen[f.Kind] = true
	}
	if seen[FaultReorder] && seen[FaultDelay] {
		return fmt.Errorf("%w: reorder and delay both decide when the first attempt is due; give one", ErrInvalidFault)
	}
	return nil
}

// withDefaults returns f with its zero options defaulted.
func (f Fault) withDefaults() Fault {
	switch f.Kind {
	case FaultDuplicate:
		f.Copies = cmpOr(f.Copies, 1)
	case FaultBurst:
		f.Copies = cmpOr(f.Copies, 2)
	case FaultReorder:
		f.Events = cmpOr(f.Events, 2)
		f.Hold = cmpOr(f.Hold, DefaultReorderHold)
	case FaultForgedSignature:
		f.Signature = cmpOr(f.Signature, ForgeWrongSecret)
	}
	return f
}

// cmpOr returns v, or def when v is zero.
func cmpOr[T comparable](v, def T) T {
	var zero T
	if v == zero {
		return def
	}
	return v
}

// HookFault is a fault attached to a hook, with what is left of its count.
type HookFault struct {
	Fault
	// Left is how many more deliveries (reorder: groups) it applies to;
	// zero when it applies until cleared.
	Left int
}

// faultBook is the engine's fault state, part of state (guarded by mu;
// Reset and ResetAll clear it). Maps are created when first needed.
type faultBook struct {
	hooks  map[hookKey][]HookFault   // faults attached to hooks, in the order given
	groups map[hookKey]*reorderGroup // each hook's open reorder group
}

// reorderGroup collects a hook's deliveries to release in reverse.
type reorderGroup struct {
	size    int
	until   time.Time // the group is delivered as it is from then on
	members []*delivery
}

// faulted is what faults did to one delivery; nil on most.
type faulted struct {
	label     string      // the record's Fault field: kinds joined by "+", canonical order
	forge     Forgery     // "" for a genuine signature
	behind    *delivery   // held until its first attempt ends; nil when queued
	followers []follower  // deliveries held until this one's first attempt ends
	kinds     []FaultKind // the kinds in label
}

// follower is a held delivery and how long after its release its first
// attempt is due.
type follower struct {
	d     *delivery
	after time.Duration
}

// SetHookFaults attaches faults to a hook's next deliveries, replacing any
// it had; none clears them. It fails with ErrInvalidFault.
func (e *Engine) SetHookFaults(storeHash string, hookID int, faults []Fault) error {
	if err := CheckFaults(faults); err != nil {
		return fmt.Errorf("set faults of hook %d: %w", hookID, err)
	}
	if len(faults) > maxHookFaults {
		return fmt.Errorf("set faults of hook %d: %w: at most %d faults", hookID, ErrInvalidFault, maxHookFaults)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	k := hookKey{storeHash, hookID}
	book := &e.state.faults
	if len(faults) == 0 {
		delete(book.hooks, k)
		return nil
	}
	if book.hooks == nil {
		book.hooks = map[hookKey][]HookFault{}
	}
	hf := make([]HookFault, 0, len(faults))
	for _, f := range faults {
		hf = append(hf, HookFault{Fault: f.withDefaults(), Left: f.Count})
	}
	book.hooks[k] = hf
	return nil
}

// HookFaults returns the faults attached to a hook, with their counts left.
func (e *Engine) HookFaults(storeHash string, hookID int) []HookFault {
	e.mu.Lock()
	defer e.mu.Unlock()
	return slices.Clone(e.state.faults.hooks[hookKey{storeHash, hookID}])
}

// forgetStore drops the fault state of one store's hooks (Reset).
func (b *faultBook) forgetStore(storeHash string) {
	for k := range b.hooks {
		if k.store == storeHash {
			delete(b.hooks, k)
		}
	}
	for k := range b.groups {
		if k.store == storeHash {
			delete(b.groups, k)
		}
	}
}

// takeHookFaultsLocked returns the faults the hook's next delivery gets
// and counts them down; reorder only counts when it opens a group.
func (b *faultBook) takeHookFaultsLocked(k hookKey, opening bool) []Fault {
	list := b.hooks[k]
	if len(list) == 0 {
		return nil
	}
	out := make([]Fault, 0, len(list))
	kept := list[:0]
	for _, hf := range list {
		if hf.Kind == FaultReorder && !opening {
			kept = append(kept, hf)
			continue
		}
		out = append(out, hf.Fault)
		if hf.Left == 0 {
			kept = append(kept, hf)
			continue
		}
		if hf.Left--; hf.Left > 0 {
			kept = append(kept, hf)
		}
	}
	if len(kept) == 0 {
		delete(b.hooks, k)
	} else {
		b.hooks[k] = kept
	}
	return out
}

// faultLocked applies the faults of a new delivery: the event's, else
// the hook's (an event's own faults win, and a copy made by a fault gets
// none), and the hook's open reorder group.
func (e *Engine) faultLocked(d *delivery, ev Event, now time.Time) {
	if ev.copyOf != "" {
		d.mark(FaultKind(ev.copyOf))
		return
	}
	book := &e.state.faults
	k := hookKey{d.target.StoreHash, d.target.HookID}
	g := book.groups[k]
	if g != nil && !now.Before(g.until) {
		delete(book.groups, k)
		g = nil
	}
	faults := ev.Faults
	if faults == nil && len(book.hooks) > 0 {
		faults = book.takeHookFaultsLocked(k, g == nil)
	}
	if g == nil && len(faults) == 0 {
		return
	}
	for _, f := range faults {
		f = f.withDefaults()
		switch f.Kind {
		case FaultDelay:
			d.mark(f.Kind)
			e.dueLocked(d, now.Add(f.After))
		case FaultForgedSignature:
			d.mark(f.Kind)
			d.fault.forge = f.Signature
		case FaultReorder:
			if g == nil {
				g = &reorderGroup{size: f.Events, until: now.Add(f.Hold)}
				if book.groups == nil {
					book.groups = map[hookKey]*reorderGroup{}
				}
				book.groups[k] = g
			}
		}
	}
	if g != nil {
		e.joinGroupLocked(k, g, d, now)
	}
	for _, f := range faults {
		f = f.withDefaults()
		switch f.Kind {
		case FaultDuplicate:
			e.copiesLocked(d, f.Kind, f.Copies, f.After, now, true)
		case FaultBurst:
			d.mark(f.Kind)
			e.copiesLocked(d, f.Kind, f.Copies-1, 0, now, false)
		}
	}
}

// joinGroupLocked adds d to hook k's reorder group. Until the group is
// full its first member is due when the group stops waiting and each later
// one follows the one before (so an unfilled group goes in order); the
// member that fills it goes now, and each earlier one follows the next
// one's first attempt.
func (e *Engine) joinGroupLocked(k hookKey, g *reorderGroup, d *delivery, now time.Time) {
	d.mark(FaultReorder)
	g.members = append(g.members, d)
	n := len(g.members)
	if n == 1 {
		e.dueLocked(d, g.until)
		return
	}
	if n < g.size {
		e.holdLocked(d, g.members[n-2], 0)
		return
	}
	delete(e.state.faults.groups, k)
	for _, m := range g.members[:n-1] {
		m.fault.behind, m.fault.followers = nil, nil
		if m.index >= 0 {
			heap.Remove(&e.state.queue, m.index)
		}
	}
	for i := n - 2; i >= 0; i-- {
		e.holdLocked(g.members[i], g.members[i+1], 0)
	}
}

// copiesLocked raises n copies of d's event to d's hook: BigCommerce's
// duplicates, the same body and hash with new webhook-ids, made as
// Engine.Resend makes them. With chained, each copy is held until the
// previous delivery's first attempt ends, then due after; else all are due
// now with d.
func (e *Engine) copiesLocked(d *delivery, kind FaultKind, n int, after time.Duration, now time.Time, chained bool) {
	prev := d
	for range n {
		ev := eventOf(d.event)
		ev.copyOf = string(kind)
		r := e.recordLocked(ev, []Target{d.target}, now, SourceCaller)
		c := e.state.byID[r.DeliveryIDs[0]]
		if chained {
			e.holdLocked(c, prev, after)
		}
		prev = c
	}
}

// mark adds kind to what faults did to d.
func (d *delivery) mark(kind FaultKind) {
	if d.fault == nil {
		d.fault = &faulted{}
	}
	if slices.Contains(d.fault.kinds, kind) {
		return
	}
	d.fault.kinds = append(d.fault.kinds, kind)
	slices.SortFunc(d.fault.kinds, func(a, b FaultKind) int {
		return slices.Index(FaultKinds, a) - slices.Index(FaultKinds, b)
	})
	names := make([]string, len(d.fault.kinds))
	for i, k := range d.fault.kinds {
		names[i] = string(k)
	}
	d.fault.label = strings.Join(names, "+")
}

// faultLabel returns the record's Fault field.
func (d *delivery) faultLabel() string {
	if d.fault == nil {
		return ""
	}
	return d.fault.label
}

// forgery returns how d's signature is forged, "" if it is genuine.
func (d *delivery) forgery() Forgery {
	if d.fault == nil {
		return ""
	}
	return d.fault.forge
}

// heldBehind returns the delivery d waits for, 0 if none.
func (d *delivery) heldBehind() int64 {
	if d.fault == nil || d.fault.behind == nil {
		return 0
	}
	return d.fault.behind.id
}

// dueLocked moves queued d's first attempt to at.
func (e *Engine) dueLocked(d *delivery, at time.Time) {
	if d.index < 0 {
		return
	}
	heap.Remove(&e.state.queue, d.index)
	d.due = at
	e.queueLocked(d)
}

// holdLocked takes d out of the queue until ahead's first attempt ends;
// then d is due after that.
func (e *Engine) holdLocked(d, ahead *delivery, after time.Duration) {
	if d.index >= 0 {
		heap.Remove(&e.state.queue, d.index)
	}
	if ahead.fault == nil {
		ahead.fault = &faulted{}
	}
	d.fault.behind = ahead
	ahead.fault.followers = append(ahead.fault.followers, follower{d: d, after: after})
}

// releaseFollowersLocked queues the deliveries held behind r's delivery
// once its first attempt has ended (sent or cancelled).
func (e *Engine) releaseFollowersLocked(r *result) {
	d := r.d
	if d.fault == nil || len(d.fault.followers) == 0 || r.kind == resultAborted {
		return
	}
	now := e.cfg.clock.Now()
	for _, f := range d.fault.followers {
		if e.state.byID[f.d.id] != f.d || f.d.status != bigcommerce.OutcomePending {
			continue
		}
		f.d.fault.behind = nil
		f.d.due = now.Add(f.after)
		e.queueLocked(f.d)
	}
	d.fault.followers = nil
}

// forgedEndLocked ends a forged delivery after its one attempt failed, and
// reports whether it did: it schedules no retry and has no side effects.
func (e *Engine) forgedEndLocked(d *delivery, at time.Time) bool {
	if d.forgery() == "" {
		return false
	}
	d.status, d.completed = bigcommerce.OutcomeFailed, at
	return true
}

// sign sets the attempt's webhook-signature: the account's, or the
// fault's forgery.
func (e *Engine) sign(h map[string]string, d *delivery, at time.Time) {
	secret, ok := e.dir.Secret(d.target.ClientID)
	switch d.forgery() {
	case ForgeMissing:
		return
	case ForgeWrongSecret:
		secret, ok = "bcmock-forged-"+secret, true
	}
	if ok {
		h[hdrWebhookSignature] = e.signer(secret).Sign(d.msgID, at, d.event.Body)
	}
}

// eventOf returns the event that raises rec again, byte for byte.
func eventOf(rec *EventRecord) Event {
	return Event{StoreHash: rec.StoreHash, Scope: rec.Scope, Body: []byte(rec.Body), Hash: rec.Hash, CreatedAt: rec.CreatedAt}
}

// Resend raises a recorded event again with the same body and hash, the
// way BigCommerce's duplicates arrive (each delivery with a new
// webhook-id), to every hook that matches now. It returns the new
// event's record with what Raise returns. It fails with ErrUnknownEvent
// when the event is not kept, and as Raise does.
func (e *Engine) Resend(ctx context.Context, eventID int64) (Raised, EventRecord, error) {
	events := e.Events(Filter{EventID: eventID})
	if len(events) != 1 {
		return Raised{}, EventRecord{}, fmt.Errorf("resend event %d: %w", eventID, ErrUnknownEvent)
	}
	ev := events[0]
	r, err := e.Raise(ctx, eventOf(&ev))
	return r, ev, err
}

// ErrUnknownEvent: no event with that id is kept (a reset, or the event
// log's cap, forgets events).
var ErrUnknownEvent = errors.New("unknown event")
