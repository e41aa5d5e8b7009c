package bigcommerce

import (
	"fmt"
	"strconv"
	"time"
)

// Outcome is the state of a delivery (one event to one hook) or the result
// of one attempt, as the mock records them.
type Outcome string

// Delivery states and attempt results.
const (
	// OutcomePending: the delivery has an attempt due now or later.
	OutcomePending Outcome = "pending"
	// OutcomeDelivered: an attempt got a 2xx.
	OutcomeDelivered Outcome = "delivered"
	// OutcomeFailed: every attempt of the schedule failed; the hook was
	// deactivated.
	OutcomeFailed Outcome = "failed"
	// OutcomeCancelled: the hook was gone or inactive when an attempt was due.
	OutcomeCancelled Outcome = "cancelled"
	// OutcomeSuccess: the attempt got a 2xx within the timeout.
	OutcomeSuccess Outcome = "success"
	// OutcomeFailure: the attempt got anything else.
	OutcomeFailure Outcome = "failure"
)

// DeliveryStates are the states a delivery can be in, in the order a
// message lists them.
var DeliveryStates = []Outcome{OutcomeDelivered, OutcomeFailed, OutcomePending, OutcomeCancelled}

// AttemptResults are the results an attempt can have.
var AttemptResults = []Outcome{OutcomeSuccess, OutcomeFailure}

// ExceptionCode is the error_code of a store/hook/deliveryException event.
type ExceptionCode int

// The deliveryException error codes BigCommerce documents.
const (
	// CodeWillRetry: "not delivered, will retry". At most one per
	// destination per RetryNoticeEvery.
	CodeWillRetry ExceptionCode = 90001
	// CodeDeactivated: "all attempts used up; the hook is being disabled".
	CodeDeactivated ExceptionCode = 90002
	// CodeDomainBlocked: "the destination domain is temporarily blocked".
	CodeDomainBlocked ExceptionCode = 90003
)

// ExceptionCodes are the documented codes, in order.
var ExceptionCodes = []ExceptionCode{CodeWillRetry, CodeDeactivated, CodeDomainBlocked}

// RetryNoticeEvery is BigCommerce's limit on 90001 exceptions: at most one
// per destination in this long.
const RetryNoticeEvery = 10 * time.Minute

// String names the code with its meaning in short, e.g. "90001 (will
// retry)"; the constants' comments give BigCommerce's wording.
func (c ExceptionCode) String() string {
	n := strconv.Itoa(int(c))
	switch c {
	case CodeWillRetry:
		return n + " (will retry)"
	case CodeDeactivated:
		return n + " (deactivated)"
	case CodeDomainBlocked:
		return n + " (domain blocked)"
	}
	return n + " (not a documented code)"
}

// WillRetryMessage is the message of a 90001: the attempt to dest failed
// for reason and is retried at next.
func WillRetryMessage(dest, reason string, next time.Time) string {
	return fmt.Sprintf("Webhook delivery to %s failed (%s); it will be retried at %s.",
		dest, reason, next.UTC().Format(time.RFC3339))
}

// DeactivatedMessage is the message of a 90002, and of the email that goes
// with it: all attempts to dest failed and hook hookID is off.
func DeactivatedMessage(attempts int, dest string, hookID int) string {
	return fmt.Sprintf("All %d attempts to deliver to %s failed; webhook %d has been deactivated.",
		attempts, dest, hookID)
}

// DomainBlockedMessage is the message of a 90003, and of the email that
// goes with it: deliveries to origin wait until until.
func DomainBlockedMessage(origin string, until time.Time) string {
	return fmt.Sprintf("Deliveries to %s are blocked until %s: too few recent attempts succeeded.",
		origin, until.UTC().Format(time.RFC3339))
}
