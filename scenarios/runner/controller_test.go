// These tests lock the scenario endpoints to their contract,
// openapi/scenario.yaml: every answer, errors included, is validated
// against the document, and so is every well-formed request.
package runner_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/openapi"
	"github.com/bcmock/bcmock/scenarios/runner"
)

// contractServer serves h and checks each exchange against the document.
func contractServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	doc, err := openapi.LoadEmbedded(openapi.Scenario)
	if err != nil {
		t.Fatalf("the document is not valid OpenAPI: %v", err)
	}
	v := openapi.NewValidator(doc)
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		probe := r.Clone(r.Context())
		body, _ := io.ReadAll(r.Body)
		probe.Body = io.NopCloser(bytes.NewReader(body))
		r.Body = io.NopCloser(bytes.NewReader(body))
		match, findErr := v.Find(probe)
		if findErr == nil && r.Header.Get("X-Test-Valid-Request") == "yes" {
			if err := match.ValidateRequest(probe); err != nil {
				t.Errorf("%s %s: the request violates the document: %v", r.Method, r.URL, err)
			}
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, r)
		if findErr == nil {
			probe.Body = io.NopCloser(bytes.NewReader(body))
			if problems := match.ValidateResponse(probe, rec.Code, rec.Header(), rec.Body.Bytes()); len(problems) > 0 {
				t.Errorf("%s %s answered %d, which violates the document: %v\n%s", r.Method, r.URL, rec.Code, problems, rec.Body)
			}
		}
		for k, vs := range rec.Header() {
			w.Header()[k] = vs
		}
		w.WriteHeader(rec.Code)
		_, _ = w.Write(rec.Body.Bytes())
	}))
	t.Cleanup(ts.Close)
	return ts
}

// call sends a request to ts with its own client and decodes a JSON answer.
func call(t *testing.T, ts *httptest.Server, method, path, contentType, body string, valid bool) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	if valid {
		req.Header.Set("X-Test-Valid-Request", "yes")
	}
	resp, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&out); err != nil {
		t.Fatalf("%s %s: answer is not JSON: %v", method, path, err)
	}
	return resp.StatusCode, out
}

func TestScenarioEndpointsFollowTheirDocument(t *testing.T) {
	const src = `
name: endpoints
setup:
  stores: [abc123]
  clock: fake
  hooks: [{name: orders, scope: store/order/created, receiver: app}]
receivers:
  - {name: app, responses: [500, 200]}
steps:
  - raise: store/order/created
  - expect:
      deliveries: [{hook: orders, status: delivered}]
  - advance: 1m
  - expect:
      deliveries: [{hook: orders, status: delivered, attempts: 2}]
`
	file := filepath.Join(t.TempDir(), "endpoints.yaml")
	write(t, file, src)
	srv, err := runner.NewServer(file, runner.WithMockOptions(mock.WithResponseValidation()))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ts := contractServer(t, srv)
	if err := srv.Start(context.Background(), ts.URL); err != nil {
		t.Fatal(err)
	}

	code, got := call(t, ts, "GET", adminapi.ScenarioPath, "", "", true)
	if code != 200 || got["name"] != "endpoints" || got["next_step"] != 1.0 || got["clock"] != "fake" {
		t.Fatalf("GET scenario = %d %v", code, got)
	}
	steps := got["steps"].([]any)
	if len(steps) != 4 || steps[0].(map[string]any)["status"] != "pending" {
		t.Errorf("steps = %v", steps)
	}

	// One step by number.
	code, got = call(t, ts, "POST", adminapi.ScenarioRunPath, "application/json", `{"step": 1}`, true)
	if code != 200 || got["passed"] != true || got["next_step"] != 2.0 {
		t.Fatalf("run step 1 = %d %v", code, got)
	}
	// The remaining ones stop at the first failure, with its report.
	code, got = call(t, ts, "POST", adminapi.ScenarioRunPath, "", "", true)
	if code != 200 || got["passed"] != false || got["next_step"] != 3.0 {
		t.Fatalf("run remaining = %d %v", code, got)
	}
	failed := got["steps"].([]any)[0].(map[string]any)
	if failed["status"] != "failed" || !strings.Contains(failed["report"].(string), "status: expected delivered, got pending") {
		t.Errorf("failed step = %v", failed)
	}
	// Then on from the step after it.
	code, got = call(t, ts, "POST", adminapi.ScenarioRunPath, "application/json", `{}`, true)
	if code != 200 || got["passed"] != true || got["next_step"] != nil || len(got["steps"].([]any)) != 2 {
		t.Fatalf("run the rest = %d %v", code, got)
	}
	code, got = call(t, ts, "GET", adminapi.ScenarioPath, "", "", true)
	if code != 200 || got["next_step"] != nil || got["receivers"].([]any)[0].(map[string]any)["callbacks"] != 2.0 {
		t.Errorf("GET after the run = %d %v", code, got)
	}

	for _, tt := range []struct {
		name, method, path, contentType, body string
		status                                int
	}{
		{"step out of range", "POST", adminapi.ScenarioRunPath, "application/json", `{"step": 5}`, 422},
		{"step zero", "POST", adminapi.ScenarioRunPath, "application/json", `{"step": 0}`, 422},
		{"unknown field", "POST", adminapi.ScenarioRunPath, "application/json", `{"steps": 1}`, 422},
		{"malformed", "POST", adminapi.ScenarioRunPath, "application/json", `{"step":`, 400},
		{"not JSON", "POST", adminapi.ScenarioRunPath, "text/plain", `step=1`, 415},
		{"GET run", "GET", adminapi.ScenarioRunPath, "", "", 405},
		{"POST scenario", "POST", adminapi.ScenarioPath, "", "", 405},
		{"unknown path", "GET", adminapi.ScenarioPath + "/nope", "", "", 404},
	} {
		t.Run(tt.name, func(t *testing.T) {
			code, got := call(t, ts, tt.method, tt.path, tt.contentType, tt.body, false)
			if code != tt.status || got["status"] != float64(tt.status) || got["title"] == "" {
				t.Errorf("%s %s = %d %v, want %d with an error body", tt.method, tt.path, code, got, tt.status)
			}
		})
	}
}
