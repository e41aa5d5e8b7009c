package rest

import (
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// The v3 customers resources (openapi/customers-v3.yaml): customers,
// their addresses and stored instruments, and subscribers.

func (r *REST) addCustomersV3(h map[string]gateway.Handler) {
	h["getCustomers"] = r.getCustomers
	h["createCustomers"] = r.createCustomers
	h["updateCustomers"] = r.updateCustomers
	h["deleteCustomers"] = r.deleteCustomers
	h["getCustomersAddresses"] = r.getAddresses
	h["createCustomersAddresses"] = r.createAddresses
	h["updateCustomersAddresses"] = r.updateAddresses
	h["deleteCustomersAddresses"] = r.deleteAddresses
	h["getCustomerStoredInstruments"] = r.getInstruments
	h["getSubscribers"] = r.getSubscribers
	h["getSubscriber"] = r.getSubscriber
	h["createSubscriber"] = r.createSubscriber
	h["updateSubscriber"] = r.updateSubscriber
	h["deleteSubscriber"] = r.deleteSubscriber
	h["deleteSubscribers"] = r.deleteSubscribers
}

// parseDateFilter reads a v3 date filter with the layouts v2's take
// (parseDate): RFC 3339, a date and time without a zone (UTC), a date;
// or a Unix time in seconds, which published clients send
// (bigcommerce-api-client's DateFormat.UNIX_TIMESTAMP) and BigCommerce
// takes.
func parseDateFilter(v string) (time.Time, error) {
	if n, err := strconv.ParseInt(v, 10, 64); err == nil && n >= 0 {
		return time.Unix(n, 0).UTC(), nil
	}
	if t, ok := parseDate(v); ok {
		return t, nil
	}
	return time.Time{}, errors.New("is not a date (2006-01-02, RFC 3339 or Unix seconds)")
}

// dateFilters reads the date filters of field: field (both bounds),
// field:min and field:max, into min and max; a zero time is no bound. A
// day as an upper bound reaches to its end, so field=2006-01-02 is that
// day.
func dateFilters(q url.Values, field string, minT, maxT *time.Time) *gateway.Error {
	bounds := []struct {
		key      string
		min, max *time.Time
	}{{field, minT, maxT}, {field + ":min", minT, nil}, {field + ":max", nil, maxT}}
	for _, d := range bounds {
		v := q.Get(d.key)
		if v == "" {
			continue
		}
		t, err := parseDateFilter(v)
		if err != nil {
			e := invalidQuery(d.key, err.Error())
			return &e
		}
		if d.min != nil {
			*d.min = t
		}
		if d.max != nil {
			*d.max = t
			if len(v) == len(time.DateOnly) {
				*d.max = t.Add(24*time.Hour - time.Nanosecond)
			}
		}
	}
	return nil
}

// queryList reads a comma-separated query parameter, given once or more.
func queryList(q url.Values, key string) []string {
	var out []string
	for _, v := range q[key] {
		out = append(out, splitComma(v)...)
	}
	return out
}

// intList reads a comma-separated list of integers; the documents have
// validated it.
func intList(q url.Values, key string) []int {
	var out []int
	for _, s := range queryList(q, key) {
		if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
			out = append(out, n)
		}
	}
	return out
}

// includeSet reads include= into a set.
func includeSet(q url.Values) map[string]bool {
	out := map[string]bool{}
	for _, s := range queryList(q, "include") {
		out[strings.TrimSpace(s)] = true
	}
	return out
}

// invalidQuery is the 422 of a query parameter the handler refuses.
func invalidQuery(field, problem string) gateway.Error {
	return gateway.Error{Status: http.StatusUnprocessableEntity, Title: "The request is invalid.", Detail: field + " " + problem, Fields: map[string]string{field: problem}}
}

// decodeBody decodes the validated JSON body into v.
func decodeBody(w http.ResponseWriter, req *http.Request, in *gateway.Request, v any) bool {
	if err := json.NewDecoder(req.Body).Decode(v); err != nil {
		in.Error(w, gateway.Error{Status: http.StatusBadRequest, Title: "The request body is not valid JSON.", Detail: err.Error()})
		return false
	}
	return true
}

