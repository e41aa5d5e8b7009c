package mock_test

// Tests of BigCommerce's rate limits (bigcommerce-rest.md §4): one quota
// per store shared by all its tokens, the X-Rate-Limit-* headers on every
// answer of BigCommerce's APIs, 429 with X-Retry-After past the quota, and
// windows on the mock's clock.

import (
	"net/http"
	"strconv"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// limits reads the rate-limit headers of res.
func limits(t *testing.T, res response) (quota, left, windowMs, resetMs int) {
	t.Helper()
	n := func(name string) int {
		v, err := strconv.Atoi(res.header.Get(name))
		if err != nil {
			t.Fatalf("%s = %q: %v", name, res.header.Get(name), err)
		}
		return v
	}
	return n(bigcommerce.HeaderRateQuota), n(bigcommerce.HeaderRateLeft), n(bigcommerce.HeaderRateWindow), n(bigcommerce.HeaderRateReset)
}

func TestRateLimitPerStoreSharedByItsTokens(t *testing.T) {
	h := newHarness(t, mock.WithRateLimit(bigcommerce.RateLimit{Quota: 3, Window: 30 * time.Second}))
	list := func(store, token, version string) response {
		return h.do(req{method: "GET", path: "/stores/" + store + "/" + version + "/hooks", token: token})
	}
	// The headers count down across tokens (apps) and API versions.
	for i, call := range []struct{ token, version string }{{"app-a", "v3"}, {"app-b", "v2"}, {"app-a", "v3"}} {
		if i == 1 {
			h.clock.Advance(10 * time.Second)
		}
		res := list("abc123", call.token, call.version)
		quota, left, window, reset := limits(t, res)
		wantReset := 30000
		if i > 0 {
			wantReset = 20000
		}
		if res.status/100 != 2 || quota != 3 || left != 2-i || window != 30000 || reset != wantReset {
			t.Fatalf("request %d: %d quota=%d left=%d window=%d reset=%d; want 2xx 3 %d 30000 %d", i+1, res.status, quota, left, window, reset, 2-i, wantReset)
		}
		if res.header.Get(bigcommerce.HeaderRetryAfter) != "" {
			t.Errorf("request %d within the quota has X-Retry-After", i+1)
		}
	}
	// Past the quota every token of the store gets 429, on both versions.
	for _, call := range []struct{ token, version string }{{"app-a", "v3"}, {"app-b", "v3"}, {"app-c", "v2"}} {
		res := list("abc123", call.token, call.version)
		expect(t, res, http.StatusTooManyRequests)
		if _, left, _, reset := limits(t, res); left != 0 || reset != 20000 {
			t.Errorf("%s %s: 429 with left=%d reset=%d; want 0 and 20000", call.token, call.version, left, reset)
		}
		if got := res.header.Get(bigcommerce.HeaderRetryAfter); got != "20" {
			t.Errorf("%s %s: X-Retry-After = %q, want 20", call.token, call.version, got)
		}
	}
	// Another store is unaffected.
	if res := list("def456", "app-a", "v3"); res.status != http.StatusOK {
		t.Errorf("another store: %d %s", res.status, res.body)
	} else if _, left, _, _ := limits(t, res); left != 2 {
		t.Errorf("another store: left=%d, want 2", left)
	}
	// The control API is not BigCommerce's: no quota, no headers.
	if res := h.do(req{method: "GET", path: "/__bcmock/health"}); res.header.Get(bigcommerce.HeaderRateQuota) != "" {
		t.Errorf("the control API carries rate-limit headers: %v", res.header)
	}
	// The window ends when the fake clock passes it.
	h.do(req{method: "POST", path: "/__bcmock/clock/advance", body: `{"seconds":20}`})
	res := list("abc123", "app-b", "v3")
	expect(t, res, http.StatusOK)
	if _, left, _, reset := limits(t, res); left != 2 || reset != 30000 {
		t.Errorf("after the window: left=%d reset=%d; want 2 and 30000", left, reset)
	}
}

func TestRateLimitHeadersOnEveryAnswerOfTheAPIs(t *testing.T) {
	h := newHarness(t, mock.WithRateLimit(bigcommerce.StandardPlan))
	for _, r := range []req{
		{method: "GET", path: "/stores/abc123/v3/hooks/999", token: "t"},                                               // 404
		{method: "POST", path: "/stores/abc123/v3/hooks", token: "t", body: `{"scope":1}`},                             // 422
		{method: "GET", path: "/stores/abc123/v3/hooks", token: "t", header: map[string]string{"Accept": "text/html"}}, // 406
		{method: "DELETE", path: "/stores/abc123/v2/hooks/999", token: "t"},                                            // 404
	} {
		res := h.do(r)
		if quota, _, _, _ := limits(t, res); quota != 150 || res.status < 400 {
			t.Errorf("%s %s: %d with quota %d; want an error answer with the headers", r.method, r.path, res.status, quota)
		}
	}
	if res := h.do(req{method: "GET", path: "/stores/abc123/v3/hooks"}); res.status != http.StatusUnauthorized {
		t.Errorf("no token: %d", res.status)
	}
}

func TestRateLimitOffByDefault(t *testing.T) {
	h := newHarness(t)
	for range 200 {
		res := h.do(req{method: "GET", path: "/stores/abc123/v3/hooks", token: "t"})
		expect(t, res, http.StatusOK)
		if res.header.Get(bigcommerce.HeaderRateQuota) != "" {
			t.Fatalf("rate-limit headers without WithRateLimit: %v", res.header)
		}
	}
}

func TestRateLimitOptionIsValidated(t *testing.T) {
	for _, l := range []bigcommerce.RateLimit{{Quota: -1, Window: time.Second}, {Quota: 5}} {
		if _, err := mock.New(mock.WithRateLimit(l)); err == nil {
			t.Errorf("WithRateLimit(%+v) accepted", l)
		}
	}
}
