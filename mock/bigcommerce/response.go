package bigcommerce

import (
	"fmt"
	"net/http"
	"slices"
	"time"
)

// The limits on a receiver's answer. BigCommerce advises answering with no
// body and no headers; when headers are sent, an answer counts as an
// acknowledgement only within these limits.
const (
	// MaxResponseHeaders is how many header fields an answer may carry.
	MaxResponseHeaders = 64
	// MaxResponseHeaderName is the longest header name, in bytes.
	MaxResponseHeaderName = 64
	// MaxResponseHeaderValue is the longest header value, in bytes (8 KB).
	MaxResponseHeaderValue = 8 << 10
)

// SignatureTolerance is how far a webhook-timestamp may be from the time a
// callback arrives: the Standard Webhooks libraries, which BigCommerce's
// samples use, refuse more.
const SignatureTolerance = 5 * time.Minute

// FictionalSignatureHeader is a header unofficial pages tell receivers to
// verify. BigCommerce sends no such header; its callbacks are signed the
// Standard Webhooks way (Sign).
const FictionalSignatureHeader = "X-BC-Signature"

// HeaderProblem says which limit on a receiver's answer header breaks (the
// first found: the count, then names and values in name order), or returns
// "". Each value counts as one header field, as it is one line on the wire.
func HeaderProblem(header http.Header) string {
	n := 0
	for _, vs := range header {
		n += len(vs)
	}
	if n > MaxResponseHeaders {
		return fmt.Sprintf("%d header fields, more than the %d allowed", n, MaxResponseHeaders)
	}
	names := make([]string, 0, len(header))
	for name := range header {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		if len(name) > MaxResponseHeaderName {
			return fmt.Sprintf("header name %.20q… is %d bytes, more than the %d allowed", name, len(name), MaxResponseHeaderName)
		}
		for _, v := range header[name] {
			if len(v) > MaxResponseHeaderValue {
				return fmt.Sprintf("header %s has a value of %d bytes, more than the %d allowed", name, len(v), MaxResponseHeaderValue)
			}
		}
	}
	return ""
}
