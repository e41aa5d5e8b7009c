package event

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/brianvoe/gofakeit/v6"
)

// genFunc invents the data of one event family. It returns a JSON object
// (obj) or, for price-list record batches, a JSON array.
type genFunc func(f *gofakeit.Faker) any

// family ties the events whose data share one shape to that shape's JSON
// Schema and to the function that invents it.
type family struct {
	// schema is the file name, without ".json", of the family's JSON
	// Schema in openapi/events.
	schema string
	// patterns are templated scopes; "{a,b}" stands for the alternatives a
	// and b, while "{channel_id}" (no comma) is kept as written.
	patterns []string
	gen      genFunc
}

// ch prefixes the scopes of one channel.
const ch = "store/channel/{channel_id}/"

// families maps every concrete event of package scope to its data shape
// (reference §3.3). Several entries may share a schema when only the
// invented values differ.
var families = []family{
	// Orders.
	{"order", []string{"store/order/{created,updated,archived}"}, typed("order", orderID)},
	{"order-status-updated", []string{"store/order/statusUpdated"}, orderStatusUpdated},
	{"order-message", []string{"store/order/message/created"}, withChild("order", orderID, "message", "order_message_id", orderMessageID)},
	{"order-refund", []string{"store/order/refund/created"}, withChild("order", orderID, "refund", "refund_id", refundID)},
	{"order-transaction", []string{"store/order/transaction/{created,updated}"}, orderTransaction},

	// Carts.
	{"cart", []string{"store/cart/{created,updated,deleted}"}, cart("", nil)},
	{"cart-abandoned", []string{"store/cart/abandoned"}, cart("token", func(f *gofakeit.Faker) any { return token(f, hexDigits, 32) })},
	{"cart-coupon-applied", []string{"store/cart/couponApplied"}, cart("couponId", func(f *gofakeit.Faker) any { return couponID(f) })},
	{"cart-converted", []string{"store/cart/converted"}, cart("orderId", func(f *gofakeit.Faker) any { return orderID(f) })},
	{"cart-line-item", []string{"store/cart/lineItem/{created,updated,deleted}"}, cartLineItem},

	// Catalog and customers.
	{"category", []string{"store/category/{created,updated,deleted}"}, typed("category", categoryID)},
	{"customer", []string{"store/customer/{created,updated,deleted}", "store/customer/payment/instrument/default/updated"}, typed("customer", customerID)},
	{"customer-address", []string{"store/customer/address/{created,updated,deleted}"}, withChild("customer", addressID, "address", "customer_id", customerID)},
	{"customer-channel-login", []string{"store/customer/channel/login/access/updated"}, customerChannelLogin},
	{"product", []string{"store/product/{created,deleted}"}, typed("product", productID)},
	{"product-updated", []string{"store/product/updated"}, productUpdated},
	{"product-inventory", []string{"store/product/inventory/updated"}, productInventory("absolute")},
	{"product-inventory", []string{"store/product/inventory/order/updated"}, productInventory("relative")},
	{"sku", []string{"store/sku/{created,updated,deleted}"}, sku},
	{"sku-inventory", []string{"store/sku/inventory/updated"}, skuInventory("absolute")},
	{"sku-inventory", []string{"store/sku/inventory/order/updated"}, skuInventory("relative")},
	{"modifier", []string{"store/modifier/updated"}, catalogOverride([]string{"shared_modifier", "local_modifier"})},
	{"option", []string{"store/option/updated"}, catalogOverride([]string{"shared_option", "local_option"})},
	{"shipment", []string{"store/shipment/{created,updated,deleted}"}, shipment},
	{"subscriber", []string{"store/subscriber/{created,updated,deleted}"}, typed("subscriber", subscriberID)},
	{"redirects", []string{"store/redirects/updated"}, redirect},

	// Store, channels, hooks.
	{"store", []string{"store/app/uninstalled", "store/information/updated"}, func(*gofakeit.Faker) any { return obj{"type": "store"} }},
	{"channel", []string{"store/channel/{created,updated}"}, typed("channel", channelID)},
	{"delivery-exception", []string{"store/hook/deliveryException"}, deliveryException},

	// Metafields.
	{"metafield", []string{"store/brand/metafield/{created,updated,deleted}"}, metafield(numeric(brandID))},
	{"metafield", []string{"store/cart/metafield/{created,updated,deleted}"}, metafield(uuid)},
	{"metafield", []string{"store/category/metafield/{created,updated,deleted}"}, metafield(numeric(categoryID))},
	{"metafield", []string{"store/channel/metafield/{created,updated,deleted}"}, metafield(numeric(channelID))},
	{"metafield", []string{"store/inventory/location/metafield/{created,updated,deleted}"}, metafield(numeric(locationID))},
	{"metafield", []string{"store/order/metafield/{created,updated,deleted}"}, metafield(numeric(orderID))},
	{"metafield", []string{"store/product/metafield/{created,updated,deleted}"}, metafield(numeric(productID))},
	{"metafield", []string{"store/product/variant/metafield/{created,updated,deleted}"}, metafield(numeric(variantID))},
	{"metafield", []string{"store/store/metafield/{created,updated,deleted}"}, metafield(numeric(between(1, 1)))},
	{"generic-metafield", []string{"store/metafield/{created,updated,deleted}"}, genericMetafield},

	// Price lists.
	{"price-list", []string{"store/priceList/{created,updated,activated,deactivated,deleted}"}, ids(field{"price_list_id", priceListID})},
	{"price-lists-deleted", []string{"store/priceLists/deleted"}, priceListsDeleted},
	{"price-list-record", []string{"store/priceList/record/{created,updated,deleted}"}, func(f *gofakeit.Faker) any { return priceListRecord(f, priceListID(f), pick(f, currencies)) }},
	{"price-list-records", []string{"store/priceList/records/{created,updated,deleted}"}, priceListRecords},
	{"price-list-assignment", []string{"store/priceList/assignment/{updated,deleted}"}, ids(field{"price_list_id", priceListID}, field{"channel_id", channelID}, field{"customer_group_id", customerGroupID})},

	// Inventory and locations.
	{"inventory-location", []string{"store/inventory/location/{created,updated}"}, ids(field{"location_id", locationID})},
	{"inventory-product", []string{"store/channel/*/inventory/product/{stock_changed,low_stock_reached,out_of_stock_reached,settings_changed}"}, ids(field{"variant_id", variantID}, field{"product_id", productID}, field{"location_id", locationID})},

	// B2B Edition.
	{"b2b-company", []string{"store/company/{created,updated,deleted,statusUpdated}", "store/company/superadmin/assignmentUpdated"}, ids(field{"company_id", companyID})},
	{"b2b-company-user", []string{"store/company/user/{created,updated,deleted}"}, ids(field{"company_id", companyID}, field{"user_id", b2bUserID})},
	{"b2b-company-address", []string{"store/company/address/{created,updated,deleted}"}, ids(field{"company_id", companyID}, field{"address_id", b2bAddressID})},
	{"b2b-superadmin", []string{"store/superadmin/{created,updated,deleted,assignmentUpdated}"}, ids(field{"user_id", b2bUserID})},
	{"b2b-quote", []string{"store/quote/{created,updated,statusUpdated,deleted}"}, func(f *gofakeit.Faker) any { return obj{"quote_id": quoteID(f), "quote_uuid": f.UUID()} }},

	// Events of one channel.
	{"channel-cart", []string{ch + "cart/{created,updated,deleted,couponApplied,abandoned,converted}"}, uuids("cart_id")},
	{"channel-cart-line-item", []string{ch + "cart/lineItem/{created,updated,deleted}"}, uuids("cart_id", "cart_item_id")},
	{"channel-order", []string{ch + "order/{created,updated,archived,statusUpdated}", ch + "order/message/created", ch + "order/refund/created"}, ids(field{"order_id", orderID})},
	{"channel-category", []string{ch + "category/{created,updated,deleted}"}, ids(field{"category_id", categoryID}, field{"tree_id", treeID})},
	{"channel-category-tree", []string{ch + "categoryTree/updated"}, ids(field{"tree_id", treeID})},
	{"channel-product", []string{ch + "product/{assigned,unassigned}", ch + "category/product/{assigned,unassigned}"}, ids(field{"product_id", productID})},
	{"channel-page", []string{ch + "page/{created,updated}"}, ids(field{"page_id", pageID})},
	{"channel-script", []string{ch + "script/{created,updated}"}, uuids("uuid")},
	{"channel-site", []string{ch + "settings/{route,site}/updated", ch + "settings/site/checkoutUrl/{updated,deleted}"}, ids(field{"site_id", siteID})},
	{"channel-email", []string{ch + "email/templates/{updated,deleted}", ch + "settings/emailStatus/{updated,deleted}"}, func(f *gofakeit.Faker) any { return obj{"template_kind": pick(f, emailTemplateKinds)} }},
	{"channel-empty", []string{ch + "notifications/{abandonedCart,inventory}/updated", ch + "socialMediaLinks/updated"}, func(*gofakeit.Faker) any { return obj{} }},
	{"channel-theme-configuration", []string{ch + "theme/configuration/{created,activated}"}, uuids("theme_id", "variation_id", "version_id", "configuration_id")},
	{"channel-search-context-filters", []string{ch + "settings/searchContextFilters/updated"}, ids(field{"category_id", categoryID})},
	{"channel-settings", []string{
		ch + "settings/{currency,profile,logo,checkout,SEO,robots,category,product,catalog,security,defaultCustomerGroup,customerPrivacy}/updated",
		ch + "settings/locale/{added,updated,deleted}",
		ch + "settings/{logo,favicon}/image/updated",
	}, func(*gofakeit.Faker) any { return obj{} }},
}

