package adminapi

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// Seeding the catalog, customers and channels: POST
// /__bcmock/stores/{store_hash}/seed takes one Seed of typed sections and
// puts every entity in place without any event, as the v3 API's POST
// would make it (so with the same refusals). Field names are v3's;
// catalog prices are numbers, as v3 gives them.

// Seed is the body of POST /__bcmock/stores/{store_hash}/seed. The
// sections are applied in the order of the fields, so a product can name
// the categories and brand of the same Seed and a customer its channels.
// The first entry the store refuses answers 422 naming it
// ("products[1]: invalid: name: required"); the entries before it stay seeded.
type Seed struct {
	Channels    []SeedChannel    `json:"channels,omitempty"`
	Brands      []SeedBrand      `json:"brands,omitempty"`
	Categories  []SeedCategory   `json:"categories,omitempty"`
	Products    []SeedProduct    `json:"products,omitempty"`
	Customers   []SeedCustomer   `json:"customers,omitempty"`
	Subscribers []SeedSubscriber `json:"subscribers,omitempty"`
}

// SeedProduct is a product to seed, as POST /v3/catalog/products takes
// it. Name is required and unique in the store, case aside (as
// BigCommerce's 409 has it: an entry naming a product the store holds, or
// an earlier entry, is refused naming that product); type defaults to
// physical and weight to 0. A
// product given a level and no inventory_tracking is tracked by product,
// or by variant when it has variants. Without variants it has its base
// variant.
type SeedProduct struct {
	// ID is the product's id; 0: the store's next (from 1). An id the
	// store holds is refused.
	ID                    int           `json:"id,omitempty"`
	Name                  string        `json:"name,omitempty"`
	Type                  string        `json:"type,omitempty"`
	SKU                   string        `json:"sku,omitempty"`
	Price                 float64       `json:"price"`
	SalePrice             *float64      `json:"sale_price,omitempty"`
	Weight                float64       `json:"weight,omitempty"`
	InventoryLevel        *int          `json:"inventory_level,omitempty"`
	InventoryWarningLevel *int          `json:"inventory_warning_level,omitempty"`
	InventoryTracking     string        `json:"inventory_tracking,omitempty"`
	IsVisible             *bool         `json:"is_visible,omitempty"`
	Categories            []int         `json:"categories,omitempty"`
	BrandID               int           `json:"brand_id,omitempty"`
	Variants              []SeedVariant `json:"variants,omitempty"`
}

// SeedVariant is one variant of a seeded product: its option values make
// the product's options.
type SeedVariant struct {
	SKU            string            `json:"sku,omitempty"`
	Price          *float64          `json:"price,omitempty"`
	InventoryLevel *int              `json:"inventory_level,omitempty"`
	OptionValues   []SeedOptionValue `json:"option_values,omitempty"`
}

// SeedOptionValue names an option value of a variant: the option's display
// name and the value's label ("Size", "M").
type SeedOptionValue struct {
	OptionDisplayName string `json:"option_display_name"`
	Label             string `json:"label"`
}

// SeedCategory is a category to seed; name is required, the tree is the
// default one (1) unless given, parent_id 0 is the top.
type SeedCategory struct {
	ID          int    `json:"id,omitempty"`
	Name        string `json:"name,omitempty"`
	ParentID    int    `json:"parent_id,omitempty"`
	TreeID      int    `json:"tree_id,omitempty"`
	IsVisible   *bool  `json:"is_visible,omitempty"`
	SortOrder   int    `json:"sort_order,omitempty"`
	Description string `json:"description,omitempty"`
}

// SeedBrand is a brand to seed; name is required and unique.
type SeedBrand struct {
	ID   int    `json:"id,omitempty"`
	Name string `json:"name,omitempty"`
}

// SeedCustomer is a customer to seed, as POST /v3/customers takes one:
// email (unique), first_name and last_name are required. Channel ids must
// name channels the store holds (1 always; seed others first).
type SeedCustomer struct {
	ID              int                   `json:"id,omitempty"`
	Email           string                `json:"email,omitempty"`
	FirstName       string                `json:"first_name,omitempty"`
	LastName        string                `json:"last_name,omitempty"`
	Company         string                `json:"company,omitempty"`
	Phone           string                `json:"phone,omitempty"`
	CustomerGroupID int                   `json:"customer_group_id,omitempty"`
	OriginChannelID int                   `json:"origin_channel_id,omitempty"`
	ChannelIDs      []int                 `json:"channel_ids,omitempty"`
	Addresses       []SeedCustomerAddress `json:"addresses,omitempty"`
}

// SeedCustomerAddress is one address of a seeded customer: first_name,
// last_name, address1, city and country_code are required.
type SeedCustomerAddress struct {
	FirstName       string `json:"first_name,omitempty"`
	LastName        string `json:"last_name,omitempty"`
	Company         string `json:"company,omitempty"`
	Address1        string `json:"address1,omitempty"`
	Address2        string `json:"address2,omitempty"`
	City            string `json:"city,omitempty"`
	StateOrProvince string `json:"state_or_province,omitempty"`
	PostalCode      string `json:"postal_code,omitempty"`
	CountryCode     string `json:"country_code,omitempty"`
	Phone           string `json:"phone,omitempty"`
	AddressType     string `json:"address_type,omitempty"`
}

// SeedSubscriber is a newsletter subscriber to seed; email is required.
type SeedSubscriber struct {
	ID        int    `json:"id,omitempty"`
	Email     string `json:"email,omitempty"`
	FirstName string `json:"first_name,omitempty"`
	LastName  string `json:"last_name,omitempty"`
	Source    string `json:"source,omitempty"`
	OrderID   int    `json:"order_id,omitempty"`
	ChannelID int    `json:"channel_id,omitempty"`
}

