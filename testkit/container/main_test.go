package container_test

import (
	"context"
	"fmt"
	"os"
	"sync"
	"testing"
	"time"

	"github.com/moby/moby/client"
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
	useLoopbackForLocalEngine(ctx, cli)
	if _, err := cli.ImageInspect(ctx, image()); err != nil {
		return fmt.Errorf("image %s is missing (build it with `make image`, or name another with BCMOCK_IMAGE): %w", image(), err)
	}
	return nil
}

// useLoopbackForLocalEngine points testcontainers at 127.0.0.1 when the
// tests run inside a container that runs the Docker engine itself (as on
// this project's CI machines). Inside a container testcontainers assumes a
// sibling engine on the Docker host and looks for published ports on the
// default gateway, where they are not. The engine is local when its name is
// this machine's host name. A TESTCONTAINERS_HOST_OVERRIDE already set wins.
func useLoopbackForLocalEngine(ctx context.Context, cli *testcontainers.DockerClient) {
	if _, set := os.LookupEnv("TESTCONTAINERS_HOST_OVERRIDE"); set {
		return
	}
	if _, err := os.Stat("/.dockerenv"); err != nil {
		return
	}
	info, err := cli.Info(ctx, client.InfoOptions{})
	host, _ := os.Hostname()
	if err == nil && host != "" && info.Info.Name == host {
		_ = os.Setenv("TESTCONTAINERS_HOST_OVERRIDE", "127.0.0.1")
	}
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
