// Package admin serves bcmock's control API under /__bcmock/: health,
// resets, raising store events, the clock, the delivery log, and the store
// model (state dump, seeding, payment). It is one
// family of the gateway (package gateway): a table from the operationIds of
// the embedded control document to handlers. It needs no token, and it
// answers with the wire types of mock/adminapi, the control API's client,
// so the server and the client cannot drift apart.
package admin

import (
	"context"
	"net/http"
	"strings"

	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/reqlog"
	"github.com/bcmock/bcmock/mock/internal/rest"
	"github.com/bcmock/bcmock/mock/internal/shop"
	"github.com/bcmock/bcmock/mock/internal/store"
	"github.com/bcmock/bcmock/mock/internal/webhook"
	"github.com/bcmock/bcmock/openapi"
)

// RaiseFunc raises an event in a store, its deliveries shaped by faults:
// the library's Server.RaiseWithFaults.
type RaiseFunc func(ctx context.Context, storeHash, scope string, data any, faults []adminapi.Fault) (adminapi.Raised, error)

// Config is what the control API works on. Every field must be set.
type Config struct {
	Store    *store.Store
	Shop     *shop.Shop
	Accounts *account.Registry
	Engine   *webhook.Engine
	Clock    clock.Clock
	Raise    RaiseFunc
	// RaiseFired raises the events a model write fired (the pay
	// endpoint's), whose state is in place already.
	RaiseFired func(ctx context.Context, storeHash string, events []shop.Event)
	// Entity answers the follow-up read of the entity an event is about,
	// from the store model (rest.REST.Read).
	Entity func(storeHash string, ref shop.Ref) rest.Read
	// Version is reported by /__bcmock/health.
	Version string
	// Ready, when not nil, says why the mock is not ready yet (health
	// answers 503 with the reason) or returns nil.
	Ready func() error
	// CA, when not nil, returns the TLS face's CA certificate (PEM), or
	// nil when the face is off (GET /ca.pem answers 404).
	CA func() []byte
	// Requests is the log of the app's requests to the v2 and v3 APIs.
	Requests *reqlog.Log
}

// Admin holds the control API's handlers. Create it with New.
type Admin struct{ cfg Config }

// New returns the control API.
func New(cfg Config) *Admin { return &Admin{cfg: cfg} }

// titles are the gateway's errors in the control API's words.
var titles = gateway.Titles{
	Unauthorized: "unauthorized", NotFound: "no such control endpoint", NotAllowed: "method not allowed",
	NotImplemented: "method not implemented: no control endpoint uses it",
	NotAcceptable:  "the control API answers application/json only", TooLarge: "request body too large",
	Unsupported: "send Content-Type: application/json", Malformed: "invalid control request", Invalid: "invalid control request",
}

// Claims reports whether path is under the control API's prefix.
func Claims(path string) bool {
	return path == adminapi.Prefix || strings.HasPrefix(path, adminapi.Prefix+"/")
}

// Family returns the control family over doc (the embedded control
// document). extra adds operations described by further documents, such
// as a served scenario's endpoints; their handlers are keyed by
// operationId like the control API's own.
func (a *Admin) Family(doc *openapi.Document, extra ...Extension) *gateway.Family {
	docs := []*openapi.Document{doc}
	handlers := map[string]gateway.Handler{
		"health": a.health, "resetAll": a.resetAll, "resetStore": a.resetStore,
		"raiseEvent": a.raise, "resendEvent": a.resend,
		"getClock": a.getClock, "advanceClock": a.advance,
		"listEvents": a.events, "listDeliveries": a.deliveries,
		"listAttempts": a.attempts, "listNotifications": a.notifications,
		"getAccount": a.account, "runProbe": a.runProbe,
		"getCA": a.ca, "listStores": a.stores, "getDelivery": a.delivery, "getEventEntity": a.eventEntity, "listRequests": a.requests,
		"getHookFaults": a.getHookFaults, "setHookFaults": a.setHookFaults, "clearHookFaults": a.clearHookFaults,
		"getState": a.getState, "seedOrder": a.seedOrder, "seedCart": a.seedCart, "seedStore": a.seedStore, "payOrder": a.payOrder,
	}
	for _, e := range extra {
		docs = append(docs, e.Document)
		for op, h := range e.Handlers {
			handlers[op] = h
		}
	}
	return &gateway.Family{
		Name: "control", Claims: Claims, Documents: openapi.NewValidator(docs...),
		Handlers: handlers, Errors: WriteError, Titles: titles,
	}
}

// Extension is more control operations: a document and its handlers.
type Extension struct {
	Document *openapi.Document
	Handlers map[string]gateway.Handler
}

// WriteError writes the control API's one error body, adminapi.Error.
func WriteError(w http.ResponseWriter, e gateway.Error) {
	gateway.WriteJSON(w, e.Status, adminapi.Error{Status: e.Status, Title: e.Title, Detail: e.Detail, Errors: e.Fields})
}

func (a *Admin) health(w http.ResponseWriter, _ *http.Request, _ *gateway.Request) {
	if a.cfg.Ready != nil {
		if err := a.cfg.Ready(); err != nil {
			WriteError(w, gateway.Error{Status: http.StatusServiceUnavailable, Title: "not ready", Detail: err.Error()})
			return
		}
	}
	gateway.WriteJSON(w, http.StatusOK, adminapi.Health{Status: "ok", Version: a.cfg.Version})
}

func (a *Admin) resetAll(w http.ResponseWriter, _ *http.Request, _ *gateway.Request) {
	stores, hooks := a.cfg.Store.ResetAll()
	a.cfg.Engine.ResetAll()
	a.cfg.Shop.ResetAll()
	a.cfg.Requests.ResetAll()
	gateway.WriteJSON(w, http.StatusOK, adminapi.ResetResult{Stores: stores, Hooks: hooks})
}

func (a *Admin) resetStore(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	storeHash := in.Param("store_hash")
	hooks := a.cfg.Store.Reset(storeHash)
	a.cfg.Engine.Reset(storeHash)
	a.cfg.Shop.Reset(storeHash)
	a.cfg.Requests.Reset(storeHash)
	gateway.WriteJSON(w, http.StatusOK, adminapi.ResetResult{Stores: 1, Hooks: hooks})
}

func (a *Admin) account(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	id := in.Param("client_id")
	acct, ok := a.cfg.Accounts.ByClientID(id)
	if !ok {
		WriteError(w, gateway.Error{Status: http.StatusNotFound, Title: "unknown account", Detail: "no account with client_id " + id + " has been seen; an open mock learns an account when its token is first used"})
		return
	}
	gateway.WriteJSON(w, http.StatusOK, adminapi.Account{ClientID: acct.ClientID, ClientSecret: acct.ClientSecret})
}
