package rest

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// Cursor paging (reference §4): the lists that take before/after as well
// as page/limit (customers, a price list's records) page through
// pageByCursor. BigCommerce's rule for the meta: a before or after
// cursor answers meta.cursor_pagination only, a page answers
// meta.pagination only, and neither (a limit at most) answers both.

// cursorPagination is meta.cursor_pagination.
type cursorPagination struct {
	Count       int         `json:"count"`
	PerPage     int         `json:"per_page"`
	StartCursor string      `json:"start_cursor,omitempty"`
	EndCursor   string      `json:"end_cursor,omitempty"`
	Links       cursorLinks `json:"links"`
}

type cursorLinks struct {
	Previous string `json:"previous,omitempty"`
	Next     string `json:"next,omitempty"`
}

// cursorOrder is what pageByCursor needs to know of a list: kind names
// it in its cursors (a cursor of one list is not one of another), key is
// an item's place, and past, when the list is in its natural order,
// says whether an item lies after a key; it places a cursor whose item
// is gone. A nil past refuses such a cursor (the list is sorted some
// other way, so the gone item has no place in it).
type cursorOrder[M any] struct {
	kind string
	key  func(M) string
	past func(item M, key string) bool
}

// idOrder is the cursor order of a list by id, ascending (customers,
// price lists): a gone item's cursor places itself by its id.
func idOrder[M any](kind string, id func(M) int) cursorOrder[M] {
	return cursorOrder[M]{
		kind: kind,
		key:  func(m M) string { return strconv.Itoa(id(m)) },
		past: func(m M, key string) bool {
			k, err := strconv.Atoi(key)
			return err == nil && id(m) > k
		},
	}
}

// A cursor names the item it is at: opaque to clients, as BigCommerce's
// are, and stable while that item exists.
func (o cursorOrder[M]) cursor(m M) string {
	return base64.RawURLEncoding.EncodeToString([]byte(o.kind + ":" + o.key(m)))
}

func (o cursorOrder[M]) keyOf(c string) (string, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", false
	}
	return strings.CutPrefix(string(raw), o.kind+":")
}

// pageByCursor converts the page of all the query asks for, by cursor
// (before, after) or by page, with the meta BigCommerce answers for it.
func pageByCursor[M, J any](q url.Values, all []M, o cursorOrder[M], conv func(M) J) (listBody[J], *gateway.Error) {
	var body listBody[J]
	p := bigcommerce.PageOf(q)
	cursor := q.Get("before") != "" || q.Get("after") != ""
	lo, hi := pageBounds(q, len(all))
	if cursor {
		var e *gateway.Error
		if lo, hi, e = cursorWindow(all, q, p.Limit, o); e != nil {
			return body, e
		}
	} else {
		pg := bigcommerce.Paginate(q, len(all), hi-lo, p)
		body.Meta.Pagination = &pg
	}
	if cursor || q.Get("page") == "" {
		body.Meta.CursorPagination = cursorMeta(q, all, lo, hi, p.Limit, o)
	}
	body.Data = make([]J, 0, hi-lo)
	for _, m := range all[lo:hi] {
		body.Data = append(body.Data, conv(m))
	}
	return body, nil
}

// answerCursorList answers the query's page of the store's list, by
// page or by cursor (no store yet: an empty list).
func answerCursorList[M, J any](r *REST, w http.ResponseWriter, q url.Values, in *gateway.Request,
	list func(st *shop.Store) []M, o cursorOrder[M], conv func(M) J) {
	var body listBody[J]
	var e *gateway.Error
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		var all []M
		if st != nil {
			all = list(st)
		}
		body, e = pageByCursor(q, all, o, conv)
	})
	if e != nil {
		in.Error(w, *e)
		return
	}
	gateway.WriteJSON(w, http.StatusOK, body)
}

// cursorWindow returns the bounds [lo, hi) of the page before or after
// the cursor's item in list. A cursor whose item is gone still places
// itself in a list in its natural order; in another order it is refused.
func cursorWindow[M any](list []M, q url.Values, limit int, o cursorOrder[M]) (lo, hi int, e *gateway.Error) {
	key, c := "after", q.Get("after")
	if c == "" {
		key, c = "before", q.Get("before")
	}
	k, ok := o.keyOf(c)
	if !ok {
		err := invalidQuery(key, "is not a cursor of this list")
		return 0, 0, &err
	}
	at := slices.IndexFunc(list, func(m M) bool { return o.key(m) == k })
	if at < 0 {
		if o.past == nil {
			err := invalidQuery(key, "names an item that is gone; start again without a cursor")
			return 0, 0, &err
		}
		// in the natural order: the first item past the cursor's key
		at = slices.IndexFunc(list, func(m M) bool { return o.past(m, k) })
		if at < 0 {
			at = len(list)
		}
		if key == "after" {
			at-- // the page starts at the item past the cursor
		}
	}
	if key == "after" {
		lo = at + 1
		return lo, min(lo+limit, len(list)), nil
	}
	return max(0, at-limit), at, nil
}

// cursorMeta builds meta.cursor_pagination for list[lo:hi]; its links
// keep the query's filters.
func cursorMeta[M any](q url.Values, list []M, lo, hi, limit int, o cursorOrder[M]) *cursorPagination {
	out := &cursorPagination{Count: hi - lo, PerPage: limit}
	link := func(key string, m M) string {
		v := url.Values{}
		for k, vals := range q {
			if k != "page" && k != "before" && k != "after" {
				v[k] = vals
			}
		}
		v.Set(key, o.cursor(m))
		v.Set("limit", strconv.Itoa(limit))
		return "?" + v.Encode()
	}
	if hi > lo {
		out.StartCursor, out.EndCursor = o.cursor(list[lo]), o.cursor(list[hi-1])
		if lo > 0 {
			out.Links.Previous = link("before", list[lo])
		}
		if hi < len(list) {
			out.Links.Next = link("after", list[hi-1])
		}
	}
	return out
}
