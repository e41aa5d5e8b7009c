package account

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Problem is one thing wrong with an accounts file: where, what, and what
// was probably meant.
type Problem struct {
	// File is the file's name.
	File string
	// Line and Column are 1-based.
	Line, Column int
	// Path names the value, e.g. "accounts[1].client_id"; empty for the
	// document itself.
	Path string
	// Message says what is wrong; Hint, when there is a guess, what to
	// write instead (e.g. `did you mean "client_secret"?`).
	Message, Hint string
}

// String formats p as "file:line:col: path: message; hint".
func (p Problem) String() string {
	s := p.File + ":" + strconv.Itoa(p.Line) + ":" + strconv.Itoa(p.Column) + ": "
	if p.Path != "" {
		s += p.Path + ": "
	}
	s += p.Message
	if p.Hint != "" {
		s += "; " + p.Hint
	}
	return s
}

// Problems is every problem LoadFile found in one file, in file order. It
// matches ErrInvalid with errors.Is.
type Problems []Problem

// Error lists the problems one per line, after a count when there are
// several.
func (ps Problems) Error() string {
	lines := make([]string, len(ps))
	for i, p := range ps {
		lines[i] = p.String()
	}
	if len(ps) == 1 {
		return lines[0]
	}
	return strconv.Itoa(len(ps)) + " problems:\n" + strings.Join(lines, "\n")
}

// Is reports whether target is ErrInvalid.
func (ps Problems) Is(target error) bool { return target == ErrInvalid }

// fileKeys are the keys of an accounts file's account, in the order the
// README shows them.
var fileKeys = []string{"token", "client_id", "client_secret", "stores"}

// LoadFile reads an accounts file (YAML, or JSON, which is YAML too):
//
//	accounts:
//	  - token: tok-erp
//	    client_id: erp-sync
//	    client_secret: s3cret
//	    stores: [abc123]   # optional: the token works on these stores only
//
// Decoding is strict, so a typo cannot silently drop a secret: unknown
// and repeated keys, values that are not text, and what Fixed refuses
// (empty or repeated tokens and client ids) are problems. All of them are
// returned at once, as Problems with line, column and a "did you mean"
// where one fits (wrapped: use errors.As). A file without accounts gives
// ErrNoAccounts.
func LoadFile(path string) ([]Account, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load accounts: %w", err)
	}
	accounts, err := parseFile(path, data)
	var problems Problems
	switch {
	case errors.As(err, &problems): // they name the file
		return nil, fmt.Errorf("load accounts: %w", err)
	case err != nil:
		return nil, fmt.Errorf("load accounts %s: %w", path, err)
	}
	return accounts, nil
}

// parseFile decodes and checks the accounts file data, named name in
// problems.
func parseFile(name string, data []byte) (_ []Account, err error) {
	defer func() { // yaml.v3 recovers only its own errors; keep its other panics from the caller
		if r := recover(); r != nil {
			err = Problems{{File: name, Line: 1, Column: 1, Message: fmt.Sprintf("the YAML parser failed: %v", r)}}
		}
	}()
	top, err := document(name, data)
	if err != nil {
		return nil, err
	}
	d := &fileDecoder{file: name}
	list := d.accountList(top)
	if len(d.problems) == 0 && len(list) == 0 {
		return nil, ErrNoAccounts
	}
	accounts := make([]Account, len(list))
	for i, e := range list {
		accounts[i] = e.account
	}
	for _, p := range check(accounts) {
		if e := list[p.index]; e.broken || e.unread[p.field] {
			continue // its cause is reported already
		}
		if at := list[p.index].at[p.field]; at != nil {
			d.add(at, index(p.index)+"."+p.field, p.message, "")
		} else {
			d.add(list[p.index].node, index(p.index), p.message, "")
		}
	}
	if len(d.problems) > 0 {
		return nil, d.problems.sorted()
	}
	return accounts, nil
}

// document parses data as one YAML document and returns its top node.
func document(name string, data []byte) (*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var doc yaml.Node
	if err := dec.Decode(&doc); err != nil {
		if errors.Is(err, io.EOF) {
			return nil, ErrNoAccounts
		}
		return nil, Problems{syntaxProblem(name, data, err)}
	}
	var next yaml.Node
	if err := dec.Decode(&next); !errors.Is(err, io.EOF) {
		return nil, Problems{{File: name, Line: max(next.Line, 1), Column: 1,
			Message: "an accounts file holds one document, but here is another", Hint: "remove the --- line"}}
	}
	if len(doc.Content) == 0 {
		return nil, ErrNoAccounts
	}
	return doc.Content[0], nil
}

