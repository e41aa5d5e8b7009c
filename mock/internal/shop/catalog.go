package shop

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/brianvoe/gofakeit/v6"
)

// The catalog: products with their variants, options, modifiers, images,
// custom fields, bulk pricing rules and videos; categories in category
// trees; brands. Products and variants are found by id with
// Store.Product, Store.Variant and Store.VariantBySKUID (the v2 SKU id
// webhooks carry), for the families built on the catalog (inventory,
// price lists, metafields).

// Inventory tracking of a product (inventory_tracking).
const (
	TrackNone    = "none"
	TrackProduct = "product"
	TrackVariant = "variant"
)

// Product is one catalog product (GET /v3/catalog/products/{id}).
type Product struct {
	ID          int
	Name        string
	Type        string // physical or digital
	SKU         string
	Description string
	Weight      float64
	Width       float64
	Depth       float64
	Height      float64
	Price       Money
	CostPrice   Money
	RetailPrice Money
	SalePrice   Money
	MapPrice    Money
	TaxClassID  int
	Categories  []int
	BrandID     int
	// InventoryLevel and InventoryWarning are the default location's
	// figures; for a variant-tracked product the level is the sum of its
	// variants'.
	InventoryLevel   int
	InventoryWarning int
	Tracking         string // TrackNone, TrackProduct, TrackVariant
	FixedShipping    Money
	FreeShipping     bool
	Visible          bool
	Featured         bool
	Warranty         string
	BinPicking       string
	SearchKeywords   string
	PageTitle        string
	MetaDescription  string
	Availability     string // available, disabled, preorder
	AvailabilityText string
	Condition        string // New, Used, Refurbished
	ConditionShown   bool
	SortOrder        int
	UPC              string
	GTIN             string
	MPN              string
	URL              string
	URLCustomized    bool
	Channels         []int // channel assignments
	OrderMin         int   // order_quantity_minimum; 0: none
	OrderMax         int   // order_quantity_maximum; 0: none
	ProductTaxCode   string
	PriceHidden      bool
	PriceHiddenLabel string
	PreorderMessage  string
	PreorderOnly     bool
	RelatedProducts  []int // nil: BigCommerce's automatic related products ([-1])
	MetaKeywords     []string
	Created          time.Time
	Modified         time.Time

	// Variants: the base variant alone (BaseVariantID) for a product
	// without options, else one per combination of option values.
	Variants      []*Variant
	BaseVariantID int // 0 for a product with options
	Options       []*ProductOption
	Modifiers     []*Modifier
	Images        []*Image
	CustomFields  []*CustomField
	BulkRules     []*BulkRule
	Videos        []*Video
}

// Variant is one variant of a product (productVariant_Full).
type Variant struct {
	ID        int
	ProductID int
	// SKUID is the v2 SKU id store/sku/* events carry as data.id; 0 (null)
	// for a base variant, which gets no SKU events.
	SKUID            int
	SKU              string
	Price            *Money // nil: the product's
	SalePrice        *Money
	Weight           *float64
	InventoryLevel   int
	InventoryWarning int
	Purchasable      bool
	UPC              string
	ImageURL         string
	OptionValues     []VariantOption
}

// VariantOption is one option value of a variant (option_values[]).
type VariantOption struct {
	ID          int    // the option value's id
	OptionID    int    // the option's id
	Label       string // the value's label
	DisplayName string // the option's display name
}

// ProductOption is a variant option of a product, with its values.
type ProductOption struct {
	ID          int
	ProductID   int
	DisplayName string
	Type        string // dropdown, radio_buttons, rectangles, swatch, product_list
	SortOrder   int
	Values      []OptionValue
}

// OptionValue is one value of an option.
type OptionValue struct {
	ID        int
	Label     string
	SortOrder int
	Default   bool
}

// Modifier is a modifier option of a product (a text field, a checkbox...).
type Modifier struct {
	ID          int
	ProductID   int
	DisplayName string
	Type        string
	Required    bool
	SortOrder   int
}

// Image is a product image.
type Image struct {
	ID          int
	ProductID   int
	URL         string // the standard-size URL; the others derive from it
	Description string
	Thumbnail   bool
	SortOrder   int
	Modified    time.Time
}

// CustomField is a name/value pair shown on the product page.
type CustomField struct {
	ID          int
	Name, Value string
}

// BulkRule is a bulk pricing rule.
type BulkRule struct {
	ID          int
	QuantityMin int
	QuantityMax int    // 0: no maximum
	Type        string // price, percent, fixed
	Amount      Money
}

// Video is a product video (YouTube).
type Video struct {
	ID          int
	ProductID   int
	VideoID     string
	Title       string
	Description string
	SortOrder   int
	Length      string
}

