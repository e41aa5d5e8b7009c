package rest

import (
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// The v3 carts (the management API), the abandoned-cart lookup and the
// checkout writes an integration makes (openapi/carts-v3.yaml). Each write
// fires what the model's write returns (reference §5): a new cart
// store/cart/created and updated, then lineItem/created per item, and so
// on, with their channel twins.

func (r *REST) addCartsV3(h map[string]gateway.Handler) {
	h["getCart"] = r.getCart
	h["createCartRedirectURL"] = r.createCartRedirectURL
	h["createCart"] = r.createCart
	h["updateCart"] = r.updateCart
	h["deleteCart"] = r.deleteCart
	h["addCartLineItems"] = r.addCartLineItems
	h["updateCartLineItem"] = r.updateCartLineItem
	h["deleteCartLineItem"] = r.deleteCartLineItem
	h["getAbandonedCart"] = r.getAbandonedCart
	h["getCheckout"] = r.getCheckout
	h["addCheckoutCoupon"] = r.addCheckoutCoupon
	h["createCheckoutOrder"] = r.createCheckoutOrder
	h["deleteCheckoutCoupon"] = r.deleteCheckoutCoupon
	h["updateCheckout"] = r.updateCheckout
	h["addCheckoutBillingAddress"] = r.addCheckoutBillingAddress
	h["updateCheckoutBillingAddress"] = r.updateCheckoutBillingAddress
}

// cartNotFound is BigCommerce's 404 for a cart that is not there (never
// made, converted or deleted).
var cartNotFound = gateway.Error{Status: http.StatusNotFound, Title: "Cart not found."}

// cartConflict is BigCommerce's 409 (CartConflictErrorResponse) for a
// write naming a version that is not the cart's current one.
var cartConflict = gateway.Error{Status: http.StatusConflict, Title: "The request cannot be processed due to a possible conflict. Please review the changes and try again."}

// cartError is modelError with the carts API's 404 and 409 titles.
func cartError(err error) gateway.Error {
	var e gateway.Error
	switch {
	case errors.Is(err, shop.ErrNotFound):
		e = cartNotFound
	case errors.Is(err, shop.ErrConflict):
		e = cartConflict
	default:
		return modelError(err)
	}
	e.Detail = err.Error()
	return e
}

// cartVersion is the version a cart write's body names, or nil: without
// one BigCommerce applies no optimistic concurrency check.
func cartVersion(body map[string]any) *int {
	if body["version"] == nil { // absent (the document types it an integer)
		return nil
	}
	v := jsonInt(body, "version")
	return &v
}

// versioned runs write after checking the version the body names.
func versioned(st *shop.Store, id string, version *int, write func() (*shop.Cart, []shop.Event, error)) (*shop.Cart, []shop.Event, error) {
	if err := st.CheckCartVersion(id, version); err != nil {
		return nil, nil, err
	}
	return write()
}

// writeCart runs a cart write and answers the cart it returns with
// status; a cart write that removed the cart answers 204.
func (r *REST) writeCart(w http.ResponseWriter, req *http.Request, in *gateway.Request, status int, fn func(st *shop.Store) (*shop.Cart, []shop.Event, error)) {
	var out *cartWire
	inc := includesOf(req.URL.Query()["include"])
	domain := shop.Domain(storeHash(in))
	ok := r.writeAs(w, req, in, cartError, func(st *shop.Store) ([]shop.Event, error) {
		c, events, err := fn(st)
		if err == nil && c != nil {
			wire := cartOf(c, domain, inc)
			out = &wire
		}
		return events, err
	})
	switch {
	case !ok:
	case out == nil:
		w.WriteHeader(http.StatusNoContent)
	default:
		in.JSON(w, status, one{Data: out})
	}
}

func (r *REST) getCart(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	var out *cartWire
	hash := storeHash(in)
	inc := includesOf(req.URL.Query()["include"])
	domain := shop.Domain(hash)
	r.cfg.Shop.Read(hash, func(st *shop.Store) {
		if c := cartIn(st, in.Param("cartId")); c != nil {
			wire := cartOf(c, domain, inc)
			out = &wire
		}
	})
	if out == nil {
		in.Error(w, cartNotFound)
		return
	}
	in.JSON(w, http.StatusOK, one{Data: out})
}

// createCartRedirectURL answers the cart's redirect URLs with the body's
// query_params; a cart the store does not hold is 404.
func (r *REST) createCartRedirectURL(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	var body struct {
		QueryParams map[string]string `json:"query_params"`
	}
	if err := decode(in, &body); err != nil {
		in.Error(w, badBody(err))
		return
	}
	hash, found := storeHash(in), false
	r.cfg.Shop.Read(hash, func(st *shop.Store) { found = cartIn(st, in.Param("cartId")) != nil })
	if !found {
		in.Error(w, cartNotFound)
		return
	}
	in.JSON(w, http.StatusCreated, one{Data: cartRedirects(in.Param("cartId"), shop.Domain(hash), body.QueryParams)})
}

// cartIn returns cart id of st, or nil; st is nil for a store that holds
// nothing yet.
func cartIn(st *shop.Store, id string) *shop.Cart {
	if st == nil {
		return nil
	}
	return st.Cart(id)
}

func (r *REST) createCart(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	body := in.Object()
	cin := shop.CartInput{
		CustomerID: jsonInt(body, "customer_id"), ChannelID: jsonInt(body, "channel_id"),
		Email: jsonString(body, "email"), Locale: jsonString(body, "locale"),
	}
	lines, err := cartLines(body["line_items"])
	custom, cerr := cartCustomItems(body["custom_items"])
	cin.Lines, cin.Custom = lines, custom
	r.writeCart(w, req, in, http.StatusCreated, func(st *shop.Store) (*shop.Cart, []shop.Event, error) {
		if err = errors.Join(err, cerr); err != nil {
			return nil, nil, err
		}
		return st.CreateCart(cin)
	})
}

// updateCart answers 201, as carts.v3 declares for PUT /carts/{cartId}.
func (r *REST) updateCart(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id, customer, version := in.Param("cartId"), jsonInt(in.Object(), "customer_id"), cartVersion(in.Object())
	r.writeCart(w, req, in, http.StatusCreated, func(st *shop.Store) (*shop.Cart, []shop.Event, error) {
		return versioned(st, id, version, func() (*shop.Cart, []shop.Event, error) { return st.UpdateCart(id, customer) })
	})
}

func (r *REST) deleteCart(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	if r.writeAs(w, req, in, cartError, func(st *shop.Store) ([]shop.Event, error) {
		return st.DeleteCart(in.Param("cartId"))
	}) {
		w.WriteHeader(http.StatusNoContent)
	}
}

func (r *REST) addCartLineItems(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id, version := in.Param("cartId"), cartVersion(in.Object())
	lines, err := cartLines(in.Object()["line_items"])
	custom, cerr := cartCustomItems(in.Object()["custom_items"])
	r.writeCart(w, req, in, http.StatusCreated, func(st *shop.Store) (*shop.Cart, []shop.Event, error) {
		if err = errors.Join(err, cerr); err != nil {
			return nil, nil, err
		}
		return versioned(st, id, version, func() (*shop.Cart, []shop.Event, error) { return st.AddCartItems(id, lines, custom) })
	})
}

func (r *REST) updateCartLineItem(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	item, _ := in.Object()["line_item"].(map[string]any)
	id, quantity, version := in.Param("cartId"), jsonInt(item, "quantity"), cartVersion(in.Object())
	r.writeCart(w, req, in, http.StatusOK, func(st *shop.Store) (*shop.Cart, []shop.Event, error) {
		return versioned(st, id, version, func() (*shop.Cart, []shop.Event, error) {
			return st.UpdateCartItem(id, in.Param("itemId"), quantity)
		})
	})
}

// deleteCartLineItem answers the cart, or 204 when that was its last
// item: the cart is deleted then, as BigCommerce deletes it.
func (r *REST) deleteCartLineItem(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id, version := in.Param("cartId"), cartVersion(in.Object())
	r.writeCart(w, req, in, http.StatusOK, func(st *shop.Store) (*shop.Cart, []shop.Event, error) {
		return versioned(st, id, version, func() (*shop.Cart, []shop.Event, error) { return st.DeleteCartItem(id, in.Param("itemId")) })
	})
}

func (r *REST) getAbandonedCart(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	id := ""
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st == nil {
			return
		}
		if c := st.CartByToken(in.Param("token")); c != nil {
			id = c.ID
		}
	})
	if id == "" {
		in.Error(w, gateway.Error{Status: http.StatusNotFound, Title: "Abandoned cart not found.", Detail: "no cart has this token"})
		return
	}
	in.JSON(w, http.StatusOK, one{Data: struct {
		CartID string `json:"cart_id"`
	}{id}})
}

