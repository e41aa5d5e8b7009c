package webhook_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// raiseFaulty raises order orderID in storeA now, carrying faults.
func (f *fixture) raiseFaulty(t testing.TB, orderID int, faults ...webhook.Fault) webhook.Raised {
	t.Helper()
	ev := orderEvent(t, storeA, orderID, f.clk.Now())
	ev.Faults = faults
	r, err := f.eng.Raise(context.Background(), ev)
	if err != nil {
		t.Fatalf("Raise: %v", err)
	}
	return r
}

// orderIDs returns the order id of each request's body, in arrival order.
func orderIDs(t testing.TB, reqs []received) []int {
	t.Helper()
	out := make([]int, len(reqs))
	for i, r := range reqs {
		var env struct {
			Data struct {
				ID int `json:"id"`
			} `json:"data"`
		}
		if err := json.Unmarshal(r.Body, &env); err != nil {
			t.Fatalf("decode %q: %v", r.Body, err)
		}
		out[i] = env.Data.ID
	}
	return out
}

// faultsOf returns each attempt's Fault field.
func faultsOf(attempts []webhook.AttemptRecord) []string {
	out := make([]string, len(attempts))
	for i, a := range attempts {
		out[i] = a.Fault
	}
	return out
}

func equal[T comparable](a, b []T) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestFaultDuplicateSameBodyNewIDAfterTheOriginal(t *testing.T) {
	f := newFixture(t)
	rv := newReceiver(t, always(200))
	f.hook(1, rv.URL, nil)
	f.raiseFaulty(t, 7, webhook.Fault{Kind: webhook.FaultDuplicate, Copies: 2, After: 10 * time.Second})
	f.advance(t, 0)
	if got := len(rv.requests()); got != 1 {
		t.Fatalf("before the gap: %d requests, want the original only", got)
	}
	held := f.eng.Deliveries(webhook.Filter{Outcome: bigcommerce.OutcomePending})
	if len(held) != 2 || held[0].NextAttemptAt == nil || held[1].HeldBehind != held[0].ID {
		t.Fatalf("pending = %+v, want copy 1 due and copy 2 held behind it", held)
	}
	f.advance(t, time.Minute)
	reqs := rv.requests()
	if len(reqs) != 3 {
		t.Fatalf("got %d requests, want the original and 2 copies", len(reqs))
	}
	ids := map[string]bool{}
	for _, r := range reqs {
		if string(r.Body) != string(reqs[0].Body) {
			t.Errorf("copy body %s differs from the original %s", r.Body, reqs[0].Body)
		}
		ids[r.Header.Get("webhook-id")] = true
	}
	if len(ids) != 3 {
		t.Errorf("webhook-ids %v: want a new one per copy", ids)
	}
	attempts := f.eng.Attempts(webhook.Filter{})
	if got, want := faultsOf(attempts), []string{"", "duplicate", "duplicate"}; !equal(got, want) {
		t.Errorf("faults = %q, want %q", got, want)
	}
	if got, want := offsets(attempts), secs(0, 10, 20); !equal(got, want) {
		t.Errorf("offsets = %v, want %v", got, want)
	}
	events := f.eng.Events(webhook.Filter{})
	if len(events) != 3 || events[1].Hash != events[0].Hash || events[2].Hash != events[0].Hash {
		t.Errorf("events = %+v, want 3 with one hash", events)
	}
}

func TestFaultReorderPerHookDeliversLastFirst(t *testing.T) {
	f := newFixture(t)
	rv := newReceiver(t, always(200))
	f.hook(1, rv.URL, nil)
	if err := f.eng.SetHookFaults(storeA, 1, []webhook.Fault{{Kind: webhook.FaultReorder, Events: 3, Count: 1}}); err != nil {
		t.Fatal(err)
	}
	for id := 1; id <= 3; id++ {
		f.raise(t, id)
		f.advance(t, 0)
		if id < 3 && len(rv.requests()) != 0 {
			t.Fatalf("after event %d the group is not full, but the receiver got %d", id, len(rv.requests()))
		}
	}
	f.raise(t, 4) // the fault's count is spent: in order
	f.advance(t, 0)
	if got, want := orderIDs(t, rv.requests()), []int{3, 2, 1, 4}; !equal(got, want) {
		t.Errorf("arrival order %v, want %v", got, want)
	}
	if got, want := faultsOf(f.eng.Attempts(webhook.Filter{})), []string{"reorder", "reorder", "reorder", ""}; !equal(got, want) {
		t.Errorf("faults = %q, want %q", got, want)
	}
	if left := f.eng.HookFaults(storeA, 1); len(left) != 0 {
		t.Errorf("faults left %+v, want none after count 1", left)
	}
}

