package shop

import (
	"cmp"
	"slices"
	"strconv"
)

// InventoryLocation is the minimal location the inventory model needs:
// location 1, the default, always exists, and a location an event names
// exists from then on. It is kept small and in its own file so that the
// locations CRUD (GET/POST/PUT /v3/inventory/locations) can take it over.
type InventoryLocation struct {
	ID      int
	Code    string
	Label   string
	Enabled bool
}

// DefaultLocation is the id of every store's default location, the only
// one the Catalog API reports (its inventory_level is this location's).
const DefaultLocation = 1

// maxLocations bounds the locations events can make.
const maxLocations = 1_000

func newLocation(id int) *InventoryLocation {
	if id == DefaultLocation {
		return &InventoryLocation{ID: id, Code: "BC-LOCATION-1", Label: "Default location", Enabled: true}
	}
	return &InventoryLocation{ID: id, Code: "LOCATION-" + strconv.Itoa(id), Label: "Location " + strconv.Itoa(id), Enabled: true}
}

// InventoryLocation returns location id, or nil.
func (st *Store) InventoryLocation(id int) *InventoryLocation { return st.stock().locations[id] }

// InventoryLocations returns the store's locations, by id.
func (st *Store) InventoryLocations() []*InventoryLocation {
	inv := st.stock()
	out := make([]*InventoryLocation, 0, len(inv.locations))
	for _, l := range inv.locations {
		out = append(out, l)
	}
	slices.SortFunc(out, func(a, b *InventoryLocation) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// ensureLocation returns location id, making it when an event names one
// the store does not hold; nil for a bad id or past the limit.
func (st *Store) ensureLocation(id int) *InventoryLocation {
	inv := st.stock()
	if l := inv.locations[id]; l != nil {
		return l
	}
	if id <= 0 || len(inv.locations) >= maxLocations {
		return nil
	}
	l := newLocation(id)
	inv.locations[id] = l
	inv.sorted = nil
	return l
}
