package openapi_test

import (
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/openapi"
)

// TestNpmAllOfErrorsNameTheFields checks that a body failing an allOf
// (bcmock's documents write "the create schema + required fields" as one)
// is reported field by field, as BigCommerce's errors object is, and not
// as one "doesn't match all schemas from allOf" under "body", which no
// client can show its user (seen with every published npm client on
// POST /v3/catalog/products and POST /v3/customers).
func TestNpmAllOfErrorsNameTheFields(t *testing.T) {
	doc, err := openapi.Load("allof.yaml", []byte(`openapi: 3.0.3
info: {title: allof, version: "1"}
servers: [{url: "/api"}]
paths:
  /things:
    post:
      operationId: createThing
      requestBody:
        required: true
        content:
          application/json:
            schema:
              allOf:
                - $ref: "#/components/schemas/Thing"
                - {type: object, required: [name, price, type]}
      responses: {"200": {description: ok}}
  /batches:
    post:
      operationId: createBatch
      requestBody:
        required: true
        content:
          application/json:
            schema:
              type: array
              items:
                allOf:
                  - $ref: "#/components/schemas/Thing"
                  - {type: object, required: [name]}
      responses: {"200": {description: ok}}
components:
  schemas:
    Thing:
      type: object
      properties:
        name: {type: string}
        price: {type: number}
        type: {type: string, enum: [physical, digital]}
        size: {type: object, properties: {width: {type: number}}}
`))
	if err != nil {
		t.Fatal(err)
	}
	v := openapi.NewValidator(doc)
	tests := []struct {
		name, path, body string
		want             map[string]string
	}{
		{"missing fields", "/api/things", `{"name":"x"}`, map[string]string{"price": "is required", "type": "is required"}},
		{"wrong type and missing", "/api/things", `{"name":"x","price":"cheap","type":"physical"}`, map[string]string{"price": `value must be a number`}},
		{"nested", "/api/things", `{"name":"x","price":1,"type":"physical","size":{"width":"w"}}`, map[string]string{"size.width": "value must be a number"}},
		{"array element", "/api/batches", `[{"name":"a"},{"price":1}]`, map[string]string{"1.name": "is required"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", tc.path, strings.NewReader(tc.body))
			r.Header.Set("Content-Type", "application/json")
			m, err := v.Find(r)
			if err != nil {
				t.Fatal(err)
			}
			verr := m.ValidateRequest(r)
			re, ok := verr.(*openapi.RequestError)
			if !ok {
				t.Fatalf("ValidateRequest = %v, want a *RequestError", verr)
			}
			got := openapi.Fields(re.Problems)
			if len(got) != len(tc.want) {
				t.Fatalf("fields = %v, want %v", got, tc.want)
			}
			for k, want := range tc.want {
				if !strings.Contains(got[k], want) {
					t.Errorf("field %q = %q, want it to contain %q (all: %v)", k, got[k], want, got)
				}
			}
		})
	}
}
