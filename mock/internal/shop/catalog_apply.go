package shop

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// InventoryValue says how the value of an inventory event
// (store/product/inventory/*, store/sku/inventory/*) reads. BigCommerce's
// texts call it a signed delta, but one of its examples shows what looks
// like a new level (reference §0.10): the mock lets the user choose.
type InventoryValue string

const (
	// InventoryDelta: value is the signed change; level(after) =
	// level(before) + value.
	InventoryDelta InventoryValue = "delta"
	// InventoryLevel: value is the new level.
	InventoryLevel InventoryValue = "level"
	// DefaultInventoryValue is delta: every BigCommerce text (the events
	// page and the webhook schemas of products and SKUs) calls value a
	// signed delta; only one example reads like a level.
	DefaultInventoryValue = InventoryDelta
)

// ParseInventoryValue reads "delta" or "level".
func ParseInventoryValue(s string) (InventoryValue, error) {
	switch v := InventoryValue(s); v {
	case InventoryDelta, InventoryLevel:
		return v, nil
	}
	return "", fmt.Errorf("inventory value %q: want delta or level", s)
}

// WithInventoryValue sets how inventory events' value reads, in what the
// model applies and in the events writes fire.
func WithInventoryValue(v InventoryValue) Option { return func(s *Shop) { s.inventory = v } }

// InventoryValue returns the shop's reading of inventory values.
func (s *Shop) InventoryValue() InventoryValue { return s.inventory }

// afterInventory is the level after an inventory event of value.
func (st *Store) afterInventory(level, value int) int {
	if st.shop.inventory == InventoryLevel {
		return value
	}
	return level + value
}

// inventoryValue is what an inventory event carries for a change from
// level to next.
func (st *Store) inventoryValue(level, next int) int {
	if st.shop.inventory == InventoryLevel {
		return next
	}
	return next - level
}

// shape is what an event implies of a product it invents.
type shape int

const (
	anyShape       shape = iota // options or not, any tracking
	productTracked              // no options, tracked by product
	variantTracked              // options, tracked by variant
)

// inventProduct makes product id of shape from the store's faker; nil
// when the store is full.
func (st *Store) inventProduct(id int, sh shape) *Product {
	if len(st.cat.products) >= st.limits().Products {
		return nil
	}
	f, pool, now := st.faker, &st.shop.pool.catalog, st.now()
	name := st.freeName(pool.names[f.Rand.Intn(len(pool.names))])
	p := &Product{
		ID: id, Name: name, Type: "physical", SKU: fmt.Sprintf("SKU-%d", id),
		Description: pool.descriptions[f.Rand.Intn(len(pool.descriptions))],
		Weight:      float64(f.IntRange(1, 40)) / 4, Width: float64(f.IntRange(1, 20)), Depth: float64(f.IntRange(1, 20)), Height: float64(f.IntRange(1, 20)),
		Price: Money(f.IntRange(20, 1600)) * Unit / 4, TaxClassID: 0,
		InventoryWarning: 5, Tracking: []string{TrackNone, TrackProduct, TrackVariant}[f.IntRange(0, 2)],
		Visible: true, Featured: f.IntRange(0, 4) == 0, Availability: "available", Condition: "New",
		SortOrder: 0, URL: productURL(name, id), Created: now, Modified: now,
		Channels: []int{defaultChannel},
	}
	p.CostPrice = p.Price / 2
	options := f.Bool()
	switch sh {
	case productTracked:
		p.Tracking, options = TrackProduct, false
	case variantTracked:
		p.Tracking, options = TrackVariant, true
	}
	if !options && p.Tracking == TrackVariant {
		p.Tracking = TrackProduct // a product without options has no variants to track
	}
	if p.Tracking == TrackProduct {
		p.InventoryLevel = f.IntRange(10, 500)
	}
	if c := st.someCategory(DefaultTree); c != nil {
		p.Categories = []int{c.ID}
	}
	if b := st.someBrand(); b != nil {
		p.BrandID = b.ID
	}
	st.cat.products[id] = p
	st.nameProduct(p, "")
	st.cat.order = append(st.cat.order, id)
	seen(&st.cat.next.product, id)
	if options {
		st.inventOptions(p)
	} else {
		st.addBaseVariant(p)
	}
	st.inventMedia(p)
	return p
}