// writeAnswer decodes a body of B, runs write with it on the store's
// model, raises what it fired and answers the body write returns.
func writeAnswer[B, J any](r *REST, w http.ResponseWriter, req *http.Request, in *gateway.Request, write func(st *shop.Store, body B) (J, []shop.Event, error)) {
	var body B
	if !decodeBody(w, req, in, &body) {
		return
	}
	writeRendered(r, w, req, in, http.StatusOK, func(st *shop.Store) (J, []shop.Event, error) { return write(st, body) },
		func(_ *shop.Store, out J) J { return out })
}

// answerOne answers {data, meta: {}} with out, or a 404 naming what is
// missing when out is nil.
func answerOne[T any](w http.ResponseWriter, in *gateway.Request, out *T, what string, id int) {
	if out == nil {
		in.Error(w, modelError(missing(what, id)))
		return
	}
	gateway.WriteJSON(w, http.StatusOK, itemBody[T]{Data: *out})
}

// missing is the model error of an entity what with id not found.
func missing(what string, id int) error {
	return errors.Join(shop.ErrNotFound, errors.New("no "+what+" has id "+strconv.Itoa(id)))
}

type listMeta struct {
	Pagination       *bigcommerce.Pagination `json:"pagination,omitempty"`
	CursorPagination *cursorPagination       `json:"cursor_pagination,omitempty"`
}

type listBody[T any] struct {
	Data []T      `json:"data"`
	Meta listMeta `json:"meta"`
}

type itemsBody[T any] struct {
	Data []T      `json:"data"`
	Meta struct{} `json:"meta"`
}

type itemBody[T any] struct {
	Data T        `json:"data"`
	Meta struct{} `json:"meta"`
}

// paginate cuts the query's page out of items and answers it with
// meta.pagination.
func paginate[T any](w http.ResponseWriter, q url.Values, items []T) {
	lo, hi := pageBounds(q, len(items))
	answerPage(w, q, len(items), items[lo:hi])
}

// pageBounds are the bounds [lo, hi) of the query's page in a list of n,
// for a handler that converts only the page.
func pageBounds(q url.Values, n int) (lo, hi int) {
	p := bigcommerce.PageOf(q)
	lo = min(p.Offset(), n)
	return lo, lo + min(p.Limit, n-lo)
}

// convertPage converts the query's page of all, and only it.
func convertPage[M, J any](q url.Values, all []M, conv func(M) J) []J {
	lo, hi := pageBounds(q, len(all))
	page := make([]J, 0, hi-lo)
	for _, m := range all[lo:hi] {
		page = append(page, conv(m))
	}
	return page
}

// answerList answers the query's page of what list reads from the
// store's model, converting only the page, under the store's lock; a
// store that holds nothing yet has an empty list.
func answerList[M, J any](r *REST, w http.ResponseWriter, q url.Values, in *gateway.Request, list func(st *shop.Store) []M, conv func(M) J) {
	var page []J
	total := 0
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st == nil {
			return
		}
		all := list(st)
		total, page = len(all), convertPage(q, all, conv)
	})
	answerPage(w, q, total, page)
}

// answerPage answers page, the query's page of a list of total, with
// meta.pagination.
func answerPage[T any](w http.ResponseWriter, q url.Values, total int, page []T) {
	pg := bigcommerce.Paginate(q, total, len(page), bigcommerce.PageOf(q))
	gateway.WriteJSON(w, http.StatusOK, listBody[T]{Data: orEmpty(page), Meta: listMeta{Pagination: &pg}})
}

