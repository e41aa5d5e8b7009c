package shop

import (
	"fmt"
	"math"
	"slices"
	"strings"
)

// The catalog writes of /v3/catalog: each returns the events BigCommerce
// fires for it (reference §5): product/created, product/updated only when
// a field of ProductUpdatedFields changes, product/inventory/updated for
// a new level of a product tracked by product, sku/* for variants with a
// SKU id, sku/inventory/updated for a variant-tracked level, category/*
// with their channel twins. Brands fire nothing.

// ProductUpdatedFields are the product fields whose change fires
// store/product/updated, in v3 names: the fields BigCommerce's
// store/product/updated schema lists (the ones the model holds).
// BigCommerce says MPN, GTIN, the tax provider's code and images fire
// nothing; neither does map_price, which the list leaves out.
var ProductUpdatedFields = []string{
	"name", "type", "sku", "description", "weight", "width", "depth", "height",
	"price", "cost_price", "retail_price", "sale_price", "tax_class_id",
	"categories", "brand_id", "inventory_level", "inventory_warning_level",
	"inventory_tracking", "fixed_cost_shipping_price", "is_free_shipping",
	"is_visible", "is_featured", "warranty", "bin_picking_number",
	"search_keywords", "page_title", "meta_description", "availability",
	"availability_description", "condition", "is_condition_shown",
	"sort_order", "upc", "custom_url",
}

// ProductInput is the body of POST and PUT /v3/catalog/products[/{id}],
// in v3's names; nil fields are not given.
type ProductInput struct {
	Name             *string        `json:"name"`
	Type             *string        `json:"type"`
	SKU              *string        `json:"sku"`
	Description      *string        `json:"description"`
	Weight           *float64       `json:"weight"`
	Width            *float64       `json:"width"`
	Depth            *float64       `json:"depth"`
	Height           *float64       `json:"height"`
	Price            *float64       `json:"price"`
	CostPrice        *float64       `json:"cost_price"`
	RetailPrice      *float64       `json:"retail_price"`
	SalePrice        *float64       `json:"sale_price"`
	MapPrice         *float64       `json:"map_price"`
	TaxClassID       *int           `json:"tax_class_id"`
	Categories       *[]int         `json:"categories"`
	BrandID          *int           `json:"brand_id"`
	InventoryLevel   *int           `json:"inventory_level"`
	InventoryWarning *int           `json:"inventory_warning_level"`
	Tracking         *string        `json:"inventory_tracking"`
	FixedShipping    *float64       `json:"fixed_cost_shipping_price"`
	FreeShipping     *bool          `json:"is_free_shipping"`
	Visible          *bool          `json:"is_visible"`
	Featured         *bool          `json:"is_featured"`
	Warranty         *string        `json:"warranty"`
	BinPicking       *string        `json:"bin_picking_number"`
	SearchKeywords   *string        `json:"search_keywords"`
	PageTitle        *string        `json:"page_title"`
	MetaDescription  *string        `json:"meta_description"`
	Availability     *string        `json:"availability"`
	AvailabilityText *string        `json:"availability_description"`
	Condition        *string        `json:"condition"`
	ConditionShown   *bool          `json:"is_condition_shown"`
	SortOrder        *int           `json:"sort_order"`
	UPC              *string        `json:"upc"`
	GTIN             *string        `json:"gtin"`
	MPN              *string        `json:"mpn"`
	CustomURL        *CustomURL     `json:"custom_url"`
	OrderMin         *int           `json:"order_quantity_minimum"`
	OrderMax         *int           `json:"order_quantity_maximum"`
	ProductTaxCode   *string        `json:"product_tax_code"`
	PriceHidden      *bool          `json:"is_price_hidden"`
	PriceHiddenLabel *string        `json:"price_hidden_label"`
	PreorderMessage  *string        `json:"preorder_message"`
	PreorderOnly     *bool          `json:"is_preorder_only"`
	RelatedProducts  *[]int         `json:"related_products"`
	MetaKeywords     *[]string      `json:"meta_keywords"`
	Variants         []VariantInput `json:"variants"`      // POST only
	Images           []ImageInput   `json:"images"`        // POST only
	CustomFields     []CustomField  `json:"custom_fields"` // POST only
}

// CustomURL is a product's or category's custom_url.
type CustomURL struct {
	URL          string `json:"url"`
	IsCustomized bool   `json:"is_customized"`
}

// ImageInput is one image of a POST /v3/catalog/products.
type ImageInput struct {
	URL         string `json:"image_url"`
	Description string `json:"description"`
	Thumbnail   bool   `json:"is_thumbnail"`
	SortOrder   int    `json:"sort_order"`
}

// VariantInput is the body of a variant write; nil fields are not given.
type VariantInput struct {
	ID               *int                `json:"id"` // PUT /v3/catalog/variants
	SKU              *string             `json:"sku"`
	Price            *float64            `json:"price"`
	SalePrice        *float64            `json:"sale_price"`
	Weight           *float64            `json:"weight"`
	InventoryLevel   *int                `json:"inventory_level"`
	InventoryWarning *int                `json:"inventory_warning_level"`
	PurchasingOff    *bool               `json:"purchasing_disabled"`
	UPC              *string             `json:"upc"`
	ImageURL         *string             `json:"image_url"`
	OptionValues     []OptionValueChoice `json:"option_values"`
}

// OptionValueChoice names an option value of a new variant: an existing
// one by ids, or one by option display name and label (made when needed).
type OptionValueChoice struct {
	ID          int    `json:"id"`
	OptionID    int    `json:"option_id"`
	DisplayName string `json:"option_display_name"`
	Label       string `json:"label"`
}

