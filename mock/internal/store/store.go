// Package store keeps bcmock's in-memory BigCommerce state: the webhooks of
// every store, each owned by an API account (client_id), and the
// notification emails of /hooks/admin. It knows nothing of HTTP.
//
// Every store_hash is its own store, created on first use. Hook ids are
// per-store counters starting at 1, so a test sees the same ids on every run.
package store

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sort"
	"sync"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
)

// MaxHooksPerScope is BigCommerce's platform limit: at most 10 webhooks per
// store + client_id + scope.
const MaxHooksPerScope = 10

// Errors returned by Store methods; callers map them to HTTP statuses.
var (
	// ErrNotFound: no hook with that id belongs to the account in the store.
	ErrNotFound = errors.New("webhook not found")
	// ErrDuplicate: the account already has a hook with the same scope and destination.
	ErrDuplicate = errors.New("duplicate webhook")
	// ErrLimit: the account already has MaxHooksPerScope hooks for the scope.
	ErrLimit = errors.New("webhook limit reached")
	// ErrExceptionHook: a second store/hook/deliveryException hook, or one
	// sharing a destination with another hook of the account.
	ErrExceptionHook = errors.New("delivery exception hook rule")
)

// Status values of a hook in /hooks/admin.
const (
	StatusActive      = "active"
	StatusInactive    = "inactive"
	StatusDeactivated = "deactivated"
)

// Hook is one webhook. Values returned by Store are copies.
type Hook struct {
	ID          int
	ClientID    string
	StoreHash   string
	Scope       string
	Destination string
	IsActive    bool
	// Headers are sent on every callback; nil means none (BigCommerce
	// shows null, for headers: {} too).
	Headers   map[string]string
	CreatedAt time.Time
	UpdatedAt time.Time
	// Deactivated is true when the delivery engine switched the hook off
	// after its last retry failed (as opposed to a user's is_active:false).
	Deactivated bool
}

// Status is the hook's /hooks/admin status: active, inactive (switched
// off by the user) or deactivated (switched off by BigCommerce).
func (h Hook) Status() string {
	switch {
	case h.IsActive:
		return StatusActive
	case h.Deactivated:
		return StatusDeactivated
	default:
		return StatusInactive
	}
}

func (h *Hook) clone() Hook {
	c := *h
	if h.Headers != nil {
		c.Headers = maps.Clone(h.Headers)
	}
	return c
}

// Input creates a hook. IsActive nil means true, as in every BigCommerce
// example (the only schema default BigCommerce documents is true).
type Input struct {
	Scope       string
	Destination string
	IsActive    *bool
	Headers     map[string]string
}

// Patch changes a hook. A nil field is left as it is; SetHeaders replaces
// the headers with Headers (which may be nil, meaning none).
type Patch struct {
	Scope       *string
	Destination *string
	IsActive    *bool
	SetHeaders  bool
	Headers     map[string]string
}

// Filter narrows List. Zero values match everything.
type Filter struct {
	IsActive    *bool
	Scope       string
	Destination string
}

func (f Filter) match(h *Hook) bool {
	return (f.IsActive == nil || *f.IsActive == h.IsActive) &&
		(f.Scope == "" || f.Scope == h.Scope) &&
		(f.Destination == "" || f.Destination == h.Destination)
}

// Store is the state of every store. It is safe for concurrent use.
type Store struct {
	clock  clock.Clock
	mu     sync.RWMutex
	stores map[string]*shop
}

type shop struct {
	nextID int
	hooks  map[int]*Hook
	byID   []*Hook             // the same hooks, ascending by id (ids only grow)
	emails map[string][]string // client_id → emails
	// departing are hooks of uninstalled apps, gone from every view but
	// Lookup, so the deliveries of the uninstall event still go out
	// (Uninstall). At most one app's uninstall hooks each; nil if none.
	departing map[int]*Hook
}

// remove deletes hook id from both indexes.
func (sh *shop) remove(id int) {
	delete(sh.hooks, id)
	i := sort.Search(len(sh.byID), func(i int) bool { return sh.byID[i].ID >= id })
	if i < len(sh.byID) && sh.byID[i].ID == id {
		sh.byID = slices.Delete(sh.byID, i, i+1)
	}
}

