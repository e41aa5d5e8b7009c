package adminapi

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// The store model's control endpoints: GET /__bcmock/stores/{store_hash}/state
// dumps what a store holds, POST .../orders and .../carts seed entities
// without firing events, POST .../orders/{id}/pay takes payment as the
// Payments API does. Money is a decimal string with four decimals
// ("12.0000"), exact as v2 gives it; dates are RFC 3339.

// StoreState is a dump of one store's model, for a failing test's report:
// every order (archived ones too), cart, product, category, brand,
// customer, subscriber and channel, in id order. A store that holds
// nothing has empty lists (and channel 1, which every store has).
type StoreState struct {
	StoreHash   string            `json:"store_hash"`
	Orders      []OrderState      `json:"orders"`
	Carts       []CartState       `json:"carts"`
	Products    []ProductState    `json:"products"`
	Categories  []CategoryState   `json:"categories"`
	Brands      []BrandState      `json:"brands"`
	Customers   []CustomerState   `json:"customers"`
	Subscribers []SubscriberState `json:"subscribers"`
	Channels    []ChannelState    `json:"channels"`
}

// Order returns the order with id, or nil.
func (s StoreState) Order(id int) *OrderState {
	return byID(s.Orders, id, func(o *OrderState) int { return o.ID })
}

// Cart returns the cart with id, or nil (converted and deleted carts are
// gone).
func (s StoreState) Cart(id string) *CartState {
	for i := range s.Carts {
		if s.Carts[i].ID == id {
			return &s.Carts[i]
		}
	}
	return nil
}

// Address is a postal address with its contact.
type Address struct {
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Company     string `json:"company"`
	Street1     string `json:"street_1"`
	Street2     string `json:"street_2"`
	City        string `json:"city"`
	State       string `json:"state"`
	Zip         string `json:"zip"`
	Country     string `json:"country"`
	CountryISO2 string `json:"country_iso2"`
	Phone       string `json:"phone"`
	Email       string `json:"email"`
}

// OrderState is one order of a store, with its totals as the v2 read
// gives them.
type OrderState struct {
	ID             int    `json:"id"`
	StatusID       int    `json:"status_id"`
	Status         string `json:"status"`
	CustomerID     int    `json:"customer_id"`
	ChannelID      int    `json:"channel_id"`
	CartID         string `json:"cart_id"`
	OrderSource    string `json:"order_source"`
	ExternalSource string `json:"external_source"`
	ExternalID     string `json:"external_id"`
	IsDeleted      bool   `json:"is_deleted"`
	// DateShipped is nil until every line is shipped.
	DateCreated       time.Time              `json:"date_created"`
	DateModified      time.Time              `json:"date_modified"`
	DateShipped       *time.Time             `json:"date_shipped,omitempty"`
	BillingAddress    Address                `json:"billing_address"`
	Currency          string                 `json:"currency_code"`
	PaymentMethod     string                 `json:"payment_method"`
	CustomerMessage   string                 `json:"customer_message"`
	StaffNotes        string                 `json:"staff_notes"`
	ShippingCostExTax string                 `json:"shipping_cost_ex_tax"`
	HandlingCostExTax string                 `json:"handling_cost_ex_tax"`
	DiscountAmount    string                 `json:"discount_amount"`
	SubtotalExTax     string                 `json:"subtotal_ex_tax"`
	TotalExTax        string                 `json:"total_ex_tax"`
	TotalTax          string                 `json:"total_tax"`
	TotalIncTax       string                 `json:"total_inc_tax"`
	RefundedAmount    string                 `json:"refunded_amount"`
	ItemsTotal        int                    `json:"items_total"`
	ItemsShipped      int                    `json:"items_shipped"`
	Lines             []LineState            `json:"lines"`
	ShippingAddresses []ShippingAddressState `json:"shipping_addresses"`
	Shipments         []ShipmentState        `json:"shipments"`
	Coupons           []CouponState          `json:"coupons"`
	Transactions      []TransactionState     `json:"transactions"`
	Refunds           []RefundState          `json:"refunds"`
	Messages          []MessageState         `json:"messages"`
}

// LineState is one product line of an order (v2 "order product").
type LineState struct {
	ID               int     `json:"id"`
	ProductID        int     `json:"product_id"`
	VariantID        int     `json:"variant_id"`
	Name             string  `json:"name"`
	SKU              string  `json:"sku"`
	Type             string  `json:"type"`
	Quantity         int     `json:"quantity"`
	QuantityShipped  int     `json:"quantity_shipped"`
	QuantityRefunded int     `json:"quantity_refunded"`
	PriceExTax       string  `json:"price_ex_tax"`
	Weight           float64 `json:"weight"`
	OrderAddressID   int     `json:"order_address_id"`
}

