package shop

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
)

// Inventory per location (/v3/inventory/items, /v3/inventory/locations/
// {id}/items, the adjustments). A variant's stock at location 1 is the
// catalog's inventory_level, the one number the Catalog API reports: the
// variant's own for a product tracked by variant, the product's for a
// product tracked by product (held by its base variant, or by its first
// variant when it has options). Stock at the other locations, and the
// settings (safety stock, in stock, warning level, bin picking number)
// the catalog does not hold, live here.

// inventory is what a store holds at its locations (locations.go) beyond
// the catalog.
type inventory struct {
	at map[stockKey]*stockAt
}

type stockKey struct{ variant, location int }

// stockAt is what a variant has at a location beyond the catalog: its
// level (outside location 1) and its settings.
type stockAt struct {
	onHand     int // outside location 1 only: there the catalog holds it
	safety     int
	soldOut    bool // is_in_stock false
	warning    int  // outside location 1 only: there the catalog holds it
	binPicking string
}

// stock returns the store's inventory, made on first use.
func (st *Store) stock() *inventory {
	if st.inv == nil {
		st.inv = &inventory{at: map[stockKey]*stockAt{}}
	}
	return st.inv
}

// InventoryItem is one variant's stock at the locations (inventory item).
type InventoryItem struct {
	Product   *Product
	Variant   *Variant
	Locations []ItemStock
}

// ItemStock is a variant's stock and settings at one location.
type ItemStock struct {
	Location        *Location
	OnHand          int // total_inventory_onhand
	AvailableToSell int // on hand less the safety stock, never below 0
	SafetyStock     int
	InStock         bool
	Warning         int
	BinPicking      string
}

// holds reports whether variant v of p holds stock: every variant of a
// product tracked by variant; the base (or first) variant of one tracked
// by product; none of an untracked one.
func holds(p *Product, v *Variant) bool {
	switch p.Tracking {
	case TrackVariant:
		return true
	case TrackProduct:
		if p.BaseVariantID != 0 {
			return v.ID == p.BaseVariantID
		}
		return len(p.Variants) > 0 && p.Variants[0] == v
	}
	return false
}

// levelAt is v's on-hand stock at location loc.
func (st *Store) levelAt(p *Product, v *Variant, loc int) int {
	if !holds(p, v) {
		return 0
	}
	if loc == DefaultLocation {
		if p.Tracking == TrackProduct {
			return p.InventoryLevel
		}
		return v.InventoryLevel
	}
	if s := st.stock().at[stockKey{v.ID, loc}]; s != nil {
		return s.onHand
	}
	return 0
}

// setLevelAt sets v's on-hand stock at loc; at location 1 that is the
// catalog's level. v must hold stock.
func (st *Store) setLevelAt(p *Product, v *Variant, loc, n int) {
	if loc != DefaultLocation {
		st.settingsAt(v, loc).onHand = n
		return
	}
	if p.Tracking == TrackProduct {
		p.InventoryLevel = n
		if b := p.Variant(p.BaseVariantID); b != nil {
			b.InventoryLevel = n
		}
		return
	}
	v.InventoryLevel = n
	p.sumLevels()
}

// warningAt is v's warning level at loc; at location 1 the catalog's.
func (st *Store) warningAt(p *Product, v *Variant, loc int) int {
	if loc == DefaultLocation {
		if p.Tracking == TrackProduct {
			return p.InventoryWarning
		}
		return v.InventoryWarning
	}
	if s := st.stock().at[stockKey{v.ID, loc}]; s != nil {
		return s.warning
	}
	return 0
}

func (st *Store) setWarningAt(p *Product, v *Variant, loc, n int) {
	switch {
	case loc != DefaultLocation:
		st.settingsAt(v, loc).warning = n
	case p.Tracking == TrackProduct:
		p.InventoryWarning = n
		if b := p.Variant(p.BaseVariantID); b != nil {
			b.InventoryWarning = n
		}
	default:
		v.InventoryWarning = n
	}
}

// settingsAt returns v's record at loc, making it.
func (st *Store) settingsAt(v *Variant, loc int) *stockAt {
	inv := st.stock()
	k := stockKey{v.ID, loc}
	s := inv.at[k]
	if s == nil {
		s = &stockAt{}
		inv.at[k] = s
	}
	return s
}

// itemStock is v's stock at l.
func (st *Store) itemStock(p *Product, v *Variant, l *Location) ItemStock {
	out := ItemStock{Location: l, OnHand: st.levelAt(p, v, l.ID), InStock: true, Warning: st.warningAt(p, v, l.ID)}
	if s := st.stock().at[stockKey{v.ID, l.ID}]; s != nil {
		out.SafetyStock, out.InStock, out.BinPicking = s.safety, !s.soldOut, s.binPicking
	}
	if l.ID == DefaultLocation && out.BinPicking == "" && p.BaseVariantID == v.ID {
		out.BinPicking = p.BinPicking
	}
	out.AvailableToSell = max(0, out.OnHand-out.SafetyStock)
	return out
}

