package shop

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Metafields: one model for every resource that has them, keyed by the
// resource (its type and id). A row of metafieldResources says, per
// resource type, which events name it and whether a resource exists.

// ErrDuplicate: a metafield with that namespace and key is on the
// resource already (BigCommerce answers 409).
var ErrDuplicate = errors.New("duplicate")

// Resource names what a metafield belongs to: its resource_type
// ("order", "product", "variant", "store", ...) and its id as webhooks
// carry it, a decimal string (a UUID for carts, "0" for the store).
type Resource struct {
	Type, ID string
}

// Metafield is one metafield of a resource.
type Metafield struct {
	ID                                          int
	Resource                                    Resource
	Key, Value, Namespace, PermissionSet, Descr string
	OwnerClientID                               string // the app that made it; "" when an event did
	Created, Modified                           time.Time
}

// metaStore is what a store holds of metafields, made on first use.
type metaStore struct {
	byID  map[int]*Metafield
	next  int
	bytes int // of keys, values, namespaces and descriptions, within metafieldBytes
}

// metafieldBytes bounds the text one store's metafields hold: a value
// may be 64 KB, so the count limit alone would let a client pin
// gigabytes.
const metafieldBytes = 32 << 20

func (m *Metafield) size() int { return len(m.Key) + len(m.Value) + len(m.Namespace) + len(m.Descr) }

func (st *Store) metafields() *metaStore {
	if st.metas == nil {
		st.metas = &metaStore{byID: map[int]*Metafield{}, next: 1}
	}
	return st.metas
}

// metafieldResource is one resource type that has metafields.
type metafieldResource struct {
	// typ is the resource_type of the generic store/metafield/* events
	// and of REST.
	typ string
	// scope is what the resource's own metafield events start with, as
	// a kind ("order/" for store/order/metafield/...); "" when
	// BigCommerce has no such events (customers).
	scope string
	// exists reports whether the store has resource id.
	exists func(st *Store, id string) bool
	// ensure makes resource id exist, as an event naming it implies;
	// false when it cannot (not an id of the resource, the store full).
	ensure func(st *Store, id string) bool
}

// metafieldResources are the resources with metafields.
var metafieldResources = []metafieldResource{
	{typ: "order", scope: "order/", exists: numeric(func(st *Store, id int) bool { return st.orders[id] != nil }),
		ensure: numeric(func(st *Store, id int) bool { return st.ensureOrder(id, inventedStatus, defaultChannel) != nil })},
	{typ: "cart", scope: "cart/", exists: func(st *Store, id string) bool { return st.carts[id] != nil },
		ensure: func(st *Store, id string) bool { return uuidLike(id) && st.ensureCart(id, defaultChannel) != nil }},
	{typ: "customer", exists: numeric(func(st *Store, id int) bool { return st.Customer(id) != nil }),
		ensure: numeric(func(st *Store, id int) bool { return st.ensureCustomer(id) != nil })},
	{typ: "channel", scope: "channel/", exists: numeric(func(st *Store, id int) bool { return st.Channel(id) != nil }),
		ensure: numeric(func(st *Store, id int) bool { return st.ensureChannel(id) != nil })},
	{typ: "location", scope: "inventory/location/", exists: numeric(func(st *Store, id int) bool { return st.Location(id) != nil }),
		ensure: numeric(func(st *Store, id int) bool { return st.ensureLocation(id) != nil })},
	{typ: "store", scope: "store/", exists: func(*Store, string) bool { return true }, ensure: func(*Store, string) bool { return true }},
	{typ: "product", scope: "product/", exists: numeric(func(st *Store, id int) bool { return st.Product(id) != nil }),
		ensure: numeric(func(st *Store, id int) bool { return st.ensureProduct(id, anyShape) != nil })},
	// A variant the store does not hold is made with a new product, as a
	// SKU event naming it would make it.
	{typ: "variant", scope: "product/variant/", exists: numeric(func(st *Store, id int) bool { return st.Variant(id) != nil }),
		ensure: numeric(func(st *Store, id int) bool { return st.Variant(id) != nil || st.inventVariant(id) != nil })},
	{typ: "category", scope: "category/", exists: numeric(func(st *Store, id int) bool { return st.Category(id) != nil }),
		ensure: numeric(func(st *Store, id int) bool { return st.ensureCategory(id, DefaultTree) != nil })},
	{typ: "brand", scope: "brand/", exists: numeric(func(st *Store, id int) bool { return st.Brand(id) != nil }),
		ensure: numeric(func(st *Store, id int) bool { return st.ensureBrand(id) != nil })},
}

