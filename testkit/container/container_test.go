package container_test

import (
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/testcontainers/testcontainers-go"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/testkit"
	"github.com/bcmock/bcmock/testkit/container"
	"github.com/bcmock/bcmock/testkit/receiver"
)

// createHook registers a hook through BigCommerce's v3 API and returns the
// status.
func createHook(t *testing.T, storeURL, token, destination string) int {
	t.Helper()
	body := fmt.Sprintf(`{"scope":"store/order/created","destination":%q}`, destination)
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, storeURL+"/hooks", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("X-Auth-Token", token)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

func TestOptionsReachTheMock(t *testing.T) {
	accounts := filepath.Join(t.TempDir(), "accounts.yaml")
	yaml := "accounts:\n  - token: erp-token\n    client_id: erp-sync\n    client_secret: s3cr3t\n"
	if err := os.WriteFile(accounts, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	ctr := run(t, container.WithAccountsFile(accounts), container.WithStrictDestinations(),
		container.WithSeed(7), container.WithFakeClock(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)))
	ctx := t.Context()
	storeURL, err := ctr.StoreURL(ctx, "abc123")
	if err != nil {
		t.Fatal(err)
	}
	base, _ := ctr.BaseURL(ctx)
	if storeURL != base+"/stores/abc123/v3" || !strings.HasPrefix(base, "http://") {
		t.Errorf("base %s, store URL %s", base, storeURL)
	}
	admin, err := ctr.Admin(ctx)
	if err != nil {
		t.Fatal(err)
	}

	if status := createHook(t, storeURL, "unknown-token", "https://app.example.com/h"); status != http.StatusUnauthorized {
		t.Errorf("unknown token: %d, want 401 (accounts file)", status)
	}
	if status := createHook(t, storeURL, "erp-token", "http://app.example.com:8080/h"); status != http.StatusUnprocessableEntity {
		t.Errorf("plain http destination: %d, want 422 (strict destinations)", status)
	}
	if status := createHook(t, storeURL, "erp-token", "https://app.example.com/h"); status != http.StatusOK {
		t.Errorf("https destination: %d, want 200", status)
	}
	if secret, err := admin.Secret(ctx, "erp-sync"); err != nil || secret != "s3cr3t" {
		t.Errorf("secret = %q, %v; want the file's", secret, err)
	}
	clk, err := admin.Clock(ctx)
	if err != nil || clk.Mode != "fake" || clk.Now.Year() != 2030 {
		t.Errorf("clock = %+v, %v", clk, err)
	}

	// The same seed gives the same event data in process and in the container.
	inProcess := testkit.Start(t, testkit.WithSeed(7), testkit.WithFakeClock(time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)))
	want, err := inProcess.RaiseEvent(ctx, "abc123", "store/product/created", nil)
	if err != nil {
		t.Fatal(err)
	}
	got, err := admin.RaiseEvent(ctx, "abc123", "store/product/created", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Hash != want.Hash {
		t.Errorf("seeded payloads differ:\ncontainer  %s\nin process %s", got.Payload, want.Payload)
	}
}

func TestRetryScheduleAndTimeoutReachTheMock(t *testing.T) {
	ctr := run(t, container.WithFakeClock(time.Time{}), container.WithHostAccess(),
		container.WithRetrySchedule(time.Second), container.WithDeliveryTimeout(100*time.Millisecond))
	ctx := t.Context()
	_, destination := container.StartReceiver(t, receiver.WithScript(receiver.Hang()))
	storeURL, _ := ctr.StoreURL(ctx, "abc123")
	if status := createHook(t, storeURL, "tok", destination); status != http.StatusOK {
		t.Fatalf("create hook: %d", status)
	}
	admin, _ := ctr.Admin(ctx)
	if _, err := admin.RaiseEvent(ctx, "abc123", "store/order/created", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := admin.AdvanceClock(ctx, time.Hour); err != nil {
		t.Fatal(err)
	}
	attempts, err := admin.Attempts(ctx, adminapi.Query{Store: "abc123"})
	if err != nil || len(attempts) != 2 {
		t.Fatalf("attempts = %+v, %v; want 2", attempts, err)
	}
	if off := attempts[1].At.Sub(attempts[0].At); off != time.Second || !strings.Contains(attempts[1].Error, "timeout") {
		t.Errorf("second attempt at +%v: %q, want +1s and a timeout", off, attempts[1].Error)
	}
}

func TestRunReturnsThePartialContainer(t *testing.T) {
	requireDocker(t)
	// The mock refuses this clock mode and exits, so it never gets healthy.
	ctr, err := container.Run(t.Context(), image(), testcontainers.WithEnv(map[string]string{"BCMOCK_CLOCK": "sundial"}))
	testcontainers.CleanupContainer(t, ctr)
	if err == nil || !strings.HasPrefix(err.Error(), "run bcmock: ") {
		t.Fatalf("err = %v, want a run bcmock: error", err)
	}
	if ctr == nil {
		t.Fatal("Run returned no container to terminate")
	}
}

func TestWithScenarioFileRunsItsStepsInTheContainer(t *testing.T) {
	ctr := run(t, container.WithScenarioFile("../../scenarios/examples/failing-receiver-recovers.yaml"))
	base, err := ctr.BaseURL(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	out, err := adminapi.New(base, nil).RunScenario(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if !out.Passed || len(out.Steps) != 4 {
		t.Errorf("scenario in the container: passed=%v, %d steps: %+v", out.Passed, len(out.Steps), out.Steps)
	}
}

// TestRunNeedsNoHostOverride runs the image as a user would, with no
// TESTCONTAINERS_HOST_OVERRIDE: inside a container (as on this project's
// machines and CI) testcontainers' own guess at the host may not reach the
// published port, and Run must find one that does.
func TestRunNeedsNoHostOverride(t *testing.T) {
	if old, set := os.LookupEnv("TESTCONTAINERS_HOST_OVERRIDE"); set {
		_ = os.Unsetenv("TESTCONTAINERS_HOST_OVERRIDE")
		t.Cleanup(func() { _ = os.Setenv("TESTCONTAINERS_HOST_OVERRIDE", old) })
	}
	_, statErr := os.Stat("/.dockerenv")
	t.Logf("inside a container: %v", statErr == nil)
	ctr := run(t)
	admin, err := ctr.Admin(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := admin.Health(t.Context()); err != nil {
		t.Fatalf("the mock at %s does not answer: %v", admin.BaseURL(), err)
	}
	host, _ := ctr.Host(t.Context())
	t.Logf("reached the mock at %s (testcontainers' host: %s)", admin.BaseURL(), host)
}
