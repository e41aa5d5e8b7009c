package shop

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// The writes an integration makes through BigCommerce's own paths. Each
// changes the state and returns the events BigCommerce fires for it, in
// order (reference: bigcommerce-rest.md §5); the caller raises them. A
// write that cannot be made returns an error wrapping ErrNotFound,
// ErrInvalid or ErrFull and changes nothing.

// OrderInput is the body of POST and PUT /v2/orders[/{id}]: nil fields are
// not given.
type OrderInput struct {
	StatusID        *int
	CustomerID      *int
	ChannelID       *int
	Billing         *Address
	Lines           []LineInput
	Addresses       []AddressInput
	ShippingCost    *Money
	HandlingCost    *Money
	Discount        *Money
	CustomerMessage *string
	StaffNotes      *string
	PaymentMethod   *string
	ExternalSource  *string
	ExternalID      *string
	ExternalOrderID *string
	// Created is date_created, which only a create takes (a migrated
	// historical order keeps its date); nil is now.
	Created *time.Time
	Deleted *bool
}

// LineInput is one order line of a write: a catalogue product by id, or a
// custom product by name and price.
type LineInput struct {
	ProductID int
	Name      string
	SKU       string
	Quantity  int
	Price     *Money // ex tax; a custom product needs it or PriceIncTax
	// PriceIncTax is the price with tax, used when Price is not given:
	// the price ex tax is worked back from the order's tax rate.
	PriceIncTax *Money
}

// AddressInput is one shipping address of a write.
type AddressInput struct {
	Address Address
	Method  string
	Cost    *Money
}

func invalid(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrInvalid, fmt.Sprintf(format, args...))
}

// conflict is an input at odds with the store's data (a SKU taken, a
// category or brand that does not exist): BigCommerce's 409.
func conflict(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrConflict, fmt.Sprintf(format, args...))
}

func notFound(what string, id any) error {
	return fmt.Errorf("%w: %s %v", ErrNotFound, what, id)
}

// Order returns order id, or nil.
func (st *Store) Order(id int) *Order { return st.orders[id] }

// Cart returns cart id, or nil once converted or deleted.
func (st *Store) Cart(id string) *Cart { return st.carts[id] }

// CartByToken returns the cart of an abandoned-cart token, or nil.
func (st *Store) CartByToken(token string) *Cart { return st.carts[st.tokens[token]] }

// CreateOrder makes an order, as POST /v2/orders does: status 1 (Pending)
// unless given, order_source "external". It fires store/order/created.
func (st *Store) CreateOrder(in OrderInput) (*Order, []Event, error) {
	if in.Billing == nil {
		return nil, nil, invalid("billing_address: is required")
	}
	o, err := st.createOrder(st.next.order, "external", in)
	if err != nil {
		return nil, nil, err
	}
	var f fired
	f.order(o, "created")
	return o, f, nil
}

// createOrder makes order id of in's lines, the write behind CreateOrder
// and SeedOrder.
func (st *Store) createOrder(id int, source string, in OrderInput) (*Order, error) {
	if err := st.roomForOrder(); err != nil {
		return nil, err
	}
	if len(in.Lines) == 0 {
		return nil, invalid("products: an order needs at least one product")
	}
	now := st.now()
	o := &Order{ID: id, StatusID: bigcommerce.StatusPending, ChannelID: defaultChannel, Source: source,
		Created: now, Modified: now, Currency: currency, TaxRate: taxRate, PaymentMethod: "Manual"}
	if err := st.setOrder(o, in, true); err != nil {
		return nil, err
	}
	if in.Created != nil {
		o.Created = in.Created.UTC().Truncate(time.Second)
	}
	seen(&st.next.order, o.ID)
	st.keepOrder(o)
	return o, nil
}

// UpdateOrder changes order id, as PUT /v2/orders/{id} does. It fires
// store/order/updated, preceded by statusUpdated when status_id changed;
// is_deleted true archives the order instead (store/order/archived).
func (st *Store) UpdateOrder(id int, in OrderInput) (*Order, []Event, error) {
	o := st.orders[id]
	if o == nil {
		return nil, nil, notFound("order", id)
	}
	cp := *o
	prev, wasDeleted := o.StatusID, o.Deleted
	if err := st.setOrder(&cp, in, false); err != nil {
		return nil, nil, err
	}
	cp.Modified = st.now()
	*o = cp
	var f fired
	if o.Deleted && !wasDeleted {
		f.order(o, "archived")
		return o, f, nil
	}
	f.status(o, prev)
	return o, f, nil
}

