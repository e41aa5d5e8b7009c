package main

import (
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/bcmock/bcmock/scenarios/runner"
)

// JUnit XML, as CI systems read it: a testsuite per scenario file, a
// testcase per scenario, a failure (an expectation did not hold, or a step
// could not run) or an error (the file is invalid, or the scenario could
// not be set up) with the details a person needs.

type junitSuites struct {
	XMLName  xml.Name     `xml:"testsuites"`
	Name     string       `xml:"name,attr"`
	Tests    int          `xml:"tests,attr"`
	Failures int          `xml:"failures,attr"`
	Errors   int          `xml:"errors,attr"`
	Time     string       `xml:"time,attr"`
	Suites   []junitSuite `xml:"testsuite"`
}

type junitSuite struct {
	Name     string      `xml:"name,attr"`
	Tests    int         `xml:"tests,attr"`
	Failures int         `xml:"failures,attr"`
	Errors   int         `xml:"errors,attr"`
	Skipped  int         `xml:"skipped,attr"`
	Time     string      `xml:"time,attr"`
	Cases    []junitCase `xml:"testcase"`
}

type junitCase struct {
	Name      string        `xml:"name,attr"`
	Classname string        `xml:"classname,attr"`
	Time      string        `xml:"time,attr"`
	Failure   *junitProblem `xml:"failure,omitempty"`
	Error     *junitProblem `xml:"error,omitempty"`
	Skipped   *junitProblem `xml:"skipped,omitempty"`
	SystemOut string        `xml:"system-out,omitempty"`
}

type junitProblem struct {
	Message string `xml:"message,attr"`
	Type    string `xml:"type,attr"`
	Text    string `xml:",chardata"`
}

// seconds formats d as JUnit's time attribute.
func seconds(d time.Duration) string { return strconv.FormatFloat(d.Seconds(), 'f', 3, 64) }

// junitReport describes scenarios that ran.
func junitReport(ran []*ranFile, shown func(time.Duration) time.Duration) junitSuites {
	out := junitSuites{Name: "bcmock run"}
	var total time.Duration
	for _, r := range ran {
		res := r.result
		d := shown(res.Duration)
		total += d
		tc := junitCase{Name: res.Name, Classname: classname(r.file), Time: seconds(d), SystemOut: r.log.String()}
		suite := junitSuite{Name: r.file, Tests: 1, Time: seconds(d)}
		switch {
		case res.Err != nil:
			tc.Error = &junitProblem{Type: "setup", Message: "could not run: " + res.Err.Error(), Text: res.Report()}
			suite.Errors++
		case !res.Passed():
			step := res.FailedStep()
			kind := "expectation"
			if step.Err != nil {
				kind = "step"
			}
			tc.Failure = &junitProblem{Type: kind, Message: failureMessage(*step), Text: res.Report()}
			suite.Failures++
		}
		suite.Cases = []junitCase{tc}
		out.Suites = append(out.Suites, suite)
		out.Tests++
		out.Failures += suite.Failures
		out.Errors += suite.Errors
	}
	out.Time = seconds(total)
	return out
}

// failureMessage is the one-line message of a failed step: the step and
// its first mismatch.
func failureMessage(r runner.StepResult) string {
	msg := r.Title()
	switch {
	case r.Err != nil:
		return msg + ": could not run: " + r.Err.Error()
	case len(r.Failures) > 0 && len(r.Failures[0].Mismatches) > 0:
		f, m := r.Failures[0], r.Failures[0].Mismatches[0]
		msg += fmt.Sprintf(": %s: %s: expected %s, got %s", f.Subject, m.Key, m.Expected, m.Got)
		if n := len(r.Failures) - 1; n > 0 {
			msg += fmt.Sprintf(" (and %s)", plural(n, "more failed condition"))
		}
	}
	return msg
}

// invalidReport describes files that are invalid: an error per file.
func invalidReport(all []loaded) junitSuites {
	out := junitSuites{Name: "bcmock run", Time: seconds(0)}
	for _, f := range all {
		tc := junitCase{Name: strings.TrimSuffix(filepath.Base(f.file), filepath.Ext(f.file)), Classname: classname(f.file), Time: seconds(0)}
		suite := junitSuite{Name: f.file, Tests: 1, Time: seconds(0)}
		switch {
		case f.err != nil:
			tc.Error = &junitProblem{Type: "unreadable", Message: f.err.Error(), Text: f.err.Error()}
		case len(f.problems) > 0:
			lines := make([]string, len(f.problems))
			for i, p := range f.problems {
				lines[i] = p.String()
			}
			tc.Error = &junitProblem{Type: "invalid", Message: fmt.Sprintf("%s: %s", f.file, plural(len(f.problems), "problem")), Text: strings.Join(lines, "\n")}
		default:
			tc.Skipped = &junitProblem{Type: "not-run", Message: "not run: another file is invalid"}
			suite.Skipped = 1
		}
		if tc.Error != nil {
			suite.Errors = 1
			out.Errors++
		}
		suite.Cases = []junitCase{tc}
		out.Suites = append(out.Suites, suite)
		out.Tests++
	}
	return out
}

// classname turns a file path into a dotted JUnit class name.
func classname(file string) string {
	name := strings.TrimSuffix(filepath.ToSlash(file), filepath.Ext(file))
	name = strings.TrimLeft(name, "./")
	return strings.ReplaceAll(name, "/", ".")
}

// writeJUnit writes the report to path, reporting a failure on stderr.
func (c *scenarioCmd) writeJUnit(path string, report junitSuites) bool {
	return writeJUnit(c.stderr, "run", path, report)
}

// writeJUnit writes the report of "bcmock command" to path, reporting a
// failure on stderr.
func writeJUnit(stderr io.Writer, command, path string, report junitSuites) bool {
	data, err := xml.MarshalIndent(report, "", "  ")
	if err == nil {
		data = append([]byte(xml.Header), append(data, '\n')...)
		err = os.WriteFile(path, data, 0o644)
	}
	if err != nil {
		fmt.Fprintf(stderr, "bcmock %s: write JUnit report: %v\n", command, err)
		return false
	}
	return true
}
