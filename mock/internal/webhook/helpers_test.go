package webhook_test

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// t0 is the fake clock's start in every test.
var t0 = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

const (
	storeA   = "abc123"
	storeB   = "def456"
	clientA  = "client-a"
	secretA  = "secret-of-client-a"
	orderNew = "store/order/created"
)

// fakeDir is an in-memory Directory.
type fakeDir struct {
	mu             sync.Mutex
	hooks          map[string]map[int]*fakeHook
	exceptionHooks map[string]int // store|client → hook id
	secrets        map[string]string
	emails         []string
	deactivated    []int
}

// fakeHook is a hook and its active flag.
type fakeHook struct {
	webhook.Target
	active bool
}

func newDir() *fakeDir {
	return &fakeDir{
		hooks:          map[string]map[int]*fakeHook{},
		exceptionHooks: map[string]int{},
		secrets:        map[string]string{clientA: secretA},
		emails:         []string{"ops@example.com"},
	}
}

// add registers an active hook.
func (d *fakeDir) add(t webhook.Target) {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.hooks[t.StoreHash] == nil {
		d.hooks[t.StoreHash] = map[int]*fakeHook{}
	}
	d.hooks[t.StoreHash][t.HookID] = &fakeHook{Target: t, active: true}
	if t.Scope == bigcommerce.DeliveryException {
		d.exceptionHooks[t.StoreHash+"|"+t.ClientID] = t.HookID
	}
}

// setActive flips a hook's active flag.
func (d *fakeDir) setActive(store string, id int, active bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.hooks[store][id].active = active
}

// isActive reports a hook's active flag.
func (d *fakeDir) isActive(store string, id int) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	h := d.hooks[store][id]
	return h != nil && h.active
}

// deactivations returns the hooks Deactivate was called for.
func (d *fakeDir) deactivations() []int {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.deactivated)
}

func (d *fakeDir) Targets(store, event string) []webhook.Target {
	d.mu.Lock()
	defer d.mu.Unlock()
	var out []webhook.Target
	for _, h := range d.hooks[store] {
		if h.active && bigcommerce.Matches(h.Scope, event) {
			out = append(out, h.Target)
		}
	}
	slices.SortFunc(out, func(a, b webhook.Target) int { return a.HookID - b.HookID })
	return out
}

func (d *fakeDir) ExceptionTarget(store, client string) (webhook.Target, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	h := d.hooks[store][d.exceptionHooks[store+"|"+client]]
	if h == nil || !h.active {
		return webhook.Target{}, false
	}
	return h.Target, true
}

func (d *fakeDir) Active(store string, id int) bool { return d.isActive(store, id) }

func (d *fakeDir) Deactivate(store string, id int) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	h := d.hooks[store][id]
	if h == nil || !h.active {
		return false
	}
	h.active = false
	d.deactivated = append(d.deactivated, id)
	return true
}

func (d *fakeDir) Secret(client string) (string, bool) {
	d.mu.Lock()
	defer d.mu.Unlock()
	s, ok := d.secrets[client]
	return s, ok
}

func (d *fakeDir) Emails(string, string) []string {
	d.mu.Lock()
	defer d.mu.Unlock()
	return slices.Clone(d.emails)
}

// envelope builds a BigCommerce envelope the way the mock recommends: hash
// is the SHA-1 of the envelope without it.
func envelope(store, sc string, data any, at time.Time) ([]byte, string, error) {
	env := map[string]any{
		"scope": sc, "store_id": "1001", "data": data,
		"created_at": at.Unix(), "producer": "stores/" + store,
	}
	raw, err := json.Marshal(env)
	if err != nil {
		return nil, "", err
	}
	sum := sha1.Sum(raw)
	env["hash"] = hex.EncodeToString(sum[:])
	body, err := json.Marshal(env)
	return body, env["hash"].(string), err
}

// orderEvent is an order/created event for store, raised at at.
func orderEvent(t testing.TB, store string, id int, at time.Time) webhook.Event {
	t.Helper()
	body, hash, err := envelope(store, orderNew, map[string]any{"type": "order", "id": id}, at)
	if err != nil {
		t.Fatal(err)
	}
	return webhook.Event{StoreHash: store, Scope: orderNew, Body: body, Hash: hash, CreatedAt: at}
}

// received is one request a receiver got.
type received struct {
	Path   string
	Header http.Header
	Body   []byte
}

// receiver is an httptest server that records requests and answers with
// status(n, r), n counting requests from 1.
type receiver struct {
	*httptest.Server
	mu     sync.Mutex
	reqs   []received
	status func(n int, r *http.Request) int
}

