// These tests lock the house rules of the carts, orders v3 and store v2
// documents: they load and validate, every operation has an operationId
// and a success answer, no header parameter is required (clients that
// omit Accept must work, reference §0.8), and every operation needs
// X-Auth-Token.
package openapi_test

import (
	"strings"
	"testing"

	"github.com/bcmock/bcmock/openapi"
)

func TestRestDocumentsOfCartsPaymentsAndStore(t *testing.T) {
	for _, name := range []string{openapi.CartsV3, openapi.OrdersV3, openapi.StoreV2} {
		t.Run(name, func(t *testing.T) {
			doc, err := openapi.LoadEmbedded(name)
			if err != nil {
				t.Fatal(err)
			}
			spec := doc.Spec()
			raw, err := openapi.Embedded(name) // loading drops security requirements; the gateway checks the token
			if err != nil {
				t.Fatal(err)
			}
			if !strings.Contains(string(raw), "\nsecurity:\n  - X-Auth-Token: []\n") || spec.Components.SecuritySchemes["X-Auth-Token"] == nil {
				t.Error("the document does not require X-Auth-Token")
			}
			ops := 0
			for path, item := range spec.Paths.Map() {
				for method, op := range item.Operations() {
					ops++
					where := method + " " + path
					if op.OperationID == "" {
						t.Errorf("%s has no operationId", where)
					}
					success := false
					for code := range op.Responses.Map() {
						success = success || strings.HasPrefix(code, "2")
					}
					if !success {
						t.Errorf("%s declares no success answer", where)
					}
					for _, p := range append(item.Parameters, op.Parameters...) {
						if p.Value.In == "header" && p.Value.Required {
							t.Errorf("%s requires header %s", where, p.Value.Name)
						}
					}
				}
			}
			if ops == 0 {
				t.Error("the document has no operations")
			}
		})
	}
}
