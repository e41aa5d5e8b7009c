package probe

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// StaleBy is how old the webhook-timestamp of the stale-timestamp check
// is: twice the Standard Webhooks libraries' tolerance.
const StaleBy = 2 * bigcommerce.SignatureTolerance

// Names of the checks that are not per event. The genuine checks are named
// "genuine " + the event.
const (
	CheckDuplicateRetry   = "duplicate-retry"
	CheckDuplicateNewID   = "duplicate-new-id"
	CheckUnhandledScope   = "unhandled-scope"
	CheckWrongSecret      = "signature-wrong-secret"
	CheckRawSecret        = "signature-raw-secret"
	CheckStaleTimestamp   = "signature-stale-timestamp"
	CheckTamperedBody     = "signature-tampered-body"
	CheckMissingSignature = "signature-missing"
	CheckFictionalHeader  = "signature-x-bc-signature-only"
	CheckLatency          = "latency"
	CheckLatencyHeadroom  = "latency-headroom"
	CheckResponseHeaders  = "response-headers"
	CheckNoRedirect       = "response-no-redirect"
	CheckResponseBody     = "response-body"
)

// genuinePrefix starts the names of the genuine checks.
const genuinePrefix = "genuine "

// Fixes shared by several checks.
const (
	fixSlow     = "acknowledge at once (200) and do the work afterwards, e.g. from a queue: BigCommerce asks for an immediate 200 and documents no timeout"
	fixVerify   = "verify every callback with a Standard Webhooks library keyed by base64(client secret), as BigCommerce's samples do, and answer 401 when verification fails"
	fixRefuse   = "verify first and answer 401 as soon as verification fails, before any other work"
	fixAnswer2x = "answer 2xx to every callback that verifies; handle the app's own errors after acknowledging"
)

// genuine sends one genuine callback per chosen event.
func (p *prober) genuine(ctx context.Context) error {
	for _, ev := range p.events {
		cb, err := p.build(ev)
		if err != nil {
			return err
		}
		if p.first.body == nil {
			p.first = cb
		}
		check := Check{
			Name:  genuinePrefix + ev,
			Title: fmt.Sprintf("a genuine %s callback, signed with the client secret, is acknowledged with a 2xx within the timeout", ev),
			Sent:  p.describe(cb, "signed with the client secret"),
		}
		if err := p.expectAck(ctx, check, cb, ""); err != nil {
			return err
		}
		if a := p.acks[len(p.acks)-1].answer; len(p.acks) == 1 && a.err != nil && !a.timedOut {
			return errUnreachable
		}
	}
	return nil
}

// errUnreachable stops the probe when its first callback cannot reach the
// app at all (connection refused, unknown host): the other checks could
// only fail the same way.
var errUnreachable = errors.New("the app cannot be reached")

// duplicates sends the first genuine callback again: as a retry (same
// webhook-id) and as BigCommerce's kind of duplicate (a new webhook-id).
func (p *prober) duplicates(ctx context.Context) error {
	const fixDup = "deduplicate on the payload hash: acknowledge a duplicate with 2xx and skip the work; BigCommerce documents that duplicates happen"
	retry := p.first
	p.sign(&retry, []byte(p.secret), p.cfg.now())
	err := p.expectAck(ctx, Check{
		Name:  CheckDuplicateRetry,
		Title: "a retry of a callback (the same body, hash and webhook-id) is acknowledged",
		Sent:  p.describe(retry, "the body and webhook-id of "+genuinePrefix+retry.event+" again, signed afresh"),
	}, retry, fixDup)
	if err != nil {
		return err
	}
	dup := p.first
	dup.msgID = p.newMessageID()
	p.sign(&dup, []byte(p.secret), p.cfg.now())
	return p.expectAck(ctx, Check{
		Name:  CheckDuplicateNewID,
		Title: "a BigCommerce-style duplicate (the same body and hash, a new webhook-id) is acknowledged",
		Sent:  p.describe(dup, "the body of "+genuinePrefix+dup.event+" again, with a new webhook-id"),
	}, dup, fixDup)
}

// unhandledScope sends an event of a scope none of the chosen ones covers.
func (p *prober) unhandledScope(ctx context.Context) error {
	check := Check{
		Name:  CheckUnhandledScope,
		Title: "a callback of a scope the app does not handle is acknowledged, or BigCommerce retries it and then deactivates the hook",
	}
	if p.other == "" {
		check.Severity, check.Skipped = adminapi.SeverityRequired, true
		check.Reason = "every candidate event is among the requested scopes"
		p.add(check)
		return nil
	}
	cb, err := p.build(p.other)
	if err != nil {
		return err
	}
	check.Sent = p.describe(cb, "signed with the client secret; an event outside the requested scopes")
	return p.expectAck(ctx, check, cb, "answer 2xx to every callback that verifies, also of scopes the app does not handle (ignore them after acknowledging)")
}

