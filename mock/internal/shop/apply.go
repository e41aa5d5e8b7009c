package shop

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// Event is one webhook event a write fires: its concrete scope and data.
type Event struct {
	Scope string
	// Data is the event's data, an object; nil when List holds it.
	Data map[string]any
	// List is the data of the events whose data is an array
	// (store/priceList/records/*); nil for the others.
	List []any
}

// Payload is the event's data as the callback carries it: List when the
// data is an array, else Data.
func (e Event) Payload() any {
	if e.List != nil {
		return e.List
	}
	return e.Data
}

// Models reports whether events of scope change the model: the families
// of families, store-level and, where a family has it so, channel-scoped.
func Models(scope string) bool {
	_, ok := kindOf(scope)
	return ok
}

// family is how the model takes one family of events: apply puts in place
// the state an event's data implies; complete, when not nil, adds to the
// caller's overrides the fields the state decides; channel says whether
// the family also comes channel-scoped (store/channel/{id}/...). ref names the entity an event of
// the family is about (EntityOf), from the fields apply reads; nil: none.
type family struct {
	channel  bool
	complete func(st *Store, kind string, channel int, out map[string]any)
	apply    func(st *Store, kind string, channel int, d map[string]any)
	ref      func(kind string, d map[string]any) Ref
}

// families maps the first segment of an event's kind to its family. A
// family of the model is one entry here.
var families = map[string]family{
	"order":        {channel: true, complete: (*Store).completeOrder, apply: (*Store).applyOrder, ref: orderRef},
	"shipment":     {apply: func(st *Store, kind string, _ int, d map[string]any) { st.applyShipment(kind, d) }, ref: shipmentRef},
	"cart":         {channel: true, apply: (*Store).applyCart, ref: cartRef},
	"product":      {channel: true, complete: (*Store).completeProduct, apply: (*Store).applyProduct},
	"sku":          {complete: (*Store).completeSKU, apply: (*Store).applySKU},
	"category":     {channel: true, complete: (*Store).completeCategory, apply: (*Store).applyCategory},
	"categoryTree": {channel: true, apply: (*Store).applyCategoryTree},
	"modifier":     {complete: (*Store).completeOverride, apply: (*Store).applyOverride},
	"option":       {complete: (*Store).completeOverride, apply: (*Store).applyOverride},
	"customer":     {complete: (*Store).completeCustomer, apply: (*Store).applyCustomer, ref: customerRef},
	"subscriber":   {apply: (*Store).applySubscriber, ref: subscriberRef},
	"channel":      {apply: (*Store).applyChannel, ref: channelRef}, // store/channel/created, updated
	// store/inventory/location/* and store/channel/*/inventory/product/*
	"inventory":  {channel: true, complete: (*Store).completeInventory, apply: (*Store).applyInventory},
	"priceList":  {apply: (*Store).applyPriceList},
	"priceLists": {apply: (*Store).applyPriceList}, // priceLists/deleted
	// store/information/updated changes nothing the model holds (the
	// store's identity is a function of its hash): GET /v2/store answers
	// as before.
	"information": {apply: func(*Store, string, int, map[string]any) {}},
}

// metafieldFamily takes the metafield events of every resource
// (order/metafield/..., product/variant/metafield/..., metafield/...),
// whatever the first segment of their kind.
var metafieldFamily = family{complete: (*Store).completeMetafield, apply: (*Store).applyMetafield}

// kindOf returns the event's kind with the "store/" or
// "store/channel/{id}/" prefix removed ("order/created", "cart/lineItem/deleted")
// when a family of the model takes it. Metafield events belong to no
// family here.
func kindOf(scope string) (string, bool) {
	rest, ok := strings.CutPrefix(scope, "store/")
	if !ok {
		return "", false
	}
	if isMetafieldKind(rest) {
		return rest, true
	}
	channel := false
	if tail, ok := strings.CutPrefix(rest, "channel/"); ok {
		if _, kind, found := strings.Cut(tail, "/"); found {
			rest, channel = kind, true
		} // else store/channel/created or updated: the channel family
	}
	head, _, found := strings.Cut(rest, "/")
	fam, ok := families[head]
	if !found || !ok || channel && !fam.channel {
		return "", false
	}
	return rest, true
}

