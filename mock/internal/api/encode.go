package api

import (
	"net/http"
	"slices"
	"strconv"
	"sync"
	"unicode/utf8"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/store"
)

// Hooks are the bulk of every response, so they are encoded by hand:
// reflection-based encoding/json was 40 % of a 50-hook list's server time.
// TestAppendHookMatchesEncodingJSON keeps this byte-for-byte identical to
// encoding/json (with HTML escaping off).

// appendHook appends h as JSON, fields in the order of bigcommerce.Hook.
func appendHook(b []byte, h bigcommerce.Hook) []byte {
	b = append(b, `{"id":`...)
	b = strconv.AppendInt(b, int64(h.ID), 10)
	b = append(b, `,"client_id":`...)
	b = appendString(b, h.ClientID)
	b = append(b, `,"store_hash":`...)
	b = appendString(b, h.StoreHash)
	b = append(b, `,"scope":`...)
	b = appendString(b, h.Scope)
	b = append(b, `,"destination":`...)
	b = appendString(b, h.Destination)
	b = append(b, `,"is_active":`...)
	b = strconv.AppendBool(b, h.IsActive)
	b = append(b, `,"headers":`...)
	b = appendHeaders(b, h.Headers)
	b = append(b, `,"created_at":`...)
	b = strconv.AppendInt(b, h.CreatedAt, 10)
	b = append(b, `,"updated_at":`...)
	b = strconv.AppendInt(b, h.UpdatedAt, 10)
	return append(b, '}')
}

// appendHeaders appends a string map with sorted keys, or null for nil.
func appendHeaders(b []byte, m map[string]string) []byte {
	if m == nil {
		return append(b, "null"...)
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	b = append(b, '{')
	for i, k := range keys {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendString(b, k)
		b = append(b, ':')
		b = appendString(b, m[k])
	}
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// plain marks the ASCII bytes a JSON string holds as they are.
var plain = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendString appends s as a JSON string the way encoding/json does with
// HTML escaping off: invalid UTF-8 becomes U+FFFD, and U+2028/U+2029 are escaped.
func appendString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if plain[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

// writeHook answers {"data": hook, "meta": {}}.
func writeHook(w http.ResponseWriter, h bigcommerce.Hook) {
	b := make([]byte, 0, 512)
	b = append(b, `{"data":`...)
	b = appendHook(b, h)
	b = append(b, `,"meta":{}}`...)
	writeRaw(w, http.StatusOK, append(b, '\n'))
}

// hookList encodes a list of hooks as they are visited: a bare array (v2)
// or {"data": [...], "meta": {pagination}} (v3). Call write exactly once.
type hookList struct {
	buf   *[]byte
	b     []byte
	count int
}

func newHookList(envelope bool) *hookList {
	buf := bufPool.Get().(*[]byte)
	l := &hookList{buf: buf, b: (*buf)[:0]}
	if envelope {
		l.b = append(l.b, `{"data":`...)
	}
	l.b = append(l.b, '[')
	return l
}

// add appends one hook.
func (l *hookList) add(h store.Hook) {
	if l.count > 0 {
		l.b = append(l.b, ',')
	}
	l.b = appendHook(l.b, toJSON(h))
	l.count++
}

// write closes the list, adds the pagination meta when p is not nil (v3),
// answers 200 and recycles the buffer.
func (l *hookList) write(w http.ResponseWriter, p *bigcommerce.Pagination) {
	defer l.release()
	l.b = append(l.b, ']')
	if p != nil {
		meta, err := bigcommerce.Marshal(listMeta{Pagination: *p})
		if err != nil {
			gateway.WriteInternal(w, "bcmock could not encode its response", map[string]string{"encode": err.Error()})
			return
		}
		l.b = append(l.b, `,"meta":`...)
		l.b = append(l.b, meta...)
		l.b = append(l.b, '}')
	}
	l.b = append(l.b, '\n')
	writeRaw(w, http.StatusOK, l.b)
}

func (l *hookList) release() {
	if cap(l.b) <= maxPooledBuffer {
		*l.buf = l.b
		bufPool.Put(l.buf)
	}
}

// bufPool recycles list response buffers; ResponseWriter.Write copies or
// sends the bytes before returning, so a buffer is free once written.
var bufPool = sync.Pool{New: func() any { b := make([]byte, 0, 16<<10); return &b }}

// maxPooledBuffer keeps one huge response from pinning its buffer forever.
const maxPooledBuffer = 1 << 20
