package shop

import (
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// The checkout writes a headless integration makes before it turns a
// checkout into an order: the billing address, removing a coupon and the
// customer message. BigCommerce documents no webhook for any of them
// (reference §5 lists none), so they fire nothing; each is a change of
// the cart, so its version goes up.

// maxCustomerMessage is the longest customer_message BigCommerce's
// checkouts file allows.
const maxCustomerMessage = 2000

// SetCheckoutBilling sets the billing address of checkout id, as POST
// /v3/checkouts/{id}/billing-address (addressID "") and PUT
// .../billing-address/{addressID} do. A checkout has one billing address:
// a POST when it has one replaces it under the same id; a PUT naming
// another id is ErrNotFound. email and country_code are required.
func (st *Store) SetCheckoutBilling(id, addressID string, a CheckoutAddress) (*Cart, []Event, error) {
	return st.changeCheckout(id, func(c *Cart) error {
		switch {
		case addressID != "" && (c.Billing == nil || c.Billing.ID != addressID):
			return notFound("billing address", addressID)
		case strings.TrimSpace(a.Email) == "":
			return invalid("email: is required")
		case strings.TrimSpace(a.CountryCode) == "":
			return invalid("country_code: is required")
		case len(a.CustomFields) > st.limits().Children:
			return invalid("custom_fields: at most %d", st.limits().Children)
		}
		if c.Billing != nil {
			a.ID = c.Billing.ID
		} else {
			a.ID = strconv.Itoa(bump(&st.next.address))
		}
		c.Email = a.Email // the cart's email is the billing address's
		c.Billing = &a
		return nil
	})
}

// changeCheckout runs change on checkout id and, when it succeeds,
// records the change (updated_time, version). It fires nothing.
func (st *Store) changeCheckout(id string, change func(c *Cart) error) (*Cart, []Event, error) {
	c, err := st.cart(id)
	if err != nil {
		return nil, nil, err
	}
	if err := change(c); err != nil {
		return nil, nil, err
	}
	st.touchCart(c)
	return c, nil, nil
}

// RemoveCoupon removes a coupon code (and so its discount) from checkout
// id, as DELETE /v3/checkouts/{id}/coupons/{code} does. Codes match
// without regard to case; a code the checkout does not carry is
// ErrNotFound.
func (st *Store) RemoveCoupon(id, code string) (*Cart, []Event, error) {
	return st.changeCheckout(id, func(c *Cart) error {
		i := slices.IndexFunc(c.Coupons, func(cp *Coupon) bool { return strings.EqualFold(cp.Code, code) })
		if i < 0 {
			return notFound("coupon", code)
		}
		c.Coupons = slices.Delete(c.Coupons, i, i+1)
		return nil
	})
}

// SetCustomerMessage sets checkout id's customer_message, as PUT
// /v3/checkouts/{id} does (at most 2000 characters).
func (st *Store) SetCustomerMessage(id, message string) (*Cart, []Event, error) {
	return st.changeCheckout(id, func(c *Cart) error {
		if n := utf8.RuneCountInString(message); n > maxCustomerMessage {
			return invalid("customer_message: %d characters, at most %d", n, maxCustomerMessage)
		}
		c.CustomerMessage = message
		return nil
	})
}

// orderAddress is the order's billing address a checkout's billing
// address becomes.
func (a *CheckoutAddress) orderAddress() *Address {
	state := a.StateOrProvince
	if state == "" {
		state = a.StateOrProvinceCode
	}
	return &Address{FirstName: a.FirstName, LastName: a.LastName, Company: a.Company, Street1: a.Address1, Street2: a.Address2,
		City: a.City, State: state, Zip: a.PostalCode, Country: CountryName(a.CountryCode), CountryISO2: a.CountryCode,
		Phone: a.Phone, Email: a.Email}
}
