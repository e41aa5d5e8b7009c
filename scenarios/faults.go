package scenarios

import (
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/bcmock/bcmock/mock/adminapi"
)

// DeliveryFault is a delivery fault of a raise step (its events'
// deliveries) or of a setup hook (its next deliveries); see
// adminapi.FaultKind for what each does. In YAML it may be written as
// just the kind: "faults: [duplicate, forged_signature]".
type DeliveryFault struct {
	// Kind is duplicate, reorder, delay, burst or forged_signature.
	// Required.
	Kind string `yaml:"kind"`
	// Count bounds a hook's fault to that many deliveries (reorder: groups);
	// 0 or left out: every delivery of the run. Hooks only.
	Count int `yaml:"count,omitempty"`
	// After is a delay's wait after the raise (required), or a duplicate's
	// wait after the previous delivery's first attempt ended (default 0s).
	After Duration `yaml:"after,omitempty"`
	// Copies is a duplicate's number of copies (default 1), or a burst's
	// number of deliveries at once, the original included (default 2).
	Copies int `yaml:"copies,omitempty"`
	// Events is a reorder group's size. Default: the raise step's count
	// when it is above 1, else 2.
	Events int `yaml:"events,omitempty"`
	// Hold is how long a reorder group waits to fill (default 1m).
	Hold Duration `yaml:"hold,omitempty"`
	// Signature is a forgery's kind: wrong_secret (default) or missing.
	Signature string `yaml:"signature,omitempty"`
}

// setScalar reads "faults: [duplicate]".
func (f *DeliveryFault) setScalar(_ *decoder, n *yaml.Node, _ string) { f.Kind = n.Value }

// Wire returns the fault as the control API takes it.
func (f DeliveryFault) Wire() adminapi.Fault {
	return adminapi.Fault{
		Kind: adminapi.FaultKind(f.Kind), Count: f.Count, Copies: f.Copies, Events: f.Events,
		AfterSeconds: time.Duration(f.After).Seconds(), HoldSeconds: time.Duration(f.Hold).Seconds(),
		Signature: f.Signature,
	}
}

// Fault selectors of a delivery expectation besides the kinds.
const (
	// FaultNone selects deliveries no fault shaped.
	FaultNone = "none"
	// FaultGenuine selects deliveries with a genuine signature: every one
	// but a forged_signature's.
	FaultGenuine = "genuine"
)

// SelectsFault reports whether a delivery or attempt whose Fault field is
// label passes the fault selector sel: a kind, FaultNone, FaultGenuine,
// or "" for all.
func SelectsFault(sel, label string) bool {
	kinds := strings.Split(label, "+")
	switch sel {
	case "":
		return true
	case FaultNone:
		return label == ""
	case FaultGenuine:
		return !slices.Contains(kinds, string(adminapi.FaultForgedSignature))
	}
	return slices.Contains(kinds, sel)
}

// Answer is what every attempt of the selected deliveries must have got
// from the receiver. In YAML it may be written as just the status:
// "answer: 401" or "answer: 2xx".
type Answer struct {
	// Status is an HTTP status (401) or a class (2xx, 4xx).
	Status string `yaml:"status,omitempty"`
	// Within bounds each attempt's duration: the wall time of the HTTP
	// exchange the mock measured, under a fake clock too.
	Within Duration `yaml:"within,omitempty"`
}

// setScalar reads "answer: 401".
func (a *Answer) setScalar(_ *decoder, n *yaml.Node, _ string) { a.Status = n.Value }

// Matches reports whether an attempt's status and duration satisfy a.
func (a Answer) Matches(status int, took time.Duration) bool {
	if a.Within > 0 && took > time.Duration(a.Within) {
		return false
	}
	s := strconv.Itoa(status)
	switch {
	case a.Status == "":
		return true
	case strings.HasSuffix(a.Status, "xx"):
		return status != 0 && s[:1] == a.Status[:1]
	}
	return s == a.Status
}

// String describes a, e.g. "2xx within 2s".
func (a Answer) String() string {
	out := a.Status
	if out == "" {
		out = "any status"
	}
	if a.Within > 0 {
		out += " within " + a.Within.String()
	}
	return out
}

