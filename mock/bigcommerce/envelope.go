package bigcommerce

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash/fnv"
	"strconv"
	"time"
)

// Envelope is the JSON body BigCommerce POSTs to a hook's destination for
// every event. Its fields marshal in the order scope, store_id, data, hash,
// created_at, producer.
type Envelope struct {
	// Scope is the concrete event, e.g. "store/channel/1/order/updated".
	Scope string `json:"scope"`
	// StoreID is the numeric store id as a string; see StoreID.
	StoreID string `json:"store_id"`
	// Data is the event's data as compact JSON: an object, or an array for
	// store/priceList/records/*.
	Data json.RawMessage `json:"data"`
	// Hash is the lowercase hex SHA-1 fingerprint of the event; see Build.
	Hash string `json:"hash"`
	// CreatedAt is the event time in Unix seconds.
	CreatedAt int64 `json:"created_at"`
	// Producer is "stores/{store_hash}".
	Producer string `json:"producer"`
}

// hashInput is the envelope without its hash, in the order hashed.
type hashInput struct {
	Scope     string          `json:"scope"`
	StoreID   string          `json:"store_id"`
	Data      json.RawMessage `json:"data"`
	CreatedAt int64           `json:"created_at"`
	Producer  string          `json:"producer"`
}

// storeIDBase and storeIDSpan keep store ids between 1,000,000 and
// 9,999,999,999: 7 to 10 digits, like BigCommerce's.
const (
	storeIDBase = 1_000_000
	storeIDSpan = 10_000_000_000 - storeIDBase
)

// StoreID returns the numeric store id, as a decimal string, that the mock
// gives the store with hash storeHash. BigCommerce assigns store ids
// itself; the mock derives one so that it is stable across runs:
// 1,000,000 + FNV-1a-64(storeHash) mod 9,999,000,000, which has 7 to 10
// digits (most often 10).
func StoreID(storeHash string) string {
	h := fnv.New64a()
	h.Write([]byte(storeHash))
	return strconv.FormatUint(storeIDBase+h.Sum64()%storeIDSpan, 10)
}

// Build returns the callback for one event: the Envelope, and the compact
// JSON body to POST. The same arguments always give the same hash and a
// byte-identical body.
//
// eventScope should be a concrete documented event; Build does not look it
// up (the caller has, once, with CheckEvent), so a test may build a
// callback for a scope BigCommerce does not have.
// data is marshalled with encoding/json (maps in sorted key order) and
// without HTML escaping; Build does not check it against the event's shape,
// so tests may send malformed data on purpose. createdAt is truncated to
// whole seconds and must not be the zero time.
//
// The hash is the lowercase hex SHA-1 of the compact JSON of
// {scope, store_id, data, created_at, producer}, in that order: the
// envelope without its hash. BigCommerce documents the hash only as a SHA-1
// of the JSON-encoded payload; the exact bytes it hashes are unknown, so a
// receiver must treat the hash as an opaque duplicate-detection key.
// Retries of one event must reuse its body, and so its hash.
func Build(storeHash, eventScope string, data any, createdAt time.Time) (Envelope, []byte, error) {
	if err := checkBuild(storeHash, eventScope, createdAt); err != nil {
		return Envelope{}, nil, err
	}
	raw, err := Marshal(data)
	if err != nil {
		return Envelope{}, nil, fmt.Errorf("envelope: marshal data of %s: %w", eventScope, err)
	}
	env := Envelope{
		Scope:     eventScope,
		StoreID:   StoreID(storeHash),
		Data:      raw,
		CreatedAt: createdAt.Unix(),
		Producer:  "stores/" + storeHash,
	}
	in, err := Marshal(hashInput{env.Scope, env.StoreID, env.Data, env.CreatedAt, env.Producer})
	if err != nil {
		return Envelope{}, nil, fmt.Errorf("envelope: marshal envelope: %w", err)
	}
	sum := sha1.Sum(in)
	env.Hash = hex.EncodeToString(sum[:])
	body, err := Marshal(env)
	if err != nil {
		return Envelope{}, nil, fmt.Errorf("envelope: marshal envelope: %w", err)
	}
	return env, body, nil
}

// checkBuild validates the arguments of Build other than data.
func checkBuild(storeHash, eventScope string, createdAt time.Time) error {
	if err := checkStoreHash(storeHash); err != nil {
		return err
	}
	if eventScope == "" {
		return errors.New("envelope: empty scope")
	}
	if createdAt.IsZero() {
		return errors.New("envelope: created_at is the zero time")
	}
	return nil
}

// checkStoreHash accepts the letters, digits, '-' and '_' of store hashes
// such as "abc123".
func checkStoreHash(storeHash string) error {
	if storeHash == "" {
		return errors.New("envelope: empty store hash")
	}
	if !ValidStoreHash(storeHash) {
		return fmt.Errorf("envelope: store hash %q: only letters, digits, '-' and '_' are allowed", storeHash)
	}
	return nil
}

// marshal encodes v as compact JSON without HTML escaping and without the
// trailing newline of json.Encoder.
func Marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n")), nil
}
