package scenarios_test

import (
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/scenarios"
)

// faultCases lock the problems of faults, answers and refuse_unverified,
// one per file, as problemCases do.
var faultCases = []struct{ name, src, want string }{
	{"unknown fault", withApp + "steps: [{raise: {scope: store/order/created, faults: [duplicat]}}]\n",
		`t.yaml:5:55: steps[0].raise.faults[0].kind: unknown fault "duplicat"; the faults are "duplicate", "reorder", "delay", "burst" or "forged_signature"; did you mean "duplicate"?`},
	{"unknown fault option", withApp + "steps: [{raise: {scope: store/order/created, faults: [{kind: burst, copys: 3}]}}]\n",
		`t.yaml:5:69: steps[0].raise.faults[0]: unknown key "copys"; did you mean "copies"?`},
	{"option the kind does not take", withApp + "steps: [{raise: {scope: store/order/created, faults: [{kind: burst, after: 1s}]}}]\n",
		`t.yaml:5:76: steps[0].raise.faults[0].after: burst does not take after (it takes: count, copies)`},
	{"delay without after", withApp + "steps: [{raise: {scope: store/order/created, faults: [delay]}}]\n",
		`t.yaml:5:55: steps[0].raise.faults[0].after: delay needs after above 0: how long after the raise the first attempt is due`},
	{"burst of one", withApp + "steps: [{raise: {scope: store/order/created, faults: [{kind: burst, copies: 1}]}}]\n",
		`t.yaml:5:77: steps[0].raise.faults[0].copies: 1 is out of range 2 to 100 (the deliveries sent at once, the original included)`},
	{"forgery misspelt", withApp + "steps: [{raise: {scope: store/order/created, faults: [{kind: forged_signature, signature: mising}]}}]\n",
		`t.yaml:5:91: steps[0].raise.faults[0].signature: "mising" is neither wrong_secret nor missing; did you mean "missing"?`},
	{"count on a raise", withApp + "steps: [{raise: {scope: store/order/created, faults: [{kind: duplicate, count: 2}]}}]\n",
		`t.yaml:5:80: steps[0].raise.faults[0].count: count goes with a hook's faults; a raise's faults apply to all its events; leave count out, or attach the fault to the hook in setup.hooks`},
	{"fault twice", withApp + "steps: [{raise: {scope: store/order/created, faults: [duplicate, duplicate]}}]\n",
		`t.yaml:5:66: steps[0].raise.faults[1].kind: duplicate is given twice (also faults[0]); give it once, with all its options`},
	{"hook fault", "setup:\n  stores: [s1]\n  hooks: [{name: orders, scope: store/order/*, receiver: app, faults: [{kind: reorder, events: 1}]}]\nreceivers: [{name: app}]\n",
		`t.yaml:3:96: setup.hooks[0].faults[0].events: 1 is out of range 2 to 100`},
	{"fault selector", withApp + "steps: [{expect: {deliveries: [{fault: forged}]}}]\n",
		`t.yaml:5:40: steps[0].expect.deliveries[0].fault: unknown fault "forged"; select "duplicate", "reorder", "delay", "burst", "forged_signature", "none" or "genuine"; did you mean "forged_signature"?`},
	{"answer status", withApp + "steps: [{expect: {deliveries: [{answer: 2XX}]}}]\n",
		`t.yaml:5:41: steps[0].expect.deliveries[0].answer.status: "2XX" is not a status (100 to 599) or a class (1xx to 5xx); write "2xx"`},
	{"answer empty", withApp + "steps: [{expect: {deliveries: [{answer: {}}]}}]\n",
		`t.yaml:5:41: steps[0].expect.deliveries[0].answer: answer needs status, within or both; write answer: 2xx, or answer: {status: 2xx, within: 2s}`},
	{"refuse with a 5xx", "setup:\n  stores: [s1]\n  hooks: [{name: orders, scope: store/order/*, receiver: app}]\nreceivers: [{name: app, refuse_unverified: 500}]\n",
		`t.yaml:4:44: receivers[0].refuse_unverified: refuse_unverified must be a 4xx status such as 401, got 500`},
}

func TestFaultProblemMessages(t *testing.T) {
	for _, tt := range faultCases {
		t.Run(tt.name, func(t *testing.T) {
			got := problemLines(t, tt.src)
			if len(got) != 1 || got[0] != tt.want {
				t.Errorf("problems:\n%s\nwant:\n%s", strings.Join(got, "\n"), tt.want)
			}
		})
	}
}

func TestRaiseFaultsGoToTheEvents(t *testing.T) {
	s, err := scenarios.Parse("t.yaml", []byte(withApp+"steps: [{raise: {scope: store/order/created, count: 3, faults: [reorder, {kind: delay, after: 2s}]}}]\n"))
	if err == nil {
		t.Fatal("reorder with delay: want a problem")
	}
	s, err = scenarios.Parse("t.yaml", []byte(withApp+"steps: [{raise: {scope: store/order/created, count: 3, faults: [reorder, forged_signature]}}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	raises := s.Steps[0].Raises()
	var got [][]adminapi.Fault
	for _, r := range raises {
		got = append(got, r.Faults)
	}
	want := [][]adminapi.Fault{
		{{Kind: adminapi.FaultReorder, Events: 3}, {Kind: adminapi.FaultForgedSignature}},
		{{Kind: adminapi.FaultForgedSignature}},
		{{Kind: adminapi.FaultForgedSignature}},
	}
	if len(got) != len(want) {
		t.Fatalf("faults = %+v, want %+v", got, want)
	}
	for i := range want {
		if len(got[i]) != len(want[i]) {
			t.Fatalf("event %d faults = %+v, want %+v", i, got[i], want[i])
		}
		for j := range want[i] {
			if got[i][j] != want[i][j] {
				t.Errorf("event %d fault %d = %+v, want %+v", i, j, got[i][j], want[i][j])
			}
		}
	}
}

func TestAnswerMatches(t *testing.T) {
	for _, tc := range []struct {
		a      scenarios.Answer
		status int
		took   time.Duration
		want   bool
	}{
		{scenarios.Answer{Status: "2xx"}, 204, 0, true},
		{scenarios.Answer{Status: "2xx"}, 301, 0, false},
		{scenarios.Answer{Status: "4xx"}, 0, 0, false},
		{scenarios.Answer{Status: "401"}, 401, 0, true},
		{scenarios.Answer{Status: "401"}, 403, 0, false},
		{scenarios.Answer{Status: "2xx", Within: scenarios.Duration(2 * time.Second)}, 200, 2 * time.Second, true},
		{scenarios.Answer{Status: "2xx", Within: scenarios.Duration(2 * time.Second)}, 200, 2001 * time.Millisecond, false},
		{scenarios.Answer{Within: scenarios.Duration(time.Second)}, 500, time.Millisecond, true},
	} {
		if got := tc.a.Matches(tc.status, tc.took); got != tc.want {
			t.Errorf("%v.Matches(%d, %v) = %t, want %t", tc.a, tc.status, tc.took, got, tc.want)
		}
	}
}
