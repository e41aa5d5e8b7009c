// Package container runs bcmock's Docker image from Go tests with
// testcontainers-go, for suites that want the mock as a real process (the
// same image CI and docker run use) rather than in the test process
// (package testkit).
//
//	ctr, err := container.Run(ctx, "bcmock:dev", container.WithFakeClock(time.Time{}), container.WithHostAccess())
//	testcontainers.CleanupContainer(t, ctr)
//	if err != nil {
//		t.Fatal(err)
//	}
//	storeURL, err := ctr.StoreURL(ctx, "abc123") // http://localhost:PORT/stores/abc123/v3
//	admin, err := ctr.Admin(ctx)                 // the control API, as testkit's Server.Admin
//
// It lives in its own Go module so that users of the in-process testkit
// never download Docker's dependency tree. It talks to the mock over HTTP
// only (mock/adminapi) and never imports the mock itself.
//
// Callbacks go from the container to a receiver in the test process: start
// the container WithHostAccess and a receiver with StartReceiver, which
// listens on every interface and returns the destination the container
// reaches it by. The receiver is package testkit/receiver's, which does
// not import the mock either.
//
// Run works where the tests themselves run in a container (a CI job with
// the Docker socket mounted, Docker-in-Docker) with no environment
// variable set: it finds an address that reaches the published port (see
// BaseURL), and when none does it says which it tried and what to set.
package container

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"os"
	"strconv"
	"testing"
	"time"

	dockercontainer "github.com/moby/moby/api/types/container"
	"github.com/testcontainers/testcontainers-go"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/testkit/receiver"
)

const (
	// Port is the port bcmock listens on in its image.
	Port = "8080/tcp"
	// HealthPath is the control API's readiness endpoint, the default wait
	// strategy's target.
	HealthPath = adminapi.Prefix + "/health"
	// HostDockerInternal is the name by which a container started
	// WithHostAccess reaches the Docker host, and so the test process.
	HostDockerInternal = "host.docker.internal"
	// AccountsPath is where WithAccountsFile puts the accounts file in the
	// container.
	AccountsPath = "/etc/bcmock/accounts.yaml"
	// ScenarioPath is where WithScenarioFile puts the scenario file in the
	// container.
	ScenarioPath = "/etc/bcmock/scenario.yaml"
)

// DefaultClockStart is where WithFakeClock starts when given the zero time:
// 2025-01-01T00:00:00Z, as bcmock serve --clock fake.
var DefaultClockStart = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// ErrBadOption reports an option value that cannot be used.
var ErrBadOption = errors.New("bad option")

// StartupTimeout is how long Run waits for the mock to answer HealthPath.
const StartupTimeout = 30 * time.Second

// Container is a running bcmock container. The caller should terminate it
// (testcontainers.CleanupContainer or TerminateContainer) when done.
type Container struct {
	testcontainers.Container
	reached *reached // the address Run's wait found; empty if it was replaced
}

// Run starts bcmock's image img (for example "bcmock:dev", what make image
// builds) and waits until its health endpoint answers. Its defaults expose
// Port and wait for HealthPath on it at every address that may reach it
// (testcontainers' host first, then loopback, the Docker networks'
// gateways and the container's own address), keeping the first that
// answers for BaseURL; opts come after them, so they may replace either.
// The wait fails when the container exits, with the end of its log, or
// after StartupTimeout, with what each address answered and what to set.
// On failure Run returns the error, wrapped as "run bcmock: …", together
// with the container if one was created, so the caller can still
// terminate it.
func Run(ctx context.Context, img string, opts ...testcontainers.ContainerCustomizer) (*Container, error) {
	found := &reached{}
	all := []testcontainers.ContainerCustomizer{
		testcontainers.WithExposedPorts(Port),
		testcontainers.WithWaitStrategyAndDeadline(StartupTimeout,
			&reachWait{timeout: StartupTimeout, poll: 20 * time.Millisecond, found: found}),
	}
	all = append(all, opts...)
	ctr, err := testcontainers.Run(ctx, img, all...)
	var c *Container
	if ctr != nil {
		c = &Container{Container: ctr, reached: found}
	}
	if err != nil {
		return c, fmt.Errorf("run bcmock: %w", err)
	}
	return c, nil
}

