// These tests lock the webhooks API contract: BigCommerce's paths, status
// codes, envelopes and error bodies. Every response is also checked against
// the project's OpenAPI documents by the harness.
package mock_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/adminapi"
)

const (
	tokenA = "token-a"
	tokenB = "token-b"
	hooks  = "/stores/abc123/v3/hooks"
)

func TestCreateReturnsTheHookInAnEnvelope(t *testing.T) {
	h := newHarness(t)
	res := h.do(req{method: "POST", path: hooks, token: tokenA,
		body: `{"scope":"store/order/created","destination":"https://app.example.com/webhooks"}`})
	expect(t, res, http.StatusOK)
	body := res.json(t)
	if meta := field(t, body, "meta").(map[string]any); len(meta) != 0 {
		t.Errorf("meta = %v, want {}", meta)
	}
	data := field(t, body, "data").(map[string]any)
	want := map[string]any{
		"id": 1.0, "store_hash": "abc123", "scope": "store/order/created",
		"destination": "https://app.example.com/webhooks", "is_active": true, "headers": nil,
		"created_at": float64(start.Unix()), "updated_at": float64(start.Unix()),
		"client_id": account.Derive(tokenA).ClientID,
	}
	for k, v := range want {
		if data[k] != v {
			t.Errorf("data.%s = %v, want %v", k, data[k], v)
		}
	}
	if w := res.header.Get("X-Bcmock-Warning"); w != "" {
		t.Errorf("an https:443 destination got a warning: %q", w)
	}
}

func TestCreateWithCustomHeadersKeepsThem(t *testing.T) {
	h := newHarness(t)
	res := h.do(req{method: "POST", path: hooks, token: tokenA,
		body: `{"scope":"store/cart/*","destination":"https://a.example/x","is_active":false,"headers":{"Authorization":"Basic abc"}}`})
	expect(t, res, http.StatusOK)
	data := res.json(t)["data"]
	if got := field(t, data, "headers", "Authorization"); got != "Basic abc" {
		t.Errorf("headers.Authorization = %v", got)
	}
	if got := field(t, data, "is_active"); got != false {
		t.Errorf("is_active = %v, want false", got)
	}
}

