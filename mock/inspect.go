package mock

import (
	"net/http"

	"github.com/bcmock/bcmock/mock/internal/admin"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/inspector"
	"github.com/bcmock/bcmock/mock/internal/metrics"
)

// InspectorPath is where the inspector page is served: a view, for a
// person in a browser, of the stores and their hooks, the events raised,
// every delivery with its attempts, and the clock. It reads the control
// API and is embedded in the binary, so it works offline.
const InspectorPath = inspector.Path

// MetricsPath is where the Prometheus metrics are served, in the text
// exposition format (see WithoutMetrics).
const MetricsPath = metrics.Path

// WithoutMetrics turns the Prometheus metrics off: /metrics is not
// served (404) and requests and deliveries are not counted. By default
// they are on, in a registry of the Server's own.
func WithoutMetrics() Option { return func(c *config) { c.noMetrics = true } }

// newMetrics returns the server's metrics, or nil when they are off. The
// gauges read the engine when scraped, so they cost nothing before.
func (s *Server) newMetrics() *metrics.Metrics {
	if s.cfg.noMetrics {
		return nil
	}
	return metrics.New(metrics.Gauges{
		Pending: func() int { return s.engine.Stats("").Pending },
		Blocked: func() int { return s.engine.BlockedCount() },
	})
}

// plainFamilies are the gateway's families that are not JSON operations:
// the inspector page's files and /metrics. They come first in the family
// list, so the control family, which claims all of /__bcmock/, never sees
// the page's paths.
func (s *Server) plainFamilies() []*gateway.Family {
	var serve http.Handler = metricsOff
	if s.metrics != nil {
		serve = s.metrics.Handler()
	}
	return []*gateway.Family{
		{Name: "ui", Claims: inspector.Claims, Serve: inspector.Handler(), Errors: admin.WriteError},
		{Name: "metrics", Claims: func(path string) bool { return path == metrics.Path }, Serve: serve, Errors: admin.WriteError},
	}
}

// metricsOff answers /metrics when the metrics are off: a 404 that says
// why, whatever the token, rather than the v3 API's 401 or 404 for a path
// it does not have.
var metricsOff = http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
	admin.WriteError(w, gateway.Error{Status: http.StatusNotFound, Title: "metrics are off",
		Detail: "this server runs without metrics (--no-metrics, BCMOCK_NO_METRICS or mock.WithoutMetrics)"})
})
