package admin

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/probe"
)

// runProbe contract-tests an app's webhook endpoint, as "bcmock probe"
// does, and answers with the report: 200 whether or not its checks passed.
// The probe reads the wall clock, not the mock's: the app checks
// webhook-timestamp against its own.
func (a *Admin) runProbe(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	var req adminapi.ProbeRequest
	if raw, err := json.Marshal(in.Body); err != nil || json.Unmarshal(raw, &req) != nil {
		WriteError(w, gateway.Error{Status: http.StatusUnprocessableEntity, Title: "invalid probe request", Detail: "the body is not a probe request"})
		return
	}
	if problem := selfProbe(req.URL, r.Host); problem != "" {
		WriteError(w, gateway.Error{Status: http.StatusUnprocessableEntity, Title: "the mock cannot probe itself", Fields: map[string]string{"url": problem}})
		return
	}
	opts := []probe.Option{probe.WithScopes(req.Scopes...)}
	if req.Count != 0 {
		opts = append(opts, probe.WithCount(req.Count))
	}
	if req.TimeoutMS != 0 {
		opts = append(opts, probe.WithTimeout(time.Duration(req.TimeoutMS)*time.Millisecond))
	}
	if req.Seed != 0 {
		opts = append(opts, probe.WithSeed(req.Seed))
	}
	if req.StoreHash != "" {
		opts = append(opts, probe.WithStoreHash(req.StoreHash))
	}
	if req.NoSignatureChecks {
		opts = append(opts, probe.WithoutSignatureChecks())
	}
	report, err := probe.Run(r.Context(), req.URL, req.ClientSecret, opts...)
	var ce *probe.ConfigError
	switch {
	case errors.As(err, &ce):
		WriteError(w, gateway.Error{Status: http.StatusUnprocessableEntity, Title: "invalid probe request", Fields: map[string]string{ce.Field: ce.Problem}})
	case err != nil:
		WriteError(w, gateway.Error{Status: http.StatusServiceUnavailable, Title: "the probe stopped", Detail: err.Error()})
	default:
		gateway.WriteJSON(w, http.StatusOK, report)
	}
}

// selfProbe says why rawURL is this mock itself, or returns "": the same
// rule as for hook destinations (a path under the control API, or the host
// the request reached the mock at), with loopback names counted as one
// host.
func selfProbe(rawURL, requestHost string) string {
	u, err := url.Parse(rawURL)
	if err != nil || u.Host == "" {
		return "" // the probe explains a URL it cannot use
	}
	if u.Path == adminapi.Prefix || strings.HasPrefix(u.Path, adminapi.Prefix+"/") {
		return fmt.Sprintf("is bcmock's own control API (%s): the probe would act on the mock", adminapi.Prefix)
	}
	if requestHost == "" {
		return ""
	}
	host, port := u.Hostname(), u.Port()
	if port == "" {
		port = map[string]string{"http": "80", "https": "443"}[u.Scheme]
	}
	mockHost, mockPort, err := net.SplitHostPort(requestHost)
	if err != nil {
		mockHost, mockPort = requestHost, "80"
	}
	if port == mockPort && (strings.EqualFold(host, mockHost) || loopback(host) && loopback(mockHost)) {
		return fmt.Sprintf("is this mock itself (%s, the host this request was sent to): probe your app, not the mock", u.Host)
	}
	return ""
}

// loopback reports whether host names this machine.
func loopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && (ip.IsLoopback() || ip.IsUnspecified())
}
