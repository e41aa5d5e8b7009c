package bigcommerce_test

import (
	"bytes"
	"crypto/sha1"
	"encoding/hex"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

var created = time.Unix(1561479335, 0)

func TestStoreID(t *testing.T) {
	digits := regexp.MustCompile(`^[1-9][0-9]{6,9}$`)
	seen := map[string]string{}
	for _, h := range []string{"abc123", "abcde", "z", "store-1", "ABC123", "a1b2c3d4e5", strings.Repeat("x", 64)} {
		id := bigcommerce.StoreID(h)
		if !digits.MatchString(id) {
			t.Errorf("StoreID(%q) = %q, want 7 to 10 digits", h, id)
		}
		if again := bigcommerce.StoreID(h); again != id {
			t.Errorf("StoreID(%q) not stable: %q then %q", h, id, again)
		}
		if other, dup := seen[id]; dup {
			t.Errorf("StoreID(%q) = StoreID(%q) = %q", h, other, id)
		}
		seen[id] = h
	}
	// Pinned: scenario files and golden bodies depend on the derivation.
	if got := bigcommerce.StoreID("abc123"); got != "7362735397" {
		t.Errorf("StoreID(abc123) = %q, want 7362735397", got)
	}
}

func TestBuildEnvelope(t *testing.T) {
	data := map[string]any{"type": "order", "id": 250}
	env, body, err := bigcommerce.Build("abc123", "store/order/created", data, created)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"scope":"store/order/created","store_id":"` + bigcommerce.StoreID("abc123") +
		`","data":{"id":250,"type":"order"},"hash":"` + env.Hash +
		`","created_at":1561479335,"producer":"stores/abc123"}`
	if string(body) != want {
		t.Fatalf("body =\n%s\nwant\n%s", body, want)
	}
	in := `{"scope":"store/order/created","store_id":"` + bigcommerce.StoreID("abc123") +
		`","data":{"id":250,"type":"order"},"created_at":1561479335,"producer":"stores/abc123"}`
	sum := sha1.Sum([]byte(in))
	if env.Hash != hex.EncodeToString(sum[:]) {
		t.Errorf("hash = %s, want SHA-1 of %s", env.Hash, in)
	}
	var decoded bigcommerce.Envelope
	if err := json.Unmarshal(body, &decoded); err != nil {
		t.Fatal(err)
	}
	if decoded.Hash != env.Hash || decoded.Scope != env.Scope || decoded.CreatedAt != 1561479335 || decoded.Producer != "stores/abc123" {
		t.Errorf("decoded envelope %+v differs from %+v", decoded, env)
	}
}

func TestBuildIsStable(t *testing.T) {
	data := map[string]any{"type": "cart", "id": "09346904-4175-44fd-be53-f7e598531b6c", "z": 1, "a": 2}
	_, first, err := bigcommerce.Build("abc123", "store/cart/created", data, created)
	if err != nil {
		t.Fatal(err)
	}
	for range 20 {
		_, again, err := bigcommerce.Build("abc123", "store/cart/created", data, created)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(first, again) {
			t.Fatalf("bodies differ:\n%s\n%s", first, again)
		}
	}
}

func TestHashChangesWithInput(t *testing.T) {
	base := func() (string, string, any, time.Time) {
		return "abc123", "store/order/created", map[string]any{"type": "order", "id": 250}, created
	}
	hash := func(h, s string, d any, at time.Time) string {
		env, _, err := bigcommerce.Build(h, s, d, at)
		if err != nil {
			t.Fatal(err)
		}
		return env.Hash
	}
	ref := hash(base())
	tests := map[string]func() (string, string, any, time.Time){
		"data": func() (string, string, any, time.Time) {
			h, s, _, at := base()
			return h, s, map[string]any{"type": "order", "id": 251}, at
		},
		"scope": func() (string, string, any, time.Time) {
			h, _, d, at := base()
			return h, "store/order/updated", d, at
		},
		"store": func() (string, string, any, time.Time) {
			_, s, d, at := base()
			return "def456", s, d, at
		},
		"time": func() (string, string, any, time.Time) {
			h, s, d, at := base()
			return h, s, d, at.Add(time.Second)
		},
	}
	for name, args := range tests {
		if got := hash(args()); got == ref {
			t.Errorf("changing %s kept hash %s", name, got)
		}
	}
	// Sub-second differences are truncated, like created_at.
	h, s, d, at := base()
	if got := hash(h, s, d, at.Add(300*time.Millisecond)); got != ref {
		t.Errorf("sub-second change altered the hash")
	}
}

func TestBuildArrayDataAndEscaping(t *testing.T) {
	recs := []any{map[string]any{"price_list_id": 1, "variant_id": 179, "currency": "USD"}}
	_, body, err := bigcommerce.Build("abc123", "store/priceList/records/created", recs, created)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(body, []byte(`"data":[{"currency":"USD","price_list_id":1,"variant_id":179}]`)) {
		t.Errorf("array data not kept: %s", body)
	}
	_, body, err = bigcommerce.Build("abc123", "store/redirects/updated", map[string]any{"to": map[string]any{"url": "/a?b=1&c=<2>"}}, created)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(body, []byte(`"/a?b=1&c=<2>"`)) {
		t.Errorf("body is HTML-escaped: %s", body)
	}
}

func TestBuildChannelScope(t *testing.T) {
	env, _, err := bigcommerce.Build("abc123", "store/channel/3/order/created", map[string]any{"order_id": 1}, created)
	if err != nil || env.Scope != "store/channel/3/order/created" {
		t.Fatalf("Build = %+v, %v", env, err)
	}
}

func TestBuildErrors(t *testing.T) {
	tests := []struct {
		name, hash, scope string
		data              any
		at                time.Time
		want              error  // nil: only check contains
		contains          string // in the message
	}{
		{"empty store hash", "", "store/order/created", 1, created, nil, "empty store hash"},
		{"bad store hash", "abc/123", "store/order/created", 1, created, nil, "only letters"},
		{"zero time", "abc123", "store/order/created", 1, time.Time{}, nil, "zero time"},
		{"bad data", "abc123", "store/order/created", map[string]any{"f": func() {}}, created, nil, "marshal data"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, body, err := bigcommerce.Build(tt.hash, tt.scope, tt.data, tt.at)
			if err == nil || !strings.Contains(err.Error(), tt.contains) || (tt.want != nil && !errors.Is(err, tt.want)) {
				t.Fatalf("error = %v, want %v containing %q", err, tt.want, tt.contains)
			}
			if body != nil {
				t.Errorf("body = %s on error", body)
			}
		})
	}
}

func TestEnvelopeFieldOrder(t *testing.T) {
	b, err := json.Marshal(bigcommerce.Envelope{
		Scope: "s", StoreID: "1", Data: json.RawMessage(`{}`), Hash: "h", CreatedAt: 2, Producer: "p",
	})
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"scope":"s","store_id":"1","data":{},"hash":"h","created_at":2,"producer":"p"}`
	if string(b) != want {
		t.Errorf("Envelope marshals as %s, want %s", b, want)
	}
}
