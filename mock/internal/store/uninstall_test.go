package store_test

import (
	"testing"

	"github.com/bcmock/bcmock/mock/internal/store"
)

func TestUninstall(t *testing.T) {
	s, _ := newStore()
	mk := func(storeHash, client, scope, dest string) int {
		h, err := s.Create(storeHash, client, store.Input{Scope: scope, Destination: dest})
		if err != nil {
			t.Fatal(err)
		}
		return h.ID
	}
	notify := mk("abc", "app-a", "store/app/uninstalled", "https://a/u")
	order := mk("abc", "app-a", "store/order/created", "https://a/o")
	other := mk("abc", "app-b", "store/order/created", "https://b/o")
	elsewhere := mk("def", "app-a", "store/order/created", "https://a/o")

	if n := s.Uninstall("abc", "app-a", []int{notify}); n != 2 {
		t.Fatalf("Uninstall removed %d hooks, want 2", n)
	}
	if l := s.List("abc", "app-a", store.Filter{}); len(l) != 0 {
		t.Errorf("app A still lists %v", l)
	}
	if _, err := s.Get("abc", "app-a", notify); err == nil {
		t.Error("the departing hook can still be got")
	}
	if m := s.Matching("abc", "store/app/uninstalled"); len(m) != 0 {
		t.Errorf("the departing hook still matches: %v", m)
	}
	if h, ok := s.Lookup("abc", notify); !ok || !h.IsActive {
		t.Error("the departing hook is gone from Lookup: its delivery would be cancelled")
	}
	if _, ok := s.Lookup("abc", order); ok {
		t.Error("the app's other hook is still there")
	}
	for _, c := range []struct {
		storeHash, client string
		id                int
	}{{"abc", "app-b", other}, {"def", "app-a", elsewhere}} {
		if _, err := s.Get(c.storeHash, c.client, c.id); err != nil {
			t.Errorf("hook %d of %s in %s: %v, want untouched", c.id, c.client, c.storeHash, err)
		}
	}
	// The same app can register the same hook again, and a second
	// uninstall lets the first one's departing hook go.
	again := mk("abc", "app-a", "store/app/uninstalled", "https://a/u")
	if n := s.Uninstall("abc", "app-a", nil); n != 1 {
		t.Fatalf("second Uninstall removed %d, want 1", n)
	}
	for _, id := range []int{notify, again} {
		if _, ok := s.Lookup("abc", id); ok {
			t.Errorf("hook %d still looked up after the second uninstall", id)
		}
	}
}
