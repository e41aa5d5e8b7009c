package rest

import (
	"net/http"
	"net/url"
	"strconv"

	"github.com/bcmock/bcmock/mock/internal/shop"
)

// Read is the follow-up read an app makes for the entity an event is
// about, answered from the model with the same encoders as the REST
// handlers, so that it is what that read would answer.
type Read struct {
	// Path is the read's path and query (GET), under the store's API root.
	Path string
	// Status is 200, or 404 when the store does not hold the entity
	// (deleted, converted, or never there): what the read answers, or for
	// a list read (customers, addresses) the list without it.
	Status int
	// Entity is the entity in the read's wire shape: the body of a v2
	// read, the element of a v3 read's data; nil on 404.
	Entity any
}

// Read answers the follow-up read of the entity ref of a store, under the
// store's lock.
func (r *REST) Read(storeHash string, ref shop.Ref) Read {
	root := "/stores/" + url.PathEscape(storeHash)
	id := ref.IntID()
	order := strconv.Itoa(ref.Order)
	var path string
	var find func(st *shop.Store) any
	switch ref.Kind {
	case shop.EntityOrder:
		path = root + "/v2/orders/" + ref.ID
		find = func(st *shop.Store) any {
			if o := st.Order(id); o != nil {
				return orderOut(storeHash, o)
			}
			return nil
		}
	case shop.EntityShipment:
		path = root + "/v2/orders/" + order + "/shipments/" + ref.ID
		find = func(st *shop.Store) any {
			if o := st.Order(ref.Order); o != nil {
				if s := o.Shipment(id); s != nil {
					return shipmentOut(o, s)
				}
			}
			return nil
		}
	case shop.EntityTransaction:
		path = root + "/v3/orders/" + order + "/transactions"
		find = func(st *shop.Store) any {
			if o := st.Order(ref.Order); o != nil {
				for _, t := range o.Transactions {
					if t.WebhookID == ref.ID {
						return transactionOf(o.ID, t)
					}
				}
			}
			return nil
		}
	case shop.EntityRefund:
		path = root + "/v3/orders/payment_actions/refunds/" + ref.ID
		find = func(st *shop.Store) any {
			if o, rf := st.RefundByID(id); rf != nil {
				return refundOf(o, rf, true)
			}
			return nil
		}
	case shop.EntityCart:
		path = root + "/v3/carts/" + url.PathEscape(ref.ID)
		find = func(st *shop.Store) any {
			if c := st.Cart(ref.ID); c != nil {
				return cartOf(c, shop.Domain(storeHash), includes{})
			}
			return nil
		}
	case shop.EntityCustomer:
		path = root + "/v3/customers?id:in=" + ref.ID
		find = func(st *shop.Store) any {
			if c := st.Customer(id); c != nil {
				return customerOf(c, nil)
			}
			return nil
		}
	case shop.EntityAddress:
		path = root + "/v3/customers/addresses?id:in=" + ref.ID
		find = func(st *shop.Store) any {
			if a := st.CustomerAddress(id); a != nil {
				return addressOf(a, false)
			}
			return nil
		}
	case shop.EntityInstruments:
		path = root + "/v3/customers/" + ref.ID + "/stored-instruments"
		find = func(st *shop.Store) any {
			if c := st.Customer(id); c != nil {
				return instrumentsOf(c)
			}
			return nil
		}
	case shop.EntitySubscriber:
		path = root + "/v3/customers/subscribers/" + ref.ID
		find = func(st *shop.Store) any {
			if s := st.Subscriber(id); s != nil {
				return subscriberOf(s)
			}
			return nil
		}
	case shop.EntityChannel:
		path = root + "/v3/channels/" + ref.ID
		find = func(st *shop.Store) any {
			if c := st.Channel(id); c != nil {
				return channelOf(c, false)
			}
			return nil
		}
	default:
		return Read{Status: http.StatusNotFound}
	}
	var entity any
	r.cfg.Shop.Read(storeHash, func(st *shop.Store) {
		if st == nil {
			st = r.cfg.Shop.Blank(storeHash) // a new store has its default channel all the same
		}
		entity = find(st)
	})
	if entity == nil {
		return Read{Path: path, Status: http.StatusNotFound}
	}
	return Read{Path: path, Status: http.StatusOK, Entity: entity}
}
