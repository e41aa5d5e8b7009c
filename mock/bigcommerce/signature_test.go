package bigcommerce_test

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

var t0 = time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)

// TestSignMatchesStandardWebhooks checks Sign against the reference library
// fed base64(client secret), as BigCommerce's samples do.
func TestSignMatchesStandardWebhooks(t *testing.T) {
	tests := []struct {
		name, secret, msgID string
		ts                  time.Time
		body                string
	}{
		{"typical", "s3cr3t-client-secret", "msg_2KWPBgLlAfxdpx2AI54pPJ85f4W", t0, `{"scope":"store/order/created"}`},
		{"empty body", "x", "msg_a", t0.Add(time.Hour), ``},
		{"binary secret", "\x00\xff\x10secret", "msg_b", t0.Add(-time.Hour), `{"a":1}`},
		{"unicode", "sécret", "msg_c", time.Unix(1700000000, 999), `{"name":"café"}`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(tc.secret)))
			if err != nil {
				t.Fatal(err)
			}
			want, err := wh.Sign(tc.msgID, tc.ts, []byte(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			got := bigcommerce.Sign(tc.secret, tc.msgID, tc.ts, []byte(tc.body))
			if got != want {
				t.Fatalf("Sign = %q, library = %q", got, want)
			}
			signer := bigcommerce.NewSigner(tc.secret)
			for range 2 { // the second call reuses the keyed state
				if again := signer.Sign(tc.msgID, tc.ts, tc.body); again != want {
					t.Fatalf("Signer.Sign = %q, library = %q", again, want)
				}
			}
			h := http.Header{}
			h.Set(bigcommerce.HeaderWebhookID, tc.msgID)
			h.Set(bigcommerce.HeaderWebhookTimestamp, strconv.FormatInt(tc.ts.Unix(), 10))
			h.Set(bigcommerce.HeaderWebhookSignature, got)
			if err := wh.VerifyIgnoringTimestamp([]byte(tc.body), h); err != nil {
				t.Fatalf("verify: %v", err)
			}
		})
	}
}
