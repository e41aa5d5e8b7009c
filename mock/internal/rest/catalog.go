package rest

import (
	"encoding/json"
	"fmt"
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

// The catalog (openapi/catalog-v3.yaml): products and their variants,
// rendered from the store model in BigCommerce's v3 shapes (money as
// numbers, dates RFC 3339, sub-resources only with include=).

type object = map[string]any

func (r *REST) addCatalogV3(h map[string]gateway.Handler) {
	h["getProducts"] = r.getProducts
	h["createProduct"] = r.createProduct
	h["updateProducts"] = r.updateProducts
	h["deleteProducts"] = r.deleteProducts
	h["getProduct"] = r.getCatalogProduct
	h["updateProduct"] = r.updateProduct
	h["deleteProduct"] = r.deleteProduct
	h["getProductVariants"] = r.getProductVariants
	h["createProductVariant"] = r.createProductVariant
	h["getProductVariant"] = r.getProductVariant
	h["updateProductVariant"] = r.updateProductVariant
	h["deleteProductVariant"] = r.deleteProductVariant
	h["getVariants"] = r.getVariants
	h["updateVariantsBatch"] = r.updateVariantsBatch
	h["getProductChannelAssignments"] = r.getChannelAssignments
	h["getProductCategoryAssignments"] = r.getCategoryAssignments
	h["createProductChannelAssignments"] = r.assignWrite("channel_id", (*shop.Store).AssignChannels)
	h["deleteProductChannelAssignments"] = r.assignDelete("channel_id:in", (*shop.Store).UnassignChannels)
	h["createProductCategoryAssignments"] = r.assignWrite("category_id", (*shop.Store).AssignCategories)
	h["deleteProductCategoryAssignments"] = r.assignDelete("category_id:in", (*shop.Store).UnassignCategories)
	r.addCategoriesV3(h)
	r.addProductSubresources(h)
}

// single answers one object in v3's envelope.
func single(w http.ResponseWriter, in *gateway.Request, data any) {
	in.JSON(w, http.StatusOK, object{"data": data, "meta": object{}})
}

// catalogPage renders the request's page of items in v3's list envelope; an
// empty list is data: [].
func catalogPage[T any](req *http.Request, items []T, render func(T) any) object {
	q := req.URL.Query()
	p := bigcommerce.PageOf(q)
	start := min(p.Offset(), len(items))
	end := min(start+p.Limit, len(items))
	data := make([]any, 0, end-start)
	for _, it := range items[start:end] {
		data = append(data, render(it))
	}
	return object{"data": data, "meta": object{"pagination": bigcommerce.Paginate(q, len(items), len(data), p)}}
}

// readPage answers a page of what list returns from the store (rendered
// under the store's lock; nothing for a store the model does not hold).
func readPage[T any](r *REST, w http.ResponseWriter, req *http.Request, in *gateway.Request, list func(st *shop.Store) []T, render func(st *shop.Store, it T) any) {
	var body object
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		var items []T
		if st != nil {
			items = list(st)
		}
		body = catalogPage(req, items, func(it T) any { return render(st, it) })
	})
	in.JSON(w, http.StatusOK, body)
}

// writeBody decodes the request body into an In, runs do on the store's
// model under its lock and raises what it fired, then answers what render
// makes of its result in the single-object envelope.
func writeBody[In, Out any](r *REST, w http.ResponseWriter, req *http.Request, in *gateway.Request,
	do func(st *shop.Store, input In) (Out, []shop.Event, error), render func(st *shop.Store, out Out) any) {
	var input In
	if err := decode(in, &input); err != nil {
		in.Error(w, badBody(err))
		return
	}
	var body any
	if r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) {
		out, events, err := do(st, input)
		if err == nil {
			body = render(st, out)
		}
		return events, err
	}) {
		single(w, in, body)
	}
}

// remove runs a delete and answers 204.
func (r *REST) remove(w http.ResponseWriter, req *http.Request, in *gateway.Request, do func(st *shop.Store) ([]shop.Event, error)) {
	if r.write(w, req, in, do) {
		w.WriteHeader(http.StatusNoContent)
	}
}

// readOne answers what find renders of the store, or a 404 naming what
// and id when it finds nothing.
func (r *REST) readOne(w http.ResponseWriter, in *gateway.Request, what string, id int, find func(st *shop.Store) any) {
	var body any
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st != nil {
			body = find(st)
		}
	})
	if body == nil {
		in.Error(w, notFoundError(what, id))
		return
	}
	single(w, in, body)
}

