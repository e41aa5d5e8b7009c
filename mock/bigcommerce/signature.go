package bigcommerce

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"hash"
	"strconv"
	"sync"
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

// Signer computes Sign for one secret, reusing its keyed HMAC state
// between calls, for a sender that signs many attempts. Create one with
// NewSigner; it is safe for concurrent use.
type Signer struct {
	pool sync.Pool // of *signState
}

// signState is one reusable HMAC and a scratch buffer.
type signState struct {
	mac hash.Hash
	buf []byte
}

// NewSigner returns a Signer for secret.
func NewSigner(secret string) *Signer {
	key := []byte(secret)
	s := &Signer{}
	s.pool.New = func() any { return &signState{mac: hmac.New(sha256.New, key)} }
	return s
}

// Sign returns the same signature as Sign(secret, msgID, ts, body).
func (s *Signer) Sign(msgID string, ts time.Time, body string) string {
	st := s.pool.Get().(*signState)
	defer s.pool.Put(st)
	st.mac.Reset()
	b := append(st.buf[:0], msgID...)
	b = append(b, '.')
	b = strconv.AppendInt(b, ts.Unix(), 10)
	b = append(b, '.')
	b = append(b, body...)
	st.mac.Write(b)
	var sum [sha256.Size]byte
	mac := st.mac.Sum(sum[:0])
	out := make([]byte, 3, 3+base64.StdEncoding.EncodedLen(len(mac)))
	copy(out, "v1,")
	if cap(b) <= 64<<10 {
		st.buf = b
	}
	return string(base64.StdEncoding.AppendEncode(out, mac))
}
