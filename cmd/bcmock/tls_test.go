package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/tlsface"
)

var tlsListening = regexp.MustCompile(`msg="bcmock listening for TLS" listen=([0-9.:]+)`)

// TestServeTLSAddrServesBigCommerceHostsBySNI runs serve with a CA from
// files, --tls-ca-out and --tls-addr, and calls each BigCommerce host on
// the TLS listener the way a Docker network alias does.
func TestServeTLSAddrServesBigCommerceHostsBySNI(t *testing.T) {
	dir := t.TempDir()
	ca, err := tlsface.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	key, _ := ca.KeyPEM()
	certFile, keyFile, out := filepath.Join(dir, "ca.pem"), filepath.Join(dir, "ca.key"), filepath.Join(dir, "out.pem")
	_ = os.WriteFile(certFile, ca.CertPEM(), 0o644)
	_ = os.WriteFile(keyFile, key, 0o600)
	base, logs, stop := startServe(t, []string{"--tls-addr", "127.0.0.1:0", "--tls-ca-cert", certFile, "--tls-ca-out", out},
		map[string]string{"BCMOCK_TLS_CA_KEY": keyFile, "BCMOCK_RATE_LIMIT": "2/30s", "BCMOCK_CLOCK": "fake"})
	defer stop()
	m := tlsListening.FindStringSubmatch(logs.String())
	if m == nil {
		t.Fatalf("no TLS listening line:\n%s", logs.String())
	}
	if written, _ := os.ReadFile(out); !bytes.Equal(written, ca.CertPEM()) {
		t.Errorf("--tls-ca-out wrote %q, want the loaded CA", written)
	}
	for _, host := range tlsface.Hosts {
		cfg := ca.ClientConfig()
		cfg.ServerName = host
		tr := &http.Transport{TLSClientConfig: cfg}
		client := &http.Client{Transport: tr}
		req, _ := http.NewRequest(http.MethodGet, "https://"+m[1]+"/stores/abc123/v3/hooks", nil)
		req.Host = host
		req.Header.Set("X-Auth-Token", "t-"+host)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatalf("%s: %v", host, err)
		}
		resp.Body.Close()
		tr.CloseIdleConnections()
		want := http.StatusOK
		if host == tlsface.Hosts[2] {
			want = http.StatusTooManyRequests // the third request of store abc123: --rate-limit 2/30s
		}
		if resp.StatusCode != want || resp.TLS.PeerCertificates[0].DNSNames[0] != host {
			t.Errorf("%s: %d with a certificate for %v; want %d", host, resp.StatusCode, resp.TLS.PeerCertificates[0].DNSNames, want)
		}
	}
	// The same CA is served by the control API.
	resp, err := http.Get(base + "/__bcmock/ca.pem")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Equal(body, ca.CertPEM()) {
		t.Errorf("/__bcmock/ca.pem = %q", body)
	}
}

func TestServeRefusesBadTLSAndRateLimitFlags(t *testing.T) {
	for _, tc := range []struct {
		args []string
		says string
	}{
		{[]string{"--tls-ca-cert", "ca.pem"}, "--tls-ca-cert and --tls-ca-key go together"},
		{[]string{"--tls-addr", "junk"}, `--tls-addr "junk": want host:port`},
		{[]string{"--rate-limit", "150"}, "--rate-limit"},
		{[]string{"--tls-ca-cert", "/nonexistent/ca.pem", "--tls-ca-key", "/nonexistent/ca.key"}, "load ca"},
	} {
		var stderr bytes.Buffer
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		code := run(ctx, append([]string{"serve", "--addr", "127.0.0.1:0"}, tc.args...), env(nil), io.Discard, &stderr)
		cancel()
		if code != exitUsage || !strings.Contains(stderr.String(), tc.says) {
			t.Errorf("%v: exit %d, %q; want 2 saying %q", tc.args, code, stderr.String(), tc.says)
		}
	}
}