func TestRequestErrors(t *testing.T) {
	big := `{"scope":"store/order/created","destination":"https://a.example/x","headers":{"X":"` + strings.Repeat("a", 1<<20) + `"}}`
	tests := []struct {
		name   string
		r      req
		status int
		title  string
		fields map[string]string // field → substring of its message
	}{
		{"missing token", req{method: "GET", path: hooks}, 401, "Unauthorized - the v3 Auth client ID or token in the request are not a valid combination for this store.", nil},
		{"malformed JSON", req{method: "POST", path: hooks, token: tokenA, body: `{"scope": `}, 400, "Input is invalid.", map[string]string{}},
		{"wrong types listed together", req{method: "POST", path: hooks, token: tokenA, body: `{"scope": 1, "is_active": "yes"}`}, 422, "JSON data is missing or invalid",
			map[string]string{"scope": "value must be a string", "destination": "is required", "is_active": "value must be a boolean"}},
		{"header value not a string", req{method: "POST", path: hooks, token: tokenA, body: `{"scope":"store/order/created","destination":"https://a.example/x","headers":{"X-Key":1}}`}, 422, "", map[string]string{"headers.X-Key": "value must be a string"}},
		{"empty body", req{method: "POST", path: hooks, token: tokenA, header: map[string]string{"Content-Type": "application/json"}}, 422, "", map[string]string{"body": "is required"}},
		{"array body", req{method: "POST", path: hooks, token: tokenA, body: `[]`}, 422, "", map[string]string{"body": "value must be an object"}},
		{"unknown scope with hint", req{method: "POST", path: hooks, token: tokenA, body: `{"scope":"store/order/statusUpdate","destination":"https://a.example/x"}`}, 422, "", map[string]string{"scope": `did you mean "store/order/statusUpdated"`}},
		{"scope hinted by meaning", req{method: "POST", path: hooks, token: tokenA, body: `{"scope":"store/order/shipped","destination":"https://a.example/x"}`}, 422, "", map[string]string{"scope": `did you mean "store/shipment/created"`}},
		{"templated channel scope", req{method: "POST", path: hooks, token: tokenA, body: `{"scope":"store/channel/{channel_id}/order/created","destination":"https://a.example/x"}`}, 422, "", map[string]string{"scope": "not a webhook scope"}},
		{"destination not a URL", req{method: "POST", path: hooks, token: tokenA, body: `{"scope":"store/order/created","destination":"ftp://a.example/x"}`}, 422, "", map[string]string{"destination": "absolute http(s) URL"}},
		{"bad header name", req{method: "POST", path: hooks, token: tokenA, body: `{"scope":"store/order/created","destination":"https://a.example/x","headers":{"Bad Name":"v"}}`}, 422, "", map[string]string{"headers.Bad Name": "not a valid HTTP header name"}},
		{"null scope", req{method: "POST", path: hooks, token: tokenA, body: `{"scope":null,"destination":"https://a.example/x"}`}, 422, "", map[string]string{"scope": ""}},
		{"wrong content type", req{method: "POST", path: hooks, token: tokenA, body: `{}`, header: map[string]string{"Content-Type": "text/plain"}}, 415, "Unsupported media type; send Content-Type: application/json.", nil},
		{"unacceptable Accept", req{method: "GET", path: hooks, token: tokenA, header: map[string]string{"Accept": "application/xml"}}, 406, "", nil},
		{"body too large", req{method: "POST", path: hooks, token: tokenA, body: big}, 413, "The request is too large.", nil},
		{"limit too large", req{method: "GET", path: hooks + "?limit=251", token: tokenA}, 413, "The limit of 251 is too large; the maximum is 250.", nil},
		{"bad query parameters", req{method: "GET", path: hooks + "?limit=abc&page=0&is_active=maybe", token: tokenA}, 422, "",
			map[string]string{"limit": "must be an integer", "page": "at least 1", "is_active": "must be a boolean"}},
		{"unknown hook", req{method: "GET", path: hooks + "/999", token: tokenA}, 404, "Webhook with id [999] not found", nil},
		{"hook id zero", req{method: "GET", path: hooks + "/0", token: tokenA}, 422, "", map[string]string{"webhook_id": "at least 1"}},
		{"unknown path", req{method: "GET", path: "/stores/abc123/v3/nothing", token: tokenA}, 404, "The requested resource was not found.", nil},
		{"method not allowed", req{method: "POST", path: hooks + "/1", token: tokenA, body: `{}`}, 405, "The requested method is not allowed for this resource.", nil},
		{"method not implemented", req{method: "PATCH", path: hooks + "/1", token: tokenA, body: `{}`}, 501, "The requested method is not supported by the API.", nil},
		{"update needs a field", req{method: "PUT", path: hooks + "/1", token: tokenA, body: `{}`}, 422, "", map[string]string{"body": "at least one field is required"}},
		{"admin emails required", req{method: "PUT", path: hooks + "/admin", token: tokenA, body: `{}`}, 422, "", map[string]string{"emails": "is required"}},
		{"admin bad email", req{method: "PUT", path: hooks + "/admin", token: tokenA, body: `{"emails":["ops@example.com","not-an-email"]}`}, 422, "", map[string]string{"emails.1": "not an email address"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			h := newHarness(t)
			res := h.do(tt.r)
			expect(t, res, tt.status)
			body := res.json(t)
			if body["status"] != float64(tt.status) || body["type"] != "/api-docs/getting-started/api-status-codes" {
				t.Errorf("body is not BigCommerce's error shape: %s", res.body)
			}
			if tt.title != "" && body["title"] != tt.title {
				t.Errorf("title = %q, want %q", body["title"], tt.title)
			}
			errs, _ := body["errors"].(map[string]any)
			for f, substr := range tt.fields {
				msg, ok := errs[f].(string)
				if !ok || !strings.Contains(msg, substr) {
					t.Errorf("errors[%q] = %v, want it to contain %q (all: %v)", f, errs[f], substr, errs)
				}
			}
			if tt.fields != nil && len(errs) != len(tt.fields) {
				t.Errorf("errors = %v, want exactly the fields %v", errs, tt.fields)
			}
		})
	}
}

