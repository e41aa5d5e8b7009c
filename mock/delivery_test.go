// These tests drive deliveries end to end through bcmock's HTTP surface:
// hooks registered with BigCommerce's API, events raised and time moved
// through the control API, callbacks received by real HTTP receivers.
package mock_test

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/openapi"
)

// ladder is when BigCommerce's 12 attempts fall, in seconds after the first.
var ladder = []int64{0, 60, 240, 540, 1140, 2040, 3840, 7440, 14640, 36240, 86640, 173040}

func (h *harness) raise(storeHash, sc, data string) map[string]any {
	h.t.Helper()
	body := `{"scope":"` + sc + `"}`
	if data != "" {
		body = `{"scope":"` + sc + `","data":` + data + `}`
	}
	res := h.do(req{method: "POST", path: "/__bcmock/stores/" + storeHash + "/events", body: body})
	if res.status != http.StatusCreated {
		h.t.Fatalf("raise %s: %d %s", sc, res.status, res.body)
	}
	return res.json(h.t)
}

// advance moves the fake clock through the control API; 0 just lets all
// work due now finish.
func (h *harness) advance(seconds int64) {
	h.t.Helper()
	res := h.do(req{method: "POST", path: "/__bcmock/clock/advance", body: fmt.Sprintf(`{"seconds":%d}`, seconds)})
	if res.status != http.StatusOK {
		h.t.Fatalf("advance: %d %s", res.status, res.body)
	}
}

// records lists a control API log ("attempts", "deliveries", …) with a
// query, on one page of the largest size.
func (h *harness) records(kind, query string) []map[string]any {
	h.t.Helper()
	sep := "?"
	if strings.Contains(query, "?") {
		sep = "&"
	}
	res := h.do(req{method: "GET", path: "/__bcmock/" + kind + query + sep + "limit=250"})
	expect(h.t, res, http.StatusOK)
	var out struct {
		Data []map[string]any `json:"data"`
	}
	if err := json.Unmarshal(res.body, &out); err != nil {
		h.t.Fatal(err)
	}
	return out.Data
}

func (h *harness) secret(token string) string {
	h.t.Helper()
	res := h.do(req{method: "GET", path: "/__bcmock/accounts/" + account.Derive(token).ClientID})
	expect(h.t, res, http.StatusOK)
	return res.json(h.t)["client_secret"].(string)
}

// checkPayload validates a callback body against the envelope schema and
// its scope's data schema, and returns it decoded.
func checkPayload(t *testing.T, body []byte) map[string]any {
	t.Helper()
	var payload map[string]any
	if err := json.Unmarshal(body, &payload); err != nil {
		t.Fatalf("callback body is not JSON: %v", err)
	}
	env, err := openapi.EnvelopeSchema()
	if err != nil {
		t.Fatal(err)
	}
	if err := env.VisitJSON(payload); err != nil {
		t.Fatalf("envelope violates its schema: %v\n%s", err, body)
	}
	tmpl, _ := bigcommerce.Template(payload["scope"].(string))
	schema, err := openapi.EventSchema(tmpl)
	if err != nil {
		t.Fatal(err)
	}
	if err := schema.VisitJSON(payload["data"]); err != nil {
		t.Fatalf("data of %s violates its schema: %v\n%s", tmpl, err, body)
	}
	return payload
}