// ShippingAddressState is one shipping address of an order.
type ShippingAddressState struct {
	ID int `json:"id"`
	Address
	ShippingMethod string `json:"shipping_method"`
	CostExTax      string `json:"cost_ex_tax"`
}

// ShipmentState is one shipment of an order.
type ShipmentState struct {
	ID             int                 `json:"id"`
	OrderAddressID int                 `json:"order_address_id"`
	DateCreated    time.Time           `json:"date_created"`
	TrackingNumber string              `json:"tracking_number"`
	Carrier        string              `json:"tracking_carrier"`
	Provider       string              `json:"shipping_provider"`
	Method         string              `json:"shipping_method"`
	Comments       string              `json:"comments"`
	Items          []ShipmentItemState `json:"items"`
}

// ShipmentItemState is a quantity of one order line in a shipment.
type ShipmentItemState struct {
	OrderProductID int `json:"order_product_id"`
	ProductID      int `json:"product_id"`
	Quantity       int `json:"quantity"`
}

// CouponState is a coupon applied to an order or a cart.
type CouponState struct {
	ID       int    `json:"id"`
	CouponID int    `json:"coupon_id"`
	Code     string `json:"code"`
	Type     int    `json:"type"`
	Amount   string `json:"amount"`
}

// TransactionState is a payment event of an order.
type TransactionState struct {
	ID int `json:"id"`
	// WebhookTransactionID is the transaction_id webhooks name it by.
	WebhookTransactionID string    `json:"webhook_transaction_id"`
	Event                string    `json:"event"`
	Method               string    `json:"method"`
	Gateway              string    `json:"gateway"`
	GatewayTransactionID string    `json:"gateway_transaction_id"`
	Status               string    `json:"status"`
	Amount               string    `json:"amount"`
	Currency             string    `json:"currency"`
	Test                 bool      `json:"test"`
	DateCreated          time.Time `json:"date_created"`
}

// RefundState is a refund of an order.
type RefundState struct {
	ID          int               `json:"id"`
	DateCreated time.Time         `json:"date_created"`
	Reason      string            `json:"reason"`
	Amount      string            `json:"amount"`
	Items       []RefundItemState `json:"items"`
}

// RefundItemState is what one refund gives back.
type RefundItemState struct {
	ItemType string `json:"item_type"`
	ItemID   int    `json:"item_id"`
	Quantity int    `json:"quantity"`
	Amount   string `json:"amount"`
}

// MessageState is a message on an order.
type MessageState struct {
	ID          int       `json:"id"`
	Subject     string    `json:"subject"`
	Message     string    `json:"message"`
	DateCreated time.Time `json:"date_created"`
}

// CartState is one cart of a store.
type CartState struct {
	ID          string          `json:"id"`
	CustomerID  int             `json:"customer_id"`
	ChannelID   int             `json:"channel_id"`
	Email       string          `json:"email"`
	Currency    string          `json:"currency"`
	Locale      string          `json:"locale"`
	CreatedTime time.Time       `json:"created_time"`
	UpdatedTime time.Time       `json:"updated_time"`
	BaseAmount  string          `json:"base_amount"`
	Discount    string          `json:"discount_amount"`
	LineItems   []CartLineState `json:"line_items"`
	Coupons     []CouponState   `json:"coupons"`
	// Token is the abandoned-cart token, once store/cart/abandoned fired.
	Token string `json:"token,omitempty"`
	// OrderID is the order a checkout made of the cart; 0 before.
	OrderID int `json:"order_id"`
}

// CartLineState is one physical item of a cart.
type CartLineState struct {
	ID        string `json:"id"`
	ProductID int    `json:"product_id"`
	VariantID int    `json:"variant_id"`
	Name      string `json:"name"`
	SKU       string `json:"sku"`
	Quantity  int    `json:"quantity"`
	ListPrice string `json:"list_price"`
	SalePrice string `json:"sale_price"`
}

