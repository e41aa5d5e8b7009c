// Package gateway is the one way into the mock: it matches a request to
// one operation of one API family, runs the checks BigCommerce's gateway
// makes, and calls the operation's handler from the family's table.
//
// A request is routed once. The family is chosen by its path prefix, the
// operation by the family's OpenAPI documents (kin-openapi's router, built
// on gorilla/mux), and the handler by the operation's operationId. The
// same match validates the request and, when asked, the response, so the
// answer is the same with or without response validation. Paths are never
// cleaned or redirected.
//
// The checks run in BigCommerce's order: X-Auth-Token (401, for families
// that need one, and for an account bound to other stores), the store's rate limit (429, for families that have
// one), the operation (501 for a method the family never uses, 404, 405
// with Allow), Accept (406), the
// body size (413), Content-Type (415), then the document (400 for
// malformed JSON, 422 listing every problem), and only then the handler.
//
// Adding an API family is one OpenAPI document and one Family value with
// its handler table.
//
// A few paths are not API operations: the inspector page's static files
// under /__bcmock/ui/ and the Prometheus metrics at /metrics. They are
// plain families (Family.Serve), claimed by their path prefix in the same
// ordered list as the API families, so even they are routed once, by
// familyOf, and counted by the same observer; they skip the API checks
// (token, OpenAPI operation, validation), which describe JSON operations.
package gateway

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/openapi"
)

// Handler serves one operation. The request has passed every gateway
// check; in carries what the gateway learnt.
type Handler func(w http.ResponseWriter, r *http.Request, in *Request)

// Request is what the gateway knows of a request it hands to a handler.
type Request struct {
	// Operation is the matched operationId.
	Operation string
	// Params are the path parameters, unescaped.
	Params map[string]string
	// Body is the JSON value validation decoded from the body; nil when
	// there was none.
	Body any
	// Account is the authenticated account; zero for families that need
	// no token.
	Account account.Account
	family  *Family
}

// Param returns the path parameter name, unescaped.
func (in *Request) Param(name string) string { return in.Params[name] }

// Object returns the body as a JSON object, or nil when it is not one.
func (in *Request) Object() map[string]any {
	obj, _ := in.Body.(map[string]any)
	return obj
}

// JSON answers v as JSON with status, with the family's writer.
func (in *Request) JSON(w http.ResponseWriter, status int, v any) { WriteJSON(w, status, v) }

// Error answers an error in the family's shape.
func (in *Request) Error(w http.ResponseWriter, e Error) { in.family.Errors(w, e) }

// Error is an error answer, before a family gives it its shape.
type Error struct {
	// Status is the HTTP status.
	Status int
	// Title says what went wrong.
	Title string
	// Detail explains it, where the family's shape has room for it.
	Detail string
	// Fields lists problems by request field; nil when there are none.
	Fields map[string]string
}

// ErrorWriter writes an Error in one family's shape.
type ErrorWriter func(w http.ResponseWriter, e Error)

// Authenticator finds the account of a request's token.
type Authenticator interface {
	Lookup(token string) (account.Account, bool)
}

// Family is one API family: the paths it claims, the documents that
// describe its operations, the handler of each operation, and the shape of
// its errors.
type Family struct {
	// Name names the family in logs ("v3", "v2", "control").
	Name string
	// Claims reports whether a path belongs to the family. The first
	// family that claims a path serves it.
	Claims func(path string) bool
	// Documents describe the family's operations.
	Documents *openapi.Validator
	// Handlers maps each operationId to its handler. An operation of the
	// documents without a handler (a user's --spec may have some) is a 404.
	Handlers map[string]Handler
	// Errors writes the family's error bodies.
	Errors ErrorWriter
	// Accounts authenticates X-Auth-Token; nil means no token is needed.
	Accounts Authenticator
	// Titles are the titles of the gateway's own errors.
	Titles Titles
	// Serve, when not nil, makes the family a plain one: a request it
	// claims goes to Serve as it is, after the loop guard, with none of
	// the API checks; Documents, Handlers, Accounts, Titles and RateLimit
	// are unused. The operation the observer hears is the family's name.
	Serve http.Handler
	// RateLimit, when not nil, counts every authenticated request against
	// its store's quota: the rate-limit headers go on every answer, and
	// past the quota the answer is 429. Nil means no limit and no headers.
	RateLimit *RateLimiter
}

