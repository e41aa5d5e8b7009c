package main

import (
	"io"
	"net/http"
	"testing"
)

// TestSpecValidEmptyLists checks the flag and its variable: an empty v2
// list is BigCommerce's 204 by default, 200 [] when either asks for it.
func TestSpecValidEmptyLists(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		vars   map[string]string
		status int
		body   string
	}{
		{"default", nil, nil, http.StatusNoContent, ""},
		{"flag", []string{"--spec-valid-empty-lists"}, nil, http.StatusOK, "[]\n"},
		{"env", nil, map[string]string{"BCMOCK_SPEC_VALID_EMPTY_LISTS": "true"}, http.StatusOK, "[]\n"},
		{"flag wins over env", []string{"--spec-valid-empty-lists=false"}, map[string]string{"BCMOCK_SPEC_VALID_EMPTY_LISTS": "true"}, http.StatusNoContent, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base, _, stop := startServe(t, tt.args, tt.vars)
			defer stop()
			req, _ := http.NewRequest("GET", base+"/stores/abc/v2/orders", nil)
			req.Header.Set("X-Auth-Token", "t")
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != tt.status || string(body) != tt.body {
				t.Errorf("GET /v2/orders = %d %q, want %d %q", resp.StatusCode, body, tt.status, tt.body)
			}
		})
	}
}
