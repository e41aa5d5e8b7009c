package shop

import (
	"strconv"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// The data of the events writes fire, in BigCommerce's shapes (the
// webhooks reference's payload table). Each store-level order and cart
// event is followed by its channel-scoped twin, as in the scenario
// actions' cascades.

// fired collects the events of one write.
type fired []Event

func (f *fired) add(scope string, data map[string]any) {
	*f = append(*f, Event{Scope: scope, Data: data})
}

// channelTwin adds store/channel/{channel}/tail with data.
func (f *fired) channelTwin(channel int, tail string, data map[string]any) {
	f.add(bigcommerce.Fill("store/channel/"+bigcommerce.ChannelPlaceholder+"/"+tail, channel), data)
}

// order adds store/order/{what} for o, and its channel twin.
func (f *fired) order(o *Order, what string) {
	f.add("store/order/"+what, map[string]any{"type": "order", "id": o.ID})
	f.channelTwin(o.ChannelID, "order/"+what, map[string]any{"order_id": o.ID})
}

// status adds statusUpdated (and its twin) when the status moved from
// prev, then order/updated: every status change is also an update.
func (f *fired) status(o *Order, prev int) {
	if o.StatusID != prev {
		f.add("store/order/statusUpdated", map[string]any{"type": "order", "id": o.ID,
			"status": map[string]any{"previous_status_id": prev, "new_status_id": o.StatusID}})
		f.channelTwin(o.ChannelID, "order/statusUpdated", map[string]any{"order_id": o.ID})
	}
	f.order(o, "updated")
}

func (f *fired) refund(o *Order, r *Refund) {
	f.add("store/order/refund/created", map[string]any{"type": "order", "id": o.ID, "refund": map[string]any{"refund_id": r.ID}})
	f.channelTwin(o.ChannelID, "order/refund/created", map[string]any{"order_id": o.ID})
}

// transaction adds store/order/transaction/created for t, with the string
// ids webhooks carry.
func (f *fired) transaction(o *Order, t *Transaction) {
	result := map[string]any{"code": "1", "message": "Transaction approved", "type": "success"}
	if t.Status == "error" {
		result = map[string]any{"code": "2", "message": "Card declined", "type": "error"}
	}
	f.add("store/order/transaction/created", map[string]any{
		"type": "transaction", "order_id": strconv.Itoa(o.ID), "transaction_id": t.WebhookID,
		"transaction_status": t.Status, "transaction_type": t.Event, "result": result,
		"platform_transaction_id": t.WebhookID, "provider_transaction_id": t.GatewayTransactionID,
	})
}

func (f *fired) shipment(o *Order, s *Shipment, what string) {
	f.add("store/shipment/"+what, map[string]any{"type": "shipment", "id": s.ID, "orderId": o.ID})
}

// cart adds store/cart/{what} for c with extra fields, and its twin.
func (f *fired) cart(c *Cart, what string, extra map[string]any) {
	data := map[string]any{"type": "cart", "id": c.ID}
	for k, v := range extra {
		data[k] = v
	}
	f.add("store/cart/"+what, data)
	f.channelTwin(c.ChannelID, "cart/"+what, map[string]any{"cart_id": c.ID})
}

func (f *fired) cartLine(c *Cart, item, what string) {
	f.add("store/cart/lineItem/"+what, map[string]any{"type": "cart_line_item", "id": item, "cartId": c.ID})
	f.channelTwin(c.ChannelID, "cart/lineItem/"+what, map[string]any{"cart_id": c.ID, "cart_item_id": item})
}
