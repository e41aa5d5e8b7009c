package scenarios

import (
	"errors"
	"reflect"
	"strconv"
	"strings"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"go.yaml.in/yaml/v3"
)

// This file holds the YAML forms of the types that are more than a plain
// struct: friendly scalars, shorthands and the one-key steps.

// decodeNode reads a duration such as "250ms" or "49h".
func (x *Duration) decodeNode(d *decoder, n *yaml.Node, path string) {
	if isNull(n) || !d.want(n, path, yaml.ScalarNode) {
		return
	}
	v, err := bigcommerce.ParseDuration(n.Value)
	if err != nil {
		d.fail(n, path, err.Error(), "")
		return
	}
	if v == 0 {
		d.src.zeros[path] = true
	}
	*x = Duration(v)
}

// decodeNode reads a rate limit such as "150/30s", or "off".
func (l *RateLimit) decodeNode(d *decoder, n *yaml.Node, path string) {
	if isNull(n) || !d.want(n, path, yaml.ScalarNode) {
		return
	}
	v, err := bigcommerce.ParseRateLimit(n.Value)
	if err != nil {
		d.fail(n, path, err.Error(), "")
		return
	}
	l.RateLimit = v
}

// decodeNode reads a list of delays, the same as one comma-separated
// string, or "none", pointing at each delay that is not a positive
// duration.
func (s *Schedule) decodeNode(d *decoder, n *yaml.Node, path string) {
	switch {
	case isNull(n):
		return
	case n.Kind == yaml.SequenceNode:
		out := make(bigcommerce.Schedule, len(n.Content))
		for i, item := range n.Content {
			itemPath := path + "[" + strconv.Itoa(i) + "]"
			if item = d.enter(item, itemPath); item == nil || !d.want(item, itemPath, yaml.ScalarNode) {
				continue
			}
			v, err := bigcommerce.ParseDelay(item.Value)
			if err != nil {
				d.fail(item, itemPath, err.Error(), "")
			}
			out[i] = v
		}
		s.Schedule = out
	case n.Kind == yaml.ScalarNode:
		s.Schedule = d.scheduleText(n, path)
	default:
		d.fail(n, path, "want a list of durations or a string such as \"60s,3m,5m\", got "+describe(n), "")
	}
}

// scheduleText reads "60s,3m,5m" or "none" with bigcommerce.ParseSchedule,
// pointing at each bad delay.
func (d *decoder) scheduleText(n *yaml.Node, path string) bigcommerce.Schedule {
	out, err := bigcommerce.ParseSchedule(n.Value)
	var bad *bigcommerce.ScheduleError
	switch {
	case err == nil:
		return out
	case errors.As(err, &bad):
		for _, b := range bad.Bad {
			itemPath := path + "[" + strconv.Itoa(b.Index) + "]"
			at := columnIn(n, b.Offset)
			d.src.at[itemPath] = at
			d.failAt(at, itemPath, b.Err.Error(), "")
		}
		return make(bigcommerce.Schedule, bad.Delays) // as long as written: attempt counts stay checkable
	default:
		d.fail(n, path, err.Error(), "")
	}
	return bigcommerce.Schedule{}
}

// columnIn returns the position of byte offset within scalar n's text,
// exactly for a plain one-line scalar, else n's own position.
func columnIn(n *yaml.Node, offset int) Position {
	if n.Style != 0 || strings.Contains(n.Value, "\n") {
		return nodePos(n)
	}
	return Position{Line: n.Line, Column: n.Column + offset}
}

// decodeNode reads a status (500), a fault (timeout, close) or a mapping.
func (r *Response) decodeNode(d *decoder, n *yaml.Node, path string) {
	if isNull(n) {
		d.fail(n, path, "empty response", "write a status such as 200, or timeout, or close")
		return
	}
	if n.Kind != yaml.ScalarNode {
		d.fields(n, path, reflect.ValueOf(r).Elem())
		return
	}
	if status, err := strconv.Atoi(n.Value); err == nil {
		r.Status = status
		return
	}
	r.Fault = Fault(n.Value)
}

// MarshalYAML writes a response as its shortest form: a status, a fault,
// or a mapping.
func (r Response) MarshalYAML() (any, error) {
	switch {
	case r.Delay == 0 && r.Body == "" && r.Headers == nil && r.Fault == "":
		return r.Status, nil
	case r.Delay == 0 && r.Status == 0 && r.Body == "" && r.Headers == nil:
		return string(r.Fault), nil
	}
	type plain Response // the same fields without this method
	return plain(r), nil
}

// setScalar reads "clock: fake".
func (c *Clock) setScalar(_ *decoder, n *yaml.Node, _ string) { c.Mode = ClockMode(n.Value) }

// setScalar reads "raise: store/order/created".
func (r *Raise) setScalar(_ *decoder, n *yaml.Node, _ string) { r.Scope = n.Value }

// setScalar reads "action: checkout".
func (a *Action) setScalar(_ *decoder, n *yaml.Node, _ string) { a.Name = n.Value }

// decodeNode reads a step: a mapping with exactly one key naming its kind.
func (s *Step) decodeNode(d *decoder, n *yaml.Node, path string) {
	if isNull(n) {
		d.fail(n, path, "empty step", "a step is one of "+oneOf(stepKinds))
		return
	}
	if !d.want(n, path, yaml.MappingNode) {
		return
	}
	before := len(d.problems)
	d.fields(n, path, reflect.ValueOf(s).Elem())
	kinds := kindKeys(n)
	for _, p := range kinds {
		if isNull(p.val) {
			d.fail(p.key, join(path, p.key.Value), p.key.Value+" needs a value", stepHint(p.key.Value))
		}
	}
	switch {
	case len(kinds) > 1:
		d.fail(kinds[1].key, path, "a step does one thing, but this one has both "+kinds[0].key.Value+" and "+kinds[1].key.Value,
			"split it into two steps, each starting with -")
	case len(kinds) == 0 && len(d.problems) == before:
		d.fail(n, path, "a step needs one of "+oneOf(stepKinds), "")
	}
}

// kindKeys returns the entries of a step mapping whose keys name a step
// kind.
func kindKeys(n *yaml.Node) []pair {
	var out []pair
	for i := 0; i+1 < len(n.Content); i += 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && contains(stepKinds, k.Value) {
			out = append(out, pair{k, n.Content[i+1]})
		}
	}
	return out
}

// stepHint shows the simplest form of a step kind.
func stepHint(kind string) string {
	switch kind {
	case KindRaise:
		return "e.g. raise: store/order/created"
	case KindAction:
		return "e.g. action: checkout"
	case KindAdvance:
		return "e.g. advance: 1h"
	case KindWait:
		return "e.g. wait: {until: {deliveries: [{receiver: app}]}, timeout: 5s}"
	case KindHook:
		return "e.g. hook: {reactivate: orders}"
	}
	return "e.g. expect: {hooks: [{name: orders, status: active}]}"
}

// contains reports whether list holds s.
func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