// familyIndex maps each templated event scope to its family.
var familyIndex = indexFamilies(families)

// indexFamilies expands every family's patterns. A scope listed twice keeps
// its first family; the package tests check that no scope is.
func indexFamilies(fams []family) map[string]*family {
	index := make(map[string]*family)
	for i := range fams {
		for _, p := range fams[i].patterns {
			for _, s := range expand(p) {
				if _, dup := index[s]; !dup {
					index[s] = &fams[i]
				}
			}
		}
	}
	return index
}

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

// typed invents {type, id}, the shape of most store-level events.
func typed(typ string, id intFunc) genFunc {
	return func(f *gofakeit.Faker) any { return obj{"type": typ, "id": id(f)} }
}

// withChild invents {type, id, child: {key: int}}.
func withChild(typ string, id intFunc, child, key string, childID intFunc) genFunc {
	return func(f *gofakeit.Faker) any {
		return obj{"type": typ, "id": id(f), child: obj{key: childID(f)}}
	}
}

// field names one integer field of an object and how to invent it.
type field struct {
	name string
	next intFunc
}

// ids invents an object of integer fields, drawn in the order given.
func ids(fields ...field) genFunc {
	return func(f *gofakeit.Faker) any {
		o := obj{}
		for _, fl := range fields {
			o[fl.name] = fl.next(f)
		}
		return o
	}
}

