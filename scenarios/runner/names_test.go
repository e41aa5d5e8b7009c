package runner_test

import "testing"

// TestNamesSetupRefusesSharedProductNames: a scenario whose
// setup.products names two products the same (case aside) is refused
// naming the entry and the product holding the name, as a seed is: a
// BigCommerce store cannot hold them.
func TestNamesSetupRefusesSharedProductNames(t *testing.T) {
	res := runSrc(t, "names.yaml", "setup:\n  stores: [abc123]\n  products: [{id: 5, name: Mug}, {name: MUG}]\nsteps:\n  - expect: {products: [{id: 5}]}\n")
	if res.Passed() {
		t.Fatal("two products named Mug were seeded")
	}
	contains(t, res.Report(), "store abc123", "products[1]", "product 5")
	mustPass(t, runSrc(t, "names.yaml", "setup:\n  stores: [abc123]\n  products: [{id: 5, name: Mug}, {name: Cup}]\nsteps:\n  - expect: {products: [{id: 5, name: Mug}]}\n"))
}
