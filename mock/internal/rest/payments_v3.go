package rest

import (
	"errors"
	"fmt"
	"net/http"
	"strconv"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// The v3 orders resources behind store/order/transaction/* and
// store/order/refund/created (openapi/orders-v3.yaml): an order's
// transactions and refunds, one refund by id, and creating a refund.

func (r *REST) addPaymentsV3(h map[string]gateway.Handler) {
	h["getOrderTransactions"] = r.getOrderTransactions
	h["getOrderRefunds"] = r.getOrderRefunds
	h["getOrderRefund"] = r.getOrderRefund
	h["createOrderRefund"] = r.createOrderRefund
	h["createOrderRefundQuotes"] = r.createOrderRefundQuotes
	h["getOrdersRefunds"] = r.getOrdersRefunds
	h["captureOrderPayment"] = r.captureOrderPayment
	h["voidOrderPayment"] = r.voidOrderPayment
}

// orderNotFound is the 404 of an order the store does not hold.
func orderNotFound(id int) gateway.Error {
	return gateway.Error{Status: http.StatusNotFound, Title: "The requested resource was not found.", Detail: "no order " + strconv.Itoa(id)}
}

// storeOrder returns order id of st, or nil; st is nil for a store that holds
// nothing yet.
func storeOrder(st *shop.Store, id int) *shop.Order {
	if st == nil {
		return nil
	}
	return st.Order(id)
}

// getOrderTransactions lists the order's transactions, oldest first. An
// order without any answers 200 with data [] (BigCommerce's file declares
// a 204 with a body, which no client can read).
func (r *REST) getOrderTransactions(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "order_id")
	q := req.URL.Query()
	page := bigcommerce.PageOf(q)
	var (
		found bool
		data  []transactionWire
		total int
	)
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		o := storeOrder(st, id)
		if o == nil {
			return
		}
		found, total = true, len(o.Transactions)
		from := min(page.Offset(), total)
		to := min(from+page.Limit, total)
		data = make([]transactionWire, 0, to-from)
		for _, t := range o.Transactions[from:to] {
			data = append(data, transactionOf(o.ID, t))
		}
	})
	if !found {
		in.Error(w, orderNotFound(id))
		return
	}
	in.JSON(w, http.StatusOK, list{Data: data, Meta: pageMeta{Pagination: bigcommerce.Paginate(filters(q), total, len(data), page)}})
}

// filters is the query without page and limit, for pagination links.
func filters(q map[string][]string) map[string][]string {
	out := make(map[string][]string, len(q))
	for k, v := range q {
		if k != "page" && k != "limit" {
			out[k] = v
		}
	}
	return out
}

func (r *REST) getOrderRefunds(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	id := intParam(in, "order_id")
	var data []refundWire
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if o := storeOrder(st, id); o != nil {
			data = make([]refundWire, 0, len(o.Refunds))
			for _, rf := range o.Refunds {
				data = append(data, refundOf(o, rf, false))
			}
		}
	})
	if data == nil {
		in.Error(w, orderNotFound(id))
		return
	}
	in.JSON(w, http.StatusOK, one{Data: data})
}

func (r *REST) getOrderRefund(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	id := intParam(in, "refund_id")
	var out *refundWire
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st == nil {
			return
		}
		if o, rf := st.RefundByID(id); rf != nil {
			wire := refundOf(o, rf, true)
			out = &wire
		}
	})
	if out == nil {
		in.Error(w, gateway.Error{Status: http.StatusNotFound, Title: "The requested resource was not found.", Detail: "no refund " + strconv.Itoa(id)})
		return
	}
	in.JSON(w, http.StatusOK, one{Data: out})
}

// refundItems reads the items of a refund or refund quote body; an amount
// with more than four decimals is a 422.
func refundItems(body map[string]any) ([]shop.RefundItem, error) {
	items, _ := body["items"].([]any)
	out := make([]shop.RefundItem, 0, len(items))
	for i, it := range items {
		obj, _ := it.(map[string]any)
		ri := shop.RefundItem{Type: jsonString(obj, "item_type"), ItemID: jsonInt(obj, "item_id"), Quantity: jsonInt(obj, "quantity"), Reason: jsonString(obj, "reason")}
		m, present, ok := jsonMoney(obj, "amount")
		if present && !ok {
			return nil, fmt.Errorf("%w: items[%d]: amount: at most 4 decimals", shop.ErrInvalid, i)
		}
		ri.Amount = m
		out = append(out, ri)
	}
	return out, nil
}

