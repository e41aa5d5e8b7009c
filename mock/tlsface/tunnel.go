package tlsface

import (
	"bufio"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"log"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// Target checks the authority of a CONNECT request (host:port) and
// returns the host to serve: one of Hosts, on port 443. Any other target
// is an error that says why, for the 403; nothing is ever tunnelled out.
func Target(authority string) (string, error) {
	host, port, err := net.SplitHostPort(authority)
	if err != nil {
		return "", fmt.Errorf("CONNECT %q: want host:443: %w", authority, err)
	}
	if !Serves(host) {
		return "", fmt.Errorf("CONNECT %s: bcmock tunnels only to BigCommerce's hosts (%s, on port 443), which it serves itself; it never connects out", authority, strings.Join(Hosts, ", "))
	}
	if port != "443" {
		return "", fmt.Errorf("CONNECT %s: BigCommerce's hosts are served on port 443 only", authority)
	}
	return normalize(host), nil
}

// Tunnels serves an HTTP handler inside CONNECT tunnels: each accepted
// CONNECT is hijacked, TLS is terminated in it with the CA's certificate
// for the host, and the requests that come through are served by the
// handler (HTTP/2 or HTTP/1.1, with keep-alive) by one internal
// http.Server. It is safe for concurrent use. Create it with NewTunnels;
// the caller should call Shutdown or Close when done, which also ends the
// open tunnels.
type Tunnels struct {
	ca    *CA
	srv   *http.Server
	conns chan net.Conn
	done  chan struct{} // closed by Shutdown or Close
	start sync.Once
	stop  sync.Once
}

// Tunnel timeouts of the internal server.
const (
	tunnelReadHeaderTimeout = 10 * time.Second
	tunnelIdleTimeout       = 60 * time.Second
)

// NewTunnels returns tunnels to h, with certificates from ca. errorLog
// receives the internal server's errors (failed handshakes and the like);
// nil means the log package's standard logger.
func NewTunnels(ca *CA, h http.Handler, errorLog *log.Logger) *Tunnels {
	t := &Tunnels{ca: ca, conns: make(chan net.Conn), done: make(chan struct{})}
	t.srv = &http.Server{
		Handler: h, ReadHeaderTimeout: tunnelReadHeaderTimeout, IdleTimeout: tunnelIdleTimeout, ErrorLog: errorLog,
	}
	return t
}

// ErrClosed reports a tunnel refused because Tunnels was shut down.
var ErrClosed = errors.New("tls face closed")

// Open answers an accepted CONNECT to host (from Target): it hijacks the
// connection, answers 200, and serves host's certificate and the handler
// in the tunnel. When it returns an error, nothing was written and the
// caller should answer; once the connection is hijacked it returns nil.
func (t *Tunnels) Open(w http.ResponseWriter, host string) error {
	select {
	case <-t.done:
		return ErrClosed
	default:
	}
	conn, buf, err := http.NewResponseController(w).Hijack()
	if err != nil {
		return fmt.Errorf("open tunnel: %w", err)
	}
	if _, err := conn.Write([]byte("HTTP/1.1 200 Connection established\r\n\r\n")); err != nil {
		_ = conn.Close()
		return nil
	}
	raw := net.Conn(conn)
	if buf.Reader.Buffered() > 0 { // a client that sent its ClientHello early
		raw = &bufferedConn{Conn: conn, r: buf.Reader}
	}
	t.serve(raw, host)
	return nil
}

// serve hands the tunnel's TLS connection to the internal server.
func (t *Tunnels) serve(raw net.Conn, host string) {
	t.start.Do(func() { go func() { _ = t.srv.Serve(&chanListener{conns: t.conns, done: t.done}) }() })
	conn := tls.Server(raw, t.ca.config(host))
	select {
	case t.conns <- conn:
	case <-t.done:
		_ = conn.Close()
	}
}

// Shutdown stops accepting tunnels and ends the open ones gracefully:
// requests in flight may finish until ctx ends.
func (t *Tunnels) Shutdown(ctx context.Context) error {
	t.stop.Do(func() { close(t.done) })
	return t.srv.Shutdown(ctx)
}

// Close ends every tunnel at once.
func (t *Tunnels) Close() error {
	t.stop.Do(func() { close(t.done) })
	return t.srv.Close()
}

// chanListener is the internal server's listener: it accepts the tunnels
// Open hands over, until done.
type chanListener struct {
	conns chan net.Conn
	done  chan struct{}
}

func (l *chanListener) Accept() (net.Conn, error) {
	select {
	case c := <-l.conns:
		return c, nil
	case <-l.done:
		return nil, net.ErrClosed
	}
}

// Close is a no-op: Tunnels' Shutdown and Close end the listener.
func (l *chanListener) Close() error { return nil }

func (l *chanListener) Addr() net.Addr { return tunnelAddr{} }

type tunnelAddr struct{}

func (tunnelAddr) Network() string { return "tunnel" }
func (tunnelAddr) String() string  { return "bcmock-connect-tunnel" }

// bufferedConn reads what the HTTP server had already buffered before the
// connection itself.
type bufferedConn struct {
	net.Conn
	r *bufio.Reader
}

func (c *bufferedConn) Read(p []byte) (int, error) { return c.r.Read(p) }
