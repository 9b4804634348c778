package server

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"

	"trustlane/internal/store"
)

type metrics struct {
	requests *prometheus.CounterVec
	duration *prometheus.HistogramVec
	border   prometheus.Counter
}

// newMetrics registers the HTTP metrics and the outbox gauges. Routes are
// labelled by their ServeMux pattern, never by raw path, so IDs in URLs do
// not explode the label space.
func newMetrics(reg *prometheus.Registry, s *Server) *metrics {
	m := &metrics{
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "trustlane_http_requests_total", Help: "HTTP requests by route pattern, method and status.",
		}, []string{"route", "method", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name: "trustlane_http_request_duration_seconds", Help: "HTTP request latency by route pattern.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5},
		}, []string{"route"}),
	}
	m.border = prometheus.NewCounter(prometheus.CounterOpts{
		Name: "trustlane_border_requests_total", Help: "Requests to the border's endpoints (standing and screening).",
	})
	reg.MustRegister(m.requests, m.duration, m.border, outboxCollector{s.DB})
	return m
}

// borderCounter counts border requests: one atomic add, where the full
// instrumentation would cost a histogram and a label lookup per request.
func (m *metrics) borderCounter() prometheus.Counter { return m.border }

var (
	outboxPending = prometheus.NewDesc("trustlane_outbox_pending", "Outbox rows waiting to be done.", nil, nil)
	outboxFailed  = prometheus.NewDesc("trustlane_outbox_failed", "Outbox rows that failed for good.", nil, nil)
)

// outboxCollector reports both outbox gauges from one count per scrape. A
// failed count reports -1 for both, so the gap shows on the dashboard.
type outboxCollector struct{ db *store.DB }

func (outboxCollector) Describe(ch chan<- *prometheus.Desc) { ch <- outboxPending; ch <- outboxFailed }

func (c outboxCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	p, f, err := c.db.OutboxStats(ctx)
	if err != nil {
		p, f = -1, -1
	}
	ch <- prometheus.MustNewConstMetric(outboxPending, prometheus.GaugeValue, float64(p))
	ch <- prometheus.MustNewConstMetric(outboxFailed, prometheus.GaugeValue, float64(f))
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (m *metrics) instrument(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		route := r.Pattern
		if route == "" {
			route = "unmatched"
		}
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		m.requests.WithLabelValues(route, r.Method, strconv.Itoa(sw.status)).Inc()
		m.duration.WithLabelValues(route).Observe(time.Since(start).Seconds())
	})
}
