package mock_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/openapi"
)

// start is the fake clock's instant in these tests: 2025-01-01T00:00:00Z.
var start = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// harness runs a mock behind httptest and checks every response it gets
// against the project's own OpenAPI documents (strictly: the status must be
// declared and the body must fit), so the mock cannot drift from its contract.
type harness struct {
	t         *testing.T
	srv       *mock.Server
	http      *httptest.Server
	validator *openapi.Validator
	clock     *clock.Fake
}

func newHarness(t *testing.T, opts ...mock.Option) *harness {
	t.Helper()
	fake := clock.NewFake(start)
	srv, err := mock.New(append([]mock.Option{mock.WithClock(fake)}, opts...)...)
	if err != nil {
		t.Fatalf("mock.New: %v", err)
	}
	h := &harness{t: t, srv: srv, http: httptest.NewServer(srv), validator: specValidator(t), clock: fake}
	t.Cleanup(func() {
		h.http.Close()
		_ = srv.Close()
	})
	return h
}

func specValidator(t testing.TB) *openapi.Validator {
	t.Helper()
	var docs []*openapi.Document
	for _, name := range []string{openapi.WebhooksV3, openapi.WebhooksV2, openapi.Control} {
		d, err := openapi.LoadEmbedded(name)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, d)
	}
	return openapi.NewValidator(docs...)
}

// response is what a request got back.
type response struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body into a generic value.
func (r response) json(t *testing.T) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal(r.body, &v); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, r.body)
	}
	return v
}

// req describes one request. Token "" sends no X-Auth-Token.
type req struct {
	method, path, token, body string
	header                    map[string]string
}

// do sends r and validates the response against the documents.
func (h *harness) do(r req) response {
	h.t.Helper()
	hr, err := http.NewRequest(r.method, h.http.URL+r.path, strings.NewReader(r.body))
	if err != nil {
		h.t.Fatal(err)
	}
	if r.token != "" {
		hr.Header.Set("X-Auth-Token", r.token)
	}
	if r.body != "" {
		hr.Header.Set("Content-Type", "application/json")
	}
	for k, v := range r.header {
		hr.Header.Set(k, v)
	}
	resp, err := h.http.Client().Do(hr)
	if err != nil {
		h.t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		h.t.Fatal(err)
	}
	h.checkContract(r, resp, body)
	return response{status: resp.StatusCode, header: resp.Header, body: body}
}

// checkContract validates a response of an operation the documents describe.
func (h *harness) checkContract(r req, resp *http.Response, body []byte) {
	h.t.Helper()
	probe := httptest.NewRequest(r.method, r.path, nil)
	match, err := h.validator.Find(probe)
	if err != nil {
		return // 404/405 answers of paths the documents do not have
	}
	if problems := match.ValidateResponse(probe, resp.StatusCode, resp.Header, body); len(problems) > 0 {
		h.t.Errorf("%s %s: response %d violates the document: %v\n%s", r.method, r.path, resp.StatusCode, problems, body)
	}
}

// create makes a hook and returns its id.
func (h *harness) create(token, storeHash, scope, dest string) int {
	h.t.Helper()
	res := h.do(req{method: "POST", path: "/stores/" + storeHash + "/v3/hooks", token: token,
		body: `{"scope":"` + scope + `","destination":"` + dest + `","is_active":true}`})
	if res.status != http.StatusOK {
		h.t.Fatalf("create %s → %s: %d %s", scope, dest, res.status, res.body)
	}
	data := res.json(h.t)["data"].(map[string]any)
	return int(data["id"].(float64))
}

// expect fails the test unless res has status want.
func expect(t *testing.T, res response, want int) {
	t.Helper()
	if res.status != want {
		t.Fatalf("status = %d, want %d; body: %s", res.status, want, res.body)
	}
}

// field digs a value out of decoded JSON by keys and indexes.
func field(t *testing.T, v any, path ...any) any {
	t.Helper()
	for _, p := range path {
		switch k := p.(type) {
		case string:
			m, ok := v.(map[string]any)
			if !ok {
				t.Fatalf("at %q: not an object: %v", k, v)
			}
			v = m[k]
		case int:
			a, ok := v.([]any)
			if !ok || k >= len(a) {
				t.Fatalf("at [%d]: not an array that long: %v", k, v)
			}
			v = a[k]
		}
	}
	return v
}
