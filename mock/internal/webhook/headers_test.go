// These tests lock the wire format of an attempt: headers, their
// precedence, the webhook-id format and signatures a Standard Webhooks
// receiver accepts.
package webhook_test

import (
	"cmp"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"slices"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

var msgIDPattern = regexp.MustCompile(`^msg_[0-9A-Za-z]{27}$`)

func TestHeaders(t *testing.T) {
	f := newFixture(t)
	rv := newReceiver(t, always(http.StatusOK))
	f.hook(1, rv.URL, map[string]string{
		"X-Custom":          "yes",
		"authorization":     "Basic dXNlcjpwYXNz",
		"Content-Type":      "text/plain",
		"webhook-id":        "msg_forged",
		"Webhook-Signature": "v1,forged",
		"User-Agent":        "forged",
	})
	f.raise(t, 1)
	f.eng.DeliverDue(t.Context())

	reqs := rv.requests()
	if len(reqs) != 1 {
		t.Fatalf("receiver got %d requests, want 1", len(reqs))
	}
	h := reqs[0].Header
	tests := []struct{ name, want string }{
		{"X-Custom", "yes"},
		{"Authorization", "Basic dXNlcjpwYXNz"},
		{"Content-Type", "application/json"},
		{"User-Agent", bigcommerce.UserAgent},
		{"Webhook-Timestamp", itoa(t0.Unix())},
	}
	for _, tc := range tests {
		if got := h.Values(tc.name); !slices.Equal(got, []string{tc.want}) {
			t.Errorf("header %s = %q, want [%q]", tc.name, got, tc.want)
		}
	}
	if id := h.Get(bigcommerce.HeaderWebhookID); !msgIDPattern.MatchString(id) {
		t.Errorf("webhook-id %q does not match %v", id, msgIDPattern)
	}
	wh, _ := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(secretA)))
	if err := wh.VerifyIgnoringTimestamp(reqs[0].Body, h); err != nil {
		t.Errorf("verify: %v", err)
	}
	rec := f.eng.Attempts(webhook.Filter{})[0].Request
	if rec.Headers["X-Custom"] != "yes" || rec.Headers["Webhook-Id"] != h.Get("webhook-id") || rec.Method != http.MethodPost {
		t.Errorf("recorded request = %+v", rec)
	}
}

func TestUnsignedWithoutSecret(t *testing.T) {
	f := newFixture(t)
	rv := newReceiver(t, always(http.StatusOK))
	f.dir.add(webhook.Target{StoreHash: storeA, HookID: 1, ClientID: "no-secret", Scope: orderNew, Destination: rv.URL})
	f.raise(t, 1)
	f.eng.DeliverDue(t.Context())
	h := rv.requests()[0].Header
	if h.Get(bigcommerce.HeaderWebhookSignature) != "" || h.Get(bigcommerce.HeaderWebhookID) == "" {
		t.Fatalf("headers = %v, want webhook-id but no signature", h)
	}
}

func TestSeedMakesIDsReproducible(t *testing.T) {
	ids := func(seed uint64) []string {
		f := newFixture(t, webhook.WithSeed(seed))
		f.hook(1, "http://127.0.0.1:1/", nil)
		f.hook(2, "http://127.0.0.1:1/", nil)
		f.raise(t, 1)
		f.raise(t, 2)
		var out []string
		for _, d := range f.eng.Deliveries(webhook.Filter{}) {
			out = append(out, d.MessageID)
		}
		return out
	}
	a, b, c := ids(7), ids(7), ids(8)
	if len(a) != 4 || !slices.Equal(a, b) {
		t.Fatalf("seed 7 gave %v then %v, want the same four ids", a, b)
	}
	if slices.Equal(a, c) {
		t.Fatalf("seeds 7 and 8 gave the same ids %v", a)
	}
	if len(slices.Compact(slices.Sorted(slices.Values(a)))) != 4 {
		t.Fatalf("ids %v are not distinct", a)
	}
}

