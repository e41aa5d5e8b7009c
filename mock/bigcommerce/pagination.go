package bigcommerce

import (
	"math"
	"net/url"
	"strconv"
)

// Paging defaults of BigCommerce's v3 lists: 50 items a page, 250 at most.
// BigCommerce documents neither for GET /hooks; these are its other v3
// APIs' values.
const (
	DefaultLimit = 50
	MaxLimit     = 250
)

// Pagination is the meta.pagination object of BigCommerce's v3 lists.
type Pagination struct {
	Total       int   `json:"total"`
	Count       int   `json:"count"`
	PerPage     int   `json:"per_page"`
	CurrentPage int   `json:"current_page"`
	TotalPages  int   `json:"total_pages"`
	Links       Links `json:"links"`
}

// Links are the query strings of the previous, current and next pages.
type Links struct {
	Previous string `json:"previous,omitempty"`
	Current  string `json:"current"`
	Next     string `json:"next,omitempty"`
}

// Page is one page of a list: 1-based page number and page size.
type Page struct{ Number, Limit int }

// Offset returns how many items come before the page. A page so far out
// that the offset overflows lies past every list, so it gets math.MaxInt,
// never a wrapped-around small offset that would answer page 1.
func (p Page) Offset() int {
	if p.Number < 1 || p.Limit < 1 {
		return 0
	}
	if p.Number-1 > math.MaxInt/p.Limit {
		return math.MaxInt
	}
	return (p.Number - 1) * p.Limit
}

// PageOf reads page and limit from a validated query, with the defaults
// for what is absent or not positive.
func PageOf(q url.Values) Page {
	return Page{Number: positive(q.Get("page"), 1), Limit: positive(q.Get("limit"), DefaultLimit)}
}

func positive(v string, def int) int {
	if n, err := strconv.Atoi(v); err == nil && n > 0 {
		return n
	}
	return def
}

// Paginate builds meta.pagination for page p of a list of total items of
// which count are on the page. Links are query strings that keep the
// request's filters q, so following "next" walks the same filtered list.
func Paginate(q url.Values, total, count int, p Page) Pagination {
	pages := (total + p.Limit - 1) / p.Limit
	link := func(n int) string {
		v := url.Values{}
		for k, vals := range q {
			v[k] = vals
		}
		v.Set("page", strconv.Itoa(n))
		v.Set("limit", strconv.Itoa(p.Limit))
		return "?" + v.Encode()
	}
	out := Pagination{Total: total, Count: count, PerPage: p.Limit, CurrentPage: p.Number, TotalPages: pages, Links: Links{Current: link(p.Number)}}
	if p.Number > 1 {
		out.Links.Previous = link(min(p.Number-1, max(pages, 1)))
	}
	if p.Number < pages {
		out.Links.Next = link(p.Number + 1)
	}
	return out
}
