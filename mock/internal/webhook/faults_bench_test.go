package webhook_test

import (
	"context"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// BenchmarkRaiseFaults measures what faults add to Raise (recording the
// event and queueing its delivery, no HTTP): "none" is the baseline of
// the same run, "hook" a delay attached to the hook (a lookup and a move
// in the due queue), "event" a duplicate carried by the event (a second
// event and a held delivery).
func BenchmarkRaiseFaults(b *testing.B) {
	for _, tc := range []struct {
		name  string
		hook  []webhook.Fault
		event []webhook.Fault
	}{
		{"none", nil, nil},
		{"hook", []webhook.Fault{{Kind: webhook.FaultDelay, After: time.Hour}}, nil},
		{"event", nil, []webhook.Fault{{Kind: webhook.FaultDuplicate}}},
	} {
		b.Run(tc.name, func(b *testing.B) {
			f := newFixture(b)
			f.hook(1, "http://127.0.0.1:1/", nil)
			if err := f.eng.SetHookFaults(storeA, 1, tc.hook); err != nil {
				b.Fatal(err)
			}
			ev := orderEvent(b, storeA, 1, t0)
			ev.Faults = tc.event
			b.ReportAllocs()
			for b.Loop() {
				if _, err := f.eng.Raise(context.Background(), ev); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
