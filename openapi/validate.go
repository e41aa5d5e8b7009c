package openapi

import (
	"bytes"
	"context"
	"errors"
	"io"
	"net/http"
	"sort"
	"strings"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// Routing errors returned by Validator.Find.
var (
	// ErrNoRoute means no loaded document describes the request's path.
	ErrNoRoute = errors.New("no operation for this path")
	// ErrMethodNotAllowed means the path exists but not with this method.
	ErrMethodNotAllowed = errors.New("method not allowed for this path")
)

// Problem is one readable validation failure: the field it concerns (a
// dotted path such as "headers.X-Foo", a parameter name, or "body") and
// what is wrong with it ("value must be a string").
type Problem struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// String renders the problem as "field: message".
func (p Problem) String() string { return p.Field + ": " + p.Message }

// RequestError is a request that does not satisfy its operation.
// Malformed is true when the body is not parseable JSON at all (BigCommerce
// answers 400); otherwise the problems are schema violations (422).
type RequestError struct {
	Malformed bool
	Problems  []Problem
}

func (e *RequestError) Error() string {
	parts := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		parts[i] = p.String()
	}
	return "invalid request: " + strings.Join(parts, "; ")
}

// Validator routes requests to operations of one or more documents and
// validates requests and responses against them. It is safe for concurrent use.
type Validator struct {
	docs    []*Document
	methods map[string]bool // every method an operation of docs uses
}

// NewValidator returns a validator over docs, tried in order.
func NewValidator(docs ...*Document) *Validator {
	v := &Validator{docs: docs, methods: map[string]bool{}}
	for _, d := range docs {
		for _, item := range d.spec.Paths.Map() {
			for m := range item.Operations() {
				v.methods[m] = true
			}
		}
	}
	return v
}

// With returns a validator over v's documents followed by docs.
func (v *Validator) With(docs ...*Document) *Validator {
	return NewValidator(append(append([]*Document(nil), v.docs...), docs...)...)
}

// Uses reports whether some operation of the documents, on any path, uses
// method (HEAD counts as used wherever GET is). A method no operation uses
// is one the API does not implement at all, as opposed to one a path does
// not allow.
func (v *Validator) Uses(method string) bool {
	if method == http.MethodHead {
		method = http.MethodGet
	}
	return v.methods[method]
}

// Match is a request routed to one operation.
type Match struct {
	route  *routers.Route
	params map[string]string
}

// OperationID returns the matched operation's operationId.
func (m *Match) OperationID() string { return m.route.Operation.OperationID }

// Params returns the path parameters as matched on the escaped path, so
// "%2F" in a parameter is still "%2F". Callers unescape them.
func (m *Match) Params() map[string]string { return m.params }

// MediaTypes returns the media types of the matched operation's success
// (2xx) answers, sorted, for the gateway's Accept check; nil when they
// declare no content.
func (m *Match) MediaTypes() []string {
	var out []string
	for code, resp := range m.route.Operation.Responses.Map() {
		if !strings.HasPrefix(code, "2") || resp.Value == nil {
			continue
		}
		for mt := range resp.Value.Content {
			out = append(out, mt)
		}
	}
	sort.Strings(out)
	return out
}

// Find routes r to an operation. It returns ErrMethodNotAllowed when some
// document has the path but not the method, and ErrNoRoute when none has it.
func (v *Validator) Find(r *http.Request) (*Match, error) {
	notAllowed := false
	for _, d := range v.docs {
		if !d.mayMatch(r) {
			continue
		}
		route, params, err := d.router.FindRoute(r)
		switch {
		case err == nil:
			return &Match{route: route, params: params}, nil
		case errors.Is(err, routers.ErrMethodNotAllowed):
			notAllowed = true
		}
	}
	if notAllowed {
		return nil, ErrMethodNotAllowed
	}
	return nil, ErrNoRoute
}

// Methods returns the methods the documents allow on r's path, for an
// Allow header. It returns nil when no document has the path.
func (v *Validator) Methods(r *http.Request) []string {
	var allowed []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodDelete, http.MethodPatch} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, err := v.Find(probe); err == nil {
			allowed = append(allowed, m)
		}
	}
	return allowed
}