// TestRealClockRunVerifies runs the engine on the wall clock: Run delivers a
// raised event without anyone advancing time, and the receiver verifies it
// with the library's timestamp check on.
func TestRealClockRunVerifies(t *testing.T) {
	wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(secretA)))
	if err != nil {
		t.Fatal(err)
	}
	verified := make(chan error, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		verified <- cmp.Or(err, wh.Verify(body, r.Header))
	}))
	t.Cleanup(srv.Close)
	dir := newDir()
	dir.add(webhook.Target{StoreHash: storeA, HookID: 1, ClientID: clientA, Scope: orderNew, Destination: srv.URL})
	eng := webhook.New(dir, envelope, webhook.WithClock(clock.Real{}))
	ctx, cancel := context.WithCancel(t.Context())
	ran := make(chan error, 1)
	go func() { ran <- eng.Run(ctx) }()

	if _, err := eng.Raise(ctx, orderEvent(t, storeA, 1, clock.Real{}.Now())); err != nil {
		t.Fatal(err)
	}
	if err := <-verified; err != nil {
		t.Fatalf("Verify: %v", err)
	}
	if err := eng.AdvanceTo(ctx, t0); !errors.Is(err, webhook.ErrClockNotSettable) {
		t.Fatalf("AdvanceTo on a real clock = %v, want ErrClockNotSettable", err)
	}
	if err := eng.Shutdown(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := <-ran; err != nil {
		t.Fatalf("Run after Shutdown = %v, want nil", err)
	}
	cancel()
	if got := eng.Deliveries(webhook.Filter{})[0].Status; got != bigcommerce.OutcomeDelivered {
		t.Fatalf("delivery status = %s, want delivered", got)
	}
}

// TestRaiseDoesNotWaitForReceiver raises under a fake clock with Run
// running: the attempt starts without the clock moving, and Raise returns
// while the receiver is still holding the request.
func TestRaiseDoesNotWaitForReceiver(t *testing.T) {
	f := newFixture(t)
	arrived, release := make(chan struct{}), make(chan struct{})
	rv := newReceiver(t, func(int, *http.Request) int {
		close(arrived)
		<-release
		return http.StatusOK
	})
	f.hook(1, rv.URL, nil)
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go func() { _ = f.eng.Run(ctx) }()

	f.raise(t, 1) // would deadlock if Raise waited for the receiver
	<-arrived
	close(release)
	if err := f.eng.Shutdown(t.Context()); err != nil {
		t.Fatal(err)
	}
	if !f.clk.Now().Equal(t0) {
		t.Fatalf("clock moved to %v", f.clk.Now())
	}
	if got := f.eng.Deliveries(webhook.Filter{})[0].Status; got != bigcommerce.OutcomeDelivered {
		t.Fatalf("status = %s, want delivered", got)
	}
}

// TestRunSlowReceiverDoesNotBlockOthers: under Run, an attempt hanging on
// one receiver does not hold up an event for another hook raised meanwhile.
func TestRunSlowReceiverDoesNotBlockOthers(t *testing.T) {
	f := newFixture(t, webhook.WithTimeout(time.Hour))
	hung, release := make(chan struct{}), make(chan struct{})
	slow := newReceiver(t, func(int, *http.Request) int {
		close(hung)
		<-release
		return http.StatusOK
	})
	t.Cleanup(func() { close(release) })
	quick := make(chan struct{})
	fast := newReceiver(t, func(int, *http.Request) int {
		close(quick)
		return http.StatusOK
	})
	f.dir.add(webhook.Target{StoreHash: storeA, HookID: 1, ClientID: clientA, Scope: "store/product/created", Destination: slow.URL})
	f.hook(2, fast.URL, nil)
	ctx, cancel := context.WithCancel(t.Context())
	t.Cleanup(cancel)
	go func() { _ = f.eng.Run(ctx) }()

	body, hash, _ := envelope(storeA, "store/product/created", map[string]any{"type": "product", "id": 1}, t0)
	if _, err := f.eng.Raise(ctx, webhook.Event{StoreHash: storeA, Scope: "store/product/created", Body: body, Hash: hash}); err != nil {
		t.Fatal(err)
	}
	<-hung
	f.raise(t, 2)
	<-quick // would hang if the slow attempt blocked Run
}