func notFoundError(what string, id any) gateway.Error {
	return gateway.Error{Status: http.StatusNotFound, Title: fmt.Sprintf("The %s was not found.", what), Detail: fmt.Sprintf("%s %v", what, id)}
}

// ints reads a comma-separated list of integers (an :in filter); the
// documents have checked each is one.
func ints(q url.Values, key string) []int {
	var out []int
	for _, v := range q[key] {
		for _, s := range strings.Split(v, ",") {
			if n, err := strconv.Atoi(strings.TrimSpace(s)); err == nil {
				out = append(out, n)
			}
		}
	}
	return out
}

// fields picks the top-level fields include_fields and exclude_fields
// ask for; id (and the keys of keep) always stay.
type fields struct{ include, exclude []string }

func fieldsOf(q url.Values) fields {
	return fields{include: queryList(q, "include_fields"), exclude: queryList(q, "exclude_fields")}
}

func (f fields) apply(doc any, keep ...string) any {
	if len(f.include) == 0 && len(f.exclude) == 0 {
		return doc
	}
	var o object
	if raw, err := json.Marshal(doc); err != nil || json.Unmarshal(raw, &o) != nil {
		return doc // a document of ours always encodes; keep it whole if not
	}
	for k := range o {
		if k == "id" || slices.Contains(keep, k) {
			continue
		}
		if len(f.include) > 0 && !slices.Contains(f.include, k) || slices.Contains(f.exclude, k) {
			delete(o, k)
		}
	}
	return o
}

// decode turns a validated body into a write's input.
func decode(in *gateway.Request, v any) error {
	raw, err := json.Marshal(in.Body)
	if err != nil {
		return err
	}
	return json.Unmarshal(raw, v)
}

func badBody(err error) gateway.Error {
	return gateway.Error{Status: http.StatusUnprocessableEntity, Title: "The request body is invalid.", Detail: err.Error(), Fields: map[string]string{"body": err.Error()}}
}

