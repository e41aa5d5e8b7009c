package mock_test

import (
	"bytes"
	"errors"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/openapi"
)

func TestSpecShapedLikeBigCommercesLoadsAndRoutes(t *testing.T) {
	doc, err := openapi.LoadFile("testdata/bigcommerce-style.yaml")
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	srv, err := mock.New(mock.WithSpec(doc))
	if err != nil {
		t.Fatal(err)
	}
	call := func(method, path, body string) *httptest.ResponseRecorder {
		r := httptest.NewRequest(method, path, strings.NewReader(body))
		r.Header.Set("X-Auth-Token", tokenA)
		if body != "" {
			r.Header.Set("Content-Type", "application/json")
		}
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		return w
	}
	if w := call("POST", "/stores/abc123/v3/hooks", `{"scope":"store/order/created","destination":"https://a.example/x"}`); w.Code != 200 {
		t.Fatalf("create through the user's spec: %d %s", w.Code, w.Body)
	}
	if w := call("POST", "/stores/abc123/v3/hooks", `{"scope":"store/order/created"}`); w.Code != 422 || !strings.Contains(w.Body.String(), `"destination":"is required"`) {
		t.Errorf("the user's spec did not validate the body: %d %s", w.Code, w.Body)
	}
	if w := call("GET", "/stores/abc123/v3/hooks/1", ""); w.Code != 200 {
		t.Errorf("get: %d %s", w.Code, w.Body)
	}
	if w := call("PUT", "/stores/abc123/v3/hooks/admin", `{"emails":["ops@example.com"]}`); w.Code != 204 {
		t.Errorf("admin through the user's spec: %d %s", w.Code, w.Body)
	}
	if w := call("GET", "/stores/abc123/v3/hooks/admin", ""); w.Code != 200 {
		t.Errorf("admin get through the user's spec: %d %s", w.Code, w.Body)
	}
	// The document has an operation bcmock does not implement.
	if w := call("GET", "/stores/abc123/v3/hooks/events", ""); w.Code != 404 {
		t.Errorf("unimplemented operation: %d %s", w.Code, w.Body)
	}
	// The embedded v2 and control documents still apply.
	if w := call("GET", "/stores/abc123/v2/hooks", ""); w.Code != 200 {
		t.Errorf("v2 with a user v3 spec: %d %s", w.Code, w.Body)
	}
}

func TestLoadFileRejectsBrokenDocuments(t *testing.T) {
	if _, err := openapi.LoadFile("testdata/missing.yaml"); err == nil {
		t.Error("missing file loaded")
	}
	if _, err := openapi.Load("broken", []byte("openapi: 3.0.3\npaths: [1, 2]\n")); err == nil {
		t.Error("broken document loaded")
	}
}

func TestResponseValidationTurnsDriftInto500(t *testing.T) {
	doc, err := openapi.LoadFile("testdata/drifted.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	srv, err := mock.New(mock.WithSpec(doc), mock.WithResponseValidation(), mock.WithLogger(slog.New(slog.NewTextHandler(&logs, nil))))
	if err != nil {
		t.Fatal(err)
	}
	r := httptest.NewRequest("POST", "/stores/abc123/v3/hooks", strings.NewReader(`{"scope":"store/order/created","destination":"https://a.example/x"}`))
	r.Header.Set("X-Auth-Token", tokenA)
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	srv.ServeHTTP(w, r)
	if w.Code != http.StatusInternalServerError || !strings.Contains(w.Body.String(), "violates its OpenAPI document") {
		t.Fatalf("drifted response: %d %s", w.Code, w.Body)
	}
	if !strings.Contains(logs.String(), "events_history_enabled") {
		t.Errorf("the log does not say what drifted:\n%s", logs.String())
	}
}

func TestResponseValidationPassesConformingResponses(t *testing.T) {
	h := newHarness(t, mock.WithResponseValidation())
	id := h.create(tokenA, "abc123", "store/order/created", "https://a.example/x")
	expect(t, h.do(req{method: "GET", path: hooks, token: tokenA}), http.StatusOK)
	expect(t, h.do(req{method: "GET", path: hooks + "/admin", token: tokenA}), http.StatusOK)
	expect(t, h.do(req{method: "PUT", path: hooks + "/admin", token: tokenA, body: `{"emails":[]}`}), http.StatusNoContent)
	expect(t, h.do(req{method: "DELETE", path: hooks + "/1", token: tokenA}), http.StatusOK)
	expect(t, h.do(req{method: "GET", path: hooksV2, token: tokenA}), http.StatusOK)
	expect(t, h.do(req{method: "GET", path: "/__bcmock/health"}), http.StatusOK)
	_ = id
}

func TestNewRefusesBadOptions(t *testing.T) {
	tests := map[string]mock.Option{
		"nil logger":     mock.WithLogger(nil),
		"zero body size": mock.WithMaxBodyBytes(0),
		"negative retry": mock.WithRetrySchedule(bigcommerce.Schedule{time.Minute, -time.Second}),
	}
	for name, opt := range tests {
		t.Run(name, func(t *testing.T) {
			srv, err := mock.New(opt)
			if !errors.Is(err, mock.ErrBadOption) {
				if srv != nil {
					srv.Close()
				}
				t.Fatalf("New = %v, want ErrBadOption", err)
			}
		})
	}
}
