// These tests lock the client to the control API as the mock serves it:
// every method runs against a real in-process mock.
package adminapi_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/clock"
)

var start = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// countingTransport counts the requests sent through it.
type countingTransport struct{ n atomic.Int64 }

func (c *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	c.n.Add(1)
	return http.DefaultTransport.RoundTrip(r)
}

func newMock(t *testing.T, opts ...mock.Option) (*httptest.Server, *adminapi.Client, *countingTransport) {
	t.Helper()
	srv, err := mock.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() {
		ts.Close()
		_ = srv.Close()
	})
	tr := &countingTransport{}
	return ts, adminapi.New(ts.URL+"/", &http.Client{Transport: tr}), tr
}

// createHook registers a hook through BigCommerce's API and returns its id
// and client_id.
func createHook(t *testing.T, base, token, store, scope, dest string) (int, string) {
	t.Helper()
	body := `{"scope":"` + scope + `","destination":"` + dest + `","is_active":true}`
	req, _ := http.NewRequest(http.MethodPost, base+"/stores/"+store+"/v3/hooks", strings.NewReader(body))
	req.Header.Set("X-Auth-Token", token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out struct {
		Data struct {
			ID       int    `json:"id"`
			ClientID string `json:"client_id"`
		} `json:"data"`
	}
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("create hook: %s", resp.Status)
	}
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatal(err)
	}
	return out.Data.ID, out.Data.ClientID
}

func TestHealthUsesTheGivenClient(t *testing.T) {
	_, admin, tr := newMock(t, mock.WithVersion("v9.9.9"))
	h, err := admin.Health(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if h.Status != "ok" || h.Version != "v9.9.9" {
		t.Errorf("health = %+v", h)
	}
	if tr.n.Load() != 1 {
		t.Errorf("given client sent %d requests, want 1", tr.n.Load())
	}
}

func TestDeliveryLogRoundTrip(t *testing.T) {
	ts, admin, _ := newMock(t, mock.WithClock(clock.NewFake(start)))
	ctx := t.Context()
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer rcv.Close()
	hookID, clientID := createHook(t, ts.URL, "tok", "abc123", "store/order/*", rcv.URL)

	raised, err := admin.RaiseEvent(ctx, "abc123", "store/order/created", map[string]any{"id": 250})
	if err != nil {
		t.Fatal(err)
	}
	if len(raised.HookIDs) != 1 || raised.HookIDs[0] != hookID || raised.Scope != "store/order/created" || len(raised.Hash) != 40 {
		t.Fatalf("raised = %+v", raised)
	}
	if !strings.Contains(string(raised.Payload), `"id":250`) {
		t.Errorf("payload lacks the override: %s", raised.Payload)
	}

	clk, err := admin.AdvanceClock(ctx, 49*time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	if clk.Mode != "fake" || !clk.Now.Equal(start.Add(49*time.Hour)) || clk.Unix != start.Add(49*time.Hour).Unix() {
		t.Errorf("clock = %+v", clk)
	}

	events, err := admin.Events(ctx, adminapi.Query{Store: "abc123", Outcome: adminapi.OutcomeFailed})
	if err != nil || len(events) != 1 || events[0].ID != raised.EventID {
		t.Errorf("events = %+v, %v", events, err)
	}
	deliveries, err := admin.Deliveries(ctx, adminapi.Query{Hook: hookID, Outcome: adminapi.OutcomeFailed})
	if err != nil || len(deliveries) != 1 || deliveries[0].Attempts != 12 || deliveries[0].ClientID != clientID {
		t.Errorf("deliveries = %+v, %v", deliveries, err)
	}
	attempts, err := admin.Attempts(ctx, adminapi.Query{Delivery: deliveries[0].ID, Outcome: adminapi.OutcomeFailure, Kind: adminapi.NotifyDomainBlocked})
	if err != nil || len(attempts) != 12 || attempts[11].At.Sub(attempts[0].At) != 173040*time.Second {
		t.Errorf("attempts: %d, %v", len(attempts), err)
	}
	notes, err := admin.Notifications(ctx, adminapi.Query{Store: "abc123", Kind: adminapi.NotifyHookDeactivated, Scope: "ignored"})
	if err != nil || len(notes) != 1 || notes[0].HookID != hookID {
		t.Errorf("notifications = %+v, %v", notes, err)
	}
	none, err := admin.Deliveries(ctx, adminapi.Query{Store: "other"})
	if err != nil || none == nil || len(none) != 0 {
		t.Errorf("deliveries of another store = %#v, %v; want an empty list", none, err)
	}

	secret, err := admin.Secret(ctx, clientID)
	if err != nil || len(secret) != 64 {
		t.Errorf("secret = %q, %v", secret, err)
	}

	got, err := admin.ResetStore(ctx, "abc123")
	if err != nil || got.Hooks != 1 || got.Stores != 1 {
		t.Errorf("reset store = %+v, %v", got, err)
	}
	if d, _ := admin.Deliveries(ctx, adminapi.Query{}); len(d) != 0 {
		t.Errorf("deliveries after reset: %d", len(d))
	}
	if _, err := admin.Reset(ctx); err != nil {
		t.Error(err)
	}
}

func TestWaitForDelivery(t *testing.T) {
	ts, admin, _ := newMock(t) // real clock: the mock delivers on its own
	rcv := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer rcv.Close()
	createHook(t, ts.URL, "tok", "abc123", "store/cart/created", rcv.URL)
	raised, err := admin.RaiseEvent(t.Context(), "abc123", "store/cart/created", nil)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	defer cancel()
	d, err := admin.WaitForDelivery(ctx, adminapi.Query{Event: raised.EventID}, func(d adminapi.Delivery) bool {
		return d.Status == adminapi.OutcomeDelivered
	})
	if err != nil || d.EventID != raised.EventID {
		t.Fatalf("delivery = %+v, %v", d, err)
	}

	expired, cancel := context.WithCancel(t.Context())
	cancel()
	_, err = admin.WaitForDelivery(expired, adminapi.Query{Store: "none"}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestErrorsCarryTheControlAPIBody(t *testing.T) {
	_, admin, _ := newMock(t) // a real clock cannot be advanced
	ctx := t.Context()
	tests := []struct {
		name   string
		call   func() error
		status int
		want   string
	}{
		{"real clock", func() error { _, err := admin.AdvanceClock(ctx, time.Minute); return err }, http.StatusConflict, "advance clock: POST "},
		{"unknown scope", func() error { _, err := admin.RaiseEvent(ctx, "abc", "store/order/create", nil); return err }, http.StatusUnprocessableEntity, `did you mean "store/order/created"`},
		{"unknown account", func() error { _, err := admin.Secret(ctx, "nobody"); return err }, http.StatusNotFound, "get secret: GET "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.call()
			var ae *adminapi.Error
			if !errors.As(err, &ae) {
				t.Fatalf("err = %v, want an *adminapi.Error", err)
			}
			if ae.Status != tt.status || ae.Title == "" {
				t.Errorf("error = %+v, want status %d with a title", ae, tt.status)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err = %q, want it to contain %q", err, tt.want)
			}
		})
	}
}

func TestErrorFromAnotherServer(t *testing.T) {
	proxy := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "upstream down", http.StatusBadGateway)
	}))
	defer proxy.Close()
	_, err := adminapi.New(proxy.URL, proxy.Client()).Health(t.Context())
	var ae *adminapi.Error
	if !errors.As(err, &ae) || ae.Status != http.StatusBadGateway || ae.Title != "Bad Gateway" || ae.Detail != "upstream down" {
		t.Fatalf("err = %#v", err)
	}
}