// InventoryFilter selects inventory items, as GET /v3/inventory/items's
// query does. Zero fields select everything; LocationIDs narrows each
// item's locations.
type InventoryFilter struct {
	VariantIDs, ProductIDs, LocationIDs []int
	SKUs, LocationCodes                 []string
}

// InventoryItems returns the items f selects, by variant id: one per
// variant of the catalog.
func (st *Store) InventoryItems(f InventoryFilter) []InventoryItem {
	var vs []*Variant
	if len(f.VariantIDs) > 0 {
		for _, id := range f.VariantIDs {
			if v := st.cat.variants[id]; v != nil && !slices.Contains(vs, v) {
				vs = append(vs, v)
			}
		}
		slices.SortFunc(vs, func(a, b *Variant) int { return cmp.Compare(a.ID, b.ID) })
	} else {
		vs = st.Variants(VariantFilter{ProductIDs: f.ProductIDs})
	}
	var locs []*Location
	for _, l := range st.Locations(LocationFilter{}) {
		if (len(f.LocationIDs) == 0 || slices.Contains(f.LocationIDs, l.ID)) && (len(f.LocationCodes) == 0 || slices.Contains(f.LocationCodes, l.Code)) {
			locs = append(locs, l)
		}
	}
	out := make([]InventoryItem, 0, len(vs))
	for _, v := range vs {
		if len(f.ProductIDs) > 0 && !slices.Contains(f.ProductIDs, v.ProductID) || len(f.SKUs) > 0 && !slices.Contains(f.SKUs, v.SKU) {
			continue
		}
		p := st.cat.products[v.ProductID]
		it := InventoryItem{Product: p, Variant: v, Locations: make([]ItemStock, 0, len(locs))}
		for _, l := range locs {
			it.Locations = append(it.Locations, st.itemStock(p, v, l))
		}
		out = append(out, it)
	}
	return out
}

// InventoryRef names the variant an adjustment or a settings change is
// for: by variant id, product id (a product tracked by product) or SKU.
type InventoryRef struct {
	VariantID *int
	ProductID *int
	SKU       *string
}

// resolve finds what ref names; stocked requires it to hold stock (a
// tracked product, and by product_id only when tracked by product).
func (st *Store) resolve(ref InventoryRef, stocked bool) (*Product, *Variant, error) {
	var v *Variant
	switch {
	case ref.VariantID != nil:
		if v = st.cat.variants[*ref.VariantID]; v == nil {
			return nil, nil, invalid("variant_id: no variant has id %d", *ref.VariantID)
		}
	case ref.SKU != nil:
		id, ok := st.cat.bySKU[*ref.SKU]
		if !ok {
			return nil, nil, invalid("sku: no variant has SKU %q", *ref.SKU)
		}
		v = st.cat.variants[id]
	case ref.ProductID != nil:
		p := st.cat.products[*ref.ProductID]
		if p == nil {
			return nil, nil, invalid("product_id: no product has id %d", *ref.ProductID)
		}
		if p.Tracking == TrackVariant {
			return nil, nil, invalid("product_id: product %d is tracked by variant; give variant_id or sku", p.ID)
		}
		if len(p.Variants) == 0 {
			return nil, nil, invalid("product_id: product %d has no variants", p.ID)
		}
		v = p.Variants[0]
		if b := p.Variant(p.BaseVariantID); b != nil {
			v = b
		}
	default:
		return nil, nil, invalid("give one of variant_id, product_id or sku")
	}
	p := st.cat.products[v.ProductID]
	if stocked && !holds(p, v) {
		if p.Tracking == TrackNone {
			return nil, nil, invalid("product %d does not track inventory (inventory_tracking none)", p.ID)
		}
		return nil, nil, invalid("variant %d: product %d is tracked by product; give product_id", v.ID, p.ID)
	}
	return p, v, nil
}

// location returns location id for a write, or an error naming field.
func (st *Store) location(field string, id int) (*Location, error) {
	if l := st.Location(id); l != nil {
		return l, nil
	}
	return nil, invalid("%s: no location has id %d", field, id)
}

// Adjustment is one item of an inventory adjustment.
type Adjustment struct {
	LocationID int
	InventoryRef
	Quantity int
}

