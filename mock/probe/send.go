package probe

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// MaxResponseBody is how much of an answer's body the probe reads: an
// answer with more counts as one whose body was not read in full.
// BigCommerce advises an empty body.
const MaxResponseBody = 1 << 20

// UserAgent is the User-Agent of the probe's callbacks.
const UserAgent = "bcmock-probe/1 (+https://github.com/bcmock/bcmock)"

// callback is one request of the battery.
type callback struct {
	event  string
	msgID  string
	body   []byte
	header http.Header
}

// answer is what came back for a callback.
type answer struct {
	status   int
	header   http.Header
	bodyLen  int64
	bodyErr  error // the body could not be read in full
	err      error // no answer: the request failed
	timedOut bool  // no complete answer within the timeout
	took     time.Duration
}

// build invents a callback of ev, signed with the client secret.
func (p *prober) build(ev string) (callback, error) {
	data, err := p.gen.Data(ev, nil)
	if err != nil {
		return callback{}, fmt.Errorf("invent data of %s: %w", ev, err)
	}
	_, body, err := bigcommerce.Build(p.cfg.storeHash, ev, data, p.cfg.now())
	if err != nil {
		return callback{}, err
	}
	cb := callback{event: ev, msgID: p.newMessageID(), body: body}
	p.sign(&cb, []byte(p.secret), p.cfg.now())
	return cb, nil
}

// sign sets the Standard Webhooks headers of cb for key at ts.
func (p *prober) sign(cb *callback, key []byte, ts time.Time) {
	cb.header = http.Header{}
	cb.header.Set(bigcommerce.HeaderWebhookID, cb.msgID)
	cb.header.Set(bigcommerce.HeaderWebhookTimestamp, strconv.FormatInt(ts.Unix(), 10))
	cb.header.Set(bigcommerce.HeaderWebhookSignature, bigcommerce.Sign(string(key), cb.msgID, ts, cb.body))
}

// base62 is the alphabet of webhook-ids.
const base62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"

// newMessageID returns a webhook-id like the mock's: "msg_" + 27 base62
// characters from the seeded generator.
func (p *prober) newMessageID() string {
	var b [4 + 27]byte
	copy(b[:], "msg_")
	for i := 4; i < len(b); i++ {
		b[i] = base62[p.rng.IntN(len(base62))]
	}
	return string(b[:])
}

// send posts cb and reads the answer in full, within the timeout. The
// error is ctx's, when ctx ended: the probe stops.
func (p *prober) send(ctx context.Context, cb callback) (answer, error) {
	reqCtx, cancel := context.WithTimeout(ctx, p.cfg.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(reqCtx, http.MethodPost, p.url, bytes.NewReader(cb.body))
	if err != nil {
		return answer{err: err}, nil
	}
	req.Header = cb.header.Clone()
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", UserAgent)
	start := p.cfg.now()
	resp, err := p.client.Do(req)
	if err != nil {
		a := answer{err: cause(err), took: p.cfg.now().Sub(start)}
		a.timedOut = reqCtx.Err() != nil
		return a, ctx.Err()
	}
	n, rerr := io.Copy(io.Discard, io.LimitReader(resp.Body, MaxResponseBody+1))
	resp.Body.Close()
	a := answer{status: resp.StatusCode, header: resp.Header, bodyLen: n, took: p.cfg.now().Sub(start)}
	switch {
	case rerr != nil:
		a.bodyErr = cause(rerr)
		a.timedOut = reqCtx.Err() != nil
	case n > MaxResponseBody:
		a.bodyErr = fmt.Errorf("more than %d bytes", MaxResponseBody)
	}
	a.timedOut = a.timedOut || a.took > p.cfg.timeout
	return a, ctx.Err()
}

// cause strips net/http's "Post \"url\": " from a request error.
func cause(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// acknowledged reports whether BigCommerce would count a as delivered: a
// 2xx within the timeout.
func (a answer) acknowledged() bool {
	return a.err == nil && !a.timedOut && a.status >= 200 && a.status < 300
}

// refused reports whether a is a 4xx: what a forged callback should get.
func (a answer) refused() bool { return a.err == nil && a.status >= 400 && a.status < 500 }

// got says what came back, for a check's Got.
func (p *prober) got(a answer) string {
	took := round(a.took)
	switch {
	case a.err != nil && a.timedOut:
		return fmt.Sprintf("no answer within the %v timeout", p.cfg.timeout)
	case a.err != nil:
		return fmt.Sprintf("no answer after %v: %v", took, a.err)
	}
	s := fmt.Sprintf("%d %s in %v", a.status, http.StatusText(a.status), took)
	if loc := a.header.Get("Location"); a.status >= 300 && a.status < 400 && loc != "" {
		s += ", Location: " + loc
	}
	switch {
	case a.bodyErr != nil:
		s += fmt.Sprintf(" (body cut after %d bytes: %v)", a.bodyLen, a.bodyErr)
	case a.bodyLen > 0:
		s += fmt.Sprintf(" (body of %d bytes)", a.bodyLen)
	}
	if a.timedOut {
		s += fmt.Sprintf(", later than the %v timeout", p.cfg.timeout)
	}
	return s
}

// round shortens d for a report: microseconds below a millisecond, a
// tenth of a millisecond below a second, milliseconds above.
func round(d time.Duration) time.Duration {
	switch {
	case d < time.Millisecond:
		return d.Round(time.Microsecond)
	case d < time.Second:
		return d.Round(100 * time.Microsecond)
	}
	return d.Round(time.Millisecond)
}
