package rest_test

import (
	"testing"

	"github.com/bcmock/bcmock/mock/internal/rest"
	"github.com/bcmock/bcmock/openapi"
)

// TestEveryOrdersV2OperationHasAHandler keeps orders-v2.yaml and the
// handlers together: an operation without a handler would answer 404.
func TestEveryOrdersV2OperationHasAHandler(t *testing.T) {
	doc, err := openapi.LoadEmbedded(openapi.OrdersV2)
	if err != nil {
		t.Fatal(err)
	}
	handlers := rest.New(rest.Config{}).V2Handlers()
	n := 0
	for path, item := range doc.Spec().Paths.Map() {
		for method, op := range item.Operations() {
			n++
			if handlers[op.OperationID] == nil {
				t.Errorf("%s %s (%s) has no handler", method, path, op.OperationID)
			}
		}
	}
	if n < 20 {
		t.Errorf("orders-v2.yaml has %d operations, want the 22 of the v2 orders resources", n)
	}
}
