package reqlog

import (
	"fmt"
	"net/http/httptest"
	"runtime"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/gateway"
)

// BenchmarkRecord records a typical read in a log at its cap, so every
// record drops the oldest: the steady state of a long run.
func BenchmarkRecord(b *testing.B) {
	l := New(clock.NewFake(time.Unix(0, 0)), Caps{})
	r := httptest.NewRequest("GET", "/stores/abc123/v2/orders/100?include=consignments", nil)
	r.Header.Set("User-Agent", "my-app/1.0")
	x := gateway.Exchange{Family: "v2", Operation: "getOrder", Account: account.Account{ClientID: "my-app"}, Status: 200}
	for range DefaultTotalCap {
		l.Record(r, x)
	}
	b.ReportAllocs()
	for b.Loop() {
		l.Record(r, x)
	}
}

// BenchmarkRetained reports the heap a full log holds per record
// (bytes/record): DefaultTotalCap typical reads over 100 stores.
func BenchmarkRetained(b *testing.B) {
	for b.Loop() {
		runtime.GC()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		l := New(clock.NewFake(time.Unix(0, 0)), Caps{})
		x := gateway.Exchange{Family: "v2", Operation: "getOrder", Account: account.Account{ClientID: "my-app"}, Status: 200}
		for i := range DefaultTotalCap {
			r := httptest.NewRequest("GET", fmt.Sprintf("/stores/s%d/v2/orders/%d", i%100, i), nil)
			r.Header.Set("User-Agent", "my-app/1.0")
			l.Record(r, x)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc)/DefaultTotalCap, "bytes/record")
		runtime.KeepAlive(l)
	}
}
