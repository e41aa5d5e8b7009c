package container_test

import (
	"context"
	"testing"

	"github.com/testcontainers/testcontainers-go"

	"github.com/bcmock/bcmock/testkit/container"
)

// BenchmarkRun measures start-to-healthy: from Run's call until the health
// endpoint answers through the published port (create, start, wait). The
// termination is outside the timing.
func BenchmarkRun(b *testing.B) {
	requireDocker(b)
	ctx := context.Background()
	for b.Loop() {
		ctr, err := container.Run(ctx, image())
		b.StopTimer()
		if err != nil {
			testcontainers.CleanupContainer(b, ctr)
			b.Fatal(err)
		}
		if err := testcontainers.TerminateContainer(ctr); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
}