// SeedChannel is a sales channel to seed: name (unique), type and platform
// are required; status is active unless given. Channel 1 always exists.
type SeedChannel struct {
	ID       int    `json:"id,omitempty"`
	Name     string `json:"name,omitempty"`
	Type     string `json:"type,omitempty"`
	Platform string `json:"platform,omitempty"`
	Status   string `json:"status,omitempty"`
}

// ProductState is one product of a store.
type ProductState struct {
	ID                    int            `json:"id"`
	Name                  string         `json:"name"`
	Type                  string         `json:"type"`
	SKU                   string         `json:"sku"`
	Price                 float64        `json:"price"`
	SalePrice             float64        `json:"sale_price"`
	Weight                float64        `json:"weight"`
	InventoryLevel        int            `json:"inventory_level"`
	InventoryWarningLevel int            `json:"inventory_warning_level"`
	InventoryTracking     string         `json:"inventory_tracking"`
	IsVisible             bool           `json:"is_visible"`
	Categories            []int          `json:"categories"`
	BrandID               int            `json:"brand_id"`
	ChannelIDs            []int          `json:"channel_ids"`
	DateCreated           time.Time      `json:"date_created"`
	DateModified          time.Time      `json:"date_modified"`
	Variants              []VariantState `json:"variants"`
}

// VariantState is one variant of a product; sku_id is 0 for a base
// variant (null in v3).
type VariantState struct {
	ID             int                `json:"id"`
	SKUID          int                `json:"sku_id"`
	SKU            string             `json:"sku"`
	Price          float64            `json:"price"`
	InventoryLevel int                `json:"inventory_level"`
	OptionValues   []OptionValueState `json:"option_values"`
}

// OptionValueState is one option value of a variant.
type OptionValueState struct {
	ID                int    `json:"id"`
	OptionID          int    `json:"option_id"`
	OptionDisplayName string `json:"option_display_name"`
	Label             string `json:"label"`
}

// CategoryState is one category of a store.
type CategoryState struct {
	ID        int    `json:"id"`
	TreeID    int    `json:"tree_id"`
	ParentID  int    `json:"parent_id"`
	Name      string `json:"name"`
	IsVisible bool   `json:"is_visible"`
	SortOrder int    `json:"sort_order"`
	URL       string `json:"url"`
}

// BrandState is one brand of a store.
type BrandState struct {
	ID   int    `json:"id"`
	Name string `json:"name"`
	URL  string `json:"url"`
}

// CustomerState is one customer of a store, with its address book.
type CustomerState struct {
	ID              int                    `json:"id"`
	Email           string                 `json:"email"`
	FirstName       string                 `json:"first_name"`
	LastName        string                 `json:"last_name"`
	Company         string                 `json:"company"`
	Phone           string                 `json:"phone"`
	CustomerGroupID int                    `json:"customer_group_id"`
	OriginChannelID int                    `json:"origin_channel_id"`
	ChannelIDs      []int                  `json:"channel_ids"`
	DateCreated     time.Time              `json:"date_created"`
	DateModified    time.Time              `json:"date_modified"`
	Addresses       []CustomerAddressState `json:"addresses"`
}

// CustomerAddressState is one address of a customer.
type CustomerAddressState struct {
	ID              int    `json:"id"`
	FirstName       string `json:"first_name"`
	LastName        string `json:"last_name"`
	Company         string `json:"company"`
	Address1        string `json:"address1"`
	Address2        string `json:"address2"`
	City            string `json:"city"`
	StateOrProvince string `json:"state_or_province"`
	PostalCode      string `json:"postal_code"`
	CountryCode     string `json:"country_code"`
	Phone           string `json:"phone"`
	AddressType     string `json:"address_type"`
}

// SubscriberState is one newsletter subscriber of a store.
type SubscriberState struct {
	ID        int    `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"first_name"`
	LastName  string `json:"last_name"`
	Source    string `json:"source"`
	OrderID   int    `json:"order_id"`
	ChannelID int    `json:"channel_id"`
}

// ChannelState is one sales channel of a store.
type ChannelState struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Type     string `json:"type"`
	Platform string `json:"platform"`
	Status   string `json:"status"`
}

// byID returns the element of xs whose id is id, or nil.
func byID[T any](xs []T, id int, idOf func(*T) int) *T {
	for i := range xs {
		if idOf(&xs[i]) == id {
			return &xs[i]
		}
	}
	return nil
}

// Product returns the product with id, or nil.
func (s StoreState) Product(id int) *ProductState {
	return byID(s.Products, id, func(p *ProductState) int { return p.ID })
}

// Customer returns the customer with id, or nil.
func (s StoreState) Customer(id int) *CustomerState {
	return byID(s.Customers, id, func(c *CustomerState) int { return c.ID })
}

// Category returns the category with id, or nil.
func (s StoreState) Category(id int) *CategoryState {
	return byID(s.Categories, id, func(c *CategoryState) int { return c.ID })
}

// Channel returns the channel with id, or nil.
func (s StoreState) Channel(id int) *ChannelState {
	return byID(s.Channels, id, func(c *ChannelState) int { return c.ID })
}

// Seed puts the catalog, customers and channels of seed in the store
// without firing any event. It returns what it seeded as the store holds
// it: a StoreState with only those entities (no orders or carts).
func (c *Client) Seed(ctx context.Context, storeHash string, seed Seed) (StoreState, error) {
	var out StoreState
	if err := c.do(ctx, http.MethodPost, storePath(storeHash)+"/seed", seed, http.StatusCreated, &out); err != nil {
		return StoreState{}, fmt.Errorf("seed store %s: %w", storeHash, err)
	}
	return out, nil
}
