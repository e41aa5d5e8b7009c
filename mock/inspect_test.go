package mock_test

import (
	"bufio"
	"encoding/json"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// failing is a receiver that answers every callback 500 with a header
// and a body the attempt records must show.
func failing(t *testing.T) *httptest.Server {
	t.Helper()
	rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Receiver", "always-fails")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, "receiver is down")
	}))
	t.Cleanup(rc.Close)
	return rc
}

// firstAttemptFailed starts a mock with one hook of store abc123 to a
// failing receiver, raises an event and makes its first attempt.
func firstAttemptFailed(t *testing.T, opts ...mock.Option) (*harness, *httptest.Server) {
	t.Helper()
	h := newHarness(t, opts...)
	rc := failing(t)
	h.create(tokenA, "abc123", "store/order/created", rc.URL)
	h.raise("abc123", "store/order/created", "")
	h.advance(0)
	return h, rc
}

// scrape reads /metrics and parses it with the exposition format's own parser.
func (h *harness) scrape() map[string]*dto.MetricFamily {
	h.t.Helper()
	resp, err := h.http.Client().Get(h.http.URL + "/metrics")
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		h.t.Fatalf("GET /metrics: %d", resp.StatusCode)
	}
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		h.t.Fatalf("parse /metrics: %v", err)
	}
	return families
}

// value returns the value of the series of name with labels (name=value
// pairs), 0 when there is none.
func value(families map[string]*dto.MetricFamily, name string, labels ...string) float64 {
	f := families[name]
	if f == nil {
		return 0
	}
next:
	for _, m := range f.GetMetric() {
		for i := 0; i+1 < len(labels); i += 2 {
			found := false
			for _, l := range m.GetLabel() {
				if l.GetName() == labels[i] && l.GetValue() == labels[i+1] {
					found = true
				}
			}
			if !found {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue()
		case m.Gauge != nil:
			return m.Gauge.GetValue()
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount())
		}
	}
	return 0
}

