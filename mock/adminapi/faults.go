package adminapi

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// FaultKind names a delivery fault: what the mock does to the callbacks
// of a hook or an event so that a test can see how the receiver copes.
type FaultKind string

// The delivery faults.
const (
	// FaultDuplicate delivers the event again as BigCommerce's duplicates
	// arrive: the same body and hash, a new webhook-id. Options: Copies
	// (default 1), AfterSeconds (each copy's first attempt that long after
	// the previous delivery's first attempt ended; default 0).
	FaultDuplicate FaultKind = "duplicate"
	// FaultReorder holds the hook's deliveries of Events events (default
	// 2) and releases them last first, each one's first attempt after the
	// previous one's ended. A group that does not fill within HoldSeconds
	// (default 60) is delivered as it is, in order.
	FaultReorder FaultKind = "reorder"
	// FaultDelay sends the first attempt AfterSeconds (required) after the
	// raise, on the mock's clock: with a fake clock, when it is advanced.
	FaultDelay FaultKind = "delay"
	// FaultBurst sends Copies deliveries of the event at once (default 2):
	// the original and duplicates, each with its own webhook-id.
	FaultBurst FaultKind = "burst"
	// FaultForgedSignature signs with a wrong secret (Signature
	// "wrong_secret", the default) or sends no webhook-signature
	// ("missing"). A forgery is attempted once: refused, it is not retried
	// and counts against nothing (no blocklist, exception or deactivation).
	FaultForgedSignature FaultKind = "forged_signature"
)

// FaultKinds lists the faults in their canonical order: the order of the
// kinds in a Delivery's or Attempt's Fault field.
var FaultKinds = []FaultKind{FaultDuplicate, FaultReorder, FaultDelay, FaultBurst, FaultForgedSignature}

// Forgeries of FaultForgedSignature.
const (
	ForgeWrongSecret = "wrong_secret"
	ForgeMissing     = "missing"
)

// Fault limits.
const (
	// MaxFaultCopies bounds Copies.
	MaxFaultCopies = 100
	// MaxReorderEvents bounds Events.
	MaxReorderEvents = 100
	// MaxFaultSeconds bounds AfterSeconds and HoldSeconds (7 days).
	MaxFaultSeconds = 7 * 24 * 3600
	// MaxHookFaults bounds the faults attached to one hook.
	MaxHookFaults = 16
)

// Fault is one delivery fault with its options; zero options take their
// defaults. Set on a hook (SetHookFaults), it applies to the hook's next
// deliveries, Count times (reorder: Count groups), or until cleared when
// Count is 0; carried by a raise (RaiseEventWithFaults), it applies to the
// event's deliveries instead of their hooks' faults.
type Fault struct {
	Kind         FaultKind `json:"kind"`
	Count        int       `json:"count,omitempty"`
	AfterSeconds float64   `json:"after_seconds,omitempty"`
	Copies       int       `json:"copies,omitempty"`
	Events       int       `json:"events,omitempty"`
	HoldSeconds  float64   `json:"hold_seconds,omitempty"`
	Signature    string    `json:"signature,omitempty"`
}

// HookFault is a fault attached to a hook, with what is left of its count
// (0: until cleared).
type HookFault struct {
	Fault Fault `json:"fault"`
	Left  int   `json:"left"`
}

// HookFaults are the faults attached to one hook
// (GET/PUT/DELETE /__bcmock/stores/{store_hash}/hooks/{hook_id}/faults).
type HookFaults struct {
	StoreHash string      `json:"store_hash"`
	HookID    int         `json:"hook_id"`
	Faults    []HookFault `json:"faults"`
}

// FaultProblem is what is wrong with one fault of a list: Field names the
// option ("kind", "copies", ...; "" for the fault as a whole).
type FaultProblem struct {
	Index   int
	Field   string
	Message string
}

// Path returns the problem's place in a request body: "faults[1].copies".
func (p *FaultProblem) Path() string {
	path := "faults[" + strconv.Itoa(p.Index) + "]"
	if p.Field != "" {
		path += "." + p.Field
	}
	return path
}

