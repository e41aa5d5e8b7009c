package event

import (
	"strconv"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/brianvoe/gofakeit/v6"
)

// genFunc invents the data of one event family. It returns a JSON object
// (obj) or, for price-list record batches, a JSON array. scope is the
// templated event, for the few families whose data differ by event.
type genFunc func(f *gofakeit.Faker, scope string) any

// same adapts a generator that invents the same shape for every event of
// its family.
func same(gen func(*gofakeit.Faker) any) genFunc {
	return func(f *gofakeit.Faker, _ string) any { return gen(f) }
}

// generators invent the data of each family of bigcommerce's table
// (reference §3.3), by family name. The package tests check that every
// family has one and every one has a family.
var generators = map[string]genFunc{
	// Orders.
	"order":                typed("order", orderID),
	"order-status-updated": same(orderStatusUpdated),
	"order-message":        withChild("order", orderID, "message", "order_message_id", orderMessageID),
	"order-refund":         withChild("order", orderID, "refund", "refund_id", refundID),
	"order-transaction":    same(orderTransaction),

	// Carts.
	"cart":                cart("", nil),
	"cart-abandoned":      cart("token", func(f *gofakeit.Faker) any { return token(f, hexDigits, 32) }),
	"cart-coupon-applied": cart("couponId", func(f *gofakeit.Faker) any { return couponID(f) }),
	"cart-converted":      cart("orderId", func(f *gofakeit.Faker) any { return orderID(f) }),
	"cart-line-item":      same(cartLineItem),

	// Catalog and customers.
	"category":               typed("category", categoryID),
	"customer":               typed("customer", customerID),
	"customer-channels":      same(customerChannels),
	"customer-address":       withChild("customer", addressID, "address", "customer_id", customerID),
	"customer-channel-login": same(customerChannelLogin),
	"product":                typed("product", productID),
	"product-updated":        same(productUpdated),
	"product-inventory":      productInventory,
	"sku":                    same(sku),
	"sku-inventory":          skuInventory,
	"modifier":               catalogOverride([]string{"shared_modifier", "local_modifier"}),
	"option":                 catalogOverride([]string{"shared_option", "local_option"}),
	"shipment":               same(shipment),
	"subscriber":             typed("subscriber", subscriberID),
	"redirects":              same(redirect),

	// Store, channels, hooks.
	"store":              same(func(*gofakeit.Faker) any { return obj{"type": "store"} }),
	"channel":            typed("channel", channelID),
	"delivery-exception": same(deliveryException),

	// Metafields.
	"metafield":         metafield,
	"generic-metafield": same(genericMetafield),

	// Price lists.
	"price-list":            ids(field{"price_list_id", priceListID}),
	"price-lists-deleted":   same(priceListsDeleted),
	"price-list-record":     same(func(f *gofakeit.Faker) any { return priceListRecord(f, priceListID(f), pick(f, currencies)) }),
	"price-list-records":    same(priceListRecords),
	"price-list-assignment": ids(field{"price_list_id", priceListID}, field{"channel_id", channelID}, field{"customer_group_id", customerGroupID}),

	// Inventory and locations.
	"inventory-location": ids(field{"location_id", locationID}),
	"inventory-product":  ids(field{"variant_id", variantID}, field{"product_id", productID}, field{"location_id", locationID}),

	// B2B Edition.
	"b2b-company":         ids(field{"company_id", companyID}),
	"b2b-company-user":    ids(field{"company_id", companyID}, field{"user_id", b2bUserID}),
	"b2b-company-address": ids(field{"company_id", companyID}, field{"address_id", b2bAddressID}),
	"b2b-superadmin":      ids(field{"user_id", b2bUserID}),
	"b2b-quote":           same(func(f *gofakeit.Faker) any { return obj{"quote_id": quoteID(f), "quote_uuid": f.UUID()} }),

	// Events of one channel.
	"channel-cart":                   uuids("cart_id"),
	"channel-cart-line-item":         uuids("cart_id", "cart_item_id"),
	"channel-order":                  ids(field{"order_id", orderID}),
	"channel-category":               ids(field{"category_id", categoryID}, field{"tree_id", treeID}),
	"channel-category-tree":          ids(field{"tree_id", treeID}),
	"channel-product":                ids(field{"product_id", productID}),
	"channel-page":                   ids(field{"page_id", pageID}),
	"channel-script":                 uuids("uuid"),
	"channel-site":                   ids(field{"site_id", siteID}),
	"channel-email":                  same(func(f *gofakeit.Faker) any { return obj{"template_kind": pick(f, emailTemplateKinds)} }),
	"channel-empty":                  same(func(*gofakeit.Faker) any { return obj{} }),
	"channel-theme-configuration":    uuids("theme_id", "variation_id", "version_id", "configuration_id"),
	"channel-search-context-filters": ids(field{"category_id", categoryID}),
	"channel-settings":               same(func(*gofakeit.Faker) any { return obj{} }),
}

// typed invents {type, id}, the shape of most store-level events.
func typed(typ string, id intFunc) genFunc {
	return same(func(f *gofakeit.Faker) any { return obj{"type": typ, "id": id(f)} })
}

// withChild invents {type, id, child: {key: int}}.
func withChild(typ string, id intFunc, child, key string, childID intFunc) genFunc {
	return same(func(f *gofakeit.Faker) any {
		return obj{"type": typ, "id": id(f), child: obj{key: childID(f)}}
	})
}

// field names one integer field of an object and how to invent it.
type field struct {
	name string
	next intFunc
}

