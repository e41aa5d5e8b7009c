package admin

import (
	"cmp"
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// getState dumps a store's model: every order (archived too), cart,
// catalog entity, customer, subscriber and channel.
func (a *Admin) getState(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	hash := in.Param("store_hash")
	out := emptyState(hash)
	a.cfg.Shop.Read(hash, func(st *shop.Store) {
		if st == nil {
			st = a.cfg.Shop.Blank(hash) // what a new store holds: channel 1
		}
		dumpEntities(st, &out)
		for _, o := range st.OrderList(shop.OrderFilter{}) {
			out.Orders = append(out.Orders, wireOrder(o))
		}
		for _, o := range st.OrderList(shop.OrderFilter{Deleted: new(true)}) {
			out.Orders = append(out.Orders, wireOrder(o))
		}
		slices.SortFunc(out.Orders, func(x, y adminapi.OrderState) int { return cmp.Compare(x.ID, y.ID) })
		for _, c := range st.Carts() {
			out.Carts = append(out.Carts, wireCart(c))
		}
	})
	gateway.WriteJSON(w, http.StatusOK, out)
}

// seedOrder puts an order in the store without firing events.
func (a *Admin) seedOrder(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	var body adminapi.SeedOrder
	if !decode(w, r, &body) {
		return
	}
	seed, err := seedOrderInput(body)
	if err != nil {
		WriteError(w, gateway.Error{Status: http.StatusUnprocessableEntity, Title: "invalid order", Detail: err.Error(), Fields: map[string]string{"body": err.Error()}})
		return
	}
	var out adminapi.OrderState
	_, err = a.cfg.Shop.Write(in.Param("store_hash"), func(st *shop.Store) ([]shop.Event, error) {
		o, err := st.SeedOrder(seed)
		if err == nil {
			out = wireOrder(o)
		}
		return nil, err
	})
	if err != nil {
		WriteError(w, modelError(err))
		return
	}
	gateway.WriteJSON(w, http.StatusCreated, out)
}

// seedCart puts a cart in the store without firing events.
func (a *Admin) seedCart(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	var body adminapi.SeedCart
	if !decode(w, r, &body) {
		return
	}
	seed := shop.SeedCartInput{ID: body.ID, CartInput: shop.CartInput{CustomerID: body.CustomerID, ChannelID: body.ChannelID, Email: body.Email}}
	for i, l := range body.LineItems {
		li := shop.CartLineInput{ProductID: l.ProductID, VariantID: l.VariantID, Quantity: l.Quantity, Name: l.Name}
		if l.ListPrice != "" {
			m, err := money("line_items["+strconv.Itoa(i)+"].list_price", l.ListPrice)
			if err != nil {
				WriteError(w, gateway.Error{Status: http.StatusUnprocessableEntity, Title: "invalid cart", Detail: err.Error(), Fields: map[string]string{"body": err.Error()}})
				return
			}
			li.ListPrice = &m
		}
		seed.Lines = append(seed.Lines, li)
	}
	var out adminapi.CartState
	_, err := a.cfg.Shop.Write(in.Param("store_hash"), func(st *shop.Store) ([]shop.Event, error) {
		c, err := st.SeedCart(seed)
		if err == nil {
			out = wireCart(c)
		}
		return nil, err
	})
	if err != nil {
		WriteError(w, modelError(err))
		return
	}
	gateway.WriteJSON(w, http.StatusCreated, out)
}

// payOrder takes payment for an order, as the Payments API does, and
// raises the events it fires.
func (a *Admin) payOrder(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	hash := in.Param("store_hash")
	id, _ := strconv.Atoi(in.Param("order_id"))
	var out adminapi.OrderState
	events, err := a.cfg.Shop.Write(hash, func(st *shop.Store) ([]shop.Event, error) {
		o, events, err := st.PayOrder(id)
		if err == nil {
			out = wireOrder(o)
		}
		return events, err
	})
	if err != nil {
		WriteError(w, modelError(err))
		return
	}
	if a.cfg.RaiseFired != nil {
		a.cfg.RaiseFired(r.Context(), hash, events)
	}
	gateway.WriteJSON(w, http.StatusOK, out)
}

// decode reads a validated JSON body into v; on failure it has answered.
func decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		WriteError(w, gateway.Error{Status: http.StatusBadRequest, Title: "invalid control request", Detail: err.Error()})
		return false
	}
	return true
}

