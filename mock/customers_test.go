// These tests read the customers, addresses, stored instruments,
// subscribers and channels behind the events, as an integration does after
// a callback, with every response checked against bcmock's documents
// (mock.WithResponseValidation answers a 500 for a response that does not
// fit, so every status expectation below is also a contract check).
package mock_test

import (
	"cmp"
	"encoding/base64"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"testing"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"github.com/bcmock/bcmock/mock"
)

const v3 = "/stores/abc123/v3"

func newStoreHarness(t *testing.T) *harness {
	t.Helper()
	return newHarness(t, mock.WithResponseValidation())
}

// raisedData raises scope (data "" invents everything) and returns the
// data the callback carries.
func (h *harness) raisedData(scope, data string) map[string]any {
	h.t.Helper()
	raised := h.raise("abc123", scope, data)
	return field(h.t, raised, "payload", "data").(map[string]any)
}

func data(t *testing.T, v any) []any {
	t.Helper()
	d, ok := field(t, v, "data").([]any)
	if !ok {
		t.Fatalf("data is not a list: %v", v)
	}
	return d
}

// TestEveryCustomerScopeIsReadable raises each customer, address,
// instrument, login-access, subscriber and channel scope with invented data
// and makes the follow-up read the reference names for it.
func TestEveryCustomerScopeIsReadable(t *testing.T) {
	tests := []struct {
		scope string
		check func(t *testing.T, h *harness, d map[string]any)
	}{
		{"store/customer/created", func(t *testing.T, h *harness, d map[string]any) {
			id := num(t, d, "id")
			got := data(t, h.get(v3+fmt.Sprintf("/customers?id:in=%d&include=addresses,attributes,formfields,storecredit", id), 200))
			if len(got) != 1 || num(t, got[0], "id") != id {
				t.Fatalf("customers = %v, want customer %d", got, id)
			}
			if n := len(field(t, got[0], "addresses").([]any)); n != num(t, got[0], "address_count") || n == 0 {
				t.Errorf("%d addresses, address_count %d", n, num(t, got[0], "address_count"))
			}
		}},
		{"store/customer/updated", func(t *testing.T, h *harness, d map[string]any) {
			got := data(t, h.get(v3+fmt.Sprintf("/customers?id:in=%d", num(t, d, "id")), 200))
			if len(got) != 1 {
				t.Fatalf("customers = %v", got)
			}
		}},
		{"store/customer/deleted", func(t *testing.T, h *harness, d map[string]any) {
			if got := data(t, h.get(v3+fmt.Sprintf("/customers?id:in=%d", num(t, d, "id")), 200)); len(got) != 0 {
				t.Fatalf("deleted customer still listed: %v", got)
			}
		}},
		{"store/customer/address/created", func(t *testing.T, h *harness, d map[string]any) {
			id, owner := num(t, d, "id"), num(t, d, "address", "customer_id")
			got := data(t, h.get(v3+fmt.Sprintf("/customers/addresses?id:in=%d", id), 200))
			if len(got) != 1 || num(t, got[0], "customer_id") != owner {
				t.Fatalf("addresses = %v, want address %d of customer %d", got, id, owner)
			}
			byOwner := data(t, h.get(v3+fmt.Sprintf("/customers/addresses?customer_id:in=%d", owner), 200))
			if !slices.ContainsFunc(byOwner, func(a any) bool { return num(t, a, "id") == id }) {
				t.Errorf("customer_id:in=%d misses address %d: %v", owner, id, byOwner)
			}
		}},
		{"store/customer/address/updated", func(t *testing.T, h *harness, d map[string]any) {
			if got := data(t, h.get(v3+fmt.Sprintf("/customers/addresses?id:in=%d", num(t, d, "id")), 200)); len(got) != 1 {
				t.Fatalf("addresses = %v", got)
			}
		}},
		{"store/customer/address/deleted", func(t *testing.T, h *harness, d map[string]any) {
			if got := data(t, h.get(v3+fmt.Sprintf("/customers/addresses?id:in=%d", num(t, d, "id")), 200)); len(got) != 0 {
				t.Fatalf("deleted address still listed: %v", got)
			}
		}},
		{"store/customer/payment/instrument/default/updated", func(t *testing.T, h *harness, d map[string]any) {
			got := h.get(v3+fmt.Sprintf("/customers/%d/stored-instruments", num(t, d, "id")), 200).([]any)
			defaults := 0
			for _, in := range got {
				if field(t, in, "is_default") == true {
					defaults++
				}
			}
			if len(got) == 0 || defaults != 1 {
				t.Fatalf("instruments = %v, want one default", got)
			}
		}},
		{"store/customer/channel/login/access/updated", func(t *testing.T, h *harness, d map[string]any) {
			got := data(t, h.get(v3+fmt.Sprintf("/customers?id:in=%d", num(t, d, "customer_id")), 200))
			if len(got) != 1 || fmt.Sprint(field(t, got[0], "channel_ids")) != fmt.Sprint(d["channel_ids"]) {
				t.Fatalf("customers = %v, want channel_ids %v", got, d["channel_ids"])
			}
			for _, ch := range d["channel_ids"].([]any) {
				h.get(v3+fmt.Sprintf("/channels/%d", int(ch.(float64))), 200)
			}
		}},
		{"store/subscriber/created", func(t *testing.T, h *harness, d map[string]any) {
			if got := h.get(v3+fmt.Sprintf("/customers/subscribers/%d", num(t, d, "id")), 200); num(t, got, "data", "id") != num(t, d, "id") {
				t.Fatalf("subscriber = %v", got)
			}
		}},
		{"store/subscriber/updated", func(t *testing.T, h *harness, d map[string]any) {
			h.get(v3+fmt.Sprintf("/customers/subscribers/%d", num(t, d, "id")), 200)
		}},
		{"store/subscriber/deleted", func(t *testing.T, h *harness, d map[string]any) {
			h.get(v3+fmt.Sprintf("/customers/subscribers/%d", num(t, d, "id")), 404)
		}},
		{"store/channel/created", func(t *testing.T, h *harness, d map[string]any) {
			got := h.get(v3+fmt.Sprintf("/channels/%d?include=currencies", num(t, d, "id")), 200)
			if num(t, got, "data", "id") != num(t, d, "id") || num(t, got, "data", "currencies", "channel_id") != num(t, d, "id") {
				t.Fatalf("channel = %v", got)
			}
		}},
		{"store/channel/updated", func(t *testing.T, h *harness, d map[string]any) {
			h.get(v3+fmt.Sprintf("/channels/%d", num(t, d, "id")), 200)
		}},
	}
	for _, tt := range tests {
		t.Run(tt.scope, func(t *testing.T) {
			h := newStoreHarness(t)
			tt.check(t, h, h.raisedData(tt.scope, ""))
		})
	}
}

