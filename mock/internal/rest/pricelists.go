package rest

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// The v3 price lists resources (openapi/pricelists-v3.yaml): lists, their
// records and their assignments.

func (r *REST) addPriceListsV3(h map[string]gateway.Handler) {
	h["getPriceLists"] = r.getPriceLists
	h["createPriceList"] = r.createPriceList
	h["deletePriceLists"] = r.deletePriceLists
	h["getPriceList"] = r.getPriceList
	h["updatePriceList"] = r.updatePriceList
	h["deletePriceList"] = r.deletePriceList
	h["getPriceRecords"] = r.getPriceRecords
	h["upsertPriceRecords"] = r.upsertPriceRecords
	h["deletePriceRecords"] = r.deletePriceRecords
	h["createPriceRecordsBatch"] = r.createPriceRecordsBatch
	h["getPriceRecordsOfVariant"] = r.getPriceRecordsOfVariant
	h["getPriceRecord"] = r.getPriceRecord
	h["setPriceRecord"] = r.setPriceRecord
	h["deletePriceRecord"] = r.deletePriceRecord
	h["getPriceListAssignments"] = r.getAssignments
	h["createPriceListAssignments"] = r.createAssignments
	h["deletePriceListAssignments"] = r.deleteAssignments
	h["upsertPriceListAssignment"] = r.upsertAssignment
}

type priceListJSON struct {
	ID       int    `json:"id"`
	Name     string `json:"name"`
	Active   bool   `json:"active"`
	Created  string `json:"date_created"`
	Modified string `json:"date_modified"`
}

func priceListOf(l *shop.PriceList) priceListJSON {
	return priceListJSON{ID: l.ID, Name: l.Name, Active: l.Active, Created: v3Time(l.Created), Modified: v3Time(l.Modified)}
}

type tierJSON struct {
	QuantityMin int     `json:"quantity_min"`
	QuantityMax int     `json:"quantity_max,omitempty"`
	Type        string  `json:"type"`
	Amount      float64 `json:"amount"`
}

type recordJSON struct {
	PriceListID int         `json:"price_list_id"`
	VariantID   int         `json:"variant_id"`
	ProductID   int         `json:"product_id"`
	SKU         string      `json:"sku,omitempty"`
	Currency    string      `json:"currency"`
	Price       float64     `json:"price"`
	SalePrice   *float64    `json:"sale_price,omitempty"`
	RetailPrice *float64    `json:"retail_price,omitempty"`
	MapPrice    *float64    `json:"map_price,omitempty"`
	Calculated  float64     `json:"calculated_price"`
	Tiers       *[]tierJSON `json:"bulk_pricing_tiers,omitempty"`
	Created     string      `json:"date_created"`
	Modified    string      `json:"date_modified"`
}

// recordIncludes are the include= options of a records read.
type recordIncludes struct{ tiers, sku bool }

func recordIncludesOf(q url.Values) recordIncludes {
	inc := includeSet(q)
	return recordIncludes{tiers: inc["bulk_pricing_tiers"], sku: inc["sku"]}
}

func recordOf(rec *shop.PriceRecord, inc recordIncludes) recordJSON {
	out := recordJSON{
		PriceListID: rec.PriceListID, VariantID: rec.VariantID, ProductID: rec.ProductID,
		Currency: strings.ToLower(rec.Currency), Price: rec.Price.Float(), Calculated: rec.Calculated().Float(),
		SalePrice: optFloat(rec.SalePrice), RetailPrice: optFloat(rec.RetailPrice), MapPrice: optFloat(rec.MapPrice),
		Created: v3Time(rec.Created), Modified: v3Time(rec.Modified),
	}
	if inc.sku {
		out.SKU = rec.SKU
	}
	if inc.tiers {
		tiers := make([]tierJSON, len(rec.Tiers))
		for i, t := range rec.Tiers {
			tiers[i] = tierJSON{QuantityMin: t.QuantityMin, QuantityMax: t.QuantityMax, Type: t.Type, Amount: t.Amount.Float()}
		}
		out.Tiers = &tiers
	}
	return out
}

func optFloat(m *shop.Money) *float64 {
	if m == nil {
		return nil
	}
	f := m.Float()
	return &f
}

// --- lists ---

