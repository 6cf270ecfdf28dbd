package canvass

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"sort"

	"github.com/campagne-fr/porteaporte/canvass/fieldresult"
	"github.com/campagne-fr/porteaporte/data"
)

// work is what the campaign did at a unit's doors: knocked and answered as sums of shares (1 for a
// door a field sheet reported; a street's per-street outcomes spread over its other doors), and
// how many doors' last outcome asks for another visit.
type work struct {
	knocked, answered float64
	revisits          int
}

// unitWork reads what was done at the doors of each unit of g's level, keyed by street id or area
// row id: the door outcomes of field sheets, door by door, then the per-street outcomes typed by
// hand, spread evenly over the street's doors that no sheet reported (so a door is never counted
// twice). A per-street outcome of a turf whose sheet came back is left out by the store: the doors
// say the same. Only the doors and streets with outcomes are read.
func (c *Campaign) unitWork(ctx context.Context, g *geography) (map[string]*work, error) {
	doors, err := c.store.DoorOutcomes(ctx)
	if err != nil {
		return nil, err
	}
	entries, err := c.store.StreetEntries(ctx)
	if err != nil {
		return nil, err
	}
	type door struct {
		knocked, answered float64
		revisit           bool
	}
	reported := map[string]door{}
	for _, d := range doors { // oldest first: the last outcome of a door decides revisit
		o, _ := fieldresult.OutcomeOf(d.Outcome)
		w := reported[d.AddressID]
		if o.Knocked {
			w.knocked = 1
		}
		if o.Answered {
			w.answered = 1
		}
		w.revisit = o.Revisit
		reported[d.AddressID] = w
	}
	owners, err := c.store.AddressOwnersOf(ctx, slices.Sorted(maps.Keys(reported)))
	if err != nil {
		return nil, err
	}
	held := map[string][]int64{} // reported address -> areas of the level holding it
	for _, o := range owners {
		if g.heads[o.AreaID].Level == g.level {
			held[o.AddressID] = append(held[o.AddressID], o.AreaID)
		}
	}
	out := map[string]*work{}
	add := func(unit string, knocked, answered float64, revisits int) {
		w := out[unit]
		if w == nil {
			w = &work{}
			out[unit] = w
		}
		w.knocked += knocked
		w.answered += answered
		w.revisits += revisits
	}
	unitsOf := func(address string) []string {
		if g.level == "street" {
			return []string{data.StreetIDOf(address)}
		}
		var units []string
		for _, id := range held[address] {
			units = append(units, fmt.Sprint(id))
		}
		return units
	}
	streetReported := map[string]int{}        // per street, the doors a sheet reported
	areaReported := map[data.StreetArea]int{} // per street and area, the same
	for id, d := range reported {
		revisit := 0
		if d.revisit {
			revisit = 1
		}
		for _, u := range unitsOf(id) {
			add(u, d.knocked, d.answered, revisit)
		}
		street := data.StreetIDOf(id)
		streetReported[street]++
		for _, area := range held[id] {
			areaReported[data.StreetArea{StreetID: street, AreaID: area}]++
		}
	}
	worked := []string{} // not nil: no street is not every street
	for street, e := range entries {
		if e.Knocked > 0 {
			worked = append(worked, street)
		}
	}
	sort.Strings(worked)
	totals, err := c.store.StreetTotals(ctx, worked)
	if err != nil {
		return nil, err
	}
	parts, err := c.store.StreetAreas(ctx, worked)
	if err != nil {
		return nil, err
	}
	share := map[string][2]float64{} // per worked street, knocked and answered per unreported door
	for _, st := range totals {
		n := st.Doors - streetReported[st.StreetID]
		if n <= 0 {
			continue
		}
		e := entries[st.StreetID]
		k, a := min(1, float64(e.Knocked)/float64(n)), min(1, float64(e.Answered)/float64(n))
		share[st.StreetID] = [2]float64{k, a}
		if g.level == "street" {
			add(st.StreetID, k*float64(n), a*float64(n), 0)
		}
	}
	if g.level != "street" {
		for _, sa := range parts {
			sh, ok := share[sa.StreetID]
			if !ok || g.heads[sa.AreaID].Level != g.level {
				continue
			}
			n := float64(sa.Doors - areaReported[data.StreetArea{StreetID: sa.StreetID, AreaID: sa.AreaID}])
			add(fmt.Sprint(sa.AreaID), sh[0]*n, sh[1]*n, 0)
		}
	}
	return out, nil
}
