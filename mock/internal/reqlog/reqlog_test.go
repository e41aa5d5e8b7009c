package reqlog

import (
	"fmt"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/gateway"
)

func TestStorePath(t *testing.T) {
	tests := []struct {
		path, hash, rest string
		ok               bool
	}{
		{"/stores/abc123/v3/hooks", "abc123", "/v3/hooks", true},
		{"/stores/abc123/v2/orders/100", "abc123", "/v2/orders/100", true},
		{"/stores/abc123/", "abc123", "/", true},
		{"/stores/abc123", "abc123", "", true},
		{"/stores/a..b/v3/hooks", "", "", false},
		{"/stores//v3/hooks", "", "", false},
		{"/stores/ab%2Fc/v3", "", "", false},
		{"/favicon.ico", "", "", false},
		{"/v3/hooks", "", "", false},
	}
	for _, tc := range tests {
		hash, rest, ok := storePath(tc.path)
		if hash != tc.hash || rest != tc.rest || ok != tc.ok {
			t.Errorf("storePath(%q) = %q, %q, %v; want %q, %q, %v", tc.path, hash, rest, ok, tc.hash, tc.rest, tc.ok)
		}
	}
}

func TestMatchPathAndStatus(t *testing.T) {
	paths := []struct {
		pattern, path string
		want          bool
	}{
		{"/v2/orders/100", "/v2/orders/100", true},
		{"/v2/orders/100", "/v2/orders/1000", false},
		{"/v2/orders/*", "/v2/orders/100", true},
		{"/v2/orders/*", "/v2/orders", false},
		{"/v2/orders/*", "/v2/orders/100/products", false},
		{"/v2/orders/*/products", "/v2/orders/100/products", true},
		{"/v2/*/100", "/v2/orders/100", true},
		{"/v2/ord*", "/v2/orders", false}, // "*" is a whole segment only
		{"/v2/orders/*", "/v2/orders/", false},
	}
	for _, tc := range paths {
		if got := MatchPath(tc.pattern, tc.path); got != tc.want {
			t.Errorf("MatchPath(%q, %q) = %v", tc.pattern, tc.path, got)
		}
	}
	statuses := []struct {
		want   string
		status int
		ok     bool
	}{
		{"404", 404, true}, {"404", 401, false}, {"4xx", 404, true}, {"4xx", 200, false}, {"2xx", 204, true},
	}
	for _, tc := range statuses {
		if got := MatchStatus(tc.want, tc.status); got != tc.ok {
			t.Errorf("MatchStatus(%q, %d) = %v", tc.want, tc.status, got)
		}
	}
}

// record sends a GET of path to l, answered status.
func record(l *Log, path string, status int) {
	l.Record(httptest.NewRequest("GET", path, nil), gateway.Exchange{Family: "v3", Operation: "getWebhook", Status: status})
}

func TestCapsAcrossManyStores(t *testing.T) {
	l := New(clock.NewFake(time.Unix(0, 0)), Caps{PerStore: 2, Total: 10})
	// A client naming a new store on every request cannot grow the log:
	// at most Total records, and no more stores than records.
	for i := range 1000 {
		record(l, fmt.Sprintf("/stores/s%d/v3/hooks/%d", i%100, i), 200)
	}
	if st := l.Stats(""); st.Kept != 10 || st.Dropped != 990 {
		t.Errorf("stats = %+v, want 10 kept and 990 dropped", st)
	}
	if n := len(l.stores); n != 10 {
		t.Errorf("%d stores kept, want 10 (one per record)", n)
	}
	if n := len(l.all.es); n > 2*10+64 {
		t.Errorf("the log's queue holds %d entries for 10 records", n)
	}
	recs, total := l.Records(Filter{}, Page{})
	if total != 10 || recs[0].ID != 991 || recs[9].ID != 1000 {
		t.Errorf("kept %d, ids %d…%d; want the newest 10", total, recs[0].ID, recs[len(recs)-1].ID)
	}
	// One busy store among quiet ones: its own cap drops from the middle
	// of the log-wide queue, which stays bounded.
	for i := range 1000 {
		record(l, fmt.Sprintf("/stores/busy/v3/hooks/%d", i), 200)
	}
	if st := l.Stats("busy"); st.Kept != 2 {
		t.Errorf("busy store kept %d, want its cap 2", st.Kept)
	}
	if n := len(l.all.es) - l.all.head; n > 2*10+64 {
		t.Errorf("the log's queue holds %d entries for %d records", n, l.all.live)
	}
}

func TestRecordClipsLongFields(t *testing.T) {
	l := New(clock.NewFake(time.Unix(0, 0)), Caps{})
	long := strings.Repeat("a", 3*FieldCap)
	record(l, "/stores/abc123/v3/"+long+"?q="+long, 404)
	recs, _ := l.Records(Filter{}, Page{})
	if len(recs) != 1 || len(recs[0].Path) != FieldCap || len(recs[0].Query) != FieldCap || !recs[0].Truncated {
		t.Errorf("path %d bytes, query %d bytes, truncated %v; want both cut at %d", len(recs[0].Path), len(recs[0].Query), recs[0].Truncated, FieldCap)
	}
}

func TestRecordCopiesItsStrings(t *testing.T) {
	l := New(clock.NewFake(time.Unix(0, 0)), Caps{})
	r := httptest.NewRequest("GET", "/stores/abc123/v2/orders/100?"+strings.Repeat("q", 1<<20), nil)
	r.Header.Set("User-Agent", "app/1")
	l.Record(r, gateway.Exchange{Status: 200})
	recs, _ := l.Records(Filter{}, Page{})
	got := recs[len(recs)-1]
	if got.Method != "GET" || got.Path != "/v2/orders/100" || len(got.Query) != FieldCap || got.UserAgent != "app/1" || !got.Truncated {
		t.Errorf("record = %+v", got)
	}
	// The record's strings share one small allocation, not the request's.
	base := unsafe.StringData(got.Method)
	end := uintptr(unsafe.Pointer(base)) + uintptr(len(got.Method)+len(got.Path)+len(got.Query)+len(got.UserAgent))
	for _, s := range []string{got.Path, got.Query, got.UserAgent} {
		if p := uintptr(unsafe.Pointer(unsafe.StringData(s))); p < uintptr(unsafe.Pointer(base)) || p >= end {
			t.Errorf("%.20q… is not in the record's own copy", s)
		}
	}
}
