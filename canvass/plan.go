package canvass

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/data/tabular"
	"github.com/campagne-fr/porteaporte/geo"
	"github.com/campagne-fr/porteaporte/geo/network"
)

// PlanRequest is what an organizer asks the planner for: areas of one level, chosen by id or name
// or by a rule on their aggregates, cut into turfs of a size. Nothing in it can name a person.
type PlanRequest struct {
	Name    string
	Level   string
	Layer   string   // which layer of the level, when it has several (iris, quartiers, bureaux)
	Areas   []string // ids or names; or
	Rule    string   // a rule on aggregates (see Rule)
	Measure turf.Measure
	Target  float64
	Start   *orb.Point // lon/lat where walks start; nil: each turf's best end
	// Time model and sides; zero values take the campaign's settings.
	WalkSpeed, PerDoor, PerVoter float64
	Sides                        string // auto, together or apart
}

// Plan is a stored canvassing plan.
type Plan struct {
	Name      string       `json:"name"`
	Level     string       `json:"level"`
	Layer     string       `json:"layer,omitempty"`
	Rule      string       `json:"rule"`
	Areas     []string     `json:"areas"`
	Measure   string       `json:"measure"`
	Target    float64      `json:"target"`
	Start     *orb.Point   `json:"start,omitempty"`
	WalkSpeed float64      `json:"walk_speed"`
	PerDoor   float64      `json:"per_door"`
	PerVoter  float64      `json:"per_voter"`
	Sides     string       `json:"sides"`
	CreatedAt string       `json:"created_at"`
	Turfs     []Turf       `json:"turfs"`
	Metrics   turf.Metrics `json:"metrics"`
	// Distances says how walks were measured: NetworkDistances or StraightDistances.
	Distances string `json:"distances"`
}

// Turf is one volunteer's walk: counts, distance, time, and the stops in walking order.
type Turf struct {
	ID        int     `json:"id"`
	Area      string  `json:"area"`
	Doors     int     `json:"doors"`
	Voters    int     `json:"voters"`
	Metres    float64 `json:"metres"`
	Minutes   float64 `json:"minutes"`
	Stops     []Stop  `json:"stops"`
	Volunteer string  `json:"volunteer,omitempty"`
	Date      string  `json:"date,omitempty"`
	// Outcomes are what volunteers reported on the turf's streets.
	Outcomes []Outcome `json:"outcomes,omitempty"`
	// Path is the walk along the street network, lon/lat, from the start (or the first door) to
	// the last door; none when distances are straight lines.
	Path orb.LineString `json:"path,omitempty"`
}

// Stop is a stretch of a street: a side, a number range, its doors in walking order.
type Stop struct {
	StreetID string     `json:"street_id"`
	Street   string     `json:"street"`
	Side     turf.Side  `json:"side"`
	From     string     `json:"from"`
	To       string     `json:"to"`
	Doors    int        `json:"doors"`
	Voters   int        `json:"voters"`
	Numbers  []StopDoor `json:"numbers"`
	// FromStreet and ToStreet name, on a street network, the streets met where the stretch begins
	// and ends.
	FromStreet string `json:"from_street,omitempty"`
	ToStreet   string `json:"to_street,omitempty"`
}

// StopDoor is one door of a stop: its number, place, and whether someone there objected.
type StopDoor struct {
	Number     string  `json:"number"`
	Lon        float64 `json:"lon"`
	Lat        float64 `json:"lat"`
	Voters     int     `json:"voters"`
	DoNotKnock bool    `json:"do_not_knock,omitempty"`
}

// Measures name the turf measures in requests and stored plans.
var Measures = map[string]turf.Measure{"doors": turf.Doors, "voters": turf.Voters, "minutes": turf.Minutes}

func measureName(m turf.Measure) string {
	for name, v := range Measures {
		if v == m {
			return name
		}
	}
	return "doors"
}

