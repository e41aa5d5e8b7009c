package webhook_test

// Tests of the bounded logs (per-store and total caps, pending deliveries
// kept), the paged queries, and the caps on strings a receiver supplies.

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// roundTrip is an in-memory http.RoundTripper.
type roundTrip func(*http.Request) *http.Response

func (f roundTrip) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		_, _ = io.Copy(io.Discard, r.Body)
		_ = r.Body.Close()
	}
	resp := f(r)
	resp.Request = r
	if resp.Body == nil {
		resp.Body = http.NoBody
	}
	return resp, nil
}

// answering is a client whose every attempt gets resp(r) without a
// network; like the engine's own client, it follows no redirect.
func answering(resp func(*http.Request) *http.Response) webhook.Option {
	return webhook.WithHTTPClient(&http.Client{Transport: roundTrip(resp),
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }})
}

// status answers with code and nothing else.
func status(code int) func(*http.Request) *http.Response {
	return func(*http.Request) *http.Response { return &http.Response{StatusCode: code, Header: http.Header{}} }
}

// ids returns the ids of records in order.
func ids[T any](records []T, id func(T) int64) []int64 {
	out := make([]int64, 0, len(records))
	for _, r := range records {
		out = append(out, id(r))
	}
	return out
}

func eventID(e webhook.EventRecord) int64       { return e.ID }
func deliveryID(d webhook.DeliveryRecord) int64 { return d.ID }
func attemptID(a webhook.AttemptRecord) int64   { return a.ID }

// raiseIn raises n order events in store now.
func raiseIn(t *testing.T, f *fixture, store string, n int) {
	t.Helper()
	for i := range n {
		if _, err := f.eng.Raise(t.Context(), orderEvent(t, store, i, f.clk.Now())); err != nil {
			t.Fatal(err)
		}
	}
}

func TestLogCapPerStoreDropsOldestFirst(t *testing.T) {
	f := newFixture(t, answering(status(http.StatusOK)),
		webhook.WithEventLogCap(3), webhook.WithDeliveryLogCap(3), webhook.WithAttemptLogCap(3))
	f.hook(1, "https://a.example/hook", nil)
	f.dir.add(webhook.Target{StoreHash: storeB, HookID: 1, ClientID: clientA, Scope: orderNew, Destination: "https://b.example/hook"})
	raiseIn(t, f, storeA, 5) // events 1-5, deliveries 1-5
	raiseIn(t, f, storeB, 2) // events 6-7, deliveries 6-7
	f.eng.DeliverDue(t.Context())

	if got := ids(f.eng.Events(webhook.Filter{StoreHash: storeA}), eventID); !slices.Equal(got, []int64{3, 4, 5}) {
		t.Errorf("store A events %v, want the newest three", got)
	}
	if got := ids(f.eng.Deliveries(webhook.Filter{StoreHash: storeA}), deliveryID); !slices.Equal(got, []int64{3, 4, 5}) {
		t.Errorf("store A deliveries %v, want the newest three", got)
	}
	if got := ids(f.eng.Events(webhook.Filter{}), eventID); !slices.Equal(got, []int64{3, 4, 5, 6, 7}) {
		t.Errorf("all events %v: store B must keep its own", got)
	}
	if got := len(f.eng.Attempts(webhook.Filter{StoreHash: storeA})); got != 3 {
		t.Errorf("store A keeps %d attempts, want 3", got)
	}
	a, b := f.eng.Stats(storeA), f.eng.Stats(storeB)
	if a.Events != 3 || a.EventsDropped != 2 || a.Deliveries != 3 || a.DeliveriesDropped != 2 || a.AttemptsDropped != 2 || a.Pending != 0 {
		t.Errorf("store A stats %+v", a)
	}
	if b.Events != 2 || b.EventsDropped != 0 || b.DeliveriesDropped != 0 {
		t.Errorf("store B stats %+v", b)
	}
	if all := f.eng.Stats(""); all.Events != 5 || all.EventsDropped != 2 || all.Deliveries != 5 || all.DeliveriesDropped != 2 {
		t.Errorf("engine-wide stats %+v", all)
	}
}

