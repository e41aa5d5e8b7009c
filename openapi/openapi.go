// Package openapi holds bcmock's own OpenAPI documents and validates HTTP
// traffic against them.
//
// The documents are written for bcmock from the facts BigCommerce publishes
// (BigCommerce's official files carry no licence and are not copied here) and
// are embedded with go:embed, so the binary needs no files at run time. A
// user's own document (for example a copy of BigCommerce's official webhooks
// spec) can be loaded instead with LoadFile; its servers are rewritten to
// path-only so that routing works whatever host the mock listens on.
package openapi

import (
	"context"
	"embed"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/routers"
	"github.com/getkin/kin-openapi/routers/gorillamux"
)

// Names of the embedded documents.
const (
	// WebhooksV3 describes /stores/{store_hash}/v3/hooks and /hooks/admin.
	WebhooksV3 = "webhooks-v3.yaml"
	// WebhooksV2 describes /stores/{store_hash}/v2/hooks.
	WebhooksV2 = "webhooks-v2.yaml"
	// Control describes bcmock's own control API under /__bcmock/.
	Control = "control.yaml"
	// Scenario describes the scenario endpoints under /__bcmock/scenario,
	// served beside the control API when a scenario file is served.
	Scenario = "scenario.yaml"
	// OrdersV2 describes /v2/orders and its sub-resources, and /v2/order_statuses.
	OrdersV2 = "orders-v2.yaml"
	// StoreV2 describes /v2/store.
	StoreV2 = "store-v2.yaml"
	// OrdersV3 describes /v3/orders/{id}/transactions and refunds.
	OrdersV3 = "orders-v3.yaml"
	// CartsV3 describes /v3/carts, /v3/checkouts and /v3/abandoned-carts.
	CartsV3 = "carts-v3.yaml"
	// CustomersV3 describes /v3/customers, its addresses, stored
	// instruments and subscribers.
	CustomersV3 = "customers-v3.yaml"
	// ChannelsV3 describes /v3/channels.
	ChannelsV3 = "channels-v3.yaml"
	// CatalogV3 describes /v3/catalog: products, variants, categories,
	// category trees and brands.
	CatalogV3 = "catalog-v3.yaml"
	// InventoryV3 describes /v3/inventory/items, a location's items and
	// settings, and the adjustments.
	InventoryV3 = "inventory-v3.yaml"
	// PriceListsV3 describes /v3/pricelists, their records and assignments.
	PriceListsV3 = "pricelists-v3.yaml"
	// MetafieldsV3 describes the metafields of every resource that has
	// them (orders, customers, carts, channels, locations, the store, and
	// the catalog's products, variants, categories and brands).
	MetafieldsV3 = "metafields-v3.yaml"
	// LocationsV3 describes /v3/inventory/locations.
	LocationsV3 = "locations-v3.yaml"
)

// RestV2 and RestV3 are the documents of the REST resources behind the
// events, served in the v2 and v3 families beside the webhooks documents.
var (
	RestV2 = []string{OrdersV2, StoreV2}
	RestV3 = []string{OrdersV3, CartsV3, CustomersV3, ChannelsV3, CatalogV3, InventoryV3, PriceListsV3, MetafieldsV3, LocationsV3}
)

//go:embed webhooks-v3.yaml webhooks-v2.yaml control.yaml scenario.yaml orders-v2.yaml store-v2.yaml orders-v3.yaml carts-v3.yaml customers-v3.yaml channels-v3.yaml catalog-v3.yaml inventory-v3.yaml pricelists-v3.yaml metafields-v3.yaml locations-v3.yaml
var embedded embed.FS

// Embedded returns the bytes of an embedded document by name.
func Embedded(name string) ([]byte, error) {
	data, err := embedded.ReadFile(name)
	if err != nil {
		return nil, fmt.Errorf("read embedded document %q: %w", name, err)
	}
	return data, nil
}

// Document is a loaded, validated OpenAPI document with its router.
// A Document is immutable after loading and safe for concurrent use.
type Document struct {
	// Name identifies the document in errors and logs (a file name).
	Name   string
	spec   *openapi3.T
	router routers.Router
	// heads are the first path segments, below the server's path, of the
	// document's paths, and base is the number of segments of the server's
	// path: a request whose segment there is none of heads cannot be one of
	// the document's operations, so Find skips the document's router (a
	// family of nine documents would otherwise run nine). heads is nil when
	// the document cannot be filtered so (several servers, servers on a
	// path or an operation, or a path that starts with a template).
	heads map[string]bool
	base  int
}

