package rest

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// The v2 orders resources (openapi/orders-v2.yaml): reads of orders and
// their sub-resources, the order count and statuses, and the writes that
// fire the orders and shipments webhooks.

// Pagination of v2 lists: limit 50 unless given (the document caps it at
// 250 and refuses less than 1, as page).
const defaultLimit = 50

func (r *REST) addOrdersV2(h map[string]gateway.Handler) {
	h["getOrdersV2"] = r.listOrders
	h["getOrderCountV2"] = r.countOrders
	h["getOrderV2"] = r.getOrder
	h["getOrderProductsV2"] = r.listProducts
	h["getOrderProductV2"] = r.getProduct
	h["getOrderShippingAddressesV2"] = r.listShippingAddresses
	h["getOrderShippingAddressV2"] = r.getShippingAddress
	h["getOrderShipmentsV2"] = r.listShipments
	h["getOrderShipmentV2"] = r.getShipment
	h["getOrderShipmentCountV2"] = r.countShipments
	h["getOrderCouponsV2"] = r.listCoupons
	h["getOrderMessagesV2"] = r.listMessages
	h["getOrderStatusesV2"] = r.listStatuses
	h["getOrderStatusV2"] = r.getStatus
	h["createOrderV2"] = r.createOrder
	h["updateOrderV2"] = r.updateOrder
	h["deleteOrderV2"] = r.deleteOrder
	h["deleteOrdersV2"] = r.deleteOrders
	h["createOrderShipmentV2"] = r.createShipment
	h["updateOrderShipmentV2"] = r.updateShipment
	h["deleteOrderShipmentV2"] = r.deleteShipment
	h["deleteOrderShipmentsV2"] = r.deleteShipments
	h["updateOrderShippingAddressV2"] = r.updateShippingAddress
}

// page is the part of a list that page and limit select.
func page[T any](q url.Values, items []T) []T {
	limit, _ := strconv.Atoi(q.Get("limit"))
	if limit < 1 {
		limit = defaultLimit
	}
	p, _ := strconv.Atoi(q.Get("page"))
	if p < 1 {
		p = 1
	}
	from := (p - 1) * limit
	if from >= len(items) || from < 0 {
		return nil
	}
	return items[from:min(from+limit, len(items))]
}

// list answers a v2 list: the bare array, or 204 with no body when it is
// empty (200 [] with Config.SpecValidEmptyLists).
func (r *REST) list(w http.ResponseWriter, in *gateway.Request, items any, n int) {
	if n == 0 {
		if r.cfg.SpecValidEmptyLists {
			gateway.WriteRaw(w, http.StatusOK, []byte("[]\n"))
			return
		}
		w.WriteHeader(http.StatusNoContent)
		return
	}
	in.JSON(w, http.StatusOK, items)
}

// notFound answers v2's 404.
func notFound(w http.ResponseWriter, in *gateway.Request, what string) {
	in.Error(w, gateway.Error{Status: http.StatusNotFound, Title: "The requested resource was not found.", Detail: what})
}

// readOrder runs fn on order order_id of the request's store, under the
// store's lock, or answers 404 when the store has no such order.
func (r *REST) readOrder(w http.ResponseWriter, in *gateway.Request, fn func(o *shop.Order)) {
	id := intParam(in, "order_id")
	found := false
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st == nil {
			return
		}
		if o := st.Order(id); o != nil {
			found = true
			fn(o)
		}
	})
	if !found {
		notFound(w, in, "order "+strconv.Itoa(id))
	}
}

func (r *REST) listOrders(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f, err := orderFilter(q)
	if err != nil {
		badInput(w, in, err)
		return
	}
	hash := storeHash(in)
	var out []v2Order
	r.cfg.Shop.Read(hash, func(st *shop.Store) {
		if st == nil {
			return
		}
		orders := page(q, st.OrderList(f))
		out = make([]v2Order, len(orders))
		for i, o := range orders {
			out[i] = withIncludes(orderOut(hash, o), q)
		}
	})
	r.list(w, in, out, len(out))
}