// forgery is one signature check: a callback the app must refuse.
type forgery struct {
	name, title, how string
	// make turns a genuine callback into the forgery; false skips the check
	// with reason.
	make func(cb *callback) (ok bool, reason string)
	// accepted explains why accepting the forgery is wrong.
	accepted, fix string
}

// signatures sends the forgeries, each of which must be refused.
func (p *prober) signatures(ctx context.Context) error {
	key := []byte(p.secret)
	forgeries := []forgery{
		{
			name: CheckWrongSecret, title: "a callback signed with another secret is refused with a 4xx", how: "signed with another secret",
			make: func(cb *callback) (bool, string) {
				p.sign(cb, []byte("not-"+p.secret), p.cfg.now())
				return true, ""
			},
			accepted: "the app does not verify webhook-signature, so anyone can forge callbacks", fix: fixVerify,
		},
		{
			name:  CheckRawSecret,
			title: "a callback signed with the base64-decoded client secret is refused: the app keys its library with base64(secret), not the raw secret", how: "signed with the client secret read as base64 (the key an app gets when it hands the raw secret to a Standard Webhooks library)",
			make: func(cb *callback) (bool, string) {
				decoded := lenientBase64(p.secret)
				if len(decoded) == 0 {
					return false, "the client secret holds no base64 characters, so no library can be keyed with it raw"
				}
				p.sign(cb, decoded, p.cfg.now())
				return true, ""
			},
			accepted: "the app hands the raw client secret to its Standard Webhooks library, which base64-decodes it: it verifies with the wrong key, and refuses BigCommerce's genuine callbacks",
			fix:      "base64-encode the client secret before giving it to the library: new Webhook(base64(client_secret)), as BigCommerce's samples do",
		},
		{
			name: CheckStaleTimestamp, title: fmt.Sprintf("a correctly signed callback whose webhook-timestamp is %v old is refused (the libraries allow %v)", StaleBy, bigcommerce.SignatureTolerance),
			how: fmt.Sprintf("signed with the client secret, webhook-timestamp %v in the past", StaleBy),
			make: func(cb *callback) (bool, string) {
				p.sign(cb, key, p.cfg.now().Add(-StaleBy))
				return true, ""
			},
			accepted: "the app does not check webhook-timestamp, so a recorded callback can be replayed",
			fix:      "use the library's verify, which checks the timestamp, rather than a signature-only check; keep the server clock in sync (NTP)",
		},
		{
			name: CheckTamperedBody, title: "a callback whose body changed after it was signed is refused", how: "signed with the client secret, then the body's data changed",
			make: func(cb *callback) (bool, string) {
				cb.body = tamper(cb.body)
				return true, ""
			},
			accepted: "the app does not verify the signature over the body it received",
			fix:      "verify the raw request body, byte for byte as received, before parsing it (not JSON re-encoded from the parsed body)",
		},
		{
			name: CheckMissingSignature, title: "a callback without webhook-signature is refused", how: "webhook-id and webhook-timestamp, but no webhook-signature",
			make: func(cb *callback) (bool, string) {
				cb.header.Del(bigcommerce.HeaderWebhookSignature)
				return true, ""
			},
			accepted: "the app lets callbacks without a signature through",
			fix:      "treat a missing webhook-signature as a failed verification and answer 401",
		},
		{
			name: CheckFictionalHeader, title: "a callback carrying only X-BC-Signature, which BigCommerce does not send, is refused", how: "no webhook-* headers; only X-BC-Signature, the hex HMAC-SHA256 of the body with the client secret",
			make: func(cb *callback) (bool, string) {
				mac := hmac.New(sha256.New, key)
				mac.Write(cb.body)
				cb.header = http.Header{}
				cb.header.Set(bigcommerce.FictionalSignatureHeader, hex.EncodeToString(mac.Sum(nil)))
				return true, ""
			},
			accepted: "the app verifies a header BigCommerce never sends (third-party pages invent it), or verifies nothing",
			fix:      "verify webhook-id, webhook-timestamp and webhook-signature with a Standard Webhooks library, as BigCommerce documents; ignore X-BC-Signature",
		},
	}
	for i, f := range forgeries {
		cb, err := p.build(p.events[i%len(p.events)])
		if err != nil {
			return err
		}
		check := Check{Name: f.name, Title: f.title, Severity: p.sigSeverity()}
		ok, reason := f.make(&cb)
		if !ok {
			check.Skipped, check.Reason = true, reason
			p.add(check)
			continue
		}
		check.Sent = p.describe(cb, f.how)
		a, err := p.send(ctx, cb)
		p.judgeRefusal(&check, a, f)
		p.add(check)
		if err != nil {
			return err
		}
	}
	return nil
}

