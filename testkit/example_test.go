package testkit_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/testkit"
)

// createHook registers a webhook the way an app does, through
// BigCommerce's v3 API.
func createHook(client *http.Client, storeURL, token, scope, destination string) error {
	body := fmt.Sprintf(`{"scope":%q,"destination":%q,"is_active":true}`, scope, destination)
	req, err := http.NewRequest(http.MethodPost, storeURL+"/hooks", strings.NewReader(body))
	if err != nil {
		return err
	}
	req.Header.Set("X-Auth-Token", token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("create hook: %s", resp.Status)
	}
	return nil
}

// In a test, Start gives each test its own mock and closes it at the end;
// StoreHash and Token give each test its own store and API account. The
// example's t stands in for the *testing.T of a test function, so that the
// example runs; in a test, write func TestOrderSync(t *testing.T) and call
// t.Parallel() as usual.
func ExampleStart() {
	t := newStandIn("TestOrderSync")
	defer t.end()

	srv := testkit.Start(t, testkit.WithFakeClock(time.Now()))
	store, token := testkit.StoreHash(t), testkit.Token(t)
	rcv := srv.StartReceiver(t, token) // verifies signatures with token's secret

	// The code under test registers its webhook at srv.StoreURL(store),
	// where it would use https://api.bigcommerce.com/stores/{hash}/v3.
	// Or the test does it for the app:
	srv.CreateHook(t, store, token, "store/order/*", rcv.URL+"/orders")
	if _, err := srv.RaiseEvent(t.Context(), store, "store/order/created", map[string]any{"id": 250}); err != nil {
		t.Fatal(err)
	}
	calls, err := rcv.WaitForCalls(t.Context(), 1)
	if err != nil {
		t.Fatal(err)
	}
	env, err := calls[0].Envelope()
	if err != nil {
		t.Fatal(err)
	}
	fmt.Println(calls[0].Path, env.Scope, string(env.Data), "signature ok:", calls[0].SignatureErr == nil)
	// Output: /orders store/order/created {"id":250,"type":"order"} signature ok: true
}

// standIn is the part of testing.TB that testkit calls, for examples,
// which get no *testing.T. It fails by panicking; end runs the cleanups,
// last first, as a test does when it ends. Other methods of testing.TB
// panic (the embedded TB is nil).
type standIn struct {
	testing.TB
	name     string
	ctx      context.Context
	cancel   context.CancelFunc
	cleanups []func()
}

func newStandIn(name string) *standIn {
	ctx, cancel := context.WithCancel(context.Background())
	return &standIn{name: name, ctx: ctx, cancel: cancel}
}

func (t *standIn) Name() string                      { return t.name }
func (t *standIn) Helper()                           {}
func (t *standIn) Context() context.Context          { return t.ctx }
func (t *standIn) Cleanup(f func())                  { t.cleanups = append(t.cleanups, f) }
func (t *standIn) Fatal(args ...any)                 { panic(fmt.Sprint(args...)) }
func (t *standIn) Fatalf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }
func (t *standIn) Errorf(format string, args ...any) { panic(fmt.Sprintf(format, args...)) }

// end cancels the context and runs the cleanups, last first.
func (t *standIn) end() {
	t.cancel()
	for i := len(t.cleanups) - 1; i >= 0; i-- {
		t.cleanups[i]()
	}
}

// A fake clock plays BigCommerce's retry ladder in milliseconds: a
// receiver that fails twice gets its third attempt 240 s after the first.
func Example_retries() {
	srv := testkit.NewServer(testkit.WithFakeClock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)))
	defer srv.Close()
	rcv := testkit.NewReceiver(testkit.WithScript(testkit.Respond(500), testkit.Respond(500), testkit.Respond(200)))
	defer rcv.Close()

	ctx := context.Background()
	if err := createHook(srv.Client(), srv.StoreURL("abc123"), "my-token", "store/order/*", rcv.URL+"/webhooks"); err != nil {
		panic(err)
	}
	if _, err := srv.RaiseEvent(ctx, "abc123", "store/order/created", nil); err != nil {
		panic(err)
	}
	if _, err := srv.AdvanceClock(ctx, 49*time.Hour); err != nil { // every attempt at its own instant
		panic(err)
	}
	attempts, err := srv.Attempts(ctx, adminapi.Query{Store: "abc123"})
	if err != nil {
		panic(err)
	}
	for _, a := range attempts {
		fmt.Printf("attempt %d at %s: %d %s\n", a.Number, a.At.Format(time.TimeOnly), a.ResponseStatus, a.Outcome)
	}
	// Output:
	// attempt 1 at 00:00:00: 500 failure
	// attempt 2 at 00:01:00: 500 failure
	// attempt 3 at 00:04:00: 200 success
}

// On the wall clock the mock delivers on its own; WaitForDelivery waits for
// the outcome a test expects.
func ExampleServer_WaitForDelivery() {
	srv := testkit.NewServer()
	defer srv.Close()
	rcv := testkit.NewReceiver()
	defer rcv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := createHook(srv.Client(), srv.StoreURL("abc123"), "my-token", "store/product/updated", rcv.URL); err != nil {
		panic(err)
	}
	raised, err := srv.RaiseEvent(ctx, "abc123", "store/product/updated", nil)
	if err != nil {
		panic(err)
	}
	d, err := srv.WaitForDelivery(ctx, func(d adminapi.Delivery) bool {
		return d.EventID == raised.EventID && d.Status != adminapi.OutcomePending
	})
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Status, d.Attempts)
	// Output: delivered 1
}

// A Receiver verifies each callback's Standard Webhooks signature with the
// API account's client secret.
func ExampleReceiver() {
	acct := testkit.Account{Token: "erp-token", ClientID: "erp-sync", ClientSecret: "s3cr3t"}
	srv := testkit.NewServer(testkit.WithAccounts(acct), testkit.WithFakeClock(time.Time{}))
	defer srv.Close()
	rcv := testkit.NewReceiver(testkit.WithSecret(acct.ClientSecret), testkit.WithoutTimestampCheck())
	defer rcv.Close()

	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := createHook(srv.Client(), srv.StoreURL("abc123"), acct.Token, "store/cart/created", rcv.URL+"/carts"); err != nil {
		panic(err)
	}
	if _, err := srv.RaiseEvent(ctx, "abc123", "store/cart/created", nil); err != nil {
		panic(err)
	}
	calls, err := rcv.WaitForCalls(ctx, 1)
	if err != nil {
		panic(err)
	}
	env, err := calls[0].Envelope()
	if err != nil {
		panic(err)
	}
	fmt.Println(calls[0].Path, env.Scope, env.Producer, "signature ok:", calls[0].SignatureErr == nil)
	// Output: /carts store/cart/created stores/abc123 signature ok: true
}

// InspectorURL is the page to open in a browser while a test runs (log it,
// then pause the test): the stores and hooks, the events, every delivery
// with its attempts, and the clock.
func ExampleServer_InspectorURL() {
	srv := testkit.NewServer()
	defer srv.Close()
	url := srv.InspectorURL()
	resp, err := srv.Client().Get(url)
	if err != nil {
		panic(err)
	}
	defer resp.Body.Close()
	fmt.Println(strings.TrimPrefix(url, srv.URL), resp.StatusCode, resp.Header.Get("Content-Type"))
	// Output: /__bcmock/ui/ 200 text/html; charset=utf-8
}
