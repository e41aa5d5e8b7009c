package scenarios

import (
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Scenario is one scenario file: the world to set up, the stand-in
// destinations to serve, and the steps to run, expectations included.
//
// A Scenario returned by Parse or Load has its defaults applied and is
// valid. One built in Go should be checked with Validate, which applies the
// defaults first. The zero value is not valid: a scenario needs a store.
type Scenario struct {
	// Name identifies the scenario in reports. Default: the file name
	// without its extension.
	Name string `yaml:"name,omitempty"`
	// Description says in words what the scenario shows. Optional.
	Description string `yaml:"description,omitempty"`
	// Setup is the state before the first step: stores, accounts, hooks,
	// clock and delivery settings.
	Setup Setup `yaml:"setup"`
	// Receivers are destinations bcmock serves itself for the run, each
	// answering with a scripted sequence. Optional.
	Receivers []Receiver `yaml:"receivers,omitempty"`
	// Steps run in order. Optional: a scenario without steps only prepares
	// a mock (stores, accounts, hooks).
	Steps []Step `yaml:"steps,omitempty"`

	src *source // where each value was in the file; nil when built in Go
}

// Setup is the state a scenario starts from.
type Setup struct {
	// Stores are the store hashes the scenario uses (letters, digits, '-'
	// and '_'). At least one is required. When there is exactly one, every
	// store field elsewhere defaults to it.
	Stores []string `yaml:"stores,flow"`
	// Accounts are the API accounts bcmock accepts, as with --accounts.
	// Empty means open mode: any token is its own account, with credentials
	// derived from the token.
	Accounts []Account `yaml:"accounts,omitempty"`
	// Seed drives every generated value (ids, UUIDs, hashes), so a seed
	// gives the same payloads on every run. Default and 0: 1 (the faker
	// treats 0 as "random", which a scenario never wants).
	Seed int64 `yaml:"seed,omitempty"`
	// Clock says whether store time is the wall clock or a fake clock that
	// only steps move. Default: real.
	Clock Clock `yaml:"clock"`
	// RetrySchedule is the delays between attempts of one delivery. Nil
	// means BigCommerce's ladder (bigcommerce.DefaultSchedule); an empty, non-nil
	// schedule means one attempt and no retries.
	RetrySchedule Schedule `yaml:"retry_schedule,omitempty"`
	// StrictDestinations makes URL destinations follow BigCommerce's rule
	// (https on port 443), as --strict-destinations does. Receivers are
	// served by bcmock itself and are not checked.
	StrictDestinations bool `yaml:"strict_destinations,omitempty"`
	// DeliveryTimeout bounds one attempt; a receiver slower than this
	// fails. Default: DefaultDeliveryTimeout.
	DeliveryTimeout Duration `yaml:"delivery_timeout,omitempty"`
	// RateLimit is BigCommerce's per-store request quota on its APIs, as
	// --rate-limit sets it: "150/30s" (the Standard plan) enforces it, with
	// the X-Rate-Limit-* headers on every answer and 429 past the quota,
	// in windows on the scenario's clock. Default: off (no limit, no
	// headers).
	RateLimit RateLimit `yaml:"rate_limit,omitempty"`
	// Hooks are registered before the first step, in order.
	Hooks []Hook `yaml:"hooks,omitempty"`
	// Orders are put in the stores before the first step, without any
	// event (the control API's seeding), in order.
	Orders []SeedOrder `yaml:"orders,omitempty"`
	// Carts are put in the stores before the first step, without any
	// event, in order.
	Carts []SeedCart `yaml:"carts,omitempty"`
	// Products, Categories, Brands, Customers and Channels are put in the
	// stores before the first step, without any event; see entities.go.
	Products   []SeedProduct  `yaml:"products,omitempty"`
	Categories []SeedCategory `yaml:"categories,omitempty"`
	Brands     []SeedBrand    `yaml:"brands,omitempty"`
	Customers  []SeedCustomer `yaml:"customers,omitempty"`
	Channels   []SeedChannel  `yaml:"channels,omitempty"`
}

// SeedOrder is an order a store holds before the first step. Every field
// may be left out: an order without lines is invented from the seed
// (status 11, Awaiting Fulfillment, unless given), as an event's order
// is; one with lines is made as POST /v2/orders makes one (status 1,
// Pending, unless given). Status 2 (Shipped) ships every line.
type SeedOrder struct {
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// ID is the order's id. Default: the store's next, from 100. Unique
	// per store.
	ID int `yaml:"id,omitempty"`
	// StatusID is the order's status, 0 to 14.
	StatusID *int `yaml:"status_id,omitempty"`
	// CustomerID is the customer; 0 or absent: a guest (or invented).
	CustomerID int `yaml:"customer_id,omitempty"`
	// ChannelID is the sales channel. Default 1.
	ChannelID int `yaml:"channel_id,omitempty"`
	// CartID is the cart the order was made from, as a checkout sets it.
	CartID string `yaml:"cart_id,omitempty"`
	// Lines are the order's products. Default: invented.
	Lines []SeedLine `yaml:"lines,omitempty"`
	// IsDeleted makes the order archived.
	IsDeleted bool `yaml:"is_deleted,omitempty"`
}

// SeedLine is one product line of a seeded order: a product by id, or a
// custom product by name and price.
type SeedLine struct {
	// ProductID is the product; its name and price come from bcmock's
	// invented catalogue unless given.
	ProductID int `yaml:"product_id,omitempty"`
	// Name names a custom product (no product_id).
	Name string `yaml:"name,omitempty"`
	// Quantity is how many. Required, at least 1.
	Quantity int `yaml:"quantity"`
	// PriceExTax is one item's price before tax, a decimal with at most
	// four decimals ("12.50"). Required for a custom product.
	PriceExTax string `yaml:"price_ex_tax,omitempty"`
}

// SeedCart is a cart a store holds before the first step. A cart without
// line items gets invented ones.
type SeedCart struct {
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// ID is the cart's id (a UUID). Default: invented. Unique per store.
	ID string `yaml:"id,omitempty"`
	// CustomerID is the customer; 0 or absent: a guest.
	CustomerID int `yaml:"customer_id,omitempty"`
	// ChannelID is the sales channel. Default 1.
	ChannelID int `yaml:"channel_id,omitempty"`
	// Email is the shopper's email.
	Email string `yaml:"email,omitempty"`
	// LineItems are the cart's items. Default: invented.
	LineItems []SeedCartLine `yaml:"line_items,omitempty"`
}

// SeedCartLine is one line item of a seeded cart.
type SeedCartLine struct {
	// ProductID is the product. Required.
	ProductID int `yaml:"product_id"`
	// Quantity is how many. Required, at least 1.
	Quantity int `yaml:"quantity"`
	// ListPrice is one item's price, a decimal ("12.50"). Default: the
	// product's.
	ListPrice string `yaml:"list_price,omitempty"`
}

// Account is one API account, as in the accounts file of bcmock serve.
type Account struct {
	// Token is the X-Auth-Token of the account. Required and unique.
	Token string `yaml:"token"`
	// ClientID owns the account's hooks. Empty: derived from the token.
	ClientID string `yaml:"client_id,omitempty"`
	// ClientSecret keys the webhook-signature of callbacks. Empty: derived
	// from the token.
	ClientSecret string `yaml:"client_secret,omitempty"`
	// Stores, when given, bind the account to those stores: its token used
	// on another store gets 401, as on BigCommerce. Empty: every store.
	Stores []string `yaml:"stores,omitempty"`
}

// ClockMode says where store time comes from.
type ClockMode string

// Clock modes.
const (
	// ClockReal is the wall clock: retries happen minutes apart for real,
	// and advance steps are refused.
	ClockReal ClockMode = "real"
	// ClockFake is a clock that moves only on advance steps (and timed
	// action events), walking every due retry on the way.
	ClockFake ClockMode = "fake"
)

// Clock is the clock setting. In YAML it may be written as just the mode:
// "clock: fake".
type Clock struct {
	// Mode is real or fake. Default: real.
	Mode ClockMode `yaml:"mode"`
	// Start is the fake clock's first instant, RFC 3339. Zero: the wall
	// time when the run starts, which keeps webhook-timestamp close enough
	// for receivers that verify Standard Webhooks signatures (they allow 5
	// minutes of skew). Only with mode fake.
	Start time.Time `yaml:"start,omitempty"`
}

// Hook is a webhook registered before the first step, as an app would
// with POST /stores/{store_hash}/v3/hooks.
type Hook struct {
	// Name identifies the hook in hook steps and expectations. Required and
	// unique; letters, digits, '.', '-' and '_'.
	Name string `yaml:"name"`
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// Token is the X-Auth-Token the hook is created with, which picks the
	// account that owns it. Default: the only declared account's token, or
	// DefaultToken when no accounts are declared.
	Token string `yaml:"token,omitempty"`
	// Scope is the subscription: an event or a wildcard, channel scopes with
	// a channel id ("store/channel/1/order/*").
	Scope string `yaml:"scope"`
	// Destination is an absolute http(s) URL. Exactly one of Destination and
	// Receiver is required.
	Destination string `yaml:"destination,omitempty"`
	// Receiver names a receiver of this scenario to deliver to; a run may
	// replace it with a real URL (--target name=URL).
	Receiver string `yaml:"receiver,omitempty"`
	// Path is the path on the receiver, starting with "/". Only with
	// Receiver. Default "/".
	Path string `yaml:"path,omitempty"`
	// IsActive is whether the hook fires. Nil: true, as on BigCommerce.
	IsActive *bool `yaml:"is_active,omitempty"`
	// Headers are sent with every callback. Nil: none.
	Headers map[string]string `yaml:"headers,omitempty"`
	// Faults shape the hook's next deliveries (each Count times, or for
	// the whole run), unless a raise step brings its own.
	Faults []DeliveryFault `yaml:"faults,omitempty"`
}

// Active reports whether the hook starts active (IsActive, default true).
func (h Hook) Active() bool { return h.IsActive == nil || *h.IsActive }

// Receiver is a destination bcmock serves for the run. It answers the
// attempts it receives with Responses in turn; the last response repeats.
type Receiver struct {
	// Name identifies the receiver in hooks, expectations and --target.
	// Required and unique; letters, digits, '.', '-' and '_'.
	Name string `yaml:"name"`
	// Responses are the answers to successive attempts. Default: [200].
	Responses []Response `yaml:"responses,flow"`
	// RefuseUnverified, a 4xx such as 401, makes the receiver a careful
	// app: a callback whose webhook-signature does not verify with the
	// client secret of its hooks' account is answered with this status
	// instead of its response (it still takes its turn in the script).
	// The receiver's hooks must share one account. Zero: no check.
	RefuseUnverified int `yaml:"refuse_unverified,omitempty"`
}

// Fault is a response that is not an HTTP status.
type Fault string

// Faults a receiver can script.
const (
	// FaultTimeout hangs without answering until bcmock gives up
	// (setup.delivery_timeout): the attempt fails with a timeout.
	FaultTimeout Fault = "timeout"
	// FaultClose closes the connection without answering.
	FaultClose Fault = "close"
)

// Response is one scripted answer of a receiver. In YAML it is a status
// ("500"), a fault ("timeout", "close") or a mapping with the fields below.
type Response struct {
	// Status is the HTTP status to answer, 200 to 599. Exactly one of
	// Status and Fault is required.
	Status int `yaml:"status,omitempty"`
	// Fault is timeout or close instead of a status.
	Fault Fault `yaml:"fault,omitempty"`
	// Delay is how long to wait before answering. Zero: answer at once.
	// Not with timeout.
	Delay Duration `yaml:"delay,omitempty"`
	// Body is the response body. Only with Status.
	Body string `yaml:"body,omitempty"`
	// Headers are the response headers. Only with Status.
	Headers map[string]string `yaml:"headers,omitempty"`
}

// Step is one thing to do. Exactly one field is set; its YAML key names the
// kind of step ("- advance: 49h").
type Step struct {
	// Raise raises one event (or several, with count).
	Raise *Raise `yaml:"raise,omitempty"`
	// Action raises the cascade of events of a shopper's or merchant's
	// action, such as checkout (see Expand).
	Action *Action `yaml:"action,omitempty"`
	// Advance moves the fake clock forward, making every attempt that falls
	// due on the way at its due time. Positive; only with clock mode fake.
	Advance *Duration `yaml:"advance,omitempty"`
	// Wait blocks until a condition holds, or fails the run at its timeout.
	Wait *Wait `yaml:"wait,omitempty"`
	// Hook changes a hook of the setup through the API.
	Hook *HookChange `yaml:"hook,omitempty"`
	// Expect checks conditions now; the run fails if one does not hold.
	Expect *Expect `yaml:"expect,omitempty"`
	// Pay takes payment for an unpaid order, as BigCommerce's Payments API
	// does: the order moves to 11 (Awaiting Fulfillment) and the cart it
	// came from is converted, with the events that fire for it.
	Pay *Pay `yaml:"pay,omitempty"`
}

// Pay names the order a pay step pays.
type Pay struct {
	// Order is the order's id. Required.
	Order int `yaml:"order"`
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
}

// Step kinds, as returned by Step.Kind: the YAML key of each kind of step.
const (
	KindRaise   = "raise"
	KindAction  = "action"
	KindAdvance = "advance"
	KindWait    = "wait"
	KindHook    = "hook"
	KindExpect  = "expect"
	KindPay     = "pay"
)

// stepKinds lists the step kinds in their documentation order.
var stepKinds = []string{KindRaise, KindAction, KindAdvance, KindWait, KindHook, KindExpect, KindPay}

// Kind returns the kind of the step ("raise", "action", ...), the first
// set field in declaration order, or "" when no field is set.
func (s Step) Kind() string {
	kinds := s.kinds()
	if len(kinds) == 0 {
		return ""
	}
	return kinds[0]
}

// kinds lists the step's set fields by kind name.
func (s Step) kinds() []string {
	var out []string
	set := []bool{s.Raise != nil, s.Action != nil, s.Advance != nil, s.Wait != nil, s.Hook != nil, s.Expect != nil, s.Pay != nil}
	for i, ok := range set {
		if ok {
			out = append(out, stepKinds[i])
		}
	}
	return out
}

// Raise raises events of one scope. In YAML it may be written as just the
// scope: "raise: store/order/created".
type Raise struct {
	// Scope is the concrete event, e.g. "store/order/created" or
	// "store/channel/1/cart/created". Required; wildcards are refused.
	Scope string `yaml:"scope"`
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// Data is merged into the generated event data (objects key by key; a
	// null removes a key). Nil: all generated from the seed.
	Data map[string]any `yaml:"data,omitempty"`
	// Count is how many events to raise, each with its own generated data.
	// Default 1; at most MaxCount.
	Count int `yaml:"count,omitempty"`
	// Duplicate raises each event twice, with the same body and hash, as
	// BigCommerce may: a receiver should deduplicate by hash.
	Duplicate bool `yaml:"duplicate,omitempty"`
	// OutOfOrder raises the events last first, so they arrive in the
	// opposite order to their creation. Needs count above 1.
	OutOfOrder bool `yaml:"out_of_order,omitempty"`
	// Faults shape the deliveries of the step's events, instead of their
	// hooks' faults. A reorder groups the step's events (events defaults
	// to count).
	Faults []DeliveryFault `yaml:"faults,omitempty"`
}

// Action is a business action that expands into BigCommerce's event
// cascade (see Expand and Actions). In YAML it may be written as just the
// name: "action: checkout". Each action takes only some of the fields; the
// others must be left out.
type Action struct {
	// Name is the action: checkout, abandon_cart, ship_order, refund_order,
	// cancel_order or update_inventory.
	Name string `yaml:"name"`
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// Channel is the sales channel of a cart or order; its channel-scoped
	// events (store/channel/{id}/...) are raised too. Default 1, the
	// default storefront.
	Channel int `yaml:"channel,omitempty"`
	// CartID is the cart's UUID. Default: derived from the seed and the
	// step's position.
	CartID string `yaml:"cart_id,omitempty"`
	// OrderID is the order. checkout: default 100, then 101... for later
	// checkouts; the other order actions: default the latest checkout's
	// order.
	OrderID int `yaml:"order_id,omitempty"`
	// Status is the order's new status id (0 Incomplete ... 14 Partially
	// Refunded). Defaults: checkout 11 (Awaiting Fulfillment), ship_order 2
	// (Shipped; 3 is Partially Shipped), refund_order 4 (Refunded; 14 is
	// Partially Refunded).
	Status int `yaml:"status,omitempty"`
	// PreviousStatus is the order's status before the action. Default: the
	// status the scenario's previous action on this order left, else 11.
	PreviousStatus *int `yaml:"previous_status,omitempty"`
	// ProductID is the product whose stock changes (update_inventory).
	ProductID int `yaml:"product_id,omitempty"`
	// VariantID is the variant whose stock changes, for products tracked
	// by variant (update_inventory). Zero: the product is tracked as a whole.
	VariantID int `yaml:"variant_id,omitempty"`
	// LocationID is the inventory location (update_inventory). Default 1.
	LocationID int `yaml:"location_id,omitempty"`
	// Quantity is the new stock level (update_inventory). Required there.
	Quantity *int `yaml:"quantity,omitempty"`
	// OutOfOrder raises the cascade last event first. Not with abandon_cart,
	// whose events are an hour apart.
	OutOfOrder bool `yaml:"out_of_order,omitempty"`
}

// Wait blocks the run until a condition holds.
type Wait struct {
	// Until is the condition, written like an expect step. Required.
	Until Expect `yaml:"until"`
	// Timeout is how long to wait, in wall-clock time (a wait never moves
	// the fake clock). Default: DefaultWaitTimeout.
	Timeout Duration `yaml:"timeout,omitempty"`
}

// HookChange changes a hook of the setup through the API. Exactly one of
// Update, Reactivate, Deactivate and Delete names the hook; the remaining
// fields go with Update only.
type HookChange struct {
	// Update names a hook to change with PUT /hooks/{id}; at least one of
	// the fields below is required.
	Update string `yaml:"update,omitempty"`
	// Reactivate names a hook to set is_active: true, as an app does after
	// BigCommerce deactivated it.
	Reactivate string `yaml:"reactivate,omitempty"`
	// Deactivate names a hook to set is_active: false.
	Deactivate string `yaml:"deactivate,omitempty"`
	// Delete names a hook to delete with DELETE /hooks/{id}. Later steps
	// may not change it.
	Delete string `yaml:"delete,omitempty"`
	// Scope, Destination, Receiver, Path, IsActive and Headers are the new
	// values (Update only); empty or nil leaves a field unchanged.
	Scope       string            `yaml:"scope,omitempty"`
	Destination string            `yaml:"destination,omitempty"`
	Receiver    string            `yaml:"receiver,omitempty"`
	Path        string            `yaml:"path,omitempty"`
	IsActive    *bool             `yaml:"is_active,omitempty"`
	Headers     map[string]string `yaml:"headers,omitempty"`
}

// Hook operations, as returned by HookChange.Op.
const (
	OpUpdate     = "update"
	OpReactivate = "reactivate"
	OpDeactivate = "deactivate"
	OpDelete     = "delete"
)

// Op returns the operation (update, reactivate, deactivate or delete) and
// the hook it names, the first one set in that order; "" when none is.
func (c HookChange) Op() (op, hook string) {
	ops := c.ops()
	if len(ops) == 0 {
		return "", ""
	}
	return ops[0][0], ops[0][1]
}

// ops lists the operations set, as (op, hook) pairs.
func (c HookChange) ops() [][2]string {
	var out [][2]string
	for _, o := range [][2]string{{OpUpdate, c.Update}, {OpReactivate, c.Reactivate}, {OpDeactivate, c.Deactivate}, {OpDelete, c.Delete}} {
		if o[1] != "" {
			out = append(out, o)
		}
	}
	return out
}

// Expect is a set of conditions that must all hold. At least one list must
// be non-empty.
type Expect struct {
	// Deliveries are conditions on deliveries (one event to one hook).
	Deliveries []DeliveryExpectation `yaml:"deliveries,omitempty"`
	// Hooks are conditions on hooks' states.
	Hooks []HookExpectation `yaml:"hooks,omitempty"`
	// Blocklist are conditions on the domain blocklist.
	Blocklist []BlockExpectation `yaml:"blocklist,omitempty"`
	// Exceptions are conditions on store/hook/deliveryException events.
	Exceptions []ExceptionExpectation `yaml:"exceptions,omitempty"`
	// Orders are conditions on orders the stores hold.
	Orders []OrderExpectation `yaml:"orders,omitempty"`
	// Carts are conditions on carts the stores hold.
	Carts []CartExpectation `yaml:"carts,omitempty"`
	// Products are conditions on products the stores hold.
	Products []ProductExpectation `yaml:"products,omitempty"`
	// Customers are conditions on customers the stores hold.
	Customers []CustomerExpectation `yaml:"customers,omitempty"`
	// Requests are conditions on the app's requests to the store's API.
	Requests []RequestExpectation `yaml:"requests,omitempty"`
}

// OrderExpectation says what must be true of one order of a store. Each
// field left out is not checked.
type OrderExpectation struct {
	// ID is the order. Required.
	ID int `yaml:"id"`
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// Exists is whether the store holds the order (an archived order
	// still exists). Nil: true. With false, no other condition is allowed.
	Exists *bool `yaml:"exists,omitempty"`
	// StatusID is the order's status id.
	StatusID *int `yaml:"status_id,omitempty"`
	// IsDeleted is whether the order is archived.
	IsDeleted *bool `yaml:"is_deleted,omitempty"`
	// CartID is the cart the order was made from; "" for none.
	CartID *string `yaml:"cart_id,omitempty"`
	// CustomerID is the order's customer; 0 for a guest.
	CustomerID *int `yaml:"customer_id,omitempty"`
	// ItemsTotal is the number of items ordered.
	ItemsTotal *int `yaml:"items_total,omitempty"`
	// ItemsShipped is the number of items shipped.
	ItemsShipped *int `yaml:"items_shipped,omitempty"`
	// Shipments, Transactions and Refunds are how many the order has.
	Shipments    *int `yaml:"shipments,omitempty"`
	Transactions *int `yaml:"transactions,omitempty"`
	Refunds      *int `yaml:"refunds,omitempty"`
}

// CartExpectation says what must be true of one cart of a store.
type CartExpectation struct {
	// ID is the cart. Required.
	ID string `yaml:"id"`
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// Exists is whether the store holds the cart: false after it was
	// converted or deleted. Nil: true. With false, no other condition is
	// allowed.
	Exists *bool `yaml:"exists,omitempty"`
	// LineItems is how many line items the cart has.
	LineItems *int `yaml:"line_items,omitempty"`
	// CustomerID is the cart's customer; 0 for a guest.
	CustomerID *int `yaml:"customer_id,omitempty"`
}

// Outcome is the result of one attempt, named as bigcommerce names it.
type Outcome string

// Attempt outcomes.
const (
	// OutcomeSuccess: a 2xx within the delivery timeout.
	OutcomeSuccess = Outcome(bigcommerce.OutcomeSuccess)
	// OutcomeFailure: anything else.
	OutcomeFailure = Outcome(bigcommerce.OutcomeFailure)
)

// DeliveryStatus is the state of a delivery, named as bigcommerce names it.
type DeliveryStatus string

// Delivery states.
const (
	// StatusDelivered: an attempt succeeded.
	StatusDelivered = DeliveryStatus(bigcommerce.OutcomeDelivered)
	// StatusFailed: every attempt of the schedule failed; the hook was
	// deactivated.
	StatusFailed = DeliveryStatus(bigcommerce.OutcomeFailed)
	// StatusPending: an attempt is due now or later.
	StatusPending = DeliveryStatus(bigcommerce.OutcomePending)
	// StatusCancelled: the hook was deleted or deactivated before an attempt.
	StatusCancelled = DeliveryStatus(bigcommerce.OutcomeCancelled)
)

// Signature is what to expect of the webhook-signature header.
type Signature string

// Signature expectations.
const (
	// SignatureValid: every attempt is signed and verifies with the hook
	// account's client secret (Standard Webhooks).
	SignatureValid Signature = "valid"
	// SignatureAbsent: no attempt carries a webhook-signature header.
	SignatureAbsent Signature = "absent"
)

// DeliveryExpectation selects deliveries and says what must be true of
// them. The selectors (Store, Hook, Receiver, Destination, Scope) combine
// with AND; none selects every delivery. Count constrains how many are
// selected; every other condition must hold for each selected delivery.
type DeliveryExpectation struct {
	// Store selects deliveries of one store.
	Store string `yaml:"store,omitempty"`
	// Hook selects deliveries to one hook of the setup, by name.
	Hook string `yaml:"hook,omitempty"`
	// Receiver selects deliveries to hooks whose destination is this
	// receiver.
	Receiver string `yaml:"receiver,omitempty"`
	// Destination selects deliveries to this exact URL.
	Destination string `yaml:"destination,omitempty"`
	// Scope selects deliveries of one event, or of events a wildcard
	// matches.
	Scope string `yaml:"scope,omitempty"`
	// Count is the exact number of selected deliveries. Nil: at least one.
	// 0 means nothing was delivered, and then no other condition is allowed.
	Count *int `yaml:"count,omitempty"`
	// Attempts is the exact number of attempts of each delivery.
	Attempts *int `yaml:"attempts,omitempty"`
	// Outcomes is the exact sequence of attempt outcomes of each delivery.
	Outcomes []Outcome `yaml:"outcomes,omitempty,flow"`
	// Offsets are the times of the attempts after the first (the first is
	// 0s), exactly.
	Offsets []Duration `yaml:"offsets,omitempty,flow"`
	// Status is the state of each delivery.
	Status DeliveryStatus `yaml:"status,omitempty"`
	// Signature is valid or absent.
	Signature Signature `yaml:"signature,omitempty"`
	// DistinctHashes is the number of different payload hashes among the
	// selected deliveries: 1 for one event delivered twice.
	DistinctHashes *int `yaml:"distinct_hashes,omitempty"`
	// Fault selects deliveries a fault shaped (a kind), none (FaultNone)
	// or every one with a genuine signature (FaultGenuine).
	Fault string `yaml:"fault,omitempty"`
	// Answer is what every attempt of each selected delivery must have
	// got from the receiver: a status or class, within a duration.
	Answer *Answer `yaml:"answer,omitempty"`
	// Arrival is the order the selected deliveries' first attempts were
	// answered in, as bcmock recorded them: raised (the order their
	// events were raised) or reversed.
	Arrival Arrival `yaml:"arrival,omitempty"`
}

// Arrival is the order in which deliveries arrived, against the order
// their events were raised. BigCommerce promises no order; a reorder
// fault makes one.
type Arrival string

// Arrival orders.
const (
	// ArrivalRaised: in the order the events were raised.
	ArrivalRaised Arrival = "raised"
	// ArrivalReversed: last raised first (what a reorder fault does).
	ArrivalReversed Arrival = "reversed"
)

// HookStatus is the state of a hook, as GET /hooks/admin reports it, plus
// deleted.
type HookStatus string

// Hook states.
const (
	// HookActive: is_active is true.
	HookActive HookStatus = "active"
	// HookInactive: a user set is_active to false.
	HookInactive HookStatus = "inactive"
	// HookDeactivated: bcmock deactivated it after its last attempt failed.
	HookDeactivated HookStatus = "deactivated"
	// HookDeleted: it was deleted.
	HookDeleted HookStatus = "deleted"
)

// HookExpectation says what state a hook must be in.
type HookExpectation struct {
	// Name is the hook, by its name in the setup. Required.
	Name string `yaml:"name"`
	// Status is active, inactive, deactivated or deleted. Required.
	Status HookStatus `yaml:"status"`
}

// BlockExpectation says whether an account's destination domain is on the
// blocklist. Exactly one of Receiver and Destination is required.
type BlockExpectation struct {
	// Receiver names the domain by a receiver of the scenario.
	Receiver string `yaml:"receiver,omitempty"`
	// Destination names the domain by a URL (only scheme, host and port
	// count).
	Destination string `yaml:"destination,omitempty"`
	// Token picks the account: blocks are per account and domain. Default:
	// as for hooks.
	Token string `yaml:"token,omitempty"`
	// Blocked is whether the domain must be blocked. Nil: true.
	Blocked *bool `yaml:"blocked,omitempty"`
}

// ExceptionExpectation says what store/hook/deliveryException events must
// have been sent about a hook. The hook's account needs a hook on that
// scope in the same store, or BigCommerce sends nothing.
type ExceptionExpectation struct {
	// Hook is the hook the exceptions are about (data.id), by name. Required.
	Hook string `yaml:"hook"`
	// ErrorCode is 90001 (will retry), 90002 (deactivated) or 90003
	// (domain blocked). Required.
	ErrorCode int `yaml:"error_code"`
	// Count is the exact number of such exceptions. Nil: at least one.
	Count *int `yaml:"count,omitempty"`
}

// RequestExpectation selects the requests apps made to a store's v2 and
// v3 APIs (GET /__bcmock/requests) and says how many there must be: "the
// app read the order once". The selectors combine with AND; none selects
// every request.
type RequestExpectation struct {
	// Store selects requests to one store.
	Store string `yaml:"store,omitempty"`
	// Method selects one HTTP method (GET).
	Method string `yaml:"method,omitempty"`
	// Path selects the path below /stores/{store_hash}, exactly
	// (/v2/orders/100), or with "*" for one whole segment (/v2/orders/*).
	Path string `yaml:"path,omitempty"`
	// Operation selects one operationId of the mock's OpenAPI documents
	// (getWebhook).
	Operation string `yaml:"operation,omitempty"`
	// Status selects the answer's status (404) or class (2xx).
	Status string `yaml:"status,omitempty"`
	// Count is the exact number of selected requests. Nil: at least one.
	Count *int `yaml:"count,omitempty"`
}

// Defaults and limits of the format.
const (
	// DefaultToken is the token of hooks when no accounts are declared.
	DefaultToken = "bcmock-token"
	// DefaultSeed replaces a zero seed.
	DefaultSeed = 1
	// DefaultDeliveryTimeout is the default setup.delivery_timeout, the
	// delivery engine's own default.
	DefaultDeliveryTimeout = Duration(10 * time.Second)
	// DefaultWaitTimeout is the default timeout of a wait step.
	DefaultWaitTimeout = Duration(10 * time.Second)
	// MaxCount bounds raise.count.
	MaxCount = 10000
	// MaxHooksPerScope is BigCommerce's limit of hooks per store, account
	// and scope.
	MaxHooksPerScope = 10
)
