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
}

// product is a catalogue entry orders and carts are invented from, until
// the catalog itself is modelled.
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

// product picks an invented product.
func (st *Store) product() product {
	return st.shop.pool.products[st.faker.Rand.Intn(poolProducts)]
}

// productByID finds an invented product by id, for lines a write names
// by product_id; ok is false for an id the pool does not have.
func (st *Store) productByID(id int) (product, bool) {
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
