// These tests lock the retry ladder end to end: a real receiver, a fake
// clock, one 49-hour AdvanceTo, and every attempt at its exact instant.
package webhook_test

import (
	"encoding/base64"
	"encoding/hex"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/mock/internal/webhook"
)

func TestLadder(t *testing.T) {
	tests := []struct {
		name            string
		status          func(int, *http.Request) int
		wantOffsets     []time.Duration
		wantStatus      bigcommerce.Outcome
		wantDeactivated bool
		want90001       []time.Duration // instants of 90001 exceptions
	}{
		{
			name:            "always failing",
			status:          always(http.StatusInternalServerError),
			wantOffsets:     secs(0, 60, 240, 540, 1140, 2040, 3840, 7440, 14640, 36240, 86640, 173040),
			wantStatus:      bigcommerce.OutcomeFailed,
			wantDeactivated: true,
			// 60, 240 and 540 fall within 10 minutes of the notice at 0.
			want90001: secs(0, 1140, 2040, 3840, 7440, 14640, 36240, 86640),
		},
		{
			name:        "recovers on attempt 3",
			status:      failFirst(2),
			wantOffsets: secs(0, 60, 240),
			wantStatus:  bigcommerce.OutcomeDelivered,
			want90001:   secs(0),
		},
		{
			name:        "succeeds at once",
			status:      always(http.StatusOK),
			wantOffsets: secs(0),
			wantStatus:  bigcommerce.OutcomeDelivered,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			rv := newReceiver(t, tc.status)
			xrv := newReceiver(t, always(http.StatusOK))
			f.hook(1, rv.URL+"/hook", nil)
			f.exceptionHook(2, xrv.URL+"/exceptions")
			f.raise(t, 100)

			f.advance(t, 49*time.Hour)

			attempts := f.eng.Attempts(webhook.Filter{StoreHash: storeA, HookID: 1})
			if got := offsets(attempts); !slices.Equal(got, tc.wantOffsets) {
				t.Fatalf("attempt offsets = %v, want %v", got, tc.wantOffsets)
			}
			checkReceived(t, rv.requests(), tc.wantOffsets)
			checkAttemptNumbers(t, attempts)
			d := f.eng.Deliveries(webhook.Filter{HookID: 1})
			if len(d) != 1 || d[0].Status != tc.wantStatus || d[0].Attempts != len(tc.wantOffsets) {
				t.Fatalf("deliveries = %+v, want one %s after %d attempts", d, tc.wantStatus, len(tc.wantOffsets))
			}
			if got := slices.Contains(f.dir.deactivations(), 1); got != tc.wantDeactivated {
				t.Fatalf("hook 1 deactivated = %v, want %v", got, tc.wantDeactivated)
			}
			checkExceptions(t, xrv, tc.want90001, tc.wantDeactivated)
			checkNotifications(t, f, rv.URL+"/hook", tc.wantDeactivated)
			if next, ok := f.eng.NextDue(); ok {
				t.Fatalf("NextDue = %v, want nothing pending", next)
			}
			if now := f.clk.Now(); !now.Equal(t0.Add(49 * time.Hour)) {
				t.Fatalf("clock = %v, want t0+49h", now)
			}
		})
	}
}

// checkReceived asserts the receiver saw one request per offset, with the
// offset as webhook-timestamp, one webhook-id throughout, and a signature
// the Standard Webhooks library accepts.
func checkReceived(t *testing.T, reqs []received, want []time.Duration) {
	t.Helper()
	if len(reqs) != len(want) {
		t.Fatalf("receiver got %d requests, want %d", len(reqs), len(want))
	}
	wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(secretA)))
	if err != nil {
		t.Fatal(err)
	}
	id := reqs[0].Header.Get(bigcommerce.HeaderWebhookID)
	for i, r := range reqs {
		if got := r.Header.Get(bigcommerce.HeaderWebhookID); got != id {
			t.Errorf("request %d webhook-id = %q, want %q (stable across retries)", i+1, got, id)
		}
		wantTS := strconv.FormatInt(t0.Add(want[i]).Unix(), 10)
		if got := r.Header.Get(bigcommerce.HeaderWebhookTimestamp); got != wantTS {
			t.Errorf("request %d webhook-timestamp = %s, want %s", i+1, got, wantTS)
		}
		if err := wh.VerifyIgnoringTimestamp(r.Body, r.Header); err != nil {
			t.Errorf("request %d: verify signature: %v", i+1, err)
		}
	}
}

