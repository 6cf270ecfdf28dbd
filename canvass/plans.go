package canvass

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/internal/safetext"
)

// PlanSummary is a stored plan without its stops.
type PlanSummary struct {
	Name      string  `json:"name"`
	Level     string  `json:"level"`
	Rule      string  `json:"rule"`
	Turfs     int     `json:"turfs"`
	Doors     int     `json:"doors"`
	Voters    int     `json:"voters"`
	Minutes   float64 `json:"minutes"`
	CreatedAt string  `json:"created_at"`
}

// storedParams are the plan's parameters as saved with it.
type storedParams struct {
	Layer   string     `json:"layer"`
	Areas   []string   `json:"areas"`
	Measure string     `json:"measure"`
	Target  float64    `json:"target"`
	Count   int        `json:"count"`
	Start   *orb.Point `json:"start"`
	// The time model and sides the plan was built with (absent from plans stored before them).
	WalkSpeed float64 `json:"walk_speed"`
	PerDoor   float64 `json:"per_door"`
	PerVoter  float64 `json:"per_voter"`
	Sides     string  `json:"sides"`
	Note      string  `json:"note"` // what the rule left out
	// How many areas the rule left out under which K, in which areas (policy.LeftOutNote):
	// absent from plans stored before them.
	LeftOut   int    `json:"left_out"`
	K         int    `json:"k"`
	In        string `json:"left_out_in"`
	Distances string `json:"distances"` // absent from plans stored before street networks: straight
	// Within is, per area of the plan, the ids of the areas above it (absent from plans stored
	// before the team): what a team lead's areas are checked against.
	Within map[string][]string `json:"within,omitempty"`
}

// Plans lists the stored plans, newest first: for a team lead or a volunteer, those holding turfs
// of theirs, counted on those turfs only.
func (c *Campaign) Plans(ctx context.Context) ([]PlanSummary, error) {
	ctx, err := c.allowAny(ctx, policy.ReadPlan)
	if err != nil {
		return nil, err
	}
	stored, err := c.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	out := []PlanSummary{}
	for _, s := range stored {
		p, err := c.readPlan(ctx, s.Name, func(Plan, Turf) bool { return false }) // counts only
		if err != nil {
			return nil, err
		}
		if p, err = c.mine(p, policy.ReadPlan); err != nil {
			continue // none of it is theirs
		}
		sum := PlanSummary{Name: p.Name, Level: p.Level, Rule: p.Rule, Turfs: len(p.Turfs), CreatedAt: p.CreatedAt}
		for _, t := range p.Turfs {
			sum.Doors += t.Doors
			sum.Voters += t.Voters
			sum.Minutes += t.Minutes
		}
		out = append(out, sum)
	}
	return out, nil
}

// scope is what turfs of plan p touch, for the policy: their areas with the areas above them,
// and the names they are assigned to. A turf of a plan whose streets were pooled touches every
// area of the plan; no turf at all: the plan's areas.
func (p Plan) scope(turfs ...Turf) policy.Scope {
	var s policy.Scope
	ids := p.Areas
	if len(turfs) > 0 {
		ids = nil
	}
	for _, t := range turfs {
		s.Turfs = append(s.Turfs, t.Volunteer)
		if t.Area == "" {
			ids = append(ids, p.Areas...)
		} else {
			ids = append(ids, t.Area)
		}
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if !seen[id] {
			seen[id] = true
			s.Areas = append(s.Areas, policy.Area{ID: id, Parents: p.Within[id]})
		}
	}
	return s
}

// mine is p with only the turfs the member may do action a on (policy.Permit, turf by turf), or
// the refusal when there is none. A part of a plan says nothing of the other turfs: no metrics,
// no note, only the areas of the turfs kept.
func (c *Campaign) mine(p Plan, a policy.Action) (Plan, error) {
	if len(p.Turfs) == 0 {
		return p, policy.Permit(c.member, a, p.scope())
	}
	var kept []Turf
	for _, t := range p.Turfs {
		if policy.Permit(c.member, a, p.scope(t)) == nil {
			kept = append(kept, t)
		}
	}
	switch len(kept) {
	case len(p.Turfs):
		return p, nil
	case 0:
		return Plan{}, policy.Permit(c.member, a, p.scope(p.Turfs...))
	}
	p.Turfs, p.Metrics, p.Note, p.Areas = kept, turf.Metrics{}, "", nil
	for _, id := range p.scope(kept...).Areas {
		p.Areas = append(p.Areas, id.ID)
	}
	return p, nil
}

