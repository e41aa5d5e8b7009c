package tlsface_test

import (
	"crypto/x509"
	"encoding/pem"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/tlsface"
)

func TestLoadCAKeepsTheSameCA(t *testing.T) {
	ca, err := tlsface.NewCA()
	if err != nil {
		t.Fatal(err)
	}
	key, err := ca.KeyPEM()
	if err != nil {
		t.Fatal(err)
	}
	loaded, err := tlsface.LoadCA(ca.CertPEM(), key)
	if err != nil {
		t.Fatal(err)
	}
	if string(loaded.CertPEM()) != string(ca.CertPEM()) {
		t.Error("the loaded CA's certificate differs")
	}
	leaf, err := loaded.Leaf("api.bigcommerce.com")
	if err != nil {
		t.Fatal(err)
	}
	// A certificate the loaded CA issues is trusted by the original's pool.
	if _, err := leaf.Leaf.Verify(x509.VerifyOptions{Roots: ca.Pool(), DNSName: "api.bigcommerce.com"}); err != nil {
		t.Errorf("leaf of the loaded CA: %v", err)
	}
}

func TestLoadCARefusesWhatCannotBeUsed(t *testing.T) {
	a, _ := tlsface.NewCA()
	b, _ := tlsface.NewCA()
	bKey, _ := b.KeyPEM()
	leaf, _ := a.Leaf("api.bigcommerce.com")
	leafPEM := pemOf(leaf.Certificate[0])
	for _, tc := range []struct {
		name      string
		cert, key []byte
		says      string
	}{
		{"key of another CA", a.CertPEM(), bKey, "not the certificate's"},
		{"not a CA", leafPEM, bKey, "not a CA's"},
		{"not PEM", []byte("junk"), bKey, "not a PEM CERTIFICATE"},
		{"key not PEM", a.CertPEM(), []byte("junk"), "not PEM"},
		{"key is a certificate", a.CertPEM(), a.CertPEM(), `"CERTIFICATE" block`},
	} {
		_, err := tlsface.LoadCA(tc.cert, tc.key)
		if !errors.Is(err, tlsface.ErrBadCA) || !strings.Contains(err.Error(), tc.says) {
			t.Errorf("%s: %v; want ErrBadCA saying %q", tc.name, err, tc.says)
		}
	}
	if _, err := tlsface.LoadCAFiles("/nonexistent/ca.pem", "/nonexistent/ca.key"); err == nil {
		t.Error("LoadCAFiles of missing files succeeded")
	}
}

func TestLeavesAreCachedRenewedAndOnlyForBigCommerce(t *testing.T) {
	now := time.Now()
	ca, err := tlsface.NewCA(tlsface.WithNow(func() time.Time { return now }))
	if err != nil {
		t.Fatal(err)
	}
	first, _ := ca.Leaf("API.bigcommerce.com.")
	again, _ := ca.Leaf("api.bigcommerce.com")
	if first != again {
		t.Error("a second Leaf for the same host issued a new certificate")
	}
	now = first.Leaf.NotAfter.Add(-30 * time.Minute)
	renewed, _ := ca.Leaf("api.bigcommerce.com")
	if renewed == first || !renewed.Leaf.NotAfter.After(first.Leaf.NotAfter) {
		t.Error("a leaf half an hour from its end was not renewed")
	}
	if _, err := ca.Leaf("example.com"); !errors.Is(err, tlsface.ErrNotServed) {
		t.Errorf("Leaf(example.com) = %v, want ErrNotServed", err)
	}
	// The generated CA is constrained to bigcommerce.com.
	if got := ca.Certificate().PermittedDNSDomains; len(got) != 1 || got[0] != "bigcommerce.com" {
		t.Errorf("PermittedDNSDomains = %v", got)
	}
}

func TestTarget(t *testing.T) {
	for in, want := range map[string]string{
		"api.bigcommerce.com:443": "api.bigcommerce.com", "LOGIN.BigCommerce.com:443": "login.bigcommerce.com",
		"payments.bigcommerce.com.:443": "payments.bigcommerce.com",
		"example.com:443":               "", "api.bigcommerce.com:8443": "", "api.bigcommerce.com": "", "[::1]:443": "",
	} {
		got, err := tlsface.Target(in)
		if got != want || (want == "") != (err != nil) {
			t.Errorf("Target(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
}

func pemOf(der []byte) []byte { return pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}) }
