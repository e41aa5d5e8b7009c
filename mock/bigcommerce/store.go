package bigcommerce

// ValidStoreHash reports whether s can be a store hash: letters, digits,
// '-' and '_', as in "abc123". BigCommerce's hashes are short lower-case
// alphanumerics; the mock accepts a little more so tests can name stores
// ("store-a", "t_1"), but never a dot or a slash, so a path cannot name
// another resource through its store hash.
func ValidStoreHash(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