// setOrder applies the given fields of in to o. New lines and addresses
// replace the old ones only on create: v2 PUT may add products, but
// bcmock keeps an order's lines once made (its shipments name them).
func (st *Store) setOrder(o *Order, in OrderInput, create bool) error {
	if in.StatusID != nil {
		if _, ok := bigcommerce.StatusName(*in.StatusID); !ok {
			return invalid("status_id: %d is not an order status (0 to 14)", *in.StatusID)
		}
		o.StatusID = *in.StatusID
	}
	setInt(&o.CustomerID, in.CustomerID)
	setInt(&o.ChannelID, in.ChannelID)
	if in.Billing != nil {
		b := *in.Billing
		o.Billing = &b
	}
	setMoney(&o.ShippingCost, in.ShippingCost)
	setMoney(&o.HandlingCost, in.HandlingCost)
	setMoney(&o.Discount, in.Discount)
	setString(&o.CustomerMessage, in.CustomerMessage)
	setString(&o.StaffNotes, in.StaffNotes)
	setString(&o.PaymentMethod, in.PaymentMethod)
	setString(&o.ExternalSource, in.ExternalSource)
	setString(&o.ExternalID, in.ExternalID)
	setString(&o.ExternalOrderID, in.ExternalOrderID)
	if in.Deleted != nil {
		o.Deleted = *in.Deleted
	}
	if !create {
		if len(in.Lines) > 0 || len(in.Addresses) > 0 {
			return invalid("products, shipping_addresses: bcmock does not change the lines or addresses of an existing order; use the sub-resources")
		}
		return nil
	}
	return st.setLines(o, in)
}

// setLines makes o's shipping addresses (the billing address when none is
// given) and lines, every line going to the first address.
func (st *Store) setLines(o *Order, in OrderInput) error {
	if len(in.Lines) > st.limits().Children || len(in.Addresses) > st.limits().Children {
		return invalid("products: at most %d per order", st.limits().Children)
	}
	addrs := in.Addresses
	if len(addrs) == 0 {
		addrs = []AddressInput{{Address: *o.Billing, Method: "Free Shipping"}}
	}
	o.Addresses = o.Addresses[:0]
	for _, a := range addrs {
		addr := a.Address
		sa := &ShippingAddress{ID: bump(&st.next.address), Address: &addr, Method: a.Method}
		setMoney(&sa.Cost, a.Cost)
		o.Addresses = append(o.Addresses, sa)
	}
	if in.ShippingCost == nil {
		for _, a := range o.Addresses {
			o.ShippingCost += a.Cost
		}
	}
	for i, li := range in.Lines {
		if li.Price == nil && li.PriceIncTax != nil {
			ex := exTax(*li.PriceIncTax, o.TaxRate)
			li.Price = &ex
		}
		l, err := st.line(li, o.Addresses[0].ID)
		if err != nil {
			return invalid("products[%d]: %v", i, err)
		}
		o.Lines = append(o.Lines, l)
	}
	return nil
}

// line makes an order line of a write.
func (st *Store) line(li LineInput, addressID int) (*Line, error) {
	if li.Quantity < 1 {
		return nil, errors.New("quantity must be at least 1")
	}
	if li.ProductID != 0 {
		p, ok := st.productByID(li.ProductID)
		if !ok {
			p = product{id: li.ProductID, name: "Product " + strconv.Itoa(li.ProductID), sku: "SKU-" + strconv.Itoa(li.ProductID), price: 10 * Unit, weight: 1}
		}
		l := st.lineOf(p, li.Quantity, addressID)
		setMoney(&l.Price, li.Price)
		return l, nil
	}
	if li.Name == "" || li.Price == nil {
		return nil, errors.New("a custom product (no product_id) needs name and price_ex_tax or price_inc_tax")
	}
	return &Line{ID: bump(&st.next.line), Name: li.Name, SKU: li.SKU, Type: "physical", Quantity: li.Quantity,
		Price: *li.Price, AddressID: addressID}, nil
}

// exTax is the price ex tax of inc, a price with tax at rate bp (basis
// points), rounded to the nearest ten-thousandth.
func exTax(inc Money, bp int) Money {
	return Money(math.Round(float64(inc) * 10_000 / float64(10_000+bp)))
}

// ArchiveOrder archives order id, as DELETE /v2/orders/{id} does: it stays
// readable with is_deleted true. It fires store/order/archived.
func (st *Store) ArchiveOrder(id int) ([]Event, error) {
	o := st.orders[id]
	if o == nil {
		return nil, notFound("order", id)
	}
	o.Deleted, o.Modified = true, st.now()
	var f fired
	f.order(o, "archived")
	return f, nil
}

// ArchiveAll archives every order not archived yet, as DELETE /v2/orders
// does, one store/order/archived each, in id order.
func (st *Store) ArchiveAll() []Event {
	var f fired
	for _, o := range st.OrderList(OrderFilter{}) {
		o.Deleted, o.Modified = true, st.now()
		f.order(o, "archived")
	}
	return f
}

// ShipmentInput is the body of POST and PUT /v2/orders/{id}/shipments.
type ShipmentInput struct {
	AddressID      int
	Items          []ShipmentItem // LineID and Quantity
	TrackingNumber *string
	Carrier        *string
	Provider       *string
	Method         *string
	Comments       *string
	TrackingLink   *string // a custom tracking link
	Cost           *Money  // merchant_shipping_cost
}

