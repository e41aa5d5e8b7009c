package shop

import (
	"errors"
	"fmt"
	"hash/fnv"
	"sort"
	"sync"
	"sync/atomic"
	"time"

	"github.com/bcmock/bcmock/mock/clock"
	"github.com/brianvoe/gofakeit/v6"
)

// Limits bound what a store holds, so that nothing a client sends grows
// memory without limit. A write past a limit fails with ErrFull.
type Limits struct {
	// Stores is the most stores the shop keeps.
	Stores int
	// TotalOrders is the most orders all stores together keep: the store
	// caps alone would allow far more than a machine holds.
	TotalOrders int
	// Orders is the most orders one store keeps.
	Orders int
	// Carts is the most carts one store keeps.
	Carts int
	// Customers is the most customers, subscribers, channels, price
	// lists, price records, price list assignments, metafields or
	// inventory locations one store keeps (each).
	Customers int
	// Children is the most lines, addresses, shipments, transactions,
	// refunds, messages or coupons one order (or items one cart, or
	// addresses, attributes, form fields, stored instruments or channels
	// one customer) holds, and the most variants, options, images... one
	// product holds.
	Children int
	// Products is the most products one store keeps; Categories the most
	// categories, and the most brands.
	Products, Categories int
}

// DefaultLimits are the limits without WithLimits: far above what a test
// makes, low enough that a runaway client cannot exhaust the machine.
var DefaultLimits = Limits{Stores: 100_000, TotalOrders: 1_000_000, Orders: 100_000, Carts: 100_000, Customers: 100_000, Children: 1_000, Products: 100_000, Categories: 10_000}

// Errors of the model. Callers map them to BigCommerce's answers.
var (
	// ErrNotFound: no such entity in the store.
	ErrNotFound = errors.New("not found")
	// ErrFull: a limit of Limits is reached.
	ErrFull = errors.New("store full")
	// ErrInvalid: the input breaks one of BigCommerce's rules.
	ErrInvalid = errors.New("invalid")
	// ErrConflict: the input is at odds with what the store holds: a
	// write naming a version of the entity that is not its current one
	// (the carts API's optimistic concurrency), a SKU taken, a category or
	// brand that does not exist. BigCommerce answers 409.
	ErrConflict = errors.New("conflict")
)

// Shop holds the model of every store. Create it with New.
type Shop struct {
	seed   int64
	clock  clock.Clock
	limits Limits
	pool   *pool
	// inventory is how inventory events' value reads: a delta or a level.
	inventory InventoryValue

	mu     sync.Mutex
	stores map[string]*Store
	orders atomic.Int64 // orders in all stores, against Limits.TotalOrders
}

// Option configures a Shop.
type Option func(*Shop)

// WithLimits replaces DefaultLimits; a zero field keeps its default.
func WithLimits(l Limits) Option {
	return func(s *Shop) {
		for _, f := range []struct {
			dst *int
			v   int
		}{
			{&s.limits.Stores, l.Stores}, {&s.limits.TotalOrders, l.TotalOrders}, {&s.limits.Orders, l.Orders},
			{&s.limits.Carts, l.Carts}, {&s.limits.Customers, l.Customers}, {&s.limits.Children, l.Children},
			{&s.limits.Products, l.Products}, {&s.limits.Categories, l.Categories},
		} {
			if f.v > 0 {
				*f.dst = f.v
			}
		}
	}
}

// New returns an empty shop whose stores invent their data from seed and
// stamp their dates from clk.
func New(seed int64, clk clock.Clock, opts ...Option) *Shop {
	s := &Shop{seed: seed, clock: clk, limits: DefaultLimits, inventory: DefaultInventoryValue, stores: map[string]*Store{}}
	for _, o := range opts {
		o(s)
	}
	s.pool = newPool(seed)
	return s
}

// Now is the shop clock's time, as GET /v2/time answers it.
func (s *Shop) Now() time.Time { return s.clock.Now() }

