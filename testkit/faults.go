package testkit

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/scenarios"
)

// Answer is what a receiver must answer to each attempt: a status ("401")
// or class ("2xx"), within a duration (the wall time of the HTTP
// exchange as the mock measured it, under a fake clock too). It is the
// scenario format's answer condition.
type Answer = scenarios.Answer

// Fault selectors of ExpectAnswers besides the kinds (adminapi.FaultKind).
const (
	// FaultNone selects attempts no fault shaped.
	FaultNone = scenarios.FaultNone
	// FaultGenuine selects every attempt but a forged_signature's.
	FaultGenuine = scenarios.FaultGenuine
)

// RaiseEventWithFaults raises an event as RaiseEvent does, its
// deliveries shaped by faults instead of the faults of their hooks (see
// adminapi.FaultKind). A fault the mock refuses is an *adminapi.Error
// naming it (faults[0].kind) and the nearest kind.
func (s *Server) RaiseEventWithFaults(ctx context.Context, storeHash, scope string, data any, faults ...adminapi.Fault) (adminapi.Raised, error) {
	return s.admin.RaiseEventWithFaults(ctx, storeHash, scope, data, faults)
}

// SetHookFaults attaches faults to the hook's next deliveries, replacing
// any it had (none clears them), and fails the test if the mock refuses
// them. Each fault applies Count times (reorder: Count groups), or until
// cleared when Count is 0.
func (s *Server) SetHookFaults(tb testing.TB, storeHash string, hookID int, faults ...adminapi.Fault) {
	tb.Helper()
	if _, err := s.admin.SetHookFaults(tb.Context(), storeHash, hookID, faults); err != nil {
		tb.Fatalf("testkit: %v", err)
	}
}

// ExpectAnswers checks that the receiver answered want to every attempt q
// selects whose fault passes the selector fault (a kind such as
// "forged_signature", FaultNone, FaultGenuine, or "" for all), and that
// there is at least one such attempt; it fails the test listing those
// that did not, and returns the attempts it checked. Let the attempts
// happen first (AdvanceClock, WaitForDelivery).
func (s *Server) ExpectAnswers(tb testing.TB, q adminapi.Query, fault string, want Answer) []adminapi.Attempt {
	tb.Helper()
	attempts, err := s.admin.Attempts(tb.Context(), q)
	if err != nil {
		tb.Fatalf("testkit: expect answers: %v", err)
	}
	checked, bad := answersOf(attempts, fault, want)
	switch {
	case len(checked) == 0:
		tb.Errorf("testkit: expected attempts with fault %q answered %s, but there are none (of %d attempts)", fault, want, len(attempts))
	case len(bad) > 0:
		tb.Errorf("testkit: expected every attempt with fault %q answered %s, but:\n  %s", fault, want, strings.Join(bad, "\n  "))
	}
	return checked
}

// answersOf returns the attempts the selector picks and a line for each
// that did not answer want.
func answersOf(attempts []adminapi.Attempt, fault string, want Answer) ([]adminapi.Attempt, []string) {
	var checked []adminapi.Attempt
	var bad []string
	for _, a := range attempts {
		if !scenarios.SelectsFault(fault, a.Fault) {
			continue
		}
		checked = append(checked, a)
		took := time.Duration(a.DurationMS * float64(time.Millisecond))
		if !want.Matches(a.ResponseStatus, took) {
			label := a.Fault
			if label == "" {
				label = "no fault"
			}
			bad = append(bad, fmt.Sprintf("attempt %d (delivery %d, %s, %s): answered %d after %v", a.ID, a.DeliveryID, a.Scope, label, a.ResponseStatus, took.Round(time.Microsecond)))
		}
	}
	return checked, bad
}
