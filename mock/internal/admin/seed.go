package admin

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// seedStore puts the catalog, customers and channels of one Seed in the
// store, through the model's writes with their events dropped, section
// by section in dependency order (channels, brands, categories, products,
// customers, subscribers). The first refusal answers, naming the entry.
func (a *Admin) seedStore(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	var body adminapi.Seed
	if !decode(w, r, &body) {
		return
	}
	out := emptyState(in.Param("store_hash"))
	_, err := a.cfg.Shop.Write(out.StoreHash, func(st *shop.Store) ([]shop.Event, error) {
		steps := []func() error{
			seedAll("channels", body.Channels, func(x adminapi.SeedChannel) error {
				c, err := st.SeedChannel(x.ID, shop.ChannelInput{Name: opt(x.Name), Type: opt(x.Type), Platform: opt(x.Platform), Status: opt(x.Status)})
				if err == nil {
					out.Channels = append(out.Channels, wireChannel(c))
				}
				return err
			}),
			seedAll("brands", body.Brands, func(x adminapi.SeedBrand) error {
				b, err := st.SeedBrand(x.ID, shop.BrandInput{Name: opt(x.Name)})
				if err == nil {
					out.Brands = append(out.Brands, wireBrand(b))
				}
				return err
			}),
			seedAll("categories", body.Categories, func(x adminapi.SeedCategory) error {
				c, err := st.SeedCategory(x.ID, shop.CategoryInput{Name: opt(x.Name), ParentID: opt(x.ParentID), TreeID: opt(x.TreeID),
					Visible: x.IsVisible, SortOrder: opt(x.SortOrder), Description: opt(x.Description)})
				if err == nil {
					out.Categories = append(out.Categories, wireCategory(c))
				}
				return err
			}),
			seedAll("products", body.Products, func(x adminapi.SeedProduct) error {
				p, err := st.SeedProduct(x.ID, productInput(x))
				if err == nil {
					out.Products = append(out.Products, wireProduct(p))
				}
				return err
			}),
			seedAll("customers", body.Customers, func(x adminapi.SeedCustomer) error {
				c, err := st.SeedCustomer(x.ID, customerInput(x))
				if err == nil {
					out.Customers = append(out.Customers, wireCustomer(c))
				}
				return err
			}),
			seedAll("subscribers", body.Subscribers, func(x adminapi.SeedSubscriber) error {
				s, err := st.SeedSubscriber(x.ID, shop.SubscriberInput{Email: opt(x.Email), FirstName: opt(x.FirstName), LastName: opt(x.LastName),
					Source: opt(x.Source), OrderID: opt(x.OrderID), ChannelID: opt(x.ChannelID)})
				if err == nil {
					out.Subscribers = append(out.Subscribers, wireSubscriber(s))
				}
				return err
			}),
		}
		for _, step := range steps {
			if err := step(); err != nil {
				return nil, err
			}
		}
		return nil, nil
	})
	if err != nil {
		WriteError(w, modelError(err))
		return
	}
	gateway.WriteJSON(w, http.StatusCreated, out)
}

// seedAll returns a step seeding each entry of a section, which fails
// with the first entry's error, named "section[i]: ...".
func seedAll[T any](section string, xs []T, seed func(T) error) func() error {
	return func() error {
		for i, x := range xs {
			if err := seed(x); err != nil {
				return fmt.Errorf("%s[%d]: %w", section, i, err)
			}
		}
		return nil
	}
}

// opt is v as a given field, nil for the zero value (left out).
func opt[T comparable](v T) *T {
	var zero T
	if v == zero {
		return nil
	}
	return &v
}

func productInput(x adminapi.SeedProduct) shop.ProductInput {
	in := shop.ProductInput{Name: opt(x.Name), Type: opt(x.Type), SKU: opt(x.SKU), Price: &x.Price, SalePrice: x.SalePrice,
		Weight: &x.Weight, InventoryLevel: x.InventoryLevel, InventoryWarning: x.InventoryWarningLevel, Tracking: opt(x.InventoryTracking),
		Visible: x.IsVisible, BrandID: opt(x.BrandID)}
	if x.Categories != nil {
		in.Categories = &x.Categories
	}
	for _, v := range x.Variants {
		vi := shop.VariantInput{SKU: opt(v.SKU), Price: v.Price, InventoryLevel: v.InventoryLevel}
		for _, ov := range v.OptionValues {
			vi.OptionValues = append(vi.OptionValues, shop.OptionValueChoice{DisplayName: ov.OptionDisplayName, Label: ov.Label})
		}
		in.Variants = append(in.Variants, vi)
	}
	return in
}

func customerInput(x adminapi.SeedCustomer) shop.CustomerInput {
	in := shop.CustomerInput{Email: opt(x.Email), FirstName: opt(x.FirstName), LastName: opt(x.LastName), Company: opt(x.Company),
		Phone: opt(x.Phone), GroupID: opt(x.CustomerGroupID), OriginChannelID: opt(x.OriginChannelID)}
	if x.ChannelIDs != nil {
		in.ChannelIDs = &x.ChannelIDs
	}
	for _, a := range x.Addresses {
		in.Addresses = append(in.Addresses, shop.CustomerAddressInput{FirstName: opt(a.FirstName), LastName: opt(a.LastName),
			Company: opt(a.Company), Address1: opt(a.Address1), Address2: opt(a.Address2), City: opt(a.City), State: opt(a.StateOrProvince),
			PostalCode: opt(a.PostalCode), CountryCode: opt(a.CountryCode), Phone: opt(a.Phone), Type: opt(a.AddressType)})
	}
	return in
}

