package webhook

import (
	"errors"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Target is a hook as the engine sees it: where to send, for whom, and with
// which extra headers.
type Target struct {
	// StoreHash is the store the hook belongs to.
	StoreHash string
	// HookID is the hook's BigCommerce id.
	HookID int
	// ClientID is the API account that owns the hook; it selects the signing
	// secret, the exception hook and the blocklist bucket.
	ClientID string
	// Scope is the hook's subscription scope (possibly a wildcard).
	Scope string
	// Destination is the URL the engine POSTs to.
	Destination string
	// Headers are the hook's custom headers. Nil means none. Headers named
	// Content-Type, User-Agent or webhook-* are ignored: the engine's own
	// values win.
	Headers map[string]string
	// CreatedAt is when the hook was created; with WithActivationDelay a hook
	// younger than the delay is not matched yet. The zero time means "long ago".
	CreatedAt time.Time
}

// Directory is what the engine asks of the rest of the mock. The mock server
// adapts its store to it. Implementations must be safe for concurrent use;
// the engine never calls them while holding its own lock, so they may call
// back into the engine.
type Directory interface {
	// Targets returns the active hooks of the store whose scope matches the
	// event scope. The directory does the matching.
	Targets(storeHash, eventScope string) []Target
	// ExceptionTarget returns the account's active store/hook/deliveryException
	// hook in the store, if it has one.
	ExceptionTarget(storeHash, clientID string) (Target, bool)
	// Active reports whether the hook still exists and is active. The engine
	// asks before every attempt; a false answer ends the delivery as cancelled.
	Active(storeHash string, hookID int) bool
	// Deactivate marks the hook inactive after its last attempt failed. It
	// reports whether this call switched an active hook off; false (already
	// off, or gone) means another delivery got there first, and the engine
	// sends no second 90002 or e-mail.
	Deactivate(storeHash string, hookID int) bool
	// Secret returns the account's client secret, used to sign attempts. When
	// it reports false the attempt is sent without a webhook-signature.
	Secret(clientID string) (string, bool)
	// Emails returns who BigCommerce would email about the account's hooks in
	// the store (the app's address and the /hooks/admin emails).
	Emails(storeHash, clientID string) []string
}

// EnvelopeFunc builds the JSON body and its hash for an event the engine
// raises itself (store/hook/deliveryException). data is an ExceptionData.
type EnvelopeFunc func(storeHash, scope string, data any, at time.Time) (body []byte, hash string, err error)

// Event is something that happened in a store and must be delivered to the
// hooks that match it.
type Event struct {
	// StoreHash is the store the event happened in. Required.
	StoreHash string
	// Scope is the concrete event name, e.g. "store/order/created". Required.
	Scope string
	// Body is the envelope to POST, sent byte for byte on every attempt. The
	// engine keeps its own copy.
	Body []byte
	// Hash is the envelope's hash field, kept for the event record.
	Hash string
	// CreatedAt is when the event happened. The zero time means the engine
	// clock's now.
	CreatedAt time.Time
	// Faults shape this event's deliveries (faults.go) instead of the
	// faults attached to their hooks. Check them with CheckFaults.
	Faults []Fault
	copyOf string // the fault kind that made this event a copy of another
}

// Raised tells what Raise did with an event.
type Raised struct {
	// EventID identifies the recorded event.
	EventID int64 `json:"event_id"`
	// HookIDs are the hooks that matched, one delivery each, in the order the
	// directory returned them.
	HookIDs []int `json:"hook_ids"`
	// DeliveryIDs are the deliveries created, parallel to HookIDs.
	DeliveryIDs []int64 `json:"delivery_ids"`
}

// Source says who raised an event.
type Source string

// Event sources.
const (
	// SourceCaller: the event came in through Raise.
	SourceCaller Source = "raised"
	// SourceEngine: the engine raised it (store/hook/deliveryException).
	SourceEngine Source = "engine"
)

// NotificationKind names what BigCommerce would have emailed about.
type NotificationKind string

// Notification kinds.
const (
	// NotifyHookDeactivated: a hook was deactivated after its last attempt failed.
	NotifyHookDeactivated NotificationKind = "hook_deactivated"
	// NotifyDomainBlocked: a client's destination domain was blocklisted.
	NotifyDomainBlocked NotificationKind = "domain_blocked"
)

// ExceptionData is the data of a store/hook/deliveryException event, handed
// to the EnvelopeFunc.
type ExceptionData struct {
	// Type is always "webhook".
	Type string `json:"type"`
	// ID is the hook the exception is about.
	ID int `json:"id"`
	// ErrorCode is bigcommerce.CodeWillRetry, bigcommerce.CodeDeactivated or
	// bigcommerce.CodeDomainBlocked.
	ErrorCode bigcommerce.ExceptionCode `json:"error_code"`
	// Message explains the failure in words.
	Message string `json:"message"`
}

// EventRecord is an event as the engine recorded it.
type EventRecord struct {
	// ID identifies the event; ids count up from 1 per engine.
	ID int64 `json:"id"`
	// StoreHash is the store the event happened in.
	StoreHash string `json:"store_hash"`
	// Scope is the concrete event name.
	Scope string `json:"scope"`
	// Hash is the envelope's hash, as given to Raise.
	Hash string `json:"hash"`
	// CreatedAt is when the event happened.
	CreatedAt time.Time `json:"created_at"`
	// RaisedAt is the engine-clock instant the event was recorded.
	RaisedAt time.Time `json:"raised_at"`
	// Body is the envelope sent on every attempt.
	Body string `json:"body"`
	// HookIDs are the hooks that matched.
	HookIDs []int `json:"hook_ids"`
	// Source says whether a caller or the engine raised the event.
	Source Source `json:"source"`
}

// DeliveryRecord is one event on its way to one hook.
type DeliveryRecord struct {
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
	Status bigcommerce.Outcome `json:"status"`
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
	// Fault names the faults that shaped the delivery, joined by "+" in
	// FaultKinds order ("" for none).
	Fault string `json:"fault,omitempty"`
	// HeldBehind is the delivery whose first attempt this one waits for
	// (a duplicate or reorder fault); 0 when none.
	HeldBehind int64 `json:"held_behind,omitempty"`
}

// RequestRecord is the HTTP request of one attempt.
type RequestRecord struct {
	// Method is always POST.
	Method string `json:"method"`
	// URL is the hook's destination.
	URL string `json:"url"`
	// Headers are the headers sent, canonical names, custom ones included.
	Headers map[string]string `json:"headers"`
	// Body is the envelope sent.
	Body string `json:"body"`
}

// AttemptRecord is one HTTP attempt of a delivery.
type AttemptRecord struct {
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
	// At is the engine-clock instant of the attempt (its webhook-timestamp).
	At time.Time `json:"at"`
	// Request is what was sent.
	Request RequestRecord `json:"request"`
	// ResponseStatus is 0 when no response arrived.
	ResponseStatus int `json:"response_status"`
	// ResponseHeaders are the receiver's headers (the first value of each),
	// at most 1 KiB of names and values, in name order; nil when no
	// response came.
	ResponseHeaders map[string]string `json:"response_headers,omitempty"`
	// ResponseBody holds at most the first 1 KiB of the receiver's body.
	ResponseBody string `json:"response_body"`
	// DurationMS is the real time the attempt took, in milliseconds.
	DurationMS float64 `json:"duration_ms"`
	// Error explains a failure; empty on success.
	Error string `json:"error,omitempty"`
	// Outcome is success or failure.
	Outcome bigcommerce.Outcome `json:"outcome"`
	// NextAttemptAt is when the following attempt is due, if there is one.
	NextAttemptAt *time.Time `json:"next_attempt_at,omitempty"`
	// Fault names the faults the attempt's delivery carried, as
	// DeliveryRecord.Fault.
	Fault string `json:"fault,omitempty"`
	// Truncated reports that something the receiver supplied was cut to
	// fit: the response body (at 1 KiB), its headers (at 1 KiB) or the
	// error text quoting its status line, Location header or transport
	// error (at 1 KiB).
	Truncated bool `json:"truncated,omitempty"`
}

// Notification is what BigCommerce would have emailed.
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
	// Destination is the hook's URL, or the blocked origin (bigcommerce.Destination.Origin).
	Destination string `json:"destination"`
	// Emails are the addresses the directory gave; never nil.
	Emails []string `json:"emails"`
	// At is the engine-clock instant of the notification.
	At time.Time `json:"at"`
	// Until is when a domain block ends (domain_blocked only).
	Until *time.Time `json:"until,omitempty"`
	// Message explains the notification in words.
	Message string `json:"message"`
}

