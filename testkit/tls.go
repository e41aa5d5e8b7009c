package testkit

import (
	"fmt"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// WithTLSFace turns on the mock's TLS face: the server answers CONNECT
// api.bigcommerce.com:443 (and login. and payments.bigcommerce.com) as an
// HTTPS proxy that serves the mock itself with a certificate from a CA
// generated for the server, so code that hard-codes
// https://api.bigcommerce.com reaches the mock. TLSClient is such a
// client; ProxyEnv configures another process the same way; CAPEM is the
// CA. Every other CONNECT is refused with 403.
func WithTLSFace() Option {
	return func(c *config) error {
		c.mockOpts = append(c.mockOpts, mock.WithTLSFace(nil))
		return nil
	}
}

// WithRateLimit enforces BigCommerce's rate limit: quota requests per
// window per store, shared by every token of the store, with the
// X-Rate-Limit-* headers on every answer of the v2 and v3 APIs and 429
// with X-Retry-After past the quota (BigCommerce's Standard plan is 150
// per 30 s). Windows run on the server's clock: with WithFakeClock,
// AdvanceClock past the window refreshes the quota, so back-off can be
// tested in milliseconds. Without it there is no limit and no header.
func WithRateLimit(quota int, window time.Duration) Option {
	return func(c *config) error {
		l := bigcommerce.RateLimit{Quota: quota, Window: window}
		if quota == 0 {
			return fmt.Errorf("with rate limit: %w: the quota must be at least 1, got 0", ErrBadOption)
		}
		if err := l.Validate(); err != nil {
			return fmt.Errorf("with rate limit: %w: %w", ErrBadOption, err)
		}
		c.mockOpts = append(c.mockOpts, mock.WithRateLimit(l))
		return nil
	}
}

// CAPEM returns the PEM certificate of the CA the TLS face's certificates
// are signed by, or nil without WithTLSFace.
func (s *Server) CAPEM() []byte {
	if ca := s.mock.CA(); ca != nil {
		return ca.CertPEM()
	}
	return nil
}

// TLSClient returns a client that sends every https request through the
// server's TLS face (the server is its proxy) and trusts only the face's
// CA, so https://api.bigcommerce.com/stores/{store_hash}/v3/... reaches
// the mock. Requests to other hosts fail (the mock refuses to tunnel
// them). It is closed with the server. It panics without WithTLSFace.
func (s *Server) TLSClient() *http.Client {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.tlsClient != nil {
		return s.tlsClient
	}
	ca := s.mock.CA()
	if ca == nil {
		panic("testkit: TLSClient needs the server to be made WithTLSFace")
	}
	if !s.started {
		panic("testkit: TLSClient called before Start")
	}
	proxy, err := url.Parse(s.URL)
	if err != nil {
		panic("testkit: " + err.Error())
	}
	s.tlsClient = &http.Client{Transport: &http.Transport{
		Proxy: http.ProxyURL(proxy), TLSClientConfig: ca.ClientConfig(), ForceAttemptHTTP2: true,
	}}
	return s.tlsClient
}

// ProxyEnv writes the CA to a file in tb's temporary directory and returns
// the environment that makes a client process in Go, Node, Python or PHP
// (curl) reach the mock through the TLS face unchanged: HTTPS_PROXY (and
// https_proxy) naming the server, with SSL_CERT_FILE, NODE_EXTRA_CA_CERTS,
// REQUESTS_CA_BUNDLE and CURL_CA_BUNDLE naming the CA file. Append it to
// exec.Cmd.Env. It fails tb without WithTLSFace.
func (s *Server) ProxyEnv(tb testing.TB) []string {
	tb.Helper()
	pem := s.CAPEM()
	if pem == nil {
		tb.Fatal("testkit: ProxyEnv needs the server to be made WithTLSFace")
	}
	file := filepath.Join(tb.TempDir(), "bcmock-ca.pem")
	if err := os.WriteFile(file, pem, 0o644); err != nil {
		tb.Fatalf("testkit: write the CA: %v", err)
	}
	return []string{
		"HTTPS_PROXY=" + s.URL, "https_proxy=" + s.URL,
		"SSL_CERT_FILE=" + file, "NODE_EXTRA_CA_CERTS=" + file, "REQUESTS_CA_BUNDLE=" + file, "CURL_CA_BUNDLE=" + file,
	}
}