func (p *FaultProblem) Error() string { return p.Path() + ": " + p.Message }

// CheckFaults returns the first problem of a fault list, or nil: an
// unknown kind (with the nearest kind as a hint), an option out of range
// or one the kind does not take, a kind given twice, or reorder with delay
// (both decide when the first attempt is due).
func CheckFaults(faults []Fault) *FaultProblem {
	seen := map[FaultKind]int{}
	for i, f := range faults {
		if p := checkFault(f); p != nil {
			p.Index = i
			return p
		}
		if j, ok := seen[f.Kind]; ok {
			return &FaultProblem{Index: i, Field: "kind", Message: fmt.Sprintf("%s is given twice (also faults[%d]); give it once, with all its options", f.Kind, j)}
		}
		seen[f.Kind] = i
	}
	_, reorder := seen[FaultReorder]
	if i, delay := seen[FaultDelay]; delay && reorder {
		return &FaultProblem{Index: i, Field: "kind", Message: "reorder and delay both decide when the first attempt is due; give one of them"}
	}
	return nil
}

// faultOptions lists the options each kind takes, besides kind and count.
var faultOptions = map[FaultKind][]string{
	FaultDuplicate:       {"copies", "after_seconds"},
	FaultReorder:         {"events", "hold_seconds"},
	FaultDelay:           {"after_seconds"},
	FaultBurst:           {"copies"},
	FaultForgedSignature: {"signature"},
}

// checkFault checks one fault.
func checkFault(f Fault) *FaultProblem {
	bad := func(field, format string, args ...any) *FaultProblem {
		return &FaultProblem{Field: field, Message: fmt.Sprintf(format, args...)}
	}
	if !slices.Contains(FaultKinds, f.Kind) {
		msg := fmt.Sprintf("unknown fault %q (the faults: %s)", f.Kind, kindList())
		if hint := nearestKind(string(f.Kind)); hint != "" {
			msg += fmt.Sprintf("; did you mean %q?", hint)
		}
		return bad("kind", "%s", msg)
	}
	set := map[string]bool{
		"copies": f.Copies != 0, "after_seconds": f.AfterSeconds != 0, "events": f.Events != 0,
		"hold_seconds": f.HoldSeconds != 0, "signature": f.Signature != "",
	}
	for _, opt := range []string{"copies", "after_seconds", "events", "hold_seconds", "signature"} {
		if set[opt] && !slices.Contains(faultOptions[f.Kind], opt) {
			return bad(opt, "%s does not take %s (it takes: count, %s)", f.Kind, opt, joinComma(faultOptions[f.Kind]))
		}
	}
	switch {
	case f.Count < 0:
		return bad("count", "%d is negative; give how many deliveries the fault applies to, or 0 for all until cleared", f.Count)
	case f.AfterSeconds < 0 || f.AfterSeconds > MaxFaultSeconds:
		return bad("after_seconds", "%v is out of range 0 to %d", f.AfterSeconds, MaxFaultSeconds)
	case f.HoldSeconds < 0 || f.HoldSeconds > MaxFaultSeconds:
		return bad("hold_seconds", "%v is out of range 0 to %d", f.HoldSeconds, MaxFaultSeconds)
	case f.Kind == FaultDelay && f.AfterSeconds == 0:
		return bad("after_seconds", "delay needs after_seconds above 0: how long after the raise the first attempt is due")
	case f.Kind == FaultDuplicate && (f.Copies < 0 || f.Copies > MaxFaultCopies):
		return bad("copies", "%d is out of range 1 to %d", f.Copies, MaxFaultCopies)
	case f.Kind == FaultBurst && (f.Copies < 0 || f.Copies == 1 || f.Copies > MaxFaultCopies):
		return bad("copies", "%d is out of range 2 to %d (the deliveries sent at once, the original included)", f.Copies, MaxFaultCopies)
	case f.Events < 0 || f.Events == 1 || f.Events > MaxReorderEvents:
		return bad("events", "%d is out of range 2 to %d", f.Events, MaxReorderEvents)
	case f.Signature != "" && f.Signature != ForgeWrongSecret && f.Signature != ForgeMissing:
		msg := fmt.Sprintf("%q is neither %s nor %s", f.Signature, ForgeWrongSecret, ForgeMissing)
		if hint := nearest(f.Signature, []string{ForgeWrongSecret, ForgeMissing}); hint != "" {
			msg += fmt.Sprintf("; did you mean %q?", hint)
		}
		return bad("signature", "%s", msg)
	}
	return nil
}

