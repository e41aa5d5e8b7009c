package webhook_test

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"time"

	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// One 49-hour AdvanceTo under a fake clock plays BigCommerce's whole retry
// ladder against a receiver that always fails, each attempt at its exact
// instant, and ends with the hook deactivated.
func ExampleEngine_AdvanceTo() {
	rcv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusServiceUnavailable)
	}))
	defer rcv.Close()

	start := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	clk := clock.NewFake(start)
	dir := newDir()
	dir.add(webhook.Target{StoreHash: "abc123", HookID: 7, ClientID: clientA, Scope: "store/order/*", Destination: rcv.URL})
	eng := webhook.New(dir, envelope, webhook.WithClock(clk), webhook.WithSeed(1))
	defer eng.Shutdown(context.Background())

	ctx := context.Background()
	body := []byte(`{"scope":"store/order/created","data":{"type":"order","id":1}}`)
	if _, err := eng.Raise(ctx, webhook.Event{StoreHash: "abc123", Scope: "store/order/created", Body: body}); err != nil {
		panic(err)
	}
	if err := eng.AdvanceTo(ctx, start.Add(49*time.Hour)); err != nil {
		panic(err)
	}
	for _, a := range eng.Attempts(webhook.Filter{HookID: 7}) {
		fmt.Printf("attempt %2d at +%6.0fs: %s\n", a.Number, a.At.Sub(start).Seconds(), a.Error)
	}
	d := eng.Deliveries(webhook.Filter{HookID: 7})[0]
	fmt.Println(d.Status, "- deactivated:", dir.deactivations())
	// Output:
	// attempt  1 at +     0s: HTTP 503 Service Unavailable
	// attempt  2 at +    60s: HTTP 503 Service Unavailable
	// attempt  3 at +   240s: HTTP 503 Service Unavailable
	// attempt  4 at +   540s: HTTP 503 Service Unavailable
	// attempt  5 at +  1140s: HTTP 503 Service Unavailable
	// attempt  6 at +  2040s: HTTP 503 Service Unavailable
	// attempt  7 at +  3840s: HTTP 503 Service Unavailable
	// attempt  8 at +  7440s: HTTP 503 Service Unavailable
	// attempt  9 at + 14640s: HTTP 503 Service Unavailable
	// attempt 10 at + 36240s: HTTP 503 Service Unavailable
	// attempt 11 at + 86640s: HTTP 503 Service Unavailable
	// attempt 12 at +173040s: HTTP 503 Service Unavailable
	// failed - deactivated: [7]
}
