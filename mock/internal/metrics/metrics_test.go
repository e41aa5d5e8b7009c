package metrics_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/prometheus/client_golang/prometheus/testutil"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/metrics"
)

func TestGaugesAreReadWhenScraped(t *testing.T) {
	pending := 0
	m := metrics.New(metrics.Gauges{Pending: func() int { return pending }})
	pending = 7
	want := "# HELP bcmock_pending_deliveries Deliveries not finished yet (due now or later).\n" +
		"# TYPE bcmock_pending_deliveries gauge\nbcmock_pending_deliveries 7\n" +
		"# HELP bcmock_blocklisted_domains Destination domains blocklisted now, in every client.\n" +
		"# TYPE bcmock_blocklisted_domains gauge\nbcmock_blocklisted_domains 0\n"
	if err := testutil.GatherAndCompare(m.Registry(), strings.NewReader(want), "bcmock_pending_deliveries", "bcmock_blocklisted_domains"); err != nil {
		t.Error(err)
	}
}

func TestChannelScopesCountAsTheirTemplate(t *testing.T) {
	m := metrics.New(metrics.Gauges{})
	m.EventRaised("store/channel/1/cart/created")
	m.EventRaised("store/channel/22/cart/created")
	m.EventRaised("store/order/created")
	if n := testutil.CollectAndCount(m.Registry(), "bcmock_events_raised_total"); n != 2 {
		t.Errorf("%d series, want 2 (one per template)", n)
	}
}

func TestHandlerServesTheTextFormat(t *testing.T) {
	m := metrics.New(metrics.Gauges{})
	m.Attempted(bigcommerce.OutcomeFailure, 30*time.Millisecond)
	w := httptest.NewRecorder()
	m.Handler().ServeHTTP(w, httptest.NewRequest(http.MethodGet, metrics.Path, nil))
	body := w.Body.String()
	for _, want := range []string{
		`bcmock_delivery_attempts_total{outcome="failure"} 1`,
		`bcmock_delivery_attempt_duration_seconds_bucket{le="0.05"} 1`,
		`bcmock_delivery_attempt_duration_seconds_bucket{le="0.025"} 0`,
		"go_goroutines",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("%q missing from\n%.2000s", want, body)
		}
	}
}

// BenchmarkRequest is the cost the gateway pays per request with metrics on.
func BenchmarkRequest(b *testing.B) {
	m := metrics.New(metrics.Gauges{})
	b.ReportAllocs()
	for b.Loop() {
		m.Request("v3", "getWebhook", http.StatusOK)
	}
}

// BenchmarkAttempted is the cost the engine pays per attempt with metrics on.
func BenchmarkAttempted(b *testing.B) {
	m := metrics.New(metrics.Gauges{})
	b.ReportAllocs()
	for b.Loop() {
		m.Attempted(bigcommerce.OutcomeSuccess, time.Millisecond)
	}
}