// AddShipment ships items of order id, as POST /v2/orders/{id}/shipments
// does. The order moves to Shipped (every item shipped) or Partially
// Shipped. It fires store/shipment/created, then statusUpdated if the
// status moved, then order/updated.
func (st *Store) AddShipment(orderID int, in ShipmentInput) (*Shipment, []Event, error) {
	o := st.orders[orderID]
	if o == nil {
		return nil, nil, notFound("order", orderID)
	}
	if len(o.Shipments) >= st.limits().Children {
		return nil, nil, fmt.Errorf("%w: the order has %d shipments, the most bcmock keeps", ErrFull, len(o.Shipments))
	}
	if o.Address(in.AddressID) == nil {
		return nil, nil, invalid("order_address_id: order %d has no shipping address %d", orderID, in.AddressID)
	}
	if err := checkItems(o, in.Items); err != nil {
		return nil, nil, err
	}
	s := &Shipment{ID: st.next.shipment, AddressID: in.AddressID, Created: st.now()}
	setShipment(s, in)
	for _, it := range in.Items {
		l := o.Line(it.LineID)
		l.Shipped += it.Quantity
		s.Items = append(s.Items, ShipmentItem{LineID: l.ID, ProductID: l.ProductID, Quantity: it.Quantity})
	}
	prev := o.StatusID
	st.addShipment(o, s)
	var f fired
	f.shipment(o, s, "created")
	f.status(o, prev)
	return s, f, nil
}

// checkItems checks that every item names a line of o and ships no more
// than is left of it.
func checkItems(o *Order, items []ShipmentItem) error {
	if len(items) == 0 {
		return invalid("items: a shipment needs at least one item")
	}
	left := map[int]int{}
	for _, l := range o.Lines {
		left[l.ID] = l.Quantity - l.Shipped
	}
	for i, it := range items {
		n, ok := left[it.LineID]
		switch {
		case !ok:
			return invalid("items[%d].order_product_id: order %d has no product %d", i, o.ID, it.LineID)
		case it.Quantity < 1:
			return invalid("items[%d].quantity: must be at least 1", i)
		case it.Quantity > n:
			return invalid("items[%d].quantity: %d is more than the %d left to ship of product %d", i, it.Quantity, n, it.LineID)
		}
		left[it.LineID] = n - it.Quantity
	}
	return nil
}

func setShipment(s *Shipment, in ShipmentInput) {
	setString(&s.TrackingNumber, in.TrackingNumber)
	setString(&s.Carrier, in.Carrier)
	setString(&s.Provider, in.Provider)
	setString(&s.Method, in.Method)
	setString(&s.Comments, in.Comments)
	setString(&s.TrackingLink, in.TrackingLink)
	setMoney(&s.Cost, in.Cost)
}

// UpdateShipment changes a shipment's tracking details, as PUT
// /v2/orders/{id}/shipments/{sid} does. It fires store/shipment/updated.
func (st *Store) UpdateShipment(orderID, id int, in ShipmentInput) (*Shipment, []Event, error) {
	o := st.orders[orderID]
	if o == nil {
		return nil, nil, notFound("order", orderID)
	}
	s := o.Shipment(id)
	if s == nil {
		return nil, nil, notFound("shipment", id)
	}
	if in.AddressID != 0 {
		if o.Address(in.AddressID) == nil {
			return nil, nil, invalid("order_address_id: order %d has no shipping address %d", orderID, in.AddressID)
		}
		s.AddressID = in.AddressID
	}
	setShipment(s, in)
	o.Modified = st.now()
	var f fired
	f.shipment(o, s, "updated")
	return s, f, nil
}

// DeleteShipment deletes a shipment; the order keeps its status. It fires
// store/shipment/deleted.
func (st *Store) DeleteShipment(orderID, id int) ([]Event, error) {
	o := st.orders[orderID]
	if o == nil {
		return nil, notFound("order", orderID)
	}
	s := o.Shipment(id)
	if s == nil || !st.removeShipment(o, id) {
		return nil, notFound("shipment", id)
	}
	var f fired
	f.shipment(o, s, "deleted")
	return f, nil
}

// DeleteShipments deletes every shipment of an order, one
// store/shipment/deleted each.
func (st *Store) DeleteShipments(orderID int) ([]Event, error) {
	o := st.orders[orderID]
	if o == nil {
		return nil, notFound("order", orderID)
	}
	var f fired
	for len(o.Shipments) > 0 {
		s := o.Shipments[0]
		st.removeShipment(o, s.ID)
		f.shipment(o, s, "deleted")
	}
	return f, nil
}

// UpdateShippingAddress replaces a shipping address of an order (no
// recalculation happens, as on BigCommerce). It fires store/order/updated.
func (st *Store) UpdateShippingAddress(orderID, id int, addr Address, method *string) (*ShippingAddress, []Event, error) {
	o := st.orders[orderID]
	if o == nil {
		return nil, nil, notFound("order", orderID)
	}
	a := o.Address(id)
	if a == nil {
		return nil, nil, notFound("shipping address", id)
	}
	a.Address = &addr
	setString(&a.Method, method)
	o.Modified = st.now()
	var f fired
	f.order(o, "updated")
	return a, f, nil
}

func setInt(dst *int, v *int) {
	if v != nil {
		*dst = *v
	}
}

func setMoney(dst *Money, v *Money) {
	if v != nil {
		*dst = *v
	}
}

func setString(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}
