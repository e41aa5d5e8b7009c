package inspector_test

import (
	"io"
	"net/http"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/adminapi"
)

// acceptAll answers every callback 200 without a network, so ten thousand
// attempts take little time to make (a failing receiver would get its
// hook deactivated or its domain blocklisted long before).
type acceptAll struct{}

func (acceptAll) RoundTrip(r *http.Request) (*http.Response, error) {
	return &http.Response{StatusCode: http.StatusOK, Status: "200 OK",
		Header: http.Header{"Content-Type": {"text/plain"}}, Body: io.NopCloser(strings.NewReader("ok")), Request: r}, nil
}

// TestInspectorFirstRenderWith10000Attempts measures, without asserting
// it, how long the page takes from navigation to its first full render
// (every section drawn, the delivery list in the DOM) with 10,000 attempts
// in one store. It logs the numbers (README, Performance). Run it with
//
//	BCMOCK_MEASURE=1 go test ./mock/internal/inspector -run FirstRender -v
func TestInspectorFirstRenderWith10000Attempts(t *testing.T) {
	if os.Getenv("BCMOCK_MEASURE") != "1" {
		t.Skip("a measurement: run it with BCMOCK_MEASURE=1")
	}
	const n = 10_000
	ctx := browser(t)
	hs, admin := serve(t, mock.WithHTTPClient(&http.Client{Transport: acceptAll{}}),
		mock.WithAttemptLogCap(n), mock.WithEventLogCap(n), mock.WithDeliveryLogCap(n))
	createHook(t, hs, "store/order/created", "https://app.example/webhooks")
	srvStart := time.Now()
	for range n {
		if _, err := admin.RaiseEvent(ctx, storeHash, "store/order/created", nil); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := admin.AdvanceClock(ctx, 0); err != nil {
		t.Fatal(err)
	}
	stores, err := admin.Stores(ctx)
	if err != nil || len(stores) != 1 || stores[0].Stats.Attempts != n {
		t.Fatalf("stores: %+v, %v", stores, err)
	}
	t.Logf("%d events raised and attempted in %v", n, time.Since(srvStart).Round(time.Millisecond))

	page := driver{t: t, ctx: ctx}
	var marks, walls []float64
	for range 5 {
		began := time.Now()
		page.do(chromedp.Navigate(hs.URL+adminapi.InspectorPath),
			chromedp.WaitVisible(chromedp.CSS(`body[data-rendered="true"] #deliveries tbody tr[data-delivery]`)))
		walls = append(walls, float64(time.Since(began).Microseconds())/1000)
		mark, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`window.bcmockFirstRender`))
		if err != nil {
			t.Fatal(err)
		}
		marks = append(marks, mark)
	}
	entries, err := chromedp.Run(ctx, chromedp.Evaluate[string](`JSON.stringify(performance.getEntries().map(e => [e.name.replace(location.origin, ""), Math.round(e.startTime), Math.round(e.duration)]))`))
	t.Logf("the last load's timings [name, start ms, duration ms]: %s", entries)
	rows, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll('#deliveries tbody tr[data-delivery]').length`))
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(marks)
	slices.Sort(walls)
	t.Logf("first render with %d attempts in the store (%d delivery rows drawn), 5 loads: "+
		"performance.now() at the first full render: median %.0f ms (min %.0f, max %.0f); "+
		"test's wall time from Navigate to the list in the DOM: median %.0f ms (min %.0f, max %.0f)",
		n, rows, marks[2], marks[0], marks[4], walls[2], walls[0], walls[4])
}
