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

// The catalog, customers and channels are seeded through their writes
// (CreateProduct, CreateCustomers, ...) with the events dropped. An id
// given takes the write's counter to it for that one write; the counter
// then stays past every id the store holds, as an event's id moves it.

// seedID runs create with the counter next set to give id (0: the next
// one); taken says whether the store holds id already, which is
// ErrInvalid.
func seedID(next *int, id int, taken bool, what string, create func() error) error {
	switch {
	case id < 0:
		return invalid("id: %d is not a %s id", id, what)
	case id == 0:
		return create()
	case taken:
		return invalid("id: the store holds %s %d already", what, id)
	}
	saved := *next
	*next = id
	err := create()
	*next = max(saved, *next)
	return err
}

// SeedProduct puts a product in place without firing an event, as
// CreateProduct makes one, with id (0: the next). Type defaults to
// physical and weight to 0; a product given a level and no
// inventory_tracking is tracked by product, or by variant when it has
// variants.
func (st *Store) SeedProduct(id int, in ProductInput) (*Product, error) {
	if in.Type == nil {
		in.Type = new("physical")
	}
	if in.Weight == nil {
		in.Weight = new(0.0)
	}
	if in.Tracking == nil {
		levels := in.InventoryLevel != nil
		for _, v := range in.Variants {
			levels = levels || v.InventoryLevel != nil
		}
		switch {
		case levels && len(in.Variants) > 0:
			in.Tracking = new(TrackVariant)
		case levels:
			in.Tracking = new(TrackProduct)
		}
	}
	var p *Product
	err := seedID(&st.cat.next.product, id, st.cat.products[id] != nil, "product", func() (err error) {
		p, _, err = st.CreateProduct(in)
		return err
	})
	return p, err
}

// SeedCategory puts a category in place without firing an event, as
// CreateCategory makes one, with id (0: the next).
func (st *Store) SeedCategory(id int, in CategoryInput) (*Category, error) {
	var c *Category
	err := seedID(&st.cat.next.category, id, st.cat.categories[id] != nil, "category", func() (err error) {
		c, _, err = st.CreateCategory(in)
		return err
	})
	return c, err
}

// SeedBrand puts a brand in place, as CreateBrand makes one, with id (0:
// the next).
func (st *Store) SeedBrand(id int, in BrandInput) (*Brand, error) {
	var b *Brand
	err := seedID(&st.cat.next.brand, id, st.cat.brands[id] != nil, "brand", func() (err error) {
		b, err = st.CreateBrand(in)
		return err
	})
	return b, err
}

// SeedCustomer puts a customer (with its addresses) in place without
// firing an event, as CreateCustomers makes one, with id (0: the next).
func (st *Store) SeedCustomer(id int, in CustomerInput) (*Customer, error) {
	p := st.people()
	var c *Customer
	err := seedID(&p.next.customer, id, p.customers[id] != nil, "customer", func() error {
		cs, _, err := st.CreateCustomers([]CustomerInput{in})
		if err == nil {
			c = cs[0]
		}
		return err
	})
	return c, err
}

// SeedSubscriber puts a subscriber in place without firing an event, as
// CreateSubscriber makes one, with id (0: the next).
func (st *Store) SeedSubscriber(id int, in SubscriberInput) (*Subscriber, error) {
	p := st.people()
	var s *Subscriber
	err := seedID(&p.next.subscriber, id, p.subscribers[id] != nil, "subscriber", func() (err error) {
		s, _, err = st.CreateSubscriber(in)
		return err
	})
	return s, err
}

// SeedChannel puts a channel in place without firing an event, as
// CreateChannel makes one, with id (0: the next; channel 1 always
// exists).
func (st *Store) SeedChannel(id int, in ChannelInput) (*Channel, error) {
	p := st.people()
	var c *Channel
	err := seedID(&p.next.channel, id, p.channels[id] != nil, "channel", func() (err error) {
		c, _, err = st.CreateChannel(in)
		return err
	})
	return c, err
}
