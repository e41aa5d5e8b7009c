package shop

import "slices"

// The state customer, subscriber and login-access events imply, when they
// are raised from outside (Raise).

// completeCustomer gives an event about an address the store holds the
// address's real owner, and customer/created and updated the customer's
// channels, unless the caller named them.
func (st *Store) completeCustomer(kind string, _ int, out map[string]any) {
	switch kind {
	case "customer/created", "customer/updated":
		origin, channels := st.customerChannels(out)
		setAbsent(out, "origin_channel_id", origin)
		setAbsent(out, "channel_ids", channels)
	case "customer/address/created", "customer/address/updated", "customer/address/deleted":
		if a := st.CustomerAddress(intField(out, "id")); a != nil {
			setNested(out, "address", "customer_id", a.CustomerID)
		}
	}
}

// customerChannels returns the origin channel and login channels a
// customer event's data should carry: the customer's when the store holds
// it; else those of a new customer, the default channel, or the one the
// caller named (its origin, or the first of its channel_ids).
func (st *Store) customerChannels(out map[string]any) (int, []int) {
	if c := st.Customer(intField(out, "id")); c != nil {
		return c.OriginChannelID, slices.Clone(c.ChannelIDs)
	}
	channel := defaultChannel
	if given, ok := intValue(out["origin_channel_id"]); ok && given > 0 {
		channel = given
	} else if list, ok := anyList(out["channel_ids"]); ok && len(list) > 0 {
		if first, ok := intValue(list[0]); ok && first > 0 {
			channel = first
		}
	}
	return channel, []int{channel}
}

func (st *Store) applyCustomer(kind string, _ int, d map[string]any) {
	switch kind {
	case "customer/created", "customer/updated":
		c := st.ensureCustomer(intField(d, "id"))
		if c == nil {
			return
		}
		if kind == "customer/updated" {
			c.Modified = st.now()
		}
		if origin, ok := intValue(d["origin_channel_id"]); ok && origin > 0 {
			st.ensureChannel(origin)
			c.OriginChannelID = origin
		}
		if v, ok := d["channel_ids"]; ok {
			st.setLoginChannels(c, v)
		}
	case "customer/deleted":
		st.removeCustomer(intField(d, "id"))
	case "customer/address/created", "customer/address/updated":
		id := intField(d, "id")
		if c := st.ensureCustomer(intField(nested(d, "address"), "customer_id")); c != nil && id > 0 {
			st.ensureAddress(c, id)
		}
	case "customer/address/deleted":
		st.removeAddress(intField(d, "id"))
	case "customer/payment/instrument/default/updated":
		if c := st.ensureCustomer(intField(d, "id")); c != nil {
			st.moveDefaultInstrument(c)
		}
	case "customer/channel/login/access/updated":
		if c := st.ensureCustomer(intField(d, "customer_id")); c != nil {
			st.setLoginChannels(c, d["channel_ids"])
		}
	}
}

// ensureCustomer returns customer id, inventing it when the store does
// not hold it; nil when the id is not one or the store is full.
func (st *Store) ensureCustomer(id int) *Customer {
	p := st.people()
	if c := p.customers[id]; c != nil {
		return c
	}
	if id <= 0 || len(p.customers) >= st.limits().Customers {
		return nil
	}
	seen(&p.next.customer, id)
	c := st.inventCustomer(id)
	p.customers[id] = c
	return c
}

// removeCustomer forgets customer id and its addresses.
func (st *Store) removeCustomer(id int) {
	p := st.people()
	c := p.customers[id]
	if c == nil {
		return
	}
	for _, a := range c.Addresses {
		delete(p.addressOwner, a.ID)
	}
	delete(p.customers, id)
}

// ensureAddress makes address id one of c's: invented when the store does
// not hold it, moved to c when another customer has it.
func (st *Store) ensureAddress(c *Customer, id int) {
	p := st.people()
	if owner := p.addressOwner[id]; owner == c.ID {
		return
	} else if owner != 0 {
		st.removeAddress(id)
	}
	if len(c.Addresses) >= st.limits().Children {
		return
	}
	seen(&p.next.address, id)
	c.Addresses = append(c.Addresses, &CustomerAddress{ID: id, CustomerID: c.ID, Address: st.address(), Type: "residential"})
	p.addressOwner[id] = c.ID
}

// removeAddress forgets customer address id; its customer stays as it is
// (an address change is not a customer change).
func (st *Store) removeAddress(id int) bool {
	p := st.people()
	c := p.customers[p.addressOwner[id]]
	if c == nil {
		return false
	}
	delete(p.addressOwner, id)
	c.Addresses = slices.DeleteFunc(c.Addresses, func(a *CustomerAddress) bool { return a.ID == id })
	return true
}

// moveDefaultInstrument makes another of c's stored instruments the
// default, as the event says the default changed: the next one after the
// current default, with a card invented first when c has fewer than two.
func (st *Store) moveDefaultInstrument(c *Customer) {
	for len(c.Instruments) < 2 && len(c.Instruments) < st.limits().Children {
		c.Instruments = append(c.Instruments, st.inventInstrument(c))
	}
	next := 0
	for i, in := range c.Instruments {
		if in.Default {
			next = (i + 1) % len(c.Instruments)
		}
		in.Default = false
	}
	if len(c.Instruments) > 0 {
		c.Instruments[next].Default = true
	}
}

// setLoginChannels sets the channels c can log in to from an event's
// channel_ids; the channels come to exist. A value that is not a list of
// positive ids leaves c as it is.
func (st *Store) setLoginChannels(c *Customer, v any) {
	list, ok := anyList(v)
	if !ok {
		return
	}
	var ids []int
	for _, x := range list {
		id, ok := intValue(x)
		if !ok || id <= 0 {
			return
		}
		if !slices.Contains(ids, id) && len(ids) < st.limits().Children {
			ids = append(ids, id)
		}
	}
	for _, id := range ids {
		st.ensureChannel(id)
	}
	c.ChannelIDs = ids
}

func (st *Store) applySubscriber(kind string, _ int, d map[string]any) {
	id := intField(d, "id")
	p := st.people()
	switch kind {
	case "subscriber/deleted":
		delete(p.subscribers, id)
		return
	}
	if s := p.subscribers[id]; s != nil {
		if kind == "subscriber/updated" {
			s.Modified = st.now()
		}
		return
	}
	if id <= 0 || len(p.subscribers) >= st.limits().Customers {
		return
	}
	seen(&p.next.subscriber, id)
	p.subscribers[id] = st.inventSubscriber(id)
}

// anyList reads a JSON list, or a Go []int a testkit caller may give.
func anyList(v any) ([]any, bool) {
	switch l := v.(type) {
	case []any:
		return l, true
	case []int:
		out := make([]any, len(l))
		for i, n := range l {
			out[i] = n
		}
		return out, true
	}
	return nil, false
}
