package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"github.com/bcmock/bcmock/mock/scope"
)

// hookInput is a decoded create or update body. Nil fields were absent.
type hookInput struct {
	Scope       *string
	Destination *string
	IsActive    *bool
	Headers     map[string]string
	headersSet  bool
}

// decodeHook reads a body the document has already validated. Unknown
// fields are ignored, as BigCommerce ignores them (old clients still send
// the removed events_history_enabled). The second result lists problems.
func decodeHook(r *http.Request, create bool) (hookInput, map[string]string) {
	var raw map[string]json.RawMessage
	if err := json.NewDecoder(r.Body).Decode(&raw); err != nil {
		return hookInput{}, map[string]string{"body": err.Error()}
	}
	var in hookInput
	fields := map[string]string{}
	decode := func(name string, into any) bool {
		v, ok := raw[name]
		if !ok {
			return false
		}
		if err := json.Unmarshal(v, into); err != nil {
			fields[name] = err.Error()
		}
		return true
	}
	if decode("scope", &in.Scope) && in.Scope == nil {
		fields["scope"] = "must not be null"
	}
	if decode("destination", &in.Destination) && in.Destination == nil {
		fields["destination"] = "must not be null"
	}
	decode("is_active", &in.IsActive)
	in.headersSet = decode("headers", &in.Headers)
	if create && in.Scope == nil && fields["scope"] == "" {
		fields["scope"] = "is required"
	}
	if create && in.Destination == nil && fields["destination"] == "" {
		fields["destination"] = "is required"
	}
	if len(fields) > 0 {
		return in, fields
	}
	return in, nil
}

// checkHook applies BigCommerce's rules on scope, destination and headers.
// A destination production would refuse is accepted with a warning header
// unless the API is strict.
func (a *API) checkHook(w http.ResponseWriter, in hookInput) map[string]string {
	fields := map[string]string{}
	if in.Scope != nil && !scope.Known(*in.Scope) {
		msg := fmt.Sprintf("%q is not a webhook scope BigCommerce documents", *in.Scope)
		if s := scope.Suggest(*in.Scope); s != "" {
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
	u, err := url.Parse(dest)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "must be an absolute http(s) URL", ""
	}
	if u.Scheme == "https" && (u.Port() == "" || u.Port() == "443") {
		return "", ""
	}
	rule := fmt.Sprintf("BigCommerce accepts only https destinations on port 443 (got %s)", strings.TrimSuffix(u.Scheme+"://"+u.Host, "/"))
	if a.strict {
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
