package openapi_test

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/openapi"
)

// TestCustAllOfProblemsNameTheirFields checks that a body failing a schema
// built with allOf (a shared base plus the operation's required fields) is
// reported field by field, as BigCommerce keys its 422 errors, not as one
// "doesn't match all schemas" problem on the array index.
func TestCustAllOfProblemsNameTheirFields(t *testing.T) {
	doc, err := openapi.Load("people.yaml", []byte(`openapi: 3.0.3
info: {title: people, version: "1"}
servers: [{url: "/api"}]
paths:
  /people:
    post:
      operationId: createPeople
      requestBody:
        required: true
        content:
          application/json:
            schema: {type: array, items: {$ref: "#/components/schemas/PersonCreate"}}
      responses: {"200": {description: ok}}
components:
  schemas:
    Person:
      type: object
      properties:
        email: {type: string, minLength: 3}
        age: {type: integer}
    PersonCreate:
      allOf:
        - $ref: "#/components/schemas/Person"
        - {type: object, required: [email, name]}
`))
	if err != nil {
		t.Fatal(err)
	}
	v := openapi.NewValidator(doc)
	tests := []struct {
		body string
		want []string // field=message
	}{
		{`[{"email":"x","name":"n"}]`, []string{"0.email=minimum string length is 3"}},
		{`[{"email":"ada@example.com"}]`, []string{"0.name=is required"}},
		{`[{"name":"n","age":"old"},{"email":"a@b.c","name":"m"}]`, []string{"0.age=value must be an integer", "0.email=is required"}},
		{`[{"email":"ada@example.com","name":"n"}]`, nil},
	}
	for _, tc := range tests {
		r := httptest.NewRequest("POST", "/api/people", strings.NewReader(tc.body))
		r.Header.Set("Content-Type", "application/json")
		m, err := v.Find(r)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		if err := m.ValidateRequest(r); err != nil {
			var re *openapi.RequestError
			if !errors.As(err, &re) {
				t.Fatalf("%s: error %T %v, want a RequestError", tc.body, err, err)
			}
			for _, p := range re.Problems {
				got = append(got, p.Field+"="+p.Message)
			}
		}
		if strings.Join(got, "|") != strings.Join(tc.want, "|") {
			t.Errorf("%s: problems %q, want %q", tc.body, got, tc.want)
		}
	}
}
