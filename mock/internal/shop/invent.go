package shop

import (
	"fmt"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Defaults of invented entities; the README's fidelity section lists them.
const (
	// inventedStatus is the status of an order an event invents: paid and
	// waiting to be shipped, the state most integrations act on.
	inventedStatus = bigcommerce.StatusAwaitingFulfillment
	// defaultChannel is every store's default storefront channel.
	defaultChannel = 1
	// taxRate is the tax of invented orders, in basis points (8 %).
	taxRate  = 800
	currency = "USD"
)

// inventOrder makes order id with status, as an event that names an order
// the store does not hold implies it: one to three lines shipped to one
// address, dates from the clock.
func (st *Store) inventOrder(id, status, channel int) *Order {
	now := st.now()
	f := st.faker
	o := &Order{
		ID: id, StatusID: status, ChannelID: channel, Source: "www",
		Created: now, Modified: now, Billing: st.address(), Currency: currency,
		PaymentMethod: "Credit Card", TaxRate: taxRate,
		ShippingCost:     Money(f.IntRange(0, 4)) * 5 * Unit,
		IPAddress:        st.ip(),
		linesFromAnEvent: true,
	}
	if f.Bool() {
		o.CustomerID = f.IntRange(1, 5_000)
	}
	addr := &ShippingAddress{ID: bump(&st.next.address), Address: o.Billing, Method: "Flat Rate", Cost: o.ShippingCost}
	if f.IntRange(0, 3) == 0 {
		addr.Address = st.address()
	}
	o.Addresses = []*ShippingAddress{addr}
	n := f.IntRange(1, 3)
	o.Lines = make([]*Line, 0, n)
	for range n {
		p := st.product()
		o.Lines = append(o.Lines, st.lineOf(p, f.IntRange(1, 3), addr.ID))
	}
	if status == bigcommerce.StatusShipped {
		st.shipAll(o, now)
	}
	return o
}

// lineOf makes an order line of product p.
func (st *Store) lineOf(p product, quantity, addressID int) *Line {
	return &Line{
		ID: bump(&st.next.line), ProductID: p.id, VariantID: p.variantID, Name: p.name, SKU: p.sku,
		Type: "physical", Quantity: quantity, Price: p.price, Weight: p.weight, AddressID: addressID,
	}
}

// inventCart makes cart id with one or two lines.
func (st *Store) inventCart(id string, channel int) *Cart {
	now := st.now()
	f := st.faker
	c := &Cart{ID: id, ChannelID: channel, Currency: currency, Locale: "en", Created: now, Updated: now, Version: 1}
	if f.Bool() {
		c.CustomerID = f.IntRange(1, 5_000)
		c.Email = st.address().Email
	}
	for range f.IntRange(1, 2) {
		c.Lines = append(c.Lines, st.cartLineOf(f.UUID(), st.product(), f.IntRange(1, 3)))
	}
	return c
}

// cartLineOf makes a cart line of product p.
func (st *Store) cartLineOf(id string, p product, quantity int) *CartLine {
	return &CartLine{
		ID: id, ProductID: p.id, VariantID: p.variantID, Name: p.name, SKU: p.sku,
		Quantity: quantity, ListPrice: p.price, SalePrice: p.price,
	}
}

// inventTransaction makes a transaction of the order's total.
func (st *Store) inventTransaction(o *Order, event, status string) *Transaction {
	f := st.faker
	return &Transaction{
		ID: bump(&st.next.transaction), Event: event, Method: "credit_card", Gateway: "testgateway",
		GatewayTransactionID: "pi_" + strings.ToLower(f.LetterN(24)),
		Status:               status, Amount: o.TotalIncTax(), Currency: o.Currency, Test: true, Created: st.now(),
	}
}

// inventShipment ships every line of o not shipped yet, or, when all are,
// one item of its first line again (a shipment names lines that exist).
func (st *Store) inventShipment(o *Order, id int, at time.Time) *Shipment {
	s := &Shipment{
		ID: id, Created: at, Carrier: "ups", Provider: "ups", Method: "UPS Ground",
		TrackingNumber: fmt.Sprintf("1Z%s", strings.ToUpper(st.faker.LetterN(16))),
	}
	for _, l := range o.Lines {
		if left := l.Quantity - l.Shipped; left > 0 {
			s.Items = append(s.Items, ShipmentItem{LineID: l.ID, ProductID: l.ProductID, Quantity: left})
			l.Shipped = l.Quantity
			s.AddressID = l.AddressID
		}
	}
	if len(s.Items) == 0 && len(o.Lines) > 0 {
		l := o.Lines[0]
		s.Items = []ShipmentItem{{LineID: l.ID, ProductID: l.ProductID, Quantity: 1}}
		s.AddressID = l.AddressID
	}
	return s
}

// shipAll ships every line of o in one shipment.
func (st *Store) shipAll(o *Order, at time.Time) {
	o.Shipments = append(o.Shipments, st.inventShipment(o, bump(&st.next.shipment), at))
	o.Shipped = at
}
