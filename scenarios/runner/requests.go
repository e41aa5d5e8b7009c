package runner

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/internal/text"
)

// maxShownRequests bounds the kinds of request a failure lists.
const maxShownRequests = 5

// requestQuery is the mock's query for a condition on requests.
func requestQuery(x scenarios.RequestExpectation) adminapi.RequestQuery {
	return adminapi.RequestQuery{Store: x.Store, Method: x.Method, Path: x.Path, Operation: x.Operation, Status: x.Status}
}

// request checks a condition on the app's requests to the store's API.
func (sn *snapshot) request(path string, x scenarios.RequestExpectation) (*Failure, error) {
	selected, err := sn.appRequests(requestQuery(x))
	if err != nil {
		return nil, err
	}
	got := len(selected)
	want := "at least 1"
	if x.Count != nil {
		want = strconv.Itoa(*x.Count)
	}
	if (x.Count == nil && got > 0) || (x.Count != nil && got == *x.Count) {
		return nil, nil
	}
	f := &Failure{Path: path, Subject: x.String(), Mismatches: []Mismatch{{Key: "count", Expected: want, Got: strconv.Itoa(got)}}}
	if got > 0 {
		f.Note = "the requests: " + requestKinds(selected, maxShownRequests)
		return f, nil
	}
	// None selected: what the app asked instead, in the same store and
	// with the same method.
	wide := adminapi.RequestQuery{Store: x.Store, Method: x.Method}
	others, err := sn.appRequests(wide)
	if err != nil {
		return nil, err
	}
	switch {
	case len(others) > 0:
		f.Note = scenarios.RequestExpectation{Store: x.Store, Method: x.Method}.String() + " were: " + requestKinds(others, maxShownRequests)
	case x.Store != "" || x.Method != "":
		f.Note = "no " + scenarios.RequestExpectation{Store: x.Store, Method: x.Method}.String() + " at all"
	default:
		f.Note = "no request reached the mock's v2 or v3 API: does the app call the mock's address?"
	}
	return f, nil
}

// appRequests lists the requests q selects but the runner's own.
func (sn *snapshot) appRequests(q adminapi.RequestQuery) ([]adminapi.APIRequest, error) {
	all, err := sn.se.admin.Requests(sn.ctx, q)
	if err != nil {
		return nil, fmt.Errorf("check requests: %w", err)
	}
	return slices.DeleteFunc(all, func(r adminapi.APIRequest) bool { return r.UserAgent == UserAgent }), nil
}

// requestKinds summarises requests by method, path, operation and status,
// in the order first seen, at most shown kinds: "GET /v2/orders/100
// (getOrder) → 200 ×2, …".
func requestKinds(reqs []adminapi.APIRequest, shown int) string {
	counts := map[string]int{}
	var kinds []string
	for _, r := range reqs {
		k := r.Method + " " + r.Path
		if r.Operation != "" {
			k += " (" + r.Operation + ")"
		}
		k += " → " + strconv.Itoa(r.Status)
		if counts[k] == 0 {
			kinds = append(kinds, k)
		}
		counts[k]++
	}
	parts := make([]string, 0, min(len(kinds), shown)+1)
	for i, k := range kinds {
		if i == shown {
			parts = append(parts, "and "+text.Plural(len(kinds)-shown, "other kind"))
			break
		}
		if n := counts[k]; n > 1 {
			k += " ×" + strconv.Itoa(n)
		}
		parts = append(parts, k)
	}
	return strings.Join(parts, ", ")
}
