// These tests lock the domain blocklist: per client and destination host
// name (any port), a 2-minute window, judged only from 100 attempts,
// blocked below 90 % success for 3 minutes, held attempts moved along the
// retry ladder (not counted) until the block has ended, one 90003 and one
// domain_blocked email per block.
package webhook_test

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// pathReceiver answers 200 on /ok/... and 500 on /fail/... until recovered.
func pathReceiver(t *testing.T, recovered *atomic.Bool) *receiver {
	return newReceiver(t, func(_ int, r *http.Request) int {
		if strings.HasPrefix(r.URL.Path, "/ok/") || recovered.Load() {
			return http.StatusOK
		}
		return http.StatusInternalServerError
	})
}

// addHooks registers n clientA hooks from id on, all on rv under prefix.
func addHooks(f *fixture, rv *receiver, from, n int, prefix string) {
	for i := range n {
		f.hook(from+i, fmt.Sprintf("%s/%s/%d", rv.URL, prefix, from+i), nil)
	}
}

func TestBlocklistThreshold(t *testing.T) {
	tests := []struct {
		name        string
		ok, fail    int
		wantBlocked bool
	}{
		{"99 failures are too few to judge", 0, 99, false},
		{"100 failures block", 0, 100, true},
		{"exactly 90 % success does not block", 90, 10, false},
		{"89 % success blocks", 89, 11, true},
		{"1000 successes never block", 1000, 0, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var recovered atomic.Bool
			f := newFixture(t)
			rv := pathReceiver(t, &recovered)
			addHooks(f, rv, 1, tc.ok, "ok")
			addHooks(f, rv, 10001, tc.fail, "fail")
			f.raise(t, 1)
			f.eng.DeliverDue(t.Context())
			got := len(f.eng.BlockedDomains(clientA)) == 1
			if got != tc.wantBlocked {
				t.Fatalf("blocked = %v, want %v", got, tc.wantBlocked)
			}
		})
	}
}

func TestBlocklistTripPostponeRelease(t *testing.T) {
	var recovered atomic.Bool
	f := newFixture(t)
	rv := pathReceiver(t, &recovered)
	xrv := newReceiver(t, always(http.StatusOK))
	addHooks(f, rv, 1, 20, "ok")
	addHooks(f, rv, 101, 100, "fail")
	f.dir.add(webhook.Target{StoreHash: storeA, HookID: 300, ClientID: "client-b", Scope: orderNew, Destination: rv.URL + "/ok/b"})
	f.exceptionHook(999, otherHost(xrv.URL)+"/exceptions") // not blocked with rv's host

	// t0: 120 attempts of client A, 20 succeed: the 100th trips the block.
	f.raise(t, 1)
	f.eng.DeliverDue(t.Context())
	checkBlocked(t, f, rv.URL, 180)
	if n := count90003(t, xrv); n != 1 {
		t.Fatalf("got %d 90003 exceptions, want 1", n)
	}
	if ns := f.eng.Notifications(webhook.Filter{Kind: webhook.NotifyDomainBlocked}); len(ns) != 1 ||
		ns[0].Destination != rv.URL || !ns[0].Until.Equal(t0.Add(3*time.Minute)) {
		t.Fatalf("domain_blocked notifications = %+v, want one until t0+3m", ns)
	}

	// t0+30s: a new event goes to the retry queue, due on the ladder's
	// first rung (t0+90s); client B is not blocked.
	f.advance(t, 30*time.Second)
	before := len(f.eng.Attempts(webhook.Filter{HookID: 1}))
	second := f.raise(t, 2)
	f.eng.DeliverDue(t.Context())
	if got := len(f.eng.Attempts(webhook.Filter{HookID: 1})); got != before {
		t.Fatalf("hook 1 has %d attempts, want %d: a blocked attempt must not be sent", got, before)
	}
	checkPostponed(t, f, second.EventID, 1, t0.Add(90*time.Second))
	if got := f.eng.Attempts(webhook.Filter{HookID: 300}); len(got) != 2 || !got[1].At.Equal(t0.Add(30*time.Second)) {
		t.Fatalf("client B attempts = %v, want the second one at t0+30s", offsets(got))
	}
	// t0+90s: still blocked; the next rung (180 s) is after the block. The
	// t0+60s retries of the first event were held to t0+60s+180s.
	f.advance(t, 90*time.Second)
	checkPostponed(t, f, second.EventID, 2, t0.Add(270*time.Second))
	if n := count90003(t, xrv); n != 1 {
		t.Fatalf("got %d 90003 exceptions during one block, want 1", n)
	}

	// t0+3m: the block ends, and nothing is sent then: the held deliveries
	// go out on their rungs, t0+4m and t0+4m30s, not in one burst.
	recovered.Store(true)
	f.advance(t, 3*time.Minute)
	if b := f.eng.BlockedDomains(clientA); len(b) != 0 {
		t.Fatalf("blocked domains after the block = %+v, want none", b)
	}
	if got := len(f.eng.Attempts(webhook.Filter{HookID: 101})); got != 1 {
		t.Fatalf("hook 101 has %d attempts at the block's end, want 1: held deliveries wait for their rung", got)
	}
	f.advance(t, 5*time.Minute)
	checkReleased(t, f, second.EventID)
}

