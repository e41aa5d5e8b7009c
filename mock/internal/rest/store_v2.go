package rest

import (
	"net/http"

	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// GET /v2/store and /v2/time (openapi/store-v2.yaml): the bare
// StoreInformation, and the clock. Its id
// is the store hash and its store_id bigcommerce.StoreID of it, so that
// every webhook's producer ("stores/{id}") and store_id agree with it.

func (r *REST) addStoreV2(h map[string]gateway.Handler) {
	h["getStore"] = r.getStore
	h["getTime"] = r.getTime
}

type storeWire struct {
	ID                      string       `json:"id"`
	StoreID                 int64        `json:"store_id"`
	AccountUUID             string       `json:"account_uuid"`
	Domain                  string       `json:"domain"`
	SecureURL               string       `json:"secure_url"`
	ControlPanelBaseURL     string       `json:"control_panel_base_url"`
	Status                  string       `json:"status"`
	Name                    string       `json:"name"`
	FirstName               string       `json:"first_name"`
	LastName                string       `json:"last_name"`
	Address                 string       `json:"address"`
	Country                 string       `json:"country"`
	CountryCode             string       `json:"country_code"`
	Phone                   string       `json:"phone"`
	AdminEmail              string       `json:"admin_email"`
	OrderEmail              string       `json:"order_email"`
	FaviconURL              string       `json:"favicon_url"`
	InfrastructureRegion    string       `json:"infrastructure_region"`
	Timezone                timezoneWire `json:"timezone"`
	Language                string       `json:"language"`
	Currency                string       `json:"currency"`
	CurrencySymbol          string       `json:"currency_symbol"`
	DecimalSeparator        string       `json:"decimal_separator"`
	ThousandsSeparator      string       `json:"thousands_separator"`
	DecimalPlaces           int          `json:"decimal_places"`
	CurrencySymbolLocation  string       `json:"currency_symbol_location"`
	WeightUnits             string       `json:"weight_units"`
	DimensionUnits          string       `json:"dimension_units"`
	DimensionDecimalPlaces  int          `json:"dimension_decimal_places"`
	DimensionDecimalToken   string       `json:"dimension_decimal_token"`
	DimensionThousandsToken string       `json:"dimension_thousands_token"`
	PlanName                string       `json:"plan_name"`
	PlanLevel               string       `json:"plan_level"`
	PlanIsTrial             bool         `json:"plan_is_trial"`
	Industry                string       `json:"industry"`
	Logo                    []struct{}   `json:"logo"`
	IsPriceEnteredWithTax   bool         `json:"is_price_entered_with_tax"`
	DefaultChannelID        int          `json:"default_channel_id"`
	DefaultSiteID           int          `json:"default_site_id"`
	ActiveComparisonModules []struct{}   `json:"active_comparison_modules"`
	Features                featuresWire `json:"features"`
}

type timezoneWire struct {
	Name          string         `json:"name"`
	RawOffset     int            `json:"raw_offset"`
	DSTOffset     int            `json:"dst_offset"`
	DSTCorrection bool           `json:"dst_correction"`
	DateFormat    dateFormatWire `json:"date_format"`
}

type dateFormatWire struct {
	Display         string `json:"display"`
	Export          string `json:"export"`
	ExtendedDisplay string `json:"extended_display"`
}

type featuresWire struct {
	StencilEnabled                bool           `json:"stencil_enabled"`
	SitewideHTTPSEnabled          bool           `json:"sitewidehttps_enabled"`
	FacebookCatalogID             string         `json:"facebook_catalog_id"`
	CheckoutType                  string         `json:"checkout_type"`
	WishlistsEnabled              bool           `json:"wishlists_enabled"`
	GraphQLStorefrontAPIEnabled   bool           `json:"graphql_storefront_api_enabled"`
	ShopperConsentTrackingEnabled bool           `json:"shopper_consent_tracking_enabled"`
	MultiStorefrontEnabled        bool           `json:"multi_storefront_enabled"`
	StorefrontLimits              storefrontWire `json:"storefront_limits"`
}

type storefrontWire struct {
	Active                 int `json:"active"`
	TotalIncludingInactive int `json:"total_including_inactive"`
}

// storeOf converts a store's identity. What the model does not hold is a
// US store's defaults: USD, pounds and inches, UTC, one storefront, no
// logo (BigCommerce answers an empty array then).
func storeOf(id shop.Identity) storeWire {
	return storeWire{
		ID: id.Hash, StoreID: id.StoreID, AccountUUID: id.AccountUUID,
		Domain: id.Domain, SecureURL: "https://" + id.Domain, ControlPanelBaseURL: id.ControlURL,
		Status: "live", Name: id.Name, FirstName: id.FirstName, LastName: id.LastName,
		Address: id.Address, Country: id.Country, CountryCode: id.CountryCode, Phone: id.Phone,
		AdminEmail: id.AdminEmail, OrderEmail: id.OrderEmail, InfrastructureRegion: "us-central1",
		Timezone: timezoneWire{Name: "Etc/UTC", DateFormat: dateFormatWire{Display: "jS M Y", Export: "M jS Y", ExtendedDisplay: "M jS Y @ g:i A"}},
		Language: "en", Currency: "USD", CurrencySymbol: "$", DecimalSeparator: ".", ThousandsSeparator: ",",
		DecimalPlaces: 2, CurrencySymbolLocation: "left", WeightUnits: "LBS", DimensionUnits: "Inches",
		DimensionDecimalPlaces: 2, DimensionDecimalToken: ".", DimensionThousandsToken: ",",
		PlanName: "Standard", PlanLevel: "Standard", Industry: "Retail",
		Logo: []struct{}{}, DefaultChannelID: 1, DefaultSiteID: 1000, ActiveComparisonModules: []struct{}{},
		Features: featuresWire{StencilEnabled: true, SitewideHTTPSEnabled: true, CheckoutType: "optimized",
			WishlistsEnabled: true, GraphQLStorefrontAPIEnabled: true, StorefrontLimits: storefrontWire{Active: 1, TotalIncludingInactive: 1}},
	}
}

func (r *REST) getStore(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	in.JSON(w, http.StatusOK, storeOf(r.cfg.Shop.Identity(storeHash(in))))
}

// getTime answers {time}: the mock's clock (a fake one when the mock runs
// on one), in Unix seconds.
func (r *REST) getTime(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	in.JSON(w, http.StatusOK, map[string]int64{"time": r.cfg.Shop.Now().Unix()})
}
