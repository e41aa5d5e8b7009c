// These tests lock how the engine is driven: each attempt is recorded, and
// its retry scheduled, the moment it ends, and a hanging destination holds
// only its own slots (issue 9, item 1).
package webhook_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// waitFor polls cond until it holds, failing the test after a generous
// bound: these tests wait for things that happen at once when the engine is
// right and never when it is wrong, so the bound is no timing assertion.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// hangingReceiver holds every request until release (or cleanup), then
// answers 200; arrived counts the requests it holds or held.
type hangingReceiver struct {
	*httptest.Server
	arrived atomic.Int64
	once    sync.Once
	gate    chan struct{}
}

func newHangingReceiver(t *testing.T) *hangingReceiver {
	h := &hangingReceiver{gate: make(chan struct{})}
	h.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		h.arrived.Add(1)
		<-h.gate
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(h.Close)
	t.Cleanup(h.release) // runs before Close
	return h
}

// release lets every held and future request through.
func (h *hangingReceiver) release() { h.once.Do(func() { close(h.gate) }) }

// delivered reports whether store's only delivery is delivered.
func delivered(eng *webhook.Engine, store string) bool {
	d := eng.Deliveries(webhook.Filter{StoreHash: store})
	return len(d) == 1 && d[0].Status == bigcommerce.OutcomeDelivered
}

func TestHangingDestinationDoesNotHoldBackOthers(t *testing.T) {
	f := newFixture(t, webhook.WithTimeout(time.Minute))
	hang := newHangingReceiver(t)
	healthy := newReceiver(t, always(http.StatusOK))
	for i := range 50 {
		f.hook(i+1, hang.URL+"/hook/"+itoa(int64(i)), nil)
	}
	f.dir.add(webhook.Target{StoreHash: storeB, HookID: 100, ClientID: clientA, Scope: orderNew, Destination: healthy.URL})
	f.raise(t, 1)
	storm := make(chan int, 1)
	go func() { storm <- f.eng.DeliverDue(context.Background()) }()
	waitFor(t, "the storm to fill the hanging destination's slots", func() bool { return hang.arrived.Load() >= 8 })

	if _, err := f.eng.Raise(t.Context(), orderEvent(t, storeB, 1, t0)); err != nil {
		t.Fatal(err)
	}
	healthyDone := make(chan int, 1)
	go func() { healthyDone <- f.eng.DeliverDue(context.Background()) }()
	waitFor(t, "store B's delivery while the storm hangs", func() bool { return delivered(f.eng, storeB) })
	if n := <-healthyDone; n != 1 {
		t.Fatalf("the second DeliverDue sent %d attempts, want 1", n)
	}
	if a := f.eng.Attempts(webhook.Filter{StoreHash: storeA}); len(a) != 0 {
		t.Fatalf("store A has %d attempt records while its receiver still hangs", len(a))
	}
	if n := hang.arrived.Load(); n >= 50 {
		t.Fatalf("the hanging destination holds %d attempts, want at most its share", n)
	}

	hang.release()
	if n := <-storm; n != 50 {
		t.Fatalf("the storm sent %d attempts, want 50", n)
	}
	if s := f.eng.Stats(storeA); s.Pending != 0 || s.Attempts != 50 {
		t.Fatalf("store A stats = %+v, want 50 attempts, none pending", s)
	}
}

func TestAttemptRecordedWhenItEnds(t *testing.T) {
	f := newFixture(t, webhook.WithTimeout(time.Minute))
	hang := newHangingReceiver(t)
	fast := newReceiver(t, always(http.StatusOK))
	f.hook(1, hang.URL, nil)
	f.hook(2, fast.URL, nil)
	f.raise(t, 1)
	done := make(chan int, 1)
	go func() { done <- f.eng.DeliverDue(context.Background()) }()

	waitFor(t, "the fast attempt's record", func() bool { return len(f.eng.Attempts(webhook.Filter{})) > 0 })
	a := f.eng.Attempts(webhook.Filter{})
	if len(a) != 1 || a[0].HookID != 2 || a[0].Outcome != bigcommerce.OutcomeSuccess {
		t.Fatalf("attempts while hook 1 hangs = %+v, want hook 2's success only", a)
	}
	d := f.eng.Deliveries(webhook.Filter{})
	if len(d) != 2 || d[0].Status != bigcommerce.OutcomePending || d[0].Attempts != 0 || d[1].Status != bigcommerce.OutcomeDelivered {
		t.Fatalf("deliveries while hook 1 hangs = %+v, want hook 1 pending, hook 2 delivered", d)
	}
	waitFor(t, "hook 1's request to hang", func() bool { return hang.arrived.Load() == 1 })
	if d := f.eng.Deliveries(webhook.Filter{HookID: 1}); d[0].Status != bigcommerce.OutcomePending {
		t.Fatalf("hook 1 = %+v, want pending while it hangs", d[0])
	}

	hang.release()
	if n := <-done; n != 2 {
		t.Fatalf("DeliverDue sent %d, want 2", n)
	}
	if a := f.eng.Attempts(webhook.Filter{}); len(a) != 2 || a[1].HookID != 1 {
		t.Fatalf("attempts after release = %+v, want hook 1's second", a)
	}
}

