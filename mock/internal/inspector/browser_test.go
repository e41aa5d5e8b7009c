package inspector_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/clock"
)

// These tests drive the inspector page in headless Chromium (Debian's
// chromium package) with chromedp. Without Chromium they skip, unless
// BCMOCK_REQUIRE_BROWSER=1 (as in CI), when they fail.

// browser returns a chromedp context of a fresh headless Chromium.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			path = p
			break
		}
	}
	if path == "" {
		if os.Getenv("BCMOCK_REQUIRE_BROWSER") == "1" {
			t.Fatal("BCMOCK_REQUIRE_BROWSER=1 but no chromium on PATH (apt-get install -y chromium)")
		}
		t.Skip("no chromium on PATH; install it (apt-get install -y chromium) to run the browser tests")
	}
	opts := append(slices.Clone(chromedp.DefaultExecAllocatorOptions[:]),
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.Headless, chromedp.DisableGPU,
		chromedp.WindowSize(1400, 1000))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancelCtx := chromedp.NewContext(actx, chromedp.WithErrorf(t.Logf))
	t.Cleanup(cancelCtx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancelTimeout)
	if err := chromedp.Do(ctx); err != nil { // starts the browser
		t.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// artifactDir is where screenshots go: $BCMOCK_ARTIFACT_DIR, or a
// temporary directory.
func artifactDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("BCMOCK_ARTIFACT_DIR")
	if dir == "" {
		return t.TempDir()
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

const storeHash = "abc123"

// driver runs steps in the page and fails the test when one fails.
type driver struct {
	t   *testing.T
	ctx context.Context
}

func (d driver) do(steps ...chromedp.Action[chromedp.Void]) {
	d.t.Helper()
	if err := chromedp.Do(d.ctx, steps...); err != nil {
		d.t.Fatalf("drive the page: %v", err)
	}
}

// text returns the visible text of the first element CSS selector sel matches.
func (d driver) text(sel string) string {
	d.t.Helper()
	v, err := chromedp.Run(d.ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		d.t.Fatalf("read %s: %v", sel, err)
	}
	return v
}

// start is the fake clock's first instant.
var start = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// serve runs a mock with a fake clock behind httptest, and its control client.
func serve(t *testing.T, opts ...mock.Option) (*httptest.Server, *adminapi.Client) {
	t.Helper()
	srv, err := mock.New(append([]mock.Option{mock.WithClock(clock.NewFake(start))}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() {
		hs.Close()
		_ = srv.Close()
	})
	return hs, adminapi.New(hs.URL, hs.Client())
}

// createHook registers a hook of the store through BigCommerce's v3 API.
func createHook(t *testing.T, hs *httptest.Server, scope, destination string) {
	t.Helper()
	body := fmt.Sprintf(`{"scope":%q,"destination":%q}`, scope, destination)
	req, _ := http.NewRequest(http.MethodPost, hs.URL+"/stores/"+storeHash+"/v3/hooks", strings.NewReader(body))
	req.Header.Set("X-Auth-Token", "browser-test")
	req.Header.Set("Content-Type", "application/json")
	resp, err := hs.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		t.Fatalf("create hook: %d %s", resp.StatusCode, b)
	}
}

func TestInspectorShowsAFailingReceiversAttempts(t *testing.T) {
	ctx := browser(t)
	rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("X-Receiver", "always-fails")
		w.WriteHeader(http.StatusInternalServerError)
		_, _ = io.WriteString(w, `{"error":"receiver is down"}`)
	}))
	defer rc.Close()
	app := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	defer app.Close()
	hs, admin := serve(t)
	const scope = "store/order/created"
	createHook(t, hs, "store/order/*", rc.URL+"/webhooks")
	createHook(t, hs, bigcommerce.DeliveryException, app.URL+"/exceptions") // hears 90001 and 90002
	if _, err := admin.RaiseEvent(ctx, storeHash, scope, nil); err != nil {
		t.Fatal(err)
	}
	// Through the ladder: the first attempt now, then every retry.
	for _, step := range []time.Duration{0, time.Hour, 48 * time.Hour} {
		if _, err := admin.AdvanceClock(ctx, step); err != nil {
			t.Fatal(err)
		}
	}
	attempts := bigcommerce.DefaultSchedule.Attempts()

	page := driver{t: t, ctx: ctx}
	page.do(chromedp.Navigate(hs.URL+adminapi.InspectorPath), chromedp.WaitVisible(chromedp.CSS(`body[data-rendered="true"]`)))
	stores, deliveries, exceptions := page.text(`#stores`), page.text(`#deliveries`), page.text(`#notices-section`)
	page.do(chromedp.Click(chromedp.CSS(`#deliveries tbody tr[data-delivery="1"]`)),
		chromedp.WaitVisible(chromedp.CSS(fmt.Sprintf(`#attempts tbody tr[data-outcome="failure"]:nth-child(%d)`, attempts))))
	failed, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`[...document.querySelectorAll('#attempts tbody tr[data-outcome="failure"]')].map(r => r.cells[0].textContent)`))
	if err != nil {
		t.Fatalf("read the attempts: %v", err)
	}
	page.do(chromedp.Click(chromedp.CSS(`#attempts tbody tr:last-child`)),
		chromedp.WaitVisible(chromedp.CSS(`#attempt [data-testid="attempt-status"]`)))
	status, respBody := page.text(`#attempt [data-testid="attempt-status"]`), page.text(`#attempt [data-testid="response-body"]`)
	reqHeaders, respHeaders := page.text(`#attempt [data-testid="request-headers"]`), page.text(`#attempt [data-testid="response-headers"]`)
	for what, c := range map[string]struct{ text, want string }{
		"store":               {stores, storeHash},
		"hook scope":          {stores, "store/order/*"},
		"destination":         {stores, rc.URL + "/webhooks"},
		"production warning":  {stores, "https"},
		"deactivated hook":    {stores, "deactivated"},
		"delivery scope":      {deliveries, scope},
		"failed delivery":     {deliveries, "failed"},
		"deactivation notice": {exceptions, "hook_deactivated"},
		"attempt status":      {status, "500"},
		"receiver body":       {respBody, "receiver is down"},
		"signature header":    {reqHeaders, "Webhook-Signature: v1,"},
		"receiver header":     {respHeaders, "X-Receiver: always-fails"},
	} {
		if !strings.Contains(c.text, c.want) {
			t.Errorf("%s: %q not in %q", what, c.want, c.text)
		}
	}
	if len(failed) != attempts || failed[0] != "1" || failed[attempts-1] != fmt.Sprint(attempts) {
		t.Errorf("failed attempts shown: %v, want 1…%d", failed, attempts)
	}

	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	path := filepath.Join(artifactDir(t), "inspector.png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot of the inspector page: %s", path)
}
