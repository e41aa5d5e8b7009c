package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/openapi"
)

// hookInput is a decoded create or update body. Nil fields were absent.
type hookInput struct {
	Scope       *string
	Destination *string
	IsActive    *bool
	Headers     map[string]string
	headersSet  bool
}

// decodeHook reads a body the document has already validated, reusing the
// value validation decoded. Unknown fields are ignored, as BigCommerce
// ignores them (old clients still send the removed events_history_enabled).
// The second result lists problems by field.
func decodeHook(r *http.Request, create bool) (hookInput, map[string]string) {
	obj, fields := bodyObject(r)
	if fields != nil {
		return hookInput{}, fields
	}
	var in hookInput
	fields = map[string]string{}
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
	if len(fields) > 0 {
		return in, fields
	}
	return in, nil
}

// bodyObject returns the request's JSON object, from validation when it
// kept the value, otherwise by decoding the body.
func bodyObject(r *http.Request) (map[string]any, map[string]string) {
	v, ok := openapi.BodyValue(r)
	if !ok {
		if err := json.NewDecoder(r.Body).Decode(&v); err != nil {
			return nil, map[string]string{"body": "malformed JSON: " + err.Error()}
		}
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return nil, map[string]string{"body": "value must be an object"}
	}
	return obj, nil
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

// headersField reads "headers": an object of strings, or null.
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
// unless the API is strict.
func (a *API) checkHook(w http.ResponseWriter, in hookInput) map[string]string {
	fields := map[string]string{}
	if in.Scope != nil && !bigcommerce.Known(*in.Scope) {
		msg := fmt.Sprintf("%q is not a webhook scope BigCommerce documents", *in.Scope)
		if s := bigcommerce.Suggest(*in.Scope); s != "" {
			msg += fmt.Sprintf("; did you mean %q?", s)
		}
		fields["scope"] = msg
	}
	if in.Destination != nil {
		if problem, warning := a.checkDestination(*in.Destination); problem != "" {
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

// checkDestination returns a problem (the URL is unusable, or strict mode
// refuses it) or a warning (production BigCommerce would refuse it).
func (a *API) checkDestination(dest string) (problem, warning string) {
	d, err := bigcommerce.ParseDestination(dest)
	if err != nil {
		return err.Error(), ""
	}
	rule := d.ProductionProblem()
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
