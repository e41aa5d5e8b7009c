package scenarios

import (
	"slices"
	"strconv"
)

// The catalog, customers and channels a scenario seeds (setup.products,
// .categories, .brands, .customers, .channels) and expects
// (expect.products, expect.customers). The runner seeds them through the
// control API's POST /__bcmock/stores/{hash}/seed, one request per store,
// so an entry may name what another section seeds (a product its
// categories and brand, a customer its channels); no event fires.

// SeedProduct is a product a store holds before the first step, as POST
// /v3/catalog/products makes it.
type SeedProduct struct {
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// ID is the product's id. Default: the store's next, from 1. Unique
	// per store.
	ID int `yaml:"id,omitempty"`
	// Name is the product's name, unique in the store (case aside).
	// Required.
	Name string `yaml:"name"`
	// Type is physical (the default) or digital.
	Type string `yaml:"type,omitempty"`
	// SKU is the product's SKU. Default: SKU-{id}.
	SKU string `yaml:"sku,omitempty"`
	// Price is the price, an amount ("12.50"). Default 0.
	Price string `yaml:"price,omitempty"`
	// InventoryLevel is the stock. Given without inventory_tracking, the
	// product is tracked by product.
	InventoryLevel *int `yaml:"inventory_level,omitempty"`
	// InventoryTracking is none, product or variant. Default: none, or as
	// the levels given say.
	InventoryTracking string `yaml:"inventory_tracking,omitempty"`
	// IsVisible is whether the storefront shows it. Default true.
	IsVisible *bool `yaml:"is_visible,omitempty"`
	// Categories are the product's categories (seeded or invented ones).
	Categories []int `yaml:"categories,omitempty"`
	// BrandID is the product's brand; 0 for none.
	BrandID int `yaml:"brand_id,omitempty"`
	// Variants are the product's variants; their option values make its
	// options. Default: the base variant alone.
	Variants []SeedVariant `yaml:"variants,omitempty"`
}

// SeedVariant is one variant of a seeded product.
type SeedVariant struct {
	// SKU is the variant's SKU, unique in the store.
	SKU string `yaml:"sku,omitempty"`
	// Price is the variant's price. Default: the product's.
	Price string `yaml:"price,omitempty"`
	// InventoryLevel is the variant's stock; a level on a variant makes
	// the product tracked by variant.
	InventoryLevel *int `yaml:"inventory_level,omitempty"`
	// OptionValues name the variant's values, {option: Size, label: M}.
	// Required.
	OptionValues []SeedOptionValue `yaml:"option_values"`
}

// SeedOptionValue is one option value of a seeded variant.
type SeedOptionValue struct {
	// Option is the option's display name. Required.
	Option string `yaml:"option"`
	// Label is the value's label. Required.
	Label string `yaml:"label"`
}

// SeedCategory is a category a store holds before the first step.
type SeedCategory struct {
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// ID is the category's id. Default: the store's next, from 1.
	ID int `yaml:"id,omitempty"`
	// Name is the category's name. Required.
	Name string `yaml:"name"`
	// ParentID is the parent category; 0 (the default) is the top.
	ParentID int `yaml:"parent_id,omitempty"`
	// TreeID is the category tree. Default 1, the default channel's.
	TreeID int `yaml:"tree_id,omitempty"`
	// IsVisible is whether the storefront shows it. Default true.
	IsVisible *bool `yaml:"is_visible,omitempty"`
}

// SeedBrand is a brand a store holds before the first step.
type SeedBrand struct {
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// ID is the brand's id. Default: the store's next, from 1.
	ID int `yaml:"id,omitempty"`
	// Name is the brand's name, unique in the store. Required.
	Name string `yaml:"name"`
}

// SeedCustomer is a customer a store holds before the first step, as
// POST /v3/customers makes it.
type SeedCustomer struct {
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// ID is the customer's id. Default: the store's next, from 1.
	ID int `yaml:"id,omitempty"`
	// Email is the customer's email, unique in the store. Required.
	Email string `yaml:"email"`
	// FirstName and LastName are required.
	FirstName string `yaml:"first_name"`
	LastName  string `yaml:"last_name"`
	// Company and Phone are optional.
	Company string `yaml:"company,omitempty"`
	Phone   string `yaml:"phone,omitempty"`
	// CustomerGroupID is the customer's group; 0 for none.
	CustomerGroupID int `yaml:"customer_group_id,omitempty"`
	// ChannelIDs are the channels the customer can log in to (1, or
	// channels of setup.channels). Default [1].
	ChannelIDs []int `yaml:"channel_ids,omitempty"`
	// Addresses are the customer's address book.
	Addresses []SeedCustomerAddress `yaml:"addresses,omitempty"`
}

