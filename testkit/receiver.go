package testkit

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync"
	"testing"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

// Envelope is the JSON body of a webhook callback: scope, store_id, data,
// hash, created_at and producer.
type Envelope = bigcommerce.Envelope

// Callback is one request a Receiver got.
type Callback struct {
	// Method is the request method (POST for bcmock's callbacks).
	Method string
	// Path is the request URI: path and query.
	Path string
	// Header holds the request headers, webhook-id, webhook-timestamp and
	// webhook-signature among them.
	Header http.Header
	// Body is the request body, byte for byte.
	Body []byte
	// Status is what the receiver answered; 0 when it hung (Hang).
	Status int
	// SignatureErr is nil when the webhook-signature verified with the
	// receiver's secret, ErrNoSecret when the receiver has none, and the
	// verification error otherwise.
	SignatureErr error
}

// Envelope decodes the callback body.
func (c Callback) Envelope() (Envelope, error) {
	var e Envelope
	if err := json.Unmarshal(c.Body, &e); err != nil {
		return Envelope{}, fmt.Errorf("decode callback: %w", err)
	}
	return e, nil
}

// ErrNoSecret is a Callback's SignatureErr when its Receiver was given no
// secret (WithSecret) to verify signatures with.
var ErrNoSecret = errors.New("receiver has no secret: signature not verified")

// ErrReceiverClosed is returned by WaitForCalls once the Receiver is closed.
var ErrReceiverClosed = errors.New("receiver closed")

// Step is one answer of a Receiver's script. Make one with Respond or Hang.
type Step struct {
	status int
	hang   bool
}

// Respond answers a callback with status and an empty body.
func Respond(status int) Step { return Step{status: status} }

// Hang answers a callback with nothing: the request stays open until the
// sender gives up (bcmock's delivery timeout) or the Receiver is closed,
// and the connection is then dropped.
func Hang() Step { return Step{hang: true} }

// ReceiverOption configures a Receiver. An option that cannot be applied
// returns an error, which makes NewReceiver panic and StartReceiver fail
// the test.
type ReceiverOption func(*receiverConfig) error

type receiverConfig struct {
	script      []Step
	secret      string
	ignoreStamp bool
	addr        string
}

// WithScript sets how the receiver answers: the first callback gets
// steps[0], the second steps[1], and so on; the last step repeats. "Fail
// twice then 200" is WithScript(Respond(500), Respond(500), Respond(200)).
// The default answers 200 to everything.
func WithScript(steps ...Step) ReceiverOption {
	return func(c *receiverConfig) error {
		if len(steps) == 0 {
			return fmt.Errorf("with script: %w: no steps", ErrBadOption)
		}
		for i, s := range steps {
			if !s.hang && (s.status < 100 || s.status > 999) {
				return fmt.Errorf("with script: %w: step %d has status %d", ErrBadOption, i+1, s.status)
			}
		}
		c.script = slices.Clone(steps)
		return nil
	}
}

// WithStatus answers every callback with status.
func WithStatus(status int) ReceiverOption { return WithScript(Respond(status)) }

// WithSecret verifies each callback's webhook-signature with an API
// account's client secret, as BigCommerce's samples do: the Standard
// Webhooks key is the secret's bytes, base64-encoded. The result is in
// Callback.SignatureErr; the answer does not depend on it.
func WithSecret(clientSecret string) ReceiverOption {
	return func(c *receiverConfig) error {
		if clientSecret == "" {
			return fmt.Errorf("with secret: %w: empty secret", ErrBadOption)
		}
		c.secret = clientSecret
		return nil
	}
}

// WithoutTimestampCheck verifies signatures without checking that
// webhook-timestamp is within five minutes of the wall clock, for a mock on
// a fake clock.
func WithoutTimestampCheck() ReceiverOption {
	return func(c *receiverConfig) error {
		c.ignoreStamp = true
		return nil
	}
}

// WithListenAddr sets the address the receiver listens on (default
// 127.0.0.1:0, loopback only). A mock in a container reaches the test
// process through the Docker host, so there use "0.0.0.0:0" (every
// interface) and give the mock container.HostURL(rcv.URL) as destination.
// Receiver.URL always names 127.0.0.1 for an unspecified address.
func WithListenAddr(addr string) ReceiverOption {
	return func(c *receiverConfig) error {
		if _, _, err := net.SplitHostPort(addr); err != nil {
			return fmt.Errorf("with listen address: %w: %w", ErrBadOption, err)
		}
		c.addr = addr
		return nil
	}
}

