package scenarios

import (
	"strconv"
	"strings"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// closest returns the candidate nearest to s by case-insensitive edit
// distance, or "" when none is close enough to be a plausible typo. A
// candidate that s begins ("deliver" for "deliveries") counts as close.
func closest(s string, candidates []string) string {
	ls := strings.ToLower(s)
	best, bestDist := "", min(3, len(s)/3+1)+1
	for _, c := range candidates {
		d := bigcommerce.EditDistance(ls, strings.ToLower(c))
		if d < bestDist {
			best, bestDist = c, d
		}
	}
	if best != "" || len(s) < 3 {
		return best
	}
	for _, c := range candidates {
		if strings.HasPrefix(strings.ToLower(c), ls) {
			return c
		}
	}
	return ""
}

// didYouMean formats a hint naming what, e.g. `did you mean receiver "app"?`,
// or returns "" when there is no suggestion. what may be empty.
func didYouMean(what, suggestion string) string {
	if suggestion == "" {
		return ""
	}
	if what != "" {
		what += " "
	}
	return "did you mean " + what + strconv.Quote(suggestion) + "?"
}

// maxListed bounds the values oneOf lists.
const maxListed = 10

// oneOf formats a list of allowed values for a message: `"real" or
// "fake"`, `"a", "b" or "c"`; beyond maxListed values, the rest are
// counted: `"a", "b", … or 5 more`.
func oneOf(values []string) string {
	shown := values[:min(len(values), maxListed)]
	quoted := make([]string, len(shown))
	for i, v := range shown {
		quoted[i] = strconv.Quote(v)
	}
	switch {
	case len(values) > maxListed:
		return strings.Join(quoted, ", ") + " or " + strconv.Itoa(len(values)-maxListed) + " more"
	case len(quoted) == 0:
		return "nothing"
	case len(quoted) == 1:
		return quoted[0]
	}
	return strings.Join(quoted[:len(quoted)-1], ", ") + " or " + quoted[len(quoted)-1]
}

// listOf joins values as "a, b or c", unquoted.
func listOf(values []string) string {
	if len(values) < 2 {
		return strings.Join(values, "")
	}
	return strings.Join(values[:len(values)-1], ", ") + " or " + values[len(values)-1]
}
