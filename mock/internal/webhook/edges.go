package webhook

import (
	"net/http"

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
