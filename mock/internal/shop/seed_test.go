package shop

import (
	"testing"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// TestSeedOrder checks seeded orders: invented or of given lines, with
// their id, status and cart, and the refusals.
func TestSeedOrder(t *testing.T) {
	tests := []struct {
		name    string
		in      SeedOrderInput
		wantErr error
		check   func(t *testing.T, o *Order)
	}{
		{"invented", SeedOrderInput{}, nil, func(t *testing.T, o *Order) {
			if o.ID != 100 || o.StatusID != inventedStatus || len(o.Lines) == 0 {
				t.Errorf("order %d status %d lines %d", o.ID, o.StatusID, len(o.Lines))
			}
		}},
		{"invented with id, status and cart", SeedOrderInput{ID: 250, CartID: cartA, OrderInput: OrderInput{StatusID: ptr(7), CustomerID: ptr(12)}}, nil,
			func(t *testing.T, o *Order) {
				if o.ID != 250 || o.StatusID != 7 || o.CartID != cartA || o.CustomerID != 12 {
					t.Errorf("order %+v", o)
				}
			}},
		{"shipped ships its lines", SeedOrderInput{OrderInput: OrderInput{StatusID: ptr(bigcommerce.StatusShipped), Lines: []LineInput{{ProductID: 77, Quantity: 3}}}}, nil,
			func(t *testing.T, o *Order) {
				if o.ItemsShipped() != 3 || len(o.Shipments) != 1 || o.Shipped.IsZero() || o.Billing == nil {
					t.Errorf("shipped %d shipments %d", o.ItemsShipped(), len(o.Shipments))
				}
			}},
		{"of lines", SeedOrderInput{ID: 7, OrderInput: OrderInput{Lines: []LineInput{{ProductID: 77, Quantity: 2}}}}, nil,
			func(t *testing.T, o *Order) {
				if o.ID != 7 || o.StatusID != bigcommerce.StatusPending || o.ItemsTotal() != 2 || o.Source != "www" {
					t.Errorf("order %+v", o)
				}
			}},
		{"an id the store holds", SeedOrderInput{ID: 5}, ErrInvalid, nil},
		{"a bad status", SeedOrderInput{OrderInput: OrderInput{StatusID: ptr(15)}}, ErrInvalid, nil},
		{"addresses without lines", SeedOrderInput{OrderInput: OrderInput{Addresses: []AddressInput{{}}}}, ErrInvalid, nil},
		{"a bad line", SeedOrderInput{OrderInput: OrderInput{Lines: []LineInput{{ProductID: 77}}}}, ErrInvalid, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestShop(1)
			raise(t, s, "abc", "store/order/created", map[string]any{"id": 5})
			var o *Order
			_, err := s.Write("abc", func(st *Store) ([]Event, error) {
				var err error
				o, err = st.SeedOrder(tt.in)
				return nil, err
			})
			if tt.wantErr != nil {
				if !errorsIs(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			tt.check(t, o)
		})
	}
}

// TestSeedCart checks seeded carts, invented or of given lines.
func TestSeedCart(t *testing.T) {
	s, _ := newTestShop(1)
	write(t, s, "abc", func(st *Store) ([]Event, error) {
		c, err := st.SeedCart(SeedCartInput{ID: cartA, CartInput: CartInput{CustomerID: 4}})
		if err != nil || c.ID != cartA || len(c.Lines) == 0 || c.CustomerID != 4 {
			t.Errorf("invented cart %+v, %v", c, err)
		}
		c, err = st.SeedCart(SeedCartInput{CartInput: CartInput{Lines: []CartLineInput{{ProductID: 80, Quantity: 2}}}})
		if err != nil || c.ID == "" || len(c.Lines) != 1 || c.Lines[0].Quantity != 2 {
			t.Errorf("cart of lines %+v, %v", c, err)
		}
		if _, err := st.SeedCart(SeedCartInput{ID: cartA}); !errorsIs(err, ErrInvalid) {
			t.Errorf("an id the store holds: %v", err)
		}
		return nil, nil
	})
}

// TestSeedEntities checks the catalog, customer and channel seeds: the id
// given or the next, the counter past it, the defaults, and the write's
// refusals.
func TestSeedEntities(t *testing.T) {
	tests := []struct {
		name    string
		seed    func(st *Store) (int, error)
		wantID  int
		wantErr error
		next    func(st *Store) (int, error) // the next write's id
		wantNxt int
	}{
		{"product with an id past the counter", func(st *Store) (int, error) {
			p, err := st.SeedProduct(40, ProductInput{Name: ptr("Mug"), Price: ptr(12.5)})
			return idOf(p, err)
		}, 40, nil, func(st *Store) (int, error) {
			p, err := st.SeedProduct(0, ProductInput{Name: ptr("Cup"), Price: ptr(1.0)})
			return idOf(p, err)
		}, 41},
		{"product below the counter keeps it", func(st *Store) (int, error) {
			if _, err := st.SeedProduct(10, ProductInput{Name: ptr("A"), Price: ptr(1.0)}); err != nil {
				return 0, err
			}
			p, err := st.SeedProduct(3, ProductInput{Name: ptr("B"), Price: ptr(1.0)})
			return idOf(p, err)
		}, 3, nil, func(st *Store) (int, error) {
			p, err := st.SeedProduct(0, ProductInput{Name: ptr("C"), Price: ptr(1.0)})
			return idOf(p, err)
		}, 11},
		{"product id taken", func(st *Store) (int, error) {
			if _, err := st.SeedProduct(5, ProductInput{Name: ptr("A"), Price: ptr(1.0)}); err != nil {
				return 0, err
			}
			p, err := st.SeedProduct(5, ProductInput{Name: ptr("B"), Price: ptr(1.0)})
			return idOf(p, err)
		}, 0, ErrInvalid, nil, 0},
		{"product without a name", func(st *Store) (int, error) {
			p, err := st.SeedProduct(0, ProductInput{Price: ptr(1.0)})
			return idOf(p, err)
		}, 0, ErrInvalid, nil, 0},
		{"product negative id", func(st *Store) (int, error) {
			p, err := st.SeedProduct(-1, ProductInput{Name: ptr("A"), Price: ptr(1.0)})
			return idOf(p, err)
		}, 0, ErrInvalid, nil, 0},
		{"category", func(st *Store) (int, error) {
			c, err := st.SeedCategory(20, CategoryInput{Name: ptr("Mugs")})
			return idOf(c, err)
		}, 20, nil, func(st *Store) (int, error) {
			c, _, err := st.CreateCategory(CategoryInput{Name: ptr("Cups")})
			return idOf(c, err)
		}, 21},
		{"brand", func(st *Store) (int, error) {
			b, err := st.SeedBrand(7, BrandInput{Name: ptr("Acme")})
			return idOf(b, err)
		}, 7, nil, nil, 0},
		{"customer with an address", func(st *Store) (int, error) {
			c, err := st.SeedCustomer(30, CustomerInput{Email: ptr("a@example.com"), FirstName: ptr("A"), LastName: ptr("B"),
				Addresses: []CustomerAddressInput{{FirstName: ptr("A"), LastName: ptr("B"), Address1: ptr("1 Main St"), City: ptr("Austin"), CountryCode: ptr("US")}}})
			if err == nil && len(c.Addresses) != 1 {
				t.Errorf("addresses = %d", len(c.Addresses))
			}
			return idOf(c, err)
		}, 30, nil, func(st *Store) (int, error) {
			c, err := st.SeedCustomer(0, CustomerInput{Email: ptr("b@example.com"), FirstName: ptr("A"), LastName: ptr("B")})
			return idOf(c, err)
		}, 31},
		{"customer on a channel that does not exist", func(st *Store) (int, error) {
			c, err := st.SeedCustomer(0, CustomerInput{Email: ptr("a@example.com"), FirstName: ptr("A"), LastName: ptr("B"), ChannelIDs: &[]int{9}})
			return idOf(c, err)
		}, 0, ErrInvalid, nil, 0},
		{"subscriber", func(st *Store) (int, error) {
			s, err := st.SeedSubscriber(4, SubscriberInput{Email: ptr("s@example.com")})
			return idOf(s, err)
		}, 4, nil, nil, 0},
		{"channel", func(st *Store) (int, error) {
			c, err := st.SeedChannel(664, ChannelInput{Name: ptr("Amazon US"), Type: ptr("marketplace"), Platform: ptr("amazon")})
			return idOf(c, err)
		}, 664, nil, nil, 0},
		{"channel 1 exists", func(st *Store) (int, error) {
			c, err := st.SeedChannel(1, ChannelInput{Name: ptr("X"), Type: ptr("marketplace"), Platform: ptr("amazon")})
			return idOf(c, err)
		}, 0, ErrInvalid, nil, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestShop(1)
			_, _ = s.Write("abc", func(st *Store) ([]Event, error) {
				id, err := tt.seed(st)
				if tt.wantErr != nil {
					if !errorsIs(err, tt.wantErr) {
						t.Errorf("err = %v, want %v", err, tt.wantErr)
					}
					return nil, nil
				}
				if err != nil || id != tt.wantID {
					t.Fatalf("id %d err %v, want %d", id, err, tt.wantID)
				}
				if tt.next != nil {
					if id, err := tt.next(st); err != nil || id != tt.wantNxt {
						t.Errorf("next id %d err %v, want %d", id, err, tt.wantNxt)
					}
				}
				return nil, nil
			})
		})
	}
}

type hasID interface {
	*Product | *Category | *Brand | *Customer | *Subscriber | *Channel
}

func idOf[T hasID](v T, err error) (int, error) {
	if err != nil {
		return 0, err
	}
	switch x := any(v).(type) {
	case *Product:
		return x.ID, nil
	case *Category:
		return x.ID, nil
	case *Brand:
		return x.ID, nil
	case *Customer:
		return x.ID, nil
	case *Subscriber:
		return x.ID, nil
	case *Channel:
		return x.ID, nil
	}
	return 0, nil
}

// TestSeedProductTracking checks the tracking a seeded product gets from
// the levels it is given, and that a raised inventory event moves the
// seeded level.
func TestSeedProductTracking(t *testing.T) {
	tests := []struct {
		name string
		in   ProductInput
		want string
	}{
		{"no level", ProductInput{}, TrackNone},
		{"a product level", ProductInput{InventoryLevel: ptr(5)}, TrackProduct},
		{"variant levels", ProductInput{Variants: []VariantInput{{SKU: ptr("M-S"), InventoryLevel: ptr(2),
			OptionValues: []OptionValueChoice{{DisplayName: "Size", Label: "S"}}}}}, TrackVariant},
		{"given", ProductInput{InventoryLevel: ptr(5), Tracking: ptr(TrackNone)}, TrackNone},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestShop(1)
			tt.in.Name, tt.in.Price = ptr("Mug"), ptr(3.0)
			_, _ = s.Write("abc", func(st *Store) ([]Event, error) {
				p, err := st.SeedProduct(0, tt.in)
				if err != nil || p.Tracking != tt.want || p.Type != "physical" {
					t.Errorf("product %+v err %v, want tracking %s", p, err, tt.want)
				}
				return nil, nil
			})
		})
	}
	s, _ := newTestShop(1)
	_, _ = s.Write("abc", func(st *Store) ([]Event, error) {
		_, err := st.SeedProduct(77, ProductInput{Name: ptr("Mug"), Price: ptr(3.0), InventoryLevel: ptr(10)})
		return nil, err
	})
	raise(t, s, "abc", "store/product/inventory/updated", map[string]any{"id": 77, "inventory": map[string]any{"method": "absolute", "value": -3}})
	s.Read("abc", func(st *Store) {
		if p := st.Product(77); p == nil || p.InventoryLevel != 7 || p.Name != "Mug" {
			t.Errorf("after the event: %+v", p)
		}
	})
}
