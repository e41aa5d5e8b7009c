package shop

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Inventory locations (LO). Location 1, the default, is always there: it
// is the one location the catalog's inventory levels reflect.

// Location is one inventory location.
type Location struct {
	ID                       int
	Code, Label, Description string
	ManagedExternally        bool   // managed_by_external_source
	TypeID                   string // PHYSICAL or VIRTUAL
	Enabled, Visible         bool   // enabled, storefront_visibility
	Hours                    [7]DayHours
	TimeZone                 string
	Address                  *LocationAddress // nil for a virtual location
	Special                  []SpecialHours   // special_hours, as given
	Created, Updated         time.Time
}

// SpecialHours are a location's hours on one date (a holiday), as
// special_hours gives them.
type SpecialHours struct {
	Label, Date      string // Date is YYYY-MM-DD
	Open             bool
	Opening, Closing string
	AllDay, Annual   bool
}

// AddressPatch is the part of a location's address a write gives: nil
// fields keep the address's own (BigCommerce's update takes a partial
// address; a create gives all of it).
type AddressPatch struct {
	Address1, Address2, City, State, Zip *string
	Email, Phone, CountryCode            *string
	Latitude, Longitude                  *float64
}

// Weekdays are the keys of operating_hours, Sunday first, as Hours holds
// them.
var Weekdays = [7]string{"sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"}

// DayHours are a location's hours on one weekday ("HH:MM").
type DayHours struct {
	Open             bool
	Opening, Closing string
}

// LocationAddress is a location's address.
type LocationAddress struct {
	Address1, Address2, City, State, Zip string
	Email, Phone, CountryCode            string
	Latitude, Longitude                  float64
}

// DefaultLocation is the id of every store's default location.
const DefaultLocation = 1

// locations is what a store holds of locations, made on first use with
// the default one.
type locations struct {
	byID map[int]*Location
	next int
}

func (st *Store) locations() *locations {
	if st.places != nil {
		return st.places
	}
	now := st.now()
	a := st.shop.pool.addresses[0]
	def := &Location{
		ID: DefaultLocation, Code: "BC-LOCATION-1", Label: "Default location", TypeID: "PHYSICAL",
		Enabled: true, Visible: false, TimeZone: "Etc/UTC", Hours: regularHours(), Created: now, Updated: now,
		Address: &LocationAddress{Address1: a.Street1, City: a.City, State: a.State, Zip: a.Zip, CountryCode: a.CountryISO2,
			Email: "location@example.com", Phone: a.Phone, Latitude: 30.2672, Longitude: -97.7431},
	}
	st.places = &locations{byID: map[int]*Location{DefaultLocation: def}, next: DefaultLocation + 1}
	return st.places
}

// regularHours are weekday hours 09:00-17:00, closed at weekends.
func regularHours() [7]DayHours {
	var h [7]DayHours
	for i := range h {
		h[i] = DayHours{Open: i > 0 && i < 6, Opening: "09:00", Closing: "17:00"}
	}
	return h
}

// Location returns location id, or nil.
func (st *Store) Location(id int) *Location { return st.locations().byID[id] }

// LocationFilter selects locations, as GET /v3/inventory/locations's
// query does; nil booleans select both.
type LocationFilter struct {
	IDs     []int
	Codes   []string
	TypeIDs []string
	Default *bool
	Managed *bool
	Active  *bool
	Visible *bool
}