// nearestKind returns the fault kind nearest to s, or "" if none is near.
func nearestKind(s string) string {
	names := make([]string, len(FaultKinds))
	for i, k := range FaultKinds {
		names[i] = string(k)
	}
	return nearest(s, names)
}

// nearest returns the candidate within a third of its length (at least
// 2) edits of s, the closest first, or "".
func nearest(s string, candidates []string) string {
	best, bestD := "", -1
	for _, c := range candidates {
		d := bigcommerce.EditDistance(s, c)
		if d <= max(2, len(c)/3) && (bestD < 0 || d < bestD) {
			best, bestD = c, d
		}
	}
	return best
}

func kindList() string {
	names := make([]string, len(FaultKinds))
	for i, k := range FaultKinds {
		names[i] = string(k)
	}
	return joinComma(names)
}

func joinComma(s []string) string { return strings.Join(s, ", ") }

// RaiseEventWithFaults raises an event as RaiseEvent does, its deliveries
// shaped by faults instead of the faults of their hooks.
func (c *Client) RaiseEventWithFaults(ctx context.Context, storeHash, scope string, data any, faults []Fault) (Raised, error) {
	body := struct {
		Scope  string  `json:"scope"`
		Data   any     `json:"data,omitempty"`
		Faults []Fault `json:"faults,omitempty"`
	}{Scope: scope, Data: data, Faults: faults}
	var r Raised
	if err := c.do(ctx, http.MethodPost, "/stores/"+url.PathEscape(storeHash)+"/events", body, http.StatusCreated, &r); err != nil {
		return Raised{}, fmt.Errorf("raise event %s: %w", scope, err)
	}
	return r, nil
}

// hookFaultsPath is a hook's faults endpoint.
func hookFaultsPath(storeHash string, hookID int) string {
	return "/stores/" + url.PathEscape(storeHash) + "/hooks/" + strconv.Itoa(hookID) + "/faults"
}

// SetHookFaults attaches faults to a hook's next deliveries, replacing
// the ones it had; an empty list clears them.
func (c *Client) SetHookFaults(ctx context.Context, storeHash string, hookID int, faults []Fault) (HookFaults, error) {
	if faults == nil {
		faults = []Fault{}
	}
	body := struct {
		Faults []Fault `json:"faults"`
	}{faults}
	var out HookFaults
	if err := c.do(ctx, http.MethodPut, hookFaultsPath(storeHash, hookID), body, http.StatusOK, &out); err != nil {
		return HookFaults{}, fmt.Errorf("set faults of hook %d: %w", hookID, err)
	}
	return out, nil
}

// HookFaultsOf returns the faults attached to a hook, with their counts left.
func (c *Client) HookFaultsOf(ctx context.Context, storeHash string, hookID int) (HookFaults, error) {
	var out HookFaults
	if err := c.do(ctx, http.MethodGet, hookFaultsPath(storeHash, hookID), nil, http.StatusOK, &out); err != nil {
		return HookFaults{}, fmt.Errorf("get faults of hook %d: %w", hookID, err)
	}
	return out, nil
}

// ClearHookFaults detaches every fault from a hook.
func (c *Client) ClearHookFaults(ctx context.Context, storeHash string, hookID int) error {
	var out HookFaults
	if err := c.do(ctx, http.MethodDelete, hookFaultsPath(storeHash, hookID), nil, http.StatusOK, &out); err != nil {
		return fmt.Errorf("clear faults of hook %d: %w", hookID, err)
	}
	return nil
}
