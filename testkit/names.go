package testkit

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"testing"
)

// StoreHash returns a store hash for the test tb: ten characters, "s" and
// nine lowercase hex digits derived from tb.Name() and the labels (a
// letter first, so that no hash reads as a number such as 1234567e89 in a
// scenario file). The same test gets the same hash on every run, and
// different tests (or labels) get different ones, so parallel tests
// sharing one mock see none of each other's hooks, events or deliveries.
// Use labels for a second store in one test.
func StoreHash(tb testing.TB, labels ...string) string {
	return "s" + digest("store", tb.Name(), labels)[:9]
}

// Token returns an X-Auth-Token for the test tb, derived like StoreHash.
// On a mock without fixed accounts every token is its own API account, so
// tests sharing a mock do not share webhook limits, deliveryException hooks
// or domain blocklists either.
func Token(tb testing.TB, labels ...string) string {
	return "tok_" + digest("token", tb.Name(), labels)[:16]
}

func digest(kind, name string, labels []string) string {
	sum := sha256.Sum256([]byte(kind + "\x00" + name + "\x00" + strings.Join(labels, "\x00")))
	return hex.EncodeToString(sum[:])
}