// orderFilter reads GET /v2/orders's query, which the document has
// checked but for the dates: RFC 2822 or ISO-8601.
func orderFilter(q url.Values) (shop.OrderFilter, *inputError) {
	f := shop.OrderFilter{CartID: q.Get("cart_id"), Email: q.Get("email"), PaymentMethod: q.Get("payment_method"),
		ExternalOrderID: q.Get("external_order_id")}
	for key, dst := range map[string]**shop.Money{"min_total": &f.MinTotal, "max_total": &f.MaxTotal} {
		if v := q.Get(key); v != "" {
			n, err := strconv.ParseFloat(v, 64)
			m, ok := shop.MoneyOf(n)
			if err != nil || !ok {
				return f, &inputError{key, "is not an amount: " + strconv.Quote(v)}
			}
			*dst = &m
		}
	}
	f.MinID, _ = strconv.Atoi(q.Get("min_id"))
	f.MaxID, _ = strconv.Atoi(q.Get("max_id"))
	for key, dst := range map[string]**int{"status_id": &f.StatusID, "customer_id": &f.CustomerID, "channel_id": &f.ChannelID} {
		if n, err := strconv.Atoi(q.Get(key)); err == nil {
			*dst = &n
		}
	}
	if b, err := strconv.ParseBool(q.Get("is_deleted")); err == nil {
		f.Deleted = &b
	}
	for key, dst := range map[string]*time.Time{
		"min_date_created": &f.CreatedMin, "max_date_created": &f.CreatedMax,
		"min_date_modified": &f.ModifiedMin, "max_date_modified": &f.ModifiedMax,
	} {
		if v := q.Get(key); v != "" {
			t, ok := parseDate(v)
			if !ok {
				return f, &inputError{key, "is not an RFC 2822 or ISO-8601 date: " + strconv.Quote(v)}
			}
			*dst = t
		}
	}
	field, dir, _ := strings.Cut(q.Get("sort"), ":")
	f.SortField, f.SortDescending = field, dir == "desc"
	return f, nil
}

// dateLayouts are the dates v2 filters take: RFC 2822 and ISO-8601 forms.
var dateLayouts = []string{time.RFC1123Z, time.RFC1123, time.RFC3339, "2006-01-02T15:04:05", "2006-01-02"}

func parseDate(v string) (time.Time, bool) {
	for _, layout := range dateLayouts {
		if t, err := time.Parse(layout, v); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// countOrders answers GET /v2/orders/count: the orders GET /v2/orders's
// filters select, in all and by status.
func (r *REST) countOrders(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	f, ierr := orderFilter(req.URL.Query())
	if ierr != nil {
		badInput(w, in, ierr)
		return
	}
	total, by := 0, map[int]int{}
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st != nil {
			total, by = st.StatusCounts(f)
		}
	})
	// in the control panel's order, as BigCommerce's example lists them
	out := v2Count{Count: total, Statuses: make([]v2StatusCount, len(bigcommerce.OrderStatuses))}
	for _, s := range bigcommerce.OrderStatuses {
		out.Statuses[s.Sort] = v2StatusCount{ID: s.ID, Name: s.Name, SystemLabel: s.Name, CustomLabel: s.Name,
			SystemDescription: s.Description, Count: by[s.ID], SortOrder: s.Sort}
	}
	in.JSON(w, http.StatusOK, out)
}

func (r *REST) listStatuses(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	out := make([]v2Status, len(bigcommerce.OrderStatuses))
	for i, s := range bigcommerce.OrderStatuses {
		out[i] = statusOut(s)
	}
	in.JSON(w, http.StatusOK, out)
}

// getStatus answers GET /v2/order_statuses/{status_id}: one status, or 404
// for an id BigCommerce does not have.
func (r *REST) getStatus(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	id := intParam(in, "status_id")
	if _, ok := bigcommerce.StatusName(id); !ok {
		notFound(w, in, "order status "+strconv.Itoa(id))
		return
	}
	in.JSON(w, http.StatusOK, statusOut(bigcommerce.OrderStatuses[id]))
}

func (r *REST) getOrder(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	var out v2Order
	r.readOrder(w, in, func(o *shop.Order) { out = withIncludes(orderOut(storeHash(in), o), req.URL.Query()) })
	if out.ID != 0 {
		in.JSON(w, http.StatusOK, out)
	}
}

