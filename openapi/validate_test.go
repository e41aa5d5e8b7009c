package openapi_test

import (
	"testing"

	"github.com/bcmock/bcmock/openapi"
)

// TestUsesIsFamilyWide checks that a method is known when any operation of
// any document uses it, so a document joining a family makes its methods
// known on every path of the family.
func TestUsesIsFamilyWide(t *testing.T) {
	hooks, err := openapi.Load("hooks.yaml", []byte(`openapi: 3.0.3
info: {title: hooks, version: "1"}
servers: [{url: "/api"}]
paths:
  /hooks:
    get: {operationId: list, responses: {"200": {description: ok}}}
`))
	if err != nil {
		t.Fatal(err)
	}
	orders, err := openapi.Load("orders.yaml", []byte(`openapi: 3.0.3
info: {title: orders, version: "1"}
servers: [{url: "/api"}]
paths:
  /orders/{id}:
    parameters: [{name: id, in: path, required: true, schema: {type: integer}}]
    patch: {operationId: patchOrder, responses: {"200": {description: ok}}}
`))
	if err != nil {
		t.Fatal(err)
	}
	alone, joined := openapi.NewValidator(hooks), openapi.NewValidator(hooks).With(orders)
	tests := []struct {
		method      string
		alone, with bool
	}{
		{"GET", true, true},
		{"HEAD", true, true}, // wherever GET is
		{"PATCH", false, true},
		{"TRACE", false, false},
		{"POST", false, false},
	}
	for _, tc := range tests {
		if got := alone.Uses(tc.method); got != tc.alone {
			t.Errorf("hooks alone: Uses(%s) = %v, want %v", tc.method, got, tc.alone)
		}
		if got := joined.Uses(tc.method); got != tc.with {
			t.Errorf("hooks with orders: Uses(%s) = %v, want %v", tc.method, got, tc.with)
		}
	}
}
