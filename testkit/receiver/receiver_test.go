package receiver_test

import (
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/testkit/receiver"
)

// waitCtx bounds a test's waits; it is a guard against hanging, not a
// timing assertion.
func waitCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// answer is what a request to a receiver got back.
type answer struct {
	status int
	body   string
	header http.Header
}

// post sends one callback-like request to path on rcv with the receiver's own
// client.
func post(ctx context.Context, rcv *receiver.Receiver, path, payload string, header http.Header) (answer, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, rcv.URL+path, strings.NewReader(payload))
	if err != nil {
		return answer{}, err
	}
	for k, v := range header {
		req.Header[k] = v
	}
	resp, err := rcv.Client().Do(req)
	if err != nil {
		return answer{}, err
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		return answer{}, err
	}
	return answer{status: resp.StatusCode, body: string(body), header: resp.Header}, nil
}

func TestScript(t *testing.T) {
	tests := []struct {
		name    string
		opts    []receiver.Option
		want    []int
		answers []string
	}{
		{"default", nil, []int{200, 200}, []string{"200", "200"}},
		{"fixed status", []receiver.Option{receiver.WithStatus(http.StatusGone)}, []int{410, 410}, []string{"410", "410"}},
		{"fail twice then 200, last repeats",
			[]receiver.Option{receiver.WithScript(receiver.Respond(500), receiver.Respond(503), receiver.Respond(200))},
			[]int{500, 503, 200, 200}, []string{"500", "503", "200", "200"}},
		{"late answer", []receiver.Option{receiver.WithScript(receiver.Respond(201).After(time.Millisecond))},
			[]int{201}, []string{"201 after 1ms"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rcv := receiver.Start(t, append(tt.opts, receiver.WithName("app"))...)
			for i, want := range tt.want {
				got, err := post(t.Context(), rcv, "/hooks?n=1", `{"n":1}`, http.Header{"Webhook-Id": {"msg_" + strconv.Itoa(i)}})
				if err != nil || got.status != want {
					t.Errorf("call %d: %d, %v; want %d", i+1, got.status, err, want)
				}
			}
			calls := rcv.Calls()
			if len(calls) != len(tt.want) {
				t.Fatalf("%d calls recorded, want %d", len(calls), len(tt.want))
			}
			for i, c := range calls {
				if c.Status != tt.want[i] || c.Answer != tt.answers[i] || c.Receiver != "app" || c.Method != http.MethodPost ||
					c.Path != "/hooks?n=1" || string(c.Body) != `{"n":1}` || c.MessageID != "msg_"+strconv.Itoa(i) ||
					c.At.IsZero() || !errors.Is(c.SignatureErr, receiver.ErrNoSecret) {
					t.Errorf("call %d = %+v", i+1, c)
				}
			}
		})
	}
}

func TestResponseBodyAndHeaders(t *testing.T) {
	rcv := receiver.Start(t, receiver.WithScript(receiver.Respond(202).WithBody("thanks").WithHeader("X-App", "b")))
	got, err := post(waitCtx(t), rcv, "/", "{}", nil)
	if err != nil || got.status != 202 || got.body != "thanks" || got.header.Get("X-App") != "b" {
		t.Errorf("answer = %+v, %v", got, err)
	}
}

func TestCloseDropsTheConnection(t *testing.T) {
	rcv := receiver.Start(t, receiver.WithScript(receiver.Close(), receiver.Close().After(time.Millisecond), receiver.Respond(200)))
	for i := range 2 {
		if got, err := post(waitCtx(t), rcv, "/", "{}", nil); err == nil {
			t.Errorf("call %d got an answer: %d", i+1, got.status)
		}
	}
	if got, err := post(waitCtx(t), rcv, "/", "{}", nil); err != nil || got.status != 200 {
		t.Errorf("third call: %d, %v", got.status, err)
	}
	var answers []string
	for _, c := range rcv.Calls() {
		answers = append(answers, fmt.Sprint(c.Answer, "/", c.Status))
	}
	if want := []string{"close/0", "close after 1ms/0", "200/200"}; !slices.Equal(answers, want) {
		t.Errorf("answers = %v, want %v", answers, want)
	}
}

func TestHangsUntilTheSenderGivesUp(t *testing.T) {
	for _, step := range []receiver.Step{receiver.Hang(), receiver.Respond(200).After(time.Hour)} {
		t.Run(step.String(), func(t *testing.T) {
			rcv := receiver.Start(t, receiver.WithScript(step, receiver.Respond(204)))
			ctx, cancel := context.WithCancel(waitCtx(t))
			errc := make(chan error, 1)
			go func() {
				_, err := post(ctx, rcv, "/", "{}", nil)
				errc <- err
			}()
			if _, err := rcv.WaitForCalls(waitCtx(t), 1); err != nil {
				t.Fatal(err)
			}
			cancel() // the sender gives up, as bcmock does after its delivery timeout
			if err := <-errc; !errors.Is(err, context.Canceled) {
				t.Errorf("held request ended with %v", err)
			}
			if got, err := post(waitCtx(t), rcv, "/", "{}", nil); err != nil || got.status != 204 {
				t.Errorf("second call: %d, %v", got.status, err)
			}
		})
	}
}

