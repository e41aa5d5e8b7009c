package scenarios

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// ErrInvalid is what every Problems error matches with errors.Is, so a
// caller can tell a bad scenario from a file that could not be read.
var ErrInvalid = errors.New("invalid scenario")

// Problem is one thing wrong with a scenario: where it is, what is wrong,
// and, when bcmock can guess, what was meant.
type Problem struct {
	// File is the name given to Parse or Load; empty for a Scenario built in
	// Go.
	File string
	// Line and Column locate the offending key or value, both 1-based. They
	// are 0 when the scenario was not parsed from YAML.
	Line, Column int
	// Path names the value in the document, e.g. "setup.hooks[0].scope";
	// empty for the document itself.
	Path string
	// Message says what is wrong, e.g. `"store/order/statusUpdate" is not
	// an event BigCommerce documents`.
	Message string
	// Hint suggests a fix, e.g. `did you mean "store/order/statusUpdated"?`;
	// empty when there is nothing to suggest.
	Hint string
}

// String formats p as "file:line:col: path: message; hint", leaving out
// the parts that are unknown.
func (p Problem) String() string {
	var b strings.Builder
	if loc := p.location(); loc != "" {
		b.WriteString(loc)
		b.WriteString(": ")
	}
	if p.Path != "" {
		b.WriteString(p.Path)
		b.WriteString(": ")
	}
	b.WriteString(p.Message)
	if p.Hint != "" {
		b.WriteString("; ")
		b.WriteString(p.Hint)
	}
	return b.String()
}

// location is "file:line:col", "file" or "line:col", whichever is known.
func (p Problem) location() string {
	return Position{File: p.File, Line: p.Line, Column: p.Column}.String()
}

// Position is where a value sits in a scenario file.
type Position struct {
	// File is the file's name; empty when unknown.
	File string
	// Line and Column are 1-based; 0 when unknown.
	Line, Column int
}

// String formats p as "file:line:col", leaving out what is unknown.
func (p Position) String() string {
	pos := ""
	if p.Line > 0 {
		pos = strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column)
	}
	switch {
	case p.File != "" && pos != "":
		return p.File + ":" + pos
	case p.File != "":
		return p.File
	}
	return pos
}

// Problems is the error Parse, Load and Validate return: every problem
// found in one scenario, in file order. It matches ErrInvalid with
// errors.Is; use errors.As to get the list.
type Problems []Problem

// Error lists the problems one per line, after a count when there are
// several.
func (ps Problems) Error() string {
	switch len(ps) {
	case 0:
		return "no problems"
	case 1:
		return ps[0].String()
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d problems:", len(ps))
	for _, p := range ps {
		b.WriteString("\n")
		b.WriteString(p.String())
	}
	return b.String()
}

// Is reports whether target is ErrInvalid.
func (ps Problems) Is(target error) bool { return target == ErrInvalid }

// sorted returns ps in file order: by line and column, problems without a
// position last (by path), ties broken by message.
func (ps Problems) sorted() Problems {
	out := slices.Clone(ps)
	slices.SortStableFunc(out, func(a, b Problem) int {
		if (a.Line == 0) != (b.Line == 0) {
			if a.Line == 0 {
				return 1
			}
			return -1
		}
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column),
			cmp.Compare(a.Path, b.Path), cmp.Compare(a.Message, b.Message))
	})
	return slices.CompactFunc(out, func(a, b Problem) bool { return a == b })
}

// finish returns ps sorted, at most maxProblems of them, ending with a
// note at the last one's position when some were left out; or nil when
// there are none, so that callers never return a typed nil error.
func (ps Problems) finish(truncated bool) error {
	if len(ps) == 0 {
		return nil
	}
	out := ps.sorted()
	if len(out) > maxProblems {
		out, truncated = out[:maxProblems], true
	}
	if truncated {
		last := out[len(out)-1]
		out = append(out, Problem{File: last.File, Line: last.Line, Column: last.Column,
			Message: "more problems are not listed", Hint: "fix these first"})
	}
	return out
}
