package testkit

import (
	"testing"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/testkit/receiver"
)

// Envelope is the JSON body of every webhook callback, what an app
// decodes (Callback.Envelope does it for a Receiver's callbacks):
//
//	{"scope":"store/order/created","store_id":"1025646","data":{"type":"order","id":250},
//	 "hash":"3f9ea420af83450d7ef9f78b08c8af25b2213637","created_at":1561482670,"producer":"stores/abc123"}
//
// Scope is the concrete event; StoreID the store's numeric id as a
// string; Data the event's data (an object, or an array for
// store/priceList/records/*); Hash a SHA-1 fingerprint of the event that
// retries and resends of it share, for duplicate detection; CreatedAt the
// event time in Unix seconds; Producer "stores/{store_hash}".
//
// It is the mock's own envelope type (mock/bigcommerce), under a name of
// testkit's, so what the mock sends and what a test decodes cannot drift
// apart.
type Envelope = bigcommerce.Envelope

// Receiver is a webhook destination for tests that records every
// callback, answers from a script and verifies signatures: package
// testkit/receiver's, which also serves the mock in a container
// (testkit/container) and scenario receivers. Server.StartReceiver starts
// one that knows an account's secret; more steps (a late answer, a
// dropped connection) are in package receiver.
type Receiver = receiver.Receiver

// ReceiverOption configures a Receiver (receiver.Option). Errors of
// options wrap receiver.ErrBadOption.
type ReceiverOption = receiver.Option

// Step is one answer of a Receiver's script (receiver.Step).
type Step = receiver.Step

// Callback is one request a Receiver got (receiver.Callback).
type Callback = receiver.Callback

var (
	// ErrNoSecret is a Callback's SignatureErr when its Receiver was given
	// no secret (WithSecret) to verify signatures with.
	ErrNoSecret = receiver.ErrNoSecret
	// ErrReceiverClosed is returned by WaitForCalls once the Receiver is
	// closed.
	ErrReceiverClosed = receiver.ErrClosed
)

// Respond answers a callback with status and an empty body (receiver.Respond).
func Respond(status int) Step { return receiver.Respond(status) }

// Hang holds a callback open until the sender gives up or the Receiver is
// closed (receiver.Hang).
func Hang() Step { return receiver.Hang() }

// WithScript sets the steps that answer callbacks in turn; the last one
// repeats (receiver.WithScript).
func WithScript(steps ...Step) ReceiverOption { return receiver.WithScript(steps...) }

// WithStatus answers every callback with status (receiver.WithStatus).
func WithStatus(status int) ReceiverOption { return receiver.WithStatus(status) }

// WithSecret verifies signatures with an API account's client secret
// (receiver.WithSecret).
func WithSecret(clientSecret string) ReceiverOption { return receiver.WithSecret(clientSecret) }

// RefuseUnverified makes the receiver a careful app: a callback whose
// signature does not verify is answered with status, a 4xx such as 401
// (receiver.RefuseUnverified).
func RefuseUnverified(status int) ReceiverOption { return receiver.RefuseUnverified(status) }

// WithoutTimestampCheck verifies signatures without checking the
// timestamp's age, for a mock on a fake clock (receiver.WithoutTimestampCheck).
func WithoutTimestampCheck() ReceiverOption { return receiver.WithoutTimestampCheck() }

// WithListenAddr sets the address the receiver listens on
// (receiver.WithListenAddr).
func WithListenAddr(addr string) ReceiverOption { return receiver.WithListenAddr(addr) }

// NewReceiver starts a Receiver. It panics, with a "testkit:" prefix, if an
// option cannot be applied or the address cannot be listened on. The caller
// should call Close when done.
func NewReceiver(opts ...ReceiverOption) *Receiver {
	r, err := receiver.New(opts...)
	if err != nil {
		panic("testkit: " + err.Error())
	}
	return r
}

// StartReceiver starts a Receiver for tb and closes it when tb and its
// subtests end. It fails the test if an option cannot be applied.
func StartReceiver(tb testing.TB, opts ...ReceiverOption) *Receiver {
	tb.Helper()
	r, err := receiver.New(opts...)
	if err != nil {
		tb.Fatalf("testkit: %v", err)
	}
	tb.Cleanup(r.Close)
	return r
}