// numeric adapts a test of an integer id to the string ids metafields
// carry: ids that are not positive integers do not exist.
func numeric(fn func(st *Store, id int) bool) func(st *Store, id string) bool {
	return func(st *Store, id string) bool {
		n, err := strconv.Atoi(id)
		return err == nil && n > 0 && fn(st, n)
	}
}

// uuidLike reports whether id looks like a cart id (a UUID).
func uuidLike(id string) bool { return len(id) == 36 && strings.Count(id, "-") == 4 }

// resourceOfType returns the row of resource_type typ, or nil.
func resourceOfType(typ string) *metafieldResource {
	for i := range metafieldResources {
		if metafieldResources[i].typ == typ {
			return &metafieldResources[i]
		}
	}
	return nil
}

// resourceOfKind returns the row of a resource's own metafield kind
// ("product/variant/metafield/created"), or nil for the generic
// metafield/... kinds and kinds of no resource.
func resourceOfKind(kind string) *metafieldResource {
	prefix, _, ok := strings.Cut(kind, "metafield/")
	if !ok || prefix == "" {
		return nil
	}
	for i := range metafieldResources {
		if metafieldResources[i].scope == prefix {
			return &metafieldResources[i]
		}
	}
	return nil
}

// isMetafieldKind reports whether kind is a metafield event's:
// metafield/... or {resource}/metafield/....
func isMetafieldKind(kind string) bool {
	return strings.HasPrefix(kind, "metafield/") || strings.Contains(kind, "/metafield/")
}

// MetafieldResourceTypes lists the resource types with metafields.
func MetafieldResourceTypes() []string {
	out := make([]string, len(metafieldResources))
	for i, r := range metafieldResources {
		out[i] = r.typ
	}
	return out
}

// storeResource is the id of the store's own metafields: the store has
// no id of its own on these paths, and REST shows resource_id 0.
const storeResource = "0"

// normalize returns r as the model keys it: the store's id is always
// storeResource.
func (r Resource) normalize() Resource {
	if r.Type == "store" {
		r.ID = storeResource
	}
	return r
}

// ResourceExists reports whether the store has r, and whether r's type
// has metafields at all.
func (st *Store) ResourceExists(r Resource) (exists, known bool) {
	row := resourceOfType(r.Type)
	if row == nil {
		return false, false
	}
	return row.exists(st, r.normalize().ID), true
}

// Metafield returns metafield id of r, or nil (also when it is another
// resource's).
func (st *Store) Metafield(r Resource, id int) *Metafield {
	m := st.metafields().byID[id]
	if m == nil || m.Resource != r.normalize() {
		return nil
	}
	return m
}

// MetafieldFilter selects the metafields of a resource.
type MetafieldFilter struct {
	Keys, Namespaces []string
	Descending       bool // direction=desc: by id, highest first
}

// Metafields returns r's metafields f selects, by id.
func (st *Store) Metafields(r Resource, f MetafieldFilter) []*Metafield {
	r = r.normalize()
	var out []*Metafield
	for _, m := range st.metafields().byID {
		switch {
		case m.Resource != r,
			len(f.Keys) > 0 && !slices.Contains(f.Keys, m.Key),
			len(f.Namespaces) > 0 && !slices.Contains(f.Namespaces, m.Namespace):
			continue
		}
		out = append(out, m)
	}
	slices.SortFunc(out, func(a, b *Metafield) int {
		if f.Descending {
			return cmp.Compare(b.ID, a.ID)
		}
		return cmp.Compare(a.ID, b.ID)
	})
	return out
}

