package rest

import (
	"net/http"
	"slices"

	"github.com/bcmock/bcmock/mock/internal/gateway"
	"github.com/bcmock/bcmock/mock/internal/shop"
)

// The v3 channels resources (openapi/channels-v3.yaml).

func (r *REST) addChannelsV3(h map[string]gateway.Handler) {
	h["listChannels"] = r.listChannels
	h["getChannel"] = r.getChannel
	h["createChannel"] = r.createChannel
	h["updateChannel"] = r.updateChannel
}

type channelJSON struct {
	ID         int             `json:"id"`
	Name       string          `json:"name"`
	Type       string          `json:"type"`
	Platform   string          `json:"platform"`
	Status     string          `json:"status"`
	ExternalID string          `json:"external_id"`
	Listable   bool            `json:"is_listable_from_ui"`
	Visible    bool            `json:"is_visible"`
	Enabled    bool            `json:"is_enabled"`
	Created    string          `json:"date_created"`
	Modified   string          `json:"date_modified"`
	Currencies *currenciesJSON `json:"currencies,omitempty"`
}

type currenciesJSON struct {
	ChannelID int      `json:"channel_id"`
	Enabled   []string `json:"enabled_currencies"`
	Default   string   `json:"default_currency"`
}

func channelOf(c *shop.Channel, currencies bool) channelJSON {
	out := channelJSON{
		ID: c.ID, Name: c.Name, Type: c.Type, Platform: c.Platform, Status: c.Status, ExternalID: c.ExternalID,
		Listable: c.Listable, Visible: c.Visible, Enabled: c.Enabled, Created: v3Time(c.Created), Modified: v3Time(c.Modified),
	}
	if currencies {
		out.Currencies = &currenciesJSON{ChannelID: c.ID, Enabled: orEmpty(slices.Clone(c.Currencies)), Default: c.DefaultCurrency}
	}
	return out
}

func (r *REST) listChannels(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	q := req.URL.Query()
	f := shop.ChannelFilter{Types: queryList(q, "type:in"), Platforms: queryList(q, "platform:in"), Statuses: queryList(q, "status:in")}
	if v := q.Get("available"); v != "" {
		b := v == "true" // the document allows true or false only
		f.Available = &b
	}
	for _, e := range []*gateway.Error{
		dateFilters(q, "date_created", &f.CreatedMin, &f.CreatedMax), dateFilters(q, "date_modified", &f.ModifiedMin, &f.ModifiedMax),
	} {
		if e != nil {
			in.Error(w, *e)
			return
		}
	}
	currencies := includeSet(q)["currencies"]
	var all []channelJSON
	r.readOrBlank(in, func(st *shop.Store) {
		for _, c := range st.ChannelList(f) {
			all = append(all, channelOf(c, currencies))
		}
	})
	paginate(w, q, all)
}

func (r *REST) getChannel(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "channel_id")
	currencies := includeSet(req.URL.Query())["currencies"]
	var out *channelJSON
	r.readOrBlank(in, func(st *shop.Store) {
		if c := st.Channel(id); c != nil {
			j := channelOf(c, currencies)
			out = &j
		}
	})
	answerOne(w, in, out, "channel", id)
}

type channelIn struct {
	Name       *string `json:"name"`
	Type       *string `json:"type"`
	Platform   *string `json:"platform"`
	Status     *string `json:"status"`
	ExternalID *string `json:"external_id"`
	Listable   *bool   `json:"is_listable_from_ui"`
	Visible    *bool   `json:"is_visible"`
	Enabled    *bool   `json:"is_enabled"`
}

func (r *REST) writeChannel(w http.ResponseWriter, req *http.Request, in *gateway.Request,
	write func(st *shop.Store, c shop.ChannelInput) (*shop.Channel, []shop.Event, error)) {
	writeAnswer(r, w, req, in, func(st *shop.Store, body channelIn) (out itemBody[channelJSON], _ []shop.Event, _ error) {
		c, events, err := write(st, shop.ChannelInput{Name: body.Name, Type: body.Type, Platform: body.Platform, Status: body.Status,
			ExternalID: body.ExternalID, Listable: body.Listable, Visible: body.Visible, Enabled: body.Enabled})
		if err == nil {
			out.Data = channelOf(c, false)
		}
		return out, events, err
	})
}

func (r *REST) createChannel(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	r.writeChannel(w, req, in, (*shop.Store).CreateChannel)
}

func (r *REST) updateChannel(w http.ResponseWriter, req *http.Request, in *gateway.Request) {
	id := intParam(in, "channel_id")
	r.writeChannel(w, req, in, func(st *shop.Store, c shop.ChannelInput) (*shop.Channel, []shop.Event, error) {
		return st.UpdateChannel(id, c)
	})
}
