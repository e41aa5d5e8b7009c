package probe

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// Verdict is how a check's line starts in the text report: PASS, FAIL,
// WARN (an advisory check failed) or SKIP.
func Verdict(c Check) string {
	switch {
	case c.Skipped:
		return "SKIP"
	case c.Passed:
		return "PASS"
	case !c.Required():
		return "WARN"
	}
	return "FAIL"
}

// Write writes the report for a person: a line per check with its
// verdict and what it wants, what was sent and what came back, and for a
// failure the reason and the fix; then the latency and the verdict.
func Write(w io.Writer, r Report) error {
	var b strings.Builder
	fmt.Fprintf(&b, "bcmock probe %s\n", r.URL)
	fmt.Fprintf(&b, "  events: %s (store %s, seed %d)\n", strings.Join(r.Events, ", "), r.StoreHash, r.Seed)
	fmt.Fprintf(&b, "  timeout %v, %s timed, signature checks %s\n\n", duration(r.TimeoutMS), plural(r.Count, "callback"), r.SignatureChecks)
	for _, c := range r.Checks {
		name := c.Name
		if !c.Required() {
			name += " (advisory)"
		}
		fmt.Fprintf(&b, "%s  %s: %s\n", Verdict(c), name, c.Title)
		field := func(label, text string) {
			if text != "" {
				fmt.Fprintf(&b, "      %-5s %s\n", label, text)
			}
		}
		field("sent", c.Sent)
		field("got", c.Got)
		if !c.Passed {
			field("why", c.Reason)
			field("fix", c.Fix)
		}
	}
	l := r.Latency
	if l.Samples > 0 {
		fmt.Fprintf(&b, "\nlatency over %s: p50 %v, p95 %v, max %v (timeout %v)\n",
			plural(l.Samples, "callback"), duration(l.P50MS), duration(l.P95MS), duration(l.MaxMS), duration(r.TimeoutMS))
	}
	fmt.Fprintf(&b, "\n%s\n", Summary(r))
	_, err := io.WriteString(w, b.String())
	return err
}

// Summary is the report's verdict in a line: "PASS: all 17 required
// checks passed" or "FAIL: 2 of 17 required checks failed: a, b", with the
// advisory warnings.
func Summary(r Report) string {
	required, warnings := 0, []string{}
	var failed []string
	for _, c := range r.Checks {
		switch {
		case c.Skipped:
		case c.Required():
			required++
			if !c.Passed {
				failed = append(failed, c.Name)
			}
		case !c.Passed:
			warnings = append(warnings, c.Name)
		}
	}
	var s string
	if len(failed) == 0 {
		s = fmt.Sprintf("PASS: all %d required checks passed", required)
	} else {
		s = fmt.Sprintf("FAIL: %d of %d required checks failed: %s", len(failed), required, strings.Join(failed, ", "))
	}
	if len(warnings) > 0 {
		s += fmt.Sprintf(" (%d advisory failed: %s)", len(warnings), strings.Join(warnings, ", "))
	}
	return s
}

// duration turns milliseconds back into a duration, shortened.
func duration(msec float64) time.Duration {
	return round(time.Duration(msec * float64(time.Millisecond)))
}

// plural counts n things: "1 callback", "2 callbacks".
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	return fmt.Sprintf("%d %ss", n, thing)
}