// newReceiver starts a recording receiver; it is closed in cleanup.
func newReceiver(t testing.TB, status func(n int, r *http.Request) int) *receiver {
	rv := &receiver{status: status}
	rv.Server = httptest.NewServer(http.HandlerFunc(rv.serve))
	t.Cleanup(rv.Close)
	return rv
}

func (rv *receiver) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	rv.mu.Lock()
	rv.reqs = append(rv.reqs, received{Path: r.URL.Path, Header: r.Header.Clone(), Body: body})
	n := len(rv.reqs)
	rv.mu.Unlock()
	w.WriteHeader(rv.status(n, r))
}

// requests returns what the receiver got so far.
func (rv *receiver) requests() []received {
	rv.mu.Lock()
	defer rv.mu.Unlock()
	return slices.Clone(rv.reqs)
}

// always answers every request with code.
func always(code int) func(int, *http.Request) int {
	return func(int, *http.Request) int { return code }
}

// failFirst answers 500 to the first n requests, then 200.
func failFirst(n int) func(int, *http.Request) int {
	return func(i int, _ *http.Request) int {
		if i <= n {
			return http.StatusInternalServerError
		}
		return http.StatusOK
	}
}

// fixture is an engine under a fake clock with a directory.
type fixture struct {
	clk *clock.Fake
	dir *fakeDir
	eng *webhook.Engine
}

// newFixture builds an engine at t0; it is shut down in cleanup.
func newFixture(t testing.TB, opts ...webhook.Option) *fixture {
	t.Helper()
	f := &fixture{clk: clock.NewFake(t0), dir: newDir()}
	opts = append([]webhook.Option{webhook.WithClock(f.clk), webhook.WithSeed(1)}, opts...)
	f.eng = webhook.New(f.dir, envelope, opts...)
	t.Cleanup(func() { _ = f.eng.Shutdown(context.Background()) })
	return f
}

// hook registers an order/created hook of clientA in storeA.
func (f *fixture) hook(id int, dest string, headers map[string]string) webhook.Target {
	t := webhook.Target{StoreHash: storeA, HookID: id, ClientID: clientA, Scope: orderNew, Destination: dest, Headers: headers}
	f.dir.add(t)
	return t
}

// exceptionHook registers clientA's deliveryException hook in storeA.
func (f *fixture) exceptionHook(id int, dest string) {
	f.dir.add(webhook.Target{StoreHash: storeA, HookID: id, ClientID: clientA, Scope: bigcommerce.DeliveryException, Destination: dest})
}

// raise raises an order event in storeA now and fails the test on error.
func (f *fixture) raise(t testing.TB, orderID int) webhook.Raised {
	t.Helper()
	r, err := f.eng.Raise(context.Background(), orderEvent(t, storeA, orderID, f.clk.Now()))
	if err != nil {
		t.Fatalf("Raise: %v", err)
	}
	return r
}

// advance walks the engine's fake clock to t0+d.
func (f *fixture) advance(t testing.TB, d time.Duration) {
	t.Helper()
	if err := f.eng.AdvanceTo(context.Background(), t0.Add(d)); err != nil {
		t.Fatalf("AdvanceTo: %v", err)
	}
}

// exceptionBody is the part of a deliveryException envelope tests look at.
type exceptionBody struct {
	Scope     string                `json:"scope"`
	StoreID   string                `json:"store_id"`
	Producer  string                `json:"producer"`
	Hash      string                `json:"hash"`
	CreatedAt int64                 `json:"created_at"`
	Data      webhook.ExceptionData `json:"data"`
}

// exceptions decodes the deliveryException envelopes a receiver got.
func exceptions(t testing.TB, rv *receiver) []exceptionBody {
	t.Helper()
	var out []exceptionBody
	for _, r := range rv.requests() {
		var b exceptionBody
		if err := json.Unmarshal(r.Body, &b); err != nil {
			t.Fatalf("decode exception body %q: %v", r.Body, err)
		}
		out = append(out, b)
	}
	return out
}

// offsets returns each attempt's instant as an offset from t0.
func offsets(attempts []webhook.AttemptRecord) []time.Duration {
	out := make([]time.Duration, len(attempts))
	for i, a := range attempts {
		out[i] = a.At.Sub(t0)
	}
	return out
}

// secs turns whole seconds into durations.
func secs(s ...int) []time.Duration {
	out := make([]time.Duration, len(s))
	for i, n := range s {
		out[i] = time.Duration(n) * time.Second
	}
	return out
}

// itoa formats an int64.
func itoa(n int64) string { return strconv.FormatInt(n, 10) }
