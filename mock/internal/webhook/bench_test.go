package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// quickServer answers every request with code and nothing else.
func quickServer(b *testing.B, code int) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(code) }))
	b.Cleanup(srv.Close)
	return srv
}

// BenchmarkDeliver measures signed deliveries per second to a local
// always-200 receiver on the wall clock, including building each event's
// envelope and SHA-1 hash, in batches of 1000 events.
func BenchmarkDeliver(b *testing.B) {
	srv := quickServer(b, http.StatusOK)
	dir := newDir()
	dir.add(webhook.Target{StoreHash: storeA, HookID: 1, ClientID: clientA, Scope: orderNew, Destination: srv.URL,
		Headers: map[string]string{"Authorization": "Basic dXNlcjpwYXNz"}})
	eng := webhook.New(dir, envelope, webhook.WithClock(clock.Real{}))
	b.Cleanup(func() { _ = eng.Shutdown(context.Background()) })
	ctx := context.Background()
	b.ReportAllocs()
	b.ResetTimer()
	sent := 0
	for i := range b.N {
		if _, err := eng.Raise(ctx, orderEvent(b, storeA, i, time.Now())); err != nil {
			b.Fatal(err)
		}
		if i%1000 == 999 || i == b.N-1 {
			sent += eng.DeliverDue(ctx)
		}
	}
	b.StopTimer()
	if s := eng.Stats(storeA); sent != b.N || s.Pending != 0 {
		b.Fatalf("sent %d of %d, %d pending", sent, b.N, s.Pending)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "deliveries/s")
}

// BenchmarkLadder1000 runs 1,000 always-failing hooks (one per app, so the
// blocklist stays out of it) through all 12 attempts to deactivation under
// the fake clock: one op is the whole 48-hour ladder.
func BenchmarkLadder1000(b *testing.B) {
	for _, withExceptions := range []bool{false, true} {
		b.Run(fmt.Sprintf("exception_hooks=%v", withExceptions), func(b *testing.B) {
			failing, ok := quickServer(b, http.StatusInternalServerError), quickServer(b, http.StatusOK)
			b.ReportAllocs()
			for b.Loop() {
				runLadder(b, failing.URL, ok.URL, withExceptions)
			}
			b.ReportMetric(float64(b.Elapsed().Milliseconds())/float64(b.N), "wall-ms/ladder")
		})
	}
}

// runLadder does one BenchmarkLadder1000 op and checks it did everything.
func runLadder(b *testing.B, failing, ok string, withExceptions bool) {
	const hooks = 1000
	clk := clock.NewFake(t0)
	dir := newDir()
	for i := range hooks {
		client := fmt.Sprintf("client-%d", i)
		dir.secrets[client] = "secret-" + client
		dir.add(webhook.Target{StoreHash: storeA, HookID: i + 1, ClientID: client, Scope: orderNew,
			Destination: fmt.Sprintf("%s/hook/%d", failing, i)})
		if withExceptions {
			dir.add(webhook.Target{StoreHash: storeA, HookID: hooks + i + 1, ClientID: client,
				Scope: bigcommerce.DeliveryException, Destination: fmt.Sprintf("%s/exceptions/%d", ok, i)})
		}
	}
	eng := webhook.New(dir, envelope, webhook.WithClock(clk), webhook.WithSeed(1))
	defer eng.Shutdown(context.Background())
	if _, err := eng.Raise(context.Background(), orderEvent(b, storeA, 1, t0)); err != nil {
		b.Fatal(err)
	}
	if err := eng.AdvanceTo(context.Background(), t0.Add(49*time.Hour)); err != nil {
		b.Fatal(err)
	}
	s := eng.Stats(storeA)
	if got := len(dir.deactivations()); got != hooks || s.Pending != 0 || s.Notifications != hooks {
		b.Fatalf("deactivated %d, %d pending, %d notifications; want %d, 0, %d", got, s.Pending, s.Notifications, hooks, hooks)
	}
}

// BenchmarkPendingDelivery measures the heap a pending delivery holds,
// its event's share included, with 1 and 10 hooks per event.
func BenchmarkPendingDelivery(b *testing.B) {
	for _, hooks := range []int{1, 10} {
		b.Run(fmt.Sprintf("hooks_per_event=%d", hooks), func(b *testing.B) {
			dir := newDir()
			for i := range hooks {
				dir.add(webhook.Target{StoreHash: storeA, HookID: i + 1, ClientID: clientA, Scope: orderNew,
					Destination: fmt.Sprintf("https://example.com/hooks/%d", i)})
			}
			eng := webhook.New(dir, envelope, webhook.WithClock(clock.NewFake(t0)))
			events := make([]webhook.Event, b.N)
			for i := range events {
				events[i] = orderEvent(b, storeA, i, t0)
			}
			ctx := context.Background()
			before := heapInUse()
			b.ReportAllocs()
			b.ResetTimer()
			for i := range b.N {
				if _, err := eng.Raise(ctx, events[i]); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			after := heapInUse()
			events = nil
			b.ReportMetric(float64(after-before)/float64(b.N*hooks), "heap-B/pending")
			runtime.KeepAlive(eng)
		})
	}
}

// heapInUse returns the live heap after a full collection.
func heapInUse() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}