// judgeRefusal fills check in for a forgery's answer.
func (p *prober) judgeRefusal(check *Check, a answer, f forgery) {
	p.fill(check, a)
	switch {
	case a.refused():
		check.Passed, check.Reason = true, fmt.Sprintf("refused with %d", a.status)
	case a.err != nil:
		check.Reason, check.Fix = "no answer: a callback that does not verify should get a quick 401", fixRefuse
	case a.status < 300:
		check.Reason, check.Fix = fmt.Sprintf("accepted (%d): %s", a.status, f.accepted), f.fix
	case a.status < 400:
		check.Reason, check.Fix = fmt.Sprintf("answered %d, a redirect, not a 4xx", a.status), fixRefuse
	default:
		check.Reason = fmt.Sprintf("answered %d, not a 4xx: BigCommerce retries a %d, so a forgery would keep coming back", a.status, a.status)
		check.Fix = fixRefuse
	}
}

// expectAck sends cb and fills check in: it passes when the answer is a
// 2xx within the timeout. fix, when set, is the fix for a non-2xx status.
func (p *prober) expectAck(ctx context.Context, check Check, cb callback, fix string) error {
	check.Severity = adminapi.SeverityRequired
	a, err := p.send(ctx, cb)
	p.fill(&check, a)
	if a.acknowledged() {
		check.Passed, check.Reason = true, fmt.Sprintf("acknowledged with %d", a.status)
	} else {
		check.Reason, check.Fix = p.notAcked(a)
		if fix != "" && a.err == nil && !a.timedOut && a.status >= 400 {
			check.Fix = fix
		}
	}
	p.add(check)
	p.acks = append(p.acks, judged{check: check.Name, answer: a})
	return err
}

// fill sets what came back.
func (p *prober) fill(check *Check, a answer) {
	check.Got, check.Status, check.DurationMS = p.got(a), a.status, ms(a.took)
}

// notAcked explains why BigCommerce would not count a as delivered, and
// the fix.
func (p *prober) notAcked(a answer) (reason, fix string) {
	const retried = "BigCommerce retries on its ladder and deactivates the hook after about 48 hours of failures"
	switch {
	case a.timedOut:
		return fmt.Sprintf("no 2xx within the %v timeout: %s", p.cfg.timeout, retried), fixSlow
	case a.err != nil:
		return fmt.Sprintf("the request failed: %v", a.err), "make sure the app is running and reachable at this URL from where the probe runs"
	case a.status >= 300 && a.status < 400:
		return fmt.Sprintf("answered a redirect (%d): BigCommerce does not follow redirects, so the attempt fails", a.status),
			"register the final URL (scheme, host, path, trailing slash) so that the app answers it directly"
	case a.status == http.StatusUnauthorized || a.status == http.StatusForbidden:
		return fmt.Sprintf("refused (%d) a genuine callback, signed with the client secret", a.status),
			"key the Standard Webhooks library with base64(client secret) of this API account, and keep the server clock in sync"
	}
	return fmt.Sprintf("answered %d, not a 2xx: %s", a.status, retried), fixAnswer2x
}

