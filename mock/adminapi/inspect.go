package adminapi

import (
	"context"
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
