// These tests lock the engine's bookkeeping: shutdown accounting, resets,
// the attempt-log cap, atomic claims, cancellation and activation delay.
package webhook_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"

	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// waitClosing spins until Raise reports ErrShuttingDown. The empty event
// would be rejected anyway, so polling records nothing.
func waitClosing(eng *webhook.Engine) {
	for {
		if _, err := eng.Raise(context.Background(), webhook.Event{}); errors.Is(err, webhook.ErrShuttingDown) {
			return
		}
		runtime.Gosched()
	}
}

func TestShutdownLetsInFlightFinish(t *testing.T) {
	f := newFixture(t, webhook.WithConcurrency(1))
	arrived, release := make(chan struct{}), make(chan struct{})
	rv := newReceiver(t, func(n int, _ *http.Request) int {
		if n == 1 {
			close(arrived)
			<-release
		}
		return http.StatusOK
	})
	f.hook(1, rv.URL+"/1", nil)
	f.hook(2, rv.URL+"/2", nil)
	f.raise(t, 1)
	delivered := make(chan int)
	go func() { delivered <- f.eng.DeliverDue(context.Background()) }()
	<-arrived

	shut := make(chan error)
	go func() { shut <- f.eng.Shutdown(context.Background()) }()
	waitClosing(f.eng)
	close(release)
	if err := <-shut; err != nil {
		t.Fatalf("Shutdown = %v", err)
	}
	if n := <-delivered; n != 1 {
		t.Fatalf("DeliverDue sent %d, want 1 (the one in flight)", n)
	}
	var got []bigcommerce.Outcome
	for _, d := range f.eng.Deliveries(webhook.Filter{}) {
		got = append(got, d.Status)
	}
	if want := []bigcommerce.Outcome{bigcommerce.OutcomeDelivered, bigcommerce.OutcomePending}; !slices.Equal(got, want) {
		t.Fatalf("statuses = %v, want %v", got, want)
	}
	if _, err := f.eng.Raise(t.Context(), orderEvent(t, storeA, 2, t0)); !errors.Is(err, webhook.ErrShuttingDown) {
		t.Fatalf("Raise after Shutdown = %v, want ErrShuttingDown", err)
	}
	if n := f.eng.DeliverDue(t.Context()); n != 0 {
		t.Fatalf("DeliverDue after Shutdown sent %d", n)
	}
	if err := f.eng.AdvanceTo(t.Context(), t0.Add(time.Hour)); !errors.Is(err, webhook.ErrShuttingDown) {
		t.Fatalf("AdvanceTo after Shutdown = %v, want ErrShuttingDown", err)
	}
	if s := f.eng.Stats(storeA); s.Pending != 1 || s.Events != 1 || s.Deliveries != 2 {
		t.Fatalf("stats = %+v, want 1 event, 2 deliveries, 1 pending", s)
	}
}

func TestShutdownDeadlineAbortsInFlight(t *testing.T) {
	f := newFixture(t)
	arrived, release := make(chan struct{}), make(chan struct{})
	rv := newReceiver(t, func(int, *http.Request) int {
		close(arrived)
		<-release
		return http.StatusOK
	})
	t.Cleanup(func() { close(release) })
	f.hook(1, rv.URL, nil)
	f.raise(t, 1)
	done := make(chan int)
	go func() { done <- f.eng.DeliverDue(context.Background()) }()
	<-arrived

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := f.eng.Shutdown(ctx); !errors.Is(err, context.Canceled) {
		t.Fatalf("Shutdown = %v, want context.Canceled", err)
	}
	if n := <-done; n != 0 {
		t.Fatalf("DeliverDue counted %d aborted attempts", n)
	}
	d := f.eng.Deliveries(webhook.Filter{})
	if len(d) != 1 || d[0].Status != bigcommerce.OutcomePending || d[0].Attempts != 0 || !d[0].NextAttemptAt.Equal(t0) {
		t.Fatalf("deliveries = %+v, want one pending, due t0, no attempt counted", d)
	}
	if a := f.eng.Attempts(webhook.Filter{}); len(a) != 0 {
		t.Fatalf("attempts = %+v, want none recorded", a)
	}
}

