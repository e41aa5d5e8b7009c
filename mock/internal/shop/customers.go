package shop

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// people is what a store holds of the people and places around its
// orders: customers with their addresses, attributes and stored
// instruments, newsletter subscribers, and sales channels. A store makes
// it on first use, with its default storefront channel.
type people struct {
	customers    map[int]*Customer
	addressOwner map[int]int // customer address id -> its customer's id
	subscribers  map[int]*Subscriber
	channels     map[int]*Channel
	next         struct{ customer, address, subscriber, channel, attribute int }
}

// Customer is one customer account (v3 customers).
type Customer struct {
	ID int
	// Person holds the name, company and phone. Invented ones come from
	// the shop's pool and are shared, so a write replaces it, never
	// changes it in place.
	Person             *Address
	Email              string
	Notes              string
	TaxExemptCategory  string
	RegistrationIP     string // blank for customers the API made
	GroupID            int    // 0: no group
	Created, Modified  time.Time
	ForcePasswordReset bool
	AcceptsEmails      bool // accepts_product_review_abandoned_cart_emails
	OriginChannelID    int
	ChannelIDs         []int // the channels the customer can log in to
	StoreCredit        []Money
	Addresses          []*CustomerAddress
	Attributes         []*Attribute
	FormFields         []FormField
	Instruments        []*Instrument
}

// CustomerAddress is one address of a customer's address book.
type CustomerAddress struct {
	ID         int
	CustomerID int
	Address    *Address // shared like Customer.Person
	Type       string   // residential or commercial
	FormFields []FormField
}

// Attribute is the value of one customer attribute for a customer.
type Attribute struct {
	ID, AttributeID   int
	Value             string
	Created, Modified time.Time
}

// FormField is one custom form field's value: a string, a number or a
// list of strings, as the form has it.
type FormField struct {
	Name  string
	Value any
}

// Instrument is one stored payment instrument (a card) of a customer.
type Instrument struct {
	Token                   string // 64 hex characters
	Default                 bool
	Brand                   string
	ExpiryMonth, ExpiryYear int
	IIN, Last4              string
	Billing                 *Address
}

// Subscriber is one newsletter subscriber.
type Subscriber struct {
	ID                         int
	Email, FirstName, LastName string
	Source                     string // storefront, order, custom, ...
	OrderID                    int    // 0: none
	ChannelID                  int
	Consents                   []string // marketing_newsletter, abandoned_cart
	Created, Modified          time.Time
}

// people returns the store's people, making them (and the default
// channel) on first use.
func (st *Store) people() *people {
	if st.crm != nil {
		return st.crm
	}
	p := &people{customers: map[int]*Customer{}, addressOwner: map[int]int{}, subscribers: map[int]*Subscriber{}, channels: map[int]*Channel{}}
	p.next.customer, p.next.address, p.next.subscriber, p.next.channel, p.next.attribute = 1, 1, 1, 2, 1
	now := st.now()
	p.channels[defaultChannel] = &Channel{
		ID: defaultChannel, Name: "Default storefront", Type: "storefront", Platform: "bigcommerce", Status: "active",
		Listable: true, Visible: true, Enabled: true, Created: now, Modified: now, Currencies: []string{currency}, DefaultCurrency: currency,
	}
	st.crm = p
	return p
}

// Customer returns customer id, or nil.
func (st *Store) Customer(id int) *Customer { return st.people().customers[id] }

// CustomerAddress returns customer address id, or nil.
func (st *Store) CustomerAddress(id int) *CustomerAddress {
	p := st.people()
	c := p.customers[p.addressOwner[id]]
	if c == nil {
		return nil
	}
	return c.address(id)
}

func (c *Customer) address(id int) *CustomerAddress {
	return find(c.Addresses, id, func(a *CustomerAddress) int { return a.ID })
}

// DefaultInstrument returns the customer's default stored instrument, or nil.
func (c *Customer) DefaultInstrument() *Instrument {
	for _, in := range c.Instruments {
		if in.Default {
			return in
		}
	}
	return nil
}

