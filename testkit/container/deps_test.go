package container_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestImportsNoneOfTheMock checks that a container user's build holds
// none of the in-process mock: the server, its engine, store, events, API
// handlers, control API handlers, OpenAPI validation or the scenario
// runner. The container module talks to the mock over HTTP only.
func TestImportsNoneOfTheMock(t *testing.T) {
	goCmd, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("no go command to list dependencies with: %v", err)
	}
	out, err := exec.Command(goCmd, "list", "-deps", "-f", `{{.ImportPath}}:{{join .Imports " "}}`,
		"github.com/bcmock/bcmock/testkit/container").Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	importers := map[string][]string{} // package → the dependencies that import it
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		pkg, imports, _ := strings.Cut(line, ":")
		for _, imp := range strings.Fields(imports) {
			importers[imp] = append(importers[imp], pkg)
		}
	}
	const module = "github.com/bcmock/bcmock/"
	for _, pkg := range []string{
		"mock", "openapi", "scenarios/runner",
	} {
		if by, ok := importers[module+pkg]; ok {
			t.Errorf("testkit/container depends on %s%s, imported by %s", module, pkg, strings.Join(by, ", "))
		}
	}
	for imp, by := range importers {
		if strings.HasPrefix(imp, module+"mock/internal/") {
			t.Errorf("testkit/container depends on %s, imported by %s", imp, strings.Join(by, ", "))
		}
	}
}
