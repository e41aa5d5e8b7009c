// Package admin serves bcmock's control API under /__bcmock/: health,
// resets, and (as the mock grows) events, deliveries and the clock. It is
// kept apart from BigCommerce's paths, needs no token, and is described by
// the embedded control OpenAPI document.
package admin

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/bcmock/bcmock/mock/store"
	"github.com/bcmock/bcmock/openapi"
)

// Prefix is where the control API lives.
const Prefix = "/__bcmock"

// Admin is the control API's http.Handler. Create it with New.
type Admin struct {
	store     *store.Store
	validator *openapi.Validator
	version   string
	onReset   []func(storeHash string)
	router    *mux.Router
}

// Option configures an Admin.
type Option func(*Admin)

// WithVersion sets the version reported by /__bcmock/health.
func WithVersion(v string) Option { return func(a *Admin) { a.version = v } }

// WithOnReset registers a function called on every reset: with the store
// hash for a one-store reset, with "" for a reset of everything.
func WithOnReset(f func(storeHash string)) Option {
	return func(a *Admin) { a.onReset = append(a.onReset, f) }
}

// New returns the control API over st, validating requests with v (which
// must describe the control paths).
func New(st *store.Store, v *openapi.Validator, opts ...Option) *Admin {
	a := &Admin{store: st, validator: v, version: "dev"}
	for _, o := range opts {
		o(a)
	}
	r := mux.NewRouter()
	r.HandleFunc(Prefix+"/health", a.health).Methods(http.MethodGet)
	r.HandleFunc(Prefix+"/reset", a.resetAll).Methods(http.MethodPost)
	r.HandleFunc(Prefix+"/stores/{store_hash}/reset", a.resetStore).Methods(http.MethodPost)
	a.router = r
	return a
}

var _ http.Handler = (*Admin)(nil)

// Error is the control API's error body.
type Error struct {
	Status int               `json:"status"`
	Title  string            `json:"title"`
	Detail string            `json:"detail,omitempty"`
	Errors map[string]string `json:"errors,omitempty"`
}

// ServeHTTP validates the request against the control document, then
// dispatches it.
func (a *Admin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	match, err := a.validator.Find(r)
	switch {
	case errors.Is(err, openapi.ErrMethodNotAllowed):
		writeJSON(w, http.StatusMethodNotAllowed, Error{Status: http.StatusMethodNotAllowed, Title: "method not allowed", Detail: r.Method + " " + r.URL.Path})
		return
	case err != nil:
		writeJSON(w, http.StatusNotFound, Error{Status: http.StatusNotFound, Title: "no such control endpoint", Detail: r.URL.Path})
		return
	}
	if err := match.ValidateRequest(r); err != nil {
		status := http.StatusUnprocessableEntity
		var re *openapi.RequestError
		fields := map[string]string{"request": err.Error()}
		if errors.As(err, &re) {
			fields = openapi.Fields(re.Problems)
			if re.Malformed {
				status = http.StatusBadRequest
			}
		}
		writeJSON(w, status, Error{Status: status, Title: "invalid control request", Errors: fields})
		return
	}
	a.router.ServeHTTP(w, r)
}

func (a *Admin) health(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "version": a.version})
}

type resetResult struct {
	Stores int `json:"stores"`
	Hooks  int `json:"hooks"`
}

func (a *Admin) resetAll(w http.ResponseWriter, _ *http.Request) {
	stores, hooks := a.store.ResetAll()
	for _, f := range a.onReset {
		f("")
	}
	writeJSON(w, http.StatusOK, resetResult{Stores: stores, Hooks: hooks})
}

func (a *Admin) resetStore(w http.ResponseWriter, r *http.Request) {
	storeHash := mux.Vars(r)["store_hash"]
	hooks := a.store.Reset(storeHash)
	for _, f := range a.onReset {
		f(storeHash)
	}
	writeJSON(w, http.StatusOK, resetResult{Stores: 1, Hooks: hooks})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}