// Titles are the words of the gateway's errors in one family.
type Titles struct {
	Unauthorized, NotFound, NotAllowed, NotImplemented, NotAcceptable, TooLarge, Unsupported, Malformed, Invalid, TooManyRequests string
}

// Recorder is told of each request of the families it records, after the
// answer was written (a handler that panicked is not recorded).
type Recorder interface {
	Record(r *http.Request, x Exchange)
}

// Exchange is what the gateway knows of an answered request.
type Exchange struct {
	// Family names the request's family.
	Family string
	// Operation is the matched operationId; "" when none matched.
	Operation string
	// Account is the authenticated account; zero when the token was
	// refused or the family needs none.
	Account account.Account
	// Status is the answer's HTTP status.
	Status int
}

// Gateway is the http.Handler over every family. Create it with New.
type Gateway struct {
	recorder          Recorder
	recorded          []string // the families recorder is told of
	families          []*Family
	loopHeader        string // a request carrying loopValue in it is the mock's own callback
	loopValue         string
	maxBody           int64
	validateResponses bool
	logger            *slog.Logger
	observer          Observer // nil: nobody counts requests
}

// Observer hears every request the gateway answers. It is called
// synchronously once the answer is written, so it must be fast and must
// not block; the mock's metrics implement it.
type Observer interface {
	// Request: a request of family was answered status. operation is the
	// matched operationId, the family's name for a plain family, or ""
	// when the request matched no operation (401, 404, 405, 429…).
	Request(family, operation string, status int)
	// RateLimited: a request of family was refused with 429 because its
	// store's quota was spent.
	RateLimited(family string)
}

// WithObserver makes the gateway report every request to o.
func WithObserver(o Observer) Option { return func(g *Gateway) { g.observer = o } }

// Option configures a Gateway.
type Option func(*Gateway)

// WithMaxBodyBytes sets the largest request body accepted (413 above it).
func WithMaxBodyBytes(n int64) Option { return func(g *Gateway) { g.maxBody = n } }

// WithResponseValidation checks every response against its operation
// before it is sent; a violation is logged and answered 500.
func WithResponseValidation() Option { return func(g *Gateway) { g.validateResponses = true } }

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(g *Gateway) { g.logger = l } }

// WithLoopGuard refuses, with 508 Loop Detected, every request whose
// header name holds value: the mock's own callbacks, which its delivery
// engine marks so, come back to it when a hook's destination is an alias
// of the mock's address. Nothing they carry is acted on.
func WithLoopGuard(name, value string) Option {
	return func(g *Gateway) { g.loopHeader, g.loopValue = name, value }
}

// WithRecorder tells rec of every request of the named families, once it
// is answered: its operation, account and status.
func WithRecorder(rec Recorder, families ...string) Option {
	return func(g *Gateway) { g.recorder, g.recorded = rec, families }
}

// DefaultMaxBodyBytes is the body cap without WithMaxBodyBytes.
const DefaultMaxBodyBytes = 1 << 20

// New returns a gateway over families, tried in order; the last one
// serves every path no other claims.
func New(families []*Family, opts ...Option) *Gateway {
	g := &Gateway{families: families, maxBody: DefaultMaxBodyBytes, logger: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(g)
	}
	return g
}

var _ http.Handler = (*Gateway)(nil)

// familyOf returns the family that serves path.
func (g *Gateway) familyOf(path string) *Family {
	for _, f := range g.families {
		if f.Claims == nil || f.Claims(path) {
			return f
		}
	}
	return g.families[len(g.families)-1]
}

// ServeHTTP routes the request once and runs the checks, then the handler.
func (g *Gateway) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f := g.familyOf(r.URL.EscapedPath())
	in := &Request{family: f}
	record := g.recorder != nil && slices.Contains(g.recorded, f.Name)
	if g.observer == nil && !record {
		g.serve(w, r, f, in)
		return
	}
	sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
	g.serve(sw, r, f, in)
	if f.Serve != nil {
		in.Operation = f.Name
	}
	if g.observer != nil {
		g.observer.Request(f.Name, in.Operation, sw.status)
	}
	if record {
		g.recorder.Record(r, Exchange{Family: f.Name, Operation: in.Operation, Account: in.Account, Status: sw.status})
	}
}

// statusWriter remembers the status of an answer for the observer and
// the recorder.
type statusWriter struct {
	http.ResponseWriter
	status int
	wrote  bool
}