// checkAttemptNumbers asserts attempts are numbered 1..n and point at the
// following attempt's instant.
func checkAttemptNumbers(t *testing.T, attempts []webhook.AttemptRecord) {
	t.Helper()
	for i, a := range attempts {
		if a.Number != i+1 {
			t.Errorf("attempt %d has number %d", i+1, a.Number)
		}
		last := i == len(attempts)-1
		switch {
		case !last && (a.NextAttemptAt == nil || !a.NextAttemptAt.Equal(attempts[i+1].At)):
			t.Errorf("attempt %d next_attempt_at = %v, want %v", i+1, a.NextAttemptAt, attempts[i+1].At)
		case last && a.NextAttemptAt != nil:
			t.Errorf("last attempt has next_attempt_at %v", a.NextAttemptAt)
		}
	}
}

// checkExceptions asserts the exception receiver got 90001s at want90001
// and, if deactivated, one final 90002 at +173040 s, each a valid envelope.
func checkExceptions(t *testing.T, xrv *receiver, want90001 []time.Duration, deactivated bool) {
	t.Helper()
	var got90001 []time.Duration
	got90002 := 0
	for _, x := range exceptions(t, xrv) {
		if x.Scope != bigcommerce.DeliveryException || x.Producer != "stores/"+storeA || x.StoreID == "" {
			t.Errorf("exception envelope = %+v", x)
		}
		if _, err := hex.DecodeString(x.Hash); err != nil || len(x.Hash) != 40 {
			t.Errorf("exception hash %q is not 40 hex chars", x.Hash)
		}
		if x.Data.Type != "webhook" || x.Data.ID != 1 || x.Data.Message == "" {
			t.Errorf("exception data = %+v", x.Data)
		}
		at := time.Unix(x.CreatedAt, 0).Sub(t0)
		switch x.Data.ErrorCode {
		case bigcommerce.CodeWillRetry:
			got90001 = append(got90001, at)
		case bigcommerce.CodeDeactivated:
			got90002++
			if at != 173040*time.Second {
				t.Errorf("90002 at +%v, want +173040s", at)
			}
		default:
			t.Errorf("unexpected error_code %d", x.Data.ErrorCode)
		}
	}
	if !slices.Equal(got90001, want90001) {
		t.Errorf("90001 at %v, want %v", got90001, want90001)
	}
	if want := map[bool]int{true: 1}[deactivated]; got90002 != want {
		t.Errorf("got %d 90002 exceptions, want %d", got90002, want)
	}
}

// checkNotifications asserts one hook_deactivated email iff deactivated.
func checkNotifications(t *testing.T, f *fixture, dest string, deactivated bool) {
	t.Helper()
	ns := f.eng.Notifications(webhook.Filter{StoreHash: storeA})
	if !deactivated {
		if len(ns) != 0 {
			t.Fatalf("notifications = %+v, want none", ns)
		}
		return
	}
	if len(ns) != 1 {
		t.Fatalf("notifications = %+v, want one", ns)
	}
	n := ns[0]
	if n.Kind != webhook.NotifyHookDeactivated || n.StoreHash != storeA || n.ClientID != clientA ||
		n.HookID != 1 || n.Destination != dest || !n.At.Equal(t0.Add(173040*time.Second)) ||
		!slices.Equal(n.Emails, []string{"ops@example.com"}) {
		t.Fatalf("notification = %+v", n)
	}
}

// Two deliveries of one hook that run out at the same instant deactivate
// it once: one 90002, one e-mail (found by the scenario runner's tests).
func TestTwoDeliveriesExhaustedTogetherNotifyOnce(t *testing.T) {
	f := newFixture(t, webhook.WithSchedule(bigcommerce.Schedule{time.Minute}))
	rv := newReceiver(t, always(http.StatusInternalServerError))
	xrv := newReceiver(t, always(http.StatusOK))
	f.hook(1, rv.URL+"/hook", nil)
	f.exceptionHook(2, xrv.URL+"/exceptions")
	f.raise(t, 100)
	f.raise(t, 101)
	f.advance(t, 2*time.Minute)

	if d := f.eng.Deliveries(webhook.Filter{HookID: 1, Outcome: bigcommerce.OutcomeFailed}); len(d) != 2 {
		t.Fatalf("failed deliveries = %d, want 2", len(d))
	}
	if got := f.dir.deactivations(); !slices.Equal(got, []int{1}) {
		t.Fatalf("deactivations = %v, want [1]", got)
	}
	if n := f.eng.Notifications(webhook.Filter{Kind: webhook.NotifyHookDeactivated}); len(n) != 1 {
		t.Fatalf("hook_deactivated notifications = %d, want 1", len(n))
	}
	codes := 0
	for _, r := range xrv.requests() {
		if strings.Contains(string(r.Body), `"error_code":90002`) {
			codes++
		}
	}
	if codes != 1 {
		t.Fatalf("90002 exceptions = %d, want 1", codes)
	}
}
