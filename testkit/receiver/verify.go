package receiver

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// SignatureTolerance is how far a callback's webhook-timestamp may be from
// the time it arrived: the Standard Webhooks libraries refuse more.
const SignatureTolerance = bigcommerce.SignatureTolerance

// ErrNoSecret is a Callback's SignatureErr when its Receiver was given no
// secret (WithSecret) to verify signatures with.
var ErrNoSecret = errors.New("receiver has no secret: signature not verified")

// Verifier checks callbacks' Standard Webhooks signatures the way an app
// does with BigCommerce's samples: the key is the API account's client
// secret, base64-encoded, given to the Standard Webhooks library. It is
// safe for concurrent use.
type Verifier struct {
	wh *standardwebhooks.Webhook
}

// NewVerifier returns a Verifier for an API account's client secret.
func NewVerifier(clientSecret string) (*Verifier, error) {
	if clientSecret == "" {
		return nil, fmt.Errorf("new verifier: %w: empty client secret", ErrBadOption)
	}
	wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(clientSecret)))
	if err != nil {
		return nil, fmt.Errorf("new verifier: %w", err)
	}
	return &Verifier{wh: wh}, nil
}

// Verify checks that header's webhook-signature signs body (with its
// webhook-id and webhook-timestamp) with the client secret. Unless arrival
// is the zero time, the webhook-timestamp must also lie within
// SignatureTolerance of arrival, as the Standard Webhooks libraries demand
// of the wall clock; pass the zero time for a mock on a fake clock, whose
// timestamps are fake too.
func (v *Verifier) Verify(body []byte, header http.Header, arrival time.Time) error {
	if err := v.wh.VerifyIgnoringTimestamp(body, header); err != nil {
		return fmt.Errorf("signature does not verify with the account's client secret: %w", err)
	}
	if arrival.IsZero() {
		return nil
	}
	stamp := header.Get(bigcommerce.HeaderWebhookTimestamp)
	sec, err := strconv.ParseInt(stamp, 10, 64)
	if err != nil {
		return fmt.Errorf("webhook-timestamp %q is not Unix seconds", stamp)
	}
	if skew := arrival.Sub(time.Unix(sec, 0)).Abs(); skew > SignatureTolerance {
		return fmt.Errorf("webhook-timestamp is %v away from the arrival time; Standard Webhooks libraries refuse more than %v",
			skew.Round(time.Second), SignatureTolerance)
	}
	return nil
}
