package canvass

import (
	"cmp"
	"context"
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/paulmach/orb"

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
	doors  []data.Door // of a unit chosen for a plan
}

// geography is what aggregates are computed from: the totals geocoding kept in the store for
// every area and street, read for one level at a time, never the addresses or the voters.
type geography struct {
	k     int
	level string
	heads map[int64]data.AreaHead // every area, without its geometry
	// totals are each area's doors and voters; overlaps, per area, the doors and voters that other
	// areas hold too.
	totals   map[int64]data.AreaTotal
	overlaps map[int64][]data.AreaOverlap
	// streets and streetAreas, at street level only: the BAN streets and what each area holds of them.
	streets     []data.StreetTotal
	streetAreas map[string][]data.StreetArea
	results     map[string]data.Result // station code -> result (of one election)
	// lists names the lists of the results, sorted; listVotes has each station's votes per list
	// in that order (a unit adds up a few stations' votes in a slice, not a map per station).
	lists     []string
	listVotes map[string][]float64
	stations  map[int64]bool // areas that are polling stations (their code has a result)
	// listed counts voters by the commune and station number their list entry gives; when the
	// list is of one commune (whose code may differ from the BAN's, as Paris's 75056), by number
	// only.
	listed     map[stationRef]int
	oneCommune bool
	// work is, per unit, what the campaign did at its doors (see unitWork).
	work map[string]*work
	// layerLevel is the level of each layer.
	layerLevel map[string]string
}

// loadGeography reads what the aggregates of a level are computed from, geocoding first if an
// import made the geography stale.
func (c *Campaign) loadGeography(ctx context.Context, level string) (*geography, error) {
	if _, err := c.ensureGeography(ctx); err != nil {
		return nil, err
	}
	s, err := c.store.Settings(ctx)
	if err != nil {
		return nil, err
	}
	k, _ := policy.MinUnitVoters(s.MinUnitVoters, s.MinUnitReason) // a K refused: the default
	g := &geography{k: k, level: level, layerLevel: map[string]string{}, heads: map[int64]data.AreaHead{},
		totals: map[int64]data.AreaTotal{}, overlaps: map[int64][]data.AreaOverlap{}, streetAreas: map[string][]data.StreetArea{},
		stations: map[int64]bool{}, listed: map[stationRef]int{}}
	heads, err := c.store.AreaHeads(ctx)
	if err != nil {
		return nil, err
	}
	for _, a := range heads {
		g.heads[a.ID] = a
		g.layerLevel[a.Layer] = a.Level
	}
	totals, err := c.store.AreaTotals(ctx)
	if err != nil {
		return nil, err
	}
	for _, t := range totals {
		g.totals[t.AreaID] = t
	}
	if level == "street" {
		if g.streets, err = c.store.StreetTotals(ctx, nil); err != nil {
			return nil, err
		}
		all, err := c.store.StreetAreas(ctx, nil)
		if err != nil {
			return nil, err
		}
		for _, sa := range all {
			g.streetAreas[sa.StreetID] = append(g.streetAreas[sa.StreetID], sa)
		}
	} else {
		overlaps, err := c.store.AreaOverlaps(ctx)
		if err != nil {
			return nil, err
		}
		for _, o := range overlaps {
			g.overlaps[o.AreaID] = append(g.overlaps[o.AreaID], o)
		}
	}
	codes, err := c.store.ResultStations(ctx)
	if err != nil {
		return nil, err
	}
	for id, a := range g.heads {
		if _, ok := slices.BinarySearch(codes, a.Code); ok {
			g.stations[id] = true
		}
	}
	listed, err := c.store.ListedPerStation(ctx)
	if err != nil {
		return nil, err
	}
	g.oneCommune = len(listed) == 0 || listed[0].Commune == listed[len(listed)-1].Commune
	for _, l := range listed {
		if n, ok := stationNumber(l.Code); ok {
			g.listed[g.stationRef(l.Commune, n)] += l.Voters
		}
	}
	if g.work, err = c.unitWork(ctx, g); err != nil {
		return nil, err
	}
	return g, nil
}

// stationRef names a polling station as the electoral list does: its commune and its number.
type stationRef struct {
	commune string
	number  int
}

