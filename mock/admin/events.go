package admin

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/gorilla/mux"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/webhook"
	"github.com/bcmock/bcmock/openapi"
)

// raise invents the event's data (with the caller's overrides), builds the
// callback envelope and hands it to the engine, which delivers it to every
// matching hook at once.
func (a *Admin) raise(w http.ResponseWriter, r *http.Request) {
	storeHash := mux.Vars(r)["store_hash"]
	body, _ := openapi.BodyValue(r)
	obj, _ := body.(map[string]any)
	sc, _ := obj["scope"].(string)
	if !bigcommerce.KnownEvent(sc) {
		writeError(w, http.StatusUnprocessableEntity, "unknown event", "", map[string]string{"scope": unknownScope(sc)})
		return
	}
	env, payload, err := a.build(storeHash, sc, obj["data"])
	if err != nil {
		writeError(w, http.StatusUnprocessableEntity, "cannot build the event", "", map[string]string{"data": err.Error()})
		return
	}
	res, err := a.cfg.Engine.Raise(r.Context(), webhook.Event{StoreHash: storeHash, Scope: sc, Body: payload, Hash: env.Hash, CreatedAt: time.Unix(env.CreatedAt, 0)})
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the mock is shutting down", err.Error(), nil)
		return
	}
	writeJSON(w, http.StatusCreated, adminapi.Raised{
		EventID: res.EventID, StoreHash: storeHash, Scope: sc, Hash: env.Hash,
		Payload: payload, HookIDs: nonNil(res.HookIDs), DeliveryIDs: nonNil(res.DeliveryIDs),
	})
}

// resend raises a recorded event again, byte for byte: the same body and
// hash, as BigCommerce's duplicates carry, to every hook that matches now.
func (a *Admin) resend(w http.ResponseWriter, r *http.Request) {
	id, _ := strconv.ParseInt(mux.Vars(r)["event_id"], 10, 64)
	events := a.cfg.Engine.Events(webhook.Filter{EventID: id})
	if len(events) != 1 {
		writeError(w, http.StatusNotFound, "unknown event", fmt.Sprintf("no event %d is recorded (a reset forgets events)", id), nil)
		return
	}
	ev := events[0]
	res, err := a.cfg.Engine.Raise(r.Context(), webhook.Event{StoreHash: ev.StoreHash, Scope: ev.Scope, Body: []byte(ev.Body), Hash: ev.Hash, CreatedAt: ev.CreatedAt})
	if err != nil {
		writeError(w, http.StatusServiceUnavailable, "the mock is shutting down", err.Error(), nil)
		return
	}
	writeJSON(w, http.StatusCreated, adminapi.Raised{
		EventID: res.EventID, StoreHash: ev.StoreHash, Scope: ev.Scope, Hash: ev.Hash,
		Payload: json.RawMessage(ev.Body), HookIDs: nonNil(res.HookIDs), DeliveryIDs: nonNil(res.DeliveryIDs),
	})
}

// build makes the event's envelope. data is an object of overrides merged
// into invented data, or (for array-shaped events) the whole array.
func (a *Admin) build(storeHash, sc string, data any) (bigcommerce.Envelope, []byte, error) {
	var value any
	switch d := data.(type) {
	case nil:
		v, err := a.cfg.Events.Data(sc, nil)
		if err != nil {
			return bigcommerce.Envelope{}, nil, err
		}
		value = v
	case map[string]any:
		v, err := a.cfg.Events.Data(sc, d)
		if err != nil {
			return bigcommerce.Envelope{}, nil, err
		}
		value = v
	default:
		value = d // an array given whole, e.g. price list records
	}
	return bigcommerce.Build(storeHash, sc, value, a.cfg.Clock.Now())
}

func unknownScope(sc string) string {
	switch {
	case sc == "":
		return "is required"
	case bigcommerce.IsWildcard(sc):
		return fmt.Sprintf("%q is a wildcard subscription; raise one concrete event", sc)
	case bigcommerce.IsTemplated(sc):
		return fmt.Sprintf("%q needs a channel id in place of {channel_id}, e.g. %q", sc, bigcommerce.Fill(sc, 1))
	}
	msg := fmt.Sprintf("%q is not an event BigCommerce documents", sc)
	if s := bigcommerce.Suggest(sc); s != "" && !bigcommerce.IsWildcard(s) {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return msg
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

func (a *Admin) getClock(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, http.StatusOK, a.clockState())
}

// advance moves a fake clock forward, walking from due time to due time so
// every attempt on the way fires at its scheduled instant.
func (a *Admin) advance(w http.ResponseWriter, r *http.Request) {
	body, _ := openapi.BodyValue(r)
	obj, _ := body.(map[string]any)
	seconds, _ := number(obj["seconds"])
	target := a.cfg.Clock.Now().Add(time.Duration(seconds * float64(time.Second)))
	err := a.cfg.Engine.AdvanceTo(r.Context(), target)
	switch {
	case errors.Is(err, webhook.ErrClockNotSettable):
		writeError(w, http.StatusConflict, "the clock is real", "start bcmock with --clock fake to move time (the real clock cannot be advanced)", nil)
		return
	case err != nil:
		writeError(w, http.StatusServiceUnavailable, "could not advance the clock", err.Error(), nil)
		return
	}
	writeJSON(w, http.StatusOK, a.clockState())
}

// list is the envelope of every log listing.
type list[T any] struct {
	Data []T `json:"data"`
}

// filter reads the listing filters from the query (already validated).
func filter(r *http.Request) webhook.Filter {
	q := r.URL.Query()
	hook, _ := strconv.Atoi(q.Get("hook"))
	eventID, _ := strconv.ParseInt(q.Get("event"), 10, 64)
	delivery, _ := strconv.ParseInt(q.Get("delivery"), 10, 64)
	return webhook.Filter{
		StoreHash: q.Get("store"), HookID: hook, Scope: q.Get("scope"),
		Outcome: webhook.Outcome(q.Get("outcome")), EventID: eventID, DeliveryID: delivery,
		Kind: webhook.NotificationKind(q.Get("kind")),
	}
}

func (a *Admin) events(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, list[webhook.EventRecord]{Data: nonNil(a.cfg.Engine.Events(filter(r)))})
}

func (a *Admin) deliveries(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, list[webhook.DeliveryRecord]{Data: nonNil(a.cfg.Engine.Deliveries(filter(r)))})
}

func (a *Admin) attempts(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, list[webhook.AttemptRecord]{Data: nonNil(a.cfg.Engine.Attempts(filter(r)))})
}

func (a *Admin) notifications(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, list[webhook.Notification]{Data: nonNil(a.cfg.Engine.Notifications(filter(r)))})
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
