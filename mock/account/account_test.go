package account_test

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/bcmock/bcmock/mock/account"
)

func TestOpenDerivesStableIsolatedAccounts(t *testing.T) {
	r := account.Open()
	a, ok := r.Lookup("token-a")
	if !ok {
		t.Fatal("open registry refused a token")
	}
	again, _ := account.Open().Lookup("token-a")
	if !reflect.DeepEqual(a, again) {
		t.Fatalf("derived account not stable: %+v vs %+v", a, again)
	}
	b, _ := r.Lookup("token-b")
	if a.ClientID == b.ClientID || a.ClientSecret == b.ClientSecret {
		t.Fatalf("two tokens share credentials: %+v %+v", a, b)
	}
	if len(a.ClientID) != 31 || len(a.ClientSecret) != 64 {
		t.Fatalf("unexpected credential shape: %+v", a)
	}
	if _, ok := r.Lookup(""); ok {
		t.Fatal("empty token accepted")
	}
	if got, ok := r.ByClientID(a.ClientID); !ok || !reflect.DeepEqual(got, a) {
		t.Fatalf("ByClientID = %+v, %v", got, ok)
	}
}

func TestFixedAcceptsOnlyDeclared(t *testing.T) {
	r, err := account.Fixed([]account.Account{{Token: "t1", ClientID: "c1", ClientSecret: "s1"}, {Token: "t2", ClientID: "c2"}})
	if err != nil {
		t.Fatal(err)
	}
	if a, ok := r.Lookup("t1"); !ok || a.ClientSecret != "s1" {
		t.Fatalf("Lookup(t1) = %+v, %v", a, ok)
	}
	if a, _ := r.Lookup("t2"); a.ClientSecret == "" {
		t.Fatal("missing secret was not derived")
	}
	if _, ok := r.Lookup("other"); ok {
		t.Fatal("undeclared token accepted")
	}
}

func TestFixedRejectsBadDeclarations(t *testing.T) {
	tests := map[string][]account.Account{
		"none":          nil,
		"empty token":   {{ClientID: "c"}},
		"empty client":  {{Token: "t"}},
		"dup token":     {{Token: "t", ClientID: "a"}, {Token: "t", ClientID: "b"}},
		"dup client id": {{Token: "t1", ClientID: "a"}, {Token: "t2", ClientID: "a"}},
	}
	for name, accounts := range tests {
		t.Run(name, func(t *testing.T) {
			if _, err := account.Fixed(accounts); err == nil {
				t.Fatal("no error")
			}
		})
	}
}

func TestLoadFile(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	good := write("good.yaml", "accounts:\n  - token: t1\n    client_id: c1\n    client_secret: s1\n")
	got, err := account.LoadFile(good)
	if err != nil || len(got) != 1 || got[0].ClientSecret != "s1" {
		t.Fatalf("LoadFile = %+v, %v", got, err)
	}
	typo := write("typo.yaml", "accounts:\n  - token: t1\n    client_id: c1\n    clientsecret: s1\n")
	if _, err := account.LoadFile(typo); err == nil || !strings.Contains(err.Error(), "clientsecret") {
		t.Fatalf("unknown key not reported: %v", err)
	}
	empty := write("empty.yaml", "accounts: []\n")
	if _, err := account.LoadFile(empty); !errors.Is(err, account.ErrNoAccounts) {
		t.Fatalf("empty file: %v", err)
	}
	if _, err := account.LoadFile(filepath.Join(dir, "missing.yaml")); err == nil {
		t.Fatal("missing file: no error")
	}
}