// uuids invents an object whose fields are all UUID strings.
func uuids(fields ...string) genFunc {
	return func(f *gofakeit.Faker) any {
		o := obj{}
		for _, name := range fields {
			o[name] = f.UUID()
		}
		return o
	}
}

func orderStatusUpdated(f *gofakeit.Faker) any {
	t := pick(f, statusTransitions)
	return obj{
		"type":   "order",
		"id":     orderID(f),
		"status": obj{"previous_status_id": t[0], "new_status_id": t[1]},
	}
}

func orderTransaction(f *gofakeit.Faker) any {
	status := pick(f, transactionStatuses)
	return obj{
		"type":                    "transaction",
		"order_id":                strconv.Itoa(orderID(f)),
		"transaction_id":          strconv.Itoa(transactionNumber(f)),
		"transaction_status":      status,
		"transaction_type":        pick(f, transactionTypes),
		"result":                  transactionResult(status),
		"platform_transaction_id": f.UUID(),
		"provider_transaction_id": "pi_" + token(f, alnum, 24),
	}
}

// transactionResult is the gateway result matching a transaction status.
func transactionResult(status string) obj {
	switch status {
	case "ok":
		return obj{"code": "1", "message": "Transaction approved", "type": "success"}
	case "error":
		return obj{"code": "2", "message": "Card declined", "type": "error"}
	default:
		return obj{"code": "3", "message": "Awaiting confirmation from the payment provider", "type": "pending"}
	}
}

// cart invents {type:"cart", id:uuid} plus, when key is not empty, key set
// by extra.
func cart(key string, extra func(*gofakeit.Faker) any) genFunc {
	return func(f *gofakeit.Faker) any {
		o := obj{"type": "cart", "id": f.UUID()}
		if key != "" {
			o[key] = extra(f)
		}
		return o
	}
}

func cartLineItem(f *gofakeit.Faker) any {
	return obj{"type": "cart_line_item", "id": f.UUID(), "cartId": f.UUID()}
}

func customerChannelLogin(f *gofakeit.Faker) any {
	return obj{"customer_id": customerID(f), "channel_ids": distinctInts(f, channelID, 3)}
}

// productUpdated adds properties and context half the time, as BigCommerce
// does for edits of a channel locale's overrides.
func productUpdated(f *gofakeit.Faker) any {
	o := obj{"type": "product", "id": productID(f)}
	if f.Bool() {
		o["properties"] = distinctStrings(f, productProperties, 3)
		o["context"] = localeContext(f)
	}
	return o
}

func localeContext(f *gofakeit.Faker) obj {
	return obj{"channel_id": channelID(f), "locale": pick(f, locales)}
}

// inventoryValue is the stock figure of an inventory event: a level for
// "absolute" changes, a small signed delta for order-driven "relative" ones.
func inventoryValue(f *gofakeit.Faker, method string) int {
	if method == "absolute" {
		return f.IntRange(0, 500)
	}
	if f.IntRange(1, 4) == 1 {
		return f.IntRange(1, 3) // returned to stock
	}
	return -f.IntRange(1, 5)
}