// yamlLine matches the line yaml.v3 puts in its syntax errors.
var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// syntaxProblem turns a yaml.v3 syntax error into a Problem. yaml.v3
// names the line where the enclosing block starts (a bad indentation on
// line 3 is "line 1"), so the line is found instead: the first one up to
// which the file fails with the same message. The column is that line's
// first non-blank character.
func syntaxProblem(name string, data []byte, err error) Problem {
	msg, line := strings.TrimPrefix(err.Error(), "yaml: "), 1
	if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
		msg = strings.TrimPrefix(err.Error(), m[0])
		line, _ = strconv.Atoi(m[1])
	}
	lines := strings.SplitAfter(string(data), "\n")
	for n := 1; n <= len(lines) && n <= maxScannedLines; n++ {
		prefix := []byte(strings.Join(lines[:n], ""))
		if perr := yaml.Unmarshal(prefix, new(yaml.Node)); perr != nil && strings.HasSuffix(perr.Error(), ": "+msg) {
			line = n
			break
		}
	}
	line = min(max(line, 1), len(lines))
	text := lines[line-1]
	p := Problem{File: name, Line: line, Column: firstColumn(text), Message: "invalid YAML: " + msg}
	switch {
	case strings.Contains(msg, "tab character") || strings.Contains(text[:p.Column-1], "\t"):
		p.Hint = "YAML indents with spaces, not tabs"
	case indentation[msg]:
		p.Hint = "check the indentation: each account's keys line up under its first one"
	}
	return p
}

// indentation holds yaml.v3's messages for a block indented wrongly.
var indentation = map[string]bool{
	"did not find expected key": true, "did not find expected '-' indicator": true,
	"mapping values are not allowed in this context": true,
}

// maxScannedLines bounds the lines syntaxProblem tries, one parse each;
// an accounts file is a few dozen lines.
const maxScannedLines = 2000

// firstColumn returns the 1-based column of the first non-blank character
// of line.
func firstColumn(line string) int {
	return len(line) - len(strings.TrimLeft(line, " \t")) + 1
}

// fileDecoder collects the problems of one accounts file as it walks it.
type fileDecoder struct {
	file     string
	problems Problems
}

// entry is one decoded account with the nodes of its values, by key, for
// the positions of later problems, and what could not be read, so that
// its consequences are not reported too: a broken entry is not a
// mapping, an unread field was not text or was misspelt ("clientid" is
// not also a missing client_id).
type entry struct {
	account Account
	node    *yaml.Node
	at      map[string]*yaml.Node
	broken  bool
	unread  map[string]bool
}

// add records a problem at n.
func (d *fileDecoder) add(n *yaml.Node, path, msg, hint string) {
	d.problems = append(d.problems, Problem{File: d.file, Line: n.Line, Column: n.Column, Path: path, Message: msg, Hint: hint})
}

// accountList decodes the top mapping, {accounts: [...]}.
func (d *fileDecoder) accountList(top *yaml.Node) []entry {
	top = resolve(top)
	if top.Kind != yaml.MappingNode {
		d.add(top, "", "want a mapping with accounts: [...], got "+describe(top), "")
		return nil
	}
	var list []entry
	pairs, _ := d.pairs(top, "")
	for _, p := range pairs {
		if p.key.Value != "accounts" {
			d.unknownKey(p.key, "", []string{"accounts"})
			continue
		}
		seq := resolve(p.val)
		if seq.ShortTag() == "!!null" {
			continue // no accounts
		}
		if seq.Kind != yaml.SequenceNode {
			d.add(seq, "accounts", "want a list of accounts, got "+describe(seq), "write accounts: [{token: …, client_id: …}]")
			continue
		}
		for i, item := range seq.Content {
			list = append(list, d.account(resolve(item), index(i)))
		}
	}
	return list
}

