package shop

import (
	"cmp"
	"slices"
	"strings"
	"time"
)

// OrderFilter selects orders, as GET /v2/orders's query does. Zero fields
// select everything; archived orders are left out unless Deleted asks for
// them.
type OrderFilter struct {
	MinID, MaxID  int
	StatusID      *int
	CustomerID    *int
	ChannelID     *int
	CartID        string
	Email         string
	PaymentMethod string
	// ExternalOrderID is external_order_id, the order's id elsewhere.
	ExternalOrderID string
	// MinTotal and MaxTotal bound total_inc_tax; nil does not.
	MinTotal, MaxTotal *Money
	CreatedMin         time.Time
	CreatedMax         time.Time
	ModifiedMin        time.Time
	ModifiedMax        time.Time
	Deleted            *bool // nil: not archived ones
	SortField          string
	SortDescending     bool
}

// OrderSortFields are the fields GET /v2/orders sorts by.
var OrderSortFields = []string{"id", "customer_id", "date_created", "date_modified", "status_id", "channel_id", "external_id"}

// OrderList returns the orders f selects, sorted by f's field (id by
// default, ascending).
func (st *Store) OrderList(f OrderFilter) []*Order {
	out := make([]*Order, 0, len(st.orders))
	for _, o := range st.orders {
		if f.match(o) {
			out = append(out, o)
		}
	}
	sortListed(out, func(a, b *Order) int { return compareBy(a, b, f.SortField) }, func(o *Order) int { return o.ID }, f.SortDescending)
	return out
}

func compareBy(a, b *Order, field string) int {
	switch field {
	case "customer_id":
		return cmp.Compare(a.CustomerID, b.CustomerID)
	case "date_created":
		return a.Created.Compare(b.Created)
	case "date_modified":
		return a.Modified.Compare(b.Modified)
	case "status_id":
		return cmp.Compare(a.StatusID, b.StatusID)
	case "channel_id":
		return cmp.Compare(a.ChannelID, b.ChannelID)
	case "external_id":
		return strings.Compare(a.ExternalID, b.ExternalID)
	}
	return cmp.Compare(a.ID, b.ID)
}

func (f OrderFilter) match(o *Order) bool {
	switch {
	case f.MinID > 0 && o.ID < f.MinID, f.MaxID > 0 && o.ID > f.MaxID:
		return false
	case f.StatusID != nil && o.StatusID != *f.StatusID:
		return false
	case f.CustomerID != nil && o.CustomerID != *f.CustomerID:
		return false
	case f.ChannelID != nil && o.ChannelID != *f.ChannelID:
		return false
	case f.CartID != "" && o.CartID != f.CartID:
		return false
	case f.Email != "" && (o.Billing == nil || !strings.EqualFold(o.Billing.Email, f.Email)):
		return false
	case f.PaymentMethod != "" && !strings.EqualFold(o.PaymentMethod, f.PaymentMethod):
		return false
	case f.ExternalOrderID != "" && o.ExternalOrderID != f.ExternalOrderID:
		return false
	case f.MinTotal != nil && o.TotalIncTax() < *f.MinTotal, f.MaxTotal != nil && o.TotalIncTax() > *f.MaxTotal:
		return false
	case !f.CreatedMin.IsZero() && o.Created.Before(f.CreatedMin), !f.CreatedMax.IsZero() && o.Created.After(f.CreatedMax):
		return false
	case !f.ModifiedMin.IsZero() && o.Modified.Before(f.ModifiedMin), !f.ModifiedMax.IsZero() && o.Modified.After(f.ModifiedMax):
		return false
	}
	if f.Deleted == nil {
		return !o.Deleted
	}
	return o.Deleted == *f.Deleted
}

// StatusCounts counts the orders f selects (archived ones left out unless
// f asks for them) of each status, for GET /v2/orders/count, which takes
// GET /v2/orders's filters.
func (st *Store) StatusCounts(f OrderFilter) (total int, byStatus map[int]int) {
	byStatus = map[int]int{}
	for _, o := range st.orders {
		if f.match(o) {
			total++
			byStatus[o.StatusID]++
		}
	}
	return total, byStatus
}

// RefundByID finds a refund of any order of the store, for
// GET /v3/orders/payment_actions/refunds/{id}.
func (st *Store) RefundByID(id int) (*Order, *Refund) {
	for _, o := range st.orders {
		if r := o.Refund(id); r != nil {
			return o, r
		}
	}
	return nil, nil
}

// Carts returns the store's carts, by id.
func (st *Store) Carts() []*Cart {
	out := make([]*Cart, 0, len(st.carts))
	for _, c := range st.carts {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *Cart) int { return strings.Compare(a.ID, b.ID) })
	return out
}

// sortListed sorts a list answer by a field (compare), ties broken by id,
// the whole order reversed when descending: the one ordering of the
// model's sortable lists.
func sortListed[T any](list []T, compare func(a, b T) int, id func(T) int, descending bool) {
	slices.SortFunc(list, func(a, b T) int {
		c := compare(a, b)
		if c == 0 {
			c = cmp.Compare(id(a), id(b))
		}
		if descending {
			return -c
		}
		return c
	})
}
