package canvass

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/data/audit"
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
	// Count, when above 0, cuts the selection into that many turfs (one per volunteer), balanced
	// in Measure across the areas chosen; Target is then derived and not needed.
	Count int
	Start *orb.Point // lon/lat where walks start; nil: each turf's best end
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
	Note      string       `json:"note,omitempty"` // what the rule left out (areas under K), as policy.Select says it
	Areas     []string     `json:"areas"`
	Measure   string       `json:"measure"`
	Target    float64      `json:"target"`
	Count     int          `json:"count,omitempty"` // the number of turfs asked for, when the plan was sized so
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
	// Within is, per area of the plan, the ids of the areas above it: what a team lead's areas are
	// checked against (absent from plans built before the team: those are the organizer's).
	Within map[string][]string `json:"within,omitempty"`
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
// by rule, only aggregates, and never an indicator read on a unit of fewer than K voters
// (policy.Select: such units are left out, and the note returned says so).
//
// A rule chooses among the units keep keeps only (a team lead's areas); areas chosen by id are
// checked by the caller.
func (c *Campaign) selectAreas(ctx context.Context, g *geography, req PlanRequest, keep func(AreaStats) bool) ([]AreaStats, string, error) {
	if !slices.Contains(Levels, req.Level) {
		return nil, "", &UsageError{Problems: []string{fmt.Sprintf("--level %q: expected one of constituency, neighborhood, street", req.Level)}}
	}
	units, err := c.levelStats(ctx, g, named(req.Areas))
	if err != nil {
		return nil, "", err
	}
	chosen, note, err := g.choose(req, units, keep)
	if err != nil && len(req.Areas) > 0 {
		// Only the areas named were counted: an error (an unknown name, a layer they are not in)
		// is answered over the whole level, naming its layers and some areas that exist.
		if units, err = c.levelStats(ctx, g, nil); err != nil {
			return nil, "", err
		}
		chosen, note, err = g.choose(req, units, keep)
	}
	return chosen, note, err
}

// choose is selectAreas among the units counted.
func (g *geography) choose(req PlanRequest, units []AreaStats, keep func(AreaStats) bool) ([]AreaStats, string, error) {
	if len(req.Areas) == 0 {
		units = slices.DeleteFunc(units, func(u AreaStats) bool { return !keep(u) })
	}
	layers := map[string]bool{}
	for _, u := range units {
		layers[u.Layer] = true
	}
	if req.Layer != "" {
		if !layers[req.Layer] {
			return nil, "", &UsageError{Problems: []string{fmt.Sprintf("--layer %q: level %s has layers %s", req.Layer, req.Level, strings.Join(sortedKeys(layers), ", "))}}
		}
		units = slices.DeleteFunc(units, func(u AreaStats) bool { return u.Layer != req.Layer })
	}
	if len(units) == 0 {
		return nil, "", &UsageError{Problems: []string{fmt.Sprintf("no %s areas with addresses: import an area layer and addresses first", req.Level)}}
	}
	switch {
	case len(req.Areas) > 0 && req.Rule != "":
		return nil, "", &UsageError{Problems: []string{"give --areas or --rule, not both"}}
	case len(req.Areas) > 0:
		chosen, err := pickAreas(units, req.Areas)
		return chosen, "", err
	case req.Rule == "":
		return nil, "", &UsageError{Problems: []string{"choose the areas: --areas ID[,ID...] or --rule EXPR (e.g. \"top 10 by abstention\")"}}
	}
	rule, err := policy.ParseRule(req.Rule)
	if err != nil {
		return nil, "", err
	}
	if len(layers) > 1 && req.Layer == "" && rule.ReadsIndicators() {
		return nil, "", &UsageError{Problems: []string{fmt.Sprintf("level %s has several layers (%s): choose one with --layer", req.Level, strings.Join(sortedKeys(layers), ", "))}}
	}
	read := make([]policy.Unit, len(units))
	for i, u := range units {
		read[i] = g.unit(u)
	}
	sel := policy.Select(rule, read, g.k)
	if len(sel.Chosen) == 0 {
		problem := fmt.Sprintf("the rule %q selects no area", rule.Text)
		if sel.Note != "" {
			problem += "; " + sel.Note
		}
		return nil, "", &UsageError{Problems: []string{problem}}
	}
	chosen := make([]AreaStats, len(sel.Chosen))
	for i, j := range sel.Chosen {
		chosen[i] = units[j]
	}
	return chosen, sel.Note, nil
}

