package mock_test

import (
	"net/http"
	"testing"
)

func TestHealth(t *testing.T) {
	h := newHarness(t)
	res := h.do(req{method: "GET", path: "/__bcmock/health"})
	expect(t, res, http.StatusOK)
	if res.json(t)["status"] != "ok" {
		t.Errorf("health = %s", res.body)
	}
}

func TestResetOneStoreLeavesOthers(t *testing.T) {
	h := newHarness(t)
	h.create(tokenA, "abc123", "store/order/created", "https://a.example/x")
	h.create(tokenB, "abc123", "store/order/created", "https://a.example/x")
	h.create(tokenA, "other", "store/order/created", "https://a.example/x")

	res := h.do(req{method: "POST", path: "/__bcmock/stores/abc123/reset"})
	expect(t, res, http.StatusOK)
	if res.json(t)["hooks"] != 2.0 {
		t.Errorf("reset = %s, want 2 hooks forgotten", res.body)
	}
	if n := len(h.do(req{method: "GET", path: hooks, token: tokenA}).json(t)["data"].([]any)); n != 0 {
		t.Errorf("store still has %d hooks", n)
	}
	if n := len(h.do(req{method: "GET", path: "/stores/other/v3/hooks", token: tokenA}).json(t)["data"].([]any)); n != 1 {
		t.Errorf("other store lost its hook: %d", n)
	}
	// Ids start again at 1 in a reset store.
	if id := h.create(tokenA, "abc123", "store/order/created", "https://a.example/x"); id != 1 {
		t.Errorf("first id after reset = %d, want 1", id)
	}
}

func TestResetAll(t *testing.T) {
	h := newHarness(t)
	h.create(tokenA, "s1", "store/order/created", "https://a.example/x")
	h.create(tokenA, "s2", "store/order/created", "https://a.example/x")
	res := h.do(req{method: "POST", path: "/__bcmock/reset"})
	expect(t, res, http.StatusOK)
	if body := res.json(t); body["stores"] != 2.0 || body["hooks"] != 2.0 {
		t.Errorf("reset = %s", res.body)
	}
}

func TestControlErrors(t *testing.T) {
	h := newHarness(t)
	expect(t, h.do(req{method: "GET", path: "/__bcmock/nothing"}), http.StatusNotFound)
	expect(t, h.do(req{method: "GET", path: "/__bcmock/reset"}), http.StatusMethodNotAllowed)
	expect(t, h.do(req{method: "GET", path: "/__bcmock"}), http.StatusNotFound)
}