func (r *REST) getPriceLists(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f := shop.PriceListFilter{IDs: intList(q, "id:in"), Name: q.Get("name"), NameLike: q.Get("name:like")}
	if id, err := strconv.Atoi(q.Get("id")); err == nil {
		f.IDs = append(f.IDs, id)
	}
	for _, e := range []*gateway.Error{
		dateFilters(q, "date_created", &f.CreatedMin, &f.CreatedMax), dateFilters(q, "date_modified", &f.ModifiedMin, &f.ModifiedMax),
	} {
		if e != nil {
			in.Error(w, *e)
			return
		}
	}
	answerCursorList(r, w, q, in, func(st *shop.Store) []*shop.PriceList { return st.PriceLists(f) }, priceListOrder, priceListOf)
}

// priceListOrder places a price list by its id, the order PriceLists
// answers them in.
var priceListOrder = idOrder("pricelist", func(l *shop.PriceList) int { return l.ID })

func (r *REST) getPriceList(w http.ResponseWriter, _ *http.Request, in *gateway.Request) {
	id := intParam(in, "price_list_id")
	var out *priceListJSON
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st == nil {
			return
		}
		if l := st.PriceList(id); l != nil {
			j := priceListOf(l)
			out = &j
		}
	})
	answerOne(w, in, out, "price list", id)
}

type priceListIn struct {
	Name   *string `json:"name"`
	Active *bool   `json:"active"`
}

func (r *REST) writePriceList(w http.ResponseWriter, req *http.Request, in *gateway.Request,
	write func(st *shop.Store, l shop.PriceListInput) (*shop.PriceList, []shop.Event, error)) {
	writeAnswer(r, w, req, in, func(st *shop.Store, body priceListIn) (out itemBody[priceListJSON], _ []shop.Event, _ error) {
		l, events, err := write(st, shop.PriceListInput{Name: body.Name, Active: body.Active})
		if err == nil {
			out.Data = priceListOf(l)
		}
		return out, events, err
	})
}

func (r *REST) createPriceList(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.writePriceList(w, req, in, (*shop.Store).CreatePriceList)
}

func (r *REST) updatePriceList(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "price_list_id")
	r.writePriceList(w, req, in, func(st *shop.Store, l shop.PriceListInput) (*shop.PriceList, []shop.Event, error) {
		return st.UpdatePriceList(id, l)
	})
}

func (r *REST) deletePriceList(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "price_list_id")
	r.deleted(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return st.DeletePriceList(id) })
}

func (r *REST) deletePriceLists(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.deleteByIDs(w, req, in, (*shop.Store).DeletePriceLists)
}

// deleted runs a delete and answers 204.
func (r *REST) deleted(w http.ResponseWriter, req *http.Request, in *gateway.Request, del func(st *shop.Store) ([]shop.Event, error)) {
	if r.write(w, req, in, del) {
		w.WriteHeader(http.StatusNoContent)
	}
}

// --- records ---

// readList runs fn with the store when it holds price list id, else
// answers 404.
func (r *REST) readList(w http.ResponseWriter, in *gateway.Request, fn func(st *shop.Store, list int)) bool {
	id := intParam(in, "price_list_id")
	found := false
	r.cfg.Shop.Read(storeHash(in), func(st *shop.Store) {
		if st != nil && st.PriceList(id) != nil {
			found = true
			fn(st, id)
		}
	})
	if !found {
		in.Error(w, modelError(missing("price list", id)))
	}
	return found
}

func recordFilter(q url.Values) shop.RecordFilter {
	f := shop.RecordFilter{VariantIDs: intList(q, "variant_id:in"), ProductIDs: intList(q, "product_id:in")}
	if c := q.Get("currency"); c != "" {
		f.Currencies = []string{strings.ToUpper(c)}
	}
	return f
}

func (r *REST) getPriceRecords(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	r.listRecords(w, in, q, recordFilter(q))
}

func (r *REST) getPriceRecordsOfVariant(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.listRecords(w, in, req.URL.Query(), shop.RecordFilter{VariantIDs: []int{intParam(in, "variant_id")}})
}

// listRecords answers a page of records, by page or by cursor,
// converting only the page (a list may hold thousands).
func (r *REST) listRecords(w http.ResponseWriter, in *gateway.Request, q url.Values, f shop.RecordFilter) {
	inc := recordIncludesOf(q)
	var body listBody[recordJSON]
	var e *gateway.Error
	if !r.readList(w, in, func(st *shop.Store, list int) {
		body, e = pageByCursor(q, st.PriceRecords(list, f), recordOrder, func(rec *shop.PriceRecord) recordJSON { return recordOf(rec, inc) })
	}) {
		return
	}
	if e != nil {
		in.Error(w, *e)
		return
	}
	gateway.WriteJSON(w, http.StatusOK, body)
}

