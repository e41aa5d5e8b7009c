package rest

import (
	"net/http"

	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// The v3 inventory resources (openapi/inventory-v3.yaml): items across
// locations, one location's items, adjustments and a location's settings.
// The locations themselves (GET/POST/PUT /v3/inventory/locations) are
// another document's.

func (r *REST) addInventoryV3(h map[string]gateway.Handler) {
	h["getInventoryItems"] = r.getInventoryItems
	h["getLocationInventoryItems"] = r.getLocationInventoryItems
	h["adjustInventoryAbsolute"] = r.adjustInventory(true)
	h["adjustInventoryRelative"] = r.adjustInventory(false)
	h["updateLocationInventorySettings"] = r.updateLocationInventorySettings
}

type identityJSON struct {
	SKU       string `json:"sku"`
	VariantID int    `json:"variant_id"`
	ProductID int    `json:"product_id"`
	SKUID     *int   `json:"sku_id,omitempty"` // absent for a base variant: inventory.v3 types it a plain integer
}

type settingsJSON struct {
	SafetyStock int    `json:"safety_stock"`
	InStock     bool   `json:"is_in_stock"`
	Warning     int    `json:"warning_level"`
	BinPicking  string `json:"bin_picking_number"`
}

type itemLocationJSON struct {
	LocationID   int          `json:"location_id"`
	LocationCode string       `json:"location_code"`
	LocationName string       `json:"location_name"`
	Available    int          `json:"available_to_sell"`
	OnHand       int          `json:"total_inventory_onhand"`
	Enabled      bool         `json:"location_enabled"`
	Settings     settingsJSON `json:"settings"`
}

type inventoryItemJSON struct {
	Identity  identityJSON       `json:"identity"`
	Locations []itemLocationJSON `json:"locations"`
}

type locationItemJSON struct {
	Identity  identityJSON `json:"identity"`
	Available int          `json:"available_to_sell"`
	OnHand    int          `json:"total_inventory_onhand"`
	Settings  settingsJSON `json:"settings"`
}

func identityOf(it shop.InventoryItem) identityJSON {
	out := identityJSON{SKU: it.Variant.SKU, VariantID: it.Variant.ID, ProductID: it.Product.ID}
	if id := it.Variant.SKUID; id > 0 {
		out.SKUID = &id
	}
	return out
}

func settingsOf(s shop.ItemStock) settingsJSON {
	return settingsJSON{SafetyStock: s.SafetyStock, InStock: s.InStock, Warning: s.Warning, BinPicking: s.BinPicking}
}

// inventoryQuery reads the items filters of a validated query.
func inventoryQuery(req *http.Request) shop.InventoryFilter {
	q := req.URL.Query()
	return shop.InventoryFilter{VariantIDs: intList(q, "variant_id:in"), ProductIDs: intList(q, "product_id:in"),
		SKUs: queryList(q, "sku:in"), LocationIDs: intList(q, "location_id:in"), LocationCodes: queryList(q, "location_code:in")}
}

func (r *REST) getInventoryItems(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	f := inventoryQuery(req)
	var body listBody[inventoryItemJSON]
	r.readOrBlank(in, func(st *shop.Store) {
		page, pg := pageOf(req.URL.Query(), st.InventoryItems(f))
		body.Meta.Pagination = &pg
		body.Data = make([]inventoryItemJSON, 0, len(page))
		for _, it := range page {
			out := inventoryItemJSON{Identity: identityOf(it), Locations: make([]itemLocationJSON, 0, len(it.Locations))}
			for _, s := range it.Locations {
				out.Locations = append(out.Locations, itemLocationJSON{LocationID: s.Location.ID, LocationCode: s.Location.Code,
					LocationName: s.Location.Label, Available: s.AvailableToSell, OnHand: s.OnHand, Enabled: s.Location.Enabled, Settings: settingsOf(s)})
			}
			body.Data = append(body.Data, out)
		}
	})
	gateway.WriteJSON(w, http.StatusOK, body)
}

func (r *REST) getLocationInventoryItems(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	loc := intParam(in, "location_id")
	f := inventoryQuery(req)
	f.LocationIDs = []int{loc}
	var body listBody[locationItemJSON]
	found := false
	r.readOrBlank(in, func(st *shop.Store) {
		if found = st.Location(loc) != nil; !found {
			return
		}
		page, pg := pageOf(req.URL.Query(), st.InventoryItems(f))
		body.Meta.Pagination = &pg
		body.Data = make([]locationItemJSON, 0, len(page))
		for _, it := range page {
			s := it.Locations[0]
			body.Data = append(body.Data, locationItemJSON{Identity: identityOf(it), Available: s.AvailableToSell, OnHand: s.OnHand, Settings: settingsOf(s)})
		}
	})
	if !found {
		in.Error(w, modelError(missing("location", loc)))
		return
	}
	gateway.WriteJSON(w, http.StatusOK, body)
}

type refIn struct {
	VariantID *int    `json:"variant_id"`
	ProductID *int    `json:"product_id"`
	SKU       *string `json:"sku"`
}

func (x refIn) ref() shop.InventoryRef {
	return shop.InventoryRef{VariantID: x.VariantID, ProductID: x.ProductID, SKU: x.SKU}
}

type adjustmentIn struct {
	Reason string `json:"reason"`
	Items  []struct {
		LocationID int `json:"location_id"`
		refIn
		Quantity int `json:"quantity"`
	} `json:"items"`
}

// transactionJSON is what an inventory or locations write answers: the
// id of the action, as BigCommerce does.
type transactionJSON struct {
	TransactionID string `json:"transaction_id"`
}

func (r *REST) adjustInventory(absolute bool) gateway.Handler {
	return func(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
		writeAnswer(r, w, req, in, func(st *shop.Store, body adjustmentIn) (transactionJSON, []shop.Event, error) {
			items := make([]shop.Adjustment, 0, len(body.Items))
			for _, it := range body.Items {
				items = append(items, shop.Adjustment{LocationID: it.LocationID, InventoryRef: it.ref(), Quantity: it.Quantity})
			}
			id, events, err := st.Adjust(absolute, items)
			return transactionJSON{id}, events, err
		})
	}
}

type settingsIn struct {
	Settings []struct {
		Identity    refIn   `json:"identity"`
		SafetyStock *int    `json:"safety_stock"`
		InStock     *bool   `json:"is_in_stock"`
		Warning     *int    `json:"warning_level"`
		BinPicking  *string `json:"bin_picking_number"`
	} `json:"settings"`
}

func (r *REST) updateLocationInventorySettings(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	loc := intParam(in, "location_id")
	writeAnswer(r, w, req, in, func(st *shop.Store, body settingsIn) (transactionJSON, []shop.Event, error) {
		items := make([]shop.InventorySettings, 0, len(body.Settings))
		for _, s := range body.Settings {
			items = append(items, shop.InventorySettings{InventoryRef: s.Identity.ref(), SafetyStock: s.SafetyStock, InStock: s.InStock, Warning: s.Warning, BinPicking: s.BinPicking})
		}
		id, events, err := st.UpdateInventorySettings(loc, items)
		return transactionJSON{id}, events, err
	})
}