// New returns an empty store that stamps times from clk.
func New(clk clock.Clock) *Store {
	return &Store{clock: clk, stores: map[string]*shop{}}
}

func (s *Store) shopLocked(storeHash string) *shop {
	sh, ok := s.stores[storeHash]
	if !ok {
		sh = &shop{nextID: 1, hooks: map[int]*Hook{}, emails: map[string][]string{}}
		s.stores[storeHash] = sh
	}
	return sh
}

// Create adds a hook for clientID in storeHash after checking BigCommerce's
// limits. Scope and destination are assumed already validated by the caller.
func (s *Store) Create(storeHash, clientID string, in Input) (Hook, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	sh := s.shopLocked(storeHash)
	if err := sh.checkRules(clientID, 0, in.Scope, in.Destination); err != nil {
		return Hook{}, err
	}
	now := s.clock.Now()
	h := &Hook{
		ID: sh.nextID, ClientID: clientID, StoreHash: storeHash,
		Scope: in.Scope, Destination: in.Destination, IsActive: in.IsActive == nil || *in.IsActive,
		Headers: maps.Clone(in.Headers), CreatedAt: now, UpdatedAt: now,
	}
	sh.nextID++
	sh.hooks[h.ID] = h
	sh.byID = append(sh.byID, h)
	return h.clone(), nil
}

// checkRules enforces the per-account limits for a hook (id 0 for a new one)
// that would have scope and destination.
func (sh *shop) checkRules(clientID string, id int, sc, dest string) error {
	sameScope := 0
	for _, h := range sh.byID {
		if h.ClientID != clientID || h.ID == id {
			continue
		}
		if h.Scope == sc {
			sameScope++
			if h.Destination == dest {
				return fmt.Errorf("%w: hook %d already sends %s to %s", ErrDuplicate, h.ID, sc, dest)
			}
		}
		if sc == bigcommerce.DeliveryException && h.Scope == bigcommerce.DeliveryException {
			return fmt.Errorf("%w: hook %d is already this account's %s hook", ErrExceptionHook, h.ID, bigcommerce.DeliveryException)
		}
		if (sc == bigcommerce.DeliveryException || h.Scope == bigcommerce.DeliveryException) && h.Destination == dest {
			return fmt.Errorf("%w: the %s hook's destination must differ from every other hook's (hook %d uses %s)", ErrExceptionHook, bigcommerce.DeliveryException, h.ID, dest)
		}
	}
	if sameScope >= MaxHooksPerScope {
		return fmt.Errorf("%w: the account already has %d hooks for %s in this store", ErrLimit, MaxHooksPerScope, sc)
	}
	return nil
}

// Get returns one hook of the account.
func (s *Store) Get(storeHash, clientID string, id int) (Hook, error) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	h, err := s.ownedLocked(storeHash, clientID, id)
	if err != nil {
		return Hook{}, err
	}
	return h.clone(), nil
}

func (s *Store) ownedLocked(storeHash, clientID string, id int) (*Hook, error) {
	sh, ok := s.stores[storeHash]
	if !ok {
		return nil, ErrNotFound
	}
	h, ok := sh.hooks[id]
	if !ok || h.ClientID != clientID {
		return nil, ErrNotFound
	}
	return h, nil
}

// List returns the account's hooks in the store that pass f, by id.
func (s *Store) List(storeHash, clientID string, f Filter) []Hook {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sh, ok := s.stores[storeHash]
	if !ok {
		return []Hook{}
	}
	n := 0
	for _, h := range sh.byID {
		if h.ClientID == clientID && f.match(h) {
			n++
		}
	}
	out := make([]Hook, 0, n)
	for _, h := range sh.byID {
		if h.ClientID == clientID && f.match(h) {
			out = append(out, h.clone())
		}
	}
	return out
}