// addBaseVariant gives p its base variant: the product's own SKU, no
// option values, no SKU id.
func (st *Store) addBaseVariant(p *Product) {
	v := &Variant{ID: bump(&st.cat.next.variant), ProductID: p.ID, SKU: p.SKU, InventoryLevel: p.InventoryLevel, InventoryWarning: p.InventoryWarning, Purchasable: true}
	p.Variants, p.BaseVariantID = []*Variant{v}, v.ID
	st.cat.variants[v.ID] = v
	st.cat.bySKU[v.SKU] = v.ID
}

// inventOptions gives p a Size option of two to five values and a variant
// of each.
func (st *Store) inventOptions(p *Product) {
	f, pool := st.faker, &st.shop.pool.catalog
	o := &ProductOption{ID: bump(&st.cat.next.option), ProductID: p.ID, DisplayName: "Size", Type: "rectangles"}
	for i := range f.IntRange(2, 5) {
		o.Values = append(o.Values, OptionValue{ID: bump(&st.cat.next.value), Label: pool.sizes[i], SortOrder: i, Default: i == 0})
	}
	p.Options = append(p.Options, o)
	for _, ov := range o.Values {
		v := &Variant{
			ID: bump(&st.cat.next.variant), ProductID: p.ID, SKUID: bump(&st.cat.next.sku),
			SKU: p.SKU + "-" + ov.Label, InventoryWarning: p.InventoryWarning, Purchasable: true,
			OptionValues: []VariantOption{{ID: ov.ID, OptionID: o.ID, Label: ov.Label, DisplayName: o.DisplayName}},
		}
		if p.Tracking == TrackVariant {
			v.InventoryLevel = f.IntRange(0, 100)
		}
		st.addVariant(p, v)
	}
	p.sumLevels()
}

// addVariant records v as one of p's variants.
func (st *Store) addVariant(p *Product, v *Variant) {
	p.Variants = append(p.Variants, v)
	st.cat.variants[v.ID] = v
	st.cat.bySKU[v.SKU] = v.ID
	seen(&st.cat.next.variant, v.ID)
	if v.SKUID > 0 {
		st.cat.skus[v.SKUID] = v
		seen(&st.cat.next.sku, v.SKUID)
	}
}

// inventMedia gives p one or two images and, now and then, custom
// fields, a bulk pricing rule and a video.
func (st *Store) inventMedia(p *Product) {
	f, pool := st.faker, &st.shop.pool.catalog
	for i := range f.IntRange(1, 2) {
		p.Images = append(p.Images, &Image{ID: bump(&st.cat.next.image), ProductID: p.ID,
			URL: pool.words[f.Rand.Intn(len(pool.words))], Thumbnail: i == 0, SortOrder: i, Modified: p.Created})
	}
	if f.Bool() {
		p.CustomFields = append(p.CustomFields, &CustomField{ID: bump(&st.cat.next.field), Name: "Material", Value: pool.words[f.Rand.Intn(len(pool.words))]})
	}
	if f.IntRange(0, 3) == 0 {
		p.BulkRules = append(p.BulkRules, &BulkRule{ID: bump(&st.cat.next.rule), QuantityMin: 10, QuantityMax: 0, Type: "percent", Amount: 5 * Unit})
	}
	if f.IntRange(0, 3) == 0 {
		p.Videos = append(p.Videos, &Video{ID: bump(&st.cat.next.video), ProductID: p.ID, VideoID: f.LetterN(11), Title: p.Name, Length: "01:30"})
	}
}

// someCategory is a category of tree to file an invented product under:
// an existing one, or a new one when the tree has none.
func (st *Store) someCategory(tree int) *Category {
	cs := st.Categories(nil, []int{tree})
	if len(cs) > 0 {
		return cs[st.faker.Rand.Intn(len(cs))]
	}
	return st.ensureCategory(st.cat.next.category, tree)
}

