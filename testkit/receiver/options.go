package receiver

import (
	"fmt"
	"net"
)

// Option configures a Receiver. An option that cannot be applied makes New
// fail with an error wrapping ErrBadOption.
type Option func(*config) error

type config struct {
	name        string
	script      []Step
	verifier    *Verifier
	ignoreStamp bool
	refuse      int
	addr        string
}

// WithScript sets how the receiver answers: the first callback gets
// steps[0], the second steps[1], and so on; the last step repeats. "Fail
// twice then 200" is WithScript(Respond(500), Respond(500), Respond(200)).
// The default answers 200 to everything.
func WithScript(steps ...Step) Option {
	return func(c *config) error {
		if len(steps) == 0 {
			return fmt.Errorf("with script: %w: no steps", ErrBadOption)
		}
		script := make([]Step, len(steps))
		for i, s := range steps {
			if err := s.check(); err != nil {
				return fmt.Errorf("with script: %w: step %d: %w", ErrBadOption, i+1, err)
			}
			script[i] = s.clone()
		}
		c.script = script
		return nil
	}
}

// WithStatus answers every callback with status.
func WithStatus(status int) Option { return WithScript(Respond(status)) }

// WithSecret verifies each callback's webhook-signature with an API
// account's client secret (see Verifier). The result is in
// Callback.SignatureErr; the answer does not depend on it.
func WithSecret(clientSecret string) Option {
	return func(c *config) error {
		v, err := NewVerifier(clientSecret)
		if err != nil {
			return fmt.Errorf("with secret: %w", err)
		}
		c.verifier = v
		return nil
	}
}

// RefuseUnverified makes the receiver behave like a careful app: a
// callback whose signature does not verify with the WithSecret secret
// (within SignatureTolerance, unless WithoutTimestampCheck) is answered
// with status, a 4xx such as 401, instead of its script step. The refused
// callback is recorded, with that status, and takes its place in the
// script like any other. Without WithSecret, New fails.
func RefuseUnverified(status int) Option {
	return func(c *config) error {
		if status < 400 || status > 499 {
			return fmt.Errorf("refuse unverified: %w: status %d is not a 4xx", ErrBadOption, status)
		}
		c.refuse = status
		return nil
	}
}

// WithoutTimestampCheck verifies signatures without checking that
// webhook-timestamp is within SignatureTolerance of the arrival time, for
// a mock on a fake clock.
func WithoutTimestampCheck() Option {
	return func(c *config) error {
		c.ignoreStamp = true
		return nil
	}
}

// WithListenAddr sets the address the receiver listens on (default
// 127.0.0.1:0, loopback only). A mock in a container reaches the test
// process through the Docker host, so there use "0.0.0.0:0" (every
// interface); testkit/container's StartReceiver does. URL always names
// 127.0.0.1 for an unspecified address.
func WithListenAddr(addr string) Option {
	return func(c *config) error {
		if _, _, err := net.SplitHostPort(addr); err != nil {
			return fmt.Errorf("with listen address: %w: %w", ErrBadOption, err)
		}
		c.addr = addr
		return nil
	}
}

// WithName names the receiver in its Callbacks (Callback.Receiver), for a
// test or scenario with several.
func WithName(name string) Option {
	return func(c *config) error {
		c.name = name
		return nil
	}
}