// ids invents an object of integer fields, drawn in the order given.
func ids(fields ...field) genFunc {
	return same(func(f *gofakeit.Faker) any {
		o := obj{}
		for _, fl := range fields {
			o[fl.name] = fl.next(f)
		}
		return o
	})
}

// uuids invents an object whose fields are all UUID strings.
func uuids(fields ...string) genFunc {
	return same(func(f *gofakeit.Faker) any {
		o := obj{}
		for _, name := range fields {
			o[name] = f.UUID()
		}
		return o
	})
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
	return same(func(f *gofakeit.Faker) any {
		o := obj{"type": "cart", "id": f.UUID()}
		if key != "" {
			o[key] = extra(f)
		}
		return o
	})
}

func cartLineItem(f *gofakeit.Faker) any {
	return obj{"type": "cart_line_item", "id": f.UUID(), "cartId": f.UUID()}
}

// customerChannels invents store/customer/created and updated data: the
// events page's {type, id} and the callback schemas' origin_channel_id and
// channel_ids, both (issue 12: a receiver written from either document
// works). The customer can log in to its origin channel.
func customerChannels(f *gofakeit.Faker) any {
	channels := distinctInts(f, channelID, 3)
	return obj{"type": "customer", "id": customerID(f), "origin_channel_id": channels[0], "channel_ids": channels}
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

// localeContext invents the context of an override edit: its channel and
// locale, the locale null one time in four, as the callback schemas say
// it is when the override applies to the whole channel.
func localeContext(f *gofakeit.Faker) obj {
	o := obj{"channel_id": channelID(f), "locale": pick(f, locales)}
	if f.IntRange(1, 4) == 1 {
		o["locale"] = nil
	}
	return o
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

// inventoryMethod is "relative" for the order-driven inventory events
// (.../inventory/order/updated) and "absolute" for the others.
func inventoryMethod(scope string) string {
	if strings.Contains(scope, "/inventory/order/") {
		return "relative"
	}
	return "absolute"
}

func productInventory(f *gofakeit.Faker, scope string) any {
	method := inventoryMethod(scope)
	id := productID(f)
	return obj{"type": "product", "id": id, "inventory": obj{
		"product_id": id,
		"method":     method,
		"value":      inventoryValue(f, method),
	}}
}

func sku(f *gofakeit.Faker) any {
	return obj{"type": "sku", "id": skuID(f), "sku": obj{"product_id": productID(f), "variant_id": variantID(f)}}
}

func skuInventory(f *gofakeit.Faker, scope string) any {
	method := inventoryMethod(scope)
	return obj{"type": "sku", "id": skuID(f), "inventory": obj{
		"product_id": productID(f),
		"method":     method,
		"value":      inventoryValue(f, method),
		"variant_id": variantID(f),
	}}
}

// catalogOverride invents store/modifier and store/option data; context is
// present half the time, as for edits of a channel locale's overrides.
func catalogOverride(types []string) genFunc {
	return same(func(f *gofakeit.Faker) any {
		o := obj{
			"type":                 pick(f, types),
			"id":                   modifierID(f),
			"affected_product_ids": distinctInts(f, productID, 4),
		}
		if f.Bool() {
			o["context"] = localeContext(f)
		}
		return o
	})
}

func shipment(f *gofakeit.Faker) any {
	return obj{"type": "shipment", "id": shipmentID(f), "orderId": orderID(f)}
}

// redirect invents store/redirects/updated data: a manual redirect to a
// path, or a dynamic one to a catalog entity. A manual one carries both
// documents' forms: the callback schema's to.url and the Redirects API's
// to.type "url" (a receiver that switches on to.type, as the REST
// document has it, and one that looks for to.url both work).
func redirect(f *gofakeit.Faker) any {
	o := obj{"id": redirectID(f), "site_id": siteID(f), "from_path": "/" + slug(f) + "/"}
	if f.Bool() {
		o["to"] = obj{"type": "url", "url": "/" + slug(f) + "/"}
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

// metafieldResources invent the resource ids of metafield events, by the
// scope before "/metafield/".
var metafieldResources = map[string]func(*gofakeit.Faker) string{
	"store/brand":              numeric(brandID),
	"store/cart":               uuid,
	"store/category":           numeric(categoryID),
	"store/channel":            numeric(channelID),
	"store/inventory/location": numeric(locationID),
	"store/order":              numeric(orderID),
	"store/product":            numeric(productID),
	"store/product/variant":    numeric(variantID),
	"store/store":              numeric(between(1, 1)),
}

// metafield invents {metafield_id, resource_id, namespace}, the resource id
// shaped as the scope's resource's ids are. The events page lists
// metafield_id and resource_id; BigCommerce's per-event schemas add
// namespace, so the payload carries it for a receiver written from either.
func metafield(f *gofakeit.Faker, scope string) any {
	resource, _, _ := strings.Cut(scope, "/metafield/")
	return obj{"metafield_id": metafieldID(f), "resource_id": metafieldResources[resource](f), "namespace": pick(f, namespaces)}
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
	return obj{"metafield_id": id, "resource_id": r.id(f), "resource_type": r.typ, "namespace": pick(f, namespaces)}
}

func priceListsDeleted(f *gofakeit.Faker) any {
	return obj{"price_list_ids": distinctInts(f, priceListID, 3)}
}

func priceListRecord(f *gofakeit.Faker, list int, currency string) obj {
	return obj{"price_list_id": list, "variant_id": variantID(f), "currency": currency, "currency_code": currency}
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
