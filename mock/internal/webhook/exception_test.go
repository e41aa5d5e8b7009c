// These tests lock store/hook/deliveryException: 90001 at most once per 10
// minutes per destination, and the exception hook never reporting on itself.
package webhook_test

import (
	"net/http"
	"slices"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

func TestRetryNoticePerDestination(t *testing.T) {
	tests := []struct {
		name  string
		paths []string // one failing hook per path, ids 1..n
		want  map[int][]time.Duration
	}{
		{
			name:  "one destination",
			paths: []string{"/a"},
			want:  map[int][]time.Duration{1: secs(0, 1140)},
		},
		{
			name:  "two destinations are limited separately",
			paths: []string{"/a", "/b"},
			want:  map[int][]time.Duration{1: secs(0, 1140), 2: secs(0, 1140)},
		},
		{
			name:  "two hooks on one destination share the limit",
			paths: []string{"/a", "/a"},
			want:  map[int][]time.Duration{1: secs(0, 1140)},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFixture(t)
			rv := newReceiver(t, always(http.StatusBadGateway))
			xrv := newReceiver(t, always(http.StatusOK))
			for i, p := range tc.paths {
				f.dir.add(webhook.Target{StoreHash: storeA, HookID: i + 1, ClientID: clientA,
					Scope: "store/order/*", Destination: rv.URL + p})
			}
			f.exceptionHook(9, xrv.URL)
			f.raise(t, 1)
			f.advance(t, 20*time.Minute) // attempts at 0, 60, 240, 540, 1140 s

			got := map[int][]time.Duration{}
			for _, x := range exceptions(t, xrv) {
				if x.Data.ErrorCode != bigcommerce.CodeWillRetry {
					t.Fatalf("unexpected exception %+v", x.Data)
				}
				got[x.Data.ID] = append(got[x.Data.ID], time.Unix(x.CreatedAt, 0).Sub(t0))
			}
			if len(got) != len(tc.want) {
				t.Fatalf("90001 instants = %v, want %v", got, tc.want)
			}
			for id, w := range tc.want {
				if !slices.Equal(got[id], w) {
					t.Fatalf("90001 for hook %d at %v, want %v", id, got[id], w)
				}
			}
			ev := f.eng.Events(webhook.Filter{Scope: bigcommerce.DeliveryException})
			if len(ev) != len(exceptions(t, xrv)) || ev[0].Source != webhook.SourceEngine || !slices.Equal(ev[0].HookIDs, []int{9}) {
				t.Fatalf("exception events = %+v", ev)
			}
		})
	}
}

// TestFailingExceptionHook: the exception hook is retried and deactivated
// like any hook, but its own failures raise no exceptions.
func TestFailingExceptionHook(t *testing.T) {
	f := newFixture(t)
	rv := newReceiver(t, always(http.StatusInternalServerError))
	xrv := newReceiver(t, always(http.StatusInternalServerError))
	f.hook(1, rv.URL, nil)
	f.exceptionHook(2, xrv.URL)
	f.raise(t, 1)
	f.advance(t, 100*time.Hour)

	for _, x := range exceptions(t, xrv) {
		if x.Data.ID != 1 {
			t.Fatalf("exception about hook %d, want only about hook 1", x.Data.ID)
		}
	}
	if got := f.dir.deactivations(); !slices.Contains(got, 1) || !slices.Contains(got, 2) {
		t.Fatalf("deactivated %v, want hooks 1 and 2", got)
	}
	var hooks []int
	for _, n := range f.eng.Notifications(webhook.Filter{Kind: webhook.NotifyHookDeactivated}) {
		hooks = append(hooks, n.HookID)
	}
	if slices.Sort(hooks); !slices.Equal(hooks, []int{1, 2}) {
		t.Fatalf("hook_deactivated emails for %v, want [1 2]", hooks)
	}
	first := f.eng.Deliveries(webhook.Filter{HookID: 2})[0]
	if first.Status != bigcommerce.OutcomeFailed || first.Attempts != 12 {
		t.Fatalf("first exception delivery = %+v, want failed after 12 attempts", first)
	}
}