// checkBlocked asserts client A's one blocked domain, with secsLeft left.
func checkBlocked(t *testing.T, f *fixture, origin string, secsLeft int64) {
	t.Helper()
	b := f.eng.BlockedDomains(clientA)
	want := webhook.BlockReason{FailureDescription: "HTTP 500", Count: 80, Timestamp: t0.Unix()}
	if len(b) != 1 || b[0].Destination != origin || b[0].TimeLeft != secsLeft ||
		len(b[0].Reasons) != 1 || b[0].Reasons[0] != want {
		t.Fatalf("BlockedDomains = %+v, want %s for %ds because of %+v", b, origin, secsLeft, want)
	}
	if other := f.eng.BlockedDomains("client-b"); len(other) != 0 {
		t.Fatalf("client B blocked: %+v", other)
	}
}

// checkPostponed asserts client A's deliveries of the event were held n
// times, with no attempt, and are due at due.
func checkPostponed(t *testing.T, f *fixture, eventID int64, n int, due time.Time) {
	t.Helper()
	for _, d := range f.eng.Deliveries(webhook.Filter{EventID: eventID}) {
		if d.ClientID != clientA {
			continue
		}
		if d.Status != bigcommerce.OutcomePending || d.Attempts != 0 || d.Postponements != n || !d.NextAttemptAt.Equal(due) {
			t.Fatalf("delivery %+v, want pending, no attempt, held %d times, due %v", d, n, due)
		}
	}
}

// checkReleased asserts every client A delivery was delivered on its rung:
// the first event's failures at t0+4m (t0, held at t0+1m for 180 s), the
// second event at t0+4m30s; each counts only the attempts really sent.
func checkReleased(t *testing.T, f *fixture, second int64) {
	t.Helper()
	for _, d := range f.eng.Deliveries(webhook.Filter{Scope: orderNew}) {
		if d.ClientID != clientA {
			continue
		}
		if d.Status != bigcommerce.OutcomeDelivered {
			t.Fatalf("delivery %+v, want delivered", d)
		}
		want, at := 1, t0 // the first event's successes: one attempt at t0
		switch {
		case d.EventID == second:
			at = t0.Add(270 * time.Second)
		case d.HookID > 100:
			want, at = 2, t0.Add(4*time.Minute)
		}
		a := f.eng.Attempts(webhook.Filter{DeliveryID: d.ID})
		if len(a) != want || a[want-1].Number != want || !a[want-1].At.Equal(at) {
			t.Fatalf("delivery %d (hook %d, event %d) attempts %v, want %d ending at %v", d.ID, d.HookID, d.EventID, offsets(a), want, at.Sub(t0))
		}
	}
}

// otherHost returns url with its host name 127.0.0.1 spelled localhost:
// the same server, another domain for the blocklist.
func otherHost(url string) string { return strings.Replace(url, "127.0.0.1", "localhost", 1) }

// count90003 counts the 90003 exceptions a receiver got.
func count90003(t *testing.T, xrv *receiver) int {
	n := 0
	for _, x := range exceptions(t, xrv) {
		if x.Data.ErrorCode == bigcommerce.CodeDomainBlocked {
			n++
		}
	}
	return n
}

func TestBlocklistWindowSlides(t *testing.T) {
	tests := []struct {
		name        string
		gap         time.Duration
		wantBlocked bool
	}{
		{"119 s apart: both batches in one window", 119 * time.Second, true},
		{"120 s apart: the first batch has left", 120 * time.Second, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var recovered atomic.Bool
			f := newFixture(t, webhook.WithSchedule(bigcommerce.Schedule{}))
			rv := pathReceiver(t, &recovered)
			addHooks(f, rv, 1, 60, "fail")
			f.raise(t, 1)
			f.eng.DeliverDue(t.Context())
			f.advance(t, tc.gap)
			addHooks(f, rv, 101, 60, "fail") // the first 60 were deactivated
			f.raise(t, 2)
			f.eng.DeliverDue(t.Context())
			if got := len(f.eng.BlockedDomains(clientA)) == 1; got != tc.wantBlocked {
				t.Fatalf("blocked = %v, want %v", got, tc.wantBlocked)
			}
		})
	}
}

func TestBlocklistCountsPerDomain(t *testing.T) {
	var recovered atomic.Bool
	f := newFixture(t)
	rv := pathReceiver(t, &recovered)
	// 60 failures on each of two ports of one host: 120 attempts, one domain.
	other := pathReceiver(t, &recovered)
	addHooks(f, rv, 1, 60, "fail")
	addHooks(f, other, 101, 60, "fail")
	f.raise(t, 1)
	f.eng.DeliverDue(t.Context())
	if b := f.eng.BlockedDomains(clientA); len(b) != 1 {
		t.Fatalf("BlockedDomains = %+v, want one: two ports of one host are one domain", b)
	}
	tests := []struct {
		name, dest  string
		wantBlocked bool
	}{
		{"a third port of the host is blocked", newReceiver(t, always(http.StatusOK)).URL + "/x", true},
		{"another path is blocked", rv.URL + "/ok/y", true},
		{"another host name is not", otherHost(newReceiver(t, always(http.StatusOK)).URL) + "/x", false},
	}
	for i, tc := range tests {
		f.hook(1000+i, tc.dest, nil)
	}
	f.raise(t, 2)
	f.eng.DeliverDue(t.Context())
	for i, tc := range tests {
		sent := len(f.eng.Attempts(webhook.Filter{HookID: 1000 + i})) == 1
		if sent == tc.wantBlocked {
			t.Errorf("%s: sent = %v, want %v", tc.name, sent, !tc.wantBlocked)
		}
	}
}
