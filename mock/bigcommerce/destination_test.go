package bigcommerce_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

func TestParseDestination(t *testing.T) {
	tests := []struct {
		raw, host, origin, problem string
	}{
		{"https://app.example.com/hooks", "app.example.com", "https://app.example.com", ""},
		{"https://App.Example.com:443/", "app.example.com:443", "https://app.example.com", ""},
		{"HTTPS://app.example.com", "app.example.com", "https://app.example.com", ""},
		{"https://app.example.com:8443/x", "app.example.com:8443", "https://app.example.com:8443",
			"BigCommerce accepts only https destinations on port 443 (got https://app.example.com:8443)"},
		{"http://127.0.0.1:8080/x", "127.0.0.1:8080", "http://127.0.0.1:8080",
			"BigCommerce accepts only https destinations on port 443 (got http://127.0.0.1:8080)"},
		{"http://example.com:80", "example.com:80", "http://example.com",
			"BigCommerce accepts only https destinations on port 443 (got http://example.com)"},
		{"http://[::1]:9000/a", "[::1]:9000", "http://[::1]:9000",
			"BigCommerce accepts only https destinations on port 443 (got http://[::1]:9000)"},
		{"https://[::1]/a", "[::1]", "https://[::1]", ""},
	}
	for _, tc := range tests {
		d, err := bigcommerce.ParseDestination(tc.raw)
		if err != nil || d.Host != tc.host || d.Origin() != tc.origin || d.ProductionProblem() != tc.problem || d.URL != tc.raw {
			t.Errorf("ParseDestination(%q) = host %q origin %q problem %q, %v\nwant host %q origin %q problem %q",
				tc.raw, d.Host, d.Origin(), d.ProductionProblem(), err, tc.host, tc.origin, tc.problem)
		}
		if got := bigcommerce.Origin(tc.raw); got != tc.origin {
			t.Errorf("Origin(%q) = %q, want %q", tc.raw, got, tc.origin)
		}
	}
}

func TestParseDestinationRefuses(t *testing.T) {
	for _, raw := range []string{"", "not a url", "app.example.com", "ftp://x", "https://", "/hooks", "http://%zz"} {
		if _, err := bigcommerce.ParseDestination(raw); !errors.Is(err, bigcommerce.ErrNotHTTPURL) {
			t.Errorf("ParseDestination(%q) error = %v, want ErrNotHTTPURL", raw, err)
		}
		if got := bigcommerce.Origin(raw); got != raw {
			t.Errorf("Origin(%q) = %q, want it unchanged", raw, got)
		}
	}
}

// A destination is parsed once; its origin drops the default port, as web
// origins do, and the production rule is read from it.
func ExampleParseDestination() {
	d, err := bigcommerce.ParseDestination("https://App.Example.com:443/webhooks")
	if err != nil {
		panic(err)
	}
	fmt.Println(d.Origin(), d.ProductionProblem() == "")
	d, _ = bigcommerce.ParseDestination("http://localhost:9000/webhooks")
	fmt.Println(d.ProductionProblem())
	// Output:
	// https://app.example.com true
	// BigCommerce accepts only https destinations on port 443 (got http://localhost:9000)
}

func TestExceptionCodes(t *testing.T) {
	want := map[bigcommerce.ExceptionCode]string{
		bigcommerce.CodeWillRetry:     "90001 (will retry)",
		bigcommerce.CodeDeactivated:   "90002 (deactivated)",
		bigcommerce.CodeDomainBlocked: "90003 (domain blocked)",
		90004:                         "90004 (not a documented code)",
	}
	for code, text := range want {
		if code.String() != text {
			t.Errorf("%d.String() = %q, want %q", int(code), code.String(), text)
		}
	}
	if len(bigcommerce.ExceptionCodes) != 3 {
		t.Errorf("ExceptionCodes = %v, want the three documented codes", bigcommerce.ExceptionCodes)
	}
}

func TestExceptionMessages(t *testing.T) {
	at := time.Date(2025, 1, 1, 10, 0, 0, 0, time.FixedZone("CET", 3600))
	for got, want := range map[string]string{
		bigcommerce.WillRetryMessage("https://a.example/h", "HTTP 500", at): "Webhook delivery to https://a.example/h failed (HTTP 500); it will be retried at 2025-01-01T09:00:00Z.",
		bigcommerce.DeactivatedMessage(12, "https://a.example/h", 7):        "All 12 attempts to deliver to https://a.example/h failed; webhook 7 has been deactivated.",
		bigcommerce.DomainBlockedMessage("https://a.example", at):           "Deliveries to https://a.example are blocked until 2025-01-01T09:00:00Z: too few recent attempts succeeded.",
	} {
		if got != want {
			t.Errorf("message = %q\nwant      %q", got, want)
		}
	}
}
