package mock_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock"
)

// The soak's bounds and size. It runs only with BCMOCK_SOAK=1 (CI calls it
// with a timeout); it fails only on the memory bound: wall times (the
// raising rate, list latencies) are logged, because on a shared machine
// they are measurements, not properties.
const (
	soakEvents      = 200_000
	soakStores      = 16               // 12,500 events each: past the per-store and the overall caps
	soakBudget      = 50 * time.Second // bounds the run's length; never asserted
	soakRSSBound    = 200 << 20
	soakListSamples = 9
	soakBacklog     = 5_000 // events raised ahead of the receiver at most
)

// TestSoak raises 200,000 events, one hook each, to a fast local receiver
// through a real mock.Server over httptest, samples the process's RSS and
// heap in use throughout, and then times the control API's list calls.
func TestSoak(t *testing.T) {
	if os.Getenv("BCMOCK_SOAK") == "" {
		t.Skip("set BCMOCK_SOAK=1 to run the soak test (about 30 s)")
	}
	var received atomic.Int64
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		received.Add(1)
	}))
	defer rcv.Close()
	srv, err := mock.New()
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	api := httptest.NewServer(srv)
	defer api.Close()
	stores := make([]string, soakStores)
	for i := range stores {
		stores[i] = fmt.Sprintf("soak%02d", i)
		soakCreateHook(t, api, stores[i], rcv.URL+"/hook")
	}

	runtime.GC()
	t.Logf("before the first event: RSS %.1f MB, heap in use %.1f MB", mb(readRSS()), mb(heapInUse()))
	s := startSampler()
	start := time.Now()
	ctx := context.Background()
	raised := 0
	for ; raised < soakEvents && time.Since(start) < soakBudget; raised++ {
		for int64(raised)-received.Load() > soakBacklog && time.Since(start) < soakBudget {
			time.Sleep(time.Millisecond)
		}
		// store/order/updated of 50 orders per store: the events flood the
		// logs, while the store model holds 800 orders in all (its own
		// memory is measured by mock/internal/shop's TestMemorySoak).
		order := map[string]any{"id": 100 + raised/soakStores%50}
		if _, err := srv.Raise(ctx, stores[raised%soakStores], "store/order/updated", order); err != nil {
			t.Fatal(err)
		}
	}
	for received.Load() < int64(raised) && time.Since(start) < soakBudget+5*time.Second {
		time.Sleep(5 * time.Millisecond)
	}
	elapsed := time.Since(start)
	peak := s.stop()
	runtime.GC()
	live := heapInUse()
	if path := os.Getenv("BCMOCK_SOAK_HEAPPROFILE"); path != "" {
		writeHeapProfile(t, path)
	}
	t.Logf("raised %d events to %d stores, %d received, in %v (%.0f/s)",
		raised, soakStores, received.Load(), elapsed.Round(time.Millisecond), float64(received.Load())/elapsed.Seconds())
	t.Logf("peak RSS %.1f MB, peak heap in use %.1f MB (%d samples); at the end RSS %.1f MB, live heap after GC %.1f MB",
		mb(peak.rss), mb(peak.heap), peak.samples, mb(readRSS()), mb(live))
	if raised < soakEvents {
		t.Logf("the time budget ended the raising after %d of %d events", raised, soakEvents)
	}

	for _, path := range []string{
		"/__bcmock/events?limit=50", "/__bcmock/events?page=200&limit=50", "/__bcmock/events?page=400&limit=50",
		"/__bcmock/deliveries?limit=50", "/__bcmock/deliveries?page=200&limit=50",
		"/__bcmock/deliveries?outcome=delivered&page=399&limit=50", // a filter: every record is read, the page copied
		"/__bcmock/events?store=soak03&page=25&limit=50", "/__bcmock/deliveries?store=soak03&page=12&limit=50",
		"/__bcmock/attempts?page=300&limit=50",
	} {
		med, total := medianList(t, api, path)
		// Logged, not asserted: a wall time on a shared machine is a
		// measurement (README, Performance), and asserting it would flake.
		t.Logf("GET %s: median %v of %d calls, total %d", path, med.Round(10*time.Microsecond), soakListSamples, total)
	}
	if peak.rss > soakRSSBound {
		t.Errorf("peak RSS %.1f MB, bound %.0f MB", mb(peak.rss), mb(soakRSSBound))
	}
	if peak.rss == 0 && peak.heap > soakRSSBound {
		t.Errorf("peak heap in use %.1f MB, bound %.0f MB (no RSS on this system)", mb(peak.heap), mb(soakRSSBound))
	}
}