// TestCustomerEventsKeepTheStateTheyImply follows one customer through
// its events: updates move date_modified, address events leave the
// customer alone, the default instrument moves, login access sets the
// channels, and deletion empties the id:in read.
func TestCustomerEventsKeepTheStateTheyImply(t *testing.T) {
	h := newStoreHarness(t)
	h.raise("abc123", "store/customer/created", `{"id":41}`)
	customer := func() any {
		got := data(t, h.get(v3+"/customers?id:in=41&include=addresses", 200))
		if len(got) != 1 {
			t.Fatalf("customer 41: %v", got)
		}
		return got[0]
	}
	created := field(t, customer(), "date_created")

	h.advance(60)
	h.raise("abc123", "store/customer/address/created", `{"id":900,"address":{"customer_id":41}}`)
	h.raise("abc123", "store/customer/address/updated", `{"id":900}`) // the owner comes from the state
	c := customer()
	if field(t, c, "date_modified") != created {
		t.Errorf("an address event changed the customer: date_modified %v, created %v", field(t, c, "date_modified"), created)
	}
	if !slices.ContainsFunc(field(t, c, "addresses").([]any), func(a any) bool { return num(t, a, "id") == 900 }) {
		t.Errorf("address 900 not in the customer's addresses: %v", field(t, c, "addresses"))
	}
	if got := data(t, h.get(v3+"/customers/addresses?id:in=900", 200)); num(t, got[0], "customer_id") != 41 {
		t.Errorf("address 900 moved to %v", got[0])
	}

	h.raise("abc123", "store/customer/updated", `{"id":41}`)
	if c := customer(); field(t, c, "date_modified") == created {
		t.Errorf("customer/updated left date_modified at %v", created)
	}

	defaultToken := func() string {
		for _, in := range h.get(v3+"/customers/41/stored-instruments", 200).([]any) {
			if field(t, in, "is_default") == true {
				return field(t, in, "token").(string)
			}
		}
		return ""
	}
	h.raise("abc123", "store/customer/payment/instrument/default/updated", `{"id":41}`)
	first := defaultToken()
	h.raise("abc123", "store/customer/payment/instrument/default/updated", `{"id":41}`)
	if second := defaultToken(); first == "" || second == first {
		t.Errorf("default instrument %q then %q: the event says it changed", first, second)
	}

	h.raise("abc123", "store/customer/channel/login/access/updated", `{"customer_id":41,"channel_ids":[1,5]}`)
	if got := fmt.Sprint(field(t, customer(), "channel_ids")); got != "[1 5]" {
		t.Errorf("channel_ids = %s, want [1 5]", got)
	}
	h.get(v3+"/channels/5", 200)

	h.raise("abc123", "store/customer/address/deleted", `{"id":900}`)
	if got := data(t, h.get(v3+"/customers/addresses?id:in=900", 200)); len(got) != 0 {
		t.Errorf("deleted address listed: %v", got)
	}
	h.raise("abc123", "store/customer/deleted", `{"id":41}`)
	if got := data(t, h.get(v3+"/customers?id:in=41", 200)); len(got) != 0 {
		t.Errorf("deleted customer listed: %v", got)
	}
	h.get(v3+"/customers/41/stored-instruments", 404)
}

