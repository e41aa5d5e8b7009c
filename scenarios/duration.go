package scenarios

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Duration is a time.Duration written the friendly way in YAML: "250ms",
// "2m", "49h", "1h30m". A unit is required ("250" is refused as
// ambiguous); Go's units stop at hours, so two days is "48h".
type Duration time.Duration

// String formats d without zero units: "49h", "1h30m", "250ms", "0s".
func (d Duration) String() string {
	s := time.Duration(d).String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

// MarshalYAML writes d as its String form.
func (d Duration) MarshalYAML() (any, error) { return d.String(), nil }

// ParseDuration reads a duration the way scenario files write them: a Go
// duration with a unit on every number ("90s", "1h30m", "250ms"). "0" is
// accepted; any other bare number, and days ("2d"), are refused with a
// message saying what to write instead.
func ParseDuration(text string) (Duration, error) {
	d, err := readDuration(text)
	if err != nil {
		return 0, fmt.Errorf("parse duration: %w", err)
	}
	return d, nil
}

// readDuration is ParseDuration with errors worded for a problem list.
func readDuration(text string) (Duration, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, errors.New("empty duration")
	}
	if text != "0" && isNumber(text) {
		return 0, fmt.Errorf("%q has no unit: write %q or %q", text, text+"s", text+"ms")
	}
	d, err := time.ParseDuration(text)
	if err == nil {
		return Duration(d), nil
	}
	if n, ok := strings.CutSuffix(text, "d"); ok && isNumber(n) {
		if days, err := strconv.Atoi(n); err == nil && days < 1e5 {
			return 0, fmt.Errorf("durations stop at hours: write %q", strconv.Itoa(days*24)+"h")
		}
	}
	return 0, fmt.Errorf("%q is not a duration such as 250ms, 90s, 2m or 49h", text)
}

// isNumber reports whether s is a decimal number, with an optional sign
// and fraction.
func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && strings.Trim(s, "+-.0123456789") == ""
}

// Schedule is a retry ladder: the delays between successive attempts of a
// delivery, as webhook.Schedule. n delays give n+1 attempts.
//
// In YAML it is a list of durations ([60s, 3m, 5m]), the same as one string
// ("60s,3m,5m"), or "none" for no retries. Encode writes a list, or "none"
// for an empty schedule. A nil Schedule is "not set": Validate replaces it
// with DefaultSchedule.
type Schedule []Duration

// DefaultSchedule is BigCommerce's documented ladder: 11 retries, the last
// attempt 48 h 4 min after the first.
var DefaultSchedule = Schedule{
	Duration(60 * time.Second), Duration(180 * time.Second), Duration(300 * time.Second),
	Duration(600 * time.Second), Duration(900 * time.Second), Duration(1800 * time.Second),
	Duration(3600 * time.Second), Duration(7200 * time.Second), Duration(21600 * time.Second),
	Duration(50400 * time.Second), Duration(86400 * time.Second),
}

// noRetries is the text of an empty Schedule.
const noRetries = "none"

// Attempts returns the number of attempts a delivery gets: len(s)+1.
func (s Schedule) Attempts() int { return len(s) + 1 }

// Offsets returns each attempt's time after the first attempt: 0, then the
// running sums of the delays.
func (s Schedule) Offsets() []Duration {
	out := make([]Duration, 0, s.Attempts())
	var sum Duration
	out = append(out, 0)
	for _, d := range s {
		sum += d
		out = append(out, sum)
	}
	return out
}

// String formats s as the comma-separated text form, or "none".
func (s Schedule) String() string {
	if len(s) == 0 {
		return noRetries
	}
	parts := make([]string, len(s))
	for i, d := range s {
		parts[i] = d.String()
	}
	return strings.Join(parts, ",")
}

// IsZero reports whether s is unset (nil), so that an empty schedule ("no
// retries") survives omitempty when encoded.
func (s Schedule) IsZero() bool { return s == nil }

// MarshalYAML writes s as a flow list of durations, or "none".
func (s Schedule) MarshalYAML() (any, error) {
	if len(s) == 0 {
		return noRetries, nil
	}
	n := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, d := range s {
		n.Content = append(n.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: d.String()})
	}
	return n, nil
}
