// Package contract is one suite of end-to-end checks that any running
// bcmock must pass, whichever way it runs: in the test process (testkit)
// or in a container (testkit/container). It drives the mock only through
// HTTP, as an app and its tests would: BigCommerce's webhooks API to
// register hooks, the control API to raise events and move the clock, and
// real receivers for the callbacks.
//
//	srv := testkit.Start(t, testkit.WithFakeClock(time.Time{}))
//	contract.Run(t, contract.Target{BaseURL: srv.URL, Admin: srv.Admin(), HTTPClient: srv.Client()})
package contract

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"reflect"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/testkit"
)

// Target is one running bcmock for Run to check.
type Target struct {
	// BaseURL is the mock's base URL (scheme://host:port), as the test
	// process reaches it.
	BaseURL string
	// Admin is a client of the mock's control API.
	Admin *adminapi.Client
	// HTTPClient sends the BigCommerce API requests; nil means a client
	// of Run's own. (Not http.DefaultClient: every httptest.Server that
	// closes in the process closes its transport's idle connections, which
	// can fail a request of a test running in parallel.)
	HTTPClient *http.Client
	// Receiver starts a receiver for tb with opts and returns it with the
	// destination the mock must call to reach it. Nil means
	// testkit.StartReceiver and the receiver's own URL, which suits a mock
	// in the test process; a mock in a container needs a receiver on every
	// interface and a host URL it can resolve.
	Receiver func(tb testing.TB, opts ...testkit.ReceiverOption) (rcv *testkit.Receiver, destination string)
}

// ladder is when BigCommerce's 12 attempts of one delivery fall, in
// seconds after the first.
var ladder = []int64{0, 60, 240, 540, 1140, 2040, 3840, 7440, 14640, 36240, 86640, 173040}

// Run checks target as subtests of t: register, trigger, retry, deactivate,
// signature and reset. The target must run on a fake clock, with
// BigCommerce's retry schedule and without fixed accounts (any token is an
// account). The subtests run one after another because they move the
// target's one clock; each uses its own store and token, so the target may
// hold other tests' data.
func Run(t *testing.T, target Target) {
	t.Helper()
	if target.Admin == nil || target.BaseURL == "" {
		t.Fatal("contract: the target needs a BaseURL and an Admin client")
	}
	if target.HTTPClient == nil {
		target.HTTPClient = &http.Client{Transport: &http.Transport{Proxy: http.ProxyFromEnvironment}}
		t.Cleanup(target.HTTPClient.CloseIdleConnections)
	}
	if target.Receiver == nil {
		target.Receiver = func(tb testing.TB, opts ...testkit.ReceiverOption) (*testkit.Receiver, string) {
			r := testkit.StartReceiver(tb, opts...)
			return r, r.URL
		}
	}
	clk, err := target.Admin.Clock(t.Context())
	if err != nil {
		t.Fatalf("contract: %v", err)
	}
	if clk.Mode != "fake" {
		t.Fatalf("contract: the target runs on a %s clock; start it with a fake clock", clk.Mode)
	}
	s := suite{Target: target}
	t.Run("register", s.register)
	t.Run("trigger", s.trigger)
	t.Run("retry", s.retry)
	t.Run("deactivate", s.deactivate)
	t.Run("signature", s.signature)
	t.Run("reset", s.reset)
}

type suite struct{ Target }

// env is what one subtest works with: its own store and token.
type env struct {
	suite
	t     *testing.T
	ctx   context.Context
	store string
	token string
}

func (s suite) env(t *testing.T) env {
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	t.Cleanup(cancel)
	return env{suite: s, t: t, ctx: ctx, store: testkit.StoreHash(t), token: testkit.Token(t)}
}

// hook is a webhook as BigCommerce's v3 API returns it.
type hook = bigcommerce.Hook