// latency times Count genuine callbacks, cycling through the events.
func (p *prober) latency(ctx context.Context) error {
	took := make([]time.Duration, 0, p.cfg.count)
	var firstBad *answer
	acked := 0
	for i := range p.cfg.count {
		cb, err := p.build(p.events[i%len(p.events)])
		if err != nil {
			return err
		}
		a, err := p.send(ctx, cb)
		p.acks = append(p.acks, judged{check: CheckLatency, answer: a})
		d := a.took
		if a.err != nil && a.timedOut {
			d = max(d, p.cfg.timeout)
		}
		took = append(took, d)
		if a.acknowledged() {
			acked++
		} else if firstBad == nil {
			firstBad = &a
		}
		if err != nil {
			return err
		}
	}
	slices.Sort(took)
	lat := Latency{Samples: len(took), P50MS: ms(rank(took, 50)), P95MS: ms(rank(took, 95)), MaxMS: ms(took[len(took)-1])}
	p.report.Latency = lat
	p95 := rank(took, 95)
	check := Check{
		Name: CheckLatency, Severity: adminapi.SeverityRequired,
		Title: fmt.Sprintf("%d genuine callbacks are all acknowledged within the %v timeout (p50 and p95)", p.cfg.count, p.cfg.timeout),
		Sent:  fmt.Sprintf("%d genuine callbacks signed with the client secret, one at a time, cycling through %s", p.cfg.count, strings.Join(p.events, ", ")),
		Got:   fmt.Sprintf("p50 %v, p95 %v, max %v; %d of %d acknowledged", round(rank(took, 50)), round(p95), round(took[len(took)-1]), acked, len(took)),
	}
	switch {
	case firstBad == nil:
		check.Passed = true
		check.Reason = fmt.Sprintf("p95 %v is within the %v timeout", round(p95), p.cfg.timeout)
	case firstBad.timedOut:
		check.Reason = fmt.Sprintf("p95 %v against the %v timeout: %d of %d callbacks were not acknowledged in time", round(p95), p.cfg.timeout, len(took)-acked, len(took))
		check.Fix = fixSlow
	default:
		reason, fix := p.notAcked(*firstBad)
		check.Reason = fmt.Sprintf("%d of %d callbacks were not acknowledged; the first: %s", len(took)-acked, len(took), reason)
		check.Fix = fix
	}
	p.add(check)
	headroom := Check{
		Name: CheckLatencyHeadroom, Severity: adminapi.SeverityAdvisory,
		Title: "p95 is at most half the timeout, leaving room for production load (BigCommerce documents no timeout)",
		Got:   fmt.Sprintf("p95 %v", round(p95)),
	}
	switch {
	case !check.Passed:
		headroom.Skipped, headroom.Reason = true, "the latency check failed"
	case p95 <= p.cfg.timeout/2:
		headroom.Passed, headroom.Reason = true, fmt.Sprintf("p95 %v is within half the %v timeout", round(p95), p.cfg.timeout)
	default:
		headroom.Reason = fmt.Sprintf("p95 %v is more than half the %v timeout", round(p95), p.cfg.timeout)
		headroom.Fix = fixSlow
	}
	p.add(headroom)
	return nil
}

// rank returns the pct-th percentile of sorted by nearest rank.
func rank(sorted []time.Duration, pct int) time.Duration {
	i := (pct*len(sorted)+99)/100 - 1
	return sorted[max(i, 0)]
}

// responseRules judges every answer to a callback that should have been
// acknowledged by BigCommerce's rules for answers.
func (p *prober) responseRules() {
	var answered []judged
	for _, j := range p.acks {
		if j.answer.err == nil {
			answered = append(answered, j)
		}
	}
	headers := Check{Name: CheckResponseHeaders, Severity: adminapi.SeverityRequired,
		Title: fmt.Sprintf("every answer has at most %d header fields, names of at most %d bytes and values of at most %d bytes",
			bigcommerce.MaxResponseHeaders, bigcommerce.MaxResponseHeaderName, bigcommerce.MaxResponseHeaderValue)}
	redirect := Check{Name: CheckNoRedirect, Severity: adminapi.SeverityRequired, Title: "no answer is a redirect: BigCommerce does not follow them"}
	body := Check{Name: CheckResponseBody, Severity: adminapi.SeverityRequired, Title: "every answer's body is read in full within the timeout (BigCommerce advises an empty body)"}
	if len(answered) == 0 {
		for _, c := range []*Check{&headers, &redirect, &body} {
			c.Skipped, c.Reason = true, "no callback got an answer"
			p.add(*c)
		}
		return
	}
	sent := fmt.Sprintf("the answers to the %d callbacks that should be acknowledged", len(answered))
	headers.Sent, redirect.Sent, body.Sent = sent, sent, sent
	fields, longName, longValue, largest := 0, 0, 0, int64(0)
	for _, j := range answered {
		a := j.answer
		n := 0
		for name, vs := range a.header {
			n += len(vs)
			longName = max(longName, len(name))
			for _, v := range vs {
				longValue = max(longValue, len(v))
			}
		}
		fields, largest = max(fields, n), max(largest, a.bodyLen)
		if problem := bigcommerce.HeaderProblem(a.header); problem != "" && headers.Reason == "" {
			headers.Reason = fmt.Sprintf("the answer to %s has %s: BigCommerce does not count such an answer as an acknowledgement", j.check, problem)
			headers.Fix = fmt.Sprintf("send no headers the callback does not need (BigCommerce advises none): at most %d fields, names of at most %d bytes, values of at most %d bytes",
				bigcommerce.MaxResponseHeaders, bigcommerce.MaxResponseHeaderName, bigcommerce.MaxResponseHeaderValue)
		}
		if a.status >= 300 && a.status < 400 && redirect.Reason == "" {
			redirect.Reason = fmt.Sprintf("the answer to %s is a redirect (%s): BigCommerce does not follow it, so the attempt fails", j.check, p.got(a))
			redirect.Fix = "register the final URL (scheme, host, path, trailing slash) so that the app answers it directly"
		}
		if a.bodyErr != nil && body.Reason == "" {
			body.Reason = fmt.Sprintf("the body of the answer to %s could not be read in full: %v", j.check, a.bodyErr)
			body.Fix = "answer with an empty body, or a short one that ends at once"
		}
	}
	headers.Got = fmt.Sprintf("at most %d header fields, the longest name %d bytes, the longest value %d bytes", fields, longName, longValue)
	redirect.Got = fmt.Sprintf("%d answers", len(answered))
	body.Got = fmt.Sprintf("the largest body %d bytes", largest)
	for _, c := range []*Check{&headers, &redirect, &body} {
		if c.Reason == "" {
			c.Passed, c.Reason = true, fmt.Sprintf("all %d answers keep the rule", len(answered))
		}
		p.add(*c)
	}
}

