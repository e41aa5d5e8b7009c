// Package tlsface is bcmock's TLS face: a CA, certificates it signs for
// BigCommerce's hosts, and the serving of the mock inside CONNECT tunnels,
// so that a client that hard-codes https://api.bigcommerce.com reaches the
// mock with nothing but HTTPS_PROXY and the CA in its trust store.
//
// The CA is generated (ECDSA P-256) or loaded from PEM files, so it can
// stay the same across runs and be baked into a CI image. It signs a leaf
// certificate per host on first use and keeps it (one per host of Hosts,
// so the cache is bounded), issuing a new one before it expires. A
// generated CA carries a name constraint: it can vouch for
// *.bigcommerce.com only, so a leaked test CA cannot be used against any
// other site.
//
// Certificates are dated by the wall clock (WithNow), never by the mock's
// fake clock: a client checks them against its own time. Keys and serial
// numbers come from crypto/rand (Go's crypto ignores other sources), so
// two generated CAs always differ; load one to keep it.
//
// Nothing here ever connects out. A CONNECT to a host that is not one of
// Hosts is refused by the caller (see Target).
package tlsface

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"sync"
	"time"
)

// Hosts are the BigCommerce hosts the face serves: the REST API, the
// OAuth login and payments hosts an integration calls.
var Hosts = []string{"api.bigcommerce.com", "login.bigcommerce.com", "payments.bigcommerce.com"}

// DefaultHost is the certificate a TLS client that sends no server name
// (SNI) gets.
const DefaultHost = "api.bigcommerce.com"

// Serves reports whether host (a DNS name, any case, with or without a
// trailing dot) is one of Hosts.
func Serves(host string) bool { return slices.Contains(Hosts, normalize(host)) }

func normalize(host string) string { return strings.TrimSuffix(strings.ToLower(host), ".") }

// ErrBadCA reports a CA that cannot be loaded or used.
var ErrBadCA = errors.New("bad tls ca")

// ErrNotServed reports a host the face does not serve.
var ErrNotServed = errors.New("not a BigCommerce host bcmock serves")

// Validity of what the CA issues.
const (
	caValidity   = 10 * 365 * 24 * time.Hour
	leafValidity = 7 * 24 * time.Hour
	// leafRenew is how long before its end a cached leaf is replaced.
	leafRenew = time.Hour
	// backdate covers clients whose clock runs a little behind.
	backdate = time.Hour
)

// CA signs the face's certificates. It is safe for concurrent use. Create
// it with NewCA or LoadCA.
type CA struct {
	cert *x509.Certificate
	key  crypto.Signer
	pem  []byte
	now  func() time.Time

	mu     sync.Mutex
	leaves map[string]*tls.Certificate
}

// Option configures a CA.
type Option func(*CA)

// WithNow sets the clock certificates are dated by (default time.Now).
func WithNow(now func() time.Time) Option { return func(ca *CA) { ca.now = now } }

func newCA(opts []Option) *CA {
	ca := &CA{now: time.Now, leaves: map[string]*tls.Certificate{}}
	for _, o := range opts {
		o(ca)
	}
	return ca
}

// NewCA generates a CA: an ECDSA P-256 key and a self-signed certificate,
// valid for ten years and constrained to *.bigcommerce.com.
func NewCA(opts ...Option) (*CA, error) {
	ca := newCA(opts)
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generate ca: %w", err)
	}
	now := ca.now()
	tmpl := &x509.Certificate{
		Subject:                     pkix.Name{CommonName: "bcmock test CA", Organization: []string{"bcmock (for tests only)"}},
		NotBefore:                   now.Add(-backdate),
		NotAfter:                    now.Add(caValidity),
		KeyUsage:                    x509.KeyUsageCertSign | x509.KeyUsageCRLSign | x509.KeyUsageDigitalSignature,
		BasicConstraintsValid:       true,
		IsCA:                        true,
		MaxPathLenZero:              true,
		PermittedDNSDomainsCritical: true,
		PermittedDNSDomains:         []string{"bigcommerce.com"},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, key.Public(), key)
	if err != nil {
		return nil, fmt.Errorf("generate ca: %w", err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("generate ca: %w", err)
	}
	ca.cert, ca.key = cert, key
	ca.pem = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return ca, nil
}

// LoadCA loads a CA from a PEM certificate and its PEM private key (PKCS
// #8, SEC 1 "EC PRIVATE KEY" or PKCS #1 "RSA PRIVATE KEY"). The
// certificate must be a CA's, and the key its key.
func LoadCA(certPEM, keyPEM []byte, opts ...Option) (*CA, error) {
	ca := newCA(opts)
	block, _ := pem.Decode(certPEM)
	if block == nil || block.Type != "CERTIFICATE" {
		return nil, fmt.Errorf("load ca: %w: the certificate is not a PEM CERTIFICATE block", ErrBadCA)
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("load ca: %w: %w", ErrBadCA, err)
	}
	if !cert.IsCA || !cert.BasicConstraintsValid {
		return nil, fmt.Errorf("load ca: %w: the certificate %q is not a CA's (basicConstraints CA:TRUE)", ErrBadCA, cert.Subject.CommonName)
	}
	key, err := parseKey(keyPEM)
	if err != nil {
		return nil, fmt.Errorf("load ca: %w: %w", ErrBadCA, err)
	}
	if pub, ok := key.Public().(interface{ Equal(crypto.PublicKey) bool }); !ok || !pub.Equal(cert.PublicKey) {
		return nil, fmt.Errorf("load ca: %w: the key is not the certificate's", ErrBadCA)
	}
	ca.cert, ca.key = cert, key
	ca.pem = pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: cert.Raw})
	return ca, nil
}