// Blocked is one blocklisted destination domain of a client, shaped like
// /hooks/admin's blocked_domains items.
type Blocked struct {
	// Destination is the blocked domain's origin: scheme://host[:port], the
	// default port left out (bigcommerce.Destination.Origin).
	Destination string `json:"destination"`
	// TimeLeft is how many seconds the block still lasts, rounded up.
	TimeLeft int64 `json:"time_left"`
	// Reasons summarise the failures in the window that caused the block.
	Reasons []BlockReason `json:"reasons"`
}

// BlockReason counts one kind of failure that led to a block.
type BlockReason struct {
	// FailureDescription is a short class such as "HTTP 500", "timeout",
	// "connection refused", "TLS failure" or "network error".
	FailureDescription string `json:"failure_description"`
	// Count is how many such failures the window held.
	Count int `json:"count"`
	// Timestamp is the unix second of the latest such failure.
	Timestamp int64 `json:"timestamp"`
}

// Filter selects records in the queries. Zero fields match everything; a
// field that does not apply to a record type is ignored.
type Filter struct {
	// StoreHash selects one store.
	StoreHash string
	// HookID selects one hook (events: those that matched it).
	HookID int
	// Scope selects one event scope, exactly.
	Scope string
	// Outcome selects a delivery status or an attempt outcome.
	Outcome bigcommerce.Outcome
	// EventID selects one event.
	EventID int64
	// DeliveryID selects one delivery.
	DeliveryID int64
	// Kind selects one notification kind.
	Kind NotificationKind
}