// pageOf cuts the query's page out of items, with its meta.pagination.
func pageOf[T any](q url.Values, items []T) ([]T, bigcommerce.Pagination) {
	lo, hi := pageBounds(q, len(items))
	page := items[lo:hi]
	return page, bigcommerce.Paginate(q, len(items), len(page), bigcommerce.PageOf(q))
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// --- customers ---

type customerJSON struct {
	ID                int                `json:"id"`
	Email             string             `json:"email"`
	FirstName         string             `json:"first_name"`
	LastName          string             `json:"last_name"`
	Company           string             `json:"company"`
	Phone             string             `json:"phone"`
	Notes             string             `json:"notes"`
	TaxExemptCategory string             `json:"tax_exempt_category"`
	RegistrationIP    string             `json:"registration_ip_address"`
	GroupID           int                `json:"customer_group_id"`
	Created           string             `json:"date_created"`
	Modified          string             `json:"date_modified"`
	AddressCount      int                `json:"address_count"`
	AttributeCount    int                `json:"attribute_count"`
	Authentication    authenticationJSON `json:"authentication"`
	AcceptsEmails     bool               `json:"accepts_product_review_abandoned_cart_emails"`
	OriginChannelID   int                `json:"origin_channel_id"`
	ChannelIDs        []int              `json:"channel_ids"`
	Addresses         *[]addressJSON     `json:"addresses,omitempty"`
	Attributes        *[]attributeJSON   `json:"attributes,omitempty"`
	FormFields        *[]formFieldJSON   `json:"form_fields,omitempty"`
	StoreCredit       *[]amountJSON      `json:"store_credit_amounts,omitempty"`
	// The beta includes: bcmock has no shopper profiles or segments, so a
	// customer asked for them has no profile (null) and is in no segment.
	ShopperProfileID json.RawMessage `json:"shopper_profile_id,omitempty"`
	SegmentIDs       *[]string       `json:"segment_ids,omitempty"`
}

type authenticationJSON struct {
	ForcePasswordReset bool `json:"force_password_reset"`
}

type attributeJSON struct {
	ID          int    `json:"id"`
	AttributeID int    `json:"attribute_id"`
	Value       string `json:"attribute_value"`
	CustomerID  int    `json:"customer_id"`
	Created     string `json:"date_created"`
	Modified    string `json:"date_modified"`
}

type formFieldJSON struct {
	Name       string `json:"name"`
	Value      any    `json:"value"`
	CustomerID int    `json:"customer_id,omitempty"`
	AddressID  int    `json:"address_id,omitempty"`
}

type amountJSON struct {
	Amount float64 `json:"amount"`
}

type addressJSON struct {
	ID          int              `json:"id"`
	CustomerID  int              `json:"customer_id"`
	FirstName   string           `json:"first_name"`
	LastName    string           `json:"last_name"`
	Company     string           `json:"company"`
	Address1    string           `json:"address1"`
	Address2    string           `json:"address2"`
	City        string           `json:"city"`
	State       string           `json:"state_or_province"`
	PostalCode  string           `json:"postal_code"`
	CountryCode string           `json:"country_code"`
	Country     string           `json:"country"`
	Phone       string           `json:"phone"`
	Type        string           `json:"address_type"`
	FormFields  *[]formFieldJSON `json:"form_fields,omitempty"`
}

func customerOf(c *shop.Customer, inc map[string]bool) customerJSON {
	out := customerJSON{
		ID: c.ID, Email: c.Email, FirstName: c.Person.FirstName, LastName: c.Person.LastName, Company: c.Person.Company,
		Phone: c.Person.Phone, Notes: c.Notes, TaxExemptCategory: c.TaxExemptCategory, RegistrationIP: c.RegistrationIP,
		GroupID: c.GroupID, Created: v3Time(c.Created), Modified: v3Time(c.Modified),
		AddressCount: len(c.Addresses), AttributeCount: len(c.Attributes),
		Authentication: authenticationJSON{ForcePasswordReset: c.ForcePasswordReset}, AcceptsEmails: c.AcceptsEmails,
		OriginChannelID: c.OriginChannelID, ChannelIDs: orEmpty(slices.Clone(c.ChannelIDs)),
	}
	if inc["addresses"] {
		addrs := make([]addressJSON, len(c.Addresses))
		for i, a := range c.Addresses {
			addrs[i] = addressOf(a, inc["formfields"])
		}
		out.Addresses = &addrs
	}
	if inc["attributes"] {
		attrs := make([]attributeJSON, len(c.Attributes))
		for i, a := range c.Attributes {
			attrs[i] = attributeJSON{ID: a.ID, AttributeID: a.AttributeID, Value: a.Value, CustomerID: c.ID, Created: v3Time(a.Created), Modified: v3Time(a.Modified)}
		}
		out.Attributes = &attrs
	}
	if inc["formfields"] {
		fields := make([]formFieldJSON, len(c.FormFields))
		for i, f := range c.FormFields {
			fields[i] = formFieldJSON{Name: f.Name, Value: f.Value, CustomerID: c.ID}
		}
		out.FormFields = &fields
	}
	if inc["storecredit"] {
		credit := make([]amountJSON, len(c.StoreCredit))
		for i, m := range c.StoreCredit {
			credit[i] = amountJSON{Amount: m.Float()}
		}
		out.StoreCredit = &credit
	}
	if inc["shopper_profile_id"] {
		out.ShopperProfileID = json.RawMessage("null")
	}
	if inc["segment_ids"] {
		out.SegmentIDs = &[]string{}
	}
	return out
}

func addressOf(a *shop.CustomerAddress, formFields bool) addressJSON {
	ad := a.Address
	out := addressJSON{
		ID: a.ID, CustomerID: a.CustomerID, FirstName: ad.FirstName, LastName: ad.LastName, Company: ad.Company,
		Address1: ad.Street1, Address2: ad.Street2, City: ad.City, State: ad.State, PostalCode: ad.Zip,
		CountryCode: ad.CountryISO2, Country: ad.Country, Phone: ad.Phone, Type: a.Type,
	}
	if formFields {
		fields := make([]formFieldJSON, len(a.FormFields))
		for i, f := range a.FormFields {
			fields[i] = formFieldJSON{Name: f.Name, Value: f.Value, AddressID: a.ID}
		}
		out.FormFields = &fields
	}
	return out
}

// customerFilter reads GET /v3/customers's filters.
func customerFilter(q url.Values) (shop.CustomerFilter, *gateway.Error) {
	f := shop.CustomerFilter{
		IDs: intList(q, "id:in"), GroupIDs: intList(q, "customer_group_id:in"), Emails: queryList(q, "email:in"),
		Names: queryList(q, "name:in"), NameLike: queryList(q, "name:like"), Companies: queryList(q, "company:in"), Sort: q.Get("sort"),
		Phones: queryList(q, "phone:in"), RegistrationIPs: queryList(q, "registration_ip_address:in"),
	}
	if e := dateFilters(q, "date_created", &f.CreatedMin, &f.CreatedMax); e != nil {
		return f, e
	}
	return f, dateFilters(q, "date_modified", &f.ModifiedMin, &f.ModifiedMax)
}

// customerOrder places a customer in the list by its id; a gone
// customer's cursor still has a place when the list is by id, the
// default.
func customerOrder(q url.Values) cursorOrder[*shop.Customer] {
	o := idOrder("customer", func(c *shop.Customer) int { return c.ID })
	if q.Get("sort") != "" {
		o.past = nil
	}
	return o
}

func (r *REST) getCustomers(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f, e := customerFilter(q)
	if e != nil {
		in.Error(w, *e)
		return
	}
	inc := includeSet(q)
	answerCursorList(r, w, q, in, func(st *shop.Store) []*shop.Customer { return st.CustomerList(f) },
		customerOrder(q), func(c *shop.Customer) customerJSON { return customerOf(c, inc) })
}

// customerIn is one customer of a POST or PUT body.
type customerIn struct {
	ID                int     `json:"id"`
	Email             *string `json:"email"`
	FirstName         *string `json:"first_name"`
	LastName          *string `json:"last_name"`
	Company           *string `json:"company"`
	Phone             *string `json:"phone"`
	Notes             *string `json:"notes"`
	TaxExemptCategory *string `json:"tax_exempt_category"`
	GroupID           *int    `json:"customer_group_id"`
	Authentication    *struct {
		ForcePasswordReset *bool `json:"force_password_reset"`
	} `json:"authentication"`
	AcceptsEmails   *bool        `json:"accepts_product_review_abandoned_cart_emails"`
	OriginChannelID *int         `json:"origin_channel_id"`
	ChannelIDs      *[]int       `json:"channel_ids"`
	StoreCredit     *[]amountIn  `json:"store_credit_amounts"`
	FormFields      *[]formField `json:"form_fields"`
	Attributes      *[]struct {
		AttributeID int    `json:"attribute_id"`
		Value       string `json:"attribute_value"`
	} `json:"attributes"`
	Addresses []customerAddressIn `json:"addresses"`
}

type amountIn struct {
	Amount float64 `json:"amount"`
}

type formField struct {
	Name  string `json:"name"`
	Value any    `json:"value"`
}

func formFields(in *[]formField) *[]shop.FormField {
	if in == nil {
		return nil
	}
	out := make([]shop.FormField, len(*in))
	for i, f := range *in {
		out[i] = shop.FormField{Name: f.Name, Value: f.Value}
	}
	return &out
}

func (c customerIn) input() shop.CustomerInput {
	out := shop.CustomerInput{
		ID: c.ID, Email: c.Email, FirstName: c.FirstName, LastName: c.LastName, Company: c.Company, Phone: c.Phone,
		Notes: c.Notes, TaxExemptCategory: c.TaxExemptCategory, GroupID: c.GroupID, AcceptsEmails: c.AcceptsEmails,
		OriginChannelID: c.OriginChannelID, ChannelIDs: c.ChannelIDs, FormFields: formFields(c.FormFields),
	}
	if c.Authentication != nil {
		out.ForcePasswordReset = c.Authentication.ForcePasswordReset
	}
	if c.StoreCredit != nil {
		credit := make([]shop.Money, len(*c.StoreCredit))
		for i, a := range *c.StoreCredit {
			credit[i], _ = shop.MoneyOf(a.Amount)
		}
		out.StoreCredit = &credit
	}
	if c.Attributes != nil {
		attrs := make([]shop.AttributeInput, len(*c.Attributes))
		for i, a := range *c.Attributes {
			attrs[i] = shop.AttributeInput{AttributeID: a.AttributeID, Value: a.Value}
		}
		out.Attributes = &attrs
	}
	for _, a := range c.Addresses {
		out.Addresses = append(out.Addresses, a.input())
	}
	return out
}

// writeCustomers runs a customers batch write and answers what it wrote.
func (r *REST) writeCustomers(w http.ResponseWriter, req *http.Request, in *gateway.Request,
	write func(st *shop.Store, batch []shop.CustomerInput) ([]*shop.Customer, []shop.Event, error)) {
	writeAnswer(r, w, req, in, func(st *shop.Store, body []customerIn) (out itemsBody[customerJSON], _ []shop.Event, _ error) {
		batch := make([]shop.CustomerInput, len(body))
		for i, c := range body {
			batch[i] = c.input()
		}
		written, events, err := write(st, batch)
		for _, c := range written {
			out.Data = append(out.Data, customerOf(c, map[string]bool{"addresses": true}))
		}
		return out, events, err
	})
}

func (r *REST) createCustomers(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.writeCustomers(w, req, in, (*shop.Store).CreateCustomers)
}

func (r *REST) updateCustomers(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.writeCustomers(w, req, in, (*shop.Store).UpdateCustomers)
}

func (r *REST) deleteCustomers(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.deleteByIDs(w, req, in, (*shop.Store).DeleteCustomers)
}

// deleteByIDs runs a delete of the ids of id:in and answers 204.
func (r *REST) deleteByIDs(w http.ResponseWriter, req *http.Request, in *gateway.Request, del func(st *shop.Store, ids []int) []shop.Event) {
	ids := intList(req.URL.Query(), "id:in")
	if r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return del(st, ids), nil }) {
		w.WriteHeader(http.StatusNoContent)
	}
}

