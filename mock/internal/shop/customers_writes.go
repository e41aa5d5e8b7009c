package shop

import (
	"fmt"
	"slices"
	"strings"
)

// The writes of v3 customers, customer addresses and subscribers. Each
// batch is checked whole before anything changes, and fires one event per
// entity, in the order given (bigcommerce-rest.md §5).

// CustomerInput is one customer of POST or PUT /v3/customers: nil fields
// are not given. ID names the customer a PUT changes.
type CustomerInput struct {
	ID                                                int
	Email, FirstName, LastName, Company, Phone, Notes *string
	TaxExemptCategory                                 *string
	GroupID, OriginChannelID                          *int
	ForcePasswordReset, AcceptsEmails                 *bool
	ChannelIDs                                        *[]int
	StoreCredit                                       *[]Money
	FormFields                                        *[]FormField
	Attributes                                        *[]AttributeInput
	Addresses                                         []CustomerAddressInput // POST only
}

// AttributeInput is one attribute value of a customer write.
type AttributeInput struct {
	AttributeID int
	Value       string
}

// CustomerAddressInput is one address of POST or PUT
// /v3/customers/addresses (or of a POST /v3/customers): nil fields are not
// given. ID names the address a PUT changes.
type CustomerAddressInput struct {
	ID, CustomerID                                   int
	FirstName, LastName, Company, Address1, Address2 *string
	City, State, PostalCode, CountryCode, Phone      *string
	Type                                             *string
	FormFields                                       *[]FormField
}

// CreateCustomers makes customers, as POST /v3/customers does, and fires
// store/customer/created for each. Emails are unique in a store.
func (st *Store) CreateCustomers(in []CustomerInput) ([]*Customer, []Event, error) {
	p := st.people()
	if len(p.customers)+len(in) > st.limits().Customers {
		return nil, nil, fmt.Errorf("%w: the store holds %d customers, the most bcmock keeps", ErrFull, st.limits().Customers)
	}
	emails := map[string]bool{}
	for i, c := range in {
		if c.Email == nil || c.FirstName == nil || c.LastName == nil {
			return nil, nil, invalid("customer %d: email, first_name and last_name are required", i)
		}
		if err := st.checkCustomer(i, c, 0, emails); err != nil {
			return nil, nil, err
		}
		if len(c.Addresses) > st.limits().Children {
			return nil, nil, fmt.Errorf("%w: customer %d: bcmock keeps %d addresses a customer", ErrFull, i, st.limits().Children)
		}
		for j, a := range c.Addresses {
			if err := checkNewAddress(a); err != nil {
				return nil, nil, invalid("customer %d: address %d: %v", i, j, err)
			}
		}
	}
	now := st.now()
	var f fired
	out := make([]*Customer, 0, len(in))
	for _, ci := range in {
		c := &Customer{ID: bump(&p.next.customer), Person: &Address{}, Created: now, Modified: now,
			OriginChannelID: defaultChannel, ChannelIDs: []int{defaultChannel}}
		if ci.OriginChannelID != nil && ci.ChannelIDs == nil {
			c.ChannelIDs = []int{*ci.OriginChannelID}
		}
		st.setCustomer(c, ci)
		for _, ai := range ci.Addresses {
			ai.CustomerID = c.ID
			c.Addresses = append(c.Addresses, st.newAddress(ai))
		}
		p.customers[c.ID] = c
		out = append(out, c)
		f.customer(c, "created")
	}
	return out, f, nil
}

