package openapi

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sync"

	"github.com/bcmock/bcmock/mock/bigcommerce"
	"github.com/getkin/kin-openapi/openapi3"
)

// eventFiles holds the JSON Schemas of webhook callbacks, written for this
// project from its BigCommerce webhook reference: one file per family of
// events with the same data shape, named after the family
// (bigcommerce.Family), and envelope.json for the callback body.
//
//go:embed events/*.json
var eventFiles embed.FS

const (
	eventsDir         = "events"
	eventEnvelopeFile = "envelope.json"
)

// eventCatalog is the loaded content of eventFiles.
type eventCatalog struct {
	schemas  map[string]*openapi3.Schema // family -> schema
	envelope *openapi3.Schema
}

// loadEventCatalog parses and validates eventFiles once.
var loadEventCatalog = sync.OnceValues(func() (*eventCatalog, error) {
	c, err := parseEventCatalog()
	if err != nil {
		return nil, fmt.Errorf("openapi: load event schemas: %w", err)
	}
	return c, nil
})

// EventSchema returns the JSON Schema of the data of the event
// templatedScope, such as "store/order/created" or
// "store/channel/{channel_id}/cart/created". A concrete channel scope
// ("store/channel/3/cart/created") is accepted too.
//
// Validate a value with VisitJSON after a round trip through encoding/json,
// so that it holds JSON types (float64 numbers, map[string]any objects).
// The schema is shared and cached: do not modify it. It is safe for
// concurrent VisitJSON calls.
func EventSchema(templatedScope string) (*openapi3.Schema, error) {
	c, err := loadEventCatalog()
	if err != nil {
		return nil, err
	}
	family, ok := bigcommerce.Family(templatedScope)
	if !ok {
		return nil, fmt.Errorf("openapi: no event schema for scope %q", templatedScope)
	}
	return c.schemas[family], nil
}

// EnvelopeSchema returns the JSON Schema of a webhook callback body:
// {scope, store_id, data, hash, created_at, producer}, with data left
// open. The schema is shared and cached: do not modify it.
func EnvelopeSchema() (*openapi3.Schema, error) {
	c, err := loadEventCatalog()
	if err != nil {
		return nil, err
	}
	return c.envelope, nil
}

// EventSchemaScopes returns, sorted, every templated event scope that
// EventSchema knows: bigcommerce.Events. It returns nil if the embedded
// schemas fail to load, which EventSchema reports as an error.
func EventSchemaScopes() []string {
	if _, err := loadEventCatalog(); err != nil {
		return nil
	}
	return bigcommerce.Events()
}

// parseEventCatalog reads the schema of every bigcommerce family, and the
// envelope schema.
func parseEventCatalog() (*eventCatalog, error) {
	c := &eventCatalog{schemas: make(map[string]*openapi3.Schema)}
	var err error
	for _, family := range bigcommerce.Families() {
		if c.schemas[family], err = loadEventSchema(family + ".json"); err != nil {
			return nil, err
		}
	}
	if c.envelope, err = loadEventSchema(eventEnvelopeFile); err != nil {
		return nil, err
	}
	return c, nil
}

// loadEventSchema parses and validates one embedded schema file.
func loadEventSchema(file string) (*openapi3.Schema, error) {
	b, err := eventFiles.ReadFile(path.Join(eventsDir, file))
	if err != nil {
		return nil, err
	}
	s := new(openapi3.Schema)
	if err := json.Unmarshal(b, s); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	if err := s.Validate(context.Background()); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return s, nil
}