// TestCustomerEventsCarryTheirChannels raises store/customer/created and
// updated, whose callback schemas add origin_channel_id and channel_ids to
// the events page's {type, id}: the data carry the channels the store
// holds for the customer, and channels given in the data become the
// customer's.
func TestCustomerEventsCarryTheirChannels(t *testing.T) {
	tests := []struct {
		name, scope, data   string
		wantOrigin          int
		wantChannels, state string // state: channel_ids the customer reads with
	}{
		{"new customer in the default channel", "store/customer/created", `{"id":41}`, 1, "[1]", "[1]"},
		{"origin given", "store/customer/created", `{"id":42,"origin_channel_id":3}`, 3, "[3]", "[3]"},
		{"channels given", "store/customer/created", `{"id":43,"channel_ids":[4,6]}`, 4, "[4 6]", "[4 6]"},
		{"both given", "store/customer/updated", `{"id":44,"origin_channel_id":2,"channel_ids":[1,2]}`, 2, "[1 2]", "[1 2]"},
		{"held customer's channels", "store/customer/updated", `{"id":45}`, 1, "[1 5]", "[1 5]"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newStoreHarness(t)
			if tc.name == "held customer's channels" {
				h.raise("abc123", "store/customer/created", `{"id":45}`)
				h.raise("abc123", "store/customer/channel/login/access/updated", `{"customer_id":45,"channel_ids":[1,5]}`)
			}
			d := h.raisedData(tc.scope, tc.data)
			if num(t, d, "origin_channel_id") != tc.wantOrigin || fmt.Sprint(d["channel_ids"]) != tc.wantChannels {
				t.Errorf("data %v, want origin_channel_id %d and channel_ids %s", d, tc.wantOrigin, tc.wantChannels)
			}
			c := data(t, h.get(v3+fmt.Sprintf("/customers?id:in=%d", num(t, d, "id")), 200))[0]
			if num(t, c, "origin_channel_id") != tc.wantOrigin || fmt.Sprint(field(t, c, "channel_ids")) != tc.state {
				t.Errorf("customer reads origin %v channels %v, want %d %s", field(t, c, "origin_channel_id"), field(t, c, "channel_ids"), tc.wantOrigin, tc.state)
			}
			h.get(v3+fmt.Sprintf("/channels/%d", tc.wantOrigin), 200)
		})
	}
}