// selectAreas applies the request's choice of areas, under the policy: by id or name, any area;
// by rule, only aggregates, and never an indicator read on a unit of fewer than K voters.
func (g *geography) selectAreas(req PlanRequest) ([]AreaStats, error) {
	if !slices.Contains(Levels, req.Level) {
		return nil, &UsageError{Problems: []string{fmt.Sprintf("--level %q: expected one of constituency, neighborhood, street", req.Level)}}
	}
	units := g.stats(req.Level)
	layers := map[string]bool{}
	for _, u := range units {
		layers[u.Layer] = true
	}
	if req.Layer != "" {
		if !layers[req.Layer] {
			return nil, &UsageError{Problems: []string{fmt.Sprintf("--layer %q: level %s has layers %s", req.Layer, req.Level, strings.Join(sortedKeys(layers), ", "))}}
		}
		units = slices.DeleteFunc(units, func(u AreaStats) bool { return u.Layer != req.Layer })
	}
	if len(units) == 0 {
		return nil, &UsageError{Problems: []string{fmt.Sprintf("no %s areas with addresses: import an area layer and addresses first", req.Level)}}
	}
	switch {
	case len(req.Areas) > 0 && req.Rule != "":
		return nil, &UsageError{Problems: []string{"give --areas or --rule, not both"}}
	case len(req.Areas) > 0:
		return pickAreas(units, req.Areas)
	case req.Rule == "":
		return nil, &UsageError{Problems: []string{"choose the areas: --areas ID[,ID...] or --rule EXPR (e.g. \"top 10 by abstention\")"}}
	}
	rule, err := ParseRule(req.Rule)
	if err != nil {
		return nil, err
	}
	if len(layers) > 1 && req.Layer == "" && rule.Top+len(rule.Clauses) > 0 {
		return nil, &UsageError{Problems: []string{fmt.Sprintf("level %s has several layers (%s): choose one with --layer", req.Level, strings.Join(sortedKeys(layers), ", "))}}
	}
	chosen := rule.apply(units)
	if rule.UsesBehaviour() {
		var small []string
		for _, u := range chosen {
			if u.Voters < g.k {
				small = append(small, u.ID)
			}
		}
		if len(small) > 0 {
			return nil, &RefusedError{Reason: fmt.Sprintf("the rule %q would choose %d area(s) of fewer than %d voters (%s) by an indicator: "+
				"so small a unit stands for its few residents, so its indicators are not used to target it. "+
				"Choose a larger level, or name the areas with --areas", rule.Text, len(small), g.k, strings.Join(first(small, 5), ", "))}
		}
	}
	if len(chosen) == 0 {
		return nil, &UsageError{Problems: []string{fmt.Sprintf("the rule %q selects no area", rule.Text)}}
	}
	return chosen, nil
}

// apply selects the units the rule holds for.
func (r Rule) apply(units []AreaStats) []AreaStats {
	var out []AreaStats
	for _, u := range units {
		if r.holds(func(ind string) (float64, bool) { return u.value(ind) }) {
			out = append(out, u)
		}
	}
	if r.Top > 0 {
		out = slices.DeleteFunc(out, func(u AreaStats) bool { _, ok := u.value(r.By); return !ok })
		sort.SliceStable(out, func(i, j int) bool {
			a, _ := out[i].value(r.By)
			b, _ := out[j].value(r.By)
			if r.Bottom {
				return a < b
			}
			return a > b
		})
		out = out[:min(r.Top, len(out))]
	}
	return out
}

// value reads an indicator of the unit; false when the unit has none (no results for it).
func (u AreaStats) value(ind string) (float64, bool) {
	ptr := func(p *float64) (float64, bool) {
		if p == nil {
			return 0, false
		}
		return *p, true
	}
	switch ind {
	case "voters":
		return float64(u.Voters), true
	case "doors":
		return float64(u.Doors), true
	case "stations":
		return float64(u.Stations), true
	case "coverage":
		return u.Coverage, true
	case "revisit":
		if u.Revisit == nil {
			return 0, false
		}
		return float64(*u.Revisit), true
	case "registered":
		return ptr(u.Registered)
	case "votes":
		return ptr(u.Votes)
	case "abstention":
		return ptr(u.Abstention)
	case "turnout":
		if a, ok := ptr(u.Abstention); ok {
			return 1 - a, true
		}
		return 0, false
	}
	if list, ok := strings.CutPrefix(ind, "share:"); ok {
		for name, v := range u.Shares {
			if tabular.Fold(name) == tabular.Fold(list) {
				return v, true
			}
		}
	}
	return 0, false
}

