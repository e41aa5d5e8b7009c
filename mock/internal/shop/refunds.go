package shop

import (
	"cmp"
	"fmt"
	"slices"
	"strconv"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// The v3 payment actions of an order (BigCommerce's orders v3 file,
// "Payment Actions"): refund quotes, refunds, capture and void.
//
// A quote prices the items asked from the order as it stands: a product's
// price with tax times the quantity, the amount given for shipping,
// handling and order-level items, each within what is left of it. The
// refund methods it offers are where the money can go back: store credit
// (not for a guest), a custom offline refund, and the gateway the order
// was paid through, up to what it took and has not paid back. A refund is
// the quote made real: its payments must be one of the quote's methods
// and add up to the quote's total.

// Provider ids of the refund methods bcmock offers besides the order's
// gateway.
const (
	ProviderStoreCredit = "storecredit"
	ProviderCustom      = "custom"
)

// RefundPayment is one payment a refund gave back through a provider.
type RefundPayment struct {
	ID         int
	ProviderID string
	Amount     Money
	Offline    bool
}

// PaymentOption is one provider of a refund method, with what it can
// give back.
type PaymentOption struct {
	ProviderID      string
	Description     string
	Amount          Money
	Offline         bool
	OfflineProvider bool
	OfflineReason   string
}

// RefundQuote is what refunding some items would give back.
type RefundQuote struct {
	OrderID int
	Items   []RefundItem // the items asked, each with its amount
	// Total is what would be given back, in cents (two decimals); Rounding
	// is Total less the items' sum.
	Total, Tax, OrderLevel, Rounding Money
	Methods                          [][]PaymentOption
}

// RefundInput is the body of POST /v3/orders/{id}/payment_actions/refunds.
type RefundInput struct {
	Items    []RefundItem // Type, ItemID, Quantity (PRODUCT) or Amount
	Reason   string
	Payments []RefundPayment // ProviderID, Amount, Offline; none: the order's own way back
	// Override is merchant_calculated_override: the merchant's own total
	// and tax, which replace the quote's.
	Override *RefundOverride
}

// RefundOverride is a refund's merchant_calculated_override.
type RefundOverride struct {
	Total, Tax Money
}

// Cents is m rounded half away from zero to two decimals, as BigCommerce
// rounds what a payment provider can give back.
func (m Money) Cents() Money {
	const cent = Unit / 100
	if m < 0 {
		return -(-m).Cents()
	}
	return (m + cent/2) / cent * cent
}

// QuoteRefund prices refunding items of order orderID; it changes nothing.
func (st *Store) QuoteRefund(orderID int, items []RefundItem) (*RefundQuote, error) {
	o := st.orders[orderID]
	if o == nil {
		return nil, notFound("order", orderID)
	}
	return o.quote(items)
}

// quote prices items against what is left of each of them.
func (o *Order) quote(items []RefundItem) (*RefundQuote, error) {
	if o.Refundable() <= 0 {
		return nil, invalid("items: order %d has nothing left to refund", o.ID)
	}
	if len(items) == 0 {
		return nil, invalid("items: a refund needs at least one item")
	}
	q := &RefundQuote{OrderID: o.ID}
	asked := refundTally{lines: map[int]int{}, lineAmounts: map[int]Money{}, shipping: map[int]Money{}}
	var sum Money
	for i, it := range items {
		amount, tax, err := o.itemAmount(it, &asked)
		if err != nil {
			return nil, invalid("items[%d]: %v", i, err)
		}
		it.Requested, it.Amount = it.Amount > 0, amount
		q.Items = append(q.Items, it)
		sum += amount
		q.Tax += tax
		if it.Type == "ORDER" {
			q.OrderLevel += amount
		}
	}
	if sum <= 0 {
		return nil, invalid("items: the items asked have nothing to refund")
	}
	left := o.Refundable()
	if sum > left {
		return nil, invalid("items: Refund amount is greater than remaining amount (%s asked, %s left)", sum.Decimal(), left.Decimal())
	}
	q.Total = sum.Cents()
	if q.Total <= 0 {
		return nil, invalid("items: the items asked come to less than a cent")
	}
	q.Rounding = q.Total - sum
	q.Methods = o.refundMethods(q.Total)
	return q, nil
}

// refundTally adds up what refunds (or one request) take of each item.
type refundTally struct {
	lines       map[int]int   // line → quantity
	lineAmounts map[int]Money // line → amount given without a quantity
	shipping    map[int]Money // address → shipping
	handling    Money
}

func (t *refundTally) add(it RefundItem) {
	switch it.Type {
	case "PRODUCT":
		if it.Quantity > 0 {
			t.lines[it.ItemID] += it.Quantity
		} else {
			t.lineAmounts[it.ItemID] += it.Amount
		}
	case "SHIPPING":
		t.shipping[it.ItemID] += it.Amount
	case "HANDLING":
		t.handling += it.Amount
	}
}

// refunded is what the order's refunds took of each item.
func (o *Order) refunded() refundTally {
	t := refundTally{lines: map[int]int{}, lineAmounts: map[int]Money{}, shipping: map[int]Money{}}
	for _, r := range o.Refunds {
		for _, it := range r.Items {
			t.add(it)
		}
	}
	return t
}

// itemAmount is what item it gives back, and the tax in it, given what
// the request asked before it. The item ids are BigCommerce's: a line for
// PRODUCT and GIFT_WRAPPING, a shipping address for SHIPPING and
// HANDLING, the order for ORDER.
func (o *Order) itemAmount(it RefundItem, asked *refundTally) (amount, tax Money, err error) {
	if it.Type != "PRODUCT" || it.Quantity == 0 {
		if it.Amount <= 0 {
			return 0, 0, fmt.Errorf("amount: a %s item needs a positive amount", it.Type)
		}
	}
	done := o.refunded()
	switch it.Type {
	case "PRODUCT":
		l := o.Line(it.ItemID)
		if l == nil {
			return 0, 0, fmt.Errorf("item_id: order %d has no product %d", o.ID, it.ItemID)
		}
		each := l.Price + o.LineTax(l)
		if it.Quantity == 0 { // an amount off the line, its quantity kept
			left := each.Times(l.Quantity-l.Refunded) - done.lineAmounts[l.ID] - asked.lineAmounts[l.ID]
			if it.Amount > left {
				return 0, 0, fmt.Errorf("amount: %s is more than the %s left of product %d", it.Amount.Decimal(), max(left, 0).Decimal(), l.ID)
			}
			asked.add(it)
			return it.Amount, 0, nil
		}
		left := l.Quantity - l.Refunded - asked.lines[l.ID]
		if it.Quantity < 0 || it.Quantity > left {
			return 0, 0, fmt.Errorf("quantity: %d of product %d cannot be refunded (%d left)", it.Quantity, l.ID, max(left, 0))
		}
		asked.add(it)
		if it.Amount > 0 { // an amount for the quantity, within its price
			if full := each.Times(it.Quantity); it.Amount > full {
				return 0, 0, fmt.Errorf("amount: %s is more than the %s %d of product %d cost", it.Amount.Decimal(), full.Decimal(), it.Quantity, l.ID)
			}
			return it.Amount, 0, nil
		}
		return each.Times(it.Quantity), o.LineTax(l).Times(it.Quantity), nil
	case "GIFT_WRAPPING":
		if o.Line(it.ItemID) == nil {
			return 0, 0, fmt.Errorf("item_id: order %d has no product %d", o.ID, it.ItemID)
		}
		return 0, 0, fmt.Errorf("item_id: product %d has no gift wrapping to refund", it.ItemID)
	case "SHIPPING", "HANDLING":
		a := o.Address(it.ItemID)
		if a == nil {
			return 0, 0, fmt.Errorf("item_id: order %d has no shipping address %d", o.ID, it.ItemID)
		}
		var left Money
		if it.Type == "SHIPPING" {
			cost := o.addressShipping(a)
			left = cost + cost.Rate(o.TaxRate) - done.shipping[a.ID] - asked.shipping[a.ID]
		} else {
			left = o.HandlingCost - done.handling - asked.handling
		}
		if it.Amount > left {
			return 0, 0, fmt.Errorf("amount: %s is more than the %s of %s left to refund", it.Amount.Decimal(), max(left, 0).Decimal(), it.Type)
		}
		asked.add(it)
		return it.Amount, 0, nil
	case "ORDER":
		if it.ItemID != o.ID {
			return 0, 0, fmt.Errorf("item_id: an ORDER item names the order (%d), not %d", o.ID, it.ItemID)
		}
		return it.Amount, 0, nil
	}
	return 0, 0, fmt.Errorf("item_type: order %d has no %s item %d", o.ID, it.Type, it.ItemID)
}

// addressShipping is the shipping (ex tax) of address a: its own cost
// when the addresses' costs make up the order's shipping, else the
// order's shipping on its first address (an order made with
// shipping_cost_ex_tax and no address costs).
func (o *Order) addressShipping(a *ShippingAddress) Money {
	var sum Money
	for _, x := range o.Addresses {
		sum += x.Cost
	}
	switch {
	case sum == o.ShippingCost:
		return a.Cost
	case o.Addresses[0] == a:
		return o.ShippingCost
	}
	return 0
}

// Captured is what the order's gateways took and have not given back,
// gateway by gateway in the order they took it: the ok purchase and
// capture transactions, or, for a card order without any, its total
// through the test gateway. Refund payments through a gateway come off it.
func (o *Order) Captured() []PaymentOption {
	var out []PaymentOption
	add := func(gateway string, m Money) {
		for i := range out {
			if out[i].ProviderID == gateway {
				out[i].Amount += m
				return
			}
		}
		out = append(out, PaymentOption{ProviderID: gateway, Description: gatewayName(gateway), Amount: m})
	}
	for _, t := range o.Transactions {
		if t.Status == "ok" && (t.Event == "purchase" || t.Event == "capture") && !offlineGateway(t.Gateway) {
			add(t.Gateway, t.Amount)
		}
	}
	if out == nil && o.PaymentMethod == "Credit Card" && paidState(o.PaymentState()) {
		add("testgateway", o.TotalIncTax())
	}
	for _, r := range o.Refunds {
		for _, p := range o.RefundPayments(r) {
			for i := range out {
				if out[i].ProviderID == p.ProviderID {
					out[i].Amount -= p.Amount
				}
			}
		}
	}
	return slices.DeleteFunc(out, func(p PaymentOption) bool { return p.Amount <= 0 })
}

func paidState(s string) bool {
	switch s {
	case "captured", "paid", "partially refunded", "refunded":
		return true
	}
	return false
}

// offlineGateway reports whether a transaction's gateway is one money
// goes back through outside BigCommerce (or store credit).
func offlineGateway(g string) bool {
	switch g {
	case ProviderCustom, ProviderStoreCredit, "bankdeposit", "cheque", "cod", "instore", "moneyorder", "giftcertificate":
		return true
	}
	return false
}

func gatewayName(g string) string {
	switch g {
	case "testgateway":
		return "Test Payment Gateway"
	case ProviderStoreCredit:
		return "Store Credit"
	case ProviderCustom:
		return "Custom"
	}
	return g
}

// refundMethods are the ways total can go back: store credit for a
// customer's order, a custom offline refund, and each gateway that took
// payment (with the rest offline when it took less than total).
func (o *Order) refundMethods(total Money) [][]PaymentOption {
	custom := func(m Money) PaymentOption {
		return PaymentOption{ProviderID: ProviderCustom, Description: gatewayName(ProviderCustom), Amount: m,
			Offline: true, OfflineProvider: true, OfflineReason: "Refunded outside BigCommerce."}
	}
	var methods [][]PaymentOption
	if o.CustomerID != 0 {
		methods = append(methods, []PaymentOption{{ProviderID: ProviderStoreCredit, Description: gatewayName(ProviderStoreCredit), Amount: total}})
	}
	methods = append(methods, []PaymentOption{custom(total)})
	for _, g := range o.Captured() {
		m := []PaymentOption{g}
		if g.Amount >= total {
			m[0].Amount = total
		} else {
			m = append(m, custom(total-g.Amount))
		}
		methods = append(methods, m)
	}
	return methods
}

// RefundPayments are the payments refund r gave back: those it recorded,
// or, for a refund an event made, one of its amount through the way the
// order was paid.
func (o *Order) RefundPayments(r *Refund) []RefundPayment {
	if len(r.Payments) > 0 {
		return r.Payments
	}
	provider := ProviderCustom
	for _, t := range o.Transactions {
		if t.Status == "ok" && (t.Event == "purchase" || t.Event == "capture") {
			provider = t.Gateway
			break
		}
	}
	if provider == ProviderCustom && o.PaymentMethod == "Credit Card" {
		provider = "testgateway"
	}
	return []RefundPayment{{ID: r.ID, ProviderID: provider, Amount: r.Amount, Offline: offlineGateway(provider)}}
}

// checkPayments holds payments to one of q's refund methods: every
// payment through a provider of the method, within what it offers, and
// all of them adding up to total.
func (o *Order) checkPayments(payments []RefundPayment, methods [][]PaymentOption, total Money) error {
	var sum Money
	for i, p := range payments {
		if p.ProviderID == ProviderStoreCredit && o.CustomerID == 0 {
			return invalid("payments[%d]: provider_id: Unable to provide store credit for a guest customer.", i)
		}
		if p.Amount <= 0 {
			return invalid("payments[%d]: amount: must be positive", i)
		}
		sum += p.Amount
	}
	if sum != total {
		return invalid("payments: they add up to %s, and the refund is %s (the amount of the refund quote's method)", sum.Decimal(), total.Decimal())
	}
	for _, m := range methods {
		if fits(payments, m) {
			return nil
		}
	}
	return invalid("payments: they match none of the refund methods a refund quote offers for these items")
}

// fits reports whether payments go through providers of method m, each
// provider within its amount.
func fits(payments []RefundPayment, m []PaymentOption) bool {
	used := map[string]Money{}
	for _, p := range payments {
		used[p.ProviderID] += p.Amount
	}
	for provider, amount := range used {
		i := slices.IndexFunc(m, func(o PaymentOption) bool { return o.ProviderID == provider })
		if i < 0 || amount > m[i].Amount {
			return false
		}
	}
	return true
}

// CreateRefund refunds items of an order, as a refund quote for the same
// items prices them; the payments must follow one of the quote's refund
// methods (none given: the first gateway's, else the custom one). A
// merchant_calculated_override replaces the quote's total and tax. The
// order moves to Refunded when nothing is left to refund, else Partially
// Refunded. It fires store/order/refund/created, a
// store/order/transaction/created for each payment, statusUpdated if the
// status moved, and order/updated.
func (st *Store) CreateRefund(orderID int, in RefundInput) (*Refund, []Event, error) {
	o := st.orders[orderID]
	if o == nil {
		return nil, nil, notFound("order", orderID)
	}
	if len(o.Refunds) >= st.limits().Children {
		return nil, nil, fmt.Errorf("%w: the order has %d refunds, the most bcmock keeps", ErrFull, len(o.Refunds))
	}
	q, err := o.quote(in.Items)
	if err != nil {
		return nil, nil, err
	}
	r := &Refund{ID: st.next.refund, Created: st.now(), Reason: in.Reason, Items: q.Items, Amount: q.Total, Tax: q.Tax}
	if r.Reason == "" {
		for _, it := range in.Items {
			if it.Reason != "" {
				r.Reason = it.Reason
				break
			}
		}
	}
	methods := q.Methods
	if ov := in.Override; ov != nil {
		if ov.Total <= 0 || ov.Total > o.Refundable() {
			return nil, nil, invalid("merchant_calculated_override: total_amount: %s is not within the %s left to refund", ov.Total.Decimal(), o.Refundable().Decimal())
		}
		r.Amount, r.Tax, r.Override = ov.Total, ov.Tax, true
		methods = o.refundMethods(ov.Total)
	}
	payments := in.Payments
	if len(payments) == 0 {
		payments = defaultPayments(methods)
	}
	if err := o.checkPayments(payments, methods, r.Amount); err != nil {
		return nil, nil, err
	}
	for _, p := range payments {
		p.ID = bump(&st.next.refundPayment)
		r.Payments = append(r.Payments, p)
	}
	for _, it := range r.Items {
		if l := o.Line(it.ItemID); it.Type == "PRODUCT" && l != nil {
			l.Refunded += it.Quantity
		}
	}
	seen(&st.next.refund, r.ID)
	o.Refunds = append(o.Refunds, r)
	prev := o.StatusID
	o.StatusID, o.Modified, o.PaymentStatus = bigcommerce.StatusPartiallyRefunded, st.now(), ""
	if o.Refundable() <= 0 {
		o.StatusID = bigcommerce.StatusRefunded
	}
	var f fired
	f.refund(o, r)
	for _, p := range r.Payments {
		t := st.inventTransaction(o, "refund", "ok")
		t.Amount, t.Gateway, t.Method = p.Amount, transactionGateway(p.ProviderID), transactionMethod(p.ProviderID)
		t.WebhookID = strconv.Itoa(t.ID)
		o.Transactions = append(o.Transactions, t)
		f.transaction(o, t)
	}
	f.status(o, prev)
	return r, f, nil
}

// defaultPayments pays total back the first gateway's way, else the
// custom way.
func defaultPayments(methods [][]PaymentOption) []RefundPayment {
	m := methods[len(methods)-1]
	out := make([]RefundPayment, 0, len(m))
	for _, p := range m {
		out = append(out, RefundPayment{ProviderID: p.ProviderID, Amount: p.Amount, Offline: p.Offline})
	}
	return out
}

// transactionGateway is the transaction gateway of a refund provider:
// itself when it is one of the transactions' gateways, else custom.
func transactionGateway(provider string) string {
	switch provider {
	case "2checkout", "adyen", "amazon", "authorizenet", "bankdeposit", "braintree", "cheque", "cod", "custom",
		"firstdatagge4", "giftcertificate", "hps", "instore", "klarna", "migs", "moneyorder", "nmi", "paypalexpress",
		"paypalpaymentsprous", "paypalpaymentsprouk", "plugnpay", "qbmsv2", "securenet", "square", "storecredit",
		"stripe", "testgateway", "usaepay":
		return provider
	}
	return ProviderCustom
}

func transactionMethod(provider string) string {
	switch provider {
	case ProviderStoreCredit:
		return "store_credit"
	case ProviderCustom:
		return "custom"
	}
	if offlineGateway(provider) {
		return "offline"
	}
	return "credit_card"
}

// PaymentState is the order's payment_status: the one set on it, else
// "authorized" while an authorization waits for its capture, else what
// its status implies.
func (o *Order) PaymentState() string {
	switch o.PaymentStatus {
	case "authorized", "captured", "capture pending", "declined", "held for review", "paid",
		"partially refunded", "pending", "refunded", "void", "void pending":
		return o.PaymentStatus
	}
	if o.awaitingCapture() {
		return "authorized"
	}
	switch o.StatusID {
	case bigcommerce.StatusIncomplete, bigcommerce.StatusPending:
		return ""
	case bigcommerce.StatusRefunded:
		return "refunded"
	case bigcommerce.StatusPartiallyRefunded:
		return "partially refunded"
	}
	return "captured"
}

// awaitingCapture reports whether the order's last ok payment
// transaction is an authorization (nothing captured or voided since).
func (o *Order) awaitingCapture() bool {
	auth := false
	for _, t := range o.Transactions {
		if t.Status != "ok" {
			continue
		}
		switch t.Event {
		case "authorization":
			auth = true
		case "capture", "void", "purchase":
			auth = false
		}
	}
	return auth
}

// CapturePayment asks the gateway to capture the order's authorized
// payment, as POST /v3/orders/{id}/payment_actions/capture does; VoidPayment
// asks it to void it. BigCommerce makes the request asynchronously: the
// order's payment_status becomes "capture pending" (or "void pending") and
// stays so in bcmock, which runs no gateway. An order whose payment is not
// authorized (PaymentState) cannot be captured or voided. It fires
// store/order/updated.
func (st *Store) CapturePayment(orderID int) (*Order, []Event, error) {
	return st.paymentAction(orderID, "capture")
}

// VoidPayment: see CapturePayment.
func (st *Store) VoidPayment(orderID int) (*Order, []Event, error) {
	return st.paymentAction(orderID, "void")
}

func (st *Store) paymentAction(orderID int, action string) (*Order, []Event, error) {
	o := st.orders[orderID]
	if o == nil {
		return nil, nil, notFound("order", orderID)
	}
	if s := o.PaymentState(); s != "authorized" {
		if s == "" {
			s = "not paid"
		}
		return nil, nil, invalid("payment_status: order %d's payment is %s; only an authorized payment can be %s", orderID, s, map[string]string{"capture": "captured", "void": "voided"}[action])
	}
	o.PaymentStatus, o.Modified = action+" pending", st.now()
	var f fired
	f.order(o, "updated")
	return o, f, nil
}

// RefundFilter selects refunds of the store for
// GET /v3/orders/payment_actions/refunds; zero fields select everything.
type RefundFilter struct {
	OrderIDs, IDs []int
	CreatedMin    time.Time
	CreatedMax    time.Time
}

// OrderRefund is a refund with its order.
type OrderRefund struct {
	Order  *Order
	Refund *Refund
}

// Refunds lists the refunds f selects, by refund id.
func (st *Store) Refunds(f RefundFilter) []OrderRefund {
	var out []OrderRefund
	for _, o := range st.orders {
		if len(f.OrderIDs) > 0 && !slices.Contains(f.OrderIDs, o.ID) {
			continue
		}
		for _, r := range o.Refunds {
			switch {
			case len(f.IDs) > 0 && !slices.Contains(f.IDs, r.ID),
				!f.CreatedMin.IsZero() && r.Created.Before(f.CreatedMin),
				!f.CreatedMax.IsZero() && r.Created.After(f.CreatedMax):
				continue
			}
			out = append(out, OrderRefund{o, r})
		}
	}
	slices.SortFunc(out, func(a, b OrderRefund) int { return cmp.Compare(a.Refund.ID, b.Refund.ID) })
	return out
}