func date(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// productDoc is product_Full as bcmock sends it. A struct, not a map, so
// that encoding a product is not mostly sorting keys; the sub-resources
// are pointers, present only when include= names them.
type productDoc struct {
	ID                      int           `json:"id"`
	Name                    string        `json:"name"`
	Type                    string        `json:"type"`
	SKU                     string        `json:"sku"`
	Description             string        `json:"description"`
	Weight                  float64       `json:"weight"`
	Width                   float64       `json:"width"`
	Depth                   float64       `json:"depth"`
	Height                  float64       `json:"height"`
	Price                   float64       `json:"price"`
	CostPrice               float64       `json:"cost_price"`
	RetailPrice             float64       `json:"retail_price"`
	SalePrice               float64       `json:"sale_price"`
	MapPrice                float64       `json:"map_price"`
	CalculatedPrice         float64       `json:"calculated_price"`
	TaxClassID              int           `json:"tax_class_id"`
	ProductTaxCode          string        `json:"product_tax_code"`
	Categories              []int         `json:"categories"`
	BrandID                 int           `json:"brand_id"`
	InventoryLevel          int           `json:"inventory_level"`
	InventoryWarningLevel   int           `json:"inventory_warning_level"`
	InventoryTracking       string        `json:"inventory_tracking"`
	FixedCostShippingPrice  float64       `json:"fixed_cost_shipping_price"`
	IsFreeShipping          bool          `json:"is_free_shipping"`
	IsVisible               bool          `json:"is_visible"`
	IsFeatured              bool          `json:"is_featured"`
	RelatedProducts         []int         `json:"related_products"`
	Warranty                string        `json:"warranty"`
	BinPickingNumber        string        `json:"bin_picking_number"`
	LayoutFile              string        `json:"layout_file"`
	UPC                     string        `json:"upc"`
	MPN                     string        `json:"mpn"`
	GTIN                    string        `json:"gtin"`
	SearchKeywords          string        `json:"search_keywords"`
	Availability            string        `json:"availability"`
	AvailabilityDescription string        `json:"availability_description"`
	GiftWrappingType        string        `json:"gift_wrapping_options_type"`
	GiftWrappingList        []int         `json:"gift_wrapping_options_list"`
	SortOrder               int           `json:"sort_order"`
	Condition               string        `json:"condition"`
	IsConditionShown        bool          `json:"is_condition_shown"`
	OrderQuantityMinimum    int           `json:"order_quantity_minimum"`
	OrderQuantityMaximum    int           `json:"order_quantity_maximum"`
	PageTitle               string        `json:"page_title"`
	MetaKeywords            []string      `json:"meta_keywords"`
	MetaDescription         string        `json:"meta_description"`
	ViewCount               int           `json:"view_count"`
	PreorderReleaseDate     *string       `json:"preorder_release_date"`
	PreorderMessage         string        `json:"preorder_message"`
	IsPreorderOnly          bool          `json:"is_preorder_only"`
	IsPriceHidden           bool          `json:"is_price_hidden"`
	PriceHiddenLabel        string        `json:"price_hidden_label"`
	CustomURL               customURL     `json:"custom_url"`
	OpenGraphType           string        `json:"open_graph_type"`
	OpenGraphTitle          string        `json:"open_graph_title"`
	OpenGraphDescription    string        `json:"open_graph_description"`
	OpenGraphUseMeta        bool          `json:"open_graph_use_meta_description"`
	OpenGraphUseName        bool          `json:"open_graph_use_product_name"`
	OpenGraphUseImage       bool          `json:"open_graph_use_image"`
	ReviewsRatingSum        int           `json:"reviews_rating_sum"`
	ReviewsCount            int           `json:"reviews_count"`
	TotalSold               int           `json:"total_sold"`
	DateCreated             string        `json:"date_created"`
	DateModified            string        `json:"date_modified"`
	DateLastImported        string        `json:"date_last_imported"`
	BaseVariantID           *int          `json:"base_variant_id,omitempty"`
	OptionSetID             *int          `json:"option_set_id,omitempty"`
	OptionSetDisplay        string        `json:"option_set_display"`
	Channels                []int         `json:"channels"`
	Variants                *[]variantDoc `json:"variants,omitempty"`
	Images                  *[]imageDoc   `json:"images,omitempty"`
	PrimaryImage            *imageDoc     `json:"primary_image,omitempty"`
	CustomFields            *[]any        `json:"custom_fields,omitempty"`
	BulkPricingRules        *[]any        `json:"bulk_pricing_rules,omitempty"`
	Videos                  *[]any        `json:"videos,omitempty"`
	Options                 *[]any        `json:"options,omitempty"`
	Modifiers               *[]any        `json:"modifiers,omitempty"`
}

type customURL struct {
	URL          string `json:"url"`
	IsCustomized bool   `json:"is_customized"`
}

// productJSON renders p with the sub-resources include names.
func productJSON(hash string, p *shop.Product, include []string) *productDoc {
	o := &productDoc{
		ID: p.ID, Name: p.Name, Type: p.Type, SKU: p.SKU, Description: p.Description,
		Weight: p.Weight, Width: p.Width, Depth: p.Depth, Height: p.Height,
		Price: p.Price.Float(), CostPrice: p.CostPrice.Float(), RetailPrice: p.RetailPrice.Float(),
		SalePrice: p.SalePrice.Float(), MapPrice: p.MapPrice.Float(), CalculatedPrice: p.CalculatedPrice().Float(),
		TaxClassID: p.TaxClassID, Categories: cloned(p.Categories), BrandID: p.BrandID,
		InventoryLevel: p.InventoryLevel, InventoryWarningLevel: p.InventoryWarning, InventoryTracking: p.Tracking,
		FixedCostShippingPrice: p.FixedShipping.Float(), IsFreeShipping: p.FreeShipping,
		IsVisible: p.Visible, IsFeatured: p.Featured, RelatedProducts: relatedProducts(p.RelatedProducts),
		Warranty: p.Warranty, BinPickingNumber: p.BinPicking, LayoutFile: "product.html",
		UPC: p.UPC, MPN: p.MPN, GTIN: p.GTIN, SearchKeywords: p.SearchKeywords,
		Availability: p.Availability, AvailabilityDescription: p.AvailabilityText,
		GiftWrappingType: "any", GiftWrappingList: []int{}, SortOrder: p.SortOrder,
		Condition: p.Condition, IsConditionShown: p.ConditionShown, PageTitle: p.PageTitle,
		MetaKeywords: cloned(p.MetaKeywords), MetaDescription: p.MetaDescription,
		OrderQuantityMinimum: p.OrderMin, OrderQuantityMaximum: p.OrderMax, ProductTaxCode: p.ProductTaxCode,
		IsPriceHidden: p.PriceHidden, PriceHiddenLabel: p.PriceHiddenLabel,
		PreorderMessage: p.PreorderMessage, IsPreorderOnly: p.PreorderOnly,
		CustomURL:     customURL{URL: p.URL, IsCustomized: p.URLCustomized},
		OpenGraphType: "product", OpenGraphUseMeta: true, OpenGraphUseName: true, OpenGraphUseImage: true,
		DateCreated: date(p.Created), DateModified: date(p.Modified),
		OptionSetDisplay: "right", Channels: cloned(p.Channels),
	}
	if id := p.BaseVariantID; id != 0 {
		o.BaseVariantID = &id
	}
	for _, inc := range include {
		switch inc {
		case "variants":
			vs := make([]variantDoc, 0, len(p.Variants))
			for _, v := range p.Variants {
				vs = append(vs, variantJSON(p, v))
			}
			o.Variants = &vs
		case "images":
			is := make([]imageDoc, 0, len(p.Images))
			for _, im := range p.Images {
				is = append(is, imageJSON(hash, im))
			}
			o.Images = &is
		case "primary_image":
			for _, im := range p.Images {
				if im.Thumbnail {
					doc := imageJSON(hash, im)
					o.PrimaryImage = &doc
				}
			}
		case "custom_fields":
			o.CustomFields = render(p.CustomFields, customFieldJSON)
		case "bulk_pricing_rules":
			o.BulkPricingRules = render(p.BulkRules, bulkRuleJSON)
		case "videos":
			o.Videos = render(p.Videos, videoJSON)
		case "options":
			o.Options = render(p.Options, optionJSON)
		case "modifiers":
			o.Modifiers = render(p.Modifiers, modifierJSON)
		}
	}
	return o
}

// relatedProducts is related_products: [-1] (BigCommerce's "pick them
// automatically") until a client sets a list.
func relatedProducts(ids []int) []int {
	if ids == nil {
		return []int{-1}
	}
	return cloned(ids)
}

// render is each of items rendered, for a sub-resource include= names.
func render[T any](items []T, one func(T) any) *[]any {
	out := make([]any, 0, len(items))
	for _, it := range items {
		out = append(out, one(it))
	}
	return &out
}

func customFieldJSON(c *shop.CustomField) any {
	return object{"id": c.ID, "name": c.Name, "value": c.Value}
}

func bulkRuleJSON(b *shop.BulkRule) any {
	return object{"id": b.ID, "quantity_min": b.QuantityMin, "quantity_max": b.QuantityMax, "type": b.Type, "amount": b.Amount.Float()}
}

func videoJSON(v *shop.Video) any {
	return object{"id": v.ID, "product_id": v.ProductID, "video_id": v.VideoID, "title": v.Title,
		"description": v.Description, "sort_order": v.SortOrder, "type": "youtube", "length": v.Length}
}

func modifierJSON(m *shop.Modifier) any {
	return object{"id": m.ID, "product_id": m.ProductID, "name": fmt.Sprintf("%s%d", m.DisplayName, m.ID),
		"display_name": m.DisplayName, "type": m.Type, "required": m.Required, "sort_order": m.SortOrder,
		"config": object{}, "option_values": []any{}}
}

func optionJSON(op *shop.ProductOption) any {
	vals := make([]any, 0, len(op.Values))
	for _, v := range op.Values {
		vals = append(vals, object{"id": v.ID, "label": v.Label, "sort_order": v.SortOrder, "is_default": v.Default, "value_data": nil})
	}
	return object{"id": op.ID, "product_id": op.ProductID, "name": fmt.Sprintf("%s%d", op.DisplayName, op.ID),
		"display_name": op.DisplayName, "type": op.Type, "sort_order": op.SortOrder, "option_values": vals}
}

type imageDoc struct {
	ID           int    `json:"id"`
	ProductID    int    `json:"product_id"`
	IsThumbnail  bool   `json:"is_thumbnail"`
	SortOrder    int    `json:"sort_order"`
	Description  string `json:"description"`
	ImageFile    string `json:"image_file"`
	URLZoom      string `json:"url_zoom"`
	URLStandard  string `json:"url_standard"`
	URLThumbnail string `json:"url_thumbnail"`
	URLTiny      string `json:"url_tiny"`
	DateModified string `json:"date_modified"`
}

// imageJSON renders an image; an invented one lives on the store's CDN
// path, one a client posted keeps its URL.
func imageJSON(hash string, im *shop.Image) imageDoc {
	url, file := im.URL, im.URL
	if !strings.Contains(url, "://") {
		file = fmt.Sprintf("%s__%d.jpg", im.URL, im.ID)
		url = fmt.Sprintf("https://cdn11.bigcommerce.com/s-%s/products/%d/images/%d/%s", hash, im.ProductID, im.ID, file)
	}
	return imageDoc{ID: im.ID, ProductID: im.ProductID, IsThumbnail: im.Thumbnail, SortOrder: im.SortOrder,
		Description: im.Description, ImageFile: file, URLZoom: url, URLStandard: url, URLThumbnail: url,
		URLTiny: url, DateModified: date(im.Modified)}
}

// variantOption is one option value of a variant.
type variantOption struct {
	ID                int    `json:"id"`
	Label             string `json:"label"`
	OptionID          int    `json:"option_id"`
	OptionDisplayName string `json:"option_display_name"`
}

// variantDoc is productVariant_Full. sku_id is absent for the base
// variant, and price, sale_price, weight (and the fields the model does not
// keep for a variant) are absent where the variant takes the product's:
// BigCommerce's files type them as plain numbers (GET /catalog/variants
// marks them only x-nullable, which OpenAPI 3 ignores), so a null fails
// them (reference §0.9: omit rather than send null).
type variantDoc struct {
	ID                        int             `json:"id"`
	ProductID                 int             `json:"product_id"`
	SKU                       string          `json:"sku"`
	SKUID                     *int            `json:"sku_id,omitempty"`
	Price                     *float64        `json:"price,omitempty"`
	CalculatedPrice           float64         `json:"calculated_price"`
	SalePrice                 *float64        `json:"sale_price,omitempty"`
	RetailPrice               *float64        `json:"retail_price,omitempty"`
	MapPrice                  float64         `json:"map_price"`
	CostPrice                 *float64        `json:"cost_price,omitempty"`
	Weight                    *float64        `json:"weight,omitempty"`
	CalculatedWeight          float64         `json:"calculated_weight"`
	Width                     *float64        `json:"width,omitempty"`
	Height                    *float64        `json:"height,omitempty"`
	Depth                     *float64        `json:"depth,omitempty"`
	IsFreeShipping            bool            `json:"is_free_shipping"`
	FixedCostShippingPrice    *float64        `json:"fixed_cost_shipping_price,omitempty"`
	PurchasingDisabled        bool            `json:"purchasing_disabled"`
	PurchasingDisabledMessage string          `json:"purchasing_disabled_message"`
	ImageURL                  string          `json:"image_url"`
	UPC                       string          `json:"upc"`
	MPN                       string          `json:"mpn"`
	GTIN                      string          `json:"gtin"`
	InventoryLevel            int             `json:"inventory_level"`
	InventoryWarningLevel     int             `json:"inventory_warning_level"`
	BinPickingNumber          string          `json:"bin_picking_number"`
	OptionValues              []variantOption `json:"option_values"`
}

func variantJSON(p *shop.Product, v *shop.Variant) variantDoc {
	values := make([]variantOption, 0, len(v.OptionValues))
	for _, ov := range v.OptionValues {
		values = append(values, variantOption{ID: ov.ID, Label: ov.Label, OptionID: ov.OptionID, OptionDisplayName: ov.DisplayName})
	}
	d := variantDoc{
		ID: v.ID, ProductID: v.ProductID, SKU: v.SKU, Price: optionalMoney(v.Price), CalculatedPrice: p.VariantPrice(v).Float(),
		SalePrice: optionalMoney(v.SalePrice), CalculatedWeight: p.VariantWeight(v),
		PurchasingDisabled: !v.Purchasable, ImageURL: v.ImageURL, UPC: v.UPC,
		InventoryLevel: v.InventoryLevel, InventoryWarningLevel: v.InventoryWarning, OptionValues: values,
	}
	if v.Weight != nil {
		w := *v.Weight
		d.Weight = &w
	}
	if id := v.SKUID; id != 0 {
		d.SKUID = &id
	}
	return d
}

func optionalMoney(m *shop.Money) *float64 {
	if m == nil {
		return nil
	}
	f := m.Float()
	return &f
}

// cloned copies a slice of the model for a response encoded after the
// store's lock is released; nil becomes [].
func cloned[T any](s []T) []T { return append(make([]T, 0, len(s)), s...) }

func includeOf(q url.Values) []string { return queryList(q, "include") }

// productKeep is what include_fields and exclude_fields leave in a
// product besides id: the sub-resources include= asked for, and the
// gift-wrapping pair BigCommerce always returns.
func productKeep(include []string) []string {
	return append([]string{"gift_wrapping_options_type", "gift_wrapping_options_list"}, include...)
}

func (r *REST) getProducts(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f, bad := productFilter(q)
	if bad != nil {
		in.Error(w, *bad)
		return
	}
	include, fl, hash := includeOf(q), fieldsOf(q), storeHash(in)
	readPage(r, w, req, in, func(st *shop.Store) []*shop.Product { return st.Products(f) },
		func(_ *shop.Store, p *shop.Product) any {
			return fl.apply(productJSON(hash, p, include), productKeep(include)...)
		})
}

// productFilter reads GET /catalog/products's filters, which the document
// has typed.
func productFilter(q url.Values) (shop.ProductFilter, *gateway.Error) {
	f := shop.ProductFilter{
		IDs: append(ints(q, "id:in"), ints(q, "id")...), NotIDs: ints(q, "id:not_in"), ID: intRange(q, "id"),
		SKU: q.Get("sku"), SKUs: queryList(q, "sku:in"), Name: q.Get("name"),
		Visible: queryBool(q, "is_visible"), Featured: queryBool(q, "is_featured"), FreeShipping: queryBool(q, "is_free_shipping"),
		Type: q.Get("type"), Availability: q.Get("availability"), Condition: q.Get("condition"),
		UPC: q.Get("upc"), MPN: q.Get("mpn"), Price: queryFloat(q, "price"), Weight: queryFloat(q, "weight"),
		BrandID: queryInt(q, "brand_id"), InCategories: ints(q, "categories:in"), Category: queryInt(q, "categories"),
		Keyword: q.Get("keyword"), Inventory: intRange(q, "inventory_level"),
		InventoryLow: q.Get("inventory_low") == "1", OutOfStock: q.Get("out_of_stock") == "1",
		Sort: q.Get("sort"), Descending: q.Get("direction") == "desc",
	}
	f.Inventory.In = append(f.Inventory.In, ints(q, "inventory_level")...)
	return f, dateFilters(q, "date_modified", &f.ModifiedMin, &f.ModifiedMax)
}

// intRange reads the :in, :not_in, :min, :max, :greater and :less
// operators of an integer field.
func intRange(q url.Values, field string) shop.IntRange {
	return shop.IntRange{In: ints(q, field+":in"), NotIn: ints(q, field+":not_in"),
		Min: queryInt(q, field+":min"), Max: queryInt(q, field+":max"), Greater: queryInt(q, field+":greater"), Less: queryInt(q, field+":less")}
}

// queryInt reads an integer parameter the document has typed; nil when absent.
func queryInt(q url.Values, key string) *int {
	n, err := strconv.Atoi(q.Get(key))
	if err != nil {
		return nil
	}
	return &n
}

func queryFloat(q url.Values, key string) *float64 {
	f, err := strconv.ParseFloat(q.Get(key), 64)
	if err != nil {
		return nil
	}
	return &f
}

// queryBool reads a flag given as true/false or, as is_featured and
// is_free_shipping take it, 1/0; nil when absent.
func queryBool(q url.Values, key string) *bool {
	b, err := strconv.ParseBool(q.Get(key))
	if err != nil {
		return nil
	}
	return &b
}

func (r *REST) getCatalogProduct(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	id, hash, include := intParam(in, "product_id"), storeHash(in), includeOf(q)
	r.readOne(w, in, "product", id, func(st *shop.Store) any {
		if p := st.Product(id); p != nil {
			return fieldsOf(q).apply(productJSON(hash, p, include), productKeep(include)...)
		}
		return nil
	})
}

func (r *REST) createProduct(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	hash := storeHash(in)
	writeBody(r, w, req, in, func(st *shop.Store, input shop.ProductInput) (*shop.Product, []shop.Event, error) {
		return st.CreateProduct(input)
	}, func(_ *shop.Store, p *shop.Product) any {
		return productJSON(hash, p, []string{"variants", "images", "custom_fields"})
	})
}

func (r *REST) updateProduct(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id, hash, include := intParam(in, "product_id"), storeHash(in), includeOf(req.URL.Query())
	writeBody(r, w, req, in, func(st *shop.Store, input shop.ProductInput) (*shop.Product, []shop.Event, error) {
		return st.UpdateProduct(id, input)
	}, func(_ *shop.Store, p *shop.Product) any { return productJSON(hash, p, include) })
}

// productBatchMax is how many products PUT /catalog/products takes.
const productBatchMax = 10

// updateProducts is the batch PUT: each element is a product's fields
// with its id. Every id must name a product before any is written; a
// failure part-way stops the batch as treeWrite's does.
func (r *REST) updateProducts(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	var inputs []struct {
		ID *int `json:"id"`
		shop.ProductInput
	}
	if err := decode(in, &inputs); err != nil {
		in.Error(w, badBody(err))
		return
	}
	if len(inputs) > productBatchMax {
		in.Error(w, gateway.Error{Status: http.StatusRequestEntityTooLarge, Title: fmt.Sprintf("The request payload is too large. The maximum items allowed in the array is %d.", productBatchMax)})
		return
	}
	hash, fl := storeHash(in), fieldsOf(req.URL.Query())
	var data []any
	if !r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) {
		ids, names := make([]int, len(inputs)), make([]*string, len(inputs))
		for i, input := range inputs {
			if st.Product(*input.ID) == nil {
				return nil, fmt.Errorf("%w: [%d]: product %d", shop.ErrNotFound, i, *input.ID)
			}
			ids[i], names[i] = *input.ID, input.Name
		}
		if err := st.CheckProductNames(ids, names); err != nil {
			return nil, err
		}
		var all []shop.Event
		for i, input := range inputs {
			p, events, err := st.UpdateProduct(*input.ID, input.ProductInput)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			all = append(all, events...)
			data = append(data, fl.apply(productJSON(hash, p, nil), productKeep(nil)...))
		}
		return all, nil
	}) {
		return
	}
	p := bigcommerce.Page{Number: 1, Limit: max(len(data), 1)}
	in.JSON(w, http.StatusOK, object{"data": data, "meta": object{"pagination": bigcommerce.Paginate(url.Values{}, len(data), len(data), p)}})
}

