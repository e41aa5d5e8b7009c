package shop

import "time"

// Cart is a cart of the store (v3 carts, the management API). A converted
// or deleted cart is gone: reads of it are 404s.
type Cart struct {
	ID         string // a UUID
	CustomerID int    // 0: a guest
	ChannelID  int
	Email      string
	Currency   string
	Locale     string
	Created    time.Time
	Updated    time.Time
	Lines      []*CartLine
	// Custom are the cart's custom items (line_items.custom_items): a
	// SKU, a name and a price that no catalog product stands behind.
	Custom  []*CartCustomItem
	Coupons []*Coupon
	// Billing is the checkout's billing address; nil until one is given.
	Billing *CheckoutAddress
	// CustomerMessage is the checkout's customer_message.
	CustomerMessage string
	// Token is the abandoned-cart token, once store/cart/abandoned fired.
	Token string
	// OrderID is the order a checkout made from the cart; 0 before.
	OrderID int
	// Version is Cart_Full's version: 1 when the cart is made, one more
	// for each change. A write naming another version is refused (409).
	Version int
}

// CartLine is one physical item of a cart.
type CartLine struct {
	ID        string // a UUID: the id of store/cart/lineItem/* events
	ProductID int
	VariantID int
	Name      string
	SKU       string
	Quantity  int
	ListPrice Money // one item
	SalePrice Money // one item
}

// CartCustomItem is one custom item of a cart.
type CartCustomItem struct {
	ID        string // a UUID, like a line item's
	SKU       string
	Name      string
	Quantity  int
	ListPrice Money // one item
}

// CheckoutAddress is a checkout's billing address (BigCommerce's
// AddressProperties with the id the checkout gives it).
type CheckoutAddress struct {
	ID                                   string
	FirstName, LastName, Email, Company  string
	Address1, Address2, City             string
	StateOrProvince, StateOrProvinceCode string
	CountryCode, PostalCode, Phone       string
	CustomFields                         []CheckoutCustomField
}

// CheckoutCustomField is a form field's value on a checkout address.
type CheckoutCustomField struct {
	FieldID, FieldValue string
}

// Amount is the cart's total before coupons: its physical and custom
// items.
func (c *Cart) Amount() Money {
	sum := c.PhysicalAmount()
	for _, ci := range c.Custom {
		sum += ci.ListPrice.Times(ci.Quantity)
	}
	return sum
}

// PhysicalAmount is what the cart's physical items come to.
func (c *Cart) PhysicalAmount() Money {
	var sum Money
	for _, l := range c.Lines {
		sum += l.SalePrice.Times(l.Quantity)
	}
	return sum
}

// Items is how many line items (physical and custom) the cart holds.
func (c *Cart) Items() int { return len(c.Lines) + len(c.Custom) }

// Discount is what the cart's coupons take off.
func (c *Cart) Discount() Money {
	var sum Money
	for _, cp := range c.Coupons {
		sum += cp.Amount
	}
	return sum
}

// Line returns the cart line with id, or nil.
func (c *Cart) Line(id string) *CartLine {
	return find(c.Lines, id, func(l *CartLine) string { return l.ID })
}

// customItem returns the cart's custom item with id, or nil.
func (c *Cart) customItem(id string) *CartCustomItem {
	return find(c.Custom, id, func(ci *CartCustomItem) string { return ci.ID })
}
