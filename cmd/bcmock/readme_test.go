package main

import (
	"bytes"
	"context"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// flagLine matches a flag in the usage flag.PrintDefaults writes.
var flagLine = regexp.MustCompile(`(?m)^  -([a-z][a-z-]*)`)

// TestReadmeDocumentsEveryFlag keeps the README true to the CLI: every flag
// of every command, as its --help lists it, is named in README.md as
// `--name`.
func TestReadmeDocumentsEveryFlag(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	for _, cmd := range []string{"serve", "run", "validate", "trigger", "healthcheck"} {
		var stdout, stderr bytes.Buffer
		run(context.Background(), []string{cmd, "--help"}, func(string) string { return "" }, &stdout, &stderr)
		flags := flagLine.FindAllStringSubmatch(stdout.String()+stderr.String(), -1)
		if len(flags) == 0 && cmd != "validate" {
			t.Errorf("bcmock %s --help lists no flags:\n%s%s", cmd, stdout.String(), stderr.String())
		}
		for _, f := range flags {
			if !strings.Contains(string(readme), "`--"+f[1]) {
				t.Errorf("README.md does not document bcmock %s --%s", cmd, f[1])
			}
		}
	}
}

// TestReadmeEnvelopeIsWhatIsSent checks the README's callback example
// lists the envelope's keys in the order bcmock sends them.
func TestReadmeEnvelopeIsWhatIsSent(t *testing.T) {
	readme, err := os.ReadFile("../../README.md")
	if err != nil {
		t.Fatal(err)
	}
	example := regexp.MustCompile(`\{"scope":"store/order/created","store_id":"[0-9]+","data":\{"id":250,"type":"order"\},\s*"hash":"[^"]*","created_at":[0-9]+,"producer":"stores/abc123"\}`)
	if !example.Match(readme) {
		t.Error(`README.md's callback example is not in the order sent: {"scope", "store_id", "data" (keys sorted), "hash", "created_at", "producer"}`)
	}
	_, sent, err := bigcommerce.Build("abc123", "store/order/created", map[string]any{"type": "order", "id": 250}, time.Unix(1735689600, 0))
	if err != nil {
		t.Fatal(err)
	}
	if !example.Match(sent) {
		t.Errorf("the example's pattern does not match what bcmock sends: %s", sent)
	}
}
