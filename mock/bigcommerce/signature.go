package bigcommerce

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"strconv"
	"time"
)

// Standard Webhooks header names, as BigCommerce's verification samples
// expect them.
const (
	HeaderWebhookID        = "webhook-id"
	HeaderWebhookTimestamp = "webhook-timestamp"
	HeaderWebhookSignature = "webhook-signature"
)

// UserAgent is the User-Agent of every attempt. BigCommerce does not
// document its own; this one says plainly that the mock sent the request.
const UserAgent = "bcmock-webhook/1 (+https://github.com/bcmock/bcmock)"

// Sign returns the Standard Webhooks v1 signature of one attempt:
// "v1," + base64(HMAC-SHA256(key, msgID + "." + unix seconds of ts + "." +
// body)), where key is the raw bytes of the account's client secret. That
// is what a receiver verifies when, as BigCommerce's samples do, it hands
// base64(client secret) to a Standard Webhooks library.
func Sign(secret, msgID string, ts time.Time, body []byte) string {
	h := hmac.New(sha256.New, []byte(secret))
	var num [20]byte
	h.Write([]byte(msgID))
	h.Write([]byte{'.'})
	h.Write(strconv.AppendInt(num[:0], ts.Unix(), 10))
	h.Write([]byte{'.'})
	h.Write(body)
	var sum [sha256.Size]byte
	mac := h.Sum(sum[:0])
	out := make([]byte, 3, 3+base64.StdEncoding.EncodedLen(len(mac)))
	copy(out, "v1,")
	return string(base64.StdEncoding.AppendEncode(out, mac))
}
