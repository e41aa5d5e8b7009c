package mock_test

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/internal/store"
)

// FuzzControl sends arbitrary requests to the control API as raw request
// lines, so percent-encoded and dot segments reach the server as a client
// wrote them, not as URL.Path would hold them. The mock must never panic,
// answer 5xx or redirect, and never lose the hooks stored in another store
// except through a reset of it.
func FuzzControl(f *testing.F) {
	seeds := []struct{ method, target, body, contentType string }{
		{"GET", "/__bcmock/health", "", ""},
		{"POST", "/__bcmock/stores/abc/events", `{"scope":"store/order/created","data":{"id":250}}`, "application/json"},
		{"POST", "/__bcmock/stores/abc/events", `{"scope":"store/priceList/records/created","data":[{"id":1}]}`, "application/json"},
		{"POST", "/__bcmock/stores/abc/events", `{"scope":"store/order/*"}`, "application/json;;;"},
		{"POST", "/__bcmock/events/1/resend", "", ""},
		{"POST", "/__bcmock/clock/advance", `{"seconds":60}`, "application/json"},
		{"GET", "/__bcmock/events?page=288230376151711745&limit=64&store=abc", "", ""},
		{"GET", "/__bcmock/deliveries?outcome=nope&hook=-1", "", ""},
		{"GET", "/__bcmock/accounts/..%2F..%2Fetc%2Fpasswd", "", ""},
		{"POST", "/__bcmock/stores/..%2F/reset", "", ""},
		{"POST", "/__bcmock/stores/%2e%2e/reset", "", ""},
		{"GET", "/__bcmock/../__bcmock/health", "", ""},
		{"GET", "//__bcmock//health", "", ""},
		{"POST", "/__bcmock/scenario/run", `{"step":1}`, "application/json"},
		{"POST", "/__bcmock/stores/abc/events", "{\"scope\":\"\xff\"}", "application/json"},
		{"GET", "/__bcmock/stores/abc/state", "", ""},
		{"POST", "/__bcmock/stores/abc/orders", `{"id":250,"status_id":2,"lines":[{"product_id":77,"quantity":2},{"name":"x","quantity":1,"price_ex_tax":"3.5"}]}`, "application/json"},
		{"POST", "/__bcmock/stores/abc/orders", `{"lines":[{"quantity":1}],"shipping_addresses":[{"city":"x"}]}`, "application/json"},
		{"POST", "/__bcmock/stores/abc/carts", `{"id":"c1","line_items":[{"product_id":1,"quantity":99999,"list_price":"999999999999.9999"}]}`, "application/json"},
		{"POST", "/__bcmock/stores/abc/orders/250/pay", "", ""},
		{"POST", "/__bcmock/stores/abc/orders/9223372036854775807/pay", "", ""},
	}
	for _, s := range seeds {
		f.Add(s.method, s.target, s.body, s.contentType)
	}
	keeper := account.Account{Token: "keeper-token", ClientID: "keeper", ClientSecret: "s"}
	srv, err := mock.New(mock.WithResponseValidation())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, target, body, contentType string) {
		raw := fmt.Sprintf("%s %s HTTP/1.1\r\nHost: bcmock.test\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n%s", method, target, contentType, len(body), body)
		r, err := http.ReadRequest(bufio.NewReader(strings.NewReader(raw)))
		if err != nil {
			return // not a request a server would read
		}
		if strings.Contains(strings.ToLower(r.URL.Path), "probe") {
			return // a valid probe would send callbacks over the network
		}
		mock.StoreOf(srv).ResetAll()
		kept := seedKeeperHooks(t, srv, keeper)
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code >= 500 || (w.Code >= 300 && w.Code < 400) {
			t.Fatalf("%s %s → %d: %s", method, target, w.Code, w.Body)
		}
		unescaped, _ := url.PathUnescape(r.URL.EscapedPath())
		if got := mock.StoreOf(srv).List("keep", keeper.ClientID, store.Filter{}); !reflect.DeepEqual(got, kept) && !strings.Contains(strings.ToLower(unescaped), "reset") {
			t.Fatalf("%s %s changed the hooks of store keep:\nbefore %+v\nafter  %+v", method, target, kept, got)
		}
	})
}
