package canvass

import (
	"context"
	"slices"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
)

// doNotKnock finds, among the BAN addresses addrs, those street lists mark "do not knock"
// (policy.DoNotKnock): they name no one.
func (c *Campaign) doNotKnock(ctx context.Context, addrs []data.AddressPoint) (map[string]bool, error) {
	opp, err := c.store.Oppositions(ctx)
	if err != nil || len(opp) == 0 {
		return nil, err
	}
	years := []string{} // the objectors' birth years; nil (every voter) if one gave no birth date
	for _, o := range opp {
		if o.Scope != ScopePerson {
			continue
		}
		if o.Who.BirthDate == "" {
			years = nil
			break
		}
		if y := birthYear(o.Who.BirthDate); !slices.Contains(years, y) {
			years = append(years, y)
		}
	}
	voters, err := c.store.VotersBornIn(ctx, years)
	if err != nil {
		return nil, err
	}
	return policy.DoNotKnock(opp, voters, policy.NewAddresses(banPoints(addrs))), nil
}
