package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"text/tabwriter"
	"time"

	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/runner"
)

// scenarioCmd is "bcmock run" and "bcmock validate": where they write and
// how they show time.
type scenarioCmd struct {
	stdout, stderr io.Writer
	// live rewrites a step's line in place when it ends (a terminal);
	// otherwise each step gets one plain line when it ends (CI logs).
	live bool
	// shown maps every measured duration before it is shown, in text and
	// JUnit alike; the identity, except in tests that need stable output.
	shown func(time.Duration) time.Duration
}

// newScenarioCmd returns the command writing to stdout and stderr, live
// when stdout is a terminal and CI is not set.
func newScenarioCmd(getenv func(string) string, stdout, stderr io.Writer) *scenarioCmd {
	return &scenarioCmd{stdout: stdout, stderr: stderr, live: isTerminal(stdout, getenv), shown: func(d time.Duration) time.Duration { return d }}
}

// isTerminal reports whether w is a character device (a terminal) and the
// environment does not say CI or a dumb terminal.
func isTerminal(w io.Writer, getenv func(string) string) bool {
	if getenv("CI") != "" || getenv("TERM") == "dumb" {
		return false
	}
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	info, err := f.Stat()
	return err == nil && info.Mode()&os.ModeCharDevice != 0
}

// targetsFlag collects repeated --target name=URL flags.
type targetsFlag struct {
	names []string
	urls  map[string]string
}

// String shows the targets given.
func (t *targetsFlag) String() string {
	parts := make([]string, len(t.names))
	for i, n := range t.names {
		parts[i] = n + "=" + t.urls[n]
	}
	return strings.Join(parts, ",")
}

// Set adds one name=URL.
func (t *targetsFlag) Set(v string) error {
	name, u, ok := strings.Cut(v, "=")
	if !ok || name == "" || !(strings.HasPrefix(u, "http://") || strings.HasPrefix(u, "https://")) {
		return fmt.Errorf("want RECEIVER=http(s)://host[:port][/path], got %q", v)
	}
	if t.urls == nil {
		t.urls = map[string]string{}
	}
	if _, dup := t.urls[name]; !dup {
		t.names = append(t.names, name)
	}
	t.urls[name] = u
	return nil
}

// parseArgs parses flags that may come before, between or after the
// other arguments ("run a.yaml b.yaml --junit r.xml"); after "--" every
// argument is a plain one. It returns the plain arguments, or an exit code
// (help: 0, error or none given: 2) and true when parsing ended the
// command; what names the arguments for that error.
func parseArgs(fs *flag.FlagSet, args []string, stdout, stderr io.Writer, what string) ([]string, int, bool) {
	fs.SetOutput(io.Discard) // the flag package's own messages; written below, once
	var files []string
	for {
		err := fs.Parse(args)
		switch {
		case errors.Is(err, flag.ErrHelp):
			fs.SetOutput(stdout)
			fs.Usage()
			return nil, exitOK, true
		case err != nil:
			return nil, usageError(fs, stderr, flagProblem(fs, err)), true
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		if used := len(args) - len(rest); used > 0 && args[used-1] == "--" {
			files = append(files, rest...)
			break
		}
		files, args = append(files, rest[0]), rest[1:]
	}
	if len(files) == 0 {
		return nil, usageError(fs, stderr, "no "+what+" given"), true
	}
	return files, 0, false
}

// loaded is one scenario file, read and checked.
type loaded struct {
	file     string
	data     []byte
	scenario *scenarios.Scenario
	problems scenarios.Problems
	err      error // the file could not be read
}

// load reads and checks every file.
func load(files []string) []loaded {
	out := make([]loaded, len(files))
	for i, file := range files {
		out[i].file = file
		data, err := os.ReadFile(file)
		if err != nil {
			out[i].err = err
			continue
		}
		out[i].data = data
		s, err := scenarios.Parse(file, data)
		if errors.As(err, &out[i].problems) {
			continue
		}
		if err != nil {
			out[i].err = err
			continue
		}
		out[i].scenario = s
	}
	return out
}

// reportInvalid writes every problem of every invalid file to stderr and
// returns how many files are invalid.
func (c *scenarioCmd) reportInvalid(cmd string, files []loaded) int {
	bad := 0
	for _, f := range files {
		switch {
		case f.err != nil:
			bad++
			fmt.Fprintf(c.stderr, "%s: %v\n", f.file, f.err)
		case len(f.problems) > 0:
			bad++
			for _, p := range f.problems {
				fmt.Fprintln(c.stderr, p.String())
			}
		}
	}
	if bad > 0 {
		what := "nothing was run"
		if cmd == "validate" {
			what = "fix the problems above"
		}
		fmt.Fprintf(c.stderr, "bcmock %s: %d of %s invalid; %s\n", cmd, bad, plural(len(files), "file"), what)
	}
	return bad
}

func runValidate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	return newScenarioCmd(getenv, stdout, stderr).validate(ctx, args)
}

