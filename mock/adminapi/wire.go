package adminapi

import (
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// List is one page of a log listing: {"data": [...], "meta": {"pagination": ...}}.
type List[T any] struct {
	// Data holds the page's records, oldest first; never null.
	Data []T `json:"data"`
	// Meta says where the page lies in the whole list.
	Meta Meta `json:"meta"`
}

// Meta holds a listing's pagination, in BigCommerce's v3 shape.
type Meta struct {
	Pagination bigcommerce.Pagination `json:"pagination"`
}

// Outcome is a delivery status or an attempt result: bigcommerce.Outcome,
// whose constants name them.
type Outcome = bigcommerce.Outcome

// The outcomes, re-exported for the client's users.
const (
	OutcomePending   = bigcommerce.OutcomePending
	OutcomeDelivered = bigcommerce.OutcomeDelivered
	OutcomeFailed    = bigcommerce.OutcomeFailed
	OutcomeCancelled = bigcommerce.OutcomeCancelled
	OutcomeSuccess   = bigcommerce.OutcomeSuccess
	OutcomeFailure   = bigcommerce.OutcomeFailure
)

// NotificationKind names what a Notification is about.
type NotificationKind string

// Notification kinds (Notification.Kind).
const (
	// NotifyHookDeactivated: a hook was deactivated after its last attempt failed.
	NotifyHookDeactivated NotificationKind = "hook_deactivated"
	// NotifyDomainBlocked: a destination domain was blocklisted.
	NotifyDomainBlocked NotificationKind = "domain_blocked"
)

// Event is an event as the mock recorded it (GET /__bcmock/events).
type Event struct {
	// ID identifies the event; ids count up from 1.
	ID int64 `json:"id"`
	// StoreHash is the store the event happened in.
	StoreHash string `json:"store_hash"`
	// Scope is the concrete event name.
	Scope string `json:"scope"`
	// Hash is the envelope's hash.
	Hash string `json:"hash"`
	// CreatedAt is when the event happened.
	CreatedAt time.Time `json:"created_at"`
	// RaisedAt is the mock-clock instant the event was recorded.
	RaisedAt time.Time `json:"raised_at"`
	// Body is the envelope sent on every attempt.
	Body string `json:"body"`
	// HookIDs are the hooks that matched.
	HookIDs []int `json:"hook_ids"`
	// Source is "raised" (a caller raised it) or "engine" (the mock raised
	// it itself: store/hook/deliveryException).
	Source string `json:"source"`
}

// Delivery is one event on its way to one hook (GET /__bcmock/deliveries).
type Delivery struct {
	// ID identifies the delivery.
	ID int64 `json:"id"`
	// EventID is the event being delivered.
	EventID int64 `json:"event_id"`
	// StoreHash, HookID, ClientID and Destination describe the target hook
	// as it was when the event was raised.
	StoreHash   string `json:"store_hash"`
	HookID      int    `json:"hook_id"`
	ClientID    string `json:"client_id"`
	Destination string `json:"destination"`
	// Scope is the event's scope.
	Scope string `json:"scope"`
	// MessageID is the webhook-id header, the same on every attempt.
	MessageID string `json:"message_id"`
	// Status is pending, delivered, failed or cancelled.
	Status Outcome `json:"status"`
	// Attempts counts the attempts made so far.
	Attempts int `json:"attempts"`
	// Postponements counts how often an attempt was held by the blocklist (each hold waits one rung of the retry ladder).
	Postponements int `json:"postponements"`
	// CreatedAt is when the event was raised and the delivery created.
	CreatedAt time.Time `json:"created_at"`
	// NextAttemptAt is when the next attempt is due; nil once finished.
	NextAttemptAt *time.Time `json:"next_attempt_at,omitempty"`
	// CompletedAt is when the delivery was delivered, failed or cancelled.
	CompletedAt *time.Time `json:"completed_at,omitempty"`
	// LastError explains the latest failed, aborted or cancelled attempt.
	LastError string `json:"last_error,omitempty"`
	// Warning notes what production BigCommerce would refuse, e.g. a
	// destination that is not https on port 443.
	Warning string `json:"warning,omitempty"`
	// Fault names the delivery faults that shaped the delivery, joined by
	// "+" in FaultKinds order, e.g. "duplicate" or "delay+forged_signature";
	// "" for a plain delivery.
	Fault string `json:"fault,omitempty"`
	// HeldBehind is the delivery whose first attempt this one waits for (a
	// duplicate or reorder fault); NextAttemptAt is nil meanwhile.
	HeldBehind int64 `json:"held_behind,omitempty"`
}

// Request is the HTTP request of one attempt.
type Request struct {
	// Method is always POST.
	Method string `json:"method"`
	// URL is the hook's destination.
	URL string `json:"url"`
	// Headers are the headers sent, canonical names, custom ones included.
	Headers map[string]string `json:"headers"`
	// Body is the envelope sent.
	Body string `json:"body"`
}

// Attempt is one HTTP attempt of a delivery (GET /__bcmock/attempts).
type Attempt struct {
	// ID identifies the attempt.
	ID int64 `json:"id"`
	// DeliveryID, EventID, StoreHash, HookID and Scope say what was attempted.
	DeliveryID int64  `json:"delivery_id"`
	EventID    int64  `json:"event_id"`
	StoreHash  string `json:"store_hash"`
	HookID     int    `json:"hook_id"`
	Scope      string `json:"scope"`
	// Number is 1 for the first attempt of a delivery.
	Number int `json:"attempt"`
	// At is the mock-clock instant of the attempt (its webhook-timestamp).
	At time.Time `json:"at"`
	// Request is what was sent.
	Request Request `json:"request"`
	// ResponseStatus is 0 when no response arrived.
	ResponseStatus int `json:"response_status"`
	// ResponseHeaders are the receiver's headers (the first value of
	// each), at most 1 KiB of names and values; absent when no response came.
	ResponseHeaders map[string]string `json:"response_headers,omitempty"`
	// ResponseBody holds at most the first 1 KiB of the receiver's body.
	ResponseBody string `json:"response_body"`
	// DurationMS is the real time the attempt took, in milliseconds.
	DurationMS float64 `json:"duration_ms"`
	// Error explains a failure; empty on success.
	Error string `json:"error,omitempty"`
	// Outcome is success or failure.
	Outcome Outcome `json:"outcome"`
	// NextAttemptAt is when the following attempt is due, if there is one.
	NextAttemptAt *time.Time `json:"next_attempt_at,omitempty"`
	// Fault names the faults the attempt's delivery carried (Delivery.Fault).
	Fault string `json:"fault,omitempty"`
	// Truncated reports that something the receiver sent (the body, its
	// headers, or the error quoting its status line, Location or transport
	// error) was cut at 1 KiB.
	Truncated bool `json:"truncated,omitempty"`
}

// Notification is what BigCommerce would have emailed (GET /__bcmock/notifications).
type Notification struct {
	// ID identifies the notification.
	ID int64 `json:"id"`
	// Kind is hook_deactivated or domain_blocked.
	Kind NotificationKind `json:"kind"`
	// StoreHash and ClientID name the account notified.
	StoreHash string `json:"store_hash"`
	ClientID  string `json:"client_id"`
	// HookID is the deactivated hook, or the hook whose attempt met the block.
	HookID int `json:"hook_id"`
	// Destination is the hook's URL, or the blocked scheme://host[:port].
	Destination string `json:"destination"`
	// Emails are the account's notification addresses; never nil.
	Emails []string `json:"emails"`
	// At is the mock-clock instant of the notification.
	At time.Time `json:"at"`
	// Until is when a domain block ends (domain_blocked only).
	Until *time.Time `json:"until,omitempty"`
	// Message explains the notification in words.
	Message string `json:"message"`
}
