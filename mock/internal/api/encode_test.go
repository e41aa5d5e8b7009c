package api

import (
	"bytes"
	"encoding/json"
	"testing"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

func stdEncode(t testing.TB, v any) []byte {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

func TestAppendHookMatchesEncodingJSON(t *testing.T) {
	tests := map[string]bigcommerce.Hook{
		"plain":         {ID: 1, ClientID: "c", StoreHash: "abc", Scope: "store/order/*", Destination: "https://a.example/x?a=1&b=<2>", IsActive: true, CreatedAt: 1735689600, UpdatedAt: 1735689601},
		"nil headers":   {ID: 2, Headers: nil},
		"empty headers": {ID: 3, Headers: map[string]string{}},
		"many headers":  {ID: 4, Headers: map[string]string{"b": "2", "a": "1", "Authorization": "Basic \"x\"\\"}},
		"escapes":       {ID: 5, Destination: "line\nbreak\ttab\r\b\f\x00\x1f\x7f", Scope: "quote\"back\\slash"},
		"unicode":       {ID: 6, Destination: "https://例え.jp/ü", Scope: "sep\u2028\u2029"},
		"invalid utf8":  {ID: 7, Destination: "bad\xff\xfebytes", Headers: map[string]string{"k\xff": "v\xc3"}},
		"big numbers":   {ID: 1<<31 - 1, CreatedAt: -1, UpdatedAt: 1 << 40},
	}
	for name, h := range tests {
		t.Run(name, func(t *testing.T) {
			got := appendHook(nil, h)
			if want := stdEncode(t, h); !bytes.Equal(got, want) {
				t.Errorf("appendHook:\n got %s\nwant %s", got, want)
			}
		})
	}
}

func FuzzAppendString(f *testing.F) {
	for _, s := range []string{"", "plain", "\"\\\n\x00", "\u2028", "\xff", "日本"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := appendString(nil, s), stdEncode(t, s); !bytes.Equal(got, want) {
			t.Fatalf("appendString(%q) = %s, want %s", s, got, want)
		}
	})
}