// call sends one BigCommerce API request for the env's store and returns
// the status and body.
func (e env) call(method, path, token, body string) (int, []byte) {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequestWithContext(e.ctx, method, e.BaseURL+"/stores/"+e.store+"/v3"+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Accept", "application/json")
	if token != "" {
		req.Header.Set("X-Auth-Token", token)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := e.HTTPClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	out, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp.StatusCode, out
}

// decode unmarshals body into v or fails the test.
func (e env) decode(body []byte, v any) {
	e.t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		e.t.Fatalf("decode %s: %v", body, err)
	}
}

// create registers a hook and returns it.
func (e env) create(scope, destination string) hook {
	e.t.Helper()
	status, body := e.call(http.MethodPost, "/hooks", e.token, fmt.Sprintf(`{"scope":%q,"destination":%q,"is_active":true}`, scope, destination))
	if status != http.StatusOK {
		e.t.Fatalf("create hook %s → %s: %d %s", scope, destination, status, body)
	}
	var out struct{ Data hook }
	e.decode(body, &out)
	return out.Data
}

// get fetches a hook.
func (e env) get(id int) hook {
	e.t.Helper()
	status, body := e.call(http.MethodGet, fmt.Sprintf("/hooks/%d", id), e.token, "")
	if status != http.StatusOK {
		e.t.Fatalf("get hook %d: %d %s", id, status, body)
	}
	var out struct{ Data hook }
	e.decode(body, &out)
	return out.Data
}

func (e env) raise(scope string, data any) adminapi.Raised {
	e.t.Helper()
	r, err := e.Admin.RaiseEvent(e.ctx, e.store, scope, data)
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

func (e env) advance(d time.Duration) {
	e.t.Helper()
	if _, err := e.Admin.AdvanceClock(e.ctx, d); err != nil {
		e.t.Fatal(err)
	}
}

func (e env) attempts(q adminapi.Query) []adminapi.Attempt {
	e.t.Helper()
	q.Store = e.store
	a, err := e.Admin.Attempts(e.ctx, q)
	if err != nil {
		e.t.Fatal(err)
	}
	return a
}

func (e env) deliveries(q adminapi.Query) []adminapi.Delivery {
	e.t.Helper()
	q.Store = e.store
	d, err := e.Admin.Deliveries(e.ctx, q)
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

func (e env) waitForCalls(r *testkit.Receiver, n int) []testkit.Callback {
	e.t.Helper()
	calls, err := r.WaitForCalls(e.ctx, n)
	if err != nil {
		e.t.Fatal(err)
	}
	return calls
}

// register: hooks are created, listed, fetched and deleted with
// BigCommerce's statuses and bodies, and bad requests get its errors.
func (s suite) register(t *testing.T) {
	e := s.env(t)
	_, dest := s.Receiver(t)
	h := e.create("store/order/created", dest+"/orders")
	if h.ID < 1 || h.ClientID == "" || h.StoreHash != e.store || h.Scope != "store/order/created" || h.Destination != dest+"/orders" || !h.IsActive {
		t.Errorf("created hook = %+v", h)
	}
	if got := e.get(h.ID); !reflect.DeepEqual(got, h) {
		t.Errorf("fetched hook = %+v, want %+v", got, h)
	}
	status, body := e.call(http.MethodGet, "/hooks?is_active=true", e.token, "")
	var list struct {
		Data []hook
		Meta struct {
			Pagination struct {
				Total int `json:"total"`
			} `json:"pagination"`
		} `json:"meta"`
	}
	e.decode(body, &list)
	if status != http.StatusOK || len(list.Data) != 1 || !reflect.DeepEqual(list.Data[0], h) || list.Meta.Pagination.Total != 1 {
		t.Errorf("list = %d %s", status, body)
	}

	tests := []struct {
		name, method, path, token, body string
		status                          int
		contains                        string
	}{
		{"duplicate destination", http.MethodPost, "/hooks", e.token, fmt.Sprintf(`{"scope":"store/order/created","destination":%q}`, dest+"/orders"), http.StatusConflict, `"destination"`},
		{"unknown scope", http.MethodPost, "/hooks", e.token, fmt.Sprintf(`{"scope":"store/order/create","destination":%q}`, dest), http.StatusUnprocessableEntity, `did you mean \"store/order/created\"`},
		{"no token", http.MethodGet, "/hooks", "", "", http.StatusUnauthorized, `"status":401`},
		{"another account", http.MethodGet, fmt.Sprintf("/hooks/%d", h.ID), e.token + "-other", "", http.StatusNotFound, `"status":404`},
	}
	for _, tt := range tests {
		status, body := e.call(tt.method, tt.path, tt.token, tt.body)
		if status != tt.status || !bytes.Contains(body, []byte(tt.contains)) {
			t.Errorf("%s: %d %s, want %d containing %s", tt.name, status, body, tt.status, tt.contains)
		}
	}

	if status, body := e.call(http.MethodDelete, fmt.Sprintf("/hooks/%d", h.ID), e.token, ""); status != http.StatusOK {
		t.Errorf("delete: %d %s", status, body)
	}
	if status, _ := e.call(http.MethodGet, fmt.Sprintf("/hooks/%d", h.ID), e.token, ""); status != http.StatusNotFound {
		t.Errorf("get after delete: %d, want 404", status)
	}
}

// trigger: a raised event reaches the hooks whose scope matches, once,
// with the envelope BigCommerce sends.
func (s suite) trigger(t *testing.T) {
	e := s.env(t)
	rcv, dest := s.Receiver(t)
	orders := e.create("store/order/*", dest+"/orders")
	e.create("store/product/created", dest+"/products")

	raised := e.raise("store/order/created", map[string]any{"id": 250})
	if len(raised.HookIDs) != 1 || raised.HookIDs[0] != orders.ID || len(raised.DeliveryIDs) != 1 {
		t.Fatalf("raised = %+v, want it matched only hook %d", raised, orders.ID)
	}
	e.advance(0)
	calls := e.waitForCalls(rcv, 1)
	if len(calls) != 1 {
		t.Fatalf("receiver got %d callbacks, want 1", len(calls))
	}
	c := calls[0]
	env, err := c.Envelope()
	if err != nil {
		t.Fatal(err)
	}
	var data struct {
		Type string `json:"type"`
		ID   int    `json:"id"`
	}
	e.decode(env.Data, &data)
	if c.Method != http.MethodPost || c.Path != "/orders" || env.Scope != "store/order/created" || env.Producer != "stores/"+e.store ||
		env.Hash != raised.Hash || env.StoreID == "" || data.ID != 250 || data.Type != "order" {
		t.Errorf("callback %s %s = %s", c.Method, c.Path, c.Body)
	}
	if !jsonEqual(c.Body, raised.Payload) {
		t.Errorf("callback body %s differs from the raised payload %s", c.Body, raised.Payload)
	}
	if ct := c.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
	d := e.deliveries(adminapi.Query{Event: raised.EventID})
	if len(d) != 1 || d[0].Status != adminapi.OutcomeDelivered || d[0].Attempts != 1 || d[0].HookID != orders.ID || d[0].MessageID != c.Header.Get("webhook-id") {
		t.Errorf("deliveries = %+v", d)
	}
}

// retry: a failed attempt is retried on BigCommerce's ladder with the same
// body and webhook-id until one succeeds.
func (s suite) retry(t *testing.T) {
	e := s.env(t)
	rcv, dest := s.Receiver(t, testkit.WithScript(testkit.Respond(500), testkit.Respond(503), testkit.Respond(200)))
	h := e.create("store/cart/*", dest)
	raised := e.raise("store/cart/lineItem/created", nil)
	e.advance(49 * time.Hour)

	attempts := e.attempts(adminapi.Query{Event: raised.EventID})
	want := []adminapi.Outcome{adminapi.OutcomeFailure, adminapi.OutcomeFailure, adminapi.OutcomeSuccess}
	if len(attempts) != len(want) {
		t.Fatalf("%d attempts, want %d", len(attempts), len(want))
	}
	for i, a := range attempts {
		if off := int64(a.At.Sub(attempts[0].At).Seconds()); a.Number != i+1 || a.Outcome != want[i] || off != ladder[i] {
			t.Errorf("attempt %d: number %d %s at +%ds, want %s at +%ds", i+1, a.Number, a.Outcome, off, want[i], ladder[i])
		}
	}
	calls := rcv.Calls()
	if len(calls) != 3 {
		t.Fatalf("receiver got %d callbacks, want 3", len(calls))
	}
	for i, c := range calls {
		if !bytes.Equal(c.Body, calls[0].Body) || c.Header.Get("webhook-id") != calls[0].Header.Get("webhook-id") {
			t.Errorf("attempt %d: body or webhook-id changed between retries", i+1)
		}
		if got, want := c.Header.Get("webhook-timestamp"), fmt.Sprint(attempts[i].At.Unix()); got != want {
			t.Errorf("attempt %d: webhook-timestamp %s, want %s", i+1, got, want)
		}
	}
	if d := e.deliveries(adminapi.Query{Event: raised.EventID}); len(d) != 1 || d[0].Status != adminapi.OutcomeDelivered || d[0].Attempts != 3 {
		t.Errorf("deliveries = %+v", d)
	}
	if !e.get(h.ID).IsActive {
		t.Error("hook deactivated although the receiver recovered")
	}
}

// deactivate: a receiver that always fails gets the whole ladder (12
// attempts over 48 hours), then the hook is deactivated, the account is
// told (deliveryException 90002, an email), and reactivating works.
func (s suite) deactivate(t *testing.T) {
	e := s.env(t)
	rcv, dest := s.Receiver(t, testkit.WithStatus(http.StatusInternalServerError))
	exceptions, exDest := s.Receiver(t)
	h := e.create("store/order/created", dest+"/orders")
	e.create("store/hook/deliveryException", exDest+"/exceptions")
	raised := e.raise("store/order/created", nil)
	e.advance(49 * time.Hour)

	attempts := e.attempts(adminapi.Query{Hook: h.ID})
	if len(attempts) != len(ladder) {
		t.Fatalf("%d attempts, want %d", len(attempts), len(ladder))
	}
	for i, a := range attempts {
		if off := int64(a.At.Sub(attempts[0].At).Seconds()); off != ladder[i] || a.ResponseStatus != 500 || a.Outcome != adminapi.OutcomeFailure {
			t.Errorf("attempt %d at +%ds: %d %s, want +%ds 500 failure", i+1, off, a.ResponseStatus, a.Outcome, ladder[i])
		}
	}
	if n := len(rcv.Calls()); n != len(ladder) {
		t.Errorf("receiver got %d callbacks, want %d", n, len(ladder))
	}
	if e.get(h.ID).IsActive {
		t.Error("hook still active after its last attempt failed")
	}
	if d := e.deliveries(adminapi.Query{Event: raised.EventID}); len(d) != 1 || d[0].Status != adminapi.OutcomeFailed {
		t.Errorf("deliveries = %+v", d)
	}
	notes, err := e.Admin.Notifications(e.ctx, adminapi.Query{Store: e.store, Kind: adminapi.NotifyHookDeactivated})
	if err != nil || len(notes) != 1 || notes[0].HookID != h.ID {
		t.Errorf("notifications = %+v, %v", notes, err)
	}
	var codes []bigcommerce.ExceptionCode
	for _, c := range exceptions.Calls() {
		env, err := c.Envelope()
		if err != nil {
			t.Fatal(err)
		}
		var data struct {
			ID        int                       `json:"id"`
			ErrorCode bigcommerce.ExceptionCode `json:"error_code"`
		}
		e.decode(env.Data, &data)
		if env.Scope != "store/hook/deliveryException" || data.ID != h.ID {
			t.Errorf("exception callback = %s", c.Body)
		}
		codes = append(codes, data.ErrorCode)
	}
	if len(codes) == 0 || codes[len(codes)-1] != bigcommerce.CodeDeactivated {
		t.Errorf("deliveryException codes = %v, want 90001s ending in one 90002", codes)
	}

	if status, body := e.call(http.MethodPut, fmt.Sprintf("/hooks/%d", h.ID), e.token, `{"is_active":true}`); status != http.StatusOK {
		t.Fatalf("reactivate: %d %s", status, body)
	}
	if again := e.raise("store/order/created", nil); len(again.HookIDs) != 1 || again.HookIDs[0] != h.ID {
		t.Errorf("reactivated hook not matched: %+v", again)
	}
}

// signature: every callback carries a Standard Webhooks signature keyed by
// the account's client secret, which the control API reveals.
func (s suite) signature(t *testing.T) {
	e := s.env(t)
	probe, dest := s.Receiver(t)
	h := e.create("store/customer/created", dest)
	secret, err := e.Admin.Secret(e.ctx, h.ClientID)
	if err != nil {
		t.Fatal(err)
	}
	probe.Close()
	rcv, dest := s.Receiver(t, testkit.WithSecret(secret), testkit.WithoutTimestampCheck())
	if status, body := e.call(http.MethodPut, fmt.Sprintf("/hooks/%d", h.ID), e.token, fmt.Sprintf(`{"destination":%q}`, dest)); status != http.StatusOK {
		t.Fatalf("update destination: %d %s", status, body)
	}
	e.raise("store/customer/created", nil)
	e.advance(0)
	c := e.waitForCalls(rcv, 1)[0]
	if c.SignatureErr != nil {
		t.Fatalf("signature: %v", c.SignatureErr)
	}
	if sig := c.Header.Get("webhook-signature"); !strings.HasPrefix(sig, "v1,") {
		t.Errorf("webhook-signature = %q, want v1,<base64>", sig)
	}
	for name, check := range map[string]func() error{
		"another secret": func() error {
			wh, _ := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(secret + "x")))
			return wh.VerifyIgnoringTimestamp(c.Body, c.Header)
		},
		"changed body": func() error {
			wh, _ := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(secret)))
			return wh.VerifyIgnoringTimestamp(append(bytes.Clone(c.Body), ' '), c.Header)
		},
	} {
		if check() == nil {
			t.Errorf("%s verified", name)
		}
	}
}

// reset: resetting a store forgets its hooks and deliveries, and ids start
// again at 1.
func (s suite) reset(t *testing.T) {
	e := s.env(t)
	_, dest := s.Receiver(t)
	e.create("store/order/created", dest)
	e.create("store/order/updated", dest)
	e.raise("store/order/created", nil)
	e.advance(0)
	got, err := e.Admin.ResetStore(e.ctx, e.store)
	if err != nil || got.Hooks != 2 {
		t.Fatalf("reset = %+v, %v; want 2 hooks forgotten", got, err)
	}
	if d := e.deliveries(adminapi.Query{}); len(d) != 0 {
		t.Errorf("deliveries after reset: %+v", d)
	}
	if h := e.create("store/order/created", dest); h.ID != 1 {
		t.Errorf("first id after reset = %d, want 1", h.ID)
	}
}

// jsonEqual reports whether a and b hold the same JSON value.
func jsonEqual(a, b []byte) bool {
	var x, y bytes.Buffer
	return json.Compact(&x, a) == nil && json.Compact(&y, b) == nil && bytes.Equal(x.Bytes(), y.Bytes())
}
