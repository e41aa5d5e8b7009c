// Package reqlog keeps the requests an app made to BigCommerce's API
// families (v2 and v3), so a test can count them: "the duplicate was
// acknowledged, and the app read the order once".
//
// The gateway tells the log of each request once it is answered
// (gateway.Recorder); the log keeps a bounded number of records per store
// and in all stores together, dropping the oldest first, so nothing a
// client sends grows memory without bound. Only requests to a store's
// paths (/stores/{store_hash}/...) are kept: a request that names no
// store belongs to none.
package reqlog

import (
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/gateway"
)

// Record is one request, as the app sent it and as the mock answered it.
type Record struct {
	// ID numbers the records in the order they were answered, from 1.
	ID int64
	// At is the mock-clock instant the answer was written.
	At time.Time
	// StoreHash is the store the path names.
	StoreHash string
	// Method is the HTTP method.
	Method string
	// Path is the path below /stores/{store_hash}, as sent (escaped):
	// "/v3/hooks/1".
	Path string
	// Query is the raw query string, without "?".
	Query string
	// Operation is the matched operationId; "" when none matched (404,
	// 405) or the token was refused first (401).
	Operation string
	// Status is the answer's HTTP status.
	Status int
	// ClientID is the authenticated account's; "" when the token was
	// refused.
	ClientID string
	// UserAgent is the request's User-Agent header, cut at AgentCap bytes.
	UserAgent string
	// Truncated reports that the path or query was cut at FieldCap
	// bytes, the User-Agent at AgentCap or the method at MethodCap.
	Truncated bool
}

// FieldCap bounds the path and the query a record keeps, AgentCap the
// User-Agent and MethodCap the method: a record holds at most about
// 2.5 KB, whatever a client sends.
const (
	FieldCap  = 1 << 10
	AgentCap  = 256
	MethodCap = 32
)

// Defaults of the caps: the records kept per store, and in all stores
// together. A typical read's record holds about 290 bytes (20,000 of them
// about 6 MB), the largest about 2.5 KB.
const (
	DefaultCap      = 10000
	DefaultTotalCap = 20000
)

// Caps bound the records kept: PerStore in each store, Total in all
// stores together. Zero or less means the default.
type Caps struct {
	PerStore int
	Total    int
}

// Log is the request log. It is safe for concurrent use. Create it with New.
type Log struct {
	clock clock.Clock
	caps  Caps

	mu      sync.Mutex
	nextID  int64
	all     queue // every kept record, oldest first; may hold gone entries
	stores  map[string]*storeLog
	dropped int64 // records a cap dropped, in all stores
}

// storeLog is one store's records, oldest first; none of them is gone.
type storeLog struct {
	q       queue
	dropped int64
}

// entry is one kept record, in its store's queue and in the log's.
type entry struct {
	rec   Record
	store string
	gone  bool
}

var _ gateway.Recorder = (*Log)(nil)

// New returns an empty log on clk's time.
func New(clk clock.Clock, caps Caps) *Log {
	if caps.PerStore <= 0 {
		caps.PerStore = DefaultCap
	}
	if caps.Total <= 0 {
		caps.Total = DefaultTotalCap
	}
	return &Log{clock: clk, caps: caps, stores: map[string]*storeLog{}}
}

