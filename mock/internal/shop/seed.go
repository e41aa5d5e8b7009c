package shop

import (
	"fmt"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Seeding puts entities in a store without firing any event, for a test's
// setup (the control API's POST /__bcmock/stores/{hash}/orders and
// /carts, a scenario's setup, testkit). It goes through the same code as
// the writes, only the events are not returned.

// SeedOrderInput is an order to seed: OrderInput's fields, with an id and
// a cart of its own.
type SeedOrderInput struct {
	// ID is the order's id; 0: the store's next.
	ID int
	// CartID is the cart the order was made from; "" for none.
	CartID string
	OrderInput
}

// SeedOrder puts an order in place without firing an event. With lines it
// is made as CreateOrder makes one (status Pending unless given, the
// billing address invented when not given); without, it is invented as an
// event's order is (status Awaiting Fulfillment unless given) and the
// given fields are set on it. Status 2 (Shipped) ships every line in one
// shipment. An id the store holds already is ErrInvalid.
func (st *Store) SeedOrder(in SeedOrderInput) (*Order, error) {
	id := in.ID
	switch {
	case id < 0:
		return nil, invalid("id: %d is not an order id", id)
	case id == 0:
		id = st.next.order
	case st.orders[id] != nil:
		return nil, invalid("id: the store holds order %d already", id)
	}
	if in.StatusID != nil {
		if _, ok := bigcommerce.StatusName(*in.StatusID); !ok {
			return nil, invalid("status_id: %d is not an order status (0 to 14)", *in.StatusID)
		}
	}
	var o *Order
	if len(in.Lines) > 0 {
		if in.Billing == nil {
			in.Billing = st.address()
		}
		var err error
		if o, err = st.createOrder(id, "www", in.OrderInput); err != nil {
			return nil, err
		}
	} else {
		if len(in.Addresses) > 0 {
			return nil, invalid("shipping_addresses: give lines with them")
		}
		status, channel := inventedStatus, defaultChannel
		if in.StatusID != nil {
			status = *in.StatusID
		}
		if in.ChannelID != nil && *in.ChannelID > 0 {
			channel = *in.ChannelID
		}
		if o = st.ensureOrder(id, status, channel); o == nil {
			return nil, fmt.Errorf("%w: the store holds %d orders, the most bcmock keeps", ErrFull, st.limits().Orders)
		}
		_ = st.setOrder(o, in.OrderInput, false) // cannot fail: status checked, no lines or addresses
	}
	o.CartID = in.CartID
	if o.StatusID == bigcommerce.StatusShipped && len(o.Shipments) == 0 {
		st.shipAll(o, o.Created)
	}
	return o, nil
}

// SeedCartInput is a cart to seed: CartInput's fields with an id.
type SeedCartInput struct {
	// ID is the cart's id; "": invented (a UUID).
	ID string
	CartInput
}

// SeedCart puts a cart in place without firing an event, as CreateCart
// makes one; a cart without lines gets invented ones, as an event's cart
// does. An id the store holds already is ErrInvalid.
func (st *Store) SeedCart(in SeedCartInput) (*Cart, error) {
	id := in.ID
	switch {
	case id == "":
		id = st.faker.UUID()
	case st.carts[id] != nil:
		return nil, invalid("id: the store holds cart %s already", id)
	}
	if len(in.Lines) > 0 {
		return st.createCart(id, in.CartInput)
	}
	channel := in.ChannelID
	if channel <= 0 {
		channel = defaultChannel
	}
	c := st.ensureCart(id, channel)
	if c == nil {
		return nil, fmt.Errorf("%w: the store holds %d carts, the most bcmock keeps", ErrFull, st.limits().Carts)
	}
	if in.CustomerID != 0 {
		c.CustomerID = in.CustomerID
	}
	if in.Email != "" {
		c.Email = in.Email
	}
	return c, nil
}
