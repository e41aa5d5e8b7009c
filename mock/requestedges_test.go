package mock_test

// Request edges of issue 12 that the gateway and the hooks API hold:
// headers: {} answers null, an update naming no field is refused, a
// malformed body answers error_Full without errors, and a method no
// operation uses answers 501 while a known one a path lacks answers 405.

import (
	"net/http"
	"slices"
	"strings"
	"testing"
)

func TestEmptyHeadersAnswerNull(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		name string
		r    req
		data func(map[string]any) any
	}{
		{"v3 create", req{method: "POST", path: hooks, token: tokenA,
			body: `{"scope":"store/order/created","destination":"https://a.example/x","headers":{}}`}, func(b map[string]any) any { return b["data"] }},
		{"v3 update", req{method: "PUT", path: hooks + "/1", token: tokenA, body: `{"headers":{}}`}, func(b map[string]any) any { return b["data"] }},
		{"v2 create", req{method: "POST", path: hooksV2, token: tokenA,
			body: `{"scope":"store/order/updated","destination":"https://a.example/y","headers":{}}`}, func(b map[string]any) any { return b }},
	}
	h.create(tokenA, "abc123", "store/cart/created", "https://a.example/z") // hook 1, then given headers
	expect(t, h.do(req{method: "PUT", path: hooks + "/1", token: tokenA, body: `{"headers":{"X-A":"1"}}`}), http.StatusOK)
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := h.do(tc.r)
			expect(t, res, http.StatusOK)
			data, _ := tc.data(res.json(t)).(map[string]any)
			if v, ok := data["headers"]; !ok || v != nil {
				t.Fatalf("headers = %#v (present %v), want null: %s", v, ok, res.body)
			}
		})
	}
}

func TestUpdateNamingNoFieldIsRefused(t *testing.T) {
	h := newHarness(t)
	h.create(tokenA, "abc123", "store/cart/created", "https://a.example/z")
	for _, body := range []string{`{}`, `{"events_history_enabled":true}`, `{"Scope":"store/order/created"}`} {
		t.Run(body, func(t *testing.T) {
			for _, path := range []string{hooks + "/1", hooksV2 + "/1"} {
				res := h.do(req{method: "PUT", path: path, token: tokenA, body: body})
				expect(t, res, http.StatusUnprocessableEntity)
				if !strings.Contains(string(res.body), "at least one field is required") || !strings.Contains(string(res.body), `"body"`) {
					t.Errorf("PUT %s %s: body %s, want the body field saying at least one field is required", path, body, res.body)
				}
			}
		})
	}
	// One known field is enough, whatever else comes with it.
	expect(t, h.do(req{method: "PUT", path: hooks + "/1", token: tokenA, body: `{"is_active":false,"events_history_enabled":true}`}), http.StatusOK)
}

func TestMalformedJSONIsErrorFull(t *testing.T) {
	h := newHarness(t)
	res := h.do(req{method: "POST", path: hooks, token: tokenA, body: `{"scope": `})
	expect(t, res, http.StatusBadRequest)
	body := res.json(t)
	keys := make([]string, 0, len(body))
	for k := range body {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if !slices.Equal(keys, []string{"status", "title", "type"}) || body["title"] != "Input is invalid." {
		t.Fatalf("400 body %s, want exactly status, title and type", res.body)
	}
	v2 := h.do(req{method: "POST", path: hooksV2, token: tokenA, body: `{`})
	expect(t, v2, http.StatusBadRequest)
	if strings.Contains(string(v2.body), "details") {
		t.Errorf("v2 400 body %s, want no details", v2.body)
	}
}

func TestUnsupportedMethodIs501KnownIs405(t *testing.T) {
	h := newHarness(t)
	tests := []struct {
		method, path string
		status       int
		allow        string
	}{
		{"PATCH", hooks + "/1", http.StatusNotImplemented, ""},
		{"PATCH", hooks, http.StatusNotImplemented, ""},
		{"TRACE", hooks, http.StatusNotImplemented, ""},
		{"PROPFIND", hooks, http.StatusNotImplemented, ""},
		{"PATCH", "/stores/abc123/v3/nothing", http.StatusNotImplemented, ""},
		{"PATCH", hooksV2 + "/1", http.StatusNotImplemented, ""},
		{"PUT", hooks, http.StatusMethodNotAllowed, "GET, POST"},
		{"POST", hooks + "/1", http.StatusMethodNotAllowed, "GET, PUT, DELETE"},
		{"DELETE", hooks + "/admin", http.StatusMethodNotAllowed, "GET, PUT"},
		{"POST", hooksV2 + "/1", http.StatusMethodNotAllowed, "GET, PUT, DELETE"},
	}
	for _, tc := range tests {
		t.Run(tc.method+" "+tc.path, func(t *testing.T) {
			res := h.do(req{method: tc.method, path: tc.path, token: tokenA, body: `{}`})
			expect(t, res, tc.status)
			if got := res.header.Get("Allow"); got != tc.allow {
				t.Errorf("Allow = %q, want %q", got, tc.allow)
			}
		})
	}
}
