package testkit_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/testkit"
)

func TestWithScenarioFileSetsUpAndRunsOnDemand(t *testing.T) {
	srv := testkit.Start(t, testkit.WithScenarioFile("../scenarios/examples/failing-receiver-recovers.yaml"))
	if !srv.UsesFakeClock() {
		t.Fatal("the scenario's fake clock was not applied")
	}
	se := srv.Scenario()
	if se == nil {
		t.Fatal("no scenario session")
	}
	// The setup is in place before any step runs: the hooks are registered.
	res, err := srv.Client().Get(srv.StoreURL("abc123") + "/hooks")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for _, r := range se.RunRemaining(t.Context()) {
		if r.Failed() {
			t.Errorf("step %d failed: %v", r.Number, r.Err)
		}
	}
	if n := len(se.Status()); n != 4 {
		t.Errorf("%d steps ran, want 4", n)
	}
}

func TestWithScenarioFileReportsEveryProblem(t *testing.T) {
	path := filepath.Join(t.TempDir(), "broken.yaml")
	if err := os.WriteFile(path, []byte("setup:\n  stores: [abc]\n  clok: fake\nsteps:\n  - advanse: 1m\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	defer func() {
		msg, _ := recover().(string)
		for _, want := range []string{"testkit:", `"clok"`, `"advanse"`} {
			if !strings.Contains(msg, want) {
				t.Errorf("panic %q lacks %q", msg, want)
			}
		}
	}()
	testkit.NewServer(testkit.WithScenarioFile(path))
	t.Fatal("NewServer accepted a broken scenario")
}