// pickAreas finds areas by id, or by name without case or accents.
func pickAreas(units []AreaStats, wanted []string) ([]AreaStats, error) {
	var out []AreaStats
	var unknown []string
	for _, w := range wanted {
		w = strings.TrimSpace(w)
		i := slices.IndexFunc(units, func(u AreaStats) bool { return u.ID == w })
		if i < 0 {
			i = slices.IndexFunc(units, func(u AreaStats) bool { return tabular.Fold(u.Name) == tabular.Fold(w) })
		}
		if i < 0 {
			unknown = append(unknown, w)
			continue
		}
		if !slices.ContainsFunc(out, func(u AreaStats) bool { return u.areaID == units[i].areaID && u.ID == units[i].ID }) {
			out = append(out, units[i])
		}
	}
	if len(unknown) > 0 {
		var known []string
		for _, u := range first(units, 8) {
			known = append(known, u.ID)
		}
		return nil, &UsageError{Problems: []string{fmt.Sprintf("--areas: no area %s at this level (some that exist: %s; see `canvass areas`)",
			strings.Join(unknown, ", "), strings.Join(known, ", "))}}
	}
	return out, nil
}

func first[T any](s []T, n int) []T { return s[:min(n, len(s))] }

func sortedKeys(m map[string]bool) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// BuildPlan selects the areas, cuts them into turfs, orders each turf into a walk and stores the
// plan under its name (replacing the plan of that name: re-running it after new data).
func (c *Campaign) BuildPlan(ctx context.Context, req PlanRequest) (Plan, error) {
	if strings.TrimSpace(req.Name) == "" {
		return Plan{}, &UsageError{Problems: []string{"--name is required"}}
	}
	if req.Target <= 0 {
		return Plan{}, &UsageError{Problems: []string{"give a turf size: --turf-doors N, --turf-voters N or --turf-minutes M"}}
	}
	g, err := c.loadGeography(ctx)
	if err != nil {
		return Plan{}, err
	}
	chosen, err := g.selectAreas(req)
	if err != nil {
		if _, refused := err.(*RefusedError); refused {
			c.store.AppendAudit(ctx, "refused.plan", map[string]any{"name": req.Name, "level": req.Level, "rule": req.Rule, "reason": err.Error()})
		}
		return Plan{}, err
	}
	noKnock, err := c.doNotKnock(ctx, g)
	if err != nil {
		return Plan{}, err
	}
	settings, err := c.store.Campaign(ctx)
	if err != nil {
		return Plan{}, err
	}
	net, err := c.streetNetwork(ctx)
	if err != nil {
		return Plan{}, err
	}
	plan, err := g.cut(withSettings(req, settings), chosen, noKnock, net)
	if err != nil {
		return Plan{}, err
	}
	plan.CreatedAt = c.now().UTC().Format("2006-01-02T15:04:05Z")
	return plan, c.savePlan(ctx, plan)
}

// withSettings fills what the request leaves to the campaign's settings.
func withSettings(req PlanRequest, s Settings) PlanRequest {
	s = planningDefaults(s)
	for _, f := range []struct {
		dst *float64
		def float64
	}{{&req.WalkSpeed, s.WalkSpeed}, {&req.PerDoor, s.PerDoor}, {&req.PerVoter, s.PerVoter}} {
		if *f.dst == 0 {
			*f.dst = f.def
		}
	}
	if req.Sides == "" {
		req.Sides = s.Sides
	}
	return req
}

