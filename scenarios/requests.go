package scenarios

import (
	"slices"
	"strconv"
	"strings"
)

// methods are the HTTP methods a request expectation may select.
var methods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

// request checks a condition on the app's requests.
func (c *checker) request(path string, x RequestExpectation) {
	c.storeRef(path+".store", x.Store, false)
	if x.Method != "" && !slices.Contains(methods, x.Method) {
		hint := didYouMean("", closest(x.Method, methods))
		if up := strings.ToUpper(x.Method); slices.Contains(methods, up) {
			hint = "write " + strconv.Quote(up)
		}
		c.add(path+".method", "method "+strconv.Quote(x.Method)+" is not "+oneOf(methods), hint)
	}
	c.requestPath(path+".path", x.Path)
	if strings.ContainsAny(x.Operation, "/ ") {
		hint := "an operationId is a name such as getWebhook"
		if strings.HasPrefix(x.Operation, "/") {
			hint = "select a path with path: " + x.Operation
		}
		c.add(path+".operation", "operation "+strconv.Quote(x.Operation)+" is not an operationId such as getWebhook", hint)
	}
	c.statusCondition(path+".status", x.Status)
	if x.Count != nil && *x.Count < 0 {
		c.add(path+".count", "count must be 0 or more, got "+strconv.Itoa(*x.Count), "")
	}
}

// requestPath checks a request expectation's path: below the store, no
// query, "*" only as a whole segment.
func (c *checker) requestPath(path, p string) {
	switch {
	case p == "":
	case strings.HasPrefix(p, "/stores/"):
		store, rest, _ := strings.Cut(strings.TrimPrefix(p, "/stores/"), "/")
		c.add(path, "path is the part below /stores/{store_hash}", "write path: /"+rest+" and store: "+store)
	case !strings.HasPrefix(p, "/"):
		c.add(path, "path "+strconv.Quote(p)+" does not start with /", "write "+strconv.Quote("/"+p))
	case strings.Contains(p, "?"):
		before, _, _ := strings.Cut(p, "?")
		c.add(path, "path "+strconv.Quote(p)+" has a query; requests are selected by path alone", "write "+strconv.Quote(before))
	default:
		for _, seg := range strings.Split(p, "/") {
			if seg != "*" && strings.Contains(seg, "*") {
				c.add(path, "in path "+strconv.Quote(p)+", \"*\" stands for a whole segment, not part of one", "write /v2/orders/* for any one order")
				return
			}
		}
	}
}

// String describes the requests x selects, e.g. "requests GET
// /v2/orders/100 in store abc123 answered 2xx".
func (x RequestExpectation) String() string {
	var b strings.Builder
	b.WriteString("requests")
	for _, part := range []struct{ before, value, after string }{
		{" ", x.Method, ""}, {" ", x.Path, ""}, {" (", x.Operation, ")"},
		{" in store ", x.Store, ""}, {" answered ", x.Status, ""},
	} {
		if part.value != "" {
			b.WriteString(part.before + part.value + part.after)
		}
	}
	if b.Len() == len("requests") {
		b.WriteString(" (all)")
	}
	return b.String()
}
