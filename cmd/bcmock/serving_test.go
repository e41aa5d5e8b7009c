package main

// Tests of how serve runs and stops the HTTP server: the read and idle
// timeouts close slow and idle connections, and a second signal during
// shutdown stops at once. Each waits for an event with a generous bound
// (a hang is the failure), never for a duration.

import (
	"bufio"
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// blocking is a drainer whose requests wait until release is closed.
type blocking struct {
	release chan struct{}
	entered chan struct{}
	once    sync.Once
}

func (b *blocking) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == "/block" {
		b.once.Do(func() { close(b.entered) })
		<-b.release
	}
	w.WriteHeader(http.StatusOK)
}

func (b *blocking) Shutdown(context.Context) error { return nil }

// startServe runs serve on a loopback port and returns its address, a
// function that stops it (the first signal) and the channel of its exit code.
func serveOn(t *testing.T, h drainer, cfg serving) (string, context.CancelFunc, <-chan int) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	code := make(chan int, 1)
	go func() { code <- serve(ctx, ln, h, slog.New(slog.DiscardHandler), cfg, nil) }()
	t.Cleanup(cancel)
	return ln.Addr().String(), cancel, code
}

// waitClosed reads from conn until the server closes it, and fails the
// test if that takes longer than a bound far above the timeout under test.
func waitClosed(t *testing.T, conn net.Conn) {
	t.Helper()
	_ = conn.SetReadDeadline(time.Now().Add(10 * time.Second))
	_, err := io.Copy(io.Discard, conn)
	if ne, ok := err.(net.Error); ok && ne.Timeout() {
		t.Fatal("the server kept the connection open")
	}
}

func TestReadTimeoutClosesASlowUpload(t *testing.T) {
	addr, _, _ := serveOn(t, &blocking{}, serving{readTimeout: 100 * time.Millisecond, idleTimeout: time.Minute, shutdownTimeout: time.Second})
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	// Headers promising a body that never comes.
	_, _ = conn.Write([]byte("POST /x HTTP/1.1\r\nHost: x\r\nContent-Length: 1000\r\n\r\n{"))
	waitClosed(t, conn)
}

func TestIdleTimeoutClosesAKeepAliveConnection(t *testing.T) {
	addr, _, _ := serveOn(t, &blocking{}, serving{readTimeout: time.Minute, idleTimeout: 100 * time.Millisecond, shutdownTimeout: time.Second})
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	_, _ = conn.Write([]byte("GET /x HTTP/1.1\r\nHost: x\r\n\r\n"))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = resp.Body.Close()
	waitClosed(t, conn) // the connection is kept alive, then idles out
}

func TestSecondSignalStopsShutdownAtOnce(t *testing.T) {
	h := &blocking{release: make(chan struct{}), entered: make(chan struct{})}
	defer close(h.release)
	force := make(chan os.Signal, 1)
	addr, stop, code := serveOn(t, h, serving{readTimeout: time.Minute, idleTimeout: time.Minute, shutdownTimeout: time.Hour, force: force})
	go func() {
		resp, err := http.Get("http://" + addr + "/block")
		if err == nil {
			resp.Body.Close()
		}
	}()
	<-h.entered // a request is in flight: shutdown would wait an hour for it
	stop()
	force <- syscall.SIGTERM
	select {
	case c := <-code:
		if c != exitError {
			t.Errorf("exit code = %d, want %d: the in-flight request was cut off", c, exitError)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("the second signal did not stop the shutdown")
	}
}

// TestListeningLogNamesTheListenAddress checks the start-up line says what
// the server listens on, not only the URL to reach it.
func TestListeningLogNamesTheListenAddress(t *testing.T) {
	ln, err := net.Listen("tcp", ":0")
	if err != nil {
		t.Fatal(err)
	}
	var logs syncBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		done <- serve(ctx, ln, &blocking{}, slog.New(slog.NewTextHandler(&logs, nil)), serving{readTimeout: time.Second, idleTimeout: time.Second, shutdownTimeout: time.Second}, nil)
	}()
	_, port, _ := net.SplitHostPort(ln.Addr().String())
	for !strings.Contains(logs.String(), "bcmock listening") {
		time.Sleep(time.Millisecond)
	}
	cancel()
	<-done
	if !strings.Contains(logs.String(), "listen=[::]:"+port) {
		t.Errorf("the log does not name the listen address [::]:%s:\n%s", port, logs.String())
	}
}