func TestLogTotalCapDropsOldestOfAllStores(t *testing.T) {
	f := newFixture(t, answering(status(http.StatusOK)), webhook.WithEventLogTotalCap(4),
		webhook.WithDeliveryLogTotalCap(4), webhook.WithAttemptLogTotalCap(4))
	f.hook(1, "https://a.example/hook", nil)
	f.dir.add(webhook.Target{StoreHash: storeB, HookID: 1, ClientID: clientA, Scope: orderNew, Destination: "https://b.example/hook"})
	raiseIn(t, f, storeA, 3) // 1-3
	raiseIn(t, f, storeB, 2) // 4-5
	raiseIn(t, f, storeA, 1) // 6
	f.eng.DeliverDue(t.Context())

	if got := ids(f.eng.Events(webhook.Filter{}), eventID); !slices.Equal(got, []int64{3, 4, 5, 6}) {
		t.Errorf("events %v, want the newest four of all stores", got)
	}
	if got := ids(f.eng.Deliveries(webhook.Filter{}), deliveryID); !slices.Equal(got, []int64{3, 4, 5, 6}) {
		t.Errorf("deliveries %v, want the newest four of all stores", got)
	}
	if got := ids(f.eng.Events(webhook.Filter{StoreHash: storeA}), eventID); !slices.Equal(got, []int64{3, 6}) {
		t.Errorf("store A events %v", got)
	}
	if got := len(f.eng.Attempts(webhook.Filter{})); got != 4 {
		t.Errorf("%d attempts kept, want 4", got)
	}
	// Attempts are kept as they end, so which store's attempt the total
	// cap drops depends on which ended first; the drops add up either way.
	a, b := f.eng.Stats(storeA), f.eng.Stats(storeB)
	if a.EventsDropped != 2 || a.DeliveriesDropped != 2 || a.AttemptsDropped+b.AttemptsDropped != 2 {
		t.Errorf("store A stats %+v, store B %+v: the total cap's drops count where they came from", a, b)
	}
}

func TestPendingDeliveriesAreNeverDropped(t *testing.T) {
	var logs bytes.Buffer
	failing := true
	f := newFixture(t, webhook.WithDeliveryLogCap(2), webhook.WithSchedule(bigcommerce.Schedule{time.Minute}),
		webhook.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))),
		answering(func(*http.Request) *http.Response {
			if failing {
				return &http.Response{StatusCode: http.StatusServiceUnavailable, Header: http.Header{}}
			}
			return &http.Response{StatusCode: http.StatusOK, Header: http.Header{}}
		}))
	f.hook(1, "https://a.example/hook", nil)
	raiseIn(t, f, storeA, 5)
	f.eng.DeliverDue(t.Context()) // all five failed once, retry due in a minute: pending

	if got := ids(f.eng.Deliveries(webhook.Filter{}), deliveryID); !slices.Equal(got, []int64{1, 2, 3, 4, 5}) {
		t.Fatalf("deliveries %v: a pending delivery must never be dropped", got)
	}
	s := f.eng.Stats(storeA)
	if s.Pending != 5 || s.DeliveriesDropped != 0 || s.PendingKept != 3 {
		t.Fatalf("stats %+v, want 5 pending kept over the cap of 2, the overrun counted 3 times", s)
	}
	if n := strings.Count(logs.String(), "delivery log cap reached"); n != 1 {
		t.Fatalf("the overrun was logged %d times, want once:\n%s", n, logs.String())
	}

	failing = false
	f.advance(t, time.Minute) // the retries succeed: now the cap applies
	if got := ids(f.eng.Deliveries(webhook.Filter{}), deliveryID); !slices.Equal(got, []int64{4, 5}) {
		t.Fatalf("deliveries after they finished %v, want the newest two", got)
	}
	if s := f.eng.Stats(storeA); s.Deliveries != 2 || s.DeliveriesDropped != 3 || s.Pending != 0 {
		t.Fatalf("stats %+v", s)
	}
	// The pending one in the middle stays while finished ones around it go.
	failing = true
	raiseIn(t, f, storeA, 1) // delivery 6: fails, pending
	f.eng.DeliverDue(t.Context())
	failing = false
	raiseIn(t, f, storeA, 2) // 7, 8: delivered
	f.eng.DeliverDue(t.Context())
	if got := ids(f.eng.Deliveries(webhook.Filter{}), deliveryID); !slices.Equal(got, []int64{6, 8}) {
		t.Fatalf("deliveries %v, want pending 6 and the newest finished 8", got)
	}
}

func TestDroppedEventStillDeliveredByItsPendingDelivery(t *testing.T) {
	f := newFixture(t, webhook.WithEventLogCap(1), answering(status(http.StatusOK)))
	f.hook(1, "https://a.example/hook", nil)
	raiseIn(t, f, storeA, 3)
	if got := ids(f.eng.Events(webhook.Filter{}), eventID); !slices.Equal(got, []int64{3}) {
		t.Fatalf("events %v", got)
	}
	if sent := f.eng.DeliverDue(t.Context()); sent != 3 {
		t.Fatalf("sent %d, want the three pending deliveries of the dropped events too", sent)
	}
	a := f.eng.Attempts(webhook.Filter{EventID: 1})
	if len(a) != 1 || !strings.Contains(a[0].Request.Body, `"id":0`) {
		t.Fatalf("attempt of dropped event 1: %+v", a)
	}
}

