package scenarios

import (
	"cmp"
	"math"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"

	"go.yaml.in/yaml/v3"
)

// The decoder walks a yaml.Node tree into the scenario types by reflection.
// It is strict in the sense of yaml.v3's KnownFields(true) (an unknown key
// is an error), but unlike yaml.v3 it does not stop at the first problem,
// it knows every node's line and column, and it can suggest what was meant.
// Types with their own YAML forms implement nodeDecoder or shorthand.

// maxVisits bounds the nodes one document may expand to, so that aliases
// that refer to aliases ("billion laughs") cannot exhaust memory.
const maxVisits = 200_000

// nodePos returns where n is written; the file is the source's.
func nodePos(n *yaml.Node) Position { return Position{Line: n.Line, Column: n.Column} }

// source remembers where a parsed scenario's values were, so that Validate
// can point at them.
type source struct {
	file string
	at   map[string]Position // values
	keys map[string]Position // keys of mapping entries, by the entry's path
	// zeros are the paths where the file wrote a number or duration that
	// is zero, which Validate cannot tell from "left out" (see noZero).
	zeros map[string]bool
	// bad holds the paths with a decoding problem, so that validation
	// does not report their consequences; inside, built by badInside, the
	// ancestors of those paths.
	bad    map[string]bool
	inside map[string]bool
}

// keyPos returns the position of the key of the entry at path.
func (src *source) keyPos(path string) (Position, bool) {
	if src == nil {
		return Position{}, false
	}
	p, ok := src.keys[path]
	return p, ok
}

// pos returns the position recorded for path or for its nearest ancestor.
func (src *source) pos(path string) Position {
	if src == nil {
		return Position{}
	}
	for {
		if p, ok := src.at[path]; ok {
			return p
		}
		if path == "" {
			return Position{}
		}
		path = parentPath(path)
	}
}

// parentPath drops the last ".key" or "[i]" of path.
func parentPath(path string) string {
	i := strings.LastIndexAny(path, ".[")
	if i < 0 {
		return ""
	}
	return path[:i]
}

// decoder collects problems while it walks one document.
type decoder struct {
	src       *source
	problems  Problems
	truncated bool // problems were left out beyond maxProblems
	visits    int
	overflow  bool
}

// newDecoder returns a decoder for the file name.
func newDecoder(name string) *decoder {
	src := &source{file: name, at: map[string]Position{}, keys: map[string]Position{}, zeros: map[string]bool{}, bad: map[string]bool{}}
	return &decoder{src: src}
}

// nodeDecoder is implemented by types with a YAML form of their own.
type nodeDecoder interface {
	decodeNode(d *decoder, n *yaml.Node, path string)
}

// shorthand is implemented by mapping types that may also be written as a
// single scalar ("clock: fake").
type shorthand interface {
	setScalar(d *decoder, n *yaml.Node, path string)
}

var timeType = reflect.TypeFor[time.Time]()

// fail records a problem at n.
func (d *decoder) fail(n *yaml.Node, path, msg, hint string) {
	d.failAt(nodePos(n), path, msg, hint)
}

// failAt records a problem at pos.
func (d *decoder) failAt(pos Position, path, msg, hint string) { d.report(pos, path, path, msg, hint) }

// report records a problem shown at path and marks bad as undecodable, so
// that validation does not repeat the problem in other words.
func (d *decoder) report(pos Position, path, bad, msg, hint string) {
	d.src.bad[bad] = true
	if len(d.problems) >= maxProblems {
		d.truncated = true
		return
	}
	d.problems = append(d.problems, Problem{
		File: d.src.file, Line: pos.Line, Column: pos.Column, Path: path, Message: msg, Hint: hint,
	})
}

// related reports whether a validation problem at path would only repeat a
// decoding problem: one at path, at an ancestor of path, or (unless path
// is the whole document) inside path.
func (src *source) related(path string) bool {
	if src == nil {
		return false
	}
	if path != "" && src.badInside()[path] {
		return true
	}
	for p := path; ; p = parentPath(p) {
		if src.bad[p] {
			return true
		}
		if p == "" {
			return false
		}
	}
}