// Locations returns the locations f selects, by id.
func (st *Store) Locations(f LocationFilter) []*Location {
	var out []*Location
	for _, l := range st.locations().byID {
		switch {
		case len(f.IDs) > 0 && !slices.Contains(f.IDs, l.ID),
			len(f.Codes) > 0 && !slices.Contains(f.Codes, l.Code),
			len(f.TypeIDs) > 0 && !slices.Contains(f.TypeIDs, l.TypeID),
			f.Default != nil && *f.Default != (l.ID == DefaultLocation),
			f.Managed != nil && *f.Managed != l.ManagedExternally,
			f.Active != nil && *f.Active != l.Enabled,
			f.Visible != nil && *f.Visible != l.Visible:
			continue
		}
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b *Location) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// LocationInput is one location of POST or PUT /v3/inventory/locations:
// nil fields are not given. ID names the location a PUT changes.
type LocationInput struct {
	ID                                  int
	Code, Label, Description, TypeID    *string
	TimeZone                            *string
	ManagedExternally, Enabled, Visible *bool
	Hours                               *[7]*DayHours // a nil day is not given
	Address                             *AddressPatch
	Special                             *[]SpecialHours // replaces the location's
}

// CreateLocations makes locations (code and label required and the code
// unique; a PHYSICAL one, the default type, needs an address) and fires
// store/inventory/location/created for each, checked whole first.
func (st *Store) CreateLocations(in []LocationInput) ([]*Location, []Event, error) {
	ls := st.locations()
	if len(ls.byID)+len(in) > st.limits().Customers {
		return nil, nil, fmt.Errorf("%w: the store holds the most locations bcmock keeps (%d)", ErrFull, st.limits().Customers)
	}
	codes := map[string]bool{}
	for i, li := range in {
		if li.Code == nil || li.Label == nil || *li.Code == "" || *li.Label == "" {
			return nil, nil, invalid("location %d: code and label are required", i)
		}
		physical := li.TypeID == nil || *li.TypeID == "PHYSICAL"
		if physical && li.Address == nil {
			return nil, nil, invalid("location %d: a PHYSICAL location needs an address", i)
		}
		if err := st.checkLocation(i, li, 0, codes); err != nil {
			return nil, nil, err
		}
	}
	now := st.now()
	var f fired
	out := make([]*Location, 0, len(in))
	for _, li := range in {
		l := &Location{ID: bump(&ls.next), TypeID: "PHYSICAL", Enabled: true, Visible: true, TimeZone: "Etc/UTC", Hours: regularHours(), Created: now, Updated: now}
		l.set(li)
		ls.byID[l.ID] = l
		out = append(out, l)
		f.location(l, "created")
	}
	return out, f, nil
}

// UpdateLocations changes locations by id and fires
// store/inventory/location/updated for each.
func (st *Store) UpdateLocations(in []LocationInput) ([]*Location, []Event, error) {
	codes := map[string]bool{}
	for i, li := range in {
		l := st.Location(li.ID)
		if l == nil {
			return nil, nil, invalid("location %d: no location has id %d", i, li.ID)
		}
		typ := l.TypeID
		setString(&typ, li.TypeID)
		if typ == "PHYSICAL" && l.Address == nil && li.Address == nil {
			return nil, nil, invalid("location %d: a PHYSICAL location needs an address", i)
		}
		if err := st.checkLocation(i, li, li.ID, codes); err != nil {
			return nil, nil, err
		}
	}
	var f fired
	out := make([]*Location, 0, len(in))
	for _, li := range in {
		l := st.Location(li.ID)
		l.set(li)
		l.Updated = st.now()
		out = append(out, l)
		f.location(l, "updated")
	}
	return out, f, nil
}

// DeleteLocations forgets locations ids, as DELETE
// /v3/inventory/locations?location_id:in= does, with the stock held at
// them (BigCommerce's file: deleting a location deletes its stock) and
// their metafields. The ids are checked whole first: one the store does
// not hold is ErrNotFound; the default location, the store's shipping
// origin, cannot go (ErrInvalid, BigCommerce's 422). Nothing fires:
// BigCommerce has no location deleted webhook.
func (st *Store) DeleteLocations(ids []int) error {
	ls := st.locations()
	for _, id := range ids {
		if id == DefaultLocation {
			return invalid("location_id:in: location %d (%s) is the store's shipping origin and cannot be deleted", id, ls.byID[id].Label)
		}
		if ls.byID[id] == nil {
			return notFound("location", id)
		}
	}
	gone := make(map[int]bool, len(ids))
	for _, id := range ids {
		delete(ls.byID, id)
		gone[id] = true
	}
	if st.inv != nil {
		for k := range st.inv.at {
			if gone[k.location] {
				delete(st.inv.at, k)
			}
		}
	}
	if st.metas != nil {
		for _, m := range st.metas.byID {
			if id, err := strconv.Atoi(m.Resource.ID); err == nil && m.Resource.Type == "location" && gone[id] {
				st.removeMetafield(m)
			}
		}
	}
	return nil
}

// checkLocation refuses a code another location (or the batch) has.
func (st *Store) checkLocation(i int, li LocationInput, self int, codes map[string]bool) error {
	if li.Code == nil {
		return nil
	}
	if codes[*li.Code] {
		return invalid("location %d: code %q is given twice", i, *li.Code)
	}
	codes[*li.Code] = true
	for _, l := range st.locations().byID {
		if l.ID != self && l.Code == *li.Code {
			return invalid("location %d: code %q is location %d's already", i, *li.Code, l.ID)
		}
	}
	return nil
}

func (l *Location) set(in LocationInput) {
	setString(&l.Code, in.Code)
	setString(&l.Label, in.Label)
	setString(&l.Description, in.Description)
	setString(&l.TypeID, in.TypeID)
	setString(&l.TimeZone, in.TimeZone)
	setBool(&l.ManagedExternally, in.ManagedExternally)
	setBool(&l.Enabled, in.Enabled)
	setBool(&l.Visible, in.Visible)
	if in.Hours != nil {
		for i, d := range in.Hours {
			if d != nil {
				l.Hours[i] = *d
			}
		}
	}
	if p := in.Address; p != nil {
		var a LocationAddress
		if l.Address != nil {
			a = *l.Address
		}
		for _, f := range []struct{ dst, v *string }{{&a.Address1, p.Address1}, {&a.Address2, p.Address2}, {&a.City, p.City},
			{&a.State, p.State}, {&a.Zip, p.Zip}, {&a.Email, p.Email}, {&a.Phone, p.Phone}, {&a.CountryCode, p.CountryCode}} {
			setString(f.dst, f.v)
		}
		if p.Latitude != nil {
			a.Latitude = *p.Latitude
		}
		if p.Longitude != nil {
			a.Longitude = *p.Longitude
		}
		l.Address = &a
	}
	if in.Special != nil {
		l.Special = slices.Clone(*in.Special)
	}
}

func (f *fired) location(l *Location, what string) {
	f.add("store/inventory/location/"+what, map[string]any{"location_id": l.ID})
}

func (st *Store) applyLocation(kind string, _ int, d map[string]any) {
	if l := st.ensureLocation(intField(d, "location_id")); l != nil && kind == "inventory/location/updated" {
		l.Updated = st.now()
	}
}

// ensureLocation returns location id, inventing it when the store does
// not hold it; nil when the id is not one or the store is full.
func (st *Store) ensureLocation(id int) *Location {
	ls := st.locations()
	if l := ls.byID[id]; l != nil {
		return l
	}
	if id <= 0 || len(ls.byID) >= st.limits().Customers {
		return nil
	}
	now := st.now()
	a := st.address()
	l := &Location{
		ID: id, Code: "LOC-" + strconv.Itoa(id), Label: a.City + " store", TypeID: "PHYSICAL", Enabled: true, Visible: true,
		TimeZone: "Etc/UTC", Hours: regularHours(), Created: now, Updated: now,
		Address: &LocationAddress{Address1: a.Street1, City: a.City, State: a.State, Zip: a.Zip, CountryCode: a.CountryISO2,
			Email: a.Email, Phone: a.Phone, Latitude: float64(st.faker.IntRange(25_000, 48_000)) / 1000, Longitude: -float64(st.faker.IntRange(70_000, 122_000)) / 1000},
	}
	ls.byID[id] = l
	seen(&ls.next, id)
	return l
}

// NewTransactionID returns the id of a locations write, as BigCommerce
// answers one for each: a UUID from the store's seeded faker.
func (st *Store) NewTransactionID() string { return st.faker.UUID() }