func TestNotificationLogCap(t *testing.T) {
	f := newFixture(t, webhook.WithNotificationLogCap(2), webhook.WithSchedule(bigcommerce.Schedule{}),
		answering(status(http.StatusInternalServerError)))
	for i := range 4 {
		f.hook(i+1, fmt.Sprintf("https://a.example/%d", i), nil)
	}
	f.raise(t, 1)
	f.eng.DeliverDue(t.Context()) // one attempt each, all failed: four deactivations
	n := f.eng.Notifications(webhook.Filter{})
	if len(n) != 2 || n[0].ID != 3 || n[1].ID != 4 {
		t.Fatalf("notifications %+v, want the newest two", n)
	}
	if s := f.eng.Stats(storeA); s.NotificationsDropped != 2 {
		t.Fatalf("stats %+v", s)
	}
}

func TestResetForgetsCappedLogs(t *testing.T) {
	f := newFixture(t, answering(status(http.StatusOK)), webhook.WithEventLogCap(2), webhook.WithEventLogTotalCap(3))
	f.hook(1, "https://a.example/hook", nil)
	f.dir.add(webhook.Target{StoreHash: storeB, HookID: 1, ClientID: clientA, Scope: orderNew, Destination: "https://b.example/hook"})
	raiseIn(t, f, storeA, 3)
	raiseIn(t, f, storeB, 2)
	f.eng.DeliverDue(t.Context())
	f.eng.Reset(storeA)
	if got := ids(f.eng.Events(webhook.Filter{}), eventID); !slices.Equal(got, []int64{4, 5}) {
		t.Fatalf("events after resetting A: %v", got)
	}
	raiseIn(t, f, storeB, 1)
	if got := ids(f.eng.Events(webhook.Filter{}), eventID); !slices.Equal(got, []int64{5, 6}) {
		t.Fatalf("events %v: store B's cap of 2 still holds", got)
	}
	if s := f.eng.Stats(""); s.Events != 2 || s.Deliveries != 3 || s.Pending != 1 {
		t.Fatalf("engine-wide stats %+v", s)
	}
}

func TestQueriesArePaged(t *testing.T) {
	f := newFixture(t, answering(status(http.StatusOK)))
	f.hook(1, "https://a.example/1", nil)
	f.hook(2, "https://a.example/2", nil)
	raiseIn(t, f, storeA, 10) // events 1-10, deliveries 1-20
	f.eng.DeliverDue(t.Context())

	evs, total := f.eng.EventsPage(webhook.Filter{}, webhook.Page{Offset: 4, Limit: 3})
	if got := ids(evs, eventID); total != 10 || !slices.Equal(got, []int64{5, 6, 7}) {
		t.Errorf("events page %v of %d", got, total)
	}
	ds, total := f.eng.DeliveriesPage(webhook.Filter{HookID: 2}, webhook.Page{Offset: 8, Limit: 5})
	if got := ids(ds, deliveryID); total != 10 || !slices.Equal(got, []int64{18, 20}) {
		t.Errorf("hook 2 deliveries page %v of %d", got, total)
	}
	as, total := f.eng.AttemptsPage(webhook.Filter{StoreHash: storeA}, webhook.Page{Offset: 1 << 62, Limit: 50})
	if len(as) != 0 || total != 20 {
		t.Errorf("a page past the end: %d records of %d", len(as), total)
	}
	if evs, total := f.eng.EventsPage(webhook.Filter{EventID: 7}, webhook.Page{Limit: 50}); total != 1 || evs[0].ID != 7 {
		t.Errorf("event 7: %v of %d", ids(evs, eventID), total)
	}
	if ds, total := f.eng.DeliveriesPage(webhook.Filter{DeliveryID: 9, HookID: 2}, webhook.Page{}); total != 0 || len(ds) != 0 {
		t.Errorf("delivery 9 is hook 1's: got %v", ids(ds, deliveryID))
	}
	if evs, total := f.eng.EventsPage(webhook.Filter{StoreHash: "nowhere"}, webhook.Page{}); total != 0 || len(evs) != 0 {
		t.Errorf("unknown store: %d of %d", len(evs), total)
	}
}

