package shop

import (
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/clock"
)

// start is the fake clock's time in every test of the package.
var start = time.Date(2026, 3, 5, 21, 40, 11, 0, time.UTC)

// newTestShop returns a shop on a fake clock at start.
func newTestShop(seed int64, opts ...Option) (*Shop, *clock.Fake) {
	clk := clock.NewFake(start)
	return New(seed, clk, opts...), clk
}

// asGiven is an invent function that makes the data the overrides, as the
// event generator does for the fields the tests give.
func asGiven(o map[string]any) (any, error) { return o, nil }

// raise raises scope with data in store hash through Shop.Raise.
func raise(t *testing.T, s *Shop, hash, scope string, data map[string]any) {
	t.Helper()
	if _, err := s.Raise(hash, scope, data, asGiven); err != nil {
		t.Fatalf("raise %s %v: %v", scope, data, err)
	}
}

// order returns a copy of order id of store hash, or nil.
func order(s *Shop, hash string, id int) *Order {
	var out *Order
	s.Read(hash, func(st *Store) {
		if st == nil {
			return
		}
		if o := st.Order(id); o != nil {
			cp := *o
			out = &cp
		}
	})
	return out
}

// cart returns a copy of cart id of store hash, or nil.
func cart(s *Shop, hash, id string) *Cart {
	var out *Cart
	s.Read(hash, func(st *Store) {
		if st == nil {
			return
		}
		if c := st.Cart(id); c != nil {
			cp := *c
			out = &cp
		}
	})
	return out
}

// write runs fn in store hash and fails the test on an error.
func write(t *testing.T, s *Shop, hash string, fn func(st *Store) ([]Event, error)) []Event {
	t.Helper()
	events, err := s.Write(hash, fn)
	if err != nil {
		t.Fatalf("write: %v", err)
	}
	return events
}

// scopes returns the events' scopes.
func scopes(events []Event) []string {
	out := make([]string, len(events))
	for i, e := range events {
		out[i] = e.Scope
	}
	return out
}

func ptr[T any](v T) *T { return &v }

// snapshot renders a store's orders and carts, deeply, for comparisons.
func snapshot(s *Shop, hash string) string {
	var out string
	s.Read(hash, func(st *Store) {
		if st == nil {
			return
		}
		var b strings.Builder
		for _, o := range st.OrderList(OrderFilter{Deleted: nil}) {
			fmt.Fprintf(&b, "%s\n", deep(o))
		}
		for _, o := range st.OrderList(OrderFilter{Deleted: ptr(true)}) {
			fmt.Fprintf(&b, "%s\n", deep(o))
		}
		ids := slices.Sorted(maps.Keys(st.carts))
		for _, id := range ids {
			fmt.Fprintf(&b, "%s\n", deep(st.carts[id]))
		}
		out = b.String()
	})
	return out
}

// deep renders v with what its pointers point to.
func deep(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func errorsIs(err, target error) bool { return errors.Is(err, target) }