func TestAlwaysFailingReceiverWalksTheWholeLadderThenDeactivates(t *testing.T) {
	h := newHarness(t)
	failing := newReceiver(t, http.StatusInternalServerError)
	exceptions := newReceiver(t, http.StatusOK)
	hookID := h.create(tokenA, "abc123", "store/order/created", failing.URL+"/orders")
	h.create(tokenA, "abc123", "store/hook/deliveryException", exceptions.URL+"/exceptions")
	expect(t, h.do(req{method: "PUT", path: hooks + "/admin", token: tokenA, body: `{"emails":["ops@example.com"]}`}), http.StatusNoContent)

	raised := h.raise("abc123", "store/order/created", `{"id":250}`)
	if ids := raised["hook_ids"].([]any); len(ids) != 1 || ids[0] != float64(hookID) {
		t.Fatalf("raised matched %v, want [%d]", ids, hookID)
	}
	h.advance(49 * 3600) // one jump; every attempt fires at its own instant

	attempts := h.records("attempts", fmt.Sprintf("?hook=%d", hookID))
	if len(attempts) != len(ladder) {
		t.Fatalf("%d attempts, want %d", len(attempts), len(ladder))
	}
	for i, a := range attempts {
		at, _ := time.Parse(time.RFC3339, a["at"].(string))
		if off := int64(at.Sub(start).Seconds()); off != ladder[i] || a["attempt"] != float64(i+1) || a["outcome"] != "failure" || a["response_status"] != 500.0 {
			t.Errorf("attempt %d at +%ds (%v %v %v), want +%ds failure 500", i+1, off, a["attempt"], a["outcome"], a["response_status"], ladder[i])
		}
	}

	calls := failing.calls()
	if len(calls) != len(ladder) {
		t.Fatalf("receiver got %d calls", len(calls))
	}
	first := checkPayload(t, calls[0].body)
	if first["hash"] != raised["hash"] || field(t, first, "data", "id") != 250.0 {
		t.Errorf("payload = %v, want hash %v and the overridden order id", first, raised["hash"])
	}
	for i, c := range calls {
		if string(c.body) != string(calls[0].body) {
			t.Errorf("attempt %d body differs: the hash and payload must be identical on every retry", i+1)
		}
		if c.header.Get("webhook-id") != calls[0].header.Get("webhook-id") {
			t.Errorf("attempt %d webhook-id changed", i+1)
		}
		if want := fmt.Sprint(start.Unix() + ladder[i]); c.header.Get("webhook-timestamp") != want {
			t.Errorf("attempt %d webhook-timestamp = %s, want %s", i+1, c.header.Get("webhook-timestamp"), want)
		}
	}

	hook := h.do(req{method: "GET", path: fmt.Sprintf("%s/%d", hooks, hookID), token: tokenA}).json(t)
	if field(t, hook, "data", "is_active") != false {
		t.Errorf("hook still active after the last failure")
	}
	admin := h.do(req{method: "GET", path: hooks + "/admin?is_active=false", token: tokenA}).json(t)
	if field(t, admin, "data", "hooks_list", 0, "status") != "deactivated" {
		t.Errorf("admin status = %v, want deactivated", field(t, admin, "data", "hooks_list"))
	}

	var codes []float64
	wh, _ := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(h.secret(tokenA))))
	for _, c := range exceptions.calls() {
		p := checkPayload(t, c.body)
		if p["scope"] != bigcommerce.DeliveryException || field(t, p, "data", "id") != float64(hookID) {
			t.Errorf("exception payload = %v", p)
		}
		if err := wh.VerifyIgnoringTimestamp(c.body, c.header); err != nil {
			t.Errorf("exception callback signature: %v", err)
		}
		codes = append(codes, field(t, p, "data", "error_code").(float64))
	}
	if len(codes) == 0 || codes[len(codes)-1] != 90002 || strings.Count(fmt.Sprint(codes), "90002") != 1 {
		t.Errorf("exception codes = %v, want 90001s then one 90002", codes)
	}

	notes := h.records("notifications", "?kind=hook_deactivated")
	if len(notes) != 1 || notes[0]["hook_id"] != float64(hookID) || fmt.Sprint(notes[0]["emails"]) != "[ops@example.com]" {
		t.Errorf("notifications = %v", notes)
	}
	deliveries := h.records("deliveries", fmt.Sprintf("?hook=%d", hookID))
	if len(deliveries) != 1 || deliveries[0]["status"] != "failed" || deliveries[0]["attempts"] != 12.0 {
		t.Errorf("deliveries = %v", deliveries)
	}

	// PUT is_active:true reactivates; the next event is delivered again.
	expect(t, h.do(req{method: "PUT", path: fmt.Sprintf("%s/%d", hooks, hookID), token: tokenA, body: `{"is_active":true}`}), http.StatusOK)
	again := h.raise("abc123", "store/order/created", "")
	if ids := again["hook_ids"].([]any); len(ids) != 1 {
		t.Errorf("reactivated hook not matched: %v", ids)
	}
}

