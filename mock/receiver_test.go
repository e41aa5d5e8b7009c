package mock_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

// received is one callback a receiver got.
type received struct {
	header http.Header
	body   []byte
}

// receiver is a webhook destination that records every callback and
// answers from a script of statuses (the last one repeats).
type receiver struct {
	*httptest.Server
	mu       sync.Mutex
	statuses []int
	got      []received
}

func newReceiver(t *testing.T, statuses ...int) *receiver {
	t.Helper()
	if len(statuses) == 0 {
		statuses = []int{http.StatusOK}
	}
	rc := &receiver{statuses: statuses}
	rc.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		rc.mu.Lock()
		n := len(rc.got)
		rc.got = append(rc.got, received{header: r.Header.Clone(), body: body})
		status := rc.statuses[min(n, len(rc.statuses)-1)]
		rc.mu.Unlock()
		w.WriteHeader(status)
	}))
	t.Cleanup(rc.Close)
	return rc
}

// calls returns a copy of what the receiver got so far.
func (rc *receiver) calls() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.got...)
}

// waitForCalls waits until the receiver got n calls, giving up shortly
// before the test binary's deadline (go test -timeout). Real-clock
// deliveries happen on the mock's own goroutine; this only waits, it
// asserts nothing about time.
func waitForCalls(t *testing.T, rc *receiver, n int) []received {
	t.Helper()
	deadline, ok := t.Deadline()
	if !ok {
		deadline = time.Now().Add(time.Hour)
	}
	deadline = deadline.Add(-time.Until(deadline) / 10)
	for time.Now().Before(deadline) {
		if calls := rc.calls(); len(calls) >= n {
			return calls
		}
		time.Sleep(5 * time.Millisecond)
	}
	t.Fatalf("receiver got %d calls, want %d", len(rc.calls()), n)
	return nil
}

func newServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	s := httptest.NewServer(h)
	t.Cleanup(s.Close)
	return s
}