// within says which areas the member may do action a in (policy.Permit): a team lead's.
func (c *Campaign) within(a policy.Action) func(AreaStats) bool {
	return func(u AreaStats) bool {
		return policy.Permit(c.member, a, policy.Scope{Areas: []policy.Area{areaOf(u)}}) == nil
	}
}

// areaOf is an area as the policy sees it: its id and the ids of the areas above it.
func areaOf(u AreaStats) policy.Area {
	a := policy.Area{ID: u.ID}
	for _, id := range u.Parents {
		a.Parents = append(a.Parents, id)
	}
	sort.Strings(a.Parents)
	return a
}

// named keeps the units an --areas list names by id or name (every unit when it names none).
func named(wanted []string) func(AreaStats) bool {
	if len(wanted) == 0 {
		return nil
	}
	ids, names := map[string]bool{}, map[string]bool{}
	for _, w := range wanted {
		w = strings.TrimSpace(w)
		ids[w], names[tabular.Fold(w)] = true, true
	}
	return func(u AreaStats) bool { return ids[u.ID] || names[tabular.Fold(u.Name)] }
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
//
// A team lead's plan chooses among their areas only, and may not replace a plan of the same name
// that is not all theirs.
func (c *Campaign) BuildPlan(ctx context.Context, req PlanRequest) (Plan, error) {
	ctx, err := c.allowAny(ctx, policy.BuildPlan)
	if err != nil {
		return Plan{}, err
	}
	if old, err := c.plan(ctx, req.Name); err == nil {
		if ctx, err = c.allow(ctx, policy.BuildPlan, old.scope(old.Turfs...)); err != nil {
			return Plan{}, err
		}
	}
	plan, err := c.preview(ctx, req)
	if err != nil {
		return Plan{}, err
	}
	if ctx, err = c.allow(ctx, policy.BuildPlan, plan.scope()); err != nil {
		return Plan{}, err
	}
	plan.CreatedAt = c.now().UTC().Format("2006-01-02T15:04:05Z")
	return plan, c.savePlan(ctx, plan)
}

// PreviewPlan is BuildPlan without storing the plan: what building would make (how many turfs a
// duration gives), to show before a stored plan is replaced. A refusal of the policy is recorded
// in the audit trail all the same.
func (c *Campaign) PreviewPlan(ctx context.Context, req PlanRequest) (Plan, error) {
	ctx, err := c.allowAny(ctx, policy.BuildPlan)
	if err != nil {
		return Plan{}, err
	}
	return c.preview(ctx, req)
}

// preview builds the plan req asks for, the member's right to build plans checked by the caller.
func (c *Campaign) preview(ctx context.Context, req PlanRequest) (Plan, error) {
	if strings.TrimSpace(req.Name) == "" {
		return Plan{}, &UsageError{Problems: []string{"--name is required"}}
	}
	if err := c.checkPlanName(ctx, req.Name); err != nil {
		return Plan{}, err
	}
	if req.Target <= 0 && req.Count <= 0 {
		return Plan{}, &UsageError{Problems: []string{"give a turf size: --turf-doors N, --turf-voters N, --turf-minutes M or --turfs N"}}
	}
	g, err := c.loadGeography(ctx, req.Level)
	if err != nil {
		return Plan{}, err
	}
	if req.Start != nil {
		if err := c.checkStart(ctx, *req.Start); err != nil {
			return Plan{}, err
		}
	}
	chosen, note, err := c.selectAreas(ctx, g, req, c.within(policy.BuildPlan))
	if err != nil {
		if _, refused := err.(*RefusedError); refused {
			entry := audit.RefusedPlan{Name: req.Name, Level: req.Level, Rule: req.Rule, Reason: err.Error()}
			if auditErr := c.store.AppendAudit(ctx, entry); auditErr != nil {
				return Plan{}, fmt.Errorf("%w (and the refusal could not be recorded in the audit trail: %v)", err, auditErr)
			}
		}
		return Plan{}, err
	}
	addrs, err := c.loadDoors(ctx, chosen)
	if err != nil {
		return Plan{}, err
	}
	noKnock, err := c.doNotKnock(ctx, addrs)
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
	plan, err := cut(withSettings(req, settings), chosen, noKnock, net)
	if err != nil {
		return Plan{}, err
	}
	plan.Note = note
	plan.Within = map[string][]string{}
	for _, u := range chosen {
		plan.Within[u.ID] = areaOf(u).Parents
	}
	return plan, nil
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

// loadDoors reads the doors of the chosen units, and of them only. It returns every address of
// their streets: an objection's door is found on its whole street (policy.DoNotKnock).
func (c *Campaign) loadDoors(ctx context.Context, chosen []AreaStats) ([]data.AddressPoint, error) {
	streets := map[string]bool{}
	for i, u := range chosen {
		var err error
		if u.areaID != 0 {
			chosen[i].doors, err = c.store.DoorsIn(ctx, u.areaID)
		} else {
			chosen[i].doors, err = c.store.DoorsOn(ctx, u.ID)
		}
		if err != nil {
			return nil, err
		}
		for _, d := range chosen[i].doors {
			streets[d.StreetID] = true
		}
	}
	var addrs []data.AddressPoint
	for _, street := range slices.Sorted(maps.Keys(streets)) {
		doors, err := c.store.DoorsOn(ctx, street)
		if err != nil {
			return nil, err
		}
		for _, d := range doors {
			addrs = append(addrs, d.AddressPoint)
		}
	}
	return addrs, nil
}

// cut turns the chosen areas' doors into turfs and walks.
func cut(req PlanRequest, chosen []AreaStats, noKnock map[string]bool, net *network.Network) (Plan, error) {
	var doors []turf.Door
	var lonlat []orb.Point
	seen := map[string]bool{}
	var doorArea []int // the chosen area of each door, when areas are pooled
	for i, u := range chosen {
		area := i
		if req.Level == "street" || req.Count > 0 {
			// Streets are pooled: a street is seldom a turf on its own. A number of turfs is
			// balanced across the whole selection, whatever area a turf's doors are in.
			area = 0
		}
		for _, a := range u.doors {
			if seen[a.ID] {
				continue // an address in two chosen areas (overlapping layers) is visited once
			}
			seen[a.ID] = true
			doors = append(doors, turf.Door{ID: a.ID, StreetID: a.StreetID, Street: a.Street, Number: a.Number,
				Rep: a.Rep, Voters: a.Voters, Area: area})
			doorArea = append(doorArea, i)
			lonlat = append(lonlat, orb.Point{a.Lon, a.Lat})
		}
	}
	proj := geo.NewProjection(centroid(lonlat))
	for i := range doors {
		doors[i].At = proj.Metres(lonlat[i])
	}
	opt := turf.Options{Measure: req.Measure, Target: req.Target, Count: req.Count, WalkSpeed: req.WalkSpeed,
		PerDoor: req.PerDoor, PerVoter: req.PerVoter}
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
		Target: req.Target, Count: req.Count, Start: req.Start, Metrics: metrics, WalkSpeed: req.WalkSpeed, PerDoor: req.PerDoor,
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
		switch {
		case req.Level == "street":
			out.Area = ""
		case req.Count > 0:
			out.Area = chosen[mostOf(t.Doors, doorArea)].ID
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
	if req.Count > 0 && len(plan.Turfs) > 0 {
		total := 0.0
		for _, t := range plan.Turfs {
			total += t.Size(plan.Measure)
		}
		plan.Target = round1(total / float64(len(plan.Turfs))) // the size each turf came to
	}
	return plan, nil
}

// Size is the turf's size in a measure: doors, voters or minutes.
func (t Turf) Size(measure string) float64 {
	switch measure {
	case "voters":
		return float64(t.Voters)
	case "minutes":
		return t.Minutes
	}
	return float64(t.Doors)
}

// mostOf is the chosen area that holds most of a turf's doors.
func mostOf(turfDoors []int, doorArea []int) int {
	count := map[int]int{}
	best := 0
	for _, d := range turfDoors {
		a := doorArea[d]
		count[a]++
		if count[a] > count[best] || count[a] == count[best] && a < best {
			best = a
		}
	}
	return best
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
		"target": p.Target, "count": p.Count, "start": p.Start, "metrics": p.Metrics, "created_at": p.CreatedAt,
		"walk_speed": p.WalkSpeed, "per_door": p.PerDoor, "per_voter": p.PerVoter, "sides": p.Sides, "note": p.Note,
		"distances": p.Distances, "within": p.Within})
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
	return c.store.SavePlan(ctx, stored, audit.Plan{Name: p.Name, Level: p.Level, Rule: p.Rule,
		Areas: len(p.Areas), Turfs: len(p.Turfs), Doors: doors})
}
