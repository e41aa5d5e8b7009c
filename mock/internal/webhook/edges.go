package webhook

import (
	"net/http"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// refuseHeaders fails rec, answered with a 2xx, when the answer's headers
// break BigCommerce's limits (bigcommerce.HeaderProblem): such an answer is
// not an acknowledgement, so the attempt is retried on the ladder.
func refuseHeaders(rec *AttemptRecord, resp *http.Response) (bool, string) {
	problem := bigcommerce.HeaderProblem(resp.Header)
	if problem == "" {
		return true, ""
	}
	return fail(rec, "HTTP "+resp.Status+" is not an acknowledgement: the answer has "+problem+
		" (BigCommerce advises answering with no headers)", "response headers over the limits")
}

// heldUntil returns when d, found blocked by b at now, is due again. As on
// BigCommerce, it goes to the retry queue and waits for the next rung of
// the retry ladder, counting its attempts and holds so far (an event
// raised during a block waits 60 s, then 180 s, …), so the events a block
// held go out on the retry schedule, not in one burst when it ends. A hold
// is not an attempt: it never uses up the delivery's attempts. Past the
// ladder's last rung (or with no retries), d waits for the block's end.
func (e *Engine) heldUntil(d *delivery, b *block, now time.Time) time.Time {
	if delay, ok := e.cfg.schedule.Delay(d.attempts + d.postponed); ok {
		return now.Add(delay)
	}
	return b.until
}
