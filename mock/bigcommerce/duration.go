package bigcommerce

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ErrInvalidDuration is wrapped by every error of ParseDuration.
var ErrInvalidDuration = errors.New("invalid duration")

// ParseDuration reads a duration the one way bcmock takes them, on the
// command line, in environment variables and in scenario files: a Go
// duration with a unit on every number ("90s", "1h30m", "250ms"). "0" is
// accepted. Anything else is refused with a message saying what to write:
// a bare number is ambiguous ("5" -> "5s" or "5ms"), Go's units stop at
// hours ("2d" -> "48h"), and spelt-out units have a short form ("5min" ->
// "5m", "5secs" -> "5s", "2hrs" -> "2h"). The errors wrap
// ErrInvalidDuration and read as a line of a problem list, without a
// prefix.
func ParseDuration(text string) (time.Duration, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return 0, durationError("empty duration")
	}
	if text != "0" && isNumber(text) {
		return 0, durationError(fmt.Sprintf("%q has no unit: write %q or %q", text, text+"s", text+"ms"))
	}
	if d, err := time.ParseDuration(text); err == nil {
		return d, nil
	}
	if n, ok := strings.CutSuffix(text, "d"); ok && isNumber(n) {
		if days, err := strconv.Atoi(n); err == nil && days < 1e5 {
			return 0, durationError(fmt.Sprintf("durations stop at hours: write %q", strconv.Itoa(days*24)+"h"))
		}
	}
	if fixed, ok := shortUnits(text); ok {
		return 0, durationError(fmt.Sprintf("%q spells out its unit: write %q", text, fixed))
	}
	return 0, durationError(fmt.Sprintf("%q is not a duration such as 250ms, 90s, 2m or 49h", text))
}

// durationError is a ParseDuration problem.
func durationError(msg string) error { return problem{msg, ErrInvalidDuration} }

// problem is an error worded for a problem list: its text is msg alone,
// while errors.Is still finds kind.
type problem struct {
	msg  string
	kind error
}

func (p problem) Error() string { return p.msg }
func (p problem) Unwrap() error { return p.kind }

// unitPart is one number and its unit in a duration's text.
var unitPart = regexp.MustCompile(`([0-9.]+)([A-Za-z]+)`)

// longUnits are the spelt-out units people write, by their Go form.
var longUnits = map[string]string{
	"sec": "s", "secs": "s", "second": "s", "seconds": "s",
	"min": "m", "mins": "m", "minute": "m", "minutes": "m",
	"hr": "h", "hrs": "h", "hour": "h", "hours": "h",
	"msec": "ms", "msecs": "ms", "millisecond": "ms", "milliseconds": "ms",
}

// shortUnits rewrites text with Go's unit names ("1hr30mins" -> "1h30m")
// and reports whether that gives a valid duration.
func shortUnits(text string) (string, bool) {
	changed := false
	fixed := unitPart.ReplaceAllStringFunc(text, func(part string) string {
		m := unitPart.FindStringSubmatch(part)
		if short, ok := longUnits[strings.ToLower(m[2])]; ok {
			changed = true
			return m[1] + short
		}
		return part
	})
	if _, err := time.ParseDuration(fixed); !changed || err != nil {
		return "", false
	}
	return fixed, true
}

// isNumber reports whether s is a decimal number, with an optional sign
// and fraction.
func isNumber(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil && strings.Trim(s, "+-.0123456789") == ""
}