// LoadCAFiles is LoadCA from files.
func LoadCAFiles(certFile, keyFile string, opts ...Option) (*CA, error) {
	certPEM, err := os.ReadFile(certFile)
	if err != nil {
		return nil, fmt.Errorf("load ca: %w", err)
	}
	keyPEM, err := os.ReadFile(keyFile)
	if err != nil {
		return nil, fmt.Errorf("load ca: %w", err)
	}
	return LoadCA(certPEM, keyPEM, opts...)
}

func parseKey(keyPEM []byte) (crypto.Signer, error) {
	block, _ := pem.Decode(keyPEM)
	if block == nil {
		return nil, errors.New("the key is not PEM")
	}
	var key any
	var err error
	switch block.Type {
	case "PRIVATE KEY":
		key, err = x509.ParsePKCS8PrivateKey(block.Bytes)
	case "EC PRIVATE KEY":
		key, err = x509.ParseECPrivateKey(block.Bytes)
	case "RSA PRIVATE KEY":
		key, err = x509.ParsePKCS1PrivateKey(block.Bytes)
	default:
		return nil, fmt.Errorf("the key is a PEM %q block; want PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY", block.Type)
	}
	if err != nil {
		return nil, err
	}
	signer, ok := key.(crypto.Signer)
	if !ok {
		return nil, fmt.Errorf("a %T key cannot sign", key)
	}
	return signer, nil
}

// KeyPEM returns the CA's private key as a PEM PKCS #8 block, to save a
// generated CA for LoadCA.
func (ca *CA) KeyPEM() ([]byte, error) {
	der, err := x509.MarshalPKCS8PrivateKey(ca.key)
	if err != nil {
		return nil, fmt.Errorf("encode ca key: %w", err)
	}
	return pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der}), nil
}

// CertPEM returns the CA certificate as PEM, for a client's trust store.
func (ca *CA) CertPEM() []byte { return slices.Clone(ca.pem) }

// Certificate returns the CA certificate.
func (ca *CA) Certificate() *x509.Certificate { return ca.cert }

// Pool returns a certificate pool holding only the CA, for a client's
// tls.Config.RootCAs.
func (ca *CA) Pool() *x509.CertPool {
	pool := x509.NewCertPool()
	pool.AddCert(ca.cert)
	return pool
}

// Leaf returns the certificate for host, one of Hosts, signed by the CA:
// issued on first use, kept, and replaced an hour before it expires.
func (ca *CA) Leaf(host string) (*tls.Certificate, error) {
	host = normalize(host)
	if !slices.Contains(Hosts, host) {
		return nil, fmt.Errorf("%w: %q (bcmock serves %s)", ErrNotServed, host, strings.Join(Hosts, ", "))
	}
	now := ca.now()
	ca.mu.Lock()
	defer ca.mu.Unlock()
	if c := ca.leaves[host]; c != nil && now.Before(c.Leaf.NotAfter.Add(-leafRenew)) {
		return c, nil
	}
	c, err := ca.issue(host, now)
	if err != nil {
		return nil, err
	}
	ca.leaves[host] = c
	return c, nil
}

func (ca *CA) issue(host string, now time.Time) (*tls.Certificate, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("issue certificate for %s: %w", host, err)
	}
	tmpl := &x509.Certificate{
		Subject:     pkix.Name{CommonName: host},
		DNSNames:    []string{host},
		NotBefore:   now.Add(-backdate),
		NotAfter:    earlier(now.Add(leafValidity), ca.cert.NotAfter),
		KeyUsage:    x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca.cert, key.Public(), ca.key)
	if err != nil {
		return nil, fmt.Errorf("issue certificate for %s: %w", host, err)
	}
	leaf, err := x509.ParseCertificate(der)
	if err != nil {
		return nil, fmt.Errorf("issue certificate for %s: %w", host, err)
	}
	return &tls.Certificate{Certificate: [][]byte{der, ca.cert.Raw}, PrivateKey: key, Leaf: leaf}, nil
}

func earlier(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// ServerConfig returns the TLS configuration of a listener serving the
// BigCommerce hosts (bcmock serve --tls-addr): the certificate is chosen
// by the client's server name (SNI), DefaultHost's when it sends none; a
// handshake for any other name fails. It offers HTTP/2 and HTTP/1.1.
func (ca *CA) ServerConfig() *tls.Config { return ca.config(DefaultHost) }

// config is ServerConfig with fallback as the host of a handshake without
// a server name.
func (ca *CA) config(fallback string) *tls.Config {
	return &tls.Config{
		MinVersion: tls.VersionTLS12,
		NextProtos: []string{"h2", "http/1.1"},
		GetCertificate: func(hello *tls.ClientHelloInfo) (*tls.Certificate, error) {
			name := hello.ServerName
			if name == "" {
				name = fallback
			}
			return ca.Leaf(name)
		},
	}
}

// ClientConfig returns a client TLS configuration that trusts only the CA.
func (ca *CA) ClientConfig() *tls.Config {
	return &tls.Config{RootCAs: ca.Pool(), MinVersion: tls.VersionTLS12}
}
