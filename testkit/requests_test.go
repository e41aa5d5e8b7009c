package testkit_test

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/testkit"
	"github.com/bcmock/bcmock/testkit/receiver"
)

// orderApp is the app under test, in miniature: it verifies each
// callback's signature (401 if it does not verify) and, the first time it
// sees an event's hash, reads the order the event is about (GET
// /v2/orders/{id}), then acknowledges. With dedup false it reads for
// every genuine callback, duplicates included.
func orderApp(tb testing.TB, srv *testkit.Server, store, token string, dedup bool) *httptest.Server {
	acct, _ := srv.Account(token)
	verifier, err := receiver.NewVerifier(acct.ClientSecret)
	if err != nil {
		tb.Fatal(err)
	}
	var mu sync.Mutex
	seen := map[string]bool{}
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if verifier.Verify(body, r.Header, time.Time{}) != nil { // a fake clock: no timestamp window
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		var env testkit.Envelope
		var order struct {
			ID int `json:"id"`
		}
		if json.Unmarshal(body, &env) != nil || json.Unmarshal(env.Data, &order) != nil {
			w.WriteHeader(http.StatusBadRequest)
			return
		}
		mu.Lock()
		first := !seen[env.Hash]
		seen[env.Hash] = true
		mu.Unlock()
		if first || !dedup {
			url := fmt.Sprintf("%s/stores/%s/v2/orders/%d", srv.URL, store, order.ID)
			req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, url, nil)
			req.Header.Set("X-Auth-Token", token)
			if resp, err := srv.Client().Do(req); err == nil {
				_, _ = io.Copy(io.Discard, resp.Body)
				_ = resp.Body.Close()
			}
		}
		w.WriteHeader(http.StatusOK)
	}))
	tb.Cleanup(app.Close)
	return app
}

// raiseDuplicateAndForgery raises an order event with a BigCommerce-style
// duplicate and a forged one, and lets them be delivered.
func raiseDuplicateAndForgery(tb testing.TB, srv *testkit.Server, store string) {
	tb.Helper()
	for _, f := range []adminapi.Fault{{Kind: adminapi.FaultDuplicate}, {Kind: adminapi.FaultForgedSignature}} {
		if _, err := srv.RaiseEventWithFaults(tb.Context(), store, "store/order/created", map[string]any{"id": 100}, f); err != nil {
			tb.Fatal(err)
		}
	}
	if _, err := srv.AdvanceClock(tb.Context(), 0); err != nil {
		tb.Fatal(err)
	}
}

// "The duplicate acknowledged, and the app read the order once": the mock
// counts the app's requests to the store's API as it counts deliveries.
func ExampleServer_ExpectRequests() {
	t := newStandIn("TestAppReadsEachOrderOnce")
	defer t.end()

	srv := testkit.Start(t, testkit.WithFakeClock(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)))
	store, token := testkit.StoreHash(t), testkit.Token(t)
	app := orderApp(t, srv, store, token, true)
	srv.CreateHook(t, store, token, "store/order/created", app.URL)
	raiseDuplicateAndForgery(t, srv, store)

	q := adminapi.Query{Store: store}
	dup := srv.ExpectAnswers(t, q, "duplicate", testkit.Answer{Status: "2xx"})
	forged := srv.ExpectAnswers(t, q, "forged_signature", testkit.Answer{Status: "401"})
	reads := srv.ExpectRequests(t, adminapi.RequestQuery{Store: store, Method: "GET", Path: "/v2/orders/100"}, 1)
	fmt.Println(len(dup), "duplicate acknowledged,", len(forged), "forgery refused; read", len(reads), "time:", reads[0].Operation, reads[0].Status)
	// Output: 1 duplicate acknowledged, 1 forgery refused; read 1 time: getOrderV2 200
}

func TestExpectRequestsFailsAnAppThatReadsEveryDuplicate(t *testing.T) {
	srv := testkit.Start(t, testkit.WithFakeClock(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)))
	store, token := testkit.StoreHash(t), testkit.Token(t)
	app := orderApp(t, srv, store, token, false)
	srv.CreateHook(t, store, token, "store/order/created", app.URL)
	raiseDuplicateAndForgery(t, srv, store)

	r := &recorder{TB: t}
	got := srv.ExpectRequests(r, adminapi.RequestQuery{Store: store, Method: "GET", Path: "/v2/orders/100"}, 1)
	if len(got) != 2 || len(r.errors) != 1 {
		t.Fatalf("got %d reads and errors %q; want 2 reads (original and duplicate, not the forgery) and one error", len(got), r.errors)
	}
	for _, want := range []string{"requests GET /v2/orders/100 in store " + store + ": expected 1, got 2", "GET /v2/orders/100 (getOrderV2) → 200 at 2025-03-01T09:00:00Z by "} {
		if !strings.Contains(r.errors[0], want) {
			t.Errorf("error %q lacks %q", r.errors[0], want)
		}
	}
	// The hook's creation is a request too: the query selects.
	srv.ExpectRequests(t, adminapi.RequestQuery{Store: store, Operation: "createWebhooks", Status: "2xx"}, 1)
	srv.ExpectRequests(t, adminapi.RequestQuery{Store: store, Status: "4xx"}, 0)
}
