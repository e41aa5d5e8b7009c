package shop

import (
	"fmt"
	"os"
	"runtime"
	"testing"
)

// heapAfterGC is the live heap, measured after two collections.
func heapAfterGC() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// fill raises store/order/created for orders orders in each of stores
// stores, as events from outside invent them.
func fill(tb testing.TB, s *Shop, stores, orders int) {
	data := map[string]any{"id": 0}
	for i := range stores {
		hash := fmt.Sprintf("s%06d", i)
		for id := 1; id <= orders; id++ {
			data["id"] = id
			if _, err := s.Raise(hash, "store/order/created", data, asGiven); err != nil {
				tb.Fatal(err)
			}
		}
	}
}

// BenchmarkMemoryPerOrder fills stores of 100 invented orders through
// Raise and reports the live heap each order costs (bytes/order).
func BenchmarkMemoryPerOrder(b *testing.B) {
	const stores, orders = 100, 100
	for b.Loop() {
		b.StopTimer()
		before := heapAfterGC()
		s, _ := newTestShop(1)
		b.StartTimer()
		fill(b, s, stores, orders)
		b.StopTimer()
		after := heapAfterGC()
		b.ReportMetric(float64(after-before)/(stores*orders), "bytes/order")
		runtime.KeepAlive(s)
		b.StartTimer()
	}
}

// TestMemoryPerOrder checks the target of 10,000 stores x 100 orders
// under 1 GB by measuring 200 stores x 100 orders and scaling (the full
// million is TestMemorySoak's). Bytes per order must stay under 1,000.
func TestMemoryPerOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("measures the heap: not under -short")
	}
	const stores, orders = 200, 100
	before := heapAfterGC()
	s, _ := newTestShop(1)
	fill(t, s, stores, orders)
	per := float64(heapAfterGC()-before) / (stores * orders)
	runtime.KeepAlive(s)
	t.Logf("%.0f bytes/order: 10,000 stores x 100 orders ~ %.0f MB", per, per)
	if per*1e6 >= 1<<30 {
		t.Errorf("%.0f bytes/order: a million orders would take %.0f MB, over 1 GB", per, per)
	}
}

// TestMemorySoak fills 10,000 stores x 100 orders and reports the heap.
// It runs only with BCMOCK_SOAK=1 (about 10 s).
func TestMemorySoak(t *testing.T) {
	if os.Getenv("BCMOCK_SOAK") == "" {
		t.Skip("set BCMOCK_SOAK=1 to fill a million orders")
	}
	const stores, orders = 10_000, 100
	before := heapAfterGC()
	s, _ := newTestShop(1)
	fill(t, s, stores, orders)
	heap := heapAfterGC() - before
	runtime.KeepAlive(s)
	t.Logf("%d stores x %d orders: heap %.0f MB, %.0f bytes/order", stores, orders, float64(heap)/1e6, float64(heap)/(stores*orders))
	if heap >= 1<<30 {
		t.Errorf("heap %.0f MB, over 1 GB", float64(heap)/1e6)
	}
}
