package rest

import (
	"cmp"
	"net/http"
	"net/url"
	"strconv"

	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// The v3 inventory locations (openapi/locations-v3.yaml): the list, its
// writes and its delete. There is no single-location GET: a location is
// read with ?location_id:in=. Inventory items and adjustments are in
// inventory.go.

func (r *REST) addLocationsV3(h map[string]gateway.Handler) {
	h["getLocations"] = r.getLocations
	h["createLocations"] = r.createLocations
	h["updateLocations"] = r.updateLocations
	h["deleteLocations"] = r.deleteLocations
}

type dayJSON struct {
	Open    bool   `json:"open"`
	Opening string `json:"opening"`
	Closing string `json:"closing"`
}

type geoJSON struct {
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type locationAddressJSON struct {
	Address1    string  `json:"address1"`
	Address2    string  `json:"address2"`
	City        string  `json:"city"`
	State       string  `json:"state"`
	Zip         string  `json:"zip"`
	Email       string  `json:"email"`
	Phone       string  `json:"phone"`
	CountryCode string  `json:"country_code"`
	Geo         geoJSON `json:"geo_coordinates"`
}

type locationJSON struct {
	ID          int                  `json:"id"`
	Code        string               `json:"code"`
	Label       string               `json:"label"`
	Description string               `json:"description"`
	Managed     bool                 `json:"managed_by_external_source"`
	TypeID      string               `json:"type_id"`
	Enabled     bool                 `json:"enabled"`
	Hours       map[string]dayJSON   `json:"operating_hours"`
	TimeZone    string               `json:"time_zone"`
	Created     string               `json:"created_at"`
	Updated     string               `json:"updated_at"`
	Address     *locationAddressJSON `json:"address,omitempty"`
	Visible     bool                 `json:"storefront_visibility"`
	Special     []specialJSON        `json:"special_hours"`
}

type specialJSON struct {
	Label   string `json:"label"`
	Date    string `json:"date"`
	Open    bool   `json:"open"`
	Opening string `json:"opening"`
	Closing string `json:"closing"`
	AllDay  bool   `json:"all_day"`
	Annual  bool   `json:"annual"`
}

// locationAddressIn is a write's address: all of it on a create, any part with
// country_code on an update.
type locationAddressIn struct {
	Address1    *string `json:"address1"`
	Address2    *string `json:"address2"`
	City        *string `json:"city"`
	State       *string `json:"state"`
	Zip         *string `json:"zip"`
	Email       *string `json:"email"`
	Phone       *string `json:"phone"`
	CountryCode *string `json:"country_code"`
	Geo         *struct {
		Latitude  *float64 `json:"latitude"`
		Longitude *float64 `json:"longitude"`
	} `json:"geo_coordinates"`
}

func locationOf(l *shop.Location) locationJSON {
	out := locationJSON{
		ID: l.ID, Code: l.Code, Label: l.Label, Description: l.Description, Managed: l.ManagedExternally, TypeID: l.TypeID,
		Enabled: l.Enabled, Hours: make(map[string]dayJSON, len(shop.Weekdays)), TimeZone: l.TimeZone,
		Created: v3Time(l.Created), Updated: v3Time(l.Updated), Visible: l.Visible, Special: make([]specialJSON, 0, len(l.Special)),
	}
	for _, sp := range l.Special {
		out.Special = append(out.Special, specialJSON{Label: sp.Label, Date: sp.Date, Open: sp.Open, Opening: sp.Opening, Closing: sp.Closing, AllDay: sp.AllDay, Annual: sp.Annual})
	}
	for i, day := range shop.Weekdays {
		h := l.Hours[i]
		out.Hours[day] = dayJSON{Open: h.Open, Opening: h.Opening, Closing: h.Closing}
	}
	if a := l.Address; a != nil {
		out.Address = &locationAddressJSON{Address1: a.Address1, Address2: a.Address2, City: a.City, State: a.State, Zip: a.Zip,
			Email: a.Email, Phone: a.Phone, CountryCode: a.CountryCode, Geo: geoJSON{Latitude: a.Latitude, Longitude: a.Longitude}}
	}
	return out
}

// boolParam reads a boolean query parameter the document has checked;
// nil when absent.
func boolParam(q url.Values, key string) *bool {
	b, err := strconv.ParseBool(q.Get(key))
	if err != nil {
		return nil
	}
	return &b
}

func (r *REST) getLocations(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f := shop.LocationFilter{IDs: intList(q, "location_id:in"), Codes: queryList(q, "location_code:in"), TypeIDs: queryList(q, "type_id:in"),
		Default: boolParam(q, "is_default"), Managed: boolParam(q, "managed_by_external_source"), Active: boolParam(q, "is_active"),
		Visible: boolParam(q, "storefront_visibility")}
	var page []locationJSON
	total := 0
	r.readOrBlank(in, func(st *shop.Store) {
		all := st.Locations(f)
		total, page = len(all), convertPage(q, all, locationOf)
	})
	answerPage(w, q, total, page)
}

type locationIn struct {
	ID          int                 `json:"id"`
	Code        *string             `json:"code"`
	Label       *string             `json:"label"`
	Description *string             `json:"description"`
	Managed     *bool               `json:"managed_by_external_source"`
	TypeID      *string             `json:"type_id"`
	Enabled     *bool               `json:"enabled"`
	Hours       map[string]*dayJSON `json:"operating_hours"`
	TimeZone    *string             `json:"time_zone"`
	Address     *locationAddressIn  `json:"address"`
	Visible     *bool               `json:"storefront_visibility"`
	Special     *[]specialJSON      `json:"special_hours"`
}

func (l locationIn) input() shop.LocationInput {
	out := shop.LocationInput{ID: l.ID, Code: l.Code, Label: l.Label, Description: l.Description, TypeID: l.TypeID, TimeZone: l.TimeZone,
		ManagedExternally: l.Managed, Enabled: l.Enabled, Visible: l.Visible}
	if l.Hours != nil {
		var hours [7]*shop.DayHours
		for i, day := range shop.Weekdays {
			if h := l.Hours[day]; h != nil {
				hours[i] = &shop.DayHours{Open: h.Open, Opening: h.Opening, Closing: h.Closing}
			}
		}
		out.Hours = &hours
	}
	if a := l.Address; a != nil {
		out.Address = &shop.AddressPatch{Address1: a.Address1, Address2: a.Address2, City: a.City, State: a.State, Zip: a.Zip,
			Email: a.Email, Phone: a.Phone, CountryCode: a.CountryCode}
		if a.Geo != nil {
			out.Address.Latitude, out.Address.Longitude = a.Geo.Latitude, a.Geo.Longitude
		}
	}
	if l.Special != nil {
		special := make([]shop.SpecialHours, 0, len(*l.Special))
		for _, sp := range *l.Special {
			// opening and closing default to 00:00, as BigCommerce's do (the
			// document refuses an empty one)
			special = append(special, shop.SpecialHours{Label: sp.Label, Date: sp.Date, Open: sp.Open,
				Opening: cmp.Or(sp.Opening, "00:00"), Closing: cmp.Or(sp.Closing, "00:00"), AllDay: sp.AllDay, Annual: sp.Annual})
		}
		out.Special = &special
	}
	return out
}

func (r *REST) writeLocations(w http.ResponseWriter, req *http.Request, in *gateway.Request,
	write func(st *shop.Store, batch []shop.LocationInput) ([]*shop.Location, []shop.Event, error)) {
	writeAnswer(r, w, req, in, func(st *shop.Store, body []locationIn) (out transactionJSON, _ []shop.Event, _ error) {
		batch := make([]shop.LocationInput, len(body))
		for i, l := range body {
			batch[i] = l.input()
		}
		_, events, err := write(st, batch)
		if err == nil {
			out.TransactionID = st.NewTransactionID()
		}
		return out, events, err
	})
}

func (r *REST) createLocations(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.writeLocations(w, req, in, (*shop.Store).CreateLocations)
}

func (r *REST) updateLocations(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.writeLocations(w, req, in, (*shop.Store).UpdateLocations)
}

// deleteLocations deletes the locations of location_id:in (the document
// requires it) and answers the action's id, as the other locations
// writes do.
func (r *REST) deleteLocations(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	ids := intList(req.URL.Query(), "location_id:in")
	var out transactionJSON
	if r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) {
		if err := st.DeleteLocations(ids); err != nil {
			return nil, err
		}
		out.TransactionID = st.NewTransactionID()
		return nil, nil
	}) {
		in.JSON(w, http.StatusOK, out)
	}
}
