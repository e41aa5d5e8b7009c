package webhook

import "container/heap"

// dueQueue is a min-heap of pending deliveries ordered by due time, then id,
// so deliveries due at the same instant go in the order they were created.
type dueQueue []*delivery

var _ heap.Interface = (*dueQueue)(nil)

// Len is the number of queued deliveries.
func (q dueQueue) Len() int { return len(q) }

// Less orders by due time, then by id.
func (q dueQueue) Less(i, j int) bool {
	if !q[i].due.Equal(q[j].due) {
		return q[i].due.Before(q[j].due)
	}
	return q[i].id < q[j].id
}

// Swap swaps two entries and keeps their indexes right.
func (q dueQueue) Swap(i, j int) {
	q[i], q[j] = q[j], q[i]
	q[i].index = i
	q[j].index = j
}

// Push adds a delivery; use heap.Push.
func (q *dueQueue) Push(x any) {
	d := x.(*delivery)
	d.index = len(*q)
	*q = append(*q, d)
}

// Pop removes the last delivery; use heap.Pop.
func (q *dueQueue) Pop() any {
	old := *q
	d := old[len(old)-1]
	old[len(old)-1] = nil
	*q = old[:len(old)-1]
	d.index = -1
	return d
}
