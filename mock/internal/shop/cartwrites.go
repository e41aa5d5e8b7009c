package shop

import (
	"fmt"
	"slices"
	"strconv"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// CartInput is the body of POST /v3/carts.
type CartInput struct {
	CustomerID int
	ChannelID  int // 0: the default channel
	Email      string
	Locale     string
	Lines      []CartLineInput
	Custom     []CartCustomInput
}

// CartCustomInput is one custom item of a cart write: BigCommerce's
// custom_items (sku, name, quantity, list_price).
type CartCustomInput struct {
	SKU       string
	Name      string
	Quantity  int
	ListPrice Money
}

// CartLineInput is one line item of a cart write.
type CartLineInput struct {
	ProductID int
	VariantID int
	Quantity  int
	ListPrice *Money // one item; the product's price when not given
	Name      string
}

// CreateCart makes a cart, as POST /v3/carts does. It fires
// store/cart/created, store/cart/updated, then store/cart/lineItem/created
// for each item.
func (st *Store) CreateCart(in CartInput) (*Cart, []Event, error) {
	c, err := st.createCart(st.faker.UUID(), in)
	if err != nil {
		return nil, nil, err
	}
	var f fired
	f.cart(c, "created", nil)
	f.cart(c, "updated", nil)
	for _, id := range c.itemIDs() {
		f.cartLine(c, id, "created")
	}
	return c, f, nil
}

// createCart makes cart id of in's lines, the write behind CreateCart and
// SeedCart.
func (st *Store) createCart(id string, in CartInput) (*Cart, error) {
	if len(st.carts) >= st.limits().Carts {
		return nil, fmt.Errorf("%w: the store holds %d carts, the most bcmock keeps", ErrFull, st.limits().Carts)
	}
	if len(in.Lines) == 0 && len(in.Custom) == 0 {
		return nil, invalid("line_items: a cart needs at least one line item or custom item")
	}
	now := st.now()
	c := &Cart{ID: id, CustomerID: in.CustomerID, ChannelID: in.ChannelID, Email: in.Email,
		Currency: currency, Locale: in.Locale, Created: now, Updated: now, Version: 1}
	if c.ChannelID == 0 {
		c.ChannelID = defaultChannel
	}
	if c.Locale == "" {
		c.Locale = "en"
	}
	lines, err := st.cartLines(c, in.Lines)
	if err != nil {
		return nil, err
	}
	custom, err := st.customItems(c, len(lines), in.Custom)
	if err != nil {
		return nil, err
	}
	c.Lines, c.Custom = lines, custom
	st.carts[c.ID] = c
	return c, nil
}

// itemIDs are the ids of the cart's line items, physical then custom.
func (c *Cart) itemIDs() []string {
	out := make([]string, 0, c.Items())
	for _, l := range c.Lines {
		out = append(out, l.ID)
	}
	for _, ci := range c.Custom {
		out = append(out, ci.ID)
	}
	return out
}

// customItems makes the custom items of a cart write; adding says how
// many physical items the same write adds.
func (st *Store) customItems(c *Cart, adding int, in []CartCustomInput) ([]*CartCustomItem, error) {
	if c.Items()+adding+len(in) > st.limits().Children {
		return nil, invalid("custom_items: at most %d line items per cart", st.limits().Children)
	}
	out := make([]*CartCustomItem, 0, len(in))
	for i, ci := range in {
		switch {
		case ci.Quantity < 1:
			return nil, invalid("custom_items[%d].quantity: must be at least 1", i)
		case ci.Name == "":
			return nil, invalid("custom_items[%d].name: is required", i)
		case ci.ListPrice < 0:
			return nil, invalid("custom_items[%d].list_price: must not be negative", i)
		}
		out = append(out, &CartCustomItem{ID: st.faker.UUID(), SKU: ci.SKU, Name: ci.Name, Quantity: ci.Quantity, ListPrice: ci.ListPrice})
	}
	return out, nil
}

// cartLines makes the line items of a cart write.
func (st *Store) cartLines(c *Cart, in []CartLineInput) ([]*CartLine, error) {
	if c.Items()+len(in) > st.limits().Children {
		return nil, invalid("line_items: at most %d per cart", st.limits().Children)
	}
	out := make([]*CartLine, 0, len(in))
	for i, li := range in {
		if li.Quantity < 1 {
			return nil, invalid("line_items[%d].quantity: must be at least 1", i)
		}
		if li.ProductID < 1 {
			return nil, invalid("line_items[%d].product_id: is required", i)
		}
		p, ok := st.productByID(li.ProductID)
		if !ok {
			p = product{id: li.ProductID, variantID: li.VariantID, name: "Product " + strconv.Itoa(li.ProductID), sku: "SKU-" + strconv.Itoa(li.ProductID), price: 10 * Unit}
		}
		if li.VariantID != 0 {
			p.variantID = li.VariantID
		}
		if li.Name != "" {
			p.name = li.Name
		}
		l := st.cartLineOf(st.faker.UUID(), p, li.Quantity)
		if li.ListPrice != nil {
			l.ListPrice, l.SalePrice = *li.ListPrice, *li.ListPrice
		}
		out = append(out, l)
	}
	return out, nil
}

// touchCart records a change of c: its updated_time and version.
func (st *Store) touchCart(c *Cart) {
	c.Updated = st.now()
	c.Version++
}

// CheckCartVersion refuses (ErrConflict) a write of cart id that names a
// version, when it is not the cart's current one; a nil version is no
// check. An unknown cart is ErrNotFound.
func (st *Store) CheckCartVersion(id string, version *int) error {
	c, err := st.cart(id)
	if err != nil || version == nil || *version == c.Version {
		return err
	}
	return fmt.Errorf("%w: cart %s is at version %d, not %d", ErrConflict, id, c.Version, *version)
}

// cart returns cart id or a not-found error.
func (st *Store) cart(id string) (*Cart, error) {
	c := st.carts[id]
	if c == nil {
		return nil, notFound("cart", id)
	}
	return c, nil
}

// AddCartItems adds line items, as POST /v3/carts/{id}/items does. It
// fires store/cart/lineItem/created for each, then store/cart/updated.
func (st *Store) AddCartItems(id string, in []CartLineInput, custom []CartCustomInput) (*Cart, []Event, error) {
	c, err := st.cart(id)
	if err != nil {
		return nil, nil, err
	}
	if len(in) == 0 && len(custom) == 0 {
		return nil, nil, invalid("line_items: at least one line item or custom item is required")
	}
	lines, err := st.cartLines(c, in)
	if err != nil {
		return nil, nil, err
	}
	customs, err := st.customItems(c, len(lines), custom)
	if err != nil {
		return nil, nil, err
	}
	c.Lines = append(c.Lines, lines...)
	c.Custom = append(c.Custom, customs...)
	st.touchCart(c)
	var f fired
	for _, l := range lines {
		f.cartLine(c, l.ID, "created")
	}
	for _, ci := range customs {
		f.cartLine(c, ci.ID, "created")
	}
	f.cart(c, "updated", nil)
	return c, f, nil
}

// UpdateCartItem sets a line item's quantity, as PUT
// /v3/carts/{id}/items/{item} does. It fires store/cart/lineItem/updated,
// then store/cart/updated.
func (st *Store) UpdateCartItem(id, item string, quantity int) (*Cart, []Event, error) {
	c, err := st.cart(id)
	if err != nil {
		return nil, nil, err
	}
	if quantity < 1 {
		return nil, nil, invalid("line_item.quantity: must be at least 1")
	}
	if l := c.Line(item); l != nil {
		l.Quantity = quantity
	} else if ci := c.customItem(item); ci != nil {
		ci.Quantity = quantity
	} else {
		return nil, nil, notFound("line item", item)
	}
	st.touchCart(c)
	var f fired
	f.cartLine(c, item, "updated")
	f.cart(c, "updated", nil)
	return c, f, nil
}

// DeleteCartItem removes a line item, as DELETE /v3/carts/{id}/items/{item}
// does. It fires store/cart/lineItem/deleted and store/cart/updated, then,
// when it was the last item, store/cart/deleted: the cart is gone and the
// returned cart is nil.
func (st *Store) DeleteCartItem(id, item string) (*Cart, []Event, error) {
	c, err := st.cart(id)
	if err != nil {
		return nil, nil, err
	}
	switch {
	case c.Line(item) != nil:
		c.Lines = removeCartLine(c.Lines, item)
	case c.customItem(item) != nil:
		c.Custom = slices.DeleteFunc(c.Custom, func(ci *CartCustomItem) bool { return ci.ID == item })
	default:
		return nil, nil, notFound("line item", item)
	}
	st.touchCart(c)
	var f fired
	f.cartLine(c, item, "deleted")
	f.cart(c, "updated", nil)
	if c.Items() == 0 {
		delete(st.carts, id)
		f.cart(c, "deleted", nil)
		return nil, f, nil
	}
	return c, f, nil
}

// DeleteCart deletes a cart, as DELETE /v3/carts/{id} does. It fires
// store/cart/deleted.
func (st *Store) DeleteCart(id string) ([]Event, error) {
	c, err := st.cart(id)
	if err != nil {
		return nil, err
	}
	delete(st.carts, id)
	var f fired
	f.cart(c, "deleted", nil)
	return f, nil
}

// UpdateCart sets a cart's customer, as PUT /v3/carts/{id} does. It fires
// store/cart/updated.
func (st *Store) UpdateCart(id string, customerID int) (*Cart, []Event, error) {
	c, err := st.cart(id)
	if err != nil {
		return nil, nil, err
	}
	c.CustomerID = customerID
	st.touchCart(c)
	var f fired
	f.cart(c, "updated", nil)
	return c, f, nil
}

// ApplyCoupon applies a coupon code to a cart, as POST
// /v3/checkouts/{id}/coupons does. It fires store/cart/couponApplied with
// the coupon's id.
func (st *Store) ApplyCoupon(id, code string) (*Cart, []Event, error) {
	c, err := st.cart(id)
	if err != nil {
		return nil, nil, err
	}
	if code == "" {
		return nil, nil, invalid("coupon_code: is required")
	}
	if len(c.Coupons) >= st.limits().Children {
		return nil, nil, fmt.Errorf("%w: the cart has %d coupons", ErrFull, len(c.Coupons))
	}
	cp := &Coupon{ID: bump(&st.next.coupon), Code: code, Type: CouponPercentage, Amount: c.Amount().Rate(1000)}
	cp.CouponID = cp.ID
	c.Coupons = append(c.Coupons, cp)
	st.touchCart(c)
	var f fired
	f.cart(c, "couponApplied", map[string]any{"couponId": cp.CouponID})
	return c, f, nil
}

// CreateCheckoutOrder makes an order of a cart, as POST
// /v3/checkouts/{id}/orders does: status 0 (Incomplete), order_source
// "checkout_api", cart_id set. The cart stays until the order is paid,
// and a checkout makes as many orders as it is asked for (BigCommerce's
// checkouts file: each a new number, status Incomplete); the checkout's
// order_id is the latest. It fires store/order/created.
func (st *Store) CreateCheckoutOrder(cartID string) (*Order, []Event, error) {
	c, err := st.cart(cartID)
	if err != nil {
		return nil, nil, err
	}
	if err := st.roomForOrder(); err != nil {
		return nil, nil, err
	}
	now := st.now()
	o := &Order{ID: st.next.order, StatusID: bigcommerce.StatusIncomplete, ChannelID: c.ChannelID, CartID: c.ID,
		Source: "checkout_api", Created: now, Modified: now, Currency: c.Currency, TaxRate: taxRate,
		PaymentMethod: "Credit Card", Billing: st.address(), CustomerMessage: c.CustomerMessage}
	if c.Billing != nil {
		o.Billing = c.Billing.orderAddress()
	}
	o.Addresses = []*ShippingAddress{{ID: bump(&st.next.address), Address: o.Billing, Method: "Flat Rate", Cost: 5 * Unit}}
	o.ShippingCost = 5 * Unit
	st.takeLines(o, c)
	seen(&st.next.order, o.ID)
	st.keepOrder(o)
	c.OrderID = o.ID
	var f fired
	f.order(o, "created")
	return o, f, nil
}

// PayOrder takes payment for an order, as a successful Payments API charge
// does: the order moves to 11 (Awaiting Fulfillment), a purchase
// transaction is recorded, and the cart it came from is deleted. It fires
// statusUpdated and order/updated, store/order/transaction/created, then
// store/cart/converted when a cart was converted (reference §2.16's
// checkout cascade).
func (st *Store) PayOrder(orderID int) (*Order, []Event, error) {
	o := st.orders[orderID]
	if o == nil {
		return nil, nil, notFound("order", orderID)
	}
	switch o.StatusID {
	case bigcommerce.StatusIncomplete, bigcommerce.StatusPending, 7:
	default:
		return nil, nil, invalid("order %d is %s: only an unpaid order (Incomplete, Pending, Awaiting Payment) can be paid", orderID, o.Status())
	}
	prev := o.StatusID
	o.StatusID, o.Modified = bigcommerce.StatusAwaitingFulfillment, st.now()
	t := st.inventTransaction(o, "purchase", "ok")
	t.WebhookID = strconv.Itoa(t.ID)
	o.Transactions = append(o.Transactions, t)
	var f fired
	f.status(o, prev)
	f.transaction(o, t)
	if c := st.carts[o.CartID]; c != nil {
		delete(st.carts, c.ID)
		f.cart(c, "converted", map[string]any{"orderId": o.ID})
	}
	return o, f, nil
}