func TestMethodNotAllowedListsAllowedMethods(t *testing.T) {
	h := newHarness(t)
	res := h.do(req{method: "PUT", path: hooks, token: tokenA, body: `{}`})
	expect(t, res, http.StatusMethodNotAllowed)
	if got := res.header.Get("Allow"); got != "GET, POST" {
		t.Errorf("Allow = %q, want %q", got, "GET, POST")
	}
}

func TestAcceptVariantsThatAdmitJSON(t *testing.T) {
	h := newHarness(t)
	for _, accept := range []string{"", "*/*", "application/json", "application/json; charset=utf-8", "text/html, application/*;q=0.5", "application/problem+json"} {
		res := h.do(req{method: "GET", path: hooks, token: tokenA, header: map[string]string{"Accept": accept}})
		if res.status != http.StatusOK {
			t.Errorf("Accept %q: status %d", accept, res.status)
		}
	}
	res := h.do(req{method: "GET", path: hooks, token: tokenA, header: map[string]string{"Accept": "application/json;q=0"}})
	expect(t, res, http.StatusNotAcceptable)
}

func TestAccountsFileRejectsUnknownTokens(t *testing.T) {
	h := newHarness(t, mock.WithAccounts(account.Account{Token: "erp", ClientID: "erp-sync", ClientSecret: "s"}))
	expect(t, h.do(req{method: "GET", path: hooks, token: "other"}), http.StatusUnauthorized)
	h.create("erp", "abc123", "store/order/created", "https://erp.example/hook")
	res := h.do(req{method: "GET", path: hooks, token: "erp"})
	expect(t, res, http.StatusOK)
	if got := field(t, res.json(t), "data", 0, "client_id"); got != "erp-sync" {
		t.Errorf("client_id = %v, want erp-sync", got)
	}
}

func TestAccountsAndStoresAreIsolated(t *testing.T) {
	h := newHarness(t)
	id := h.create(tokenA, "abc123", "store/order/created", "https://a.example/x")
	expect(t, h.do(req{method: "GET", path: fmt.Sprintf("%s/%d", hooks, id), token: tokenB}), http.StatusNotFound)
	expect(t, h.do(req{method: "PUT", path: fmt.Sprintf("%s/%d", hooks, id), token: tokenB, body: `{"is_active":false}`}), http.StatusNotFound)
	expect(t, h.do(req{method: "DELETE", path: fmt.Sprintf("%s/%d", hooks, id), token: tokenB}), http.StatusNotFound)
	if n := len(h.do(req{method: "GET", path: hooks, token: tokenB}).json(t)["data"].([]any)); n != 0 {
		t.Errorf("token B sees %d hooks of token A", n)
	}
	if n := len(h.do(req{method: "GET", path: "/stores/other/v3/hooks", token: tokenA}).json(t)["data"].([]any)); n != 0 {
		t.Errorf("store other sees %d hooks of store abc123", n)
	}
	// Both accounts may register the same scope and destination.
	h.create(tokenB, "abc123", "store/order/created", "https://a.example/x")
}

