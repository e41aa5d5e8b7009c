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
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"os"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"
)

// Account is one API account.
type Account struct {
	// Token is the X-Auth-Token value that authenticates as this account.
	Token string `yaml:"token" json:"token"`
	// ClientID owns the account's webhooks; it appears in every hook.
	ClientID string `yaml:"client_id" json:"client_id"`
	// ClientSecret keys the webhook-signature header of callbacks.
	ClientSecret string `yaml:"client_secret" json:"client_secret"`
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
	r := &Registry{byToken: map[string]Account{}, byClient: map[string]Account{}}
	var problems []string
	for i, a := range accounts {
		a.Token, a.ClientID = strings.TrimSpace(a.Token), strings.TrimSpace(a.ClientID)
		switch {
		case a.Token == "":
			problems = append(problems, fmt.Sprintf("accounts[%d]: token is empty", i))
			continue
		case a.ClientID == "":
			problems = append(problems, fmt.Sprintf("accounts[%d]: client_id is empty", i))
			continue
		}
		if _, dup := r.byToken[a.Token]; dup {
			problems = append(problems, fmt.Sprintf("accounts[%d]: token is declared twice", i))
			continue
		}
		if _, dup := r.byClient[a.ClientID]; dup {
			problems = append(problems, fmt.Sprintf("accounts[%d]: client_id %q is declared twice", i, a.ClientID))
			continue
		}
		if a.ClientSecret == "" {
			a.ClientSecret = Derive(a.Token).ClientSecret
		}
		r.byToken[a.Token] = a
		r.byClient[a.ClientID] = a
	}
	if len(problems) > 0 {
		return nil, fmt.Errorf("%w: %s", ErrInvalid, strings.Join(problems, "; "))
	}
	return r, nil
}

// file is the accounts file's shape.
type file struct {
	Accounts []Account `yaml:"accounts"`
}

// LoadFile reads an accounts file (YAML, or JSON, which is YAML too):
//
//	accounts:
//	  - token: tok-erp
//	    client_id: erp-sync
//	    client_secret: s3cret
//
// Unknown keys are errors, so a typo cannot silently drop a secret.
func LoadFile(path string) ([]Account, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load accounts: %w", err)
	}
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	var f file
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("load accounts %s: %w", path, err)
	}
	if len(f.Accounts) == 0 {
		return nil, fmt.Errorf("load accounts %s: %w", path, ErrNoAccounts)
	}
	return f.Accounts, nil
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
