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
	h["getProduct"] = r.getProduct
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
	r.addCategoriesV3(h)
}

// single answers one object in v3's envelope.
func single(w http.ResponseWriter, in *gateway.Request, data any) {
	in.JSON(w, http.StatusOK, object{"data": data, "meta": object{}})
}

// page renders the request's page of items in v3's list envelope; an
// empty list is data: [].
func page[T any](req *http.Request, items []T, render func(T) any) object {
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
		body = page(req, items, func(it T) any { return render(st, it) })
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
func (r *REST) readOne(w http.ResponseWriter, in *gateway.Request, what string, id int, find func(st *shop.Store) object) {
	var body object
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

// list reads a comma-separated list of words.
func list(q url.Values, key string) []string {
	var out []string
	for _, v := range q[key] {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// fields picks the top-level fields include_fields and exclude_fields
// ask for; id (and the keys of keep) always stay.
type fields struct{ include, exclude []string }

func fieldsOf(q url.Values) fields {
	return fields{include: list(q, "include_fields"), exclude: list(q, "exclude_fields")}
}

func (f fields) apply(o object, keep ...string) object {
	if len(f.include) == 0 && len(f.exclude) == 0 {
		return o
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

// productJSON renders p with the sub-resources include names.
func productJSON(hash string, p *shop.Product, include []string) object {
	o := object{
		"id": p.ID, "name": p.Name, "type": p.Type, "sku": p.SKU, "description": p.Description,
		"weight": p.Weight, "width": p.Width, "depth": p.Depth, "height": p.Height,
		"price": p.Price.Float(), "cost_price": p.CostPrice.Float(), "retail_price": p.RetailPrice.Float(),
		"sale_price": p.SalePrice.Float(), "map_price": p.MapPrice.Float(), "calculated_price": p.CalculatedPrice().Float(),
		"tax_class_id": p.TaxClassID, "product_tax_code": "", "categories": orEmpty(p.Categories), "brand_id": p.BrandID,
		"inventory_level": p.InventoryLevel, "inventory_warning_level": p.InventoryWarning, "inventory_tracking": p.Tracking,
		"fixed_cost_shipping_price": p.FixedShipping.Float(), "is_free_shipping": p.FreeShipping,
		"is_visible": p.Visible, "is_featured": p.Featured, "related_products": []int{-1},
		"warranty": p.Warranty, "bin_picking_number": p.BinPicking, "layout_file": "product.html",
		"upc": p.UPC, "mpn": p.MPN, "gtin": p.GTIN, "search_keywords": p.SearchKeywords,
		"availability": p.Availability, "availability_description": p.AvailabilityText,
		"gift_wrapping_options_type": "any", "gift_wrapping_options_list": []int{}, "sort_order": p.SortOrder,
		"condition": p.Condition, "is_condition_shown": p.ConditionShown,
		"order_quantity_minimum": 0, "order_quantity_maximum": 0, "page_title": p.PageTitle,
		"meta_keywords": []string{}, "meta_description": p.MetaDescription, "view_count": 0,
		"preorder_message": "", "is_preorder_only": false, "is_price_hidden": false, "price_hidden_label": "",
		"custom_url":      object{"url": p.URL, "is_customized": p.URLCustomized},
		"open_graph_type": "product", "open_graph_title": "", "open_graph_description": "",
		"open_graph_use_meta_description": true, "open_graph_use_product_name": true, "open_graph_use_image": true,
		"reviews_rating_sum": 0, "reviews_count": 0, "total_sold": 0,
		"date_created": date(p.Created), "date_modified": date(p.Modified), "date_last_imported": "",
		"base_variant_id": nullable(p.BaseVariantID), "option_set_id": nil, "option_set_display": "right",
		"channels": orEmpty(p.Channels),
	}
	for _, inc := range include {
		switch inc {
		case "variants":
			vs := make([]any, 0, len(p.Variants))
			for _, v := range p.Variants {
				vs = append(vs, variantJSON(p, v))
			}
			o["variants"] = vs
		case "images":
			is := make([]any, 0, len(p.Images))
			for _, im := range p.Images {
				is = append(is, imageJSON(hash, im))
			}
			o["images"] = is
		case "primary_image":
			for _, im := range p.Images {
				if im.Thumbnail {
					o["primary_image"] = imageJSON(hash, im)
				}
			}
		case "custom_fields":
			cs := make([]any, 0, len(p.CustomFields))
			for _, c := range p.CustomFields {
				cs = append(cs, object{"id": c.ID, "name": c.Name, "value": c.Value})
			}
			o["custom_fields"] = cs
		case "bulk_pricing_rules":
			bs := make([]any, 0, len(p.BulkRules))
			for _, b := range p.BulkRules {
				bs = append(bs, object{"id": b.ID, "quantity_min": b.QuantityMin, "quantity_max": b.QuantityMax, "type": b.Type, "amount": b.Amount.Float()})
			}
			o["bulk_pricing_rules"] = bs
		case "videos":
			vs := make([]any, 0, len(p.Videos))
			for _, v := range p.Videos {
				vs = append(vs, object{"id": v.ID, "product_id": v.ProductID, "video_id": v.VideoID, "title": v.Title,
					"description": v.Description, "sort_order": v.SortOrder, "type": "youtube", "length": v.Length})
			}
			o["videos"] = vs
		case "options":
			os := make([]any, 0, len(p.Options))
			for _, op := range p.Options {
				os = append(os, optionJSON(op))
			}
			o["options"] = os
		case "modifiers":
			ms := make([]any, 0, len(p.Modifiers))
			for _, m := range p.Modifiers {
				ms = append(ms, object{"id": m.ID, "product_id": m.ProductID, "name": fmt.Sprintf("%s%d", m.DisplayName, m.ID),
					"display_name": m.DisplayName, "type": m.Type, "required": m.Required, "sort_order": m.SortOrder,
					"config": object{}, "option_values": []any{}})
			}
			o["modifiers"] = ms
		}
	}
	return o
}

func optionJSON(op *shop.ProductOption) object {
	vals := make([]any, 0, len(op.Values))
	for _, v := range op.Values {
		vals = append(vals, object{"id": v.ID, "label": v.Label, "sort_order": v.SortOrder, "is_default": v.Default, "value_data": nil})
	}
	return object{"id": op.ID, "product_id": op.ProductID, "name": fmt.Sprintf("%s%d", op.DisplayName, op.ID),
		"display_name": op.DisplayName, "type": op.Type, "sort_order": op.SortOrder, "option_values": vals}
}

// imageJSON renders an image; an invented one lives on the store's CDN
// path, one a client posted keeps its URL.
func imageJSON(hash string, im *shop.Image) object {
	url, file := im.URL, im.URL
	if !strings.Contains(url, "://") {
		file = fmt.Sprintf("%s__%d.jpg", im.URL, im.ID)
		url = fmt.Sprintf("https://cdn11.bigcommerce.com/s-%s/products/%d/images/%d/%s", hash, im.ProductID, im.ID, file)
	}
	return object{"id": im.ID, "product_id": im.ProductID, "is_thumbnail": im.Thumbnail, "sort_order": im.SortOrder,
		"description": im.Description, "image_file": file, "url_zoom": url, "url_standard": url, "url_thumbnail": url,
		"url_tiny": url, "date_modified": date(im.Modified)}
}

// variantJSON renders v of p: sku_id is null for the base variant; price,
// sale_price and weight are null where the variant takes the product's.
func variantJSON(p *shop.Product, v *shop.Variant) object {
	values := make([]any, 0, len(v.OptionValues))
	for _, ov := range v.OptionValues {
		values = append(values, object{"id": ov.ID, "label": ov.Label, "option_id": ov.OptionID, "option_display_name": ov.DisplayName})
	}
	o := object{
		"id": v.ID, "product_id": v.ProductID, "sku": v.SKU, "sku_id": nullable(v.SKUID),
		"price": money(v.Price), "calculated_price": p.VariantPrice(v).Float(), "sale_price": money(v.SalePrice),
		"retail_price": nil, "map_price": 0, "cost_price": nil,
		"weight": nil, "calculated_weight": p.VariantWeight(v), "width": nil, "height": nil, "depth": nil,
		"is_free_shipping": false, "fixed_cost_shipping_price": nil,
		"purchasing_disabled": !v.Purchasable, "purchasing_disabled_message": "",
		"image_url": v.ImageURL, "upc": v.UPC, "mpn": "", "gtin": "",
		"inventory_level": v.InventoryLevel, "inventory_warning_level": v.InventoryWarning, "bin_picking_number": "",
		"option_values": values,
	}
	if v.Weight != nil {
		o["weight"] = *v.Weight
	}
	return o
}

func money(m *shop.Money) any {
	if m == nil {
		return nil
	}
	return m.Float()
}

// nullable is id, or null for 0.
func nullable(id int) any {
	if id == 0 {
		return nil
	}
	return id
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func includeOf(q url.Values) []string { return list(q, "include") }

func (r *REST) getProducts(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f := shop.ProductFilter{IDs: ints(q, "id:in"), SKU: q.Get("sku"), Name: q.Get("name")}
	f.IDs = append(f.IDs, ints(q, "id")...)
	if v := q.Get("is_visible"); v != "" {
		b, _ := strconv.ParseBool(v)
		f.Visible = &b
	}
	include, fl, hash := includeOf(q), fieldsOf(q), storeHash(in)
	readPage(r, w, req, in, func(st *shop.Store) []*shop.Product { return st.Products(f) },
		func(_ *shop.Store, p *shop.Product) any { return fl.apply(productJSON(hash, p, include), include...) })
}

func (r *REST) getProduct(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	id, hash, include := intParam(in, "product_id"), storeHash(in), includeOf(q)
	r.readOne(w, in, "product", id, func(st *shop.Store) object {
		if p := st.Product(id); p != nil {
			return fieldsOf(q).apply(productJSON(hash, p, include), include...)
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
		body = page(req, p.Variants, func(v *shop.Variant) any { return fl.apply(variantJSON(p, v), "product_id", "sku") })
	})
	if body == nil {
		in.Error(w, notFoundError("product", id))
		return
	}
	in.JSON(w, http.StatusOK, body)
}

func (r *REST) getProductVariant(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	pid, vid := intParam(in, "product_id"), intParam(in, "variant_id")
	r.readOne(w, in, "variant", vid, func(st *shop.Store) object {
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
	f := shop.VariantFilter{IDs: append(ints(q, "id:in"), ints(q, "id")...), SKU: q.Get("sku"), ProductIDs: ints(q, "product_id:in")}
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
	var out []*shop.Variant
	var products []*shop.Product
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
				return all, fmt.Errorf("[%d]: %w", i, err)
			}
			all = append(all, events...)
			out = append(out, v)
			products = append(products, st.Product(v.ProductID))
		}
		return all, nil
	}) {
		return
	}
	data := make([]any, len(out))
	for i, v := range out {
		data[i] = variantJSON(products[i], v)
	}
	q := url.Values{}
	p := bigcommerce.Page{Number: 1, Limit: max(len(data), 1)}
	in.JSON(w, http.StatusOK, object{"data": data, "meta": object{"pagination": bigcommerce.Paginate(q, len(data), len(data), p)}})
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
