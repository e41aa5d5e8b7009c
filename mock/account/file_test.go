package account_test

import (
	"errors"
	"os"
	"reflect"
	"testing"

	"github.com/bcmock/bcmock/mock/account"
)

// loadSource writes src as a.yaml in a directory of its own and loads it.
func loadSource(t *testing.T, src string) ([]account.Account, error) {
	t.Helper()
	t.Chdir(t.TempDir())
	if err := os.WriteFile("a.yaml", []byte(src), 0o600); err != nil {
		t.Fatal(err)
	}
	return account.LoadFile("a.yaml")
}

// TestLoadFileProblems checks the errors of bad accounts files: each with
// its line and column, a hint where one fits, every problem at once, and
// no problem that only follows from another.
func TestLoadFileProblems(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"misspelt key", "accounts:\n  - token: t1\n    client_id: c1\n    client_secert: s1\n",
			`load accounts: a.yaml:4:5: accounts[0]: unknown key "client_secert"; did you mean "client_secret"?`},
		{"bad indentation on line 3", "accounts:\n  - token: t1\n   client_id: c1\n",
			`load accounts: a.yaml:3:4: invalid YAML: did not find expected '-' indicator; check the indentation: each account's keys line up under its first one`},
		{"key indented too far", "accounts:\n  - token: t1\n    client_id: c1\n      client_secret: s1\n",
			`load accounts: a.yaml:4:7: invalid YAML: mapping values are not allowed in this context; check the indentation: each account's keys line up under its first one`},
		{"tab", "accounts:\n  - token: t1\n\tclient_id: c1\n",
			`load accounts: a.yaml:3:2: invalid YAML: found a tab character that violates indentation; YAML indents with spaces, not tabs`},
		{"every problem at once", "accounts:\n  - token: t1\n    clientid: c1\n  - token: t1\n    client_id: c2\n  - {token: t3, client_id: c2, extra: 1}\n",
			"load accounts: 4 problems:\n" +
				`a.yaml:3:5: accounts[0]: unknown key "clientid"; did you mean "client_id"?` + "\n" +
				`a.yaml:4:12: accounts[1].token: token is declared twice` + "\n" +
				`a.yaml:6:28: accounts[2].client_id: client_id "c2" is declared twice` + "\n" +
				`a.yaml:6:32: accounts[2]: unknown key "extra"; known keys here are token, client_id, client_secret, stores`},
		{"bad store hash", "accounts:\n  - {token: t1, client_id: c1, stores: [abc123, a/b]}\n",
			`load accounts: a.yaml:2:40: accounts[0].stores: stores[1]: "a/b" is not a store hash (letters, digits, '-' and '_')`},
		{"stores not a list", "accounts:\n  - {token: t1, client_id: c1, stores: {a: 1}}\n",
			`load accounts: a.yaml:2:40: accounts[0].stores: want a list of store hashes, got a mapping; write stores: [abc123]`},
		{"misspelt list", "acounts:\n  - {token: t1, client_id: c1}\n",
			`load accounts: a.yaml:1:1: unknown key "acounts"; did you mean "accounts"?`},
		{"missing key", "accounts:\n  - client_id: c1\n",
			`load accounts: a.yaml:2:5: accounts[0]: token is required`},
		{"not text", "accounts:\n  - {token: [t1], client_id: c1}\n",
			`load accounts: a.yaml:2:13: accounts[0].token: want text, got a list`},
		{"not an account", "accounts:\n  - t1\n",
			`load accounts: a.yaml:2:5: accounts[0]: want an account (token, client_id, client_secret), got "t1"`},
		{"not a list", "accounts: t1\n",
			`load accounts: a.yaml:1:11: accounts: want a list of accounts, got "t1"; write accounts: [{token: …, client_id: …}]`},
		{"repeated key", "accounts:\n  - token: t1\n    token: t2\n    client_id: c1\n",
			`load accounts: a.yaml:3:5: accounts[0]: key "token" is repeated; the first is at line 2`},
		{"two documents", "accounts: [{token: t1, client_id: c1}]\n---\naccounts: []\n",
			`load accounts: a.yaml:2:1: an accounts file holds one document, but here is another; remove the --- line`},
		{"JSON", `{"accounts": [{"token": "t1", "client_id": "c1", "client_secert": "s1"}]}`,
			`load accounts: a.yaml:1:50: accounts[0]: unknown key "client_secert"; did you mean "client_secret"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadSource(t, tt.src)
			var ps account.Problems
			if !errors.As(err, &ps) || !errors.Is(err, account.ErrInvalid) {
				t.Fatalf("LoadFile = %v, want Problems matching ErrInvalid", err)
			}
			if err.Error() != tt.want {
				t.Errorf("LoadFile error:\n%s\nwant:\n%s", err, tt.want)
			}
		})
	}
}

func TestLoadFileReadsAliases(t *testing.T) {
	got, err := loadSource(t, "accounts:\n  - {token: t1, client_id: c1, client_secret: &s shared}\n  - {token: t2, client_id: c2, client_secret: *s}\n")
	if err != nil || len(got) != 2 || !reflect.DeepEqual(got[1], account.Account{Token: "t2", ClientID: "c2", ClientSecret: "shared"}) {
		t.Fatalf("LoadFile = %+v, %v", got, err)
	}
	_, err = loadSource(t, "accounts:\n  - &a {token: t1, client_id: c1}\n  - {<<: *a, token: t2}\n")
	want := `load accounts: a.yaml:3:6: accounts[1]: merge keys (<<) are not read in an accounts file; write each account's keys out`
	if err == nil || err.Error() != want {
		t.Errorf("LoadFile with a merge key = %v, want %s", err, want)
	}
}

func TestLoadFileWithoutAccounts(t *testing.T) {
	for _, src := range []string{"", "# nothing\n", "accounts: []\n", "accounts:\n"} {
		if _, err := loadSource(t, src); !errors.Is(err, account.ErrNoAccounts) {
			t.Errorf("LoadFile(%q) = %v, want ErrNoAccounts", src, err)
		}
	}
}

func TestLoadFileReadsStores(t *testing.T) {
	got, err := loadSource(t, "accounts:\n  - {token: t1, client_id: c1, stores: [abc123, def456]}\n  - {token: t2, client_id: c2, stores: xyz}\n  - {token: t3, client_id: c3}\n")
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{{"abc123", "def456"}, {"xyz"}, nil}
	for i, a := range got {
		if !reflect.DeepEqual(a.Stores, want[i]) {
			t.Errorf("account %d stores = %v, want %v", i, a.Stores, want[i])
		}
	}
	tests := []struct {
		account int
		store   string
		allowed bool
	}{{0, "abc123", true}, {0, "def456", true}, {0, "xyz", false}, {1, "xyz", true}, {1, "abc123", false}, {2, "anything", true}}
	for _, tc := range tests {
		if got := got[tc.account].Allows(tc.store); got != tc.allowed {
			t.Errorf("account %d Allows(%s) = %v, want %v", tc.account, tc.store, got, tc.allowed)
		}
	}
}