func TestCloseReleasesHeldRequests(t *testing.T) {
	for _, step := range []receiver.Step{receiver.Hang(), receiver.Respond(200).After(time.Hour)} {
		t.Run(step.String(), func(t *testing.T) {
			rcv, err := receiver.New(receiver.WithScript(step))
			if err != nil {
				t.Fatal(err)
			}
			errc := make(chan error, 1)
			go func() {
				_, err := post(waitCtx(t), rcv, "/", "{}", nil)
				errc <- err
			}()
			if _, err := rcv.WaitForCalls(waitCtx(t), 1); err != nil {
				t.Fatal(err)
			}
			rcv.Close() // must not wait for the held request forever
			rcv.Close()
			if err := <-errc; err == nil {
				t.Error("a held request got an answer")
			}
			if _, err := rcv.WaitForCalls(waitCtx(t), 2); !errors.Is(err, receiver.ErrClosed) {
				t.Errorf("WaitForCalls after Close: %v", err)
			}
			if len(rcv.Calls()) != 1 {
				t.Error("Calls lost its record after Close")
			}
		})
	}
}

// signer returns a function signing body as webhook msg_1 at a time, with
// the Standard Webhooks library keyed as BigCommerce's samples key it.
func signer(t *testing.T, secret, body string) func(at time.Time) http.Header {
	t.Helper()
	wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(secret)))
	if err != nil {
		t.Fatal(err)
	}
	return func(at time.Time) http.Header {
		sig, err := wh.Sign("msg_1", at, []byte(body))
		if err != nil {
			t.Fatal(err)
		}
		return http.Header{"Webhook-Id": {"msg_1"}, "Webhook-Timestamp": {strconv.FormatInt(at.Unix(), 10)}, "Webhook-Signature": {sig}}
	}
}

func TestVerifiesSignatures(t *testing.T) {
	const secret = "the-client-secret"
	body := `{"scope":"store/order/created"}`
	signed := signer(t, secret, body)
	old := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		opts   []receiver.Option
		header http.Header
		ok     bool
	}{
		{"fresh", []receiver.Option{receiver.WithSecret(secret)}, signed(time.Now()), true},
		{"old timestamp", []receiver.Option{receiver.WithSecret(secret)}, signed(old), false},
		{"old timestamp, fake clock", []receiver.Option{receiver.WithSecret(secret), receiver.WithoutTimestampCheck()}, signed(old), true},
		{"wrong secret", []receiver.Option{receiver.WithSecret("other"), receiver.WithoutTimestampCheck()}, signed(old), false},
		{"unsigned", []receiver.Option{receiver.WithSecret(secret)}, http.Header{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			rcv := receiver.Start(t, tt.opts...)
			if _, err := post(t.Context(), rcv, "/", body, tt.header); err != nil {
				t.Fatal(err)
			}
			err := rcv.Calls()[0].SignatureErr
			if (err == nil) != tt.ok || errors.Is(err, receiver.ErrNoSecret) {
				t.Errorf("SignatureErr = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}

func TestVerifierChecksTheTimestampAgainstTheArrival(t *testing.T) {
	const secret = "s3cr3t"
	v, err := receiver.NewVerifier(secret)
	if err != nil {
		t.Fatal(err)
	}
	wh, _ := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(secret)))
	sent := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	sig, _ := wh.Sign("msg_1", sent, []byte("{}"))
	h := http.Header{"Webhook-Id": {"msg_1"}, "Webhook-Timestamp": {strconv.FormatInt(sent.Unix(), 10)}, "Webhook-Signature": {sig}}
	tests := []struct {
		name    string
		arrival time.Time
		body    string
		wantErr string
	}{
		{"at once", sent.Add(time.Second), "{}", ""},
		{"fake clock", time.Time{}, "{}", ""},
		{"too late", sent.Add(6 * time.Minute), "{}", "6m0s away from the arrival time"},
		{"too early", sent.Add(-6 * time.Minute), "{}", "6m0s away from the arrival time"},
		{"changed body", sent, "[]", "does not verify with the account's client secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := v.Verify([]byte(tt.body), h, tt.arrival)
			if tt.wantErr == "" && err != nil || tt.wantErr != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErr)) {
				t.Errorf("Verify = %v, want %q", err, tt.wantErr)
			}
		})
	}
}

func TestBodyIsBounded(t *testing.T) {
	rcv := receiver.Start(t)
	if _, err := post(waitCtx(t), rcv, "/", strings.Repeat("x", receiver.MaxBody+10), nil); err != nil {
		t.Fatal(err)
	}
	if got := len(rcv.Calls()[0].Body); got != receiver.MaxBody {
		t.Errorf("kept %d bytes, want %d", got, receiver.MaxBody)
	}
}

