// These tests lock the contract between the generator and the JSON Schemas
// in openapi/events: every documented event's data, for several seeds,
// must validate against the schema of its family (bigcommerce.Family).
package event_test

import (
	"encoding/json"
	"errors"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/bcmock/bcmock/mock/internal/event"
	"github.com/bcmock/bcmock/openapi"
)

var seeds = []int64{1, 2, 3, 7, 42, 1234, 99991, -5}

// concrete fills the channel id of a templated scope.
func concrete(templated string, channel int) string {
	if bigcommerce.IsTemplated(templated) {
		return bigcommerce.Fill(templated, channel)
	}
	return templated
}

// roundTrip turns v into JSON types, as a receiver would see it.
func roundTrip(t *testing.T, v any) any {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatalf("marshal: %v", err)
	}
	var out any
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("unmarshal: %v", err)
	}
	return out
}

func schemaFor(t *testing.T, s string) *openapi3.Schema {
	t.Helper()
	templated, _ := bigcommerce.Template(s)
	sch, err := openapi.EventSchema(templated)
	if err != nil {
		t.Fatalf("EventSchema(%q): %v", templated, err)
	}
	return sch
}

func TestEveryEventValidatesAgainstItsSchema(t *testing.T) {
	envelope, err := openapi.EnvelopeSchema()
	if err != nil {
		t.Fatal(err)
	}
	created := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tmpl := range bigcommerce.Events() {
		t.Run(tmpl, func(t *testing.T) {
			sch := schemaFor(t, tmpl)
			for _, seed := range seeds {
				g := event.NewGenerator(seed)
				ev := concrete(tmpl, int(seed%9+10)) // channels 1..18
				for range 4 {                        // several draws cover optional fields
					data, err := g.Data(ev, nil)
					if err != nil {
						t.Fatalf("seed %d: Data(%q): %v", seed, ev, err)
					}
					if err := sch.VisitJSON(roundTrip(t, data)); err != nil {
						t.Fatalf("seed %d: %s data %v does not match its schema: %v", seed, ev, data, err)
					}
					_, body, err := bigcommerce.Build("abc123", ev, data, created)
					if err != nil {
						t.Fatalf("seed %d: Build: %v", seed, err)
					}
					var env any
					if err := json.Unmarshal(body, &env); err != nil {
						t.Fatalf("body is not JSON: %v", err)
					}
					if err := envelope.VisitJSON(env); err != nil {
						t.Fatalf("seed %d: envelope %s does not match: %v", seed, body, err)
					}
				}
			}
		})
	}
}

// TestEveryFamilyHasAGenerator checks the generators table against
// bigcommerce's family table: every concrete event has a generator, every
// generator a family, and openapi finds a schema for each event.
func TestEveryFamilyHasAGenerator(t *testing.T) {
	gens := event.GeneratorFamilies()
	slices.Sort(gens)
	if fams := bigcommerce.Families(); !slices.Equal(gens, fams) {
		t.Errorf("generators for %v\nfamilies       %v", gens, fams)
	}
	events := bigcommerce.Events()
	for _, s := range events {
		if _, err := event.Family(concrete(s, 1)); err != nil {
			t.Errorf("Family(%q): %v", s, err)
		}
	}
	if got := openapi.EventSchemaScopes(); !slices.Equal(got, events) {
		t.Errorf("EventSchemaScopes() differs from bigcommerce.Events():\n%v\n%v", got, events)
	}
}

// draw returns the data of every event, in catalogue order, from one
// generator.
func draw(t *testing.T, g *event.Generator) []any {
	t.Helper()
	var out []any
	for _, s := range bigcommerce.Events() {
		d, err := g.Data(concrete(s, 1), nil)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, d)
	}
	return out
}