// productDeleteMax is how many products one DELETE /catalog/products
// removes: the first ones, by id, of those its filters select.
const productDeleteMax = 250

// deleteProducts deletes the products the filters select (a filter is
// required, so that no client deletes the catalog by mistake), each
// firing store/product/deleted.
func (r *REST) deleteProducts(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	if len(q) == 0 {
		in.Error(w, invalidQuery("id:in", "a filter is required to delete products"))
		return
	}
	f, bad := productFilter(q)
	if bad != nil {
		in.Error(w, *bad)
		return
	}
	r.remove(w, req, in, func(st *shop.Store) ([]shop.Event, error) {
		var all []shop.Event
		selected := st.Products(f)
		for _, p := range selected[:min(productDeleteMax, len(selected))] {
			events, err := st.DeleteProduct(p.ID)
			if err != nil {
				return nil, err
			}
			all = append(all, events...)
		}
		return all, nil
	})
}

func (r *REST) deleteProduct(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "product_id")
	r.remove(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return st.DeleteProduct(id) })
}

func (r *REST) getProductVariants(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id, fl := intParam(in, "product_id"), fieldsOf(req.URL.Query())
	var body object
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st == nil || st.Product(id) == nil {
			return
		}
		p := st.Product(id)
		body = catalogPage(req, p.Variants, func(v *shop.Variant) any { return fl.apply(variantJSON(p, v), "product_id", "sku") })
	})
	if body == nil {
		in.Error(w, notFoundError("product", id))
		return
	}
	in.JSON(w, http.StatusOK, body)
}