// UpdateCustomers changes customers, as PUT /v3/customers does, and fires
// store/customer/updated for each; a customer whose channel_ids changed
// also fires store/customer/channel/login/access/updated.
func (st *Store) UpdateCustomers(in []CustomerInput) ([]*Customer, []Event, error) {
	p := st.people()
	emails := map[string]bool{}
	for i, c := range in {
		if p.customers[c.ID] == nil {
			return nil, nil, invalid("customer %d: no customer has id %d", i, c.ID)
		}
		if err := st.checkCustomer(i, c, c.ID, emails); err != nil {
			return nil, nil, err
		}
	}
	var f fired
	out := make([]*Customer, 0, len(in))
	for _, ci := range in {
		c := p.customers[ci.ID]
		before := slices.Clone(c.ChannelIDs)
		st.setCustomer(c, ci)
		c.Modified = st.now()
		out = append(out, c)
		f.customer(c, "updated")
		if !slices.Equal(before, c.ChannelIDs) {
			f.add("store/customer/channel/login/access/updated", map[string]any{"customer_id": c.ID, "channel_ids": slices.Clone(c.ChannelIDs)})
		}
	}
	return out, f, nil
}

// checkCustomer checks customer i of a batch: its email unique (among the
// store's other customers than self and the batch's), its channels
// existing, its lists within the limits.
func (st *Store) checkCustomer(i int, c CustomerInput, self int, emails map[string]bool) error {
	if c.Email != nil {
		email := strings.ToLower(strings.TrimSpace(*c.Email))
		if email == "" || emails[email] {
			return invalid("customer %d: email %q is given twice or empty", i, *c.Email)
		}
		emails[email] = true
		for _, other := range st.people().customers {
			if other.ID != self && strings.EqualFold(other.Email, email) {
				return invalid("customer %d: email %q is customer %d's already", i, *c.Email, other.ID)
			}
		}
	}
	var channels []int
	if c.ChannelIDs != nil {
		channels = *c.ChannelIDs
	}
	if c.OriginChannelID != nil {
		channels = append(slices.Clone(channels), *c.OriginChannelID)
	}
	for _, id := range channels {
		if st.Channel(id) == nil {
			return invalid("customer %d: no channel has id %d", i, id)
		}
	}
	limit := st.limits().Children
	if c.ChannelIDs != nil && len(*c.ChannelIDs) > limit || c.StoreCredit != nil && len(*c.StoreCredit) > limit ||
		c.FormFields != nil && len(*c.FormFields) > limit || c.Attributes != nil && len(*c.Attributes) > limit {
		return fmt.Errorf("%w: customer %d: bcmock keeps %d of each list a customer", ErrFull, i, limit)
	}
	return nil
}

// setCustomer copies the fields given of ci into c.
func (st *Store) setCustomer(c *Customer, ci CustomerInput) {
	if ci.FirstName != nil || ci.LastName != nil || ci.Company != nil || ci.Phone != nil {
		person := *c.Person
		setString(&person.FirstName, ci.FirstName)
		setString(&person.LastName, ci.LastName)
		setString(&person.Company, ci.Company)
		setString(&person.Phone, ci.Phone)
		c.Person = &person
	}
	if ci.Email != nil {
		c.Email = strings.TrimSpace(*ci.Email)
	}
	setString(&c.Notes, ci.Notes)
	setString(&c.TaxExemptCategory, ci.TaxExemptCategory)
	setInt(&c.GroupID, ci.GroupID)
	setInt(&c.OriginChannelID, ci.OriginChannelID)
	setBool(&c.ForcePasswordReset, ci.ForcePasswordReset)
	setBool(&c.AcceptsEmails, ci.AcceptsEmails)
	if ci.ChannelIDs != nil {
		c.ChannelIDs = dedupe(*ci.ChannelIDs)
	}
	if ci.StoreCredit != nil {
		c.StoreCredit = slices.Clone(*ci.StoreCredit)
	}
	if ci.FormFields != nil {
		c.FormFields = slices.Clone(*ci.FormFields)
	}
	if ci.Attributes != nil {
		st.setAttributes(c, *ci.Attributes)
	}
}

