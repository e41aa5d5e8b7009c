package runner

import "testing"

func TestLocatorFindsPaths(t *testing.T) {
	src := []byte(`name: x
base: &base
  hook: orders
  count: 1
steps:
  - raise: store/order/created
  - expect:
      deliveries:
        - <<: *base
          status: delivered
        - {hook: orders, scope: store/order/*}
`)
	l := newLocator("x.yaml", src)
	for path, want := range map[string]string{
		"steps[0]":                            "x.yaml:6:5",
		"steps[1]":                            "x.yaml:7:5",
		"steps[1].expect":                     "x.yaml:8:7",
		"steps[1].expect.deliveries[0]":       "x.yaml:9:11",
		"steps[1].expect.deliveries[0].count": "x.yaml:4:10", // through the merge key
		"steps[1].expect.deliveries[1]":       "x.yaml:11:11",
		"steps[1].expect.deliveries[1].scope": "x.yaml:11:33",
		"steps[9]":                            "x.yaml:6:3", // the nearest ancestor found: the list
		"":                                    "x.yaml:1:1",
	} {
		if got := l.at(path).String(); got != want {
			t.Errorf("at(%q) = %s, want %s", path, got, want)
		}
	}
	if got := newLocator("bad.yaml", []byte("a: [")).at("steps[0]").String(); got != "bad.yaml" {
		t.Errorf("unparsable source: %q, want the file name only", got)
	}
	if got := newLocator("", nil).at("steps[0]").String(); got != "" {
		t.Errorf("no source: %q", got)
	}
}

func TestSplitPath(t *testing.T) {
	got := splitPath("steps[2].expect.deliveries[10]")
	want := []string{"steps", "[2]", "expect", "deliveries", "[10]"}
	if len(got) != len(want) {
		t.Fatalf("splitPath = %q", got)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("part %d = %q, want %q", i, got[i], want[i])
		}
	}
}
