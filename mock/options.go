package mock

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"

	"github.com/bcmock/bcmock/mock/internal/reqlog"
	"github.com/bcmock/bcmock/mock/internal/webhook"
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
	for _, lc := range c.logCaps.each() {
		if lc.value != nil && *lc.value <= 0 {
			bad("%s %d is not positive", lc.name, *lc.value)
		}
	}
	if c.requestCap != nil && *c.requestCap <= 0 {
		bad("request log cap %d is not positive", *c.requestCap)
	}
	if c.requestTotalCap != nil && *c.requestTotalCap <= 0 {
		bad("request log total cap %d is not positive", *c.requestTotalCap)
	}
	if c.activationDelay != nil && *c.activationDelay < 0 {
		bad("activation delay %v is negative", *c.activationDelay)
	}
	if err := c.rateLimit.Validate(); err != nil {
		bad("rate limit: %w", err)
	}
	if err := c.validateInventory(); err != nil {
		bad("%w", err)
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
	for _, lc := range c.logCaps.each() {
		if lc.value != nil {
			opts = append(opts, lc.option(*lc.value))
		}
	}
	if c.activationDelay != nil {
		opts = append(opts, webhook.WithActivationDelay(*c.activationDelay))
	}
	if c.httpClient != nil {
		opts = append(opts, webhook.WithHTTPClient(c.httpClient))
	}
	return opts
}

// requestCaps are the request log's caps; one not given is the default.
func (c *config) requestCaps() reqlog.Caps {
	var caps reqlog.Caps
	if c.requestCap != nil {
		caps.PerStore = *c.requestCap
	}
	if c.requestTotalCap != nil {
		caps.Total = *c.requestTotalCap
	}
	return caps
}

// logCaps are the log-cap options given; nil keeps the engine's default.
type logCaps struct {
	events, eventsTotal, deliveries, deliveriesTotal           *int
	attempts, attemptsTotal, notifications, notificationsTotal *int
}

// logCap is one of them, with its name in errors and its engine option.
type logCap struct {
	name   string
	value  *int
	option func(int) webhook.Option
}

// each lists the caps.
func (l *logCaps) each() []logCap {
	return []logCap{
		{"event log cap", l.events, webhook.WithEventLogCap},
		{"event log total cap", l.eventsTotal, webhook.WithEventLogTotalCap},
		{"delivery log cap", l.deliveries, webhook.WithDeliveryLogCap},
		{"delivery log total cap", l.deliveriesTotal, webhook.WithDeliveryLogTotalCap},
		{"attempt log cap", l.attempts, webhook.WithAttemptLogCap},
		{"attempt log total cap", l.attemptsTotal, webhook.WithAttemptLogTotalCap},
		{"notification log cap", l.notifications, webhook.WithNotificationLogCap},
		{"notification log total cap", l.notificationsTotal, webhook.WithNotificationLogTotalCap},
	}
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

// senderID is a random name for one server's callbacks, so that the server
// knows them when an alias of its address brings them back.
func senderID() string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
