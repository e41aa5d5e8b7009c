package mock_test

// Account edges of issue 12: uninstalling an app removes its hooks in the
// store, and an account bound to stores is refused on the others.

import (
	"net/http"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/account"
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

func TestAccountBoundToStoresIsRefusedElsewhere(t *testing.T) {
	h := newHarness(t, mock.WithAccounts(
		account.Account{Token: "tok-bound", ClientID: "bound", Stores: []string{"abc123", "def456"}},
		account.Account{Token: "tok-any", ClientID: "any"},
	))
	const title = "Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store."
	tests := []struct {
		token, path string
		status      int
	}{
		{"tok-bound", "/stores/abc123/v3/hooks", http.StatusOK},
		{"tok-bound", "/stores/def456/v3/hooks", http.StatusOK},
		{"tok-bound", "/stores/other1/v3/hooks", http.StatusUnauthorized},
		{"tok-bound", "/stores/other1/v2/hooks", http.StatusUnauthorized},
		{"tok-bound", "/stores/other1/v3/nothing", http.StatusUnauthorized}, // 401 comes before 404
		{"tok-bound", "/stores/abc%31%323/v3/hooks", http.StatusOK},         // the hash is read unescaped
		{"tok-any", "/stores/other1/v3/hooks", http.StatusOK},
	}
	for _, tc := range tests {
		t.Run(tc.token+" "+tc.path, func(t *testing.T) {
			res := h.do(req{method: "GET", path: tc.path, token: tc.token})
			expect(t, res, tc.status)
			if tc.status == http.StatusUnauthorized && !strings.Contains(string(res.body), title) {
				t.Errorf("401 body %s, want BigCommerce's title", res.body)
			}
		})
	}
}
