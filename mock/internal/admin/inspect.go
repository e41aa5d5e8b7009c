package admin

import (
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/store"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// The reads the inspector page needs that the log listings do not give:
// the stores with their hooks, and a delivery with its ladder ahead.

// stores answers one page of the stores with hooks or log records.
func (a *Admin) stores(w http.ResponseWriter, r *http.Request, _ *gateway.Request) {
	hashes := union(a.cfg.Store.Hashes(), a.cfg.Engine.StoreHashes())
	q := r.URL.Query()
	page := bigcommerce.PageOf(q)
	from := min(page.Offset(), len(hashes))
	to := min(from+page.Limit, len(hashes))
	out := make([]adminapi.Store, 0, to-from)
	for _, h := range hashes[from:to] {
		out = append(out, a.storeOf(h))
	}
	gateway.WriteJSON(w, http.StatusOK, adminapi.List[adminapi.Store]{
		Data: out, Meta: adminapi.Meta{Pagination: bigcommerce.Paginate(q, len(hashes), len(out), page)},
	})
}

// union merges two sorted lists of store hashes.
func union(a, b []string) []string {
	out := make([]string, 0, len(a)+len(b))
	for len(a) > 0 || len(b) > 0 {
		switch {
		case len(b) == 0 || len(a) > 0 && a[0] < b[0]:
			out, a = append(out, a[0]), a[1:]
		case len(a) == 0 || b[0] < a[0]:
			out, b = append(out, b[0]), b[1:]
		default:
			out, a, b = append(out, a[0]), a[1:], b[1:]
		}
	}
	return out
}

func (a *Admin) storeOf(hash string) adminapi.Store {
	hooks := a.cfg.Store.Hooks(hash)
	s := adminapi.Store{StoreHash: hash, Hooks: make([]adminapi.StoreHook, 0, len(hooks)), BlockedDomains: []adminapi.BlockedDomain{}}
	clients := map[string]bool{}
	for _, h := range hooks {
		s.Hooks = append(s.Hooks, wireHook(h))
		if !clients[h.ClientID] {
			clients[h.ClientID] = true
			for _, b := range a.cfg.Engine.BlockedDomains(h.ClientID) {
				s.BlockedDomains = append(s.BlockedDomains, wireBlocked(h.ClientID, b))
			}
		}
	}
	s.Stats = wireStats(a.cfg.Engine.Stats(hash))
	return s
}

func wireHook(h store.Hook) adminapi.StoreHook {
	out := adminapi.StoreHook{
		ID: h.ID, ClientID: h.ClientID, Scope: h.Scope, Destination: h.Destination,
		IsActive: h.IsActive, Status: h.Status(), CreatedAt: h.CreatedAt.UTC(), UpdatedAt: h.UpdatedAt.UTC(),
	}
	if d, err := bigcommerce.ParseDestination(h.Destination); err == nil {
		out.Warning = d.ProductionProblem()
	}
	return out
}

func wireBlocked(clientID string, b webhook.Blocked) adminapi.BlockedDomain {
	reasons := make([]bigcommerce.BlockReason, 0, len(b.Reasons))
	for _, r := range b.Reasons {
		reasons = append(reasons, bigcommerce.BlockReason{FailureDescription: r.FailureDescription, Count: r.Count, Timestamp: r.Timestamp})
	}
	return adminapi.BlockedDomain{ClientID: clientID, BlockedDomain: bigcommerce.BlockedDomain{
		Destination: b.Destination, TimeLeft: int(b.TimeLeft), Reasons: reasons,
	}}
}

func wireStats(s webhook.Stats) adminapi.Stats {
	return adminapi.Stats{
		Events: s.Events, Deliveries: s.Deliveries, Attempts: s.Attempts, Notifications: s.Notifications,
		Pending: s.Pending, EventsDropped: s.EventsDropped, DeliveriesDropped: s.DeliveriesDropped,
		AttemptsDropped: s.AttemptsDropped, NotificationsDropped: s.NotificationsDropped,
	}
}

// delivery answers one delivery and the retry ladder still ahead of it.
func (a *Admin) delivery(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	id, _ := strconv.ParseInt(in.Param("delivery_id"), 10, 64)
	ds, _ := a.cfg.Engine.DeliveriesPage(webhook.Filter{DeliveryID: id}, webhook.Page{Limit: 1})
	if len(ds) != 1 {
		WriteError(w, gateway.Error{Status: http.StatusNotFound, Title: "unknown delivery", Detail: fmt.Sprintf("no delivery %d is recorded (a reset, or the delivery log's cap, forgets deliveries)", id)})
		return
	}
	d := wireDelivery(ds[0])
	gateway.WriteJSON(w, http.StatusOK, adminapi.DeliveryDetail{Delivery: d, Ahead: ladderAhead(a.cfg.Engine.Schedule(), d.Attempts, d.NextAttemptAt)})
}

// ladderAhead plans the attempts still ahead of a delivery that has made
// made attempts and whose next one is due at next (nil: none is): that
// one, then one after each delay of the schedule, each as early as it can
// come, when every attempt before it fails at once.
func ladderAhead(s bigcommerce.Schedule, made int, next *time.Time) []adminapi.PlannedAttempt {
	out := []adminapi.PlannedAttempt{}
	if next == nil {
		return out
	}
	at := next.UTC()
	for n := made + 1; ; n++ {
		out = append(out, adminapi.PlannedAttempt{Number: n, DueAt: at})
		delay, ok := s.Delay(n)
		if !ok {
			return out
		}
		at = at.Add(delay)
	}
}
