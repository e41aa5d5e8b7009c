// These tests lock the documented edges of an acknowledgement: an answer
// whose headers break BigCommerce's limits (more than 64 fields, a name
// over 64 bytes, a value over 8 KB) is a failed attempt, retried on the
// ladder.
package webhook_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

func TestAnswerHeaderLimits(t *testing.T) {
	tests := []struct {
		name    string
		set     func(h http.Header)
		wantErr string // "" means acknowledged
	}{
		{"a few headers are fine", func(h http.Header) { h.Set("X-Ok", "yes") }, ""},
		{"60 extra fields are fine", func(h http.Header) {
			for i := range 60 { // plus Date and Content-Length from net/http
				h.Set(fmt.Sprintf("X-H%d", i), "v")
			}
		}, ""},
		{"65 fields are too many", func(h http.Header) {
			for i := range 65 {
				h.Set(fmt.Sprintf("X-H%d", i), "v")
			}
		}, "more than the 64 allowed"},
		{"a 64-byte name is fine", func(h http.Header) { h.Set("X-"+strings.Repeat("n", 62), "v") }, ""},
		{"a 65-byte name is too long", func(h http.Header) { h.Set("X-"+strings.Repeat("n", 63), "v") }, "is 65 bytes, more than the 64 allowed"},
		{"an 8 KB value is fine", func(h http.Header) { h.Set("X-Big", strings.Repeat("v", 8<<10)) }, ""},
		{"a value over 8 KB is too long", func(h http.Header) { h.Set("X-Big", strings.Repeat("v", 8<<10+1)) }, "a value of 8193 bytes"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
				tc.set(w.Header())
				w.WriteHeader(http.StatusOK)
			}))
			t.Cleanup(srv.Close)
			f := newFixture(t)
			f.hook(1, srv.URL, nil)
			r := f.raise(t, 1)
			f.eng.DeliverDue(t.Context())
			a := f.eng.Attempts(webhook.Filter{})
			if len(a) != 1 {
				t.Fatalf("attempts = %+v, want one", a)
			}
			if tc.wantErr == "" {
				if a[0].Outcome != bigcommerce.OutcomeSuccess || a[0].Error != "" {
					t.Fatalf("attempt = %s %q, want a success", a[0].Outcome, a[0].Error)
				}
				return
			}
			if a[0].Outcome != bigcommerce.OutcomeFailure || a[0].ResponseStatus != 200 ||
				!strings.Contains(a[0].Error, "not an acknowledgement") || !strings.Contains(a[0].Error, tc.wantErr) {
				t.Fatalf("attempt = %s, status %d, error %q; want a failure of the 200 naming %q",
					a[0].Outcome, a[0].ResponseStatus, a[0].Error, tc.wantErr)
			}
			d := f.eng.Deliveries(webhook.Filter{EventID: r.EventID})
			if len(d) != 1 || d[0].Status != bigcommerce.OutcomePending || !d[0].NextAttemptAt.Equal(t0.Add(time.Minute)) {
				t.Fatalf("delivery = %+v, want pending, retried at t0+1m on the ladder", d)
			}
		})
	}
}
