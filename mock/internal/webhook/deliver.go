package webhook

import (
	"container/heap"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// drainCap is how much of a response body is read and discarded so the
// connection can be reused.
const drainCap = 64 << 10

// job is one claimed attempt.
type job struct {
	d       *delivery
	number  int
	key     string    // destination, for the per-destination cap
	drv     *driver   // who claimed it
	seq     uint64    // claim order
	claimed time.Time // engine-clock instant of the claim
}

// resultKind says what became of a claimed attempt.
type resultKind int

const (
	resultSent      resultKind = iota // an HTTP attempt was made
	resultCancelled                   // the hook was gone or inactive
	resultAborted                     // shutdown or ctx ended first; does not count
)

// result is what a worker reports for one job.
type result struct {
	job
	kind   resultKind
	rec    AttemptRecord
	ok     bool
	reason string // short failure description for the blocklist
}

// claimLocked pops every delivery due now for drv. Those whose
// client+domain is blocked are pushed back to the block's end (returning the
// 90003 notices to send); the rest are queued fairly and started as far as
// the caps allow.
func (e *Engine) claimLocked(drv *driver) []func() {
	now := e.cfg.clock.Now()
	var effects []func()
	q := &e.state.queue
	claimed := false
	for q.Len() > 0 && !(*q)[0].due.After(now) {
		d := heap.Pop(q).(*delivery)
		if b := e.blockedLocked(d, now); b != nil {
			effects = e.postponeLocked(d, b, now, effects)
			continue
		}
		e.seq++
		e.fair.push(job{d: d, number: d.attempts + 1, key: d.dest.Host, drv: drv, seq: e.seq, claimed: now})
		drv.pending++
		claimed = true
	}
	if claimed {
		effects = e.launchLocked(effects)
	}
	return effects
}

// launchLocked starts a worker for every claimed attempt the caps allow,
// and adds the notices of attempts postponed instead.
func (e *Engine) launchLocked(effects []func()) []func() {
	for {
		j, ok := e.nextLocked(&effects)
		if !ok {
			return effects
		}
		go e.work(j)
	}
}

// nextLocked returns the next claimed attempt that may start now. Attempts
// whose delivery is gone (Reset), whose driver has stopped, or, when the
// clock has moved since the claim, whose domain has been blocked meanwhile,
// are settled without being sent.
func (e *Engine) nextLocked(effects *[]func()) (job, bool) {
	for !e.closing {
		j, ok := e.fair.next()
		if !ok {
			return job{}, false
		}
		d, now := j.d, e.cfg.clock.Now()
		var b *block
		if now.After(j.claimed) {
			b = e.blockedLocked(d, now)
		}
		switch {
		case e.state.byID[d.id] != d:
		case j.drv.ctx.Err() != nil:
			e.queueLocked(d)
		case b != nil:
			*effects = e.postponeLocked(d, b, now, *effects)
		default:
			return j, true
		}
		e.fair.done(j.key)
		e.settleLocked(j, nil)
	}
	return job{}, false
}

// postponeLocked moves d to the retry queue without counting an attempt
// (heldUntil), and adds the block's notice for d's store if that store has
// not had one.
func (e *Engine) postponeLocked(d *delivery, b *block, now time.Time, effects []func()) []func() {
	d.postponed++
	d.due = e.heldUntil(d, b, now)
	e.queueLocked(d)
	if d.exception || b.notified[d.target.StoreHash] {
		return effects
	}
	b.notified[d.target.StoreHash] = true
	return append(effects, e.blockNotice(d.target, b, now))
}

// work runs attempt j, records it, and goes on with whichever claimed
// attempt may start next, until none may.
func (e *Engine) work(j job) {
	for ok := true; ok; {
		j, ok = e.finish(e.attempt(j))
	}
}

// finish records r the moment its attempt ended, frees its slot, settles
// it, and returns the next attempt this worker should make.
func (e *Engine) finish(r result) (job, bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	effects := e.applyLocked(&r)
	e.fair.done(r.key)
	var notices []func()
	next, ok := e.nextLocked(&notices)
	notices = e.launchLocked(notices)
	e.settleLocked(r.job, append(effects, notices...))
	return next, ok
}

// attempt performs one job: it checks the hook is still active, then POSTs.
func (e *Engine) attempt(j job) result {
	ctx, t := j.drv.ctx, j.d.target
	if ctx.Err() != nil {
		return result{job: j, kind: resultAborted}
	}
	if !e.dir.Active(t.StoreHash, t.HookID) {
		return result{job: j, kind: resultCancelled}
	}
	at := e.cfg.clock.Now()
	r := result{job: j, kind: resultSent, rec: e.newAttemptRecord(j, at)}
	r.ok, r.reason = e.post(ctx, &r.rec)
	if !r.ok && ctx.Err() != nil {
		r.kind = resultAborted
	}
	e.observeAttempt(ctx, &r)
	return r
}

// newAttemptRecord describes the request of attempt j made at at.
func (e *Engine) newAttemptRecord(j job, at time.Time) AttemptRecord {
	d := j.d
	return AttemptRecord{
		DeliveryID: d.id, EventID: d.event.ID, StoreHash: d.target.StoreHash, HookID: d.target.HookID,
		Scope: d.event.Scope, Number: j.number, At: at, Fault: d.faultLabel(),
		Request: RequestRecord{
			Method: http.MethodPost, URL: d.target.Destination,
			Headers: e.headers(d, at), Body: d.event.Body,
		},
	}
}

// reservedHeader reports whether a custom header is dropped because the
// engine or net/http sets it.
func reservedHeader(canonical string) bool {
	switch canonical {
	case "Content-Type", "User-Agent", "Host", "Content-Length", "Transfer-Encoding", "Connection":
		return true
	}
	return strings.HasPrefix(canonical, "Webhook-") || canonical == SenderHeader
}

// Canonical names of the headers the engine sets.
var (
	hdrWebhookID        = http.CanonicalHeaderKey(bigcommerce.HeaderWebhookID)
	hdrWebhookTimestamp = http.CanonicalHeaderKey(bigcommerce.HeaderWebhookTimestamp)
	hdrWebhookSignature = http.CanonicalHeaderKey(bigcommerce.HeaderWebhookSignature)
)

// headers returns the attempt's headers: the hook's custom ones, then the
// engine's, which always win.
func (e *Engine) headers(d *delivery, at time.Time) map[string]string {
	h := make(map[string]string, len(d.target.Headers)+5)
	for k, v := range d.target.Headers {
		if ck := http.CanonicalHeaderKey(k); !reservedHeader(ck) {
			h[ck] = v
		}
	}
	h["Content-Type"] = "application/json"
	h["User-Agent"] = bigcommerce.UserAgent
	h[hdrWebhookID] = d.msgID
	h[hdrWebhookTimestamp] = strconv.FormatInt(at.Unix(), 10)
	if e.cfg.sender != "" {
		h[SenderHeader] = e.cfg.sender
	}
	e.sign(h, d, at)
	return h
}

// signer returns the cached signer of secret.
func (e *Engine) signer(secret string) *bigcommerce.Signer {
	if s, ok := e.signers.Load(secret); ok {
		return s.(*bigcommerce.Signer)
	}
	s, _ := e.signers.LoadOrStore(secret, bigcommerce.NewSigner(secret))
	return s.(*bigcommerce.Signer)
}

// do sends req. With the engine's own client, which never follows
// redirects, it goes straight to the transport, skipping the redirect
// bookkeeping (a copy of every header) that Client.Do makes per request;
// errors read as Client.Do's would. A client from WithHTTPClient is used as
// given.
func (e *Engine) do(req *http.Request) (*http.Response, error) {
	if e.transport == nil {
		return e.client.Do(req)
	}
	resp, err := e.transport.RoundTrip(req)
	if err != nil {
		return nil, &url.Error{Op: "Post", URL: req.URL.Redacted(), Err: err}
	}
	return resp, nil
}

// post sends rec's request and fills in the response side of rec. It
// reports whether the attempt succeeded and, if not, a short reason.
func (e *Engine) post(ctx context.Context, rec *AttemptRecord) (bool, string) {
	actx, cancel := context.WithTimeout(ctx, e.cfg.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(actx, http.MethodPost, rec.Request.URL, strings.NewReader(rec.Request.Body))
	if err == nil && req.URL.Scheme != "http" && req.URL.Scheme != "https" {
		err = fmt.Errorf("unsupported scheme %q", req.URL.Scheme)
	}
	if err != nil {
		return fail(rec, "build request: "+err.Error(), "invalid destination")
	}
	values := make([]string, 0, len(rec.Request.Headers)) // one backing array for every header's value
	for k, v := range rec.Request.Headers {
		values = append(values, v)
		req.Header[k] = values[len(values)-1 : len(values) : len(values)]
	}
	start := time.Now()
	resp, err := e.do(req)
	if err != nil {
		rec.DurationMS = millis(time.Since(start))
		text, reason := describeError(err, e.cfg.timeout)
		return fail(rec, text, reason)
	}
	readErr := readResponse(resp, rec)
	rec.DurationMS = millis(time.Since(start))
	if readErr != nil {
		text, reason := describeError(readErr, e.cfg.timeout)
		return fail(rec, text, reason)
	}
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		if ok, reason := refuseHeaders(rec, resp); !ok {
			return ok, reason
		}
		rec.Outcome = bigcommerce.OutcomeSuccess
		return true, ""
	}
	return fail(rec, describeStatus(resp), "HTTP "+strconv.Itoa(resp.StatusCode))
}

// readResponse keeps the status and the first responseBodyCap bytes of the
// body in rec, drains a little more so the connection can be reused, and
// closes the body. A body that ends early (shorter than its Content-Length,
// or cut off by the timeout) is an error: BigCommerce never got a complete
// answer.
func readResponse(resp *http.Response, rec *AttemptRecord) error {
	defer resp.Body.Close()
	rec.ResponseStatus = resp.StatusCode
	keepResponseHeaders(resp.Header, rec)
	buf := readBuffers.Get().(*[responseBodyCap]byte)
	defer readBuffers.Put(buf)
	n, err := readFull(resp.Body, buf[:])
	if n > 0 {
		rec.ResponseBody = string(buf[:n])
	}
	total := int64(n)
	for drained := 0; err == nil && n == len(buf) && drained < drainCap; drained += n {
		n, err = readFull(resp.Body, buf[:])
		total += int64(n)
	}
	rec.Truncated = rec.Truncated || total > responseBodyCap
	if err == nil || err == io.EOF {
		return nil
	}
	if errors.Is(err, io.ErrUnexpectedEOF) && resp.ContentLength > 0 {
		return fmt.Errorf("read response body: the connection closed after %d of the %d bytes its Content-Length declares: %w",
			total, resp.ContentLength, err)
	}
	return fmt.Errorf("read response body after %d bytes: %w", total, err)
}

// readBuffers holds the buffers readResponse reads bodies into.
var readBuffers = sync.Pool{New: func() any { return new([responseBodyCap]byte) }}

// readFull reads into buf until it is full or r ends. It returns io.EOF
// only when r ended, and nil when buf is full.
func readFull(r io.Reader, buf []byte) (int, error) {
	n := 0
	for n < len(buf) {
		m, err := r.Read(buf[n:])
		n += m
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// fail marks rec failed with text, cut to errorTextCap, and passes reason
// on.
func fail(rec *AttemptRecord, text, reason string) (bool, string) {
	rec.Outcome = bigcommerce.OutcomeFailure
	var cut bool
	rec.Error, cut = clip(text, errorTextCap)
	rec.Truncated = rec.Truncated || cut
	return false, reason
}

// describeStatus explains a non-2xx response.
func describeStatus(resp *http.Response) string {
	text := "HTTP " + resp.Status
	if resp.StatusCode >= 300 && resp.StatusCode <= 399 {
		text += ": redirects are not followed"
		if loc := resp.Header.Get("Location"); loc != "" {
			text += " (Location: " + loc + ")"
		}
	}
	return text
}

// describeError explains a transport error and classifies it for the
// blocklist reasons.
func describeError(err error, timeout time.Duration) (string, string) {
	var certErr *tls.CertificateVerificationError
	var authErr x509.UnknownAuthorityError
	var hostErr x509.HostnameError
	var recErr tls.RecordHeaderError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Sprintf("timeout after %v: %v", timeout, err), "timeout"
	case errors.Is(err, syscall.ECONNREFUSED):
		return err.Error(), "connection refused"
	case errors.As(err, &certErr), errors.As(err, &authErr), errors.As(err, &hostErr), errors.As(err, &recErr):
		return err.Error(), "TLS failure"
	default:
		return err.Error(), "network error"
	}
}

// millis converts d to fractional milliseconds.
func millis(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }

// isException reports whether s is the deliveryException scope.
func isException(s string) bool { return s == bigcommerce.DeliveryException }

// runEffects runs side effects collected under the lock, outside it.
func runEffects(effects []func()) {
	for _, f := range effects {
		f()
	}
}
