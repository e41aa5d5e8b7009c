// Package api serves BigCommerce's webhooks management API at BigCommerce's
// own paths, /stores/{store_hash}/v3/hooks[...] and /stores/{store_hash}/v2/hooks[...].
//
// It is two API families of the gateway (package gateway), v3 and v2: each
// is a table from operationId to handler and the error shape of its
// version. The gateway routes, authenticates and validates; a handler here
// applies BigCommerce's rules and answers.
package api

import (
	"log/slog"
	"net/http"
	"regexp"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/store"
	"github.com/bcmock/bcmock/openapi"
)

// WarningHeader carries bcmock's notes on a response, such as a destination
// that production BigCommerce would refuse.
const WarningHeader = "X-Bcmock-Warning"

// Blocklist tells which destination domains are blocked for an account;
// the delivery engine implements it. A nil Blocklist means none are.
type Blocklist interface {
	BlockedDomains(storeHash, clientID string) []bigcommerce.BlockedDomain
}

// API holds what the webhooks handlers work on. Create it with New.
type API struct {
	store     *store.Store
	logger    *slog.Logger
	strict    bool
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

// WithBlocklist supplies /hooks/admin's blocked_domains.
func WithBlocklist(b Blocklist) Option { return func(a *API) { a.blocklist = b } }

// WithOnChange registers a function called after a hook of storeHash is
// created, changed or deleted (the delivery engine uses it to wake up).
func WithOnChange(f func(storeHash string)) Option { return func(a *API) { a.onChange = f } }

// New returns the webhooks API over st.
func New(st *store.Store, opts ...Option) *API {
	a := &API{store: st, logger: slog.New(slog.DiscardHandler)}
	for _, o := range opts {
		o(a)
	}
	return a
}

var (
	v3Path = regexp.MustCompile(`^/stores/[^/]+/v3(/|$)`)
	v2Path = regexp.MustCompile(`^/stores/[^/]+/v2(/|$)`)
)

// V3 returns the v3 family: the operations of doc (the embedded
// webhooks-v3 document, or a user's --spec), authenticated by accounts.
func (a *API) V3(doc *openapi.Document, accounts gateway.Authenticator) *gateway.Family {
	h := handlers{api: a, ver: v3}
	return &gateway.Family{
		Name: "v3", Claims: v3Path.MatchString, Documents: openapi.NewValidator(doc),
		Accounts: accounts, Errors: v3Errors, Titles: titles,
		Handlers: map[string]gateway.Handler{
			"getWebhooks": h.list, "createWebhooks": h.create,
			"getWebhook": h.get, "updateWebhook": h.update, "deleteWebhook": h.remove,
			"getHooksAdmin": h.getAdmin, "updateHooksAdmin": h.putAdmin,
		},
	}
}

// V2 returns the v2 family: the operations of doc (the embedded
// webhooks-v2 document), with v2's bare bodies and error arrays.
func (a *API) V2(doc *openapi.Document, accounts gateway.Authenticator) *gateway.Family {
	h := handlers{api: a, ver: v2}
	return &gateway.Family{
		Name: "v2", Claims: v2Path.MatchString, Documents: openapi.NewValidator(doc),
		Accounts: accounts, Errors: v2Errors, Titles: titles,
		Handlers: map[string]gateway.Handler{
			"getWebhooksV2": h.list, "createWebhookV2": h.create,
			"getWebhookV2": h.get, "updateWebhookV2": h.update, "deleteWebhookV2": h.remove,
		},
	}
}

func (a *API) changed(storeHash string) {
	if a.onChange != nil {
		a.onChange(storeHash)
	}
}

// writeRaw answers a body the handlers encoded themselves.
func writeRaw(w http.ResponseWriter, status int, body []byte) { gateway.WriteRaw(w, status, body) }