// Plan reads a stored plan with its turfs: for a team lead or a volunteer, only the turfs of
// theirs, and a refusal when it has none.
func (c *Campaign) Plan(ctx context.Context, name string) (Plan, error) {
	ctx, err := c.allowAny(ctx, policy.ReadPlan)
	if err != nil {
		return Plan{}, err
	}
	p, err := c.readPlan(ctx, name, func(p Plan, t Turf) bool { return policy.Permit(c.member, policy.ReadPlan, p.scope(t)) == nil })
	if err != nil {
		return Plan{}, err
	}
	p, err = c.mine(p, policy.ReadPlan)
	_, err = c.refused(ctx, policy.ReadPlan, err)
	return p, err
}

// plan reads a stored plan with all its turfs, whoever asks: for the operations that check the
// member's role on what they read.
func (c *Campaign) plan(ctx context.Context, name string) (Plan, error) {
	return c.readPlan(ctx, name, func(Plan, Turf) bool { return true })
}

// readPlan reads a stored plan, the stops and outcomes of only the turfs walk keeps: reading
// stops is the costly part, and a volunteer's screen reads a plan again at each change.
func (c *Campaign) readPlan(ctx context.Context, name string, walk func(Plan, Turf) bool) (Plan, error) {
	s, err := c.store.Plan(ctx, name)
	if err != nil {
		return Plan{}, err
	}
	var params struct {
		storedParams
		Metrics json.RawMessage `json:"metrics"`
	}
	if err := json.Unmarshal(s.Params, &params); err != nil {
		return Plan{}, fmt.Errorf("plan %q: stored parameters unreadable: %w", name, err)
	}
	p := Plan{Name: s.Name, Level: s.Level, Layer: params.Layer, Rule: s.Rule, Areas: params.Areas, Measure: params.Measure,
		Target: params.Target, Count: params.Count, Start: params.Start, CreatedAt: s.CreatedAt.UTC().Format(time.RFC3339),
		WalkSpeed: params.WalkSpeed, PerDoor: params.PerDoor, PerVoter: params.PerVoter, Sides: params.Sides, Note: params.Note,
		LeftOut: params.LeftOut, K: params.K, In: params.In, Distances: params.Distances, Within: params.Within}
	if p.Distances == "" {
		p.Distances = StraightDistances
	}
	if err := json.Unmarshal(params.Metrics, &p.Metrics); err != nil {
		return Plan{}, fmt.Errorf("plan %q: stored metrics unreadable: %w", name, err)
	}
	for _, t := range s.Turfs {
		turf := Turf{ID: t.Seq, Area: t.Area, Doors: t.Doors, Voters: t.Voters, Metres: t.Metres, Minutes: t.Minutes,
			Volunteer: t.Volunteer, Date: t.Date, Path: t.Path}
		if !walk(p, turf) {
			p.Turfs = append(p.Turfs, turf)
			continue
		}
		if err := json.Unmarshal(t.Stops, &turf.Stops); err != nil {
			return Plan{}, fmt.Errorf("plan %q turf %d: stored stops unreadable: %w", name, t.Seq, err)
		}
		// Outcomes outlive a plan built again: keep those of streets this turf still walks.
		for _, o := range t.Outcomes {
			if slices.ContainsFunc(turf.Stops, func(s Stop) bool { return s.StreetID == o.StreetID }) {
				turf.Outcomes = append(turf.Outcomes, o)
			}
		}
		p.Turfs = append(p.Turfs, turf)
	}
	return p, nil
}

// RerunPlan builds a stored plan again from its own parameters, on the data as it is now.
func (c *Campaign) RerunPlan(ctx context.Context, name string) (Plan, error) {
	ctx, err := c.allowAny(ctx, policy.BuildPlan)
	if err != nil {
		return Plan{}, err
	}
	p, err := c.plan(ctx, name)
	if err != nil {
		return Plan{}, err
	}
	req := PlanRequest{Name: p.Name, Level: p.Level, Layer: p.Layer, Measure: Measures[p.Measure], Target: p.Target,
		Count: p.Count, Start: p.Start, WalkSpeed: p.WalkSpeed, PerDoor: p.PerDoor, PerVoter: p.PerVoter, Sides: p.Sides}
	if rule, ok := strings.CutPrefix(p.Rule, "areas "); ok {
		req.Areas = splitList(rule)
	} else {
		req.Rule = p.Rule
	}
	return c.BuildPlan(ctx, req)
}

// DeletePlan deletes a stored plan: a team lead only a plan all within their areas.
func (c *Campaign) DeletePlan(ctx context.Context, name string) error {
	ctx, err := c.allowAny(ctx, policy.BuildPlan)
	if err != nil {
		return err
	}
	p, err := c.plan(ctx, name)
	if err != nil {
		return err
	}
	if ctx, err = c.allow(ctx, policy.BuildPlan, p.scope(p.Turfs...)); err != nil {
		return err
	}
	return c.store.DeletePlan(ctx, name)
}

