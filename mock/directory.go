package mock

import (
	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/store"
	"github.com/bcmock/bcmock/mock/internal/webhook"

	"time"
)

// directory shows the store and the accounts to the delivery engine.
type directory struct {
	store    *store.Store
	accounts *account.Registry
}

var _ webhook.Directory = directory{}

func target(h store.Hook) webhook.Target {
	return webhook.Target{
		StoreHash: h.StoreHash, HookID: h.ID, ClientID: h.ClientID, Scope: h.Scope,
		Destination: h.Destination, Headers: h.Headers, CreatedAt: h.CreatedAt,
	}
}

// Targets returns the active hooks of every account matching the event.
func (d directory) Targets(storeHash, eventScope string) []webhook.Target {
	hooks := d.store.Matching(storeHash, eventScope)
	out := make([]webhook.Target, len(hooks))
	for i, h := range hooks {
		out[i] = target(h)
	}
	return out
}

// ExceptionTarget returns the account's active store/hook/deliveryException hook.
func (d directory) ExceptionTarget(storeHash, clientID string) (webhook.Target, bool) {
	active := true
	hooks := d.store.List(storeHash, clientID, store.Filter{Scope: bigcommerce.DeliveryException, IsActive: &active})
	if len(hooks) == 0 {
		return webhook.Target{}, false
	}
	return target(hooks[0]), true
}

// Active reports whether the hook still exists and is active.
func (d directory) Active(storeHash string, hookID int) bool {
	h, ok := d.store.Lookup(storeHash, hookID)
	return ok && h.IsActive
}

// Deactivate switches the hook off after its last failed attempt.
func (d directory) Deactivate(storeHash string, hookID int) bool {
	return d.store.Deactivate(storeHash, hookID)
}

// Secret returns the account's client secret, which keys the signature.
func (d directory) Secret(clientID string) (string, bool) {
	a, ok := d.accounts.ByClientID(clientID)
	return a.ClientSecret, ok
}

// Emails returns the account's notification emails in the store.
func (d directory) Emails(storeHash, clientID string) []string {
	return d.store.Emails(storeHash, clientID)
}

// envelope builds the callback body of an event the engine raises itself.
func envelope(storeHash, sc string, data any, at time.Time) ([]byte, string, error) {
	env, body, err := bigcommerce.Build(storeHash, sc, data, at)
	if err != nil {
		return nil, "", err
	}
	return body, env.Hash, nil
}

// blocklist shows the engine's blocked domains in /hooks/admin.
type blocklist struct{ engine *webhook.Engine }

// BlockedDomains lists the account's blocked destination domains.
func (b blocklist) BlockedDomains(_, clientID string) []bigcommerce.BlockedDomain {
	blocked := b.engine.BlockedDomains(clientID)
	out := make([]bigcommerce.BlockedDomain, len(blocked))
	for i, bd := range blocked {
		reasons := make([]bigcommerce.BlockReason, len(bd.Reasons))
		for j, r := range bd.Reasons {
			reasons[j] = bigcommerce.BlockReason{FailureDescription: r.FailureDescription, Count: r.Count, Timestamp: r.Timestamp}
		}
		out[i] = bigcommerce.BlockedDomain{Destination: bd.Destination, TimeLeft: int(bd.TimeLeft), Reasons: reasons}
	}
	return out
}
