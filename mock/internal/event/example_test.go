package event_test

import (
	"fmt"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/event"
)

// Example invents the data of an order-created event, pins the order id the
// integration under test will fetch, and builds the callback body.
func Example() {
	g := event.NewGenerator(42) // same seed, same payloads on every run
	data, err := g.Data("store/order/created", map[string]any{"id": 250})
	if err != nil {
		fmt.Println(err)
		return
	}
	env, body, err := bigcommerce.Build("abc123", "store/order/created", data, time.Unix(1561479335, 0))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(env.StoreID, env.Hash)
	fmt.Println(string(body))

	_, err = g.Data("store/order/create", nil)
	fmt.Println(err)
	// Output:
	// 7362735397 1df490c42e830ee035ecff81fc8fc948f8846791
	// {"scope":"store/order/created","store_id":"7362735397","data":{"id":250,"type":"order"},"hash":"1df490c42e830ee035ecff81fc8fc948f8846791","created_at":1561479335,"producer":"stores/abc123"}
	// event: "store/order/create" is not an event BigCommerce documents; did you mean "store/order/created"?
}
