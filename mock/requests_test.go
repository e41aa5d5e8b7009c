package mock_test

import (
	"errors"
	"fmt"
	"net/http"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/account"
)

// appAccount is the account of the request log's tests.
var appAccount = account.Account{Token: "app-token", ClientID: "my-app", ClientSecret: "app-secret"}

// requestsOf lists GET /__bcmock/requests with query, checked against the
// control document.
func requestsOf(t *testing.T, h *harness, query string) page {
	t.Helper()
	return decodePage(t, h.do(req{method: "GET", path: "/__bcmock/requests" + query}))
}

// summary is "METHOD path operation status client" per record.
func summary(p page) []string {
	out := make([]string, len(p.Data))
	for i, r := range p.Data {
		out[i] = fmt.Sprintf("%v %v %v %v %v %v", r["store_hash"], r["method"], r["path"], r["operation"], r["status"], r["client_id"])
	}
	return out
}

func TestRequestLogRecordsTheAPIFamilies(t *testing.T) {
	h := newHarness(t, mock.WithAccounts(appAccount))
	tok := appAccount.Token
	h.create(tok, "abc123", "store/order/created", "https://a.example/x")
	h.clock.Advance(time.Minute)
	expect(t, h.do(req{method: "GET", path: hooks + "/1", token: tok}), http.StatusOK)
	expect(t, h.do(req{method: "GET", path: hooks + "/99", token: tok}), http.StatusNotFound)
	expect(t, h.do(req{method: "GET", path: "/stores/abc123/v2/hooks?limit=5", token: tok}), http.StatusOK)
	expect(t, h.do(req{method: "GET", path: "/stores/abc123/v3/nothing", token: tok}), http.StatusNotFound)
	expect(t, h.do(req{method: "GET", path: hooks, token: "wrong"}), http.StatusUnauthorized)
	expect(t, h.do(req{method: "PATCH", path: hooks, token: tok}), http.StatusNotImplemented) // a method no API has
	// Not recorded: the control API, and paths that name no store.
	expect(t, h.do(req{method: "GET", path: "/__bcmock/health"}), http.StatusOK)
	expect(t, h.do(req{method: "GET", path: "/favicon.ico", token: tok}), http.StatusNotFound)
	expect(t, h.do(req{method: "GET", path: "/stores", token: tok}), http.StatusNotFound)

	p := requestsOf(t, h, "")
	want := []string{
		"abc123 POST /v3/hooks createWebhooks 200 my-app",
		"abc123 GET /v3/hooks/1 getWebhook 200 my-app",
		"abc123 GET /v3/hooks/99 getWebhook 404 my-app",
		"abc123 GET /v2/hooks getWebhooksV2 200 my-app",
		"abc123 GET /v3/nothing <nil> 404 my-app",
		"abc123 GET /v3/hooks <nil> 401 <nil>",
		"abc123 PATCH /v3/hooks <nil> 501 my-app",
	}
	if got := summary(p); fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("recorded:\n%q\nwant:\n%q", got, want)
	}
	if len(p.Data) < 4 {
		t.FailNow()
	}
	if at := p.Data[0]["at"]; at != start.Format(time.RFC3339) {
		t.Errorf("first request at %v, want the mock clock's %v", at, start)
	}
	if at := p.Data[1]["at"]; at != start.Add(time.Minute).Format(time.RFC3339) {
		t.Errorf("second request at %v, want a minute later on the mock clock", at)
	}
	if ua := p.Data[0]["user_agent"]; ua != "Go-http-client/1.1" {
		t.Errorf("user_agent = %v, want Go's client", ua)
	}
	if q := p.Data[3]["query"]; q != "limit=5" {
		t.Errorf("query = %v, want limit=5", q)
	}
}