// recordOrder places a record by variant, then currency, the order
// PriceRecords answers them in; the key is "variant,currency", as
// BigCommerce's own record cursors decode.
var recordOrder = cursorOrder[*shop.PriceRecord]{
	kind: "record",
	key:  func(rec *shop.PriceRecord) string { return strconv.Itoa(rec.VariantID) + "," + rec.Currency },
	past: func(rec *shop.PriceRecord, key string) bool {
		v, cur, ok := strings.Cut(key, ",")
		id, err := strconv.Atoi(v)
		if !ok || err != nil {
			return false
		}
		return rec.VariantID > id || rec.VariantID == id && rec.Currency > cur
	},
}

func (r *REST) getPriceRecord(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	variant, currency := intParam(in, "variant_id"), in.Param("currency_code")
	inc := recordIncludesOf(req.URL.Query())
	var out *recordJSON
	if !r.readList(w, in, func(st *shop.Store, list int) {
		if rec := st.PriceRecord(list, variant, currency); rec != nil {
			j := recordOf(rec, inc)
			out = &j
		}
	}) {
		return
	}
	if out == nil {
		in.Error(w, modelError(fmt.Errorf("%w: variant %d has no price record in %s on this list", shop.ErrNotFound, variant, strings.ToUpper(currency))))
		return
	}
	gateway.WriteJSON(w, http.StatusOK, itemBody[recordJSON]{Data: *out})
}

// pricesIn are the prices of a record write.
type pricesIn struct {
	Price       *float64 `json:"price"`
	SalePrice   *float64 `json:"sale_price"`
	RetailPrice *float64 `json:"retail_price"`
	MapPrice    *float64 `json:"map_price"`
	Tiers       *[]struct {
		QuantityMin int     `json:"quantity_min"`
		QuantityMax int     `json:"quantity_max"`
		Type        string  `json:"type"`
		Amount      float64 `json:"amount"`
	} `json:"bulk_pricing_tiers"`
}

// recordIn is one record of a batch write.
type recordIn struct {
	pricesIn
	PriceListID int    `json:"price_list_id"`
	VariantID   int    `json:"variant_id"`
	Currency    string `json:"currency"`
}

// optMoney converts a price of the body; bad is set when one is not an
// amount the model keeps (beyond a trillion).
func optMoney(v *float64, bad *bool) *shop.Money {
	if v == nil {
		return nil
	}
	m, ok := shop.MoneyOf(*v)
	*bad = *bad || !ok
	return &m
}

// input converts the prices of record (list, variant, currency).
func (p pricesIn) input(list, variant int, currency string) (shop.RecordInput, error) {
	bad := false
	out := shop.RecordInput{PriceListID: list, VariantID: variant, Currency: currency,
		Price: optMoney(p.Price, &bad), SalePrice: optMoney(p.SalePrice, &bad), RetailPrice: optMoney(p.RetailPrice, &bad), MapPrice: optMoney(p.MapPrice, &bad)}
	if p.Tiers != nil {
		tiers := make([]shop.BulkTier, len(*p.Tiers))
		for i, t := range *p.Tiers {
			tiers[i] = shop.BulkTier{QuantityMin: t.QuantityMin, QuantityMax: t.QuantityMax, Type: t.Type, Amount: *optMoney(&t.Amount, &bad)}
		}
		out.Tiers = &tiers
	}
	if bad {
		return out, fmt.Errorf("%w: a price of variant %d in %s is not an amount bcmock keeps (at most 10^12)", shop.ErrInvalid, variant, currency)
	}
	return out, nil
}

// allRecordIncludes shows a written record whole.
var allRecordIncludes = recordIncludes{tiers: true, sku: true}

func (r *REST) setPriceRecord(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	list, variant, currency := intParam(in, "price_list_id"), intParam(in, "variant_id"), in.Param("currency_code")
	writeAnswer(r, w, req, in, func(st *shop.Store, body pricesIn) (out itemBody[recordJSON], _ []shop.Event, _ error) {
		ri, err := body.input(list, variant, currency)
		if err != nil {
			return out, nil, err
		}
		rec, events, err := st.UpsertRecord(ri)
		if err == nil {
			out.Data = recordOf(rec, allRecordIncludes)
		}
		return out, events, err
	})
}

