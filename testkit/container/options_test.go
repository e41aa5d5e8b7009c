// These tests need no Docker: they check what each option asks of the
// container request.
package container_test

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	dockercontainer "github.com/moby/moby/api/types/container"
	"github.com/testcontainers/testcontainers-go"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/testkit/container"
)

func customize(t *testing.T, opts ...testcontainers.CustomizeRequestOption) (testcontainers.GenericContainerRequest, error) {
	t.Helper()
	var req testcontainers.GenericContainerRequest
	for _, o := range opts {
		if err := o.Customize(&req); err != nil {
			return req, err
		}
	}
	return req, nil
}

func TestOptionsSetTheEnvironment(t *testing.T) {
	tests := []struct {
		name string
		opt  testcontainers.CustomizeRequestOption
		want map[string]string
	}{
		{"fake clock", container.WithFakeClock(time.Date(2030, 2, 3, 4, 5, 6, 7, time.FixedZone("x", 3600))),
			map[string]string{"BCMOCK_CLOCK": "fake", "BCMOCK_CLOCK_START": "2030-02-03T03:05:06Z"}},
		{"fake clock, zero start", container.WithFakeClock(time.Time{}),
			map[string]string{"BCMOCK_CLOCK": "fake", "BCMOCK_CLOCK_START": "2025-01-01T00:00:00Z"}},
		{"seed", container.WithSeed(-7), map[string]string{"BCMOCK_SEED": "-7"}},
		{"retry schedule", container.WithRetrySchedule(time.Second, 90*time.Second, 1500*time.Millisecond),
			map[string]string{"BCMOCK_RETRY_SCHEDULE": "1s,90s,1.5s"}},
		{"no retries", container.WithRetrySchedule(), map[string]string{"BCMOCK_RETRY_SCHEDULE": "none"}},
		{"delivery timeout", container.WithDeliveryTimeout(250 * time.Millisecond), map[string]string{"BCMOCK_DELIVERY_TIMEOUT": "250ms"}},
		{"strict destinations", container.WithStrictDestinations(), map[string]string{"BCMOCK_STRICT_DESTINATIONS": "true"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req, err := customize(t, tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if len(req.Env) != len(tt.want) {
				t.Errorf("env = %v, want %v", req.Env, tt.want)
			}
			for k, v := range tt.want {
				if req.Env[k] != v {
					t.Errorf("%s = %q, want %q", k, req.Env[k], v)
				}
			}
		})
	}
}

func TestBadOptionsFailRun(t *testing.T) {
	tests := []struct {
		name string
		opt  testcontainers.CustomizeRequestOption
		is   error
	}{
		{"zero delay", container.WithRetrySchedule(time.Second, 0), bigcommerce.ErrInvalidSchedule},
		{"zero timeout", container.WithDeliveryTimeout(0), container.ErrBadOption},
		{"missing accounts file", container.WithAccountsFile(filepath.Join(t.TempDir(), "none.yaml")), os.ErrNotExist},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := customize(t, tt.opt); !errors.Is(err, tt.is) {
				t.Errorf("err = %v, want %v", err, tt.is)
			}
			// Run reports it before it needs Docker.
			ctr, err := container.Run(t.Context(), "bcmock:dev", tt.opt)
			if ctr != nil || !errors.Is(err, tt.is) || err.Error()[:11] != "run bcmock:" {
				t.Errorf("Run = %v, %v", ctr, err)
			}
		})
	}
}

func TestWithAccountsFileCopiesTheFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "accounts.yaml")
	if err := os.WriteFile(path, []byte("accounts: []\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	req, err := customize(t, container.WithAccountsFile(path))
	if err != nil {
		t.Fatal(err)
	}
	if req.Env["BCMOCK_ACCOUNTS"] != container.AccountsPath || len(req.Files) != 1 ||
		req.Files[0].HostFilePath != path || req.Files[0].ContainerFilePath != container.AccountsPath || req.Files[0].FileMode != 0o444 {
		t.Errorf("request = env %v, files %+v", req.Env, req.Files)
	}
}

func TestWithHostAccessKeepsOtherModifiers(t *testing.T) {
	mine := testcontainers.WithHostConfigModifier(func(hc *dockercontainer.HostConfig) {
		hc.ExtraHosts = append(hc.ExtraHosts, "db:10.0.0.5")
	})
	req, err := customize(t, mine, container.WithHostAccess())
	if err != nil {
		t.Fatal(err)
	}
	var hc dockercontainer.HostConfig
	req.HostConfigModifier(&hc)
	if want := []string{"db:10.0.0.5", "host.docker.internal:host-gateway"}; !slices.Equal(hc.ExtraHosts, want) {
		t.Errorf("extra hosts = %v, want %v", hc.ExtraHosts, want)
	}
}

func TestHostURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"http://127.0.0.1:41234/hooks?x=1", "http://host.docker.internal:41234/hooks?x=1"},
		{"http://localhost:8080", "http://host.docker.internal:8080"},
		{"http://[::1]:9000/a", "http://host.docker.internal:9000/a"},
		{"http://0.0.0.0:9000", "http://host.docker.internal:9000"},
		{"http://[::]:9000", "http://host.docker.internal:9000"},
		{"https://127.0.0.1/x", "https://host.docker.internal/x"},
		{"https://app.example.com/hooks", "https://app.example.com/hooks"},
		{"http://172.17.0.1:80/", "http://172.17.0.1:80/"},
		{"not a url", "not a url"},
	}
	for _, tt := range tests {
		if got := container.HostURL(tt.in); got != tt.want {
			t.Errorf("HostURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestTLSAndRateLimitOptions(t *testing.T) {
	req, err := customize(t, container.WithTLSListener(), container.WithRateLimit(150, 30*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	if req.Env["BCMOCK_TLS_ADDR"] != ":8443" || req.Env["BCMOCK_RATE_LIMIT"] != "150/30s" || !slices.Contains(req.ExposedPorts, container.TLSPort) {
		t.Errorf("env %v, ports %v", req.Env, req.ExposedPorts)
	}
	for _, bad := range []testcontainers.CustomizeRequestOption{container.WithRateLimit(0, time.Second), container.WithRateLimit(1, 0)} {
		if _, err := customize(t, bad); !errors.Is(err, container.ErrBadOption) {
			t.Errorf("bad rate limit: %v", err)
		}
	}
	if _, err := customize(t, container.WithTLSCAFiles(filepath.Join(t.TempDir(), "none.pem"), "none.key")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing CA file: %v", err)
	}
}
