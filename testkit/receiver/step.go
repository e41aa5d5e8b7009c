package receiver

import (
	"fmt"
	"net/http"
	"strconv"
	"time"
)

// stepKind is what a Step does with a callback.
type stepKind int

const (
	kindRespond stepKind = iota // answer with a status
	kindHang                    // hold the request open, then drop it
	kindClose                   // drop the connection without an answer
)

// Step is one answer of a Receiver's script. Make one with Respond, Hang
// or Close; After, WithBody and WithHeader refine it.
type Step struct {
	kind   stepKind
	status int
	delay  time.Duration
	body   string
	header http.Header
}

// Respond answers a callback with status (100 to 999) and, unless
// WithBody says otherwise, an empty body.
func Respond(status int) Step { return Step{kind: kindRespond, status: status} }

// Hang answers a callback with nothing: the request is held open until
// the sender gives up (bcmock's delivery timeout) or the Receiver is
// closed, and the connection is then dropped. The attempt fails with a
// timeout.
func Hang() Step { return Step{kind: kindHang} }

// Close drops the connection without an answer, as a crashing app or a
// proxy resetting the connection would. The attempt fails without a
// status.
func Close() Step { return Step{kind: kindClose} }

// After makes the step wait d before it answers (Respond) or drops the
// connection (Close), for a slow receiver. If the sender gives up first,
// nothing is answered. A Hang has no answer to delay: WithScript refuses
// a delayed Hang.
func (s Step) After(d time.Duration) Step {
	s.delay = d
	return s
}

// WithBody sets the body a Respond step answers with.
func (s Step) WithBody(body string) Step {
	s.body = body
	return s
}

// WithHeader adds a response header to a Respond step.
func (s Step) WithHeader(key, value string) Step {
	s.header = s.header.Clone()
	if s.header == nil {
		s.header = http.Header{}
	}
	s.header.Set(key, value)
	return s
}

// Status is the HTTP status the step answers with; 0 for Hang and Close.
func (s Step) Status() int {
	if s.kind != kindRespond {
		return 0
	}
	return s.status
}

// String describes the step as a Callback's Answer does: "200",
// "500 after 250ms", "timeout" (Hang), "close" or "close after 1s".
func (s Step) String() string {
	var out string
	switch s.kind {
	case kindHang:
		return "timeout"
	case kindClose:
		out = "close"
	default:
		out = strconv.Itoa(s.status)
	}
	if s.delay > 0 {
		out += " after " + s.delay.String()
	}
	return out
}

// check says what is wrong with the step, if anything.
func (s Step) check() error {
	switch {
	case s.delay < 0:
		return fmt.Errorf("negative delay %v", s.delay)
	case s.kind == kindHang && s.delay > 0:
		return fmt.Errorf("a Hang has no answer to delay (After %v)", s.delay)
	case s.kind != kindRespond && (s.body != "" || len(s.header) > 0):
		return fmt.Errorf("%s has no answer to give a body or headers", s)
	case s.kind == kindRespond && (s.status < 100 || s.status > 999):
		return fmt.Errorf("status %d is not an HTTP status", s.status)
	}
	return nil
}

// clone returns a copy of s that shares nothing with it.
func (s Step) clone() Step {
	s.header = s.header.Clone()
	return s
}