// MetafieldInput is the body of a metafield POST or PUT: nil fields are
// not given.
type MetafieldInput struct {
	Key, Value, Namespace, PermissionSet, Description *string
	OwnerClientID                                     string
}

// CreateMetafield adds a metafield to r (key, value, namespace and
// permission_set required; namespace and key unique on r) and fires the
// resource's metafield/created event and store/metafield/created.
func (st *Store) CreateMetafield(r Resource, in MetafieldInput) (*Metafield, []Event, error) {
	r = r.normalize()
	if err := st.checkResource(r); err != nil {
		return nil, nil, err
	}
	ms := st.metafields()
	if len(ms.byID) >= st.limits().Customers {
		return nil, nil, fmt.Errorf("%w: the store holds %d metafields, the most bcmock keeps", ErrFull, st.limits().Customers)
	}
	if in.Key == nil || in.Value == nil || in.Namespace == nil || in.PermissionSet == nil {
		return nil, nil, invalid("key, value, namespace and permission_set are required")
	}
	if err := st.uniqueMetafield(r, *in.Namespace, *in.Key, 0); err != nil {
		return nil, nil, err
	}
	now := st.now()
	m := &Metafield{Resource: r, OwnerClientID: in.OwnerClientID, Created: now, Modified: now}
	m.set(in)
	if ms.bytes+m.size() > metafieldBytes {
		return nil, nil, fmt.Errorf("%w: the store's metafields hold %d bytes, the most bcmock keeps", ErrFull, metafieldBytes)
	}
	m.ID = bump(&ms.next)
	ms.byID[m.ID] = m
	ms.bytes += m.size()
	return m, metafieldEvents(m, "created"), nil
}

// UpdateMetafield changes metafield id of r and fires the resource's
// metafield/updated event and store/metafield/updated.
func (st *Store) UpdateMetafield(r Resource, id int, in MetafieldInput) (*Metafield, []Event, error) {
	if err := st.checkResource(r); err != nil {
		return nil, nil, err
	}
	m := st.Metafield(r, id)
	if m == nil {
		return nil, nil, notFound("metafield", id)
	}
	ns, key := m.Namespace, m.Key
	setString(&ns, in.Namespace)
	setString(&key, in.Key)
	if err := st.uniqueMetafield(m.Resource, ns, key, id); err != nil {
		return nil, nil, err
	}
	next := *m
	next.set(in)
	ms := st.metafields()
	if ms.bytes-m.size()+next.size() > metafieldBytes {
		return nil, nil, fmt.Errorf("%w: the store's metafields hold %d bytes, the most bcmock keeps", ErrFull, metafieldBytes)
	}
	ms.bytes += next.size() - m.size()
	*m = next
	m.Modified = st.now()
	return m, metafieldEvents(m, "updated"), nil
}

// DeleteMetafield deletes metafield id of r and fires the resource's
// metafield/deleted event and store/metafield/deleted.
func (st *Store) DeleteMetafield(r Resource, id int) ([]Event, error) {
	if err := st.checkResource(r); err != nil {
		return nil, err
	}
	m := st.Metafield(r, id)
	if m == nil {
		return nil, notFound("metafield", id)
	}
	st.removeMetafield(m)
	return metafieldEvents(m, "deleted"), nil
}

// checkResource refuses a resource the store does not have.
func (st *Store) checkResource(r Resource) error {
	exists, known := st.ResourceExists(r)
	if !known {
		return invalid("%q resources have no metafields", r.Type)
	}
	if !exists {
		return notFound(r.Type, r.ID)
	}
	return nil
}

func (st *Store) uniqueMetafield(r Resource, namespace, key string, self int) error {
	for _, m := range st.metafields().byID {
		if m.ID != self && m.Resource == r && m.Namespace == namespace && m.Key == key {
			return fmt.Errorf("%w: metafield %d of this %s has namespace %q and key %q already", ErrDuplicate, m.ID, r.Type, namespace, key)
		}
	}
	return nil
}