// modelError answers a model error: 404 for what is not there, 409 for a
// limit reached, 422 for a rule broken.
func modelError(err error) gateway.Error {
	switch {
	case errors.Is(err, shop.ErrNotFound):
		return gateway.Error{Status: http.StatusNotFound, Title: "not found", Detail: err.Error()}
	case errors.Is(err, shop.ErrFull):
		return gateway.Error{Status: http.StatusConflict, Title: "bcmock keeps no more of these", Detail: err.Error()}
	}
	return gateway.Error{Status: http.StatusUnprocessableEntity, Title: "invalid request", Detail: err.Error(), Fields: map[string]string{"body": err.Error()}}
}

// money reads a decimal string of the wire.
func money(field, s string) (shop.Money, error) {
	m, ok := shop.MoneyOf(s)
	if !ok {
		return 0, errors.New(field + ": " + strconv.Quote(s) + " is not an amount with at most four decimals")
	}
	return m, nil
}

func seedOrderInput(b adminapi.SeedOrder) (shop.SeedOrderInput, error) {
	in := shop.SeedOrderInput{ID: b.ID, CartID: b.CartID}
	in.StatusID = b.StatusID
	if b.CustomerID != 0 {
		in.CustomerID = &b.CustomerID
	}
	if b.ChannelID != 0 {
		in.ChannelID = &b.ChannelID
	}
	if b.BillingAddress != nil {
		addr := fromWireAddress(*b.BillingAddress)
		in.Billing = &addr
	}
	if b.ShippingCost != "" {
		m, err := money("shipping_cost_ex_tax", b.ShippingCost)
		if err != nil {
			return in, err
		}
		in.ShippingCost = &m
	}
	if b.CustomerMessage != "" {
		in.CustomerMessage = &b.CustomerMessage
	}
	if b.StaffNotes != "" {
		in.StaffNotes = &b.StaffNotes
	}
	if b.ExternalID != "" {
		in.ExternalID = &b.ExternalID
	}
	if b.IsDeleted {
		in.Deleted = &b.IsDeleted
	}
	for i, l := range b.Lines {
		li := shop.LineInput{ProductID: l.ProductID, Name: l.Name, SKU: l.SKU, Quantity: l.Quantity}
		if l.PriceExTax != "" {
			m, err := money("lines["+strconv.Itoa(i)+"].price_ex_tax", l.PriceExTax)
			if err != nil {
				return in, err
			}
			li.Price = &m
		}
		in.Lines = append(in.Lines, li)
	}
	for i, a := range b.Addresses {
		ai := shop.AddressInput{Address: fromWireAddress(a.Address), Method: a.ShippingMethod}
		if a.CostExTax != "" {
			m, err := money("shipping_addresses["+strconv.Itoa(i)+"].cost_ex_tax", a.CostExTax)
			if err != nil {
				return in, err
			}
			ai.Cost = &m
		}
		in.Addresses = append(in.Addresses, ai)
	}
	return in, nil
}

func fromWireAddress(a adminapi.Address) shop.Address {
	return shop.Address{FirstName: a.FirstName, LastName: a.LastName, Company: a.Company, Street1: a.Street1, Street2: a.Street2,
		City: a.City, State: a.State, Zip: a.Zip, Country: a.Country, CountryISO2: a.CountryISO2, Phone: a.Phone, Email: a.Email}
}

func wireAddress(a *shop.Address) adminapi.Address {
	if a == nil {
		return adminapi.Address{}
	}
	return adminapi.Address{FirstName: a.FirstName, LastName: a.LastName, Company: a.Company, Street1: a.Street1, Street2: a.Street2,
		City: a.City, State: a.State, Zip: a.Zip, Country: a.Country, CountryISO2: a.CountryISO2, Phone: a.Phone, Email: a.Email}
}

func wireTime(t time.Time) time.Time { return t.UTC() }

