// Package event builds the webhook callbacks BigCommerce POSTs to a hook's
// destination: the event-specific data of every documented event scope and
// the envelope around it, with its hash.
//
// A Generator invents realistic data for any of the 179 concrete events of
// package bigcommerce, one generator per family of bigcommerce's family
// table, from one seeded faker, so a seed gives the same sequence of
// payloads on every run. Build wraps data in the envelope
// {scope, store_id, data, hash, created_at, producer} and returns the exact
// body to send.
//
// The shapes follow the project's BigCommerce webhook reference (§3.3).
// The JSON Schemas in the module's openapi/events directory, one per family
// and named after it, describe the same shapes, and this package's tests
// check every generated payload against them.
package event
