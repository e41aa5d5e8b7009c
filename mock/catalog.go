package mock

import "github.com/bcmock/bcmock/mock/internal/shop"

// InventoryValue says how the value of an inventory event
// (store/product/inventory/*, store/sku/inventory/*) reads, in the state a
// raised event puts in place and in the events catalog writes fire.
// BigCommerce's texts call it a signed delta while one of its examples
// looks like a new level; the mock lets the user choose.
type InventoryValue string

const (
	// InventoryDelta reads value as the signed change: level(after) =
	// level(before) + value. The default: every BigCommerce text says so.
	InventoryDelta InventoryValue = "delta"
	// InventoryLevel reads value as the new level.
	InventoryLevel InventoryValue = "level"
)

// DefaultInventoryValue is the reading without WithInventoryValue.
const DefaultInventoryValue = InventoryDelta

// WithInventoryValue sets how inventory events' value reads (default
// InventoryDelta). Any other value makes New fail with ErrBadOption.
func WithInventoryValue(v InventoryValue) Option {
	return func(c *config) { c.inventory = v }
}

// ParseInventoryValue reads "delta" or "level", for flags and files.
func ParseInventoryValue(s string) (InventoryValue, error) {
	v, err := shop.ParseInventoryValue(s)
	return InventoryValue(v), err
}

// shopOptions are the store model's options of the configuration.
func (c *config) shopOptions() []shop.Option {
	v := DefaultInventoryValue
	if c.inventory != "" {
		v = c.inventory
	}
	return []shop.Option{shop.WithInventoryValue(shop.InventoryValue(v))}
}

// validateInventory refuses an inventory reading the model does not know.
func (c *config) validateInventory() error {
	if c.inventory == "" {
		return nil
	}
	_, err := shop.ParseInventoryValue(string(c.inventory))
	return err
}
