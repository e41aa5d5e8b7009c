package rest

import (
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
				data = append(data, refundOf(o, rf, true))
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
			wire := refundOf(o, rf, false)
			out = &wire
		}
	})
	if out == nil {
		in.Error(w, gateway.Error{Status: http.StatusNotFound, Title: "The requested resource was not found.", Detail: "no refund " + strconv.Itoa(id)})
		return
	}
	in.JSON(w, http.StatusOK, one{Data: out})
}

// createOrderRefund refunds items of an order (shop.Store.CreateRefund).
// The body's payments are accepted and not used: the model pays a refund
// back through the order's gateway.
func (r *REST) createOrderRefund(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "order_id")
	body := in.Object()
	rin := shop.RefundInput{Reason: jsonString(body, "reason")}
	items, _ := body["items"].([]any)
	for _, it := range items {
		obj, _ := it.(map[string]any)
		ri := shop.RefundItem{Type: jsonString(obj, "item_type"), ItemID: jsonInt(obj, "item_id"), Quantity: jsonInt(obj, "quantity")}
		m, present, ok := jsonMoney(obj, "amount")
		if present && !ok {
			in.Error(w, modelError(fmt.Errorf("%w: items[%d].amount: at most 4 decimals", shop.ErrInvalid, len(rin.Items))))
			return
		}
		ri.Amount = m
		rin.Items = append(rin.Items, ri)
	}
	var out refundWire
	if r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) {
		rf, events, err := st.CreateRefund(id, rin)
		if err == nil {
			out = refundOf(st.Order(id), rf, false)
		}
		return events, err
	}) {
		in.JSON(w, http.StatusCreated, one{Data: out})
	}
}
