package clock_test

import (
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/clock"
)

func TestFakeMovesOnlyWhenTold(t *testing.T) {
	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	f := clock.NewFake(start)
	if got := f.Now(); !got.Equal(start) {
		t.Fatalf("Now() = %v, want %v", got, start)
	}
	if got := f.Advance(90 * time.Second); !got.Equal(start.Add(90 * time.Second)) {
		t.Fatalf("Advance returned %v", got)
	}
	later := start.Add(48 * time.Hour)
	f.Set(later)
	if got := f.Now(); !got.Equal(later) {
		t.Fatalf("after Set, Now() = %v, want %v", got, later)
	}
}

func TestRealFollowsWallClock(t *testing.T) {
	before := time.Now()
	got := clock.Real{}.Now()
	if got.Before(before) {
		t.Fatalf("Real.Now() = %v is before %v", got, before)
	}
}