// createOrderRefundQuotes prices a refund of items of the order
// (shop.Store.QuoteRefund); it changes nothing and fires nothing.
func (r *REST) createOrderRefundQuotes(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	id := intParam(in, "order_id")
	items, err := refundItems(in.Object())
	if err != nil {
		in.Error(w, modelError(err))
		return
	}
	var (
		out  refundQuoteWire
		qerr error = shop.ErrNotFound
	)
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st == nil {
			return
		}
		var q *shop.RefundQuote
		if q, qerr = st.QuoteRefund(id, items); qerr == nil {
			out = refundQuoteOf(q)
		}
	})
	switch {
	case errors.Is(qerr, shop.ErrNotFound):
		in.Error(w, orderNotFound(id))
	case qerr != nil:
		in.Error(w, modelError(qerr))
	default:
		in.JSON(w, http.StatusCreated, one{Data: out})
	}
}

// createOrderRefund refunds items of an order (shop.Store.CreateRefund):
// the payments must follow one of the refund methods a quote for the same
// items offers, and add up to its total.
func (r *REST) createOrderRefund(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "order_id")
	body := in.Object()
	items, err := refundItems(body)
	if err != nil {
		in.Error(w, modelError(err))
		return
	}
	rin := shop.RefundInput{Reason: jsonString(body, "reason"), Items: items}
	payments, _ := body["payments"].([]any)
	for i, p := range payments {
		obj, _ := p.(map[string]any)
		m, _, ok := jsonMoney(obj, "amount")
		if !ok {
			in.Error(w, modelError(fmt.Errorf("%w: payments[%d]: amount: at most 4 decimals", shop.ErrInvalid, i)))
			return
		}
		offline, _ := obj["offline"].(bool)
		rin.Payments = append(rin.Payments, shop.RefundPayment{ProviderID: jsonString(obj, "provider_id"), Amount: m, Offline: offline})
	}
	if ov, ok := body["merchant_calculated_override"].(map[string]any); ok {
		total, _, okT := jsonMoney(ov, "total_amount")
		tax, _, okX := jsonMoney(ov, "total_tax")
		if !okT || !okX {
			in.Error(w, modelError(fmt.Errorf("%w: merchant_calculated_override: total_amount and total_tax: numbers of at most 4 decimals", shop.ErrInvalid)))
			return
		}
		rin.Override = &shop.RefundOverride{Total: total, Tax: tax}
	}
	writeRendered(r, w, req, in, http.StatusCreated, func(st *shop.Store) (*shop.Refund, []shop.Event, error) { return st.CreateRefund(id, rin) },
		func(st *shop.Store, rf *shop.Refund) one { return one{Data: refundOf(st.Order(id), rf, false)} })
}

// getOrdersRefunds lists the store's refunds by id, filtered by order_id:in,
// id:in and created:min/max, a page at a time. Its meta is empty, as
// BigCommerce's file declares: no pagination to follow.
func (r *REST) getOrdersRefunds(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f := shop.RefundFilter{OrderIDs: intList(q, "order_id:in"), IDs: intList(q, "id:in")}
	if e := dateFilters(q, "created", &f.CreatedMin, &f.CreatedMax); e != nil {
		in.Error(w, *e)
		return
	}
	page := bigcommerce.PageOf(q)
	data := []refundWire{}
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st == nil {
			return
		}
		all := st.Refunds(f)
		from := min(page.Offset(), len(all))
		for _, or := range all[from:min(from+page.Limit, len(all))] {
			data = append(data, refundOf(or.Order, or.Refund, false))
		}
	})
	in.JSON(w, http.StatusOK, one{Data: data})
}

// captureOrderPayment and voidOrderPayment ask for the capture or void of
// the order's authorized payment (shop.Store.CapturePayment): 201 with an
// empty object, as BigCommerce's file declares.
func (r *REST) captureOrderPayment(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.paymentAction(w, req, in, (*shop.Store).CapturePayment)
}

func (r *REST) voidOrderPayment(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.paymentAction(w, req, in, (*shop.Store).VoidPayment)
}

func (r *REST) paymentAction(w http.ResponseWriter, req *http.Request, in *gateway.Request, action func(*shop.Store, int) (*shop.Order, []shop.Event, error)) {
	id := intParam(in, "order_id")
	if r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) {
		_, events, err := action(st, id)
		return events, err
	}) {
		in.JSON(w, http.StatusCreated, struct{}{})
	}
}