// crossReference words failures that explain each other: the raw-secret
// forgery accepted with the wrong secret (the app verifies nothing, rather
// than with the wrong key), and genuine callbacks refused while
// the raw-secret forgery is accepted (the app keys its library with the
// raw secret).
func (p *prober) crossReference() {
	wrong, raw := p.check(CheckWrongSecret), p.check(CheckRawSecret)
	if wrong == nil || raw == nil {
		return
	}
	accepted := func(c *Check) bool { return c.Failed() && c.Status >= 200 && c.Status < 300 }
	if accepted(wrong) {
		if accepted(raw) {
			raw.Reason = fmt.Sprintf("accepted (%d), like the callback signed with another secret (%s): the app seems not to verify signatures at all", raw.Status, CheckWrongSecret)
			raw.Fix = fixVerify
		}
		return
	}
	if !accepted(raw) {
		return
	}
	for i := range p.report.Checks {
		c := &p.report.Checks[i]
		if strings.HasPrefix(c.Name, genuinePrefix) && c.Failed() && (c.Status == http.StatusUnauthorized || c.Status == http.StatusForbidden) {
			c.Reason += fmt.Sprintf("; the callback signed with the base64-decoded secret was accepted (%s): the app keys its library with the raw secret", CheckRawSecret)
			c.Fix = raw.Fix
		}
	}
}

// check returns the report's check of that name, or nil.
func (p *prober) check(name string) *Check {
	for i := range p.report.Checks {
		if p.report.Checks[i].Name == name {
			return &p.report.Checks[i]
		}
	}
	return nil
}

// describe says what was sent, for a check's Sent.
func (p *prober) describe(cb callback, how string) string {
	id := cb.msgID
	if cb.header.Get(bigcommerce.HeaderWebhookID) == "" {
		id = "none"
	}
	return fmt.Sprintf("POST %s callback, webhook-id %s: %s", cb.event, id, how)
}

// tamper changes the body's data after signing: a character of the data
// object's first value, or "data" appended to.
func tamper(body []byte) []byte {
	out := slices.Clone(body)
	i := strings.Index(string(out), `"data":`)
	for j := i + len(`"data":`); i >= 0 && j < len(out); j++ {
		if c := out[j]; c >= '0' && c <= '9' {
			out[j] = '0' + (c-'0'+1)%10
			return out
		}
	}
	return append(out[:len(out)-1], []byte(`,"tampered":true}`)...)
}

// lenientBase64 decodes s the way lenient base64 decoders (Node's Buffer,
// which BigCommerce's Node sample uses) do: characters outside the
// alphabet are skipped, URL-safe ones accepted, a trailing partial group
// dropped.
func lenientBase64(s string) []byte {
	var b strings.Builder
	for _, c := range s {
		switch {
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '+', c == '/':
			b.WriteRune(c)
		case c == '-':
			b.WriteByte('+')
		case c == '_':
			b.WriteByte('/')
		}
	}
	clean := b.String()
	if len(clean)%4 == 1 {
		clean = clean[:len(clean)-1]
	}
	out, err := base64.RawStdEncoding.DecodeString(clean)
	if err != nil {
		return nil
	}
	return out
}
