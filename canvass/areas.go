package canvass

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"

	"github.com/campagne-fr/porteaporte/canvass/geocode"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
)

// AreaStats are an area's aggregates: counts always, indicators only when the area has at least K
// voters (a smaller unit's abstention would describe people, not a place).
type AreaStats struct {
	ID         string             `json:"id"`
	Name       string             `json:"name"`
	Level      string             `json:"level"`
	Layer      string             `json:"layer"`
	Voters     int                `json:"voters"`
	Doors      int                `json:"doors"`
	Stations   int                `json:"stations"`
	Registered *float64           `json:"registered"`
	Votes      *float64           `json:"votes"`
	Abstention *float64           `json:"abstention"`
	Shares     map[string]float64 `json:"shares,omitempty"`
	Coverage   float64            `json:"coverage"` // share of doors knocked so far, by recorded outcomes
	// Knocked and Answered count the doors knocked and answered, by field-sheet results door by
	// door and per-street outcomes for the rest; Revisit the doors whose last outcome asks for
	// another visit (absent, à revoir). Answered and Revisit are hidden below K voters.
	Knocked  int  `json:"knocked"`
	Answered *int `json:"answered,omitempty"`
	Revisit  *int `json:"revisit,omitempty"`
	// Listed is, for a polling station, how many voters the electoral list puts in it, geocoded or
	// not; Geocoded is the share of them geocoding placed on a map.
	Listed   *int              `json:"listed,omitempty"`
	Geocoded *float64          `json:"geocoded,omitempty"`
	Hidden   bool              `json:"indicators_hidden,omitempty"` // fewer than K voters
	Parents  map[string]string `json:"parents,omitempty"`           // layer -> id of the area above holding most of its doors
	// Line is, for a BAN street, the id of the feature of a loaded street layer that draws it
	// (matched by name), "" when none does.
	Line   string `json:"line,omitempty"`
	areaID int64
	doors  []string
}

// geography is everything aggregates are computed from, read once.
type geography struct {
	k         int
	addresses []data.AddressPoint
	voters    map[string]int           // per address
	owners    map[string][]int64       // address -> areas holding it
	areas     map[int64]data.AreaShape // polygon and line areas by row id
	results   map[string]data.Result   // station code -> result (of one election)
	stations  map[int64]bool           // areas that are polling stations (their code has a result)
	// stationVoters is each station's geocoded voters, the denominator of allocation.
	stationVoters map[int64]int
	// listed counts voters by the commune and station number their list entry gives.
	listed map[stationRef]int
	// stationCommune is the commune of each station: that of most of its addresses, "" when the
	// list is of one commune (whose code may then differ from the BAN's, as Paris's 75056).
	stationCommune map[int64]string
	// work is, per BAN address, what the campaign did there (see doorWork).
	work map[string]work
	// layerLevel is the level of each layer.
	layerLevel map[string]string
}

func (c *Campaign) loadGeography(ctx context.Context) (*geography, error) {
	if _, err := c.ensureGeography(ctx); err != nil {
		return nil, err
	}
	s, err := c.store.Campaign(ctx)
	if err != nil {
		return nil, err
	}
	k, _ := policy.MinUnitVoters(s.MinUnitVoters, s.MinUnitReason) // a K refused: the default
	g := &geography{k: k, layerLevel: map[string]string{}, owners: map[string][]int64{}, areas: map[int64]data.AreaShape{},
		results: map[string]data.Result{}, stations: map[int64]bool{}, stationVoters: map[int64]int{}}
	if g.addresses, err = c.store.AllAddresses(ctx); err != nil {
		return nil, err
	}
	if g.voters, err = c.store.VotersPerAddress(ctx); err != nil {
		return nil, err
	}
	owners, err := c.store.AddressOwners(ctx)
	if err != nil {
		return nil, err
	}
	for _, o := range owners {
		g.owners[o.AddressID] = append(g.owners[o.AddressID], o.AreaID)
	}
	shapes, err := c.store.AreaShapes(ctx, "")
	if err != nil {
		return nil, err
	}
	for _, a := range shapes {
		g.areas[a.ID] = a
		g.layerLevel[a.Layer] = a.Level
	}
	results, err := c.store.Results(ctx)
	if err != nil {
		return nil, err
	}
	for _, r := range results {
		if len(g.results) > 0 && r.Election != results[0].Election {
			break // one election at a time: the first by name
		}
		g.results[r.Station] = r
	}
	for id, a := range g.areas {
		if _, ok := g.results[a.Code]; ok {
			g.stations[id] = true
		}
	}
	if g.work, err = c.doorWork(ctx, g.addresses); err != nil {
		return nil, err
	}
	listed, err := c.store.ListedPerStation(ctx)
	if err != nil {
		return nil, err
	}
	oneCommune := len(listed) == 0 || listed[0].Commune == listed[len(listed)-1].Commune
	g.listed = map[stationRef]int{}
	for _, l := range listed {
		if k, ok := stationNumber(l.Code); ok {
			ref := stationRef{number: k}
			if !oneCommune {
				ref.commune = l.Commune
			}
			g.listed[ref] += l.Voters
		}
	}
	communes := map[int64]map[string]int{} // station -> commune -> its addresses there
	for _, a := range g.addresses {
		for _, id := range g.owners[a.ID] {
			if g.stations[id] {
				g.stationVoters[id] += g.voters[a.ID]
				if communes[id] == nil {
					communes[id] = map[string]int{}
				}
				communes[id][a.Insee]++
			}
		}
	}
	g.stationCommune = map[int64]string{}
	for id, count := range communes {
		if !oneCommune {
			g.stationCommune[id] = mostOfKeys(count)
		}
	}
	return g, nil
}

