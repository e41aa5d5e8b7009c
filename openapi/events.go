package openapi

import (
	"context"
	"embed"
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
)

// eventFiles holds the JSON Schemas of webhook callbacks, written for this
// project from its BigCommerce webhook reference: one file per family of
// events with the same data shape, envelope.json for the callback body, and
// scopes.json mapping every templated event scope to its family file.
//
//go:embed events/*.json
var eventFiles embed.FS

const (
	eventsDir            = "events"
	eventEnvelopeFile    = "envelope.json"
	eventScopesFile      = "scopes.json"
	eventChannelPrefix   = "store/channel/"
	eventChannelTemplate = "{channel_id}"
)

// eventCatalog is the loaded content of eventFiles.
type eventCatalog struct {
	scopes   map[string]string           // templated scope -> family file
	schemas  map[string]*openapi3.Schema // family file -> schema
	envelope *openapi3.Schema
	sorted   []string // keys of scopes, sorted
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
	file, ok := c.scopes[templateEventChannel(templatedScope)]
	if !ok {
		return nil, fmt.Errorf("openapi: no event schema for scope %q", templatedScope)
	}
	return c.schemas[file], nil
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
// EventSchema knows. It returns nil if the embedded schemas fail to load,
// which EventSchema reports as an error.
func EventSchemaScopes() []string {
	c, err := loadEventCatalog()
	if err != nil {
		return nil
	}
	return append([]string(nil), c.sorted...)
}

// parseEventCatalog reads scopes.json, the family schemas it names, and
// the envelope schema.
func parseEventCatalog() (*eventCatalog, error) {
	c := &eventCatalog{schemas: make(map[string]*openapi3.Schema)}
	b, err := eventFiles.ReadFile(path.Join(eventsDir, eventScopesFile))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &c.scopes); err != nil {
		return nil, fmt.Errorf("%s: %w", eventScopesFile, err)
	}
	for s, file := range c.scopes {
		c.sorted = append(c.sorted, s)
		if c.schemas[file] != nil {
			continue
		}
		if c.schemas[file], err = loadEventSchema(file); err != nil {
			return nil, err
		}
	}
	sort.Strings(c.sorted)
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

// templateEventChannel replaces the channel id of a concrete channel scope by
// {channel_id}; other scopes are returned unchanged.
func templateEventChannel(s string) string {
	rest, ok := strings.CutPrefix(s, eventChannelPrefix)
	if !ok {
		return s
	}
	seg, tail, found := strings.Cut(rest, "/")
	if !found {
		return s
	}
	if n, err := strconv.Atoi(seg); err != nil || n < 0 || strconv.Itoa(n) != seg {
		return s
	}
	return eventChannelPrefix + eventChannelTemplate + "/" + tail
}