func TestRequestLogFilters(t *testing.T) {
	h := newHarness(t, mock.WithAccounts(appAccount, account.Account{Token: "other-token", ClientID: "other-app", ClientSecret: "s"}))
	tok := appAccount.Token
	h.create(tok, "abc123", "store/order/created", "https://a.example/x")            // 1
	h.do(req{method: "GET", path: hooks + "/1", token: tok})                         // 2
	h.do(req{method: "GET", path: hooks + "/2", token: tok})                         // 3: 404
	h.do(req{method: "GET", path: "/stores/other/v3/hooks/1", token: "other-token"}) // 4: 404
	h.do(req{method: "DELETE", path: hooks + "/1", token: tok})                      // 5
	tests := []struct {
		query string
		ids   []float64
	}{
		{"", []float64{1, 2, 3, 4, 5}},
		{"?store=abc123", []float64{1, 2, 3, 5}},
		{"?store=nowhere", nil},
		{"?operation=getWebhook", []float64{2, 3, 4}},
		{"?method=get", []float64{2, 3, 4}},
		{"?method=DELETE&path=/v3/hooks/1", []float64{5}},
		{"?path=/v3/hooks/1", []float64{2, 4, 5}},
		{"?path=/v3/hooks/*", []float64{2, 3, 4, 5}},
		{"?path=/v3/*", []float64{1}},
		{"?path=/v3/hooks", []float64{1}},
		{"?status=404", []float64{3, 4}},
		{"?status=2xx", []float64{1, 2, 5}},
		{"?client_id=other-app", []float64{4}},
		{"?store=abc123&operation=getWebhook&status=4xx", []float64{3}},
		{"?limit=2&page=2", []float64{3, 4}},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			var got []float64
			for _, r := range requestsOf(t, h, tc.query).Data {
				got = append(got, r["id"].(float64))
			}
			if fmt.Sprint(got) != fmt.Sprint(tc.ids) {
				t.Errorf("ids %v, want %v", got, tc.ids)
			}
		})
	}
	for _, bad := range []string{"?status=abc", "?status=600", "?path=v3/hooks", "?limit=251"} {
		expect(t, h.do(req{method: "GET", path: "/__bcmock/requests" + bad}), http.StatusUnprocessableEntity)
	}
}

func TestRequestLogCapsDropTheOldest(t *testing.T) {
	h := newHarness(t, mock.WithRequestLogCap(3), mock.WithRequestLogTotalCap(5))
	get := func(store string, id int) {
		h.do(req{method: "GET", path: fmt.Sprintf("/stores/%s/v3/hooks/%d", store, id), token: tokenA})
	}
	for i := 1; i <= 4; i++ {
		get("s1", i)
	}
	paths := func(query string) []string {
		var out []string
		for _, r := range requestsOf(t, h, query).Data {
			out = append(out, fmt.Sprint(r["store_hash"], r["path"]))
		}
		return out
	}
	if got := fmt.Sprint(paths("?store=s1")); got != "[s1/v3/hooks/2 s1/v3/hooks/3 s1/v3/hooks/4]" {
		t.Errorf("per-store cap 3 kept %s", got)
	}
	get("s2", 1)
	get("s2", 2)
	get("s2", 3)
	// 3 of s1 and 3 of s2 is over the total of 5: the oldest of all went.
	if got := fmt.Sprint(paths("")); got != "[s1/v3/hooks/3 s1/v3/hooks/4 s2/v3/hooks/1 s2/v3/hooks/2 s2/v3/hooks/3]" {
		t.Errorf("total cap 5 kept %s", got)
	}
	// A reset forgets the store's records; a full reset restarts the ids.
	expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/s1/reset"}), http.StatusOK)
	if got := fmt.Sprint(paths("")); got != "[s2/v3/hooks/1 s2/v3/hooks/2 s2/v3/hooks/3]" {
		t.Errorf("after resetting s1: %s", got)
	}
	expect(t, h.do(req{method: "POST", path: "/__bcmock/reset"}), http.StatusOK)
	get("s3", 1)
	if p := requestsOf(t, h, ""); len(p.Data) != 1 || p.Data[0]["id"] != 1.0 {
		t.Errorf("after a full reset: %s", summary(p))
	}
}

func TestRequestLogCapOptions(t *testing.T) {
	for _, opt := range []mock.Option{mock.WithRequestLogCap(0), mock.WithRequestLogTotalCap(-1)} {
		if _, err := mock.New(opt); !errors.Is(err, mock.ErrBadOption) {
			t.Errorf("New = %v, want ErrBadOption", err)
		}
	}
}