func TestSameSeedSameSequence(t *testing.T) {
	a, b := draw(t, event.NewGenerator(7)), draw(t, event.NewGenerator(7))
	if !reflect.DeepEqual(a, b) {
		t.Fatal("two generators seeded 7 gave different data")
	}
	if c := draw(t, event.NewGenerator(8)); reflect.DeepEqual(a, c) {
		t.Fatal("seeds 7 and 8 gave the same data")
	}
}

func TestConcurrentUse(t *testing.T) {
	g := event.NewGenerator(3)
	var wg sync.WaitGroup
	errs := make(chan error, 8)
	for range 8 {
		wg.Go(func() {
			for _, s := range bigcommerce.Events()[:40] {
				if _, err := g.Data(concrete(s, 2), map[string]any{"x": 1}); err != nil {
					errs <- err
					return
				}
			}
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
}

func TestDataShapes(t *testing.T) {
	g := event.NewGenerator(11)
	get := func(s string) any {
		d, err := g.Data(s, nil)
		if err != nil {
			t.Fatalf("Data(%q): %v", s, err)
		}
		return d
	}
	if recs, ok := get("store/priceList/records/created").([]any); !ok || len(recs) == 0 {
		t.Errorf("price list records data is %T, want a non-empty []any", recs)
	}
	st := get("store/order/statusUpdated").(map[string]any)["status"].(map[string]any)
	if st["previous_status_id"] == st["new_status_id"] {
		t.Errorf("status update without a change: %v", st)
	}
	if _, ok := get("store/cart/abandoned").(map[string]any)["token"].(string); !ok {
		t.Error("cart abandoned has no token")
	}
	if d := get("store/channel/5/socialMediaLinks/updated").(map[string]any); len(d) != 0 {
		t.Errorf("socialMediaLinks data = %v, want {}", d)
	}
	inv := get("store/channel/*/inventory/product/stock_changed").(map[string]any)
	for _, k := range []string{"variant_id", "product_id", "location_id"} {
		if n, ok := inv[k].(int); !ok || n < 1 {
			t.Errorf("inventory %s = %v, want a positive int", k, inv[k])
		}
	}
	mf := get("store/metafield/updated").(map[string]any)
	if mf["resource_type"] == nil {
		t.Errorf("store/metafield data lacks resource_type: %v", mf)
	}
	if _, ok := get("store/product/metafield/created").(map[string]any)["resource_type"]; ok {
		t.Error("product metafield data has resource_type")
	}
}

func TestDataRejectsNonEvents(t *testing.T) {
	tests := []struct {
		scope    string
		want     error
		contains string
	}{
		{"store/channel/{channel_id}/order/created", bigcommerce.ErrTemplatedScope, `"store/channel/1/order/created"`},
		{"store/order/*", bigcommerce.ErrWildcardScope, "store/order/*"},
		{"store/order/create", bigcommerce.ErrUnknownScope, `did you mean "store/order/created"`},
		{"store/channel/4/order/create", bigcommerce.ErrUnknownScope, `did you mean "store/channel/4/order/created"`},
		{"completely/unrelated/thing/xyz", bigcommerce.ErrUnknownScope, "is not an event BigCommerce documents"},
		{"", bigcommerce.ErrUnknownScope, "the scope is empty"},
	}
	g := event.NewGenerator(1)
	for _, tt := range tests {
		t.Run(tt.scope, func(t *testing.T) {
			_, err := g.Data(tt.scope, nil)
			if !errors.Is(err, tt.want) || !strings.Contains(err.Error(), tt.contains) {
				t.Fatalf("Data(%q) error = %v, want %v containing %q", tt.scope, err, tt.want, tt.contains)
			}
			if _, err := event.Family(tt.scope); !errors.Is(err, tt.want) {
				t.Fatalf("Family(%q) error = %v, want %v", tt.scope, err, tt.want)
			}
		})
	}
}

func TestZeroGenerator(t *testing.T) {
	var g event.Generator
	d, err := g.Data("store/order/created", nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := schemaFor(t, "store/order/created").VisitJSON(roundTrip(t, d)); err != nil {
		t.Fatal(err)
	}
}
