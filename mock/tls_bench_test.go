package mock_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/bcmock/bcmock/mock"
)

// BenchmarkTLSFace compares the v3 API through the TLS face (CONNECT,
// TLS 1.3 inside the tunnel) with the plain port, in one run: over
// keep-alive connections (requests/s), and with a new connection per
// request (which for the face is a CONNECT plus a TLS handshake).
//
//	go test ./mock -run '^$' -bench TLSFace -benchtime 2s
func BenchmarkTLSFace(b *testing.B) {
	srv, err := mock.New(mock.WithTLSFace(nil))
	if err != nil {
		b.Fatal(err)
	}
	defer srv.Close()
	hs := httptest.NewServer(srv)
	defer hs.Close()
	for _, tc := range []struct {
		name      string
		url       string
		tls       bool
		keepAlive bool
	}{
		{"plain/keep-alive", hs.URL, false, true},
		{"tls-face/keep-alive", "https://api.bigcommerce.com", true, true},
		{"plain/new-connection", hs.URL, false, false},
		{"tls-face/new-connection", "https://api.bigcommerce.com", true, false},
	} {
		b.Run(tc.name, func(b *testing.B) {
			var client *http.Client
			if tc.tls {
				client = proxyClient(b, hs.URL, srv.CA(), false)
			} else {
				client = &http.Client{Transport: &http.Transport{}}
			}
			client.Transport.(*http.Transport).DisableKeepAlives = !tc.keepAlive
			req, _ := http.NewRequest(http.MethodGet, tc.url+"/stores/abc123/v3/hooks", nil)
			req.Header.Set("X-Auth-Token", "bench")
			for b.Loop() {
				resp, err := client.Do(req)
				if err != nil {
					b.Fatal(err)
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Fatal(resp.Status)
				}
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "req/s")
			client.CloseIdleConnections()
		})
	}
}
