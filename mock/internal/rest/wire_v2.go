package rest

import (
	"encoding/json"
	"math"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// The v2 orders wire: the model's entities in BigCommerce's v2 shapes
// (reference: bigcommerce-rest.md §2.1 to §2.6), and the JSON bodies of
// the v2 writes mapped to the model's inputs. Money is a string with four
// decimals, dates are RFC 2822; a nullable field BigCommerce sends null is
// a pointer left nil.

// APIBase is the origin of the links v2 orders carry: BigCommerce's own,
// so a link reads as it would from a real store.
const APIBase = "https://api.bigcommerce.com"

// v2Date renders a date as v2 does: "Tue, 05 Mar 2019 21:40:11 +0000".
func v2Date(t time.Time) string { return t.UTC().Format(time.RFC1123Z) }

// zero is v2's zero amount.
var zero = shop.Money(0).Decimal()

type v2Link struct {
	URL      string `json:"url"`
	Resource string `json:"resource"`
}

// link is the {url, resource} of an order's sub-resource: an absolute
// URL at BigCommerce's API host, and the path under /v2.
func link(hash string, orderID int, sub string) v2Link {
	res := "/orders/" + strconv.Itoa(orderID) + "/" + sub
	return v2Link{URL: APIBase + "/stores/" + hash + "/v2" + res, Resource: res}
}

type v2Address struct {
	FirstName   string `json:"first_name"`
	LastName    string `json:"last_name"`
	Company     string `json:"company"`
	Street1     string `json:"street_1"`
	Street2     string `json:"street_2"`
	City        string `json:"city"`
	State       string `json:"state"`
	Zip         string `json:"zip"`
	Country     string `json:"country"`
	CountryISO2 string `json:"country_iso2"`
	Phone       string `json:"phone"`
	Email       string `json:"email"`
}

func addressOut(a *shop.Address) v2Address {
	if a == nil {
		return v2Address{}
	}
	return v2Address{a.FirstName, a.LastName, a.Company, a.Street1, a.Street2, a.City, a.State, a.Zip, a.Country, a.CountryISO2, a.Phone, a.Email}
}

type v2BillingAddress struct {
	v2Address
	FormFields []any `json:"form_fields"`
}

// v2Order is order_Resp.
type v2Order struct {
	ID                       int              `json:"id"`
	StatusID                 int              `json:"status_id"`
	Status                   string           `json:"status"`
	CustomStatus             string           `json:"custom_status"`
	CustomerID               int              `json:"customer_id"`
	ChannelID                int              `json:"channel_id"`
	CartID                   string           `json:"cart_id"`
	OrderSource              string           `json:"order_source"`
	ExternalSource           *string          `json:"external_source"`
	ExternalID               *string          `json:"external_id"`
	ExternalMerchantID       *string          `json:"external_merchant_id"`
	ExternalOrderID          string           `json:"external_order_id"`
	EbayOrderID              string           `json:"ebay_order_id"`
	IsDeleted                bool             `json:"is_deleted"`
	CustomerLocale           string           `json:"customer_locale"`
	DateCreated              string           `json:"date_created"`
	DateModified             string           `json:"date_modified"`
	DateShipped              string           `json:"date_shipped"`
	SubtotalExTax            string           `json:"subtotal_ex_tax"`
	SubtotalIncTax           string           `json:"subtotal_inc_tax"`
	SubtotalTax              string           `json:"subtotal_tax"`
	BaseShippingCost         string           `json:"base_shipping_cost"`
	ShippingCostExTax        string           `json:"shipping_cost_ex_tax"`
	ShippingCostIncTax       string           `json:"shipping_cost_inc_tax"`
	ShippingCostTax          string           `json:"shipping_cost_tax"`
	ShippingCostTaxClassID   int              `json:"shipping_cost_tax_class_id"`
	BaseHandlingCost         string           `json:"base_handling_cost"`
	HandlingCostExTax        string           `json:"handling_cost_ex_tax"`
	HandlingCostIncTax       string           `json:"handling_cost_inc_tax"`
	HandlingCostTax          string           `json:"handling_cost_tax"`
	HandlingCostTaxClassID   int              `json:"handling_cost_tax_class_id"`
	BaseWrappingCost         string           `json:"base_wrapping_cost"`
	WrappingCostExTax        string           `json:"wrapping_cost_ex_tax"`
	WrappingCostIncTax       string           `json:"wrapping_cost_inc_tax"`
	WrappingCostTax          string           `json:"wrapping_cost_tax"`
	WrappingCostTaxClassID   int              `json:"wrapping_cost_tax_class_id"`
	TotalExTax               string           `json:"total_ex_tax"`
	TotalIncTax              string           `json:"total_inc_tax"`
	TotalTax                 string           `json:"total_tax"`
	RefundedAmount           string           `json:"refunded_amount"`
	StoreCreditAmount        string           `json:"store_credit_amount"`
	GiftCertificateAmount    string           `json:"gift_certificate_amount"`
	DiscountAmount           string           `json:"discount_amount"`
	CouponDiscount           string           `json:"coupon_discount"`
	ItemsTotal               int              `json:"items_total"`
	ItemsShipped             int              `json:"items_shipped"`
	ShippingAddressCount     int              `json:"shipping_address_count"`
	PaymentMethod            string           `json:"payment_method"`
	PaymentProviderID        string           `json:"payment_provider_id"`
	PaymentStatus            string           `json:"payment_status"`
	IsTaxInclusivePricing    bool             `json:"is_tax_inclusive_pricing"`
	TaxProviderID            string           `json:"tax_provider_id"`
	CurrencyID               int              `json:"currency_id"`
	CurrencyCode             string           `json:"currency_code"`
	CurrencyExchangeRate     string           `json:"currency_exchange_rate"`
	DefaultCurrencyID        int              `json:"default_currency_id"`
	DefaultCurrencyCode      string           `json:"default_currency_code"`
	StoreDefaultCurrencyCode string           `json:"store_default_currency_code"`
	StoreDefaultToTransRate  string           `json:"store_default_to_transactional_exchange_rate"`
	OrderIsDigital           bool             `json:"order_is_digital"`
	IsEmailOptIn             bool             `json:"is_email_opt_in"`
	IPAddress                string           `json:"ip_address"`
	IPAddressV6              string           `json:"ip_address_v6"`
	GeoIPCountry             string           `json:"geoip_country"`
	GeoIPCountryISO2         string           `json:"geoip_country_iso2"`
	StaffNotes               string           `json:"staff_notes"`
	CustomerMessage          string           `json:"customer_message"`
	BillingAddress           v2BillingAddress `json:"billing_address"`
	Products                 v2Link           `json:"products"`
	ShippingAddresses        v2Link           `json:"shipping_addresses"`
	Coupons                  v2Link           `json:"coupons"`
	// Fees is there with include=fees: the order's fees (bcmock's orders
	// have none).
	Fees *[]any `json:"fees,omitempty"`
}

// withIncludes adds to o what the query's include asks for. fees is the
// order's fees; consignments is not served (see NOTES-orders.md).
func withIncludes(o v2Order, q url.Values) v2Order {
	for _, inc := range strings.Split(q.Get("include"), ",") {
		if strings.TrimSpace(inc) == "fees" {
			o.Fees = &[]any{}
		}
	}
	return o
}

// nullable is s, or nil (JSON null) when it is empty.
func nullable(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// orderOut is o as order_Resp. The model's Discount is every discount of
// the order; the coupons' part of it is coupon_discount, the rest
// discount_amount, so total_ex_tax = subtotal_ex_tax + shipping +
// handling − discount_amount − coupon_discount.
func orderOut(hash string, o *shop.Order) v2Order {
	var coupons shop.Money
	for _, c := range o.Coupons {
		coupons += c.Amount
	}
	shipped := ""
	if !o.Shipped.IsZero() {
		shipped = v2Date(o.Shipped)
	}
	shippingTax := o.ShippingTax()
	country, iso := "", ""
	if o.Billing != nil {
		country, iso = o.Billing.Country, o.Billing.CountryISO2
	}
	return v2Order{
		ID: o.ID, StatusID: o.StatusID, Status: o.Status(), CustomStatus: o.Status(),
		CustomerID: o.CustomerID, ChannelID: o.ChannelID, CartID: o.CartID, OrderSource: o.Source,
		ExternalSource: nullable(o.ExternalSource), ExternalID: nullable(o.ExternalID), ExternalOrderID: o.ExternalOrderID, EbayOrderID: "0",
		IsDeleted: o.Deleted, CustomerLocale: "en",
		DateCreated: v2Date(o.Created), DateModified: v2Date(o.Modified), DateShipped: shipped,
		SubtotalExTax: o.Subtotal().Decimal(), SubtotalIncTax: (o.Subtotal() + o.SubtotalTax()).Decimal(),
		SubtotalTax: o.SubtotalTax().Decimal(), BaseShippingCost: o.ShippingCost.Decimal(),
		ShippingCostExTax: o.ShippingCost.Decimal(), ShippingCostIncTax: (o.ShippingCost + shippingTax).Decimal(),
		ShippingCostTax: shippingTax.Decimal(), BaseHandlingCost: o.HandlingCost.Decimal(),
		HandlingCostExTax: o.HandlingCost.Decimal(), HandlingCostIncTax: o.HandlingCost.Decimal(), HandlingCostTax: zero,
		BaseWrappingCost: zero, WrappingCostExTax: zero, WrappingCostIncTax: zero, WrappingCostTax: zero,
		TotalExTax: o.TotalExTax().Decimal(), TotalIncTax: o.TotalIncTax().Decimal(), TotalTax: o.TotalTax().Decimal(),
		RefundedAmount: o.Refunded().Decimal(), StoreCreditAmount: zero, GiftCertificateAmount: zero,
		DiscountAmount: max(o.Discount-coupons, 0).Decimal(), CouponDiscount: coupons.Decimal(),
		ItemsTotal: o.ItemsTotal(), ItemsShipped: o.ItemsShipped(), ShippingAddressCount: len(o.Addresses),
		PaymentMethod: o.PaymentMethod, PaymentStatus: o.PaymentState(), TaxProviderID: "BasicTaxProvider",
		CurrencyID: 1, CurrencyCode: o.Currency, CurrencyExchangeRate: "1.0000000000",
		DefaultCurrencyID: 1, DefaultCurrencyCode: o.Currency, StoreDefaultCurrencyCode: o.Currency,
		StoreDefaultToTransRate: "1.0000000000", IPAddress: o.IPAddress, GeoIPCountry: country, GeoIPCountryISO2: iso,
		StaffNotes: o.StaffNotes, CustomerMessage: o.CustomerMessage,
		BillingAddress:    v2BillingAddress{v2Address: addressOut(o.Billing), FormFields: []any{}},
		Products:          link(hash, o.ID, "products"),
		ShippingAddresses: link(hash, o.ID, "shipping_addresses"),
		Coupons:           link(hash, o.ID, "coupons"),
	}
}

// v2Product is orderProducts, a closed schema: exactly these keys.
type v2Product struct {
	ID                    int     `json:"id"`
	OrderID               int     `json:"order_id"`
	ProductID             int     `json:"product_id"`
	VariantID             int     `json:"variant_id"`
	OrderAddressID        int     `json:"order_address_id"`
	OrderPickupMethodID   int     `json:"order_pickup_method_id"`
	OptionSetID           *int    `json:"option_set_id"`
	ParentOrderProductID  *int    `json:"parent_order_product_id"`
	GiftCertificateID     *int    `json:"gift_certificate_id"`
	ReturnID              int     `json:"return_id"`
	Name                  string  `json:"name"`
	NameCustomer          string  `json:"name_customer"`
	NameMerchant          string  `json:"name_merchant"`
	SKU                   string  `json:"sku"`
	UPC                   string  `json:"upc"`
	Brand                 string  `json:"brand"`
	BinPickingNumber      string  `json:"bin_picking_number"`
	Type                  string  `json:"type"`
	BasePrice             string  `json:"base_price"`
	PriceExTax            string  `json:"price_ex_tax"`
	PriceIncTax           string  `json:"price_inc_tax"`
	PriceTax              string  `json:"price_tax"`
	BaseTotal             string  `json:"base_total"`
	TotalExTax            string  `json:"total_ex_tax"`
	TotalIncTax           string  `json:"total_inc_tax"`
	TotalTax              string  `json:"total_tax"`
	BaseCostPrice         string  `json:"base_cost_price"`
	CostPriceExTax        string  `json:"cost_price_ex_tax"`
	CostPriceIncTax       string  `json:"cost_price_inc_tax"`
	CostPriceTax          string  `json:"cost_price_tax"`
	FixedShippingCost     string  `json:"fixed_shipping_cost"`
	DiscountedTotalIncTax string  `json:"discounted_total_inc_tax"`
	RefundAmount          string  `json:"refund_amount"`
	Weight                float64 `json:"weight"`
	Width                 string  `json:"width"`
	Height                string  `json:"height"`
	Depth                 string  `json:"depth"`
	Quantity              int     `json:"quantity"`
	QuantityShipped       int     `json:"quantity_shipped"`
	QuantityRefunded      int     `json:"quantity_refunded"`
	IsRefunded            bool    `json:"is_refunded"`
	IsBundledProduct      bool    `json:"is_bundled_product"`
	WrappingID            int     `json:"wrapping_id"`
	WrappingName          *string `json:"wrapping_name"`
	BaseWrappingCost      string  `json:"base_wrapping_cost"`
	WrappingCostExTax     string  `json:"wrapping_cost_ex_tax"`
	WrappingCostIncTax    string  `json:"wrapping_cost_inc_tax"`
	WrappingCostTax       string  `json:"wrapping_cost_tax"`
	WrappingMessage       string  `json:"wrapping_message"`
	EventName             *string `json:"event_name"`
	EventDate             *string `json:"event_date"`
	EbayItemID            string  `json:"ebay_item_id"`
	EbayTransactionID     string  `json:"ebay_transaction_id"`
	ExternalID            *string `json:"external_id"`
	AppliedDiscounts      []any   `json:"applied_discounts"`
	ProductOptions        []any   `json:"product_options"`
	ConfigurableFields    []any   `json:"configurable_fields"`
}

func productOut(o *shop.Order, l *shop.Line) v2Product {
	tax := o.LineTax(l)
	inc := l.Price + tax
	total := l.Price.Times(l.Quantity)
	totalTax := tax.Times(l.Quantity)
	return v2Product{
		ID: l.ID, OrderID: o.ID, ProductID: l.ProductID, VariantID: l.VariantID, OrderAddressID: l.AddressID,
		Name: l.Name, NameCustomer: l.Name, NameMerchant: l.Name, SKU: l.SKU, Type: l.Type,
		BasePrice: l.Price.Decimal(), PriceExTax: l.Price.Decimal(), PriceIncTax: inc.Decimal(), PriceTax: tax.Decimal(),
		BaseTotal: total.Decimal(), TotalExTax: total.Decimal(), TotalIncTax: (total + totalTax).Decimal(), TotalTax: totalTax.Decimal(),
		BaseCostPrice: zero, CostPriceExTax: zero, CostPriceIncTax: zero, CostPriceTax: zero, FixedShippingCost: zero,
		DiscountedTotalIncTax: (total + totalTax).Decimal(), RefundAmount: zero,
		Weight: l.Weight, Width: zero, Height: zero, Depth: zero,
		Quantity: l.Quantity, QuantityShipped: l.Shipped, QuantityRefunded: l.Refunded, IsRefunded: l.Refunded > 0 && l.Refunded >= l.Quantity,
		BaseWrappingCost: zero, WrappingCostExTax: zero, WrappingCostIncTax: zero, WrappingCostTax: zero,
		AppliedDiscounts: []any{}, ProductOptions: []any{}, ConfigurableFields: []any{},
	}
}

type v2ShippingAddress struct {
	v2Address
	ID                     int    `json:"id"`
	OrderID                int    `json:"order_id"`
	ItemsTotal             int    `json:"items_total"`
	ItemsShipped           int    `json:"items_shipped"`
	ShippingMethod         string `json:"shipping_method"`
	BaseCost               string `json:"base_cost"`
	CostExTax              string `json:"cost_ex_tax"`
	CostIncTax             string `json:"cost_inc_tax"`
	CostTax                string `json:"cost_tax"`
	CostTaxClassID         int    `json:"cost_tax_class_id"`
	BaseHandlingCost       string `json:"base_handling_cost"`
	HandlingCostExTax      string `json:"handling_cost_ex_tax"`
	HandlingCostIncTax     string `json:"handling_cost_inc_tax"`
	HandlingCostTax        string `json:"handling_cost_tax"`
	HandlingCostTaxClassID int    `json:"handling_cost_tax_class_id"`
	ShippingZoneID         int    `json:"shipping_zone_id"`
	ShippingZoneName       string `json:"shipping_zone_name"`
	ShippingQuotes         v2Link `json:"shipping_quotes"`
	FormFields             []any  `json:"form_fields"`
}

func shippingAddressOut(hash string, o *shop.Order, a *shop.ShippingAddress) v2ShippingAddress {
	total, shipped := o.AddressItems(a.ID)
	tax := a.Cost.Rate(o.TaxRate)
	return v2ShippingAddress{
		v2Address: addressOut(a.Address), ID: a.ID, OrderID: o.ID, ItemsTotal: total, ItemsShipped: shipped,
		ShippingMethod: a.Method, BaseCost: a.Cost.Decimal(), CostExTax: a.Cost.Decimal(),
		CostIncTax: (a.Cost + tax).Decimal(), CostTax: tax.Decimal(),
		BaseHandlingCost: zero, HandlingCostExTax: zero, HandlingCostIncTax: zero, HandlingCostTax: zero,
		ShippingZoneID: 1, ShippingZoneName: "United States",
		ShippingQuotes: link(hash, o.ID, "shipping_addresses/"+strconv.Itoa(a.ID)+"/shipping_quotes"),
		FormFields:     []any{},
	}
}

type v2ShipmentItem struct {
	OrderProductID int `json:"order_product_id"`
	ProductID      int `json:"product_id"`
	Quantity       int `json:"quantity"`
}

type v2Shipment struct {
	ID                          int              `json:"id"`
	OrderID                     int              `json:"order_id"`
	CustomerID                  int              `json:"customer_id"`
	OrderAddressID              int              `json:"order_address_id"`
	DateCreated                 string           `json:"date_created"`
	TrackingNumber              string           `json:"tracking_number"`
	TrackingCarrier             string           `json:"tracking_carrier"`
	TrackingLink                string           `json:"tracking_link"`
	GeneratedTrackingLink       string           `json:"generated_tracking_link"`
	MerchantShippingCost        string           `json:"merchant_shipping_cost"`
	ShippingMethod              string           `json:"shipping_method"`
	ShippingProvider            string           `json:"shipping_provider"`
	ShippingProviderDisplayName string           `json:"shipping_provider_display_name"`
	Comments                    string           `json:"comments"`
	BillingAddress              v2Address        `json:"billing_address"`
	ShippingAddress             v2Address        `json:"shipping_address"`
	Items                       []v2ShipmentItem `json:"items"`
}

func shipmentOut(o *shop.Order, s *shop.Shipment) v2Shipment {
	out := v2Shipment{
		ID: s.ID, OrderID: o.ID, CustomerID: o.CustomerID, OrderAddressID: s.AddressID, DateCreated: v2Date(s.Created),
		TrackingNumber: s.TrackingNumber, TrackingCarrier: s.Carrier, TrackingLink: s.TrackingLink, MerchantShippingCost: s.Cost.Decimal(),
		ShippingMethod: s.Method, ShippingProvider: s.Provider, ShippingProviderDisplayName: providerDisplayName(s.Provider),
		Comments: s.Comments, BillingAddress: addressOut(o.Billing), Items: make([]v2ShipmentItem, len(s.Items)),
	}
	if a := o.Address(s.AddressID); a != nil {
		out.ShippingAddress = addressOut(a.Address)
	}
	for i, it := range s.Items {
		out.Items[i] = v2ShipmentItem{OrderProductID: it.LineID, ProductID: it.ProductID, Quantity: it.Quantity}
	}
	return out
}

// providerNames are the display names of the shipping providers a
// shipment's shipping_provider may name (orders.v2.oas2.yml's enum; its
// example answers "USPS" for usps, the others are the carriers' own
// names). The UPS modules all show as UPS.
var providerNames = map[string]string{
	"auspost":    "Australia Post",
	"canadapost": "Canada Post",
	"endicia":    "Endicia",
	"usps":       "USPS",
	"fedex":      "FedEx",
	"ups":        "UPS",
	"upsready":   "UPS",
	"upsonline":  "UPS",
	"shipperhq":  "ShipperHQ",
	"royalmail":  "Royal Mail",
}

// providerDisplayName is shipping_provider_display_name: the provider's
// display name; a third-party carrier_{id} (whose registered name bcmock
// does not know) and no provider keep the code.
func providerDisplayName(provider string) string {
	if name, ok := providerNames[provider]; ok {
		return name
	}
	return provider
}

type v2Coupon struct {
	ID       int     `json:"id"`
	CouponID int     `json:"coupon_id"`
	OrderID  int     `json:"order_id"`
	Code     string  `json:"code"`
	Amount   string  `json:"amount"`
	Type     int     `json:"type"`
	Discount float64 `json:"discount"`
}

func couponOut(o *shop.Order, c *shop.Coupon) v2Coupon {
	return v2Coupon{ID: c.ID, CouponID: c.CouponID, OrderID: o.ID, Code: c.Code, Amount: c.Amount.Decimal(), Type: c.Type, Discount: c.Amount.Float()}
}

type v2Message struct {
	ID          int            `json:"id"`
	OrderID     int            `json:"order_id"`
	StaffID     int            `json:"staff_id"`
	CustomerID  int            `json:"customer_id"`
	Type        string         `json:"type"`
	Subject     string         `json:"subject"`
	Message     string         `json:"message"`
	Status      string         `json:"status"`
	IsFlagged   bool           `json:"is_flagged"`
	DateCreated string         `json:"date_created"`
	Customer    map[string]any `json:"customer"`
}

func messageOut(o *shop.Order, m *shop.Message) v2Message {
	return v2Message{ID: m.ID, OrderID: o.ID, CustomerID: o.CustomerID, Type: "customer", Subject: m.Subject,
		Message: m.Text, Status: "unread", DateCreated: v2Date(m.Created), Customer: map[string]any{}}
}

type v2Status struct {
	ID                int    `json:"id"`
	Name              string `json:"name"`
	SystemLabel       string `json:"system_label"`
	CustomLabel       string `json:"custom_label"`
	SystemDescription string `json:"system_description"`
	Order             int    `json:"order"`
}

func statusOut(s bigcommerce.OrderStatus) v2Status {
	return v2Status{ID: s.ID, Name: s.Name, SystemLabel: s.Name, CustomLabel: s.Name, SystemDescription: s.Description, Order: s.Sort}
}

type v2StatusCount struct {
	ID                int    `json:"id"`
	Name              string `json:"name"`
	SystemLabel       string `json:"system_label"`
	CustomLabel       string `json:"custom_label"`
	SystemDescription string `json:"system_description"`
	Count             int    `json:"count"`
	SortOrder         int    `json:"sort_order"`
}

type v2Count struct {
	Count    int             `json:"count"`
	Statuses []v2StatusCount `json:"statuses"`
}

// --- the bodies of the writes, mapped to the model's inputs ---

// money reads an amount the document has checked (a number or a decimal
// string); ok is false when there is none or it cannot be one.
func money(obj map[string]any, key string) (*shop.Money, bool) {
	v, present := obj[key]
	if !present {
		return nil, true
	}
	if f, isNumber := number(v); isNumber {
		v = f
	}
	m, ok := shop.MoneyOf(v)
	if !ok {
		return nil, false
	}
	return &m, true
}

func optString(obj map[string]any, key string) *string {
	if s, ok := obj[key].(string); ok {
		return &s
	}
	return nil
}

func optInt(obj map[string]any, key string) *int {
	if f, ok := number(obj[key]); ok && f == math.Trunc(f) && math.Abs(f) < 1<<53 {
		n := int(f)
		return &n
	}
	return nil
}

// number reads a JSON number as validation decoded it.
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	}
	return 0, false
}