// Stats counts what the engine holds for one store, or for all stores.
type Stats struct {
	// Events, Deliveries, Attempts and Notifications count the records held.
	Events        int `json:"events"`
	Deliveries    int `json:"deliveries"`
	Attempts      int `json:"attempts"`
	Notifications int `json:"notifications"`
	// Pending counts deliveries not finished yet.
	Pending int `json:"pending"`
	// EventsDropped, DeliveriesDropped, AttemptsDropped and
	// NotificationsDropped count the records the log caps dropped, per
	// store or in all stores together (WithEventLogCap and the others).
	EventsDropped        int64 `json:"events_dropped"`
	DeliveriesDropped    int64 `json:"deliveries_dropped"`
	AttemptsDropped      int64 `json:"attempts_dropped"`
	NotificationsDropped int64 `json:"notifications_dropped"`
	// PendingKept counts the times a delivery cap was reached with only
	// pending deliveries left to drop: they are still due, so they were all
	// kept, over the cap.
	PendingKept int64 `json:"pending_kept"`
}

// Errors returned by the engine.
var (
	// ErrShuttingDown: Shutdown was called; the engine takes no new work.
	ErrShuttingDown = errors.New("webhook engine is shutting down")
	// ErrInvalidEvent: the event lacks a store hash or a scope.
	ErrInvalidEvent = errors.New("invalid event")
	// ErrClockNotSettable: AdvanceTo needs a clock with Set (a fake clock).
	ErrClockNotSettable = errors.New("clock is not settable")
)