// VisitPage calls fn for at most limit of the account's hooks that pass f,
// skipping the first offset, by id, and returns how many pass f in all. fn
// runs under the store's read lock with a shallow copy: it must not keep
// the Headers map nor call the Store. It lets a list be encoded without
// copying every hook first.
func (s *Store) VisitPage(storeHash, clientID string, f Filter, offset, limit int, fn func(Hook)) int {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sh, ok := s.stores[storeHash]
	if !ok {
		return 0
	}
	total := 0
	for _, h := range sh.byID {
		if h.ClientID != clientID || !f.match(h) {
			continue
		}
		if total >= offset && total < offset+limit {
			fn(*h)
		}
		total++
	}
	return total
}

// Update applies p to one hook of the account. Setting IsActive to true
// reactivates a deactivated hook.
func (s *Store) Update(storeHash, clientID string, id int, p Patch) (Hook, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, err := s.ownedLocked(storeHash, clientID, id)
	if err != nil {
		return Hook{}, err
	}
	sc, dest := h.Scope, h.Destination
	if p.Scope != nil {
		sc = *p.Scope
	}
	if p.Destination != nil {
		dest = *p.Destination
	}
	if err := s.stores[storeHash].checkRules(clientID, id, sc, dest); err != nil {
		return Hook{}, err
	}
	h.Scope, h.Destination = sc, dest
	if p.IsActive != nil {
		h.IsActive = *p.IsActive
		h.Deactivated = false
	}
	if p.SetHeaders {
		h.Headers = maps.Clone(p.Headers)
	}
	h.UpdatedAt = s.clock.Now()
	return h.clone(), nil
}

// Delete removes one hook of the account and returns it.
func (s *Store) Delete(storeHash, clientID string, id int) (Hook, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	h, err := s.ownedLocked(storeHash, clientID, id)
	if err != nil {
		return Hook{}, err
	}
	s.stores[storeHash].remove(id)
	return h.clone(), nil
}

// Emails returns the account's notification emails in the store (never nil).
func (s *Store) Emails(storeHash, clientID string) []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if sh, ok := s.stores[storeHash]; ok {
		if e := sh.emails[clientID]; e != nil {
			return slices.Clone(e)
		}
	}
	return []string{}
}

// SetEmails replaces the account's notification emails in the store.
func (s *Store) SetEmails(storeHash, clientID string, emails []string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shopLocked(storeHash).emails[clientID] = slices.Clone(emails)
}

// Matching returns the active hooks of the store, of every account, whose
// scope matches the concrete event scope, by id.
func (s *Store) Matching(storeHash, eventScope string) []Hook {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sh, ok := s.stores[storeHash]
	if !ok {
		return nil
	}
	var out []Hook
	for _, h := range sh.byID {
		if h.IsActive && bigcommerce.Matches(h.Scope, eventScope) {
			out = append(out, h.clone())
		}
	}
	return out
}

// Lookup returns any hook of the store by id, whatever its account,
// including a departing hook of an uninstalled app (Uninstall).
func (s *Store) Lookup(storeHash string, id int) (Hook, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	if sh, ok := s.stores[storeHash]; ok {
		if h, ok := sh.hooks[id]; ok {
			return h.clone(), true
		}
		if h, ok := sh.departing[id]; ok {
			return h.clone(), true
		}
	}
	return Hook{}, false
}

// Deactivate switches a hook off the way BigCommerce does after its last
// retry fails: is_active false, status deactivated. It reports whether it
// switched an active hook off (false: no such hook, or already off).
func (s *Store) Deactivate(storeHash string, id int) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	sh, ok := s.stores[storeHash]
	if !ok {
		return false
	}
	h, ok := sh.hooks[id]
	if !ok || !h.IsActive {
		return false
	}
	h.IsActive, h.Deactivated, h.UpdatedAt = false, true, s.clock.Now()
	return true
}

// Reset forgets one store and returns how many hooks it held.
func (s *Store) Reset(storeHash string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	n := 0
	if sh, ok := s.stores[storeHash]; ok {
		n = len(sh.hooks)
		delete(s.stores, storeHash)
	}
	return n
}

// ResetAll forgets every store and returns how many stores and hooks it held.
func (s *Store) ResetAll() (stores, hooks int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, sh := range s.stores {
		hooks += len(sh.hooks)
	}
	stores = len(s.stores)
	s.stores = map[string]*shop{}
	return stores, hooks
}
