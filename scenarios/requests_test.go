package scenarios_test

import (
	"strings"
	"testing"

	"github.com/bcmock/bcmock/scenarios"
)

// requestCases lock the problems of conditions on the app's requests, one
// per file, as problemCases do.
var requestCases = []struct{ name, src, want string }{
	{"unknown key", withApp + "steps: [{expect: {requests: [{methd: GET}]}}]\n",
		`t.yaml:5:31: steps[0].expect.requests[0]: unknown key "methd"; did you mean "method"?`},
	{"method lower case", withApp + "steps: [{expect: {requests: [{method: get}]}}]\n",
		`t.yaml:5:39: steps[0].expect.requests[0].method: method "get" is not "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD" or "OPTIONS"; write "GET"`},
	{"method misspelt", withApp + "steps: [{expect: {requests: [{method: DELET}]}}]\n",
		`t.yaml:5:39: steps[0].expect.requests[0].method: method "DELET" is not "GET", "POST", "PUT", "PATCH", "DELETE", "HEAD" or "OPTIONS"; did you mean "DELETE"?`},
	{"path with the store", withApp + "steps: [{expect: {requests: [{path: /stores/s1/v2/orders/100}]}}]\n",
		`t.yaml:5:37: steps[0].expect.requests[0].path: path is the part below /stores/{store_hash}; write path: /v2/orders/100 and store: s1`},
	{"path without slash", withApp + "steps: [{expect: {requests: [{path: v2/orders/100}]}}]\n",
		`t.yaml:5:37: steps[0].expect.requests[0].path: path "v2/orders/100" does not start with /; write "/v2/orders/100"`},
	{"path with a query", withApp + "steps: [{expect: {requests: [{path: \"/v2/orders?status_id=11\"}]}}]\n",
		`t.yaml:5:37: steps[0].expect.requests[0].path: path "/v2/orders?status_id=11" has a query; requests are selected by path alone; write "/v2/orders"`},
	{"path wildcard inside a segment", withApp + "steps: [{expect: {requests: [{path: /v2/orders/1*}]}}]\n",
		`t.yaml:5:37: steps[0].expect.requests[0].path: in path "/v2/orders/1*", "*" stands for a whole segment, not part of one; write /v2/orders/* for any one order`},
	{"operation is a path", withApp + "steps: [{expect: {requests: [{operation: /v2/orders}]}}]\n",
		`t.yaml:5:42: steps[0].expect.requests[0].operation: operation "/v2/orders" is not an operationId such as getWebhook; select a path with path: /v2/orders`},
	{"status", withApp + "steps: [{expect: {requests: [{status: 2XX}]}}]\n",
		`t.yaml:5:39: steps[0].expect.requests[0].status: "2XX" is not a status (100 to 599) or a class (1xx to 5xx); write "2xx"`},
	{"count negative", withApp + "steps: [{expect: {requests: [{path: /v3/hooks, count: -1}]}}]\n",
		`t.yaml:5:55: steps[0].expect.requests[0].count: count must be 0 or more, got -1`},
	{"store unknown", withApp + "steps: [{expect: {requests: [{store: s2}]}}]\n",
		`t.yaml:5:38: steps[0].expect.requests[0].store: unknown store "s2"; did you mean store "s1"?`},
}

func TestRequestProblemMessages(t *testing.T) {
	for _, tt := range requestCases {
		t.Run(tt.name, func(t *testing.T) {
			got := problemLines(t, tt.src)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

func TestRequestExpectationDecodes(t *testing.T) {
	src := withApp + `steps:
  - wait:
      until:
        requests: [{operation: getWebhook, status: 2xx}]
  - expect:
      requests:
        - {method: GET, path: /v2/orders/100, count: 1}
        - {store: s1, path: "/v3/hooks/*", status: 404, count: 0}
`
	s, err := scenarios.Parse("t.yaml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	one, zero := 1, 0
	want := []scenarios.RequestExpectation{
		{Method: "GET", Path: "/v2/orders/100", Count: &one},
		{Store: "s1", Path: "/v3/hooks/*", Status: "404", Count: &zero},
	}
	got := s.Steps[1].Expect.Requests
	if len(got) != len(want) {
		t.Fatalf("requests = %+v", got)
	}
	for i := range want {
		g, w := got[i], want[i]
		if g.Store != w.Store || g.Method != w.Method || g.Path != w.Path || g.Status != w.Status || *g.Count != *w.Count {
			t.Errorf("requests[%d] = %+v, want %+v", i, g, w)
		}
	}
	if w := s.Steps[0].Wait.Until.Requests; len(w) != 1 || w[0].Operation != "getWebhook" || w[0].Count != nil {
		t.Errorf("wait until requests = %+v", w)
	}
	out, err := scenarios.Encode(s)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(out), "path: /v2/orders/100") || !strings.Contains(string(out), "status: \"404\"") {
		t.Errorf("canonical form lost the requests:\n%s", out)
	}
}