// validate is "bcmock validate FILE...".
func (c *scenarioCmd) validate(_ context.Context, args []string) int {
	fs := flag.NewFlagSet("validate", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: bcmock validate FILE...

Checks scenario files without running them: YAML syntax, unknown keys,
types, references, scopes, BigCommerce's limits and expectations that could
never hold. Every problem is printed as file:line:column: path: message; hint.
Exit status: 0 every file is valid, 2 a file is invalid or unreadable.
`)
	}
	files, code, done := parseArgs(fs, args, c.stdout, c.stderr, "scenario files")
	if done {
		return code
	}
	all := load(files)
	for _, f := range all {
		if f.scenario != nil {
			s := f.scenario
			fmt.Fprintf(c.stdout, "ok  %s  (%s: %s, %s, %s)\n", f.file, s.Name, plural(len(s.Steps), "step"), plural(len(s.Setup.Hooks), "hook"), plural(len(s.Receivers), "receiver"))
		}
	}
	if c.reportInvalid("validate", all) > 0 {
		return exitUsage
	}
	return exitOK
}

func runScenarios(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(ctx, syscall.SIGINT, syscall.SIGTERM)
	defer stop()
	return newScenarioCmd(getenv, stdout, stderr).run(ctx, args, getenv)
}

// ranFile is one file's outcome, for the summary and JUnit.
type ranFile struct {
	loaded
	result runner.Result
	log    strings.Builder // the step lines, for JUnit's system-out
}

// run is "bcmock run FILE...".
func (c *scenarioCmd) run(ctx context.Context, args []string, getenv func(string) string) int {
	fs := flag.NewFlagSet("run", flag.ContinueOnError)
	env := envFlags{fs: fs, getenv: getenv}
	junit := env.String("junit", "BCMOCK_JUNIT", "", "write a JUnit XML report to this file (a testsuite per file, a testcase per scenario)")
	timeout := env.Duration("timeout", "BCMOCK_RUN_TIMEOUT", 5*time.Minute, "give up on a scenario after this long (wall clock)")
	var targets targetsFlag
	fs.Var(&targets, "target", "send a receiver's callbacks to your app instead: RECEIVER=URL (repeatable)")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), `Usage: bcmock run [flags] FILE...

Runs scenario files, each in a mock of its own. Every file is checked first;
if one is invalid, its problems are printed and nothing runs. Flags may come
before or after the files.

Exit status: 0 every scenario passed, 1 a scenario failed, 2 a file is
invalid or a flag is wrong.

Flags:
`)
		fs.PrintDefaults()
	}
	files, code, done := parseArgs(fs, args, c.stdout, c.stderr, "scenario files")
	if done {
		return code
	}
	if err := env.Err(); err != nil {
		fmt.Fprintln(c.stderr, "bcmock run:", err)
		return exitUsage
	}
	if *timeout <= 0 {
		fmt.Fprintln(c.stderr, "bcmock run: --timeout must be positive")
		return exitUsage
	}
	all := load(files)
	if c.reportInvalid("run", all) > 0 {
		if *junit != "" {
			c.writeJUnit(*junit, invalidReport(all))
		}
		return exitUsage
	}
	if err := checkTargets(&targets, all); err != nil {
		fmt.Fprintln(c.stderr, "bcmock run:", err)
		return exitUsage
	}
	begin := time.Now()
	ran := make([]*ranFile, len(all))
	for i, f := range all {
		ran[i] = c.runOne(ctx, f, &targets, *timeout)
	}
	c.summary(ran, time.Since(begin))
	if *junit != "" && !c.writeJUnit(*junit, junitReport(ran, c.shown)) {
		return exitError
	}
	for _, r := range ran {
		if !r.result.Passed() {
			return exitError
		}
	}
	return exitOK
}

// checkTargets refuses a --target no scenario has a receiver for.
func checkTargets(t *targetsFlag, all []loaded) error {
	for _, name := range t.names {
		var known []string
		found := false
		for _, f := range all {
			for _, r := range f.scenario.Receivers {
				found = found || r.Name == name
				if !slices.Contains(known, r.Name) {
					known = append(known, r.Name)
				}
			}
		}
		if !found {
			if len(known) == 0 {
				return fmt.Errorf("--target %s: the scenarios have no receivers", name)
			}
			return fmt.Errorf("--target %s: no scenario has a receiver %q (receivers: %s)", name, name, strings.Join(known, ", "))
		}
	}
	return nil
}

// runOne runs one scenario, showing its steps as they run.
func (c *scenarioCmd) runOne(ctx context.Context, f loaded, targets *targetsFlag, timeout time.Duration) *ranFile {
	rf := &ranFile{loaded: f}
	s := f.scenario
	fmt.Fprintf(c.stdout, "=== %s (%s)\n", s.Name, f.file)
	opts := []runner.Option{runner.WithSource(f.file, f.data), runner.WithProgress(func(r runner.StepResult) { c.step(rf, r, len(s.Steps)) })}
	for _, name := range targets.names {
		if slices.ContainsFunc(s.Receivers, func(r scenarios.Receiver) bool { return r.Name == name }) {
			opts = append(opts, runner.WithTarget(name, targets.urls[name]))
		}
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	rf.result = runner.Run(ctx, s, opts...)
	res := rf.result
	if res.Err != nil {
		line := "  FAIL  could not run: " + res.Err.Error()
		fmt.Fprintln(c.stdout, line)
		rf.log.WriteString(line + "\n")
	}
	if skipped := len(res.Steps) - res.Ran(); skipped > 0 && res.Err == nil {
		line := fmt.Sprintf("        %s skipped after the failure", plural(skipped, "more step"))
		fmt.Fprintln(c.stdout, line)
		rf.log.WriteString(line + "\n")
	}
	verdict := "PASS"
	if !res.Passed() {
		verdict = "FAIL"
	}
	fmt.Fprintf(c.stdout, "--- %s %s (%s)\n\n", verdict, s.Name, showDuration(c.shown(res.Duration)))
	return rf
}

// step shows a step starting (live only) or ending.
func (c *scenarioCmd) step(rf *ranFile, r runner.StepResult, total int) {
	num := fmt.Sprintf("%*d", len(fmt.Sprint(total)), r.Number)
	head := fmt.Sprintf("%s %-7s %s", num, r.Kind, r.Summary)
	if r.Status == runner.StepRunning {
		if c.live {
			fmt.Fprintf(c.stdout, "  … %s", head)
		}
		return
	}
	tail := ""
	if r.Done != "" {
		tail = " → " + r.Done
	}
	tail += " (" + showDuration(c.shown(r.Duration)) + ")"
	mark, plain := "✓", "PASS"
	if r.Failed() {
		mark, plain = "✗", "FAIL"
	}
	line := "  " + plain + "  " + head + tail
	rf.log.WriteString(line + "\n")
	if c.live {
		fmt.Fprintf(c.stdout, "\r\033[K  %s %s%s\n", mark, head, tail)
	} else {
		fmt.Fprintln(c.stdout, line)
	}
	if report := r.Report(); report != "" {
		text := indentLines(strings.TrimSuffix(report, "\n"), "        ")
		fmt.Fprintln(c.stdout, text)
		rf.log.WriteString(text + "\n")
	}
}

// summary writes the table of scenarios.
func (c *scenarioCmd) summary(ran []*ranFile, total time.Duration) {
	tw := tabwriter.NewWriter(c.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "SCENARIO\tSTEPS\tRESULT\tDURATION")
	passed := 0
	for _, r := range ran {
		res := r.result
		result := "passed"
		switch {
		case res.Err != nil:
			result = "ERROR"
		case !res.Passed():
			result = "FAILED"
		default:
			passed++
		}
		fmt.Fprintf(tw, "%s\t%d/%d\t%s\t%s\n", res.Name, res.Ran(), len(res.Steps), result, showDuration(c.shown(res.Duration)))
	}
	_ = tw.Flush()
	fmt.Fprintf(c.stdout, "%s: %d passed, %d failed (%s)\n", plural(len(ran), "scenario"), passed, len(ran)-passed, showDuration(c.shown(total)))
}

// showDuration rounds d for people: 12ms, 1.25s, 850µs.
func showDuration(d time.Duration) string {
	switch {
	case d >= 10*time.Second:
		return d.Round(100 * time.Millisecond).String()
	case d >= time.Second:
		return d.Round(10 * time.Millisecond).String()
	case d >= time.Millisecond:
		return d.Round(time.Millisecond).String()
	}
	return d.Round(time.Microsecond).String()
}

// indentLines prefixes every line of s.
func indentLines(s, prefix string) string {
	return prefix + strings.ReplaceAll(s, "\n", "\n"+prefix)
}

// plural formats a count in the CLI's messages: "1 file", "3 steps",
// "2 deliveries". (The scenario packages' own counting helper is internal
// to scenarios/, which cmd cannot import, and no path under the fixed top
// level can hold one internal package for both.)
func plural(n int, thing string) string {
	if n == 1 {
		return "1 " + thing
	}
	if stem, ok := strings.CutSuffix(thing, "y"); ok {
		return strconv.Itoa(n) + " " + stem + "ies"
	}
	return strconv.Itoa(n) + " " + thing + "s"
}