func (r *REST) getProductVariant(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	pid, vid := intParam(in, "product_id"), intParam(in, "variant_id")
	r.readOne(w, in, "variant", vid, func(st *shop.Store) any {
		if p := st.Product(pid); p != nil && p.Variant(vid) != nil {
			return fieldsOf(req.URL.Query()).apply(variantJSON(p, p.Variant(vid)), "product_id", "sku")
		}
		return nil
	})
}

func (r *REST) createProductVariant(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	pid := intParam(in, "product_id")
	writeBody(r, w, req, in, func(st *shop.Store, input shop.VariantInput) (*shop.Variant, []shop.Event, error) {
		return st.CreateVariant(pid, input)
	}, renderVariant)
}

func renderVariant(st *shop.Store, v *shop.Variant) any {
	return variantJSON(st.Product(v.ProductID), v)
}

func (r *REST) updateProductVariant(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	pid, vid := intParam(in, "product_id"), intParam(in, "variant_id")
	writeBody(r, w, req, in, func(st *shop.Store, input shop.VariantInput) (*shop.Variant, []shop.Event, error) {
		return st.UpdateVariant(pid, vid, input)
	}, renderVariant)
}

func (r *REST) deleteProductVariant(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	pid, vid := intParam(in, "product_id"), intParam(in, "variant_id")
	r.remove(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return st.DeleteVariant(pid, vid) })
}

