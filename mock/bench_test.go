package mock_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/account"
)

// These benchmarks measure server time per request through the whole
// middleware chain (auth, routing, content negotiation, OpenAPI request
// validation, handler, JSON encoding), without a network.

var benchClientID = account.Derive("bench").ClientID

func benchServer(b *testing.B, opts ...mock.Option) *mock.Server {
	b.Helper()
	srv, err := mock.New(opts...)
	if err != nil {
		b.Fatal(err)
	}
	return srv
}

func serve(b *testing.B, srv http.Handler, method, path, body string, want int) {
	r := httptest.NewRequest(method, path, strings.NewReader(body))
	r.Header.Set("X-Auth-Token", "bench")
	r.Header.Set("Accept", "application/json")
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != want {
		b.Fatalf("%s %s: %d %s", method, path, w.Code, w.Body)
	}
}

// sink is a ResponseWriter that keeps only the status, so the benchmark
// loop measures the server and not a recorder.
type sink struct {
	header http.Header
	status int
}

func (s *sink) Header() http.Header         { return s.header }
func (s *sink) WriteHeader(status int)      { s.status = status }
func (s *sink) Write(p []byte) (int, error) { return len(p), nil }

// loop serves one prepared request per iteration; body is re-read each time.
func loop(b *testing.B, srv http.Handler, method, path, body string, want int) {
	r := httptest.NewRequest(method, path, nil)
	r.Header.Set("X-Auth-Token", "bench")
	r.Header.Set("Accept", "application/json")
	if body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	w := &sink{header: http.Header{}}
	b.ReportAllocs()
	for b.Loop() {
		r.Body = io.NopCloser(strings.NewReader(body))
		clear(w.header)
		w.status = http.StatusOK
		srv.ServeHTTP(w, r)
		if w.status != want {
			b.Fatalf("%s %s: status %d", method, path, w.status)
		}
	}
}

func BenchmarkCreate(b *testing.B) {
	srv := benchServer(b)
	// The store's hook is deleted on the side after each create, so every
	// create stays under the per-scope limit and the state does not grow.
	hs := mock.StoreOf(srv)
	created := 0
	wrapped := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		srv.ServeHTTP(w, r)
		created++
		_, _ = hs.Delete("abc", benchClientID, created)
	})
	loop(b, wrapped, "POST", "/stores/abc/v3/hooks",
		`{"scope":"store/order/created","destination":"https://app.example.com/webhooks","is_active":true,"headers":{"X-Key":"k"}}`, 200)
}

func BenchmarkGet(b *testing.B) {
	srv := benchServer(b)
	serve(b, srv, "POST", "/stores/abc/v3/hooks", `{"scope":"store/order/created","destination":"https://app.example.com/webhooks"}`, 200)
	loop(b, srv, "GET", "/stores/abc/v3/hooks/1", "", 200)
}

// BenchmarkGetMetrics compares, in one run, GET of one hook with the
// Prometheus metrics off and on (the default): the cost of counting a
// request by family, operation and status.
func BenchmarkGetMetrics(b *testing.B) {
	for _, c := range []struct {
		name string
		opts []mock.Option
	}{{"metrics=off", []mock.Option{mock.WithoutMetrics()}}, {"metrics=on", nil}} {
		b.Run(c.name, func(b *testing.B) {
			srv := benchServer(b, c.opts...)
			serve(b, srv, "POST", "/stores/abc/v3/hooks", `{"scope":"store/order/created","destination":"https://app.example.com/webhooks"}`, 200)
			loop(b, srv, "GET", "/stores/abc/v3/hooks/1", "", 200)
		})
	}
}

func BenchmarkList(b *testing.B) {
	srv := benchServer(b)
	scopes := []string{"store/order/created", "store/order/updated", "store/cart/created", "store/product/updated", "store/customer/created"}
	for _, sc := range scopes {
		for i := range 10 {
			serve(b, srv, "POST", "/stores/abc/v3/hooks", fmt.Sprintf(`{"scope":%q,"destination":"https://app.example.com/%d"}`, sc, i), 200)
		}
	}
	loop(b, srv, "GET", "/stores/abc/v3/hooks?is_active=true&limit=50&page=1", "", 200)
}

func BenchmarkInvalidCreate(b *testing.B) {
	srv := benchServer(b)
	loop(b, srv, "POST", "/stores/abc/v3/hooks", `{"scope":1,"destination":true}`, 422)
}

// BenchmarkLoopback* measure sustained throughput over real loopback HTTP
// with keep-alive connections, client and server sharing the machine's
// cores; they report requests per second.
//
// BenchmarkLoopbackGet runs two sub-benchmarks in one run: "bare", a plain
// net/http handler that answers the very bytes bcmock answers (the
// ceiling of any Go server on this machine), then "bcmock" itself. Their
// ratio is the API throughput figure of the README.
func BenchmarkLoopbackGet(b *testing.B) {
	const path = "/stores/abc/v3/hooks/1"
	srv := loopbackServer(b)
	rec := httptest.NewRecorder()
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("X-Auth-Token", "bench")
	srv.ServeHTTP(rec, req)
	answer, header := rec.Body.Bytes(), rec.Header().Clone()
	bare := http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(answer)
	})
	b.Run("bare", func(b *testing.B) { loopback(b, bare, "GET", path, "") })
	b.Run("bcmock", func(b *testing.B) { loopback(b, srv, "GET", path, "") })
}

func BenchmarkLoopbackCreateInvalid(b *testing.B) {
	loopback(b, loopbackServer(b), "POST", "/stores/abc/v3/hooks", `{"scope":"store/order/nope","destination":"https://a.example/x"}`)
}

// loopbackServer is a mock holding hook 1 of store abc.
func loopbackServer(b *testing.B) *mock.Server {
	srv := benchServer(b)
	serve(b, srv, "POST", "/stores/abc/v3/hooks", `{"scope":"store/order/created","destination":"https://app.example.com/webhooks"}`, 200)
	return srv
}

func loopback(b *testing.B, h http.Handler, method, path, body string) {
	ts := httptest.NewServer(h)
	defer ts.Close()
	tr := &http.Transport{MaxIdleConnsPerHost: 64}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr}
	b.SetParallelism(16)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			req, _ := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
			req.Header.Set("X-Auth-Token", "bench")
			if body != "" {
				req.Header.Set("Content-Type", "application/json")
			}
			resp, err := client.Do(req)
			if err != nil {
				b.Error(err)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode >= 500 {
				b.Errorf("status %d", resp.StatusCode)
				return
			}
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
}