// turfOf reads turf id of plan name and checks that the member may do a on it.
func (c *Campaign) turfOf(ctx context.Context, a policy.Action, name string, id int) (context.Context, Plan, Turf, error) {
	ctx, err := c.allowAny(ctx, a)
	if err != nil {
		return ctx, Plan{}, Turf{}, err
	}
	p, err := c.readPlan(ctx, name, func(_ Plan, t Turf) bool { return t.ID == id })
	if err != nil {
		return ctx, Plan{}, Turf{}, err
	}
	i := slices.IndexFunc(p.Turfs, func(t Turf) bool { return t.ID == id })
	if i < 0 {
		return ctx, Plan{}, Turf{}, Usage("usage.plan.turfs", "Plan", name, "Count", len(p.Turfs))
	}
	ctx, err = c.allow(ctx, a, p.scope(p.Turfs[i]))
	return ctx, p, p.Turfs[i], err
}

// AssignTurf records the volunteer (a name or a team label) and the date of a turf. The name is
// stored without control characters, as imported text is: it goes into the lists, the field
// sheets, the register and JSON read by other programs. seen, when given, is the turf as the
// person assigning it last read it: if its assignment changed since (someone else assigned it
// meanwhile), nothing is saved and the answer is a ConflictError.
func (c *Campaign) AssignTurf(ctx context.Context, plan string, turf int, volunteer, date string, seen ...Turf) error {
	ctx, _, _, err := c.turfOf(ctx, policy.AssignTurf, plan, turf)
	if err != nil {
		return err
	}
	if date != "" {
		if err := checkDay(date, "--date"); err != nil {
			return err
		}
	}
	var changed func(data.Assignment) bool
	if len(seen) > 0 {
		was := data.Assignment{Volunteer: seen[0].Volunteer, Date: seen[0].Date}
		changed = func(now data.Assignment) bool { return now != was }
	}
	err = c.store.AssignTurf(ctx, plan, turf, safetext.Clean(volunteer), date, changed)
	return conflict(err, fmt.Sprintf("turf %d of plan %q", turf, plan), "assigned")
}

// Outcome is what a volunteer reports for a street of a turf.
type Outcome = data.Outcome

// RecordOutcome records the outcome of a street of a turf; the street must be in the turf. seen,
// when given, is the turf as the person recording last read it: if that street's outcome changed
// since (someone else recorded it meanwhile), nothing is saved and the answer is a ConflictError.
func (c *Campaign) RecordOutcome(ctx context.Context, plan string, turf int, o Outcome, seen ...Turf) error {
	ctx, _, t, err := c.turfOf(ctx, policy.RecordOutcome, plan, turf)
	if err != nil {
		return err
	}
	doors := 0
	for _, s := range t.Stops {
		if s.StreetID == o.StreetID || s.Street == o.StreetID {
			o.StreetID = s.StreetID
			doors += s.Doors
		}
	}
	switch {
	case doors == 0:
		return Usage("usage.outcome.street", "Turf", turf, "Plan", plan, "Street", o.StreetID)
	case o.Knocked > doors:
		return Usage("usage.outcome.knocked", "Knocked", o.Knocked, "Doors", doors)
	case o.Answered > o.Knocked:
		return Usage("usage.outcome.answered")
	}
	if o.On == "" {
		o.On = c.Today()
	}
	var changed func(*data.Outcome) bool
	if len(seen) > 0 {
		i := slices.IndexFunc(seen[0].Outcomes, func(s Outcome) bool { return s.StreetID == o.StreetID })
		changed = func(now *data.Outcome) bool {
			if i < 0 || now == nil {
				return (i < 0) != (now == nil)
			}
			was := seen[0].Outcomes[i]
			return now.Knocked != was.Knocked || now.Answered != was.Answered || now.Leaflets != was.Leaflets
		}
	}
	err = c.store.RecordOutcome(ctx, plan, turf, o, changed)
	return conflict(err, fmt.Sprintf("the outcome of that street on turf %d of plan %q", turf, plan), "recorded")
}

// ConflictError is a change refused because what it changes was changed by someone else since
// the person making it read it: nothing was saved; they read it again and decide.
type ConflictError struct{ What, By, Done string }

// Error says what changed, who changed it, and what to do.
func (e *ConflictError) Error() string {
	by := "someone else"
	if e.By != "" {
		by = e.By
	}
	return fmt.Sprintf("%s was %s by %s since you read it: nothing was saved; read it again as it is now and decide", e.What, e.Done, by)
}

// conflict turns the store's conflict into the domain's, saying what changed.
func conflict(err error, what, done string) error {
	var c *data.ConflictError
	if errors.As(err, &c) {
		return &ConflictError{What: what, By: c.By, Done: done}
	}
	return err
}