// Spec returns the parsed document. Callers must not modify it.
func (d *Document) Spec() *openapi3.T { return d.spec }

// LoadEmbedded loads one of the embedded documents (WebhooksV3, WebhooksV2,
// Control). Each is parsed once per process and shared: a Document is
// immutable, and parsing is most of a server's start-up time.
func LoadEmbedded(name string) (*Document, error) {
	load, ok := embeddedDocs[name]
	if !ok {
		return nil, fmt.Errorf("read embedded document %q: no such document", name)
	}
	return load()
}

var embeddedDocs = map[string]func() (*Document, error){
	WebhooksV3:   sync.OnceValues(func() (*Document, error) { return loadEmbedded(WebhooksV3) }),
	WebhooksV2:   sync.OnceValues(func() (*Document, error) { return loadEmbedded(WebhooksV2) }),
	Control:      sync.OnceValues(func() (*Document, error) { return loadEmbedded(Control) }),
	Scenario:     sync.OnceValues(func() (*Document, error) { return loadEmbedded(Scenario) }),
	OrdersV2:     sync.OnceValues(func() (*Document, error) { return loadEmbedded(OrdersV2) }),
	StoreV2:      sync.OnceValues(func() (*Document, error) { return loadEmbedded(StoreV2) }),
	OrdersV3:     sync.OnceValues(func() (*Document, error) { return loadEmbedded(OrdersV3) }),
	CartsV3:      sync.OnceValues(func() (*Document, error) { return loadEmbedded(CartsV3) }),
	CustomersV3:  sync.OnceValues(func() (*Document, error) { return loadEmbedded(CustomersV3) }),
	ChannelsV3:   sync.OnceValues(func() (*Document, error) { return loadEmbedded(ChannelsV3) }),
	CatalogV3:    sync.OnceValues(func() (*Document, error) { return loadEmbedded(CatalogV3) }),
	InventoryV3:  sync.OnceValues(func() (*Document, error) { return loadEmbedded(InventoryV3) }),
	PriceListsV3: sync.OnceValues(func() (*Document, error) { return loadEmbedded(PriceListsV3) }),
	MetafieldsV3: sync.OnceValues(func() (*Document, error) { return loadEmbedded(MetafieldsV3) }),
	LocationsV3:  sync.OnceValues(func() (*Document, error) { return loadEmbedded(LocationsV3) }),
}

func loadEmbedded(name string) (*Document, error) {
	data, err := Embedded(name)
	if err != nil {
		return nil, err
	}
	return Load(name, data)
}

// LoadFile loads a user's OpenAPI 3 document from disk (YAML or JSON).
func LoadFile(path string) (*Document, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load spec: %w", err)
	}
	return Load(path, data)
}

// Load parses and validates an OpenAPI 3 document. Every server URL is
// rewritten to its path ("https://api.bigcommerce.com/stores/{store_hash}/v3"
// becomes "/stores/{store_hash}/v3"), so the document routes requests sent to
// any host. External references are not followed.
func Load(name string, data []byte) (*Document, error) {
	loader := openapi3.NewLoader()
	spec, err := loader.LoadFromData(data)
	if err != nil {
		return nil, fmt.Errorf("load spec %s: %w", name, err)
	}
	if err := pathOnlyServers(spec); err != nil {
		return nil, fmt.Errorf("load spec %s: %w", name, err)
	}
	if err := spec.Validate(context.Background(), openapi3.DisableExamplesValidation()); err != nil {
		return nil, fmt.Errorf("load spec %s: invalid document: %w", name, err)
	}
	dropSecurity(spec)
	router, err := gorillamux.NewRouter(spec)
	if err != nil {
		return nil, fmt.Errorf("load spec %s: build router: %w", name, err)
	}
	d := &Document{Name: name, spec: spec, router: router}
	d.heads, d.base = headsOf(spec)
	return d, nil
}

