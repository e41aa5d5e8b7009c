package event

// twoSpellings are the fields BigCommerce's documents name two ways for the
// same value: the events page says currency on price-list record events,
// the per-event callback schemas say currency_code. A payload carries both,
// so a receiver written from either document works.
var twoSpellings = [][2]string{{"currency", "currency_code"}}

// spellBoth keeps the two spellings of a field equal after overrides: when
// patch sets one spelling and not the other, the other takes its value
// (in every record of array data). A patch setting both keeps both as
// given, so a test can still send them differing, and a null removes only
// the spelling it names, so a test can send one spelling alone.
func spellBoth(data any, patch map[string]any) any {
	for _, pair := range twoSpellings {
		for i, name := range pair {
			other := pair[1-i]
			v, set := patch[name]
			if _, both := patch[other]; !set || both || v == nil {
				continue
			}
			copyField(data, name, other)
		}
	}
	return data
}

// copyField copies field from to field to in data (each record of array
// data) where data has from.
func copyField(data any, from, to string) {
	switch d := data.(type) {
	case map[string]any:
		if val, ok := d[from]; ok {
			d[to] = val
		}
	case []any:
		for _, r := range d {
			copyField(r, from, to)
		}
	}
}