// someBrand is an existing brand, or a new one when the store has none.
func (st *Store) someBrand() *Brand {
	bs := st.Brands()
	if len(bs) > 0 {
		return bs[st.faker.Rand.Intn(len(bs))]
	}
	return st.ensureBrand(st.cat.next.brand)
}

func (st *Store) ensureBrand(id int) *Brand {
	if b := st.cat.brands[id]; b != nil {
		return b
	}
	if len(st.cat.brands) >= st.limits().Categories {
		return nil
	}
	pool := &st.shop.pool.catalog
	name := pool.brands[st.faker.Rand.Intn(len(pool.brands))]
	b := &Brand{ID: id, Name: name, PageTitle: name, MetaKeywords: []string{}, URL: "/" + slug(name) + "/"}
	st.cat.brands[id] = b
	seen(&st.cat.next.brand, id)
	return b
}

// ensureCategory returns category id, inventing it in tree (top level)
// when the store does not hold it; nil when full or the tree is unknown.
func (st *Store) ensureCategory(id, tree int) *Category {
	if c := st.cat.categories[id]; c != nil {
		return c
	}
	if id <= 0 || len(st.cat.categories) >= st.limits().Categories {
		return nil
	}
	if st.ensureTree(tree, 0) == nil {
		return nil
	}
	pool := &st.shop.pool.catalog
	name := pool.categories[st.faker.Rand.Intn(len(pool.categories))]
	c := &Category{ID: id, UUID: st.faker.UUID(), TreeID: tree, Name: name, Visible: true,
		ProductSort: "use_store_settings", URL: fmt.Sprintf("/%s-%d/", slug(name), id)}
	st.cat.categories[id] = c
	seen(&st.cat.next.category, id)
	return c
}

// ensureTree returns tree id, making it (on channel, when not 0) when the
// store does not hold it.
func (st *Store) ensureTree(id, channel int) *CategoryTree {
	t := st.cat.trees[id]
	if t == nil {
		if id <= 0 || len(st.cat.trees) >= st.limits().Categories {
			return nil
		}
		t = &CategoryTree{ID: id, Name: fmt.Sprintf("Tree %d", id)}
		st.cat.trees[id] = t
		seen(&st.cat.next.tree, id)
	}
	if channel > 0 && !slices.Contains(t.Channels, channel) {
		t.Channels = append(t.Channels, channel)
	}
	return t
}

// treeOf is the tree a channel shows: the first that lists it, else the
// default tree.
func (st *Store) treeOf(channel int) int {
	best := 0
	for _, t := range st.cat.trees {
		if slices.Contains(t.Channels, channel) && (best == 0 || t.ID < best) {
			best = t.ID
		}
	}
	if best == 0 {
		return DefaultTree
	}
	return best
}

// ensureProduct returns product id, inventing it of shape sh when the
// store does not hold it; nil when id is not positive or the store is full.
func (st *Store) ensureProduct(id int, sh shape) *Product {
	if p := st.cat.products[id]; p != nil {
		return p
	}
	if id <= 0 {
		return nil
	}
	return st.inventProduct(id, sh)
}

// removeProduct forgets product id and its variants.
func (st *Store) removeProduct(id int) bool {
	p := st.cat.products[id]
	if p == nil {
		return false
	}
	for _, v := range p.Variants {
		st.forgetVariant(v)
	}
	if k := nameKey(p.Name); st.cat.byName[k] == id {
		delete(st.cat.byName, k)
	}
	delete(st.cat.products, id)
	if i := slices.Index(st.cat.order, id); i >= 0 {
		st.cat.order = slices.Delete(st.cat.order, i, i+1)
	}
	return true
}

func (st *Store) forgetVariant(v *Variant) {
	delete(st.cat.variants, v.ID)
	if st.cat.bySKU[v.SKU] == v.ID {
		delete(st.cat.bySKU, v.SKU)
	}
	if v.SKUID > 0 {
		delete(st.cat.skus, v.SKUID)
	}
	st.forgetStock(v)
}