func TestQueryOnlySendsWhatTheListingAccepts(t *testing.T) {
	var got []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got = append(got, r.URL.Path+"?"+r.URL.RawQuery)
		_, _ = w.Write([]byte(`{"data":[]}`))
	}))
	defer srv.Close()
	admin := adminapi.New(srv.URL, srv.Client())
	q := adminapi.Query{Store: "s", Hook: 2, Scope: "store/order/created", Event: 3, Delivery: 4, Outcome: adminapi.OutcomeFailure, Kind: adminapi.NotifyDomainBlocked}
	ctx := t.Context()
	_, _ = admin.Events(ctx, q)
	_, _ = admin.Deliveries(ctx, q)
	_, _ = admin.Attempts(ctx, q)
	_, _ = admin.Notifications(ctx, q)
	_, _ = admin.Deliveries(ctx, adminapi.Query{})
	want := []string{
		"/__bcmock/events?event=3&hook=2&limit=250&page=1&scope=store%2Forder%2Fcreated&store=s",
		"/__bcmock/deliveries?event=3&hook=2&limit=250&outcome=failure&page=1&scope=store%2Forder%2Fcreated&store=s",
		"/__bcmock/attempts?delivery=4&event=3&hook=2&limit=250&outcome=failure&page=1&scope=store%2Forder%2Fcreated&store=s",
		"/__bcmock/notifications?hook=2&kind=domain_blocked&limit=250&page=1&store=s",
		"/__bcmock/deliveries?limit=250&page=1",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("requests:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestListsPageThrough checks the client reads every page of a listing the
// mock pages, and stops at the last one.
func TestListsPageThrough(t *testing.T) {
	const total = 600 // three pages of 250
	var pages []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		pages = append(pages, r.URL.Query().Get("page"))
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		var l adminapi.List[adminapi.Event]
		for id := (page-1)*250 + 1; id <= min(page*250, total); id++ {
			l.Data = append(l.Data, adminapi.Event{ID: int64(id)})
		}
		l.Meta.Pagination.TotalPages = 3
		_ = json.NewEncoder(w).Encode(l)
	}))
	defer srv.Close()
	events, err := adminapi.New(srv.URL, srv.Client()).Events(t.Context(), adminapi.Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != total || events[total-1].ID != total {
		t.Fatalf("got %d events, want %d in order", len(events), total)
	}
	if strings.Join(pages, ",") != "1,2,3" {
		t.Errorf("pages asked = %v, want 1,2,3", pages)
	}
}
