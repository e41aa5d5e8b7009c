package mock_test

// Tests of the TLS face: a client that hard-codes https://api.bigcommerce.com
// reaches the mock through CONNECT with nothing but a proxy and the CA; the
// TLS listener chooses certificates by SNI; every other CONNECT is refused
// and nothing is tunnelled out.

import (
	"bufio"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/tlsface"
)

// proxyClient returns a client that goes through the mock's plain port as
// its HTTPS proxy and trusts only the mock's CA.
func proxyClient(t testing.TB, proxy string, ca *tlsface.CA, http2 bool) *http.Client {
	t.Helper()
	u, err := url.Parse(proxy)
	if err != nil {
		t.Fatal(err)
	}
	tr := &http.Transport{Proxy: http.ProxyURL(u), TLSClientConfig: ca.ClientConfig(), ForceAttemptHTTP2: http2}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

func TestTLSFaceServesTheMockThroughConnect(t *testing.T) {
	h := newHarness(t, mock.WithTLSFace(nil), mock.WithResponseValidation())
	id := h.create("app", "abc123", "store/order/created", "https://app.example.com/hooks")
	for _, tc := range []struct {
		name  string
		http2 bool
		proto int
	}{{"http/1.1", false, 1}, {"h2", true, 2}} {
		t.Run(tc.name, func(t *testing.T) {
			client := proxyClient(t, h.http.URL, h.srv.CA(), tc.http2)
			req, _ := http.NewRequest(http.MethodGet, "https://api.bigcommerce.com/stores/abc123/v3/hooks/"+strconv.Itoa(id), nil)
			req.Header.Set("X-Auth-Token", "app")
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"destination":"https://app.example.com/hooks"`) {
				t.Fatalf("GET through the tunnel = %d %s; want the hook made on the plain port", resp.StatusCode, body)
			}
			if resp.ProtoMajor != tc.proto {
				t.Errorf("protocol = %s, want HTTP/%d", resp.Proto, tc.proto)
			}
			if got := resp.TLS.PeerCertificates[0].DNSNames; len(got) != 1 || got[0] != "api.bigcommerce.com" {
				t.Errorf("certificate names = %v, want [api.bigcommerce.com]", got)
			}
			// A request through the tunnel goes through the one gateway:
			// no token is a 401, as on the plain port.
			resp, err = client.Get("https://api.bigcommerce.com/stores/abc123/v3/hooks")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusUnauthorized {
				t.Errorf("no token through the tunnel = %d, want 401", resp.StatusCode)
			}
		})
	}
	for _, host := range tlsface.Hosts {
		t.Run(host, func(t *testing.T) {
			resp, err := proxyClient(t, h.http.URL, h.srv.CA(), false).Get("https://" + host + "/__bcmock/health")
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || resp.TLS.PeerCertificates[0].DNSNames[0] != host {
				t.Errorf("%s: %d with a certificate for %v", host, resp.StatusCode, resp.TLS.PeerCertificates[0].DNSNames)
			}
		})
	}
}

// connect sends a raw CONNECT for target to addr and returns the answer.
func connect(t *testing.T, addr, target string) (int, string) {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	if _, err := io.WriteString(conn, "CONNECT "+target+" HTTP/1.1\r\nHost: "+target+"\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(bufio.NewReader(conn), &http.Request{Method: http.MethodConnect})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(body)
}

func TestConnectToAnyOtherHostIsRefused(t *testing.T) {
	h := newHarness(t, mock.WithTLSFace(nil))
	addr := strings.TrimPrefix(h.http.URL, "http://")
	for _, tc := range []struct{ target, says string }{
		{"example.com:443", "tunnels only to BigCommerce's hosts"},
		{"api.bigcommerce.com.example.com:443", "tunnels only to BigCommerce's hosts"},
		{"store-abc123.mybigcommerce.com:443", "never connects out"},
		{"api.bigcommerce.com:80", "port 443 only"},
		{"api.bigcommerce.com", "want host:443"},
	} {
		t.Run(tc.target, func(t *testing.T) {
			status, body := connect(t, addr, tc.target)
			if status != http.StatusForbidden || !strings.Contains(body, tc.says) {
				t.Errorf("CONNECT %s = %d %s; want 403 saying %q", tc.target, status, body, tc.says)
			}
		})
	}
	// Go's client sees the refusal as the proxy's answer.
	_, err := proxyClient(t, h.http.URL, h.srv.CA(), false).Get("https://example.com/")
	if err == nil || !strings.Contains(err.Error(), "Forbidden") {
		t.Errorf("GET https://example.com through the mock: err = %v, want the proxy's 403 Forbidden", err)
	}
	t.Run("face off", func(t *testing.T) {
		off := newHarness(t)
		status, body := connect(t, strings.TrimPrefix(off.http.URL, "http://"), "api.bigcommerce.com:443")
		if status != http.StatusForbidden || !strings.Contains(body, "TLS face is off") {
			t.Errorf("CONNECT with the face off = %d %s; want 403 saying the face is off", status, body)
		}
	})
}

func TestCAIsServedAsPEM(t *testing.T) {
	h := newHarness(t, mock.WithTLSFace(nil), mock.WithResponseValidation())
	for _, tc := range []struct {
		accept string
		want   int
	}{{"", 200}, {"application/x-pem-file", 200}, {"*/*", 200}, {"application/*", 200}, {"application/json", 406}, {"text/html", 406}} {
		res := h.do(req{method: "GET", path: adminapi.CAPath, header: map[string]string{"Accept": tc.accept}})
		if res.status != tc.want {
			t.Errorf("Accept %q: %d %s, want %d", tc.accept, res.status, res.body, tc.want)
			continue
		}
		if tc.want == 200 && (string(res.body) != string(h.srv.CA().CertPEM()) || res.header.Get("Content-Type") != adminapi.PEMMediaType) {
			t.Errorf("Accept %q: %s %q, want the CA's PEM", tc.accept, res.header.Get("Content-Type"), res.body)
		}
		if tc.want == 406 && !strings.Contains(string(res.body), "application/x-pem-file") {
			t.Errorf("406 does not say what the operation answers: %s", res.body)
		}
	}
	got, err := adminapi.New(h.http.URL, nil).CA(context.Background())
	if err != nil || string(got) != string(h.srv.CA().CertPEM()) {
		t.Errorf("adminapi CA = %q, %v", got, err)
	}
	off := newHarness(t)
	_, err = adminapi.New(off.http.URL, nil).CA(context.Background())
	var ae *adminapi.Error
	if !errors.As(err, &ae) || ae.Status != http.StatusNotFound {
		t.Errorf("CA with the face off: %v, want a 404", err)
	}
}

func TestTLSListenerChoosesTheCertificateBySNI(t *testing.T) {
	h := newHarness(t, mock.WithTLSFace(nil))
	ca := h.srv.CA()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := &http.Server{Handler: h.srv, ErrorLog: log.New(io.Discard, "", 0)}
	go func() { _ = hs.Serve(tls.NewListener(ln, ca.ServerConfig())) }()
	t.Cleanup(func() { _ = hs.Close() })
	for _, host := range tlsface.Hosts {
		cfg := ca.ClientConfig()
		cfg.ServerName = host
		conn, err := tls.Dial("tcp", ln.Addr().String(), cfg)
		if err != nil {
			t.Errorf("SNI %s: %v", host, err)
			continue
		}
		if got := conn.ConnectionState().PeerCertificates[0].DNSNames; got[0] != host {
			t.Errorf("SNI %s: certificate for %v", host, got)
		}
		conn.Close()
	}
	// No SNI (a client dialling an IP address): api.bigcommerce.com's.
	conn, err := tls.Dial("tcp", ln.Addr().String(), &tls.Config{InsecureSkipVerify: true})
	if err != nil {
		t.Fatal(err)
	}
	leaf := conn.ConnectionState().PeerCertificates[0]
	conn.Close()
	if _, err := leaf.Verify(x509.VerifyOptions{Roots: ca.Pool(), DNSName: tlsface.DefaultHost}); err != nil {
		t.Errorf("no SNI: %v", err)
	}
	cfg := ca.ClientConfig()
	cfg.ServerName = "example.com"
	if conn, err := tls.Dial("tcp", ln.Addr().String(), cfg); err == nil {
		conn.Close()
		t.Error("a handshake for example.com succeeded; want it refused")
	}
}

// TestHardcodedClientConfiguredByEnvironment runs a program that
// hard-codes https://api.bigcommerce.com with only HTTPS_PROXY and
// SSL_CERT_FILE set: Go's net/http takes both from the environment.
func TestHardcodedClientConfiguredByEnvironment(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs a program")
	}
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("no go command to build the client with")
	}
	dir, empty := t.TempDir(), t.TempDir()
	bin := filepath.Join(dir, "hardcoded")
	if out, err := exec.Command(goTool, "build", "-o", bin, "./testdata/hardcoded").CombinedOutput(); err != nil {
		t.Fatalf("build the client: %v\n%s", err, out)
	}
	h := newHarness(t, mock.WithTLSFace(nil))
	h.create("hardcoded-app", "abc123", "store/order/created", "https://app.example.com/orders")
	pem, err := adminapi.New(h.http.URL, nil).CA(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	caFile := filepath.Join(dir, "bcmock-ca.pem")
	if err := os.WriteFile(caFile, pem, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(bin)
	cmd.Env = []string{"HTTPS_PROXY=" + h.http.URL, "SSL_CERT_FILE=" + caFile, "SSL_CERT_DIR=" + empty}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("client: %v\n%s", err, out)
	}
	if !strings.HasPrefix(string(out), "200 ") || !strings.Contains(string(out), "https://app.example.com/orders") {
		t.Errorf("client printed %s; want 200 and the hook made on the plain port", out)
	}
	t.Run("without the CA", func(t *testing.T) {
		cmd := exec.Command(bin)
		cmd.Env = []string{"HTTPS_PROXY=" + h.http.URL, "SSL_CERT_FILE=" + filepath.Join(dir, "none.pem"), "SSL_CERT_DIR=" + empty}
		out, err := cmd.CombinedOutput()
		if err == nil || !strings.Contains(string(out), "certificate") {
			t.Errorf("a client that does not trust the CA got %s (err %v); want a certificate error", out, err)
		}
	})
}
