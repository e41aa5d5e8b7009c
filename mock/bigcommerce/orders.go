package bigcommerce

// OrderStatus is one of BigCommerce's fixed order statuses, as
// GET /v2/order_statuses lists them (reference: bigcommerce-rest.md §2.2).
type OrderStatus struct {
	ID          int
	Name        string
	Description string
	Sort        int // its place in the control panel's list: order, sort_order
}

// Order status ids with a rule of their own.
const (
	StatusIncomplete          = 0  // checkout API orders start here
	StatusPending             = 1  // a v2 POST without status_id
	StatusShipped             = 2  // every line shipped
	StatusPartiallyShipped    = 3  // some lines shipped
	StatusRefunded            = 4  // refunded in full
	StatusCancelled           = 5  // cancelled
	StatusAwaitingFulfillment = 11 // paid: a Payments API charge moves an order here
	StatusPartiallyRefunded   = 14 // refunded in part
)

// OrderStatuses are BigCommerce's 15 order statuses, by id, each with
// its place in the control panel's list, 0 to 14 (orders.v2.oas2.yml's
// examples of order_statuses and orders/count agree on it).
var OrderStatuses = []OrderStatus{
	{0, "Incomplete", "An incomplete order happens when a shopper reached the payment page, but did not complete the transaction.", 0},
	{1, "Pending", "Customer started the checkout process, but did not complete it.", 1},
	{2, "Shipped", "Order has been shipped, but receipt has not been confirmed; seller has used the Ship Items action.", 8},
	{3, "Partially Shipped", "Only some items in the order have been shipped, due to some products being pre-order only or other reasons.", 6},
	{4, "Refunded", "Seller has used the Refund action.", 11},
	{5, "Cancelled", "Seller has cancelled an order, due to a stock inconsistency or other reasons.", 9},
	{6, "Declined", "Seller has marked the order as declined for lack of manual payment, or other reasons.", 10},
	{7, "Awaiting Payment", "Customer has completed checkout process, but payment has yet to be confirmed.", 2},
	{8, "Awaiting Pickup", "Order has been pulled, and is awaiting customer pickup from a seller-specified location.", 5},
	{9, "Awaiting Shipment", "Order has been pulled and packaged, and is awaiting collection from a shipping provider.", 4},
	{10, "Completed", "Client has paid for their digital product and their file(s) are available for download.", 7},
	{11, "Awaiting Fulfillment", "Customer has completed the checkout process and payment has been confirmed.", 3},
	{12, "Manual Verification Required", "Order on hold while some aspect needs to be manually confirmed.", 13},
	{13, "Disputed", "Customer has initiated a dispute resolution process for the PayPal transaction that paid for the order.", 12},
	{14, "Partially Refunded", "Seller has partially refunded the order.", 14},
}

// StatusName returns the name of order status id, and whether it is one.
func StatusName(id int) (string, bool) {
	if id < 0 || id >= len(OrderStatuses) {
		return "", false
	}
	return OrderStatuses[id].Name, true
}