func TestPlatformLimits(t *testing.T) {
	h := newHarness(t)
	for i := range 10 {
		h.create(tokenA, "abc123", "store/product/updated", fmt.Sprintf("https://a.example/%d", i))
	}
	over := h.do(req{method: "POST", path: hooks, token: tokenA, body: `{"scope":"store/product/updated","destination":"https://a.example/10"}`})
	expect(t, over, http.StatusForbidden)
	if msg := field(t, over.json(t), "errors", "scope").(string); !strings.Contains(msg, "10 hooks") {
		t.Errorf("limit message = %q", msg)
	}
	// Another scope, another account: not limited.
	h.create(tokenA, "abc123", "store/product/created", "https://a.example/0")
	h.create(tokenB, "abc123", "store/product/updated", "https://a.example/0")

	dup := h.do(req{method: "POST", path: hooks, token: tokenA, body: `{"scope":"store/product/created","destination":"https://a.example/0"}`})
	expect(t, dup, http.StatusConflict)
	// An update that would duplicate is refused too.
	id := h.create(tokenA, "abc123", "store/product/created", "https://a.example/1")
	expect(t, h.do(req{method: "PUT", path: fmt.Sprintf("%s/%d", hooks, id), token: tokenA, body: `{"destination":"https://a.example/0"}`}), http.StatusConflict)
}

func TestDeliveryExceptionHookRules(t *testing.T) {
	h := newHarness(t)
	h.create(tokenA, "abc123", "store/order/created", "https://a.example/orders")
	same := h.do(req{method: "POST", path: hooks, token: tokenA, body: `{"scope":"store/hook/deliveryException","destination":"https://a.example/orders"}`})
	expect(t, same, http.StatusConflict)
	h.create(tokenA, "abc123", "store/hook/deliveryException", "https://a.example/exceptions")
	second := h.do(req{method: "POST", path: hooks, token: tokenA, body: `{"scope":"store/hook/deliveryException","destination":"https://a.example/other"}`})
	expect(t, second, http.StatusConflict)
	// A later hook cannot take the exception hook's destination either.
	later := h.do(req{method: "POST", path: hooks, token: tokenA, body: `{"scope":"store/cart/created","destination":"https://a.example/exceptions"}`})
	expect(t, later, http.StatusConflict)
}

func TestDestinationRule(t *testing.T) {
	tests := []struct {
		dest         string
		strict       bool
		own          bool // sent with adminapi.OwnReceiverHeader, as the scenario runner does
		status       int
		wantsWarning bool
	}{
		{"https://app.example.com/hook", false, false, 200, false},
		{"https://app.example.com:443/hook", false, false, 200, false},
		{"http://localhost:9000/hook", false, false, 200, true},
		{"https://app.example.com:8443/hook", false, false, 200, true},
		{"https://app.example.com/hook", true, false, 200, false},
		{"http://localhost:9000/hook", true, false, 422, false},
		{"https://app.example.com:8443/hook", true, false, 422, false},
		{"http://127.0.0.1:9000/hook", false, true, 200, false},
		{"http://127.0.0.1:9000/hook", true, true, 200, false},
		{"ftp://127.0.0.1:9000/hook", true, true, 422, false},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s strict=%v own=%v", tt.dest, tt.strict, tt.own), func(t *testing.T) {
			var opts []mock.Option
			if tt.strict {
				opts = append(opts, mock.WithStrictDestinations())
			}
			h := newHarness(t, opts...)
			r := req{method: "POST", path: hooks, token: tokenA, body: `{"scope":"store/order/created","destination":"` + tt.dest + `"}`}
			if tt.own {
				r.header = map[string]string{adminapi.OwnReceiverHeader: "true"}
			}
			res := h.do(r)
			expect(t, res, tt.status)
			warning := res.header.Get("X-Bcmock-Warning")
			if (warning != "") != tt.wantsWarning {
				t.Errorf("warning = %q, want one: %v", warning, tt.wantsWarning)
			}
			if tt.status == 422 && !tt.own && !strings.Contains(field(t, res.json(t), "errors", "destination").(string), "port 443") {
				t.Errorf("strict refusal does not explain the rule: %s", res.body)
			}
		})
	}
}

