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
