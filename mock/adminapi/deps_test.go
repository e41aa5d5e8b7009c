package adminapi_test

import (
	"os/exec"
	"strings"
	"testing"
)

// serverPackages are the packages of the in-process mock. The control
// API's client must import none of them, so that a program driving a mock
// in a container does not compile the server into itself.
var serverPackages = []string{
	"github.com/bcmock/bcmock/mock",
	"github.com/bcmock/bcmock/mock/internal/webhook",
	"github.com/bcmock/bcmock/mock/internal/store",
	"github.com/bcmock/bcmock/mock/internal/event",
	"github.com/bcmock/bcmock/mock/internal/api",
	"github.com/bcmock/bcmock/mock/internal/admin",
	"github.com/bcmock/bcmock/mock/internal/gateway",
	"github.com/bcmock/bcmock/openapi",
	"github.com/bcmock/bcmock/scenarios/runner",
}

func TestImportsNothingOfTheServer(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	deps := strings.Fields(string(out))
	for _, dep := range deps {
		for _, bad := range serverPackages {
			if dep == bad || strings.HasPrefix(dep, bad+"/internal/") {
				t.Errorf("adminapi depends on %s", dep)
			}
		}
	}
}
