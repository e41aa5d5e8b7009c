package shop

import (
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/brianvoe/gofakeit/v6"
)

// Identity is who a store is, as GET /v2/store tells it: its hash and
// numeric id (which every webhook's producer and store_id carry), its
// name, owner and domain.
type Identity struct {
	Hash        string // the store hash: /v2/store's id
	StoreID     int64  // bigcommerce.StoreID of the hash: /v2/store's store_id
	AccountUUID string
	Name        string
	FirstName   string
	LastName    string
	Address     string
	Country     string
	CountryCode string
	Phone       string
	AdminEmail  string
	OrderEmail  string
	Domain      string // the storefront's host
	ControlURL  string // the control panel's base URL
}

// Identity returns the identity of the store with hash storeHash. It is a
// pure function of the shop's seed and the hash, whether or not the store
// holds anything, and draws nothing from the store's own faker, so reading
// it never changes what the store invents next.
func (s *Shop) Identity(storeHash string) Identity {
	h := fnv.New64a()
	_, _ = h.Write([]byte("identity/" + storeHash))
	f := gofakeit.NewCustom(&source{state: uint64(s.seed) ^ h.Sum64()}) // 8 bytes, not math/rand's 5 KB per read
	first, last := f.FirstName(), f.LastName()
	name := strings.TrimSpace(f.Company())
	host := Domain(storeHash)
	id, _ := strconv.ParseInt(bigcommerce.StoreID(storeHash), 10, 64)
	a := s.pool.addresses[int(h.Sum64()%uint64(len(s.pool.addresses)))]
	return Identity{
		Hash: storeHash, StoreID: id, AccountUUID: f.UUID(),
		Name: name, FirstName: first, LastName: last,
		Address:     a.Street1 + "\n" + a.City + ", " + a.State + " " + a.Zip + "\n" + a.Country,
		Country:     a.Country,
		CountryCode: a.CountryISO2,
		Phone:       a.Phone,
		AdminEmail:  strings.ToLower(first+"."+last) + "@example.com",
		OrderEmail:  "orders@" + host,
		Domain:      host,
		ControlURL:  "https://" + host,
	}
}

// Domain is the storefront host of the store with hash storeHash, as
// BigCommerce names a store's own domain before a custom one is set:
// store-{hash}.mybigcommerce.com.
func Domain(storeHash string) string {
	return "store-" + strings.ToLower(storeHash) + ".mybigcommerce.com"
}
