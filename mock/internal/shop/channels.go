package shop

import (
	"cmp"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"time"
)

// Channel is one sales channel of the store. Channel 1, the default
// storefront on the bigcommerce platform, always exists.
type Channel struct {
	ID                         int
	Name, Type, Platform       string
	Status, ExternalID         string
	Listable, Visible, Enabled bool // is_listable_from_ui, is_visible, is_enabled
	Created, Modified          time.Time
	Currencies                 []string // enabled currencies
	DefaultCurrency            string
}

// Channel returns channel id, or nil.
func (st *Store) Channel(id int) *Channel { return st.people().channels[id] }

// ChannelFilter selects channels, as GET /v3/channels's query does.
type ChannelFilter struct {
	Types, Platforms, Statuses []string
	// Available, when set, keeps the channels that are (true) or are not
	// available: prelaunch, active or connected, the statuses in which
	// the deprecated is_enabled is true.
	Available                                        *bool
	CreatedMin, CreatedMax, ModifiedMin, ModifiedMax time.Time // zero: no bound
}

// Available reports whether c is available for integration: its status
// is prelaunch, active or connected.
func (c *Channel) Available() bool {
	return slices.Contains([]string{"prelaunch", "active", "connected"}, c.Status)
}

// ChannelList returns the channels f selects, by id.
func (st *Store) ChannelList(f ChannelFilter) []*Channel {
	var out []*Channel
	for _, c := range st.people().channels {
		switch {
		case len(f.Types) > 0 && !slices.Contains(f.Types, c.Type),
			len(f.Platforms) > 0 && !slices.Contains(f.Platforms, c.Platform),
			len(f.Statuses) > 0 && !slices.Contains(f.Statuses, c.Status),
			f.Available != nil && *f.Available != c.Available(),
			!f.CreatedMin.IsZero() && c.Created.Before(f.CreatedMin),
			!f.CreatedMax.IsZero() && c.Created.After(f.CreatedMax),
			!f.ModifiedMin.IsZero() && c.Modified.Before(f.ModifiedMin),
			!f.ModifiedMax.IsZero() && c.Modified.After(f.ModifiedMax):
			continue
		}
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *Channel) int { return cmp.Compare(a.ID, b.ID) })
	return out
}

// inventedChannels are what an event's unknown channel becomes, by its id.
var inventedChannels = []struct{ name, kind, platform string }{
	{"Amazon", "marketplace", "amazon"},
	{"eBay", "marketplace", "ebay"},
	{"Point of sale", "pos", "square"},
	{"Google Shopping", "marketing", "google_shopping"},
	{"Headless storefront", "storefront", "custom"},
}

// ensureChannel returns channel id, inventing it when the store does not
// hold it; nil when the store is full.
func (st *Store) ensureChannel(id int) *Channel {
	p := st.people()
	if c := p.channels[id]; c != nil {
		return c
	}
	if id <= 0 || len(p.channels) >= st.limits().Customers {
		return nil
	}
	kind := inventedChannels[id%len(inventedChannels)]
	now := st.now()
	c := &Channel{
		ID: id, Name: kind.name + " " + strconv.Itoa(id), Type: kind.kind, Platform: kind.platform, Status: "active",
		Listable: true, Visible: true, Enabled: true, Created: now, Modified: now, Currencies: []string{currency}, DefaultCurrency: currency,
	}
	p.channels[id] = c
	seen(&p.next.channel, id)
	return c
}

func (st *Store) applyChannel(kind string, _ int, d map[string]any) {
	c := st.ensureChannel(intField(d, "id"))
	if c != nil && kind == "channel/updated" {
		c.Modified = st.now()
	}
}

// ChannelInput is the body of POST /v3/channels and PUT
// /v3/channels/{id}: nil fields are not given.
type ChannelInput struct {
	Name, Type, Platform, Status, ExternalID *string
	Listable, Visible, Enabled               *bool
}

// CreateChannel makes a channel, as POST /v3/channels does (name, type and
// platform required; status active unless given). It fires
// store/channel/created.
func (st *Store) CreateChannel(in ChannelInput) (*Channel, []Event, error) {
	p := st.people()
	if len(p.channels) >= st.limits().Customers {
		return nil, nil, fmt.Errorf("%w: the store holds %d channels, the most bcmock keeps", ErrFull, st.limits().Customers)
	}
	if in.Name == nil || in.Type == nil || in.Platform == nil {
		return nil, nil, invalid("name, type and platform are required")
	}
	if err := st.uniqueChannelName(*in.Name, 0); err != nil {
		return nil, nil, err
	}
	now := st.now()
	c := &Channel{ID: bump(&p.next.channel), Status: "active", Listable: true, Visible: true, Enabled: true,
		Created: now, Modified: now, Currencies: []string{currency}, DefaultCurrency: currency}
	c.set(in)
	p.channels[c.ID] = c
	var f fired
	f.add("store/channel/created", map[string]any{"type": "channel", "id": c.ID})
	return c, f, nil
}

// UpdateChannel changes channel id, as PUT /v3/channels/{id} does. It
// fires store/channel/updated only when name, external_id, status,
// is_listable_from_ui, is_visible or is_enabled changed (CHEV); the type
// and platform of a channel cannot change.
func (st *Store) UpdateChannel(id int, in ChannelInput) (*Channel, []Event, error) {
	c := st.people().channels[id]
	if c == nil {
		return nil, nil, notFound("channel", id)
	}
	if in.Type != nil && *in.Type != c.Type || in.Platform != nil && *in.Platform != c.Platform {
		return nil, nil, invalid("the type and platform of a channel cannot change")
	}
	if in.Name != nil {
		if err := st.uniqueChannelName(*in.Name, id); err != nil {
			return nil, nil, err
		}
	}
	before := *c
	c.set(in)
	var f fired
	if c.Name != before.Name || c.ExternalID != before.ExternalID || c.Status != before.Status ||
		c.Listable != before.Listable || c.Visible != before.Visible || c.Enabled != before.Enabled {
		c.Modified = st.now()
		f.add("store/channel/updated", map[string]any{"type": "channel", "id": c.ID})
	}
	return c, f, nil
}

// uniqueChannelName refuses a name another channel than id has:
// BigCommerce keeps channel names unique.
func (st *Store) uniqueChannelName(name string, id int) error {
	for _, c := range st.people().channels {
		if c.ID != id && c.Name == name {
			return errors.Join(ErrInvalid, fmt.Errorf("channel %d is named %q already", c.ID, name))
		}
	}
	return nil
}

func (c *Channel) set(in ChannelInput) {
	setString(&c.Name, in.Name)
	setString(&c.Type, in.Type)
	setString(&c.Platform, in.Platform)
	setString(&c.Status, in.Status)
	setString(&c.ExternalID, in.ExternalID)
	setBool(&c.Listable, in.Listable)
	setBool(&c.Visible, in.Visible)
	setBool(&c.Enabled, in.Enabled)
}

func setBool(dst *bool, v *bool) {
	if v != nil {
		*dst = *v
	}
}