// callbacks waits for n callbacks and returns their scopes and data in
// the order the mock raised them (deliveries run concurrently, so the
// receiver's order is not it), each checked against its schema and
// signature.
func callbacks(t *testing.T, h *harness, rc *receiver, n int) (scopes []string, datas []map[string]any) {
	t.Helper()
	scopes, all := callbackPayloads(t, h, rc, n)
	for _, d := range all {
		obj, _ := d.(map[string]any)
		datas = append(datas, obj)
	}
	return scopes, datas
}

// callbackPayloads is callbacks with the data as it came: an object, or
// the array of a store/priceList/records/* event.
func callbackPayloads(t *testing.T, h *harness, rc *receiver, n int) (scopes []string, datas []any) {
	t.Helper()
	h.advance(0)
	calls := waitForCalls(t, rc, n)
	raised := map[string]float64{} // webhook-id -> delivery id
	for _, d := range h.records("deliveries", "") {
		raised[d["message_id"].(string)] = d["id"].(float64)
	}
	slices.SortStableFunc(calls, func(a, b received) int {
		return cmp.Compare(raised[a.header.Get("webhook-id")], raised[b.header.Get("webhook-id")])
	})
	wh, err := standardwebhooks.NewWebhook(base64.StdEncoding.EncodeToString([]byte(h.secret(tokenA))))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range calls {
		if err := wh.VerifyIgnoringTimestamp(c.body, c.header); err != nil {
			t.Errorf("callback signature: %v", err)
		}
		p := checkPayload(t, c.body)
		scopes = append(scopes, p["scope"].(string))
		datas = append(datas, p["data"])
	}
	if len(calls) != n {
		t.Errorf("got %d callbacks, want %d: %v", len(calls), n, scopes)
	}
	return scopes, datas
}

