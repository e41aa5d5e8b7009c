// Package admin serves bcmock's control API under /__bcmock/: health,
// resets, raising store events, the clock, and the delivery log. It is kept
// apart from BigCommerce's paths, needs no token, and is described by the
// embedded control OpenAPI document.
package admin

import (
	"encoding/json"
	"errors"
	"net/http"

	"github.com/gorilla/mux"

	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/event"
	"github.com/bcmock/bcmock/mock/store"
	"github.com/bcmock/bcmock/mock/webhook"
	"github.com/bcmock/bcmock/openapi"
)

// Prefix is where the control API lives.
const Prefix = "/__bcmock"

// Config is what the control API works on. Every field must be set.
type Config struct {
	Store     *store.Store
	Accounts  *account.Registry
	Validator *openapi.Validator // must describe the control paths
	Engine    *webhook.Engine
	Events    *event.Generator
	Clock     clock.Clock
	// Version is reported by /__bcmock/health.
	Version string
}

// Admin is the control API's http.Handler. Create it with New.
type Admin struct {
	cfg    Config
	router *mux.Router
}

var _ http.Handler = (*Admin)(nil)

// New returns the control API.
func New(cfg Config) *Admin {
	a := &Admin{cfg: cfg}
	r := mux.NewRouter()
	r.HandleFunc(Prefix+"/health", a.health).Methods(http.MethodGet)
	r.HandleFunc(Prefix+"/reset", a.resetAll).Methods(http.MethodPost)
	r.HandleFunc(Prefix+"/stores/{store_hash}/reset", a.resetStore).Methods(http.MethodPost)
	r.HandleFunc(Prefix+"/stores/{store_hash}/events", a.raise).Methods(http.MethodPost)
	r.HandleFunc(Prefix+"/events/{event_id:[0-9]+}/resend", a.resend).Methods(http.MethodPost)
	r.HandleFunc(Prefix+"/clock", a.getClock).Methods(http.MethodGet)
	r.HandleFunc(Prefix+"/clock/advance", a.advance).Methods(http.MethodPost)
	r.HandleFunc(Prefix+"/events", a.events).Methods(http.MethodGet)
	r.HandleFunc(Prefix+"/deliveries", a.deliveries).Methods(http.MethodGet)
	r.HandleFunc(Prefix+"/attempts", a.attempts).Methods(http.MethodGet)
	r.HandleFunc(Prefix+"/notifications", a.notifications).Methods(http.MethodGet)
	r.HandleFunc(Prefix+"/accounts/{client_id}", a.account).Methods(http.MethodGet)
	a.router = r
	return a
}

// Error is the control API's error body.
type Error struct {
	Status int               `json:"status"`
	Title  string            `json:"title"`
	Detail string            `json:"detail,omitempty"`
	Errors map[string]string `json:"errors,omitempty"`
}

func writeError(w http.ResponseWriter, status int, title, detail string, fields map[string]string) {
	writeJSON(w, status, Error{Status: status, Title: title, Detail: detail, Errors: fields})
}

// ServeHTTP validates the request against the control document, then
// dispatches it.
func (a *Admin) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	match, err := a.cfg.Validator.Find(r)
	switch {
	case errors.Is(err, openapi.ErrMethodNotAllowed):
		writeError(w, http.StatusMethodNotAllowed, "method not allowed", r.Method+" "+r.URL.Path, nil)
		return
	case err != nil:
		writeError(w, http.StatusNotFound, "no such control endpoint", r.URL.Path, nil)
		return
	}
	if err := match.ValidateRequest(r); err != nil {
		status := http.StatusUnprocessableEntity
		fields := map[string]string{"request": err.Error()}
		var re *openapi.RequestError
		if errors.As(err, &re) {
			fields = openapi.Fields(re.Problems)
			if re.Malformed {
				status = http.StatusBadRequest
			}
		}
		writeError(w, status, "invalid control request", "", fields)
		return
	}
	a.router.ServeHTTP(w, r)
}

func (a *Admin) health(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, adminapi.Health{Status: "ok", Version: a.cfg.Version})
}

func (a *Admin) resetAll(w http.ResponseWriter, _ *http.Request) {
	stores, hooks := a.cfg.Store.ResetAll()
	a.cfg.Engine.ResetAll()
	writeJSON(w, http.StatusOK, adminapi.ResetResult{Stores: stores, Hooks: hooks})
}

func (a *Admin) resetStore(w http.ResponseWriter, r *http.Request) {
	storeHash := mux.Vars(r)["store_hash"]
	hooks := a.cfg.Store.Reset(storeHash)
	a.cfg.Engine.Reset(storeHash)
	writeJSON(w, http.StatusOK, adminapi.ResetResult{Stores: 1, Hooks: hooks})
}

// accountJSON reveals an account's signing secret, so a test can verify
// callbacks; the token is not shown.
type accountJSON struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
}

func (a *Admin) account(w http.ResponseWriter, r *http.Request) {
	id := mux.Vars(r)["client_id"]
	acct, ok := a.cfg.Accounts.ByClientID(id)
	if !ok {
		writeError(w, http.StatusNotFound, "unknown account", "no account with client_id "+id+" has been seen; an open mock learns an account when its token is first used", nil)
		return
	}
	writeJSON(w, http.StatusOK, accountJSON{ClientID: acct.ClientID, ClientSecret: acct.ClientSecret})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(v)
}