// badInside returns the set of paths that contain a decoding problem
// strictly inside them.
func (src *source) badInside() map[string]bool {
	if src.inside == nil {
		src.inside = map[string]bool{}
		for b := range src.bad {
			for p := b; p != ""; {
				p = parentPath(p)
				src.inside[p] = true
			}
		}
	}
	return src.inside
}

// namesUnread reports whether the names declared in list could not all be
// read: the list, an ancestor of it, one of its items or the field of an
// item that holds its name ("" when the items are the names) has a
// decoding problem, such as a misspelt "recievers:" or "nmae:". A
// reference to a name the list lacks may then be its consequence.
func (src *source) namesUnread(list, field string) bool {
	if src == nil {
		return false
	}
	for p := list; p != ""; p = parentPath(p) {
		if src.bad[p] {
			return true
		}
	}
	for b := range src.bad {
		item, ok := strings.CutPrefix(b, list+"[")
		if !ok {
			continue
		}
		if end := strings.IndexByte(item, ']'); end >= 0 && (item[end+1:] == "" || field != "" && item[end+1:] == "."+field) {
			return true
		}
	}
	return false
}

// fieldUnread reports whether the field of some item of list has a
// decoding problem, such as a misspelt "recevier:" in one hook.
func (src *source) fieldUnread(list, field string) bool {
	if src == nil {
		return false
	}
	for b := range src.bad {
		if item, ok := strings.CutPrefix(b, list+"["); ok && strings.HasSuffix(item, "]."+field) && !strings.ContainsAny(strings.TrimSuffix(item, "]."+field), ".[]") {
			return true
		}
	}
	return false
}

// enter resolves aliases, counts the visit and records n's position for
// path. It returns nil when the walk must stop.
func (d *decoder) enter(n *yaml.Node, path string) *yaml.Node {
	if _, ok := d.src.at[path]; !ok {
		d.src.at[path] = nodePos(n)
	}
	for depth := 0; n.Kind == yaml.AliasNode; depth++ {
		if n.Alias == nil || depth > 100 {
			d.fail(n, path, "alias "+strconv.Quote("*"+n.Value)+" cannot be resolved", "")
			return nil
		}
		n = n.Alias
	}
	d.visits++
	if d.visits > maxVisits {
		if !d.overflow {
			d.overflow = true
			d.fail(n, path, "the document expands to too many values (aliases of aliases?)", "")
		}
		return nil
	}
	return n
}

// value decodes n into v, which must be settable.
func (d *decoder) value(n *yaml.Node, path string, v reflect.Value) {
	if n = d.enter(n, path); n == nil {
		return
	}
	d.assign(n, path, v)
}

// assign decodes the already entered node n into v.
func (d *decoder) assign(n *yaml.Node, path string, v reflect.Value) {
	if nd, ok := v.Addr().Interface().(nodeDecoder); ok {
		nd.decodeNode(d, n, path)
		return
	}
	if isNull(n) {
		return // null, ~ or nothing: the same as leaving the key out
	}
	if v.Type() == timeType {
		d.timestamp(n, path, v)
		return
	}
	switch v.Kind() {
	case reflect.Pointer:
		elem := reflect.New(v.Type().Elem())
		d.assign(n, path, elem.Elem())
		v.Set(elem)
	case reflect.Struct:
		d.structure(n, path, v)
	case reflect.Slice:
		d.list(n, path, v)
	case reflect.Map:
		d.dict(n, path, v)
	case reflect.Interface:
		if x := d.plain(n, path, 0); x != nil {
			v.Set(reflect.ValueOf(x))
		}
	default:
		d.scalar(n, path, v)
	}
}

