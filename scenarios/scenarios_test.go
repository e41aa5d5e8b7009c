// This file locks the scenario format: every example and every valid test
// file must load, and its canonical encoding (defaults included) must match
// its golden file. Run "go test ./scenarios -update" to rewrite the golden
// files after a deliberate change of the format, and review the diff.

package scenarios_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/scenarios"
)

var update = flag.Bool("update", false, "rewrite the golden files")

// validFiles returns the example files and the valid test files, with the
// golden file of each.
func validFiles(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	for dir, golden := range map[string]string{"examples": "testdata/examples", "testdata/valid": "testdata/valid"} {
		files, err := filepath.Glob(filepath.Join(dir, "*.yaml"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no files in %s: %v", dir, err)
		}
		for _, f := range files {
			out[f] = filepath.Join(golden, strings.TrimSuffix(filepath.Base(f), ".yaml")+".golden")
		}
	}
	return out
}

func TestGolden(t *testing.T) {
	for file, golden := range validFiles(t) {
		t.Run(file, func(t *testing.T) {
			s, err := scenarios.Load(file)
			if err != nil {
				t.Fatal(err)
			}
			got, err := scenarios.Encode(s)
			if err != nil {
				t.Fatal(err)
			}
			checkGolden(t, golden, got)
		})
	}
}

// checkGolden compares got with the golden file, or rewrites it with -update.
func checkGolden(t *testing.T, golden string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (run go test -update and review the diff):\n--- got\n%s\n--- want\n%s", golden, got, want)
	}
}

// TestRoundTrip checks that the canonical encoding is a fixed point:
// parsing it gives an equal Scenario, which encodes to the same bytes.
func TestRoundTrip(t *testing.T) {
	for file := range validFiles(t) {
		t.Run(file, func(t *testing.T) {
			first, err := scenarios.Load(file)
			if err != nil {
				t.Fatal(err)
			}
			enc, err := scenarios.Encode(first)
			if err != nil {
				t.Fatal(err)
			}
			second, err := scenarios.Parse("again.yaml", enc)
			if err != nil {
				t.Fatalf("re-parse the encoding: %v\n%s", err, enc)
			}
			if !equal(first, second) {
				t.Errorf("re-parsed scenario differs:\n%#v\n%#v", first, second)
			}
			again, _ := scenarios.Encode(second)
			if !bytes.Equal(enc, again) {
				t.Errorf("encoding is not a fixed point:\n%s\n---\n%s", enc, again)
			}
		})
	}
}

// equal compares two scenarios by their exported fields.
func equal(a, b *scenarios.Scenario) bool {
	ca, cb := *a, *b
	return reflect.DeepEqual(exported(ca), exported(cb))
}

// exported copies the exported fields of s (dropping where it was parsed).
func exported(s scenarios.Scenario) scenarios.Scenario {
	return scenarios.Scenario{Name: s.Name, Description: s.Description, Setup: s.Setup, Receivers: s.Receivers, Steps: s.Steps}
}

// TestManyProblems checks that a file with many problems reports all of
// them at once, in file order.
func TestManyProblems(t *testing.T) {
	_, err := scenarios.Load("testdata/invalid/many-problems.yaml")
	var ps scenarios.Problems
	if !errors.As(err, &ps) {
		t.Fatalf("Load error = %v, want Problems", err)
	}
	if len(ps) < 20 {
		t.Errorf("got %d problems, want every one of the file's 20+", len(ps))
	}
	for i := 1; i < len(ps); i++ {
		if ps[i].Line < ps[i-1].Line || ps[i].Line == ps[i-1].Line && ps[i].Column < ps[i-1].Column {
			t.Errorf("problems out of file order: %v before %v", ps[i-1], ps[i])
		}
	}
	for _, p := range ps {
		if p.Line == 0 || p.Column == 0 || p.File == "" {
			t.Errorf("problem without a position: %v", p)
		}
	}
}

