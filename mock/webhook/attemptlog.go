package webhook

// attemptLog keeps a store's attempt records, at most limit of them: once
// full, each new record overwrites the oldest and dropped counts the loss.
// While it is not full, head is 0 and buf holds the records in order.
type attemptLog struct {
	buf     []AttemptRecord
	head    int
	dropped int64
}

// add appends r, dropping the oldest record if limit (> 0) is reached.
func (l *attemptLog) add(r AttemptRecord, limit int) {
	if limit > 0 && len(l.buf) >= limit {
		l.buf[l.head] = r
		l.head = (l.head + 1) % len(l.buf)
		l.dropped++
		return
	}
	l.buf = append(l.buf, r)
}

// len returns how many records are kept.
func (l *attemptLog) len() int { return len(l.buf) }

// each calls fn on every kept record, oldest first.
func (l *attemptLog) each(fn func(*AttemptRecord)) {
	for i := range l.buf {
		fn(&l.buf[(l.head+i)%len(l.buf)])
	}
}
