package testkit

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/scenarios/runner"
)

// Requests lists the requests apps made to the stores' v2 and v3 APIs
// that q selects, oldest first: every request to a path under
// /stores/{store_hash}/, with its operationId, status and account. The
// requests of a scenario's runner (WithScenarioFile) are left out.
func (s *Server) Requests(ctx context.Context, q adminapi.RequestQuery) ([]adminapi.APIRequest, error) {
	all, err := s.admin.Requests(ctx, q)
	if err != nil {
		return nil, err
	}
	return slices.DeleteFunc(all, func(r adminapi.APIRequest) bool { return r.UserAgent == runner.UserAgent }), nil
}

// ExpectRequests checks that the app made exactly count of the requests q
// selects (Requests), failing the test with those it made otherwise, and
// returns them: "the duplicate was acknowledged, and the app read the
// order once" is ExpectRequests(t, adminapi.RequestQuery{Store: store,
// Method: "GET", Path: "/v2/orders/100"}, 1). A request is recorded once
// it is answered: an app that reads after acknowledging a callback may
// not have read yet when the delivery is done, so wait for it first.
func (s *Server) ExpectRequests(tb testing.TB, q adminapi.RequestQuery, count int) []adminapi.APIRequest {
	tb.Helper()
	got, err := s.Requests(tb.Context(), q)
	if err != nil {
		tb.Fatalf("testkit: expect requests: %v", err)
	}
	if len(got) != count {
		subject := scenarios.RequestExpectation{Store: q.Store, Method: q.Method, Path: q.Path, Operation: q.Operation, Status: q.Status}.String()
		if q.ClientID != "" {
			subject += " by " + q.ClientID
		}
		tb.Errorf("testkit: %s: expected %d, got %d%s", subject, count, len(got), requestLines(got))
	}
	return got
}

// requestLines lists some requests, one a line.
func requestLines(reqs []adminapi.APIRequest) string {
	const shown = 10
	var b strings.Builder
	for i, r := range reqs {
		if i == shown {
			fmt.Fprintf(&b, "\n  … and %d more", len(reqs)-shown)
			break
		}
		op := r.Operation
		if op == "" {
			op = "no operation"
		}
		fmt.Fprintf(&b, "\n  #%d %s %s (%s) → %d at %s", r.ID, r.Method, r.Path, op, r.Status, r.At.UTC().Format(time.RFC3339))
		if r.ClientID != "" {
			b.WriteString(" by " + r.ClientID)
		}
	}
	return b.String()
}