// familyOf returns the family of a kind kindOf returned.
func familyOf(kind string) family {
	if isMetafieldKind(kind) {
		return metafieldFamily
	}
	head, _, _ := strings.Cut(kind, "/")
	return families[head]
}

// channelOf returns the channel id of a channel-scoped scope, else the
// default channel.
func channelOf(scope string) int {
	if id := scopedChannel(scope); id > 0 {
		return id
	}
	return defaultChannel
}

// scopedChannel returns the channel id of a channel-scoped scope, else 0.
func scopedChannel(scope string) int {
	tail, ok := strings.CutPrefix(scope, "store/channel/")
	if !ok {
		return 0
	}
	id, _, _ := strings.Cut(tail, "/")
	if n, err := strconv.Atoi(id); err == nil && n > 0 {
		return n
	}
	return 0
}

// Raise runs an event raised from outside (the control API, a scenario,
// testkit) through the store, under its lock: it fills in the fields the
// state decides and the caller did not give (the order's current status as
// statusUpdated's previous_status_id),
// has invent make the data from those overrides, and puts in place the
// state the data implies. It returns invent's data. Array data (the
// store/priceList/records/* events) is applied record by record. Events of
// families the model does not hold pass through untouched.
func (s *Shop) Raise(storeHash, scope string, overrides map[string]any, invent func(map[string]any) (any, error)) (any, error) {
	kind, ok := kindOf(scope)
	if !ok {
		return invent(overrides)
	}
	var data any
	_, err := s.Write(storeHash, func(st *Store) ([]Event, error) {
		var err error
		data, err = invent(st.complete(kind, scopedChannel(scope), overrides))
		if err != nil {
			return nil, err
		}
		for _, obj := range objects(data) { // price-list record batches are arrays
			st.apply(kind, channelOf(scope), obj)
		}
		return nil, nil
	})
	return data, err
}

// objects returns the objects of event data: the data itself when it is
// one, the objects of an array.
func objects(data any) []map[string]any {
	switch d := data.(type) {
	case map[string]any:
		return []map[string]any{d}
	case []map[string]any:
		return d
	case []any:
		var out []map[string]any
		for _, x := range d {
			if obj, ok := x.(map[string]any); ok {
				out = append(out, obj)
			}
		}
		return out
	}
	return nil
}

// complete returns overrides with the fields the state decides added
// where the caller left them out. The caller's map is not changed. Ids
// the caller leaves out are invented from the seed, as for any event.
func (st *Store) complete(kind string, channel int, overrides map[string]any) map[string]any {
	out := make(map[string]any, len(overrides)+1)
	for k, v := range overrides {
		out[k] = v
	}
	if c := familyOf(kind).complete; c != nil {
		c(st, kind, channel, out)
	}
	return out
}

// completeOrder gives statusUpdated the order's current status as
// previous_status_id, unless the caller gave one.
func (st *Store) completeOrder(kind string, _ int, out map[string]any) {
	if kind != "order/statusUpdated" {
		return
	}
	if o := st.orders[intField(out, "id")]; o != nil {
		setNested(out, "status", "previous_status_id", o.StatusID)
	}
}

// setAbsent sets out[key] to v unless the caller gave it (a null
// included: the caller removes the field).
func setAbsent(out map[string]any, key string, v any) {
	if _, ok := out[key]; !ok {
		out[key] = v
	}
}

