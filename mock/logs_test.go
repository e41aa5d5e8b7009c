package mock_test

import (
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
)

func TestRedirectWithHugeLocationIsTruncatedInTheAttemptList(t *testing.T) {
	h := newHarness(t, mock.WithRetrySchedule(nil))
	loc := "https://elsewhere.example/" + strings.Repeat("a", 64<<10)
	rc := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Location", loc)
		w.WriteHeader(http.StatusFound)
	}))
	defer rc.Close()
	h.create(tokenA, "abc123", "store/order/created", rc.URL)
	h.raise("abc123", "store/order/created", "")
	h.advance(0)
	a := h.records("attempts", "")
	if len(a) != 1 {
		t.Fatalf("%d attempts", len(a))
	}
	if a[0]["truncated"] != true || len(a[0]["error"].(string)) > 1024 || !strings.Contains(a[0]["error"].(string), "Location: https://elsewhere.example/aaa") {
		t.Fatalf("attempt: truncated=%v, error of %d bytes", a[0]["truncated"], len(a[0]["error"].(string)))
	}
	if d := h.records("deliveries", ""); len(d[0]["last_error"].(string)) > 1024 {
		t.Fatalf("delivery's last_error is %d bytes", len(d[0]["last_error"].(string)))
	}
}

func TestControlListsShowOnlyWhatTheCapsKeep(t *testing.T) {
	h := newHarness(t, mock.WithEventLogCap(3), mock.WithEventLogTotalCap(4))
	for range 5 {
		h.raise("abc123", "store/order/created", "")
	}
	h.raise("other", "store/order/created", "")
	h.raise("other", "store/order/created", "")
	p := decodePage(t, h.do(req{method: "GET", path: "/__bcmock/events?limit=2&page=2"}))
	if pg := p.Meta.Pagination; pg.Total != 4 || len(p.Data) != 2 || p.Data[0]["id"] != 6.0 || p.Data[1]["id"] != 7.0 {
		t.Fatalf("page 2 of the events: %+v, ids %v %v", pg, p.Data[0]["id"], p.Data[1]["id"])
	}
	p = decodePage(t, h.do(req{method: "GET", path: "/__bcmock/events?store=abc123"}))
	if pg := p.Meta.Pagination; pg.Total != 2 || p.Data[0]["id"] != 4.0 {
		t.Fatalf("store abc123's events: %+v", pg)
	}
}