func (r *REST) listProducts(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	listOf(r, w, req, in, func(o *shop.Order) []*shop.Line { return o.Lines }, productOut)
}

func (r *REST) getProduct(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	r.one(w, in, "product_id", "order product", func(o *shop.Order, id int) (any, bool) {
		if l := o.Line(id); l != nil {
			return productOut(o, l), true
		}
		return nil, false
	})
}

// one answers one sub-resource of an order, named by the path parameter
// param: what get finds, or 404.
func (r *REST) one(w http.ResponseWriter, in *gateway.Request, param, what string, get func(o *shop.Order, id int) (any, bool)) {
	id := intParam(in, param)
	var out any
	orderFound, ok := false, false
	r.readOrder(w, in, func(o *shop.Order) {
		orderFound = true
		out, ok = get(o, id)
	})
	switch {
	case !orderFound:
	case !ok:
		notFound(w, in, what+" "+strconv.Itoa(id))
	default:
		in.JSON(w, http.StatusOK, out)
	}
}

func (r *REST) listShippingAddresses(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	hash := storeHash(in)
	listOf(r, w, req, in, func(o *shop.Order) []*shop.ShippingAddress { return o.Addresses },
		func(o *shop.Order, a *shop.ShippingAddress) v2ShippingAddress { return shippingAddressOut(hash, o, a) })
}

func (r *REST) getShippingAddress(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	r.one(w, in, "id", "shipping address", func(o *shop.Order, id int) (any, bool) {
		if a := o.Address(id); a != nil {
			return shippingAddressOut(storeHash(in), o, a), true
		}
		return nil, false
	})
}

func (r *REST) listShipments(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	listOf(r, w, req, in, func(o *shop.Order) []*shop.Shipment { return o.Shipments }, shipmentOut)
}

func (r *REST) getShipment(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	r.one(w, in, "id", "shipment", func(o *shop.Order, id int) (any, bool) {
		if s := o.Shipment(id); s != nil {
			return shipmentOut(o, s), true
		}
		return nil, false
	})
}

func (r *REST) countShipments(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	n, found := 0, false
	r.readOrder(w, in, func(o *shop.Order) { n, found = len(o.Shipments), true })
	if found {
		in.JSON(w, http.StatusOK, map[string]int{"count": n})
	}
}

func (r *REST) listCoupons(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	listOf(r, w, req, in, func(o *shop.Order) []*shop.Coupon { return o.Coupons }, couponOut)
}

// listMessages answers GET /v2/orders/{id}/messages with its filters.
// bcmock's messages are the customer's, unread and not flagged: status and
// is_flagged select all of them or none.
func (r *REST) listMessages(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	minID, _ := strconv.Atoi(q.Get("min_id"))
	maxID, _ := strconv.Atoi(q.Get("max_id"))
	var created [2]time.Time
	for i, key := range []string{"min_date_created", "max_date_created"} {
		if v := q.Get(key); v != "" {
			t, ok := parseDate(v)
			if !ok {
				badInput(w, in, &inputError{key, "is not an RFC 2822 or ISO-8601 date: " + strconv.Quote(v)})
				return
			}
			created[i] = t
		}
	}
	none := q.Get("status") == "read" || q.Get("is_flagged") == "true"
	listOf(r, w, req, in, func(o *shop.Order) []*shop.Message {
		if c := q.Get("customer_id"); none || c != "" && c != strconv.Itoa(o.CustomerID) {
			return nil
		}
		var msgs []*shop.Message
		for _, m := range o.Messages {
			if (minID == 0 || m.ID >= minID) && (maxID == 0 || m.ID <= maxID) &&
				(created[0].IsZero() || !m.Created.Before(created[0])) && (created[1].IsZero() || !m.Created.After(created[1])) {
				msgs = append(msgs, m)
			}
		}
		return msgs
	}, messageOut)
}

// listOf answers a v2 list of an order's sub-resources: items picks them
// from the order (under the store's lock), render gives each its wire
// shape; the request's page of them is answered, or 404 for no order.
func listOf[T, W any](r *REST, w http.ResponseWriter, req *http.Request, in *gateway.Request, items func(o *shop.Order) []T, render func(o *shop.Order, it T) W) {
	var out []W
	found := false
	r.readOrder(w, in, func(o *shop.Order) {
		found = true
		picked := page(req.URL.Query(), items(o))
		out = make([]W, len(picked))
		for i, it := range picked {
			out[i] = render(o, it)
		}
	})
	if found {
		r.list(w, in, out, len(out))
	}
}

