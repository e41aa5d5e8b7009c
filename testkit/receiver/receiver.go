// Package receiver is a webhook destination for tests: an HTTP server on
// a port of its own that records every callback, answers from a script
// (fail twice then 200, answer late, hang, drop the connection) and
// verifies the Standard Webhooks signature with the API account's client
// secret.
//
// It imports only the standard library, BigCommerce's facts
// (mock/bigcommerce) and the Standard Webhooks library, not the mock, so
// it serves a mock in the test process (package testkit), in a container
// (package testkit/container) or a scenario's receivers
// (scenarios/runner) alike.
//
//	rcv := receiver.Start(t, receiver.WithSecret(clientSecret),
//		receiver.WithScript(receiver.Respond(500), receiver.Respond(500), receiver.Respond(200)))
//	// register rcv.URL as the hook's destination, raise an event…
//	calls, err := rcv.WaitForCalls(ctx, 3)
package receiver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// MaxBody is how much of a callback's body a Receiver keeps: 1 MiB.
// BigCommerce's callbacks are small envelopes; a longer body is cut, and
// its signature then does not verify.
const MaxBody = 1 << 20

// ErrBadOption reports an option value a Receiver cannot use.
var ErrBadOption = errors.New("bad option")

// ErrClosed is returned by WaitForCalls once the Receiver is closed.
var ErrClosed = errors.New("receiver closed")

// Callback is one request a Receiver got.
type Callback struct {
	// Receiver is the receiver's name (WithName); empty without one.
	Receiver string
	// Method is the request method (POST for bcmock's callbacks).
	Method string
	// Path is the request URI: path and query.
	Path string
	// Header holds the request headers, webhook-id, webhook-timestamp and
	// webhook-signature among them.
	Header http.Header
	// Body is the request body, byte for byte, cut at MaxBody.
	Body []byte
	// MessageID is the webhook-id header: the delivery the callback is an
	// attempt of. Retries of one delivery share it.
	MessageID string
	// Status is the status the script answered with; 0 when it answered
	// none (Hang, Close).
	Status int
	// Answer describes the scripted answer: "200", "500 after 250ms",
	// "timeout" (Hang), "close".
	Answer string
	// At is the wall time the callback arrived.
	At time.Time
	// SignatureErr is nil when the webhook-signature verified with the
	// receiver's secret, ErrNoSecret when the receiver has none, and the
	// verification error otherwise.
	SignatureErr error
}

// Envelope decodes the callback body: scope, store_id, data, hash,
// created_at and producer.
func (c Callback) Envelope() (bigcommerce.Envelope, error) {
	var e bigcommerce.Envelope
	if err := json.Unmarshal(c.Body, &e); err != nil {
		return bigcommerce.Envelope{}, fmt.Errorf("decode callback: %w", err)
	}
	return e, nil
}

// clone returns a copy of c that shares no header or body with it.
func (c Callback) clone() Callback {
	c.Header = c.Header.Clone()
	c.Body = slices.Clone(c.Body)
	return c
}

// Receiver is a webhook destination for tests. Create it with New (the
// caller should call Close) or Start. It is safe for concurrent use.
type Receiver struct {
	// URL is the receiver's base URL, http://127.0.0.1:port with no
	// trailing slash. Any path under it is accepted, so one receiver can
	// stand for several destinations (URL+"/orders", URL+"/carts").
	URL string

	name        string
	script      []Step
	verifier    *Verifier
	ignoreStamp bool
	refuse      int // answer to a callback that does not verify; 0: the script's
	srv         *http.Server
	client      *http.Client

	mu       sync.Mutex
	calls    []Callback
	changed  chan struct{} // closed and replaced on every call
	closed   bool
	inFlight sync.WaitGroup // requests being answered; added to only while !closed

	closing   chan struct{}
	closeOnce sync.Once
}

// New starts a Receiver listening on 127.0.0.1 (see WithListenAddr). It
// fails if an option cannot be applied or the address cannot be listened
// on. The caller should call Close when done.
func New(opts ...Option) (*Receiver, error) {
	cfg := config{script: []Step{Respond(http.StatusOK)}, addr: "127.0.0.1:0"}
	for _, o := range opts {
		if o == nil {
			continue
		}
		if err := o(&cfg); err != nil {
			return nil, fmt.Errorf("new receiver: %w", err)
		}
	}
	if cfg.refuse != 0 && cfg.verifier == nil {
		return nil, fmt.Errorf("new receiver: %w: RefuseUnverified needs WithSecret", ErrBadOption)
	}
	ln, err := net.Listen("tcp", cfg.addr)
	if err != nil {
		return nil, fmt.Errorf("new receiver: %w", err)
	}
	r := &Receiver{
		URL:  "http://" + dialAddr(ln.Addr()),
		name: cfg.name, script: cfg.script, verifier: cfg.verifier, ignoreStamp: cfg.ignoreStamp, refuse: cfg.refuse,
		client:  &http.Client{Transport: &http.Transport{}},
		changed: make(chan struct{}), closing: make(chan struct{}),
	}
	r.srv = &http.Server{Handler: http.HandlerFunc(r.serve), ReadHeaderTimeout: 10 * time.Second}
	go func() { _ = r.srv.Serve(ln) }()
	return r, nil
}