func (r *REST) deletePriceRecord(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	list, variant, currency := intParam(in, "price_list_id"), intParam(in, "variant_id"), in.Param("currency_code")
	r.deleted(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return st.DeleteRecord(list, variant, currency) })
}

// writeRecords runs a records batch; list, when not 0, is every record's.
func (r *REST) writeRecords(w http.ResponseWriter, req *http.Request, in *gateway.Request, list int) {
	writeAnswer(r, w, req, in, func(st *shop.Store, body []recordIn) (out itemsBody[recordJSON], _ []shop.Event, _ error) {
		batch := make([]shop.RecordInput, len(body))
		for i, rec := range body {
			if list != 0 {
				rec.PriceListID = list
			}
			ri, err := rec.input(rec.PriceListID, rec.VariantID, rec.Currency)
			if err != nil {
				return out, nil, err
			}
			batch[i] = ri
		}
		written, events, err := st.UpsertRecords(batch)
		out.Data = make([]recordJSON, 0, len(written))
		for _, rec := range written {
			out.Data = append(out.Data, recordOf(rec, allRecordIncludes))
		}
		return out, events, err
	})
}

func (r *REST) upsertPriceRecords(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.writeRecords(w, req, in, intParam(in, "price_list_id"))
}

func (r *REST) createPriceRecordsBatch(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.writeRecords(w, req, in, 0)
}

func (r *REST) deletePriceRecords(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	list, f := intParam(in, "price_list_id"), recordFilter(req.URL.Query())
	r.deleted(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return st.DeleteRecords(list, f) })
}

// --- assignments ---

type assignmentJSON struct {
	ID              int `json:"id"`
	PriceListID     int `json:"price_list_id"`
	CustomerGroupID int `json:"customer_group_id"`
	ChannelID       int `json:"channel_id"`
}

func assignmentOf(a *shop.PriceAssignment) assignmentJSON {
	return assignmentJSON{ID: a.ID, PriceListID: a.PriceListID, CustomerGroupID: a.CustomerGroupID, ChannelID: a.ChannelID}
}

// assignmentFilter reads the assignment filters, each as a single value
// (price_list_id=) or a list (price_list_id:in=).
func assignmentFilter(q url.Values) shop.AssignmentFilter {
	both := func(key string) []int {
		out := intList(q, key+":in")
		if n, err := strconv.Atoi(q.Get(key)); err == nil {
			out = append(out, n)
		}
		return out
	}
	return shop.AssignmentFilter{IDs: intList(q, "id:in"), PriceListIDs: both("price_list_id"), CustomerGroupIDs: both("customer_group_id"), ChannelIDs: both("channel_id")}
}

func (r *REST) getAssignments(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f := assignmentFilter(q)
	answerList(r, w, q, in, func(st *shop.Store) []*shop.PriceAssignment { return st.PriceAssignments(f) }, assignmentOf)
}

type assignmentIn struct {
	PriceListID     int `json:"price_list_id"`
	CustomerGroupID int `json:"customer_group_id"`
	ChannelID       int `json:"channel_id"`
}

func (r *REST) createAssignments(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	writeAnswer(r, w, req, in, func(st *shop.Store, body []assignmentIn) (out itemsBody[assignmentJSON], _ []shop.Event, _ error) {
		batch := make([]shop.AssignmentInput, len(body))
		for i, a := range body {
			batch[i] = shop.AssignmentInput(a)
		}
		written, events, err := st.UpsertAssignments(batch)
		out.Data = make([]assignmentJSON, 0, len(written))
		for _, a := range written {
			out.Data = append(out.Data, assignmentOf(a))
		}
		return out, events, err
	})
}

func (r *REST) upsertAssignment(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	list := intParam(in, "price_list_id")
	writeAnswer(r, w, req, in, func(st *shop.Store, body assignmentIn) (out itemBody[assignmentJSON], _ []shop.Event, _ error) {
		if st.PriceList(list) == nil {
			return out, nil, missing("price list", list)
		}
		body.PriceListID = list
		written, events, err := st.UpsertAssignments([]shop.AssignmentInput{shop.AssignmentInput(body)})
		if err == nil {
			out.Data = assignmentOf(written[0])
		}
		return out, events, err
	})
}

func (r *REST) deleteAssignments(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	f := assignmentFilter(req.URL.Query())
	r.deleted(w, req, in, func(st *shop.Store) ([]shop.Event, error) { return st.DeleteAssignments(f) })
}