// stationRef names a polling station as the electoral list does: its commune and its number.
type stationRef struct {
	commune string
	number  int
}

// mostOfKeys is the key of the largest count, the smallest key of equal counts.
func mostOfKeys(count map[string]int) string {
	best := ""
	for k, n := range count {
		if b := count[best]; best == "" || n > b || n == b && k < best {
			best = k
		}
	}
	return best
}

// Areas computes the aggregates of every area of a level, sorted by id: for a team lead, of their
// areas only. Street level lists the
// BAN streets (an address hangs on its street); the other levels list the imported polygons.
func (c *Campaign) Areas(ctx context.Context, level string) ([]AreaStats, error) {
	ctx, err := c.allowAny(ctx, policy.ReadAreas)
	if err != nil {
		return nil, err
	}
	if !slices.Contains(Levels, level) {
		return nil, &UsageError{Problems: []string{fmt.Sprintf("--level %q: expected one of constituency, neighborhood, street", level)}}
	}
	g, err := c.loadGeography(ctx)
	if err != nil {
		return nil, err
	}
	units := slices.DeleteFunc(g.stats(level), func(u AreaStats) bool { return !c.within(policy.ReadAreas)(u) })
	for i := range units {
		units[i].doors = nil
		if !policy.Exposed(units[i].Voters, g.k) {
			// Its results, and who was home, would describe its few residents. Counts and coverage
			// stay: they size the turfs, and a rule reads none of them on such a unit (policy.Select).
			units[i].Hidden = true
			units[i].Registered, units[i].Votes, units[i].Abstention, units[i].Shares = nil, nil, nil, nil
			units[i].Answered, units[i].Revisit = nil, nil
		}
	}
	return units, nil
}

// unit is an area as a rule reads it; the note of what a rule leaves out names its parent at the
// nearest level above (the first layer of that level by name).
func (g *geography) unit(u AreaStats) policy.Unit {
	out := policy.Unit{ID: u.ID, Voters: u.Voters, Doors: u.Doors, Stations: u.Stations, Coverage: u.Coverage,
		Revisit: u.Revisit, Registered: u.Registered, Votes: u.Votes, Abstention: u.Abstention, Shares: u.Shares}
	best := -1
	for layer, id := range u.Parents {
		if r := levelRank[g.layerLevel[layer]]; r > best || (r == best && layer < out.ParentLayer) {
			best, out.ParentLayer, out.Parent = r, layer, id
		}
	}
	return out
}

// levelRank orders the levels from the largest.
var levelRank = map[string]int{"constituency": 0, "neighborhood": 1, "street": 2}

// stats computes every unit of a level with all its indicators (hiding is the caller's business)
// and the BAN ids of its doors.
func (g *geography) stats(level string) []AreaStats {
	units := map[string]*AreaStats{}
	unit := func(key string, mk func() AreaStats) *AreaStats {
		u, ok := units[key]
		if !ok {
			s := mk()
			u = &s
			units[key] = u
		}
		return u
	}
	for _, a := range g.addresses {
		var mine []*AreaStats
		if level == "street" {
			mine = append(mine, unit(a.StreetID, func() AreaStats {
				return AreaStats{ID: a.StreetID, Name: a.Street, Level: level, Layer: "ban"}
			}))
		} else {
			for _, id := range g.owners[a.ID] {
				area := g.areas[id]
				if area.Level != level {
					continue
				}
				mine = append(mine, unit(fmt.Sprint(id), func() AreaStats {
					return AreaStats{ID: area.Code, Name: area.Name, Level: level, Layer: area.Layer, areaID: id}
				}))
			}
		}
		for _, u := range mine {
			u.Doors++
			u.Voters += g.voters[a.ID]
			u.doors = append(u.doors, a.ID)
		}
	}
	lines := g.streetLines(level)
	out := make([]AreaStats, 0, len(units))
	for _, u := range units {
		u.Line = lines[geocode.StreetKey(u.Name)]
		g.count(u)
		u.Coverage /= float64(u.Doors)
		g.indicators(u)
		g.parents(u)
		out = append(out, *u)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Layer != out[j].Layer {
			return out[i].Layer < out[j].Layer
		}
		return naturalLess(out[i].ID, out[j].ID)
	})
	return out
}