// Adjust applies an absolute (the new on-hand level) or relative (a
// signed change) adjustment. Every item is checked first: an unknown
// location, variant, product or SKU, an untracked product, or a level
// below 0 fails the whole adjustment. Each item whose level moves fires
// store/channel/*/inventory/product/stock_changed, then
// out_of_stock_reached when it reaches 0 or low_stock_reached when it
// crosses its warning level; at location 1, whose level is the catalog's,
// then store/product/inventory/updated (tracked by product) or
// store/sku/inventory/updated (tracked by variant), value per the shop's
// InventoryValue, method absolute.
func (st *Store) Adjust(absolute bool, items []Adjustment) (string, []Event, error) {
	if len(items) == 0 {
		return "", nil, invalid("items: give at least one item")
	}
	if len(items) > st.limits().Children {
		return "", nil, invalid("items: at most %d a request", st.limits().Children)
	}
	type step struct {
		p             *Product
		v             *Variant
		loc           int
		before, after int
	}
	steps := make([]step, 0, len(items))
	pending := map[stockKey]int{} // levels the earlier items of this request set
	for i, it := range items {
		l, err := st.location("items["+strconv.Itoa(i)+"].location_id", it.LocationID)
		if err != nil {
			return "", nil, err
		}
		p, v, err := st.resolve(it.InventoryRef, true)
		if err != nil {
			return "", nil, invalid("items[%d].%s", i, strings.TrimPrefix(err.Error(), ErrInvalid.Error()+": "))
		}
		k := stockKey{v.ID, l.ID}
		before, ok := pending[k]
		if !ok {
			before = st.levelAt(p, v, l.ID)
		}
		after := it.Quantity
		if !absolute {
			after = before + it.Quantity
		}
		if after < 0 {
			return "", nil, invalid("items[%d].quantity: the level would be %d, below 0", i, after)
		}
		pending[k] = after
		steps = append(steps, step{p, v, l.ID, before, after})
	}
	var f fired
	for _, s := range steps {
		if s.before == s.after {
			continue
		}
		st.setLevelAt(s.p, s.v, s.loc, s.after)
		s.p.Modified = st.now()
		ids := map[string]any{"variant_id": s.v.ID, "product_id": s.p.ID, "location_id": s.loc}
		f.add(locationScope("stock_changed"), ids)
		warning := st.warningAt(s.p, s.v, s.loc)
		switch {
		case s.after == 0:
			f.add(locationScope("out_of_stock_reached"), ids)
		case s.after <= warning && s.before > warning:
			f.add(locationScope("low_stock_reached"), ids)
		}
		if s.loc != DefaultLocation {
			continue
		}
		value := st.inventoryValue(s.before, s.after)
		if s.p.Tracking == TrackProduct {
			f.productInventory(s.p, value)
		} else if s.v.SKUID > 0 {
			f.skuInventory(s.v, value)
		}
	}
	return st.faker.UUID(), f, nil
}

// locationScope is the all-channel inventory event of what (the "*" is
// part of BigCommerce's scope name, not a wildcard).
func locationScope(what string) string { return "store/channel/*/inventory/product/" + what }

// InventorySettings is one item of PUT /v3/inventory/locations/{id}/items:
// the variant and the settings it changes (nil: unchanged).
type InventorySettings struct {
	InventoryRef
	SafetyStock *int
	InStock     *bool
	Warning     *int
	BinPicking  *string
}

// UpdateInventorySettings changes items' settings at location loc
// (ErrNotFound when the store has no such location). Each item whose
// settings change fires store/channel/*/inventory/product/settings_changed.
// At location 1 the warning level is the catalog's inventory_warning_level.
func (st *Store) UpdateInventorySettings(loc int, items []InventorySettings) (string, []Event, error) {
	if st.Location(loc) == nil {
		return "", nil, notFound("location", loc)
	}
	if len(items) == 0 {
		return "", nil, invalid("settings: give at least one item")
	}
	if len(items) > st.limits().Children {
		return "", nil, invalid("settings: at most %d a request", st.limits().Children)
	}
	type step struct {
		p  *Product
		v  *Variant
		in InventorySettings
	}
	steps := make([]step, 0, len(items))
	for i, it := range items {
		p, v, err := st.resolve(it.InventoryRef, false)
		if err != nil {
			return "", nil, invalid("settings[%d].identity.%s", i, strings.TrimPrefix(err.Error(), ErrInvalid.Error()+": "))
		}
		for _, n := range []*int{it.SafetyStock, it.Warning} {
			if n != nil && *n < 0 {
				return "", nil, invalid("settings[%d]: safety_stock and warning_level are at least 0", i)
			}
		}
		steps = append(steps, step{p, v, it})
	}
	var f fired
	for _, s := range steps {
		l := st.Location(loc)
		before := st.itemStock(s.p, s.v, l)
		rec := st.settingsAt(s.v, loc)
		if s.in.SafetyStock != nil {
			rec.safety = *s.in.SafetyStock
		}
		if s.in.InStock != nil {
			rec.soldOut = !*s.in.InStock
		}
		if s.in.BinPicking != nil {
			rec.binPicking = *s.in.BinPicking
		}
		if s.in.Warning != nil {
			st.setWarningAt(s.p, s.v, loc, *s.in.Warning)
		}
		if st.itemStock(s.p, s.v, l) != before {
			f.add(locationScope("settings_changed"), map[string]any{"variant_id": s.v.ID, "product_id": s.p.ID, "location_id": loc})
		}
	}
	return st.faker.UUID(), f, nil
}