func TestFaultReorderUnfilledGroupGoesAfterHold(t *testing.T) {
	f := newFixture(t)
	rv := newReceiver(t, always(200))
	f.hook(1, rv.URL, nil)
	f.raiseFaulty(t, 1, webhook.Fault{Kind: webhook.FaultReorder, Events: 3, Hold: 30 * time.Second})
	f.raise(t, 2)
	f.advance(t, 29*time.Second)
	if n := len(rv.requests()); n != 0 {
		t.Fatalf("%d requests before the hold ended", n)
	}
	f.advance(t, 30*time.Second)
	if got, want := orderIDs(t, rv.requests()), []int{1, 2}; !equal(got, want) {
		t.Fatalf("arrival order %v, want %v (as raised)", got, want)
	}
	f.raise(t, 3) // the group is closed: no longer held
	f.advance(t, 30*time.Second)
	if n := len(rv.requests()); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestFaultDelayWaitsForTheClock(t *testing.T) {
	f := newFixture(t)
	rv := newReceiver(t, always(200))
	f.hook(1, rv.URL, nil)
	f.raiseFaulty(t, 1, webhook.Fault{Kind: webhook.FaultDelay, After: 30 * time.Second})
	f.raise(t, 2)
	f.advance(t, 29*time.Second)
	if got, want := orderIDs(t, rv.requests()), []int{2}; !equal(got, want) {
		t.Fatalf("before 30s: %v, want %v", got, want)
	}
	f.advance(t, 30*time.Second)
	if got, want := orderIDs(t, rv.requests()), []int{2, 1}; !equal(got, want) {
		t.Fatalf("after 30s: %v, want %v", got, want)
	}
	a := f.eng.Attempts(webhook.Filter{EventID: 1})
	if len(a) != 1 || a[0].At != t0.Add(30*time.Second) || a[0].Fault != "delay" {
		t.Errorf("attempt = %+v, want one at +30s with fault delay", a)
	}
}

func TestFaultBurstSendsAllAtOnce(t *testing.T) {
	const n = 4
	f := newFixture(t)
	var mu sync.Mutex
	arrived := 0
	all := make(chan struct{})
	// Each request waits until all n are in flight (or 5 s pass): only a
	// concurrent burst gets 200s.
	rv := newReceiver(t, func(int, *http.Request) int {
		mu.Lock()
		if arrived++; arrived == n {
			close(all)
		}
		mu.Unlock()
		select {
		case <-all:
			return http.StatusOK
		case <-time.After(5 * time.Second):
			return http.StatusConflict
		}
	})
	f.hook(1, rv.URL, nil)
	f.raiseFaulty(t, 1, webhook.Fault{Kind: webhook.FaultBurst, Copies: n})
	f.advance(t, 0)
	attempts := f.eng.Attempts(webhook.Filter{})
	if len(attempts) != n {
		t.Fatalf("%d attempts, want %d", len(attempts), n)
	}
	ids := map[string]bool{}
	for _, a := range attempts {
		if a.ResponseStatus != http.StatusOK || a.Fault != "burst" || !a.At.Equal(t0) {
			t.Errorf("attempt %+v: want 200 at t0 with fault burst (all in flight together)", a)
		}
		ids[a.Request.Headers["Webhook-Id"]] = true
	}
	if len(ids) != n {
		t.Errorf("webhook-ids %v: want one per delivery", ids)
	}
}

func TestFaultForgedSignature(t *testing.T) {
	for _, tc := range []struct {
		forgery webhook.Forgery
		check   func(t *testing.T, sig string)
	}{
		{webhook.ForgeWrongSecret, func(t *testing.T, sig string) {
			if sig == "" {
				t.Fatal("no webhook-signature")
			}
		}},
		{webhook.ForgeMissing, func(t *testing.T, sig string) {
			if sig != "" {
				t.Fatalf("webhook-signature %q, want none", sig)
			}
		}},
	} {
		t.Run(string(tc.forgery), func(t *testing.T) {
			f := newFixture(t)
			rv := newReceiver(t, always(http.StatusUnauthorized))
			alerts := newReceiver(t, always(200))
			f.hook(1, rv.URL, nil)
			f.exceptionHook(9, alerts.URL)
			f.raiseFaulty(t, 1, webhook.Fault{Kind: webhook.FaultForgedSignature, Signature: tc.forgery})
			f.advance(t, 49*time.Hour)
			reqs := rv.requests()
			if len(reqs) != 1 {
				t.Fatalf("%d attempts of a refused forgery, want 1 (no retries)", len(reqs))
			}
			r := reqs[0]
			sig := r.Header.Get("webhook-signature")
			tc.check(t, sig)
			ts, _ := strconv.ParseInt(r.Header.Get("webhook-timestamp"), 10, 64)
			if genuine := bigcommerce.Sign(secretA, r.Header.Get("webhook-id"), time.Unix(ts, 0), r.Body); sig == genuine {
				t.Errorf("the forged signature is the genuine one")
			}
			d := f.eng.Deliveries(webhook.Filter{})
			if len(d) != 1 || d[0].Status != bigcommerce.OutcomeFailed || d[0].Fault != "forged_signature" {
				t.Errorf("deliveries = %+v, want one failed forged_signature", d)
			}
			if !f.dir.isActive(storeA, 1) || len(alerts.requests()) != 0 {
				t.Errorf("a refused forgery deactivated the hook (%v) or raised exceptions (%d)", !f.dir.isActive(storeA, 1), len(alerts.requests()))
			}
		})
	}
}

func TestHookFaultCountAndReset(t *testing.T) {
	f := newFixture(t)
	rv := newReceiver(t, always(200))
	f.hook(1, rv.URL, nil)
	if err := f.eng.SetHookFaults(storeA, 1, []webhook.Fault{{Kind: webhook.FaultForgedSignature, Count: 2}}); err != nil {
		t.Fatal(err)
	}
	for id := 1; id <= 3; id++ {
		f.raise(t, id)
	}
	f.advance(t, 0)
	var got []string
	for _, d := range f.eng.Deliveries(webhook.Filter{}) {
		got = append(got, d.Fault)
	}
	if want := []string{"forged_signature", "forged_signature", ""}; !equal(got, want) {
		t.Errorf("faults = %q, want %q", got, want)
	}
	if err := f.eng.SetHookFaults(storeA, 1, []webhook.Fault{{Kind: webhook.FaultDelay, After: time.Hour}}); err != nil {
		t.Fatal(err)
	}
	f.eng.Reset(storeA)
	if left := f.eng.HookFaults(storeA, 1); len(left) != 0 {
		t.Errorf("Reset kept faults %+v", left)
	}
	// An event's own faults win over the hook's.
	if err := f.eng.SetHookFaults(storeA, 1, []webhook.Fault{{Kind: webhook.FaultDelay, After: time.Hour}}); err != nil {
		t.Fatal(err)
	}
	f.raiseFaulty(t, 4, webhook.Fault{Kind: webhook.FaultForgedSignature})
	f.advance(t, 0)
	if a := f.eng.Attempts(webhook.Filter{}); len(a) != 1 || a[0].Fault != "forged_signature" {
		t.Errorf("attempts = %+v, want the event's fault only", a)
	}
}

func TestResendSameHashNewID(t *testing.T) {
	f := newFixture(t)
	rv := newReceiver(t, always(200))
	f.hook(1, rv.URL, nil)
	first := f.raise(t, 1)
	r, ev, err := f.eng.Resend(context.Background(), first.EventID)
	if err != nil || r.EventID == first.EventID || ev.ID != first.EventID {
		t.Fatalf("Resend = %+v, %+v, %v", r, ev, err)
	}
	if _, _, err := f.eng.Resend(context.Background(), 99); !errors.Is(err, webhook.ErrUnknownEvent) {
		t.Errorf("Resend(99) = %v, want ErrUnknownEvent", err)
	}
	f.advance(t, 0)
	reqs := rv.requests()
	if len(reqs) != 2 || string(reqs[0].Body) != string(reqs[1].Body) || reqs[0].Header.Get("webhook-id") == reqs[1].Header.Get("webhook-id") {
		t.Errorf("requests %+v: want one body, two webhook-ids", reqs)
	}
}

func TestCheckFaults(t *testing.T) {
	for _, tc := range []struct {
		name   string
		faults []webhook.Fault
		want   string // "" for valid
	}{
		{"none", nil, ""},
		{"every kind alone", []webhook.Fault{{Kind: webhook.FaultDuplicate}, {Kind: webhook.FaultBurst}, {Kind: webhook.FaultForgedSignature}, {Kind: webhook.FaultReorder}}, ""},
		{"unknown", []webhook.Fault{{Kind: "duplicat"}}, `unknown fault "duplicat"`},
		{"delay without after", []webhook.Fault{{Kind: webhook.FaultDelay}}, "after is required"},
		{"burst of one", []webhook.Fault{{Kind: webhook.FaultBurst, Copies: 1}}, "copies 1 is no burst"},
		{"too many copies", []webhook.Fault{{Kind: webhook.FaultDuplicate, Copies: 101}}, "out of range 1 to 100"},
		{"reorder of one", []webhook.Fault{{Kind: webhook.FaultReorder, Events: 1}}, "reorders nothing"},
		{"negative count", []webhook.Fault{{Kind: webhook.FaultDuplicate, Count: -1}}, "negative"},
		{"bad forgery", []webhook.Fault{{Kind: webhook.FaultForgedSignature, Signature: "stale"}}, `signature "stale"`},
		{"twice", []webhook.Fault{{Kind: webhook.FaultDuplicate}, {Kind: webhook.FaultDuplicate}}, "given twice"},
		{"reorder and delay", []webhook.Fault{{Kind: webhook.FaultReorder}, {Kind: webhook.FaultDelay, After: time.Second}}, "give one"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := webhook.CheckFaults(tc.faults)
			switch {
			case tc.want == "" && err != nil:
				t.Fatalf("CheckFaults = %v, want nil", err)
			case tc.want != "" && (err == nil || !errors.Is(err, webhook.ErrInvalidFault) || !strings.Contains(err.Error(), tc.want)):
				t.Fatalf("CheckFaults = %v, want ErrInvalidFault with %q", err, tc.want)
			}
		})
	}
}

