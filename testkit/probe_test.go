package testkit_test

import (
	"context"
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/mock/probe"
	"github.com/bcmock/bcmock/testkit"
)

// webhookHandler is an app's webhook endpoint as BigCommerce's samples
// write it: the Standard Webhooks library keyed by base64 of the client
// secret, 401 for what does not verify, 200 at once for the rest.
func webhookHandler(clientSecret string) http.Handler {
	wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(clientSecret)))
	if err != nil {
		panic(err)
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil || wh.Verify(body, r.Header) != nil {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusOK) // then queue the work
	})
}

// Probe checks the app's own endpoint: here one that verifies the way
// BigCommerce documents, so every check passes.
func ExampleProbe() {
	const clientSecret = "the-api-accounts-client-secret"
	app := httptest.NewServer(webhookHandler(clientSecret))
	defer app.Close()

	report, err := testkit.Probe(context.Background(), app.URL+"/webhooks", clientSecret, probe.WithScopes("order", "cart"))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(probe.Summary(report))
	// Output: PASS: all 15 required checks passed
}

// recorder is a testing.TB that keeps what ProbeEndpoint reports.
type recorder struct {
	testing.TB
	errors []string
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}
func (r *recorder) Log(...any) {}

func TestProbeEndpointNamesEachFailure(t *testing.T) {
	trusting := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {}))
	t.Cleanup(trusting.Close)
	rec := &recorder{TB: t}
	r := testkit.ProbeEndpoint(rec, trusting.URL, "secret", probe.WithScopes("store/order/created"), probe.WithCount(1))
	if r.Passed() || len(rec.errors) != 6 {
		t.Fatalf("ProbeEndpoint reported %d errors, want one per signature check:\n%s", len(rec.errors), strings.Join(rec.errors, "\n"))
	}
	if !strings.Contains(rec.errors[0], "signature-wrong-secret failed: accepted (200)") || !strings.Contains(rec.errors[0], "fix: verify every callback") {
		t.Errorf("first error %q: want the check, its reason and its fix", rec.errors[0])
	}

	careful := httptest.NewServer(webhookHandler("secret"))
	t.Cleanup(careful.Close)
	rec = &recorder{TB: t}
	if r := testkit.ProbeEndpoint(rec, careful.URL, "secret", probe.WithCount(1)); !r.Passed() || len(rec.errors) != 0 {
		t.Errorf("a careful app: %v", rec.errors)
	}
}
