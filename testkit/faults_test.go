package testkit_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/scenarios"
	"github.com/bcmock/bcmock/testkit"
)

// Delivery faults show how the app's endpoint copes: here a careful
// receiver (it refuses what does not verify) gets a genuine order, a
// BigCommerce-style duplicate of it and a forgery, and the test checks
// what it answered to each.
func ExampleServer_ExpectAnswers() {
	t := newStandIn("TestEndpointRefusesForgeries")
	defer t.end()

	srv := testkit.Start(t, testkit.WithFakeClock(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)))
	store, token := testkit.StoreHash(t), testkit.Token(t)
	rcv := srv.StartReceiver(t, token, testkit.RefuseUnverified(401)) // stands in for the app
	hook := srv.CreateHook(t, store, token, "store/order/*", rcv.URL)

	srv.SetHookFaults(t, store, hook.ID, adminapi.Fault{Kind: adminapi.FaultForgedSignature, Count: 1})
	if _, err := srv.RaiseEvent(t.Context(), store, "store/order/created", nil); err != nil { // forged: the hook's fault
		t.Fatal(err)
	}
	if _, err := srv.RaiseEventWithFaults(t.Context(), store, "store/order/updated", nil, adminapi.Fault{Kind: adminapi.FaultDuplicate}); err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AdvanceClock(t.Context(), 0); err != nil { // let what is due now finish
		t.Fatal(err)
	}
	q := adminapi.Query{Store: store}
	forged := srv.ExpectAnswers(t, q, "forged_signature", testkit.Answer{Status: "401"})
	dup := srv.ExpectAnswers(t, q, "duplicate", testkit.Answer{Status: "2xx"})
	genuine := srv.ExpectAnswers(t, q, testkit.FaultGenuine, testkit.Answer{Status: "2xx", Within: scenarios.Duration(2 * time.Second)})
	fmt.Println(len(forged), "forged refused;", len(dup), "duplicate acknowledged;", len(genuine), "genuine acknowledged")
	// Output: 1 forged refused; 1 duplicate acknowledged; 2 genuine acknowledged
}

func TestExpectAnswersFailsATrustingReceiver(t *testing.T) {
	srv := testkit.Start(t, testkit.WithFakeClock(time.Date(2025, 3, 1, 9, 0, 0, 0, time.UTC)))
	store, token := testkit.StoreHash(t), testkit.Token(t)
	rcv := srv.StartReceiver(t, token) // trusting: answers 200 to anything
	srv.CreateHook(t, store, token, "store/order/created", rcv.URL)
	for _, f := range []adminapi.Fault{{Kind: adminapi.FaultForgedSignature}, {Kind: adminapi.FaultForgedSignature, Signature: adminapi.ForgeMissing}} {
		if _, err := srv.RaiseEventWithFaults(t.Context(), store, "store/order/created", nil, f); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := srv.AdvanceClock(t.Context(), 0); err != nil {
		t.Fatal(err)
	}
	r := &recorder{TB: t}
	srv.ExpectAnswers(r, adminapi.Query{Store: store}, "forged_signature", testkit.Answer{Status: "401"})
	if len(r.errors) != 1 || strings.Count(r.errors[0], "answered 200") != 2 {
		t.Errorf("errors = %q, want one naming both forgeries answered 200", r.errors)
	}
	r.errors = nil
	srv.ExpectAnswers(r, adminapi.Query{Store: store}, "burst", testkit.Answer{Status: "2xx"})
	if len(r.errors) != 1 || !strings.Contains(r.errors[0], "there are none") {
		t.Errorf("errors = %q, want one saying no attempt was selected", r.errors)
	}
	if _, err := srv.RaiseEventWithFaults(t.Context(), store, "store/order/created", nil, adminapi.Fault{Kind: "burts"}); err == nil ||
		!strings.Contains(err.Error(), `did you mean \"burst\"`) && !strings.Contains(err.Error(), `did you mean "burst"`) {
		t.Errorf("RaiseEventWithFaults(burts) = %v, want a did-you-mean", err)
	}
}
