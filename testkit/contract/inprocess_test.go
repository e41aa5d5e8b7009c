package contract_test

import (
	"testing"
	"time"

	"github.com/bcmock/bcmock/testkit"
	"github.com/bcmock/bcmock/testkit/contract"
)

// TestInProcess runs the contract suite against testkit's in-process mock;
// testkit/container runs the same suite against the Docker image.
func TestInProcess(t *testing.T) {
	t.Parallel()
	srv := testkit.Start(t, testkit.WithFakeClock(time.Time{}), testkit.WithResponseValidation())
	contract.Run(t, contract.Target{BaseURL: srv.URL, Admin: srv.Admin(), HTTPClient: srv.Client()})
}
