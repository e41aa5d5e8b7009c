package testkit_test

import (
	"errors"
	"net/http"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/testkit"
)

// post sends one callback-like request to rcv with the receiver's own
// client (never http.DefaultClient, whose idle connections any closing
// httptest server in a parallel test would close) and returns the status.
func post(t *testing.T, rcv *testkit.Receiver, path, body string) (int, error) {
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, rcv.URL+path, strings.NewReader(body))
	if err != nil {
		return 0, err
	}
	resp, err := rcv.Client().Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// The Receiver's own behaviour is tested in package receiver; these check
// testkit's names for it.
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
				got, err := post(t, rcv, "/hooks?n=1", `{"n":1}`)
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

func TestReceiverHangCountsAsNoAnswer(t *testing.T) {
	rcv := testkit.NewReceiver(testkit.WithScript(testkit.Hang()), testkit.WithListenAddr("127.0.0.1:0"))
	errc := make(chan error, 1)
	go func() {
		_, err := post(t, rcv, "/", "{}")
		errc <- err
	}()
	if _, err := rcv.WaitForCalls(waitCtx(t), 1); err != nil {
		t.Fatal(err)
	}
	rcv.Close()
	if err := <-errc; err == nil {
		t.Error("a hung request got an answer")
	}
	if _, err := rcv.WaitForCalls(waitCtx(t), 2); !errors.Is(err, testkit.ErrReceiverClosed) {
		t.Errorf("WaitForCalls after Close: %v", err)
	}
	if c := rcv.Calls()[0]; c.Status != 0 {
		t.Errorf("hung call has status %d, want 0", c.Status)
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
	tb := &fatalTB{TB: t}
	done := make(chan struct{})
	go func() {
		defer close(done)
		testkit.StartReceiver(tb, testkit.WithStatus(42))
	}()
	<-done
	if !strings.HasPrefix(tb.fatal, "testkit: new receiver: with script") || len(tb.clean) != 0 {
		t.Errorf("StartReceiver reported %q with %d cleanups", tb.fatal, len(tb.clean))
	}
}
