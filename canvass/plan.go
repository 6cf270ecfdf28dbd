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
	"github.com/campagne-fr/porteaporte/canvass/walk"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/geo"
	"github.com/campagne-fr/porteaporte/geo/network"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/internal/textfold"
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

// NoteMessage is the plan's note in the reader's language: what the rule left out; the note as
// stored (English) for a plan stored before its facts were; the zero Message when there is none.
func (p Plan) NoteMessage() i18n.Message {
	switch {
	case p.LeftOut > 0:
		return policy.LeftOutNote(p.LeftOut, p.K, p.In)
	case p.Note != "":
		return i18n.Msg("usage.text", "Text", p.Note)
	}
	return i18n.Message{}
}

// Plan is a stored canvassing plan.
type Plan struct {
	Name  string `json:"name"`
	Level string `json:"level"`
	Layer string `json:"layer,omitempty"`
	Rule  string `json:"rule"`
	Note  string `json:"note,omitempty"` // what the rule left out (areas under K), as policy.Select says it
	// LeftOut, K and In are the note's facts, for NoteMessage; plans stored before them have none.
	LeftOut   int          `json:"-"`
	K         int          `json:"-"`
	In        string       `json:"-"`
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

// Turf is one volunteer's walk, Stop a stretch of a street in it and StopDoor a door of a stop:
// the values of package walk, which the writers of package export print as they are.
type (
	Turf     = walk.Turf
	Stop     = walk.Stop
	StopDoor = walk.Door
)

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
func (c *Campaign) selectAreas(ctx context.Context, g *geography, req PlanRequest, keep func(AreaStats) bool) ([]AreaStats, policy.Selection, error) {
	if err := checkLevel("--level", req.Level); err != nil {
		return nil, policy.Selection{}, err
	}
	units, err := c.levelStats(ctx, g, named(req.Areas))
	if err != nil {
		return nil, policy.Selection{}, err
	}
	chosen, sel, err := g.choose(req, units, keep)
	if err != nil && len(req.Areas) > 0 {
		// Only the areas named were counted: an error (an unknown name, a layer they are not in)
		// is answered over the whole level, naming its layers and some areas that exist.
		if units, err = c.levelStats(ctx, g, nil); err != nil {
			return nil, policy.Selection{}, err
		}
		chosen, sel, err = g.choose(req, units, keep)
	}
	return chosen, sel, err
}

// choose is selectAreas among the units counted.
func (g *geography) choose(req PlanRequest, units []AreaStats, keep func(AreaStats) bool) ([]AreaStats, policy.Selection, error) {
	if len(req.Areas) == 0 {
		units = slices.DeleteFunc(units, func(u AreaStats) bool { return !keep(u) })
	}
	layers := map[string]bool{}
	for _, u := range units {
		layers[u.Layer] = true
	}
	if req.Layer != "" {
		if !layers[req.Layer] {
			return nil, policy.Selection{}, Usage("usage.plan.layer", "Layer", req.Layer, "Level", req.Level, "Layers", strings.Join(sortedKeys(layers), ", "))
		}
		units = slices.DeleteFunc(units, func(u AreaStats) bool { return u.Layer != req.Layer })
	}
	if len(units) == 0 {
		return nil, policy.Selection{}, Usage("usage.plan.noareas", "Level", req.Level)
	}
	switch {
	case len(req.Areas) > 0 && req.Rule != "":
		return nil, policy.Selection{}, Usage("usage.plan.both")
	case len(req.Areas) > 0:
		chosen, err := pickAreas(units, req.Areas)
		return chosen, policy.Selection{}, err
	case req.Rule == "":
		return nil, policy.Selection{}, Usage("usage.plan.choose")
	}
	rule, err := policy.ParseRule(req.Rule)
	if err != nil {
		return nil, policy.Selection{}, err
	}
	if len(layers) > 1 && req.Layer == "" && rule.ReadsIndicators() {
		return nil, policy.Selection{}, Usage("usage.plan.layers", "Level", req.Level, "Layers", strings.Join(sortedKeys(layers), ", "))
	}
	read := make([]policy.Unit, len(units))
	for i, u := range units {
		read[i] = g.unit(u)
	}
	sel := policy.Select(rule, read, g.k)
	if len(sel.Chosen) == 0 {
		var note any = ""
		if sel.LeftOut > 0 {
			note = policy.LeftOutNote(sel.LeftOut, sel.K, sel.In)
		}
		return nil, sel, Usage("usage.plan.none", "Rule", rule.Text, "Note", note)
	}
	chosen := make([]AreaStats, len(sel.Chosen))
	for i, j := range sel.Chosen {
		chosen[i] = units[j]
	}
	return chosen, sel, nil
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

// named keeps the units an --areas list names by id or by name as pickAreas reads them (every unit
// when it names none).
func named(wanted []string) func(AreaStats) bool {
	if len(wanted) == 0 {
		return nil
	}
	ids, names := map[string]bool{}, map[string]bool{}
	for _, w := range wanted {
		w = strings.TrimSpace(w)
		ids[w], names[textfold.Key(w)] = true, true
	}
	return func(u AreaStats) bool { return ids[u.ID] || names[textfold.Key(u.Name)] }
}

// pickAreas finds areas by id, or by name as words (textfold.Key: without case, accents or punctuation).
func pickAreas(units []AreaStats, wanted []string) ([]AreaStats, error) {
	var out []AreaStats
	var unknown []string
	for _, w := range wanted {
		w = strings.TrimSpace(w)
		i := slices.IndexFunc(units, func(u AreaStats) bool { return u.ID == w })
		if i < 0 {
			i = slices.IndexFunc(units, func(u AreaStats) bool { return textfold.Key(u.Name) == textfold.Key(w) })
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
		return nil, Usage("usage.plan.areas", "Areas", strings.Join(unknown, ", "), "Known", strings.Join(known, ", "))
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
		return Plan{}, Usage("usage.plan.name")
	}
	if err := c.checkPlanName(ctx, req.Name); err != nil {
		return Plan{}, err
	}
	if req.Target <= 0 && req.Count <= 0 {
		return Plan{}, Usage("usage.plan.size")
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
	chosen, sel, err := c.selectAreas(ctx, g, req, c.within(policy.BuildPlan))
	if err != nil {
		if _, refused := err.(*RefusedError); refused {
			entry := audit.RefusedPlan{Name: req.Name, Level: req.Level, Rule: req.Rule, Reason: err.Error()}
			if auditErr := c.store.AppendAudit(ctx, entry); auditErr != nil {
				return Plan{}, i18n.Msg("domain.audit.unrecorded", "Err", err, "AuditErr", auditErr.Error())
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
	settings, err := c.store.Settings(ctx)
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
	plan.Note, plan.LeftOut, plan.K, plan.In = sel.Note, sel.LeftOut, sel.K, sel.In
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
		return Plan{}, Usage("usage.oneof", "Flag", "--sides", "Value", req.Sides, "Values", strings.Join(Sides, ", "))
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
		"walk_speed": p.WalkSpeed, "per_door": p.PerDoor, "per_voter": p.PerVoter, "sides": p.Sides, "note": p.Note, "left_out": p.LeftOut, "k": p.K, "left_out_in": p.In,
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