// --- addresses ---

type customerAddressIn struct {
	ID          int          `json:"id"`
	CustomerID  int          `json:"customer_id"`
	FirstName   *string      `json:"first_name"`
	LastName    *string      `json:"last_name"`
	Company     *string      `json:"company"`
	Address1    *string      `json:"address1"`
	Address2    *string      `json:"address2"`
	City        *string      `json:"city"`
	State       *string      `json:"state_or_province"`
	PostalCode  *string      `json:"postal_code"`
	CountryCode *string      `json:"country_code"`
	Phone       *string      `json:"phone"`
	Type        *string      `json:"address_type"`
	FormFields  *[]formField `json:"form_fields"`
}

func (a customerAddressIn) input() shop.CustomerAddressInput {
	return shop.CustomerAddressInput{
		ID: a.ID, CustomerID: a.CustomerID, FirstName: a.FirstName, LastName: a.LastName, Company: a.Company,
		Address1: a.Address1, Address2: a.Address2, City: a.City, State: a.State, PostalCode: a.PostalCode,
		CountryCode: a.CountryCode, Phone: a.Phone, Type: a.Type, FormFields: formFields(a.FormFields),
	}
}

func (r *REST) getAddresses(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f := shop.AddressFilter{IDs: intList(q, "id:in"), CustomerIDs: intList(q, "customer_id:in"), Companies: queryList(q, "company:in"), Names: queryList(q, "name:in")}
	withFields := includeSet(q)["formfields"]
	answerList(r, w, q, in, func(st *shop.Store) []*shop.CustomerAddress { return st.AddressList(f) },
		func(a *shop.CustomerAddress) addressJSON { return addressOf(a, withFields) })
}