// withEnv sets one BCMOCK_* variable.
func withEnv(name, value string) testcontainers.CustomizeRequestOption {
	return testcontainers.WithEnv(map[string]string{name: value})
}

// WithFakeClock runs the mock on a fake clock that starts at start (whole
// seconds; the zero time means DefaultClockStart) and moves only through
// the control API's AdvanceClock: BCMOCK_CLOCK=fake and BCMOCK_CLOCK_START.
func WithFakeClock(start time.Time) testcontainers.CustomizeRequestOption {
	if start.IsZero() {
		start = DefaultClockStart
	}
	return testcontainers.WithEnv(map[string]string{
		"BCMOCK_CLOCK":       "fake",
		"BCMOCK_CLOCK_START": start.UTC().Format(time.RFC3339),
	})
}

// WithSeed makes event data and webhook-id values reproducible
// (BCMOCK_SEED; 0 means random, the default is 1).
func WithSeed(seed int64) testcontainers.CustomizeRequestOption {
	return withEnv("BCMOCK_SEED", strconv.FormatInt(seed, 10))
}

// WithRetrySchedule replaces BigCommerce's retry ladder with these delays
// between attempts (BCMOCK_RETRY_SCHEDULE). No delays means one attempt and
// no retries; every delay must be positive.
func WithRetrySchedule(delays ...time.Duration) testcontainers.CustomizeRequestOption {
	s := bigcommerce.Schedule(delays)
	return func(req *testcontainers.GenericContainerRequest) error {
		if err := s.Validate(); err != nil {
			return fmt.Errorf("with retry schedule: %w", err)
		}
		return withEnv("BCMOCK_RETRY_SCHEDULE", s.String())(req)
	}
}

// WithDeliveryTimeout sets how long a receiver has to answer an attempt
// (BCMOCK_DELIVERY_TIMEOUT; default 10 s).
func WithDeliveryTimeout(d time.Duration) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		if d <= 0 {
			return fmt.Errorf("with delivery timeout %v: %w: must be positive", d, ErrBadOption)
		}
		return withEnv("BCMOCK_DELIVERY_TIMEOUT", d.String())(req)
	}
}

// WithStrictDestinations makes the mock refuse, with a 422, destinations
// production BigCommerce refuses: anything but https on port 443
// (BCMOCK_STRICT_DESTINATIONS). A test receiver is then refused too.
func WithStrictDestinations() testcontainers.CustomizeRequestOption {
	return withEnv("BCMOCK_STRICT_DESTINATIONS", "true")
}

// WithAccountsFile copies the accounts file at hostPath into the container
// (AccountsPath, world-readable) and makes the mock accept only its tokens
// (BCMOCK_ACCOUNTS).
func WithAccountsFile(hostPath string) testcontainers.CustomizeRequestOption {
	return copyIn("with accounts file", hostPath, AccountsPath, "BCMOCK_ACCOUNTS")
}

// copyIn copies hostPath into the container at containerPath, read-only,
// and points the environment variable env at it.
func copyIn(what, hostPath, containerPath, env string) testcontainers.CustomizeRequestOption {
	return func(req *testcontainers.GenericContainerRequest) error {
		if _, err := os.Stat(hostPath); err != nil {
			return fmt.Errorf("%s: %w", what, err)
		}
		if err := testcontainers.WithFiles(testcontainers.ContainerFile{
			HostFilePath: hostPath, ContainerFilePath: containerPath, FileMode: 0o444,
		})(req); err != nil {
			return err
		}
		return withEnv(env, containerPath)(req)
	}
}

// WithScenarioFile starts the mock as bcmock serve --scenario does: the
// scenario's setup (accounts, clock, seed, retry schedule, receivers,
// hooks) is in place when the container is ready (its health check waits
// for it), and its steps run on demand through the control API's client:
// Admin's RunScenario, RunScenarioStep and Scenario. The file is copied in
// (read-only).
func WithScenarioFile(hostPath string) testcontainers.CustomizeRequestOption {
	return copyIn("with scenario file", hostPath, ScenarioPath, "BCMOCK_SCENARIO")
}