// SeedOrder is the body of POST /__bcmock/stores/{store_hash}/orders: an
// order put in place without any event. Every field may be left out: an
// order without lines gets invented lines and an address, as an event's
// order does; the billing address is invented when not given.
type SeedOrder struct {
	// ID is the order's id; 0: the store's next (from 100). An id the
	// store holds already is refused (422).
	ID int `json:"id,omitempty"`
	// StatusID is the status; nil: 11 (Awaiting Fulfillment) for an
	// invented order, 1 (Pending) for one with lines. Status 2 (Shipped)
	// ships every line in one shipment.
	StatusID        *int          `json:"status_id,omitempty"`
	CustomerID      int           `json:"customer_id,omitempty"`
	ChannelID       int           `json:"channel_id,omitempty"`
	CartID          string        `json:"cart_id,omitempty"`
	BillingAddress  *Address      `json:"billing_address,omitempty"`
	Lines           []SeedLine    `json:"lines,omitempty"`
	ShippingCost    string        `json:"shipping_cost_ex_tax,omitempty"`
	CustomerMessage string        `json:"customer_message,omitempty"`
	StaffNotes      string        `json:"staff_notes,omitempty"`
	IsDeleted       bool          `json:"is_deleted,omitempty"`
	Addresses       []SeedAddress `json:"shipping_addresses,omitempty"`
	ExternalID      string        `json:"external_id,omitempty"`
}

// SeedLine is one line of a seeded order: a product by id (its price
// from bcmock's invented catalogue unless given), or a custom product by
// name and price.
type SeedLine struct {
	ProductID  int    `json:"product_id,omitempty"`
	Name       string `json:"name,omitempty"`
	SKU        string `json:"sku,omitempty"`
	Quantity   int    `json:"quantity"`
	PriceExTax string `json:"price_ex_tax,omitempty"`
}

// SeedAddress is one shipping address of a seeded order.
type SeedAddress struct {
	Address
	ShippingMethod string `json:"shipping_method,omitempty"`
	CostExTax      string `json:"cost_ex_tax,omitempty"`
}

// SeedCart is the body of POST /__bcmock/stores/{store_hash}/carts: a cart
// put in place without any event. A cart without line items gets
// invented ones.
type SeedCart struct {
	// ID is the cart's id (a UUID); "": invented. An id the store holds
	// is refused (422).
	ID         string         `json:"id,omitempty"`
	CustomerID int            `json:"customer_id,omitempty"`
	ChannelID  int            `json:"channel_id,omitempty"`
	Email      string         `json:"email,omitempty"`
	LineItems  []SeedCartLine `json:"line_items,omitempty"`
}

// SeedCartLine is one line item of a seeded cart.
type SeedCartLine struct {
	ProductID int    `json:"product_id"`
	VariantID int    `json:"variant_id,omitempty"`
	Quantity  int    `json:"quantity"`
	ListPrice string `json:"list_price,omitempty"`
	Name      string `json:"name,omitempty"`
}

func storePath(storeHash string) string { return "/stores/" + url.PathEscape(storeHash) }

// State dumps the store's model.
func (c *Client) State(ctx context.Context, storeHash string) (StoreState, error) {
	var s StoreState
	if err := c.do(ctx, http.MethodGet, storePath(storeHash)+"/state", nil, http.StatusOK, &s); err != nil {
		return StoreState{}, fmt.Errorf("read the state of store %s: %w", storeHash, err)
	}
	return s, nil
}

// SeedOrder puts an order in the store without firing any event and
// returns it as the store holds it.
func (c *Client) SeedOrder(ctx context.Context, storeHash string, o SeedOrder) (OrderState, error) {
	var out OrderState
	if err := c.do(ctx, http.MethodPost, storePath(storeHash)+"/orders", o, http.StatusCreated, &out); err != nil {
		return OrderState{}, fmt.Errorf("seed an order in store %s: %w", storeHash, err)
	}
	return out, nil
}

// SeedCart puts a cart in the store without firing any event and returns
// it as the store holds it.
func (c *Client) SeedCart(ctx context.Context, storeHash string, cart SeedCart) (CartState, error) {
	var out CartState
	if err := c.do(ctx, http.MethodPost, storePath(storeHash)+"/carts", cart, http.StatusCreated, &out); err != nil {
		return CartState{}, fmt.Errorf("seed a cart in store %s: %w", storeHash, err)
	}
	return out, nil
}

// PayOrder takes payment for an unpaid order (Incomplete, Pending or
// Awaiting Payment), as a successful charge through BigCommerce's Payments
// API does: the order moves to 11 (Awaiting Fulfillment) with a purchase
// transaction, and the cart it came from is converted. The mock fires
// statusUpdated, order/updated, order/transaction/created and
// cart/converted. It returns the order as it is then.
func (c *Client) PayOrder(ctx context.Context, storeHash string, orderID int) (OrderState, error) {
	var out OrderState
	if err := c.do(ctx, http.MethodPost, storePath(storeHash)+"/orders/"+strconv.Itoa(orderID)+"/pay", nil, http.StatusOK, &out); err != nil {
		return OrderState{}, fmt.Errorf("pay order %d of store %s: %w", orderID, storeHash, err)
	}
	return out, nil
}