func (r *REST) writeAddresses(w http.ResponseWriter, req *http.Request, in *gateway.Request,
	write func(st *shop.Store, batch []shop.CustomerAddressInput) ([]*shop.CustomerAddress, []shop.Event, error)) {
	writeAnswer(r, w, req, in, func(st *shop.Store, body []customerAddressIn) (out itemsBody[addressJSON], _ []shop.Event, _ error) {
		batch := make([]shop.CustomerAddressInput, len(body))
		for i, a := range body {
			batch[i] = a.input()
		}
		written, events, err := write(st, batch)
		out.Data = make([]addressJSON, 0, len(written)) // [] when every address was a duplicate
		for _, a := range written {
			out.Data = append(out.Data, addressOf(a, false))
		}
		return out, events, err
	})
}

func (r *REST) createAddresses(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.writeAddresses(w, req, in, (*shop.Store).CreateAddresses)
}

func (r *REST) updateAddresses(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.writeAddresses(w, req, in, (*shop.Store).UpdateAddresses)
}

func (r *REST) deleteAddresses(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.deleteByIDs(w, req, in, (*shop.Store).DeleteAddresses)
}

// --- stored instruments ---

type instrumentJSON struct {
	Type        string         `json:"type"`
	Token       string         `json:"token"`
	Default     bool           `json:"is_default"`
	Brand       string         `json:"brand"`
	ExpiryMonth int            `json:"expiry_month"`
	ExpiryYear  int            `json:"expiry_year"`
	IIN         string         `json:"issuer_identification_number"`
	Last4       string         `json:"last_4"`
	Billing     billingAddress `json:"billing_address"`
}