// Under the real clock, Run releases held deliveries as their leaders'
// first attempts end: a reorder group of three arrives last first.
func TestFaultReorderUnderTheRealClock(t *testing.T) {
	rv := newReceiver(t, always(http.StatusOK))
	dir := newDir()
	dir.add(webhook.Target{StoreHash: storeA, HookID: 1, ClientID: clientA, Scope: orderNew, Destination: rv.URL})
	eng := webhook.New(dir, envelope, webhook.WithClock(clock.Real{}))
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	ran := make(chan error, 1)
	go func() { ran <- eng.Run(ctx) }()
	for id := 1; id <= 3; id++ {
		ev := orderEvent(t, storeA, id, clock.Real{}.Now())
		if id == 1 {
			ev.Faults = []webhook.Fault{{Kind: webhook.FaultReorder, Events: 3}}
		}
		if _, err := eng.Raise(ctx, ev); err != nil {
			t.Fatal(err)
		}
	}
	deadline := time.After(10 * time.Second)
	for len(rv.requests()) < 3 {
		select {
		case <-deadline:
			t.Fatalf("got %d requests, want 3", len(rv.requests()))
		case <-time.After(5 * time.Millisecond):
		}
	}
	if ids, want := orderIDs(t, rv.requests()), []int{3, 2, 1}; !equal(ids, want) {
		t.Errorf("arrival order %v, want %v", ids, want)
	}
	if err := eng.Shutdown(t.Context()); err != nil {
		t.Fatal(err)
	}
	if err := <-ran; err != nil {
		t.Fatalf("Run = %v", err)
	}
}