func TestReset(t *testing.T) {
	f := newFixture(t)
	rv := newReceiver(t, always(http.StatusInternalServerError))
	f.hook(1, rv.URL+"/a", nil)
	f.dir.add(webhook.Target{StoreHash: storeB, HookID: 2, ClientID: clientA, Scope: orderNew, Destination: rv.URL + "/b"})
	first := f.raise(t, 1)
	if _, err := f.eng.Raise(t.Context(), orderEvent(t, storeB, 1, t0)); err != nil {
		t.Fatal(err)
	}
	f.eng.DeliverDue(t.Context())
	firstID := f.eng.Deliveries(webhook.Filter{StoreHash: storeA})[0].MessageID

	f.eng.Reset(storeA)
	if s := f.eng.Stats(storeA); s != (webhook.Stats{}) {
		t.Fatalf("store A stats after Reset = %+v, want zero", s)
	}
	if s := f.eng.Stats(storeB); s.Events != 1 || s.Pending != 1 || s.Attempts != 1 {
		t.Fatalf("store B stats = %+v, want untouched", s)
	}
	if next, ok := f.eng.NextDue(); !ok || !next.Equal(t0.Add(time.Minute)) {
		t.Fatalf("NextDue = %v, %v; want store B's retry at t0+1m", next, ok)
	}
	f.advance(t, 49*time.Hour)
	if a := f.eng.Attempts(webhook.Filter{}); len(a) != 12 || a[0].StoreHash != storeB {
		t.Fatalf("after Reset: %d attempts, want store B's 12 only", len(a))
	}

	f.eng.ResetAll()
	if ev, d := f.eng.Events(webhook.Filter{}), f.eng.Deliveries(webhook.Filter{}); len(ev)+len(d) != 0 {
		t.Fatalf("after ResetAll: %d events, %d deliveries", len(ev), len(d))
	}
	if _, ok := f.eng.NextDue(); ok {
		t.Fatal("NextDue after ResetAll reports pending work")
	}
	f.dir.setActive(storeA, 1, true)
	again := f.raise(t, 1)
	if again.EventID != first.EventID || f.eng.Deliveries(webhook.Filter{})[0].MessageID != firstID {
		t.Fatalf("after ResetAll ids restart: event %d (want %d)", again.EventID, first.EventID)
	}
}

func TestAttemptLogCap(t *testing.T) {
	f := newFixture(t, webhook.WithAttemptLogCap(5))
	rv := newReceiver(t, always(http.StatusInternalServerError))
	f.hook(1, rv.URL, nil)
	f.dir.add(webhook.Target{StoreHash: storeB, HookID: 2, ClientID: clientA, Scope: orderNew, Destination: rv.URL + "/b"})
	f.raise(t, 1)
	if _, err := f.eng.Raise(t.Context(), orderEvent(t, storeB, 1, t0)); err != nil {
		t.Fatal(err)
	}
	f.advance(t, 49*time.Hour)

	for _, store := range []string{storeA, storeB} {
		a := f.eng.Attempts(webhook.Filter{StoreHash: store})
		var nums []int
		for _, x := range a {
			nums = append(nums, x.Number)
		}
		if want := []int{8, 9, 10, 11, 12}; !slices.Equal(nums, want) {
			t.Fatalf("store %s kept attempts %v, want %v", store, nums, want)
		}
		s := f.eng.Stats(store)
		if s.Attempts != 5 || s.AttemptsDropped != 7 || s.Deliveries != 1 || s.Events != 1 {
			t.Fatalf("store %s stats = %+v, want 5 kept, 7 dropped, delivery and event kept", store, s)
		}
	}
}

func TestConcurrentDeliverDueSendsOnce(t *testing.T) {
	f := newFixture(t, webhook.WithConcurrency(4))
	rv := newReceiver(t, always(http.StatusOK))
	const hooks = 200
	for i := range hooks {
		f.hook(i+1, rv.URL, nil)
	}
	f.raise(t, 1)
	var wg sync.WaitGroup
	sent := make([]int, 4)
	for i := range sent {
		wg.Go(func() { sent[i] = f.eng.DeliverDue(context.Background()) })
	}
	wg.Wait()
	seen := map[string]int{}
	for _, r := range rv.requests() {
		seen[r.Header.Get(bigcommerce.HeaderWebhookID)]++
	}
	total := sent[0] + sent[1] + sent[2] + sent[3]
	if total != hooks || len(seen) != hooks || len(rv.requests()) != hooks {
		t.Fatalf("sent %v (total %d), %d requests, %d distinct ids; want %d of each", sent, total, len(rv.requests()), len(seen), hooks)
	}
}

func TestInactiveHookCancels(t *testing.T) {
	f := newFixture(t)
	rv := newReceiver(t, always(http.StatusInternalServerError))
	f.hook(1, rv.URL, nil)
	f.raise(t, 1)
	f.eng.DeliverDue(t.Context())
	f.dir.setActive(storeA, 1, false) // the user turned it off
	f.advance(t, 49*time.Hour)

	d := f.eng.Deliveries(webhook.Filter{})
	if len(d) != 1 || d[0].Status != bigcommerce.OutcomeCancelled || d[0].Attempts != 1 || !d[0].CompletedAt.Equal(t0.Add(time.Minute)) {
		t.Fatalf("deliveries = %+v, want cancelled at t0+1m after 1 attempt", d)
	}
	if n := len(rv.requests()); n != 1 {
		t.Fatalf("receiver got %d requests, want 1", n)
	}
	if got := f.dir.deactivations(); len(got) != 0 {
		t.Fatalf("Deactivate called for %v", got)
	}
	if c := f.eng.Deliveries(webhook.Filter{Outcome: bigcommerce.OutcomeCancelled}); len(c) != 1 {
		t.Fatalf("outcome filter found %d cancelled", len(c))
	}
}