func (r *REST) getVariants(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f := shop.VariantFilter{IDs: append(ints(q, "id:in"), ints(q, "id")...), SKU: q.Get("sku"), UPC: q.Get("upc"), ProductIDs: ints(q, "product_id:in")}
	fl := fieldsOf(q)
	readPage(r, w, req, in, func(st *shop.Store) []*shop.Variant { return st.Variants(f) },
		func(st *shop.Store, v *shop.Variant) any {
			return fl.apply(variantJSON(st.Product(v.ProductID), v), "product_id", "sku")
		})
}

func (r *REST) updateVariantsBatch(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	var inputs []shop.VariantInput
	if err := decode(in, &inputs); err != nil {
		in.Error(w, badBody(err))
		return
	}
	var data []any
	if !r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) {
		for i, input := range inputs {
			if input.ID == nil || st.Variant(*input.ID) == nil {
				return nil, fmt.Errorf("%w: [%d]: no variant of that id", shop.ErrNotFound, i)
			}
		}
		var all []shop.Event
		for i, input := range inputs {
			v, events, err := st.UpdateVariant(0, *input.ID, input)
			if err != nil {
				return nil, fmt.Errorf("[%d]: %w", i, err)
			}
			all = append(all, events...)
			data = append(data, variantJSON(st.Product(v.ProductID), v))
		}
		return all, nil
	}) {
		return
	}
	p := bigcommerce.Page{Number: 1, Limit: max(len(data), 1)}
	in.JSON(w, http.StatusOK, object{"data": data, "meta": object{"pagination": bigcommerce.Paginate(url.Values{}, len(data), len(data), p)}})
}

