package runner

import (
	"fmt"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/internal/text"
)

// String formats the failure over several lines: the condition, where it
// is written and what it is about; each mismatch with what was expected
// and what happened; then the deliveries seen with their attempts (store
// time after the first attempt, HTTP status, outcome, error).
func (f Failure) String() string {
	var b strings.Builder
	b.WriteString(f.Path)
	if pos := f.Pos.String(); pos != "" {
		b.WriteString(" (" + pos + ")")
	}
	b.WriteString(": " + f.Subject + "\n")
	for _, m := range f.Mismatches {
		fmt.Fprintf(&b, "  %s: expected %s, got %s\n", m.Key, m.Expected, m.Got)
	}
	if f.Note != "" {
		b.WriteString("  note: " + f.Note + "\n")
	}
	if len(f.Deliveries) > 0 {
		b.WriteString("  deliveries seen:\n")
		for _, d := range f.Deliveries {
			writeDelivery(&b, d, "    ")
		}
		if f.MoreDeliveries > 0 {
			fmt.Fprintf(&b, "    … and %s more\n", text.Plural(f.MoreDeliveries, "delivery"))
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// writeDelivery writes one delivery and its attempts, indented.
func writeDelivery(b *strings.Builder, d DeliverySeen, indent string) {
	fmt.Fprintf(b, "%sdelivery %d: %s to hook %s → %s: %s", indent, d.ID, d.Scope, d.Hook, d.Destination, d.Status)
	if d.Fault != "" {
		fmt.Fprintf(b, ", fault %s", d.Fault)
	}
	switch {
	case d.NextAttempt != nil && len(d.Attempts) > 0:
		fmt.Fprintf(b, ", next attempt at +%s", scenarios.Duration(*d.NextAttempt))
	case d.NextAttempt != nil:
		b.WriteString(", first attempt not made yet")
	}
	if d.Postponements > 0 {
		fmt.Fprintf(b, ", put off %s by the blocklist", text.Plural(d.Postponements, "time"))
	}
	b.WriteString("\n")
	if len(d.Attempts) == 0 {
		if d.LastError != "" {
			fmt.Fprintf(b, "%s  %s\n", indent, d.LastError)
		}
		return
	}
	var tb strings.Builder
	tw := tabwriter.NewWriter(&tb, 0, 0, 2, ' ', 0)
	for _, a := range d.Attempts {
		status := "-"
		if a.Status != 0 {
			status = strconv.Itoa(a.Status)
		}
		fmt.Fprintf(tw, "%s  attempt %d\t+%s\t%s\t%s\t%s\n", indent, a.Number, scenarios.Duration(a.Offset), status, a.Outcome, a.Error)
	}
	_ = tw.Flush()
	for _, line := range strings.Split(strings.TrimSuffix(tb.String(), "\n"), "\n") {
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
}

// Title names the step: "step 4 expect (file.yaml:40:5)".
func (r StepResult) Title() string {
	s := fmt.Sprintf("step %d %s", r.Number, r.Kind)
	if pos := r.Pos.String(); pos != "" {
		s += " (" + pos + ")"
	}
	return s
}

// Report explains a failed step over several lines: the step, then why it
// could not run or every condition that did not hold. It is empty for a
// step that did not fail.
func (r StepResult) Report() string {
	if !r.Failed() {
		return ""
	}
	var b strings.Builder
	b.WriteString(r.Title())
	if r.Summary != "" {
		b.WriteString(": " + r.Summary)
	}
	b.WriteString("\n")
	if r.Err != nil {
		b.WriteString("  could not run: " + r.Err.Error() + "\n")
	}
	for _, f := range r.Failures {
		b.WriteString(indent(f.String(), "  ") + "\n")
	}
	return b.String()
}

// Report explains a run that did not pass: why it could not be set up, or
// its failed step. It is empty for a run that passed.
func (r Result) Report() string {
	if r.Passed() {
		return ""
	}
	if r.Err != nil {
		return "could not run scenario " + r.Name + ": " + r.Err.Error() + "\n"
	}
	if s := r.FailedStep(); s != nil {
		return s.Report()
	}
	return ""
}

// indent prefixes every line of s.
func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}