func TestGetUpdateDelete(t *testing.T) {
	h := newHarness(t)
	id := h.create(tokenA, "abc123", "store/order/created", "https://a.example/x")
	path := fmt.Sprintf("%s/%d", hooks, id)

	got := h.do(req{method: "GET", path: path, token: tokenA})
	expect(t, got, http.StatusOK)
	if field(t, got.json(t), "data", "id") != float64(id) {
		t.Fatalf("GET returned another hook: %s", got.body)
	}

	h.clock.Advance(90)
	upd := h.do(req{method: "PUT", path: path, token: tokenA, body: `{"scope":"store/order/*","headers":{"X-Secret":"s"},"is_active":false}`})
	expect(t, upd, http.StatusOK)
	data := upd.json(t)["data"]
	if field(t, data, "scope") != "store/order/*" || field(t, data, "is_active") != false || field(t, data, "headers", "X-Secret") != "s" {
		t.Errorf("update not applied: %s", upd.body)
	}
	if field(t, data, "destination") != "https://a.example/x" {
		t.Errorf("absent field changed: %s", upd.body)
	}

	cleared := h.do(req{method: "PUT", path: path, token: tokenA, body: `{"headers":null}`})
	expect(t, cleared, http.StatusOK)
	if field(t, cleared.json(t), "data", "headers") != nil {
		t.Errorf("headers:null did not clear headers: %s", cleared.body)
	}

	del := h.do(req{method: "DELETE", path: path, token: tokenA})
	expect(t, del, http.StatusOK)
	if field(t, del.json(t), "data", "id") != float64(id) {
		t.Errorf("DELETE did not return the deleted hook: %s", del.body)
	}
	expect(t, h.do(req{method: "GET", path: path, token: tokenA}), http.StatusNotFound)
	expect(t, h.do(req{method: "DELETE", path: path, token: tokenA}), http.StatusNotFound)
}

func TestListFiltersAndPagination(t *testing.T) {
	h := newHarness(t)
	for i := range 5 {
		h.create(tokenA, "abc123", "store/order/created", fmt.Sprintf("https://a.example/%d", i))
	}
	h.create(tokenA, "abc123", "store/cart/created", "https://a.example/0")
	expect(t, h.do(req{method: "PUT", path: hooks + "/2", token: tokenA, body: `{"is_active":false}`}), 200)

	tests := []struct {
		query      string
		ids        []float64
		pagination map[string]any
		links      map[string]any
	}{
		{"", []float64{1, 2, 3, 4, 5, 6}, map[string]any{"total": 6.0, "count": 6.0, "per_page": 50.0, "current_page": 1.0, "total_pages": 1.0},
			map[string]any{"current": "?limit=50&page=1"}},
		{"?limit=2&page=2", []float64{3, 4}, map[string]any{"total": 6.0, "count": 2.0, "per_page": 2.0, "current_page": 2.0, "total_pages": 3.0},
			map[string]any{"previous": "?limit=2&page=1", "current": "?limit=2&page=2", "next": "?limit=2&page=3"}},
		{"?limit=4&page=3", []float64{}, map[string]any{"total": 6.0, "count": 0.0, "total_pages": 2.0}, nil},
		{"?scope=store/cart/created", []float64{6}, map[string]any{"total": 1.0}, nil},
		{"?is_active=false", []float64{2}, map[string]any{"total": 1.0}, nil},
		{"?is_active=true&scope=store/order/created&limit=2", []float64{1, 3}, map[string]any{"total": 4.0, "total_pages": 2.0},
			map[string]any{"next": "?is_active=true&limit=2&page=2&scope=store%2Forder%2Fcreated"}},
		{"?destination=https://a.example/0", []float64{1, 6}, map[string]any{"total": 2.0}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			body := h.do(req{method: "GET", path: hooks + tt.query, token: tokenA}).json(t)
			var ids []float64
			for _, hook := range body["data"].([]any) {
				ids = append(ids, hook.(map[string]any)["id"].(float64))
			}
			if fmt.Sprint(ids) != fmt.Sprint(tt.ids) && !(len(ids) == 0 && len(tt.ids) == 0) {
				t.Errorf("ids = %v, want %v", ids, tt.ids)
			}
			p := field(t, body, "meta", "pagination").(map[string]any)
			for k, v := range tt.pagination {
				if p[k] != v {
					t.Errorf("pagination.%s = %v, want %v", k, p[k], v)
				}
			}
			for k, v := range tt.links {
				if got := field(t, p, "links", k); got != v {
					t.Errorf("links.%s = %v, want %v", k, got, v)
				}
			}
		})
	}
}