// Category is a category of a category tree.
type Category struct {
	ID          int
	UUID        string
	TreeID      int
	ParentID    int // 0: top level
	Name        string
	Description string
	Views       int
	SortOrder   int
	PageTitle   string
	Keywords    string
	MetaDesc    string
	Visible     bool
	ProductSort string
	ImageURL    string
	URL         string
	Customized  bool
}

// CategoryTree is a tree of categories, shown on its channels.
type CategoryTree struct {
	ID       int
	Name     string
	Channels []int
}

// Brand is a catalog brand.
type Brand struct {
	ID              int
	Name            string
	PageTitle       string
	MetaKeywords    []string
	MetaDescription string
	SearchKeywords  string
	ImageURL        string
	URL             string
	URLCustomized   bool
}

// DefaultTree is every store's first category tree, on the default
// channel: the one the deprecated categories API reads.
const DefaultTree = 1

// catalog is a store's catalog and its id counters.
type catalog struct {
	products   map[int]*Product
	order      []int // product ids by creation, for deterministic picks
	variants   map[int]*Variant
	skus       map[int]*Variant
	bySKU      map[string]int // variant id by SKU, for the uniqueness rule
	byName     map[string]int // product id by nameKey, for the uniqueness rule
	suffix     map[string]int // the next suffix freeName tries, by nameKey of a pool name
	categories map[int]*Category
	trees      map[int]*CategoryTree
	brands     map[int]*Brand
	next       catalogCounters
}

type catalogCounters struct {
	product, variant, sku, option, value, modifier, image, field, rule, video, category, tree, brand int
}

func newCatalog() catalog {
	return catalog{
		products: map[int]*Product{}, variants: map[int]*Variant{}, skus: map[int]*Variant{}, bySKU: map[string]int{}, byName: map[string]int{}, suffix: map[string]int{},
		categories: map[int]*Category{}, brands: map[int]*Brand{},
		trees: map[int]*CategoryTree{DefaultTree: {ID: DefaultTree, Name: "Default", Channels: []int{defaultChannel}}},
		next:  catalogCounters{product: 1, variant: 1, sku: 1, option: 1, value: 1, modifier: 1, image: 1, field: 1, rule: 1, video: 1, category: 1, tree: 2, brand: 1},
	}
}

// Product returns product id, or nil.
func (st *Store) Product(id int) *Product { return st.cat.products[id] }

// Variant returns variant id, or nil.
func (st *Store) Variant(id int) *Variant { return st.cat.variants[id] }

// VariantBySKUID returns the variant whose v2 SKU id is id, or nil.
func (st *Store) VariantBySKUID(id int) *Variant { return st.cat.skus[id] }

// Category returns category id, or nil.
func (st *Store) Category(id int) *Category { return st.cat.categories[id] }

// CategoryTree returns tree id, or nil.
func (st *Store) CategoryTree(id int) *CategoryTree { return st.cat.trees[id] }

