package bigcommerce

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Schedule is a retry ladder: the delays between successive attempts of one
// delivery. A Schedule of n delays allows n+1 attempts; an empty Schedule
// allows one attempt and no retries. It is a pure value with no clock, so
// it can be table-tested, and it is the one ladder type of bcmock: the
// engine, the command line, the scenario format and the container options
// all take it.
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

// ErrInvalidSchedule reports a schedule that cannot be used: a delay that
// is zero, negative or unparsable.
var ErrInvalidSchedule = errors.New("invalid retry schedule")

// NoRetries is the text form of an empty Schedule.
const NoRetries = "none"

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
// positive: a zero delay would retry in the same instant. ParseSchedule
// and ParseDelay already refuse such delays; Validate is for schedules
// built in Go.
func (s Schedule) Validate() error {
	for i, d := range s {
		if err := checkDelay(d); err != nil {
			return fmt.Errorf("delay %d: %w", i+1, err)
		}
	}
	return nil
}

// String formats s so that ParseSchedule reads it back: whole seconds as
// "60s", other delays in time.Duration notation, comma-separated; "none"
// for an empty Schedule.
func (s Schedule) String() string {
	if len(s) == 0 {
		return NoRetries
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

// ParseSchedule reads a comma-separated list of delays such as "60s,3m,1h",
// each as ParseDelay reads it; "none" (in any case) gives an empty
// Schedule: one attempt, no retries. Errors wrap ErrInvalidSchedule; bad
// delays give a *ScheduleError naming each of them.
func ParseSchedule(text string) (Schedule, error) {
	if strings.TrimSpace(text) == "" {
		return nil, problem{"empty retry schedule: write delays such as 60s,3m or " + NoRetries, ErrInvalidSchedule}
	}
	if strings.EqualFold(strings.TrimSpace(text), NoRetries) {
		return Schedule{}, nil
	}
	s := Schedule{}
	var bad []DelayError
	offset := 0
	for i, item := range strings.Split(text, ",") {
		d, err := ParseDelay(item)
		if err != nil {
			at := offset + len(item) - len(strings.TrimLeft(item, " \t"))
			bad = append(bad, DelayError{Index: i, Offset: at, Err: err})
		}
		s = append(s, d)
		offset += len(item) + 1
	}
	if bad != nil {
		return nil, &ScheduleError{Text: text, Delays: len(s), Bad: bad}
	}
	return s, nil
}

// ParseDelay reads one delay of a retry ladder: a duration as
// ParseDuration reads it, which must be positive.
func ParseDelay(text string) (time.Duration, error) {
	d, err := ParseDuration(text)
	if err != nil {
		return 0, err
	}
	return d, checkDelay(d)
}

// checkDelay is the one rule on a delay: it must be positive.
func checkDelay(d time.Duration) error {
	if d <= 0 {
		return problem{"a retry delay must be positive, got " + d.String(), ErrInvalidSchedule}
	}
	return nil
}

// ScheduleError is ParseSchedule's error: the text and each bad delay in
// it, so a caller can point at them.
type ScheduleError struct {
	// Text is the schedule as given.
	Text string
	// Delays counts the delays in Text, good and bad.
	Delays int
	// Bad holds one entry per delay that did not parse, in order.
	Bad []DelayError
}

// DelayError is one bad delay of a schedule's text.
type DelayError struct {
	// Index is the delay's place in the list, from 0.
	Index int
	// Offset is the byte offset of the delay's first character in the text.
	Offset int
	// Err says what is wrong, in the words of ParseDelay.
	Err error
}

func (e *ScheduleError) Error() string {
	parts := make([]string, len(e.Bad))
	for i, b := range e.Bad {
		parts[i] = "delay " + strconv.Itoa(b.Index+1) + ": " + b.Err.Error()
	}
	return strings.Join(parts, "; ")
}

// Unwrap lets errors.Is find ErrInvalidSchedule and the delays' errors.
func (e *ScheduleError) Unwrap() []error {
	out := []error{ErrInvalidSchedule}
	for _, b := range e.Bad {
		out = append(out, b.Err)
	}
	return out
}
