package mock

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/admin"
	"github.com/bcmock/bcmock/mock/internal/shop"
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
	if !bigcommerce.ValidStoreHash(storeHash) {
		return adminapi.Raised{}, &RaiseError{Scope: eventScope, Field: "store_hash", Err: fmt.Errorf("%q is not a store hash (letters, digits, '-' and '_')", storeHash)}
	}
	value, err := s.eventData(storeHash, eventScope, data)
	if err != nil {
		return adminapi.Raised{}, &RaiseError{Scope: eventScope, Field: "data", Err: err}
	}
	return s.raise(ctx, storeHash, eventScope, value, ef)
}

// raise sends an event whose data is final: the envelope, then the engine.
func (s *Server) raise(ctx context.Context, storeHash, eventScope string, value any, faults []webhook.Fault) (adminapi.Raised, error) {
	env, body, err := bigcommerce.Build(storeHash, eventScope, value, s.cfg.clock.Now())
	if err != nil {
		return adminapi.Raised{}, &RaiseError{Scope: eventScope, Field: "data", Err: err}
	}
	res, err := s.engine.Raise(ctx, webhook.Event{StoreHash: storeHash, Scope: eventScope, Body: body, Hash: env.Hash, CreatedAt: time.Unix(env.CreatedAt, 0), Faults: faults})
	if err != nil {
		return adminapi.Raised{}, fmt.Errorf("raise %s: %w", eventScope, err)
	}
	if eventScope == bigcommerce.AppUninstalled {
		s.uninstall(storeHash, res.HookIDs)
	}
	return adminapi.Raised{
		EventID: res.EventID, StoreHash: storeHash, Scope: eventScope, Hash: env.Hash,
		Payload: body, HookIDs: orEmpty(res.HookIDs), DeliveryIDs: orEmpty(res.DeliveryIDs),
	}, nil
}

// eventData invents the event's data with the caller's overrides, or takes
// data whole when it is not an object, and puts in place the state the
// event implies in the store's model (shop.Shop.Raise): after
// store/order/created the order exists, after cart/converted the cart is
// gone, and so on.
func (s *Server) eventData(storeHash, eventScope string, data any) (any, error) {
	var overrides map[string]any
	switch d := data.(type) {
	case nil:
	case map[string]any:
		overrides = d
	default:
		return data, nil
	}
	return s.shop.Raise(storeHash, eventScope, overrides, func(o map[string]any) (any, error) {
		return s.events.Data(eventScope, o)
	})
}

// raiseFired raises the events a REST write fired, in order. The model
// holds their state already, so they go straight to the engine; an event
// the engine cannot take (the server is shutting down) is logged.
func (s *Server) raiseFired(ctx context.Context, storeHash string, events []shop.Event) {
	for _, e := range events {
		if _, err := s.raise(ctx, storeHash, e.Scope, e.Data, nil); err != nil {
			s.cfg.logger.Warn("an event a write fired was not raised", "store", storeHash, "scope", e.Scope, "error", err)
		}
	}
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
