package api

import (
	"fmt"
	"net/http"
	"strings"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// hookInput is a decoded create or update body. Nil fields were absent.
type hookInput struct {
	Scope       *string
	Destination *string
	IsActive    *bool
	Headers     map[string]string
	headersSet  bool
	ownReceiver bool // the request carried adminapi.OwnReceiverHeader: true
}

// decodeHook reads a body the document has already validated, reusing the
// value validation decoded. Unknown fields are ignored, as BigCommerce
// ignores them (old clients still send the removed events_history_enabled).
// The second result lists problems by field.
func decodeHook(obj map[string]any, create bool) (hookInput, map[string]string) {
	if obj == nil {
		return hookInput{}, map[string]string{"body": "value must be an object"}
	}
	var in hookInput
	fields := map[string]string{}
	in.Scope = stringField(obj, "scope", fields)
	in.Destination = stringField(obj, "destination", fields)
	if v, ok := obj["is_active"]; ok {
		if b, isBool := v.(bool); isBool {
			in.IsActive = &b
		} else {
			fields["is_active"] = "value must be a boolean"
		}
	}
	in.Headers, in.headersSet = headersField(obj, fields)
	for _, name := range []string{"scope", "destination"} {
		if _, present := obj[name]; create && !present {
			fields[name] = "is required"
		}
	}
	if !create && !anyField(obj, hookFields) {
		fields["body"] = "at least one field is required: " + strings.Join(hookFields, ", ")
	}
	if len(fields) > 0 {
		return in, fields
	}
	return in, nil
}

// hookFields are the fields of a hook a body may set.
var hookFields = []string{"scope", "destination", "is_active", "headers"}

// anyField reports whether obj has one of names. An update naming none of
// a hook's fields (only unknown ones, or none) changes nothing, and
// BigCommerce refuses it: "at least one field is required".
func anyField(obj map[string]any, names []string) bool {
	for _, n := range names {
		if _, ok := obj[n]; ok {
			return true
		}
	}
	return false
}

// stringField reads a non-null string field; absent gives nil.
func stringField(obj map[string]any, name string, fields map[string]string) *string {
	v, ok := obj[name]
	if !ok {
		return nil
	}
	s, isString := v.(string)
	if !isString {
		fields[name] = "value must be a string"
		return nil
	}
	return &s
}

// headersField reads "headers": an object of strings, or null. An empty
// object is no headers, kept as nil: BigCommerce answers headers: null
// when none were given (the overview's example), not {}.
func headersField(obj map[string]any, fields map[string]string) (map[string]string, bool) {
	v, ok := obj["headers"]
	if !ok || v == nil {
		return nil, ok
	}
	m, isObj := v.(map[string]any)
	if !isObj {
		fields["headers"] = "value must be an object"
		return nil, true
	}
	if len(m) == 0 {
		return nil, true
	}
	out := make(map[string]string, len(m))
	for k, val := range m {
		s, isString := val.(string)
		if !isString {
			fields["headers."+k] = "value must be a string"
			continue
		}
		out[k] = s
	}
	return out, true
}

// checkHook applies BigCommerce's rules on scope, destination and headers.
// A destination production would refuse is accepted with a warning header
// unless the API is strict; one of bcmock's own receivers is exempt.
func (a *API) checkHook(w http.ResponseWriter, r *http.Request, in hookInput) map[string]string {
	fields := map[string]string{}
	if in.Scope != nil && !bigcommerce.Known(*in.Scope) {
		msg := fmt.Sprintf("%q is not a webhook scope BigCommerce documents", *in.Scope)
		if s := bigcommerce.Suggest(*in.Scope); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		fields["scope"] = msg
	}
	if in.Destination != nil {
		if problem := selfLoop(*in.Destination, r.Host); problem != "" {
			fields["destination"] = problem
		} else if problem, warning := a.checkDestination(*in.Destination, in.ownReceiver); problem != "" {
			fields["destination"] = problem
		} else if warning != "" {
			w.Header().Add(WarningHeader, warning)
			a.logger.Warn("destination would be rejected by BigCommerce", "destination", *in.Destination, "why", warning)
		}
	}
	for name, value := range in.Headers {
		if !validHeaderName(name) {
			fields["headers."+name] = "is not a valid HTTP header name"
		} else if !validHeaderValue(value) {
			fields["headers."+name] = "contains characters not allowed in an HTTP header value"
		}
	}
	return fields
}

// selfLoop says why dest would deliver to this mock itself, or returns "".
// A delivery there would act on the mock (a callback to
// /__bcmock/events/1/resend raises the event again, one to /__bcmock/reset
// wipes every store), so such a hook is refused. dest is the mock when its
// path is under the control API's prefix, whatever the host (addresses
// alias: localhost, 127.0.0.1, a container's IP), or when its host is the
// one the client reached the mock at (requestHost). The engine refuses a
// delivery that reaches the mock anyway.
func selfLoop(dest, requestHost string) string {
	d, err := bigcommerce.ParseDestination(dest)
	if err != nil {
		return ""
	}
	if d.Path == adminapi.Prefix || strings.HasPrefix(d.Path, adminapi.Prefix+"/") {
		return fmt.Sprintf("is bcmock's own control API (%s): a delivery there would act on the mock, so no hook may point at it", adminapi.Prefix)
	}
	if requestHost != "" && strings.EqualFold(d.Host, requestHost) {
		return fmt.Sprintf("is this mock itself (%s, the host this request was sent to): its callbacks would come back to the mock", d.Host)
	}
	return ""
}

// checkDestination returns a problem (the URL is unusable, or strict mode
// refuses it) or a warning (production BigCommerce would refuse it). One
// of bcmock's own receivers (ownReceiver) need only be a usable URL.
func (a *API) checkDestination(dest string, ownReceiver bool) (problem, warning string) {
	d, err := bigcommerce.ParseDestination(dest)
	if err != nil {
		return err.Error(), ""
	}
	rule := d.ProductionProblem()
	if ownReceiver {
		return "", ""
	}
	if rule == "" || a.strict {
		return rule, ""
	}
	return "", "destination would be rejected in production: " + rule
}

// validHeaderName reports whether name is an RFC 9110 token.
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for _, c := range []byte(name) {
		if !isTokenChar(c) {
			return false
		}
	}
	return true
}

func isTokenChar(c byte) bool {
	switch {
	case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9':
		return true
	}
	return strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}

// validHeaderValue reports whether v has no control characters but tab.
func validHeaderValue(v string) bool {
	for _, c := range []byte(v) {
		if (c < ' ' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// emailsField reads /hooks/admin's "emails": a list of strings. The second
// result lists problems by field; it is never nil.
func emailsField(obj map[string]any) ([]string, map[string]string) {
	fields := map[string]string{}
	list, _ := obj["emails"].([]any)
	emails := make([]string, 0, len(list))
	for i, v := range list {
		s, ok := v.(string)
		if !ok {
			fields[fmt.Sprintf("emails.%d", i)] = "value must be a string"
			continue
		}
		emails = append(emails, s)
	}
	return emails, fields
}
