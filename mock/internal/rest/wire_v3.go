package rest

import (
	"encoding/json"
	"hash/fnv"
	"maps"
	"math"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// The v3 wire shapes of carts, checkouts, transactions and refunds
// (reference bigcommerce-rest.md §2.6, §2.12), converted from the model in
// this one file. v3 money is a JSON number, dates are RFC 3339; a key
// BigCommerce's spec does not mark nullable is omitted rather than null.

// one is v3's envelope of a single item: {data, meta: {}}.
type one struct {
	Data any      `json:"data"`
	Meta struct{} `json:"meta"`
}

// list is v3's envelope of a page: {data: [...], meta: {pagination}}.
type list struct {
	Data any      `json:"data"`
	Meta pageMeta `json:"meta"`
}

type pageMeta struct {
	Pagination bigcommerce.Pagination `json:"pagination"`
}

// v3Time renders a model time as v3 does.
func v3Time(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// cartBody is what the carts API's cart and the cart a checkout embeds
// share.
type cartBody struct {
	ID             string         `json:"id"`
	CustomerID     int            `json:"customer_id"`
	ChannelID      int            `json:"channel_id"`
	Email          string         `json:"email"`
	Currency       currencyWire   `json:"currency"`
	BaseAmount     float64        `json:"base_amount"`
	DiscountAmount float64        `json:"discount_amount"`
	Coupons        []couponWire   `json:"coupons"`
	Discounts      []discountWire `json:"discounts"`
	LineItems      lineItemsWire  `json:"line_items"`
	CreatedTime    string         `json:"created_time"`
	UpdatedTime    string         `json:"updated_time"`
}

type cartWire struct {
	cartBody
	TaxIncluded          bool            `json:"tax_included"`
	ManualDiscountAmount float64         `json:"manual_discount_amount"`
	CartAmount           float64         `json:"cart_amount"`
	Locale               string          `json:"locale"`
	RedirectURLs         *redirectURLs   `json:"redirect_urls,omitempty"`
	Promotions           *promotionsWire `json:"promotions,omitempty"`
	Version              int             `json:"version"`
}

type currencyWire struct {
	Code string `json:"code"`
}

type couponWire struct {
	ID               int     `json:"id"`
	Code             string  `json:"code"`
	DisplayName      string  `json:"display_name"`
	CouponType       string  `json:"coupon_type"`
	DiscountedAmount float64 `json:"discounted_amount"`
}

type discountWire struct {
	ID               string  `json:"id"`
	DiscountedAmount float64 `json:"discounted_amount"`
}

type lineItemsWire struct {
	PhysicalItems    []lineItemWire   `json:"physical_items"`
	DigitalItems     []lineItemWire   `json:"digital_items"`
	GiftCertificates []struct{}       `json:"gift_certificates"`
	CustomItems      []customItemWire `json:"custom_items"`
}

// customItemWire is a custom item: BigCommerce's carts file types its
// quantity and list_price as strings, its checkouts file and the real
// API as numbers (reference §2.12), which bcmock follows.
type customItemWire struct {
	ID                string  `json:"id"`
	SKU               string  `json:"sku"`
	Name              string  `json:"name"`
	Quantity          int     `json:"quantity"`
	ListPrice         float64 `json:"list_price"`
	ExtendedListPrice float64 `json:"extended_list_price"`
	ImageURL          string  `json:"image_url"`
}

type lineItemWire struct {
	ID                string         `json:"id"`
	VariantID         int            `json:"variant_id"`
	ProductID         int            `json:"product_id"`
	SKU               string         `json:"sku"`
	Name              string         `json:"name"`
	URL               string         `json:"url"`
	Quantity          int            `json:"quantity"`
	Taxable           *bool          `json:"taxable,omitempty"`    // a cart's line
	IsTaxable         *bool          `json:"is_taxable,omitempty"` // a checkout's cart's line
	ImageURL          string         `json:"image_url"`
	Discounts         []discountWire `json:"discounts"`
	CouponAmount      float64        `json:"coupon_amount"`
	DiscountAmount    float64        `json:"discount_amount"`
	OriginalPrice     float64        `json:"original_price"`
	ListPrice         float64        `json:"list_price"`
	SalePrice         float64        `json:"sale_price"`
	ExtendedListPrice float64        `json:"extended_list_price"`
	ExtendedSalePrice float64        `json:"extended_sale_price"`
	IsRequireShipping bool           `json:"is_require_shipping"`
	IsMutable         bool           `json:"is_mutable"`
	AddedByPromotion  bool           `json:"added_by_promotion"`
	Options           *[]struct{}    `json:"options,omitempty"`
}

type redirectURLs struct {
	CartURL             string `json:"cart_url"`
	CheckoutURL         string `json:"checkout_url"`
	EmbeddedCheckoutURL string `json:"embedded_checkout_url"`
}

type promotionsWire struct {
	Banners []struct{} `json:"banners"`
}

// includes are the include= options a cart read asked for.
type includes struct {
	redirectURLs, options, banners bool
}

// includesOf reads include=, which the document has checked: a
// comma-separated list of BigCommerce's options.
func includesOf(values []string) includes {
	var inc includes
	for _, v := range values {
		for _, part := range splitComma(v) {
			switch part {
			case "redirect_urls":
				inc.redirectURLs = true
			case "line_items.physical_items.options", "cart.line_items.physical_items.options":
				inc.options = true
			case "promotions.banners":
				inc.banners = true
			}
		}
	}
	return inc
}

// cartOf converts a cart of store domain with the parts inc asks for.
// The model's lines are all physical items; the model has no options or
// promotions, so those parts are empty when asked for.
func cartOf(c *shop.Cart, domain string, inc includes) cartWire {
	yes := true
	out := cartWire{
		cartBody: cartBody{
			ID: c.ID, CustomerID: c.CustomerID, ChannelID: c.ChannelID, Email: c.Email, Currency: currencyWire{Code: c.Currency},
			BaseAmount: c.Amount().Float(), DiscountAmount: c.Discount().Float(),
			Coupons: couponsOf(c.Coupons, false), Discounts: []discountWire{},
			LineItems:   lineItemsWire{PhysicalItems: make([]lineItemWire, 0, len(c.Lines)), DigitalItems: []lineItemWire{}, GiftCertificates: []struct{}{}, CustomItems: make([]customItemWire, 0, len(c.Custom))},
			CreatedTime: v3Time(c.Created), UpdatedTime: v3Time(c.Updated),
		},
		Locale: c.Locale, CartAmount: (c.Amount() - c.Discount()).Float(), Version: c.Version,
	}
	share := couponShares(c)
	for i, l := range c.Lines {
		li := lineItemWire{
			ID: l.ID, VariantID: l.VariantID, ProductID: l.ProductID, SKU: l.SKU, Name: l.Name,
			URL:      "https://" + domain + "/products/" + strconv.Itoa(l.ProductID) + "/",
			Quantity: l.Quantity, Taxable: &yes, ImageURL: "",
			Discounts: []discountWire{}, CouponAmount: share[i].Float(),
			OriginalPrice: l.ListPrice.Float(), ListPrice: l.ListPrice.Float(), SalePrice: l.SalePrice.Float(),
			ExtendedListPrice: l.ListPrice.Times(l.Quantity).Float(), ExtendedSalePrice: l.SalePrice.Times(l.Quantity).Float(),
			IsRequireShipping: true, IsMutable: true,
		}
		if inc.options {
			li.Options = &[]struct{}{}
		}
		out.LineItems.PhysicalItems = append(out.LineItems.PhysicalItems, li)
	}
	for _, ci := range c.Custom {
		out.LineItems.CustomItems = append(out.LineItems.CustomItems, customItemWire{
			ID: ci.ID, SKU: ci.SKU, Name: ci.Name, Quantity: ci.Quantity,
			ListPrice: ci.ListPrice.Float(), ExtendedListPrice: ci.ListPrice.Times(ci.Quantity).Float(),
		})
	}
	if inc.redirectURLs {
		urls := cartRedirects(c.ID, domain, nil)
		out.RedirectURLs = &urls
	}
	if inc.banners {
		out.Promotions = &promotionsWire{Banners: []struct{}{}}
	}
	return out
}

// cartRedirects are cart id's redirect URLs on domain, each with params
// added (sorted by name, after BigCommerce's own).
func cartRedirects(id, domain string, params map[string]string) redirectURLs {
	tail := "&id=" + url.QueryEscape(id) + "&token=" + cartToken(id)
	for _, k := range slices.Sorted(maps.Keys(params)) {
		tail += "&" + url.QueryEscape(k) + "=" + url.QueryEscape(params[k])
	}
	base := "https://" + domain + "/cart.php?"
	return redirectURLs{
		CartURL:             base + "action=load" + tail,
		CheckoutURL:         base + "action=loadInCheckout" + tail,
		EmbeddedCheckoutURL: base + "embedded=1&action=loadInCheckout" + tail,
	}
}

// couponShares splits the cart's coupon discount over its physical
// lines by their value, the last line taking the rounding, so the lines'
// coupon_amount add up to the cart's discount_amount (a custom item has
// no coupon_amount).
func couponShares(c *shop.Cart) []shop.Money {
	out := make([]shop.Money, len(c.Lines))
	total, discount := c.PhysicalAmount(), c.Discount()
	if total <= 0 || discount == 0 || len(c.Lines) == 0 {
		return out
	}
	var given shop.Money
	for i, l := range c.Lines[:len(c.Lines)-1] {
		out[i] = discount * l.SalePrice.Times(l.Quantity) / total
		given += out[i]
	}
	out[len(out)-1] = discount - given
	return out
}

// couponsOf converts coupons; the carts API names a coupon's type by its
// number ("0".."5"), the checkouts API by its key (keyed).
func couponsOf(cs []*shop.Coupon, keyed bool) []couponWire {
	out := make([]couponWire, 0, len(cs))
	for _, cp := range cs {
		typ := strconv.Itoa(cp.Type)
		if keyed && cp.Type >= 0 && cp.Type < len(couponTypeKeys) {
			typ = couponTypeKeys[cp.Type]
		}
		out = append(out, couponWire{ID: cp.CouponID, Code: cp.Code, DisplayName: cp.Code, CouponType: typ, DiscountedAmount: cp.Amount.Float()})
	}
	return out
}

// couponTypeKeys are the checkouts API's names of coupon types 0..5.
var couponTypeKeys = [...]string{"per_item_discount", "percentage_discount", "per_total_discount", "shipping_discount", "free_shipping", "promotion"}

// cartToken is the token of a cart's redirect URLs: stable for a cart,
// different between carts.
func cartToken(id string) string {
	h := fnv.New64a()
	_, _ = h.Write([]byte(id))
	return strconv.FormatUint(h.Sum64(), 16)
}

type checkoutWire struct {
	ID                      string            `json:"id"`
	Cart                    checkoutCartWire  `json:"cart"`
	BillingAddress          any               `json:"billing_address"` // {} until one is given, else a billingWire
	Consignments            []struct{}        `json:"consignments"`
	Taxes                   []taxWire         `json:"taxes"`
	Coupons                 []couponWire      `json:"coupons"`
	Fees                    []struct{}        `json:"fees"`
	OrderID                 string            `json:"order_id,omitempty"`
	ShippingCostTotalIncTax float64           `json:"shipping_cost_total_inc_tax"`
	ShippingCostTotalExTax  float64           `json:"shipping_cost_total_ex_tax"`
	HandlingCostTotalIncTax float64           `json:"handling_cost_total_inc_tax"`
	HandlingCostTotalExTax  float64           `json:"handling_cost_total_ex_tax"`
	SubtotalExTax           float64           `json:"subtotal_ex_tax"`
	SubtotalIncTax          float64           `json:"subtotal_inc_tax"`
	TaxTotal                float64           `json:"tax_total"`
	GrandTotal              float64           `json:"grand_total"`
	CreatedTime             string            `json:"created_time"`
	UpdatedTime             string            `json:"updated_time"`
	CustomerMessage         string            `json:"customer_message"`
	Promotions              *[]promotionsWire `json:"promotions,omitempty"`
	Version                 int               `json:"version"`
}

// checkoutCartWire is the cart a checkout embeds: BigCommerce's checkouts
// API shapes it apart from the carts API's (cart_amount_inc_tax and
// cart_amount_ex_tax for cart_amount, is_taxable for taxable, coupon
// types by key).
type checkoutCartWire struct {
	cartBody
	CartAmountIncTax float64 `json:"cart_amount_inc_tax"`
	CartAmountExTax  float64 `json:"cart_amount_ex_tax"`
}

type taxWire struct {
	Name   string  `json:"name"`
	Amount float64 `json:"amount"`
}

// checkoutOf converts a cart's checkout with the parts inc asks for. The
// model taxes nothing and ships nothing before an order exists (no
// consignments, no billing address yet), so the totals are the cart's.
func checkoutOf(c *shop.Cart, domain string, inc includes) checkoutWire {
	cart := cartOf(c, domain, includes{options: inc.options})
	for i := range cart.LineItems.PhysicalItems {
		li := &cart.LineItems.PhysicalItems[i]
		li.IsTaxable, li.Taxable = li.Taxable, nil
	}
	cart.Coupons = couponsOf(c.Coupons, true)
	amount := (c.Amount() - c.Discount()).Float()
	out := checkoutWire{
		ID:           c.ID,
		Cart:         checkoutCartWire{cartBody: cart.cartBody, CartAmountIncTax: amount, CartAmountExTax: amount},
		Consignments: []struct{}{}, Taxes: []taxWire{{Name: "Tax", Amount: 0}}, Coupons: couponsOf(c.Coupons, true), Fees: []struct{}{},
		SubtotalExTax: c.Amount().Float(), SubtotalIncTax: c.Amount().Float(), GrandTotal: amount,
		CreatedTime: v3Time(c.Created), UpdatedTime: v3Time(c.Updated), Version: c.Version,
		CustomerMessage: c.CustomerMessage, BillingAddress: struct{}{},
	}
	if c.Billing != nil {
		out.BillingAddress = billingOf(c.Billing)
	}
	if c.OrderID != 0 {
		out.OrderID = strconv.Itoa(c.OrderID)
	}
	if inc.banners {
		out.Promotions = &[]promotionsWire{{Banners: []struct{}{}}}
	}
	return out
}

// billingWire is a checkout's billing address (BigCommerce's Address
// Response: AddressProperties and the id; its examples also carry the
// country's name): a stored instrument's billing address and more.
type billingWire struct {
	ID string `json:"id"`
	billingAddress
	StateOrProvinceCode string            `json:"state_or_province_code"`
	Country             string            `json:"country"`
	CustomFields        []customFieldWire `json:"custom_fields"`
}

type customFieldWire struct {
	FieldID    string `json:"field_id"`
	FieldValue string `json:"field_value"`
}

func billingOf(a *shop.CheckoutAddress) billingWire {
	out := billingWire{
		ID: a.ID,
		billingAddress: billingAddress{FirstName: a.FirstName, LastName: a.LastName, Email: a.Email, Company: a.Company,
			Address1: a.Address1, Address2: a.Address2, City: a.City, PostalCode: a.PostalCode, State: a.StateOrProvince,
			CountryCode: a.CountryCode, Phone: a.Phone},
		StateOrProvinceCode: a.StateOrProvinceCode, Country: shop.CountryName(a.CountryCode),
		CustomFields: make([]customFieldWire, 0, len(a.CustomFields)),
	}
	for _, f := range a.CustomFields {
		out.CustomFields = append(out.CustomFields, customFieldWire{FieldID: f.FieldID, FieldValue: f.FieldValue})
	}
	return out
}

type transactionWire struct {
	ID                   int         `json:"id"`
	OrderID              string      `json:"order_id"`
	Event                string      `json:"event"`
	Method               string      `json:"method"`
	Amount               float64     `json:"amount"`
	Currency             string      `json:"currency"`
	Gateway              string      `json:"gateway"`
	GatewayTransactionID string      `json:"gateway_transaction_id"`
	DateCreated          string      `json:"date_created"`
	Test                 bool        `json:"test"`
	Status               string      `json:"status"`
	FraudReview          bool        `json:"fraud_review"`
	CreditCard           *creditCard `json:"credit_card,omitempty"`
	AVSResult            *avsResult  `json:"avs_result,omitempty"`
	CVVResult            *cvvResult  `json:"cvv_result,omitempty"`
}

type creditCard struct {
	CardType        string `json:"card_type"`
	CardIIN         string `json:"card_iin"`
	CardLast4       string `json:"card_last4"`
	CardExpiryMonth int    `json:"card_expiry_month"`
	CardExpiryYear  int    `json:"card_expiry_year"`
}

type avsResult struct {
	Code        string `json:"code"`
	Message     string `json:"message"`
	StreetMatch string `json:"street_match"`
	PostalMatch string `json:"postal_match"`
}

type cvvResult struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// transactionOf converts a transaction of order orderID. A card payment
// carries the test gateway's card (Visa 4111…1111) and its match results;
// reference_transaction_id is left out, as BigCommerce's spec does not
// allow null.
func transactionOf(orderID int, t *shop.Transaction) transactionWire {
	out := transactionWire{
		ID: t.ID, OrderID: strconv.Itoa(orderID), Event: t.Event, Method: t.Method, Amount: t.Amount.Float(),
		Currency: t.Currency, Gateway: t.Gateway, GatewayTransactionID: t.GatewayTransactionID,
		DateCreated: v3Time(t.Created), Test: t.Test, Status: t.Status,
	}
	if t.Method == "credit_card" {
		out.CreditCard = &creditCard{CardType: "visa", CardIIN: "411111", CardLast4: "1111", CardExpiryMonth: 12, CardExpiryYear: t.Created.Year() + 3}
		out.AVSResult = &avsResult{Code: "Y", Message: "Street address and postal code match", StreetMatch: "Y", PostalMatch: "Y"}
		out.CVVResult = &cvvResult{Code: "M", Message: "CVV matches"}
	}
	return out
}

type refundWire struct {
	ID                         int              `json:"id"`
	OrderID                    int              `json:"order_id"`
	UserID                     int              `json:"user_id"`
	Created                    string           `json:"created"`
	Reason                     string           `json:"reason"`
	TotalAmount                float64          `json:"total_amount"`
	TotalTax                   float64          `json:"total_tax"`
	UsesMerchantOverrideValues bool             `json:"uses_merchant_override_values"`
	Items                      []refundItemWire `json:"items"`
	Payments                   []refundPayment  `json:"payments"`
}

type refundItemWire struct {
	ItemType string `json:"item_type"`
	ItemID   int    `json:"item_id"`
	Quantity int    `json:"quantity"`
	// RequestedAmount is a number in the refund list and the refund made,
	// and in the single refund a two-decimal string, null for an item
	// priced from its quantity: each as BigCommerce's file types it there.
	RequestedAmount any    `json:"requested_amount"`
	Reason          string `json:"reason,omitempty"`
}

type refundPayment struct {
	ID              int     `json:"id"`
	ProviderID      string  `json:"provider_id"`
	Amount          float64 `json:"amount"`
	Offline         bool    `json:"offline"`
	IsDeclined      bool    `json:"is_declined"`
	DeclinedMessage string  `json:"declined_message"`
}

// refundOf converts a refund of order o; single picks the single refund's
// type for requested_amount (GET /orders/payment_actions/refunds/{id}).
func refundOf(o *shop.Order, r *shop.Refund, single bool) refundWire {
	out := refundWire{
		ID: r.ID, OrderID: o.ID, Created: v3Time(r.Created), Reason: r.Reason, UsesMerchantOverrideValues: r.Override,
		TotalAmount: r.Amount.Float(), TotalTax: r.Tax.Float(), Items: make([]refundItemWire, 0, len(r.Items)),
	}
	for _, it := range r.Items {
		w := refundItemWire{ItemType: it.Type, ItemID: it.ItemID, Quantity: it.Quantity, RequestedAmount: it.Amount.Float(), Reason: it.Reason}
		if single {
			w.RequestedAmount = nil
			if it.Requested {
				w.RequestedAmount = strconv.FormatFloat(it.Amount.Cents().Float(), 'f', 2, 64)
			}
		}
		out.Items = append(out.Items, w)
	}
	for _, p := range o.RefundPayments(r) {
		out.Payments = append(out.Payments, refundPayment{ID: p.ID, ProviderID: p.ProviderID, Amount: p.Amount.Float(), Offline: p.Offline})
	}
	return out
}

// refundQuoteWire is RefundQuote_Full.
type refundQuoteWire struct {
	OrderID              int                   `json:"order_id"`
	TotalRefundAmount    float64               `json:"total_refund_amount"`
	TotalRefundTaxAmount float64               `json:"total_refund_tax_amount"`
	OrderLevelAmount     float64               `json:"order_level_refund_amount"`
	Rounding             float64               `json:"rounding"`
	Adjustment           float64               `json:"adjustment"`
	TaxInclusive         bool                  `json:"tax_inclusive"`
	RefundMethods        [][]paymentOptionWire `json:"refund_methods"`
}

type paymentOptionWire struct {
	ProviderID          string  `json:"provider_id"`
	ProviderDescription string  `json:"provider_description"`
	Amount              float64 `json:"amount"`
	Offline             bool    `json:"offline"`
	OfflineProvider     bool    `json:"offline_provider"`
	OfflineReason       string  `json:"offline_reason"`
}

// refundQuoteOf converts a quote. Its total includes the products' tax
// (tax_inclusive); adjustment is 0, since a quote for more than is left
// is refused rather than cut down.
func refundQuoteOf(q *shop.RefundQuote) refundQuoteWire {
	out := refundQuoteWire{
		OrderID: q.OrderID, TotalRefundAmount: q.Total.Float(), TotalRefundTaxAmount: q.Tax.Float(),
		OrderLevelAmount: q.OrderLevel.Float(), Rounding: q.Rounding.Float(), TaxInclusive: true,
		RefundMethods: make([][]paymentOptionWire, 0, len(q.Methods)),
	}
	for _, m := range q.Methods {
		method := make([]paymentOptionWire, 0, len(m))
		for _, p := range m {
			method = append(method, paymentOptionWire{ProviderID: p.ProviderID, ProviderDescription: p.Description, Amount: p.Amount.Float(),
				Offline: p.Offline, OfflineProvider: p.OfflineProvider, OfflineReason: p.OfflineReason})
		}
		out.RefundMethods = append(out.RefundMethods, method)
	}
	return out
}

// jsonInt reads an integer field of a validated JSON body; 0 when absent.
func jsonInt(obj map[string]any, key string) int {
	switch v := obj[key].(type) {
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return int(v)
		}
	case json.Number:
		n, _ := strconv.Atoi(v.String())
		return n
	}
	return 0
}

// jsonString reads a string field of a validated JSON body; "" when absent.
func jsonString(obj map[string]any, key string) string {
	s, _ := obj[key].(string)
	return s
}

// jsonMoney reads an amount of a validated JSON body (a number, decoded
// as json.Number); ok is false when it is absent or not a whole number of
// ten-thousandths.
func jsonMoney(obj map[string]any, key string) (m shop.Money, present, ok bool) {
	v, present := obj[key]
	if !present {
		return 0, false, false
	}
	if n, isNumber := v.(json.Number); isNumber {
		v = n.String()
	}
	m, ok = shop.MoneyOf(v)
	return m, true, ok
}
