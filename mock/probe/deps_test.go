package probe_test

import (
	"os/exec"
	"strings"
	"testing"
)

// serverPackages are the packages of the in-process mock. The probe must
// import none of them, so that a program probing its app (or driving a
// mock in a container) does not compile the server into itself.
var serverPackages = []string{
	"github.com/bcmock/bcmock/mock",
	"github.com/bcmock/bcmock/mock/internal/webhook",
	"github.com/bcmock/bcmock/mock/internal/store",
	"github.com/bcmock/bcmock/mock/internal/api",
	"github.com/bcmock/bcmock/mock/internal/admin",
	"github.com/bcmock/bcmock/mock/internal/gateway",
	"github.com/bcmock/bcmock/mock/account",
	"github.com/bcmock/bcmock/openapi",
	"github.com/bcmock/bcmock/scenarios",
	"github.com/bcmock/bcmock/scenarios/runner",
	"github.com/bcmock/bcmock/testkit",
}

// eventPackage invents event data; the probe sends such data, and the
// package imports only mock/bigcommerce.
const eventPackage = "github.com/bcmock/bcmock/mock/internal/event"

func TestImportsNothingOfTheServer(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", ".").CombinedOutput()
	if err != nil {
		t.Fatalf("go list: %v\n%s", err, out)
	}
	for _, dep := range strings.Fields(string(out)) {
		for _, bad := range serverPackages {
			if dep == bad || (strings.HasPrefix(dep, bad+"/internal/") && dep != eventPackage) {
				t.Errorf("probe depends on %s", dep)
			}
		}
	}
}