func wireOrder(o *shop.Order) adminapi.OrderState {
	out := adminapi.OrderState{
		ID: o.ID, StatusID: o.StatusID, Status: o.Status(), CustomerID: o.CustomerID, ChannelID: o.ChannelID, CartID: o.CartID,
		OrderSource: o.Source, ExternalSource: o.ExternalSource, ExternalID: o.ExternalID, IsDeleted: o.Deleted,
		DateCreated: wireTime(o.Created), DateModified: wireTime(o.Modified), BillingAddress: wireAddress(o.Billing),
		Currency: o.Currency, PaymentMethod: o.PaymentMethod, CustomerMessage: o.CustomerMessage, StaffNotes: o.StaffNotes,
		ShippingCostExTax: o.ShippingCost.Decimal(), HandlingCostExTax: o.HandlingCost.Decimal(), DiscountAmount: o.Discount.Decimal(),
		SubtotalExTax: o.Subtotal().Decimal(), TotalExTax: o.TotalExTax().Decimal(), TotalTax: o.TotalTax().Decimal(),
		TotalIncTax: o.TotalIncTax().Decimal(), RefundedAmount: o.Refunded().Decimal(),
		ItemsTotal: o.ItemsTotal(), ItemsShipped: o.ItemsShipped(),
		Lines: []adminapi.LineState{}, ShippingAddresses: []adminapi.ShippingAddressState{}, Shipments: []adminapi.ShipmentState{},
		Coupons: []adminapi.CouponState{}, Transactions: []adminapi.TransactionState{}, Refunds: []adminapi.RefundState{},
		Messages: []adminapi.MessageState{},
	}
	if !o.Shipped.IsZero() {
		t := wireTime(o.Shipped)
		out.DateShipped = &t
	}
	for _, l := range o.Lines {
		out.Lines = append(out.Lines, adminapi.LineState{ID: l.ID, ProductID: l.ProductID, VariantID: l.VariantID, Name: l.Name, SKU: l.SKU,
			Type: l.Type, Quantity: l.Quantity, QuantityShipped: l.Shipped, QuantityRefunded: l.Refunded, PriceExTax: l.Price.Decimal(),
			Weight: l.Weight, OrderAddressID: l.AddressID})
	}
	for _, a := range o.Addresses {
		out.ShippingAddresses = append(out.ShippingAddresses, adminapi.ShippingAddressState{ID: a.ID, Address: wireAddress(a.Address),
			ShippingMethod: a.Method, CostExTax: a.Cost.Decimal()})
	}
	for _, s := range o.Shipments {
		ws := adminapi.ShipmentState{ID: s.ID, OrderAddressID: s.AddressID, DateCreated: wireTime(s.Created), TrackingNumber: s.TrackingNumber,
			Carrier: s.Carrier, Provider: s.Provider, Method: s.Method, Comments: s.Comments, Items: []adminapi.ShipmentItemState{}}
		for _, it := range s.Items {
			ws.Items = append(ws.Items, adminapi.ShipmentItemState{OrderProductID: it.LineID, ProductID: it.ProductID, Quantity: it.Quantity})
		}
		out.Shipments = append(out.Shipments, ws)
	}
	out.Coupons = wireCoupons(o.Coupons)
	for _, t := range o.Transactions {
		out.Transactions = append(out.Transactions, adminapi.TransactionState{ID: t.ID, WebhookTransactionID: t.WebhookID, Event: t.Event,
			Method: t.Method, Gateway: t.Gateway, GatewayTransactionID: t.GatewayTransactionID, Status: t.Status, Amount: t.Amount.Decimal(),
			Currency: t.Currency, Test: t.Test, DateCreated: wireTime(t.Created)})
	}
	for _, r := range o.Refunds {
		wr := adminapi.RefundState{ID: r.ID, DateCreated: wireTime(r.Created), Reason: r.Reason, Amount: r.Amount.Decimal(), Items: []adminapi.RefundItemState{}}
		for _, it := range r.Items {
			wr.Items = append(wr.Items, adminapi.RefundItemState{ItemType: it.Type, ItemID: it.ItemID, Quantity: it.Quantity, Amount: it.Amount.Decimal()})
		}
		out.Refunds = append(out.Refunds, wr)
	}
	for _, m := range o.Messages {
		out.Messages = append(out.Messages, adminapi.MessageState{ID: m.ID, Subject: m.Subject, Message: m.Text, DateCreated: wireTime(m.Created)})
	}
	return out
}

func wireCoupons(cs []*shop.Coupon) []adminapi.CouponState {
	out := make([]adminapi.CouponState, 0, len(cs))
	for _, c := range cs {
		out = append(out, adminapi.CouponState{ID: c.ID, CouponID: c.CouponID, Code: c.Code, Type: c.Type, Amount: c.Amount.Decimal()})
	}
	return out
}

func wireCart(c *shop.Cart) adminapi.CartState {
	out := adminapi.CartState{ID: c.ID, CustomerID: c.CustomerID, ChannelID: c.ChannelID, Email: c.Email, Currency: c.Currency,
		Locale: c.Locale, CreatedTime: wireTime(c.Created), UpdatedTime: wireTime(c.Updated), BaseAmount: c.Amount().Decimal(),
		Discount: c.Discount().Decimal(), LineItems: []adminapi.CartLineState{}, Coupons: wireCoupons(c.Coupons), Token: c.Token, OrderID: c.OrderID}
	for _, l := range c.Lines {
		out.LineItems = append(out.LineItems, adminapi.CartLineState{ID: l.ID, ProductID: l.ProductID, VariantID: l.VariantID, Name: l.Name,
			SKU: l.SKU, Quantity: l.Quantity, ListPrice: l.ListPrice.Decimal(), SalePrice: l.SalePrice.Decimal()})
	}
	return out
}
