package mock_test

import (
	"encoding/base64"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/adminapi"
	engine "github.com/bcmock/bcmock/mock/internal/webhook"
)

// app is the account of the fault tests.
var app = account.Account{Token: tokenA, ClientID: "app", ClientSecret: "the-app-client-secret"}

// verifying is a careful receiver: 401 unless the Standard Webhooks
// signature verifies with secret, 200 otherwise.
func verifying(t *testing.T, secret string) *httptest.Server {
	t.Helper()
	wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(secret)))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if err := wh.VerifyIgnoringTimestamp(body, r.Header); err != nil {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestRaiseWithEachFaultThroughTheControlAPI(t *testing.T) {
	for _, tc := range []struct {
		faults     string
		advance    int64
		wantFaults []string // each delivery's fault, in id order
		wantStatus []int    // each attempt's response status, by delivery
	}{
		{`[{"kind":"duplicate"}]`, 0, []string{"", "duplicate"}, []int{200, 200}},
		{`[{"kind":"burst","copies":3}]`, 0, []string{"burst", "burst", "burst"}, []int{200, 200, 200}},
		{`[{"kind":"delay","after_seconds":30}]`, 30, []string{"delay"}, []int{200}},
		{`[{"kind":"forged_signature"}]`, 0, []string{"forged_signature"}, []int{401}},
		{`[{"kind":"forged_signature","signature":"missing"}]`, 0, []string{"forged_signature"}, []int{401}},
		{`[{"kind":"reorder","events":2,"hold_seconds":10}]`, 10, []string{"reorder"}, []int{200}},
	} {
		t.Run(tc.faults, func(t *testing.T) {
			h := newHarness(t, mock.WithAccounts(app))
			rc := verifying(t, app.ClientSecret)
			h.create(tokenA, "abc123", "store/order/created", rc.URL)
			res := h.do(req{method: "POST", path: "/__bcmock/stores/abc123/events", body: `{"scope":"store/order/created","faults":` + tc.faults + `}`})
			expect(t, res, http.StatusCreated)
			h.advance(tc.advance)
			var faults []string
			for _, d := range h.records("deliveries", "") {
				f, _ := d["fault"].(string)
				faults = append(faults, f)
			}
			if !slices.Equal(faults, tc.wantFaults) {
				t.Errorf("delivery faults = %q, want %q", faults, tc.wantFaults)
			}
			var statuses []int
			for _, a := range h.records("attempts", "") {
				statuses = append(statuses, int(a["response_status"].(float64)))
				if f, _ := a["fault"].(string); f != tc.wantFaults[len(statuses)-1] && !strings.Contains(tc.faults, "burst") {
					t.Errorf("attempt %v: fault %q, want its delivery's", a["id"], f)
				}
			}
			slices.Sort(statuses)
			if !slices.Equal(statuses, tc.wantStatus) {
				t.Errorf("statuses = %v, want %v", statuses, tc.wantStatus)
			}
		})
	}
}

func TestHookFaultsControlAPI(t *testing.T) {
	h := newHarness(t, mock.WithAccounts(app))
	rc := verifying(t, app.ClientSecret)
	id := h.create(tokenA, "abc123", "store/order/created", rc.URL)
	path := fmt.Sprintf("/__bcmock/stores/abc123/hooks/%d/faults", id)

	res := h.do(req{method: "PUT", path: path, body: `{"faults":[{"kind":"forged_signature","count":1}]}`})
	expect(t, res, http.StatusOK)
	if got := field(t, res.json(t), "faults", 0, "left"); got != 1.0 {
		t.Errorf("left = %v, want 1", got)
	}
	h.raise("abc123", "store/order/created", "")
	h.raise("abc123", "store/order/created", "")
	h.advance(0)
	attempts := h.records("attempts", "")
	if len(attempts) != 2 {
		t.Fatalf("%d attempts", len(attempts))
	}
	byFault := map[string]float64{}
	for _, a := range attempts {
		f, _ := a["fault"].(string)
		byFault[f] = a["response_status"].(float64)
	}
	if byFault["forged_signature"] != 401 || byFault[""] != 200 {
		t.Errorf("statuses by fault = %v: want the forged one refused and the genuine one acknowledged", byFault)
	}
	if got := field(t, h.do(req{method: "GET", path: path}).json(t), "faults"); len(got.([]any)) != 0 {
		t.Errorf("faults after count 1 = %v, want none", got)
	}

	expect(t, h.do(req{method: "PUT", path: path, body: `{"faults":[{"kind":"delay","after_seconds":5}]}`}), http.StatusOK)
	res = h.do(req{method: "DELETE", path: path})
	expect(t, res, http.StatusOK)
	if got := field(t, res.json(t), "faults"); len(got.([]any)) != 0 {
		t.Errorf("faults after DELETE = %v", got)
	}
}

func TestFaultErrors(t *testing.T) {
	h := newHarness(t)
	id := h.create(tokenA, "abc123", "store/order/created", "https://a.example/x")
	path := fmt.Sprintf("/__bcmock/stores/abc123/hooks/%d/faults", id)
	for _, tc := range []struct {
		path, body string
		status     int
		want       string
	}{
		{path, `{"faults":[{"kind":"duplicat"}]}`, 422, `unknown fault \"duplicat\"`},
		{path, `{"faults":[{"kind":"duplicat"}]}`, 422, `did you mean \"duplicate\"?`},
		{path, `{"faults":[{"kind":"burst","copies":1}]}`, 422, `faults[0].copies`},
		{path, `{"faults":[{"kind":"delay"}]}`, 422, `delay needs after_seconds`},
		{path, `{"faults":[{"kind":"burst","events":3}]}`, 422, `burst does not take events`},
		{path, `{"faults":[{"kind":"forged_signature","signature":"mising"}]}`, 422, `did you mean \"missing\"?`},
		{path, `{"faults":[{"kind":"duplicate","copys":2}]}`, 422, `copys`},
		{"/__bcmock/stores/abc123/hooks/99/faults", `{"faults":[]}`, 404, `no hook 99`},
		{"/__bcmock/stores/abc123/events", `{"scope":"store/order/created","faults":[{"kind":"reorder"},{"kind":"delay","after_seconds":1}]}`, 422, `give one of them`},
		{"/__bcmock/stores/abc123/events", `{"scope":"store/order/created","faults":[{"kind":"duplicate"},{"kind":"duplicate"}]}`, 422, `faults[1].kind`},
	} {
		method := "PUT"
		if strings.HasSuffix(tc.path, "/events") {
			method = "POST"
		}
		res := h.do(req{method: method, path: tc.path, body: tc.body})
		if res.status != tc.status || !strings.Contains(string(res.body), tc.want) {
			t.Errorf("%s %s %s = %d %s, want %d with %s", method, tc.path, tc.body, res.status, res.body, tc.status, tc.want)
		}
	}
}

// The control API's fault kinds are the engine's, in the same order.
func TestFaultKindsAgree(t *testing.T) {
	var api, eng []string
	for _, k := range adminapi.FaultKinds {
		api = append(api, string(k))
	}
	for _, k := range engine.FaultKinds {
		eng = append(eng, string(k))
	}
	if !slices.Equal(api, eng) {
		t.Errorf("adminapi.FaultKinds = %v, webhook.FaultKinds = %v", api, eng)
	}
}
