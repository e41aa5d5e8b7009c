package container

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/testcontainers/testcontainers-go"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

const (
	// TLSPort is the port WithTLSListener has the mock listen for TLS on
	// (bcmock serve --tls-addr :8443).
	TLSPort = "8443/tcp"
	// CACertPath and CAKeyPath are where WithTLSCAFiles puts the CA in the
	// container.
	CACertPath = "/etc/bcmock/ca.pem"
	CAKeyPath  = "/etc/bcmock/ca.key"
)

// bigCommerceHosts are the hosts the mock's TLS face serves (as
// mock/tlsface.Hosts; this module does not import the mock).
var bigCommerceHosts = []string{"api.bigcommerce.com", "login.bigcommerce.com", "payments.bigcommerce.com"}

// WithTLSListener has the mock also listen for TLS on TLSPort, serving
// api.bigcommerce.com and the other BigCommerce hosts by SNI
// (BCMOCK_TLS_ADDR), and exposes the port: for a Docker network that
// aliases api.bigcommerce.com to the mock (testcontainers.WithNetwork and
// network aliases), or for DirectClient from the test process. The CONNECT
// face on Port needs no option.
func WithTLSListener() testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		if err := testcontainers.WithExposedPorts(TLSPort)(req); err != nil {
			return err
		}
		return withEnv("BCMOCK_TLS_ADDR", ":"+strings.TrimSuffix(TLSPort, "/tcp"))(req)
	}
}

// WithTLSCAFiles copies a CA certificate and key (PEM) into the container
// and has the mock sign its certificates with it (BCMOCK_TLS_CA_CERT,
// BCMOCK_TLS_CA_KEY), so that an image or CI job can trust one CA across
// runs. Without it the mock generates a CA at start; get it with CA.
func WithTLSCAFiles(certPath, keyPath string) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		if err := copyIn("with tls ca files", certPath, CACertPath, "BCMOCK_TLS_CA_CERT")(req); err != nil {
			return err
		}
		return copyIn("with tls ca files", keyPath, CAKeyPath, "BCMOCK_TLS_CA_KEY")(req)
	}
}

// WithRateLimit enforces BigCommerce's rate limit, quota requests per
// window per store shared by all its tokens (BCMOCK_RATE_LIMIT; 150 per
// 30 s is the Standard plan), with the X-Rate-Limit-* headers on every
// answer and 429 past the quota. Without it there is no limit.
func WithRateLimit(quota int, window time.Duration) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		l := bigcommerce.RateLimit{Quota: quota, Window: window}
		if err := l.Validate(); err != nil || quota == 0 {
			return fmt.Errorf("with rate limit %d/%v: %w: the quota must be at least 1 and the window at least 1ms", quota, window, ErrBadOption)
		}
		return withEnv("BCMOCK_RATE_LIMIT", l.String())(req)
	}
}

// CA returns the PEM certificate of the CA the mock's TLS face signs its
// certificates with, from the control API (GET /__bcmock/ca.pem).
func (c *Container) CA(ctx context.Context) ([]byte, error) {
	admin, err := c.Admin(ctx)
	if err != nil {
		return nil, err
	}
	return admin.CA(ctx)
}

// caPool returns a pool holding only the mock's CA.
func (c *Container) caPool(ctx context.Context) (*x509.CertPool, error) {
	pem, err := c.CA(ctx)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("get ca: the mock's CA is not a PEM certificate")
	}
	return pool, nil
}

// TLSClient returns a client that sends https requests through the mock's
// CONNECT face on Port (the mock is its HTTPS proxy) and trusts only the
// mock's CA, so code that hard-codes https://api.bigcommerce.com reaches
// the container; requests to other hosts fail. The caller should call
// CloseIdleConnections when done.
func (c *Container) TLSClient(ctx context.Context) (*http.Client, error) {
	base, err := c.BaseURL(ctx)
	if err != nil {
		return nil, err
	}
	proxy, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("tls client: %w", err)
	}
	pool, err := c.caPool(ctx)
	if err != nil {
		return nil, err
	}
	return &http.Client{Transport: &http.Transport{
		Proxy: http.ProxyURL(proxy), ForceAttemptHTTP2: true,
		TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
	}}, nil
}

// DirectClient returns a client that connects every request for a
// BigCommerce host on port 443 straight to the container's TLS listener
// (start it WithTLSListener), as a Docker network alias would, with the
// host's name sent by SNI and checked against the mock's CA; no proxy.
// Other hosts are refused. The caller should call CloseIdleConnections
// when done.
func (c *Container) DirectClient(ctx context.Context) (*http.Client, error) {
	base, err := c.BaseURL(ctx) // the address that answered Run's wait
	if err != nil {
		return nil, err
	}
	u, err := url.Parse(base)
	if err != nil {
		return nil, fmt.Errorf("direct client: %w", err)
	}
	port, err := c.MappedPort(ctx, TLSPort)
	if err != nil || port.IsZero() {
		return nil, fmt.Errorf("direct client: port %s is not published (start the container WithTLSListener): %v", TLSPort, err)
	}
	// Run's wait may have reached the mock at the container's own address
	// (tests running in a container beside it): there the TLS listener is
	// on its own port, not the one published on the host.
	tlsPort := strconv.Itoa(int(port.Num()))
	if u.Port() == strings.TrimSuffix(Port, "/tcp") {
		tlsPort = strings.TrimSuffix(TLSPort, "/tcp")
	}
	target := net.JoinHostPort(u.Hostname(), tlsPort)
	pool, err := c.caPool(ctx)
	if err != nil {
		return nil, err
	}
	var d net.Dialer
	return &http.Client{Transport: &http.Transport{
		ForceAttemptHTTP2: true,
		TLSClientConfig:   &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12},
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			h, p, err := net.SplitHostPort(addr)
			if err != nil || p != "443" || !slices.Contains(bigCommerceHosts, strings.ToLower(h)) {
				return nil, fmt.Errorf("direct client: %s is not a BigCommerce host the mock serves", addr)
			}
			return d.DialContext(ctx, network, target)
		},
	}}, nil
}