// TestInvalidFiles checks that every file in testdata/invalid fails with
// the problems its golden file lists: the validator's messages are a
// contract (go test -update rewrites the goldens).
func TestInvalidFiles(t *testing.T) {
	files, _ := filepath.Glob("testdata/invalid/*.yaml")
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			_, err := scenarios.Load(f)
			if !errors.Is(err, scenarios.ErrInvalid) {
				t.Fatalf("Load(%s) = %v, want ErrInvalid", f, err)
			}
			checkGolden(t, strings.TrimSuffix(f, ".yaml")+".golden", []byte(err.Error()+"\n"))
		})
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := scenarios.Load("testdata/no-such-file.yaml")
	if !errors.Is(err, fs.ErrNotExist) || errors.Is(err, scenarios.ErrInvalid) {
		t.Errorf("Load = %v, want a not-exist error", err)
	}
	if !strings.HasPrefix(err.Error(), "load scenario: ") {
		t.Errorf("error %q lacks the load scenario prefix", err)
	}
}

// TestDefaults checks the defaults on a scenario built in Go.
func TestDefaults(t *testing.T) {
	s := &scenarios.Scenario{
		Setup: scenarios.Setup{
			Stores: []string{"abc123"},
			Hooks:  []scenarios.Hook{{Name: "orders", Scope: "store/order/*", Receiver: "app"}},
		},
		Receivers: []scenarios.Receiver{{Name: "app"}},
		Steps: []scenarios.Step{
			{Action: &scenarios.Action{Name: "checkout"}},
			{Action: &scenarios.Action{Name: "checkout", Channel: 2}},
			{Action: &scenarios.Action{Name: "ship_order"}},
			{Raise: &scenarios.Raise{Scope: "store/order/created"}},
			{Wait: &scenarios.Wait{Until: scenarios.Expect{Hooks: []scenarios.HookExpectation{{Name: "orders", Status: scenarios.HookActive}}}}},
		},
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	su := s.Setup
	if su.Clock.Mode != scenarios.ClockReal || su.Seed != 1 || su.DeliveryTimeout != scenarios.DefaultDeliveryTimeout ||
		!slices.Equal(su.RetrySchedule.Schedule, bigcommerce.DefaultSchedule) {
		t.Errorf("setup defaults = %+v", su)
	}
	h := su.Hooks[0]
	if h.Store != "abc123" || h.Token != scenarios.DefaultToken || !h.Active() || h.Path != "/" {
		t.Errorf("hook defaults = %+v", h)
	}
	if r := s.Receivers[0].Responses; !reflect.DeepEqual(r, []scenarios.Response{{Status: 200}}) {
		t.Errorf("receiver responses = %v, want [200]", r)
	}
	first, second, ship := s.Steps[0].Action, s.Steps[1].Action, s.Steps[2].Action
	if first.OrderID != 100 || second.OrderID != 101 || first.Status != 11 || first.Channel != 1 || first.CartID == second.CartID {
		t.Errorf("checkout defaults = %+v, %+v", first, second)
	}
	if ship.OrderID != 101 || ship.Channel != 2 || ship.Status != 2 || *ship.PreviousStatus != 11 {
		t.Errorf("ship_order defaults = %+v, want the latest checkout's order, channel and status", ship)
	}
	if s.Steps[3].Raise.Count != 1 || s.Steps[3].Raise.Store != "abc123" {
		t.Errorf("raise defaults = %+v", s.Steps[3].Raise)
	}
	if s.Steps[4].Wait.Timeout != scenarios.DefaultWaitTimeout {
		t.Errorf("wait timeout = %v", s.Steps[4].Wait.Timeout)
	}
	before, _ := scenarios.Encode(s)
	s.ApplyDefaults()
	if after, _ := scenarios.Encode(s); !bytes.Equal(before, after) {
		t.Errorf("ApplyDefaults is not idempotent:\n%s\n---\n%s", before, after)
	}
}

// TestValidateWithoutPositions checks problems of a scenario built in Go:
// paths but no file positions.
func TestValidateWithoutPositions(t *testing.T) {
	s := &scenarios.Scenario{Steps: []scenarios.Step{{}}}
	err := s.Validate()
	want := "2 problems:\n" +
		"setup.stores: no store is declared; write stores: [abc123]\n" +
		`steps[0]: a step needs one of "raise", "action", "advance", "wait", "hook", "expect" or "pay"`
	if err == nil || err.Error() != want {
		t.Errorf("Validate() = %v\nwant %s", err, want)
	}
}

// TestUnmarshalYAML checks that yaml.v3's own decoder reads a Scenario as
// strictly as Parse.
func TestUnmarshalYAML(t *testing.T) {
	var doc struct {
		Scenario scenarios.Scenario `yaml:"scenario"`
	}
	err := yaml.Unmarshal([]byte("scenario:\n  setup: {stores: [s1], sed: 3}\n"), &doc)
	if !errors.Is(err, scenarios.ErrInvalid) || !strings.Contains(err.Error(), `2:25: setup: unknown key "sed"; did you mean "seed"?`) {
		t.Errorf("Unmarshal error = %v", err)
	}
	if err := yaml.Unmarshal([]byte("scenario:\n  setup: {stores: [s1]}\n"), &doc); err != nil || doc.Scenario.Setup.Seed != 1 {
		t.Errorf("Unmarshal = %v, seed %d; want defaults applied", err, doc.Scenario.Setup.Seed)
	}
}

func TestEncodeNil(t *testing.T) {
	if _, err := scenarios.Encode(nil); err == nil {
		t.Error("Encode(nil) succeeded")
	}
}

func TestDurationString(t *testing.T) {
	tests := []struct {
		d    time.Duration
		want string
	}{
		{250 * time.Millisecond, "250ms"},
		{49 * time.Hour, "49h"},
		{90 * time.Minute, "1h30m"},
		{90 * time.Second, "1m30s"},
		{0, "0s"},
		{-2 * time.Minute, "-2m"},
	}
	for _, tt := range tests {
		if got := scenarios.Duration(tt.d).String(); got != tt.want {
			t.Errorf("Duration(%v).String() = %q, want %q", tt.d, got, tt.want)
		}
	}
}

func TestScheduleYAML(t *testing.T) {
	tests := []struct {
		s    scenarios.Schedule
		want any
	}{
		{scenarios.Schedule{Schedule: bigcommerce.Schedule{}}, "none"},
		{scenarios.Schedule{Schedule: bigcommerce.Schedule{90 * time.Second, time.Hour}}, "[1m30s, 1h]"},
	}
	for _, tt := range tests {
		b, err := yaml.Marshal(struct {
			S scenarios.Schedule `yaml:"s,omitempty"`
		}{tt.s})
		if err != nil || string(b) != fmt.Sprintf("s: %s\n", tt.want) {
			t.Errorf("Marshal(%v) = %q, %v; want s: %s", tt.s, b, err, tt.want)
		}
	}
	if !(scenarios.Schedule{}).IsZero() || (scenarios.Schedule{Schedule: bigcommerce.Schedule{}}).IsZero() {
		t.Error("IsZero does not tell unset from no retries")
	}
}

// TestHugeFileListsTheFirstProblems checks that a file with tens of
// thousands of problems is answered with the first problems and a note.
// How fast is BenchmarkParseHugeFile's business.
func TestHugeFileListsTheFirstProblems(t *testing.T) {
	_, err := scenarios.Parse("huge.yaml", hugeFile(20000))
	var ps scenarios.Problems
	if !errors.As(err, &ps) || len(ps) != 201 || ps[200].Message != "more problems are not listed" || ps[200].Line == 0 {
		t.Fatalf("got %d problems, last %v", len(ps), ps[len(ps)-1])
	}
}

// hugeFile returns a scenario with n hooks, each with three problems.
func hugeFile(n int) []byte {
	var b strings.Builder
	b.WriteString("setup:\n  stores: [s1]\n  hooks:\n")
	for i := range n {
		fmt.Fprintf(&b, "    - {name: h%d, scope: store/ordr/%d, receiver: r%d, colour: red}\n", i, i, i)
	}
	return []byte(b.String())
}

// aliasBomb is a small file whose aliases of aliases would expand to a
// million values.
const aliasBomb = `a: &a [x, x, x, x, x, x, x, x, x, x]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
setup: {stores: [s1]}
steps: [{raise: {scope: store/order/created, data: {x: *f}}}]
`

// TestAliasBomb checks that aliases of aliases cannot make Parse expand a
// small file into an enormous value. How fast it says so is
// BenchmarkParseAliasBomb's business.
func TestAliasBomb(t *testing.T) {
	_, err := scenarios.Parse("bomb.yaml", []byte(aliasBomb))
	if !errors.Is(err, scenarios.ErrInvalid) || !strings.Contains(err.Error(), "too many values") {
		t.Errorf("Parse = %v, want the expansion refused", err)
	}
}
