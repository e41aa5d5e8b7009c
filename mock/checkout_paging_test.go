package mock_test

import (
	"fmt"
	"net/url"
	"strings"
	"testing"
)

// checkoutRecordKeys lists a page of price records as variant/currency.
func checkoutRecordKeys(t *testing.T, page any) string {
	t.Helper()
	var keys []string
	for _, r := range data(t, page) {
		keys = append(keys, fmt.Sprintf("%d/%s", num(t, r, "variant_id"), field(t, r, "currency")))
	}
	return strings.Join(keys, " ")
}

// checkoutMetaKeys names the parts of a list's meta, sorted.
func checkoutMetaKeys(t *testing.T, page any) string {
	t.Helper()
	meta, _ := field(t, page, "meta").(map[string]any)
	switch {
	case meta["pagination"] != nil && meta["cursor_pagination"] != nil:
		return "both"
	case meta["pagination"] != nil:
		return "pagination"
	case meta["cursor_pagination"] != nil:
		return "cursor_pagination"
	}
	return "none"
}

// TestCheckoutPriceRecordsPageByCursor walks a price list's records by
// before/after, as BigCommerce documents for GET
// /pricelists/{id}/records: a cursor answers meta.cursor_pagination
// only, a page meta.pagination only, neither both.
func TestCheckoutPriceRecordsPageByCursor(t *testing.T) {
	h := newShopHarness(t)
	list := num(t, h.send("POST", v3+"/pricelists", `{"name":"Cursor"}`, 200), "data", "id")
	records := v3 + fmt.Sprintf("/pricelists/%d/records", list)
	h.send("PUT", records, `[{"variant_id":1001,"currency":"USD","price":1},{"variant_id":1001,"currency":"EUR","price":1},
		{"variant_id":1002,"currency":"USD","price":2},{"variant_id":1003,"currency":"USD","price":3},{"variant_id":1004,"currency":"USD","price":4}]`, 200)

	first := h.get(records+"?limit=2", 200)
	if got := checkoutRecordKeys(t, first); got != "1001/eur 1001/usd" {
		t.Fatalf("first page = %s", got)
	}
	next, _ := field(t, first, "meta", "cursor_pagination", "links", "next").(string)
	if next == "" {
		t.Fatalf("no next cursor link: %v", field(t, first, "meta"))
	}
	second := h.get(records+next, 200)
	if got := checkoutRecordKeys(t, second); got != "1002/usd 1003/usd" {
		t.Errorf("after the first page = %s, want 1002/usd 1003/usd", got)
	}
	prev, _ := field(t, second, "meta", "cursor_pagination", "links", "previous").(string)
	if got := checkoutRecordKeys(t, h.get(records+prev, 200)); got != "1001/eur 1001/usd" {
		t.Errorf("before the second page = %s", got)
	}
	end := field(t, second, "meta", "cursor_pagination", "end_cursor").(string)
	last := h.get(records+"?limit=2&after="+url.QueryEscape(end), 200)
	if got := checkoutRecordKeys(t, last); got != "1004/usd" || field(t, last, "meta", "cursor_pagination", "links", "next") != nil {
		t.Errorf("last page = %s %v", got, field(t, last, "meta"))
	}
	// A cursor whose record is deleted still places itself.
	h.send("DELETE", records+"?variant_id:in=1003", "", 204)
	if got := checkoutRecordKeys(t, h.get(records+"?limit=2&after="+url.QueryEscape(end), 200)); got != "1004/usd" {
		t.Errorf("after a deleted record's cursor = %s, want 1004/usd", got)
	}

	smallCursorRules(t, h, records, end)
}

// TestCheckoutCustomersPageAnswersPaginationOnly: the customers list
// follows the same rule (its one helper with the records).
func TestCheckoutCustomersPageAnswersPaginationOnly(t *testing.T) {
	h := newStoreHarness(t)
	h.send("POST", v3+"/customers", `[{"email":"a@example.com","first_name":"A","last_name":"A"},{"email":"b@example.com","first_name":"B","last_name":"B"}]`, 200)
	for query, want := range map[string]string{"?limit=1": "both", "?page=2&limit=1": "pagination"} {
		if got := checkoutMetaKeys(t, h.get(v3+"/customers"+query, 200)); got != want {
			t.Errorf("GET /customers%s meta = %s, want %s", query, got, want)
		}
	}
}