func TestActivationDelay(t *testing.T) {
	f := newFixture(t, webhook.WithActivationDelay(time.Minute))
	add := func(id int, created time.Time) {
		f.dir.add(webhook.Target{StoreHash: storeA, HookID: id, ClientID: clientA, Scope: orderNew,
			Destination: "http://127.0.0.1:1/", CreatedAt: created})
	}
	add(1, t0.Add(-30*time.Second)) // too young
	add(2, t0.Add(-time.Minute))    // exactly old enough
	add(3, time.Time{})             // unknown age: treated as old
	if got := f.raise(t, 1).HookIDs; !slices.Equal(got, []int{2, 3}) {
		t.Fatalf("at t0 matched %v, want [2 3]", got)
	}
	f.clk.Set(t0.Add(30 * time.Second))
	if got := f.raise(t, 2).HookIDs; !slices.Equal(got, []int{1, 2, 3}) {
		t.Fatalf("at t0+30s matched %v, want [1 2 3]", got)
	}
}

func TestRaiseRejectsInvalidEvents(t *testing.T) {
	f := newFixture(t)
	tests := []webhook.Event{
		{Scope: orderNew},
		{StoreHash: storeA},
		{},
	}
	for _, ev := range tests {
		if _, err := f.eng.Raise(t.Context(), ev); !errors.Is(err, webhook.ErrInvalidEvent) {
			t.Errorf("Raise(%+v) = %v, want ErrInvalidEvent", ev, err)
		}
	}
	if ev := f.eng.Events(webhook.Filter{}); len(ev) != 0 {
		t.Fatalf("recorded %d events", len(ev))
	}
}

func TestQueriesReturnCopies(t *testing.T) {
	f := newFixture(t, webhook.WithSchedule(bigcommerce.Schedule{}))
	rv := newReceiver(t, always(http.StatusInternalServerError))
	f.hook(1, rv.URL, map[string]string{"X-A": "1"})
	f.raise(t, 1)
	f.eng.DeliverDue(t.Context())

	f.eng.Events(webhook.Filter{})[0].HookIDs[0] = 99
	f.eng.Attempts(webhook.Filter{})[0].Request.Headers["X-A"] = "changed"
	*f.eng.Deliveries(webhook.Filter{})[0].CompletedAt = time.Time{}
	f.eng.Notifications(webhook.Filter{})[0].Emails[0] = "changed"

	if got := f.eng.Events(webhook.Filter{})[0].HookIDs[0]; got != 1 {
		t.Errorf("event hook id changed to %d", got)
	}
	if got := f.eng.Attempts(webhook.Filter{})[0].Request.Headers["X-A"]; got != "1" {
		t.Errorf("attempt header changed to %q", got)
	}
	if got := f.eng.Deliveries(webhook.Filter{})[0].CompletedAt; !got.Equal(t0) {
		t.Errorf("completed_at changed to %v", got)
	}
	if got := f.eng.Notifications(webhook.Filter{})[0].Emails[0]; got != "ops@example.com" {
		t.Errorf("notification email changed to %q", got)
	}
}

// TestRecordsMarshal checks the records serialise with snake_case keys.
func TestRecordsMarshal(t *testing.T) {
	f := newFixture(t, webhook.WithSchedule(bigcommerce.Schedule{}))
	rv := newReceiver(t, always(http.StatusTeapot))
	f.hook(1, rv.URL, nil)
	f.raise(t, 1)
	f.eng.DeliverDue(t.Context())
	tests := []struct {
		v    any
		keys []string
	}{
		{f.eng.Events(webhook.Filter{}), []string{`"store_hash"`, `"hook_ids"`, `"raised_at"`}},
		{f.eng.Deliveries(webhook.Filter{}), []string{`"message_id"`, `"completed_at"`, `"warning"`}},
		{f.eng.Attempts(webhook.Filter{}), []string{`"delivery_id"`, `"response_status":418`, `"duration_ms"`}},
		{f.eng.Notifications(webhook.Filter{}), []string{`"kind":"hook_deactivated"`, `"emails"`}},
		{f.eng.Stats(storeA), []string{`"attempts_dropped"`}},
	}
	for _, tc := range tests {
		b, err := json.Marshal(tc.v)
		if err != nil {
			t.Fatal(err)
		}
		for _, k := range tc.keys {
			if !strings.Contains(string(b), k) {
				t.Errorf("%s lacks %s", b, k)
			}
		}
	}
}

// TestShutdownOfAnIdleEngineReportsNoLoss checks an engine with nothing in
// flight shuts down without error even when the budget has already run
// out (the HTTP server may have used it up): nothing was abandoned.
func TestShutdownOfAnIdleEngineReportsNoLoss(t *testing.T) {
	for range 50 { // the old select chose at random between the two
		eng := webhook.New(nil, nil)
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if err := eng.Shutdown(ctx); err != nil {
			t.Fatalf("Shutdown of an idle engine = %v, want nil", err)
		}
	}
}
