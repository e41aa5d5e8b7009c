package mock_test

// Edges of issue 9 that the gateway and the hooks API hold: one body cap
// and one Content-Type rule for every family, bodies that are not UTF-8,
// and hooks that would deliver to the mock itself.

import (
	"net/http"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
)

func TestOneBodyRuleForEveryFamily(t *testing.T) {
	h := newHarness(t, mock.WithMaxBodyBytes(64))
	hooks := req{method: "POST", path: "/stores/abc123/v3/hooks", token: tokenA}
	events := req{method: "POST", path: "/__bcmock/stores/abc123/events"}
	big := `{"scope":"store/order/created","data":{"note":"` + strings.Repeat("x", 100) + `"}}`
	tests := []struct {
		name        string
		r           req
		contentType string
		body        string
		status      int
	}{
		{"hooks: body over the cap", hooks, "application/json", big, http.StatusRequestEntityTooLarge},
		{"control: body over the cap", events, "application/json", big, http.StatusRequestEntityTooLarge},
		{"hooks: malformed media type", hooks, "application/json;;;", `{}`, http.StatusUnsupportedMediaType},
		{"control: malformed media type", events, "application/json;;;", `{}`, http.StatusUnsupportedMediaType},
		{"hooks: not UTF-8", hooks, "application/json", "{\"scope\":\"store/order/created\",\"destination\":\"https://a/\xff\"}", http.StatusUnprocessableEntity},
		{"control: not UTF-8", events, "application/json", "{\"scope\":\"store/order/\xffcreated\"}", http.StatusUnprocessableEntity},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := tc.r
			r.body, r.header = tc.body, map[string]string{"Content-Type": tc.contentType}
			expect(t, h.do(r), tc.status)
		})
	}
	if got := h.records("events", ""); len(got) != 0 {
		t.Errorf("refused requests raised %d events", len(got))
	}
}

func TestHookToTheMockItselfIsRefused(t *testing.T) {
	h := newHarness(t)
	self := strings.TrimPrefix(h.http.URL, "http://")
	for _, dest := range []string{
		"http://localhost:1/__bcmock/reset",
		"https://elsewhere.example/__bcmock/events/1/resend",
		"https://elsewhere.example/app/../__bcmock/reset",
		"http://" + self + "/webhooks",
	} {
		t.Run(dest, func(t *testing.T) {
			res := h.do(req{method: "POST", path: "/stores/abc123/v3/hooks", token: tokenA,
				body: `{"scope":"store/order/created","destination":"` + dest + `"}`})
			expect(t, res, http.StatusUnprocessableEntity)
			if msg, _ := field(t, res.json(t), "errors", "destination").(string); !strings.Contains(msg, "mock") {
				t.Errorf("reason = %q, want one naming the mock", msg)
			}
		})
	}
	expect(t, h.do(req{method: "POST", path: "/stores/abc123/v3/hooks", token: tokenA,
		body: `{"scope":"store/order/created","destination":"https://app.example/__bcmock-not/x"}`}), http.StatusOK)
}

// TestCallbackToAnAliasOfTheMockIsRefused checks that a delivery reaching
// the mock through an address the create-time check cannot know (here
// localhost for 127.0.0.1) is refused with 508 and acts on nothing.
func TestCallbackToAnAliasOfTheMockIsRefused(t *testing.T) {
	h := newHarness(t)
	_, port, _ := strings.Cut(strings.TrimPrefix(h.http.URL, "http://"), ":")
	alias := "http://localhost:" + port + "/stores/abc123/v3/hooks"
	h.create(tokenA, "abc123", "store/order/created", alias)
	expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/abc123/events", body: `{"scope":"store/order/created"}`}), http.StatusCreated)
	h.advance(0)
	attempts := h.records("attempts", "?store=abc123")
	if len(attempts) != 1 || attempts[0]["response_status"] != float64(http.StatusLoopDetected) || attempts[0]["outcome"] != "failure" {
		t.Fatalf("attempts = %v, want one refused with 508", attempts)
	}
	if hooks := h.do(req{method: "GET", path: "/stores/abc123/v3/hooks", token: tokenA}).json(t)["data"].([]any); len(hooks) != 1 {
		t.Errorf("the callback acted on the mock: %d hooks", len(hooks))
	}
}