func TestCustomerWritesFireTheirWebhooks(t *testing.T) {
	h := newStoreHarness(t)
	rc := newReceiver(t)
	for _, sc := range []string{"store/customer/*", "store/subscriber/*", "store/channel/*"} {
		h.create(tokenA, "abc123", sc, rc.URL+"/hooks")
	}
	seen := 0
	expectFired := func(step string, want ...string) []map[string]any {
		t.Helper()
		scopes, datas := callbacks(t, h, rc, seen+len(want))
		seen += len(want)
		if got := scopes[len(scopes)-len(want):]; !slices.Equal(got, want) {
			t.Errorf("%s fired %v, want %v", step, got, want)
		}
		return datas[len(datas)-len(want):]
	}

	ch := h.send("POST", v3+"/channels", `{"name":"Amazon US","type":"marketplace","platform":"amazon"}`, 200)
	channel := num(t, ch, "data", "id")
	if d := expectFired("POST /channels", "store/channel/created"); num(t, d[0], "id") != channel {
		t.Errorf("channel/created names %v, want %d", d[0], channel)
	}

	body := `[{"email":"ada@example.com","first_name":"Ada","last_name":"Lovelace","addresses":[{"first_name":"Ada","last_name":"Lovelace","address1":"1 Main St","city":"Austin","state_or_province":"Texas","postal_code":"78701","country_code":"US"}]},
		{"email":"alan@example.com","first_name":"Alan","last_name":"Turing","customer_group_id":2}]`
	made := data(t, h.send("POST", v3+"/customers", body, 200))
	ada, alan := num(t, made[0], "id"), num(t, made[1], "id")
	d := expectFired("POST /customers", "store/customer/created", "store/customer/created")
	if num(t, d[0], "id") != ada || num(t, d[1], "id") != alan {
		t.Errorf("customer/created data %v, want ids %d then %d", d, ada, alan)
	}
	for _, x := range d { // the callback schemas' fields, as the customer reads
		if num(t, x, "origin_channel_id") != 1 || fmt.Sprint(x["channel_ids"]) != "[1]" {
			t.Errorf("customer/created data %v, want origin_channel_id 1 and channel_ids [1]", x)
		}
	}
	if got := data(t, h.get(v3+fmt.Sprintf("/customers?id:in=%d&include=addresses", ada), 200)); field(t, got[0], "addresses", 0, "country") != "United States" || field(t, got[0], "registration_ip_address") != "" {
		t.Errorf("created customer reads %v", got[0])
	}
	h.send("POST", v3+"/customers", `[{"email":"ADA@example.com","first_name":"A","last_name":"L"}]`, 422) // emails are unique

	h.send("PUT", v3+"/customers", fmt.Sprintf(`[{"id":%d,"channel_ids":[1,%d]},{"id":%d,"notes":"VIP"}]`, ada, channel, alan), 200)
	d = expectFired("PUT /customers", "store/customer/updated", "store/customer/channel/login/access/updated", "store/customer/updated")
	if num(t, d[1], "customer_id") != ada || fmt.Sprint(d[1]["channel_ids"]) != fmt.Sprintf("[1 %d]", channel) {
		t.Errorf("login access data %v", d[1])
	}
	if fmt.Sprint(d[0]["channel_ids"]) != fmt.Sprintf("[1 %d]", channel) || num(t, d[2], "origin_channel_id") != 1 {
		t.Errorf("customer/updated data %v and %v, want the customers' channels after the write", d[0], d[2])
	}
	h.send("PUT", v3+"/customers", `[{"id":99999,"notes":"x"}]`, 422)

	before := field(t, data(t, h.get(v3+fmt.Sprintf("/customers?id:in=%d", alan), 200))[0], "date_modified")
	h.advance(60)
	addr := data(t, h.send("POST", v3+"/customers/addresses", fmt.Sprintf(`[{"customer_id":%d,"first_name":"Alan","last_name":"Turing","address1":"2 Bletchley Rd","city":"Milton Keynes","state_or_province":"Buckinghamshire","postal_code":"MK3 6EB","country_code":"GB","address_type":"commercial"}]`, alan), 200))
	addrID := num(t, addr[0], "id")
	d = expectFired("POST /customers/addresses", "store/customer/address/created")
	if num(t, d[0], "id") != addrID || num(t, d[0], "address", "customer_id") != alan {
		t.Errorf("address/created data %v, want address %d of %d", d[0], addrID, alan)
	}
	h.send("PUT", v3+"/customers/addresses", fmt.Sprintf(`[{"id":%d,"city":"Bletchley"}]`, addrID), 200)
	expectFired("PUT /customers/addresses", "store/customer/address/updated")
	if got := data(t, h.get(v3+fmt.Sprintf("/customers/addresses?id:in=%d", addrID), 200)); field(t, got[0], "city") != "Bletchley" || field(t, got[0], "country") != "United Kingdom" {
		t.Errorf("updated address reads %v", got[0])
	}
	h.send("DELETE", v3+fmt.Sprintf("/customers/addresses?id:in=%d", addrID), "", 204)
	expectFired("DELETE /customers/addresses", "store/customer/address/deleted")
	if after := field(t, data(t, h.get(v3+fmt.Sprintf("/customers?id:in=%d", alan), 200))[0], "date_modified"); after != before {
		t.Errorf("address writes changed the customer's date_modified: %v -> %v", before, after)
	}
	h.send("POST", v3+"/customers/addresses", `[{"customer_id":99999,"first_name":"A","last_name":"B","address1":"x","city":"y","state_or_province":"","postal_code":"","country_code":"US"}]`, 422)

	h.send("DELETE", v3+fmt.Sprintf("/customers?id:in=%d,%d,99999", ada, alan), "", 204)
	d = expectFired("DELETE /customers", "store/customer/deleted", "store/customer/deleted")
	if num(t, d[0], "id") != ada || num(t, d[1], "id") != alan || len(d[0]) != 2 {
		t.Errorf("customer/deleted data %v, want {type, id} of %d then %d", d, ada, alan)
	}
	if got := data(t, h.get(v3+fmt.Sprintf("/customers?id:in=%d,%d", ada, alan), 200)); len(got) != 0 {
		t.Errorf("deleted customers listed: %v", got)
	}

	sub := h.send("POST", v3+"/customers/subscribers", `{"email":"news@example.com","first_name":"N","consents":["marketing_newsletter"]}`, 200)
	subID := num(t, sub, "data", "id")
	h.send("PUT", v3+fmt.Sprintf("/customers/subscribers/%d", subID), `{"last_name":"Reader"}`, 200)
	h.send("DELETE", v3+fmt.Sprintf("/customers/subscribers/%d", subID), "", 204)
	d = expectFired("subscriber writes", "store/subscriber/created", "store/subscriber/updated", "store/subscriber/deleted")
	for _, x := range d {
		if num(t, x, "id") != subID {
			t.Errorf("subscriber event data %v, want id %d", x, subID)
		}
	}
	h.send("DELETE", v3+fmt.Sprintf("/customers/subscribers/%d", subID), "", 404)

	// PUT /channels fires only for the six listed fields.
	h.send("PUT", v3+fmt.Sprintf("/channels/%d", channel), `{"platform":"amazon"}`, 200)
	h.send("PUT", v3+fmt.Sprintf("/channels/%d", channel), `{"status":"inactive"}`, 200)
	expectFired("PUT /channels", "store/channel/updated")
	h.send("PUT", v3+fmt.Sprintf("/channels/%d", channel), `{"platform":"ebay"}`, 422)
	h.send("PUT", v3+"/channels/77", `{"name":"x"}`, 404)
	if got := len(rc.calls()); got != seen {
		t.Errorf("%d callbacks, want %d: a refused write fired something", got, seen)
	}
}

