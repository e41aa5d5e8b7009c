package shop

import (
	"strconv"
	"strings"
)

// EntityKind names the kind of entity an event is about.
type EntityKind string

// The kinds of entity the model holds that events are about.
const (
	EntityOrder       EntityKind = "order"
	EntityShipment    EntityKind = "shipment"
	EntityTransaction EntityKind = "transaction"
	EntityRefund      EntityKind = "refund"
	EntityCart        EntityKind = "cart"
	EntityCustomer    EntityKind = "customer"
	EntityAddress     EntityKind = "address"
	EntityInstruments EntityKind = "stored_instruments"
	EntitySubscriber  EntityKind = "subscriber"
	EntityChannel     EntityKind = "channel"
)

// Ref names the entity an event is about, as its data names it: the
// entity a receiver reads back after the callback.
type Ref struct {
	Kind EntityKind
	// ID is the entity's id: a number for most kinds, a UUID for a cart,
	// the webhook's transaction_id for a transaction.
	ID string
	// Order is the order a shipment, transaction or refund belongs to
	// (0 when the data does not say).
	Order int
}

// IntID returns the ref's id as a number (0 when it is not one).
func (r Ref) IntID() int {
	n, _ := strconv.Atoi(r.ID)
	return n
}

// EntityOf returns the entity an event of scope with data is about, by
// the same fields Raise reads to put the state in place. It reports false
// for events of families the model does not hold and for data that names
// no entity (an id missing or of the wrong type).
func EntityOf(scope string, data map[string]any) (Ref, bool) {
	kind, ok := kindOf(scope)
	f := familyOf(kind)
	if !ok || f.ref == nil {
		return Ref{}, false
	}
	r := f.ref(kind, data)
	return r, r.Kind != "" && r.ID != "" && r.ID != "0"
}

// intRef is a ref of kind with a numeric id; empty when id is not one.
func intRef(kind EntityKind, id int) Ref {
	if id <= 0 {
		return Ref{}
	}
	return Ref{Kind: kind, ID: strconv.Itoa(id)}
}

// orderID is the order an order event names.
func orderID(d map[string]any) int {
	if id := intField(d, "id"); id != 0 {
		return id
	}
	return intField(d, "order_id") // channel events and transactions
}

func orderRef(kind string, d map[string]any) Ref {
	id := orderID(d)
	switch kind {
	case "order/refund/created":
		r := intRef(EntityRefund, intField(nested(d, "refund"), "refund_id"))
		r.Order = id
		return r
	case "order/transaction/created", "order/transaction/updated":
		key := stringField(d, "transaction_id")
		if key == "" || id <= 0 {
			return Ref{}
		}
		return Ref{Kind: EntityTransaction, ID: key, Order: id}
	}
	return intRef(EntityOrder, id)
}

func shipmentRef(_ string, d map[string]any) Ref {
	r := intRef(EntityShipment, intField(d, "id"))
	r.Order = intField(d, "orderId")
	if r.Order <= 0 {
		return Ref{}
	}
	return r
}

func cartRef(kind string, d map[string]any) Ref {
	id := stringField(d, "id")
	if strings.HasPrefix(kind, "cart/lineItem/") {
		id = stringField(d, "cartId")
	}
	if id == "" {
		id = stringField(d, "cart_id") // channel events
	}
	return Ref{Kind: EntityCart, ID: id}
}

func customerRef(kind string, d map[string]any) Ref {
	switch kind {
	case "customer/address/created", "customer/address/updated", "customer/address/deleted":
		return intRef(EntityAddress, intField(d, "id"))
	case "customer/payment/instrument/default/updated":
		return intRef(EntityInstruments, intField(d, "id"))
	case "customer/channel/login/access/updated":
		return intRef(EntityCustomer, intField(d, "customer_id"))
	}
	return intRef(EntityCustomer, intField(d, "id"))
}

func subscriberRef(_ string, d map[string]any) Ref {
	return intRef(EntitySubscriber, intField(d, "id"))
}

func channelRef(_ string, d map[string]any) Ref {
	return intRef(EntityChannel, intField(d, "id"))
}
