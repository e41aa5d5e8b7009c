package mock_test

// Account edges of issue 12: uninstalling an app removes its hooks in the
// store, and an account bound to stores is refused on the others.

import (
	"net/http"
	"testing"
)

func TestAppUninstalledRemovesThatAppsHooks(t *testing.T) {
	h := newHarness(t)
	uninstall := newReceiver(t, http.StatusInternalServerError, http.StatusOK) // fails once: the retry must still go out
	orders := newReceiver(t)
	h.create(tokenA, "abc123", "store/app/uninstalled", uninstall.URL+"/a")
	h.create(tokenA, "abc123", "store/order/created", orders.URL+"/a")
	h.create(tokenA, "def456", "store/order/created", orders.URL+"/a-other-store")
	h.create(tokenB, "abc123", "store/order/created", orders.URL+"/b")

	h.raise("abc123", "store/app/uninstalled", "")
	h.advance(0)
	count := func(token, store string) int {
		return len(h.do(req{method: "GET", path: "/stores/" + store + "/v3/hooks", token: token}).json(t)["data"].([]any))
	}
	if n := count(tokenA, "abc123"); n != 0 {
		t.Errorf("app A has %d hooks in abc123 after its uninstall, want 0", n)
	}
	if n := count(tokenA, "def456"); n != 1 {
		t.Errorf("app A has %d hooks in def456, want 1: uninstall is per store", n)
	}
	if n := count(tokenB, "abc123"); n != 1 {
		t.Errorf("app B has %d hooks in abc123, want 1: another app's hooks stay", n)
	}
	h.advance(60)
	if got := len(uninstall.calls()); got != 2 {
		t.Errorf("uninstall receiver got %d calls, want 2: the event's retry still goes out", got)
	}
	h.raise("abc123", "store/order/created", "")
	h.advance(61)
	if got := len(orders.calls()); got != 1 {
		t.Errorf("order receiver got %d calls, want 1: only app B's hook is left in abc123", got)
	}
	// A new hook of app A (reinstalled) works as any other.
	h.create(tokenA, "abc123", "store/app/uninstalled", uninstall.URL+"/a")
	if n := count(tokenA, "abc123"); n != 1 {
		t.Errorf("app A has %d hooks after reinstalling, want 1", n)
	}
}
