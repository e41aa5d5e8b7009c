package openapi_test

import (
	"testing"

	"github.com/bcmock/bcmock/openapi"
)

// TestCustomersAndChannelsDocuments checks that the customers, channels,
// price lists, metafields and locations documents load, validate, and name
// every operation.
func TestCustomersAndChannelsDocuments(t *testing.T) {
	for _, name := range []string{openapi.CustomersV3, openapi.ChannelsV3, openapi.PriceListsV3, openapi.MetafieldsV3, openapi.LocationsV3} {
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
