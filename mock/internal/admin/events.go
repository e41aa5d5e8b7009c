package admin

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// raise hands the event to the library's Raise, which invents its data,
// builds the envelope and delivers it to every matching hook at once.
func (a *Admin) raise(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	obj := in.Object()
	sc, _ := obj["scope"].(string)
	faults, err := faultsIn(obj)
	if err != nil {
		WriteError(w, gateway.Error{Status: http.StatusUnprocessableEntity, Title: "invalid fault", Detail: err.Error()})
		return
	}
	raised, err := a.cfg.Raise(r.Context(), in.Param("store_hash"), sc, obj["data"], faults)
	if err != nil {
		WriteError(w, raiseError(err))
		return
	}
	gateway.WriteJSON(w, http.StatusCreated, raised)
}

// fieldError is a caller's mistake in one request field (mock.RaiseError).
type fieldError interface {
	error
	InvalidField() string
	Unwrap() error
}

// raiseError answers a failed raise: 422 for the caller's scope or data,
// 503 while the mock shuts down.
func raiseError(err error) gateway.Error {
	var fe fieldError
	switch {
	case errors.As(err, &fe) && strings.HasPrefix(fe.InvalidField(), "faults["):
		return gateway.Error{Status: http.StatusUnprocessableEntity, Title: "invalid fault", Fields: map[string]string{fe.InvalidField(): fe.Unwrap().Error()}}
	case errors.As(err, &fe) && fe.InvalidField() == "scope":
		return gateway.Error{Status: http.StatusUnprocessableEntity, Title: "unknown event", Fields: map[string]string{"scope": fe.Unwrap().Error()}}
	case errors.As(err, &fe):
		return gateway.Error{Status: http.StatusUnprocessableEntity, Title: "cannot build the event", Fields: map[string]string{fe.InvalidField(): fe.Unwrap().Error()}}
	case errors.Is(err, webhook.ErrShuttingDown):
		return gateway.Error{Status: http.StatusServiceUnavailable, Title: "the mock is shutting down", Detail: err.Error()}
	}
	return gateway.Error{Status: http.StatusServiceUnavailable, Title: "could not raise the event", Detail: err.Error()}
}

// resend raises a recorded event again, byte for byte: the same body and
// hash, as BigCommerce's duplicates carry, to every hook that matches now.
func (a *Admin) resend(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	id, _ := strconv.ParseInt(in.Param("event_id"), 10, 64)
	res, ev, err := a.cfg.Engine.Resend(r.Context(), id)
	if errors.Is(err, webhook.ErrUnknownEvent) {
		WriteError(w, gateway.Error{Status: http.StatusNotFound, Title: "unknown event", Detail: fmt.Sprintf("no event %d is recorded (a reset, or the event log's cap, forgets events)", id)})
		return
	}
	if err != nil {
		WriteError(w, raiseError(err))
		return
	}
	gateway.WriteJSON(w, http.StatusCreated, adminapi.Raised{
		EventID: res.EventID, StoreHash: ev.StoreHash, Scope: ev.Scope, Hash: ev.Hash,
		Payload: json.RawMessage(ev.Body), HookIDs: nonNil(res.HookIDs), DeliveryIDs: nonNil(res.DeliveryIDs),
	})
}

func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

func (a *Admin) clockState() adminapi.Clock {
	mode := "real"
	if _, fake := a.cfg.Clock.(interface{ Set(time.Time) }); fake {
		mode = "fake"
	}
	now := a.cfg.Clock.Now().UTC()
	c := adminapi.Clock{Mode: mode, Now: now, Unix: now.Unix()}
	if next, ok := a.cfg.Engine.NextDue(); ok {
		next = next.UTC()
		c.NextDue = &next
	}
	return c
}

func (a *Admin) getClock(w http.ResponseWriter, _ *http.Request, _ *gateway.Request) {
	gateway.WriteJSON(w, http.StatusOK, a.clockState())
}

// advance moves a fake clock forward, walking from due time to due time so
// every attempt on the way fires at its scheduled instant.
func (a *Admin) advance(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	seconds, _ := number(in.Object()["seconds"])
	target := a.cfg.Clock.Now().Add(time.Duration(seconds * float64(time.Second)))
	err := a.cfg.Engine.AdvanceTo(r.Context(), target)
	switch {
	case errors.Is(err, webhook.ErrClockNotSettable):
		WriteError(w, gateway.Error{Status: http.StatusConflict, Title: "the clock is real", Detail: "start bcmock with --clock fake to move time (the real clock cannot be advanced)"})
		return
	case err != nil:
		WriteError(w, gateway.Error{Status: http.StatusServiceUnavailable, Title: "could not advance the clock", Detail: err.Error()})
		return
	}
	gateway.WriteJSON(w, http.StatusOK, a.clockState())
}

// filter reads the listing filters from the query (already validated).
func filter(r *http.Request) webhook.Filter {
	q := r.URL.Query()
	hook, _ := strconv.Atoi(q.Get("hook"))
	eventID, _ := strconv.ParseInt(q.Get("event"), 10, 64)
	delivery, _ := strconv.ParseInt(q.Get("delivery"), 10, 64)
	return webhook.Filter{
		StoreHash: q.Get("store"), HookID: hook, Scope: q.Get("scope"),
		Outcome: bigcommerce.Outcome(q.Get("outcome")), EventID: eventID, DeliveryID: delivery,
		Kind: webhook.NotificationKind(q.Get("kind")),
	}
}

// writeList answers one page of the engine's records, converted to their
// wire type, with BigCommerce's v3 meta.pagination. list copies only the
// page.
func writeList[R, T any](w http.ResponseWriter, r *http.Request, list func(webhook.Filter, webhook.Page) ([]R, int), wire func(R) T) {
	writePage(w, r, func(offset, limit int) ([]R, int) {
		return list(filter(r), webhook.Page{Offset: offset, Limit: limit})
	}, wire)
}

// writePage answers one page of records: list returns those from offset
// (at most limit) and how many match in all.
func writePage[R, T any](w http.ResponseWriter, r *http.Request, list func(offset, limit int) ([]R, int), wire func(R) T) {
	q := r.URL.Query()
	page := bigcommerce.PageOf(q)
	records, total := list(page.Offset(), page.Limit)
	out := make([]T, 0, len(records))
	for _, rec := range records {
		out = append(out, wire(rec))
	}
	gateway.WriteJSON(w, http.StatusOK, adminapi.List[T]{
		Data: out, Meta: adminapi.Meta{Pagination: bigcommerce.Paginate(q, total, len(out), page)},
	})
}

func (a *Admin) events(w http.ResponseWriter, r *http.Request, _ *gateway.Request) {
	writeList(w, r, a.cfg.Engine.EventsPage, wireEvent)
}

func (a *Admin) deliveries(w http.ResponseWriter, r *http.Request, _ *gateway.Request) {
	writeList(w, r, a.cfg.Engine.DeliveriesPage, wireDelivery)
}

func (a *Admin) attempts(w http.ResponseWriter, r *http.Request, _ *gateway.Request) {
	writeList(w, r, a.cfg.Engine.AttemptsPage, wireAttempt)
}

func (a *Admin) notifications(w http.ResponseWriter, r *http.Request, _ *gateway.Request) {
	writeList(w, r, a.cfg.Engine.NotificationsPage, wireNotification)
}

// number reads a JSON number from a validated body (json.Number) or a
// decoded one (float64).
func number(v any) (float64, bool) {
	switch n := v.(type) {
	case json.Number:
		f, err := n.Float64()
		return f, err == nil
	case float64:
		return n, true
	}
	return 0, false
}
