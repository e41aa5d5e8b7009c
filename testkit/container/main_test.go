package container_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/testcontainers/testcontainers-go"

	"github.com/bcmock/bcmock/testkit/container"
)

// TestMain turns testcontainers' reaper (Ryuk) off unless the environment
// says otherwise: its image would have to be pulled, and this project's
// machines reach no registry. Every test terminates its own container.
func TestMain(m *testing.M) {
	if os.Getenv("TESTCONTAINERS_RYUK_DISABLED") == "" {
		_ = os.Setenv("TESTCONTAINERS_RYUK_DISABLED", "true")
	}
	// Examples cannot skip themselves: without Docker (and unless CI
	// requires it) ExampleRun is left out, as requireDocker skips tests.
	flag.Parse()
	if os.Getenv("BCMOCK_REQUIRE_DOCKER") != "1" {
		if err := checkDocker(); err != nil {
			fmt.Fprintln(os.Stderr, "skipping ExampleRun:", err)
			_ = flag.Set("test.skip", "^ExampleRun$")
		}
	}
	os.Exit(m.Run())
}

// image is the image under test: $BCMOCK_IMAGE, or what make image builds.
func image() string {
	if img := os.Getenv("BCMOCK_IMAGE"); img != "" {
		return img
	}
	return "bcmock:dev"
}

var (
	dockerOnce sync.Once
	dockerErr  error
)

// checkDocker reports why the image cannot be run here, if it cannot.
func checkDocker() (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("no Docker engine: %v", r)
		}
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	cli, err := testcontainers.NewDockerClientWithOpts(ctx)
	if err != nil {
		return fmt.Errorf("no Docker engine: %w", err)
	}
	defer cli.Close()
	if _, err := cli.ImageInspect(ctx, image()); err != nil {
		return fmt.Errorf("image %s is missing (build it with `make image`, or name another with BCMOCK_IMAGE): %w", image(), err)
	}
	return nil
}

// requireDocker skips tb when Docker or the image is unavailable, with the
// reason, or fails it when BCMOCK_REQUIRE_DOCKER=1 (CI).
func requireDocker(tb testing.TB) {
	tb.Helper()
	dockerOnce.Do(func() { dockerErr = checkDocker() })
	if dockerErr == nil {
		return
	}
	if os.Getenv("BCMOCK_REQUIRE_DOCKER") == "1" {
		tb.Fatalf("BCMOCK_REQUIRE_DOCKER=1 but %v", dockerErr)
	}
	tb.Skipf("skipping: %v (set BCMOCK_REQUIRE_DOCKER=1 to make this a failure)", dockerErr)
}

// run starts the image for tb and terminates it when tb ends.
func run(tb testing.TB, opts ...testcontainers.ContainerCustomizer) *container.Container {
	tb.Helper()
	requireDocker(tb)
	ctr, err := container.Run(context.Background(), image(), opts...)
	testcontainers.CleanupContainer(tb, ctr)
	if err != nil {
		tb.Fatal(err)
	}
	return ctr
}