// realTime hides a fake clock's Set, so the engine treats it as real
// time (Run drives it, AdvanceTo refuses it) while the test moves it.
type realTime struct{ clock.Clock }

// Under Run and real time, a retry is due one schedule step after its
// attempt ended, and starts while another destination still hangs.
func TestRunSchedulesRetryFromAttemptEnd(t *testing.T) {
	fake := clock.NewFake(t0)
	rv := newReceiver(t, func(n int, _ *http.Request) int {
		if n == 1 {
			fake.Advance(5 * time.Second) // the first attempt takes 5 s
			return http.StatusInternalServerError
		}
		return http.StatusOK
	})
	hang := newHangingReceiver(t)
	dir := newDir()
	dir.add(webhook.Target{StoreHash: storeA, HookID: 1, ClientID: clientA, Scope: orderNew, Destination: rv.URL})
	dir.add(webhook.Target{StoreHash: storeB, HookID: 2, ClientID: clientA, Scope: orderNew, Destination: hang.URL})
	eng := webhook.New(dir, envelope, webhook.WithClock(realTime{fake}), webhook.WithTimeout(time.Minute),
		webhook.WithSchedule(bigcommerce.Schedule{time.Second}))
	ran := make(chan error, 1)
	go func() { ran <- eng.Run(context.Background()) }()
	for _, store := range []string{storeA, storeB} {
		if _, err := eng.Raise(t.Context(), orderEvent(t, store, 1, t0)); err != nil {
			t.Fatal(err)
		}
	}

	waitFor(t, "the first attempt's record", func() bool { return len(eng.Attempts(webhook.Filter{HookID: 1})) == 1 })
	waitFor(t, "hook 2's request to hang", func() bool { return hang.arrived.Load() == 1 })
	first := eng.Attempts(webhook.Filter{HookID: 1})[0]
	want := t0.Add(6 * time.Second) // ended at t0+5s, plus the 1 s step
	if !first.At.Equal(t0) || first.NextAttemptAt == nil || !first.NextAttemptAt.Equal(want) {
		t.Fatalf("first attempt at %v, next at %v; want t0, %v", first.At, first.NextAttemptAt, want)
	}
	if d := eng.Deliveries(webhook.Filter{HookID: 1}); !d[0].NextAttemptAt.Equal(want) {
		t.Fatalf("delivery next_attempt_at = %v, want %v", d[0].NextAttemptAt, want)
	}

	fake.Advance(time.Second)
	eng.Wake()
	waitFor(t, "the retry while hook 2 hangs", func() bool { return delivered(eng, storeA) })
	a := eng.Attempts(webhook.Filter{HookID: 1})
	if len(a) != 2 || !a[1].At.Equal(want) || len(rv.requests()) != 2 {
		t.Fatalf("hook 1 attempts at %v, want t0 and %v", offsets(a), want)
	}
	if n := len(eng.Attempts(webhook.Filter{HookID: 2})); n != 0 || hang.arrived.Load() != 1 {
		t.Fatalf("hook 2 has %d records and %d requests, want 0 and 1 (still hanging)", n, hang.arrived.Load())
	}

	hang.release()
	if err := eng.Shutdown(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := <-ran; err != nil {
		t.Fatalf("Run = %v", err)
	}
	if !delivered(eng, storeB) {
		t.Fatalf("store B = %+v, want delivered once released", eng.Deliveries(webhook.Filter{StoreHash: storeB}))
	}
}
