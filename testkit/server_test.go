package testkit_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/testkit"
)

// waitCtx bounds a test's waits by the test binary's own deadline (go
// test -timeout), less a margin to report what was awaited: a guard
// against hanging, never a timing assertion that a slow machine fails.
func waitCtx(t *testing.T) context.Context {
	t.Helper()
	deadline, ok := t.Deadline()
	if !ok {
		return t.Context()
	}
	ctx, cancel := context.WithDeadline(t.Context(), deadline.Add(-time.Until(deadline)/10))
	t.Cleanup(cancel)
	return ctx
}

func TestNewServerPanicsOnBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  testkit.Option
		is   error
	}{
		{"zero retry delay", testkit.WithRetrySchedule(time.Minute, 0), bigcommerce.ErrInvalidSchedule},
		{"negative timeout", testkit.WithDeliveryTimeout(-time.Second), testkit.ErrBadOption},
		{"no accounts", testkit.WithAccounts(), testkit.ErrBadOption},
		{"nil logger", testkit.WithLogger(nil), testkit.ErrBadOption},
		{"zero rate-limit quota", testkit.WithRateLimit(0, time.Second), testkit.ErrBadOption},
		{"zero rate-limit window", testkit.WithRateLimit(5, 0), testkit.ErrBadOption},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if !strings.HasPrefix(msg, "testkit: ") {
					t.Errorf("panic = %q, want a testkit: message", msg)
				}
			}()
			testkit.NewServer(tt.opt)
			t.Error("NewServer did not panic")
		})
	}
}

// fatalTB records what Start reports instead of failing the real test.
type fatalTB struct {
	testing.TB
	mu    sync.Mutex
	fatal string
	clean []func()
}

func (f *fatalTB) Helper() {}
func (f *fatalTB) Fatalf(format string, args ...any) {
	f.mu.Lock()
	f.fatal = fmt.Sprintf(format, args...)
	f.mu.Unlock()
	runtime.Goexit()
}
func (f *fatalTB) Cleanup(fn func()) { f.clean = append(f.clean, fn) }

func TestStartFailsTheTestOnBadOptions(t *testing.T) {
	tb := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		testkit.Start(tb, testkit.WithDeliveryTimeout(0))
	}()
	<-done
	if !strings.HasPrefix(tb.fatal, "testkit: with delivery timeout") {
		t.Errorf("Start reported %q", tb.fatal)
	}
	if len(tb.clean) != 0 {
		t.Error("Start registered a cleanup for a server it did not start")
	}
}

func TestStartRegistersCleanup(t *testing.T) {
	tb := &fatalTB{TB: t}
	srv := testkit.Start(tb)
	if _, err := srv.Admin().Health(t.Context()); err != nil {
		t.Fatal(err)
	}
	if len(tb.clean) != 1 {
		t.Fatalf("%d cleanups, want 1", len(tb.clean))
	}
	tb.clean[0]()
	if _, err := srv.Admin().Health(t.Context()); err == nil {
		t.Error("the server still answers after its cleanup ran")
	}
}

func TestUnstartedServerTakesAnotherListener(t *testing.T) {
	srv := testkit.NewUnstartedServer()
	if srv.URL != "" || srv.Admin() != nil {
		t.Fatal("an unstarted server has a URL or an admin client")
	}
	ln, err := net.Listen("tcp", "0.0.0.0:0") // e.g. so that a container can reach it
	if err != nil {
		t.Fatal(err)
	}
	_ = srv.Listener.Close()
	srv.Listener = ln
	srv.Config.ReadHeaderTimeout = time.Second
	srv.Start()
	defer srv.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	if want := fmt.Sprintf("http://127.0.0.1:%d", port); srv.URL != want {
		t.Errorf("URL = %s, want %s", srv.URL, want)
	}
	h, err := srv.Admin().Health(t.Context())
	if err != nil || h.Status != "ok" {
		t.Errorf("health = %+v, %v", h, err)
	}
	func() {
		defer func() {
			if recover() == nil {
				t.Error("a second Start did not panic")
			}
		}()
		srv.Start()
	}()
}

func TestCloseIsIdempotentAndWorksUnstarted(t *testing.T) {
	srv := testkit.NewUnstartedServer()
	srv.Close()
	srv.Close()
	started := testkit.NewServer()
	started.Close()
	started.Close()
}

