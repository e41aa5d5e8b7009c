// Package metrics is the mock's Prometheus metrics, served at /metrics in
// the text exposition format. Each Metrics has its own registry, never
// the global one, so several mocks in one test binary count apart.
//
// It implements the gateway's and the delivery engine's observers: they
// report what happened through two small interfaces and know nothing of
// Prometheus. Counters and histograms are atomic, so the hot paths pay a
// few atomic adds; the gauges are read from the engine when scraped.
package metrics

import (
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// Path is where the metrics are served.
const Path = "/metrics"

// Gauges reads the values the gauges show, when scraped.
type Gauges struct {
	// Pending counts the deliveries not finished yet.
	Pending func() int
	// Blocked counts the destination domains blocklisted now.
	Blocked func() int
}

// Metrics counts what the mock does. Create it with New.
type Metrics struct {
	registry    *prometheus.Registry
	requests    *prometheus.CounterVec
	rateLimited *prometheus.CounterVec
	events      *prometheus.CounterVec
	deliveries  *prometheus.CounterVec
	attempts    *prometheus.CounterVec
	durations   prometheus.Histogram
	deactivated prometheus.Counter
	// success and failure are the attempts counters of the two outcomes,
	// looked up once.
	success, failure prometheus.Counter
}

var (
	_ gateway.Observer = (*Metrics)(nil)
	_ webhook.Observer = (*Metrics)(nil)
)

// New returns the metrics, registered in a registry of their own together
// with the Go runtime's and the process's collectors.
func New(g Gauges) *Metrics {
	m := &Metrics{
		registry: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bcmock_http_requests_total",
			Help: "HTTP requests answered, by API family, operationId (empty: none matched) and status.",
		}, []string{"family", "operation", "status"}),
		rateLimited: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bcmock_rate_limited_requests_total",
			Help: "Requests refused with 429 because their store's quota was spent, by API family.",
		}, []string{"family"}),
		events: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bcmock_events_raised_total",
			Help: "Store events raised, by scope (channel scopes as their template, store/channel/{channel_id}/...).",
		}, []string{"scope"}),
		deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bcmock_deliveries_total",
			Help: "Deliveries finished, by outcome: delivered, failed or cancelled.",
		}, []string{"outcome"}),
		attempts: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "bcmock_delivery_attempts_total",
			Help: "HTTP delivery attempts made, by outcome: success or failure.",
		}, []string{"outcome"}),
		durations: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "bcmock_delivery_attempt_duration_seconds",
			Help:    "Real time a delivery attempt took, from sending to the end of the receiver's answer.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10},
		}),
		deactivated: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "bcmock_hook_deactivations_total",
			Help: "Hooks switched off after the last attempt of a delivery failed.",
		}),
	}
	m.success = m.attempts.WithLabelValues(string(bigcommerce.OutcomeSuccess))
	m.failure = m.attempts.WithLabelValues(string(bigcommerce.OutcomeFailure))
	m.registry.MustRegister(m.requests, m.rateLimited, m.events, m.deliveries, m.attempts, m.durations, m.deactivated,
		gauge("bcmock_pending_deliveries", "Deliveries not finished yet (due now or later).", g.Pending),
		gauge("bcmock_blocklisted_domains", "Destination domains blocklisted now, in every client.", g.Blocked),
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
	)
	return m
}

// gauge is a gauge read from value when scraped; nil reads 0.
func gauge(name, help string, value func() int) prometheus.Collector {
	return prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, func() float64 {
		if value == nil {
			return 0
		}
		return float64(value())
	})
}

// Handler serves the metrics in the exposition format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.registry, promhttp.HandlerOpts{})
}

// Registry returns the registry the metrics are in.
func (m *Metrics) Registry() *prometheus.Registry { return m.registry }

// Request counts one answered request.
func (m *Metrics) Request(family, operation string, status int) {
	m.requests.WithLabelValues(family, operation, statusText(status)).Inc()
}

// statusText spells the common statuses without an allocation.
func statusText(status int) string {
	switch status {
	case http.StatusOK:
		return "200"
	case http.StatusCreated:
		return "201"
	case http.StatusNoContent:
		return "204"
	case http.StatusNotFound:
		return "404"
	case http.StatusUnprocessableEntity:
		return "422"
	}
	return strconv.Itoa(status)
}

// RateLimited counts one 429.
func (m *Metrics) RateLimited(family string) { m.rateLimited.WithLabelValues(family).Inc() }

// EventRaised counts one event by the template of its scope, so channel
// ids cannot grow the number of series.
func (m *Metrics) EventRaised(scope string) {
	template, _ := bigcommerce.Template(scope)
	m.events.WithLabelValues(template).Inc()
}

// Attempted counts one attempt and its duration.
func (m *Metrics) Attempted(outcome bigcommerce.Outcome, d time.Duration) {
	if outcome == bigcommerce.OutcomeSuccess {
		m.success.Inc()
	} else {
		m.failure.Inc()
	}
	m.durations.Observe(d.Seconds())
}

// DeliveryFinished counts one finished delivery.
func (m *Metrics) DeliveryFinished(outcome bigcommerce.Outcome) {
	m.deliveries.WithLabelValues(string(outcome)).Inc()
}

// HookDeactivated counts one deactivation.
func (m *Metrics) HookDeactivated() { m.deactivated.Inc() }