// CategoryTrees returns every category tree, by id.
func (st *Store) CategoryTrees() []*CategoryTree {
	out := make([]*CategoryTree, 0, len(st.cat.trees))
	for _, t := range st.cat.trees {
		out = append(out, t)
	}
	slices.SortFunc(out, func(a, b *CategoryTree) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Brand returns brand id, or nil.
func (st *Store) Brand(id int) *Brand { return st.cat.brands[id] }

// ProductCount is how many products the store holds.
func (st *Store) ProductCount() int { return len(st.cat.products) }

// ProductFilter selects products, as GET /v3/catalog/products's query
// does (products_catalog.v3.yml's filters). Zero fields select everything.
type ProductFilter struct {
	IDs          []int // id and id:in
	NotIDs       []int // id:not_in
	ID           IntRange
	SKU          string
	SKUs         []string // sku:in
	Name         string
	Visible      *bool
	Featured     *bool
	FreeShipping *bool
	Type         string
	Availability string
	Condition    string // any case: the query spells it new, the product New
	UPC, MPN     string
	Price        *float64
	Weight       *float64
	BrandID      *int
	// InCategories selects the products filed under every one of its
	// categories (categories:in, as the file describes it); Category the
	// products whose only category it is (categories=).
	InCategories []int
	Category     *int
	// Keyword is found, in any case, in the name, description, SKU or
	// brand name.
	Keyword      string
	ModifiedMin  time.Time
	ModifiedMax  time.Time
	Inventory    IntRange
	InventoryLow bool // level at or under the warning level, inventory tracked
	OutOfStock   bool // level 0, inventory tracked
	// Sort is one of ProductSortFields (id by default).
	Sort       string
	Descending bool
}

// ProductSortFields are the fields GET /v3/catalog/products sorts by
// (date_last_imported and total_sold are accepted; the model keeps
// neither, so they keep id order).
var ProductSortFields = []string{"id", "name", "sku", "price", "date_modified", "date_last_imported", "inventory_level", "is_visible", "total_sold"}

// IntRange is an integer filter with v3's operators: field:in (and the
// bare field), :not_in, :min, :max, :greater, :less.
type IntRange struct {
	In, NotIn               []int
	Min, Max, Greater, Less *int
}

// Match reports whether n passes every operator given.
func (r IntRange) Match(n int) bool {
	return (len(r.In) == 0 || slices.Contains(r.In, n)) && !slices.Contains(r.NotIn, n) &&
		(r.Min == nil || n >= *r.Min) && (r.Max == nil || n <= *r.Max) &&
		(r.Greater == nil || n > *r.Greater) && (r.Less == nil || n < *r.Less)
}

// Products returns the products f selects, sorted by f's field.
func (st *Store) Products(f ProductFilter) []*Product {
	out := make([]*Product, 0, len(st.cat.products))
	for _, p := range st.cat.products {
		if f.match(st, p) {
			out = append(out, p)
		}
	}
	sortListed(out, func(a, b *Product) int { return compareProducts(a, b, f.Sort) }, func(p *Product) int { return p.ID }, f.Descending)
	return out
}

func compareProducts(a, b *Product, field string) int {
	switch field {
	case "name":
		return strings.Compare(a.Name, b.Name)
	case "sku":
		return strings.Compare(a.SKU, b.SKU)
	case "price":
		return cmp.Compare(a.Price, b.Price)
	case "date_modified":
		return a.Modified.Compare(b.Modified)
	case "inventory_level":
		return cmp.Compare(a.InventoryLevel, b.InventoryLevel)
	case "is_visible":
		return cmp.Compare(boolInt(a.Visible), boolInt(b.Visible))
	}
	return 0
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func (f ProductFilter) match(st *Store, p *Product) bool {
	tracked := p.Tracking != TrackNone
	switch {
	case len(f.IDs) > 0 && !slices.Contains(f.IDs, p.ID), slices.Contains(f.NotIDs, p.ID), !f.ID.Match(p.ID):
		return false
	case f.SKU != "" && p.SKU != f.SKU, len(f.SKUs) > 0 && !slices.Contains(f.SKUs, p.SKU):
		return false
	case f.Name != "" && p.Name != f.Name, f.Type != "" && p.Type != f.Type:
		return false
	case f.Visible != nil && p.Visible != *f.Visible, f.Featured != nil && p.Featured != *f.Featured,
		f.FreeShipping != nil && p.FreeShipping != *f.FreeShipping:
		return false
	case f.Availability != "" && p.Availability != f.Availability, f.Condition != "" && !strings.EqualFold(p.Condition, f.Condition):
		return false
	case f.UPC != "" && p.UPC != f.UPC, f.MPN != "" && p.MPN != f.MPN:
		return false
	case f.Price != nil && p.Price.Float() != *f.Price, f.Weight != nil && p.Weight != *f.Weight:
		return false
	case f.BrandID != nil && p.BrandID != *f.BrandID:
		return false
	case slices.ContainsFunc(f.InCategories, func(c int) bool { return !slices.Contains(p.Categories, c) }),
		f.Category != nil && !slices.Equal(p.Categories, []int{*f.Category}):
		return false
	case !f.ModifiedMin.IsZero() && p.Modified.Before(f.ModifiedMin), !f.ModifiedMax.IsZero() && p.Modified.After(f.ModifiedMax):
		return false
	case !f.Inventory.Match(p.InventoryLevel):
		return false
	case f.InventoryLow && !(tracked && p.InventoryLevel <= p.InventoryWarning), f.OutOfStock && !(tracked && p.InventoryLevel <= 0):
		return false
	}
	return f.Keyword == "" || st.keywordMatch(p, strings.ToLower(f.Keyword))
}

func (st *Store) keywordMatch(p *Product, kw string) bool {
	for _, s := range []string{p.Name, p.Description, p.SKU} {
		if strings.Contains(strings.ToLower(s), kw) {
			return true
		}
	}
	b := st.Brand(p.BrandID)
	return b != nil && strings.Contains(strings.ToLower(b.Name), kw)
}

// VariantFilter selects variants, as GET /v3/catalog/variants's query does.
type VariantFilter struct {
	IDs        []int
	SKU        string
	UPC        string
	ProductIDs []int
}

// Variants returns the variants f selects, by id.
func (st *Store) Variants(f VariantFilter) []*Variant {
	out := make([]*Variant, 0, len(st.cat.variants))
	for _, v := range st.cat.variants {
		if (len(f.IDs) == 0 || slices.Contains(f.IDs, v.ID)) && (f.SKU == "" || v.SKU == f.SKU) && (f.UPC == "" || v.UPC == f.UPC) &&
			(len(f.ProductIDs) == 0 || slices.Contains(f.ProductIDs, v.ProductID)) {
			out = append(out, v)
		}
	}
	slices.SortFunc(out, func(a, b *Variant) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Categories returns the categories of ids (all when ids is empty) in
// trees (all when empty), by id.
func (st *Store) Categories(ids, trees []int) []*Category {
	out := make([]*Category, 0, len(st.cat.categories))
	for _, c := range st.cat.categories {
		if (len(ids) == 0 || slices.Contains(ids, c.ID)) && (len(trees) == 0 || slices.Contains(trees, c.TreeID)) {
			out = append(out, c)
		}
	}
	slices.SortFunc(out, func(a, b *Category) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Brands returns every brand, by id.
func (st *Store) Brands() []*Brand {
	out := make([]*Brand, 0, len(st.cat.brands))
	for _, b := range st.cat.brands {
		out = append(out, b)
	}
	slices.SortFunc(out, func(a, b *Brand) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// Variant returns the product's variant id, or nil.
func (p *Product) Variant(id int) *Variant {
	return find(p.Variants, id, func(v *Variant) int { return v.ID })
}

// CalculatedPrice is the sale price when one is set, else the price.
func (p *Product) CalculatedPrice() Money {
	if p.SalePrice > 0 {
		return p.SalePrice
	}
	return p.Price
}

// VariantPrice is what variant v sells for: its own price, else the
// product's.
func (p *Product) VariantPrice(v *Variant) Money {
	if v.SalePrice != nil && *v.SalePrice > 0 {
		return *v.SalePrice
	}
	if v.Price != nil {
		return *v.Price
	}
	return p.CalculatedPrice()
}

// VariantWeight is variant v's weight, else the product's.
func (p *Product) VariantWeight(v *Variant) float64 {
	if v.Weight != nil {
		return *v.Weight
	}
	return p.Weight
}

// sumLevels keeps a variant-tracked product's level the sum of its
// variants' levels, as the catalog reports it.
func (p *Product) sumLevels() {
	if p.Tracking != TrackVariant {
		return
	}
	n := 0
	for _, v := range p.Variants {
		n += v.InventoryLevel
	}
	p.InventoryLevel = n
}

// Children of a category (its direct subcategories), by sort order then id.
func (st *Store) Children(c *Category) []*Category {
	var out []*Category
	for _, x := range st.cat.categories {
		if x.ParentID == c.ID && x.TreeID == c.TreeID {
			out = append(out, x)
		}
	}
	sortCategories(out)
	return out
}

// TreeRoots are a tree's top-level categories.
func (st *Store) TreeRoots(tree int) []*Category {
	var out []*Category
	for _, x := range st.cat.categories {
		if x.ParentID == 0 && x.TreeID == tree {
			out = append(out, x)
		}
	}
	sortCategories(out)
	return out
}

func sortCategories(cs []*Category) {
	slices.SortFunc(cs, func(a, b *Category) int {
		if c := cmp.Compare(a.SortOrder, b.SortOrder); c != 0 {
			return c
		}
		return cmp.Compare(a.ID, b.ID)
	})
}

// CategoryPath is the ids from the top of c's tree down to c.
func (st *Store) CategoryPath(c *Category) []int {
	path := []int{c.ID}
	for p := st.cat.categories[c.ParentID]; p != nil && len(path) < 64; p = st.cat.categories[p.ParentID] {
		path = append([]int{p.ID}, path...)
	}
	return path
}

// catalogPool holds the strings invented catalogs share: product names,
// descriptions, warranty texts, image and video ids, so that a store of a
// thousand products of five variants each costs pointers, not copies.
type catalogPool struct {
	names        []string
	descriptions []string
	words        []string
	colors       []string
	sizes        []string
	categories   []string
	brands       []string
}

const poolCatalog = 128

func newCatalogPool(f *gofakeit.Faker) catalogPool {
	var p catalogPool
	for range poolCatalog {
		p.names = append(p.names, strings.TrimSpace(f.ProductName()))
		p.descriptions = append(p.descriptions, "<p>"+f.ProductDescription()+"</p>")
		p.words = append(p.words, strings.ToLower(f.Noun()))
	}
	p.colors = []string{"Red", "Blue", "Green", "Black", "White", "Grey"}
	p.sizes = []string{"XS", "S", "M", "L", "XL", "XXL"}
	p.categories = []string{"Shop All", "Kitchen", "Garden", "Bath", "Utility", "Publications", "Outdoor", "Lighting"}
	for range 16 {
		p.brands = append(p.brands, f.Company())
	}
	return p
}

// slug makes a URL path segment of name.
func slug(name string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}

// productURL is an invented product's custom URL.
func productURL(name string, id int) string { return fmt.Sprintf("/%s-%d/", slug(name), id) }
