package event

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strconv"
)

// normalizeOverrides copies overrides into plain JSON values (see
// toJSONValue), or returns nil when there is nothing to merge.
func normalizeOverrides(overrides map[string]any) (map[string]any, error) {
	if len(overrides) == 0 {
		return nil, nil
	}
	v, err := toJSONValue(overrides)
	if err != nil {
		return nil, fmt.Errorf("event: %w: %v", ErrBadOverride, err)
	}
	return v.(map[string]any), nil
}

// toJSONValue deep-copies v through its JSON encoding, so that the result
// holds only map[string]any, []any, string, bool, nil, int (integers that
// fit) and float64.
func toJSONValue(v any) (any, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var out any
	if err := dec.Decode(&out); err != nil {
		return nil, err
	}
	return fromNumbers(out), nil
}

// fromNumbers replaces the json.Number values of v, in place, by int or
// float64.
func fromNumbers(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, e := range t {
			t[k] = fromNumbers(e)
		}
	case []any:
		for i, e := range t {
			t[i] = fromNumbers(e)
		}
	case json.Number:
		if n, err := strconv.ParseInt(string(t), 10, 64); err == nil && n >= math.MinInt && n <= math.MaxInt {
			return int(n)
		}
		f, _ := t.Float64()
		return f
	}
	return v
}

// cloneJSON deep-copies the objects and arrays of a plain JSON value.
func cloneJSON(v any) any {
	switch t := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, e := range t {
			out[k] = cloneJSON(e)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, e := range t {
			out[i] = cloneJSON(e)
		}
		return out
	}
	return v
}

// applyOverrides merges patch into data: into the object, or into every
// record of an array.
func applyOverrides(data any, patch map[string]any) (any, error) {
	switch d := data.(type) {
	case map[string]any:
		return d, merge(d, patch, "")
	case []any:
		for i, e := range d {
			rec, ok := e.(map[string]any)
			if !ok {
				return nil, fmt.Errorf("event: %w: record %d is %s, not an object", ErrBadOverride, i, kind(e))
			}
			own := cloneJSON(patch).(map[string]any) // each record gets its own copy
			if err := merge(rec, own, "["+strconv.Itoa(i)+"]"); err != nil {
				return nil, err
			}
		}
		return d, nil
	}
	return nil, fmt.Errorf("event: %w: data is %s", ErrBadOverride, kind(data))
}

// merge deep-merges patch into dst; path names dst in error messages.
// Keys are visited in sorted order so that errors are deterministic.
func merge(dst, patch map[string]any, path string) error {
	keys := make([]string, 0, len(patch))
	for k := range patch {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if err := mergeKey(dst, k, patch[k], join(path, k)); err != nil {
			return err
		}
	}
	return nil
}

// mergeKey applies one override value pv to dst[k].
func mergeKey(dst map[string]any, k string, pv any, path string) error {
	dv, exists := dst[k]
	switch {
	case pv == nil:
		delete(dst, k)
		return nil
	case !exists || dv == nil:
		dst[k] = pv
		return nil
	}
	dk, pk := kind(dv), kind(pv)
	switch {
	case dk == "an object" && pk == "an object":
		return merge(dv.(map[string]any), pv.(map[string]any), path)
	case dk == pk: // array for array, scalar for scalar
		dst[k] = pv
		return nil
	}
	return fmt.Errorf("event: %w: %q: cannot replace %s with %s", ErrBadOverride, path, dk, pk)
}

// kind classifies a JSON value for merging and error messages.
func kind(v any) string {
	switch v.(type) {
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	}
	return "a scalar"
}

// join appends key k to a dotted path.
func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}