func (w *statusWriter) WriteHeader(status int) {
	if !w.wrote {
		w.status, w.wrote = status, true
	}
	w.ResponseWriter.WriteHeader(status)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	w.wrote = true
	return w.ResponseWriter.Write(b)
}

// Unwrap gives http.ResponseController the writer underneath.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// serve answers a request of family f.
func (g *Gateway) serve(w http.ResponseWriter, r *http.Request, f *Family, in *Request) {
	if g.loopValue != "" && r.Header.Get(g.loopHeader) == g.loopValue {
		g.logger.Warn("refused a callback the mock sent to itself", "method", r.Method, "path", r.URL.Path, "host", r.Host)
		f.Errors(w, Error{Status: http.StatusLoopDetected, Title: "bcmock refused a callback it sent to itself", Detail: "a hook's destination reaches this mock (an alias of its address): deliveries must go to your app"})
		return
	}
	if f.Serve != nil {
		f.Serve.ServeHTTP(w, r)
		return
	}
	if f.Accounts != nil {
		acct, ok := f.Accounts.Lookup(r.Header.Get("X-Auth-Token"))
		if !ok || !acct.Allows(storeOf(r.URL.EscapedPath())) {
			f.Errors(w, Error{Status: http.StatusUnauthorized, Title: f.Titles.Unauthorized})
			return
		}
		in.Account = acct
	}
	if !g.limit(w, r, f) {
		return
	}
	match, handler, ok := g.route(w, r, f, in)
	if !ok {
		return
	}
	if !g.check(w, r, f, match, in) {
		return
	}
	if !g.validateResponses {
		handler(w, r, in)
		return
	}
	g.serveValidated(w, r, match, handler, in)
}

// route finds the operation and its handler, answering 501 for a method no
// operation of the family uses (PATCH, TRACE: the status-codes page's "not
// supported by the API"), 405 with Allow for a method the family uses but
// the path does not allow, and 404 for a path it does not have.
func (g *Gateway) route(w http.ResponseWriter, r *http.Request, f *Family, in *Request) (*openapi.Match, Handler, bool) {
	if !f.Documents.Uses(r.Method) {
		f.Errors(w, Error{Status: http.StatusNotImplemented, Title: f.Titles.NotImplemented, Detail: r.Method + " is used by no operation of this API"})
		return nil, nil, false
	}
	match, err := f.Documents.Find(r)
	switch {
	case errors.Is(err, openapi.ErrMethodNotAllowed):
		w.Header().Set("Allow", strings.Join(f.Documents.Methods(r), ", "))
		f.Errors(w, Error{Status: http.StatusMethodNotAllowed, Title: f.Titles.NotAllowed, Detail: r.Method + " " + r.URL.Path})
		return nil, nil, false
	case err != nil:
		f.Errors(w, Error{Status: http.StatusNotFound, Title: f.Titles.NotFound, Detail: r.URL.Path})
		return nil, nil, false
	}
	params, ok := unescape(match.Params())
	handler := f.Handlers[match.OperationID()]
	if !ok || handler == nil {
		f.Errors(w, Error{Status: http.StatusNotFound, Title: f.Titles.NotFound, Detail: r.URL.Path})
		return nil, nil, false
	}
	in.Operation, in.Params = match.OperationID(), params
	return match, handler, true
}

// unescape decodes the path parameters the router matched on the escaped
// path. A store hash must be a store hash: "..", "a/b" and the like name
// no store, so they are not found rather than cleaned.
// The router's map is the match's own, so it is unescaped in place.
func unescape(params map[string]string) (map[string]string, bool) {
	for k, v := range params {
		if strings.IndexByte(v, '%') >= 0 {
			u, err := url.PathUnescape(v)
			if err != nil {
				return nil, false
			}
			params[k], v = u, u
		}
		if k == "store_hash" && !bigcommerce.ValidStoreHash(v) {
			return nil, false
		}
	}
	return params, true
}

// check runs the checks after routing: Accept, body size, Content-Type and
// the document. It reports whether the request may go on.
func (g *Gateway) check(w http.ResponseWriter, r *http.Request, f *Family, match *openapi.Match, in *Request) bool {
	if produces := match.MediaTypes(); !accepts(r.Header.Get("Accept"), produces) {
		f.Errors(w, Error{Status: http.StatusNotAcceptable, Title: f.Titles.NotAcceptable, Detail: "this operation answers " + strings.Join(produces, ", ")})
		return false
	}
	if e, ok := g.readBody(r, f); !ok {
		f.Errors(w, e)
		return false
	}
	if err := match.ValidateRequest(r); err != nil {
		f.Errors(w, invalid(f, err))
		return false
	}
	in.Body, _ = openapi.BodyValue(r)
	return true
}

