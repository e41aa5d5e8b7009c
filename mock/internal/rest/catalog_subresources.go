package rest

import (
	"net/http"

	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// A product's sub-resources read on their own paths
// (/catalog/products/{product_id}/images, /custom-fields,
// /bulk-pricing-rules, /videos, /options, /modifiers and each one by id),
// rendered as include= embeds them in the product. bcmock reads them
// here; they are written through the product.

// productSub is one kind of sub-resource: its operations, the path
// parameter naming one, what a product holds of it, and the keys
// include_fields keeps (those the document requires).
type productSub[T any] struct {
	listOp, oneOp, what, param string
	items                      func(*shop.Product) []T
	id                         func(T) int
	render                     func(hash string, it T) any
	keep                       []string
}

func (s productSub[T]) add(r *REST, h map[string]gateway.Handler) {
	h[s.listOp] = func(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
		pid, hash, fl := intParam(in, "product_id"), storeHash(in), fieldsOf(req.URL.Query())
		var body object
		r.cfg.Shop.Read(hash, func(st *shop.Store) {
			if p := storeProduct(st, pid); p != nil {
				body = catalogPage(req, s.items(p), func(it T) any { return fl.apply(s.render(hash, it), s.keep...) })
			}
		})
		if body == nil {
			in.Error(w, notFoundError("product", pid))
			return
		}
		in.JSON(w, http.StatusOK, body)
	}
	h[s.oneOp] = func(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
		pid, id, hash, fl := intParam(in, "product_id"), intParam(in, s.param), storeHash(in), fieldsOf(req.URL.Query())
		r.readOne(w, in, s.what, id, func(st *shop.Store) any {
			if p := storeProduct(st, pid); p != nil {
				for _, it := range s.items(p) {
					if s.id(it) == id {
						return fl.apply(s.render(hash, it), s.keep...)
					}
				}
			}
			return nil
		})
	}
}

// storeProduct is product id of st, or nil (also for no store).
func storeProduct(st *shop.Store, id int) *shop.Product {
	if st == nil {
		return nil
	}
	return st.Product(id)
}

func (r *REST) addProductSubresources(h map[string]gateway.Handler) {
	productSub[*shop.Image]{"getProductImages", "getProductImage", "image", "image_id",
		func(p *shop.Product) []*shop.Image { return p.Images }, func(im *shop.Image) int { return im.ID },
		func(hash string, im *shop.Image) any { return imageJSON(hash, im) }, []string{"product_id"}}.add(r, h)
	productSub[*shop.CustomField]{"getProductCustomFields", "getProductCustomField", "custom field", "custom_field_id",
		func(p *shop.Product) []*shop.CustomField { return p.CustomFields }, func(c *shop.CustomField) int { return c.ID },
		func(_ string, c *shop.CustomField) any { return customFieldJSON(c) }, []string{"name", "value"}}.add(r, h)
	productSub[*shop.BulkRule]{"getProductBulkPricingRules", "getProductBulkPricingRule", "bulk pricing rule", "bulk_pricing_rule_id",
		func(p *shop.Product) []*shop.BulkRule { return p.BulkRules }, func(b *shop.BulkRule) int { return b.ID },
		func(_ string, b *shop.BulkRule) any { return bulkRuleJSON(b) }, []string{"quantity_min", "quantity_max", "type", "amount"}}.add(r, h)
	productSub[*shop.Video]{"getProductVideos", "getProductVideo", "video", "id",
		func(p *shop.Product) []*shop.Video { return p.Videos }, func(v *shop.Video) int { return v.ID },
		func(_ string, v *shop.Video) any { return videoJSON(v) }, []string{"product_id", "video_id", "type"}}.add(r, h)
	productSub[*shop.ProductOption]{"getProductVariantOptions", "getProductVariantOption", "option", "option_id",
		func(p *shop.Product) []*shop.ProductOption { return p.Options }, func(o *shop.ProductOption) int { return o.ID },
		func(_ string, o *shop.ProductOption) any { return optionJSON(o) }, []string{"product_id", "display_name", "type", "option_values"}}.add(r, h)
	productSub[*shop.Modifier]{"getProductModifiers", "getProductModifier", "modifier", "modifier_id",
		func(p *shop.Product) []*shop.Modifier { return p.Modifiers }, func(m *shop.Modifier) int { return m.ID },
		func(_ string, m *shop.Modifier) any { return modifierJSON(m) }, []string{"product_id", "display_name", "type", "required"}}.add(r, h)
}
