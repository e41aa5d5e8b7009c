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
	Coupons    []*Coupon
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

// Amount is the cart's total before coupons.
func (c *Cart) Amount() Money {
	var sum Money
	for _, l := range c.Lines {
		sum += l.SalePrice.Times(l.Quantity)
	}
	return sum
}

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