func TestConcurrentCallsFollowTheScript(t *testing.T) {
	const n = 20
	rcv := receiver.Start(t, receiver.WithScript(receiver.Respond(500), receiver.Respond(501), receiver.Respond(200)))
	var wg sync.WaitGroup
	statuses := make([]int, n)
	for i := range n {
		wg.Go(func() {
			got, err := post(waitCtx(t), rcv, "/", "{}", nil)
			if err != nil {
				t.Error(err)
			}
			statuses[i] = got.status
		})
	}
	wg.Go(func() { _ = rcv.Calls() }) // reading while others write is safe
	wg.Wait()
	slices.Sort(statuses)
	want := append(slices.Repeat([]int{200}, n-2), 500, 501)
	if !slices.Equal(statuses, want) {
		t.Errorf("statuses = %v, want %v", statuses, want)
	}
	calls := rcv.Calls()
	if len(calls) != n || calls[0].Status != 500 || calls[1].Status != 501 || calls[n-1].Status != 200 {
		t.Errorf("calls in order of arrival: %d, first %d %d, last %d", len(calls), calls[0].Status, calls[1].Status, calls[n-1].Status)
	}
}

func TestCallsAreCopies(t *testing.T) {
	rcv := receiver.Start(t)
	if _, err := post(waitCtx(t), rcv, "/", "{}", http.Header{"X-A": {"1"}}); err != nil {
		t.Fatal(err)
	}
	c := rcv.Calls()[0]
	c.Body[0] = 'x'
	c.Header.Set("X-A", "2")
	if again := rcv.Calls()[0]; string(again.Body) != "{}" || again.Header.Get("X-A") != "1" {
		t.Errorf("changing a returned Callback changed the record: %q %v", again.Body, again.Header)
	}
}

func TestOnEveryInterface(t *testing.T) {
	rcv := receiver.Start(t, receiver.WithListenAddr("0.0.0.0:0"))
	if !strings.HasPrefix(rcv.URL, "http://127.0.0.1:") {
		t.Errorf("URL = %s, want one on 127.0.0.1", rcv.URL)
	}
	if got, err := post(t.Context(), rcv, "/", "{}", nil); err != nil || got.status != 200 {
		t.Errorf("call: %d, %v", got.status, err)
	}
}

func TestRefuseUnverified(t *testing.T) {
	const secret = "the-client-secret"
	body := `{"scope":"store/order/created"}`
	good := signer(t, secret, body)(time.Now())
	rcv := receiver.Start(t, receiver.WithSecret(secret), receiver.RefuseUnverified(http.StatusUnauthorized),
		receiver.WithScript(receiver.Respond(202).WithHeader("X-App", "yes")))
	for _, tt := range []struct {
		name   string
		header http.Header
		want   int
	}{
		{"signed", good, 202},
		{"unsigned", http.Header{}, http.StatusUnauthorized},
		{"signed again", good, 202},
	} {
		got, err := post(waitCtx(t), rcv, "/", body, tt.header)
		if err != nil {
			t.Fatal(err)
		}
		if got.status != tt.want || (tt.want == 401) != (got.header.Get("X-App") == "") {
			t.Errorf("%s: answered %d (X-App %q), want %d and the step's headers only on the script's answer", tt.name, got.status, got.header.Get("X-App"), tt.want)
		}
	}
	if calls := rcv.Calls(); len(calls) != 3 || calls[1].Status != http.StatusUnauthorized || calls[1].SignatureErr == nil {
		t.Errorf("calls = %+v, want the refusal recorded as the second with its status", calls)
	}
}

func TestBadOptions(t *testing.T) {
	tests := []struct {
		name string
		opt  receiver.Option
		want string
	}{
		{"empty script", receiver.WithScript(), "no steps"},
		{"bad status", receiver.WithStatus(42), "step 1: status 42"},
		{"negative delay", receiver.WithScript(receiver.Respond(200), receiver.Respond(200).After(-time.Second)), "step 2: negative delay"},
		{"delayed hang", receiver.WithScript(receiver.Hang().After(time.Second)), "Hang has no answer to delay"},
		{"body on close", receiver.WithScript(receiver.Close().WithBody("x")), "close has no answer"},
		{"empty secret", receiver.WithSecret(""), "empty client secret"},
		{"bad address", receiver.WithListenAddr("localhost"), "listen address"},
		{"refusal not a 4xx", receiver.RefuseUnverified(500), "status 500 is not a 4xx"},
		{"refusal without a secret", receiver.RefuseUnverified(401), "RefuseUnverified needs WithSecret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rcv, err := receiver.New(tt.opt)
			if rcv != nil || !errors.Is(err, receiver.ErrBadOption) || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("New = %v, %v; want a bad option error saying %q", rcv, err, tt.want)
			}
		})
	}
}

func TestWaitForCallsHonoursTheContext(t *testing.T) {
	rcv := receiver.Start(t)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	calls, err := rcv.WaitForCalls(ctx, 1)
	if !errors.Is(err, context.Canceled) || len(calls) != 0 {
		t.Errorf("WaitForCalls = %d calls, %v", len(calls), err)
	}
}
