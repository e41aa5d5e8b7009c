package mock

import (
	"crypto/rand"
	"encoding/binary"
	"errors"
	"fmt"

	"github.com/bcmock/bcmock/mock/webhook"
)

// validate refuses every option value New cannot use, naming each one, so
// the layers above (flags, scenario files, testkit) need not check again.
func (c *config) validate() error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if c.logger == nil {
		bad("logger is nil")
	}
	if c.clock == nil {
		bad("clock is nil")
	}
	if c.maxBody <= 0 {
		bad("max body size %d is not positive", c.maxBody)
	}
	if c.schedule != nil {
		if err := c.schedule.Validate(); err != nil {
			bad("retry schedule: %w", err)
		}
	}
	if c.deliveryTimeout != nil && *c.deliveryTimeout <= 0 {
		bad("delivery timeout %v is not positive", *c.deliveryTimeout)
	}
	if c.attemptLogCap != nil && *c.attemptLogCap <= 0 {
		bad("attempt log cap %d is not positive", *c.attemptLogCap)
	}
	if c.activationDelay != nil && *c.activationDelay < 0 {
		bad("activation delay %v is negative", *c.activationDelay)
	}
	if err := c.rateLimit.Validate(); err != nil {
		bad("rate limit: %w", err)
	}
	if len(errs) > 0 {
		return fmt.Errorf("%w: %w", ErrBadOption, errors.Join(errs...))
	}
	return nil
}

// engineOptions turns the configuration into the delivery engine's
// options; an option not given keeps the engine's default.
func (c *config) engineOptions() []webhook.Option {
	opts := []webhook.Option{
		webhook.WithClock(c.clock), webhook.WithLogger(c.logger), webhook.WithSeed(uint64(c.seed)),
	}
	if c.schedule != nil {
		opts = append(opts, webhook.WithSchedule(*c.schedule))
	}
	if c.deliveryTimeout != nil {
		opts = append(opts, webhook.WithTimeout(*c.deliveryTimeout))
	}
	if c.attemptLogCap != nil {
		opts = append(opts, webhook.WithAttemptLogCap(*c.attemptLogCap))
	}
	if c.activationDelay != nil {
		opts = append(opts, webhook.WithActivationDelay(*c.activationDelay))
	}
	if c.httpClient != nil {
		opts = append(opts, webhook.WithHTTPClient(c.httpClient))
	}
	return opts
}

// randomSeed draws a non-zero seed for WithSeed(0), so that event data and
// webhook-ids differ between servers.
func randomSeed() int64 {
	var b [8]byte
	for {
		_, _ = rand.Read(b[:])
		if s := int64(binary.LittleEndian.Uint64(b[:]) >> 1); s != 0 {
			return s
		}
	}
}
