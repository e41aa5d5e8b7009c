package container_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/testkit/container"
)

// writeCA writes a CA certificate and key (as openssl would make them)
// and returns their paths and the certificate's PEM.
func writeCA(t *testing.T) (certPath, keyPath string, certPEM []byte) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		Subject: pkix.Name{CommonName: "CI test CA"}, NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, _ := x509.MarshalPKCS8PrivateKey(key)
	dir := t.TempDir()
	certPath, keyPath = filepath.Join(dir, "ca.pem"), filepath.Join(dir, "ca.key")
	certPEM = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	_ = os.WriteFile(certPath, certPEM, 0o644)
	_ = os.WriteFile(keyPath, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o644)
	return certPath, keyPath, certPEM
}

// TestTLSFaceInTheContainer: code that hard-codes
// https://api.bigcommerce.com reaches the container through its CONNECT
// face and through its TLS listener, with the CA given to it.
func TestTLSFaceInTheContainer(t *testing.T) {
	certPath, keyPath, certPEM := writeCA(t)
	ctr := run(t, container.WithTLSListener(), container.WithTLSCAFiles(certPath, keyPath), container.WithRateLimit(150, 30*time.Second))
	ctx := t.Context()
	if got, err := ctr.CA(ctx); err != nil || string(got) != string(certPEM) {
		t.Fatalf("CA = %q, %v; want the given one", got, err)
	}
	proxied, err := ctr.TLSClient(ctx)
	if err != nil {
		t.Fatal(err)
	}
	direct, err := ctr.DirectClient(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for name, client := range map[string]*http.Client{"through CONNECT": proxied, "on the TLS listener": direct} {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, "https://api.bigcommerce.com/stores/abc123/v3/hooks", nil)
		req.Header.Set("X-Auth-Token", "t")
		resp, err := client.Do(req)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), `"data":[]`) || resp.Header.Get("X-Rate-Limit-Requests-Quota") != "150" {
			t.Errorf("%s: %d %s (quota header %q)", name, resp.StatusCode, body, resp.Header.Get("X-Rate-Limit-Requests-Quota"))
		}
		if _, err := client.Get("https://example.com/"); err == nil {
			t.Errorf("%s reached example.com", name)
		}
	}
}