// Subscriber returns subscriber id, or nil.
func (st *Store) Subscriber(id int) *Subscriber { return st.people().subscribers[id] }

// CustomerFilter selects customers, as GET /v3/customers's query does.
// Zero fields select everything.
type CustomerFilter struct {
	IDs, GroupIDs                                    []int
	Emails, Names, NameLike, Companies               []string
	Phones, RegistrationIPs                          []string
	CreatedMin, CreatedMax, ModifiedMin, ModifiedMax time.Time
	// Sort is date_created, date_modified or last_name, with ":asc" or
	// ":desc"; "" sorts by id.
	Sort string
}

// CustomerList returns the customers f selects, sorted as f says (ties
// by id).
func (st *Store) CustomerList(f CustomerFilter) []*Customer {
	var out []*Customer
	for _, c := range st.people().customers {
		if f.match(c) {
			out = append(out, c)
		}
	}
	field, dir, _ := strings.Cut(f.Sort, ":")
	slices.SortFunc(out, func(a, b *Customer) int {
		var n int
		switch field {
		case "date_created":
			n = a.Created.Compare(b.Created)
		case "date_modified":
			n = a.Modified.Compare(b.Modified)
		case "last_name":
			n = cmp.Compare(a.Person.LastName, b.Person.LastName)
		}
		if dir == "desc" {
			n = -n
		}
		return cmp.Or(n, cmp.Compare(a.ID, b.ID))
	})
	return out
}

func (f CustomerFilter) match(c *Customer) bool {
	name := c.Person.FirstName + " " + c.Person.LastName
	switch {
	case len(f.IDs) > 0 && !slices.Contains(f.IDs, c.ID),
		len(f.GroupIDs) > 0 && !slices.Contains(f.GroupIDs, c.GroupID),
		len(f.Emails) > 0 && !slices.ContainsFunc(f.Emails, func(e string) bool { return strings.EqualFold(e, c.Email) }),
		len(f.Names) > 0 && !slices.ContainsFunc(f.Names, func(n string) bool { return strings.EqualFold(n, name) }),
		len(f.NameLike) > 0 && !slices.ContainsFunc(f.NameLike, func(n string) bool { return containsFold(name, n) }),
		len(f.Companies) > 0 && !slices.ContainsFunc(f.Companies, func(n string) bool { return strings.EqualFold(n, c.Person.Company) }),
		len(f.Phones) > 0 && !slices.Contains(f.Phones, c.Person.Phone),
		len(f.RegistrationIPs) > 0 && !slices.Contains(f.RegistrationIPs, c.RegistrationIP),
		!f.CreatedMin.IsZero() && c.Created.Before(f.CreatedMin),
		!f.CreatedMax.IsZero() && c.Created.After(f.CreatedMax),
		!f.ModifiedMin.IsZero() && c.Modified.Before(f.ModifiedMin),
		!f.ModifiedMax.IsZero() && c.Modified.After(f.ModifiedMax):
		return false
	}
	return true
}

func containsFold(s, sub string) bool {
	return strings.Contains(strings.ToLower(s), strings.ToLower(sub))
}

// AddressFilter selects customer addresses, as GET
// /v3/customers/addresses's query does.
type AddressFilter struct {
	IDs, CustomerIDs []int
	Companies, Names []string
}