// structure decodes a mapping into the struct v, or a scalar when v has a
// shorthand form.
func (d *decoder) structure(n *yaml.Node, path string, v reflect.Value) {
	if sh, ok := v.Addr().Interface().(shorthand); ok && n.Kind == yaml.ScalarNode {
		sh.setScalar(d, n, path)
		return
	}
	d.fields(n, path, v)
}

// fields decodes the keys of mapping n into the fields of struct v,
// reporting unknown and repeated keys.
func (d *decoder) fields(n *yaml.Node, path string, v reflect.Value) {
	if !d.want(n, path, yaml.MappingNode) {
		return
	}
	info := fieldsOf(v.Type())
	pairs := d.pairs(n, path)
	for j, p := range pairs {
		i, ok := info.index[p.key.Value]
		switch {
		case ok:
			d.entry(p, path, v.Field(i))
		case j > 0 && n.Style&yaml.FlowStyle != 0 && isNull(p.val) && pairs[j-1].val.Kind == yaml.ScalarNode:
			prev := pairs[j-1]
			d.report(nodePos(p.key), path, join(path, prev.key.Value), "unknown key "+strconv.Quote(p.key.Value),
				"inside {…} a comma ends a value: quote it, e.g. "+prev.key.Value+": \""+prev.val.Value+","+p.key.Value+"\"")
		default:
			d.unknownKey(p.key, path, v.Type())
		}
	}
}

// entry decodes the value of one mapping entry into v, remembering where
// its key is.
func (d *decoder) entry(p pair, path string, v reflect.Value) {
	path = join(path, p.key.Value)
	if _, ok := d.src.keys[path]; !ok {
		d.src.keys[path] = nodePos(p.key)
	}
	d.value(p.val, path, v)
}

// unknownKey reports a key the struct does not have: a key that belongs
// one level down ("hooks" at the top, which goes under setup), or else
// the nearest known key. The key it probably meant is marked
// undecodable, so that a misspelt required key is reported once, not also
// as missing.
func (d *decoder) unknownKey(k *yaml.Node, path string, t reflect.Type) {
	info := fieldsOf(t)
	hint := "known keys here are " + oneOf(info.names)
	meant := closest(k.Value, info.names)
	if parent := childWith(t, k.Value); parent != "" {
		hint, meant = k.Value+" goes under "+parent+":", parent
	} else if meant != "" {
		hint = didYouMean("", meant)
	}
	d.report(nodePos(k), path, join(path, cmp.Or(meant, k.Value)), "unknown key "+strconv.Quote(k.Value), hint)
}

// childWith returns the key of the field of struct type t whose own type
// (through pointers and slices) has the key, or "".
func childWith(t reflect.Type, key string) string {
	info := fieldsOf(t)
	for _, name := range info.names {
		ft := t.Field(info.index[name]).Type
		for ft.Kind() == reflect.Pointer || ft.Kind() == reflect.Slice {
			ft = ft.Elem()
		}
		if ft.Kind() != reflect.Struct || ft == timeType {
			continue
		}
		if _, ok := fieldsOf(ft).index[key]; ok {
			return name
		}
	}
	return ""
}

// want reports whether n has the given kind, recording a problem if not.
func (d *decoder) want(n *yaml.Node, path string, kind yaml.Kind) bool {
	if n.Kind == kind {
		return true
	}
	hint := ""
	if kind == yaml.SequenceNode && n.Kind == yaml.ScalarNode {
		hint = "write a list: [" + n.Value + "]"
	}
	d.fail(n, path, "want "+kindName(kind)+", got "+describe(n), hint)
	return false
}

// pair is one key and its value in a mapping.
type pair struct{ key, val *yaml.Node }