// Record keeps an answered request of a store's path; other requests are
// ignored.
func (l *Log) Record(r *http.Request, x gateway.Exchange) {
	hash, rest, ok := storePath(r.URL.EscapedPath())
	if !ok {
		return
	}
	method, cutMethod := clip(r.Method, MethodCap)
	path, cutPath := clip(rest, FieldCap)
	query, cutQuery := clip(r.URL.RawQuery, FieldCap)
	agent, cutAgent := clip(r.UserAgent(), AgentCap)
	// One copy of the four: the request's strings may be parts of a
	// request line of up to a megabyte, which a record must not keep.
	all := method + path + query + agent
	method, all = all[:len(method)], all[len(method):]
	path, all = all[:len(path)], all[len(path):]
	query, agent = all[:len(query)], all[len(query):]
	rec := Record{
		At: l.clock.Now(), StoreHash: hash, Method: method, Path: path, Query: query,
		Operation: x.Operation, Status: x.Status, ClientID: x.Account.ClientID, UserAgent: agent,
		Truncated: cutMethod || cutPath || cutQuery || cutAgent,
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.nextID++
	rec.ID = l.nextID
	st := l.stores[hash]
	if st == nil {
		st = &storeLog{}
		l.stores[hash] = st
	}
	e := &entry{rec: rec, store: hash}
	st.q.push(e)
	l.all.push(e)
	for st.q.len() > l.caps.PerStore {
		l.dropLocked(st.q.front())
	}
	for l.all.live > l.caps.Total {
		l.dropLocked(l.all.front())
	}
}

// dropLocked drops e, the oldest record of its store, over a cap.
func (l *Log) dropLocked(e *entry) {
	st := l.stores[e.store]
	st.q.pop()
	st.dropped++
	l.dropped++
	l.all.forget(e)
	if st.q.len() == 0 {
		delete(l.stores, e.store) // a store is kept only while it has records
	}
}

// storePath splits "/stores/{hash}/rest" into the hash and "/rest". A
// path whose first segments are not a store's is not one.
func storePath(p string) (hash, rest string, ok bool) {
	after, found := strings.CutPrefix(p, "/stores/")
	if !found {
		return "", "", false
	}
	hash = after
	if i := strings.IndexByte(after, '/'); i >= 0 {
		hash, rest = after[:i], after[i:]
	}
	if !bigcommerce.ValidStoreHash(hash) {
		return "", "", false
	}
	return hash, rest, true
}

// clip returns s cut to at most n bytes at a rune boundary, and whether
// it was cut.
func clip(s string, n int) (string, bool) {
	if len(s) <= n {
		return s, false
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n], true
}

// Filter selects records. Zero fields match everything.
type Filter struct {
	// StoreHash selects one store.
	StoreHash string
	// Operation selects one operationId.
	Operation string
	// Method selects one method, case-insensitively.
	Method string
	// Path selects paths below /stores/{store_hash}: exactly, or with "*"
	// standing for one whole segment ("/v2/orders/*").
	Path string
	// Status selects a status ("404") or a class ("2xx").
	Status string
	// ClientID selects one account.
	ClientID string
}

// Matches reports whether rec passes f.
func (f Filter) Matches(rec *Record) bool {
	return (f.StoreHash == "" || f.StoreHash == rec.StoreHash) &&
		(f.Operation == "" || f.Operation == rec.Operation) &&
		(f.Method == "" || strings.EqualFold(f.Method, rec.Method)) &&
		(f.ClientID == "" || f.ClientID == rec.ClientID) &&
		(f.Path == "" || MatchPath(f.Path, rec.Path)) &&
		(f.Status == "" || MatchStatus(f.Status, rec.Status))
}

// MatchPath reports whether path is pattern, where a "*" segment of the
// pattern stands for any one non-empty segment of path.
func MatchPath(pattern, path string) bool {
	if pattern == path {
		return true
	}
	if !strings.Contains(pattern, "*") || strings.Count(pattern, "/") != strings.Count(path, "/") {
		return false
	}
	ps, gs := strings.Split(pattern, "/"), strings.Split(path, "/")
	for i, p := range ps {
		if p == "*" && gs[i] == "" || p != "*" && p != gs[i] {
			return false
		}
	}
	return true
}

// MatchStatus reports whether status is want: a status ("404") or a class
// ("4xx").
func MatchStatus(want string, status int) bool {
	s := strconv.Itoa(status)
	if len(want) == 3 && want[1:] == "xx" {
		return len(s) == 3 && s[0] == want[0]
	}
	return s == want
}

// Page selects part of the matches, oldest first: Offset skips that many,
// Limit returns at most that many (zero or less: all).
type Page struct {
	Offset int
	Limit  int
}

// Records returns page p of the kept records that match f, oldest first,
// and how many match in all. The records are copies.
func (l *Log) Records(f Filter, p Page) ([]Record, int) {
	l.mu.Lock()
	defer l.mu.Unlock()
	var entries []*entry
	if f.StoreHash == "" {
		entries = l.all.entries()
	} else if st := l.stores[f.StoreHash]; st != nil {
		entries = st.q.entries()
	}
	out, total := []Record{}, 0
	for _, e := range entries {
		if e.gone || !f.Matches(&e.rec) {
			continue
		}
		if total >= p.Offset && (p.Limit <= 0 || len(out) < p.Limit) {
			out = append(out, e.rec)
		}
		total++
	}
	return out, total
}

// Stats counts the records kept and dropped, for one store or for all
// stores when storeHash is "".
type Stats struct {
	Kept    int
	Dropped int64
}

// Stats counts the records of a store, or of all stores for "".
func (l *Log) Stats(storeHash string) Stats {
	l.mu.Lock()
	defer l.mu.Unlock()
	if storeHash == "" {
		return Stats{Kept: l.all.live, Dropped: l.dropped}
	}
	st := l.stores[storeHash]
	if st == nil {
		return Stats{}
	}
	return Stats{Kept: st.q.len(), Dropped: st.dropped}
}

// Reset forgets one store's records (what the caps dropped stays counted
// in all stores).
func (l *Log) Reset(storeHash string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	st := l.stores[storeHash]
	if st == nil {
		return
	}
	for _, e := range st.q.entries() {
		l.all.forget(e)
	}
	delete(l.stores, storeHash)
}

// ResetAll forgets every record and restarts the ids at 1.
func (l *Log) ResetAll() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.nextID, l.all, l.stores, l.dropped = 0, queue{}, map[string]*storeLog{}, 0
}

// queue holds entries oldest first: es[head:] are kept, and live counts
// those not gone. Only the log-wide queue holds gone entries (a store's
// records leave it from the front only); they are swept once they reach
// the front or outnumber the live ones, so every operation is O(1)
// amortised.
type queue struct {
	es   []*entry
	head int
	live int
}

func (q *queue) push(e *entry) {
	q.es = append(q.es, e)
	q.live++
}

func (q *queue) len() int { return q.live }

// front returns the oldest entry that is not gone; q must not be empty.
func (q *queue) front() *entry { return q.es[q.head] }

// pop removes the front entry (of a store's queue).
func (q *queue) pop() {
	q.es[q.head] = nil
	q.head++
	q.live--
	q.sweep()
}

// forget marks e gone and leaves it to be swept.
func (q *queue) forget(e *entry) {
	e.gone = true
	e.rec = Record{}
	q.live--
	for q.head < len(q.es) && q.es[q.head].gone {
		q.es[q.head] = nil
		q.head++
	}
	q.sweep()
}

// sweep compacts q when half of it is swept or gone.
func (q *queue) sweep() {
	if q.head <= len(q.es)/2 && len(q.es)-q.head-q.live <= q.live+64 {
		return
	}
	kept := 0
	for _, e := range q.es[q.head:] {
		if !e.gone {
			q.es[kept] = e
			kept++
		}
	}
	clear(q.es[kept:])
	q.es, q.head = q.es[:kept], 0
}

// entries returns the kept entries, gone ones included, oldest first. The
// slice is the queue's own: read it under the log's lock.
func (q *queue) entries() []*entry { return q.es[q.head:] }
