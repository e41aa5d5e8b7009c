package shop_test

import (
	"errors"
	"fmt"
	"runtime"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/clock"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

func newShop(opts ...shop.Option) *shop.Shop {
	return shop.New(7, clock.NewFake(time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)), opts...)
}

func ptr[T any](v T) *T { return &v }

// product is a minimal valid POST /v3/catalog/products body with n
// option variants.
func product(name string, variants int) shop.ProductInput {
	in := shop.ProductInput{Name: ptr(name), Type: ptr("physical"), Weight: ptr(1.0), Price: ptr(10.0), Tracking: ptr(shop.TrackVariant)}
	for i := range variants {
		in.Variants = append(in.Variants, shop.VariantInput{SKU: ptr(fmt.Sprintf("%s-%d", name, i)), InventoryLevel: ptr(i),
			OptionValues: []shop.OptionValueChoice{{DisplayName: "Size", Label: fmt.Sprint(i)}}})
	}
	return in
}

func TestInventedOrderLinesAreCatalogProducts(t *testing.T) {
	s := newShop()
	var pid int
	_, err := s.Write("abc", func(st *shop.Store) ([]shop.Event, error) {
		p, events, err := st.CreateProduct(product("Lamp", 2))
		if err == nil {
			pid = p.ID
		}
		return events, err
	})
	if err != nil {
		t.Fatal(err)
	}
	invent := func(o map[string]any) (any, error) { return map[string]any{"type": "order", "id": o["id"]}, nil }
	if _, err := s.Raise("abc", "store/order/created", map[string]any{"id": 300}, invent); err != nil {
		t.Fatal(err)
	}
	s.Read("abc", func(st *shop.Store) {
		o := st.Order(300)
		p := st.Product(pid)
		if o == nil || len(o.Lines) == 0 {
			t.Fatalf("order 300 = %+v", o)
		}
		for _, l := range o.Lines {
			if l.ProductID != pid || p.Variant(l.VariantID) == nil || l.SKU != p.Variant(l.VariantID).SKU {
				t.Errorf("line %+v is not product %d's variant", l, pid)
			}
		}
	})
}

// TestInventedCatalogIsDeterministic: the same seed and the same events
// invent the same products.
func TestInventedCatalogIsDeterministic(t *testing.T) {
	snapshot := func() string {
		s := newShop()
		for _, id := range []int{5, 9} {
			_, err := s.Raise("abc", "store/product/created", map[string]any{"id": id}, func(o map[string]any) (any, error) { return o, nil })
			if err != nil {
				t.Fatal(err)
			}
		}
		var out string
		s.Read("abc", func(st *shop.Store) {
			for _, p := range st.Products(shop.ProductFilter{}) {
				out += fmt.Sprintf("%d %s %s %v %d %d|", p.ID, p.Name, p.SKU, p.Price, len(p.Variants), len(p.Images))
			}
		})
		return out
	}
	if a, b := snapshot(), snapshot(); a != b || a == "" {
		t.Errorf("two runs invent %q and %q", a, b)
	}
}

func TestCatalogLimits(t *testing.T) {
	s := newShop(shop.WithLimits(shop.Limits{Products: 1, Children: 3}))
	_, err := s.Write("abc", func(st *shop.Store) ([]shop.Event, error) {
		if _, _, err := st.CreateProduct(product("A", 4)); !errors.Is(err, shop.ErrFull) {
			t.Errorf("4 variants with Children 3: %v, want ErrFull", err)
		}
		if _, _, err := st.CreateProduct(product("B", 1)); err != nil {
			return nil, err
		}
		_, _, err := st.CreateProduct(product("C", 1))
		return nil, err
	})
	if !errors.Is(err, shop.ErrFull) {
		t.Errorf("a second product with Products 1: %v, want ErrFull", err)
	}
}

func TestParseInventoryValue(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want shop.InventoryValue
		ok   bool
	}{{"delta", shop.InventoryDelta, true}, {"level", shop.InventoryLevel, true}, {"Delta", "", false}, {"", "", false}} {
		got, err := shop.ParseInventoryValue(tt.in)
		if got != tt.want || (err == nil) != tt.ok {
			t.Errorf("ParseInventoryValue(%q) = %q, %v", tt.in, got, err)
		}
	}
}

// BenchmarkCatalogMemory reports the heap a store of 1,000 products of 5
// variants each holds after GC (heap-bytes/op is the whole store).
func BenchmarkCatalogMemory(b *testing.B) {
	for b.Loop() {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		s := newShop()
		_, err := s.Write("abc", func(st *shop.Store) ([]shop.Event, error) {
			for i := range 1000 {
				if _, _, err := st.CreateProduct(product(fmt.Sprintf("P%d", i), 5)); err != nil {
					return nil, err
				}
			}
			return nil, nil
		})
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		runtime.ReadMemStats(&after)
		b.ReportMetric(float64(after.HeapAlloc-before.HeapAlloc), "heap-bytes/op")
		s.Read("abc", func(st *shop.Store) {
			if st.ProductCount() != 1000 {
				b.Fatalf("%d products", st.ProductCount())
			}
		})
		runtime.KeepAlive(s)
	}
}
