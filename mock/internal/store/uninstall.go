package store

// Uninstall removes every hook of clientID in storeHash, as BigCommerce
// does when the app is uninstalled, and returns how many it removed. The
// hooks named in notifying, which carry the store/app/uninstalled event
// itself, leave every view (List, Get, Matching, the limits) at once but
// stay visible to Lookup, so that event's deliveries, retries included,
// still go out: they depart when the app is uninstalled again, or with
// Reset. Hooks of other accounts are untouched.
func (s *Store) Uninstall(storeHash, clientID string, notifying []int) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	sh, ok := s.stores[storeHash]
	if !ok {
		return 0
	}
	for id, h := range sh.departing {
		if h.ClientID == clientID {
			delete(sh.departing, id)
		}
	}
	keep := map[int]bool{}
	for _, id := range notifying {
		keep[id] = true
	}
	var gone []*Hook
	for _, h := range sh.byID {
		if h.ClientID == clientID {
			gone = append(gone, h)
		}
	}
	for _, h := range gone {
		sh.remove(h.ID)
		if keep[h.ID] {
			if sh.departing == nil {
				sh.departing = map[int]*Hook{}
			}
			sh.departing[h.ID] = h
		}
	}
	return len(gone)
}