// pickProduct is an existing product for an event that names none: by
// the store's faker, so the same seed picks the same; 0 when the store
// has none.
func (st *Store) pickProduct(ok func(p *Product) bool) int {
	var ids []int
	for _, id := range st.cat.order {
		if ok == nil || ok(st.cat.products[id]) {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return 0
	}
	return ids[st.faker.Rand.Intn(len(ids))]
}

// has reports whether the caller gave key.
func has(out map[string]any, key string) bool {
	_, ok := out[key]
	return ok
}

// completeProduct names an existing product when the caller named none
// (a new id for product/created) and, for inventory events, fills
// inventory.product_id and a value the state makes true.
func (st *Store) completeProduct(kind string, _ int, out map[string]any) {
	key := "id"
	if kind == "product/assigned" || kind == "product/unassigned" {
		key = "product_id"
	}
	if !has(out, key) {
		id := 0
		switch {
		case kind == "product/created":
		case strings.HasPrefix(kind, "product/inventory/"):
			id = st.pickProduct(func(p *Product) bool { return p.Tracking == TrackProduct })
		default:
			id = st.pickProduct(nil)
		}
		if id == 0 {
			id = st.cat.next.product
		}
		out[key] = id
	}
	if !strings.HasPrefix(kind, "product/inventory/") {
		return
	}
	id := intField(out, "id")
	setNested(out, "inventory", "product_id", id)
	if _, ok := nested(out, "inventory")["value"]; ok {
		return
	}
	if p := st.ensureProduct(id, productTracked); p != nil {
		setNested(out, "inventory", "value", st.inventoryValue(p.InventoryLevel, st.nextLevel(p.InventoryLevel, kind)))
	}
}

// nextLevel is an invented new level after level: an order takes one to
// five, any other change sets stock anywhere up to 500; never below 0.
func (st *Store) nextLevel(level int, kind string) int {
	if strings.Contains(kind, "/inventory/order/") {
		return max(0, level-st.faker.IntRange(1, 5))
	}
	return st.faker.IntRange(0, 500)
}

func (st *Store) applyProduct(kind string, channel int, d map[string]any) {
	switch kind {
	case "product/assigned", "product/unassigned":
		p := st.ensureProduct(intField(d, "product_id"), anyShape)
		if p == nil {
			return
		}
		i := slices.Index(p.Channels, channel)
		switch {
		case kind == "product/assigned" && i < 0:
			p.Channels = append(p.Channels, channel)
		case kind == "product/unassigned" && i >= 0:
			p.Channels = slices.Delete(p.Channels, i, i+1)
		}
		return
	case "product/deleted":
		st.removeProduct(intField(d, "id"))
		return
	}
	sh := anyShape
	inventory := strings.HasPrefix(kind, "product/inventory/")
	if inventory {
		sh = productTracked
	}
	p := st.ensureProduct(intField(d, "id"), sh)
	if p == nil {
		return
	}
	p.Modified = st.now()
	if !inventory {
		return
	}
	value, ok := intValue(nested(d, "inventory")["value"])
	if !ok {
		return
	}
	// The event fires only for a product tracked by product: it says so.
	if p.Tracking != TrackProduct {
		p.Tracking = TrackProduct
	}
	p.InventoryLevel = st.afterInventory(p.InventoryLevel, value)
	if b := p.Variant(p.BaseVariantID); b != nil {
		b.InventoryLevel = p.InventoryLevel
	}
}

// completeSKU fills the ids of a SKU event the state decides: for a known
// SKU id, its product and variant; for a known variant, its SKU id; for
// none, a SKU of the store (new ids for sku/created). Inventory events get
// a value the state makes true.
func (st *Store) completeSKU(kind string, _ int, out map[string]any) {
	inner := "sku"
	if strings.HasPrefix(kind, "sku/inventory/") {
		inner = "inventory"
	}
	given := nested(out, inner)
	v := st.cat.skus[intField(out, "id")]
	if v == nil && has(given, "variant_id") {
		if byVariant := st.cat.variants[intField(given, "variant_id")]; byVariant != nil && byVariant.SKUID > 0 && !has(out, "id") {
			v = byVariant
		}
	}
	if v == nil && !has(out, "id") && !has(given, "variant_id") && kind != "sku/created" {
		if pid := st.pickProduct(func(p *Product) bool { return p.BaseVariantID == 0 && len(p.Variants) > 0 }); pid > 0 {
			vs := st.cat.products[pid].Variants
			v = vs[st.faker.Rand.Intn(len(vs))]
		}
	}
	switch {
	case v != nil:
		if !has(out, "id") {
			out["id"] = v.SKUID
		}
		setNested(out, inner, "product_id", v.ProductID)
		setNested(out, inner, "variant_id", v.ID)
	default:
		if !has(out, "id") {
			out["id"] = st.cat.next.sku
		}
		if !has(given, "product_id") {
			pid := st.pickProduct(func(p *Product) bool { return p.BaseVariantID == 0 })
			if pid == 0 {
				pid = st.cat.next.product
			}
			setNested(out, inner, "product_id", pid)
		}
		setNested(out, inner, "variant_id", st.cat.next.variant)
	}
	if inner != "inventory" || has(nested(out, "inventory"), "value") {
		return
	}
	if v := st.ensureSKU(out, inner); v != nil {
		setNested(out, "inventory", "value", st.inventoryValue(v.InventoryLevel, st.nextLevel(v.InventoryLevel, kind)))
	}
}

// ensureSKU returns the variant a SKU event's data names (data.id = SKU
// id, data.{inner}.product_id and variant_id), inventing its product
// (with options, tracked by variant) and the variant as needed.
func (st *Store) ensureSKU(d map[string]any, inner string) *Variant {
	skuID := intField(d, "id")
	in := nested(d, inner)
	if v := st.cat.skus[skuID]; v != nil {
		return v
	}
	vid, pid := intField(in, "variant_id"), intField(in, "product_id")
	if skuID <= 0 || vid <= 0 {
		return nil
	}
	if v := st.cat.variants[vid]; v != nil {
		if v.SKUID > 0 || st.cat.products[v.ProductID].BaseVariantID == v.ID {
			return v // another SKU id, or a base variant: the variant stays as it is
		}
		v.SKUID = skuID
		st.cat.skus[skuID] = v
		seen(&st.cat.next.sku, skuID)
		return v
	}
	fresh := st.cat.products[pid] == nil
	p := st.ensureProduct(pid, variantTracked)
	if p == nil || len(p.Variants) >= st.limits().Children {
		return nil
	}
	if fresh && p.BaseVariantID == 0 && len(p.Variants) > 0 {
		// The invented product's first variant is the one the event names.
		first := p.Variants[0]
		st.forgetVariant(first)
		p.Variants = p.Variants[1:]
		first.ID, first.SKUID = vid, skuID
		p.Variants = append([]*Variant{first}, p.Variants...)
		st.cat.variants[vid] = first
		st.cat.bySKU[first.SKU] = vid
		st.cat.skus[skuID] = first
		seen(&st.cat.next.variant, vid)
		seen(&st.cat.next.sku, skuID)
		return first
	}
	if p.BaseVariantID != 0 {
		st.dropBaseVariant(p)
	}
	o := st.optionFor(p)
	ov := OptionValue{ID: bump(&st.cat.next.value), Label: fmt.Sprintf("Option %d", len(o.Values)+1), SortOrder: len(o.Values)}
	o.Values = append(o.Values, ov)
	v := &Variant{ID: vid, ProductID: p.ID, SKUID: skuID, SKU: fmt.Sprintf("%s-%d", p.SKU, vid), InventoryWarning: p.InventoryWarning, Purchasable: true,
		OptionValues: []VariantOption{{ID: ov.ID, OptionID: o.ID, Label: ov.Label, DisplayName: o.DisplayName}}}
	st.addVariant(p, v)
	return v
}

// dropBaseVariant removes p's base variant, as giving a product options
// does.
func (st *Store) dropBaseVariant(p *Product) {
	if b := p.Variant(p.BaseVariantID); b != nil {
		st.forgetVariant(b)
		p.Variants = slices.DeleteFunc(p.Variants, func(v *Variant) bool { return v == b })
	}
	p.BaseVariantID = 0
}

// optionFor is p's first option, made when p has none.
func (st *Store) optionFor(p *Product) *ProductOption {
	if len(p.Options) == 0 {
		p.Options = append(p.Options, &ProductOption{ID: bump(&st.cat.next.option), ProductID: p.ID, DisplayName: "Option", Type: "dropdown"})
	}
	return p.Options[0]
}

func (st *Store) applySKU(kind string, _ int, d map[string]any) {
	if kind == "sku/deleted" {
		if v := st.cat.skus[intField(d, "id")]; v != nil {
			st.removeVariant(st.cat.products[v.ProductID], v)
		}
		return
	}
	inner := "sku"
	if strings.HasPrefix(kind, "sku/inventory/") {
		inner = "inventory"
	}
	v := st.ensureSKU(d, inner)
	if v == nil {
		return
	}
	p := st.cat.products[v.ProductID]
	p.Modified = st.now()
	if inner != "inventory" {
		return
	}
	value, ok := intValue(nested(d, "inventory")["value"])
	if !ok {
		return
	}
	// The event fires only for a product tracked by variant: it says so.
	p.Tracking = TrackVariant
	v.InventoryLevel = st.afterInventory(v.InventoryLevel, value)
	p.sumLevels()
}

// removeVariant forgets variant v of p; a product left without variants
// gets its base variant back.
func (st *Store) removeVariant(p *Product, v *Variant) {
	st.forgetVariant(v)
	p.Variants = slices.DeleteFunc(p.Variants, func(x *Variant) bool { return x == v })
	for _, ov := range v.OptionValues {
		st.dropOptionValue(p, ov)
	}
	if len(p.Variants) == 0 {
		p.Options = nil
		st.addBaseVariant(p)
	}
	p.sumLevels()
	p.Modified = st.now()
}

// dropOptionValue removes an option value no variant uses any more.
func (st *Store) dropOptionValue(p *Product, ov VariantOption) {
	for _, v := range p.Variants {
		for _, x := range v.OptionValues {
			if x.ID == ov.ID {
				return
			}
		}
	}
	for _, o := range p.Options {
		if o.ID == ov.OptionID {
			o.Values = slices.DeleteFunc(o.Values, func(x OptionValue) bool { return x.ID == ov.ID })
		}
	}
}

// completeCategory names an existing category when the caller named none
// (a new id for created) and, for channel events ({category_id,
// tree_id}), the category's tree.
func (st *Store) completeCategory(kind string, channel int, out map[string]any) {
	key := "id"
	if channel > 0 {
		key = "category_id"
	}
	if strings.HasPrefix(kind, "category/product/") {
		if !has(out, "product_id") {
			id := st.pickProduct(nil)
			if id == 0 {
				id = st.cat.next.product
			}
			out["product_id"] = id
		}
		return
	}
	if !has(out, key) {
		id := 0
		if kind != "category/created" {
			if cs := st.Categories(nil, nil); len(cs) > 0 {
				id = cs[st.faker.Rand.Intn(len(cs))].ID
			}
		}
		if id == 0 {
			id = st.cat.next.category
		}
		out[key] = id
	}
	if key == "category_id" && !has(out, "tree_id") {
		tree := st.treeOf(channel)
		if c := st.cat.categories[intField(out, key)]; c != nil {
			tree = c.TreeID
		}
		out["tree_id"] = tree
	}
}

func (st *Store) applyCategory(kind string, channel int, d map[string]any) {
	if strings.HasPrefix(kind, "category/product/") {
		st.applyCategoryProduct(kind, channel, d)
		return
	}
	id := intField(d, "id")
	if id == 0 {
		id = intField(d, "category_id")
	}
	if kind == "category/deleted" {
		st.removeCategory(id)
		return
	}
	tree := intField(d, "tree_id")
	if tree <= 0 {
		tree = st.treeOf(channel)
	}
	st.ensureTree(tree, 0)
	st.ensureCategory(id, tree) // an update names no field: a held category stays as it is
}

// applyCategoryProduct files a product under a category of the channel's
// tree (assigned) or takes it out of every category of that tree
// (unassigned).
func (st *Store) applyCategoryProduct(kind string, channel int, d map[string]any) {
	p := st.ensureProduct(intField(d, "product_id"), anyShape)
	if p == nil {
		return
	}
	tree := st.treeOf(channel)
	inTree := func(id int) bool { c := st.cat.categories[id]; return c != nil && c.TreeID == tree }
	if kind == "category/product/unassigned" {
		p.Categories = slices.DeleteFunc(p.Categories, inTree)
		return
	}
	if !slices.ContainsFunc(p.Categories, inTree) {
		if c := st.someCategory(tree); c != nil {
			p.Categories = append(p.Categories, c.ID)
		}
	}
}

func (st *Store) applyCategoryTree(_ string, channel int, d map[string]any) {
	tree := intField(d, "tree_id")
	if tree <= 0 {
		tree = st.treeOf(channel)
	}
	st.ensureTree(tree, channel)
}

// removeCategory forgets category id and its subcategories, and takes
// them off the products filed under them. It returns the ids removed,
// the category first.
func (st *Store) removeCategory(id int) []int {
	c := st.cat.categories[id]
	if c == nil {
		return nil
	}
	gone := []int{id}
	for _, child := range st.Children(c) {
		gone = append(gone, st.removeCategory(child.ID)...)
	}
	delete(st.cat.categories, id)
	for _, p := range st.cat.products {
		p.Categories = slices.DeleteFunc(p.Categories, func(x int) bool { return x == id })
	}
	return gone
}

// completeOverride names existing products as the affected ones when the
// caller named none.
func (st *Store) completeOverride(kind string, _ int, out map[string]any) {
	if has(out, "affected_product_ids") {
		return
	}
	if id := st.pickProduct(nil); id > 0 {
		out["affected_product_ids"] = []any{id}
	}
}

// applyOverride makes sure each affected product has the modifier or
// option the event names.
func (st *Store) applyOverride(kind string, _ int, d map[string]any) {
	id := intField(d, "id")
	ids, _ := d["affected_product_ids"].([]any)
	if id <= 0 {
		return
	}
	for _, x := range ids {
		pid, ok := intValue(x)
		if !ok {
			continue
		}
		p := st.ensureProduct(pid, anyShape)
		if p == nil {
			continue
		}
		p.Modified = st.now()
		if strings.HasPrefix(kind, "modifier/") {
			st.ensureModifier(p, id)
		} else {
			st.ensureOption(p, id)
		}
	}
}

func (st *Store) ensureModifier(p *Product, id int) {
	if slices.ContainsFunc(p.Modifiers, func(m *Modifier) bool { return m.ID == id }) || len(p.Modifiers) >= st.limits().Children {
		return
	}
	p.Modifiers = append(p.Modifiers, &Modifier{ID: id, ProductID: p.ID, DisplayName: "Gift message", Type: "text", SortOrder: len(p.Modifiers)})
	seen(&st.cat.next.modifier, id)
}

// ensureOption gives p option id, with two values, unless it has it. The
// variants stay as they are: the event says an option changed, not
// which variants it makes.
func (st *Store) ensureOption(p *Product, id int) {
	if slices.ContainsFunc(p.Options, func(o *ProductOption) bool { return o.ID == id }) || len(p.Options) >= st.limits().Children {
		return
	}
	pool := &st.shop.pool.catalog
	o := &ProductOption{ID: id, ProductID: p.ID, DisplayName: "Color", Type: "swatch", SortOrder: len(p.Options)}
	for i := range 2 {
		o.Values = append(o.Values, OptionValue{ID: bump(&st.cat.next.value), Label: pool.colors[i], SortOrder: i, Default: i == 0})
	}
	p.Options = append(p.Options, o)
	seen(&st.cat.next.option, id)
}

// errCatalogFull is the error of a catalog write past a limit.
func errCatalogFull(what string, n int) error {
	return errors.Join(ErrFull, fmt.Errorf("the store holds %d %s, the most bcmock keeps", n, what))
}