func TestReceiverThatRecoversOnAttemptThree(t *testing.T) {
	h := newHarness(t)
	rc := newReceiver(t, 500, 503, 200)
	hookID := h.create(tokenA, "abc123", "store/cart/*", rc.URL)
	h.raise("abc123", "store/cart/lineItem/created", "")
	h.advance(49 * 3600)

	attempts := h.records("attempts", "")
	if len(attempts) != 3 {
		t.Fatalf("%d attempts, want 3", len(attempts))
	}
	for i, want := range []string{"failure", "failure", "success"} {
		at, _ := time.Parse(time.RFC3339, attempts[i]["at"].(string))
		if attempts[i]["outcome"] != want || int64(at.Sub(start).Seconds()) != ladder[i] {
			t.Errorf("attempt %d: %v at %v, want %s at +%d", i+1, attempts[i]["outcome"], at, want, ladder[i])
		}
	}
	if d := h.records("deliveries", ""); d[0]["status"] != "delivered" {
		t.Errorf("delivery = %v", d[0])
	}
	hook := h.do(req{method: "GET", path: fmt.Sprintf("%s/%d", hooks, hookID), token: tokenA}).json(t)
	if field(t, hook, "data", "is_active") != true {
		t.Error("hook deactivated although the receiver recovered")
	}
	checkPayload(t, rc.calls()[2].body)
}

func TestMatchingThroughTheServer(t *testing.T) {
	h := newHarness(t)
	rc := newReceiver(t)
	subs := []string{
		"store/order/*",                                   // 1
		"store/order/created",                             // 2
		"store/cart/*",                                    // 3
		"store/channel/1/order/*",                         // 4
		"store/channel/2/order/created",                   // 5
		"store/channel/*",                                 // 6
		"store/channel/*/inventory/product/stock_changed", // 7
	}
	for i, sc := range subs {
		h.create(tokenA, "abc123", sc, fmt.Sprintf("%s/%d", rc.URL, i+1))
	}
	h.create(tokenA, "otherstore", "store/order/*", rc.URL) // another store: never matched
	inactive := h.create(tokenB, "abc123", "store/order/created", rc.URL)
	expect(t, h.do(req{method: "PUT", path: fmt.Sprintf("%s/%d", hooks, inactive), token: tokenB, body: `{"is_active":false}`}), 200)

	tests := []struct {
		event string
		want  string
	}{
		{"store/order/created", "[1 2]"},
		{"store/order/statusUpdated", "[1]"},
		{"store/cart/lineItem/deleted", "[3]"},
		{"store/channel/1/order/created", "[4]"},
		{"store/channel/2/order/created", "[5]"},
		{"store/channel/2/order/updated", "[]"},
		{"store/channel/created", "[6]"},
		{"store/channel/*/inventory/product/stock_changed", "[7]"},
		{"store/product/created", "[]"},
	}
	for _, tt := range tests {
		t.Run(tt.event, func(t *testing.T) {
			got := h.raise("abc123", tt.event, "")
			if ids := fmt.Sprint(got["hook_ids"]); ids != tt.want {
				t.Errorf("%s matched %s, want %s", tt.event, ids, tt.want)
			}
			if !strings.Contains(string(mustJSON(t, got["payload"])), `"scope":"`+tt.event+`"`) {
				t.Errorf("payload scope is not the concrete event: %v", got["payload"])
			}
		})
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestRaiseErrors(t *testing.T) {
	tests := []struct{ body, field, substr string }{
		{`{"scope":"store/order/create"}`, "scope", `did you mean "store/order/created"`},
		{`{"scope":"store/order/*"}`, "scope", "wildcard"},
		{`{"scope":"store/channel/{channel_id}/order/created"}`, "scope", `"store/channel/1/order/created"`},
		{`{"scope":"store/order/created","data":{"status":{"new_status_id":1}}}`, "", ""},
		{`{"scope":"store/order/statusUpdated","data":{"status":7}}`, "data", "bad override"},
		{`{"data":{}}`, "scope", "is required"},
		{`{"scope":"store/order/created","data":"x"}`, "data", ""},
	}
	for _, tt := range tests {
		t.Run(tt.body, func(t *testing.T) {
			h := newHarness(t)
			res := h.do(req{method: "POST", path: "/__bcmock/stores/abc/events", body: tt.body})
			if tt.field == "" {
				expect(t, res, http.StatusCreated)
				return
			}
			expect(t, res, http.StatusUnprocessableEntity)
			errs, _ := field(t, res.json(t), "errors").(map[string]any)
			msg, _ := errs[tt.field].(string)
			if !strings.Contains(msg, tt.substr) {
				t.Errorf("errors.%s = %q, want it to contain %q (%s)", tt.field, msg, tt.substr, res.body)
			}
		})
	}
}

func TestSignedCallbacksVerifyWithTheStandardWebhooksLibrary(t *testing.T) {
	// A real clock, so the library's 5-minute timestamp check applies too.
	acct := account.Account{Token: "erp", ClientID: "erp-sync", ClientSecret: "a-client-secret-of-the-api-account"}
	srv, err := mock.New(mock.WithAccounts(acct))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	h := &harness{t: t, srv: srv, validator: specValidator(t)}
	h.http = newServer(t, srv)
	rc := newReceiver(t)
	h.do(req{method: "POST", path: hooks, token: "erp", body: `{"scope":"store/product/updated","destination":"` + rc.URL + `/p","headers":{"Authorization":"Basic dXNlcjpwYXNz","X-Tenant":"acme"}}`})
	raised := h.raise("abc123", "store/product/updated", "")

	calls := waitForCalls(t, rc, 1)
	wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(acct.ClientSecret)))
	if err != nil {
		t.Fatal(err)
	}
	c := calls[0]
	if err := wh.Verify(c.body, c.header); err != nil {
		t.Fatalf("signature does not verify: %v", err)
	}
	wrong, _ := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte("another secret")))
	if err := wrong.Verify(c.body, c.header); err == nil {
		t.Error("a wrong secret verified the signature")
	}
	for k, v := range map[string]string{"Authorization": "Basic dXNlcjpwYXNz", "X-Tenant": "acme", "Content-Type": "application/json"} {
		if got := c.header.Get(k); got != v {
			t.Errorf("header %s = %q, want %q", k, got, v)
		}
	}
	if p := checkPayload(t, c.body); p["hash"] != raised["hash"] || p["producer"] != "stores/abc123" {
		t.Errorf("payload = %v", p)
	}
}