// stationRef is the station number of a commune, the commune left out when the list is of one.
func (g *geography) stationRef(commune string, number int) stationRef {
	if g.oneCommune {
		commune = ""
	}
	return stationRef{commune: commune, number: number}
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
	if err := checkLevel("--level", level); err != nil {
		return nil, err
	}
	g, err := c.loadGeography(ctx, level)
	if err != nil {
		return nil, err
	}
	units, err := c.levelStats(ctx, g, nil)
	if err != nil {
		return nil, err
	}
	units = slices.DeleteFunc(units, func(u AreaStats) bool { return !c.within(policy.ReadAreas)(u) })
	for i := range units {
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

// pending is a unit counted, what the areas holding its doors hold of it (its own doors
// included, each area once, by OtherID) still to be read into its indicators and parents.
type pending struct {
	unit AreaStats
	held []data.AreaOverlap
}

// levelStats computes the units of g's level that keep keeps (every one when keep is nil; keep
// reads ids and names only), with all their indicators (hiding is the caller's business), from
// the totals in the store: it reads the results of the stations they lie in only.
func (c *Campaign) levelStats(ctx context.Context, g *geography, keep func(AreaStats) bool) ([]AreaStats, error) {
	units := g.units(keep)
	var codes []string
	seen := map[int64]bool{}
	for _, p := range units {
		for _, o := range p.held {
			if g.stations[o.OtherID] && !seen[o.OtherID] {
				seen[o.OtherID] = true
				codes = append(codes, g.heads[o.OtherID].Code)
			}
		}
	}
	results, err := c.store.ResultsOf(ctx, codes)
	if err != nil {
		return nil, err
	}
	g.setResults(results)
	out := make([]AreaStats, len(units))
	for i, p := range units {
		out[i] = g.finish(p.unit, p.held)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Layer != out[j].Layer {
			return out[i].Layer < out[j].Layer
		}
		return CompareAreaIDs(out[i].ID, out[j].ID) < 0
	})
	return out, nil
}

// setResults takes the results of the stations, their lists' votes in slices.
func (g *geography) setResults(results map[string]data.Result) {
	g.results = results
	names := map[string]bool{}
	for _, r := range results {
		for name := range r.Lists {
			names[name] = true
		}
	}
	g.lists = slices.Sorted(maps.Keys(names))
	g.listVotes = make(map[string][]float64, len(results))
	for code, r := range results {
		votes := make([]float64, len(g.lists))
		for i, name := range g.lists {
			votes[i] = float64(r.Lists[name])
		}
		g.listVotes[code] = votes
	}
}

// units counts the units of g's level that keep keeps (all when keep is nil).
func (g *geography) units(keep func(AreaStats) bool) []pending {
	var out []pending
	add := func(u AreaStats, held func() []data.AreaOverlap) {
		if keep == nil || keep(u) {
			out = append(out, pending{u, held()})
		}
	}
	if g.level == "street" {
		lines := g.streetLines()
		for _, st := range g.streets {
			add(AreaStats{ID: st.StreetID, Name: st.Name, Level: g.level, Layer: "ban", Doors: st.Doors, Voters: st.Voters,
				Line: lineOf(lines[geocode.StreetKey(st.Name)], st.Bound)}, func() []data.AreaOverlap {
				parts := g.streetAreas[st.StreetID]
				held := make([]data.AreaOverlap, len(parts))
				for i, sa := range parts {
					held[i] = data.AreaOverlap{OtherID: sa.AreaID, Doors: sa.Doors, Voters: sa.Voters}
				}
				return held
			})
		}
		return out
	}
	for id, t := range g.totals {
		area := g.heads[id]
		if area.Level != g.level {
			continue
		}
		add(AreaStats{ID: area.Code, Name: area.Name, Level: g.level, Layer: area.Layer, Doors: t.Doors, Voters: t.Voters, areaID: id},
			func() []data.AreaOverlap {
				return append([]data.AreaOverlap{{OtherID: id, Doors: t.Doors, Voters: t.Voters}}, g.overlaps[id]...)
			})
	}
	return out
}

// finish computes a unit's coverage, indicators and parents from what the areas held (its own
// doors included, each area once, by OtherID) hold of it.
func (g *geography) finish(u AreaStats, held []data.AreaOverlap) AreaStats {
	key := u.ID
	if u.areaID != 0 {
		key = fmt.Sprint(u.areaID)
	}
	w := g.work[key]
	if w == nil {
		w = &work{}
	}
	u.Coverage = w.knocked / float64(u.Doors)
	u.Knocked = int(math.Round(w.knocked))
	answered, revisit := int(math.Round(w.answered)), w.revisits
	u.Answered, u.Revisit = &answered, &revisit
	g.indicators(&u, held)
	g.parents(&u, held)
	return u
}

// exposed says whether a unit's indicators may be read: policy.Select reads none of a smaller
// one's, and Areas hides them.
func (g *geography) exposed(u *AreaStats) bool { return policy.Exposed(u.Voters, g.k) }

// streetLines lists, by street key, the features of the street layers (several communes have a
// Rue de la Mairie), for the BAN streets to find their line.
func (g *geography) streetLines() map[string][]data.AreaHead {
	lines := map[string][]data.AreaHead{}
	for _, a := range g.heads {
		if a.Level == "street" {
			if key := geocode.StreetKey(a.Name); key != "" {
				lines[key] = append(lines[key], a)
			}
		}
	}
	return lines
}

// lineNear is how far, in degrees (about 100 m), a street's line may lie from its doors' box.
const lineNear = 0.001

// lineOf is the id of the line, among those of the street's name, that lies where the street's
// doors are (the smallest id if several do), "" when none does.
func lineOf(lines []data.AreaHead, doors orb.Bound) string {
	near := doors.Pad(lineNear)
	best := ""
	for _, l := range lines {
		if l.Bound.Intersects(near) && (best == "" || l.Code < best) {
			best = l.Code
		}
	}
	return best
}

// indicators allocate each polling station's public result to the unit in proportion to the
// station's geocoded voters living in it. A station's own unit gets its whole result.
func (g *geography) indicators(u *AreaStats, held []data.AreaOverlap) {
	var inUnit []data.AreaOverlap // the stations holding the unit's doors, with its voters in each
	for _, o := range held {
		if g.stations[o.OtherID] {
			inUnit = append(inUnit, o)
		}
	}
	u.Stations = len(inUnit)
	if g.stations[u.areaID] {
		if n, ok := stationNumber(u.ID); ok {
			if listed := g.listed[g.stationRef(g.totals[u.areaID].Commune, n)]; listed > 0 {
				share := float64(u.Voters) / float64(listed)
				u.Listed, u.Geocoded = &listed, &share
			}
		}
	}
	if len(inUnit) == 0 || !g.exposed(u) {
		return
	}
	var registered, votes, valid float64
	lists := make([]float64, len(g.lists))
	for _, o := range inUnit {
		total := g.totals[o.OtherID].Voters
		if total == 0 {
			continue
		}
		share := float64(o.Voters) / float64(total)
		code := g.heads[o.OtherID].Code
		r := g.results[code]
		registered += share * float64(r.Registered)
		votes += share * float64(r.Voters)
		valid += share * float64(r.Valid)
		for i, v := range g.listVotes[code] {
			lists[i] += share * v
		}
	}
	if registered == 0 {
		return
	}
	abst := 1 - votes/registered
	u.Registered, u.Votes, u.Abstention = &registered, &votes, &abst
	if valid > 0 {
		u.Shares = make(map[string]float64, len(g.lists))
		for i, name := range g.lists {
			u.Shares[name] = lists[i] / valid
		}
	}
}

// parents name, for each layer of the levels above the unit's, the area holding most of its doors.
func (g *geography) parents(u *AreaStats, held []data.AreaOverlap) {
	best := map[string]data.AreaOverlap{}
	for _, o := range held {
		area := g.heads[o.OtherID]
		if levelRank[area.Level] >= levelRank[u.Level] {
			continue
		}
		if b, ok := best[area.Layer]; !ok || o.Doors > b.Doors || (o.Doors == b.Doors && o.OtherID < b.OtherID) {
			best[area.Layer] = o
		}
	}
	if len(best) > 0 {
		u.Parents = make(map[string]string, len(best))
		for layer, o := range best {
			u.Parents[layer] = g.heads[o.OtherID].Code
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

// CompareAreaIDs orders area ids naturally, a run of digits by its value: "20-2" before "20-10",
// "99501_0420" before "99501_0440". It returns -1, 0 or 1 like strings.Compare; lists of areas,
// here and on the screens, are sorted by it.
func CompareAreaIDs(a, b string) int {
	for a != "" && b != "" {
		ai, bi := digitsPrefix(a), digitsPrefix(b)
		if ai > 0 && bi > 0 {
			if ai != bi {
				return cmp.Compare(ai, bi)
			}
			if c := strings.Compare(a[:ai], b[:bi]); c != 0 {
				return c
			}
			a, b = a[ai:], b[bi:]
			continue
		}
		if a[0] != b[0] {
			return cmp.Compare(a[0], b[0])
		}
		a, b = a[1:], b[1:]
	}
	return cmp.Compare(len(a), len(b))
}

func digitsPrefix(s string) int {
	i := 0
	for i < len(s) && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i
}
