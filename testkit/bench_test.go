package testkit_test

import (
	"fmt"
	"strconv"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/testkit"
)

// BenchmarkStart measures what a test pays for its own mock: Start (build
// the mock, listen, serve) and the Close its cleanup runs.
func BenchmarkStart(b *testing.B) {
	for _, bc := range []struct {
		name string
		opts []testkit.Option
	}{
		{"wall clock", nil},
		{"fake clock", []testkit.Option{testkit.WithFakeClock(time.Time{})}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				srv := testkit.NewServer(bc.opts...)
				srv.Close()
			}
		})
	}
}

// catalogSeed is n products of 5 variants each, and n customers with an
// address.
func catalogSeed(n int) adminapi.Seed {
	var s adminapi.Seed
	for i := range n {
		p := adminapi.SeedProduct{Name: fmt.Sprintf("Product %d", i), Price: 10}
		for v := range 5 {
			p.Variants = append(p.Variants, adminapi.SeedVariant{SKU: fmt.Sprintf("P%d-V%d", i, v), InventoryLevel: new(3),
				OptionValues: []adminapi.SeedOptionValue{{OptionDisplayName: "Size", Label: strconv.Itoa(v)}}})
		}
		s.Products = append(s.Products, p)
		s.Customers = append(s.Customers, adminapi.SeedCustomer{Email: fmt.Sprintf("c%d@example.com", i), FirstName: "A", LastName: "B",
			Addresses: []adminapi.SeedCustomerAddress{{FirstName: "A", LastName: "B", Address1: "1 Main St", City: "Austin", CountryCode: "US"}}})
	}
	return s
}

// BenchmarkSeed measures one seed request of 100 products (5 variants
// each) and 100 customers into a fresh store.
func BenchmarkSeed(b *testing.B) {
	srv := testkit.NewServer()
	defer srv.Close()
	seed := catalogSeed(100)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		if _, err := srv.Admin().Seed(b.Context(), "bench"+strconv.Itoa(i), seed); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkStateDump measures the state dump a scenario's product or
// customer check reads, of a store of 1,000 products (5 variants each)
// and 1,000 customers.
func BenchmarkStateDump(b *testing.B) {
	srv := testkit.NewServer()
	defer srv.Close()
	if _, err := srv.Admin().Seed(b.Context(), "bench", catalogSeed(1000)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := srv.Admin().State(b.Context(), "bench"); err != nil {
			b.Fatal(err)
		}
	}
}
