package bigcommerce

import (
	"slices"
	"strings"
)

// A family is a set of events whose data share one shape. Its name is the
// file name, less ".json", of that shape's JSON Schema in the module's
// openapi/events directory, and the key of its data generator in
// mock/internal/event: the one table below ties all three to the events.
//
// Patterns are templated scopes; "{a,b}" stands for the alternatives a and
// b, while "{channel_id}" (no comma) is kept as written. Every concrete
// event of scopes.txt is in exactly one family (the package tests check).
var families = []struct {
	name     string
	patterns []string
}{
	// Orders.
	{"order", []string{"store/order/{created,updated,archived}"}},
	{"order-status-updated", []string{"store/order/statusUpdated"}},
	{"order-message", []string{"store/order/message/created"}},
	{"order-refund", []string{"store/order/refund/created"}},
	{"order-transaction", []string{"store/order/transaction/{created,updated}"}},

	// Carts.
	{"cart", []string{"store/cart/{created,updated,deleted}"}},
	{"cart-abandoned", []string{"store/cart/abandoned"}},
	{"cart-coupon-applied", []string{"store/cart/couponApplied"}},
	{"cart-converted", []string{"store/cart/converted"}},
	{"cart-line-item", []string{"store/cart/lineItem/{created,updated,deleted}"}},

	// Catalog and customers.
	{"category", []string{"store/category/{created,updated,deleted}"}},
	{"customer", []string{"store/customer/deleted", "store/customer/payment/instrument/default/updated"}},
	{"customer-channels", []string{"store/customer/{created,updated}"}},
	{"customer-address", []string{"store/customer/address/{created,updated,deleted}"}},
	{"customer-channel-login", []string{"store/customer/channel/login/access/updated"}},
	{"product", []string{"store/product/{created,deleted}"}},
	{"product-updated", []string{"store/product/updated"}},
	{"product-inventory", []string{"store/product/inventory/updated", "store/product/inventory/order/updated"}},
	{"sku", []string{"store/sku/{created,updated,deleted}"}},
	{"sku-inventory", []string{"store/sku/inventory/updated", "store/sku/inventory/order/updated"}},
	{"modifier", []string{"store/modifier/updated"}},
	{"option", []string{"store/option/updated"}},
	{"shipment", []string{"store/shipment/{created,updated,deleted}"}},
	{"subscriber", []string{"store/subscriber/{created,updated,deleted}"}},
	{"redirects", []string{"store/redirects/updated"}},

	// Store, channels, hooks.
	{"store", []string{"store/app/uninstalled", "store/information/updated"}},
	{"channel", []string{"store/channel/{created,updated}"}},
	{"delivery-exception", []string{DeliveryException}},

	// Metafields.
	{"metafield", []string{
		"store/{brand,cart,category,channel,order,product,store}/metafield/{created,updated,deleted}",
		"store/inventory/location/metafield/{created,updated,deleted}",
		"store/product/variant/metafield/{created,updated,deleted}",
	}},
	{"generic-metafield", []string{"store/metafield/{created,updated,deleted}"}},

	// Price lists.
	{"price-list", []string{"store/priceList/{created,updated,activated,deactivated,deleted}"}},
	{"price-lists-deleted", []string{"store/priceLists/deleted"}},
	{"price-list-record", []string{"store/priceList/record/{created,updated,deleted}"}},
	{"price-list-records", []string{"store/priceList/records/{created,updated,deleted}"}},
	{"price-list-assignment", []string{"store/priceList/assignment/{updated,deleted}"}},

	// Inventory and locations.
	{"inventory-location", []string{"store/inventory/location/{created,updated}"}},
	{"inventory-product", []string{"store/channel/*/inventory/product/{stock_changed,low_stock_reached,out_of_stock_reached,settings_changed}"}},

	// B2B Edition.
	{"b2b-company", []string{"store/company/{created,updated,deleted,statusUpdated}", "store/company/superadmin/assignmentUpdated"}},
	{"b2b-company-user", []string{"store/company/user/{created,updated,deleted}"}},
	{"b2b-company-address", []string{"store/company/address/{created,updated,deleted}"}},
	{"b2b-superadmin", []string{"store/superadmin/{created,updated,deleted,assignmentUpdated}"}},
	{"b2b-quote", []string{"store/quote/{created,updated,statusUpdated,deleted}"}},

	// Events of one channel.
	{"channel-cart", []string{ch + "cart/{created,updated,deleted,couponApplied,abandoned,converted}"}},
	{"channel-cart-line-item", []string{ch + "cart/lineItem/{created,updated,deleted}"}},
	{"channel-order", []string{ch + "order/{created,updated,archived,statusUpdated}", ch + "order/message/created", ch + "order/refund/created"}},
	{"channel-category", []string{ch + "category/{created,updated,deleted}"}},
	{"channel-category-tree", []string{ch + "categoryTree/updated"}},
	{"channel-product", []string{ch + "product/{assigned,unassigned}", ch + "category/product/{assigned,unassigned}"}},
	{"channel-page", []string{ch + "page/{created,updated}"}},
	{"channel-script", []string{ch + "script/{created,updated}"}},
	{"channel-site", []string{ch + "settings/{route,site}/updated", ch + "settings/site/checkoutUrl/{updated,deleted}"}},
	{"channel-email", []string{ch + "email/templates/{updated,deleted}", ch + "settings/emailStatus/{updated,deleted}"}},
	{"channel-empty", []string{ch + "notifications/{abandonedCart,inventory}/updated", ch + "socialMediaLinks/updated"}},
	{"channel-theme-configuration", []string{ch + "theme/configuration/{created,activated}"}},
	{"channel-search-context-filters", []string{ch + "settings/searchContextFilters/updated"}},
	{"channel-settings", []string{
		ch + "settings/{currency,profile,logo,checkout,SEO,robots,category,product,catalog,security,defaultCustomerGroup,customerPrivacy}/updated",
		ch + "settings/locale/{added,updated,deleted}",
		ch + "settings/{logo,favicon}/image/updated",
	}},
}

