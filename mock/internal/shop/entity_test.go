package shop_test

import (
	"testing"

	"github.com/bcmock/bcmock/mock/internal/shop"
)

func TestEntityOf(t *testing.T) {
	const cart = "11111111-2222-4333-8444-555555555555"
	for _, c := range []struct {
		scope string
		data  map[string]any
		want  shop.Ref
		ok    bool
	}{
		{"store/order/created", map[string]any{"id": 250.0}, shop.Ref{Kind: shop.EntityOrder, ID: "250"}, true},
		{"store/order/message/created", map[string]any{"id": 250.0, "message": map[string]any{"order_message_id": 3.0}}, shop.Ref{Kind: shop.EntityOrder, ID: "250"}, true},
		{"store/channel/2/order/statusUpdated", map[string]any{"order_id": 250.0}, shop.Ref{Kind: shop.EntityOrder, ID: "250"}, true},
		{"store/order/refund/created", map[string]any{"id": 250.0, "refund": map[string]any{"refund_id": 4.0}}, shop.Ref{Kind: shop.EntityRefund, ID: "4", Order: 250}, true},
		{"store/order/transaction/updated", map[string]any{"order_id": "250", "transaction_id": "9"}, shop.Ref{Kind: shop.EntityTransaction, ID: "9", Order: 250}, true},
		{"store/shipment/deleted", map[string]any{"id": 5.0, "orderId": 250.0}, shop.Ref{Kind: shop.EntityShipment, ID: "5", Order: 250}, true},
		{"store/cart/lineItem/created", map[string]any{"id": "line", "cartId": cart}, shop.Ref{Kind: shop.EntityCart, ID: cart}, true},
		{"store/channel/1/cart/converted", map[string]any{"cart_id": cart}, shop.Ref{Kind: shop.EntityCart, ID: cart}, true},
		{"store/customer/updated", map[string]any{"id": 9.0}, shop.Ref{Kind: shop.EntityCustomer, ID: "9"}, true},
		{"store/customer/address/deleted", map[string]any{"id": 4.0}, shop.Ref{Kind: shop.EntityAddress, ID: "4"}, true},
		{"store/customer/payment/instrument/default/updated", map[string]any{"id": 9.0}, shop.Ref{Kind: shop.EntityInstruments, ID: "9"}, true},
		{"store/customer/channel/login/access/updated", map[string]any{"customer_id": 9.0}, shop.Ref{Kind: shop.EntityCustomer, ID: "9"}, true},
		{"store/subscriber/deleted", map[string]any{"id": 3.0}, shop.Ref{Kind: shop.EntitySubscriber, ID: "3"}, true},
		{"store/channel/updated", map[string]any{"id": 2.0}, shop.Ref{Kind: shop.EntityChannel, ID: "2"}, true},
		// Data that names nothing, and families the model does not hold.
		{"store/order/created", map[string]any{"id": "x"}, shop.Ref{}, false},
		{"store/order/created", nil, shop.Ref{}, false},
		{"store/order/transaction/created", map[string]any{"order_id": "250"}, shop.Ref{}, false},
		{"store/shipment/created", map[string]any{"id": 5.0}, shop.Ref{}, false},
		{"store/cart/created", map[string]any{"id": 7.0}, shop.Ref{}, false},
		{"store/product/created", map[string]any{"id": 1.0}, shop.Ref{}, false},
		{"store/order/metafield/created", map[string]any{"id": 1.0}, shop.Ref{}, false},
		{"store/channel/1/product/created", map[string]any{"id": 1.0}, shop.Ref{}, false},
	} {
		got, ok := shop.EntityOf(c.scope, c.data)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("EntityOf(%s, %v) = %+v, %v; want %+v, %v", c.scope, c.data, got, ok, c.want, c.ok)
		}
	}
}