// headsOf returns the first segments of spec's paths below its one server
// path, and the number of segments of that path; nil heads when the
// document cannot be filtered by them.
func headsOf(spec *openapi3.T) (map[string]bool, int) {
	if len(spec.Servers) != 1 {
		return nil, 0
	}
	base := len(segments(spec.Servers[0].URL))
	heads := map[string]bool{}
	for path, item := range spec.Paths.Map() {
		if len(item.Servers) > 0 {
			return nil, 0
		}
		for _, op := range item.Operations() {
			if op.Servers != nil {
				return nil, 0
			}
		}
		head := ""
		if segs := segments(path); len(segs) > 0 {
			head = segs[0]
		}
		if strings.HasPrefix(head, "{") {
			return nil, 0
		}
		heads[head] = true
	}
	return heads, base
}

// segments splits a path into its segments, without the empty ones a
// leading or trailing slash makes.
func segments(path string) []string {
	path = strings.Trim(path, "/")
	if path == "" {
		return nil
	}
	return strings.Split(path, "/")
}

// mayMatch reports whether a request for path can be one of d's
// operations, by its first segment below the server's path. It errs on
// the side of yes: an escaped path, or one no longer than the server's,
// is left to the router.
func (d *Document) mayMatch(r *http.Request) bool {
	if d.heads == nil || r.URL.RawPath != "" {
		return true
	}
	head, ok := segment(r.URL.Path, d.base)
	return !ok || d.heads[head]
}

// segment returns the i-th segment of path (0 for the first), without
// allocating; false when path has no more than i segments.
func segment(path string, i int) (string, bool) {
	for {
		path = strings.TrimLeft(path, "/")
		if path == "" {
			return "", false
		}
		seg, rest, _ := strings.Cut(path, "/")
		if i == 0 {
			return seg, true
		}
		path, i = rest, i-1
	}
}

// dropSecurity removes the document's security requirements once it is
// validated. bcmock's gateway authenticates every request itself (the
// X-Auth-Token an account owns), before routing, as BigCommerce does;
// kin-openapi would otherwise buffer the body and call an authentication
// function for every request, a sixth of a GET's server time. The
// securitySchemes stay, so the document still describes the token.
func dropSecurity(spec *openapi3.T) {
	spec.Security = nil
	for _, item := range spec.Paths.Map() {
		for _, op := range item.Operations() {
			op.Security = nil
		}
	}
}

var templateVar = regexp.MustCompile(`\{([^{}]+)\}`)

// pathOnlyServers rewrites every server (document, path and operation level)
// to its path and drops the variables the path no longer uses. A document
// with no servers gets "/".
func pathOnlyServers(spec *openapi3.T) error {
	if len(spec.Servers) == 0 {
		spec.Servers = openapi3.Servers{{URL: "/"}}
	}
	if err := rewriteServers(spec.Servers); err != nil {
		return err
	}
	for _, item := range spec.Paths.Map() {
		if err := rewriteServers(item.Servers); err != nil {
			return err
		}
		for _, op := range item.Operations() {
			if op.Servers != nil {
				if err := rewriteServers(*op.Servers); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

func rewriteServers(servers openapi3.Servers) error {
	for _, s := range servers {
		path, err := serverPath(s.URL)
		if err != nil {
			return fmt.Errorf("server %q: %w", s.URL, err)
		}
		s.URL = path
		used := map[string]bool{}
		for _, m := range templateVar.FindAllStringSubmatch(path, -1) {
			used[m[1]] = true
		}
		for name := range s.Variables {
			if !used[name] {
				delete(s.Variables, name)
			}
		}
	}
	return nil
}

// serverPath returns the path part of a server URL, keeping {variables}.
func serverPath(raw string) (string, error) {
	if strings.HasPrefix(raw, "/") {
		return strings.TrimSuffix(raw, "/"), nil
	}
	// Hide template braces from the URL parser, which rejects them in hosts.
	masked := templateVar.ReplaceAllStringFunc(raw, func(v string) string {
		return "BCMOCKVAR" + url.PathEscape(v[1:len(v)-1]) + "BCMOCKEND"
	})
	u, err := url.Parse(masked)
	if err != nil {
		return "", err
	}
	path := regexp.MustCompile(`BCMOCKVAR(.*?)BCMOCKEND`).ReplaceAllStringFunc(u.EscapedPath(), func(v string) string {
		name, _ := url.PathUnescape(strings.TrimSuffix(strings.TrimPrefix(v, "BCMOCKVAR"), "BCMOCKEND"))
		return "{" + name + "}"
	})
	return strings.TrimSuffix(path, "/"), nil
}