// invalid turns a validation failure into the family's 400 or 422.
func invalid(f *Family, err error) Error {
	var re *openapi.RequestError
	if !errors.As(err, &re) {
		return Error{Status: http.StatusUnprocessableEntity, Title: f.Titles.Invalid, Fields: map[string]string{"request": err.Error()}}
	}
	if re.Malformed { // BigCommerce's 400 is error_Full: no errors object
		return Error{Status: http.StatusBadRequest, Title: f.Titles.Malformed, Detail: re.Error()}
	}
	return Error{Status: http.StatusUnprocessableEntity, Title: f.Titles.Invalid, Fields: openapi.Fields(re.Problems)}
}

// readBody buffers the body (so validation and the handler can both read
// it) and checks its size, its Content-Type (one rule for every family:
// application/json, parameters well formed) and its encoding. It returns
// the error to answer when the request must be refused.
func (g *Gateway) readBody(r *http.Request, f *Family) (Error, bool) {
	if r.Body == nil || r.Method == http.MethodGet || r.Method == http.MethodDelete || r.Method == http.MethodHead {
		return Error{}, true
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, g.maxBody+1))
	_ = r.Body.Close()
	if err != nil {
		return Error{Status: http.StatusBadRequest, Title: f.Titles.Malformed}, false
	}
	if int64(len(body)) > g.maxBody {
		return Error{Status: http.StatusRequestEntityTooLarge, Title: f.Titles.TooLarge, Detail: fmt.Sprintf("the body is over %d bytes", g.maxBody)}, false
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	ct := r.Header.Get("Content-Type")
	if ct == "" && len(body) == 0 {
		return Error{}, true
	}
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
		return Error{Status: http.StatusUnsupportedMediaType, Title: f.Titles.Unsupported}, false
	}
	if !utf8.Valid(body) {
		// encoding/json would turn the bad bytes into U+FFFD and store
		// the changed text; JSON must be UTF-8 (RFC 8259).
		return Error{Status: http.StatusUnprocessableEntity, Title: f.Titles.Invalid, Fields: map[string]string{"body": "is not valid UTF-8"}}, false
	}
	return Error{}, true
}

// accepts reports whether an Accept header admits one of the media types
// an operation answers with (produces; none means JSON, as every error
// answer is). No header admits everything; a "+json" type admits JSON.
func accepts(accept string, produces []string) bool {
	if strings.TrimSpace(accept) == "" {
		return true
	}
	if len(produces) == 0 {
		produces = []string{"application/json"}
	}
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		if q, ok := params["q"]; ok && strings.TrimLeft(q, "0.") == "" {
			continue // q=0 refuses the type
		}
		for _, p := range produces {
			major, _, _ := strings.Cut(p, "/")
			switch {
			case mt == "*/*", mt == major+"/*", mt == p, p == "application/json" && strings.HasSuffix(mt, "+json"):
				return true
			}
		}
	}
	return false
}

// serveValidated buffers the handler's response and checks it against the
// matched operation before sending it.
func (g *Gateway) serveValidated(w http.ResponseWriter, r *http.Request, match *openapi.Match, handler Handler, in *Request) {
	rec := &recorder{header: http.Header{}, status: http.StatusOK}
	probe := r.Clone(r.Context())
	handler(rec, r, in)
	if rec.status < 500 {
		if problems := match.ValidateResponse(probe, rec.status, rec.header, rec.body.Bytes()); len(problems) > 0 {
			g.logger.Error("response violates the OpenAPI document", "method", r.Method, "path", r.URL.Path, "status", rec.status, "problems", fmt.Sprint(problems))
			WriteInternal(w, "bcmock's response violates its OpenAPI document", openapi.Fields(problems))
			return
		}
	}
	for k, v := range rec.header {
		w.Header()[k] = v
	}
	w.WriteHeader(rec.status)
	_, _ = w.Write(rec.body.Bytes())
}

// recorder captures a response for validation.
type recorder struct {
	header http.Header
	status int
	wrote  bool
	body   bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(status int) {
	if !r.wrote {
		r.status, r.wrote = status, true
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	r.wrote = true
	return r.body.Write(b)
}
