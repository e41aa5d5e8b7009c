package mock_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// smallNames lists the names of a page's items.
func smallNames(t *testing.T, page any) string {
	t.Helper()
	var names []string
	for _, l := range data(t, page) {
		names = append(names, field(t, l, "name").(string))
	}
	return strings.Join(names, " ")
}

// TestSmallPriceListsPageByCursor walks GET /v3/pricelists by before and
// after, as BigCommerce documents it: a cursor answers
// meta.cursor_pagination only, a page meta.pagination only, neither
// both; the links keep the filters.
func TestSmallPriceListsPageByCursor(t *testing.T) {
	h := newShopHarness(t)
	ids := map[string]int{}
	for _, name := range []string{"SmallA", "SmallB", "SmallC", "SmallD", "SmallE"} {
		ids[name] = num(t, h.send("POST", v3+"/pricelists", fmt.Sprintf(`{"name":%q}`, name), 200), "data", "id")
	}
	lists := v3 + "/pricelists"
	first := h.get(lists+"?name:like=small&limit=2", 200)
	if got := smallNames(t, first); got != "SmallA SmallB" {
		t.Fatalf("first page = %s", got)
	}
	next, _ := field(t, first, "meta", "cursor_pagination", "links", "next").(string)
	if !strings.Contains(next, "name%3Alike=small") {
		t.Fatalf("next link %q does not keep the filter", next)
	}
	second := h.get(lists+next, 200)
	if got := smallNames(t, second); got != "SmallC SmallD" {
		t.Errorf("after the first page = %s, want SmallC SmallD", got)
	}
	prev, _ := field(t, second, "meta", "cursor_pagination", "links", "previous").(string)
	if got := smallNames(t, h.get(lists+prev, 200)); got != "SmallA SmallB" {
		t.Errorf("before the second page = %s", got)
	}
	end := field(t, second, "meta", "cursor_pagination", "end_cursor").(string)
	last := h.get(lists+"?name:like=small&limit=2&after="+url.QueryEscape(end), 200)
	if got := smallNames(t, last); got != "SmallE" || field(t, last, "meta", "cursor_pagination", "links", "next") != nil {
		t.Errorf("last page = %s %v", got, field(t, last, "meta"))
	}
	// A deleted list's cursor still places itself, by id.
	h.send("DELETE", lists+fmt.Sprintf("/%d", ids["SmallD"]), "", 204)
	if got := smallNames(t, h.get(lists+"?name:like=small&limit=2&after="+url.QueryEscape(end), 200)); got != "SmallE" {
		t.Errorf("after a deleted list's cursor = %s, want SmallE", got)
	}

	smallCursorRules(t, h, lists, end)
}

// smallCursorRules checks BigCommerce's meta rule on a list that pages
// by cursor (cursor is one of its cursors): a cursor answers
// meta.cursor_pagination only (page is then ignored), a page
// meta.pagination only, neither both; a customer's cursor, or a string
// that is no cursor, is refused.
func smallCursorRules(t *testing.T, h *harness, list, cursor string) {
	t.Helper()
	tests := []struct{ query, meta string }{
		{"", "both"},
		{"?limit=2", "both"},
		{"?page=1&limit=2", "pagination"},
		{"?after=" + url.QueryEscape(cursor), "cursor_pagination"},
		{"?before=" + url.QueryEscape(cursor) + "&page=3", "cursor_pagination"},
	}
	for _, tt := range tests {
		if got := checkoutMetaKeys(t, h.get(list+tt.query, 200)); got != tt.meta {
			t.Errorf("GET %s%s meta = %s, want %s", list, tt.query, got, tt.meta)
		}
	}
	h.send("POST", v3+"/customers", `[{"email":"small-cursor@example.com","first_name":"S","last_name":"M"}]`, 200)
	c := field(t, h.get(v3+"/customers?limit=1", 200), "meta", "cursor_pagination", "end_cursor").(string)
	h.get(list+"?after="+url.QueryEscape(c), 422)
	h.get(list+"?before=not-a-cursor", 422)
	h.get(list+"?after=not-a-cursor", 422)
}

// TestSmallDeleteCustomersWithoutIDs: customers.v3.yml says a DELETE
// /v3/customers without id:in answers 204 and changes nothing; a bad
// id:in is still 422.
func TestSmallDeleteCustomersWithoutIDs(t *testing.T) {
	h := newStoreHarness(t)
	h.send("POST", v3+"/customers", `[{"email":"keep1@example.com","first_name":"K","last_name":"One"},{"email":"keep2@example.com","first_name":"K","last_name":"Two"}]`, 200)
	count := func() int { return num(t, h.get(v3+"/customers?page=1", 200), "meta", "pagination", "total") }
	want := count()
	tests := []struct {
		query  string
		status int
	}{
		{"", 204},
		{"?id:in=abc", 422},
		{"?id:in=99999", 204},
	}
	for _, tt := range tests {
		h.send("DELETE", v3+"/customers"+tt.query, "", tt.status)
		if got := count(); got != want {
			t.Errorf("DELETE /customers%s left %d customers, want %d", tt.query, got, want)
		}
	}
}
