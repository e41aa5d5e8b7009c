package admin

import (
	"net/http"

	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/reqlog"
)

// requests lists the app's requests to the v2 and v3 APIs, oldest first,
// one page with BigCommerce's v3 meta.pagination.
func (a *Admin) requests(w http.ResponseWriter, r *http.Request, _ *gateway.Request) {
	q := r.URL.Query()
	f := reqlog.Filter{
		StoreHash: q.Get("store"), Operation: q.Get("operation"), Method: q.Get("method"),
		Path: q.Get("path"), Status: q.Get("status"), ClientID: q.Get("client_id"),
	}
	writePage(w, r, func(offset, limit int) ([]reqlog.Record, int) {
		return a.cfg.Requests.Records(f, reqlog.Page{Offset: offset, Limit: limit})
	}, wireRequest)
}
