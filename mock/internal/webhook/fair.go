package webhook

// fairQueue holds the claimed attempts until they may start: at most
// perDest of them in flight to one destination and global in all. The
// destinations with work take turns, so one slow destination cannot hold
// back the others; each destination's attempts start in the order they
// were claimed. The engine's lock guards it.
type fairQueue struct {
	global, perDest int
	inflight, ready int
	dests           map[string]*destQueue
	turns           []*destQueue // destinations with a ready attempt and a free slot, in turn order
}

// destQueue is one destination's claimed attempts.
type destQueue struct {
	key      string
	ready    []job
	inflight int
	queued   bool // in turns
}

// newFairQueue returns an empty queue with the given caps.
func newFairQueue(global, perDest int) fairQueue {
	return fairQueue{global: global, perDest: min(perDest, global), dests: make(map[string]*destQueue)}
}

// busy counts the claimed attempts not finished: ready or in flight.
func (q *fairQueue) busy() int { return q.ready + q.inflight }

// push adds a claimed attempt behind its destination's others.
func (q *fairQueue) push(j job) {
	dq := q.dests[j.key]
	if dq == nil {
		dq = &destQueue{key: j.key}
		q.dests[j.key] = dq
	}
	dq.ready = append(dq.ready, j)
	q.ready++
	q.offer(dq)
}

// offer gives dq a turn if it has a ready attempt and a free slot.
func (q *fairQueue) offer(dq *destQueue) {
	if !dq.queued && len(dq.ready) > 0 && dq.inflight < q.perDest {
		dq.queued = true
		q.turns = append(q.turns, dq)
	}
}

// next takes the attempt whose turn it is and counts it in flight; it
// reports false when the caps or an empty queue allow none.
func (q *fairQueue) next() (job, bool) {
	if q.inflight >= q.global || len(q.turns) == 0 {
		return job{}, false
	}
	dq := q.turns[0]
	q.turns[0] = nil
	q.turns = q.turns[1:]
	dq.queued = false
	j := dq.ready[0]
	dq.ready[0] = job{}
	dq.ready = dq.ready[1:]
	dq.inflight++
	q.inflight++
	q.ready--
	q.offer(dq)
	return j, true
}

// done counts a started attempt of destination key finished.
func (q *fairQueue) done(key string) {
	dq := q.dests[key]
	dq.inflight--
	q.inflight--
	q.offer(dq)
	q.forget(dq)
}

// forget drops dq once it holds nothing.
func (q *fairQueue) forget(dq *destQueue) {
	if dq.inflight == 0 && len(dq.ready) == 0 {
		delete(q.dests, dq.key)
	}
}

// remove takes out the ready attempts that drop selects and returns them.
func (q *fairQueue) remove(drop func(*job) bool) []job {
	var out []job
	for _, dq := range q.dests {
		kept := dq.ready[:0]
		for _, j := range dq.ready {
			if drop(&j) {
				out = append(out, j)
			} else {
				kept = append(kept, j)
			}
		}
		clear(dq.ready[len(kept):])
		dq.ready = kept
		q.forget(dq)
	}
	if len(out) == 0 {
		return nil
	}
	q.ready -= len(out)
	turns := q.turns[:0]
	for _, dq := range q.turns {
		if len(dq.ready) > 0 {
			turns = append(turns, dq)
		} else {
			dq.queued = false
		}
	}
	clear(q.turns[len(turns):])
	q.turns = turns
	return out
}