func (r *REST) getCheckout(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	var out *checkoutWire
	hash := storeHash(in)
	domain := shop.Domain(hash)
	inc := includesOf(req.URL.Query()["include"])
	r.cfg.Shop.Read(hash, func(st *shop.Store) {
		if c := cartIn(st, in.Param("checkoutId")); c != nil {
			wire := checkoutOf(c, domain, inc)
			out = &wire
		}
	})
	if out == nil {
		in.Error(w, gateway.Error{Status: http.StatusNotFound, Title: "Checkout not found.", Detail: "no cart has this id"})
		return
	}
	in.JSON(w, http.StatusOK, one{Data: out})
}

// addCheckoutCoupon applies a coupon; a version the body names that is
// not the cart's answers 409, as BigCommerce's checkouts file declares.
func (r *REST) addCheckoutCoupon(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	code := jsonString(in.Object(), "coupon_code")
	r.writeCheckout(w, req, in, func(st *shop.Store, id string) (*shop.Cart, []shop.Event, error) { return st.ApplyCoupon(id, code) })
}

// deleteCheckoutCoupon removes a coupon code and its discount.
func (r *REST) deleteCheckoutCoupon(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	code := in.Param("couponCode")
	r.writeCheckout(w, req, in, func(st *shop.Store, id string) (*shop.Cart, []shop.Event, error) { return st.RemoveCoupon(id, code) })
}

