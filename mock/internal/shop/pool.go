package shop

import (
	"fmt"
	"strings"

	"github.com/brianvoe/gofakeit/v6"
)

// pool holds the people, addresses and products stores invent from. It is
// built once per shop from the seed; entities point into it, so an
// invented order costs a few pointers rather than copies of its strings
// (a million orders fit in well under a gigabyte).
type pool struct {
	addresses []*Address
	products  []product
	ips       []string
	catalog   catalogPool
}

// product is what an order or cart line is made of: a pool entry, for a
// store whose catalog is empty, or a catalog product (lineProduct).
type product struct {
	id, variantID int
	name, sku     string
	price         Money
	weight        float64
}

const (
	poolAddresses = 256
	poolProducts  = 64
	poolIPs       = 256
)

func newPool(seed int64) *pool {
	f := gofakeit.New(seed)
	p := &pool{}
	p.catalog = newCatalogPool(gofakeit.New(seed + 1))
	for range poolAddresses {
		p.addresses = append(p.addresses, inventAddress(f))
	}
	for i := range poolProducts {
		name := strings.TrimSpace(f.ProductName())
		p.products = append(p.products, product{
			id: 77 + i, variantID: 1000 + i, name: name,
			sku:    fmt.Sprintf("SKU-%03d-%s", 77+i, strings.ToUpper(f.LetterN(3))),
			price:  Money(f.IntRange(5, 400)) * Unit / 4,
			weight: float64(f.IntRange(1, 40)) / 4,
		})
	}
	for range poolIPs {
		p.ips = append(p.ips, f.IPv4Address())
	}
	return p
}

func inventAddress(f *gofakeit.Faker) *Address {
	p := f.Person()
	a := f.Address()
	return &Address{
		FirstName: p.FirstName, LastName: p.LastName, Company: f.Company(),
		Street1: a.Street, City: a.City, State: a.State, Zip: a.Zip,
		Country: "United States", CountryISO2: "US",
		Phone: f.Phone(), Email: strings.ToLower(p.FirstName+"."+p.LastName) + "@example.com",
	}
}

// address picks an invented address.
func (st *Store) address() *Address {
	return st.shop.pool.addresses[st.faker.Rand.Intn(poolAddresses)]
}

// ip picks an invented IP address.
func (st *Store) ip() string {
	return st.shop.pool.ips[st.faker.Rand.Intn(poolIPs)]
}

// product picks a product for an invented order or cart line: one of
// the store's catalog when it has products, else one of the pool's.
func (st *Store) product() product {
	if n := len(st.cat.order); n > 0 {
		return lineProduct(st.cat.products[st.cat.order[st.faker.Rand.Intn(n)]])
	}
	return st.shop.pool.products[st.faker.Rand.Intn(poolProducts)]
}

// productByID finds a product by id, for lines a write names by
// product_id: the store's catalog product, else the pool's; ok is false
// for an id neither has.
func (st *Store) productByID(id int) (product, bool) {
	if p := st.cat.products[id]; p != nil {
		return lineProduct(p), true
	}
	for _, p := range st.shop.pool.products {
		if p.id == id {
			return p, true
		}
	}
	return product{}, false
}

// source is a splitmix64 generator: the faker of each store draws from
// one, as deterministic as math/rand's source and 8 bytes instead of its
// 5 KB, which at 10,000 stores is 50 MB. A store's lock guards it.
type source struct{ state uint64 }

func (s *source) Seed(seed int64) { s.state = uint64(seed) }

func (s *source) Uint64() uint64 {
	s.state += 0x9e3779b97f4a7c15
	z := s.state
	z = (z ^ z>>30) * 0xbf58476d1ce4e5b9
	z = (z ^ z>>27) * 0x94d049bb133111eb
	return z ^ z>>31
}

func (s *source) Int63() int64 { return int64(s.Uint64() >> 1) }

// lineProduct is what an order or cart line takes of catalog product p:
// its first variant's id, SKU, price and weight.
func lineProduct(p *Product) product {
	out := product{id: p.ID, name: p.Name, sku: p.SKU, price: p.CalculatedPrice(), weight: p.Weight}
	if len(p.Variants) > 0 {
		v := p.Variants[0]
		out.variantID, out.sku, out.price, out.weight = v.ID, v.SKU, p.VariantPrice(v), p.VariantWeight(v)
	}
	return out
}