// BenchmarkRecordBytes measures the live heap one raised event costs with
// its records: the event alone (no hook), with a pending delivery, and
// delivered with its attempt record. It is what the default log caps are
// chosen from (options.go).
func BenchmarkRecordBytes(b *testing.B) {
	const n = 20_000
	for _, tc := range []struct {
		name    string
		hook    bool
		deliver bool
	}{{"event", false, false}, {"event+pending_delivery", true, false}, {"event+delivery+attempt", true, true}} {
		b.Run(tc.name, func(b *testing.B) {
			for b.Loop() {
				dir := newDir()
				if tc.hook {
					dir.add(webhook.Target{StoreHash: storeA, HookID: 1, ClientID: clientA, Scope: orderNew,
						Destination: "http://127.0.0.1:8080/hooks/orders", Headers: map[string]string{"X-Key": "k"}})
				}
				eng := webhook.New(dir, envelope, webhook.WithClock(clock.NewFake(t0)), answering(status(http.StatusOK)),
					webhook.WithEventLogCap(0), webhook.WithDeliveryLogCap(0), webhook.WithAttemptLogCap(0),
					webhook.WithEventLogTotalCap(0), webhook.WithDeliveryLogTotalCap(0), webhook.WithAttemptLogTotalCap(0))
				events := make([]webhook.Event, n)
				for i := range events {
					events[i] = orderEvent(b, storeA, i, t0)
				}
				before := heapInUse()
				for i := range events {
					if _, err := eng.Raise(context.Background(), events[i]); err != nil {
						b.Fatal(err)
					}
					events[i] = webhook.Event{}
				}
				if tc.deliver {
					eng.DeliverDue(context.Background())
				}
				after := heapInUse()
				b.ReportMetric(float64(after-before)/n, "heap-B/event")
				_ = eng.Shutdown(context.Background())
				runtime.KeepAlive(eng)
			}
		})
	}
}

// bigLocation answers 302 with a Location of n bytes, and a body of body
// bytes.
func bigLocation(n, body int) func(*http.Request) *http.Response {
	loc := "https://elsewhere.example/" + strings.Repeat("é", n/2)
	return func(*http.Request) *http.Response {
		return &http.Response{StatusCode: http.StatusFound, Status: "302 Found", Header: http.Header{"Location": {loc}},
			Body: io.NopCloser(strings.NewReader(strings.Repeat("x", body)))}
	}
}

func TestReceiverStringsAreCapped(t *testing.T) {
	tests := []struct {
		name      string
		resp      func(*http.Request) *http.Response
		truncated bool
	}{
		{"4 MiB Location", bigLocation(4<<20, 0), true},
		{"long body", bigLocation(10, 5000), true},
		{"body of exactly 1 KiB", bigLocation(10, 1024), false},
		{"long status text", func(*http.Request) *http.Response {
			return &http.Response{StatusCode: 500, Status: "500 " + strings.Repeat("no ", 100_000), Header: http.Header{}}
		}, true},
		{"small answer", bigLocation(10, 10), false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t, answering(tc.resp))
			f.hook(1, "https://a.example/hook", nil)
			f.raise(t, 1)
			f.eng.DeliverDue(t.Context())
			a := f.eng.Attempts(webhook.Filter{})
			if len(a) != 1 {
				t.Fatalf("%d attempts", len(a))
			}
			rec := a[0]
			if rec.Truncated != tc.truncated || len(rec.Error) > 1024 || len(rec.ResponseBody) > 1024 || !utf8.ValidString(rec.Error) {
				t.Fatalf("truncated=%v (want %v), error %d bytes (valid UTF-8: %v), body %d bytes",
					rec.Truncated, tc.truncated, len(rec.Error), utf8.ValidString(rec.Error), len(rec.ResponseBody))
			}
			if d := f.eng.Deliveries(webhook.Filter{})[0]; len(d.LastError) > 1024 {
				t.Fatalf("delivery's last error is %d bytes", len(d.LastError))
			}
		})
	}
}

func TestBigLocationsDoNotStayInMemory(t *testing.T) {
	f := newFixture(t, answering(bigLocation(4<<20, 0)), webhook.WithBlocklist(webhook.BlocklistPolicy{}))
	for i := range 20 {
		f.hook(i+1, fmt.Sprintf("https://a.example/%d", i), nil)
	}
	f.raise(t, 1)
	before := heapInUse()
	f.eng.DeliverDue(t.Context())
	grown := heapInUse() - before
	if got := len(f.eng.Attempts(webhook.Filter{})); got != 20 {
		t.Fatalf("%d attempts", got)
	}
	if grown > 4<<20 {
		t.Fatalf("20 attempts answered with a 4 MiB Location hold %.1f MB", float64(grown)/(1<<20))
	}
}
