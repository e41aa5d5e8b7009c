package gateway

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

func TestRateLimiterWindows(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewRateLimiter(bigcommerce.RateLimit{Quota: 2, Window: time.Second}, func() time.Time { return now })
	step := func(d time.Duration, store string, allowed bool, left int, reset time.Duration) {
		t.Helper()
		now = now.Add(d)
		u := l.Take(store)
		if u.Allowed != allowed || u.Left != left || u.Reset != reset || u.Quota != 2 || u.Window != time.Second {
			t.Fatalf("at +%v %s: %+v; want allowed=%v left=%d reset=%v", d, store, u, allowed, left, reset)
		}
	}
	step(0, "a", true, 1, time.Second)
	step(300*time.Millisecond, "a", true, 0, 700*time.Millisecond)
	step(0, "b", true, 1, time.Second) // another store has its own window
	step(699*time.Millisecond, "a", false, 0, time.Millisecond)
	step(time.Millisecond, "a", true, 1, time.Second) // the window ended exactly now
	step(-time.Hour, "a", true, 1, time.Second)       // a clock that went back starts afresh
}

func TestRateLimiterDropsEndedWindows(t *testing.T) {
	now := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	l := NewRateLimiter(bigcommerce.RateLimit{Quota: 1, Window: time.Second}, func() time.Time { return now })
	for i := range maxIdleWindows {
		l.Take("s" + strconv.Itoa(i))
	}
	now = now.Add(time.Second)
	l.Take("new")
	if n := len(l.windows); n != 1 {
		t.Errorf("%d windows kept after every other one ended; want 1", n)
	}
}

func TestUsageHeaders(t *testing.T) {
	h := http.Header{}
	Usage{Allowed: false, Quota: 150, Left: 0, Window: 30 * time.Second, Reset: 1500*time.Microsecond + 20*time.Second}.SetHeaders(h)
	want := map[string]string{
		bigcommerce.HeaderRateWindow: "30000", bigcommerce.HeaderRateReset: "20002", bigcommerce.HeaderRateQuota: "150",
		bigcommerce.HeaderRateLeft: "0", bigcommerce.HeaderRetryAfter: "21",
	}
	for k, v := range want {
		if h.Get(k) != v {
			t.Errorf("%s = %q, want %q", k, h.Get(k), v)
		}
	}
	h = http.Header{}
	Usage{Allowed: false, Quota: 1, Window: time.Second, Reset: time.Nanosecond}.SetHeaders(h)
	if h.Get(bigcommerce.HeaderRetryAfter) != "1" {
		t.Errorf("X-Retry-After = %q for a window about to end; want 1", h.Get(bigcommerce.HeaderRetryAfter))
	}
	h = http.Header{}
	Usage{Allowed: true, Quota: 1, Window: time.Second}.SetHeaders(h)
	if h.Get(bigcommerce.HeaderRetryAfter) != "" {
		t.Error("X-Retry-After on an allowed request")
	}
}