func str(obj map[string]any, key string) string {
	s, _ := obj[key].(string)
	return s
}

// addressIn reads a v2 address, over base (the fields not given keep
// base's value).
func addressIn(obj map[string]any, base shop.Address) shop.Address {
	for key, dst := range map[string]*string{
		"first_name": &base.FirstName, "last_name": &base.LastName, "company": &base.Company,
		"street_1": &base.Street1, "street_2": &base.Street2, "city": &base.City, "state": &base.State,
		"zip": &base.Zip, "country": &base.Country, "country_iso2": &base.CountryISO2,
		"phone": &base.Phone, "email": &base.Email,
	} {
		if s, ok := obj[key].(string); ok {
			*dst = s
		}
	}
	return base
}

// inputError names the body field an input cannot be read from.
type inputError struct{ field, problem string }

func (e *inputError) Error() string { return e.field + ": " + e.problem }

// orderIn maps the body of POST or PUT /v2/orders[/{id}] to the model's
// input.
func orderIn(body map[string]any) (shop.OrderInput, error) {
	in := shop.OrderInput{
		StatusID: optInt(body, "status_id"), CustomerID: optInt(body, "customer_id"), ChannelID: optInt(body, "channel_id"),
		CustomerMessage: optString(body, "customer_message"), StaffNotes: optString(body, "staff_notes"),
		PaymentMethod: optString(body, "payment_method"), ExternalSource: optString(body, "external_source"),
		ExternalID: optString(body, "external_id"), ExternalOrderID: optString(body, "external_order_id"),
	}
	if v, ok := body["date_created"].(string); ok {
		t, ok := parseDate(v)
		if !ok {
			return in, &inputError{"date_created", "is not an RFC 2822 date: " + strconv.Quote(v)}
		}
		in.Created = &t
	}
	if b, ok := body["is_deleted"].(bool); ok {
		in.Deleted = &b
	}
	if b, ok := body["billing_address"].(map[string]any); ok {
		a := addressIn(b, shop.Address{})
		in.Billing = &a
	}
	for key, dst := range map[string]**shop.Money{
		"shipping_cost_ex_tax": &in.ShippingCost, "handling_cost_ex_tax": &in.HandlingCost, "discount_amount": &in.Discount,
	} {
		m, ok := money(body, key)
		if !ok {
			return in, &inputError{key, "is not an amount"}
		}
		*dst = m
	}
	products, _ := body["products"].([]any)
	for i, p := range products {
		obj, _ := p.(map[string]any)
		li := shop.LineInput{Name: str(obj, "name"), SKU: str(obj, "sku")}
		if n := optInt(obj, "product_id"); n != nil {
			li.ProductID = *n
		}
		if n := optInt(obj, "quantity"); n != nil {
			li.Quantity = *n
		}
		var ok bool
		if li.Price, ok = money(obj, "price_ex_tax"); !ok {
			return in, &inputError{"products[" + strconv.Itoa(i) + "].price_ex_tax", "is not an amount"}
		}
		if li.PriceIncTax, ok = money(obj, "price_inc_tax"); !ok {
			return in, &inputError{"products[" + strconv.Itoa(i) + "].price_inc_tax", "is not an amount"}
		}
		in.Lines = append(in.Lines, li)
	}
	addrs, _ := body["shipping_addresses"].([]any)
	for i, a := range addrs {
		obj, _ := a.(map[string]any)
		ai := shop.AddressInput{Address: addressIn(obj, shop.Address{}), Method: str(obj, "shipping_method")}
		cost, ok := money(obj, "cost_ex_tax")
		if !ok {
			return in, &inputError{"shipping_addresses[" + strconv.Itoa(i) + "].cost_ex_tax", "is not an amount"}
		}
		if cost == nil {
			if cost, ok = money(obj, "base_cost"); !ok {
				return in, &inputError{"shipping_addresses[" + strconv.Itoa(i) + "].base_cost", "is not an amount"}
			}
		}
		ai.Cost = cost
		in.Addresses = append(in.Addresses, ai)
	}
	return in, nil
}

// shipmentIn maps the body of POST or PUT /v2/orders/{id}/shipments[/{id}].
func shipmentIn(body map[string]any) (shop.ShipmentInput, error) {
	in := shop.ShipmentInput{
		TrackingNumber: optString(body, "tracking_number"), Carrier: optString(body, "tracking_carrier"),
		Provider: optString(body, "shipping_provider"), Method: optString(body, "shipping_method"),
		Comments: optString(body, "comments"), TrackingLink: optString(body, "tracking_link"),
	}
	cost, ok := money(body, "merchant_shipping_cost")
	if !ok {
		return in, &inputError{"merchant_shipping_cost", "is not an amount"}
	}
	in.Cost = cost
	if n := optInt(body, "order_address_id"); n != nil {
		in.AddressID = *n
	}
	items, _ := body["items"].([]any)
	for _, it := range items {
		obj, _ := it.(map[string]any)
		var item shop.ShipmentItem
		if n := optInt(obj, "order_product_id"); n != nil {
			item.LineID = *n
		}
		if n := optInt(obj, "quantity"); n != nil {
			item.Quantity = *n
		}
		in.Items = append(in.Items, item)
	}
	return in, nil
}
