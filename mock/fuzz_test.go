package mock_test

import (
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock"
	"github.com/bcmock/bcmock/mock/account"
	"github.com/bcmock/bcmock/mock/internal/store"
)

// FuzzAPI sends arbitrary methods, paths, queries, bodies and headers. The
// mock must never panic, never answer 5xx, and never lose or change the
// hooks another account already stored.
func FuzzAPI(f *testing.F) {
	seeds := []struct{ method, path, query, body, contentType, accept, token string }{
		{"POST", "/stores/abc/v3/hooks", "", `{"scope":"store/order/created","destination":"https://a.example/x"}`, "application/json", "", "t"},
		{"POST", "/stores/abc/v3/hooks", "", `{"scope":1,"destination":[],"headers":{"a":{}}}`, "application/json", "*/*", "t"},
		{"PUT", "/stores/abc/v3/hooks/1", "", `{"is_active":true,"headers":null}`, "application/json; charset=utf-8", "", "t"},
		{"GET", "/stores/abc/v3/hooks", "page=2&limit=1&is_active=true&scope=store/order/*", "", "", "application/json", "t"},
		{"PUT", "/stores/abc/v3/hooks/admin", "", `{"emails":["a@b.c"]}`, "application/json", "", "t"},
		{"DELETE", "/stores/abc/v2/hooks/1", "", "", "", "", "t"},
		{"POST", "/__bcmock/stores/abc/reset", "", "", "", "", ""},
		{"GET", "/stores/%zz/v3/hooks", "limit=%", "", "", "text/html;q=0", "t"},
		{"POST", "/stores/abc/v3/hooks", "", `{"scope":"store/channel/1/cart/*","destination":"http://[::1]:80/x"}`, "application/json", "", "t"},
		{"PUT", "/stores/abc/v3/hooks/1", "", "", "", "", "t"},            // no body and no Content-Type
		{"GET", "/stores/abc/v2/hooks", "", "", "", ",;,a\xee/json", "t"}, // an Accept with unparseable parts
		{"POST", "/__bcmock/stores/keep/reset", "", "", "", "", ""},       // the keeper's store, emptied
	}
	for _, s := range seeds {
		f.Add(s.method, s.path, s.query, s.body, s.contentType, s.accept, s.token)
	}
	keeper := account.Account{Token: "keeper-token", ClientID: "keeper", ClientSecret: "s"}
	srv, err := mock.New(mock.WithResponseValidation())
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, method, path, query, body, contentType, accept, token string) {
		if token == keeper.Token {
			return // only the keeper may change its own hooks
		}
		mock.StoreOf(srv).ResetAll() // each input starts from the same state
		kept := seedKeeperHooks(t, srv, keeper)
		r, err := http.NewRequest(method, "http://bcmock.test", strings.NewReader(body))
		if err != nil {
			return // not a request net/http can even build
		}
		r.URL.Path, r.URL.RawQuery = path, query
		r.Header.Set("Content-Type", contentType)
		r.Header.Set("Accept", accept)
		r.Header.Set("X-Auth-Token", token)
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		if w.Code >= 500 {
			t.Fatalf("%s %s?%s (ct %q) → %d: %s", method, path, query, contentType, w.Code, w.Body)
		}
		if got := mock.StoreOf(srv).List("keep", keeper.ClientID, store.Filter{}); !reflect.DeepEqual(got, kept) && !strings.Contains(path, "reset") {
			t.Fatalf("the keeper's hooks changed:\nbefore %+v\nafter  %+v", kept, got)
		}
	})
}

// seedKeeperHooks stores two hooks of another account in store "keep".
func seedKeeperHooks(t *testing.T, srv *mock.Server, keeper account.Account) []store.Hook {
	t.Helper()
	for _, sc := range []string{"store/order/created", "store/cart/*"} {
		if _, err := mock.StoreOf(srv).Create("keep", keeper.ClientID, store.Input{Scope: sc, Destination: "https://keep.example/x", Headers: map[string]string{"K": "v"}}); err != nil {
			t.Fatal(err)
		}
	}
	return mock.StoreOf(srv).List("keep", keeper.ClientID, store.Filter{})
}
