// Package api serves BigCommerce's webhooks management API at BigCommerce's
// own paths, /stores/{store_hash}/v3/hooks[...] and /stores/{store_hash}/v2/hooks[...].
//
// Every request goes through the same checks BigCommerce's gateway makes,
// in this order: X-Auth-Token (401), the route (404, 405), Accept (406), the
// body size (413), Content-Type (415), then the OpenAPI document (400 for
// malformed JSON, 422 listing every problem), and only then a handler.
package api

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"mime"
	"net/http"
	"regexp"
	"strings"

	"github.com/gorilla/mux"

	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/store"
	"github.com/bcmock/bcmock/openapi"
)

// Defaults for list paging and bodies. BigCommerce documents neither a
// default nor a maximum limit for GET /hooks; these follow its other v3
// APIs (50 and 250).
const (
	DefaultLimit        = 50
	MaxLimit            = 250
	DefaultMaxBodyBytes = 1 << 20
)

// WarningHeader carries bcmock's notes on a response, such as a destination
// that production BigCommerce would refuse.
const WarningHeader = "X-Bcmock-Warning"

// Blocklist tells which destination domains are blocked for an account;
// the delivery engine implements it. A nil Blocklist means none are.
type Blocklist interface {
	BlockedDomains(storeHash, clientID string) []BlockedDomain
}

// API is the http.Handler for BigCommerce's paths. Create it with New.
type API struct {
	store     *store.Store
	accounts  *account.Registry
	validator *openapi.Validator
	router    *mux.Router
	logger    *slog.Logger
	strict    bool
	maxBody   int64
	blocklist Blocklist
	onChange  func(storeHash string)
}

// Option configures an API.
type Option func(*API)

// WithLogger sets the logger (default: discard).
func WithLogger(l *slog.Logger) Option { return func(a *API) { a.logger = l } }

// WithStrictDestinations enforces BigCommerce's destination rule (https on
// port 443) with a 422 instead of a warning.
func WithStrictDestinations() Option { return func(a *API) { a.strict = true } }

// WithMaxBodyBytes sets the largest request body accepted (413 above it).
func WithMaxBodyBytes(n int64) Option { return func(a *API) { a.maxBody = n } }

// WithBlocklist supplies /hooks/admin's blocked_domains.
func WithBlocklist(b Blocklist) Option { return func(a *API) { a.blocklist = b } }

// WithOnChange registers a function called after a hook of storeHash is
// created, changed or deleted (the delivery engine uses it to wake up).
func WithOnChange(f func(storeHash string)) Option { return func(a *API) { a.onChange = f } }

// New returns the API over st, authenticating with accounts and validating
// with v (which must describe the v3 and v2 webhooks paths).
func New(st *store.Store, accounts *account.Registry, v *openapi.Validator, opts ...Option) *API {
	a := &API{
		store: st, accounts: accounts, validator: v,
		logger:  slog.New(slog.DiscardHandler),
		maxBody: DefaultMaxBodyBytes,
	}
	for _, o := range opts {
		o(a)
	}
	a.router = a.routes()
	return a
}

var _ http.Handler = (*API)(nil)

var versionPath = regexp.MustCompile(`^/stores/[^/]+/v2(/|$)`)

type ctxKey int

const accountKey ctxKey = 0

// accountOf returns the authenticated account of a request.
func accountOf(r *http.Request) account.Account {
	a, _ := r.Context().Value(accountKey).(account.Account)
	return a
}

// ServeHTTP runs the gateway checks, then the handler.
func (a *API) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	ver := v3
	if versionPath.MatchString(r.URL.Path) {
		ver = v2
	}
	acct, ok := a.accounts.Lookup(r.Header.Get("X-Auth-Token"))
	if !ok {
		writeError(w, ver, http.StatusUnauthorized, titleUnauthorized, nil)
		return
	}
	match, err := a.validator.Find(r)
	switch {
	case errors.Is(err, openapi.ErrMethodNotAllowed):
		w.Header().Set("Allow", strings.Join(a.validator.Methods(r), ", "))
		writeError(w, ver, http.StatusMethodNotAllowed, titleNotAllowed, nil)
		return
	case err != nil:
		writeError(w, ver, http.StatusNotFound, titleNotFound, nil)
		return
	}
	if !acceptsJSON(r.Header.Get("Accept")) {
		writeError(w, ver, http.StatusNotAcceptable, titleNotAcceptabl, nil)
		return
	}
	if status, title := a.readBody(r); status != 0 {
		writeError(w, ver, status, title, nil)
		return
	}
	if err := match.ValidateRequest(r); err != nil {
		a.writeInvalid(w, ver, err)
		return
	}
	r = r.WithContext(context.WithValue(r.Context(), accountKey, acct))
	a.router.ServeHTTP(w, r)
}

// writeInvalid answers a request the document rejected.
func (a *API) writeInvalid(w http.ResponseWriter, ver apiVersion, err error) {
	var re *openapi.RequestError
	if !errors.As(err, &re) {
		writeError(w, ver, http.StatusUnprocessableEntity, titleUnprocessble, map[string]string{"request": err.Error()})
		return
	}
	if re.Malformed {
		writeError(w, ver, http.StatusBadRequest, titleInvalid, openapi.Fields(re.Problems))
		return
	}
	writeError(w, ver, http.StatusUnprocessableEntity, titleUnprocessble, openapi.Fields(re.Problems))
}

// readBody buffers the body (so validation and the handler can both read
// it) and checks its size and Content-Type. It returns a status and title
// when the request must be refused.
func (a *API) readBody(r *http.Request) (int, string) {
	if r.Body == nil || r.Method == http.MethodGet || r.Method == http.MethodDelete || r.Method == http.MethodHead {
		return 0, ""
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, a.maxBody+1))
	_ = r.Body.Close()
	if err != nil {
		return http.StatusBadRequest, titleInvalid
	}
	if int64(len(body)) > a.maxBody {
		return http.StatusRequestEntityTooLarge, titleTooLarge
	}
	r.Body = io.NopCloser(bytes.NewReader(body))
	r.ContentLength = int64(len(body))
	ct := r.Header.Get("Content-Type")
	if ct == "" && len(body) == 0 {
		return 0, ""
	}
	if mt, _, err := mime.ParseMediaType(ct); err != nil || mt != "application/json" {
		return http.StatusUnsupportedMediaType, titleUnsupported
	}
	return 0, ""
}

// acceptsJSON reports whether an Accept header admits application/json.
// No header admits everything.
func acceptsJSON(accept string) bool {
	if strings.TrimSpace(accept) == "" {
		return true
	}
	for _, part := range strings.Split(accept, ",") {
		mt, params, err := mime.ParseMediaType(strings.TrimSpace(part))
		if err != nil {
			continue
		}
		if q, ok := params["q"]; ok && strings.TrimLeft(q, "0.") == "" {
			continue // q=0 refuses the type
		}
		switch {
		case mt == "*/*", mt == "application/*", mt == "application/json", strings.HasSuffix(mt, "+json"):
			return true
		}
	}
	return false
}

func (a *API) changed(storeHash string) {
	if a.onChange != nil {
		a.onChange(storeHash)
	}
}
