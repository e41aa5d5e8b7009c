// This file keeps FORMAT.md honest: its complete scenarios must load, and
// its sample problem list must be what bcmock prints.

package scenarios_test

import (
	"errors"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/scenarios"
)

// fence matches the fenced blocks of a Markdown file: language and body.
var fence = regexp.MustCompile("(?ms)^```(\\w+)\\n(.*?)^```")

func TestFormatDoc(t *testing.T) {
	doc, err := os.ReadFile("FORMAT.md")
	if err != nil {
		t.Fatal(err)
	}
	scenariosSeen, problemsSeen := 0, 0
	for _, m := range fence.FindAllStringSubmatch(string(doc), -1) {
		lang, body := m[1], m[2]
		switch {
		case lang == "yaml" && strings.Contains(body, "\nsetup:"):
			scenariosSeen++
			if _, err := scenarios.Parse("FORMAT.md", []byte(body)); err != nil {
				t.Errorf("a scenario of FORMAT.md does not load: %v", err)
			}
		case lang == "text" && strings.HasPrefix(body, "load scenario:"):
			problemsSeen++
			data, err := os.ReadFile("testdata/invalid/order.yaml")
			if err != nil {
				t.Fatal(err)
			}
			_, err = scenarios.Parse("order.yaml", data)
			var ps scenarios.Problems
			if !errors.As(err, &ps) {
				t.Fatalf("Parse = %v, want Problems", err)
			}
			if got := "load scenario: " + ps.Error() + "\n"; got != body {
				t.Errorf("FORMAT.md shows\n%s\nbut testdata/invalid/order.yaml gives\n%s", body, got)
			}
		}
	}
	if scenariosSeen == 0 || problemsSeen != 1 {
		t.Errorf("found %d scenarios and %d problem lists in FORMAT.md", scenariosSeen, problemsSeen)
	}
}