func TestCustomersListEnvelope(t *testing.T) {
	h := newStoreHarness(t)
	var batch []string
	for i := range 5 {
		batch = append(batch, fmt.Sprintf(`{"email":"c%d@example.com","first_name":"First%d","last_name":"Last%d","customer_group_id":%d,"phone":"555-010%d"}`, i, i, i, i%2, i))
	}
	h.send("POST", v3+"/customers", "["+strings.Join(batch, ",")+"]", 200)

	page := h.get(v3+"/customers?limit=2&page=2", 200)
	if got := field(t, page, "meta", "pagination"); num(t, got, "total") != 5 || num(t, got, "total_pages") != 3 || num(t, got, "count") != 2 ||
		field(t, got, "links", "next") == nil || field(t, got, "links", "previous") == nil {
		t.Errorf("pagination = %v", got)
	}
	if ids := idsOf(t, page); fmt.Sprint(ids) != "[3 4]" {
		t.Errorf("page 2 = %v, want [3 4]", ids)
	}

	// Cursors: walk forward from the first page's end_cursor, then back.
	first := h.get(v3+"/customers?limit=2", 200)
	next := field(t, first, "meta", "cursor_pagination", "links", "next").(string)
	second := h.get(v3+"/customers"+next, 200)
	if ids := idsOf(t, second); fmt.Sprint(ids) != "[3 4]" {
		t.Errorf("after the first page's cursor: %v, want [3 4]", ids)
	}
	if field(t, second, "meta", "pagination") != nil {
		t.Errorf("a cursor page has meta.pagination: %v", field(t, second, "meta"))
	}
	prev := field(t, second, "meta", "cursor_pagination", "links", "previous").(string)
	if ids := idsOf(t, h.get(v3+"/customers"+prev, 200)); fmt.Sprint(ids) != "[1 2]" {
		t.Errorf("before the second page: %v, want [1 2]", ids)
	}
	last := h.get(v3+"/customers?limit=2&after="+url.QueryEscape(field(t, second, "meta", "cursor_pagination", "end_cursor").(string)), 200)
	if ids := idsOf(t, last); fmt.Sprint(ids) != "[5]" || field(t, last, "meta", "cursor_pagination", "links", "next") != nil {
		t.Errorf("last cursor page: %v %v", ids, field(t, last, "meta"))
	}

	tests := []struct {
		query string
		want  string
	}{
		{"?id:in=2,4", "[2 4]"},
		{"?id:in=999", "[]"},
		{"?email:in=C3@example.com", "[4]"},
		{"?name:like=first1", "[2]"},
		{"?name:in=First0%20Last0", "[1]"},
		{"?customer_group_id:in=1", "[2 4]"},
		{"?phone:in=555-0102,555-0104", "[3 5]"},
		{"?registration_ip_address:in=203.0.113.7", "[]"}, // API-made customers have none
		{"?sort=last_name:desc&limit=2", "[5 4]"},
		{"?date_created:min=2025-01-01", "[1 2 3 4 5]"},
		{"?date_created:max=2024-12-31", "[]"},
	}
	for _, tt := range tests {
		if got := fmt.Sprint(idsOf(t, h.get(v3+"/customers"+tt.query, 200))); got != tt.want {
			t.Errorf("GET /customers%s = %s, want %s", tt.query, got, tt.want)
		}
	}
	for _, bad := range []string{"?after=not-a-cursor", "?date_created:min=yesterday", "?limit=251", "?id:in=x"} {
		h.get(v3+"/customers"+bad, 422)
	}
	// An empty store answers an empty list, not an error.
	res := h.do(req{method: "GET", path: "/stores/empty/v3/customers?id:in=1", token: tokenA})
	expect(t, res, 200)
	if got := fmt.Sprint(res.json(t)["data"]); got != "[]" {
		t.Errorf("empty store: data %s", got)
	}
}

func TestDefaultChannelAlwaysExists(t *testing.T) {
	h := newStoreHarness(t)
	got := h.get(v3+"/channels/1?include=currencies", 200)
	if field(t, got, "data", "type") != "storefront" || field(t, got, "data", "platform") != "bigcommerce" || field(t, got, "data", "currencies", "default_currency") != "USD" {
		t.Errorf("channel 1 = %v", got)
	}
	if list := data(t, h.get(v3+"/channels", 200)); len(list) != 1 {
		t.Errorf("a new store lists %v", list)
	}
	h.get(v3+"/channels/2", 404)
	h.send("POST", v3+"/channels", `{"name":"Default storefront","type":"storefront","platform":"custom"}`, 422) // names are unique
}

func idsOf(t *testing.T, v any) []int {
	t.Helper()
	out := []int{}
	for _, c := range data(t, v) {
		out = append(out, num(t, c, "id"))
	}
	return out
}

// BenchmarkCustomersList measures GET /v3/customers?limit=50 with
// include=addresses over 200 customers, beside GET /v3/hooks/{id} on the
// same server as the baseline.
func BenchmarkCustomersList(b *testing.B) {
	srv := benchServer(b)
	for i := range 200 {
		if _, err := srv.Raise(b.Context(), "abc", "store/customer/created", map[string]any{"id": i + 1}); err != nil {
			b.Fatal(err)
		}
	}
	// The hook comes after the events, so no delivery runs beside the loop.
	serve(b, srv, "POST", "/stores/abc/v3/hooks", `{"scope":"store/customer/created","destination":"https://app.example.com/webhooks"}`, 200)
	b.Run("baseline GET /v3/hooks/{id}", func(b *testing.B) { loop(b, srv, "GET", "/stores/abc/v3/hooks/1", "", 200) })
	b.Run("GET /v3/customers?limit=50&include=addresses", func(b *testing.B) {
		loop(b, srv, "GET", "/stores/abc/v3/customers?limit=50&include=addresses", "", 200)
	})
}