func TestClockEndpoints(t *testing.T) {
	h := newHarness(t)
	c := h.do(req{method: "GET", path: "/__bcmock/clock"}).json(t)
	if c["mode"] != "fake" || c["unix"] != float64(start.Unix()) {
		t.Errorf("clock = %v", c)
	}
	h.advance(3600)
	if c := h.do(req{method: "GET", path: "/__bcmock/clock"}).json(t); c["unix"] != float64(start.Unix()+3600) {
		t.Errorf("after advance: %v", c)
	}
	expect(t, h.do(req{method: "POST", path: "/__bcmock/clock/advance", body: `{"seconds":-1}`}), http.StatusUnprocessableEntity)

	real, err := mock.New()
	if err != nil {
		t.Fatal(err)
	}
	defer real.Close()
	rh := &harness{t: t, srv: real, validator: specValidator(t), http: newServer(t, real)}
	res := rh.do(req{method: "POST", path: "/__bcmock/clock/advance", body: `{"seconds":60}`})
	expect(t, res, http.StatusConflict)
	if !strings.Contains(string(res.body), "--clock fake") {
		t.Errorf("409 does not say how to get a fake clock: %s", res.body)
	}
}

func TestBlockedDomainShowsInHooksAdminAndIsReleased(t *testing.T) {
	h := newHarness(t)
	statuses := make([]int, 101) // 100 failures, then the receiver recovers
	for i := range 100 {
		statuses[i] = 500
	}
	statuses[100] = 200
	rc := newReceiver(t, statuses...)
	h.create(tokenA, "abc123", "store/product/updated", rc.URL+"/p")
	h.create(tokenA, "abc123", "store/hook/deliveryException", newReceiver(t).URL+"/e")
	for range 100 {
		h.raise("abc123", "store/product/updated", "")
	}
	h.advance(0)
	admin := h.do(req{method: "GET", path: hooks + "/admin", token: tokenA}).json(t)
	blocked := field(t, admin, "data", "blocked_domains").([]any)
	if len(blocked) != 1 || field(t, blocked[0], "time_left") != 180.0 || !strings.HasPrefix(field(t, blocked[0], "destination").(string), "http://127.0.0.1") {
		t.Fatalf("blocked_domains = %v", blocked)
	}
	if n := h.records("notifications", "?kind=domain_blocked"); len(n) != 1 {
		t.Errorf("domain_blocked notifications = %v", n)
	}
	// Retries due meanwhile (at +1m) go on along the ladder: the next rung,
	// 180 s later, is after the block, so they go out at +4m, not at its end.
	h.advance(181)
	admin = h.do(req{method: "GET", path: hooks + "/admin", token: tokenA}).json(t)
	if blocked := field(t, admin, "data", "blocked_domains").([]any); len(blocked) != 0 {
		t.Errorf("still blocked after 3 minutes: %v", blocked)
	}
	if got := len(rc.calls()); got != 100 {
		t.Errorf("receiver got %d calls at the block's end, want the 100 failures only", got)
	}
	h.advance(60)
	if got := len(rc.calls()); got != 200 {
		t.Errorf("receiver got %d calls, want 100 failures then 100 held retries", got)
	}
	if d := h.records("deliveries", "?outcome=delivered&hook=1"); len(d) != 100 {
		t.Errorf("%d deliveries delivered after the block, want 100", len(d))
	}
}

