// Package account maps X-Auth-Token values to BigCommerce API accounts.
//
// On BigCommerce every access token belongs to an API account (an app or a
// store-level account) with a client_id and a client_secret. Webhooks belong
// to the client_id: one account never sees another's hooks, and the
// client_secret keys the Standard Webhooks signature of every callback.
//
// A Registry works in one of two modes. Open (the default) accepts any
// non-empty token and derives a stable client_id and client_secret from it,
// so two tokens are two isolated accounts with no configuration. Fixed
// accepts only the declared tokens, as a real store does.
package account

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"sync"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Account is one API account.
type Account struct {
	// Token is the X-Auth-Token value that authenticates as this account.
	Token string `yaml:"token" json:"token"`
	// ClientID owns the account's webhooks; it appears in every hook.
	ClientID string `yaml:"client_id" json:"client_id"`
	// ClientSecret keys the webhook-signature header of callbacks.
	ClientSecret string `yaml:"client_secret" json:"client_secret"`
	// Stores, when not empty, are the store hashes the account is bound
	// to, as an app is installed in some stores: its token used on any
	// other store gets 401 (Allows). Empty: every store.
	Stores []string `yaml:"stores,omitempty" json:"stores,omitempty"`
}

// Allows reports whether the account may call the store storeHash: its
// Stores name it, or are empty. On BigCommerce a token belongs to one
// store, and another store answers 401 "the v3 Auth client ID or token in
// the request are not a valid combination for this store".
func (a Account) Allows(storeHash string) bool {
	return len(a.Stores) == 0 || slices.Contains(a.Stores, storeHash)
}

// Registry resolves tokens to accounts. It is safe for concurrent use.
type Registry struct {
	open     bool
	mu       sync.RWMutex
	byToken  map[string]Account
	byClient map[string]Account
}

// Open returns a registry that accepts every non-empty token as its own
// account, with credentials derived by Derive.
func Open() *Registry {
	return &Registry{open: true, byToken: map[string]Account{}, byClient: map[string]Account{}}
}

// Errors returned by Fixed and LoadFile.
var (
	ErrNoAccounts = errors.New("no accounts declared")
	ErrInvalid    = errors.New("invalid account")
)

// Fixed returns a registry that accepts only the given accounts. Tokens and
// client IDs must be unique and non-empty; an empty client_secret is derived
// from the token.
func Fixed(accounts []Account) (*Registry, error) {
	if len(accounts) == 0 {
		return nil, ErrNoAccounts
	}
	if problems := check(accounts); len(problems) > 0 {
		msgs := make([]string, len(problems))
		for i, p := range problems {
			msgs[i] = fmt.Sprintf("accounts[%d]: %s", p.index, p.message)
		}
		return nil, fmt.Errorf("%w: %s", ErrInvalid, strings.Join(msgs, "; "))
	}
	r := &Registry{byToken: map[string]Account{}, byClient: map[string]Account{}}
	for _, a := range accounts {
		a.Token, a.ClientID = strings.TrimSpace(a.Token), strings.TrimSpace(a.ClientID)
		if a.ClientSecret == "" {
			a.ClientSecret = Derive(a.Token).ClientSecret
		}
		a.Stores = slices.Clone(a.Stores)
		r.byToken[a.Token] = a
		r.byClient[a.ClientID] = a
	}
	return r, nil
}

// accountProblem is a rule of Fixed that the account at index breaks, in
// its field.
type accountProblem struct {
	index          int
	field, message string
}

// check applies Fixed's rules: every token and client_id is given (spaces
// around them do not count) and unique.
func check(accounts []Account) []accountProblem {
	var out []accountProblem
	tokens, clients := map[string]bool{}, map[string]bool{}
	for i, a := range accounts {
		switch token := strings.TrimSpace(a.Token); {
		case token == "":
			out = append(out, accountProblem{i, "token", "token is required"})
		case tokens[token]:
			out = append(out, accountProblem{i, "token", "token is declared twice"})
		default:
			tokens[token] = true
		}
		for j, st := range a.Stores {
			if !bigcommerce.ValidStoreHash(st) {
				out = append(out, accountProblem{i, "stores", fmt.Sprintf("stores[%d]: %q is not a store hash (letters, digits, '-' and '_')", j, st)})
			}
		}
		switch client := strings.TrimSpace(a.ClientID); {
		case client == "":
			out = append(out, accountProblem{i, "client_id", "client_id is required"})
		case clients[client]:
			out = append(out, accountProblem{i, "client_id", fmt.Sprintf("client_id %q is declared twice", client)})
		default:
			clients[client] = true
		}
	}
	return out
}

// Lookup returns the account of token. In open mode every non-empty token
// has one.
func (r *Registry) Lookup(token string) (Account, bool) {
	if token == "" {
		return Account{}, false
	}
	r.mu.RLock()
	a, ok := r.byToken[token]
	r.mu.RUnlock()
	if ok || !r.open {
		return a, ok
	}
	a = Derive(token)
	r.mu.Lock()
	r.byToken[token] = a
	r.byClient[a.ClientID] = a
	r.mu.Unlock()
	return a, true
}

// ByClientID returns a known account by client_id: a declared one, or in
// open mode one whose token has been seen.
func (r *Registry) ByClientID(clientID string) (Account, bool) {
	r.mu.RLock()
	defer r.mu.RUnlock()
	a, ok := r.byClient[clientID]
	return a, ok
}

// IsOpen reports whether the registry accepts any token.
func (r *Registry) IsOpen() bool { return r.open }

// Derive returns the account an open registry gives token: a 31-character
// lowercase base-36 client_id and a 64-character hex client_secret, both
// derived from SHA-256 of the token, so they are stable across runs and
// machines and look like BigCommerce's.
func Derive(token string) Account {
	id := sha256.Sum256([]byte("bcmock client_id\x00" + token))
	secret := sha256.Sum256([]byte("bcmock client_secret\x00" + token))
	base36 := new(big.Int).SetBytes(id[:]).Text(36)
	for len(base36) < 31 {
		base36 = "0" + base36
	}
	return Account{Token: token, ClientID: base36[:31], ClientSecret: hex.EncodeToString(secret[:])}
}