// setNested sets parent.key to v unless the caller gave it, copying the
// caller's parent object rather than changing it.
func setNested(out map[string]any, parent, key string, v any) {
	given, _ := out[parent].(map[string]any)
	if _, ok := given[key]; ok {
		return
	}
	cp := make(map[string]any, len(given)+1)
	for k, x := range given {
		cp[k] = x
	}
	cp[key] = v
	out[parent] = cp
}

// apply puts in place the state an event of kind with data implies.
// Fields that are missing or of the wrong type leave the state as it is:
// an event's data is the caller's to shape, even where BigCommerce would
// never send it so.
func (st *Store) apply(kind string, channel int, d map[string]any) {
	familyOf(kind).apply(st, kind, channel, d)
}

func (st *Store) applyOrder(kind string, channel int, d map[string]any) {
	id := orderID(d)
	if id <= 0 {
		return
	}
	status := inventedStatus
	if kind == "order/statusUpdated" {
		if prev, ok := statusField(d, "previous_status_id"); ok {
			status = prev
		}
	}
	o := st.ensureOrder(id, status, channel)
	if o == nil {
		return
	}
	now := st.now()
	switch kind {
	case "order/updated":
		o.Modified = now
	case "order/archived":
		o.Deleted, o.Modified = true, now
	case "order/statusUpdated":
		if next, ok := statusField(d, "new_status_id"); ok {
			o.StatusID, o.Modified = next, now
		}
	case "order/message/created":
		st.ensureMessage(o, intField(nested(d, "message"), "order_message_id"))
	case "order/refund/created":
		st.ensureRefund(o, intField(nested(d, "refund"), "refund_id"))
	case "order/transaction/created", "order/transaction/updated":
		st.applyTransaction(o, d)
	}
}

// ensureOrder returns order id, inventing it with status when the store
// does not hold it; nil when the store is full.
func (st *Store) ensureOrder(id, status, channel int) *Order {
	if o := st.orders[id]; o != nil {
		return o
	}
	if st.roomForOrder() != nil {
		return nil
	}
	o := st.inventOrder(id, status, channel)
	st.keepOrder(o)
	seen(&st.next.order, id)
	return o
}

func (st *Store) ensureMessage(o *Order, id int) {
	if id <= 0 || len(o.Messages) >= st.limits().Children {
		return
	}
	if find(o.Messages, id, func(m *Message) int { return m.ID }) != nil {
		return
	}
	seen(&st.next.message, id)
	o.Messages = append(o.Messages, &Message{ID: id, Subject: "Question about my order", Text: st.faker.Sentence(8), Created: st.now()})
}

// ensureRefund records refund id of what is left to refund, unless the
// order has it.
func (st *Store) ensureRefund(o *Order, id int) {
	if id <= 0 || o.Refund(id) != nil || len(o.Refunds) >= st.limits().Children {
		return
	}
	seen(&st.next.refund, id)
	amount := o.Refundable()
	o.Refunds = append(o.Refunds, &Refund{ID: id, Created: st.now(), Reason: "Customer request", Amount: amount,
		Items: []RefundItem{{Type: "ORDER", ItemID: o.ID, Amount: amount, Requested: true}}})
	o.Modified = st.now()
}

// applyTransaction records or updates the transaction a webhook names by
// its transaction_id.
func (st *Store) applyTransaction(o *Order, d map[string]any) {
	key, _ := d["transaction_id"].(string)
	status, _ := d["transaction_status"].(string)
	event, _ := d["transaction_type"].(string)
	restStatus := "ok"
	if status == "error" {
		restStatus = "error"
	}
	for _, t := range o.Transactions {
		if key != "" && t.WebhookID == key {
			t.Status = restStatus
			return
		}
	}
	if len(o.Transactions) >= st.limits().Children {
		return
	}
	if !validTransactionEvent(event) {
		event = "purchase"
	}
	t := st.inventTransaction(o, event, restStatus)
	t.WebhookID = key
	if p, ok := d["provider_transaction_id"].(string); ok && p != "" {
		t.GatewayTransactionID = p
	}
	o.Transactions = append(o.Transactions, t)
}