func TestStoreURLAndAccounts(t *testing.T) {
	srv := testkit.Start(t)
	if got, want := srv.StoreURL("abc123"), srv.URL+"/stores/abc123/v3"; got != want {
		t.Errorf("StoreURL = %s, want %s", got, want)
	}
	a, ok := srv.Account("any-token")
	if !ok || a.Token != "any-token" || len(a.ClientID) != 31 || len(a.ClientSecret) != 64 {
		t.Errorf("open account = %+v, %v", a, ok)
	}
	if _, ok := srv.Account(""); ok {
		t.Error("the empty token has an account")
	}

	fixed := testkit.Start(t, testkit.WithAccounts(
		testkit.Account{Token: "erp", ClientID: "erp-sync", ClientSecret: "s3cr3t"},
		testkit.Account{Token: "pos", ClientID: "pos-app"},
	))
	if a, ok := fixed.Account("erp"); !ok || a.ClientSecret != "s3cr3t" {
		t.Errorf("declared account = %+v, %v", a, ok)
	}
	if a, ok := fixed.Account("pos"); !ok || len(a.ClientSecret) != 64 {
		t.Errorf("declared account without a secret = %+v, %v; want a derived secret", a, ok)
	}
	if _, ok := fixed.Account("unknown"); ok {
		t.Error("an undeclared token has an account")
	}
	err := createHook(fixed.Client(), fixed.StoreURL("abc"), "unknown", "store/order/created", "https://example.com/h")
	if err == nil || !strings.Contains(err.Error(), "401") {
		t.Errorf("unknown token: %v, want 401", err)
	}
}

func TestAdvanceClockNeedsAFakeClock(t *testing.T) {
	srv := testkit.Start(t)
	if srv.UsesFakeClock() {
		t.Error("UsesFakeClock() without WithFakeClock")
	}
	if _, err := srv.AdvanceClock(t.Context(), time.Minute); !errors.Is(err, testkit.ErrRealClock) {
		t.Errorf("err = %v, want ErrRealClock", err)
	}

	start := time.Date(2030, 6, 1, 12, 0, 0, 0, time.UTC)
	fake := testkit.Start(t, testkit.WithFakeClock(start))
	clk, err := fake.AdvanceClock(t.Context(), 90*time.Minute)
	if err != nil || !clk.Now.Equal(start.Add(90*time.Minute)) || clk.Mode != "fake" {
		t.Errorf("clock = %+v, %v", clk, err)
	}
	zero := testkit.Start(t, testkit.WithFakeClock(time.Time{}))
	if clk, _ := zero.Admin().Clock(t.Context()); !clk.Now.Equal(testkit.DefaultClockStart) {
		t.Errorf("zero start: clock = %v, want %v", clk.Now, testkit.DefaultClockStart)
	}
}

func TestOptionsReachTheMock(t *testing.T) {
	t.Run("retry schedule and timeout", func(t *testing.T) {
		t.Parallel()
		srv := testkit.Start(t, testkit.WithFakeClock(time.Time{}),
			testkit.WithRetrySchedule(time.Second, time.Minute), testkit.WithDeliveryTimeout(300*time.Millisecond)) // each hung attempt costs this much wall time; long enough for the call to reach the receiver on a loaded machine
		store, token := testkit.StoreHash(t), testkit.Token(t)
		rcv := srv.StartReceiver(t, token, testkit.WithScript(testkit.Hang()))
		srv.CreateHook(t, store, token, "store/order/created", rcv.URL)
		ctx := waitCtx(t)
		if _, err := srv.RaiseEvent(ctx, store, "store/order/created", nil); err != nil {
			t.Fatal(err)
		}
		if _, err := srv.AdvanceClock(ctx, time.Hour); err != nil {
			t.Fatal(err)
		}
		attempts, err := srv.Attempts(ctx, adminapi.Query{Store: store})
		if err != nil || len(attempts) != 3 {
			t.Fatalf("attempts = %d, %v; want 3 (two retries)", len(attempts), err)
		}
		for i, want := range []time.Duration{0, time.Second, time.Minute + time.Second} {
			a := attempts[i]
			if a.At.Sub(testkit.DefaultClockStart) != want || a.ResponseStatus != 0 || !strings.Contains(a.Error, "timeout") {
				t.Errorf("attempt %d at +%v: %d %q, want +%v and a timeout", i+1, a.At.Sub(testkit.DefaultClockStart), a.ResponseStatus, a.Error, want)
			}
		}
		if calls := rcv.Calls(); len(calls) != 3 || calls[0].Status != 0 {
			t.Errorf("receiver calls = %d, want 3 hung calls", len(calls))
		}
	})
	t.Run("strict destinations", func(t *testing.T) {
		t.Parallel()
		srv := testkit.Start(t, testkit.WithStrictDestinations())
		err := createHook(srv.Client(), srv.StoreURL(testkit.StoreHash(t)), "tok", "store/order/created", "http://127.0.0.1:9/h")
		if err == nil || !strings.Contains(err.Error(), "422") {
			t.Errorf("plain http destination: %v, want 422", err)
		}
	})
	t.Run("seed", func(t *testing.T) {
		t.Parallel()
		payload := func(seed int64) string {
			srv := testkit.Start(t, testkit.WithSeed(seed), testkit.WithFakeClock(time.Time{}))
			r, err := srv.RaiseEvent(t.Context(), "abc123", "store/order/created", nil)
			if err != nil {
				t.Fatal(err)
			}
			return string(r.Payload)
		}
		if a, b, c := payload(7), payload(7), payload(8); a != b || a == c {
			t.Errorf("seed 7 twice gave different data, or seed 8 the same:\n%s\n%s\n%s", a, b, c)
		}
	})
}

