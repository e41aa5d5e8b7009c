package gateway

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// RateLimiter counts requests against one quota per store, in fixed
// windows on an injected clock, as BigCommerce's quota refreshes every
// window and is shared by all apps (all tokens) of a store. It is safe for
// concurrent use. Create it with NewRateLimiter; families that share one
// (v2 and v3) share the stores' quotas.
type RateLimiter struct {
	limit bigcommerce.RateLimit
	now   func() time.Time

	mu      sync.Mutex
	windows map[string]*window
}

// window is one store's current window: when it began and the requests
// counted in it.
type window struct {
	start time.Time
	used  int
}

// maxIdleWindows bounds the windows kept before the ended ones are
// dropped (an ended window is the same as none).
const maxIdleWindows = 4096

// NewRateLimiter returns a limiter of limit (which must be on and valid)
// with time from now.
func NewRateLimiter(limit bigcommerce.RateLimit, now func() time.Time) *RateLimiter {
	return &RateLimiter{limit: limit, now: now, windows: map[string]*window{}}
}

// Usage is a store's quota after one request.
type Usage struct {
	// Allowed is false when the request is past the quota (429).
	Allowed bool
	// Quota and Left are requests per window and requests left in it.
	Quota, Left int
	// Window is the window's length; Reset is the time until it ends.
	Window, Reset time.Duration
}

// Take counts one request of store, unless the quota is spent, and
// returns the quota's state. A window begins with the first request after
// the previous one ended (or when the clock went back).
func (l *RateLimiter) Take(store string) Usage {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	w := l.windows[store]
	if w == nil || !now.Before(w.start.Add(l.limit.Window)) || now.Before(w.start) {
		if w == nil && len(l.windows) >= maxIdleWindows {
			l.dropEnded(now)
		}
		w = &window{start: now}
		l.windows[store] = w
	}
	u := Usage{Quota: l.limit.Quota, Window: l.limit.Window, Reset: w.start.Add(l.limit.Window).Sub(now)}
	if w.used < l.limit.Quota {
		w.used++
		u.Allowed = true
	}
	u.Left = l.limit.Quota - w.used
	return u
}

func (l *RateLimiter) dropEnded(now time.Time) {
	for k, w := range l.windows {
		if !now.Before(w.start.Add(l.limit.Window)) || now.Before(w.start) {
			delete(l.windows, k)
		}
	}
}

// SetHeaders writes BigCommerce's rate-limit headers for u, and
// X-Retry-After (whole seconds until the window ends, rounded up) when the
// request is refused.
func (u Usage) SetHeaders(h http.Header) {
	h.Set(bigcommerce.HeaderRateWindow, strconv.FormatInt(u.Window.Milliseconds(), 10))
	h.Set(bigcommerce.HeaderRateReset, strconv.FormatInt(ceilDiv(u.Reset, time.Millisecond), 10))
	h.Set(bigcommerce.HeaderRateQuota, strconv.Itoa(u.Quota))
	h.Set(bigcommerce.HeaderRateLeft, strconv.Itoa(u.Left))
	if !u.Allowed {
		h.Set(bigcommerce.HeaderRetryAfter, strconv.FormatInt(max(1, ceilDiv(u.Reset, time.Second)), 10))
	}
}

func ceilDiv(d, unit time.Duration) int64 { return int64((d + unit - 1) / unit) }

// limit is the gateway's rate-limit step, after authentication: it counts
// the request against its store's quota and sets the headers every answer
// then carries, and answers 429 past the quota. It reports whether the
// request may go on.
func (g *Gateway) limit(w http.ResponseWriter, r *http.Request, f *Family) bool {
	if f.RateLimit == nil {
		return true
	}
	u := f.RateLimit.Take(storeOf(r.URL.EscapedPath()))
	u.SetHeaders(w.Header())
	if u.Allowed {
		return true
	}
	if g.observer != nil {
		g.observer.RateLimited(f.Name)
	}
	f.Errors(w, Error{Status: http.StatusTooManyRequests, Title: f.Titles.TooManyRequests,
		Detail: "the store's quota of " + u.limitText() + " is spent; retry after " + w.Header().Get(bigcommerce.HeaderRetryAfter) + "s"})
	return false
}

func (u Usage) limitText() string {
	return strconv.Itoa(u.Quota) + " requests per " + u.Window.String()
}

// storeOf returns the store hash of a path /stores/{store_hash}/..., the
// key of its quota.
func storeOf(escapedPath string) string {
	rest, ok := strings.CutPrefix(escapedPath, "/stores/")
	if !ok {
		return ""
	}
	hash, _, _ := strings.Cut(rest, "/")
	if u, err := url.PathUnescape(hash); err == nil {
		return u
	}
	return hash
}