func TestHooksAdmin(t *testing.T) {
	h := newHarness(t)
	active := h.create(tokenA, "abc123", "store/order/created", "https://a.example/x")
	inactive := h.create(tokenA, "abc123", "store/order/updated", "https://a.example/x")
	deactivated := h.create(tokenA, "abc123", "store/order/archived", "https://a.example/x")
	h.create(tokenB, "abc123", "store/order/created", "https://b.example/x")
	expect(t, h.do(req{method: "PUT", path: fmt.Sprintf("%s/%d", hooks, inactive), token: tokenA, body: `{"is_active":false}`}), 200)
	if !mock.StoreOf(h.srv).Deactivate("abc123", deactivated) {
		t.Fatal("Deactivate found no hook")
	}

	put := h.do(req{method: "PUT", path: hooks + "/admin", token: tokenA, body: `{"emails":["ops@example.com","dev@example.com"]}`})
	expect(t, put, http.StatusNoContent)
	if len(put.body) != 0 {
		t.Errorf("204 with a body: %q", put.body)
	}

	res := h.do(req{method: "GET", path: hooks + "/admin", token: tokenA})
	expect(t, res, http.StatusOK)
	data := res.json(t)["data"].(map[string]any)
	if fmt.Sprint(data["emails"]) != "[ops@example.com dev@example.com]" {
		t.Errorf("emails = %v", data["emails"])
	}
	status := map[float64]string{}
	for _, item := range data["hooks_list"].([]any) {
		m := item.(map[string]any)
		status[m["id"].(float64)] = m["status"].(string)
	}
	want := map[float64]string{float64(active): "active", float64(inactive): "inactive", float64(deactivated): "deactivated"}
	if fmt.Sprint(status) != fmt.Sprint(want) {
		t.Errorf("statuses = %v, want %v (token B's hook must not appear)", status, want)
	}
	if bd := data["blocked_domains"].([]any); len(bd) != 0 {
		t.Errorf("blocked_domains = %v", bd)
	}

	onlyInactive := h.do(req{method: "GET", path: hooks + "/admin?is_active=false", token: tokenA}).json(t)
	if n := len(field(t, onlyInactive, "data", "hooks_list").([]any)); n != 2 {
		t.Errorf("is_active=false lists %d hooks, want 2", n)
	}

	// Reactivation: PUT is_active true makes a deactivated hook active again.
	expect(t, h.do(req{method: "PUT", path: fmt.Sprintf("%s/%d", hooks, deactivated), token: tokenA, body: `{"is_active":true}`}), 200)
	after := h.do(req{method: "GET", path: hooks + "/admin?is_active=true", token: tokenA}).json(t)
	if n := len(field(t, after, "data", "hooks_list").([]any)); n != 2 {
		t.Errorf("after reactivation %d active hooks, want 2", n)
	}
	other := h.do(req{method: "GET", path: hooks + "/admin", token: tokenB}).json(t)
	if emails := field(t, other, "data", "emails").([]any); len(emails) != 0 {
		t.Errorf("token B sees token A's emails: %v", emails)
	}
}