func (m *Metafield) set(in MetafieldInput) {
	setString(&m.Key, in.Key)
	setString(&m.Value, in.Value)
	setString(&m.Namespace, in.Namespace)
	setString(&m.PermissionSet, in.PermissionSet)
	setString(&m.Descr, in.Description)
}

// metafieldEvents are the events of a metafield write: the resource's own
// (store/product/metafield/created ...; none for customers, which have
// no such scope) and the generic store/metafield/* naming the resource
// type. Webhooks carry resource_id as a string (§0.14).
func metafieldEvents(m *Metafield, what string) []Event {
	var f fired
	if row := resourceOfType(m.Resource.Type); row != nil && row.scope != "" {
		f.add("store/"+row.scope+"metafield/"+what, map[string]any{"metafield_id": m.ID, "resource_id": m.Resource.ID, "namespace": m.Namespace})
	}
	f.add("store/metafield/"+what, map[string]any{"metafield_id": m.ID, "resource_id": m.Resource.ID, "resource_type": m.Resource.Type, "namespace": m.Namespace})
	return f
}

// --- events -> state ---

// eventResource reads the resource a metafield event names: the kind's
// resource, or the generic events' resource_type.
func eventResource(kind string, d map[string]any) (*metafieldResource, Resource, bool) {
	row := resourceOfKind(kind)
	if strings.HasPrefix(kind, "metafield/") {
		row = resourceOfType(stringField(d, "resource_type"))
	}
	if row == nil {
		return nil, Resource{}, false
	}
	id := stringField(d, "resource_id")
	if n, ok := intValue(d["resource_id"]); ok && id == "" {
		id = strconv.Itoa(n) // a number where webhooks carry a string
	}
	return row, Resource{Type: row.typ, ID: id}.normalize(), id != "" || row.typ == "store"
}

// completeMetafield gives an event about a metafield the store holds its
// resource, unless the caller named one.
func (st *Store) completeMetafield(kind string, _ int, out map[string]any) {
	m := st.metafields().byID[intField(out, "metafield_id")]
	if m == nil {
		return
	}
	if _, ok := out["resource_id"]; !ok {
		if row := resourceOfKind(kind); row == nil || row.typ == m.Resource.Type {
			out["resource_id"] = m.Resource.ID
		}
	}
	if strings.HasPrefix(kind, "metafield/") {
		setAbsent(out, "resource_type", m.Resource.Type)
	}
}

func (st *Store) applyMetafield(kind string, _ int, d map[string]any) {
	id := intField(d, "metafield_id")
	row, r, ok := eventResource(kind, d)
	if id <= 0 || !ok {
		return
	}
	ms := st.metafields()
	if strings.HasSuffix(kind, "/deleted") {
		if m := ms.byID[id]; m != nil && m.Resource == r {
			st.removeMetafield(m)
		}
		return
	}
	if !row.ensure(st, r.ID) {
		return
	}
	now := st.now()
	if m := ms.byID[id]; m != nil {
		m.Resource = r // an event naming another resource moves it there
		if strings.HasSuffix(kind, "/updated") {
			m.Modified = now
		}
		return
	}
	if len(ms.byID) >= st.limits().Customers {
		return
	}
	seen(&ms.next, id)
	m := &Metafield{
		ID: id, Resource: r, Namespace: "bcmock", Key: "field_" + strconv.Itoa(id), Value: st.faker.Word(),
		PermissionSet: "app_only", Created: now, Modified: now,
	}
	ms.byID[id] = m
	ms.bytes += m.size()
}

func (st *Store) removeMetafield(m *Metafield) {
	ms := st.metafields()
	delete(ms.byID, m.ID)
	ms.bytes -= m.size()
}

// inventVariant makes variant id on a new product, as a SKU event naming
// a variant the store does not hold does.
func (st *Store) inventVariant(id int) *Variant {
	return st.ensureSKU(map[string]any{"id": st.cat.next.sku, "sku": map[string]any{"variant_id": id, "product_id": st.cat.next.product}}, "sku")
}