// change records a field write: whether anything changed, and which of
// ProductUpdatedFields did.
type change struct{ fields []string }

func setField[T comparable](c *change, name string, dst *T, src *T) {
	if src == nil || *dst == *src {
		return
	}
	*dst = *src
	c.fields = append(c.fields, name)
}

// setSlice is setField for a list field, given whole.
func setSlice[T comparable](c *change, name string, dst *[]T, src *[]T) {
	if src == nil || *dst != nil && slices.Equal(*dst, *src) {
		return
	}
	*dst = append(make([]T, 0, len(*src)), *src...)
	c.fields = append(c.fields, name)
}

func setPrice(c *change, name string, dst *Money, src *float64) {
	if src == nil {
		return
	}
	m := Money(math.Round(*src * float64(Unit)))
	setField(c, name, dst, &m)
}

// triggers reports whether a changed field fires product/updated.
func (c change) triggers() bool {
	return slices.ContainsFunc(c.fields, func(f string) bool { return slices.Contains(ProductUpdatedFields, f) })
}

func oneOf(field string, v *string, allowed ...string) error {
	if v != nil && !slices.Contains(allowed, *v) {
		return invalid("%s: %q is not one of %s", field, *v, strings.Join(allowed, ", "))
	}
	return nil
}

func nonNegative(field string, v *float64) error {
	if v != nil && (*v < 0 || math.IsNaN(*v) || *v > 1e12) {
		return invalid("%s: must be a number from 0", field)
	}
	return nil
}

