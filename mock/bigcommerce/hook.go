package bigcommerce

// Hook is a webhook as BigCommerce's v3 API answers it (webhook_Full): the
// data of POST, GET and PUT /stores/{store_hash}/v3/hooks[/{id}], and the
// bare body of the v2 API. The mock answers with it, and every client in
// this module (testkit, the scenario runner, the contract suite) reads it.
type Hook struct {
	// ID is the hook's id in the store.
	ID int `json:"id"`
	// ClientID is the API account that owns the hook; its client secret
	// signs the hook's callbacks.
	ClientID string `json:"client_id"`
	// StoreHash is the hook's store.
	StoreHash string `json:"store_hash"`
	// Scope is the subscribed scope, e.g. "store/order/*".
	Scope string `json:"scope"`
	// Destination is the URL the callbacks go to.
	Destination string `json:"destination"`
	// IsActive is whether the hook gets callbacks.
	IsActive bool `json:"is_active"`
	// Headers are sent on every callback; null when none were given.
	Headers map[string]string `json:"headers"`
	// CreatedAt and UpdatedAt are Unix seconds.
	CreatedAt int64 `json:"created_at"`
	UpdatedAt int64 `json:"updated_at"`
}

// AdminHook is an item of GET /hooks/admin's hooks_list: a hook and its
// status ("active", "inactive" or "deactivated").
type AdminHook struct {
	Hook
	Status string `json:"status"`
}

// HooksAdmin is the data of GET /stores/{store_hash}/v3/hooks/admin.
type HooksAdmin struct {
	// Emails get BigCommerce's notices of deactivated hooks and blocked
	// domains.
	Emails         []string        `json:"emails"`
	HooksList      []AdminHook     `json:"hooks_list"`
	BlockedDomains []BlockedDomain `json:"blocked_domains"`
}

// BlockedDomain is one entry of /hooks/admin blocked_domains.
type BlockedDomain struct {
	// Destination is the blocked origin.
	Destination string `json:"destination"`
	// TimeLeft is how many seconds the block still lasts.
	TimeLeft int `json:"time_left"`
	// Reasons summarise the failures that caused the block.
	Reasons []BlockReason `json:"reasons"`
}

// BlockReason explains a blocked domain: which failure, how often, when.
type BlockReason struct {
	FailureDescription string `json:"failure_description"`
	Count              int    `json:"count"`
	Timestamp          int64  `json:"timestamp"`
}
