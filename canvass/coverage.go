package canvass

import (
	"context"
	"math"

	"github.com/campagne-fr/porteaporte/canvass/fieldresult"
	"github.com/campagne-fr/porteaporte/data"
)

// work is what the campaign did at one address: knocked and answered as shares (1 for a door a
// field sheet reported; a street's per-street outcomes spread over its other doors), and whether
// its last outcome asks for another visit.
type work struct {
	knocked, answered float64
	revisit           bool
}

// doorWork reads what was done at each address: the door outcomes of field sheets, door by door,
// then the per-street outcomes typed by hand, spread evenly over the street's doors that no sheet
// reported (so a door is never counted twice). A per-street outcome of a turf whose sheet came
// back is left out by the store: the doors say the same.
func (c *Campaign) doorWork(ctx context.Context, addresses []data.AddressPoint) (map[string]work, error) {
	doors, err := c.store.DoorOutcomes(ctx)
	if err != nil {
		return nil, err
	}
	entries, err := c.store.StreetEntries(ctx)
	if err != nil {
		return nil, err
	}
	out := map[string]work{}
	for _, d := range doors { // oldest first: the last outcome of a door decides revisit
		o, _ := fieldresult.OutcomeOf(d.Outcome)
		w := out[d.AddressID]
		if o.Knocked {
			w.knocked = 1
		}
		if o.Answered {
			w.answered = 1
		}
		w.revisit = o.Revisit
		out[d.AddressID] = w
	}
	rest := map[string]int{} // per street, the doors no sheet reported
	for _, a := range addresses {
		if _, ok := out[a.ID]; !ok {
			rest[a.StreetID]++
		}
	}
	for _, a := range addresses {
		e, n := entries[a.StreetID], rest[a.StreetID]
		if _, ok := out[a.ID]; ok || n == 0 || e.Knocked == 0 {
			continue
		}
		out[a.ID] = work{knocked: min(1, float64(e.Knocked)/float64(n)), answered: min(1, float64(e.Answered)/float64(n))}
	}
	return out, nil
}

// count adds up the work at the unit's doors: coverage (still a sum, divided by the doors later),
// doors knocked and answered, doors to revisit.
func (g *geography) count(u *AreaStats) {
	var knocked, answered float64
	revisit := 0
	for _, id := range u.doors {
		w := g.work[id]
		knocked += w.knocked
		answered += w.answered
		if w.revisit {
			revisit++
		}
	}
	u.Coverage = knocked
	u.Knocked = int(math.Round(knocked))
	a := int(math.Round(answered))
	u.Answered, u.Revisit = &a, &revisit
}
