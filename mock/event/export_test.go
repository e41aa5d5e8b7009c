package event

// ExpandedPatternCount counts the scopes the family table lists, counting a
// scope listed twice twice.
func ExpandedPatternCount() int {
	n := 0
	for _, fam := range families {
		for _, p := range fam.patterns {
			n += len(expand(p))
		}
	}
	return n
}

// Expand exposes the table's brace expansion.
var Expand = expand
