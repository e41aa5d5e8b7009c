package mock

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/admin"
	"github.com/bcmock/bcmock/mock/internal/webhook"
)

// Raise raises the concrete event eventScope in the store storeHash, as
// BigCommerce does when something happens there, and returns what the
// mock did: the callback body, its hash, and a delivery per matching
// active hook. The callbacks are on their way when Raise returns; it does
// not wait for any attempt.
//
// data, when nil or an object (map[string]any), is merged over data the
// mock invents from its seed (see event.Generator.Data); any other value,
// such as the array of a store/priceList/records/* event, is the data as
// given. The control API's POST /__bcmock/stores/{store_hash}/events, the
// scenario runner and testkit all raise events through this method.
//
// A scope that cannot be raised, or data that cannot be merged, is a
// *RaiseError (wrapping bigcommerce.ErrUnknownScope, ErrTemplatedScope,
// ErrWildcardScope or event.ErrBadOverride); once Shutdown has begun the
// error wraps ErrShuttingDown.
func (s *Server) Raise(ctx context.Context, storeHash, eventScope string, data any) (adminapi.Raised, error) {
	return s.RaiseWithFaults(ctx, storeHash, eventScope, data, nil)
}

// RaiseWithFaults raises an event as Raise does, its deliveries shaped by
// faults (see adminapi.FaultKind) instead of the faults attached to their
// hooks. A fault the caller got wrong is a *RaiseError whose Field is its
// place, e.g. "faults[0].kind".
func (s *Server) RaiseWithFaults(ctx context.Context, storeHash, eventScope string, data any, faults []adminapi.Fault) (adminapi.Raised, error) {
	ef, p := admin.EngineFaults(faults)
	if p != nil {
		return adminapi.Raised{}, &RaiseError{Scope: eventScope, Field: p.Path(), Err: errors.New(p.Message)}
	}
	if err := bigcommerce.CheckEvent(eventScope); err != nil {
		return adminapi.Raised{}, &RaiseError{Scope: eventScope, Field: "scope", Err: err}
	}
	value, err := s.eventData(eventScope, data)
	if err != nil {
		return adminapi.Raised{}, &RaiseError{Scope: eventScope, Field: "data", Err: err}
	}
	env, body, err := bigcommerce.Build(storeHash, eventScope, value, s.cfg.clock.Now())
	if err != nil {
		return adminapi.Raised{}, &RaiseError{Scope: eventScope, Field: "data", Err: err}
	}
	res, err := s.engine.Raise(ctx, webhook.Event{StoreHash: storeHash, Scope: eventScope, Body: body, Hash: env.Hash, CreatedAt: time.Unix(env.CreatedAt, 0), Faults: ef})
	if err != nil {
		return adminapi.Raised{}, fmt.Errorf("raise %s: %w", eventScope, err)
	}
	return adminapi.Raised{
		EventID: res.EventID, StoreHash: storeHash, Scope: eventScope, Hash: env.Hash,
		Payload: body, HookIDs: orEmpty(res.HookIDs), DeliveryIDs: orEmpty(res.DeliveryIDs),
	}, nil
}

// eventData invents the event's data with the caller's overrides, or takes
// data whole when it is not an object.
func (s *Server) eventData(eventScope string, data any) (any, error) {
	switch d := data.(type) {
	case nil:
		return s.events.Data(eventScope, nil)
	case map[string]any:
		return s.events.Data(eventScope, d)
	}
	return data, nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// RaiseError is an event the caller asked for that cannot be raised.
type RaiseError struct {
	// Scope is the event as asked for.
	Scope string
	// Field is "scope" or "data": what the caller must change.
	Field string
	// Err says what is wrong with it.
	Err error
}

func (e *RaiseError) Error() string { return "raise " + e.Scope + ": " + e.Err.Error() }

func (e *RaiseError) Unwrap() error { return e.Err }

// InvalidField names the request field at fault, for the control API's 422.
func (e *RaiseError) InvalidField() string { return e.Field }
