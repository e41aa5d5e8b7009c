// This file checks scenario.schema.json, the JSON Schema editors use
// (# yaml-language-server: $schema=…): every example and valid test file
// must validate against it, typical mistakes must not, and its lists of
// scopes and actions must match the catalogue the decoder uses.

package scenarios

import (
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"go.yaml.in/yaml/v3"

	"github.com/bcmock/bcmock/mock/bigcommerce"
)

// compileSchema loads scenario.schema.json.
func compileSchema(t *testing.T) *jsonschema.Schema {
	t.Helper()
	f, err := os.Open("scenario.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("scenario.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("scenario.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return sch
}

// instance converts a YAML document to the JSON value the schema sees, as
// an editor's YAML language server does: merge keys applied, timestamps
// kept as text.
func instance(t *testing.T, data []byte) any {
	t.Helper()
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		t.Fatal(err)
	}
	d := newDecoder("schema")
	v := d.plain(doc.Content[0], "", 0)
	if len(d.problems) > 0 {
		t.Fatal(d.problems)
	}
	return v
}

func TestSchemaAcceptsValidFiles(t *testing.T) {
	sch := compileSchema(t)
	var files []string
	for _, pattern := range []string{"examples/*.yaml", "testdata/valid/*.yaml", "testdata/valid/*.golden", "testdata/examples/*.golden"} {
		m, _ := filepath.Glob(pattern)
		files = append(files, m...)
	}
	if len(files) < 10 {
		t.Fatalf("only %d files to check", len(files))
	}
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(instance(t, data)); err != nil {
			t.Errorf("%s: %v", file, err)
		}
	}
}

func TestSchemaRejectsMistakes(t *testing.T) {
	sch := compileSchema(t)
	bad := map[string]string{
		"unknown key":        "setup: {stores: [s1]}\nstep: []\n",
		"no setup":           "name: x\n",
		"unknown scope":      "setup: {stores: [s1], hooks: [{name: h, scope: store/order/statusUpdate, receiver: r}]}\n",
		"channel template":   "setup: {stores: [s1], hooks: [{name: h, scope: \"store/channel/{channel_id}/order/*\", receiver: r}]}\n",
		"wildcard raised":    "setup: {stores: [s1]}\nsteps: [{raise: store/order/*}]\n",
		"two step kinds":     "setup: {stores: [s1]}\nsteps: [{raise: store/order/created, advance: 1h}]\n",
		"duration sans unit": "setup: {stores: [s1]}\nsteps: [{advance: \"5\"}]\n",
		"bad response":       "setup: {stores: [s1]}\nreceivers: [{name: a, responses: [timout]}]\n",
		"bad outcome":        "setup: {stores: [s1]}\nsteps: [{expect: {deliveries: [{outcomes: [sucess]}]}}]\n",
		"both destinations":  "setup: {stores: [s1], hooks: [{name: h, scope: store/order/*, receiver: r, destination: \"https://a.example\"}]}\n",
		"unknown action":     "setup: {stores: [s1]}\nsteps: [{action: chekout}]\n",
		"bad start":          "setup: {stores: [s1], clock: {mode: fake, start: \"2025-01-01\"}}\n",
		"request method":     "setup: {stores: [s1]}\nsteps: [{expect: {requests: [{method: get}]}}]\n",
		"request path":       "setup: {stores: [s1]}\nsteps: [{expect: {requests: [{path: v2/orders}]}}]\n",
		"request key":        "setup: {stores: [s1]}\nsteps: [{expect: {requests: [{count: 1, times: 2}]}}]\n",
	}
	for name, src := range bad {
		if err := sch.Validate(instance(t, []byte(src))); err == nil {
			t.Errorf("%s: the schema accepts\n%s", name, src)
		}
	}
}

// TestSchemaCatalogue checks that the schema knows exactly the scopes of
// package scope and the actions of Actions. When the catalogue changes,
// update $defs.event, $defs.subscription and $defs.actionName.
func TestSchemaCatalogue(t *testing.T) {
	sch := compileSchema(t)
	subscription := sch.Properties["setup"].Ref.Properties["hooks"].Items2020.Ref.Properties["scope"].Ref
	event := sch.Properties["steps"].Items2020.Ref.Properties["raise"].Ref.AnyOf[0].Ref
	for _, s := range bigcommerce.All() {
		concrete := bigcommerce.Fill(s, 7)
		if err := subscription.Validate(concrete); err != nil {
			t.Errorf("subscription refuses %s", concrete)
		}
		err := event.Validate(concrete)
		if bigcommerce.IsWildcard(s) != (err != nil) {
			t.Errorf("event schema on %s: %v", concrete, err)
		}
	}
	actions := sch.Properties["steps"].Items2020.Ref.Properties["action"].Ref.AnyOf[0].Ref.Enum.Values
	var names []string
	for _, a := range actions {
		names = append(names, a.(string))
	}
	if !slices.Equal(names, Actions()) {
		t.Errorf("schema actions = %v, want %v", names, Actions())
	}
}