// options are kin-openapi's validation options, shared by every call:
// openapi3filter only reads them.
var options = &openapi3filter.Options{
	MultiError:            true,
	AuthenticationFunc:    openapi3filter.NoopAuthenticationFunc,
	IncludeResponseStatus: true,
	SkipSettingDefaults:   true,
	KeepValidatedValue:    true,
}

// ValidateRequest checks r's parameters and body against the matched
// operation. The body is read and replaced, so handlers can still read it;
// the replacement also offers the decoded JSON value (see BodyValue), so a
// handler need not parse it twice. It returns nil or a *RequestError.
func (m *Match) ValidateRequest(r *http.Request) error {
	input := &openapi3filter.RequestValidationInput{
		Request:    r,
		PathParams: m.params,
		Route:      m.route,
		Options:    options,
	}
	err := openapi3filter.ValidateRequest(r.Context(), input)
	if err == nil {
		return nil
	}
	return toRequestError(err)
}

// ValidateResponse checks a response the mock is about to send against the
// matched operation: its status must be declared and its body must fit.
func (m *Match) ValidateResponse(r *http.Request, status int, header http.Header, body []byte) []Problem {
	input := &openapi3filter.ResponseValidationInput{
		RequestValidationInput: &openapi3filter.RequestValidationInput{
			Request:    r,
			PathParams: m.params,
			Route:      m.route,
			Options:    options,
		},
		Status:  status,
		Header:  header,
		Body:    io.NopCloser(bytes.NewReader(body)),
		Options: options,
	}
	err := openapi3filter.ValidateResponse(context.Background(), input)
	if err == nil {
		return nil
	}
	var problems []Problem
	for _, e := range flatten(err) {
		var re *openapi3filter.ResponseError
		if errors.As(e, &re) && re.Err != nil {
			problems = append(problems, schemaProblems("response", re.Err)...)
			continue
		}
		problems = append(problems, Problem{Field: "response", Message: e.Error()})
	}
	return sortProblems(problems)
}

func toRequestError(err error) error {
	out := &RequestError{}
	for _, e := range flatten(err) {
		var re *openapi3filter.RequestError
		if !errors.As(e, &re) {
			out.Problems = append(out.Problems, Problem{Field: "request", Message: e.Error()})
			continue
		}
		field := "body"
		if re.Parameter != nil {
			field = re.Parameter.Name
		}
		var pe *openapi3filter.ParseError
		switch {
		case re.Parameter != nil && errors.As(re.Err, &pe):
			out.Problems = append(out.Problems, Problem{Field: field, Message: "value must be " + paramType(re.Parameter)})
		case re.Parameter == nil && errors.As(re.Err, &pe):
			out.Malformed = true
			out.Problems = append(out.Problems, Problem{Field: "body", Message: "malformed JSON: " + parseReason(pe)})
		case errors.Is(re.Err, openapi3filter.ErrInvalidRequired):
			out.Problems = append(out.Problems, Problem{Field: field, Message: "is required"})
		case re.Err != nil:
			out.Problems = append(out.Problems, schemaProblems(fieldPrefix(re), re.Err)...)
		default:
			out.Problems = append(out.Problems, Problem{Field: field, Message: re.Reason})
		}
	}
	out.Problems = sortProblems(out.Problems)
	return out
}

func fieldPrefix(re *openapi3filter.RequestError) string {
	if re.Parameter != nil {
		return re.Parameter.Name
	}
	return ""
}

// paramType names a parameter's expected type for messages ("an integer").
func paramType(p *openapi3.Parameter) string {
	if p.Schema == nil || p.Schema.Value == nil || p.Schema.Value.Type == nil {
		return "valid"
	}
	switch {
	case p.Schema.Value.Type.Is("integer"):
		return "an integer"
	case p.Schema.Value.Type.Is("boolean"):
		return "a boolean (true or false)"
	case p.Schema.Value.Type.Is("number"):
		return "a number"
	}
	return "valid"
}

