package shop

import (
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// TestMetafieldScopesReachTheMetafieldFamily: every metafield scope,
// channel ones included, is the metafield family's, with the resource
// its kind names; no other family takes one.
func TestMetafieldScopesReachTheMetafieldFamily(t *testing.T) {
	want := map[string]string{
		"store/order/metafield/created": "order", "store/cart/metafield/updated": "cart",
		"store/channel/metafield/deleted": "channel", "store/inventory/location/metafield/created": "location",
		"store/store/metafield/created": "store", "store/product/metafield/updated": "product",
		"store/product/variant/metafield/deleted": "variant", "store/category/metafield/created": "category",
		"store/brand/metafield/updated": "brand", "store/metafield/created": "",
	}
	n := 0
	for _, scope := range bigcommerce.Events() {
		if !strings.Contains(scope, "metafield/") {
			continue
		}
		n++
		kind, ok := kindOf(scope)
		if !ok || !isMetafieldKind(kind) || familyOf(kind).apply == nil {
			t.Errorf("%s: kind %q (taken: %v), want the metafield family", scope, kind, ok)
			continue
		}
		typ, ok := want[scope]
		if !ok {
			continue
		}
		row := resourceOfKind(kind)
		if got := ""; row != nil {
			got = row.typ
			if got != typ {
				t.Errorf("%s: resource %q, want %q", scope, got, typ)
			}
		} else if typ != "" {
			t.Errorf("%s: no resource, want %q", scope, typ)
		}
	}
	if n == 0 {
		t.Fatal("no metafield scope among bigcommerce.Events")
	}
	// The channel family still takes its own events and no metafield's.
	if kind, ok := kindOf("store/channel/updated"); !ok || kind != "channel/updated" {
		t.Errorf("store/channel/updated: %q %v", kind, ok)
	}
	if kind, ok := kindOf("store/channel/3/order/created"); !ok || kind != "order/created" {
		t.Errorf("store/channel/3/order/created: %q %v", kind, ok)
	}
}

// TestApplyPricing checks the rules of the price lists, metafields,
// locations and store information families: after the events, the store
// holds what they imply.
func TestApplyPricing(t *testing.T) {
	const cart = "7c2a5b0e-3f1d-4c8a-9b6e-2d4f8a1c3e5b"
	tests := []struct {
		name   string
		events []ev
		list   []any // array data of a records event, raised last
		check  func(t *testing.T, st *Store)
	}{
		{"a record event makes its list and record", []ev{{"store/priceList/record/created", map[string]any{"price_list_id": 3, "variant_id": 1002, "currency": "eur"}}}, nil,
			func(t *testing.T, st *Store) {
				r := st.PriceRecord(3, 1002, "EUR")
				if st.PriceList(3) == nil || r == nil || r.Price <= 0 || r.ProductID != 79 {
					t.Fatalf("list 3 %v, record %+v (variant 1002 is pool product 79's)", st.PriceList(3), r)
				}
			}},
		{"currency_code is read when currency is missing", []ev{{"store/priceList/record/updated", map[string]any{"price_list_id": 3, "variant_id": 5, "currency_code": "GBP"}}}, nil,
			func(t *testing.T, st *Store) {
				if st.PriceRecord(3, 5, "GBP") == nil {
					t.Fatal("no GBP record")
				}
			}},
		{"records events apply each record", nil, []any{
			map[string]any{"price_list_id": 2, "variant_id": 10.0, "currency": "USD"},
			map[string]any{"price_list_id": 2, "variant_id": "11", "currency": "USD"},
			"not a record",
		}, func(t *testing.T, st *Store) {
			if got := len(st.PriceRecords(2, RecordFilter{})); got != 2 {
				t.Fatalf("%d records, want 2", got)
			}
		}},
		{"deactivated then activated", []ev{
			{"store/priceList/deactivated", map[string]any{"price_list_id": 4}},
		}, nil, func(t *testing.T, st *Store) {
			if l := st.PriceList(4); l == nil || l.Active {
				t.Fatalf("list 4 = %+v, want inactive", l)
			}
		}},
		{"priceLists/deleted takes the records and assignments", []ev{
			{"store/priceList/record/created", map[string]any{"price_list_id": 4, "variant_id": 1, "currency": "USD"}},
			{"store/priceList/assignment/updated", map[string]any{"price_list_id": 4, "channel_id": 2, "customer_group_id": 1}},
			{"store/priceLists/deleted", map[string]any{"price_list_ids": []any{4.0, "x"}}},
		}, nil, func(t *testing.T, st *Store) {
			if st.PriceList(4) != nil || len(st.PriceRecords(4, RecordFilter{})) != 0 || len(st.PriceAssignments(AssignmentFilter{})) != 0 {
				t.Fatal("list 4 or its records or assignments remain")
			}
			if st.Channel(2) == nil {
				t.Error("the assignment's channel was not made")
			}
		}},
		{"an assignment of a pair moves to the new list", []ev{
			{"store/priceList/assignment/updated", map[string]any{"price_list_id": 1, "channel_id": 1, "customer_group_id": 3}},
			{"store/priceList/assignment/updated", map[string]any{"price_list_id": 2, "channel_id": 1, "customer_group_id": 3}},
		}, nil, func(t *testing.T, st *Store) {
			got := st.PriceAssignments(AssignmentFilter{})
			if len(got) != 1 || got[0].PriceListID != 2 {
				t.Fatalf("assignments %+v, want one of list 2", got)
			}
		}},
		{"a metafield event makes the metafield and its resource", []ev{
			{"store/order/metafield/created", map[string]any{"metafield_id": 12, "resource_id": "300"}},
			{"store/cart/metafield/created", map[string]any{"metafield_id": 13, "resource_id": cart}},
			{"store/metafield/updated", map[string]any{"metafield_id": 14, "resource_id": "8", "resource_type": "location"}},
		}, nil, func(t *testing.T, st *Store) {
			if st.Order(300) == nil || st.Metafield(Resource{"order", "300"}, 12) == nil {
				t.Error("order 300 or its metafield 12 missing")
			}
			if st.Cart(cart) == nil || st.Metafield(Resource{"cart", cart}, 13) == nil {
				t.Error("the cart or its metafield 13 missing")
			}
			if st.Location(8) == nil || st.Metafield(Resource{"location", "8"}, 14) == nil {
				t.Error("location 8 or its metafield 14 missing")
			}
			if st.metafields().next != 15 {
				t.Errorf("next metafield id %d, want 15", st.metafields().next)
			}
		}},
		{"a metafield event naming another resource moves it", []ev{
			{"store/product/metafield/created", map[string]any{"metafield_id": 12, "resource_id": "77"}},
			{"store/product/metafield/updated", map[string]any{"metafield_id": 12, "resource_id": "78"}},
		}, nil, func(t *testing.T, st *Store) {
			if st.Metafield(Resource{"product", "77"}, 12) != nil || st.Metafield(Resource{"product", "78"}, 12) == nil {
				t.Error("metafield 12 is not product 78's")
			}
		}},
		{"a delete of another resource's metafield leaves it", []ev{
			{"store/brand/metafield/created", map[string]any{"metafield_id": 12, "resource_id": "5"}},
			{"store/brand/metafield/deleted", map[string]any{"metafield_id": 12, "resource_id": "6"}},
		}, nil, func(t *testing.T, st *Store) {
			if st.Metafield(Resource{"brand", "5"}, 12) == nil {
				t.Error("metafield 12 of brand 5 deleted by an event about brand 6")
			}
		}},
		{"bad metafield data changes nothing", []ev{
			{"store/metafield/created", map[string]any{"metafield_id": 12, "resource_id": "5", "resource_type": "planet"}},
			{"store/order/metafield/created", map[string]any{"metafield_id": 13, "resource_id": "x"}},
			{"store/cart/metafield/created", map[string]any{"metafield_id": 14, "resource_id": "not-a-uuid"}},
			{"store/order/metafield/created", map[string]any{"resource_id": "5"}},
		}, nil, func(t *testing.T, st *Store) {
			if n := len(st.metafields().byID); n != 0 || len(st.orders) != 0 || len(st.carts) != 0 {
				t.Errorf("%d metafields, %d orders, %d carts: bad data made something", n, len(st.orders), len(st.carts))
			}
		}},
		{"store metafields are resource 0 whatever the event says", []ev{{"store/store/metafield/created", map[string]any{"metafield_id": 3, "resource_id": "1"}}}, nil,
			func(t *testing.T, st *Store) {
				if st.Metafield(Resource{Type: "store"}, 3) == nil || st.metafields().byID[3].Resource.ID != "0" {
					t.Error("store metafield 3 missing or not resource 0")
				}
			}},
		{"location events make the location", []ev{{"store/inventory/location/updated", map[string]any{"location_id": 6}}}, nil,
			func(t *testing.T, st *Store) {
				if l := st.Location(6); l == nil || l.Address == nil || st.Location(DefaultLocation) == nil {
					t.Fatalf("location 6 %+v, or the default missing", l)
				}
			}},
		{"information/updated changes nothing", []ev{{"store/information/updated", map[string]any{"type": "store"}}}, nil,
			func(t *testing.T, st *Store) {
				if st.prices != nil || st.metas != nil || st.places != nil || len(st.orders) != 0 {
					t.Error("store/information/updated made state")
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestShop(1)
			for _, e := range tt.events {
				raise(t, s, "abc", e.scope, e.data)
			}
			if tt.list != nil {
				if _, err := s.Raise("abc", "store/priceList/records/created", nil, func(map[string]any) (any, error) { return tt.list, nil }); err != nil {
					t.Fatal(err)
				}
			}
			s.Read("abc", func(st *Store) { tt.check(t, st) })
		})
	}
}

// TestMetafieldEventsCompleteFromTheState: an event about a metafield the
// store holds names its resource, as BigCommerce's would.
func TestMetafieldEventsCompleteFromTheState(t *testing.T) {
	s, _ := newTestShop(1)
	raise(t, s, "abc", "store/customer/created", map[string]any{"id": 7})
	var mid int
	write(t, s, "abc", func(st *Store) ([]Event, error) {
		m, events, err := st.CreateMetafield(Resource{"customer", "7"}, MetafieldInput{Key: ptr("k"), Value: ptr("v"), Namespace: ptr("n"), PermissionSet: ptr("read")})
		if err == nil {
			mid = m.ID
		}
		if got := scopes(events); !slices.Equal(got, []string{"store/metafield/created"}) {
			t.Errorf("customer metafield write fired %v: customers have no metafield scope of their own", got)
		}
		return events, err
	})
	data, err := s.Raise("abc", "store/metafield/updated", map[string]any{"metafield_id": mid}, asGiven)
	if err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(data); got != fmt.Sprintf("map[metafield_id:%d resource_id:7 resource_type:customer]", mid) {
		t.Errorf("completed data %s", got)
	}
}

// TestPricingWritesRefuseBadInput: every refused write leaves the store as
// it was and fires nothing.
func TestPricingWritesRefuseBadInput(t *testing.T) {
	usd := func(variant int, price *Money) RecordInput {
		return RecordInput{PriceListID: 1, VariantID: variant, Currency: "usd", Price: price}
	}
	ten := ptr(10 * Unit)
	tests := []struct {
		name  string
		write func(st *Store) ([]Event, error)
		want  error
	}{
		{"list without a name", func(st *Store) ([]Event, error) {
			_, e, err := st.CreatePriceList(PriceListInput{Name: ptr(" ")})
			return e, err
		}, ErrInvalid},
		{"record of a missing list", func(st *Store) ([]Event, error) {
			_, e, err := st.UpsertRecord(RecordInput{PriceListID: 9, VariantID: 1, Currency: "USD", Price: ten})
			return e, err
		}, ErrNotFound},
		{"record in a bad currency", func(st *Store) ([]Event, error) {
			_, e, err := st.UpsertRecord(RecordInput{PriceListID: 1, VariantID: 1, Currency: "US", Price: ten})
			return e, err
		}, ErrInvalid},
		{"record twice in a batch", func(st *Store) ([]Event, error) {
			_, e, err := st.UpsertRecords([]RecordInput{usd(1, ten), usd(1, ten)})
			return e, err
		}, ErrInvalid},
		{"negative price", func(st *Store) ([]Event, error) {
			_, e, err := st.UpsertRecords([]RecordInput{usd(1, ten), usd(2, ptr(-Unit))})
			return e, err
		}, ErrInvalid},
		{"bad tier", func(st *Store) ([]Event, error) {
			r := usd(1, ten)
			r.Tiers = &[]BulkTier{{QuantityMin: 0, Type: "price"}}
			_, e, err := st.UpsertRecords([]RecordInput{r})
			return e, err
		}, ErrInvalid},
		{"assignment without a group", func(st *Store) ([]Event, error) {
			_, e, err := st.UpsertAssignments([]AssignmentInput{{PriceListID: 1, ChannelID: 1}})
			return e, err
		}, ErrInvalid},
		{"delete every assignment", func(st *Store) ([]Event, error) { return st.DeleteAssignments(AssignmentFilter{}) }, ErrInvalid},
		{"metafield of a missing order", func(st *Store) ([]Event, error) {
			_, e, err := st.CreateMetafield(Resource{"order", "5"}, MetafieldInput{Key: ptr("k"), Value: ptr("v"), Namespace: ptr("n"), PermissionSet: ptr("read")})
			return e, err
		}, ErrNotFound},
		{"metafield of an unknown resource type", func(st *Store) ([]Event, error) {
			_, e, err := st.CreateMetafield(Resource{"planet", "5"}, MetafieldInput{})
			return e, err
		}, ErrInvalid},
		{"metafield too big for the store", func(st *Store) ([]Event, error) {
			big := strings.Repeat("x", metafieldBytes)
			_, e, err := st.CreateMetafield(Resource{Type: "store"}, MetafieldInput{Key: ptr("k"), Value: &big, Namespace: ptr("n"), PermissionSet: ptr("read")})
			return e, err
		}, ErrFull},
		{"location code taken", func(st *Store) ([]Event, error) {
			_, e, err := st.CreateLocations([]LocationInput{{Code: ptr("BC-LOCATION-1"), Label: ptr("x"), Address: &AddressPatch{}}})
			return e, err
		}, ErrInvalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, _ := newTestShop(1)
			write(t, s, "abc", func(st *Store) ([]Event, error) {
				_, e, err := st.CreatePriceList(PriceListInput{Name: ptr("Wholesale")})
				return e, err
			})
			before := pricingSnapshot(s)
			events, err := s.Write("abc", tt.write)
			if !errorsIs(err, tt.want) || len(events) != 0 {
				t.Fatalf("err %v events %v, want %v and none", err, events, tt.want)
			}
			if after := pricingSnapshot(s); after != before {
				t.Errorf("a refused write changed the store:\n%s\n%s", before, after)
			}
		})
	}
}

// pricingSnapshot renders a store's price lists, metafields and
// locations.
func pricingSnapshot(s *Shop) string {
	var out string
	s.Read("abc", func(st *Store) {
		out = deep(st.PriceLists(PriceListFilter{})) + deep(st.PriceRecords(1, RecordFilter{})) + deep(st.PriceAssignments(AssignmentFilter{})) +
			deep(st.Metafields(Resource{Type: "store"}, MetafieldFilter{})) + deep(st.Locations(LocationFilter{}))
	})
	return out
}
