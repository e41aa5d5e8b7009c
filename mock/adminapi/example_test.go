package adminapi_test

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http/httptest"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/clock"
)

// A failing test's report can show what an event was about, as the store
// holds it now: what the app's follow-up read would answer.
func ExampleClient_EventEntity() {
	srv, err := mock.New(mock.WithClock(clock.NewFake(start)))
	if err != nil {
		panic(err)
	}
	defer srv.Close()
	ts := httptest.NewServer(srv)
	defer ts.Close()
	ctl := adminapi.New(ts.URL, ts.Client())
	ctx := context.Background()

	created, err := ctl.RaiseEvent(ctx, "abc123", "store/order/created", map[string]any{"id": 250})
	if err != nil {
		panic(err)
	}
	if _, err := ctl.RaiseEvent(ctx, "abc123", "store/shipment/created", map[string]any{"id": 1, "orderId": 250}); err != nil {
		panic(err)
	}
	e, err := ctl.EventEntity(ctx, created.EventID)
	if err != nil {
		panic(err)
	}
	var order struct {
		Status string `json:"status"`
	}
	_ = json.Unmarshal(e.Entity, &order)
	fmt.Println(e.Scope, "is about", e.Kind, e.ID, "read with", e.Read)
	fmt.Println("now:", e.Status, order.Status)

	cart, _ := ctl.RaiseEvent(ctx, "abc123", "store/cart/created", map[string]any{"id": "0b5d7c1e-0000-4000-8000-000000000001"})
	_, _ = ctl.RaiseEvent(ctx, "abc123", "store/cart/deleted", map[string]any{"id": "0b5d7c1e-0000-4000-8000-000000000001"})
	e, _ = ctl.EventEntity(ctx, cart.EventID)
	fmt.Println(e.Kind, "now:", e.Status, len(e.Entity) == 0)
	// Output:
	// store/order/created is about order 250 read with GET /stores/abc123/v2/orders/250
	// now: 200 Shipped
	// cart now: 404 true
}