// statusPattern is what an answer's status may be.
var statusPattern = regexp.MustCompile(`^[1-5]([0-9][0-9]|xx)$`)

// faultKinds returns the fault kinds' names.
func faultKinds() []string {
	out := make([]string, len(adminapi.FaultKinds))
	for i, k := range adminapi.FaultKinds {
		out[i] = string(k)
	}
	return out
}

// yamlOption renames a control API option to its key in the format.
var yamlOption = strings.NewReplacer("after_seconds", "after", "hold_seconds", "hold")

// faults checks a list of faults at path (…faults); onHook allows count.
func (c *checker) faults(path string, faults []DeliveryFault, onHook bool) {
	wire := make([]adminapi.Fault, 0, len(faults))
	for i, f := range faults {
		at := index(path, i)
		if !slices.Contains(adminapi.FaultKinds, adminapi.FaultKind(f.Kind)) {
			c.add(at+".kind", "unknown fault "+strconv.Quote(f.Kind)+"; the faults are "+oneOf(faultKinds()),
				c.hint(func() string { return didYouMean("", closest(f.Kind, faultKinds())) }))
			return
		}
		if f.Count != 0 && !onHook {
			c.add(at+".count", "count goes with a hook's faults; a raise's faults apply to all its events", "leave count out, or attach the fault to the hook in setup.hooks")
			return
		}
		wire = append(wire, f.Wire())
	}
	p := adminapi.CheckFaults(wire)
	if p == nil {
		return
	}
	at := index(path, p.Index)
	if p.Field != "" {
		at += "." + yamlOption.Replace(p.Field)
	}
	msg, hint, _ := strings.Cut(yamlOption.Replace(p.Message), "; ")
	c.add(at, msg, hint)
}

// faultSelector checks a delivery expectation's fault selector.
func (c *checker) faultSelector(path, fault string) {
	values := append(faultKinds(), FaultNone, FaultGenuine)
	if fault == "" || slices.Contains(values, fault) {
		return
	}
	c.add(path, "unknown fault "+strconv.Quote(fault)+"; select "+oneOf(values),
		c.hint(func() string { return didYouMean("", closest(fault, values)) }))
}

// answer checks an answer condition.
func (c *checker) answer(path string, a *Answer) {
	if a == nil {
		return
	}
	if a.Status == "" && a.Within == 0 {
		c.add(path, "answer needs status, within or both", "write answer: 2xx, or answer: {status: 2xx, within: 2s}")
		return
	}
	c.statusCondition(path+".status", a.Status)
	if a.Within < 0 {
		c.add(path+".within", "within must be positive, got "+a.Within.String(), "")
	}
}

// status checks a status or class condition ("" is none).
func (c *checker) statusCondition(path, status string) {
	if status == "" || statusPattern.MatchString(status) {
		return
	}
	hint := "write an HTTP status such as 401, or a class such as 2xx"
	if lower := strings.ToLower(status); lower != status && statusPattern.MatchString(lower) {
		hint = "write " + strconv.Quote(lower)
	}
	c.add(path, strconv.Quote(status)+" is not a status (100 to 599) or a class (1xx to 5xx)", hint)
}

// MarshalYAML writes an answer in its shortest form: "401", "2xx", or a
// mapping with a numeric status as a number.
func (a Answer) MarshalYAML() (any, error) {
	var status any = a.Status
	if n, err := strconv.Atoi(a.Status); err == nil {
		status = n
	}
	if a.Within == 0 {
		return status, nil
	}
	return struct {
		Status any      `yaml:"status,omitempty"`
		Within Duration `yaml:"within"`
	}{status, a.Within}, nil
}

// MarshalYAML writes a fault with no options as just its kind.
func (f DeliveryFault) MarshalYAML() (any, error) {
	if f == (DeliveryFault{Kind: f.Kind}) {
		return f.Kind, nil
	}
	type plain DeliveryFault // the same fields without this method
	return plain(f), nil
}
