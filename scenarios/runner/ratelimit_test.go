package runner_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/runner"
)

// TestSetupRateLimitReachesTheMock: setup.rate_limit decodes, encodes
// back, and MockOptions gives the mock that quota on the scenario's fake
// clock, so an integration's back-off can be tested.
func TestSetupRateLimitReachesTheMock(t *testing.T) {
	s, err := scenarios.Parse("t.yaml", []byte("setup: {stores: [abc123], clock: fake, rate_limit: 1/30s}\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.Setup.RateLimit.RateLimit != (bigcommerce.RateLimit{Quota: 1, Window: 30e9}) {
		t.Fatalf("rate_limit = %+v", s.Setup.RateLimit)
	}
	if out, err := scenarios.Encode(s); err != nil || !strings.Contains(string(out), "rate_limit: 1/30s") {
		t.Errorf("Encode = %s, %v; want rate_limit: 1/30s", out, err)
	}
	srv, err := mock.New(runner.MockOptions(s.Setup, nil)...)
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	hs := httptest.NewServer(srv)
	defer hs.Close()
	call := func(method, path, body string) int {
		req, _ := http.NewRequest(method, hs.URL+path, strings.NewReader(body))
		req.Header.Set("X-Auth-Token", "t")
		if body != "" {
			req.Header.Set("Content-Type", "application/json")
		}
		resp, err := hs.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := []int{call("GET", "/stores/abc123/v3/hooks", ""), call("GET", "/stores/abc123/v3/hooks", "")}; got[0] != 200 || got[1] != 429 {
		t.Fatalf("two requests with rate_limit 1/30s: %v, want [200 429]", got)
	}
	call("POST", "/__bcmock/clock/advance", `{"seconds":30}`)
	if got := call("GET", "/stores/abc123/v3/hooks", ""); got != 200 {
		t.Errorf("after advancing past the window: %d", got)
	}
	// Off (the default) leaves the scenario's mock unlimited.
	off, _ := scenarios.Parse("t.yaml", []byte("setup: {stores: [abc123]}\n"))
	if !off.Setup.RateLimit.Off() {
		t.Errorf("default rate_limit = %v, want off", off.Setup.RateLimit)
	}
}
