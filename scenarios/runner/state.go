package runner

import (
	"context"
	"fmt"
	"strconv"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/scenarios"
)

// The store model in a run: the setup's orders and carts are seeded
// through the control API (no events fire), pay steps take payment
// through it, and order and cart expectations read the store's state
// dump (GET /__bcmock/stores/{hash}/state). The dump holds what an app
// would read with GET /v2/orders/{id} and GET /v3/carts/{id}; it is used
// rather than those reads so that a check reads the whole store once.

// seed puts the setup's catalog, customers and channels in place, then
// its orders and carts (whose lines may name seeded products).
func (se *Session) seed(ctx context.Context) error {
	if err := se.seedEntities(ctx); err != nil {
		return err
	}
	for i, o := range se.s.Setup.Orders {
		in := adminapi.SeedOrder{ID: o.ID, StatusID: o.StatusID, CustomerID: o.CustomerID, ChannelID: o.ChannelID,
			CartID: o.CartID, IsDeleted: o.IsDeleted}
		for _, l := range o.Lines {
			in.Lines = append(in.Lines, adminapi.SeedLine{ProductID: l.ProductID, Name: l.Name, Quantity: l.Quantity, PriceExTax: l.PriceExTax})
		}
		if _, err := se.admin.SeedOrder(ctx, o.Store, in); err != nil {
			return fmt.Errorf("setup.orders[%d]: %w", i, err)
		}
	}
	for i, c := range se.s.Setup.Carts {
		in := adminapi.SeedCart{ID: c.ID, CustomerID: c.CustomerID, ChannelID: c.ChannelID, Email: c.Email}
		for _, l := range c.LineItems {
			in.LineItems = append(in.LineItems, adminapi.SeedCartLine{ProductID: l.ProductID, Quantity: l.Quantity, ListPrice: l.ListPrice})
		}
		if _, err := se.admin.SeedCart(ctx, c.Store, in); err != nil {
			return fmt.Errorf("setup.carts[%d]: %w", i, err)
		}
	}
	return nil
}

// pay takes payment for an order and lets the callbacks it fired go out.
func (se *Session) pay(ctx context.Context, p scenarios.Pay) (string, []Failure, error) {
	o, err := se.admin.PayOrder(ctx, p.Store, p.Order)
	if err != nil {
		return "", nil, err
	}
	if err := se.settle(ctx); err != nil {
		return "", nil, err
	}
	done := fmt.Sprintf("paid order %d: status %d (%s)", o.ID, o.StatusID, o.Status)
	if o.CartID != "" {
		done += ", cart " + o.CartID + " converted"
	}
	return done, nil, nil
}

// state reads a store's state dump, once per snapshot.
func (sn *snapshot) state(store string) (adminapi.StoreState, error) {
	if st, ok := sn.states[store]; ok {
		return st, nil
	}
	st, err := sn.se.admin.State(sn.ctx, store)
	if err != nil {
		return adminapi.StoreState{}, err
	}
	sn.states[store] = st
	return st, nil
}

// order checks an order expectation.
func (sn *snapshot) order(path string, x scenarios.OrderExpectation) (*Failure, error) {
	st, err := sn.state(x.Store)
	if err != nil {
		return nil, err
	}
	f := &Failure{Path: path, Subject: fmt.Sprintf("order %d of store %s", x.ID, x.Store)}
	o := st.Order(x.ID)
	if presence(f, o != nil, x.Exists, "the store holds orders "+orderIDs(st)) {
		return failed(f)
	}
	ints := []struct {
		key  string
		want *int
		got  int
	}{
		{"status_id", x.StatusID, o.StatusID}, {"customer_id", x.CustomerID, o.CustomerID},
		{"items_total", x.ItemsTotal, o.ItemsTotal}, {"items_shipped", x.ItemsShipped, o.ItemsShipped},
		{"shipments", x.Shipments, len(o.Shipments)}, {"transactions", x.Transactions, len(o.Transactions)},
		{"refunds", x.Refunds, len(o.Refunds)},
	}
	for _, c := range ints {
		if c.want != nil && *c.want != c.got {
			m := Mismatch{Key: c.key, Expected: strconv.Itoa(*c.want), Got: strconv.Itoa(c.got)}
			if c.key == "status_id" {
				m.Got += " (" + o.Status + ")"
			}
			f.Mismatches = append(f.Mismatches, m)
		}
	}
	if x.IsDeleted != nil && *x.IsDeleted != o.IsDeleted {
		f.Mismatches = append(f.Mismatches, Mismatch{Key: "is_deleted", Expected: strconv.FormatBool(*x.IsDeleted), Got: strconv.FormatBool(o.IsDeleted)})
	}
	mismatchIf(f, "cart_id", x.CartID, o.CartID, strconv.Quote)
	return failed(f)
}

// cart checks a cart expectation.
func (sn *snapshot) cart(path string, x scenarios.CartExpectation) (*Failure, error) {
	st, err := sn.state(x.Store)
	if err != nil {
		return nil, err
	}
	f := &Failure{Path: path, Subject: fmt.Sprintf("cart %s of store %s", x.ID, x.Store)}
	c := st.Cart(x.ID)
	note := ""
	for _, o := range st.Orders {
		if o.CartID == x.ID {
			note = fmt.Sprintf("the cart was converted into order %d", o.ID)
		}
	}
	if presence(f, c != nil, x.Exists, note) {
		return failed(f)
	}
	mismatchIf(f, "line_items", x.LineItems, len(c.LineItems), strconv.Itoa)
	mismatchIf(f, "customer_id", x.CustomerID, c.CustomerID, strconv.Itoa)
	return failed(f)
}

// orderIDs lists the ids of a store's orders, for a note.
func orderIDs(st adminapi.StoreState) string {
	if len(st.Orders) == 0 {
		return "none"
	}
	ids := make([]string, 0, len(st.Orders))
	for _, o := range st.Orders {
		ids = append(ids, strconv.Itoa(o.ID))
	}
	return list(ids)
}