func TestMetricsMoveAsDeliveriesHappen(t *testing.T) {
	h := newHarness(t)
	rc := failing(t)
	h.create(tokenA, "abc123", "store/order/created", rc.URL)
	before := h.scrape()
	if v := value(before, "bcmock_delivery_attempts_total", "outcome", "failure"); v != 0 {
		t.Fatalf("failed attempts before any event = %v", v)
	}
	if v := value(before, "bcmock_http_requests_total", "family", "v3", "operation", "createWebhooks", "status", "200"); v != 1 {
		t.Errorf("createWebhooks requests = %v, want 1", v)
	}

	h.raise("abc123", "store/order/created", "")
	h.advance(0)
	m := h.scrape()
	for _, c := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"bcmock_events_raised_total", []string{"scope", "store/order/created"}, 1},
		{"bcmock_delivery_attempts_total", []string{"outcome", "failure"}, 1},
		{"bcmock_delivery_attempt_duration_seconds", nil, 1},
		{"bcmock_pending_deliveries", nil, 1},
		{"bcmock_deliveries_total", []string{"outcome", "failed"}, 0},
		{"bcmock_http_requests_total", []string{"family", "control", "operation", "raiseEvent", "status", "201"}, 1},
	} {
		if got := value(m, c.name, c.labels...); got != c.want {
			t.Errorf("after the first attempt: %s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}

	h.advance(3 * 86400) // the whole ladder: 12 attempts, then the hook is deactivated
	m = h.scrape()
	for _, c := range []struct {
		name   string
		labels []string
		want   float64
	}{
		{"bcmock_delivery_attempts_total", []string{"outcome", "failure"}, float64(bigcommerce.DefaultSchedule.Attempts())},
		{"bcmock_deliveries_total", []string{"outcome", "failed"}, 1},
		{"bcmock_pending_deliveries", nil, 0},
		{"bcmock_hook_deactivations_total", nil, 1},
		{"bcmock_http_requests_total", []string{"family", "metrics", "operation", "metrics", "status", "200"}, 2},
	} {
		if got := value(m, c.name, c.labels...); got != c.want {
			t.Errorf("after the ladder: %s%v = %v, want %v", c.name, c.labels, got, c.want)
		}
	}
}

func TestMetricsCountUnmatchedAndRateLimitedRequests(t *testing.T) {
	h := newHarness(t, mock.WithRateLimit(bigcommerce.RateLimit{Quota: 1, Window: 30e9}))
	h.do(req{method: "GET", path: hooks, token: tokenA})
	h.do(req{method: "GET", path: hooks, token: tokenA}) // over the quota
	h.do(req{method: "GET", path: "/__bcmock/nothing"})
	m := h.scrape()
	if v := value(m, "bcmock_rate_limited_requests_total", "family", "v3"); v != 1 {
		t.Errorf("rate-limited = %v, want 1", v)
	}
	if v := value(m, "bcmock_http_requests_total", "family", "v3", "operation", "", "status", "429"); v != 1 {
		t.Errorf("429s = %v, want 1", v)
	}
	if v := value(m, "bcmock_http_requests_total", "family", "control", "operation", "", "status", "404"); v != 1 {
		t.Errorf("unmatched control 404s = %v, want 1", v)
	}
}

func TestEachServerCountsApartAndMetricsCanBeOff(t *testing.T) {
	a, b := newHarness(t), newHarness(t)
	a.raise("abc123", "store/order/created", "")
	if v := value(a.scrape(), "bcmock_events_raised_total", "scope", "store/order/created"); v != 1 {
		t.Errorf("server a: %v events", v)
	}
	if v := value(b.scrape(), "bcmock_events_raised_total", "scope", "store/order/created"); v != 0 {
		t.Errorf("server b counted server a's event: %v", v)
	}
	off := newHarness(t, mock.WithoutMetrics())
	for _, token := range []string{tokenA, ""} {
		if res := off.do(req{method: "GET", path: "/metrics", token: token}); res.status != http.StatusNotFound || !strings.Contains(string(res.body), "metrics are off") {
			t.Errorf("GET /metrics without metrics (token %q): %d %s, want 404 saying the metrics are off", token, res.status, res.body)
		}
	}
}

func TestOneJSONLogLinePerAttempt(t *testing.T) {
	var logs lockedBuffer
	h, rc := firstAttemptFailed(t, mock.WithLogger(slog.New(slog.NewJSONHandler(&logs, nil))))
	h.advance(60) // the second attempt
	var lines []map[string]any
	sc := bufio.NewScanner(strings.NewReader(logs.String()))
	for sc.Scan() {
		var line map[string]any
		if err := json.Unmarshal(sc.Bytes(), &line); err != nil {
			t.Fatalf("not a JSON line: %v\n%s", err, sc.Text())
		}
		if line["msg"] == "webhook attempt" {
			lines = append(lines, line)
		}
	}
	if len(lines) != 2 {
		t.Fatalf("%d attempt lines for 2 attempts:\n%s", len(lines), logs.String())
	}
	for i, line := range lines {
		want := map[string]any{
			"level": "INFO", "store": "abc123", "hook": 1.0, "delivery": 1.0, "event": 1.0,
			"scope": "store/order/created", "attempt": float64(i + 1), "destination": rc.URL,
			"status": 500.0, "outcome": "failure",
		}
		for k, v := range want {
			if line[k] != v {
				t.Errorf("attempt line %d: %s = %v, want %v", i+1, k, line[k], v)
			}
		}
		if d, ok := line["duration_ms"].(float64); !ok || d <= 0 {
			t.Errorf("attempt line %d: duration_ms = %v", i+1, line["duration_ms"])
		}
		if e, _ := line["error"].(string); !strings.Contains(e, "500") {
			t.Errorf("attempt line %d: error = %q", i+1, e)
		}
	}
}

func TestInspectorReadsStoresAndADeliverysLadder(t *testing.T) {
	h, rc := firstAttemptFailed(t)

	res := h.do(req{method: "GET", path: "/__bcmock/stores"}) // validated against control.yaml
	expect(t, res, http.StatusOK)
	stores := field(t, res.json(t), "data").([]any)
	if len(stores) != 1 || field(t, stores[0], "store_hash") != "abc123" {
		t.Fatalf("stores: %s", res.body)
	}
	hook := field(t, stores[0], "hooks", 0)
	if field(t, hook, "destination") != rc.URL || field(t, hook, "status") != "active" ||
		!strings.Contains(field(t, hook, "warning").(string), "https") {
		t.Errorf("hook: %v", hook)
	}
	if field(t, stores[0], "stats", "attempts") != 1.0 || field(t, stores[0], "stats", "pending") != 1.0 {
		t.Errorf("stats: %v", field(t, stores[0], "stats"))
	}

	res = h.do(req{method: "GET", path: "/__bcmock/deliveries/1"})
	expect(t, res, http.StatusOK)
	ahead := field(t, res.json(t), "ahead").([]any)
	if len(ahead) != bigcommerce.DefaultSchedule.Attempts()-1 ||
		field(t, ahead[0], "attempt") != 2.0 || field(t, ahead[0], "due_at") != "2025-01-01T00:01:00Z" ||
		field(t, ahead[1], "due_at") != "2025-01-01T00:04:00Z" {
		t.Errorf("ladder ahead: %v", ahead)
	}
	expect(t, h.do(req{method: "GET", path: "/__bcmock/deliveries/99"}), http.StatusNotFound)

	a := h.records("attempts", "")
	if hd, _ := a[0]["response_headers"].(map[string]any); hd["X-Receiver"] != "always-fails" {
		t.Errorf("response headers: %v", a[0]["response_headers"])
	}

	h.advance(3 * 86400)
	res = h.do(req{method: "GET", path: "/__bcmock/deliveries/1"})
	if d := res.json(t); d["status"] != "failed" || len(d["ahead"].([]any)) != 0 {
		t.Errorf("finished delivery: %s", res.body)
	}
	res = h.do(req{method: "GET", path: "/__bcmock/stores?limit=1&page=2"})
	if p := decodePage(t, res); len(p.Data) != 0 || p.Meta.Pagination.Total != 1 {
		t.Errorf("page 2 of 1 store: %s", res.body)
	}
}

func TestInspectorPageIsServedFromTheBinary(t *testing.T) {
	h := newHarness(t)
	for _, c := range []struct {
		method, path string
		status       int
		contentType  string
		contains     string
	}{
		{"GET", "/__bcmock/ui/", 200, "text/html; charset=utf-8", "bcmock inspector"},
		{"GET", "/__bcmock/ui", 200, "text/html; charset=utf-8", "/__bcmock/ui/app.js"},
		{"GET", "/__bcmock/ui/app.js", 200, "text/javascript; charset=utf-8", "/__bcmock"},
		{"GET", "/__bcmock/ui/style.css", 200, "text/css; charset=utf-8", "timeline"},
		{"GET", "/__bcmock/ui/nothing.js", 404, "", ""},
		{"POST", "/__bcmock/ui/", 405, "", ""},
		{"GET", "/__bcmock/uix", 404, "application/json", "no such control endpoint"},
	} {
		res := h.do(req{method: c.method, path: c.path})
		if res.status != c.status || c.contentType != "" && res.header.Get("Content-Type") != c.contentType ||
			!strings.Contains(string(res.body), c.contains) {
			t.Errorf("%s %s: %d %s\n%.200s", c.method, c.path, res.status, res.header.Get("Content-Type"), res.body)
		}
	}
	res := h.do(req{method: "GET", path: "/__bcmock/ui/"})
	for _, external := range []string{"http://", "https://", "//cdn"} {
		if strings.Contains(string(res.body), external) {
			t.Errorf("the page refers to something outside the mock: %q", external)
		}
	}
}

func TestAdminClientReadsStoresAndDeliveries(t *testing.T) {
	h, _ := firstAttemptFailed(t)
	admin := adminapi.New(h.http.URL, h.http.Client())
	stores, err := admin.Stores(t.Context())
	if err != nil || len(stores) != 1 || stores[0].StoreHash != "abc123" || len(stores[0].Hooks) != 1 || stores[0].Stats.Pending != 1 {
		t.Fatalf("Stores = %+v, %v", stores, err)
	}
	d, err := admin.Delivery(t.Context(), 1)
	if err != nil || d.Status != adminapi.OutcomePending || len(d.Ahead) != 11 || d.Ahead[0].Number != 2 {
		t.Fatalf("Delivery = %+v, %v", d, err)
	}
	var ae *adminapi.Error
	if _, err := admin.Delivery(t.Context(), 42); !errors.As(err, &ae) || ae.Status != http.StatusNotFound {
		t.Errorf("Delivery(42): %v", err)
	}
}