// emptyState is a state dump with every list empty.
func emptyState(hash string) adminapi.StoreState {
	return adminapi.StoreState{StoreHash: hash, Orders: []adminapi.OrderState{}, Carts: []adminapi.CartState{},
		Products: []adminapi.ProductState{}, Categories: []adminapi.CategoryState{}, Brands: []adminapi.BrandState{},
		Customers: []adminapi.CustomerState{}, Subscribers: []adminapi.SubscriberState{}, Channels: []adminapi.ChannelState{}}
}

// dumpEntities adds the store's catalog, customers, subscribers and
// channels to a state dump.
func dumpEntities(st *shop.Store, out *adminapi.StoreState) {
	for _, p := range st.Products(shop.ProductFilter{}) {
		out.Products = append(out.Products, wireProduct(p))
	}
	for _, c := range st.Categories(nil, nil) {
		out.Categories = append(out.Categories, wireCategory(c))
	}
	for _, b := range st.Brands() {
		out.Brands = append(out.Brands, wireBrand(b))
	}
	for _, c := range st.CustomerList(shop.CustomerFilter{}) {
		out.Customers = append(out.Customers, wireCustomer(c))
	}
	for _, s := range st.SubscriberList(shop.SubscriberFilter{}) {
		out.Subscribers = append(out.Subscribers, wireSubscriber(s))
	}
	for _, c := range st.ChannelList(shop.ChannelFilter{}) {
		out.Channels = append(out.Channels, wireChannel(c))
	}
}

func wireProduct(p *shop.Product) adminapi.ProductState {
	out := adminapi.ProductState{ID: p.ID, Name: p.Name, Type: p.Type, SKU: p.SKU, Price: p.Price.Float(), SalePrice: p.SalePrice.Float(),
		Weight: p.Weight, InventoryLevel: p.InventoryLevel, InventoryWarningLevel: p.InventoryWarning, InventoryTracking: p.Tracking,
		IsVisible: p.Visible, Categories: orEmpty(p.Categories), BrandID: p.BrandID, ChannelIDs: orEmpty(p.Channels),
		DateCreated: wireTime(p.Created), DateModified: wireTime(p.Modified), Variants: make([]adminapi.VariantState, 0, len(p.Variants))}
	for _, v := range p.Variants {
		wv := adminapi.VariantState{ID: v.ID, SKUID: v.SKUID, SKU: v.SKU, Price: p.VariantPrice(v).Float(), InventoryLevel: v.InventoryLevel,
			OptionValues: make([]adminapi.OptionValueState, 0, len(v.OptionValues))}
		for _, ov := range v.OptionValues {
			wv.OptionValues = append(wv.OptionValues, adminapi.OptionValueState{ID: ov.ID, OptionID: ov.OptionID, OptionDisplayName: ov.DisplayName, Label: ov.Label})
		}
		out.Variants = append(out.Variants, wv)
	}
	return out
}

// orEmpty is a copy of ids, never nil.
func orEmpty(ids []int) []int { return append([]int{}, slices.Clip(ids)...) }

func wireCategory(c *shop.Category) adminapi.CategoryState {
	return adminapi.CategoryState{ID: c.ID, TreeID: c.TreeID, ParentID: c.ParentID, Name: c.Name, IsVisible: c.Visible, SortOrder: c.SortOrder, URL: c.URL}
}

func wireBrand(b *shop.Brand) adminapi.BrandState {
	return adminapi.BrandState{ID: b.ID, Name: b.Name, URL: b.URL}
}

func wireCustomer(c *shop.Customer) adminapi.CustomerState {
	p := c.Person
	if p == nil {
		p = &shop.Address{}
	}
	out := adminapi.CustomerState{ID: c.ID, Email: c.Email, FirstName: p.FirstName, LastName: p.LastName, Company: p.Company, Phone: p.Phone,
		CustomerGroupID: c.GroupID, OriginChannelID: c.OriginChannelID, ChannelIDs: orEmpty(c.ChannelIDs),
		DateCreated: wireTime(c.Created), DateModified: wireTime(c.Modified), Addresses: make([]adminapi.CustomerAddressState, 0, len(c.Addresses))}
	for _, a := range c.Addresses {
		ad := a.Address
		if ad == nil {
			ad = &shop.Address{}
		}
		out.Addresses = append(out.Addresses, adminapi.CustomerAddressState{ID: a.ID, FirstName: ad.FirstName, LastName: ad.LastName,
			Company: ad.Company, Address1: ad.Street1, Address2: ad.Street2, City: ad.City, StateOrProvince: ad.State, PostalCode: ad.Zip,
			CountryCode: ad.CountryISO2, Phone: ad.Phone, AddressType: a.Type})
	}
	return out
}

func wireSubscriber(s *shop.Subscriber) adminapi.SubscriberState {
	return adminapi.SubscriberState{ID: s.ID, Email: s.Email, FirstName: s.FirstName, LastName: s.LastName, Source: s.Source, OrderID: s.OrderID, ChannelID: s.ChannelID}
}

func wireChannel(c *shop.Channel) adminapi.ChannelState {
	return adminapi.ChannelState{ID: c.ID, Name: c.Name, Type: c.Type, Platform: c.Platform, Status: c.Status}
}
