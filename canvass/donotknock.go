package canvass

import (
	"context"

	"github.com/campagne-fr/porteaporte/canvass/geocode"
	"github.com/campagne-fr/porteaporte/data"
)

// doNotKnock finds the BAN addresses where someone objected: an objection at an address, matched
// like a voter's address, or a person's objection at the address geocoding gave them. Street lists
// mark these doors; they name no one.
func (c *Campaign) doNotKnock(ctx context.Context, g *geography) (map[string]bool, error) {
	opp, err := c.store.Oppositions(ctx)
	if err != nil || len(opp) == 0 {
		return nil, err
	}
	ix := banIndex(g.addresses)
	out := map[string]bool{}
	for _, o := range opp {
		if o.Scope == data.ScopeAddress {
			if m := ix.Match(geocode.VoterAddress{Number: o.Who.Number, Street: o.Who.Street, Postcode: o.Who.Postcode}); m.Kind == geocode.Exact || m.Kind == geocode.Fuzzy {
				out[m.AddressID] = true
			}
			continue
		}
		voters, err := c.store.VotersByIdentity(ctx, o.Who)
		if err != nil {
			return nil, err
		}
		for _, v := range voters {
			if o.Who.HasAddress() && !data.SameAddress(v.Number, v.Street, v.Postcode, o.Who.Number, o.Who.Street, o.Who.Postcode) {
				continue
			}
			id, err := c.store.VoterAddressID(ctx, v.ID)
			if err != nil {
				return nil, err
			}
			if id != "" {
				out[id] = true
			}
		}
	}
	return out, nil
}