// Start starts a Receiver for tb and closes it when tb and its subtests
// end. It fails the test if the receiver cannot start.
func Start(tb testing.TB, opts ...Option) *Receiver {
	tb.Helper()
	r, err := New(opts...)
	if err != nil {
		tb.Fatalf("receiver: %v", err)
	}
	tb.Cleanup(r.Close)
	return r
}

// Client returns an HTTP client of the receiver's own, for a test that
// sends it requests. Its idle connections are closed with the receiver; it
// shares no transport with other receivers or with http.DefaultClient, so
// closing one receiver never disturbs another test's requests.
func (r *Receiver) Client() *http.Client { return r.client }

// serve records a callback and answers it from the script.
func (r *Receiver) serve(w http.ResponseWriter, req *http.Request) {
	if !r.enter() {
		panic(http.ErrAbortHandler)
	}
	defer r.inFlight.Done()
	body, _ := io.ReadAll(io.LimitReader(req.Body, MaxBody))
	c := Callback{
		Receiver: r.name, Method: req.Method, Path: req.URL.RequestURI(), Header: req.Header.Clone(), Body: body,
		MessageID: req.Header.Get(bigcommerce.HeaderWebhookID), At: time.Now(),
	}
	c.SignatureErr = r.verify(c)
	step := r.record(c)
	r.answer(w, req.Context(), step)
}

// enter counts a request in, unless the receiver is closing.
func (r *Receiver) enter() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.closed {
		return false
	}
	r.inFlight.Add(1)
	return true
}

// record appends c with the step that answers it and returns the step.
func (r *Receiver) record(c Callback) Step {
	r.mu.Lock()
	defer r.mu.Unlock()
	step := r.script[min(len(r.calls), len(r.script)-1)]
	if r.refuse != 0 && c.SignatureErr != nil {
		step = Respond(r.refuse)
	}
	c.Status, c.Answer = step.Status(), step.String()
	r.calls = append(r.calls, c)
	close(r.changed)
	r.changed = make(chan struct{})
	return step
}

// answer carries out step. Dropping the connection panics with
// http.ErrAbortHandler, which net/http handles by closing the connection
// without a response.
func (r *Receiver) answer(w http.ResponseWriter, ctx context.Context, step Step) {
	if step.kind == kindHang {
		select {
		case <-ctx.Done():
		case <-r.closing:
		}
		panic(http.ErrAbortHandler)
	}
	if step.delay > 0 {
		t := time.NewTimer(step.delay)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
			return // the sender gave up: nobody to answer
		case <-r.closing:
			panic(http.ErrAbortHandler)
		}
	}
	if step.kind == kindClose {
		panic(http.ErrAbortHandler)
	}
	for k, v := range step.header {
		w.Header()[k] = v
	}
	if step.body != "" {
		w.Header().Set("Content-Length", strconv.Itoa(len(step.body)))
	}
	w.WriteHeader(step.status)
	_, _ = io.WriteString(w, step.body)
}

// verify checks c's signature with the receiver's secret.
func (r *Receiver) verify(c Callback) error {
	if r.verifier == nil {
		return ErrNoSecret
	}
	arrival := c.At
	if r.ignoreStamp {
		arrival = time.Time{}
	}
	return r.verifier.Verify(c.Body, c.Header, arrival)
}

// Calls returns the callbacks received so far, oldest first. They are
// copies: changing them changes nothing the receiver holds.
func (r *Receiver) Calls() []Callback {
	r.mu.Lock()
	defer r.mu.Unlock()
	return cloneAll(r.calls)
}

func cloneAll(calls []Callback) []Callback {
	out := make([]Callback, len(calls))
	for i, c := range calls {
		out[i] = c.clone()
	}
	return out
}

// WaitForCalls waits until the receiver has got at least n callbacks and
// returns them all. It fails when ctx ends (give it a deadline) or the
// receiver is closed, returning what arrived so far.
func (r *Receiver) WaitForCalls(ctx context.Context, n int) ([]Callback, error) {
	for {
		r.mu.Lock()
		got, changed := len(r.calls), r.changed
		r.mu.Unlock()
		if got >= n {
			return r.Calls(), nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return r.Calls(), fmt.Errorf("wait for %d callbacks: got %d: %w", n, got, ctx.Err())
		case <-r.closing:
			return r.Calls(), fmt.Errorf("wait for %d callbacks: got %d: %w", n, got, ErrClosed)
		}
	}
}

// Close releases hanging and delayed requests (their connections are
// dropped), stops listening and blocks until every request has finished.
// Closing twice is safe; Calls still works afterwards.
func (r *Receiver) Close() {
	r.closeOnce.Do(func() {
		r.mu.Lock()
		r.closed = true
		r.mu.Unlock()
		close(r.closing)
		_ = r.srv.Close()
		r.inFlight.Wait()
		r.client.CloseIdleConnections()
	})
}

// dialAddr turns a listen address into one to dial: an unspecified IP
// (0.0.0.0, ::) becomes 127.0.0.1.
func dialAddr(a net.Addr) string {
	tcp, ok := a.(*net.TCPAddr)
	if !ok || !tcp.IP.IsUnspecified() {
		return a.String()
	}
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(tcp.Port))
}