// validTransactionEvent reports whether event is one of REST's
// transaction events.
func validTransactionEvent(event string) bool {
	switch event {
	case "purchase", "authorization", "capture", "refund", "void", "pending", "settled":
		return true
	}
	return false
}

func (st *Store) applyShipment(kind string, d map[string]any) {
	id, orderID := intField(d, "id"), intField(d, "orderId")
	if id <= 0 || orderID <= 0 {
		return
	}
	o := st.ensureOrder(orderID, inventedStatus, defaultChannel)
	if o == nil {
		return
	}
	switch kind {
	case "shipment/created", "shipment/updated":
		if o.Shipment(id) == nil {
			st.addShipment(o, st.inventShipment(o, id, st.now()))
		}
	case "shipment/deleted":
		st.removeShipment(o, id)
	}
}

// addShipment records s and moves the order to Shipped or Partially
// Shipped, as the Ship Items action does.
func (st *Store) addShipment(o *Order, s *Shipment) {
	if len(o.Shipments) >= st.limits().Children {
		return
	}
	seen(&st.next.shipment, s.ID)
	o.Shipments = append(o.Shipments, s)
	now := st.now()
	o.Modified = now
	if o.ItemsShipped() >= o.ItemsTotal() {
		o.StatusID, o.Shipped = bigcommerce.StatusShipped, now
		return
	}
	o.StatusID = bigcommerce.StatusPartiallyShipped
}

// removeShipment forgets shipment id and unships its items; the order's
// status stays (deleting a shipment does not move an order out of Shipped).
func (st *Store) removeShipment(o *Order, id int) bool {
	for i, s := range o.Shipments {
		if s.ID != id {
			continue
		}
		for _, it := range s.Items {
			if l := o.Line(it.LineID); l != nil {
				l.Shipped = max(0, l.Shipped-it.Quantity)
			}
		}
		o.Shipments = append(o.Shipments[:i], o.Shipments[i+1:]...)
		o.Shipped, o.Modified = time.Time{}, st.now()
		return true
	}
	return false
}

func (st *Store) applyCart(kind string, channel int, d map[string]any) {
	id := cartRef(kind, d).ID
	if id == "" {
		return
	}
	switch kind {
	case "cart/deleted":
		delete(st.carts, id)
		return
	case "cart/converted":
		st.convert(id, intField(d, "orderId"), channel)
		return
	}
	c := st.ensureCart(id, channel)
	if c == nil {
		return
	}
	c.Updated = st.now()
	switch kind {
	case "cart/couponApplied":
		st.ensureCartCoupon(c, intField(d, "couponId"))
	case "cart/abandoned":
		if tok := stringField(d, "token"); tok != "" {
			c.Token = tok
			st.tokens[tok] = c.ID
		}
	case "cart/lineItem/created", "cart/lineItem/updated":
		st.ensureCartLine(c, lineItemID(d))
	case "cart/lineItem/deleted":
		if item := lineItemID(d); item != "" {
			c.Lines = removeCartLine(c.Lines, item)
		}
	}
}

// lineItemID is the line item id of a cart line item event, store-level
// (id) or channel-scoped (cart_item_id).
func lineItemID(d map[string]any) string {
	if id := stringField(d, "cart_item_id"); id != "" {
		return id
	}
	return stringField(d, "id")
}

func (st *Store) ensureCart(id string, channel int) *Cart {
	if c := st.carts[id]; c != nil {
		return c
	}
	if len(st.carts) >= st.limits().Carts {
		return nil
	}
	c := st.inventCart(id, channel)
	st.carts[id] = c
	return c
}

func (st *Store) ensureCartLine(c *Cart, id string) {
	if id == "" || c.Line(id) != nil || len(c.Lines) >= st.limits().Children {
		return
	}
	c.Lines = append(c.Lines, st.cartLineOf(id, st.product(), 1))
}