// --- writes ---

// badInput answers a body the model cannot take.
func badInput(w http.ResponseWriter, in *gateway.Request, err error) {
	var ie *inputError
	fields := map[string]string{"body": err.Error()}
	if errors.As(err, &ie) {
		fields = map[string]string{ie.field: ie.problem}
	}
	in.Error(w, gateway.Error{Status: http.StatusUnprocessableEntity, Title: "The request is invalid.", Detail: err.Error(), Fields: fields})
}

func (r *REST) createOrder(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	input, err := orderIn(in.Object())
	if err != nil {
		badInput(w, in, err)
		return
	}
	writeRendered(r, w, req, in, http.StatusCreated, func(st *shop.Store) (*shop.Order, []shop.Event, error) { return st.CreateOrder(input) },
		func(st *shop.Store, o *shop.Order) v2Order {
			return withIncludes(orderOut(st.Hash(), o), req.URL.Query())
		})
}

func (r *REST) updateOrder(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	input, err := orderIn(in.Object())
	if err != nil {
		badInput(w, in, err)
		return
	}
	writeRendered(r, w, req, in, http.StatusOK, func(st *shop.Store) (*shop.Order, []shop.Event, error) {
		return st.UpdateOrder(intParam(in, "order_id"), input)
	}, func(st *shop.Store, o *shop.Order) v2Order { return orderOut(st.Hash(), o) })
}

func (r *REST) deleteOrder(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	if r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return st.ArchiveOrder(intParam(in, "order_id")) }) {
		w.WriteHeader(http.StatusNoContent)
	}
}

func (r *REST) deleteOrders(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	if r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return st.ArchiveAll(), nil }) {
		w.WriteHeader(http.StatusNoContent)
	}
}

func (r *REST) createShipment(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	input, err := shipmentIn(in.Object())
	if err != nil {
		badInput(w, in, err)
		return
	}
	id := intParam(in, "order_id")
	writeRendered(r, w, req, in, http.StatusCreated, func(st *shop.Store) (*shop.Shipment, []shop.Event, error) { return st.AddShipment(id, input) },
		func(st *shop.Store, s *shop.Shipment) v2Shipment { return shipmentOut(st.Order(id), s) })
}

func (r *REST) updateShipment(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	input, err := shipmentIn(in.Object())
	if err != nil {
		badInput(w, in, err)
		return
	}
	id := intParam(in, "order_id")
	writeRendered(r, w, req, in, http.StatusOK, func(st *shop.Store) (*shop.Shipment, []shop.Event, error) {
		return st.UpdateShipment(id, intParam(in, "id"), input)
	}, func(st *shop.Store, s *shop.Shipment) v2Shipment { return shipmentOut(st.Order(id), s) })
}

func (r *REST) deleteShipment(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	if r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) {
		return st.DeleteShipment(intParam(in, "order_id"), intParam(in, "id"))
	}) {
		w.WriteHeader(http.StatusNoContent)
	}
}

func (r *REST) deleteShipments(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	if r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return st.DeleteShipments(intParam(in, "order_id")) }) {
		w.WriteHeader(http.StatusNoContent)
	}
}

func (r *REST) updateShippingAddress(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	body := in.Object()
	orderID, id := intParam(in, "order_id"), intParam(in, "id")
	writeRendered(r, w, req, in, http.StatusOK, func(st *shop.Store) (*shop.ShippingAddress, []shop.Event, error) {
		var base shop.Address
		if o := st.Order(orderID); o != nil {
			if a := o.Address(id); a != nil && a.Address != nil {
				base = *a.Address
			}
		}
		return st.UpdateShippingAddress(orderID, id, addressIn(body, base), optString(body, "shipping_method"))
	}, func(st *shop.Store, a *shop.ShippingAddress) v2ShippingAddress {
		return shippingAddressOut(st.Hash(), st.Order(orderID), a)
	})
}
