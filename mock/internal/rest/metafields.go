package rest

import (
	"errors"
	"net/http"
	"strconv"

	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// The metafields of every resource that has them
// (openapi/metafields-v3.yaml): one set of handlers, one route per
// resource.

// metafieldRoute is one resource's metafields paths: its resource_type,
// the stem of its operationIds (getOrderMetafields, createOrderMetafield,
// ...) and the path parameter naming the resource ("" for the store).
type metafieldRoute struct {
	typ, op, param string
}

var metafieldRoutes = []metafieldRoute{
	{"order", "Order", "order_id"},
	{"customer", "Customer", "customer_id"},
	{"cart", "Cart", "cart_id"},
	{"channel", "Channel", "channel_id"},
	{"location", "Location", "location_id"},
	{"store", "Store", ""},
	{"product", "Product", "product_id"},
	{"variant", "Variant", "variant_id"},
	{"category", "Category", "category_id"},
	{"brand", "Brand", "brand_id"},
}

func (r *REST) addMetafieldsV3(h map[string]gateway.Handler) {
	for _, rt := range metafieldRoutes {
		h["get"+rt.op+"Metafields"] = r.listMetafields(rt)
		h["get"+rt.op+"Metafield"] = r.getMetafield(rt)
		h["create"+rt.op+"Metafield"] = r.createMetafield(rt)
		h["update"+rt.op+"Metafield"] = r.updateMetafield(rt)
		h["delete"+rt.op+"Metafield"] = r.deleteMetafield(rt)
	}
}

// resource is the resource the request's path names.
func (rt metafieldRoute) resource(in *gateway.Request) shop.Resource {
	id := "0"
	if rt.param != "" {
		id = in.Param(rt.param)
		if n, err := strconv.Atoi(id); err == nil {
			id = strconv.Itoa(n) // "007" is 7, as webhooks carry it
		}
	}
	return shop.Resource{Type: rt.typ, ID: id}
}

type metafieldJSON struct {
	ID            int    `json:"id"`
	Key           string `json:"key"`
	Value         string `json:"value"`
	Namespace     string `json:"namespace"`
	PermissionSet string `json:"permission_set"`
	Description   string `json:"description"`
	ResourceType  string `json:"resource_type"`
	ResourceID    any    `json:"resource_id"` // an integer; a cart's UUID string
	Created       string `json:"date_created"`
	Modified      string `json:"date_modified"`
	OwnerClientID string `json:"owner_client_id,omitempty"`
}

func metafieldOf(m *shop.Metafield) metafieldJSON {
	var rid any = m.Resource.ID
	if n, err := strconv.Atoi(m.Resource.ID); err == nil {
		rid = n // REST's resource_id is an integer (§0.14)
	}
	return metafieldJSON{
		ID: m.ID, Key: m.Key, Value: m.Value, Namespace: m.Namespace, PermissionSet: m.PermissionSet, Description: m.Descr,
		ResourceType: m.Resource.Type, ResourceID: rid, Created: v3Time(m.Created), Modified: v3Time(m.Modified), OwnerClientID: m.OwnerClientID,
	}
}

// readResource runs fn with the store when it has the path's resource,
// else answers 404. A store that holds nothing yet still has its
// defaults (channel 1, location 1, itself).
func (r *REST) readResource(w http.ResponseWriter, in *gateway.Request, rt metafieldRoute, fn func(st *shop.Store, res shop.Resource)) bool {
	res := rt.resource(in)
	found := false
	r.readOrBlank(in, func(st *shop.Store) {
		if exists, _ := st.ResourceExists(res); exists {
			found = true
			fn(st, res)
		}
	})
	if !found {
		in.Error(w, modelError(errors.Join(shop.ErrNotFound, errors.New("no "+res.Type+" has id "+res.ID))))
	}
	return found
}

func (r *REST) listMetafields(rt metafieldRoute) gateway.Handler {
	return func(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
		q := req.URL.Query()
		f := shop.MetafieldFilter{Keys: queryList(q, "key:in"), Namespaces: queryList(q, "namespace:in"), Descending: q.Get("direction") == "desc"}
		if k := q.Get("key"); k != "" {
			f.Keys = append(f.Keys, k)
		}
		if ns := q.Get("namespace"); ns != "" {
			f.Namespaces = append(f.Namespaces, ns)
		}
		var page []metafieldJSON
		total := 0
		if r.readResource(w, in, rt, func(st *shop.Store, res shop.Resource) {
			all := st.Metafields(res, f)
			total, page = len(all), convertPage(q, all, metafieldOf)
		}) {
			answerPage(w, q, total, page)
		}
	}
}

func (r *REST) getMetafield(rt metafieldRoute) gateway.Handler {
	return func(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
		id := intParam(in, "metafield_id")
		var out *metafieldJSON
		if r.readResource(w, in, rt, func(st *shop.Store, res shop.Resource) {
			if m := st.Metafield(res, id); m != nil {
				j := metafieldOf(m)
				out = &j
			}
		}) {
			answerOne(w, in, out, "metafield of this "+rt.typ, id)
		}
	}
}

type metafieldIn struct {
	Key           *string `json:"key"`
	Value         *string `json:"value"`
	Namespace     *string `json:"namespace"`
	PermissionSet *string `json:"permission_set"`
	Description   *string `json:"description"`
}

func (m metafieldIn) input(in *gateway.Request) shop.MetafieldInput {
	return shop.MetafieldInput{Key: m.Key, Value: m.Value, Namespace: m.Namespace, PermissionSet: m.PermissionSet,
		Description: m.Description, OwnerClientID: in.Account.ClientID}
}

// metafieldError maps the model's errors as modelError does, and a
// namespace and key the resource has already to 409, as BigCommerce
// answers it.
func metafieldError(err error) gateway.Error {
	if errors.Is(err, shop.ErrDuplicate) {
		return gateway.Error{Status: http.StatusConflict, Title: "A metafield with this namespace and key exists already.", Detail: err.Error(), Fields: map[string]string{"key": err.Error()}}
	}
	return modelError(err)
}

// writeMetafield decodes a metafield body, runs write and answers the
// metafield it wrote.
func (r *REST) writeMetafield(w http.ResponseWriter, req *http.Request, in *gateway.Request,
	write func(st *shop.Store, m shop.MetafieldInput) (*shop.Metafield, []shop.Event, error)) {
	var body metafieldIn
	if !decodeBody(w, req, in, &body) {
		return
	}
	var out itemBody[metafieldJSON]
	if r.writeAs(w, req, in, metafieldError, func(st *shop.Store) ([]shop.Event, error) {
		m, events, err := write(st, body.input(in))
		if err == nil {
			out.Data = metafieldOf(m)
		}
		return events, err
	}) {
		gateway.WriteJSON(w, http.StatusOK, out)
	}
}

func (r *REST) createMetafield(rt metafieldRoute) gateway.Handler {
	return func(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
		res := rt.resource(in)
		r.writeMetafield(w, req, in, func(st *shop.Store, m shop.MetafieldInput) (*shop.Metafield, []shop.Event, error) {
			return st.CreateMetafield(res, m)
		})
	}
}

func (r *REST) updateMetafield(rt metafieldRoute) gateway.Handler {
	return func(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
		res, id := rt.resource(in), intParam(in, "metafield_id")
		r.writeMetafield(w, req, in, func(st *shop.Store, m shop.MetafieldInput) (*shop.Metafield, []shop.Event, error) {
			return st.UpdateMetafield(res, id, m)
		})
	}
}

func (r *REST) deleteMetafield(rt metafieldRoute) gateway.Handler {
	return func(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
		res, id := rt.resource(in), intParam(in, "metafield_id")
		r.deleted(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return st.DeleteMetafield(res, id) })
	}
}