// soakCreateHook registers a store/order/updated hook through the v3 API.
func soakCreateHook(t *testing.T, api *httptest.Server, store, dest string) {
	t.Helper()
	body := `{"scope":"store/order/updated","destination":"` + dest + `","is_active":true}`
	r, err := http.NewRequest(http.MethodPost, api.URL+"/stores/"+store+"/v3/hooks", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	r.Header.Set("X-Auth-Token", "soak")
	r.Header.Set("Content-Type", "application/json")
	resp, err := api.Client().Do(r)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("create hook in %s: %d %s", store, resp.StatusCode, b)
	}
}

// medianList times soakListSamples GETs of path and returns the median
// duration and the list's meta.pagination.total.
func medianList(t *testing.T, api *httptest.Server, path string) (time.Duration, int) {
	t.Helper()
	var took []time.Duration
	total := -1
	for range soakListSamples {
		begin := time.Now()
		resp, err := api.Client().Get(api.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		took = append(took, time.Since(begin))
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %v %.200s", path, resp.StatusCode, err, body)
		}
		total = totalOf(body)
	}
	slices.Sort(took)
	return took[len(took)/2], total
}

// totalOf reads meta.pagination.total from a list body without decoding
// the records.
func totalOf(body []byte) int {
	const key = `"total":`
	i := strings.LastIndex(string(body), key)
	if i < 0 {
		return -1
	}
	rest := string(body[i+len(key):])
	end := strings.IndexAny(rest, ",}")
	n, err := strconv.Atoi(rest[:max(end, 0)])
	if err != nil {
		return -1
	}
	return n
}

// peakMemory is the highest RSS and heap in use a sampler saw.
type peakMemory struct {
	rss, heap int64
	samples   int
}

// sampler reads RSS and heap in use every 50 ms until stopped.
type sampler struct {
	done chan struct{}
	wg   sync.WaitGroup
	peak peakMemory
}

func startSampler() *sampler {
	s := &sampler{done: make(chan struct{})}
	s.wg.Go(func() {
		tick := time.NewTicker(50 * time.Millisecond)
		defer tick.Stop()
		for {
			s.peak.rss = max(s.peak.rss, readRSS())
			s.peak.heap = max(s.peak.heap, heapInUse())
			s.peak.samples++
			select {
			case <-s.done:
				return
			case <-tick.C:
			}
		}
	})
	return s
}

// stop ends the sampling and returns the peaks.
func (s *sampler) stop() peakMemory {
	close(s.done)
	s.wg.Wait()
	return s.peak
}

// readRSS returns the process's resident set size from /proc, or 0 where
// there is none.
func readRSS() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, err := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			if err == nil {
				return kb << 10
			}
		}
	}
	return 0
}

// heapInUse returns the bytes of heap objects, live or not yet swept, as
// the runtime counts them, without stopping the world.
func heapInUse() int64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	metrics.Read(sample)
	return int64(sample[0].Value.Uint64())
}

// writeHeapProfile writes the heap profile to path, for go tool pprof.
func writeHeapProfile(t *testing.T, path string) {
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := pprof.WriteHeapProfile(f); err != nil {
		t.Fatal(err)
	}
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }
