package bigcommerce

import "strings"

// Suggest looks up what a scope means before how it is spelt: BigCommerce
// names few events by what happened to the thing ("shipped", "paid"), so
// a scope guessed from the business event is often far, by edit distance,
// from the one to use, and near a wrong one (store/order/shipped is two
// edits from store/order/archived).

// sameResource maps the last segment of a scope, in lower case without
// "_" and "-", to the documented name of that event for the same
// resource: a synonym of created, deleted, updated or statusUpdated.
var sameResource = map[string]string{
	"new": "created", "placed": "created", "added": "created", "add": "created", "inserted": "created",
	"submitted": "created", "registered": "created", "signedup": "created",
	"removed": "deleted", "remove": "deleted", "destroyed": "deleted", "dropped": "deleted",
	"modified": "updated", "modify": "updated", "changed": "updated", "change": "updated",
	"edited": "updated", "edit": "updated",
	"status": "statusUpdated", "statuschanged": "statusUpdated", "statuschange": "statusUpdated",
	"statusmodified": "statusUpdated", "cancelled": "statusUpdated", "canceled": "statusUpdated",
	"completed": "statusUpdated", "declined": "statusUpdated",
}

// elsewhere maps a scope (without its channel, last segment normalised
// as for sameResource) to the event BigCommerce files under another
// resource: an order is shipped by creating a shipment, paid by a
// transaction, refunded by a refund; a cart checked out is converted.
var elsewhere = map[string]string{
	"store/order/shipped":      "store/shipment/created",
	"store/order/shipment":     "store/shipment/created",
	"store/order/paid":         "store/order/transaction/created",
	"store/order/payment":      "store/order/transaction/created",
	"store/order/charged":      "store/order/transaction/created",
	"store/order/refunded":     "store/order/refund/created",
	"store/order/refund":       "store/order/refund/created",
	"store/cart/checkedout":    "store/cart/converted",
	"store/cart/checkout":      "store/cart/converted",
	"store/cart/ordered":       "store/cart/converted",
	"store/cart/purchased":     "store/cart/converted",
	"store/product/outofstock": "store/product/inventory/updated",
}

// byMeaning returns the documented scope that s means by the tables
// above, in s's channel when that scope exists per channel, or "".
func byMeaning(s string) string {
	t, ch := Template(s)
	rest, perChannel := strings.CutPrefix(t, channelPrefix+ChannelPlaceholder+"/")
	if perChannel {
		rest = "store/" + rest
	} else {
		rest = t
	}
	i := strings.LastIndexByte(rest, '/')
	if i < 0 {
		return ""
	}
	resource := rest[:i]
	word := strings.NewReplacer("_", "", "-", "").Replace(strings.ToLower(rest[i+1:]))
	var meant []string
	if e, ok := elsewhere[resource+"/"+word]; ok {
		meant = append(meant, e)
	}
	if name, ok := sameResource[word]; ok {
		meant = append(meant, resource+"/"+name)
	}
	for _, m := range meant {
		if inChannel := channelPrefix + ChannelPlaceholder + "/" + strings.TrimPrefix(m, "store/"); perChannel && templateSet[inChannel] {
			return Fill(inChannel, max(ch, 1))
		}
		if templateSet[m] {
			return m
		}
	}
	return ""
}
