// Package scope knows every webhook scope BigCommerce documents and how a
// subscription scope matches an event.
//
// The list in scopes.txt holds the 179 concrete events and 22 wildcard
// subscriptions of BigCommerce's webhook reference (2026-04). Channel-scoped
// names are written with the placeholder {channel_id}; a hook or an event
// names a real channel ("store/channel/1/order/created").
package bigcommerce

import (
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

//go:embed scopes.txt
var scopesTxt string

// ChannelPlaceholder stands for a numeric channel id in templated scopes.
const ChannelPlaceholder = "{channel_id}"

// DeliveryException is the scope of BigCommerce's delivery-failure notices.
const DeliveryException = "store/hook/deliveryException"

// AppUninstalled is raised when an app is uninstalled from a store, and
// BigCommerce then deletes that app's webhooks in the store. Its data
// names no app: an app receives it only through its own hooks.
const AppUninstalled = "store/app/uninstalled"

const channelPrefix = "store/channel/"

var (
	templates    []string        // every documented scope, sorted, templated form
	lowered      []string        // templates in lower case, for Suggest
	templateSet  map[string]bool // same, as a set
	eventList    []string        // concrete events (no wildcard), templated form
	wildcardList []string        // subscriptions ending in /*, templated form
)

func init() {
	templateSet = make(map[string]bool)
	for _, line := range strings.Split(scopesTxt, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		templateSet[line] = true
		templates = append(templates, line)
		if IsWildcard(line) {
			wildcardList = append(wildcardList, line)
		} else {
			eventList = append(eventList, line)
		}
	}
	sort.Strings(templates)
	for _, t := range templates {
		lowered = append(lowered, strings.ToLower(t))
	}
	sort.Strings(eventList)
	sort.Strings(wildcardList)
}

// Events returns every concrete event scope in templated form, sorted.
// The caller may modify the returned slice.
func Events() []string { return append([]string(nil), eventList...) }

// Wildcards returns every wildcard subscription in templated form, sorted.
func Wildcards() []string { return append([]string(nil), wildcardList...) }

// All returns every documented scope (events and wildcards), sorted.
func All() []string { return append([]string(nil), templates...) }

// IsWildcard reports whether s is a wildcard subscription (ends in "/*").
// The literal "store/channel/*/inventory/..." event names are not wildcards.
func IsWildcard(s string) bool { return strings.HasSuffix(s, "/*") }

// Template turns a concrete channel scope into its templated form:
// "store/channel/12/order/created" becomes "store/channel/{channel_id}/order/created".
// The second result is the channel id, or 0 when s names none. Scopes that
// are not channel-scoped are returned unchanged.
func Template(s string) (string, int) {
	rest, ok := strings.CutPrefix(s, channelPrefix)
	if !ok {
		return s, 0
	}
	seg, tail, found := strings.Cut(rest, "/")
	if !found || seg == "" {
		return s, 0
	}
	id, err := strconv.Atoi(seg)
	if err != nil || id < 1 || strconv.Itoa(id) != seg {
		return s, 0
	}
	return channelPrefix + ChannelPlaceholder + "/" + tail, id
}

// Fill replaces {channel_id} in a templated scope with channel.
func Fill(template string, channel int) string {
	return strings.Replace(template, ChannelPlaceholder, strconv.Itoa(channel), 1)
}

// IsTemplated reports whether a templated scope needs a channel id.
func IsTemplated(template string) bool { return strings.Contains(template, ChannelPlaceholder) }

// Known reports whether s is a scope a hook may subscribe to: a documented
// event or wildcard, with any {channel_id} given as a number.
func Known(s string) bool {
	if strings.Contains(s, ChannelPlaceholder) {
		return false
	}
	t, _ := Template(s)
	return templateSet[t]
}

// KnownEvent reports whether s is a concrete event that can be raised
// (Known and not a wildcard).
func KnownEvent(s string) bool { return Known(s) && !IsWildcard(s) }

// Matches reports whether a hook subscribed to sub receives event.
//
// An exact scope matches itself. A wildcard "prefix/*" matches every event
// under "prefix/", so "store/cart/*" covers "store/cart/lineItem/created",
// as BigCommerce documents. Two choices where BigCommerce is silent:
// "store/channel/*" covers the store-level channel events (created, updated,
// metafield/...) but not the events of a given channel
// ("store/channel/1/order/created") nor the all-channel inventory events,
// which have subscriptions of their own; and a channel wildcard such as
// "store/channel/1/cart/*" covers only channel 1.
func Matches(sub, event string) bool {
	if sub == event {
		return true
	}
	prefix, ok := strings.CutSuffix(sub, "*")
	if !ok || !strings.HasSuffix(prefix, "/") {
		return false
	}
	if !strings.HasPrefix(event, prefix) {
		return false
	}
	if prefix == channelPrefix {
		next, _, _ := strings.Cut(strings.TrimPrefix(event, channelPrefix), "/")
		if next == "*" {
			return false
		}
		if _, err := strconv.Atoi(next); err == nil {
			return false
		}
	}
	return true
}

// Suggest returns the documented scope s most likely means, for "did you
// mean" hints: by meaning first (store/order/shipped is a
// store/shipment/created, store/product/changed a store/product/updated),
// else the closest by spelling; or "" when nothing is reasonably close.
// The API's 422 answers and the scenario validator both hint with it.
func Suggest(s string) string {
	if m := byMeaning(s); m != "" {
		return m
	}
	t, ch := Template(s)
	lt := strings.ToLower(t)
	best, bestDist := "", len(t)/2+1
	rows := make([]int, 2*(len(lt)+1))
	for i, cand := range lowered {
		if abs(len(cand)-len(lt)) >= bestDist {
			continue // the distance is at least the length difference
		}
		if d := distance(cand, lt, rows); d < bestDist {
			best, bestDist = templates[i], d
		}
	}
	if best != "" && IsTemplated(best) {
		if ch == 0 {
			ch = 1
		}
		best = Fill(best, ch)
	}
	return best
}

// EditDistance is the Levenshtein distance between a and b, in bytes. It
// ranks "did you mean" hints, here and in the scenario format.
func EditDistance(a, b string) int {
	return distance(a, b, make([]int, 2*(len(b)+1)))
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// distance is the Levenshtein edit distance between a and b; rows is
// scratch space of at least 2*(len(b)+1) ints.
func distance(a, b string, rows []int) int {
	prev, cur := rows[:len(b)+1], rows[len(b)+1:2*(len(b)+1)]
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// Errors of CheckEvent, for errors.Is.
var (
	// ErrUnknownScope means the scope is not a documented event.
	ErrUnknownScope = errors.New("unknown event scope")
	// ErrTemplatedScope means a channel scope still holds {channel_id}.
	ErrTemplatedScope = errors.New("scope needs a channel id")
	// ErrWildcardScope means the scope is a subscription ending in "/*",
	// which hooks may subscribe to but which cannot be raised.
	ErrWildcardScope = errors.New("wildcard scope is not an event")
)

// ScopeError says why a scope cannot be raised as an event. It matches
// ErrUnknownScope, ErrTemplatedScope or ErrWildcardScope with errors.Is.
type ScopeError struct {
	// Scope is the scope as given.
	Scope string
	// Reason says what is wrong and what to write instead.
	Reason string
	kind   error
}

func (e *ScopeError) Error() string { return e.Reason }

// Is reports whether target is the kind of problem e is.
func (e *ScopeError) Is(target error) bool { return target == e.kind }

// CheckEvent explains, as a *ScopeError, why eventScope is not a concrete
// documented event, or returns nil.
func CheckEvent(eventScope string) error {
	fail := func(kind error, format string, args ...any) error {
		return &ScopeError{Scope: eventScope, Reason: fmt.Sprintf(format, args...), kind: kind}
	}
	switch {
	case KnownEvent(eventScope):
		return nil
	case eventScope == "":
		return fail(ErrUnknownScope, "the scope is empty; name an event such as %q", "store/order/created")
	case IsTemplated(eventScope):
		return fail(ErrTemplatedScope, "%q needs a channel id in place of %s, e.g. %q", eventScope, ChannelPlaceholder, Fill(eventScope, 1))
	case Known(eventScope) && IsWildcard(eventScope):
		return fail(ErrWildcardScope, "%q is a wildcard subscription; raise one concrete event", eventScope)
	}
	if hint := Suggest(eventScope); hint != "" && !IsWildcard(hint) {
		return fail(ErrUnknownScope, "%q is not an event BigCommerce documents; did you mean %q?", eventScope, hint)
	}
	return fail(ErrUnknownScope, "%q is not an event BigCommerce documents", eventScope)
}
