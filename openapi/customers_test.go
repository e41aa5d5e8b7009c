package openapi_test

import (
	"testing"

	"github.com/bcmock/bcmock/openapi"
)

// TestCustomersAndChannelsDocuments checks that the customers and channels
// documents load, validate, and name every operation.
func TestCustomersAndChannelsDocuments(t *testing.T) {
	for _, name := range []string{openapi.CustomersV3, openapi.ChannelsV3} {
		doc, err := openapi.LoadEmbedded(name)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		ops := 0
		for path, item := range doc.Spec().Paths.Map() {
			for method, op := range item.Operations() {
				ops++
				if op.OperationID == "" {
					t.Errorf("%s: %s %s has no operationId", name, method, path)
				}
			}
		}
		if ops == 0 {
			t.Errorf("%s describes no operation", name)
		}
	}
}