// streetLines maps the street key of each feature of the street layers to its id, for the BAN
// streets to find their line; empty unless level is street.
func (g *geography) streetLines(level string) map[string]string {
	lines := map[string]string{}
	if level != "street" {
		return lines
	}
	for _, a := range g.areas {
		if a.Level == "street" {
			if key := geocode.StreetKey(a.Name); key != "" {
				if prev, ok := lines[key]; !ok || a.Code < prev {
					lines[key] = a.Code
				}
			}
		}
	}
	return lines
}

// indicators allocate each polling station's public result to the unit in proportion to the
// station's geocoded voters living in it. A station's own unit gets its whole result.
func (g *geography) indicators(u *AreaStats) {
	inUnit := map[int64]int{} // station area -> voters of the unit in it
	for _, addr := range u.doors {
		for _, id := range g.owners[addr] {
			if g.stations[id] {
				inUnit[id] += g.voters[addr]
			}
		}
	}
	u.Stations = len(inUnit)
	if g.stations[u.areaID] {
		ref := stationRef{commune: g.stationCommune[u.areaID]}
		var ok bool
		if ref.number, ok = stationNumber(u.ID); ok && g.listed[ref] > 0 {
			listed := g.listed[ref]
			share := float64(u.Voters) / float64(listed)
			u.Listed, u.Geocoded = &listed, &share
		}
	}
	if len(inUnit) == 0 {
		return
	}
	var registered, votes, valid float64
	lists := map[string]float64{}
	for id, n := range inUnit {
		total := g.stationVoters[id]
		if total == 0 {
			continue
		}
		share := float64(n) / float64(total)
		r := g.results[g.areas[id].Code]
		registered += share * float64(r.Registered)
		votes += share * float64(r.Voters)
		valid += share * float64(r.Valid)
		for name, v := range r.Lists {
			lists[name] += share * float64(v)
		}
	}
	if registered == 0 {
		return
	}
	abst := 1 - votes/registered
	u.Registered, u.Votes, u.Abstention = &registered, &votes, &abst
	if valid > 0 {
		u.Shares = map[string]float64{}
		for name, v := range lists {
			u.Shares[name] = v / valid
		}
	}
}

// parents name, for each layer of the levels above the unit's, the area holding most of its doors.
func (g *geography) parents(u *AreaStats) {
	rank := levelRank
	count := map[int64]int{}
	for _, addr := range u.doors {
		for _, id := range g.owners[addr] {
			if rank[g.areas[id].Level] < rank[u.Level] {
				count[id]++
			}
		}
	}
	best := map[string]int64{}
	for id, n := range count {
		layer := g.areas[id].Layer
		if b, ok := best[layer]; !ok || n > count[b] || (n == count[b] && id < b) {
			best[layer] = id
		}
	}
	if len(best) > 0 {
		u.Parents = map[string]string{}
		for layer, id := range best {
			u.Parents[layer] = g.areas[id].Code
		}
	}
}

// stationNumber reads a polling station's number from its code: the last run of digits, so that
// the list's "0001" and the city's "20-1" both name station 1. Stations are numbered within a
// commune: a station is known by its commune and its number (stationRef).
func stationNumber(code string) (int, bool) {
	end := len(code)
	for end > 0 && (code[end-1] < '0' || code[end-1] > '9') {
		end--
	}
	start := end
	for start > 0 && code[start-1] >= '0' && code[start-1] <= '9' {
		start--
	}
	if start == end {
		return 0, false
	}
	n, err := strconv.Atoi(code[start:end])
	return n, err == nil
}

// naturalLess orders "20-2" before "20-10".
func naturalLess(a, b string) bool {
	for a != "" && b != "" {
		ai, bi := digitsPrefix(a), digitsPrefix(b)
		if ai > 0 && bi > 0 {
			if ai != bi {
				return ai < bi
			}
			if a[:ai] != b[:bi] {
				return a[:ai] < b[:bi]
			}
			a, b = a[ai:], b[bi:]
			continue
		}
		if a[0] != b[0] {
			return a[0] < b[0]
		}
		a, b = a[1:], b[1:]
	}
	return len(a) < len(b)
}

func digitsPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