// updateCheckout sets the customer message (Checkout_Put).
func (r *REST) updateCheckout(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	message := jsonString(in.Object(), "customer_message")
	r.writeCheckout(w, req, in, func(st *shop.Store, id string) (*shop.Cart, []shop.Event, error) {
		return st.SetCustomerMessage(id, message)
	})
}

func (r *REST) addCheckoutBillingAddress(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	a := checkoutAddressOf(in.Object())
	r.writeCheckout(w, req, in, func(st *shop.Store, id string) (*shop.Cart, []shop.Event, error) {
		return st.SetCheckoutBilling(id, "", a)
	})
}

func (r *REST) updateCheckoutBillingAddress(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	a, addressID := checkoutAddressOf(in.Object()), in.Param("addressId")
	r.writeCheckout(w, req, in, func(st *shop.Store, id string) (*shop.Cart, []shop.Event, error) {
		return st.SetCheckoutBilling(id, addressID, a)
	})
}

// writeCheckout runs a checkout write after checking the version the
// body names (another answers 409, as BigCommerce's checkouts file
// declares) and answers the checkout, 200.
func (r *REST) writeCheckout(w http.ResponseWriter, req *http.Request, in *gateway.Request, write func(st *shop.Store, id string) (*shop.Cart, []shop.Event, error)) {
	id, version := in.Param("checkoutId"), cartVersion(in.Object())
	domain := shop.Domain(storeHash(in))
	var out checkoutWire
	if r.writeAs(w, req, in, cartError, func(st *shop.Store) ([]shop.Event, error) {
		c, events, err := versioned(st, id, version, func() (*shop.Cart, []shop.Event, error) { return write(st, id) })
		if err == nil {
			out = checkoutOf(c, domain, includes{})
		}
		return events, err
	}) {
		in.JSON(w, http.StatusOK, one{Data: out})
	}
}