// WithHostAccess lets the mock call receivers in the test process: it maps
// HostDockerInternal to the Docker host's gateway address
// (--add-host host.docker.internal:host-gateway), which Docker Desktop
// does by itself and Linux engines need to be told. Start the receiver
// with StartReceiver and register the destination it returns.
func WithHostAccess() testcontainers.CustomizeRequestOption {
	return testcontainers.WithHostConfigModifier(func(hc *dockercontainer.HostConfig) {
		hc.ExtraHosts = append(hc.ExtraHosts, HostDockerInternal+":host-gateway")
	})
}

// HostURL rewrites a URL on the test machine's loopback or unspecified
// address (127.0.0.1, localhost, ::1, 0.0.0.0, ::) to the same port on
// HostDockerInternal, the address a container started WithHostAccess
// reaches it by: http://127.0.0.1:41234/hooks becomes
// http://host.docker.internal:41234/hooks. Other URLs are returned as they
// are.
func HostURL(rawURL string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return rawURL
	}
	host := u.Hostname()
	ip := net.ParseIP(host)
	if host != "localhost" && (ip == nil || !(ip.IsLoopback() || ip.IsUnspecified())) {
		return rawURL
	}
	if port := u.Port(); port != "" {
		u.Host = net.JoinHostPort(HostDockerInternal, port)
	} else {
		u.Host = HostDockerInternal
	}
	return u.String()
}

// BaseURL returns the mock's base URL as the test process reaches it:
// http://host:port at the address Run's wait found answering. Where that
// is testcontainers' own host (the usual case) it is what
// PortEndpoint(ctx, Port, "http") gives; inside a container it may be
// another (loopback, a Docker gateway), so use BaseURL rather than Host
// and MappedPort. If opts replaced Run's wait strategy, it is
// PortEndpoint's.
func (c *Container) BaseURL(ctx context.Context) (string, error) {
	if addr := c.reached.get(); addr != "" {
		return "http://" + addr, nil
	}
	u, err := c.PortEndpoint(ctx, Port, "http")
	if err != nil {
		return "", fmt.Errorf("get base url: %w", err)
	}
	return u, nil
}

// StoreURL returns the base URL of BigCommerce's v3 API for a store, as an
// app would use https://api.bigcommerce.com/stores/{store_hash}/v3.
func (c *Container) StoreURL(ctx context.Context, storeHash string) (string, error) {
	base, err := c.BaseURL(ctx)
	if err != nil {
		return "", err
	}
	return base + "/stores/" + url.PathEscape(storeHash) + "/v3", nil
}

// InspectorURL returns the address of the mock's inspector page, to open
// in a browser on the test's host: the stores and hooks, events,
// deliveries with their attempts, and the clock.
func (c *Container) InspectorURL(ctx context.Context) (string, error) {
	base, err := c.BaseURL(ctx)
	if err != nil {
		return "", err
	}
	return base + adminapi.InspectorPath, nil
}

// Admin returns a client of the mock's control API, the same client
// testkit's in-process Server gives. It uses http.DefaultClient.
func (c *Container) Admin(ctx context.Context) (*adminapi.Client, error) {
	base, err := c.BaseURL(ctx)
	if err != nil {
		return nil, err
	}
	return adminapi.New(base, nil), nil
}

// StartReceiver starts a webhook receiver (package testkit/receiver) for
// tb that a container started WithHostAccess can call, and closes it when
// tb ends. It listens on every interface; destination is its URL on
// HostDockerInternal, the address to register as the hook's destination.
// Options are receiver's (script, secret…), a listen address among them
// overriding every interface. It fails the test if the receiver cannot
// start.
func StartReceiver(tb testing.TB, opts ...receiver.Option) (rcv *receiver.Receiver, destination string) {
	tb.Helper()
	rcv = receiver.Start(tb, append([]receiver.Option{receiver.WithListenAddr("0.0.0.0:0")}, opts...)...)
	return rcv, HostURL(rcv.URL)
}
