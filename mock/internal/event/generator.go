package event

import (
	"errors"
	"fmt"
	"sync"

	"github.com/brianvoe/gofakeit/v6"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// ErrBadOverride is returned, wrapped, by Data; test with errors.Is. Data
// and Family also return bigcommerce.CheckEvent's errors.
var (
	// ErrBadOverride means an override cannot be merged into the data.
	ErrBadOverride = errors.New("bad override")
)

// Generator invents the data of webhook events. Its values come from one
// seeded faker, so two Generators made with the same non-zero seed return
// the same sequence of data for the same sequence of calls. A Generator is
// safe for concurrent use; concurrent calls draw from the one sequence in
// whatever order they take the lock. The zero Generator is usable and
// randomly seeded, like NewGenerator(0).
type Generator struct {
	mu    sync.Mutex
	faker *gofakeit.Faker
}

// NewGenerator returns a Generator seeded with seed. As in gofakeit v6, a
// seed of 0 means a random seed: such a Generator is not reproducible.
func NewGenerator(seed int64) *Generator {
	return &Generator{faker: gofakeit.New(seed)}
}

// Data returns the data of one event of eventScope, as BigCommerce would
// send it in the callback's "data" field: a JSON object (map[string]any)
// for every scope except store/priceList/records/*, whose data is a JSON
// array ([]any) of record objects.
//
// eventScope must be a concrete event: a channel scope names its channel
// ("store/channel/3/order/created"); the templated form with {channel_id}
// and wildcard subscriptions are refused.
//
// overrides is deep-merged into the invented data: objects merge key by
// key, recursively; any other value replaces the invented one, and keys the
// data lacks are added. A nil value removes the key (as in JSON Merge
// Patch, RFC 7396). Replacing an object or an array by a scalar, or a
// scalar by an object or array, is an error wrapping ErrBadOverride. For
// array data, overrides is merged into every record. A nil or empty
// overrides changes nothing. Overrides are copied, never aliased, and
// scalars may change type (an "id" given as a string stays a string), so a
// test can send deliberately malformed data.
//
// The values of the result are JSON-shaped: map[string]any, []any,
// string, bool, int for integers, float64 for other numbers, and nil.
func (g *Generator) Data(eventScope string, overrides map[string]any) (any, error) {
	gen, templated, err := lookup(eventScope)
	if err != nil {
		return nil, err
	}
	patch, err := normalizeOverrides(overrides)
	if err != nil {
		return nil, err
	}
	raw := g.generate(gen, templated)
	data, err := toJSONValue(raw)
	if err != nil {
		return nil, fmt.Errorf("event: generate %s: %w", eventScope, err)
	}
	if patch == nil {
		return data, nil
	}
	data, err = applyOverrides(data, patch)
	if err != nil {
		return nil, err
	}
	return spellBoth(data, patch), nil
}

// generate runs gen for the templated scope under the lock. A zero
// Generator gets a random seed on first use.
func (g *Generator) generate(gen genFunc, templated string) any {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.faker == nil {
		g.faker = gofakeit.New(0)
	}
	return gen(g.faker, templated)
}

// Family returns the name of the data shape of a concrete event scope:
// its bigcommerce.Family, which names its JSON Schema in the module's
// openapi/events directory (for example "order-status-updated" for
// "store/order/statusUpdated"). Errors are those of Data.
//
// Only a scope it does not know is explained by bigcommerce.CheckEvent, so
// a raise, which has checked its scope already, checks it once.
func Family(eventScope string) (string, error) {
	if name, ok := bigcommerce.Family(eventScope); ok && !bigcommerce.IsTemplated(eventScope) {
		return name, nil
	}
	if err := bigcommerce.CheckEvent(eventScope); err != nil {
		return "", fmt.Errorf("event: %w", err)
	}
	return "", fmt.Errorf("event: no data shape for %q", eventScope)
}

// lookup checks that eventScope is a concrete documented event and returns
// its family's generator and its templated form.
func lookup(eventScope string) (genFunc, string, error) {
	name, err := Family(eventScope)
	if err != nil {
		return nil, "", err
	}
	gen, ok := generators[name]
	if !ok {
		return nil, "", fmt.Errorf("event: no generator for family %q", name)
	}
	templated, _ := bigcommerce.Template(eventScope)
	return gen, templated, nil
}
