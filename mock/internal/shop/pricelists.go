package shop

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Price lists: the lists, their records (a price of one variant in one
// currency) and their assignments to a channel and customer group
// (bigcommerce-rest.md §1, §2.15, §5).

// PriceList is one price list.
type PriceList struct {
	ID                int
	Name              string
	Active            bool
	Created, Modified time.Time
}

// PriceRecord is the price of one variant in one currency on one list.
// The optional prices are nil when not set.
type PriceRecord struct {
	PriceListID, VariantID, ProductID int
	SKU                               string
	Currency                          string // ISO 4217, upper case
	Price                             Money
	SalePrice, RetailPrice, MapPrice  *Money
	Tiers                             []BulkTier
	Created, Modified                 time.Time
}

// Calculated is the price a shopper pays before bulk tiers: the sale
// price when one is set below the price, else the price.
func (r *PriceRecord) Calculated() Money {
	if r.SalePrice != nil && *r.SalePrice < r.Price {
		return *r.SalePrice
	}
	return r.Price
}

// BulkTier is one bulk pricing tier of a record: from QuantityMin
// (to QuantityMax, 0 for no end), a price (Type "price"), an amount off
// ("fixed") or a percentage off ("percent").
type BulkTier struct {
	QuantityMin, QuantityMax int
	Type                     string
	Amount                   Money
}

// PriceAssignment ties a price list to a customer group on a channel; a
// (channel, customer group) pair has one list at most.
type PriceAssignment struct {
	ID, PriceListID, CustomerGroupID, ChannelID int
}

// recordKey names a record: list, variant, currency.
type recordKey struct {
	list, variant int
	currency      string
}

// priceBook is what a store holds of price lists, made on first use.
type priceBook struct {
	lists       map[int]*PriceList
	records     map[recordKey]*PriceRecord
	assignments map[int]*PriceAssignment
	next        struct{ list, assignment int }
}

func (st *Store) book() *priceBook {
	if st.prices == nil {
		st.prices = &priceBook{lists: map[int]*PriceList{}, records: map[recordKey]*PriceRecord{}, assignments: map[int]*PriceAssignment{}}
		st.prices.next.list, st.prices.next.assignment = 1, 1
	}
	return st.prices
}

// PriceList returns price list id, or nil.
func (st *Store) PriceList(id int) *PriceList { return st.book().lists[id] }

// PriceListFilter selects price lists, as GET /v3/pricelists's query does.
type PriceListFilter struct {
	IDs      []int
	Name     string // exact
	NameLike string // case-insensitive substring
	// Bounds of date_created and date_modified; a zero time is none.
	CreatedMin, CreatedMax, ModifiedMin, ModifiedMax time.Time
}

// PriceLists returns the lists f selects, by id.
func (st *Store) PriceLists(f PriceListFilter) []*PriceList {
	var out []*PriceList
	for _, l := range st.book().lists {
		switch {
		case len(f.IDs) > 0 && !slices.Contains(f.IDs, l.ID),
			f.Name != "" && l.Name != f.Name,
			f.NameLike != "" && !strings.Contains(strings.ToLower(l.Name), strings.ToLower(f.NameLike)),
			!f.CreatedMin.IsZero() && l.Created.Before(f.CreatedMin),
			!f.CreatedMax.IsZero() && l.Created.After(f.CreatedMax),
			!f.ModifiedMin.IsZero() && l.Modified.Before(f.ModifiedMin),
			!f.ModifiedMax.IsZero() && l.Modified.After(f.ModifiedMax):
			continue
		}
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b *PriceList) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// RecordFilter selects the records of a list.
type RecordFilter struct {
	VariantIDs, ProductIDs []int
	Currencies             []string // upper case
}

// PriceRecords returns the records of list f selects, by variant then
// currency.
func (st *Store) PriceRecords(list int, f RecordFilter) []*PriceRecord {
	var out []*PriceRecord
	for k, r := range st.book().records {
		switch {
		case k.list != list,
			len(f.VariantIDs) > 0 && !slices.Contains(f.VariantIDs, r.VariantID),
			len(f.ProductIDs) > 0 && !slices.Contains(f.ProductIDs, r.ProductID),
			len(f.Currencies) > 0 && !slices.Contains(f.Currencies, r.Currency):
			continue
		}
		out = append(out, r)
	}
	slices.SortFunc(out, func(a, b *PriceRecord) int {
		return cmp.Or(cmp.Compare(a.VariantID, b.VariantID), cmp.Compare(a.Currency, b.Currency))
	})
	return out
}

// PriceRecord returns the record of variant in currency on list, or nil.
func (st *Store) PriceRecord(list, variant int, currency string) *PriceRecord {
	return st.book().records[recordKey{list, variant, strings.ToUpper(currency)}]
}

// AssignmentFilter selects assignments; an empty field selects all.
type AssignmentFilter struct {
	IDs, PriceListIDs, CustomerGroupIDs, ChannelIDs []int
}

// Empty reports whether f selects every assignment.
func (f AssignmentFilter) Empty() bool {
	return len(f.IDs)+len(f.PriceListIDs)+len(f.CustomerGroupIDs)+len(f.ChannelIDs) == 0
}

// PriceAssignments returns the assignments f selects, by id.
func (st *Store) PriceAssignments(f AssignmentFilter) []*PriceAssignment {
	var out []*PriceAssignment
	for _, a := range st.book().assignments {
		switch {
		case len(f.IDs) > 0 && !slices.Contains(f.IDs, a.ID),
			len(f.PriceListIDs) > 0 && !slices.Contains(f.PriceListIDs, a.PriceListID),
			len(f.CustomerGroupIDs) > 0 && !slices.Contains(f.CustomerGroupIDs, a.CustomerGroupID),
			len(f.ChannelIDs) > 0 && !slices.Contains(f.ChannelIDs, a.ChannelID):
			continue
		}
		out = append(out, a)
	}
	slices.SortFunc(out, func(a, b *PriceAssignment) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// --- writes ---

// PriceListInput is the body of POST /v3/pricelists and PUT
// /v3/pricelists/{id}: nil fields are not given.
type PriceListInput struct {
	Name   *string
	Active *bool
}

// CreatePriceList makes a price list (name required, unique; active
// unless given) and fires store/priceList/created.
func (st *Store) CreatePriceList(in PriceListInput) (*PriceList, []Event, error) {
	b := st.book()
	if len(b.lists) >= st.limits().Customers {
		return nil, nil, fmt.Errorf("%w: the store holds %d price lists, the most bcmock keeps", ErrFull, st.limits().Customers)
	}
	if in.Name == nil || strings.TrimSpace(*in.Name) == "" {
		return nil, nil, invalid("name is required")
	}
	if err := st.uniqueListName(*in.Name, 0); err != nil {
		return nil, nil, err
	}
	now := st.now()
	l := &PriceList{ID: bump(&b.next.list), Name: *in.Name, Active: true, Created: now, Modified: now}
	setBool(&l.Active, in.Active)
	b.lists[l.ID] = l
	var f fired
	f.priceList(l.ID, "created")
	return l, f, nil
}

// UpdatePriceList changes price list id. It fires store/priceList/updated
// when anything changed, then store/priceList/activated or deactivated
// when active flipped (§5, inferred).
func (st *Store) UpdatePriceList(id int, in PriceListInput) (*PriceList, []Event, error) {
	l := st.PriceList(id)
	if l == nil {
		return nil, nil, notFound("price list", id)
	}
	if in.Name != nil {
		if strings.TrimSpace(*in.Name) == "" {
			return nil, nil, invalid("name cannot be empty")
		}
		if err := st.uniqueListName(*in.Name, id); err != nil {
			return nil, nil, err
		}
	}
	before := *l
	setString(&l.Name, in.Name)
	setBool(&l.Active, in.Active)
	var f fired
	if *l == before {
		return l, f, nil
	}
	l.Modified = st.now()
	f.priceList(id, "updated")
	if l.Active != before.Active {
		f.priceList(id, map[bool]string{true: "activated", false: "deactivated"}[l.Active])
	}
	return l, f, nil
}

func (st *Store) uniqueListName(name string, self int) error {
	for _, l := range st.book().lists {
		if l.ID != self && strings.EqualFold(l.Name, name) {
			return invalid("price list %d is named %q already", l.ID, l.Name)
		}
	}
	return nil
}

// DeletePriceList deletes price list id with its records and assignments
// and fires store/priceList/deleted (one event: BigCommerce documents
// none for the records and assignments that go with it).
func (st *Store) DeletePriceList(id int) ([]Event, error) {
	if st.PriceList(id) == nil {
		return nil, notFound("price list", id)
	}
	st.removePriceList(id)
	var f fired
	f.priceList(id, "deleted")
	return f, nil
}

// DeletePriceLists deletes the lists of ids the store holds, as DELETE
// /v3/pricelists?id:in= does, and fires one store/priceLists/deleted
// naming them (none when no list was deleted).
func (st *Store) DeletePriceLists(ids []int) []Event {
	var gone []int
	for _, id := range dedupe(ids) {
		if st.PriceList(id) != nil {
			st.removePriceList(id)
			gone = append(gone, id)
		}
	}
	var f fired
	if len(gone) > 0 {
		f.add("store/priceLists/deleted", map[string]any{"price_list_ids": gone})
	}
	return f
}

func (st *Store) removePriceList(id int) {
	b := st.book()
	delete(b.lists, id)
	for k := range b.records {
		if k.list == id {
			delete(b.records, k)
		}
	}
	for aid, a := range b.assignments {
		if a.PriceListID == id {
			delete(b.assignments, aid)
		}
	}
}

// RecordInput is one record of a records write: nil prices are not given.
type RecordInput struct {
	PriceListID, VariantID           int
	Currency                         string
	Price                            *Money
	SalePrice, RetailPrice, MapPrice *Money
	Tiers                            *[]BulkTier
}

// UpsertRecord sets the record of variant in currency on list, as PUT
// /v3/pricelists/{id}/records/{variant_id}/{currency} does, and fires
// store/priceList/record/created or updated.
func (st *Store) UpsertRecord(in RecordInput) (*PriceRecord, []Event, error) {
	out, events, err := st.upsertRecords([]RecordInput{in}, false)
	if err != nil {
		return nil, nil, err
	}
	return out[0], events, nil
}

// UpsertRecords sets a batch of records, as PUT /v3/pricelists/{id}/records
// and POST /v3/pricelists/records do, checked whole first. It fires one
// store/priceList/records/created naming the new records and one
// records/updated naming the changed ones, each an array (§5).
func (st *Store) UpsertRecords(in []RecordInput) ([]*PriceRecord, []Event, error) {
	return st.upsertRecords(in, true)
}

func (st *Store) upsertRecords(in []RecordInput, batch bool) ([]*PriceRecord, []Event, error) {
	b := st.book()
	adding := 0
	seenKeys := map[recordKey]bool{}
	for i, r := range in {
		k := recordKey{r.PriceListID, r.VariantID, strings.ToUpper(r.Currency)}
		switch {
		case b.lists[r.PriceListID] == nil:
			return nil, nil, notFound("price list", r.PriceListID)
		case r.VariantID <= 0 || !validCurrency(k.currency):
			return nil, nil, invalid("record %d: variant_id and a three-letter currency are required", i)
		case seenKeys[k]:
			return nil, nil, invalid("record %d: variant %d in %s is given twice", i, r.VariantID, k.currency)
		case b.records[k] == nil && r.Price == nil:
			return nil, nil, invalid("record %d: price is required for a new record", i)
		}
		if err := checkPrices(i, r); err != nil {
			return nil, nil, err
		}
		seenKeys[k] = true
		if b.records[k] == nil {
			adding++
		}
	}
	if len(b.records)+adding > st.limits().Customers {
		return nil, nil, fmt.Errorf("%w: the store holds the most price records bcmock keeps (%d)", ErrFull, st.limits().Customers)
	}
	now := st.now()
	var created, updated []any
	out := make([]*PriceRecord, 0, len(in))
	for _, ri := range in {
		k := recordKey{ri.PriceListID, ri.VariantID, strings.ToUpper(ri.Currency)}
		r := b.records[k]
		data := recordData(k)
		if r == nil {
			r = st.newRecord(k, now)
			b.records[k] = r
			created = append(created, data)
		} else {
			updated = append(updated, data)
		}
		r.set(ri)
		r.Modified = now
		out = append(out, r)
	}
	var f fired
	switch {
	case !batch && len(created) > 0:
		f.add("store/priceList/record/created", created[0].(map[string]any))
	case !batch:
		f.add("store/priceList/record/updated", updated[0].(map[string]any))
	default:
		f.records("created", created)
		f.records("updated", updated)
	}
	return out, f, nil
}

// checkPrices refuses negative prices and bad tiers.
func checkPrices(i int, r RecordInput) error {
	for _, p := range []*Money{r.Price, r.SalePrice, r.RetailPrice, r.MapPrice} {
		if p != nil && *p < 0 {
			return invalid("record %d: prices cannot be negative", i)
		}
	}
	if r.Tiers == nil {
		return nil
	}
	for j, t := range *r.Tiers {
		if t.QuantityMin < 1 || t.QuantityMax != 0 && t.QuantityMax < t.QuantityMin || t.Amount < 0 ||
			t.Type != "price" && t.Type != "fixed" && t.Type != "percent" {
			return invalid("record %d: bulk pricing tier %d is not one (quantity_min ≥ 1, type price, fixed or percent)", i, j)
		}
	}
	return nil
}

// validCurrency reports whether c is three upper-case letters.
func validCurrency(c string) bool {
	if len(c) != 3 {
		return false
	}
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// newRecord makes the record k, its product and SKU those of the variant.
func (st *Store) newRecord(k recordKey, now time.Time) *PriceRecord {
	product, sku := st.variantOf(k.variant)
	return &PriceRecord{PriceListID: k.list, VariantID: k.variant, ProductID: product, SKU: sku, Currency: k.currency, Created: now, Modified: now}
}

// variantOf returns the product id and SKU of variant id: the catalog's
// variant when the store holds it; else a variant of the invented product
// pool is that product's, and any other an invented product's (the same
// one every time, from the id).
func (st *Store) variantOf(id int) (product int, sku string) {
	if v := st.Variant(id); v != nil {
		return v.ProductID, v.SKU
	}
	products := st.shop.pool.products
	for _, p := range products {
		if p.variantID == id {
			return p.id, p.sku
		}
	}
	p := products[id%len(products)]
	return p.id, fmt.Sprintf("%s-V%d", p.sku, id)
}

func (r *PriceRecord) set(in RecordInput) {
	setMoney(&r.Price, in.Price)
	for _, p := range []struct{ dst, v **Money }{{&r.SalePrice, &in.SalePrice}, {&r.RetailPrice, &in.RetailPrice}, {&r.MapPrice, &in.MapPrice}} {
		if *p.v != nil {
			v := **p.v
			*p.dst = &v
		}
	}
	if in.Tiers != nil {
		r.Tiers = slices.Clone(*in.Tiers)
	}
}

// DeleteRecord deletes the record of variant in currency on list and
// fires store/priceList/record/deleted.
func (st *Store) DeleteRecord(list, variant int, currency string) ([]Event, error) {
	if st.PriceList(list) == nil {
		return nil, notFound("price list", list)
	}
	k := recordKey{list, variant, strings.ToUpper(currency)}
	if st.book().records[k] == nil {
		return nil, notFound("price record", fmt.Sprintf("of variant %d in %s", variant, k.currency))
	}
	delete(st.book().records, k)
	var f fired
	f.add("store/priceList/record/deleted", recordData(k))
	return f, nil
}

// DeleteRecords deletes the records of list f selects, as DELETE
// /v3/pricelists/{id}/records does, and fires one
// store/priceList/records/deleted naming them (none when none went).
func (st *Store) DeleteRecords(list int, f RecordFilter) ([]Event, error) {
	if st.PriceList(list) == nil {
		return nil, notFound("price list", list)
	}
	var gone []any
	for _, r := range st.PriceRecords(list, f) {
		k := recordKey{list, r.VariantID, r.Currency}
		delete(st.book().records, k)
		gone = append(gone, recordData(k))
	}
	var out fired
	out.records("deleted", gone)
	return out, nil
}

// AssignmentInput is one assignment of a write.
type AssignmentInput struct {
	PriceListID, CustomerGroupID, ChannelID int
}

// UpsertAssignments assigns lists to (channel, customer group) pairs, as
// POST /v3/pricelists/assignments and PUT /v3/pricelists/{id}/assignments
// do: a pair another list has moves to the new one. Each fires
// store/priceList/assignment/updated (there is no assignment/created).
func (st *Store) UpsertAssignments(in []AssignmentInput) ([]*PriceAssignment, []Event, error) {
	b := st.book()
	pairs := map[[2]int]bool{}
	for i, a := range in {
		switch {
		case b.lists[a.PriceListID] == nil:
			return nil, nil, invalid("assignment %d: no price list has id %d", i, a.PriceListID)
		case st.Channel(a.ChannelID) == nil:
			return nil, nil, invalid("assignment %d: no channel has id %d", i, a.ChannelID)
		case a.CustomerGroupID <= 0:
			return nil, nil, invalid("assignment %d: customer_group_id is required", i)
		case pairs[[2]int{a.ChannelID, a.CustomerGroupID}]:
			return nil, nil, invalid("assignment %d: channel %d and customer group %d are given twice", i, a.ChannelID, a.CustomerGroupID)
		}
		pairs[[2]int{a.ChannelID, a.CustomerGroupID}] = true
	}
	if len(b.assignments)+len(in) > st.limits().Customers {
		return nil, nil, fmt.Errorf("%w: the store holds the most price list assignments bcmock keeps (%d)", ErrFull, st.limits().Customers)
	}
	var f fired
	out := make([]*PriceAssignment, 0, len(in))
	for _, ai := range in {
		a := st.assign(ai)
		out = append(out, a)
		f.assignment(a, "updated")
	}
	return out, f, nil
}

// assign gives the pair of ai its list, keeping the pair's assignment id
// when it had one.
func (st *Store) assign(ai AssignmentInput) *PriceAssignment {
	b := st.book()
	for _, a := range b.assignments {
		if a.ChannelID == ai.ChannelID && a.CustomerGroupID == ai.CustomerGroupID {
			a.PriceListID = ai.PriceListID
			return a
		}
	}
	a := &PriceAssignment{ID: bump(&b.next.assignment), PriceListID: ai.PriceListID, CustomerGroupID: ai.CustomerGroupID, ChannelID: ai.ChannelID}
	b.assignments[a.ID] = a
	return a
}

// DeleteAssignments deletes the assignments f selects (f must select
// something: BigCommerce refuses to delete every assignment at once) and
// fires store/priceList/assignment/deleted for each.
func (st *Store) DeleteAssignments(f AssignmentFilter) ([]Event, error) {
	if f.Empty() {
		return nil, invalid("give at least one filter of the assignments to delete")
	}
	var out fired
	for _, a := range st.PriceAssignments(f) {
		delete(st.book().assignments, a.ID)
		out.assignment(a, "deleted")
	}
	return out, nil
}

func (f *fired) priceList(id int, what string) {
	f.add("store/priceList/"+what, map[string]any{"price_list_id": id})
}

// records adds store/priceList/records/{what} with the array data, unless
// it is empty.
func (f *fired) records(what string, data []any) {
	if len(data) > 0 {
		*f = append(*f, Event{Scope: "store/priceList/records/" + what, List: data})
	}
}

func (f *fired) assignment(a *PriceAssignment, what string) {
	f.add("store/priceList/assignment/"+what, map[string]any{"price_list_id": a.PriceListID, "channel_id": a.ChannelID, "customer_group_id": a.CustomerGroupID})
}

// recordData is a record's webhook data. The webhook field is currency;
// BigCommerce's CB schema spells it currency_code, so events raised from
// outside may carry either (recordOf reads both).
func recordData(k recordKey) map[string]any {
	// Both spellings, as every raised record event carries them: the
	// events page says currency, the callback schemas currency_code.
	return map[string]any{"price_list_id": k.list, "variant_id": k.variant, "currency": k.currency, "currency_code": k.currency}
}

// --- events -> state ---

func (st *Store) applyPriceList(kind string, _ int, d map[string]any) {
	b := st.book()
	switch kind {
	case "priceLists/deleted":
		ids, _ := d["price_list_ids"].([]any)
		for _, v := range ids {
			if id, ok := intValue(v); ok {
				st.removePriceList(id)
			}
		}
		return
	case "priceList/deleted":
		st.removePriceList(intField(d, "price_list_id"))
		return
	}
	l := st.ensurePriceList(intField(d, "price_list_id"))
	if l == nil {
		return
	}
	now := st.now()
	switch kind {
	case "priceList/updated":
		l.Modified = now
	case "priceList/activated", "priceList/deactivated":
		l.Active, l.Modified = kind == "priceList/activated", now
	case "priceList/record/created", "priceList/record/updated", "priceList/records/created", "priceList/records/updated":
		if k, ok := recordOf(l.ID, d); ok {
			st.ensureRecord(k)
		}
	case "priceList/record/deleted", "priceList/records/deleted":
		if k, ok := recordOf(l.ID, d); ok {
			delete(b.records, k)
		}
	case "priceList/assignment/updated":
		group, channel := intField(d, "customer_group_id"), intField(d, "channel_id")
		if group > 0 && st.ensureChannel(channel) != nil && len(b.assignments) < st.limits().Customers {
			st.assign(AssignmentInput{PriceListID: l.ID, CustomerGroupID: group, ChannelID: channel})
		}
	case "priceList/assignment/deleted":
		for _, a := range st.PriceAssignments(AssignmentFilter{PriceListIDs: []int{l.ID}}) {
			if a.CustomerGroupID == intField(d, "customer_group_id") && a.ChannelID == intField(d, "channel_id") {
				delete(b.assignments, a.ID)
			}
		}
	}
}

// recordOf reads the record a record event names: variant_id, and
// currency (or currency_code, the CB schema's spelling).
func recordOf(list int, d map[string]any) (recordKey, bool) {
	cur := stringField(d, "currency")
	if cur == "" {
		cur = stringField(d, "currency_code")
	}
	k := recordKey{list, intField(d, "variant_id"), strings.ToUpper(cur)}
	return k, k.variant > 0 && validCurrency(k.currency)
}

// ensurePriceList returns list id, inventing it when the store does not
// hold it; nil when the id is not one or the store is full.
func (st *Store) ensurePriceList(id int) *PriceList {
	b := st.book()
	if l := b.lists[id]; l != nil {
		return l
	}
	if id <= 0 || len(b.lists) >= st.limits().Customers {
		return nil
	}
	now := st.now()
	l := &PriceList{ID: id, Name: fmt.Sprintf("%s price list %d", st.faker.Adjective(), id), Active: true, Created: now, Modified: now}
	b.lists[id] = l
	seen(&b.next.list, id)
	return l
}

// ensureRecord makes record k exist, at an invented price (the variant's
// list price less a tenth) when the store does not hold it.
func (st *Store) ensureRecord(k recordKey) {
	b := st.book()
	if r := b.records[k]; r != nil {
		r.Modified = st.now()
		return
	}
	if len(b.records) >= st.limits().Customers {
		return
	}
	r := st.newRecord(k, st.now())
	r.Price = (Money(st.faker.IntRange(4, 400)) * Unit / 4).Rate(9000)
	b.records[k] = r
}