// Receiver is a webhook destination for tests: an httptest server that
// records every callback, answers from a script and verifies signatures.
// Create it with NewReceiver (the caller should call Close) or
// StartReceiver. It is safe for concurrent use.
type Receiver struct {
	// URL is the receiver's base URL, http://127.0.0.1:port with no
	// trailing slash. Any path under it is accepted, so one receiver can
	// stand for several destinations (URL+"/orders", URL+"/carts").
	URL string

	srv         *httptest.Server
	script      []Step
	wh          *standardwebhooks.Webhook
	ignoreStamp bool

	mu      sync.Mutex
	calls   []Callback
	changed chan struct{} // closed and replaced on every call

	closing   chan struct{}
	closeOnce sync.Once
}

// NewReceiver starts a Receiver. It panics, with a "testkit:" prefix, if an
// option cannot be applied or the address cannot be listened on. The caller
// should call Close when done.
func NewReceiver(opts ...ReceiverOption) *Receiver {
	r, err := newReceiver(opts)
	if err != nil {
		panic("testkit: " + err.Error())
	}
	return r
}

// StartReceiver starts a Receiver for tb and closes it when tb and its
// subtests end. It fails the test if an option cannot be applied.
func StartReceiver(tb testing.TB, opts ...ReceiverOption) *Receiver {
	tb.Helper()
	r, err := newReceiver(opts)
	if err != nil {
		tb.Fatalf("testkit: %v", err)
	}
	tb.Cleanup(r.Close)
	return r
}

func newReceiver(opts []ReceiverOption) (*Receiver, error) {
	cfg := receiverConfig{script: []Step{Respond(http.StatusOK)}}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, err
		}
	}
	r := &Receiver{script: cfg.script, ignoreStamp: cfg.ignoreStamp, changed: make(chan struct{}), closing: make(chan struct{})}
	if cfg.secret != "" {
		wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(cfg.secret)))
		if err != nil {
			return nil, fmt.Errorf("new receiver: %w", err)
		}
		r.wh = wh
	}
	r.srv = httptest.NewUnstartedServer(http.HandlerFunc(r.serve))
	if cfg.addr != "" {
		ln, err := net.Listen("tcp", cfg.addr)
		if err != nil {
			return nil, fmt.Errorf("new receiver: %w", err)
		}
		_ = r.srv.Listener.Close()
		r.srv.Listener = ln
	}
	r.srv.Start()
	r.URL = "http://" + dialAddr(r.srv.Listener.Addr())
	return r, nil
}

// serve records a callback and answers it from the script.
func (r *Receiver) serve(w http.ResponseWriter, req *http.Request) {
	body, _ := io.ReadAll(req.Body)
	c := Callback{Method: req.Method, Path: req.URL.RequestURI(), Header: req.Header.Clone(), Body: body, SignatureErr: r.verify(body, req.Header)}
	r.mu.Lock()
	step := r.script[min(len(r.calls), len(r.script)-1)]
	c.Status = step.status
	r.calls = append(r.calls, c)
	close(r.changed)
	r.changed = make(chan struct{})
	r.mu.Unlock()
	if step.hang {
		select {
		case <-req.Context().Done():
		case <-r.closing:
		}
		panic(http.ErrAbortHandler) // drop the connection without an answer
	}
	w.WriteHeader(step.status)
}

func (r *Receiver) verify(body []byte, h http.Header) error {
	if r.wh == nil {
		return ErrNoSecret
	}
	var err error
	if r.ignoreStamp {
		err = r.wh.VerifyIgnoringTimestamp(body, h)
	} else {
		err = r.wh.Verify(body, h)
	}
	if err != nil {
		return fmt.Errorf("verify signature: %w", err)
	}
	return nil
}

// Calls returns the callbacks received so far, oldest first.
func (r *Receiver) Calls() []Callback {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.calls)
}

// WaitForCalls waits until the receiver has got at least n callbacks and
// returns them all. It fails when ctx ends (give it a deadline) or the
// receiver is closed, returning what arrived so far.
func (r *Receiver) WaitForCalls(ctx context.Context, n int) ([]Callback, error) {
	for {
		r.mu.Lock()
		calls, changed := slices.Clone(r.calls), r.changed
		r.mu.Unlock()
		if len(calls) >= n {
			return calls, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return calls, fmt.Errorf("wait for %d callbacks: got %d: %w", n, len(calls), ctx.Err())
		case <-r.closing:
			return calls, fmt.Errorf("wait for %d callbacks: got %d: %w", n, len(calls), ErrReceiverClosed)
		}
	}
}

// Close releases hanging requests, then shuts the receiver down and blocks
// until its requests have finished. Closing twice is safe; Calls still
// works afterwards.
func (r *Receiver) Close() {
	r.closeOnce.Do(func() {
		close(r.closing)
		r.srv.Close()
	})
}
