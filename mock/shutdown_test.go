package mock_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/clock"
)

// lockedBuffer is a log buffer safe for the engine's goroutines.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// TestShutdownSummarisesManyPendingDeliveries checks a shutdown with many
// deliveries still pending names a few and counts the rest, instead of a
// line each.
func TestShutdownSummarisesManyPendingDeliveries(t *testing.T) {
	var logs lockedBuffer
	h := newHarness(t, mock.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))), mock.WithClock(clock.NewFake(start)))
	// A destination nobody listens on, under a fake clock that never
	// moves: every delivery waits for its retry.
	h.create(tokenA, "abc123", "store/order/created", "http://127.0.0.1:1/never")
	for range 50 {
		if _, err := h.srv.Raise(context.Background(), "abc123", "store/order/created", nil); err != nil {
			t.Fatal(err)
		}
	}
	h.advance(0)
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	_ = h.srv.Shutdown(ctx)
	out := logs.String()
	if n := strings.Count(out, `msg="delivery still pending at shutdown"`); n != 10 {
		t.Errorf("%d pending deliveries named, want 10", n)
	}
	if !strings.Contains(out, "more=40") || !strings.Contains(out, "pending=50") {
		t.Errorf("the summary does not count the other 40 of 50:\n%s", out)
	}
}
