package webhook

import (
	"container/heap"
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// drainCap is how much of a response body is read and discarded so the
// connection can be reused.
const drainCap = 64 << 10

// DeliverDue performs every attempt due at or before the clock's now,
// running at most WithConcurrency of them at once, and waits for them. It
// records each attempt, schedules the next one, and deactivates, notifies and
// raises deliveryException events as needed. deliveryException deliveries
// that this creates are due now, so DeliverDue performs them too before it
// returns. Each attempt is claimed under the engine's lock, so concurrent
// callers never send the same attempt twice. It returns how many attempts it
// sent; after Shutdown it sends none.
func (e *Engine) DeliverDue(ctx context.Context) int {
	total := 0
	for ctx.Err() == nil {
		n, claimed := e.round(ctx)
		total += n
		if !claimed {
			break
		}
	}
	return total
}

// job is one claimed attempt.
type job struct {
	d      *delivery
	number int
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

// round claims what is due, sends it and applies the results. It reports
// false when there was nothing to claim.
func (e *Engine) round(ctx context.Context) (int, bool) {
	jobs, effects, claimed := e.claim()
	if !claimed {
		return 0, false
	}
	return e.process(ctx, jobs, effects), true
}

// process runs a claimed round: the notices from claim, the attempts, and
// the effects of their results. It returns how many attempts were sent.
func (e *Engine) process(ctx context.Context, jobs []job, effects []func()) int {
	defer e.endRound()
	runEffects(effects)
	results := e.sendAll(ctx, jobs)
	runEffects(e.apply(results))
	sent := 0
	for _, r := range results {
		if r.kind == resultSent {
			sent++
		}
	}
	return sent
}

// endRound marks a round finished and wakes waitIdle.
func (e *Engine) endRound() {
	e.mu.Lock()
	e.rounds--
	if e.rounds == 0 {
		e.idle.Broadcast()
	}
	e.mu.Unlock()
}

// claim pops every delivery due now. Those whose client+domain is blocked
// are pushed back to the block's end (returning the 90003 notices to send);
// the rest become jobs. It reports false when nothing was due.
func (e *Engine) claim() ([]job, []func(), bool) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.closing {
		return nil, nil, false
	}
	now := e.cfg.clock.Now()
	var jobs []job
	var effects []func()
	claimed := false
	q := &e.state.queue
	for q.Len() > 0 && !(*q)[0].due.After(now) {
		claimed = true
		d := heap.Pop(q).(*delivery)
		if b := e.blockedLocked(d, now); b != nil {
			effects = e.postponeLocked(d, b, now, effects)
			continue
		}
		jobs = append(jobs, job{d: d, number: d.attempts + 1})
	}
	if claimed {
		e.rounds++
	}
	return jobs, effects, claimed
}

// postponeLocked moves d to the end of block b without counting an attempt,
// and adds the block's notice for d's store if that store has not had one.
func (e *Engine) postponeLocked(d *delivery, b *block, now time.Time, effects []func()) []func() {
	d.due = b.until
	d.postponed++
	heap.Push(&e.state.queue, d)
	if d.exception || b.notified[d.target.StoreHash] {
		return effects
	}
	b.notified[d.target.StoreHash] = true
	return append(effects, e.blockNotice(d.target, b, now))
}

// sendAll runs the jobs and returns their results in job order. All rounds
// together run at most WithConcurrency attempts at once. Shutdown's
// deadline or ctx's end aborts them.
func (e *Engine) sendAll(ctx context.Context, jobs []job) []result {
	results := make([]result, len(jobs))
	if len(jobs) == 0 {
		return results
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stop := context.AfterFunc(e.base, cancel)
	defer stop()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(e.cfg.concurrency, len(jobs)) {
		wg.Go(func() {
			for i := int(next.Add(1) - 1); i < len(jobs); i = int(next.Add(1) - 1) {
				results[i] = e.attemptInSlot(ctx, jobs[i])
			}
		})
	}
	wg.Wait()
	return results
}

// attemptInSlot waits for one of the WithConcurrency slots, then attempts j.
func (e *Engine) attemptInSlot(ctx context.Context, j job) result {
	select {
	case e.slots <- struct{}{}:
	case <-ctx.Done():
		return result{job: j, kind: resultAborted}
	}
	defer func() { <-e.slots }()
	return e.attempt(ctx, j)
}

// attempt performs one job: it checks the hook is still active, then POSTs.
func (e *Engine) attempt(ctx context.Context, j job) result {
	t := j.d.target
	if ctx.Err() != nil || e.isClosing() {
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
	e.logAttempt(ctx, &r)
	return r
}

// logAttempt logs one attempt at debug level.
func (e *Engine) logAttempt(ctx context.Context, r *result) {
	if !e.log.Enabled(ctx, slog.LevelDebug) {
		return
	}
	e.log.LogAttrs(ctx, slog.LevelDebug, "webhook attempt",
		slog.String("store", r.d.target.StoreHash), slog.Int("hook", r.d.target.HookID),
		slog.Int64("delivery", r.d.id), slog.Int("attempt", r.number),
		slog.String("outcome", string(r.rec.Outcome)), slog.Int("status", r.rec.ResponseStatus),
		slog.String("error", r.rec.Error))
}

// newAttemptRecord describes the request of attempt j made at at.
func (e *Engine) newAttemptRecord(j job, at time.Time) AttemptRecord {
	d := j.d
	return AttemptRecord{
		DeliveryID: d.id, EventID: d.event.ID, StoreHash: d.target.StoreHash, HookID: d.target.HookID,
		Scope: d.event.Scope, Number: j.number, At: at,
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
	return strings.HasPrefix(canonical, "Webhook-")
}

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
	ts := strconv.FormatInt(at.Unix(), 10)
	h[http.CanonicalHeaderKey(bigcommerce.HeaderWebhookID)] = d.msgID
	h[http.CanonicalHeaderKey(bigcommerce.HeaderWebhookTimestamp)] = ts
	if secret, ok := e.dir.Secret(d.target.ClientID); ok {
		h[http.CanonicalHeaderKey(bigcommerce.HeaderWebhookSignature)] = bigcommerce.Sign(secret, d.msgID, at, []byte(d.event.Body))
	}
	return h
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
		return e.fail(rec, "build request: "+err.Error(), "invalid destination")
	}
	for k, v := range rec.Request.Headers {
		req.Header[k] = []string{v}
	}
	start := time.Now()
	resp, err := e.client.Do(req)
	if err != nil {
		rec.DurationMS = millis(time.Since(start))
		text, reason := describeError(err, e.cfg.timeout)
		return e.fail(rec, text, reason)
	}
	readResponse(resp, rec)
	rec.DurationMS = millis(time.Since(start))
	if resp.StatusCode >= 200 && resp.StatusCode <= 299 {
		rec.Outcome = bigcommerce.OutcomeSuccess
		return true, ""
	}
	return e.fail(rec, describeStatus(resp), "HTTP "+strconv.Itoa(resp.StatusCode))
}

// readResponse keeps the status and the first responseBodyCap bytes of the
// body in rec, drains a little more so the connection can be reused, and
// closes the body.
func readResponse(resp *http.Response, rec *AttemptRecord) {
	defer resp.Body.Close()
	prefix, _ := io.ReadAll(io.LimitReader(resp.Body, responseBodyCap+1))
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, drainCap))
	rec.ResponseStatus = resp.StatusCode
	rec.ResponseBody = string(prefix[:min(len(prefix), responseBodyCap)])
	rec.Truncated = rec.Truncated || len(prefix) > responseBodyCap
}

// fail marks rec failed with text, cut to errorTextCap, and passes reason
// on.
func (e *Engine) fail(rec *AttemptRecord, text, reason string) (bool, string) {
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
