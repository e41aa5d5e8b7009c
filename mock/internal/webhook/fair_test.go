package webhook

import (
	"slices"
	"testing"
)

// TestFairQueueTurns locks the fair queue: destinations take turns, each
// in claim order, within the per-destination and global caps.
func TestFairQueueTurns(t *testing.T) {
	q := newFairQueue(3, 2)
	for i, key := range []string{"slow", "slow", "slow", "slow", "a", "b"} {
		q.push(job{key: key, seq: uint64(i + 1)})
	}
	var started []uint64
	for j, ok := q.next(); ok; j, ok = q.next() {
		started = append(started, j.seq)
	}
	// slow, a, b take one turn each; the global cap of 3 stops there.
	if want := []uint64{1, 5, 6}; !slices.Equal(started, want) {
		t.Fatalf("started %v, want %v", started, want)
	}
	q.done("a")
	q.done("b")
	started = started[:0]
	for j, ok := q.next(); ok; j, ok = q.next() {
		started = append(started, j.seq)
	}
	// Only slow has work left, and only its cap of 2 counts now.
	if want := []uint64{2}; !slices.Equal(started, want) || q.busy() != 4 {
		t.Fatalf("started %v with %d busy, want %v and 4", started, q.busy(), want)
	}
	removed := q.remove(func(j *job) bool { return j.seq == 4 })
	if len(removed) != 1 || q.busy() != 3 {
		t.Fatalf("removed %d, %d busy; want 1, 3", len(removed), q.busy())
	}
	q.done("slow")
	if j, ok := q.next(); !ok || j.seq != 3 {
		t.Fatalf("next = %d, %v; want 3", j.seq, ok)
	}
	if _, ok := q.next(); ok {
		t.Fatal("started a third attempt to slow")
	}
	q.done("slow")
	q.done("slow")
	if q.busy() != 0 || len(q.dests) != 0 || len(q.turns) != 0 {
		t.Fatalf("queue not empty: busy %d, %d dests, %d turns", q.busy(), len(q.dests), len(q.turns))
	}
}