func (st *Store) ensureCartCoupon(c *Cart, id int) {
	if id <= 0 || len(c.Coupons) >= st.limits().Children {
		return
	}
	for _, cp := range c.Coupons {
		if cp.CouponID == id {
			return
		}
	}
	c.Coupons = append(c.Coupons, &Coupon{ID: bump(&st.next.coupon), CouponID: id, Code: "SAVE" + strconv.Itoa(id), Type: CouponPercentage, Amount: c.Amount().Rate(1000)})
}

func removeCartLine(lines []*CartLine, id string) []*CartLine {
	for i, l := range lines {
		if l.ID == id {
			return append(lines[:i], lines[i+1:]...)
		}
	}
	return lines
}

// convert deletes cart id and makes order orderID the order it became:
// the order exists with cart_id set, and an order an event invented takes
// its lines from the cart.
func (st *Store) convert(cartID string, orderID, channel int) {
	c := st.carts[cartID]
	delete(st.carts, cartID)
	if orderID <= 0 {
		return
	}
	o := st.ensureOrder(orderID, inventedStatus, channel)
	if o == nil {
		return
	}
	o.CartID, o.Modified = cartID, st.now()
	if c != nil && o.linesFromAnEvent && len(o.Shipments) == 0 {
		st.takeLines(o, c)
	}
}

// takeLines replaces o's lines by c's, shipped to o's first address, and
// takes the cart's coupons (their amounts are the order's discount).
func (st *Store) takeLines(o *Order, c *Cart) {
	addr := 0
	if len(o.Addresses) > 0 {
		addr = o.Addresses[0].ID
	}
	o.Lines = o.Lines[:0]
	for _, cl := range c.Lines {
		o.Lines = append(o.Lines, &Line{
			ID: bump(&st.next.line), ProductID: cl.ProductID, VariantID: cl.VariantID, Name: cl.Name, SKU: cl.SKU,
			Type: "physical", Quantity: cl.Quantity, Price: cl.SalePrice, AddressID: addr,
		})
	}
	for _, ci := range c.Custom { // a custom item is an order product of no catalog product
		o.Lines = append(o.Lines, &Line{
			ID: bump(&st.next.line), Name: ci.Name, SKU: ci.SKU,
			Type: "physical", Quantity: ci.Quantity, Price: ci.ListPrice, AddressID: addr,
		})
	}
	o.Discount = c.Discount()
	o.Coupons = o.Coupons[:0]
	for _, cp := range c.Coupons {
		applied := *cp
		o.Coupons = append(o.Coupons, &applied)
	}
	o.CustomerID = c.CustomerID
	o.linesFromAnEvent = false
}

// nested returns d[key] as an object, or nil.
func nested(d map[string]any, key string) map[string]any {
	m, _ := d[key].(map[string]any)
	return m
}

// intField reads an integer field: a JSON number, an int, or a decimal
// string (webhooks carry some ids as strings). 0 when absent or not one.
func intField(d map[string]any, key string) int {
	n, _ := intValue(d[key])
	return n
}

// intValue reads an integer: a JSON number, an int or a decimal string.
func intValue(v any) (int, bool) {
	switch v := v.(type) {
	case int:
		return v, true
	case int64:
		return int(v), true
	case float64:
		if v == math.Trunc(v) && math.Abs(v) < 1<<53 {
			return int(v), true
		}
	case json.Number:
		n, err := strconv.Atoi(v.String())
		return n, err == nil
	case string:
		n, err := strconv.Atoi(v)
		return n, err == nil
	}
	return 0, false
}

// statusField reads an order status id, which must be one of
// BigCommerce's.
func statusField(d map[string]any, key string) (int, bool) {
	id, ok := intValue(nested(d, "status")[key])
	if !ok {
		return 0, false
	}
	_, ok = bigcommerce.StatusName(id)
	return id, ok
}

func stringField(d map[string]any, key string) string {
	s, _ := d[key].(string)
	return s
}
