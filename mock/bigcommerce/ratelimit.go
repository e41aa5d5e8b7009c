package bigcommerce

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// The rate-limit headers BigCommerce sends on every REST response
// (bigcommerce-rest.md §4), and X-Retry-After on a 429.
const (
	HeaderRateWindow = "X-Rate-Limit-Time-Window-Ms"
	HeaderRateReset  = "X-Rate-Limit-Time-Reset-Ms"
	HeaderRateQuota  = "X-Rate-Limit-Requests-Quota"
	HeaderRateLeft   = "X-Rate-Limit-Requests-Left"
	// HeaderRetryAfter is the whole seconds until the quota refreshes,
	// on a 429 only.
	HeaderRetryAfter = "X-Retry-After"
)

// RateLimit is a store's request quota: Quota requests per Window, shared
// by every app (every token) of the store. The zero value means no limit.
type RateLimit struct {
	Quota  int
	Window time.Duration
}

// StandardPlan is BigCommerce's Standard and Plus plans' quota: 150
// requests per 30 seconds. Pro has 450 per 30 seconds.
var StandardPlan = RateLimit{Quota: 150, Window: 30 * time.Second}

// RateLimitOff is how "no limit" is written.
const RateLimitOff = "off"

// ErrInvalidRateLimit reports a rate limit ParseRateLimit cannot read.
var ErrInvalidRateLimit = errors.New("invalid rate limit")

// Off reports whether l sets no limit.
func (l RateLimit) Off() bool { return l.Quota == 0 }

// String writes l as ParseRateLimit reads it: "150/30s", or "off".
func (l RateLimit) String() string {
	if l.Off() {
		return RateLimitOff
	}
	return strconv.Itoa(l.Quota) + "/" + shortDuration(l.Window)
}

// Validate checks that l is off or has a positive quota and window.
func (l RateLimit) Validate() error {
	switch {
	case l == RateLimit{}:
		return nil
	case l.Quota < 1:
		return fmt.Errorf("%w: the quota must be at least 1, got %d", ErrInvalidRateLimit, l.Quota)
	case l.Window < time.Millisecond:
		return fmt.Errorf("%w: the window must be at least 1ms, got %v", ErrInvalidRateLimit, l.Window)
	}
	return nil
}

// ParseRateLimit reads "QUOTA/WINDOW" (for example "150/30s", the
// Standard plan) or "off".
func ParseRateLimit(text string) (RateLimit, error) {
	text = strings.TrimSpace(text)
	if strings.EqualFold(text, RateLimitOff) {
		return RateLimit{}, nil
	}
	q, w, ok := strings.Cut(text, "/")
	if !ok {
		return RateLimit{}, problem{fmt.Sprintf("%q: want QUOTA/WINDOW such as 150/30s, or off", text), ErrInvalidRateLimit}
	}
	quota, err := strconv.Atoi(strings.TrimSpace(q))
	if err != nil || quota < 1 {
		return RateLimit{}, problem{fmt.Sprintf("%q: the quota %q must be a whole number of requests, at least 1", text, q), ErrInvalidRateLimit}
	}
	window, err := ParseDuration(w)
	if err != nil {
		return RateLimit{}, problem{fmt.Sprintf("%q: the window: %v", text, err), ErrInvalidRateLimit}
	}
	l := RateLimit{Quota: quota, Window: window}
	if err := l.Validate(); err != nil {
		return RateLimit{}, problem{fmt.Sprintf("%q: the window must be at least 1ms", text), ErrInvalidRateLimit}
	}
	return l, nil
}

// shortDuration formats d without zero units: "30s", "1m", "1h30m".
func shortDuration(d time.Duration) string {
	s := d.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}