// pairs returns the entries of mapping n, with "<<" merge keys expanded
// (explicit keys win over merged ones) and repeated keys reported.
func (d *decoder) pairs(n *yaml.Node, path string) []pair {
	var explicit, merged []pair
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, val := n.Content[i], n.Content[i+1]
		switch {
		case k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge":
			merged = append(merged, d.mergeSource(val, path)...)
		case k.Kind != yaml.ScalarNode || isNull(k):
			d.fail(k, path, "a key must be plain text, got "+describe(k), "")
		case seen[k.Value] != nil:
			d.fail(k, path, "key "+strconv.Quote(k.Value)+" is repeated", "the first is at line "+strconv.Itoa(seen[k.Value].Line))
		default:
			seen[k.Value] = k
			explicit = append(explicit, pair{k, val})
		}
	}
	for _, p := range merged {
		if seen[p.key.Value] == nil {
			seen[p.key.Value] = p.key
			explicit = append(explicit, p)
		}
	}
	return explicit
}

// mergeSource returns the entries a "<<" key merges in: from a mapping, or
// from each mapping of a list, earlier ones winning.
func (d *decoder) mergeSource(val *yaml.Node, path string) []pair {
	if val = d.enter(val, path); val == nil {
		return nil
	}
	switch val.Kind {
	case yaml.MappingNode:
		return d.pairs(val, path)
	case yaml.SequenceNode:
		var out []pair
		for _, m := range val.Content {
			out = append(out, d.mergeSource(m, path)...)
		}
		return out
	}
	d.fail(val, path, "<< merges a mapping, got "+describe(val), "")
	return nil
}

// list decodes a sequence into the slice v.
func (d *decoder) list(n *yaml.Node, path string, v reflect.Value) {
	if !d.want(n, path, yaml.SequenceNode) {
		return
	}
	s := reflect.MakeSlice(v.Type(), len(n.Content), len(n.Content))
	for i, item := range n.Content {
		d.value(item, path+"["+strconv.Itoa(i)+"]", s.Index(i))
	}
	v.Set(s)
}

// dict decodes a mapping into the map v, whose keys are strings.
func (d *decoder) dict(n *yaml.Node, path string, v reflect.Value) {
	if !d.want(n, path, yaml.MappingNode) {
		return
	}
	m := reflect.MakeMap(v.Type())
	for _, p := range d.pairs(n, path) {
		elem := reflect.New(v.Type().Elem()).Elem()
		d.entry(p, path, elem)
		m.SetMapIndex(reflect.ValueOf(p.key.Value).Convert(v.Type().Key()), elem)
	}
	v.Set(m)
}

// scalar decodes a string, integer or boolean.
func (d *decoder) scalar(n *yaml.Node, path string, v reflect.Value) {
	if !d.want(n, path, yaml.ScalarNode) {
		return
	}
	switch v.Kind() {
	case reflect.String:
		v.SetString(n.Value)
	case reflect.Bool:
		d.boolean(n, path, v)
	case reflect.Int, reflect.Int64:
		d.integer(n, path, v)
	default:
		d.fail(n, path, "cannot decode into "+v.Type().String(), "")
	}
}

// boolean decodes true or false.
func (d *decoder) boolean(n *yaml.Node, path string, v reflect.Value) {
	var b bool
	if n.ShortTag() != "!!bool" || n.Decode(&b) != nil {
		hint := ""
		switch strings.ToLower(n.Value) {
		case "yes", "y", "on":
			hint = "YAML 1.2 reads " + strconv.Quote(n.Value) + " as text: write true"
		case "no", "n", "off":
			hint = "YAML 1.2 reads " + strconv.Quote(n.Value) + " as text: write false"
		}
		d.fail(n, path, "want true or false, got "+describe(n), hint)
		return
	}
	v.SetBool(b)
}

// integer decodes a whole number that fits v.
func (d *decoder) integer(n *yaml.Node, path string, v reflect.Value) {
	var i int64
	if n.ShortTag() != "!!int" || n.Decode(&i) != nil || v.OverflowInt(i) {
		d.fail(n, path, "want a whole number, got "+describe(n), "")
		return
	}
	if i == 0 {
		d.src.zeros[path] = true
	}
	v.SetInt(i)
}

