package testkit_test

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/testkit"
)

// post sends one callback-like request to url and returns the status.
func post(ctx context.Context, url, body string, header http.Header) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func TestReceiverScript(t *testing.T) {
	tests := []struct {
		name string
		opts []testkit.ReceiverOption
		want []int
	}{
		{"default", nil, []int{200, 200}},
		{"fixed status", []testkit.ReceiverOption{testkit.WithStatus(http.StatusGone)}, []int{410, 410}},
		{"fail twice then 200", []testkit.ReceiverOption{testkit.WithScript(testkit.Respond(500), testkit.Respond(503), testkit.Respond(200))}, []int{500, 503, 200, 200}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rcv := testkit.StartReceiver(t, tt.opts...)
			for i, want := range tt.want {
				got, err := post(t.Context(), rcv.URL+"/hooks?n=1", `{"n":1}`, nil)
				if err != nil || got != want {
					t.Errorf("call %d: %d, %v; want %d", i+1, got, err, want)
				}
			}
			calls := rcv.Calls()
			if len(calls) != len(tt.want) {
				t.Fatalf("%d calls recorded, want %d", len(calls), len(tt.want))
			}
			for i, c := range calls {
				if c.Status != tt.want[i] || c.Method != http.MethodPost || c.Path != "/hooks?n=1" || string(c.Body) != `{"n":1}` || !errors.Is(c.SignatureErr, testkit.ErrNoSecret) {
					t.Errorf("call %d = %+v", i+1, c)
				}
			}
		})
	}
}

func TestReceiverHangsUntilTheSenderGivesUp(t *testing.T) {
	rcv := testkit.StartReceiver(t, testkit.WithScript(testkit.Hang(), testkit.Respond(200)))
	ctx, cancel := context.WithCancel(waitCtx(t))
	errc := make(chan error, 1)
	go func() {
		_, err := post(ctx, rcv.URL, "{}", nil)
		errc <- err
	}()
	if _, err := rcv.WaitForCalls(waitCtx(t), 1); err != nil {
		t.Fatal(err)
	}
	cancel() // the sender gives up, as bcmock does after its delivery timeout
	if err := <-errc; !errors.Is(err, context.Canceled) {
		t.Errorf("hung request ended with %v", err)
	}
	if status, err := post(waitCtx(t), rcv.URL, "{}", nil); err != nil || status != 200 {
		t.Errorf("second call: %d, %v", status, err)
	}
	if calls := rcv.Calls(); calls[0].Status != 0 || calls[1].Status != 200 {
		t.Errorf("statuses = %d, %d; want 0 (hung), 200", calls[0].Status, calls[1].Status)
	}
}

func TestReceiverCloseReleasesHangingRequests(t *testing.T) {
	rcv := testkit.NewReceiver(testkit.WithScript(testkit.Hang()))
	errc := make(chan error, 1)
	go func() {
		_, err := post(waitCtx(t), rcv.URL, "{}", nil)
		errc <- err
	}()
	if _, err := rcv.WaitForCalls(waitCtx(t), 1); err != nil {
		t.Fatal(err)
	}
	rcv.Close() // must not wait for the hung request forever
	rcv.Close()
	if err := <-errc; err == nil {
		t.Error("a hung request got an answer")
	}
	if _, err := rcv.WaitForCalls(waitCtx(t), 2); !errors.Is(err, testkit.ErrReceiverClosed) {
		t.Errorf("WaitForCalls after Close: %v", err)
	}
	if len(rcv.Calls()) != 1 {
		t.Error("Calls lost its record after Close")
	}
}

func TestReceiverVerifiesSignatures(t *testing.T) {
	const secret = "the-client-secret"
	wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(secret)))
	if err != nil {
		t.Fatal(err)
	}
	body := `{"scope":"store/order/created"}`
	signed := func(at time.Time) http.Header {
		sig, err := wh.Sign("msg_1", at, []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		return http.Header{"Webhook-Id": {"msg_1"}, "Webhook-Timestamp": {strconv.FormatInt(at.Unix(), 10)}, "Webhook-Signature": {sig}}
	}
	old := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		opts   []testkit.ReceiverOption
		header http.Header
		ok     bool
	}{
		{"fresh", []testkit.ReceiverOption{testkit.WithSecret(secret)}, signed(time.Now()), true},
		{"old timestamp", []testkit.ReceiverOption{testkit.WithSecret(secret)}, signed(old), false},
		{"old timestamp, fake clock", []testkit.ReceiverOption{testkit.WithSecret(secret), testkit.WithoutTimestampCheck()}, signed(old), true},
		{"wrong secret", []testkit.ReceiverOption{testkit.WithSecret("other"), testkit.WithoutTimestampCheck()}, signed(old), false},
		{"unsigned", []testkit.ReceiverOption{testkit.WithSecret(secret)}, http.Header{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rcv := testkit.StartReceiver(t, tt.opts...)
			if _, err := post(t.Context(), rcv.URL, body, tt.header); err != nil {
				t.Fatal(err)
			}
			err := rcv.Calls()[0].SignatureErr
			if (err == nil) != tt.ok || errors.Is(err, testkit.ErrNoSecret) {
				t.Errorf("SignatureErr = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestReceiverOnEveryInterface(t *testing.T) {
	rcv := testkit.StartReceiver(t, testkit.WithListenAddr("0.0.0.0:0"))
	if !strings.HasPrefix(rcv.URL, "http://127.0.0.1:") {
		t.Errorf("URL = %s, want one on 127.0.0.1", rcv.URL)
	}
	if status, err := post(t.Context(), rcv.URL, "{}", nil); err != nil || status != 200 {
		t.Errorf("call: %d, %v", status, err)
	}
}

func TestReceiverBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  testkit.ReceiverOption
	}{
		{"empty script", testkit.WithScript()},
		{"bad status", testkit.WithStatus(42)},
		{"empty secret", testkit.WithSecret("")},
		{"bad address", testkit.WithListenAddr("localhost")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				msg, _ := recover().(string)
				if !strings.HasPrefix(msg, "testkit: ") {
					t.Errorf("panic = %q, want a testkit: message", msg)
				}
			}()
			testkit.NewReceiver(tt.opt)
			t.Error("NewReceiver did not panic")
		})
	}
}

func TestWaitForCallsHonoursTheContext(t *testing.T) {
	rcv := testkit.StartReceiver(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	calls, err := rcv.WaitForCalls(ctx, 1)
	if !errors.Is(err, context.Canceled) || len(calls) != 0 {
		t.Errorf("WaitForCalls = %d calls, %v", len(calls), err)
	}
}