type billingAddress struct {
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Email       string `json:"email"`
	Company     string `json:"company"`
	Address1    string `json:"address1"`
	Address2    string `json:"address2"`
	City        string `json:"city"`
	PostalCode  string `json:"postal_code"`
	State       string `json:"state_or_province"`
	CountryCode string `json:"country_code"`
	Phone       string `json:"phone"`
}

// getInstruments answers the customer's stored instruments as a bare
// array, as BigCommerce does on this v3 path.
func (r *REST) getInstruments(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "customerId")
	var out []instrumentJSON
	found := false
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st == nil {
			return
		}
		c := st.Customer(id)
		if c == nil {
			return
		}
		found = true
		out = instrumentsOf(c)
	})
	if !found {
		in.Error(w, modelError(missing("customer", id)))
		return
	}
	gateway.WriteJSON(w, http.StatusOK, out)
}

// instrumentsOf is c's stored instruments, as GET
// /v3/customers/{id}/stored-instruments answers them.
func instrumentsOf(c *shop.Customer) []instrumentJSON {
	out := make([]instrumentJSON, 0, len(c.Instruments))
	for _, i := range c.Instruments {
		b := i.Billing
		out = append(out, instrumentJSON{
			Type: "stored_card", Token: i.Token, Default: i.Default, Brand: i.Brand, ExpiryMonth: i.ExpiryMonth, ExpiryYear: i.ExpiryYear,
			IIN: i.IIN, Last4: i.Last4, Billing: billingAddress{
				FirstName: b.FirstName, LastName: b.LastName, Email: c.Email, Company: b.Company, Address1: b.Street1, Address2: b.Street2,
				City: b.City, PostalCode: b.Zip, State: b.State, CountryCode: b.CountryISO2, Phone: b.Phone,
			},
		})
	}
	return out
}

