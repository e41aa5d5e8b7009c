// Package text holds the wording helpers of the scenario format's
// messages, shared by package scenarios and its runner. It is internal:
// how a message counts things is no part of the format's API.
package text

import (
	"strconv"
	"strings"
)

// Plural formats a count of things: "1 attempt", "3 attempts",
// "2 deliveries".
func Plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	if stem, ok := strings.CutSuffix(thing, "y"); ok {
		return strconv.Itoa(n) + " " + stem + "ies"
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
