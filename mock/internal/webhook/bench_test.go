package webhook_test

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/metrics"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// quickServer answers every request with code and nothing else.
func quickServer(b *testing.B, code int) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) { w.WriteHeader(code) }))
	b.Cleanup(srv.Close)
	return srv
}

// benchConcurrency is the parallelism of both sides of BenchmarkDeliver.
const benchConcurrency = 16

// countingReceiver is a local always-200 receiver that reads every body and
// closes done once it has answered want requests.
type countingReceiver struct {
	*httptest.Server
	n    atomic.Int64
	want int64
	done chan struct{}
}

func newCountingReceiver(b *testing.B, want int) *countingReceiver {
	rv := &countingReceiver{want: int64(want), done: make(chan struct{})}
	rv.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		w.WriteHeader(http.StatusOK)
		if rv.n.Add(1) == rv.want {
			close(rv.done)
		}
	}))
	b.Cleanup(rv.Close)
	return rv
}

// BenchmarkDeliver compares, in one run, the engine's signed deliveries per
// second to a local always-200 receiver on the wall clock with what a bare
// client reaches against the same receiver: the same body size, the same
// transport settings (the engine's default client) and the same
// parallelism. "engine" includes raising each event (building its envelope
// and SHA-1 hash with bigcommerce.Build, as the mock does) and ends when
// every delivery is recorded.
func BenchmarkDeliver(b *testing.B) {
	var bare, engine float64
	b.Run("bare", func(b *testing.B) { bare = benchBare(b) })
	b.Run("engine", func(b *testing.B) { engine = benchEngine(b) })
	if bare > 0 {
		b.Logf("engine/bare = %.2f (%.0f vs %.0f per second)", engine/bare, engine, bare)
	}
}

// benchBare posts b.N bodies the size of an order event from
// benchConcurrency goroutines and returns posts per second.
func benchBare(b *testing.B) float64 {
	rv := newCountingReceiver(b, b.N)
	client := webhook.DefaultClient(benchConcurrency)
	body := benchEvent(b, 1).Body
	var next atomic.Int64
	var wg sync.WaitGroup
	b.ReportAllocs()
	b.ResetTimer()
	for range benchConcurrency {
		wg.Go(func() {
			for next.Add(1) <= int64(b.N) {
				req, err := http.NewRequest(http.MethodPost, rv.URL, bytes.NewReader(body))
				if err != nil {
					b.Error(err)
					return
				}
				req.Header.Set("Content-Type", "application/json")
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		})
	}
	wg.Wait()
	b.StopTimer()
	rate := float64(b.N) / b.Elapsed().Seconds()
	b.ReportMetric(rate, "posts/s")
	return rate
}

// benchEvent builds an order/created callback the way the mock does
// (bigcommerce.Build: the envelope, its SHA-1 hash, the body).
func benchEvent(b *testing.B, id int) webhook.Event {
	data := struct {
		Type string `json:"type"`
		ID   int    `json:"id"`
	}{"order", id}
	env, body, err := bigcommerce.Build(storeA, orderNew, data, time.Now())
	if err != nil {
		b.Fatal(err)
	}
	return webhook.Event{StoreHash: storeA, Scope: orderNew, Body: body, Hash: env.Hash, CreatedAt: time.Unix(env.CreatedAt, 0)}
}

// benchEngine raises b.N events for one hook while Run delivers them and
// returns deliveries per second.
func benchEngine(b *testing.B, opts ...webhook.Option) float64 {
	rv := newCountingReceiver(b, b.N)
	dir := newDir()
	dir.add(webhook.Target{StoreHash: storeA, HookID: 1, ClientID: clientA, Scope: orderNew, Destination: rv.URL,
		Headers: map[string]string{"Authorization": "Basic dXNlcjpwYXNz"}})
	eng := webhook.New(dir, envelope, append([]webhook.Option{webhook.WithClock(clock.Real{}), webhook.WithSeed(1),
		webhook.WithConcurrency(benchConcurrency), webhook.WithDestinationConcurrency(benchConcurrency)}, opts...)...)
	ctx := context.Background()
	ran := make(chan error, 1)
	go func() { ran <- eng.Run(ctx) }()
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := eng.Raise(ctx, benchEvent(b, i)); err != nil {
			b.Fatal(err)
		}
	}
	<-rv.done
	if err := eng.Shutdown(ctx); err != nil {
		b.Fatal(err)
	}
	b.StopTimer()
	if err := <-ran; err != nil {
		b.Fatal(err)
	}
	if s := eng.Stats(storeA); s.Deliveries != b.N || s.Pending != 0 {
		b.Fatalf("%d deliveries, %d pending; want %d, 0", s.Deliveries, s.Pending, b.N)
	}
	rate := float64(b.N) / b.Elapsed().Seconds()
	b.ReportMetric(rate, "deliveries/s")
	return rate
}

// BenchmarkDeliverMetrics compares, in one run, the delivery path of
// BenchmarkDeliver without an observer and with the mock's Prometheus
// metrics observing every event, attempt and delivery.
func BenchmarkDeliverMetrics(b *testing.B) {
	var off, on float64
	b.Run("metrics=off", func(b *testing.B) { off = benchEngine(b) })
	b.Run("metrics=on", func(b *testing.B) {
		on = benchEngine(b, webhook.WithObserver(metrics.New(metrics.Gauges{})))
	})
	if off > 0 {
		b.Logf("on/off = %.2f (%.0f vs %.0f deliveries per second)", on/off, on, off)
	}
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