func parseReason(pe *openapi3filter.ParseError) string {
	for cur := error(pe); cur != nil; {
		var inner *openapi3filter.ParseError
		if errors.As(cur, &inner) && inner.Cause != nil {
			cur = inner.Cause
			continue
		}
		return cur.Error()
	}
	return pe.Error()
}

// schemaProblems turns schema errors under prefix into readable problems.
func schemaProblems(prefix string, err error) []Problem {
	var problems []Problem
	for _, e := range flatten(err) {
		var se *openapi3.SchemaError
		if !errors.As(e, &se) {
			var pe *openapi3filter.ParseError
			if errors.As(e, &pe) {
				problems = append(problems, Problem{Field: orDefault(prefix, "body"), Message: parseReason(pe)})
				continue
			}
			problems = append(problems, Problem{Field: orDefault(prefix, "body"), Message: e.Error()})
			continue
		}
		// An allOf failure's own reason names no field; the failures of its
		// parts (already carrying the full path) do, as BigCommerce keys them.
		var parts openapi3.MultiError
		if se.SchemaField == "allOf" && errors.As(se.Origin, &parts) {
			problems = append(problems, schemaProblems(prefix, parts)...)
			continue
		}
		problems = append(problems, schemaProblem(prefix, se))
	}
	return problems
}

func schemaProblem(prefix string, se *openapi3.SchemaError) Problem {
	path := se.JSONPointer()
	reason := se.Reason
	// A missing required property names the property in its reason; make
	// the property the field, as BigCommerce's errors object does.
	if se.SchemaField == "required" {
		if name, ok := quoted(reason); ok {
			if len(path) == 0 || path[len(path)-1] != name {
				path = append(path, name)
			}
			reason = "is required"
		}
	}
	field := strings.Join(path, ".")
	switch {
	case prefix != "" && field != "":
		field = prefix + "." + field
	case prefix != "":
		field = prefix
	case field == "":
		field = "body"
	}
	return Problem{Field: field, Message: reason}
}

func quoted(s string) (string, bool) {
	start := strings.IndexByte(s, '"')
	end := strings.LastIndexByte(s, '"')
	if start < 0 || end <= start {
		return "", false
	}
	return s[start+1 : end], true
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// flatten expands kin-openapi's MultiError trees into a flat list, keeping
// each schema error wrapped in the RequestError or ResponseError that says
// which parameter or body it concerns.
func flatten(err error) []error {
	switch e := err.(type) {
	case openapi3.MultiError:
		var out []error
		for _, inner := range e {
			out = append(out, flatten(inner)...)
		}
		return out
	case *openapi3filter.RequestError:
		return spread(e.Err, err, func(one error) error { c := *e; c.Err = one; return &c })
	case *openapi3filter.ResponseError:
		return spread(e.Err, err, func(one error) error { c := *e; c.Err = one; return &c })
	}
	return []error{err}
}

// spread flattens a wrapper whose inner error is a MultiError into one
// wrapper per inner error; any other wrapper stays whole.
func spread(inner, whole error, rewrap func(error) error) []error {
	me, ok := inner.(openapi3.MultiError)
	if !ok {
		return []error{whole}
	}
	var out []error
	for _, one := range me {
		out = append(out, flatten(rewrap(one))...)
	}
	return out
}

func sortProblems(ps []Problem) []Problem {
	seen := map[Problem]bool{}
	out := ps[:0]
	for _, p := range ps {
		if !seen[p] {
			seen[p] = true
			out = append(out, p)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Field < out[j].Field })
	return out
}

// Fields renders problems as BigCommerce's errors object: field → message.
// Two problems on one field are joined with "; ".
func Fields(ps []Problem) map[string]string {
	out := make(map[string]string, len(ps))
	for _, p := range ps {
		if prev, ok := out[p.Field]; ok {
			out[p.Field] = prev + "; " + p.Message
			continue
		}
		out[p.Field] = p.Message
	}
	return out
}

var _ error = (*RequestError)(nil)

// BodyValue returns the JSON value ValidateRequest decoded from r's body,
// if it did.
func BodyValue(r *http.Request) (any, bool) {
	v, ok := r.Body.(interface{ ValidatedValue() any })
	if !ok {
		return nil, false
	}
	return v.ValidatedValue(), true
}