func TestResetForgetsDeliveries(t *testing.T) {
	h := newHarness(t)
	rc := newReceiver(t, 500)
	h.create(tokenA, "abc123", "store/order/created", rc.URL)
	h.raise("abc123", "store/order/created", "")
	h.advance(0)
	expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/abc123/reset"}), http.StatusOK)
	if d := h.records("deliveries", "?store=abc123"); len(d) != 0 {
		t.Errorf("deliveries after reset: %v", d)
	}
	if next := h.do(req{method: "GET", path: "/__bcmock/clock"}).json(t)["next_due"]; next != nil {
		t.Errorf("a retry is still due after reset: %v", next)
	}
}

func TestShutdownKeepsEveryEventAccountedFor(t *testing.T) {
	h := newHarness(t)
	rc := newReceiver(t, 500)
	h.create(tokenA, "abc123", "store/order/created", rc.URL)
	h.raise("abc123", "store/order/created", "")
	h.advance(0)
	if err := h.srv.Shutdown(t.Context()); err != nil {
		t.Fatal(err)
	}
	res := h.do(req{method: "POST", path: "/__bcmock/stores/abc123/events", body: `{"scope":"store/order/created"}`})
	expect(t, res, http.StatusServiceUnavailable)
	d := h.records("deliveries", "")
	if len(d) != 1 || d[0]["status"] != "pending" || d[0]["attempts"] != 1.0 {
		t.Errorf("after shutdown the delivery must stay pending with its attempt: %v", d)
	}
}

func TestSameSeedSameEvents(t *testing.T) {
	payloads := func(seed int64) string {
		h := newHarness(t, mock.WithSeed(seed))
		var out []string
		for _, sc := range []string{"store/order/statusUpdated", "store/cart/created", "store/channel/3/order/created"} {
			out = append(out, string(mustJSON(t, h.raise("abc123", sc, "")["payload"])))
		}
		return strings.Join(out, "\n")
	}
	if a, b := payloads(42), payloads(42); a != b {
		t.Errorf("seed 42 gave different events:\n%s\n%s", a, b)
	}
	if a, b := payloads(42), payloads(43); a == b {
		t.Errorf("seeds 42 and 43 gave the same events:\n%s", a)
	}
}

func TestResendDeliversTheSameEnvelopeAgain(t *testing.T) {
	h := newHarness(t)
	rc := newReceiver(t)
	h.create(tokenA, "abc123", "store/order/created", rc.URL)
	first := h.raise("abc123", "store/order/created", "")
	h.clock.Advance(time.Hour) // a duplicate keeps its original created_at and hash
	res := h.do(req{method: "POST", path: fmt.Sprintf("/__bcmock/events/%v/resend", first["event_id"])})
	expect(t, res, http.StatusCreated)
	again := res.json(t)
	if again["hash"] != first["hash"] || again["event_id"] == first["event_id"] || fmt.Sprint(again["hook_ids"]) != "[1]" {
		t.Errorf("resend = %v, want a new event with hash %v", again, first["hash"])
	}
	h.advance(0)
	calls := rc.calls()
	if len(calls) != 2 || string(calls[0].body) != string(calls[1].body) {
		t.Fatalf("receiver got %d calls; a duplicate must carry the same body", len(calls))
	}
	if calls[0].header.Get("webhook-id") == calls[1].header.Get("webhook-id") {
		t.Error("a duplicate is a new delivery with its own webhook-id")
	}
	expect(t, h.do(req{method: "POST", path: "/__bcmock/events/999/resend"}), http.StatusNotFound)
}
