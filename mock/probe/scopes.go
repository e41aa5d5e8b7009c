package probe

import (
	"fmt"
	"slices"
	"strings"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// unhandledCandidates are events an app is unlikely to handle, for the
// unhandled-scope check: the first that no requested scope covers is sent.
var unhandledCandidates = []string{
	"store/subscriber/created",
	"store/shipment/created",
	"store/information/updated",
	"store/brand/metafield/created",
	"store/channel/1/socialMediaLinks/updated",
}

// resolve turns the requested scopes into the events of the genuine
// callbacks: a concrete event as given, a family or wildcard as one event
// per family it covers. Events are distinct, in the order requested.
func resolve(scopes []string) ([]string, error) {
	var out []string
	add := func(ev string) {
		if !slices.Contains(out, ev) {
			out = append(out, ev)
		}
	}
	families := bigcommerce.Families()
	for _, s := range scopes {
		switch {
		case slices.Contains(families, s):
			for _, ev := range perFamily(func(ev string) bool { f, _ := bigcommerce.Family(ev); return f == s }, 1) {
				add(ev)
			}
		case bigcommerce.KnownEvent(s):
			add(s)
		case bigcommerce.IsWildcard(s) && bigcommerce.Known(s):
			_, channel := bigcommerce.Template(s)
			for _, ev := range perFamily(func(ev string) bool { return bigcommerce.Matches(s, ev) }, max(channel, 1)) {
				add(ev)
			}
		default:
			return nil, &ConfigError{Field: "scopes", Problem: unknownScope(s)}
		}
	}
	if len(out) == 0 {
		return nil, &ConfigError{Field: "scopes", Problem: fmt.Sprintf("%s cover no event", strings.Join(scopes, ", "))}
	}
	return out, nil
}

// unknownScope says why s is neither a family nor a documented scope.
func unknownScope(s string) string {
	if s == "" {
		return "empty scope"
	}
	msg := fmt.Sprintf("%q is neither a family of events (such as order, cart) nor a documented scope", s)
	if strings.Contains(s, bigcommerce.ChannelPlaceholder) {
		return msg + fmt.Sprintf("; name the channel: %s", bigcommerce.Fill(s, 1))
	}
	if hint := bigcommerce.Suggest(s); hint != "" {
		msg += fmt.Sprintf("; did you mean %q?", hint)
	}
	return msg
}

// perFamily returns, for each family with an event that match accepts,
// one such event: its "created" event where there is one, else the first
// in sorted order. Channel events are named with channel.
func perFamily(match func(event string) bool, channel int) []string {
	var order []string
	chosen := map[string]string{}
	for _, t := range bigcommerce.Events() {
		ev := t
		if bigcommerce.IsTemplated(t) {
			ev = bigcommerce.Fill(t, channel)
		}
		if !match(ev) {
			continue
		}
		fam, _ := bigcommerce.Family(ev)
		prev, seen := chosen[fam]
		switch {
		case !seen:
			order = append(order, fam)
			chosen[fam] = ev
		case !strings.HasSuffix(prev, "/created") && strings.HasSuffix(ev, "/created"):
			chosen[fam] = ev
		}
	}
	out := make([]string, len(order))
	for i, fam := range order {
		out[i] = chosen[fam]
	}
	return out
}

// unhandled returns an event none of scopes covers, or "" when every
// candidate is covered.
func unhandled(scopes, events []string) string {
	for _, ev := range unhandledCandidates {
		if !covered(ev, scopes) && !slices.Contains(events, ev) {
			return ev
		}
	}
	return ""
}

// covered reports whether a requested scope covers ev.
func covered(ev string, scopes []string) bool {
	fam, _ := bigcommerce.Family(ev)
	for _, s := range scopes {
		if s == fam || bigcommerce.Matches(s, ev) {
			return true
		}
	}
	return false
}
