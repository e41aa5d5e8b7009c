package shop

// find returns the first of items whose key is key, or nil. The lines,
// addresses, shipments, refunds, messages and variants of one entity are
// few, so a scan is all a lookup needs.
func find[T any, K comparable](items []*T, key K, keyOf func(*T) K) *T {
	for _, it := range items {
		if keyOf(it) == key {
			return it
		}
	}
	return nil
}
