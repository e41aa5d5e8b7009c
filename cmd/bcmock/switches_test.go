package main

import (
	"io"
	"net/http"
	"strings"
	"testing"
)

// TestSwitches checks the on/off flags and their variables, the flag
// winning over the variable: --spec-valid-empty-lists (an empty v2 list
// is BigCommerce's 204 by default, 200 [] when asked for) and
// --no-metrics (/metrics is served by default, not when turned off; the
// listening line says so).
func TestSwitches(t *testing.T) {
	const orders, metrics = "/stores/abc/v2/orders", "/metrics"
	tests := []struct {
		name   string
		args   []string
		vars   map[string]string
		path   string
		status int
		body   string // "": not checked, unless status is 204
		logged string
	}{
		{"empty lists: default", nil, nil, orders, http.StatusNoContent, "", ""},
		{"empty lists: flag", []string{"--spec-valid-empty-lists"}, nil, orders, http.StatusOK, "[]\n", ""},
		{"empty lists: env", nil, map[string]string{"BCMOCK_SPEC_VALID_EMPTY_LISTS": "true"}, orders, http.StatusOK, "[]\n", ""},
		{"empty lists: flag wins over env", []string{"--spec-valid-empty-lists=false"}, map[string]string{"BCMOCK_SPEC_VALID_EMPTY_LISTS": "true"}, orders, http.StatusNoContent, "", ""},
		{"metrics: default", nil, nil, metrics, http.StatusOK, "", "/metrics https_proxy="},
		{"metrics: flag", []string{"--no-metrics"}, nil, metrics, http.StatusNotFound, "", "metrics=off"},
		{"metrics: env", nil, map[string]string{"BCMOCK_NO_METRICS": "true"}, metrics, http.StatusNotFound, "", "metrics=off"},
		{"metrics: flag wins over env", []string{"--no-metrics=false"}, map[string]string{"BCMOCK_NO_METRICS": "true"}, metrics, http.StatusOK, "", "/metrics https_proxy="},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, logs, stop := startServe(t, tt.args, tt.vars)
			defer stop()
			req, _ := http.NewRequest("GET", base+tt.path, nil)
			req.Header.Set("X-Auth-Token", "t") // without metrics, /metrics is BigCommerce's 404 of a path it lacks
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status || (tt.body != "" || tt.status == http.StatusNoContent) && string(body) != tt.body {
				t.Errorf("GET %s = %d %q, want %d %q", tt.path, resp.StatusCode, body, tt.status, tt.body)
			}
			if !strings.Contains(logs.String(), tt.logged) {
				t.Errorf("%q not logged:\n%s", tt.logged, logs.String())
			}
		})
	}
}