// SeedCustomerAddress is one address of a seeded customer.
type SeedCustomerAddress struct {
	// FirstName, LastName, Address1, City and CountryCode are required.
	FirstName       string `yaml:"first_name"`
	LastName        string `yaml:"last_name"`
	Address1        string `yaml:"address1"`
	Address2        string `yaml:"address2,omitempty"`
	City            string `yaml:"city"`
	StateOrProvince string `yaml:"state_or_province,omitempty"`
	PostalCode      string `yaml:"postal_code,omitempty"`
	// CountryCode is the ISO 3166-1 alpha-2 code ("US").
	CountryCode string `yaml:"country_code"`
	Phone       string `yaml:"phone,omitempty"`
	// AddressType is residential (the default) or commercial.
	AddressType string `yaml:"address_type,omitempty"`
}

// SeedChannel is a sales channel a store holds before the first step
// (channel 1, the default storefront, always exists).
type SeedChannel struct {
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// ID is the channel's id. Default: the store's next, from 2.
	ID int `yaml:"id,omitempty"`
	// Name is the channel's name, unique in the store. Required.
	Name string `yaml:"name"`
	// Type is storefront, marketplace, pos or marketing. Required.
	Type string `yaml:"type"`
	// Platform is the channel's platform ("amazon"). Required.
	Platform string `yaml:"platform"`
	// Status is the channel's status. Default active.
	Status string `yaml:"status,omitempty"`
}

// ProductExpectation says what must be true of one product of a store.
// Each field left out is not checked.
type ProductExpectation struct {
	// ID is the product. Required.
	ID int `yaml:"id"`
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// Exists is whether the store holds the product: false after
	// store/product/deleted. Nil: true. With false, no other condition
	// is allowed.
	Exists *bool `yaml:"exists,omitempty"`
	// Name is the product's name.
	Name *string `yaml:"name,omitempty"`
	// Price is the product's price, an amount compared as a number.
	Price string `yaml:"price,omitempty"`
	// InventoryLevel is the product's stock (for a variant-tracked
	// product, the sum of its variants').
	InventoryLevel *int `yaml:"inventory_level,omitempty"`
	// Variants is how many variants the product has (1: its base
	// variant).
	Variants *int `yaml:"variants,omitempty"`
}

// CustomerExpectation says what must be true of one customer of a store.
// Each field left out is not checked.
type CustomerExpectation struct {
	// ID is the customer. Required.
	ID int `yaml:"id"`
	// Store is the store hash. Default: the only store.
	Store string `yaml:"store,omitempty"`
	// Exists is whether the store holds the customer: false after
	// store/customer/deleted. Nil: true. With false, no other condition
	// is allowed.
	Exists *bool `yaml:"exists,omitempty"`
	// Email is the customer's email.
	Email *string `yaml:"email,omitempty"`
	// Addresses is how many addresses the customer has.
	Addresses *int `yaml:"addresses,omitempty"`
	// ChannelIDs are the channels the customer can log in to, in order.
	ChannelIDs *[]int `yaml:"channel_ids,omitempty"`
}

// entityDefaults fills the stores of the seeded entities.
func (su *Setup) entityDefaults() {
	store := su.defaultStore()
	for i := range su.Products {
		su.Products[i].Store = orDefault(su.Products[i].Store, store)
	}
	for i := range su.Categories {
		su.Categories[i].Store = orDefault(su.Categories[i].Store, store)
	}
	for i := range su.Brands {
		su.Brands[i].Store = orDefault(su.Brands[i].Store, store)
	}
	for i := range su.Customers {
		su.Customers[i].Store = orDefault(su.Customers[i].Store, store)
	}
	for i := range su.Channels {
		su.Channels[i].Store = orDefault(su.Channels[i].Store, store)
	}
}

// entityDefaults fills the stores and exists of the entity expectations.
func (e *Expect) entityDefaults(su *Setup) {
	for i := range e.Products {
		x := &e.Products[i]
		x.Store = orDefault(x.Store, su.defaultStore())
		if x.Exists == nil {
			x.Exists = ptr(true)
		}
	}
	for i := range e.Customers {
		x := &e.Customers[i]
		x.Store = orDefault(x.Store, su.defaultStore())
		if x.Exists == nil {
			x.Exists = ptr(true)
		}
	}
}

// field is one field of a seed or expectation a check looks at.
type field struct {
	key string
	set bool
}

