package runner

import (
	"bytes"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/bcmock/bcmock/scenarios"
)

// Position is where a value sits in a scenario file: unknown (zero) for a
// scenario built in Go or run without WithSource.
type Position = scenarios.Position

// locator finds the position of a path such as
// "steps[2].expect.deliveries[0]" in a scenario document. The scenarios
// package knows these positions too but does not export them, so the
// runner reads the YAML tree again.
type locator struct {
	file string
	top  *yaml.Node // nil when the source is unknown or does not parse
}

// newLocator parses data; a document that does not parse gives a locator
// that knows only the file name.
func newLocator(file string, data []byte) locator {
	l := locator{file: file}
	if len(data) == 0 {
		return l
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil || len(doc.Content) == 0 {
		return l
	}
	l.top = doc.Content[0]
	return l
}

// at returns the position of path, or of its nearest ancestor found.
func (l locator) at(path string) Position {
	p := Position{File: l.file}
	n := resolve(l.top)
	if n == nil {
		return p
	}
	p.Line, p.Column = n.Line, n.Column
	for _, part := range splitPath(path) {
		next := child(n, part)
		if next == nil {
			break
		}
		n = next
		p.Line, p.Column = n.Line, n.Column
	}
	return p
}

// splitPath splits "steps[2].expect" into "steps", "[2]", "expect".
func splitPath(path string) []string {
	var parts []string
	for _, dotted := range strings.Split(path, ".") {
		for dotted != "" {
			i := strings.IndexByte(dotted, '[')
			switch {
			case i < 0:
				parts, dotted = append(parts, dotted), ""
			case i > 0:
				parts, dotted = append(parts, dotted[:i]), dotted[i:]
			default:
				j := strings.IndexByte(dotted, ']')
				if j < 0 {
					return append(parts, dotted)
				}
				parts, dotted = append(parts, dotted[:j+1]), dotted[j+1:]
			}
		}
	}
	return parts
}

// child returns the node of one path part under n: a list item for "[i]",
// a mapping value for a key (looking through merge keys), or nil.
func child(n *yaml.Node, part string) *yaml.Node {
	if idx, ok := strings.CutPrefix(part, "["); ok {
		i, err := strconv.Atoi(strings.TrimSuffix(idx, "]"))
		if err != nil || n.Kind != yaml.SequenceNode || i < 0 || i >= len(n.Content) {
			return nil
		}
		return resolve(n.Content[i])
	}
	if n.Kind != yaml.MappingNode {
		return nil
	}
	var merged []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Value == part {
			return resolve(v)
		}
		if k.Value == "<<" {
			merged = append(merged, resolve(v))
		}
	}
	for _, m := range merged {
		if m == nil {
			continue
		}
		if m.Kind == yaml.SequenceNode {
			for _, e := range m.Content {
				if found := child(resolve(e), part); found != nil {
					return found
				}
			}
			continue
		}
		if found := child(m, part); found != nil {
			return found
		}
	}
	return nil
}

// resolve follows aliases to their anchored node.
func resolve(n *yaml.Node) *yaml.Node {
	for depth := 0; n != nil && n.Kind == yaml.AliasNode && depth < 100; depth++ {
		n = n.Alias
	}
	return n
}
