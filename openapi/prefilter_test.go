package openapi

import (
	"net/http/httptest"
	"testing"
)

// TestMayMatchSkipsOnlyDocumentsThatCannotMatch checks the first-segment
// prefilter Find runs before a document's router: it may skip a document
// only when none of its paths can match.
func TestMayMatchSkipsOnlyDocumentsThatCannotMatch(t *testing.T) {
	doc, err := Load("t.yaml", []byte(`openapi: 3.0.3
info: {title: t, version: "1"}
servers: [{url: "/stores/{store_hash}/v3", variables: {store_hash: {default: abc}}}]
paths:
  /carts/{cart_id}:
    parameters: [{name: cart_id, in: path, required: true, schema: {type: string}}]
    get: {operationId: getCart, responses: {"200": {description: ok}}}
  /checkouts/{cart_id}/orders:
    parameters: [{name: cart_id, in: path, required: true, schema: {type: string}}]
    post: {operationId: createOrder, responses: {"200": {description: ok}}}
`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		target string
		want   bool
	}{
		{"/stores/abc/v3/carts/1", true},
		{"/stores/abc/v3/checkouts/1/orders", true},
		{"/stores/abc/v3/catalog/products", false},
		{"/stores/abc/v3/hooks", false},
		{"/stores/abc/v3", true},            // no segment below the server: the router decides
		{"/stores/abc/v3/c%61rts/1", true},  // escaped: the router decides
		{"/stores/abc/v3/carts", true},      // the head matches, the router says no path
		{"/elsewhere/abc/v3/carts/1", true}, // another base: the router says no
		{"/stores/abc/v3/cartsx/1", false},
	}
	for _, tc := range tests {
		r := httptest.NewRequest("GET", tc.target, nil)
		if got := doc.mayMatch(r); got != tc.want {
			t.Errorf("mayMatch(%s) = %v, want %v", tc.target, got, tc.want)
		}
	}
	// A document whose first segment is a template is never filtered.
	open, err := Load("u.yaml", []byte(`openapi: 3.0.3
info: {title: u, version: "1"}
servers: [{url: /x}]
paths:
  "/{anything}":
    parameters: [{name: anything, in: path, required: true, schema: {type: string}}]
    get: {operationId: any, responses: {"200": {description: ok}}}
`))
	if err != nil {
		t.Fatal(err)
	}
	if !open.mayMatch(httptest.NewRequest("GET", "/x/whatever", nil)) {
		t.Error("a templated first segment was filtered")
	}
}