func productInventory(method string) genFunc {
	return func(f *gofakeit.Faker) any {
		id := productID(f)
		return obj{"type": "product", "id": id, "inventory": obj{
			"product_id": id,
			"method":     method,
			"value":      inventoryValue(f, method),
		}}
	}
}

func sku(f *gofakeit.Faker) any {
	return obj{"type": "sku", "id": skuID(f), "sku": obj{"product_id": productID(f), "variant_id": variantID(f)}}
}

func skuInventory(method string) genFunc {
	return func(f *gofakeit.Faker) any {
		return obj{"type": "sku", "id": skuID(f), "inventory": obj{
			"product_id": productID(f),
			"method":     method,
			"value":      inventoryValue(f, method),
			"variant_id": variantID(f),
		}}
	}
}

// catalogOverride invents store/modifier and store/option data; context is
// present half the time, as for edits of a channel locale's overrides.
func catalogOverride(types []string) genFunc {
	return func(f *gofakeit.Faker) any {
		o := obj{
			"type":                 pick(f, types),
			"id":                   modifierID(f),
			"affected_product_ids": distinctInts(f, productID, 4),
		}
		if f.Bool() {
			o["context"] = localeContext(f)
		}
		return o
	}
}

func shipment(f *gofakeit.Faker) any {
	return obj{"type": "shipment", "id": shipmentID(f), "orderId": orderID(f)}
}

// redirect invents store/redirects/updated data: a manual redirect to a
// path, or a dynamic one to a catalog entity.
func redirect(f *gofakeit.Faker) any {
	o := obj{"id": redirectID(f), "site_id": siteID(f), "from_path": "/" + slug(f) + "/"}
	if f.Bool() {
		o["to"] = obj{"url": "/" + slug(f) + "/"}
	} else {
		o["to"] = obj{"entity_id": productID(f), "type": pick(f, redirectEntityTypes)}
	}
	return o
}

// deliveryException invents a store/hook/deliveryException: one of the
// documented codes, worded as the delivery engine words it.
func deliveryException(f *gofakeit.Faker) any {
	id := webhookID(f)
	code := pick(f, bigcommerce.ExceptionCodes)
	dest := "https://" + f.DomainName() + "/webhooks"
	return obj{"type": "webhook", "id": id, "error_code": int(code), "message": exceptionMessage(code, dest, id)}
}

// exceptionMessage is the engine's message for code about hook id at dest,
// at a fixed instant: the data has no clock of its own.
func exceptionMessage(code bigcommerce.ExceptionCode, dest string, id int) string {
	at := time.Date(2025, 1, 1, 0, 10, 0, 0, time.UTC)
	switch code {
	case bigcommerce.CodeWillRetry:
		return bigcommerce.WillRetryMessage(dest, "HTTP 500", at)
	case bigcommerce.CodeDeactivated:
		return bigcommerce.DeactivatedMessage(bigcommerce.DefaultSchedule.Attempts(), dest, id)
	default:
		return bigcommerce.DomainBlockedMessage(bigcommerce.Origin(dest), at)
	}
}

func metafield(resource func(*gofakeit.Faker) string) genFunc {
	return func(f *gofakeit.Faker) any {
		return obj{"metafield_id": metafieldID(f), "resource_id": resource(f)}
	}
}

// genericResources are the resource_type values store/metafield/* events
// carry in this mock, with their resource ids.
var genericResources = []struct {
	typ string
	id  func(*gofakeit.Faker) string
}{
	{"brand", numeric(brandID)},
	{"cart", uuid},
	{"category", numeric(categoryID)},
	{"channel", numeric(channelID)},
	{"location", numeric(locationID)},
	{"order", numeric(orderID)},
	{"product", numeric(productID)},
	{"variant", numeric(variantID)},
}

func genericMetafield(f *gofakeit.Faker) any {
	id := metafieldID(f)
	r := pick(f, genericResources)
	return obj{"metafield_id": id, "resource_id": r.id(f), "resource_type": r.typ}
}

func priceListsDeleted(f *gofakeit.Faker) any {
	return obj{"price_list_ids": distinctInts(f, priceListID, 3)}
}

func priceListRecord(f *gofakeit.Faker, list int, currency string) obj {
	return obj{"price_list_id": list, "variant_id": variantID(f), "currency": currency}
}

// priceListRecords invents a batch of one to four records of one price list
// in one currency.
func priceListRecords(f *gofakeit.Faker) any {
	list, currency := priceListID(f), pick(f, currencies)
	n := f.IntRange(1, 4)
	records := make([]any, n)
	for i := range records {
		records[i] = priceListRecord(f, list, currency)
	}
	return records
}

// familyOf returns the family of a templated event scope.
func familyOf(templated string) (*family, error) {
	fam, ok := familyIndex[templated]
	if !ok {
		return nil, fmt.Errorf("event: no data shape for %q", templated)
	}
	return fam, nil
}