// account decodes one account mapping.
func (d *fileDecoder) account(n *yaml.Node, path string) entry {
	e := entry{node: n, at: map[string]*yaml.Node{}, unread: map[string]bool{}}
	if n.Kind != yaml.MappingNode {
		d.add(n, path, "want an account (token, client_id, client_secret), got "+describe(n), "")
		e.broken = true
		return e
	}
	fields := map[string]*string{"token": &e.account.Token, "client_id": &e.account.ClientID, "client_secret": &e.account.ClientSecret}
	pairs, merged := d.pairs(n, path)
	e.broken = merged
	for _, p := range pairs {
		if p.key.Value == "stores" {
			e.at["stores"] = resolve(p.val)
			e.account.Stores = d.stores(resolve(p.val), path+".stores")
			continue
		}
		field, ok := fields[p.key.Value]
		if !ok {
			e.unread[d.unknownKey(p.key, path, fileKeys)] = true
			continue
		}
		val := resolve(p.val)
		e.at[p.key.Value] = val
		switch {
		case val.Kind != yaml.ScalarNode:
			d.add(val, path+"."+p.key.Value, "want text, got "+describe(val), "")
			e.unread[p.key.Value] = true
		case val.ShortTag() != "!!null":
			*field = val.Value
		}
	}
	return e
}

// stores decodes an account's stores: a list of store hashes (one hash
// alone is taken as a list of one).
func (d *fileDecoder) stores(n *yaml.Node, path string) []string {
	switch {
	case n.ShortTag() == "!!null":
		return nil
	case n.Kind == yaml.ScalarNode:
		return []string{n.Value}
	case n.Kind != yaml.SequenceNode:
		d.add(n, path, "want a list of store hashes, got "+describe(n), "write stores: [abc123]")
		return nil
	}
	out := make([]string, 0, len(n.Content))
	for i, item := range n.Content {
		item = resolve(item)
		if item.Kind != yaml.ScalarNode || item.ShortTag() == "!!null" {
			d.add(item, path+"["+strconv.Itoa(i)+"]", "want a store hash, got "+describe(item), "")
			continue
		}
		out = append(out, item.Value)
	}
	return out
}

// pair is one key and its value in a mapping.
type pair struct{ key, val *yaml.Node }

// pairs returns the entries of mapping n, reporting repeated keys and
// merge keys ("<<"), which an accounts file has no use for; merged says
// that n has one, so that its other keys may be incomplete.
func (d *fileDecoder) pairs(n *yaml.Node, path string) (out []pair, merged bool) {
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch k := n.Content[i]; {
		case k.ShortTag() == "!!merge":
			d.add(k, path, "merge keys (<<) are not read in an accounts file", "write each account's keys out")
			merged = true
		case seen[k.Value] != nil:
			d.add(k, path, "key "+strconv.Quote(k.Value)+" is repeated", "the first is at line "+strconv.Itoa(seen[k.Value].Line))
		default:
			seen[k.Value] = k
			out = append(out, pair{k, n.Content[i+1]})
		}
	}
	return out, merged
}

// unknownKey reports key k, not one of known, with the nearest known key,
// and returns that key ("" when none is near).
func (d *fileDecoder) unknownKey(k *yaml.Node, path string, known []string) string {
	hint := "known keys here are " + strings.Join(known, ", ")
	meant := nearest(k.Value, known)
	if meant != "" {
		hint = "did you mean " + strconv.Quote(meant) + "?"
	}
	d.add(k, path, "unknown key "+strconv.Quote(k.Value), hint)
	return meant
}

// nearest returns the candidate closest to s by case-insensitive edit
// distance, if close enough to be a typo, or "".
func nearest(s string, candidates []string) string {
	best, bestDist := "", min(3, len(s)/3+1)+1
	for _, c := range candidates {
		if dist := bigcommerce.EditDistance(strings.ToLower(s), c); dist < bestDist {
			best, bestDist = c, dist
		}
	}
	return best
}

// resolve follows aliases to the node they name.
func resolve(n *yaml.Node) *yaml.Node {
	for depth := 0; n.Kind == yaml.AliasNode && n.Alias != nil && depth < 100; depth++ {
		n = n.Alias
	}
	return n
}

// describe names what a node is, for "want X, got Y" messages.
func describe(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	if n.ShortTag() == "!!null" {
		return "nothing"
	}
	return strconv.Quote(n.Value)
}

// index formats "accounts[i]".
func index(i int) string { return "accounts[" + strconv.Itoa(i) + "]" }

// sorted returns ps in file order.
func (ps Problems) sorted() Problems {
	out := append(Problems(nil), ps...)
	slices.SortStableFunc(out, func(a, b Problem) int {
		return cmp.Or(cmp.Compare(a.Line, b.Line), cmp.Compare(a.Column, b.Column))
	})
	return out
}
