package webhook

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Schedule is a retry ladder: the delays between successive attempts of one
// delivery. A Schedule of n delays allows n+1 attempts; an empty Schedule
// allows one attempt and no retries. It is a pure value with no clock, so it
// can be table-tested and set from a --retry-schedule flag.
type Schedule []time.Duration

// DefaultSchedule is BigCommerce's documented ladder: 11 retries, 12
// attempts, the last one 173,040 s (48 h 4 min) after the first.
var DefaultSchedule = Schedule{
	60 * time.Second,
	180 * time.Second,
	300 * time.Second,
	600 * time.Second,
	900 * time.Second,
	1800 * time.Second,
	3600 * time.Second,
	7200 * time.Second,
	21600 * time.Second,
	50400 * time.Second,
	86400 * time.Second,
}

// ErrInvalidSchedule reports a schedule that cannot be used: a delay that is
// zero, negative or unparsable.
var ErrInvalidSchedule = errors.New("invalid retry schedule")

// noRetries is the text form of an empty Schedule.
const noRetries = "none"

// Delay returns how long to wait after attempt number attempt (1-based)
// before the next attempt. It reports false when attempt was the last one
// allowed, or when attempt is below 1.
func (s Schedule) Delay(attempt int) (time.Duration, bool) {
	if attempt < 1 || attempt > len(s) {
		return 0, false
	}
	return s[attempt-1], true
}

// Attempts returns how many attempts a delivery gets in all: the first one
// plus one per delay.
func (s Schedule) Attempts() int { return len(s) + 1 }

// Offsets returns, for each attempt, its offset from the first attempt when
// every attempt happens exactly when due: 0, then the running sums of the
// delays.
func (s Schedule) Offsets() []time.Duration {
	out := make([]time.Duration, 0, s.Attempts())
	var sum time.Duration
	out = append(out, 0)
	for _, d := range s {
		sum += d
		out = append(out, sum)
	}
	return out
}

// Validate reports an error wrapping ErrInvalidSchedule if a delay is not
// positive. Zero delays would retry in the same instant, which the engine
// does not allow.
func (s Schedule) Validate() error {
	for i, d := range s {
		if d <= 0 {
			return fmt.Errorf("validate schedule: delay %d is %v: %w", i+1, d, ErrInvalidSchedule)
		}
	}
	return nil
}

// String formats s so that ParseSchedule reads it back: whole seconds as
// "60s", other delays in time.Duration notation, comma-separated; "none" for
// an empty Schedule.
func (s Schedule) String() string {
	if len(s) == 0 {
		return noRetries
	}
	parts := make([]string, len(s))
	for i, d := range s {
		if d%time.Second == 0 {
			parts[i] = strconv.FormatInt(int64(d/time.Second), 10) + "s"
		} else {
			parts[i] = d.String()
		}
	}
	return strings.Join(parts, ",")
}

// ParseSchedule reads a comma-separated list of delays such as "60s,3m,1h".
// A bare integer counts as seconds ("60,180"). "none" gives an empty
// Schedule: one attempt, no retries. Every delay must be positive.
func ParseSchedule(text string) (Schedule, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, fmt.Errorf("parse schedule: empty text: %w", ErrInvalidSchedule)
	}
	if strings.EqualFold(text, noRetries) {
		return Schedule{}, nil
	}
	fields := strings.Split(text, ",")
	s := make(Schedule, 0, len(fields))
	for _, f := range fields {
		d, err := parseDelay(strings.TrimSpace(f))
		if err != nil {
			return nil, fmt.Errorf("parse schedule: %w", err)
		}
		s = append(s, d)
	}
	if err := s.Validate(); err != nil {
		return nil, fmt.Errorf("parse schedule: %w", err)
	}
	return s, nil
}

// parseDelay reads one delay: a Go duration or a bare number of seconds.
func parseDelay(f string) (time.Duration, error) {
	if n, err := strconv.ParseInt(f, 10, 64); err == nil {
		if n > int64(time.Duration(1<<63-1)/time.Second) {
			return 0, fmt.Errorf("read delay %q: too large: %w", f, ErrInvalidSchedule)
		}
		return time.Duration(n) * time.Second, nil
	}
	d, err := time.ParseDuration(f)
	if err != nil {
		return 0, fmt.Errorf("read delay %q: %w", f, errors.Join(err, ErrInvalidSchedule))
	}
	return d, nil
}