// entitySeeds checks the setup's catalog, customers and channels: known
// stores, ids unique per store and kind, the fields each write requires.
func (c *checker) entitySeeds() {
	su := &c.s.Setup
	ids := map[[3]string]string{}
	seed := func(kind, path, store string, id int, required []field) {
		c.storeRef(path+".store", store, true)
		if id < 0 {
			c.add(path+".id", "id must be 1 or more, got "+strconv.Itoa(id), "")
		}
		if id > 0 {
			key := [3]string{kind, store, strconv.Itoa(id)}
			if first, dup := ids[key]; dup {
				c.add(path+".id", kind+" "+key[2]+" is seeded twice", "the first is "+first)
			}
			ids[key] = path
		}
		for _, f := range required {
			if !f.set {
				c.add(path+"."+f.key, f.key+" is required", "")
			}
		}
	}
	for i, p := range su.Products {
		path := index("setup.products", i)
		seed("product", path, p.Store, p.ID, []field{{"name", p.Name != ""}})
		c.amount(path+".price", p.Price)
		c.allowed(path+".type", p.Type, "physical", "digital")
		c.allowed(path+".inventory_tracking", p.InventoryTracking, "none", "product", "variant")
		for j, v := range p.Variants {
			vp := index(path+".variants", j)
			c.amount(vp+".price", v.Price)
			if len(v.OptionValues) == 0 {
				c.add(vp+".option_values", "a variant needs option values", "e.g. option_values: [{option: Size, label: M}]")
			}
			for k, ov := range v.OptionValues {
				op := index(vp+".option_values", k)
				if ov.Option == "" || ov.Label == "" {
					c.add(op, "an option value needs option and label", "e.g. {option: Size, label: M}")
				}
			}
		}
	}
	for i, x := range su.Categories {
		seed("category", index("setup.categories", i), x.Store, x.ID, []field{{"name", x.Name != ""}})
	}
	for i, x := range su.Brands {
		seed("brand", index("setup.brands", i), x.Store, x.ID, []field{{"name", x.Name != ""}})
	}
	for i, x := range su.Customers {
		path := index("setup.customers", i)
		seed("customer", path, x.Store, x.ID, []field{{"email", x.Email != ""}, {"first_name", x.FirstName != ""}, {"last_name", x.LastName != ""}})
		for j, a := range x.Addresses {
			ap := index(path+".addresses", j)
			for _, f := range []field{{"first_name", a.FirstName != ""}, {"last_name", a.LastName != ""}, {"address1", a.Address1 != ""},
				{"city", a.City != ""}, {"country_code", a.CountryCode != ""}} {
				if !f.set {
					c.add(ap+"."+f.key, f.key+" is required", "")
				}
			}
			c.allowed(ap+".address_type", a.AddressType, "residential", "commercial")
		}
	}
	for i, x := range su.Channels {
		path := index("setup.channels", i)
		seed("channel", path, x.Store, x.ID, []field{{"name", x.Name != ""}, {"type", x.Type != ""}, {"platform", x.Platform != ""}})
		if x.ID == 1 {
			c.add(path+".id", "channel 1 is the default storefront, which every store has", "give another id, or leave it out")
		}
		c.allowed(path+".type", x.Type, "storefront", "marketplace", "pos", "marketing")
	}
}

// allowed checks that a value, when given, is one of values.
func (c *checker) allowed(path, v string, values ...string) {
	if v != "" && !slices.Contains(values, v) {
		c.add(path, "want "+oneOf(values)+", got "+strconv.Quote(v), "")
	}
}

// entityExpectation checks a product or customer expectation: an id, a
// known store, and no condition beside exists: false.
func (c *checker) entityExpectation(path, kind, store string, id int, exists *bool, conditions []field) {
	c.storeRef(path+".store", store, true)
	if id < 1 {
		c.add(path+".id", "id must be a "+kind+" id (1 or more), got "+strconv.Itoa(id), "")
	}
	if exists != nil && !*exists {
		for _, k := range conditions {
			if k.set {
				c.add(path+"."+k.key, "a "+kind+" that must not exist has no "+k.key, "drop exists: false or "+k.key)
			}
		}
	}
}

func (c *checker) productExpectation(path string, x ProductExpectation) {
	c.entityExpectation(path, "product", x.Store, x.ID, x.Exists, []field{{"name", x.Name != nil}, {"price", x.Price != ""},
		{"inventory_level", x.InventoryLevel != nil}, {"variants", x.Variants != nil}})
	c.amount(path+".price", x.Price)
}

func (c *checker) customerExpectation(path string, x CustomerExpectation) {
	c.entityExpectation(path, "customer", x.Store, x.ID, x.Exists, []field{{"email", x.Email != nil}, {"addresses", x.Addresses != nil},
		{"channel_ids", x.ChannelIDs != nil}})
}
