package runner

import (
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/scenarios"
)

// The setup's catalog, customers and channels go in with one POST
// /__bcmock/stores/{hash}/seed per store (no events fire); product and
// customer expectations read the state dump, as order expectations do.

// seedEntities seeds the setup's products, categories, brands, customers
// and channels, store by store in the order the stores first appear.
func (se *Session) seedEntities(ctx context.Context) error {
	su := &se.s.Setup
	var stores []string
	seeds := map[string]*adminapi.Seed{}
	of := func(store string) *adminapi.Seed {
		if seeds[store] == nil {
			seeds[store] = &adminapi.Seed{}
			stores = append(stores, store)
		}
		return seeds[store]
	}
	for _, x := range su.Channels {
		s := of(x.Store)
		s.Channels = append(s.Channels, adminapi.SeedChannel{ID: x.ID, Name: x.Name, Type: x.Type, Platform: x.Platform, Status: x.Status})
	}
	for _, x := range su.Brands {
		s := of(x.Store)
		s.Brands = append(s.Brands, adminapi.SeedBrand{ID: x.ID, Name: x.Name})
	}
	for _, x := range su.Categories {
		s := of(x.Store)
		s.Categories = append(s.Categories, adminapi.SeedCategory{ID: x.ID, Name: x.Name, ParentID: x.ParentID, TreeID: x.TreeID, IsVisible: x.IsVisible})
	}
	for _, x := range su.Products {
		s := of(x.Store)
		s.Products = append(s.Products, seedProduct(x))
	}
	for _, x := range su.Customers {
		s := of(x.Store)
		c := adminapi.SeedCustomer{ID: x.ID, Email: x.Email, FirstName: x.FirstName, LastName: x.LastName, Company: x.Company, Phone: x.Phone,
			CustomerGroupID: x.CustomerGroupID, ChannelIDs: x.ChannelIDs}
		for _, a := range x.Addresses {
			c.Addresses = append(c.Addresses, adminapi.SeedCustomerAddress{FirstName: a.FirstName, LastName: a.LastName, Address1: a.Address1,
				Address2: a.Address2, City: a.City, StateOrProvince: a.StateOrProvince, PostalCode: a.PostalCode, CountryCode: a.CountryCode,
				Phone: a.Phone, AddressType: a.AddressType})
		}
		s.Customers = append(s.Customers, c)
	}
	for _, store := range stores {
		if _, err := se.admin.Seed(ctx, store, *seeds[store]); err != nil {
			return fmt.Errorf("setup (the products, categories, brands, customers and channels of store %s, counted in that store): %w", store, err)
		}
	}
	return nil
}

// amount reads a validated amount; "" is 0.
func amount(s string) float64 {
	f, _ := strconv.ParseFloat(s, 64)
	return f
}

func seedProduct(x scenarios.SeedProduct) adminapi.SeedProduct {
	p := adminapi.SeedProduct{ID: x.ID, Name: x.Name, Type: x.Type, SKU: x.SKU, Price: amount(x.Price), InventoryLevel: x.InventoryLevel,
		InventoryTracking: x.InventoryTracking, IsVisible: x.IsVisible, Categories: x.Categories, BrandID: x.BrandID}
	for _, v := range x.Variants {
		sv := adminapi.SeedVariant{SKU: v.SKU, InventoryLevel: v.InventoryLevel}
		if v.Price != "" {
			sv.Price = new(amount(v.Price))
		}
		for _, ov := range v.OptionValues {
			sv.OptionValues = append(sv.OptionValues, adminapi.SeedOptionValue{OptionDisplayName: ov.Option, Label: ov.Label})
		}
		p.Variants = append(p.Variants, sv)
	}
	return p
}

// presence checks exists against whether the store holds the entity;
// done says there is nothing more to check.
func presence(f *Failure, held bool, exists *bool, note string) (done bool) {
	want := exists == nil || *exists
	switch {
	case !held && want:
		f.Mismatches = []Mismatch{{Key: "exists", Expected: "true", Got: "false"}}
		f.Note = note
		return true
	case !held:
		return true
	case !want:
		f.Mismatches = []Mismatch{{Key: "exists", Expected: "false", Got: "true"}}
		return true
	}
	return false
}

// mismatchIf adds a mismatch when want is given and differs from got.
func mismatchIf[T comparable](f *Failure, key string, want *T, got T, format func(T) string) {
	if want != nil && *want != got {
		f.Mismatches = append(f.Mismatches, Mismatch{Key: key, Expected: format(*want), Got: format(got)})
	}
}

// failed is f when it holds a mismatch, else nil.
func failed(f *Failure) (*Failure, error) {
	if len(f.Mismatches) == 0 {
		return nil, nil
	}
	return f, nil
}

// product checks a product expectation.
func (sn *snapshot) product(path string, x scenarios.ProductExpectation) (*Failure, error) {
	st, err := sn.state(x.Store)
	if err != nil {
		return nil, err
	}
	f := &Failure{Path: path, Subject: fmt.Sprintf("product %d of store %s", x.ID, x.Store)}
	p := st.Product(x.ID)
	ids := make([]string, 0, len(st.Products))
	for _, p := range st.Products {
		ids = append(ids, strconv.Itoa(p.ID))
	}
	if presence(f, p != nil, x.Exists, "the store holds products "+orNone(ids)) {
		return failed(f)
	}
	mismatchIf(f, "name", x.Name, p.Name, strconv.Quote)
	mismatchIf(f, "inventory_level", x.InventoryLevel, p.InventoryLevel, strconv.Itoa)
	mismatchIf(f, "variants", x.Variants, len(p.Variants), strconv.Itoa)
	if x.Price != "" {
		want := amount(x.Price)
		mismatchIf(f, "price", &want, p.Price, func(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) })
	}
	return failed(f)
}

// customer checks a customer expectation.
func (sn *snapshot) customer(path string, x scenarios.CustomerExpectation) (*Failure, error) {
	st, err := sn.state(x.Store)
	if err != nil {
		return nil, err
	}
	f := &Failure{Path: path, Subject: fmt.Sprintf("customer %d of store %s", x.ID, x.Store)}
	c := st.Customer(x.ID)
	ids := make([]string, 0, len(st.Customers))
	for _, c := range st.Customers {
		ids = append(ids, strconv.Itoa(c.ID))
	}
	if presence(f, c != nil, x.Exists, "the store holds customers "+orNone(ids)) {
		return failed(f)
	}
	mismatchIf(f, "email", x.Email, c.Email, strconv.Quote)
	mismatchIf(f, "addresses", x.Addresses, len(c.Addresses), strconv.Itoa)
	if x.ChannelIDs != nil && !slices.Equal(*x.ChannelIDs, c.ChannelIDs) {
		f.Mismatches = append(f.Mismatches, Mismatch{Key: "channel_ids", Expected: fmt.Sprint(*x.ChannelIDs), Got: fmt.Sprint(c.ChannelIDs)})
	}
	return failed(f)
}

// orNone lists ids for a note, "none" when there are none.
func orNone(ids []string) string {
	if len(ids) == 0 {
		return "none"
	}
	return list(ids)
}
