package mock_test

import (
	"os"
	"strings"
	"testing"
)

// TestReadmeWorkedExampleIsTheExample keeps the README's worked example
// true: its code block is the body of Example_readTheOrderAfterTheCallback,
// which go test runs against its // Output line.
func TestReadmeWorkedExampleIsTheExample(t *testing.T) {
	src, err := os.ReadFile("example_orders_test.go")
	if err != nil {
		t.Fatal(err)
	}
	readme, err := os.ReadFile("../README.md")
	if err != nil {
		t.Fatal(err)
	}
	const start = "func Example_readTheOrderAfterTheCallback() {\n"
	_, body, ok := strings.Cut(string(src), start)
	if !ok {
		t.Fatalf("example_orders_test.go has no %q", start)
	}
	body, _, ok = strings.Cut(body, "\n}\n")
	if !ok {
		t.Fatal("Example_readTheOrderAfterTheCallback has no closing brace")
	}
	lines := strings.Split(body, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimPrefix(l, "\t")
	}
	want := "```go\n" + strings.Join(lines, "\n") + "\n```\n"
	if !strings.Contains(string(readme), want) {
		t.Errorf("README.md's worked example is not the body of Example_readTheOrderAfterTheCallback; paste this block:\n%s", want)
	}
}