// checkoutAddressOf reads an AddressProperties body, which the document
// has checked.
func checkoutAddressOf(body map[string]any) shop.CheckoutAddress {
	a := shop.CheckoutAddress{
		FirstName: jsonString(body, "first_name"), LastName: jsonString(body, "last_name"), Email: jsonString(body, "email"),
		Company: jsonString(body, "company"), Address1: jsonString(body, "address1"), Address2: jsonString(body, "address2"),
		City: jsonString(body, "city"), StateOrProvince: jsonString(body, "state_or_province"),
		StateOrProvinceCode: jsonString(body, "state_or_province_code"), CountryCode: jsonString(body, "country_code"),
		PostalCode: jsonString(body, "postal_code"), Phone: jsonString(body, "phone"),
	}
	fields, _ := body["custom_fields"].([]any)
	for _, f := range fields {
		obj, _ := f.(map[string]any)
		value := jsonString(obj, "field_value")
		if list, ok := obj["field_value"].([]any); ok { // a list of values (check boxes)
			parts := make([]string, 0, len(list))
			for _, v := range list {
				parts = append(parts, fmt.Sprint(v))
			}
			value = strings.Join(parts, ",")
		}
		a.CustomFields = append(a.CustomFields, shop.CheckoutCustomField{FieldID: jsonString(obj, "field_id"), FieldValue: value})
	}
	return a
}

// cartCustomItems reads custom_items, which the document has checked.
func cartCustomItems(v any) ([]shop.CartCustomInput, error) {
	items, _ := v.([]any)
	out := make([]shop.CartCustomInput, 0, len(items))
	for i, it := range items {
		obj, _ := it.(map[string]any)
		m, present, ok := jsonMoney(obj, "list_price")
		if present && !ok {
			return nil, fmt.Errorf("%w: custom_items[%d].list_price: a price of at most 4 decimals", shop.ErrInvalid, i)
		}
		out = append(out, shop.CartCustomInput{SKU: jsonString(obj, "sku"), Name: jsonString(obj, "name"), Quantity: jsonInt(obj, "quantity"), ListPrice: m})
	}
	return out, nil
}

// createCheckoutOrder makes the order of a checkout: status 0, the cart
// stays until the order is paid.
func (r *REST) createCheckoutOrder(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := 0
	if r.writeAs(w, req, in, cartError, func(st *shop.Store) ([]shop.Event, error) {
		o, events, err := st.CreateCheckoutOrder(in.Param("checkoutId"))
		if err == nil {
			id = o.ID
		}
		return events, err
	}) {
		in.JSON(w, http.StatusOK, one{Data: struct {
			ID int `json:"id"`
		}{id}})
	}
}

// cartLines reads line_items, which the document has checked.
func cartLines(v any) ([]shop.CartLineInput, error) {
	items, _ := v.([]any)
	out := make([]shop.CartLineInput, 0, len(items))
	for i, it := range items {
		obj, _ := it.(map[string]any)
		li := shop.CartLineInput{
			ProductID: jsonInt(obj, "product_id"), VariantID: jsonInt(obj, "variant_id"),
			Quantity: jsonInt(obj, "quantity"), Name: jsonString(obj, "name"),
		}
		if m, present, ok := jsonMoney(obj, "list_price"); present {
			if !ok {
				return nil, fmt.Errorf("%w: line_items[%d].list_price: at most 4 decimals", shop.ErrInvalid, i)
			}
			li.ListPrice = &m
		}
		out = append(out, li)
	}
	return out, nil
}

// splitComma splits a comma-separated query value, dropping empty parts.
func splitComma(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}
