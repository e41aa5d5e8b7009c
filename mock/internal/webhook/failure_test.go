// These tests lock what counts as a successful attempt: any 2xx within the
// timeout. Redirects (never followed), other statuses, timeouts, refused
// connections and TLS failures are failures.
package webhook_test

import (
	"cmp"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

func TestAttemptOutcomes(t *testing.T) {
	tests := []struct {
		name       string
		dest       func(t *testing.T) string // returns the hook destination
		wantOK     bool
		wantStatus int
		wantErr    string
		wantBody   int           // length of the kept response body
		timeout    time.Duration // WithTimeout; 0 means 5s
	}{
		{name: "200", dest: serving(always(http.StatusOK)), wantOK: true, wantStatus: 200},
		{name: "201", dest: serving(always(http.StatusCreated)), wantOK: true, wantStatus: 201},
		{name: "204", dest: serving(always(http.StatusNoContent)), wantOK: true, wantStatus: 204},
		{name: "404", dest: serving(always(http.StatusNotFound)), wantStatus: 404, wantErr: "HTTP 404 Not Found"},
		{name: "500", dest: serving(always(http.StatusInternalServerError)), wantStatus: 500, wantErr: "HTTP 500"},
		{name: "304", dest: serving(always(http.StatusNotModified)), wantStatus: 304, wantErr: "redirects are not followed"},
		{name: "redirect not followed", dest: redirecting, wantStatus: 302, wantErr: "redirects are not followed (Location: "},
		{name: "timeout", dest: hanging, wantErr: "timeout after 50ms", timeout: 50 * time.Millisecond},
		{name: "refused", dest: refusing, wantErr: "connection refused"},
		{name: "tls failure", dest: badTLS, wantErr: "certificate"},
		{name: "not a URL", dest: func(*testing.T) string { return "::nope" }, wantErr: "build request"},
		{name: "bad scheme", dest: func(*testing.T) string { return "ftp://example.com/x" }, wantErr: "unsupported scheme"},
		{name: "big body kept to 1 KiB", dest: chatty, wantStatus: 500, wantErr: "HTTP 500", wantBody: 1024},
		{name: "body shorter than Content-Length", dest: shortBody, wantStatus: 200, wantBody: 10,
			wantErr: "read response body: the connection closed after 10 of the 100 bytes its Content-Length declares"},
		{name: "body cut off by the timeout", dest: stalledBody, wantStatus: 200, wantBody: 10,
			wantErr: "timeout after 50ms", timeout: 50 * time.Millisecond},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			timeout := cmp.Or(tc.timeout, 5*time.Second)
			f := newFixture(t, webhook.WithSchedule(bigcommerce.Schedule{}), webhook.WithTimeout(timeout))
			f.hook(1, tc.dest(t), nil)
			f.raise(t, 1)
			if n := f.eng.DeliverDue(t.Context()); n != 1 {
				t.Fatalf("DeliverDue sent %d attempts, want 1", n)
			}
			a := f.eng.Attempts(webhook.Filter{})
			if len(a) != 1 {
				t.Fatalf("attempts = %+v, want one", a)
			}
			wantOutcome := map[bool]bigcommerce.Outcome{true: bigcommerce.OutcomeSuccess, false: bigcommerce.OutcomeFailure}[tc.wantOK]
			if a[0].Outcome != wantOutcome || a[0].ResponseStatus != tc.wantStatus || !strings.Contains(a[0].Error, tc.wantErr) {
				t.Fatalf("attempt = outcome %s, status %d, error %q; want %s, %d, %q",
					a[0].Outcome, a[0].ResponseStatus, a[0].Error, wantOutcome, tc.wantStatus, tc.wantErr)
			}
			if tc.wantOK && a[0].Error != "" {
				t.Fatalf("successful attempt has error %q", a[0].Error)
			}
			if len(a[0].ResponseBody) != tc.wantBody {
				t.Fatalf("kept %d response bytes, want %d", len(a[0].ResponseBody), tc.wantBody)
			}
		})
	}
}

// serving returns a destination answering with status.
func serving(status func(int, *http.Request) int) func(*testing.T) string {
	return func(t *testing.T) string { return newReceiver(t, status).URL }
}

// redirecting returns a destination that redirects to a second server and
// fails the test if the redirect is followed.
func redirecting(t *testing.T) string {
	followed := newReceiver(t, always(http.StatusOK))
	t.Cleanup(func() {
		if n := len(followed.requests()); n != 0 {
			t.Errorf("redirect target got %d requests, want none", n)
		}
	})
	srv := httptest.NewServer(http.RedirectHandler(followed.URL+"/elsewhere", http.StatusFound))
	t.Cleanup(srv.Close)
	return srv.URL
}

// hanging returns a destination whose handler blocks until cleanup.
func hanging(t *testing.T) string {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) { <-release }))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) }) // runs before srv.Close
	return srv.URL
}

// refusing returns the address of a server that has been closed.
func refusing(t *testing.T) string {
	srv := httptest.NewServer(http.NotFoundHandler())
	srv.Close()
	return srv.URL
}

// badTLS returns an https destination with a certificate nobody trusts.
func badTLS(t *testing.T) string {
	srv := httptest.NewUnstartedServer(http.NotFoundHandler())
	srv.Config.ErrorLog = log.New(io.Discard, "", 0) // the failed handshake is expected
	srv.StartTLS()
	t.Cleanup(srv.Close)
	return srv.URL
}

// shortBody returns a destination that answers 200 with Content-Length: 100,
// sends 10 bytes and closes the connection.
func shortBody(t *testing.T) string {
	return rawResponder(t, func(conn net.Conn, _ chan struct{}) {
		_, _ = io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
	})
}

// stalledBody returns a destination that answers 200 with Content-Length:
// 100, sends 10 bytes and then stalls until cleanup.
func stalledBody(t *testing.T) string {
	return rawResponder(t, func(conn net.Conn, release chan struct{}) {
		_, _ = io.WriteString(conn, "HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789")
		<-release
	})
}

// rawResponder returns a destination whose handler reads the request and
// then writes to the hijacked connection with respond, which may wait for
// release (closed in cleanup); the connection is closed afterwards.
func rawResponder(t *testing.T, respond func(net.Conn, chan struct{})) string {
	release := make(chan struct{})
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		defer conn.Close()
		respond(conn, release)
	}))
	t.Cleanup(srv.Close)
	t.Cleanup(func() { close(release) })
	return srv.URL
}

// chatty returns a destination that answers 500 with a 5000-byte body.
func chatty(t *testing.T) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = w.Write([]byte(strings.Repeat("x", 5000)))
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}
