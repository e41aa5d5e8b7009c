// This test locks the contract between the scenario examples and the
// engine: every file in scenarios/examples must pass against a fresh mock,
// so an example that drifts from bcmock's real behaviour fails CI.
package runner_test

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/bcmock/bcmock/scenarios/runner"
)

func TestExamplesPass(t *testing.T) {
	files, err := filepath.Glob("../examples/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no examples found: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			res, err := runner.RunFile(context.Background(), file)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Passed() {
				t.Errorf("%s did not pass:\n%s", file, res.Report())
			}
		})
	}
}