func TestParallelTestsShareNothing(t *testing.T) {
	for i := range 4 {
		t.Run(fmt.Sprint("test", i), func(t *testing.T) {
			t.Parallel()
			srv := testkit.Start(t)
			store, token := testkit.StoreHash(t), testkit.Token(t)
			rcv := srv.StartReceiver(t, token)
			srv.CreateHook(t, store, token, "store/order/created", rcv.URL)
			ctx := waitCtx(t)
			raised, err := srv.RaiseEvent(ctx, store, "store/order/created", nil)
			if err != nil {
				t.Fatal(err)
			}
			d, err := srv.WaitForDelivery(ctx, func(d adminapi.Delivery) bool { return d.Status == adminapi.OutcomeDelivered })
			if err != nil || d.EventID != raised.EventID || d.StoreHash != store {
				t.Fatalf("delivery = %+v, %v", d, err)
			}
			if calls := rcv.Calls(); len(calls) != 1 || calls[0].SignatureErr != nil {
				t.Errorf("calls = %+v", calls)
			}
			if all, _ := srv.Deliveries(ctx, adminapi.Query{}); len(all) != 1 {
				t.Errorf("the server holds %d deliveries, want only this test's one", len(all))
			}
		})
	}
}

func TestStoreHashAndToken(t *testing.T) {
	valid := regexp.MustCompile(`^s[0-9a-f]{9}$`)
	h := testkit.StoreHash(t)
	if !valid.MatchString(h) || h != testkit.StoreHash(t) {
		t.Errorf("StoreHash = %q, want a stable \"s\" and 9 hex digits", h)
	}
	if testkit.StoreHash(t, "second") == h || testkit.Token(t) == testkit.Token(t, "b") {
		t.Error("labels do not change the result")
	}
	t.Run("sub", func(t *testing.T) {
		if testkit.StoreHash(t) == h {
			t.Error("a subtest got its parent's store hash")
		}
	})
}

func TestWaitForDeliveryHonoursTheContext(t *testing.T) {
	srv := testkit.Start(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if _, err := srv.WaitForDelivery(ctx, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
}

func TestStartReceiverUsesTheAccountSecret(t *testing.T) {
	acct := testkit.Account{Token: "erp", ClientID: "erp-sync", ClientSecret: "secret-one"}
	srv := testkit.Start(t, testkit.WithAccounts(acct), testkit.WithFakeClock(time.Time{}))
	rcv := srv.StartReceiver(t, "erp", testkit.WithStatus(http.StatusAccepted))
	store := testkit.StoreHash(t)
	srv.CreateHook(t, store, "erp", "store/customer/created", rcv.URL)
	ctx := waitCtx(t)
	if _, err := srv.RaiseEvent(ctx, store, "store/customer/created", nil); err != nil {
		t.Fatal(err)
	}
	calls, err := rcv.WaitForCalls(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if calls[0].SignatureErr != nil || calls[0].Status != http.StatusAccepted {
		t.Errorf("call = status %d, signature %v", calls[0].Status, calls[0].SignatureErr)
	}

	tb := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.StartReceiver(tb, "not-declared")
	}()
	<-done
	if !strings.Contains(tb.fatal, `no account has token "not-declared"`) {
		t.Errorf("StartReceiver reported %q", tb.fatal)
	}
}

func TestCreateHook(t *testing.T) {
	srv := testkit.Start(t, testkit.WithStrictDestinations())
	store, token := testkit.StoreHash(t), testkit.Token(t)
	h := srv.CreateHook(t, store, token, "store/order/*", "https://app.example.com/hooks")
	acct, _ := srv.Account(token)
	if h.ID == 0 || h.ClientID != acct.ClientID || h.StoreHash != store || h.Scope != "store/order/*" ||
		h.Destination != "https://app.example.com/hooks" || !h.IsActive || h.CreatedAt == 0 {
		t.Errorf("hook = %+v", h)
	}

	tb := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.CreateHook(tb, store, token, "store/order/created", "http://app.example.com:8080/h")
	}()
	<-done
	if !strings.HasPrefix(tb.fatal, "testkit: create hook store/order/created") || !strings.Contains(tb.fatal, "422") {
		t.Errorf("a refused hook reported %q, want the 422 and the mock's answer", tb.fatal)
	}
}
