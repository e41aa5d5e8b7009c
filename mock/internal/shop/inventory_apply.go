package shop

import "strings"

// forgetStock drops what the inventory holds of a variant that goes.
func (st *Store) forgetStock(v *Variant) {
	if st.inv == nil {
		return
	}
	for id := range st.locations().byID {
		delete(st.inv.at, stockKey{v.ID, id})
	}
}

// completeInventory names, for a location inventory event that names
// none, a variant of the store that holds stock (and its product), and
// location 1; a named variant gets its product.
func (st *Store) completeInventory(kind string, _ int, out map[string]any) {
	if !strings.HasPrefix(kind, "inventory/product/") {
		return
	}
	if !has(out, "location_id") {
		out["location_id"] = DefaultLocation
	}
	if !has(out, "variant_id") {
		if pid := st.pickProduct(func(p *Product) bool { return p.Tracking != TrackNone && len(p.Variants) > 0 }); pid > 0 {
			p := st.cat.products[pid]
			held := p.Variants[:0:0]
			for _, v := range p.Variants {
				if holds(p, v) {
					held = append(held, v)
				}
			}
			out["variant_id"] = held[st.faker.Rand.Intn(len(held))].ID
		}
	}
	if v := st.cat.variants[intField(out, "variant_id")]; v != nil && !has(out, "product_id") {
		out["product_id"] = v.ProductID
	}
}

// applyInventory puts in place what a location event implies: the
// location exists; for store/channel/*/inventory/product/* the variant
// exists and holds stock (an untracked product becomes tracked, by
// variant when the variant has options), at that location; after
// out_of_stock_reached its level there is 0, after low_stock_reached it
// is at or below its warning level (the warning level, 5 when it had
// none, unless it was below already).
func (st *Store) applyInventory(kind string, _ int, d map[string]any) {
	l := st.ensureLocation(intField(d, "location_id"))
	if l == nil || !strings.HasPrefix(kind, "inventory/product/") {
		return
	}
	p, v := st.ensureStocked(intField(d, "variant_id"), intField(d, "product_id"))
	if v == nil {
		return
	}
	st.settingsAt(v, l.ID) // readable at the location from now on
	level, warning := st.levelAt(p, v, l.ID), st.warningAt(p, v, l.ID)
	switch kind {
	case "inventory/product/out_of_stock_reached":
		st.setLevelAt(p, v, l.ID, 0)
	case "inventory/product/low_stock_reached":
		if warning <= 0 {
			warning = 5
			st.setWarningAt(p, v, l.ID, warning)
		}
		if level > warning {
			st.setLevelAt(p, v, l.ID, warning)
		}
	}
	p.Modified = st.now()
}

// ensureStocked returns the variant vid of product pid, inventing them as
// a SKU event would when the store lacks them, and makes it hold stock.
func (st *Store) ensureStocked(vid, pid int) (*Product, *Variant) {
	v := st.cat.variants[vid]
	if v == nil {
		if vid <= 0 {
			return nil, nil
		}
		v = st.ensureSKU(map[string]any{"id": st.cat.next.sku, "inventory": map[string]any{"variant_id": vid, "product_id": pid}}, "inventory")
		if v == nil {
			return nil, nil
		}
	}
	p := st.cat.products[v.ProductID]
	if !holds(p, v) {
		// The event says this variant's stock is tracked.
		if v.ID == p.BaseVariantID {
			p.Tracking = TrackProduct
			p.InventoryLevel = v.InventoryLevel
		} else {
			p.Tracking = TrackVariant
			p.sumLevels()
		}
	}
	return p, v
}
