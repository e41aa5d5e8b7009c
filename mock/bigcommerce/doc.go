// Package bigcommerce holds BigCommerce's facts, each in one place: the
// webhook scopes, their families of data shapes and how a subscription
// matches an event; the callback envelope and its hash; the signature
// scheme; the retry ladder and the one duration rule; delivery outcomes
// and deliveryException codes; and the rule for production destinations
// and their origins.
//
// It is the bottom of bcmock's import graph: it imports nothing of the
// module, so the server, the scenario format, the test receiver and the
// control API's client can all share one definition of each fact. A fact
// that changes (a new scope, another delay on the ladder) changes here
// and nowhere else.
package bigcommerce