// AddressList returns the customer addresses f selects, by id.
func (st *Store) AddressList(f AddressFilter) []*CustomerAddress {
	var out []*CustomerAddress
	for _, c := range st.people().customers {
		if len(f.CustomerIDs) > 0 && !slices.Contains(f.CustomerIDs, c.ID) {
			continue
		}
		for _, a := range c.Addresses {
			name := a.Address.FirstName + " " + a.Address.LastName
			switch {
			case len(f.IDs) > 0 && !slices.Contains(f.IDs, a.ID),
				len(f.Companies) > 0 && !slices.ContainsFunc(f.Companies, func(n string) bool { return strings.EqualFold(n, a.Address.Company) }),
				len(f.Names) > 0 && !slices.ContainsFunc(f.Names, func(n string) bool { return strings.EqualFold(n, name) }):
				continue
			}
			out = append(out, a)
		}
	}
	slices.SortFunc(out, func(a, b *CustomerAddress) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// SubscriberFilter selects subscribers, as GET /v3/customers/subscribers's
// query does. Zero fields select everything.
type SubscriberFilter struct {
	IDs                                []int
	Email, FirstName, LastName, Source string
	OrderID                            int
}

// SubscriberList returns the subscribers f selects, by id.
func (st *Store) SubscriberList(f SubscriberFilter) []*Subscriber {
	var out []*Subscriber
	for _, s := range st.people().subscribers {
		switch {
		case len(f.IDs) > 0 && !slices.Contains(f.IDs, s.ID),
			f.Email != "" && !strings.EqualFold(f.Email, s.Email),
			f.FirstName != "" && f.FirstName != s.FirstName,
			f.LastName != "" && f.LastName != s.LastName,
			f.Source != "" && f.Source != s.Source,
			f.OrderID != 0 && f.OrderID != s.OrderID:
			continue
		}
		out = append(out, s)
	}
	slices.SortFunc(out, func(a, b *Subscriber) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// inventCustomer makes customer id as an event that names a customer the
// store does not hold implies it: a person of the pool with an email of
// their own, one or two addresses, the default channel.
func (st *Store) inventCustomer(id int) *Customer {
	f, now := st.faker, st.now()
	person := st.address()
	c := &Customer{
		ID: id, Person: person, Email: inventedEmail(person, id), GroupID: f.IntRange(0, 3),
		RegistrationIP: f.IPv4Address(), Created: now, Modified: now, AcceptsEmails: f.Bool(),
		OriginChannelID: defaultChannel, ChannelIDs: []int{defaultChannel},
	}
	p := st.people()
	for i := range f.IntRange(1, 2) {
		addr := person
		if i > 0 {
			addr = st.address()
		}
		a := &CustomerAddress{ID: bump(&p.next.address), CustomerID: id, Address: addr, Type: "residential"}
		c.Addresses = append(c.Addresses, a)
		p.addressOwner[a.ID] = id
	}
	return c
}

// inventedEmail is a pooled person's email made the customer's own:
// BigCommerce keeps one customer per email.
func inventedEmail(person *Address, id int) string {
	local, domain, _ := strings.Cut(person.Email, "@")
	return local + "." + strconv.Itoa(id) + "@" + domain
}

// inventInstrument makes a stored card billed to the customer.
func (st *Store) inventInstrument(c *Customer) *Instrument {
	f := st.faker
	brands := []string{"VISA", "MASTERCARD", "AMEX", "DISCOVER"}
	iins := []string{"411111", "555555", "378282", "601111"}
	i := f.IntRange(0, len(brands)-1)
	return &Instrument{
		Token: f.HexUint256()[2:], Brand: brands[i], IIN: iins[i], Last4: fmt.Sprintf("%04d", f.IntRange(0, 9999)),
		ExpiryMonth: f.IntRange(1, 12), ExpiryYear: st.now().Year() + f.IntRange(1, 5), Billing: c.Person,
	}
}

// inventSubscriber makes subscriber id, signed up on the storefront.
func (st *Store) inventSubscriber(id int) *Subscriber {
	now := st.now()
	person := st.address()
	return &Subscriber{
		ID: id, Email: inventedEmail(person, id), FirstName: person.FirstName, LastName: person.LastName,
		Source: "storefront", ChannelID: defaultChannel, Consents: []string{"marketing_newsletter"}, Created: now, Modified: now,
	}
}

// Blank returns a store of hash as a new one starts, not kept by the
// shop: what reads answer from for a store that holds nothing yet, where
// BigCommerce always has something (the default channel).
func (s *Shop) Blank(storeHash string) *Store { return newStore(s, storeHash) }
