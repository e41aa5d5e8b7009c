package shop

import (
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Address is a postal address with its contact, as an order's billing and
// shipping addresses carry it. Invented addresses are shared between
// entities (they come from the shop's pool), so an Address is never
// changed in place: a write replaces it.
type Address struct {
	FirstName, LastName, Company, Street1, Street2 string
	City, State, Zip, Country, CountryISO2         string
	Phone, Email                                   string
}

// Order is one order of the store.
type Order struct {
	ID         int
	StatusID   int
	CustomerID int // 0: a guest
	ChannelID  int
	CartID     string // the cart it was made from; "" when none
	// Source is order_source: "www" (storefront), "external" (the v2 API),
	// "checkout_api", "manual".
	Source           string
	ExternalSource   string
	ExternalID       string
	ExternalOrderID  string // external_order_id: the order's id in another system
	Created          time.Time
	Modified         time.Time
	Shipped          time.Time // zero until every line is shipped
	Billing          *Address
	Currency         string
	PaymentMethod    string
	PaymentStatus    string
	CustomerMessage  string
	StaffNotes       string
	ShippingCost     Money // ex tax
	HandlingCost     Money // ex tax
	Discount         Money
	TaxRate          int // basis points, on lines and shipping
	IPAddress        string
	Lines            []*Line
	Addresses        []*ShippingAddress
	Shipments        []*Shipment
	Coupons          []*Coupon
	Transactions     []*Transaction
	Refunds          []*Refund
	Messages         []*Message
	Deleted          bool // archived
	linesFromAnEvent bool // invented for an event: a cart it converts replaces them
}

// Line is one product line of an order (v2 "order product").
type Line struct {
	ID        int
	ProductID int // 0: a custom product
	VariantID int
	Name      string
	SKU       string
	Type      string // physical, digital, giftcertificate
	Quantity  int
	Shipped   int
	Refunded  int
	Price     Money // one item, ex tax
	Weight    float64
	AddressID int // the shipping address it goes to
}

// ShippingAddress is one of an order's shipping addresses.
type ShippingAddress struct {
	ID      int
	Address *Address
	Method  string
	Cost    Money // ex tax
}

// Shipment ships some of an order's lines to one of its addresses.
type Shipment struct {
	ID             int
	AddressID      int
	Created        time.Time
	TrackingNumber string
	Carrier        string
	Provider       string
	Method         string
	Comments       string
	TrackingLink   string // the custom tracking link given, "" when none
	Cost           Money  // merchant_shipping_cost
	Items          []ShipmentItem
}

// ShipmentItem is a quantity of one order line in a shipment.
type ShipmentItem struct {
	LineID    int
	ProductID int
	Quantity  int
}

// Coupon is a coupon applied to an order or a cart.
type Coupon struct {
	ID       int
	CouponID int
	Code     string
	Type     int // BigCommerce's coupon_type, 0..5
	Amount   Money
}

// CouponPercentage is coupon_type 1, a percentage off: the model's
// coupons take 10% of the cart.
const CouponPercentage = 1

// Transaction is a payment event of an order (v3 transactions).
type Transaction struct {
	ID int
	// WebhookID is the transaction_id a webhook named it by (webhooks
	// carry a string id the REST resource has no field for).
	WebhookID            string
	Event                string // purchase, authorization, capture, refund, void, ...
	Method               string // credit_card, ...
	Gateway              string
	GatewayTransactionID string
	Status               string // ok, error
	Amount               Money
	Currency             string
	Test                 bool
	Created              time.Time
}

// Refund is a refund of an order (v3 payment_actions/refunds).
type Refund struct {
	ID      int
	Created time.Time
	Reason  string
	Amount  Money
	Tax     Money
	Items   []RefundItem
	// Payments are where the money went back; none for a refund an event
	// made (RefundPayments stands in for them).
	Payments []RefundPayment
	Override bool // the merchant gave the total and tax
}

// RefundItem is what one refund gives back.
type RefundItem struct {
	Type     string // PRODUCT, SHIPPING, ORDER, ...
	ItemID   int
	Quantity int
	Amount   Money
	// Requested: the amount was asked for, not priced from a quantity.
	Requested bool
	Reason    string
}

// Message is a message on an order (v2 order messages).
type Message struct {
	ID      int
	Subject string
	Text    string
	Created time.Time
}

// Status returns the order's status name.
func (o *Order) Status() string {
	name, _ := bigcommerce.StatusName(o.StatusID)
	return name
}

// LineTax is the tax on one item of l.
func (o *Order) LineTax(l *Line) Money { return l.Price.Rate(o.TaxRate) }

// Subtotal is the sum of the lines, ex tax.
func (o *Order) Subtotal() Money {
	var sum Money
	for _, l := range o.Lines {
		sum += l.Price.Times(l.Quantity)
	}
	return sum
}

// SubtotalTax is the tax on the lines.
func (o *Order) SubtotalTax() Money {
	var sum Money
	for _, l := range o.Lines {
		sum += o.LineTax(l).Times(l.Quantity)
	}
	return sum
}

// ShippingTax is the tax on shipping.
func (o *Order) ShippingTax() Money { return o.ShippingCost.Rate(o.TaxRate) }

// TotalExTax is what the order costs before tax.
func (o *Order) TotalExTax() Money {
	return o.Subtotal() + o.ShippingCost + o.HandlingCost - o.Discount
}

// TotalTax is the tax of the order.
func (o *Order) TotalTax() Money { return o.SubtotalTax() + o.ShippingTax() }

// TotalIncTax is what the customer pays: TotalExTax plus TotalTax.
func (o *Order) TotalIncTax() Money { return o.TotalExTax() + o.TotalTax() }

// ItemsTotal is the number of items ordered.
func (o *Order) ItemsTotal() int {
	n := 0
	for _, l := range o.Lines {
		n += l.Quantity
	}
	return n
}

// ItemsShipped is the number of items shipped.
func (o *Order) ItemsShipped() int {
	n := 0
	for _, l := range o.Lines {
		n += l.Shipped
	}
	return n
}

// Line returns the line with id, or nil.
func (o *Order) Line(id int) *Line { return find(o.Lines, id, func(l *Line) int { return l.ID }) }

// Address returns the shipping address with id, or nil.
func (o *Order) Address(id int) *ShippingAddress {
	return find(o.Addresses, id, func(a *ShippingAddress) int { return a.ID })
}

// AddressItems returns the items ordered and shipped to address id.
func (o *Order) AddressItems(id int) (total, shipped int) {
	for _, l := range o.Lines {
		if l.AddressID == id {
			total += l.Quantity
			shipped += l.Shipped
		}
	}
	return total, shipped
}

// Shipment returns the shipment with id, or nil.
func (o *Order) Shipment(id int) *Shipment {
	return find(o.Shipments, id, func(s *Shipment) int { return s.ID })
}

// Refund returns the refund with id, or nil.
func (o *Order) Refund(id int) *Refund {
	return find(o.Refunds, id, func(r *Refund) int { return r.ID })
}

// Refunded is what the order's refunds gave back.
func (o *Order) Refunded() Money {
	var sum Money
	for _, r := range o.Refunds {
		sum += r.Amount
	}
	return sum
}

// Refundable is what is left to refund.
func (o *Order) Refundable() Money { return o.TotalIncTax() - o.Refunded() }