// assignment is one row of the assignments lists.
type assignment struct{ product, other int }

func (r *REST) getChannelAssignments(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	ids, channels := ints(q, "product_id:in"), ints(q, "channel_id:in")
	r.assignments(w, req, in, ids, "channel_id", func(p *shop.Product) []int {
		return slices.DeleteFunc(slices.Clone(p.Channels), func(c int) bool { return len(channels) > 0 && !slices.Contains(channels, c) })
	})
}

func (r *REST) getCategoryAssignments(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	ids, cats := ints(q, "product_id:in"), ints(q, "category_id:in")
	r.assignments(w, req, in, ids, "category_id", func(p *shop.Product) []int {
		return slices.DeleteFunc(slices.Clone(p.Categories), func(c int) bool { return len(cats) > 0 && !slices.Contains(cats, c) })
	})
}

func (r *REST) assignments(w http.ResponseWriter, req *http.Request, in *gateway.Request, ids []int, key string, of func(*shop.Product) []int) {
	readPage(r, w, req, in, func(st *shop.Store) []assignment {
		var rows []assignment
		for _, p := range st.Products(shop.ProductFilter{IDs: ids}) {
			for _, o := range of(p) {
				rows = append(rows, assignment{p.ID, o})
			}
		}
		return rows
	}, func(_ *shop.Store, a assignment) any { return object{"product_id": a.product, key: a.other} })
}

// assignWrite is the PUT of an assignments list: rows of product_id and
// key, written by assign; 204.
func (r *REST) assignWrite(key string, assign func(*shop.Store, []shop.Assignment) ([]shop.Event, error)) gateway.Handler {
	return func(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
		var rows []map[string]any
		if err := decode(in, &rows); err != nil {
			in.Error(w, badBody(err))
			return
		}
		as := make([]shop.Assignment, 0, len(rows))
		for _, row := range rows {
			as = append(as, shop.Assignment{ProductID: jsonInt(row, "product_id"), OtherID: jsonInt(row, key)})
		}
		r.remove(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return assign(st, as) })
	}
}

// assignDelete is the DELETE of an assignments list, filtered by
// product_id:in and key (one is required); 204.
func (r *REST) assignDelete(key string, unassign func(*shop.Store, []int, []int) ([]shop.Event, error)) gateway.Handler {
	return func(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
		q := req.URL.Query()
		products, others := ints(q, "product_id:in"), ints(q, key)
		r.remove(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return unassign(st, products, others) })
	}
}
