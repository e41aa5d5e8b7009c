package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// MaxFileSize bounds a scenario file. Scenario files are written by hand;
// anything larger is a mistake.
const MaxFileSize = 4 << 20

// Load reads, decodes and validates the scenario file at path. It returns
// every problem of the file at once, as a Problems error (wrapped: use
// errors.As), or an error from reading the file.
func Load(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load scenario: %w", err)
	}
	s, err := parse(path, data)
	if err != nil {
		return nil, fmt.Errorf("load scenario: %w", err)
	}
	return s, nil
}

// Parse decodes and validates one scenario document. name is the file name
// used in problem positions and as the default Name. Decoding is strict:
// unknown keys, wrong types, bad durations and timestamps are problems, and
// so is everything Validate finds. All problems are returned at once, in
// file order, as a Problems error (wrapped: use errors.As). On success the
// Scenario has its defaults applied.
func Parse(name string, data []byte) (*Scenario, error) {
	s, err := parse(name, data)
	if err != nil {
		return nil, fmt.Errorf("parse scenario: %w", err)
	}
	return s, nil
}

// parse is Parse without the error prefix.
func parse(name string, data []byte) (*Scenario, error) {
	if len(data) > MaxFileSize {
		return nil, Problems{{File: name, Line: 1, Column: 1,
			Message: "the file is larger than " + strconv.Itoa(MaxFileSize>>20) + " MiB"}}
	}
	top, problems := document(name, data)
	if problems != nil {
		return nil, problems
	}
	return fromNode(name, top)
}

// fromNode decodes, defaults and validates the top node of a document.
func fromNode(name string, top *yaml.Node) (*Scenario, error) {
	d := newDecoder(name)
	s := &Scenario{src: d.src}
	if n := d.enter(top, ""); n != nil && d.want(n, "", yaml.MappingNode) {
		d.fields(n, "", reflect.ValueOf(s).Elem())
	}
	s.ApplyDefaults()
	checked, truncated := s.check() // leaves out what the decoding problems cause
	problems := append(d.problems, checked...)
	if err := problems.finish(d.truncated || truncated); err != nil {
		return nil, err
	}
	return s, nil
}

// syntaxLine finds the line number in yaml.v3's syntax errors.
var syntaxLine = regexp.MustCompile(`^yaml: line (\d+): `)

// document parses data as exactly one YAML document and returns its top
// node, or the syntax problems.
func document(name string, data []byte) (top *yaml.Node, problems Problems) {
	defer func() { // yaml.v3 recovers only its own errors; keep its other panics out of the caller
		if r := recover(); r != nil {
			top, problems = nil, Problems{{File: name, Line: 1, Column: 1, Message: fmt.Sprintf("the YAML parser failed: %v", r)}}
		}
	}()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, Problems{{File: name, Line: 1, Column: 1, Message: "the file has no scenario in it",
				Hint: "a scenario needs at least setup: {stores: [abc123]}"}}
		}
		return nil, Problems{syntaxProblem(name, data, err)}
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		line := max(next.Line, 1)
		return nil, Problems{{File: name, Line: line, Column: 1, Message: "a scenario file holds one document, but here is another",
			Hint: "remove the --- line, or move the second scenario to its own file"}}
	}
	if len(doc.Content) == 0 {
		return nil, Problems{{File: name, Line: 1, Column: 1, Message: "the file has no scenario in it"}}
	}
	return doc.Content[0], nil
}

// syntaxProblem turns a yaml.v3 syntax error into a Problem. yaml.v3 gives
// only a line, so the column is that of the line's first non-blank
// character. Its parser (not scanner) errors count lines from 0, which is
// corrected here.
func syntaxProblem(name string, data []byte, err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	p := Problem{File: name, Line: 1, Column: 1}
	if m := syntaxLine.FindStringSubmatch(err.Error()); m != nil {
		p.Line, _ = strconv.Atoi(m[1])
		msg = strings.TrimPrefix(err.Error(), m[0])
		if parserProblems[msg] {
			p.Line++
		}
		p.Column = firstColumn(data, p.Line)
	}
	if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
		p.Line, p.Column = find(data, "*"+m[1])
	}
	p.Message = "invalid YAML: " + msg
	if strings.Contains(msg, "tab character") || (strings.Contains(msg, "cannot start any token") && bytes.Contains(data, []byte("\t"))) {
		p.Hint = "YAML indents with spaces, not tabs"
	}
	return p
}

// parserProblems are the messages of yaml.v3's parser errors, whose line
// numbers start at 0 (its scanner errors' start at 1).
var parserProblems = map[string]bool{
	"did not find expected ',' or ']'": true, "did not find expected ',' or '}'": true,
	"did not find expected '-' indicator": true, "did not find expected <document start>": true,
	"did not find expected <stream-start>": true, "did not find expected key": true,
	"did not find expected node content": true, "found duplicate %TAG directive": true,
	"found duplicate %YAML directive": true, "found incompatible YAML document": true,
	"found undefined tag handle": true,
}

// unknownAnchor matches yaml.v3's error for an alias without an anchor.
var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// find returns the 1-based line and column of the first occurrence of s
// in data, or 1, 1.
func find(data []byte, s string) (line, col int) {
	i := bytes.Index(data, []byte(s))
	if i < 0 {
		return 1, 1
	}
	before := data[:i]
	return bytes.Count(before, []byte("\n")) + 1, i - bytes.LastIndexByte(before, '\n')
}

// firstColumn returns the 1-based column of the first non-blank character
// of line (1-based) in data, or 1.
func firstColumn(data []byte, line int) int {
	lines := bytes.Split(data, []byte("\n"))
	if line < 1 || line > len(lines) {
		return 1
	}
	text := lines[line-1]
	return len(text) - len(bytes.TrimLeft(text, " \t")) + 1
}

// UnmarshalYAML makes yaml.v3's own decoders (yaml.Unmarshal, a Decoder,
// a Node's Decode) read a Scenario as strictly as Parse does, defaults and
// validation included, so that a Scenario embedded in another YAML document
// cannot be read loosely by mistake. Problems carry no file name.
func (s *Scenario) UnmarshalYAML(n *yaml.Node) error {
	got, err := fromNode("", n)
	if err != nil {
		return fmt.Errorf("decode scenario: %w", err)
	}
	*s = *got
	return nil
}

// Encode writes s as YAML in the format's canonical form: keys in the
// order of the types, two-space indentation, short lists on one line,
// durations as "49h", responses and schedules in their shortest form.
// Comments are not kept. Parse reads the result back into an equal
// Scenario, so Encode of a parsed scenario shows every default.
func Encode(s *Scenario) ([]byte, error) {
	if s == nil {
		return nil, errors.New("encode scenario: nil scenario")
	}
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(s); err != nil {
		return nil, fmt.Errorf("encode scenario: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("encode scenario: %w", err)
	}
	return buf.Bytes(), nil
}

// defaultName is the scenario name a file gives: its base name without
// extension.
func defaultName(file string) string {
	base := filepath.Base(file)
	return strings.TrimSuffix(base, filepath.Ext(base))
}