// Read calls fn with the store's model under its lock, or with nil when
// the store holds nothing yet. A read never creates a store.
func (s *Shop) Read(storeHash string, fn func(st *Store)) {
	s.mu.Lock()
	st := s.stores[storeHash]
	s.mu.Unlock()
	if st == nil {
		fn(nil)
		return
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	fn(st)
}

// Write calls fn with the store's model under its lock, creating the store
// first if needed, and returns what fn returns: the events to raise.
func (s *Shop) Write(storeHash string, fn func(st *Store) ([]Event, error)) ([]Event, error) {
	st, err := s.store(storeHash)
	if err != nil {
		return nil, err
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	return fn(st)
}

// store returns the store's model, creating it.
func (s *Shop) store(storeHash string) (*Store, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if st := s.stores[storeHash]; st != nil {
		return st, nil
	}
	if len(s.stores) >= s.limits.Stores {
		return nil, errors.Join(ErrFull, errors.New("the mock holds the most stores it keeps"))
	}
	st := newStore(s, storeHash)
	s.stores[storeHash] = st
	return st, nil
}

// Reset forgets a store's entities; its next use starts from the seed
// again, so a reset store invents what a new one would.
func (s *Shop) Reset(storeHash string) {
	s.mu.Lock()
	st := s.stores[storeHash]
	delete(s.stores, storeHash)
	s.mu.Unlock()
	if st != nil {
		st.mu.Lock()
		s.orders.Add(-int64(len(st.orders)))
		st.mu.Unlock()
	}
}

// ResetAll forgets every store.
func (s *Shop) ResetAll() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stores = map[string]*Store{}
	s.orders.Store(0)
}

// StoreHashes lists the stores that hold a model, sorted.
func (s *Shop) StoreHashes() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.stores))
	for h := range s.stores {
		out = append(out, h)
	}
	sort.Strings(out)
	return out
}

// Store is one store's model. Its methods run under the store's lock,
// inside Shop.Read or Shop.Write; they never call out.
type Store struct {
	mu     sync.Mutex
	hash   string
	shop   *Shop
	faker  *gofakeit.Faker
	orders map[int]*Order
	carts  map[string]*Cart
	tokens map[string]string // abandoned-cart token -> cart id
	next   counters
	crm    *people // customers, subscribers, channels: made on first use
	cat    catalog
	inv    *inventory // stock beyond the catalog: made on first use
	prices *priceBook // price lists, records, assignments: made on first use
	metas  *metaStore // metafields of every resource: made on first use
	places *locations // inventory locations: made on first use
}

// counters are the next ids a store hands out. BigCommerce numbers orders
// from 100 in a new store; the other ids count from 1.
type counters struct {
	order, line, address, shipment, transaction, refund, refundPayment, message, coupon int
}

func newStore(s *Shop, hash string) *Store {
	h := fnv.New64a()
	_, _ = h.Write([]byte(hash))
	return &Store{
		hash: hash, shop: s,
		faker:  gofakeit.NewCustom(&source{state: uint64(s.seed) ^ h.Sum64()}),
		orders: map[int]*Order{}, carts: map[string]*Cart{}, tokens: map[string]string{}, cat: newCatalog(),
		next: counters{order: 100, line: 1, address: 1, shipment: 1, transaction: 1, refund: 1, refundPayment: 1, message: 1, coupon: 1},
	}
}

// Hash returns the store hash.
func (st *Store) Hash() string { return st.hash }

// now is the shop clock's time, to the second as BigCommerce's dates are.
func (st *Store) now() time.Time { return st.shop.clock.Now().UTC().Truncate(time.Second) }

// limits returns the shop's limits.
func (st *Store) limits() Limits { return st.shop.limits }

// bump returns the next id of a counter and moves it on; an id taken by
// an event (seen) moves the counter past it.
func bump(next *int) int {
	id := *next
	*next++
	return id
}

// seen moves a counter past an id that came from outside.
func seen(next *int, id int) {
	if id >= *next {
		*next = id + 1
	}
}

// roomForOrder says why the store cannot keep one more order: its own
// cap, or the cap of all stores together; nil when it can.
func (st *Store) roomForOrder() error {
	l := st.limits()
	if len(st.orders) >= l.Orders {
		return fmt.Errorf("%w: the store holds %d orders, the most bcmock keeps", ErrFull, l.Orders)
	}
	if st.shop.orders.Load() >= int64(l.TotalOrders) {
		return fmt.Errorf("%w: the stores hold %d orders in all, the most bcmock keeps", ErrFull, l.TotalOrders)
	}
	return nil
}

// keepOrder adds o to the store, counted against Limits.TotalOrders.
func (st *Store) keepOrder(o *Order) {
	st.orders[o.ID] = o
	st.shop.orders.Add(1)
}
