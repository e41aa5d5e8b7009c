package event

import (
	"slices"
	"strconv"
	"strings"

	"github.com/brianvoe/gofakeit/v6"
)

// obj is a JSON object under construction.
type obj = map[string]any

// intFunc draws one integer from the generator's faker.
type intFunc func(f *gofakeit.Faker) int

// between returns an intFunc drawing uniformly from [lo, hi].
func between(lo, hi int) intFunc {
	return func(f *gofakeit.Faker) int { return f.IntRange(lo, hi) }
}

// Ranges of the invented ids: positive, and about the size a store that has
// traded for a while would show. Channel 1 is every store's default
// storefront; webhook ids look like the 8-digit ids in BigCommerce's docs.
var (
	addressID         = between(1, 20_000)
	b2bAddressID      = between(1, 20_000)
	b2bUserID         = between(1, 50_000)
	brandID           = between(1, 300)
	categoryID        = between(1, 500)
	channelID         = between(1, 10)
	companyID         = between(1, 99_999)
	couponID          = between(1, 500)
	customerGroupID   = between(1, 20)
	customerID        = between(1, 50_000)
	locationID        = between(1, 50)
	metafieldID       = between(1, 10_000)
	modifierID        = between(1, 1_000)
	orderID           = between(100, 99_999)
	orderMessageID    = between(1, 5_000)
	pageID            = between(1, 200)
	priceListID       = between(1, 50)
	productID         = between(1, 5_000)
	quoteID           = between(1, 9_999)
	redirectID        = between(1, 5_000)
	refundID          = between(1, 5_000)
	shipmentID        = between(1, 20_000)
	siteID            = between(1000, 1100)
	skuID             = between(1, 20_000)
	subscriberID      = between(1, 20_000)
	treeID            = between(1, 10)
	variantID         = between(1, 20_000)
	webhookID         = between(10_000_000, 30_000_000)
	transactionNumber = between(100_000_000, 999_999_999)
)

// Vocabularies for string fields.
var (
	currencies       = []string{"USD", "EUR", "GBP", "CAD", "AUD", "NZD", "JPY"}
	locales          = []string{"en", "fr", "de", "es", "it", "nl", "pt", "ja"}
	namespaces       = []string{"App Namespace", "shipping", "erp.sync", "reviews", "custom"}
	transactionTypes = []string{"purchase", "authorization", "capture", "refund", "void"}
	// transactionStatuses repeats "ok" so most transactions succeed.
	transactionStatuses = []string{"ok", "ok", "ok", "error", "pending"}
	// productProperties are the overridable fields a product/updated
	// names: the callback schema's nine, and custom_fields, which the
	// events page's example and its list of triggers add.
	productProperties = []string{
		"name", "description", "page_title", "meta_description",
		"warranty", "availability_description", "search_keywords",
		"is_featured", "preorder_message", "custom_fields",
	}
	emailTemplateKinds = []string{
		"abandoned_cart_email", "account_details_changed_email",
		"combined_order_status_email", "create_account_email",
		"invoice_email", "order_message_notification",
		"product_review_email", "return_confirmation_email",
	}
	redirectEntityTypes = []string{"product", "brand", "category", "page", "post"}
)

// statusTransitions are plausible (previous, new) order status id pairs, in
// BigCommerce's numbering: 0 Incomplete, 1 Pending, 2 Shipped, 3 Partially
// Shipped, 4 Refunded, 5 Cancelled, 6 Declined, 7 Awaiting Payment,
// 8 Awaiting Pickup, 9 Awaiting Shipment, 10 Completed, 11 Awaiting
// Fulfillment, 12 Manual Verification Required, 13 Disputed, 14 Partially
// Refunded.
var statusTransitions = [][2]int{
	{0, 11}, {0, 7}, {1, 11}, {7, 11}, {11, 9}, {9, 2}, {11, 2}, {11, 3},
	{3, 2}, {2, 10}, {11, 8}, {8, 10}, {11, 5}, {1, 6}, {11, 12}, {12, 11},
	{10, 4}, {10, 14}, {2, 13},
}

// pick returns one element of list.
func pick[T any](f *gofakeit.Faker, list []T) T {
	return list[f.IntRange(0, len(list)-1)]
}

// distinctInts returns between 1 and maxN distinct values of next, sorted.
func distinctInts(f *gofakeit.Faker, next intFunc, maxN int) []int {
	n := f.IntRange(1, maxN)
	out := make([]int, 0, n)
	for tries := 0; len(out) < n && tries < 10*n; tries++ {
		if v := next(f); !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// distinctStrings returns between 1 and maxN distinct elements of list, in
// list order.
func distinctStrings(f *gofakeit.Faker, list []string, maxN int) []string {
	idx := distinctInts(f, between(0, len(list)-1), maxN)
	out := make([]string, len(idx))
	for i, j := range idx {
		out[i] = list[j]
	}
	return out
}

// token returns n random characters from alphabet.
func token(f *gofakeit.Faker, alphabet string, n int) string {
	var b strings.Builder
	for range n {
		b.WriteByte(alphabet[f.IntRange(0, len(alphabet)-1)])
	}
	return b.String()
}

const (
	hexDigits = "0123456789abcdef"
	alnum     = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
)

// slug returns a lower-case URL path segment such as "summer-sale".
func slug(f *gofakeit.Faker) string {
	clean := func(s string) string {
		return strings.Map(func(r rune) rune {
			if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
				return r
			}
			return -1
		}, strings.ToLower(s))
	}
	a, b := clean(f.Noun()), clean(f.Noun())
	if a == "" {
		a = "page"
	}
	if b == "" {
		return a
	}
	return a + "-" + b
}

// numeric returns a resource-id function giving next as a decimal string,
// as BigCommerce's metafield payloads carry resource_id.
func numeric(next intFunc) func(*gofakeit.Faker) string {
	return func(f *gofakeit.Faker) string { return strconv.Itoa(next(f)) }
}

// uuid is a resource-id function for resources that BigCommerce identifies
// by UUID (carts).
func uuid(f *gofakeit.Faker) string { return f.UUID() }