// cut turns the chosen areas' doors into turfs and walks.
func (g *geography) cut(req PlanRequest, chosen []AreaStats, noKnock map[string]bool, net *network.Network) (Plan, error) {
	byID := map[string]data.AddressPoint{}
	for _, a := range g.addresses {
		byID[a.ID] = a
	}
	var doors []turf.Door
	var lonlat []orb.Point
	seen := map[string]bool{}
	for i, u := range chosen {
		area := i
		if req.Level == "street" {
			area = 0 // streets are pooled: a street is seldom a turf on its own
		}
		for _, id := range u.doors {
			if seen[id] {
				continue // an address in two chosen areas (overlapping layers) is visited once
			}
			seen[id] = true
			a := byID[id]
			doors = append(doors, turf.Door{ID: a.ID, StreetID: a.StreetID, Street: a.Street, Number: a.Number,
				Rep: a.Rep, Voters: g.voters[a.ID], Area: area})
			lonlat = append(lonlat, orb.Point{a.Lon, a.Lat})
		}
	}
	proj := geo.NewProjection(centroid(lonlat))
	for i := range doors {
		doors[i].At = proj.Metres(lonlat[i])
	}
	opt := turf.Options{Measure: req.Measure, Target: req.Target, WalkSpeed: req.WalkSpeed, PerDoor: req.PerDoor,
		PerVoter: req.PerVoter}
	switch req.Sides {
	case "together":
		opt.BothSides = func(string) bool { return true }
	case "apart":
		opt.BothSides = func(string) bool { return false }
	case "auto":
	default:
		return Plan{}, &UsageError{Problems: []string{fmt.Sprintf("--sides %q: expected one of %s", req.Sides, strings.Join(Sides, ", "))}}
	}
	if req.Start != nil {
		s := proj.Metres(*req.Start)
		opt.Start = &s
	}
	distances := onNetwork(net, doors, lonlat, req.Start, &opt)
	turfs, metrics := turf.Cut(doors, opt)
	plan := Plan{Name: req.Name, Level: req.Level, Layer: req.Layer, Rule: req.Rule, Measure: measureName(req.Measure),
		Target: req.Target, Start: req.Start, Metrics: metrics, WalkSpeed: req.WalkSpeed, PerDoor: req.PerDoor,
		PerVoter: req.PerVoter, Sides: req.Sides, Distances: distances}
	for _, u := range chosen {
		plan.Areas = append(plan.Areas, u.ID)
	}
	if plan.Rule == "" {
		plan.Rule = "areas " + strings.Join(plan.Areas, ",")
	}
	for i, t := range turfs {
		out := Turf{ID: i + 1, Area: chosen[min(t.Area, len(chosen)-1)].ID, Doors: len(t.Doors), Voters: t.Voters,
			Metres: round1(t.Metres), Minutes: round1(t.Minutes), Path: t.Path}
		if req.Level == "street" {
			out.Area = ""
		}
		for _, s := range t.Stops {
			stop := Stop{StreetID: s.StreetID, Street: s.Street, Side: s.Side, Doors: len(s.Doors), Voters: s.Voters,
				FromStreet: s.FromStreet, ToStreet: s.ToStreet}
			for _, d := range s.Doors {
				door := doors[d]
				stop.Numbers = append(stop.Numbers, StopDoor{Number: houseNumber(door), Lon: lonlat[d][0], Lat: lonlat[d][1],
					Voters: door.Voters, DoNotKnock: noKnock[door.ID]})
			}
			stop.From, stop.To = stop.Numbers[0].Number, stop.Numbers[len(stop.Numbers)-1].Number
			out.Stops = append(out.Stops, stop)
		}
		plan.Turfs = append(plan.Turfs, out)
	}
	return plan, nil
}

func houseNumber(d turf.Door) string { return numberLabel(d.Number, d.Rep) }

// numberLabel writes a BAN house number as stops carry it: "12", "12B", "s/n" (no number).
func numberLabel(n int, rep string) string {
	if n == 0 {
		return "s/n"
	}
	return fmt.Sprintf("%d%s", n, strings.ToUpper(rep))
}

func round1(x float64) float64 { return float64(int64(x*10+0.5)) / 10 }

func centroid(pts []orb.Point) orb.Point {
	var c orb.Point
	for _, p := range pts {
		c[0] += p[0]
		c[1] += p[1]
	}
	if n := float64(len(pts)); n > 0 {
		c[0], c[1] = c[0]/n, c[1]/n
	}
	return c
}

// savePlan stores the plan; turfs keep their stops as JSON.
func (c *Campaign) savePlan(ctx context.Context, p Plan) error {
	params, err := json.Marshal(map[string]any{"layer": p.Layer, "areas": p.Areas, "measure": p.Measure,
		"target": p.Target, "start": p.Start, "metrics": p.Metrics, "created_at": p.CreatedAt,
		"walk_speed": p.WalkSpeed, "per_door": p.PerDoor, "per_voter": p.PerVoter, "sides": p.Sides, "distances": p.Distances})
	if err != nil {
		return err
	}
	stored := data.StoredPlan{Name: p.Name, Level: p.Level, Rule: p.Rule, Params: params, CreatedAt: c.now()}
	doors := 0
	for _, t := range p.Turfs {
		stops, err := json.Marshal(t.Stops)
		if err != nil {
			return err
		}
		doors += t.Doors
		stored.Turfs = append(stored.Turfs, data.StoredTurf{Seq: t.ID, Area: t.Area, Doors: t.Doors, Voters: t.Voters, Metres: t.Metres,
			Minutes: t.Minutes, Stops: stops, Volunteer: t.Volunteer, Date: t.Date, Path: t.Path})
	}
	return c.store.SavePlan(ctx, stored, map[string]any{"name": p.Name, "level": p.Level, "rule": p.Rule,
		"areas": len(p.Areas), "turfs": len(p.Turfs), "doors": doors})
}
