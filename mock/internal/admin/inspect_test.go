package admin

import (
	"slices"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
)

func TestLadderAhead(t *testing.T) {
	next := time.Date(2025, 1, 1, 0, 1, 0, 0, time.UTC)
	at := func(attempt, minutes int) adminapi.PlannedAttempt {
		return adminapi.PlannedAttempt{Number: attempt, DueAt: next.Add(time.Duration(minutes) * time.Minute)}
	}
	s := bigcommerce.Schedule{time.Minute, 3 * time.Minute, 5 * time.Minute} // 4 attempts
	for _, c := range []struct {
		name string
		made int
		next *time.Time
		want []adminapi.PlannedAttempt
	}{
		{"finished", 4, nil, []adminapi.PlannedAttempt{}},
		{"after the first", 1, &next, []adminapi.PlannedAttempt{at(2, 0), at(3, 3), at(4, 8)}},
		{"before the last", 3, &next, []adminapi.PlannedAttempt{at(4, 0)}},
		{"not attempted yet", 0, &next, []adminapi.PlannedAttempt{at(1, 0), at(2, 1), at(3, 4), at(4, 9)}},
	} {
		if got := ladderAhead(s, c.made, c.next); !slices.Equal(got, c.want) {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
	if got := ladderAhead(nil, 0, &next); !slices.Equal(got, []adminapi.PlannedAttempt{at(1, 0)}) {
		t.Errorf("no retries: %v", got)
	}
}

func TestUnionOfStoreHashes(t *testing.T) {
	for _, c := range []struct{ a, b, want []string }{
		{nil, nil, []string{}},
		{[]string{"a", "c"}, []string{"b", "c", "d"}, []string{"a", "b", "c", "d"}},
		{[]string{"x"}, nil, []string{"x"}},
		{nil, []string{"x"}, []string{"x"}},
	} {
		if got := union(c.a, c.b); !slices.Equal(got, c.want) {
			t.Errorf("union(%v, %v) = %v, want %v", c.a, c.b, got, c.want)
		}
	}
}