// check validates a product write against the store: enums, amounts
// (ErrInvalid), and that the categories and brand exist (ErrConflict, a
// 409 as BigCommerce's file gives it).
func (st *Store) check(in *ProductInput) error {
	var errs []error
	if in.Name != nil && strings.TrimSpace(*in.Name) == "" {
		errs = append(errs, invalid("name: must not be empty"))
	}
	errs = append(errs,
		oneOf("type", in.Type, "physical", "digital"),
		oneOf("inventory_tracking", in.Tracking, TrackNone, TrackProduct, TrackVariant),
		oneOf("availability", in.Availability, "available", "disabled", "preorder"),
		oneOf("condition", in.Condition, "New", "Used", "Refurbished"))
	for name, v := range map[string]*float64{"price": in.Price, "cost_price": in.CostPrice, "retail_price": in.RetailPrice,
		"sale_price": in.SalePrice, "map_price": in.MapPrice, "weight": in.Weight, "width": in.Width, "depth": in.Depth,
		"height": in.Height, "fixed_cost_shipping_price": in.FixedShipping} {
		errs = append(errs, nonNegative(name, v))
	}
	if in.Categories != nil {
		for _, id := range *in.Categories {
			if st.cat.categories[id] == nil {
				errs = append(errs, conflict("categories: category %d does not exist", id))
			}
		}
	}
	if in.BrandID != nil && *in.BrandID != 0 && st.cat.brands[*in.BrandID] == nil {
		errs = append(errs, conflict("brand_id: brand %d does not exist", *in.BrandID))
	}
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

// set writes the given fields of in over p and says what changed.
func (p *Product) set(in *ProductInput) change {
	var c change
	setField(&c, "name", &p.Name, in.Name)
	setField(&c, "type", &p.Type, in.Type)
	setField(&c, "sku", &p.SKU, in.SKU)
	setField(&c, "description", &p.Description, in.Description)
	setField(&c, "order_quantity_minimum", &p.OrderMin, in.OrderMin)
	setField(&c, "order_quantity_maximum", &p.OrderMax, in.OrderMax)
	setField(&c, "product_tax_code", &p.ProductTaxCode, in.ProductTaxCode)
	setField(&c, "is_price_hidden", &p.PriceHidden, in.PriceHidden)
	setField(&c, "price_hidden_label", &p.PriceHiddenLabel, in.PriceHiddenLabel)
	setField(&c, "preorder_message", &p.PreorderMessage, in.PreorderMessage)
	setField(&c, "is_preorder_only", &p.PreorderOnly, in.PreorderOnly)
	setSlice(&c, "related_products", &p.RelatedProducts, in.RelatedProducts)
	setSlice(&c, "meta_keywords", &p.MetaKeywords, in.MetaKeywords)
	setField(&c, "weight", &p.Weight, in.Weight)
	setField(&c, "width", &p.Width, in.Width)
	setField(&c, "depth", &p.Depth, in.Depth)
	setField(&c, "height", &p.Height, in.Height)
	setPrice(&c, "price", &p.Price, in.Price)
	setPrice(&c, "cost_price", &p.CostPrice, in.CostPrice)
	setPrice(&c, "retail_price", &p.RetailPrice, in.RetailPrice)
	setPrice(&c, "sale_price", &p.SalePrice, in.SalePrice)
	setPrice(&c, "map_price", &p.MapPrice, in.MapPrice)
	setField(&c, "tax_class_id", &p.TaxClassID, in.TaxClassID)
	if in.Categories != nil && !slices.Equal(p.Categories, *in.Categories) {
		p.Categories = slices.Clone(*in.Categories)
		c.fields = append(c.fields, "categories")
	}
	setField(&c, "brand_id", &p.BrandID, in.BrandID)
	setField(&c, "inventory_tracking", &p.Tracking, in.Tracking)
	setField(&c, "inventory_level", &p.InventoryLevel, in.InventoryLevel)
	setField(&c, "inventory_warning_level", &p.InventoryWarning, in.InventoryWarning)
	setPrice(&c, "fixed_cost_shipping_price", &p.FixedShipping, in.FixedShipping)
	setField(&c, "is_free_shipping", &p.FreeShipping, in.FreeShipping)
	setField(&c, "is_visible", &p.Visible, in.Visible)
	setField(&c, "is_featured", &p.Featured, in.Featured)
	setField(&c, "warranty", &p.Warranty, in.Warranty)
	setField(&c, "bin_picking_number", &p.BinPicking, in.BinPicking)
	setField(&c, "search_keywords", &p.SearchKeywords, in.SearchKeywords)
	setField(&c, "page_title", &p.PageTitle, in.PageTitle)
	setField(&c, "meta_description", &p.MetaDescription, in.MetaDescription)
	setField(&c, "availability", &p.Availability, in.Availability)
	setField(&c, "availability_description", &p.AvailabilityText, in.AvailabilityText)
	setField(&c, "condition", &p.Condition, in.Condition)
	setField(&c, "is_condition_shown", &p.ConditionShown, in.ConditionShown)
	setField(&c, "sort_order", &p.SortOrder, in.SortOrder)
	setField(&c, "upc", &p.UPC, in.UPC)
	setField(&c, "gtin", &p.GTIN, in.GTIN)
	setField(&c, "mpn", &p.MPN, in.MPN)
	if in.CustomURL != nil {
		url := *in.CustomURL
		if !strings.HasPrefix(url.URL, "/") {
			url.URL = "/" + url.URL
		}
		setField(&c, "custom_url", &p.URL, &url.URL)
		setField(&c, "custom_url", &p.URLCustomized, &url.IsCustomized)
	}
	return c
}

// CreateProduct makes a product, as POST /v3/catalog/products does: name,
// type, weight and price are required; variants with option values give
// it options (else it has its base variant). It fires store/product/created,
// then store/sku/created for each variant with options.
func (st *Store) CreateProduct(in ProductInput) (*Product, []Event, error) {
	if len(st.cat.products) >= st.limits().Products {
		return nil, nil, errCatalogFull("products", len(st.cat.products))
	}
	var missing []string
	for name, ok := range map[string]bool{"name": in.Name != nil, "type": in.Type != nil, "weight": in.Weight != nil, "price": in.Price != nil} {
		if !ok {
			missing = append(missing, name)
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, nil, invalid("%s: required", strings.Join(missing, ", "))
	}
	if err := st.check(&in); err != nil {
		return nil, nil, err
	}
	if n := max(len(in.Variants), len(in.Images), len(in.CustomFields)); n > st.limits().Children {
		return nil, nil, errCatalogFull("variants, images or custom fields on a product", n)
	}
	for i := range in.Variants {
		if err := checkVariant(&in.Variants[i], true); err != nil {
			return nil, nil, fmt.Errorf("variants[%d]: %w", i, err)
		}
	}
	if in.SKU != nil && len(in.Variants) == 0 && st.VariantsBySKU(*in.SKU, 0) != nil {
		return nil, nil, conflict("sku: %q is taken", *in.SKU)
	}
	if err := st.checkName(in.Name, 0); err != nil {
		return nil, nil, err
	}
	now := st.now()
	id := bump(&st.cat.next.product)
	p := &Product{ID: id, Tracking: TrackNone, Visible: true, Availability: "available", Condition: "New",
		Created: now, Modified: now, Channels: []int{defaultChannel}}
	p.set(&in)
	st.nameProduct(p, "")
	if p.SKU == "" {
		p.SKU = fmt.Sprintf("SKU-%d", id)
	}
	if in.CustomURL == nil {
		p.URL = productURL(p.Name, id)
	}
	st.cat.products[id] = p
	st.cat.order = append(st.cat.order, id)
	var f fired
	f.add("store/product/created", map[string]any{"type": "product", "id": id})
	if len(in.Variants) == 0 {
		st.addBaseVariant(p)
	}
	for i := range in.Variants {
		v, err := st.newVariant(p, &in.Variants[i])
		if err != nil {
			st.removeProduct(id)
			return nil, nil, fmt.Errorf("variants[%d]: %w", i, err)
		}
		f.sku(v, "created")
	}
	p.sumLevels()
	for i, im := range in.Images {
		p.Images = append(p.Images, &Image{ID: bump(&st.cat.next.image), ProductID: id, URL: im.URL, Description: im.Description,
			Thumbnail: im.Thumbnail, SortOrder: cmpOr(im.SortOrder, i), Modified: now})
	}
	for _, cf := range in.CustomFields {
		p.CustomFields = append(p.CustomFields, &CustomField{ID: bump(&st.cat.next.field), Name: cf.Name, Value: cf.Value})
	}
	return p, f, nil
}

func cmpOr(a, b int) int {
	if a != 0 {
		return a
	}
	return b
}

// UpdateProduct writes the given fields over product id, as PUT
// /v3/catalog/products/{id} does. It fires store/product/updated when a
// field of ProductUpdatedFields changed, then
// store/product/inventory/updated when the level of a product tracked by
// product changed (method absolute: an API change).
func (st *Store) UpdateProduct(id int, in ProductInput) (*Product, []Event, error) {
	p := st.cat.products[id]
	if p == nil {
		return nil, nil, notFound("product", id)
	}
	if err := st.check(&in); err != nil {
		return nil, nil, err
	}
	tracking := p.Tracking
	if in.Tracking != nil {
		tracking = *in.Tracking
	}
	if in.InventoryLevel != nil && tracking == TrackVariant && *in.InventoryLevel != p.InventoryLevel {
		return nil, nil, invalid("inventory_level: the product is tracked by variant; set the variants' levels")
	}
	if in.SKU != nil && p.BaseVariantID != 0 && st.VariantsBySKU(*in.SKU, p.BaseVariantID) != nil {
		return nil, nil, conflict("sku: %q is taken", *in.SKU)
	}
	if err := st.checkName(in.Name, id); err != nil {
		return nil, nil, err
	}
	before, name := p.InventoryLevel, p.Name
	c := p.set(&in)
	st.nameProduct(p, name)
	if b := p.Variant(p.BaseVariantID); b != nil {
		st.renameSKU(b, p.SKU)
		b.InventoryLevel, b.InventoryWarning = p.InventoryLevel, p.InventoryWarning
	}
	p.sumLevels()
	var f fired
	if len(c.fields) > 0 {
		p.Modified = st.now()
	}
	if c.triggers() {
		f.add("store/product/updated", map[string]any{"type": "product", "id": id})
	}
	if p.Tracking == TrackProduct && p.InventoryLevel != before {
		f.productInventory(p, st.inventoryValue(before, p.InventoryLevel))
	}
	return p, f, nil
}

// DeleteProduct forgets product id and its variants, as DELETE
// /v3/catalog/products/{id} does; it fires store/product/deleted.
func (st *Store) DeleteProduct(id int) ([]Event, error) {
	if !st.removeProduct(id) {
		return nil, notFound("product", id)
	}
	var f fired
	f.add("store/product/deleted", map[string]any{"type": "product", "id": id})
	return f, nil
}

func (f *fired) sku(v *Variant, what string) {
	f.add("store/sku/"+what, map[string]any{"type": "sku", "id": v.SKUID, "sku": map[string]any{"product_id": v.ProductID, "variant_id": v.ID}})
}

func (f *fired) productInventory(p *Product, value int) {
	f.add("store/product/inventory/updated", map[string]any{"type": "product", "id": p.ID,
		"inventory": map[string]any{"product_id": p.ID, "method": "absolute", "value": value}})
}

func (f *fired) skuInventory(v *Variant, value int) {
	f.add("store/sku/inventory/updated", map[string]any{"type": "sku", "id": v.SKUID,
		"inventory": map[string]any{"product_id": v.ProductID, "method": "absolute", "value": value, "variant_id": v.ID}})
}

func checkVariant(in *VariantInput, create bool) error {
	if create && (in.SKU == nil || strings.TrimSpace(*in.SKU) == "") {
		return invalid("sku: required")
	}
	if create && len(in.OptionValues) == 0 {
		return invalid("option_values: a variant needs at least one option value")
	}
	for name, v := range map[string]*float64{"price": in.Price, "sale_price": in.SalePrice, "weight": in.Weight} {
		if err := nonNegative(name, v); err != nil {
			return err
		}
	}
	for i, ov := range in.OptionValues {
		if ov.ID == 0 && (ov.DisplayName == "" || ov.Label == "") {
			return invalid("option_values[%d]: give id and option_id, or option_display_name and label", i)
		}
	}
	return nil
}

// newVariant adds a variant with options to p from in (checked): its
// option values are found or made, the base variant goes.
func (st *Store) newVariant(p *Product, in *VariantInput) (*Variant, error) {
	if len(p.Variants) >= st.limits().Children {
		return nil, errCatalogFull("variants on a product", len(p.Variants))
	}
	if st.VariantsBySKU(*in.SKU, 0) != nil {
		return nil, invalid("sku: %q is taken", *in.SKU)
	}
	var values []VariantOption
	for i, choice := range in.OptionValues {
		ov, err := st.optionValue(p, choice)
		if err != nil {
			return nil, fmt.Errorf("option_values[%d]: %w", i, err)
		}
		values = append(values, ov)
	}
	for _, other := range p.Variants {
		if len(other.OptionValues) > 0 && slices.Equal(other.OptionValues, values) {
			return nil, invalid("option_values: variant %d has these option values", other.ID)
		}
	}
	if p.BaseVariantID != 0 {
		st.dropBaseVariant(p)
	}
	v := &Variant{ID: bump(&st.cat.next.variant), ProductID: p.ID, SKUID: bump(&st.cat.next.sku), Purchasable: true,
		InventoryWarning: p.InventoryWarning, OptionValues: values}
	st.setVariant(p, v, in)
	st.addVariant(p, v)
	return v, nil
}

// VariantsBySKU returns the variant with sku other than variant except,
// or nil.
func (st *Store) VariantsBySKU(sku string, except int) *Variant {
	if id, ok := st.cat.bySKU[sku]; ok && id != except {
		return st.cat.variants[id]
	}
	return nil
}

// renameSKU gives v a new SKU, keeping the index true.
func (st *Store) renameSKU(v *Variant, sku string) {
	if st.cat.bySKU[v.SKU] == v.ID {
		delete(st.cat.bySKU, v.SKU)
	}
	v.SKU = sku
	st.cat.bySKU[sku] = v.ID
}

// nameKey is a product name as the uniqueness rule compares it: without
// regard to case. BigCommerce's file says names are unique (its 409) but
// not how they compare; the mock takes the stricter reading, so an
// integration it passes is not refused for "Mug" beside "mug".
func nameKey(name string) string { return strings.ToLower(name) }

// productNamed returns the product other than product except whose name
// is name (case aside), or nil.
func (st *Store) productNamed(name string, except int) *Product {
	if id, ok := st.cat.byName[nameKey(name)]; ok && id != except {
		return st.cat.products[id]
	}
	return nil
}

// checkName refuses (ErrConflict, BigCommerce's 409) a name another
// product than except holds.
func (st *Store) checkName(name *string, except int) error {
	if name == nil {
		return nil
	}
	if other := st.productNamed(*name, except); other != nil {
		return conflict("name: %q is the name of product %d", *name, other.ID)
	}
	return nil
}

// CheckProductNames refuses, before a batch of product writes writes any,
// a name of names (one for product ids[i]; nil: left alone) that another
// product holds or that two entries give: "[1]: conflict: name: ...".
func (st *Store) CheckProductNames(ids []int, names []*string) error {
	given := map[string]int{}
	for i, name := range names {
		if name == nil {
			continue
		}
		if err := st.checkName(name, ids[i]); err != nil {
			return fmt.Errorf("[%d]: %w", i, err)
		}
		if j, ok := given[nameKey(*name)]; ok {
			return fmt.Errorf("[%d]: %w", i, conflict("name: %q is the name [%d] gives product %d", *name, j, ids[j]))
		}
		given[nameKey(*name)] = i
	}
	return nil
}

// nameProduct records p under its name, forgetting old (its name before).
func (st *Store) nameProduct(p *Product, old string) {
	if k := nameKey(old); old != "" && st.cat.byName[k] == p.ID {
		delete(st.cat.byName, k)
	}
	st.cat.byName[nameKey(p.Name)] = p.ID
}

// freeName is name, or name with the first " 2", " 3"... that no product
// holds: an invented product never takes a name the store has. The
// suffix tried first is the one after the last given to name (the pool's
// names are few, so the map stays small), so a store of many invented
// products does not count up from 2 each time.
func (st *Store) freeName(name string) string {
	if st.productNamed(name, 0) == nil {
		return name
	}
	k := nameKey(name)
	n := max(2, st.cat.suffix[k])
	free := fmt.Sprintf("%s %d", name, n)
	for ; st.productNamed(free, 0) != nil; n++ {
		free = fmt.Sprintf("%s %d", name, n+1)
	}
	st.cat.suffix[k] = n + 1
	return free
}

// optionValue finds or makes the option value choice names on p.
func (st *Store) optionValue(p *Product, choice OptionValueChoice) (VariantOption, error) {
	for _, o := range p.Options {
		if choice.ID != 0 && o.ID != choice.OptionID || choice.ID == 0 && o.DisplayName != choice.DisplayName {
			continue
		}
		for _, v := range o.Values {
			if choice.ID != 0 && v.ID == choice.ID || choice.ID == 0 && v.Label == choice.Label {
				return VariantOption{ID: v.ID, OptionID: o.ID, Label: v.Label, DisplayName: o.DisplayName}, nil
			}
		}
		if choice.ID != 0 {
			return VariantOption{}, invalid("option value %d is not a value of option %d", choice.ID, o.ID)
		}
		v := OptionValue{ID: bump(&st.cat.next.value), Label: choice.Label, SortOrder: len(o.Values)}
		o.Values = append(o.Values, v)
		return VariantOption{ID: v.ID, OptionID: o.ID, Label: v.Label, DisplayName: o.DisplayName}, nil
	}
	if choice.ID != 0 {
		return VariantOption{}, invalid("option %d is not an option of product %d", choice.OptionID, p.ID)
	}
	if len(p.Options) >= st.limits().Children {
		return VariantOption{}, errCatalogFull("options on a product", len(p.Options))
	}
	o := &ProductOption{ID: bump(&st.cat.next.option), ProductID: p.ID, DisplayName: choice.DisplayName, Type: "dropdown", SortOrder: len(p.Options)}
	v := OptionValue{ID: bump(&st.cat.next.value), Label: choice.Label, Default: true}
	o.Values = []OptionValue{v}
	p.Options = append(p.Options, o)
	return VariantOption{ID: v.ID, OptionID: o.ID, Label: v.Label, DisplayName: o.DisplayName}, nil
}

// setVariant writes the given fields of in over v and reports whether
// anything changed.
func (st *Store) setVariant(p *Product, v *Variant, in *VariantInput) bool {
	var c change
	if in.SKU != nil && *in.SKU != v.SKU {
		st.renameSKU(v, *in.SKU)
		c.fields = append(c.fields, "sku")
	}
	setOptional := func(name string, dst **Money, src *float64) {
		if src == nil {
			return
		}
		m := Money(math.Round(*src * float64(Unit)))
		if *dst == nil || **dst != m {
			*dst = &m
			c.fields = append(c.fields, name)
		}
	}
	setOptional("price", &v.Price, in.Price)
	setOptional("sale_price", &v.SalePrice, in.SalePrice)
	if in.Weight != nil && (v.Weight == nil || *v.Weight != *in.Weight) {
		w := *in.Weight
		v.Weight = &w
		c.fields = append(c.fields, "weight")
	}
	setField(&c, "inventory_level", &v.InventoryLevel, in.InventoryLevel)
	setField(&c, "inventory_warning_level", &v.InventoryWarning, in.InventoryWarning)
	if in.PurchasingOff != nil {
		on := !*in.PurchasingOff
		setField(&c, "purchasing_disabled", &v.Purchasable, &on)
	}
	setField(&c, "upc", &v.UPC, in.UPC)
	setField(&c, "image_url", &v.ImageURL, in.ImageURL)
	return len(c.fields) > 0
}

// CreateVariant adds a variant to product pid, as POST
// /v3/catalog/products/{id}/variants does: sku and option_values are
// required; a product that had only its base variant loses it. It fires
// store/sku/created.
func (st *Store) CreateVariant(pid int, in VariantInput) (*Variant, []Event, error) {
	p := st.cat.products[pid]
	if p == nil {
		return nil, nil, notFound("product", pid)
	}
	if err := checkVariant(&in, true); err != nil {
		return nil, nil, err
	}
	v, err := st.newVariant(p, &in)
	if err != nil {
		return nil, nil, err
	}
	p.sumLevels()
	p.Modified = st.now()
	var f fired
	f.sku(v, "created")
	return v, f, nil
}

// UpdateVariant writes the given fields over variant vid of product pid
// (pid 0: any product), as PUT .../variants/{vid} and PUT
// /v3/catalog/variants do. A variant with a SKU id fires store/sku/updated
// when something changed, then store/sku/inventory/updated when its level
// changed on a variant-tracked product. A base variant is the product
// itself: its changes fire product/updated and product/inventory/updated.
func (st *Store) UpdateVariant(pid, vid int, in VariantInput) (*Variant, []Event, error) {
	v := st.cat.variants[vid]
	if v == nil || pid != 0 && v.ProductID != pid {
		return nil, nil, notFound("variant", vid)
	}
	if err := checkVariant(&in, false); err != nil {
		return nil, nil, err
	}
	if len(in.OptionValues) > 0 {
		return nil, nil, invalid("option_values: a variant's option values are fixed once made")
	}
	if in.SKU != nil && st.VariantsBySKU(*in.SKU, vid) != nil {
		return nil, nil, invalid("sku: %q is taken", *in.SKU)
	}
	p := st.cat.products[v.ProductID]
	if v.ID == p.BaseVariantID {
		return st.updateBase(p, v, in)
	}
	before := v.InventoryLevel
	if !st.setVariant(p, v, &in) {
		return v, nil, nil
	}
	p.sumLevels()
	p.Modified = st.now()
	var f fired
	f.sku(v, "updated")
	if p.Tracking == TrackVariant && v.InventoryLevel != before {
		f.skuInventory(v, st.inventoryValue(before, v.InventoryLevel))
	}
	return v, f, nil
}

// updateBase writes a base variant's fields through to its product.
func (st *Store) updateBase(p *Product, v *Variant, in VariantInput) (*Variant, []Event, error) {
	pin := ProductInput{SKU: in.SKU, Price: in.Price, SalePrice: in.SalePrice, Weight: in.Weight,
		InventoryLevel: in.InventoryLevel, InventoryWarning: in.InventoryWarning, UPC: in.UPC}
	_, f, err := st.UpdateProduct(p.ID, pin)
	if err != nil {
		return nil, nil, err
	}
	var c change
	if in.PurchasingOff != nil {
		on := !*in.PurchasingOff
		setField(&c, "purchasing_disabled", &v.Purchasable, &on)
	}
	setField(&c, "image_url", &v.ImageURL, in.ImageURL)
	return v, f, nil
}

// DeleteVariant removes variant vid of product pid, as DELETE
// .../variants/{vid} does; it fires store/sku/deleted. A base variant
// cannot be deleted (it is the product).
func (st *Store) DeleteVariant(pid, vid int) ([]Event, error) {
	v := st.cat.variants[vid]
	if v == nil || v.ProductID != pid {
		return nil, notFound("variant", vid)
	}
	p := st.cat.products[pid]
	if v.ID == p.BaseVariantID {
		return nil, invalid("variant %d is the product's base variant; delete the product instead", vid)
	}
	var f fired
	f.sku(v, "deleted")
	st.removeVariant(p, v)
	return f, nil
}

// CategoryInput is the body of a category write; nil fields are not
// given.
type CategoryInput struct {
	Name            *string    `json:"name"`
	ParentID        *int       `json:"parent_id"`
	TreeID          *int       `json:"tree_id"`
	Description     *string    `json:"description"`
	SortOrder       *int       `json:"sort_order"`
	PageTitle       *string    `json:"page_title"`
	SearchKeywords  *string    `json:"search_keywords"`
	MetaDescription *string    `json:"meta_description"`
	Visible         *bool      `json:"is_visible"`
	ProductSort     *string    `json:"default_product_sort"`
	ImageURL        *string    `json:"image_url"`
	CustomURL       *CustomURL `json:"custom_url"`
}

// ProductSorts are the values of a category's default_product_sort.
var ProductSorts = []string{"use_store_settings", "featured", "newest", "best_selling", "alpha_asc", "alpha_desc", "avg_customer_review", "price_asc", "price_desc"}

func (st *Store) checkCategory(c *Category, in *CategoryInput) error {
	if in.Name != nil && strings.TrimSpace(*in.Name) == "" {
		return invalid("name: must not be empty")
	}
	if err := oneOf("default_product_sort", in.ProductSort, ProductSorts...); err != nil {
		return err
	}
	tree := c.TreeID
	if in.TreeID != nil {
		tree = *in.TreeID
		if st.cat.trees[tree] == nil {
			return invalid("tree_id: tree %d does not exist", tree)
		}
	}
	if in.ParentID != nil && *in.ParentID != 0 {
		parent := st.cat.categories[*in.ParentID]
		if parent == nil || parent.TreeID != tree {
			return invalid("parent_id: category %d is not a category of tree %d", *in.ParentID, tree)
		}
		if c.ID != 0 && slices.Contains(st.CategoryPath(parent), c.ID) {
			return invalid("parent_id: category %d is under category %d", *in.ParentID, c.ID)
		}
	}
	return nil
}

func (c *Category) set(in *CategoryInput) {
	var ch change
	setField(&ch, "name", &c.Name, in.Name)
	setField(&ch, "parent_id", &c.ParentID, in.ParentID)
	setField(&ch, "tree_id", &c.TreeID, in.TreeID)
	setField(&ch, "description", &c.Description, in.Description)
	setField(&ch, "sort_order", &c.SortOrder, in.SortOrder)
	setField(&ch, "page_title", &c.PageTitle, in.PageTitle)
	setField(&ch, "search_keywords", &c.Keywords, in.SearchKeywords)
	setField(&ch, "meta_description", &c.MetaDesc, in.MetaDescription)
	setField(&ch, "is_visible", &c.Visible, in.Visible)
	setField(&ch, "default_product_sort", &c.ProductSort, in.ProductSort)
	setField(&ch, "image_url", &c.ImageURL, in.ImageURL)
	if in.CustomURL != nil {
		setField(&ch, "url", &c.URL, &in.CustomURL.URL)
		setField(&ch, "is_customized", &c.Customized, &in.CustomURL.IsCustomized)
	}
}

// category adds store/category/{what} for c and its twin on each channel
// of c's tree.
func (st *Store) categoryEvents(f *fired, c *Category, what string) {
	f.add("store/category/"+what, map[string]any{"type": "category", "id": c.ID})
	if t := st.cat.trees[c.TreeID]; t != nil {
		for _, ch := range t.Channels {
			f.channelTwin(ch, "category/"+what, map[string]any{"category_id": c.ID, "tree_id": c.TreeID})
		}
	}
}

// CreateCategory makes a category, as POST /v3/catalog/trees/categories
// and the deprecated POST /v3/catalog/categories do: name is required,
// the tree is the one given, else the parent's, else the default one;
// parent_id 0 is the top. It
// fires store/category/created and its channel twins.
func (st *Store) CreateCategory(in CategoryInput) (*Category, []Event, error) {
	if len(st.cat.categories) >= st.limits().Categories {
		return nil, nil, errCatalogFull("categories", len(st.cat.categories))
	}
	if in.Name == nil {
		return nil, nil, invalid("name: required")
	}
	c := &Category{TreeID: DefaultTree, Visible: true, ProductSort: "use_store_settings"}
	if in.TreeID == nil && in.ParentID != nil {
		if parent := st.cat.categories[*in.ParentID]; parent != nil {
			c.TreeID = parent.TreeID // a subcategory is in its parent's tree
		}
	}
	if err := st.checkCategory(c, &in); err != nil {
		return nil, nil, err
	}
	c.ID = bump(&st.cat.next.category)
	c.UUID = st.faker.UUID()
	c.set(&in)
	if c.URL == "" {
		c.URL = fmt.Sprintf("/%s-%d/", slug(c.Name), c.ID)
	}
	st.cat.categories[c.ID] = c
	var f fired
	st.categoryEvents(&f, c, "created")
	return c, f, nil
}

// UpdateCategory writes the given fields over category id; it fires
// store/category/updated and its channel twins.
func (st *Store) UpdateCategory(id int, in CategoryInput) (*Category, []Event, error) {
	c := st.cat.categories[id]
	if c == nil {
		return nil, nil, notFound("category", id)
	}
	if err := st.checkCategory(c, &in); err != nil {
		return nil, nil, err
	}
	c.set(&in)
	var f fired
	st.categoryEvents(&f, c, "updated")
	return c, f, nil
}

// DeleteCategory forgets category id and its subcategories; it fires
// store/category/deleted (and the twins) for each, the category first.
func (st *Store) DeleteCategory(id int) ([]Event, error) {
	c := st.cat.categories[id]
	if c == nil {
		return nil, notFound("category", id)
	}
	gone := map[int]*Category{}
	for _, x := range st.cat.categories {
		if slices.Contains(st.CategoryPath(x), id) {
			gone[x.ID] = x
		}
	}
	var f fired
	for _, gid := range st.removeCategory(id) {
		st.categoryEvents(&f, gone[gid], "deleted")
	}
	return f, nil
}

// BrandInput is the body of a brand write; nil fields are not given.
type BrandInput struct {
	Name            *string    `json:"name"`
	PageTitle       *string    `json:"page_title"`
	MetaKeywords    *[]string  `json:"meta_keywords"`
	MetaDescription *string    `json:"meta_description"`
	SearchKeywords  *string    `json:"search_keywords"`
	ImageURL        *string    `json:"image_url"`
	CustomURL       *CustomURL `json:"custom_url"`
}

func (b *Brand) set(in *BrandInput) {
	var c change
	setField(&c, "name", &b.Name, in.Name)
	setField(&c, "page_title", &b.PageTitle, in.PageTitle)
	if in.MetaKeywords != nil {
		b.MetaKeywords = slices.Clone(*in.MetaKeywords)
	}
	setField(&c, "meta_description", &b.MetaDescription, in.MetaDescription)
	setField(&c, "search_keywords", &b.SearchKeywords, in.SearchKeywords)
	setField(&c, "image_url", &b.ImageURL, in.ImageURL)
	if in.CustomURL != nil {
		setField(&c, "url", &b.URL, &in.CustomURL.URL)
		setField(&c, "is_customized", &b.URLCustomized, &in.CustomURL.IsCustomized)
	}
}

func (st *Store) checkBrandName(name *string, except int) error {
	if name == nil {
		return nil
	}
	if strings.TrimSpace(*name) == "" {
		return invalid("name: must not be empty")
	}
	for _, b := range st.cat.brands {
		if b.ID != except && strings.EqualFold(b.Name, *name) {
			return invalid("name: brand %d is called %q", b.ID, b.Name)
		}
	}
	return nil
}

// CreateBrand makes a brand (POST /v3/catalog/brands): name is required
// and unique. Brands fire no events.
func (st *Store) CreateBrand(in BrandInput) (*Brand, error) {
	if len(st.cat.brands) >= st.limits().Categories {
		return nil, errCatalogFull("brands", len(st.cat.brands))
	}
	if in.Name == nil {
		return nil, invalid("name: required")
	}
	if err := st.checkBrandName(in.Name, 0); err != nil {
		return nil, err
	}
	b := &Brand{ID: bump(&st.cat.next.brand), MetaKeywords: []string{}}
	b.set(&in)
	if b.URL == "" {
		b.URL = "/" + slug(b.Name) + "/"
	}
	st.cat.brands[b.ID] = b
	return b, nil
}

// UpdateBrand writes the given fields over brand id.
func (st *Store) UpdateBrand(id int, in BrandInput) (*Brand, error) {
	b := st.cat.brands[id]
	if b == nil {
		return nil, notFound("brand", id)
	}
	if err := st.checkBrandName(in.Name, id); err != nil {
		return nil, err
	}
	b.set(&in)
	return b, nil
}

// DeleteBrand forgets brand id; its products lose their brand.
func (st *Store) DeleteBrand(id int) error {
	if st.cat.brands[id] == nil {
		return notFound("brand", id)
	}
	delete(st.cat.brands, id)
	for _, p := range st.cat.products {
		if p.BrandID == id {
			p.BrandID = 0
		}
	}
	return nil
}

// Assignment is one row of the products' channel or category
// assignments: a product and a channel or category id.
type Assignment struct{ ProductID, OtherID int }

// AssignChannels puts products on channels, as PUT
// /v3/catalog/products/channel-assignments does: every product and channel
// must exist. Each new assignment fires
// store/channel/{channel}/product/assigned.
func (st *Store) AssignChannels(rows []Assignment) ([]Event, error) {
	for i, a := range rows {
		if st.cat.products[a.ProductID] == nil {
			return nil, invalid("[%d].product_id: product %d does not exist", i, a.ProductID)
		}
		if st.Channel(a.OtherID) == nil {
			return nil, invalid("[%d].channel_id: channel %d does not exist", i, a.OtherID)
		}
	}
	var f fired
	for _, a := range rows {
		if p := st.cat.products[a.ProductID]; !slices.Contains(p.Channels, a.OtherID) {
			p.Channels = append(p.Channels, a.OtherID)
			f.channelTwin(a.OtherID, "product/assigned", map[string]any{"product_id": p.ID})
		}
	}
	return f, nil
}

// UnassignChannels takes the products of products (all when empty) off
// the channels of channels (all when empty), as DELETE
// /v3/catalog/products/channel-assignments does; one of the two is
// required. Each assignment removed fires
// store/channel/{channel}/product/unassigned.
func (st *Store) UnassignChannels(products, channels []int) ([]Event, error) {
	if len(products) == 0 && len(channels) == 0 {
		return nil, invalid("product_id:in: a filter is required")
	}
	var f fired
	for _, p := range st.Products(ProductFilter{IDs: products}) {
		p.Channels = slices.DeleteFunc(p.Channels, func(c int) bool {
			gone := len(channels) == 0 || slices.Contains(channels, c)
			if gone {
				f.channelTwin(c, "product/unassigned", map[string]any{"product_id": p.ID})
			}
			return gone
		})
	}
	return f, nil
}

// AssignCategories files products under categories, as PUT
// /v3/catalog/products/category-assignments does: every product and
// category must exist. Each new filing fires
// store/channel/{channel}/category/product/assigned on the channels of the
// category's tree.
func (st *Store) AssignCategories(rows []Assignment) ([]Event, error) {
	for i, a := range rows {
		if st.cat.products[a.ProductID] == nil {
			return nil, invalid("[%d].product_id: product %d does not exist", i, a.ProductID)
		}
		if st.cat.categories[a.OtherID] == nil {
			return nil, invalid("[%d].category_id: category %d does not exist", i, a.OtherID)
		}
	}
	var f fired
	for _, a := range rows {
		if p := st.cat.products[a.ProductID]; !slices.Contains(p.Categories, a.OtherID) {
			p.Categories = append(p.Categories, a.OtherID)
			st.categoryProductEvents(&f, p, a.OtherID, "assigned")
		}
	}
	return f, nil
}

// UnassignCategories takes the products of products (all when empty) out
// of the categories of categories (all when empty), as DELETE
// /v3/catalog/products/category-assignments does; one of the two is
// required.
func (st *Store) UnassignCategories(products, categories []int) ([]Event, error) {
	if len(products) == 0 && len(categories) == 0 {
		return nil, invalid("product_id:in: a filter is required")
	}
	var f fired
	for _, p := range st.Products(ProductFilter{IDs: products}) {
		p.Categories = slices.DeleteFunc(p.Categories, func(c int) bool {
			gone := len(categories) == 0 || slices.Contains(categories, c)
			if gone {
				st.categoryProductEvents(&f, p, c, "unassigned")
			}
			return gone
		})
	}
	return f, nil
}

// categoryProductEvents adds category/product/{what} for p on each channel
// of category's tree.
func (st *Store) categoryProductEvents(f *fired, p *Product, category int, what string) {
	c := st.cat.categories[category]
	if c == nil {
		return
	}
	if t := st.cat.trees[c.TreeID]; t != nil {
		for _, ch := range t.Channels {
			f.channelTwin(ch, "category/product/"+what, map[string]any{"product_id": p.ID})
		}
	}
}