// setAttributes sets attribute values: an attribute c has gets the new
// value, others are added.
func (st *Store) setAttributes(c *Customer, in []AttributeInput) {
	now := st.now()
	for _, ai := range in {
		i := slices.IndexFunc(c.Attributes, func(a *Attribute) bool { return a.AttributeID == ai.AttributeID })
		if i >= 0 {
			c.Attributes[i].Value, c.Attributes[i].Modified = ai.Value, now
			continue
		}
		if len(c.Attributes) < st.limits().Children {
			c.Attributes = append(c.Attributes, &Attribute{ID: bump(&st.people().next.attribute), AttributeID: ai.AttributeID, Value: ai.Value, Created: now, Modified: now})
		}
	}
}

func dedupe(ids []int) []int {
	out := make([]int, 0, len(ids))
	for _, id := range ids {
		if !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out
}

// DeleteCustomers deletes the customers of ids the store holds, as DELETE
// /v3/customers?id:in= does, and fires store/customer/deleted for each;
// ids it does not hold are passed over.
func (st *Store) DeleteCustomers(ids []int) []Event {
	var f fired
	for _, id := range ids {
		if c := st.Customer(id); c != nil {
			st.removeCustomer(id)
			f.customer(c, "deleted")
		}
	}
	return f
}

// CreateAddresses adds addresses to customers' address books, as POST
// /v3/customers/addresses does, and fires store/customer/address/created
// for each. The customers themselves do not change: no
// store/customer/updated fires (EV). An address identical to one the
// customer already has (sameAddress) changes nothing, fires nothing and is
// left out of the result, as BigCommerce's customers.v3 describes.
func (st *Store) CreateAddresses(in []CustomerAddressInput) ([]*CustomerAddress, []Event, error) {
	p := st.people()
	adding := map[int]int{}
	for i, a := range in {
		c := p.customers[a.CustomerID]
		if c == nil {
			return nil, nil, invalid("address %d: no customer has id %d", i, a.CustomerID)
		}
		if err := checkNewAddress(a); err != nil {
			return nil, nil, invalid("address %d: %v", i, err)
		}
		adding[c.ID]++
		if len(c.Addresses)+adding[c.ID] > st.limits().Children {
			return nil, nil, fmt.Errorf("%w: customer %d holds the most addresses bcmock keeps (%d)", ErrFull, c.ID, st.limits().Children)
		}
	}
	var f fired
	out := make([]*CustomerAddress, 0, len(in))
	for _, ai := range in {
		c := p.customers[ai.CustomerID]
		a := draftAddress(ai)
		if slices.ContainsFunc(c.Addresses, func(o *CustomerAddress) bool { return sameAddress(o, a) }) {
			continue
		}
		st.fileAddress(a)
		c.Addresses = append(c.Addresses, a)
		out = append(out, a)
		f.customerAddress(a, "created")
	}
	return out, f, nil
}

// newAddress makes the address ai describes, with a new id, and files it
// under its customer.
func (st *Store) newAddress(ai CustomerAddressInput) *CustomerAddress {
	a := draftAddress(ai)
	st.fileAddress(a)
	return a
}

// draftAddress is the address ai describes, without an id yet.
func draftAddress(ai CustomerAddressInput) *CustomerAddress {
	a := &CustomerAddress{CustomerID: ai.CustomerID, Address: &Address{}, Type: "residential"}
	setAddress(a, ai)
	return a
}

// fileAddress gives a a new id and files it under its customer.
func (st *Store) fileAddress(a *CustomerAddress) {
	p := st.people()
	a.ID = bump(&p.next.address)
	p.addressOwner[a.ID] = a.CustomerID
}

// sameAddress reports whether a and b are one address by the fields
// BigCommerce compares to find a duplicate: the customer, the names,
// company, phone, type, both street lines, city, country code, state and
// postal code (customers.v3, POST and PUT /customers/addresses). Form
// fields do not count.
func sameAddress(a, b *CustomerAddress) bool {
	x, y := *a.Address, *b.Address
	x.Email, y.Email, x.Country, y.Country = "", "", "", "" // not address fields; the name follows the code
	return a.CustomerID == b.CustomerID && a.Type == b.Type && x == y
}

// checkNewAddress checks that a new address has the fields BigCommerce
// requires.
func checkNewAddress(a CustomerAddressInput) error {
	for name, v := range map[string]*string{"first_name": a.FirstName, "last_name": a.LastName, "address1": a.Address1, "city": a.City, "country_code": a.CountryCode} {
		if v == nil || strings.TrimSpace(*v) == "" {
			return fmt.Errorf("%s is required", name)
		}
	}
	return nil
}

// setAddress copies the fields given of ai into a, replacing its Address.
func setAddress(a *CustomerAddress, ai CustomerAddressInput) {
	addr := *a.Address
	setString(&addr.FirstName, ai.FirstName)
	setString(&addr.LastName, ai.LastName)
	setString(&addr.Company, ai.Company)
	setString(&addr.Street1, ai.Address1)
	setString(&addr.Street2, ai.Address2)
	setString(&addr.City, ai.City)
	setString(&addr.State, ai.State)
	setString(&addr.Zip, ai.PostalCode)
	setString(&addr.Phone, ai.Phone)
	if ai.CountryCode != nil {
		addr.CountryISO2 = strings.ToUpper(*ai.CountryCode)
		addr.Country = CountryName(addr.CountryISO2)
	}
	a.Address = &addr
	setString(&a.Type, ai.Type)
	if ai.FormFields != nil {
		a.FormFields = slices.Clone(*ai.FormFields)
	}
}

// UpdateAddresses changes customer addresses, as PUT
// /v3/customers/addresses does, and fires store/customer/address/updated
// for each (and no store/customer/updated). A change that would make an
// address identical to another of the customer's is not made, fires
// nothing and is left out of the result (customers.v3).
func (st *Store) UpdateAddresses(in []CustomerAddressInput) ([]*CustomerAddress, []Event, error) {
	for i, ai := range in {
		if st.CustomerAddress(ai.ID) == nil {
			return nil, nil, invalid("address %d: no customer address has id %d", i, ai.ID)
		}
	}
	var f fired
	out := make([]*CustomerAddress, 0, len(in))
	for _, ai := range in {
		a := st.CustomerAddress(ai.ID)
		next := *a
		setAddress(&next, ai)
		if slices.ContainsFunc(st.people().customers[a.CustomerID].Addresses, func(o *CustomerAddress) bool { return o.ID != a.ID && sameAddress(o, &next) }) {
			continue
		}
		*a = next
		out = append(out, a)
		f.customerAddress(a, "updated")
	}
	return out, f, nil
}

// DeleteAddresses deletes the customer addresses of ids the store holds,
// as DELETE /v3/customers/addresses?id:in= does, and fires
// store/customer/address/deleted for each.
func (st *Store) DeleteAddresses(ids []int) []Event {
	var f fired
	for _, id := range ids {
		if a := st.CustomerAddress(id); a != nil {
			st.removeAddress(id)
			f.customerAddress(a, "deleted")
		}
	}
	return f
}

// SubscriberInput is the body of POST and PUT /v3/customers/subscribers:
// nil fields are not given.
type SubscriberInput struct {
	Email, FirstName, LastName, Source *string
	OrderID, ChannelID                 *int
	Consents                           *[]string
}

// CreateSubscriber makes a subscriber, as POST /v3/customers/subscribers
// does (email required; source "custom" and the default channel unless
// given), and fires store/subscriber/created.
func (st *Store) CreateSubscriber(in SubscriberInput) (*Subscriber, []Event, error) {
	p := st.people()
	if len(p.subscribers) >= st.limits().Customers {
		return nil, nil, fmt.Errorf("%w: the store holds %d subscribers, the most bcmock keeps", ErrFull, st.limits().Customers)
	}
	if in.Email == nil || strings.TrimSpace(*in.Email) == "" {
		return nil, nil, invalid("email is required")
	}
	if err := st.checkSubscriber(in); err != nil {
		return nil, nil, err
	}
	now := st.now()
	s := &Subscriber{ID: bump(&p.next.subscriber), Source: "custom", ChannelID: defaultChannel, Consents: []string{}, Created: now, Modified: now}
	s.set(in)
	p.subscribers[s.ID] = s
	var f fired
	f.subscriber(s, "created")
	return s, f, nil
}

// UpdateSubscriber changes subscriber id and fires store/subscriber/updated.
func (st *Store) UpdateSubscriber(id int, in SubscriberInput) (*Subscriber, []Event, error) {
	s := st.Subscriber(id)
	if s == nil {
		return nil, nil, notFound("subscriber", id)
	}
	if err := st.checkSubscriber(in); err != nil {
		return nil, nil, err
	}
	s.set(in)
	s.Modified = st.now()
	var f fired
	f.subscriber(s, "updated")
	return s, f, nil
}

func (st *Store) checkSubscriber(in SubscriberInput) error {
	if in.ChannelID != nil && st.Channel(*in.ChannelID) == nil {
		return invalid("no channel has id %d", *in.ChannelID)
	}
	if in.Consents != nil && len(*in.Consents) > st.limits().Children {
		return fmt.Errorf("%w: bcmock keeps %d consents a subscriber", ErrFull, st.limits().Children)
	}
	return nil
}

func (s *Subscriber) set(in SubscriberInput) {
	setString(&s.Email, in.Email)
	setString(&s.FirstName, in.FirstName)
	setString(&s.LastName, in.LastName)
	setString(&s.Source, in.Source)
	setInt(&s.OrderID, in.OrderID)
	setInt(&s.ChannelID, in.ChannelID)
	if in.Consents != nil {
		s.Consents = slices.Clone(*in.Consents)
	}
}

// DeleteSubscribers deletes the subscribers f selects and fires
// store/subscriber/deleted for each.
func (st *Store) DeleteSubscribers(f SubscriberFilter) []Event {
	var out fired
	for _, s := range st.SubscriberList(f) {
		delete(st.people().subscribers, s.ID)
		out.subscriber(s, "deleted")
	}
	return out
}

// customer adds store/customer/{what}: created and updated carry the
// customer's channels as the callback schemas have them, deleted only
// type and id.
func (f *fired) customer(c *Customer, what string) {
	d := map[string]any{"type": "customer", "id": c.ID}
	if what != "deleted" {
		d["origin_channel_id"], d["channel_ids"] = c.OriginChannelID, slices.Clone(c.ChannelIDs)
	}
	f.add("store/customer/"+what, d)
}

// customerAddress adds store/customer/address/{what}: data.id is the
// address's id, address.customer_id its customer's.
func (f *fired) customerAddress(a *CustomerAddress, what string) {
	f.add("store/customer/address/"+what, map[string]any{"type": "customer", "id": a.ID, "address": map[string]any{"customer_id": a.CustomerID}})
}

func (f *fired) subscriber(s *Subscriber, what string) {
	f.add("store/subscriber/"+what, map[string]any{"type": "subscriber", "id": s.ID})
}

// countries names the countries of the codes addresses most often carry;
// any other code is its own name.
var countries = map[string]string{
	"US": "United States", "CA": "Canada", "GB": "United Kingdom", "AU": "Australia", "NZ": "New Zealand",
	"DE": "Germany", "FR": "France", "NL": "Netherlands", "ES": "Spain", "IT": "Italy", "IE": "Ireland",
	"JP": "Japan", "MX": "Mexico", "BR": "Brazil", "SE": "Sweden",
}

// CountryName is the name of an ISO 3166-1 alpha-2 country code.
func CountryName(code string) string {
	if name, ok := countries[code]; ok {
		return name
	}
	return code
}
