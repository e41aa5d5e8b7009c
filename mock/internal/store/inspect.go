package store

import (
	"maps"
	"slices"
)

// Hashes lists the stores that hold hooks or emails, sorted.
func (s *Store) Hashes() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return slices.Sorted(maps.Keys(s.stores))
}

// Hooks returns every hook of the store, of every account, by id.
func (s *Store) Hooks(storeHash string) []Hook {
	s.mu.RLock()
	defer s.mu.RUnlock()
	sh := s.stores[storeHash]
	if sh == nil {
		return nil
	}
	out := make([]Hook, 0, len(sh.byID))
	for _, h := range sh.byID {
		out = append(out, h.clone())
	}
	return out
}
