package webhook_test

import (
	"bytes"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// roundTripFunc is an in-memory http.RoundTripper.
type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// syncBuffer is a bytes.Buffer safe for concurrent writers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestBadOptionsAreIgnored(t *testing.T) {
	var logs syncBuffer
	eng := webhook.New(nil, nil,
		webhook.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))),
		webhook.WithClock(nil), webhook.WithHTTPClient(nil), webhook.WithLogger(nil),
		webhook.WithTimeout(-1),
		webhook.WithConcurrency(0), webhook.WithActivationDelay(-time.Second), nil)
	r, err := eng.Raise(t.Context(), orderEvent(t, storeA, 1, t0))
	if err != nil || len(r.HookIDs) != 0 {
		t.Fatalf("Raise with a nil directory = %+v, %v; want no hooks", r, err)
	}
}

func TestInMemoryClientAndLogger(t *testing.T) {
	var logs syncBuffer
	var got []string
	client := &http.Client{Transport: roundTripFunc(func(r *http.Request) (*http.Response, error) {
		got = append(got, r.URL.String())
		return &http.Response{StatusCode: http.StatusAccepted, Body: io.NopCloser(strings.NewReader("ok")), Request: r}, nil
	})}
	f := newFixture(t, webhook.WithHTTPClient(client), webhook.WithConcurrency(1),
		webhook.WithLogger(slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))))
	f.hook(1, "https://receiver.example/hook", nil)
	f.raise(t, 1)
	f.eng.DeliverDue(t.Context())
	a := f.eng.Attempts(webhook.Filter{})
	if len(got) != 1 || len(a) != 1 || a[0].Outcome != bigcommerce.OutcomeSuccess || a[0].ResponseBody != "ok" {
		t.Fatalf("requests %v, attempts %+v", got, a)
	}
	if d := f.eng.Deliveries(webhook.Filter{}); d[0].Warning != "" {
		t.Fatalf("https:443 destination got warning %q", d[0].Warning)
	}
	if !strings.Contains(logs.String(), "webhook attempt") {
		t.Fatalf("debug log lacks the attempt: %q", logs.String())
	}
}

func TestBlocklistCanBeTurnedOff(t *testing.T) {
	var recovered atomic.Bool
	f := newFixture(t, webhook.WithBlocklist(webhook.BlocklistPolicy{}))
	rv := pathReceiver(t, &recovered)
	addHooks(f, rv, 1, 150, "fail")
	f.raise(t, 1)
	f.eng.DeliverDue(t.Context())
	if b := f.eng.BlockedDomains(clientA); len(b) != 0 {
		t.Fatalf("blocked with the blocklist off: %+v", b)
	}
}

func TestRunRealClockRetries(t *testing.T) {
	second := make(chan struct{})
	rv := newReceiver(t, func(n int, _ *http.Request) int {
		if n == 1 {
			return http.StatusInternalServerError
		}
		close(second)
		return http.StatusOK
	})
	dir := newDir()
	dir.add(webhook.Target{StoreHash: storeA, HookID: 1, ClientID: clientA, Scope: orderNew, Destination: rv.URL})
	eng := webhook.New(dir, envelope, webhook.WithClock(clock.Real{}),
		webhook.WithSchedule(bigcommerce.Schedule{time.Millisecond}))
	done := make(chan error)
	go func() { done <- eng.Run(t.Context()) }()
	if _, err := eng.Raise(t.Context(), orderEvent(t, storeA, 1, time.Now())); err != nil {
		t.Fatal(err)
	}
	<-second // Run's timer fired for the retry
	if err := eng.Shutdown(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := <-done; err != nil {
		t.Fatalf("Run = %v", err)
	}
	a := eng.Attempts(webhook.Filter{})
	if len(a) != 2 || a[1].At.Sub(a[0].At) < time.Millisecond || a[1].Outcome != bigcommerce.OutcomeSuccess {
		t.Fatalf("attempts %+v, want a successful retry at least 1ms after the first", a)
	}
}
