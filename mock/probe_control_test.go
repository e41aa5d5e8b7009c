package mock_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/probe"
)

func TestProbeThroughTheControlAPI(t *testing.T) {
	h := newHarness(t)
	trusting := httptest.NewServer(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {})) // 200 to everything
	t.Cleanup(trusting.Close)

	res := h.do(req{method: "POST", path: adminapi.ProbePath,
		body: `{"url":"` + trusting.URL + `/hooks","client_secret":"s3cr3t-of-the-account","scopes":["store/order/created"],"count":2,"timeout_ms":10000}`})
	expect(t, res, http.StatusOK) // and the harness checks the report against control.yaml
	if field(t, res.json(t), "checks", 0, "name") != "genuine store/order/created" {
		t.Errorf("report = %s", res.body)
	}

	report, err := adminapi.New(h.http.URL, h.http.Client()).Probe(context.Background(),
		adminapi.ProbeRequest{URL: trusting.URL, ClientSecret: "s3cr3t-of-the-account", Scopes: []string{"order"}, Count: 1})
	if err != nil {
		t.Fatal(err)
	}
	var failed []string
	for _, c := range report.Failures() {
		failed = append(failed, c.Name)
	}
	want := []string{probe.CheckWrongSecret, probe.CheckRawSecret, probe.CheckStaleTimestamp, probe.CheckTamperedBody, probe.CheckMissingSignature, probe.CheckFictionalHeader}
	if report.Passed() || !slices.Equal(failed, want) || report.Count != 1 || report.Seed != probe.DefaultSeed {
		t.Errorf("the client's report: passed=%v, failed %v, count %d, seed %d; want the signature checks failed", report.Passed(), failed, report.Count, report.Seed)
	}
}

func TestProbeRefusesWhatItCannotRun(t *testing.T) {
	h := newHarness(t)
	self := h.http.URL // http://127.0.0.1:port, the host the requests reach the mock at
	port := self[strings.LastIndex(self, ":"):]
	tests := []struct {
		name, body, want string
	}{
		{"the mock itself", `{"url":"` + self + `/hooks","client_secret":"s"}`, "is this mock itself"},
		{"the mock under another loopback name", `{"url":"http://localhost` + port + `/","client_secret":"s"}`, "is this mock itself"},
		{"the control API anywhere", `{"url":"https://elsewhere.example/__bcmock/reset","client_secret":"s"}`, "bcmock's own control API"},
		{"an unknown scope", `{"url":"https://app.example/","client_secret":"s","scopes":["store/order/shiped"]}`, `"scopes":"\"store/order/shiped\" is neither`},
		{"not http", `{"url":"ftp://app.example/","client_secret":"s"}`, "want an http or https URL"},
		{"no secret", `{"url":"https://app.example/"}`, "client_secret"},
		{"too many callbacks", `{"url":"https://app.example/","client_secret":"s","count":1000}`, "count"},
		{"an unknown field", `{"url":"https://app.example/","client_secret":"s","secret":"x"}`, "secret"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := h.do(req{method: "POST", path: adminapi.ProbePath, body: tt.body})
			if res.status != http.StatusUnprocessableEntity && res.status != http.StatusBadRequest || !strings.Contains(string(res.body), tt.want) {
				t.Errorf("%d %s; want a client error saying %s", res.status, res.body, tt.want)
			}
		})
	}
	_, err := adminapi.New(h.http.URL, h.http.Client()).Probe(context.Background(), adminapi.ProbeRequest{URL: self, ClientSecret: "s"})
	var answer *adminapi.Error
	if !errors.As(err, &answer) || answer.Status != http.StatusUnprocessableEntity || !strings.Contains(answer.Errors["url"], "is this mock itself") {
		t.Errorf("Probe of the mock = %v; want a 422 naming url", err)
	}
}