// timestamp decodes an RFC 3339 time.
func (d *decoder) timestamp(n *yaml.Node, path string, v reflect.Value) {
	if !d.want(n, path, yaml.ScalarNode) {
		return
	}
	t, err := time.Parse(time.RFC3339Nano, n.Value)
	if err != nil {
		hint := "write e.g. 2025-01-01T00:00:00Z"
		if _, err := time.Parse(time.DateOnly, n.Value); err == nil {
			hint = "add a time and a zone: " + n.Value + "T00:00:00Z"
		}
		d.fail(n, path, "want an RFC 3339 timestamp, got "+describe(n), hint)
		return
	}
	v.Set(reflect.ValueOf(t))
}

// plain converts n to a JSON-shaped value (map[string]any, []any, string,
// bool, int64, float64, nil), for event data. Timestamps stay the text the
// user wrote.
func (d *decoder) plain(n *yaml.Node, path string, depth int) any {
	if depth > 0 {
		if n = d.enter(n, path); n == nil {
			return nil
		}
	}
	switch n.Kind {
	case yaml.MappingNode:
		m := map[string]any{}
		for _, p := range d.pairs(n, path) {
			m[p.key.Value] = d.plain(p.val, join(path, p.key.Value), depth+1)
		}
		return m
	case yaml.SequenceNode:
		s := make([]any, len(n.Content))
		for i, item := range n.Content {
			s[i] = d.plain(item, path+"["+strconv.Itoa(i)+"]", depth+1)
		}
		return s
	}
	return d.plainScalar(n, path)
}

// plainScalar converts a scalar by its resolved tag.
func (d *decoder) plainScalar(n *yaml.Node, path string) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		var i int64
		if n.Decode(&i) == nil {
			return i
		}
		d.fail(n, path, "number "+n.Value+" is too large", "quote it to send it as text")
		return nil
	case "!!float":
		if isInteger(n.Value) {
			d.fail(n, path, "number "+n.Value+" is too large", "quote it to send it as text")
			return nil
		}
		var f float64
		if n.Decode(&f) == nil && !isNaNOrInf(f) {
			return f
		}
		d.fail(n, path, n.Value+" is not a number JSON can carry", "quote it to send it as text")
		return nil
	}
	return n.Value
}

// isInteger reports whether s is written as a whole number.
func isInteger(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return s != "" && strings.Trim(s, "0123456789_") == ""
}

// isNaNOrInf reports whether f is not finite.
func isNaNOrInf(f float64) bool { return math.IsNaN(f) || math.IsInf(f, 0) }

// isNull reports whether n is a null scalar (null, ~ or empty).
func isNull(n *yaml.Node) bool { return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null" }

// kindName names a node kind for messages.
func kindName(k yaml.Kind) string {
	switch k {
	case yaml.MappingNode:
		return "a mapping (key: value)"
	case yaml.SequenceNode:
		return "a list"
	case yaml.ScalarNode:
		return "a single value"
	}
	return "a value"
}

// describe names what a node is, for "want X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	}
	switch n.ShortTag() {
	case "!!null":
		return "nothing"
	case "!!str":
		return strconv.Quote(n.Value)
	case "!!bool":
		return n.Value
	case "!!int", "!!float":
		return "the number " + n.Value
	}
	return strconv.Quote(n.Value)
}

// join appends a key to a path.
func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

// structInfo maps a struct type's YAML keys to its fields.
type structInfo struct {
	index map[string]int
	names []string // in declaration order, for hints
}

var structInfos sync.Map // reflect.Type → *structInfo

// fieldsOf returns the YAML keys of struct type t.
func fieldsOf(t reflect.Type) *structInfo {
	if info, ok := structInfos.Load(t); ok {
		return info.(*structInfo)
	}
	info := &structInfo{index: map[string]int{}}
	for i := range t.NumField() {
		f := t.Field(i)
		name, _, _ := strings.Cut(f.Tag.Get("yaml"), ",")
		if !f.IsExported() || name == "" || name == "-" {
			continue
		}
		info.index[name] = i
		info.names = append(info.names, name)
	}
	structInfos.Store(t, info)
	return info
}
