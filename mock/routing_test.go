package mock_test

// This file locks the single routing of issue 8: a request is matched
// once, paths are never cleaned or redirected, a v2 path always answers
// v2's error shape, and the answer is the same with or without response
// validation. Requests go out as raw request lines, so percent-encoded and
// dot segments reach the server exactly as written.

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
)

// rawAnswer is what a raw request line got.
type rawAnswer struct {
	status   int
	location string
	body     string
}

// sendRaw writes one HTTP/1.1 request with the request target as given.
func sendRaw(t *testing.T, addr, method, target, token string) rawAnswer {
	t.Helper()
	conn, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	fmt.Fprintf(conn, "%s %s HTTP/1.1\r\nHost: %s\r\nX-Auth-Token: %s\r\nContent-Length: 0\r\nConnection: close\r\n\r\n", method, target, addr, token)
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return rawAnswer{status: resp.StatusCode, location: resp.Header.Get("Location"), body: string(body)}
}

func TestRoutedOnceWithoutRedirects(t *testing.T) {
	tests := []struct {
		name, method, target string
		status               int
		v2Shape              bool
	}{
		{"encoded slash in the store hash", "GET", "/stores/r%2Fv3/v3/hooks", 404, false},
		{"encoded slash naming v2 inside a v3 path", "GET", "/stores/r%2Fv2/v3/hooks", 404, false},
		{"plus sign in a v2 id", "DELETE", "/stores/r/v2/hooks/+1", 404, true},
		{"letters in a v2 id", "GET", "/stores/r/v2/hooks/abc", 422, true},
		{"encoded dot segment as store hash", "GET", "/stores/%2e%2e/v3/hooks", 404, false},
		{"literal dot segment as store hash", "GET", "/stores/../v3/hooks", 404, false},
		{"dot segment in a v2 path", "GET", "/stores/../v2/hooks", 404, true},
		{"control reset through an encoded dot segment", "POST", "/__bcmock/stores/..%2F/reset", 404, false},
		{"control account with a traversal", "GET", "/__bcmock/accounts/..%2F..%2Fetc%2Fpasswd", 404, false},
		{"double slash", "GET", "//stores/abc/v3/hooks", 404, false},
		{"known path still served", "GET", "/stores/abc123/v3/hooks", 200, false},
		{"known v2 path still served", "GET", "/stores/abc123/v2/hooks", 200, true},
	}
	plain := httptest.NewServer(newMock(t))
	defer plain.Close()
	validating := httptest.NewServer(newMock(t, mock.WithResponseValidation()))
	defer validating.Close()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := sendRaw(t, plain.Listener.Addr().String(), tc.method, tc.target, "tok")
			b := sendRaw(t, validating.Listener.Addr().String(), tc.method, tc.target, "tok")
			if a.status != tc.status {
				t.Errorf("status = %d, want %d; body %s", a.status, tc.status, a.body)
			}
			if a.location != "" {
				t.Errorf("redirected to %q", a.location)
			}
			if a.status != b.status || a.body != b.body {
				t.Errorf("with response validation: %d %s; without: %d %s", b.status, b.body, a.status, a.body)
			}
			if a.status >= 400 {
				checkErrorShape(t, a.body, tc.v2Shape)
			}
		})
	}
}

// checkErrorShape checks an error body is v2's array or v3's object.
func checkErrorShape(t *testing.T, body string, v2 bool) {
	t.Helper()
	trimmed := bytes.TrimSpace([]byte(body))
	if v2 {
		var arr []map[string]any
		if err := json.Unmarshal(trimmed, &arr); err != nil || len(arr) != 1 || arr[0]["message"] == nil {
			t.Errorf("want v2's [{status, message}], got %s", body)
		}
		return
	}
	var obj map[string]any
	if err := json.Unmarshal(trimmed, &obj); err != nil || obj["title"] == nil || obj["status"] == nil {
		t.Errorf("want an error object with status and title, got %s", body)
	}
}

func newMock(t *testing.T, opts ...mock.Option) *mock.Server {
	t.Helper()
	srv, err := mock.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func TestNewRefusesEveryBadOption(t *testing.T) {
	tests := []struct {
		name string
		opt  mock.Option
		want string
	}{
		{"negative delivery timeout", mock.WithDeliveryTimeout(-1), "delivery timeout"},
		{"zero delivery timeout", mock.WithDeliveryTimeout(0), "delivery timeout"},
		{"negative attempt log cap", mock.WithAttemptLogCap(-5), "attempt log cap"},
		{"zero attempt log total cap", mock.WithAttemptLogTotalCap(0), "attempt log total cap"},
		{"zero event log cap", mock.WithEventLogCap(0), "event log cap"},
		{"negative event log total cap", mock.WithEventLogTotalCap(-1), "event log total cap"},
		{"zero delivery log cap", mock.WithDeliveryLogCap(0), "delivery log cap"},
		{"zero delivery log total cap", mock.WithDeliveryLogTotalCap(0), "delivery log total cap"},
		{"zero notification log cap", mock.WithNotificationLogCap(0), "notification log cap"},
		{"zero notification log total cap", mock.WithNotificationLogTotalCap(0), "notification log total cap"},
		{"negative activation delay", mock.WithActivationDelay(-1), "activation delay"},
		{"zero body cap", mock.WithMaxBodyBytes(0), "max body size"},
		{"nil logger", mock.WithLogger(nil), "logger"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := mock.New(tc.opt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("New error = %v, want one naming %q", err, tc.want)
			}
		})
	}
}

func TestSeedZeroIsRandomPerServer(t *testing.T) {
	id := func() string {
		srv := newMock(t, mock.WithSeed(0))
		r, err := srv.Raise(t.Context(), "abc123", "store/order/created", nil)
		if err != nil {
			t.Fatal(err)
		}
		return string(r.Payload)
	}
	if a, b := id(), id(); a == b {
		t.Errorf("two servers with seed 0 raised the same payload %s", a)
	}
}
