// Package rest serves the REST resources behind the events: the reads and
// writes an integration makes after a callback (v2 orders and their
// sub-resources, v2 store information, v3 transactions and refunds, v3
// carts and checkouts, v3 customers, addresses, stored instruments and
// subscribers, v3 channels, v3 price lists with their records and
// assignments, the v3 metafields of every resource, v3 inventory
// locations), at BigCommerce's paths, with its envelopes and quirks.
//
// Its operations join the gateway's v2 and v3 families (V2Handlers,
// V3Handlers): the gateway routes, authenticates and validates against
// the project's documents; a handler here reads or writes the store model
// (package shop) and raises the events a write fires, through Config.Raise,
// after the store's lock is released.
package rest

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// Config is what the handlers work on.
type Config struct {
	// Shop is the store model.
	Shop *shop.Shop
	// Raise raises the events a write fired, in order, through the
	// delivery engine (signed, on the retry ladder). The state is in
	// place already: Raise must not apply them to the model again.
	Raise func(ctx context.Context, storeHash string, events []shop.Event)
	// SpecValidEmptyLists answers an empty v2 list 200 [] instead of
	// BigCommerce's 204 with no body, for clients validating against
	// BigCommerce's own documents (which declare no 204 on most lists).
	SpecValidEmptyLists bool
}

// REST serves the resources. Create it with New.
type REST struct{ cfg Config }

// New returns the handlers over cfg.
func New(cfg Config) *REST { return &REST{cfg: cfg} }

// V2Handlers are the v2 operations, by operationId.
func (r *REST) V2Handlers() map[string]gateway.Handler {
	h := map[string]gateway.Handler{}
	r.addOrdersV2(h)
	r.addStoreV2(h)
	return h
}

// V3Handlers are the v3 operations, by operationId.
func (r *REST) V3Handlers() map[string]gateway.Handler {
	h := map[string]gateway.Handler{}
	r.addPaymentsV3(h)
	r.addCartsV3(h)
	r.addCustomersV3(h)
	r.addChannelsV3(h)
	r.addCatalogV3(h)
	r.addInventoryV3(h)
	r.addPriceListsV3(h)
	r.addMetafieldsV3(h)
	r.addLocationsV3(h)
	return h
}

// storeHash is the request's store.
func storeHash(in *gateway.Request) string { return in.Param("store_hash") }

// readOrBlank runs fn on the store's model under its lock; a store that
// holds nothing yet reads as a blank one (its default channel and
// location exist all the same).
func (r *REST) readOrBlank(in *gateway.Request, fn func(st *shop.Store)) {
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st == nil {
			st = r.cfg.Shop.Blank(storeHash(in))
		}
		fn(st)
	})
}

// write runs fn on the store's model, then raises what it fired. It
// reports whether fn succeeded; on failure it has answered the error.
func (r *REST) write(w http.ResponseWriter, req *http.Request, in *gateway.Request, fn func(st *shop.Store) ([]shop.Event, error)) bool {
	return r.writeAs(w, req, in, modelError, fn)
}

// writeRendered runs a model write as write does and answers status with
// render's wire form of what the write made (under the store's lock): the
// one path of the writes that answer a body.
func writeRendered[T, W any](r *REST, w http.ResponseWriter, req *http.Request, in *gateway.Request, status int,
	fn func(st *shop.Store) (T, []shop.Event, error), render func(st *shop.Store, made T) W) {
	var out W
	if r.write(w, req, in, func(st *shop.Store) ([]shop.Event, error) {
		made, events, err := fn(st)
		if err == nil {
			out = render(st, made)
		}
		return events, err
	}) {
		in.JSON(w, status, out)
	}
}

// writeAs is write with the errors mapped by answer rather than
// modelError (an API whose 404 has its own words).
func (r *REST) writeAs(w http.ResponseWriter, req *http.Request, in *gateway.Request, answer func(error) gateway.Error, fn func(st *shop.Store) ([]shop.Event, error)) bool {
	hash := storeHash(in)
	events, err := r.cfg.Shop.Write(hash, fn)
	if err != nil {
		in.Error(w, answer(err))
		return false
	}
	if len(events) > 0 && r.cfg.Raise != nil {
		r.cfg.Raise(req.Context(), hash, events)
	}
	return true
}

// modelError maps a model error to BigCommerce's answer: 404 for what is
// not there, 422 for a rule broken, 409 for a limit reached or an input
// at odds with the store. The errors are keyed by the field the model
// names (errorField).
func modelError(err error) gateway.Error {
	switch {
	case errors.Is(err, shop.ErrNotFound):
		return gateway.Error{Status: http.StatusNotFound, Title: "The requested resource was not found.", Detail: err.Error()}
	case errors.Is(err, shop.ErrFull):
		return gateway.Error{Status: http.StatusConflict, Title: "bcmock keeps no more of these", Detail: err.Error(), Fields: map[string]string{"limit": err.Error()}}
	case errors.Is(err, shop.ErrConflict):
		return gateway.Error{Status: http.StatusConflict, Title: "The request conflicts with the store's data.", Detail: err.Error(), Fields: map[string]string{errorField(err, shop.ErrConflict): err.Error()}}
	}
	return gateway.Error{Status: http.StatusUnprocessableEntity, Title: "The request is invalid.", Detail: err.Error(), Fields: map[string]string{errorField(err, shop.ErrInvalid): err.Error()}}
}

// errorField is the field a model error names, as BigCommerce keys its
// errors: "variants[0]: invalid: sku: required" is variants[0].sku, and
// "invalid: name: required" is name. An error that names no field is
// keyed "body".
func errorField(err error, sentinel error) string {
	msg := err.Error()
	before, after, found := strings.Cut(msg, sentinel.Error()+": ")
	if !found {
		return "body"
	}
	name, _, named := strings.Cut(after, ": ")
	if !named || name == "" || strings.ContainsAny(name, " ,\"'") {
		return "body"
	}
	path := strings.TrimSuffix(strings.ReplaceAll(before, ": ", "."), ".")
	if path == "" {
		return name
	}
	return path + "." + name
}

// intParam reads a path parameter the documents type as an integer.
func intParam(in *gateway.Request, name string) int {
	n, _ := strconv.Atoi(in.Param(name))
	return n
}
