package canvass

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/paulmach/orb"

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
	Note      string  `json:"note"`      // what the rule left out
	Distances string  `json:"distances"` // absent from plans stored before street networks: straight
}

// Plans lists the stored plans, newest first.
func (c *Campaign) Plans(ctx context.Context) ([]PlanSummary, error) {
	stored, err := c.store.Plans(ctx)
	if err != nil {
		return nil, err
	}
	out := []PlanSummary{}
	for _, s := range stored {
		p, err := c.Plan(ctx, s.Name)
		if err != nil {
			return nil, err
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

// Plan reads a stored plan with its turfs.
func (c *Campaign) Plan(ctx context.Context, name string) (Plan, error) {
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
		Distances: params.Distances}
	if p.Distances == "" {
		p.Distances = StraightDistances
	}
	if err := json.Unmarshal(params.Metrics, &p.Metrics); err != nil {
		return Plan{}, fmt.Errorf("plan %q: stored metrics unreadable: %w", name, err)
	}
	for _, t := range s.Turfs {
		turf := Turf{ID: t.Seq, Area: t.Area, Doors: t.Doors, Voters: t.Voters, Metres: t.Metres, Minutes: t.Minutes,
			Volunteer: t.Volunteer, Date: t.Date, Path: t.Path}
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
	p, err := c.Plan(ctx, name)
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

// DeletePlan deletes a stored plan.
func (c *Campaign) DeletePlan(ctx context.Context, name string) error {
	return c.store.DeletePlan(ctx, name)
}

// AssignTurf records the volunteer (a name or a team label) and the date of a turf. The name is
// stored without control characters, as imported text is: it goes into the lists, the field
// sheets, the register and JSON read by other programs.
func (c *Campaign) AssignTurf(ctx context.Context, plan string, turf int, volunteer, date string) error {
	if date != "" {
		if err := checkDay(date, "--date"); err != nil {
			return err
		}
	}
	p, err := c.Plan(ctx, plan)
	if err != nil {
		return err
	}
	if err := checkTurf(p, turf); err != nil {
		return err
	}
	return c.store.AssignTurf(ctx, plan, turf, safetext.Clean(volunteer), date)
}

// checkTurf refuses a turf number the plan does not have, as a usage error.
func checkTurf(p Plan, turf int) error {
	if turf < 1 || turf > len(p.Turfs) {
		return &UsageError{Problems: []string{fmt.Sprintf("plan %q has turfs 1 to %d", p.Name, len(p.Turfs))}}
	}
	return nil
}

// Outcome is what a volunteer reports for a street of a turf.
type Outcome = data.Outcome

// RecordOutcome records the outcome of a street of a turf; the street must be in the turf.
func (c *Campaign) RecordOutcome(ctx context.Context, plan string, turf int, o Outcome) error {
	p, err := c.Plan(ctx, plan)
	if err != nil {
		return err
	}
	if err := checkTurf(p, turf); err != nil {
		return err
	}
	doors := 0
	for _, s := range p.Turfs[turf-1].Stops {
		if s.StreetID == o.StreetID || s.Street == o.StreetID {
			o.StreetID = s.StreetID
			doors += s.Doors
		}
	}
	switch {
	case doors == 0:
		return &UsageError{Problems: []string{fmt.Sprintf("turf %d of plan %q has no street %q (give its id or name as in `canvass plan show`)", turf, plan, o.StreetID)}}
	case o.Knocked > doors:
		return &UsageError{Problems: []string{fmt.Sprintf("%d doors knocked, but the turf has %d doors on that street", o.Knocked, doors)}}
	case o.Answered > o.Knocked:
		return &UsageError{Problems: []string{"more doors answered than knocked"}}
	}
	if o.On == "" {
		o.On = c.Today()
	}
	return c.store.RecordOutcome(ctx, plan, turf, o)
}