// ch prefixes the scopes of one channel in the table.
const ch = channelPrefix + ChannelPlaceholder + "/"

var (
	familyOf    = map[string]string{} // templated event -> family
	familyNames []string              // sorted, distinct
)

func init() {
	for _, fam := range families {
		familyNames = append(familyNames, fam.name)
		for _, p := range fam.patterns {
			for _, s := range expand(p) {
				if _, dup := familyOf[s]; !dup {
					familyOf[s] = fam.name // a scope listed twice keeps its first family; the tests check none is
				}
			}
		}
	}
	slices.Sort(familyNames)
	familyNames = slices.Compact(familyNames)
}

// Family returns the family of a concrete event, named with a channel id
// ("store/channel/3/cart/created") or in templated form. It reports false
// for anything else: unknown scopes, wildcards, channel 0.
func Family(event string) (string, bool) {
	t, _ := Template(event)
	name, ok := familyOf[t]
	return name, ok && templateSet[t]
}

// Families returns every family name, sorted.
func Families() []string { return slices.Clone(familyNames) }

// expand turns "a/{b,c}/d" into "a/b/d" and "a/c/d". A brace group with no
// comma, such as "{channel_id}", is literal.
func expand(pattern string) []string {
	offset := 0
	for {
		open := strings.IndexByte(pattern[offset:], '{')
		if open < 0 {
			return []string{pattern}
		}
		open += offset
		end := strings.IndexByte(pattern[open:], '}')
		if end < 0 {
			return []string{pattern}
		}
		end += open
		group := pattern[open+1 : end]
		if !strings.Contains(group, ",") {
			offset = end + 1
			continue
		}
		var out []string
		for _, alt := range strings.Split(group, ",") {
			out = append(out, expand(pattern[:open]+alt+pattern[end+1:])...)
		}
		return out
	}
}
