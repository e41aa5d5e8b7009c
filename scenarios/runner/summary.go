package runner

import (
	"strconv"
	"strings"

	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/internal/text"
)

// summarize says in a few words what a step does.
func summarize(st scenarios.Step) string {
	switch {
	case st.Raise != nil:
		r := st.Raise
		s := r.Scope
		if r.Count > 1 {
			s += " ×" + strconv.Itoa(r.Count)
		}
		var flags []string
		if r.Duplicate {
			flags = append(flags, "duplicated")
		}
		if r.OutOfOrder {
			flags = append(flags, "out of order")
		}
		for _, f := range r.Faults {
			flags = append(flags, strings.ReplaceAll(f.Kind, "_", " "))
		}
		if len(flags) > 0 {
			s += " (" + strings.Join(flags, ", ") + ")"
		}
		return s
	case st.Action != nil:
		s := st.Action.Name
		if st.Action.OutOfOrder {
			s += " (out of order)"
		}
		return s
	case st.Advance != nil:
		return st.Advance.String()
	case st.Wait != nil:
		return "until " + conditions(st.Wait.Until) + ", at most " + st.Wait.Timeout.String()
	case st.Hook != nil:
		op, name := st.Hook.Op()
		return op + " " + name
	case st.Expect != nil:
		return conditions(*st.Expect)
	}
	return ""
}

// conditions counts the conditions of an expectation.
func conditions(e scenarios.Expect) string {
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, text.Plural(n, what))
		}
	}
	add(len(e.Deliveries), "delivery condition")
	add(len(e.Hooks), "hook condition")
	add(len(e.Blocklist), "blocklist condition")
	add(len(e.Exceptions), "exception condition")
	add(len(e.Requests), "request condition")
	return strings.Join(parts, ", ")
}
