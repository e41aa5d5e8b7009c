package mock

// uninstall removes, in storeHash, every hook of the apps a
// store/app/uninstalled event was delivered to (notified, the hooks it
// matched), as BigCommerce deletes an uninstalled app's webhooks. The
// event names no app; hooks belong to one client_id and an app receives
// the event only about itself, so the apps it reaches are the apps
// uninstalled. An app with no hook for the event is not touched: nothing
// says it was uninstalled. The notified hooks depart only once their
// deliveries are done (store.Store.Uninstall).
func (s *Server) uninstall(storeHash string, notified []int) {
	byClient := map[string][]int{}
	for _, id := range notified {
		if h, ok := s.store.Lookup(storeHash, id); ok {
			byClient[h.ClientID] = append(byClient[h.ClientID], id)
		}
	}
	for client, ids := range byClient {
		n := s.store.Uninstall(storeHash, client, ids)
		s.cfg.logger.Info("app uninstalled: its hooks are removed", "store", storeHash, "client_id", client, "hooks", n)
	}
}
