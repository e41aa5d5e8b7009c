package adminapi

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// InspectorPath is where the mock serves its inspector page, a view of
// the stores, hooks and delivery log for a person in a browser.
const InspectorPath = Prefix + "/ui/"

// Store is one store as GET /__bcmock/stores shows it: its hooks, the
// blocklisted domains of their accounts, and what the delivery log holds.
type Store struct {
	// StoreHash names the store.
	StoreHash string `json:"store_hash"`
	// Hooks are the store's hooks of every account, by id.
	Hooks []StoreHook `json:"hooks"`
	// BlockedDomains are the domains blocked now for the accounts that
	// own the store's hooks.
	BlockedDomains []BlockedDomain `json:"blocked_domains"`
	// Stats counts the store's records in the delivery log.
	Stats Stats `json:"stats"`
}

// StoreHook is a hook as the inspector shows it.
type StoreHook struct {
	ID          int    `json:"id"`
	ClientID    string `json:"client_id"`
	Scope       string `json:"scope"`
	Destination string `json:"destination"`
	IsActive    bool   `json:"is_active"`
	// Status is active, inactive (switched off by its owner) or
	// deactivated (switched off after its last attempt failed).
	Status    string    `json:"status"`
	CreatedAt time.Time `json:"created_at"`
	UpdatedAt time.Time `json:"updated_at"`
	// Warning says why production BigCommerce would refuse the
	// destination; empty when it would not.
	Warning string `json:"warning,omitempty"`
}

// BlockedDomain is a destination domain blocked for one account, shaped
// like /hooks/admin's blocked_domains items with the account added.
type BlockedDomain struct {
	ClientID string `json:"client_id"`
	bigcommerce.BlockedDomain
}

// Stats counts one store's records in the delivery log, and those its log
// caps dropped.
type Stats struct {
	Events               int   `json:"events"`
	Deliveries           int   `json:"deliveries"`
	Attempts             int   `json:"attempts"`
	Notifications        int   `json:"notifications"`
	Pending              int   `json:"pending"`
	EventsDropped        int64 `json:"events_dropped"`
	DeliveriesDropped    int64 `json:"deliveries_dropped"`
	AttemptsDropped      int64 `json:"attempts_dropped"`
	NotificationsDropped int64 `json:"notifications_dropped"`
}

// Stores lists the stores the mock knows (those with hooks or log
// records), by store hash, every page of them.
func (c *Client) Stores(ctx context.Context) ([]Store, error) {
	return getList[Store](ctx, c, "/stores", url.Values{})
}

// DeliveryDetail is one delivery with the attempts still ahead of it
// (GET /__bcmock/deliveries/{delivery_id}).
type DeliveryDetail struct {
	Delivery
	// Ahead is the retry ladder still ahead of a pending delivery: each
	// attempt to come and when it is due at the earliest, if every attempt
	// before it fails at once. Empty once the delivery is finished.
	Ahead []PlannedAttempt `json:"ahead"`
}

// PlannedAttempt is one attempt still to come.
type PlannedAttempt struct {
	// Number is the attempt's number, 1 for the first.
	Number int `json:"attempt"`
	// DueAt is when it is due at the earliest.
	DueAt time.Time `json:"due_at"`
}

// Delivery returns one delivery and the retry ladder still ahead of it.
func (c *Client) Delivery(ctx context.Context, id int64) (DeliveryDetail, error) {
	var d DeliveryDetail
	if err := c.do(ctx, http.MethodGet, fmt.Sprintf("/deliveries/%d", id), nil, http.StatusOK, &d); err != nil {
		return DeliveryDetail{}, fmt.Errorf("get delivery %d: %w", id, err)
	}
	return d, nil
}

// EventEntity is the entity an event is about, as the store holds it now
// (GET /__bcmock/events/{event_id}/entity): what the follow-up read an app
// makes after the callback answers, computed from the store model.
type EventEntity struct {
	// EventID, StoreHash and Scope say which event.
	EventID   int64  `json:"event_id"`
	StoreHash string `json:"store_hash"`
	Scope     string `json:"scope"`
	// Kind is the entity's kind: order, shipment, transaction, refund,
	// cart, customer, address, stored_instruments, subscriber or channel.
	Kind string `json:"kind"`
	// ID is the entity's id as the event names it (a cart's UUID, a
	// transaction's transaction_id; a customer's for stored_instruments).
	ID string `json:"id"`
	// OrderID is the order a shipment, transaction or refund belongs to.
	OrderID int `json:"order_id,omitempty"`
	// Read is the follow-up read, as "GET /stores/{hash}/v2/orders/{id}".
	Read string `json:"read"`
	// Status is 200, or 404 when the store does not hold the entity: it is
	// gone (deleted, a converted cart) or was never there. The read then
	// answers 404, or, for a list read (customers, addresses), a list
	// without it.
	Status int `json:"status"`
	// Entity is the entity in the read's wire shape (a v2 read's body, an
	// element of a v3 read's data); absent when Status is 404.
	Entity json.RawMessage `json:"entity,omitempty"`
}

// EventEntity returns the entity event id is about, as the store holds it
// now. An event of a family the store model does not hold, or whose data
// names no entity, is an error (404).
func (c *Client) EventEntity(ctx context.Context, eventID int64) (EventEntity, error) {
	var e EventEntity
	if err := c.do(ctx, http.MethodGet, fmt.Sprintf("/events/%d/entity", eventID), nil, http.StatusOK, &e); err != nil {
		return EventEntity{}, fmt.Errorf("get the entity of event %d: %w", eventID, err)
	}
	return e, nil
}
