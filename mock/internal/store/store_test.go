package store_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/store"
)

func newStore() (*store.Store, *clock.Fake) {
	clk := clock.NewFake(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC))
	return store.New(clk), clk
}

func TestRules(t *testing.T) {
	tests := []struct {
		name     string
		existing [][2]string // scope, destination of the account's hooks
		scope    string
		dest     string
		want     error
	}{
		{"first hook", nil, "store/order/created", "https://a/x", nil},
		{"same scope other destination", [][2]string{{"store/order/created", "https://a/x"}}, "store/order/created", "https://a/y", nil},
		{"duplicate", [][2]string{{"store/order/created", "https://a/x"}}, "store/order/created", "https://a/x", store.ErrDuplicate},
		{"second exception hook", [][2]string{{"store/hook/deliveryException", "https://a/e"}}, "store/hook/deliveryException", "https://a/f", store.ErrExceptionHook},
		{"exception hook on a used destination", [][2]string{{"store/order/created", "https://a/x"}}, "store/hook/deliveryException", "https://a/x", store.ErrExceptionHook},
		{"hook on the exception destination", [][2]string{{"store/hook/deliveryException", "https://a/e"}}, "store/order/created", "https://a/e", store.ErrExceptionHook},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newStore()
			for _, e := range tt.existing {
				if _, err := s.Create("abc", "c1", store.Input{Scope: e[0], Destination: e[1]}); err != nil {
					t.Fatal(err)
				}
			}
			_, err := s.Create("abc", "c1", store.Input{Scope: tt.scope, Destination: tt.dest})
			if !errors.Is(err, tt.want) {
				t.Fatalf("Create = %v, want %v", err, tt.want)
			}
			// Another account is never limited by c1's hooks.
			if _, err := s.Create("abc", "c2", store.Input{Scope: tt.scope, Destination: tt.dest}); err != nil {
				t.Fatalf("other account: %v", err)
			}
		})
	}
}

func TestLimitPerScope(t *testing.T) {
	s, _ := newStore()
	for i := range store.MaxHooksPerScope {
		if _, err := s.Create("abc", "c1", store.Input{Scope: "store/cart/*", Destination: fmt.Sprintf("https://a/%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := s.Create("abc", "c1", store.Input{Scope: "store/cart/*", Destination: "https://a/x"}); !errors.Is(err, store.ErrLimit) {
		t.Fatalf("11th hook: %v", err)
	}
	if _, err := s.Create("other", "c1", store.Input{Scope: "store/cart/*", Destination: "https://a/x"}); err != nil {
		t.Fatalf("another store is not limited: %v", err)
	}
}

func TestStatusLifecycle(t *testing.T) {
	s, clk := newStore()
	h, _ := s.Create("abc", "c1", store.Input{Scope: "store/order/created", Destination: "https://a/x"})
	if h.Status() != store.StatusActive || h.Headers != nil {
		t.Fatalf("new hook: %+v", h)
	}
	off := false
	h, _ = s.Update("abc", "c1", h.ID, store.Patch{IsActive: &off})
	if h.Status() != store.StatusInactive {
		t.Fatalf("after is_active false: %s", h.Status())
	}
	if s.Deactivate("abc", h.ID) {
		t.Fatal("Deactivate switched off a hook the user had already switched off")
	}
	on := true
	_, _ = s.Update("abc", "c1", h.ID, store.Patch{IsActive: &on})
	clk.Advance(time.Hour)
	if !s.Deactivate("abc", h.ID) || s.Deactivate("abc", h.ID) {
		t.Fatal("Deactivate must switch an active hook off once, and report false the second time")
	}
	h, _ = s.Get("abc", "c1", h.ID)
	if h.Status() != store.StatusDeactivated || !h.UpdatedAt.Equal(clk.Now()) {
		t.Fatalf("after Deactivate: %s at %v", h.Status(), h.UpdatedAt)
	}
	h, _ = s.Update("abc", "c1", h.ID, store.Patch{IsActive: &on})
	if h.Status() != store.StatusActive {
		t.Fatalf("after reactivation: %s", h.Status())
	}
}

func TestReturnedHooksAreCopies(t *testing.T) {
	s, _ := newStore()
	h, _ := s.Create("abc", "c1", store.Input{Scope: "store/order/created", Destination: "https://a/x", Headers: map[string]string{"k": "v"}})
	h.Headers["k"] = "changed"
	got, _ := s.Get("abc", "c1", h.ID)
	if got.Headers["k"] != "v" {
		t.Fatal("a caller's change leaked into the store")
	}
}

func TestMatchingAcrossAccounts(t *testing.T) {
	s, _ := newStore()
	a, _ := s.Create("abc", "c1", store.Input{Scope: "store/cart/*", Destination: "https://a/x"})
	b, _ := s.Create("abc", "c2", store.Input{Scope: "store/cart/lineItem/created", Destination: "https://b/x"})
	off := false
	c, _ := s.Create("abc", "c3", store.Input{Scope: "store/cart/lineItem/created", Destination: "https://c/x", IsActive: &off})
	_, _ = s.Create("other", "c1", store.Input{Scope: "store/cart/*", Destination: "https://a/x"})
	got := s.Matching("abc", "store/cart/lineItem/created")
	if len(got) != 2 || got[0].ID != a.ID || got[1].ID != b.ID {
		t.Fatalf("Matching = %+v, want hooks %d and %d (not inactive %d, not another store's)", got, a.ID, b.ID, c.ID)
	}
}

func TestDeleteKeepsOrder(t *testing.T) {
	s, _ := newStore()
	for i := range 5 {
		_, _ = s.Create("abc", "c1", store.Input{Scope: "store/order/created", Destination: fmt.Sprintf("https://a/%d", i)})
	}
	if _, err := s.Delete("abc", "c1", 3); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Delete("abc", "c1", 3); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("second delete: %v", err)
	}
	var ids []int
	for _, h := range s.List("abc", "c1", store.Filter{}) {
		ids = append(ids, h.ID)
	}
	if fmt.Sprint(ids) != "[1 2 4 5]" {
		t.Fatalf("ids after delete = %v", ids)
	}
}

func TestVisitPage(t *testing.T) {
	s, _ := newStore()
	for i := range 7 {
		_, _ = s.Create("abc", "c1", store.Input{Scope: "store/order/created", Destination: fmt.Sprintf("https://a/%d", i)})
	}
	_, _ = s.Create("abc", "c2", store.Input{Scope: "store/order/created", Destination: "https://b/x"})
	tests := []struct {
		offset, limit int
		want          string
	}{
		{0, 3, "[1 2 3]"}, {3, 3, "[4 5 6]"}, {6, 3, "[7]"}, {9, 3, "[]"}, {0, 50, "[1 2 3 4 5 6 7]"},
	}
	for _, tt := range tests {
		ids := []int{}
		total := s.VisitPage("abc", "c1", store.Filter{}, tt.offset, tt.limit, func(h store.Hook) { ids = append(ids, h.ID) })
		if fmt.Sprint(ids) != tt.want || total != 7 {
			t.Errorf("VisitPage(%d, %d) = %v, %d; want %s, 7", tt.offset, tt.limit, ids, total, tt.want)
		}
	}
}
