package openapi_test

import (
	"slices"
	"testing"

	"github.com/bcmock/bcmock/openapi"
)

// TestCatalogV3Loads loads the catalog document (Load runs kin-openapi's
// document validation) and checks it is served in the v3 family.
func TestCatalogV3Loads(t *testing.T) {
	doc, err := openapi.LoadEmbedded(openapi.CatalogV3)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Spec().Paths.Find("/catalog/products/{product_id}") == nil {
		t.Error("no /catalog/products/{product_id}")
	}
	if !slices.Contains(openapi.RestV3, openapi.CatalogV3) {
		t.Error("the catalog document is not in RestV3")
	}
}
