package container_test

import (
	"testing"
	"time"

	"github.com/bcmock/bcmock/testkit/container"
	"github.com/bcmock/bcmock/testkit/contract"
)

// TestContract runs the contract suite the in-process testkit passes
// against the Docker image. Receivers listen on every interface in the test
// process (container.StartReceiver), and the container calls them through
// host.docker.internal.
func TestContract(t *testing.T) {
	ctr := run(t, container.WithFakeClock(time.Time{}), container.WithHostAccess())
	base, err := ctr.BaseURL(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	admin, err := ctr.Admin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	contract.Run(t, contract.Target{
		BaseURL:  base,
		Admin:    admin,
		Receiver: container.StartReceiver,
	})
}
