package mock_test

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"
)

// page is a decoded v3-style list page.
type page struct {
	Data []map[string]any `json:"data"`
	Meta struct {
		Pagination struct {
			Total       int `json:"total"`
			Count       int `json:"count"`
			PerPage     int `json:"per_page"`
			CurrentPage int `json:"current_page"`
			TotalPages  int `json:"total_pages"`
		} `json:"pagination"`
	} `json:"meta"`
}

func decodePage(t *testing.T, r response) page {
	t.Helper()
	expect(t, r, http.StatusOK)
	var p page
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestControlListsArePaged(t *testing.T) {
	h := newHarness(t)
	for range 120 {
		expect(t, h.do(req{method: "POST", path: "/__bcmock/stores/abc123/events", body: `{"scope":"store/order/created"}`}), http.StatusCreated)
	}
	tests := []struct {
		query               string
		count, page, perPag int
		total, pages        int
	}{
		{"", 50, 1, 50, 120, 3},
		{"?page=3", 20, 3, 50, 120, 3},
		{"?limit=250", 120, 1, 250, 120, 1},
		{"?limit=64&page=288230376151711745", 0, 288230376151711745, 64, 120, 2},
	}
	for _, tc := range tests {
		t.Run(tc.query, func(t *testing.T) {
			p := decodePage(t, h.do(req{method: "GET", path: "/__bcmock/events" + tc.query}))
			pg := p.Meta.Pagination
			if len(p.Data) != tc.count || pg.Count != tc.count || pg.Total != tc.total || pg.TotalPages != tc.pages || pg.PerPage != tc.perPag || pg.CurrentPage != tc.page {
				t.Errorf("got %d records, pagination %+v", len(p.Data), pg)
			}
		})
	}
	expect(t, h.do(req{method: "GET", path: "/__bcmock/events?limit=251"}), http.StatusUnprocessableEntity)
}

func TestHookListPageOverflowIsEmpty(t *testing.T) {
	h := newHarness(t)
	h.create(tokenA, "abc123", "store/order/created", "https://a.example/x")
	p := decodePage(t, h.do(req{method: "GET", path: "/stores/abc123/v3/hooks?limit=64&page=288230376151711745", token: tokenA}))
	if len(p.Data) != 0 || p.Meta.Pagination.Total != 1 {
		t.Errorf("an overflowing page answered %d hooks (total %d), want none of 1", len(p.Data), p.Meta.Pagination.Total)
	}
}

// TestLinksAreEncodedOneWay checks every answer encodes "&" in pagination
// links the same way, literally: lists and /hooks/admin alike.
func TestLinksAreEncodedOneWay(t *testing.T) {
	h := newHarness(t)
	h.create(tokenA, "abc123", "store/order/created", "https://a.example/x")
	for _, path := range []string{
		"/stores/abc123/v3/hooks?scope=store/order/created&limit=1",
		"/stores/abc123/v3/hooks/admin",
		"/__bcmock/events?store=abc123&limit=1",
	} {
		res := h.do(req{method: "GET", path: path, token: tokenA})
		expect(t, res, http.StatusOK)
		if strings.Contains(string(res.body), `\u0026`) || !strings.Contains(string(res.body), `&page=1`) {
			t.Errorf("GET %s: links not written with a literal &:\n%s", path, res.body)
		}
	}
}
