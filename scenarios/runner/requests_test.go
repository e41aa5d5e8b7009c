package runner_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/scenarios/runner"
)

// readingApp is an app that, for each callback, reads order 100 back
// from the mock (GET /v2/orders/100), once per event when dedup is set: it
// remembers the payload hashes it has seen.
func readingApp(t *testing.T, mockURL string, dedup bool) *httptest.Server {
	var mu sync.Mutex
	seen := map[string]bool{}
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var env struct {
			Hash string `json:"hash"`
		}
		if err := json.NewDecoder(r.Body).Decode(&env); err != nil {
			http.Error(w, "not a callback", http.StatusBadRequest)
			return
		}
		mu.Lock()
		again := seen[env.Hash]
		seen[env.Hash] = true
		mu.Unlock()
		if !again || !dedup {
			req, _ := http.NewRequestWithContext(r.Context(), http.MethodGet, mockURL+"/stores/abc123/v2/orders/100", nil)
			req.Header.Set("X-Auth-Token", "app-token")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				http.Error(w, err.Error(), http.StatusBadGateway)
				return
			}
			_, _ = io.Copy(io.Discard, resp.Body)
			_ = resp.Body.Close()
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(app.Close)
	return app
}

// readsMock starts a mock on a fake clock that knows the app's account,
// for the runner to drive and the app to read from, and returns its URL.
func readsMock(t *testing.T) string {
	srv, err := mock.New(mock.WithClock(clock.NewFake(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))),
		mock.WithAccounts(account.Account{Token: "app-token", ClientID: "my-app", ClientSecret: "s3cr3t"}))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() {
		ts.Close()
		_ = srv.Close()
	})
	return ts.URL
}

// readsScenario raises one event with a duplicate and expects the app to
// have read the order once.
const readsScenario = `
setup:
  stores: [abc123]
  clock: fake
  accounts: [{token: app-token, client_id: my-app, client_secret: s3cr3t}]
  hooks: [{name: orders, scope: store/order/created, receiver: app}]
receivers: [{name: app}]
steps:
  - raise: {scope: store/order/created, data: {id: 100}, faults: [duplicate]}
  - expect:
      deliveries:
        - {fault: duplicate, answer: 2xx}
      requests:
        - {method: GET, path: /v2/orders/100, count: 1}   # read once, though delivered twice
        - {operation: createWebhooks, count: 0}      # the runner's own setup is not the app's
`

func TestRequestsCountTheAppsReads(t *testing.T) {
	for _, tt := range []struct {
		name  string
		dedup bool
		want  []string
	}{
		{"careful app", true, nil},
		{"app that reads every duplicate", false, []string{
			"steps[1].expect.requests[0] (reads.yaml:14:11): requests GET /v2/orders/100",
			"step 2 expect (reads.yaml:10:5): 1 delivery condition, 2 request conditions",
			"count: expected 1, got 2",
			"note: the requests: GET /v2/orders/100 (getOrderV2) → 200 ×2",
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			mockURL := readsMock(t)
			app := readingApp(t, mockURL, tt.dedup)
			res := runSrc(t, "reads.yaml", readsScenario, runner.WithMockURL(mockURL), runner.WithTarget("app", app.URL))
			if tt.want == nil {
				mustPass(t, res)
				return
			}
			if res.Passed() {
				t.Fatal("the scenario passed; it should fail")
			}
			contains(t, res.Report(), tt.want...)
		})
	}
}

func TestRequestsFailureSaysWhatTheAppAsked(t *testing.T) {
	mockURL := readsMock(t)
	app := readingApp(t, mockURL, true)
	src := strings.Replace(readsScenario, "{method: GET, path: /v2/orders/100, count: 1}", "{method: GET, path: /v2/orders/101}", 1)
	res := runSrc(t, "orders.yaml", src, runner.WithMockURL(mockURL), runner.WithTarget("app", app.URL))
	if res.Passed() {
		t.Fatal("the scenario passed; it should fail")
	}
	contains(t, res.Report(), "requests GET /v2/orders/101", "count: expected at least 1, got 0",
		"note: requests GET were: GET /v2/orders/100 (getOrderV2) → 200")
	if strings.Contains(res.Report(), "createWebhooks") {
		t.Errorf("the report lists the runner's own requests:\n%s", res.Report())
	}
}