// --- subscribers ---

type subscriberJSON struct {
	ID        int      `json:"id"`
	Email     string   `json:"email"`
	FirstName string   `json:"first_name"`
	LastName  string   `json:"last_name"`
	Source    string   `json:"source"`
	OrderID   *int     `json:"order_id"` // null when none, as the documents allow
	ChannelID int      `json:"channel_id"`
	Consents  []string `json:"consents"`
	Created   string   `json:"date_created"`
	Modified  string   `json:"date_modified"`
}

func subscriberOf(s *shop.Subscriber) subscriberJSON {
	out := subscriberJSON{ID: s.ID, Email: s.Email, FirstName: s.FirstName, LastName: s.LastName, Source: s.Source,
		ChannelID: s.ChannelID, Consents: orEmpty(slices.Clone(s.Consents)), Created: v3Time(s.Created), Modified: v3Time(s.Modified)}
	if s.OrderID != 0 {
		id := s.OrderID
		out.OrderID = &id
	}
	return out
}

func subscriberFilter(q url.Values) shop.SubscriberFilter {
	order, _ := strconv.Atoi(q.Get("order_id"))
	return shop.SubscriberFilter{IDs: intList(q, "id:in"), Email: q.Get("email"), FirstName: q.Get("first_name"),
		LastName: q.Get("last_name"), Source: q.Get("source"), OrderID: order}
}

func (r *REST) getSubscribers(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f := subscriberFilter(q)
	answerList(r, w, q, in, func(st *shop.Store) []*shop.Subscriber { return st.SubscriberList(f) }, subscriberOf)
}

func (r *REST) getSubscriber(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	id := intParam(in, "subscriber_id")
	var out *subscriberJSON
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st == nil {
			return
		}
		if s := st.Subscriber(id); s != nil {
			j := subscriberOf(s)
			out = &j
		}
	})
	answerOne(w, in, out, "subscriber", id)
}

type subscriberIn struct {
	Email     *string   `json:"email"`
	FirstName *string   `json:"first_name"`
	LastName  *string   `json:"last_name"`
	Source    *string   `json:"source"`
	OrderID   *int      `json:"order_id"`
	ChannelID *int      `json:"channel_id"`
	Consents  *[]string `json:"consents"`
}

func (s subscriberIn) input() shop.SubscriberInput {
	return shop.SubscriberInput{Email: s.Email, FirstName: s.FirstName, LastName: s.LastName, Source: s.Source, OrderID: s.OrderID, ChannelID: s.ChannelID, Consents: s.Consents}
}

func (r *REST) writeSubscriber(w http.ResponseWriter, req *http.Request, in *gateway.Request,
	write func(st *shop.Store, s shop.SubscriberInput) (*shop.Subscriber, []shop.Event, error)) {
	writeAnswer(r, w, req, in, func(st *shop.Store, body subscriberIn) (out itemBody[subscriberJSON], _ []shop.Event, _ error) {
		s, events, err := write(st, body.input())
		if err == nil {
			out.Data = subscriberOf(s)
		}
		return out, events, err
	})
}

func (r *REST) createSubscriber(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.writeSubscriber(w, req, in, (*shop.Store).CreateSubscriber)
}

func (r *REST) updateSubscriber(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "subscriber_id")
	r.writeSubscriber(w, req, in, func(st *shop.Store, s shop.SubscriberInput) (*shop.Subscriber, []shop.Event, error) {
		return st.UpdateSubscriber(id, s)
	})
}

func (r *REST) deleteSubscriber(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "subscriber_id")
	ok := r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) {
		if st.Subscriber(id) == nil {
			return nil, missing("subscriber", id)
		}
		return st.DeleteSubscribers(shop.SubscriberFilter{IDs: []int{id}}), nil
	})
	if ok {
		w.WriteHeader(http.StatusNoContent)
	}
}

func (r *REST) deleteSubscribers(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	f := subscriberFilter(req.URL.Query())
	if r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return st.DeleteSubscribers(f), nil }) {
		w.WriteHeader(http.StatusNoContent)
	}
}
