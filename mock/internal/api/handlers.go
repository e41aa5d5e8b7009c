package api

import (
	"errors"
	"fmt"
	"net/http"
	"net/mail"
	"net/url"
	"strconv"

	"github.com/bcmock/bcmock/mock/adminapi"
	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/store"
)

// handlers serves one API version.
type handlers struct {
	api *API
	ver apiVersion
}

// respond answers one hook in the version's shape.
func (h handlers) respond(w http.ResponseWriter, hook store.Hook) {
	if h.ver == v2 {
		writeRaw(w, http.StatusOK, append(appendHook(nil, toJSON(hook)), '\n'))
		return
	}
	writeHook(w, toJSON(hook))
}

// fail maps a store error to BigCommerce's status and body.
func (h handlers) fail(w http.ResponseWriter, in *gateway.Request, err error) {
	switch {
	case errors.Is(err, store.ErrNotFound):
		writeError(w, h.ver, http.StatusNotFound, fmt.Sprintf("Webhook with id [%s] not found", hookIDParam(in)), nil)
	case errors.Is(err, store.ErrDuplicate):
		writeError(w, h.ver, http.StatusConflict, titleConflict, map[string]string{"destination": err.Error()})
	case errors.Is(err, store.ErrExceptionHook):
		writeError(w, h.ver, http.StatusConflict, titleConflict, map[string]string{"scope": err.Error()})
	case errors.Is(err, store.ErrLimit):
		writeError(w, h.ver, http.StatusForbidden, titleLimit, map[string]string{"scope": err.Error()})
	default:
		h.api.logger.Error("store failure", "err", err)
		writeError(w, h.ver, http.StatusInternalServerError, "Internal error", nil)
	}
}

// hookID reads the hook id of the path: {webhook_id} in v3, {id} in v2.
// It is 0, which no hook has, when it is not a number.
func hookID(in *gateway.Request) int {
	id, _ := strconv.Atoi(hookIDParam(in))
	return id
}

func hookIDParam(in *gateway.Request) string {
	if id, ok := in.Params["webhook_id"]; ok {
		return id
	}
	return in.Param("id")
}

func (h handlers) get(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	hook, err := h.api.store.Get(in.Param("store_hash"), in.Account.ClientID, hookID(in))
	if err != nil {
		h.fail(w, in, err)
		return
	}
	h.respond(w, hook)
}

func (h handlers) remove(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	storeHash := in.Param("store_hash")
	hook, err := h.api.store.Delete(storeHash, in.Account.ClientID, hookID(in))
	if err != nil {
		h.fail(w, in, err)
		return
	}
	h.api.changed(storeHash)
	h.respond(w, hook)
}

// readHook decodes and checks a create or update body, answering 422 and
// returning false when it breaks a rule.
func (h handlers) readHook(w http.ResponseWriter, r *http.Request, in *gateway.Request, create bool) (hookInput, bool) {
	hook, fields := decodeHook(in.Object(), create)
	hook.ownReceiver = r.Header.Get(adminapi.OwnReceiverHeader) == "true"
	if fields == nil {
		fields = h.api.checkHook(w, r, hook)
	}
	if len(fields) > 0 {
		writeError(w, h.ver, http.StatusUnprocessableEntity, titleUnprocessable, fields)
		return hook, false
	}
	return hook, true
}

func (h handlers) create(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	body, ok := h.readHook(w, r, in, true)
	if !ok {
		return
	}
	storeHash := in.Param("store_hash")
	hook, err := h.api.store.Create(storeHash, in.Account.ClientID, store.Input{
		Scope: *body.Scope, Destination: *body.Destination, IsActive: body.IsActive, Headers: body.Headers,
	})
	if err != nil {
		h.fail(w, in, err)
		return
	}
	h.api.logger.Info("webhook created", "store", storeHash, "client_id", hook.ClientID, "id", hook.ID, "scope", hook.Scope, "destination", hook.Destination)
	h.api.changed(storeHash)
	h.respond(w, hook)
}

func (h handlers) update(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	body, ok := h.readHook(w, r, in, false)
	if !ok {
		return
	}
	storeHash := in.Param("store_hash")
	hook, err := h.api.store.Update(storeHash, in.Account.ClientID, hookID(in), store.Patch{
		Scope: body.Scope, Destination: body.Destination, IsActive: body.IsActive,
		SetHeaders: body.headersSet, Headers: body.Headers,
	})
	if err != nil {
		h.fail(w, in, err)
		return
	}
	h.api.changed(storeHash)
	h.respond(w, hook)
}

func (h handlers) list(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	q := r.URL.Query()
	page := bigcommerce.PageOf(q)
	if page.Limit > bigcommerce.MaxLimit {
		writeError(w, h.ver, http.StatusRequestEntityTooLarge,
			fmt.Sprintf("The limit of %d is too large; the maximum is %d.", page.Limit, bigcommerce.MaxLimit), nil)
		return
	}
	f := store.Filter{Scope: q.Get("scope"), Destination: q.Get("destination")}
	if v := q.Get("is_active"); v != "" {
		b, _ := strconv.ParseBool(v) // validated by the document
		f.IsActive = &b
	}
	list := newHookList(h.ver == v3)
	total := h.api.store.VisitPage(in.Param("store_hash"), in.Account.ClientID, f, page.Offset(), page.Limit, list.add)
	var p *bigcommerce.Pagination
	if h.ver == v3 {
		pg := bigcommerce.Paginate(q, total, list.count, page)
		p = &pg
	}
	list.write(w, p)
}

func (h handlers) getAdmin(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	storeHash, clientID := in.Param("store_hash"), in.Account.ClientID
	f := store.Filter{}
	if v := r.URL.Query().Get("is_active"); v != "" {
		b, _ := strconv.ParseBool(v)
		f.IsActive = &b
	}
	hooks := h.api.store.List(storeHash, clientID, f)
	data := bigcommerce.HooksAdmin{Emails: h.api.store.Emails(storeHash, clientID), HooksList: make([]bigcommerce.AdminHook, 0, len(hooks)), BlockedDomains: []bigcommerce.BlockedDomain{}}
	for _, hook := range hooks {
		data.HooksList = append(data.HooksList, bigcommerce.AdminHook{Hook: toJSON(hook), Status: hook.Status()})
	}
	if h.api.blocklist != nil {
		if b := h.api.blocklist.BlockedDomains(storeHash, clientID); b != nil {
			data.BlockedDomains = b
		}
	}
	perPage := max(len(hooks), bigcommerce.DefaultLimit)
	gateway.WriteJSON(w, http.StatusOK, listEnvelope{Data: data, Meta: listMeta{Pagination: bigcommerce.Paginate(url.Values{}, len(hooks), len(hooks), bigcommerce.Page{Number: 1, Limit: perPage})}})
}

func (h handlers) putAdmin(w http.ResponseWriter, r *http.Request, in *gateway.Request) {
	emails, fields := emailsField(in.Object())
	for i, e := range emails {
		if addr, err := mail.ParseAddress(e); err != nil || addr.Address != e {
			fields[fmt.Sprintf("emails.%d", i)] = fmt.Sprintf("%q is not an email address", e)
		}
	}
	if len(fields) > 0 {
		writeError(w, h.ver, http.StatusUnprocessableEntity, titleUnprocessable, fields)
		return
	}
	h.api.store.SetEmails(in.Param("store_hash"), in.Account.ClientID, emails)
	w.WriteHeader(http.StatusNoContent)
}
