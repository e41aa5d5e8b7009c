package event

// GeneratorFamilies lists the families the generators table has.
func GeneratorFamilies() []string {
	out := make([]string, 0, len(generators))
	for name := range generators {
		out = append(out, name)
	}
	return out
}
