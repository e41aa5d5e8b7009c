package webhook

import (
	"cmp"
	"slices"
	"time"
)

// domainKey is what the blocklist counts per: one client on one domain,
// the destination's host name without its port (blockKey).
type domainKey struct{ client, host string }

// blockKey returns the blocklist's key for d, and false for a destination
// that was not parsed (never blocklisted). BigCommerce judges "the domain
// as a whole": every destination on one host name counts together,
// whatever its path, scheme or port (production destinations are all
// https on 443, so only the host name tells them apart). A registrable
// domain (shop.example.com with api.example.com) is not merged: the docs
// never say subdomains affect each other.
func blockKey(d *delivery) (domainKey, bool) {
	return domainKey{d.target.ClientID, d.dest.Hostname}, d.dest.Hostname != ""
}

// block is an active blocklisting of one client+host.
type block struct {
	origin   string
	until    time.Time
	reasons  []BlockReason
	notified map[string]bool // stores that got this block's 90003 and email
}

// bucket counts the attempts of one second of the window.
type bucket struct {
	sec       int64
	total, ok int
	reasons   map[string]*BlockReason // failures by description; nil if none
}

// window is the sliding count of one client+host's recent attempts, kept in
// one-second buckets.
type window struct {
	buckets   []bucket
	total, ok int
}

// blockedLocked returns the active block on d's client+domain at now, and
// forgets a block that has ended.
func (e *Engine) blockedLocked(d *delivery, now time.Time) *block {
	k, ok := blockKey(d)
	if !ok || len(e.state.blocks) == 0 {
		return nil
	}
	b := e.state.blocks[k]
	if b == nil {
		return nil
	}
	if now.Before(b.until) {
		return b
	}
	delete(e.state.blocks, k)
	return nil
}

// sampleLocked counts one attempt of d made at at. It returns the new block
// if this attempt tripped the rule, nil otherwise. Attempts that finish
// while their domain is already blocked are not counted.
func (e *Engine) sampleLocked(d *delivery, at time.Time, ok bool, reason string) *block {
	p := e.cfg.blocklist
	k, parsed := blockKey(d)
	if !p.enabled() || !parsed {
		return nil
	}
	if b := e.state.blocks[k]; b != nil && at.Before(b.until) {
		return nil
	}
	w := e.state.windows[k]
	if w == nil {
		w = &window{}
		e.state.windows[k] = w
	}
	w.add(at, ok, reason, p.Window)
	if w.total < p.MinAttempts || float64(w.ok) >= p.MinSuccessRatio*float64(w.total) {
		return nil
	}
	b := &block{origin: d.dest.Origin(), until: at.Add(p.BlockFor), reasons: w.summary(), notified: map[string]bool{}}
	e.state.blocks[k] = b
	delete(e.state.windows, k)
	return b
}

// add counts one attempt at at, after dropping the buckets that have left
// the window. Out-of-order samples are counted in the newest bucket.
func (w *window) add(at time.Time, ok bool, reason string, span time.Duration) {
	sec := at.Unix()
	w.prune(sec, span)
	n := len(w.buckets)
	if n == 0 || w.buckets[n-1].sec < sec {
		w.buckets = append(w.buckets, bucket{sec: sec})
		n++
	}
	b := &w.buckets[n-1]
	b.total++
	w.total++
	if ok {
		b.ok++
		w.ok++
		return
	}
	if b.reasons == nil {
		b.reasons = make(map[string]*BlockReason)
	}
	r := b.reasons[reason]
	if r == nil {
		r = &BlockReason{FailureDescription: reason}
		b.reasons[reason] = r
	}
	r.Count++
	r.Timestamp = sec
}

// prune drops the buckets older than span before second now.
func (w *window) prune(now int64, span time.Duration) {
	secs := max(int64((span+time.Second-1)/time.Second), 1)
	drop := 0
	for drop < len(w.buckets) && w.buckets[drop].sec <= now-secs {
		w.total -= w.buckets[drop].total
		w.ok -= w.buckets[drop].ok
		drop++
	}
	w.buckets = slices.Delete(w.buckets, 0, drop)
}

// summary totals the failures in the window by description, most frequent
// first.
func (w *window) summary() []BlockReason {
	byDesc := map[string]*BlockReason{}
	for _, b := range w.buckets {
		for desc, r := range b.reasons {
			agg := byDesc[desc]
			if agg == nil {
				agg = &BlockReason{FailureDescription: desc}
				byDesc[desc] = agg
			}
			agg.Count += r.Count
			agg.Timestamp = max(agg.Timestamp, r.Timestamp)
		}
	}
	out := make([]BlockReason, 0, len(byDesc))
	for _, r := range byDesc {
		out = append(out, *r)
	}
	slices.SortFunc(out, func(a, b BlockReason) int {
		return cmp.Or(cmp.Compare(b.Count, a.Count), cmp.Compare(a.FailureDescription, b.FailureDescription))
	})
	return out
}

// BlockedDomains lists the client's currently blocked destination domains,
// shaped for /hooks/admin's blocked_domains, sorted by destination.
func (e *Engine) BlockedDomains(clientID string) []Blocked {
	e.mu.Lock()
	defer e.mu.Unlock()
	now := e.cfg.clock.Now()
	out := []Blocked{}
	for k, b := range e.state.blocks {
		if k.client != clientID {
			continue
		}
		if !now.Before(b.until) {
			delete(e.state.blocks, k)
			continue
		}
		left := int64((b.until.Sub(now) + time.Second - 1) / time.Second)
		out = append(out, Blocked{Destination: b.origin, TimeLeft: left, Reasons: slices.Clone(b.reasons)})
	}
	slices.SortFunc(out, func(a, b Blocked) int { return cmp.Compare(a.Destination, b.Destination) })
	return out
}
