package main

import (
	"errors"
	"fmt"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/canvass/turf"
)

type planCmd struct {
	Build   planBuildCmd   `cmd:"" default:"withargs" hidden:"" help:"${help_plan_build}"`
	List    planListCmd    `cmd:"" help:"${help_plan_list}"`
	Show    planShowCmd    `cmd:"" help:"${help_plan_show}"`
	Rerun   planRerunCmd   `cmd:"" help:"${help_plan_rerun}"`
	Delete  planDeleteCmd  `cmd:"" help:"${help_plan_delete}"`
	Assign  planAssignCmd  `cmd:"" help:"${help_plan_assign}"`
	Outcome planOutcomeCmd `cmd:"" help:"${help_plan_outcome}"`
	Overdue planOverdueCmd `cmd:"" help:"${help_plan_overdue}"`
}

type planBuildCmd struct {
	Name string `required:"" help:"${help_planbuild_name}"`

	Level       string   `enum:"constituency,neighborhood,street," default:"" help:"${help_planbuild_level}"`
	Layer       string   `help:"${help_planbuild_layer}"`
	Areas       []string `help:"${help_planbuild_areas}"`
	Rule        string   `help:"${help_planbuild_rule}"`
	TurfDoors   float64  `name:"turf-doors" help:"${help_planbuild_turfdoors}"`
	TurfVoters  float64  `name:"turf-voters" help:"${help_planbuild_turfvoters}"`
	TurfMinutes float64  `name:"turf-minutes" help:"${help_planbuild_turfminutes}"`
	Turfs       int      `help:"${help_planbuild_turfs}"`
	Start       string   `placeholder:"WHERE" help:"${help_planbuild_start}"`
	WalkSpeed   float64  `name:"walk-speed" help:"${help_planbuild_walkspeed}"`
	PerDoor     float64  `name:"per-door" help:"${help_planbuild_perdoor}"`
	PerVoter    float64  `name:"per-voter" help:"${help_planbuild_pervoter}"`
	Sides       string   `enum:"auto,together,apart," default:"" help:"${help_planbuild_sides}"`

	Personal bool     `help:"${help_planbuild_personal}"`
	People   string   `type:"existingfile" help:"${help_planbuild_people}"`
	Date     string   `help:"${help_planbuild_date}"`
	DryRun   bool     `name:"dry-run" help:"${help_planbuild_dryrun}"`
	Out      string   `placeholder:"DIR" help:"${help_planbuild_out}"`
	Format   []string `help:"${help_planbuild_format}"`

	JSON bool `help:"${help_planbuild_json}"`
}

func (c *planBuildCmd) Run(e *env) error {
	if c.Personal {
		return c.personal(e)
	}
	if c.People != "" {
		return &canvass.UsageError{Problems: []string{"--people needs --personal: an area plan never names people"}}
	}
	req := canvass.PlanRequest{Name: c.Name, Level: c.Level, Layer: c.Layer, Areas: splitFlag(c.Areas), Rule: c.Rule,
		WalkSpeed: c.WalkSpeed, PerDoor: c.PerDoor, PerVoter: c.PerVoter, Sides: c.Sides}
	sizes := 0
	for _, s := range []struct {
		v float64
		m string
	}{{c.TurfDoors, "doors"}, {c.TurfVoters, "voters"}, {c.TurfMinutes, "minutes"}} {
		if s.v > 0 {
			sizes++
			req.Measure, req.Target = canvass.Measures[s.m], s.v
		}
	}
	switch {
	case c.Turfs > 0 && sizes <= 1:
		req.Count, req.Target = c.Turfs, 0 // a measure given with --turfs says what to balance
	case sizes != 1:
		return &canvass.UsageError{Problems: []string{"give one turf size: --turf-doors N, --turf-voters N, --turf-minutes M, or a number of turfs --turfs N"}}
	}
	if req.Level == "" {
		return &canvass.UsageError{Problems: []string{"--level is required: constituency, neighborhood or street"}}
	}
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	if c.Start != "" {
		sp, err := camp.ResolveStart(e.ctx, c.Start)
		if err != nil {
			return fmt.Errorf("--start: %w", err)
		}
		fmt.Fprintf(e.stderr, "Start: %s, read as %s (%.6f, %.6f).\n", c.Start, sp.Found, sp.Point[1], sp.Point[0])
		req.Start = &sp.Point
	}
	plan, err := camp.BuildPlan(e.ctx, req)
	if err != nil {
		return err
	}
	return e.printPlan(plan, c.JSON)
}

func splitFlag(values []string) []string {
	var out []string
	for _, v := range values {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// printPlan prints a plan: JSON, or a table of turfs for a person.
func (e *env) printPlan(p canvass.Plan, asJSON bool) error {
	if asJSON {
		return e.printJSON(p)
	}
	w := e.stdout
	fmt.Fprintf(w, "Plan %q: %s level, %s, turfs of %g %s\n", p.Name, p.Level, p.Rule, p.Target, p.Measure)
	if p.Note != "" {
		fmt.Fprintf(w, "Note: %s\n", p.Note)
	}
	fmt.Fprintf(w, "%5s %-12s %6s %6s %8s %8s %7s  %s\n", "turf", "area", "doors", "voters", "metres", "minutes", "streets", "volunteer")
	for _, t := range p.Turfs {
		streets := map[string]bool{}
		for _, s := range t.Stops {
			streets[s.StreetID] = true
		}
		who := t.Volunteer
		if t.Date != "" {
			who += " on " + t.Date
		}
		fmt.Fprintf(w, "%5d %-12s %6d %6d %8.0f %8d %7d  %s\n", t.ID, clip(t.Area, 12), t.Doors, t.Voters, t.Metres, turf.WholeMinutes(t.Minutes), len(streets), who)
	}
	m := p.Metrics
	fmt.Fprintf(w, "Balance: CV %.1f%%, max deviation %.1f%%; %.1f m per door; %d of %d streets split\n",
		100*m.CV, 100*m.MaxDeviation, m.MetresPerDoor, m.StreetsSplit, m.Streets)
	fmt.Fprintf(w, "Metres: %s\n", canvass.DistancesLabel(p.Distances))
	return nil
}

func (c *planBuildCmd) personal(e *env) error {
	if c.People == "" {
		return &canvass.UsageError{Problems: []string{"--personal needs --people FILE: the people requested"}}
	}
	if c.Level != "" || c.Rule != "" || len(c.Areas) > 0 {
		return &canvass.UsageError{Problems: []string{"--personal takes --people, not --level/--areas/--rule: a personal list is the requested people who consented, nobody else"}}
	}
	people, err := canvass.ReadPeople(c.People)
	if err != nil {
		return err
	}
	camp, date, err := e.openOn(c.Date)
	if err != nil {
		return err
	}
	defer camp.Close()
	list, err := camp.PersonalList(e.ctx, c.Name, people, date, canvass.PersonalListOptions{DryRun: c.DryRun})
	var refused *canvass.RefusedError
	if err != nil && !(c.JSON && errors.As(err, &refused)) {
		return err
	}
	var files []string
	if err == nil && c.Out != "" && !c.DryRun {
		if files, err = camp.ExportPersonal(e.ctx, list, c.Out, splitFlag(c.Format)); err != nil {
			return err
		}
	}
	if c.JSON {
		if jerr := e.printJSON(list); jerr != nil {
			return jerr
		}
		return err // the refusal, with its exit code, after the counts
	}
	for _, f := range files {
		fmt.Fprintf(e.stdout, "Written: %s\n", f)
	}
	e.printListCounts(list, len(people))
	for _, v := range list.Visits() {
		p := v.Person
		fmt.Fprintf(e.stdout, "  %s %s, %s %s %s\n", p.BirthName, p.GivenNames, p.Number, p.Street, p.Postcode)
	}
	return nil
}

// printListCounts says how many of the people requested may be visited by name, and why the others
// are left out.
func (e *env) printListCounts(list canvass.PersonalList, requested int) {
	fmt.Fprintf(e.stdout, "%s, %s: %d of %d requested may be visited by name.\n", list.Name(), list.Date(), list.Eligible(), requested)
	excluded := list.Excluded()
	for _, r := range policy.Exclusions {
		if n := excluded[r]; n > 0 {
			fmt.Fprintf(e.stdout, "  left out, %s: %d\n", r, n)
		}
	}
	if n := list.NearMatches(); n > 0 {
		fmt.Fprintf(e.stdout, "  of whom %d by an objection that may be theirs (a name or address written differently): check them\n", n)
	}
}

type planListCmd struct {
	JSON bool `help:"${help_planlist_json}"`
}

func (c *planListCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	plans, err := camp.Plans(e.ctx)
	if err != nil {
		return err
	}
	if c.JSON {
		return e.printJSON(plans)
	}
	if len(plans) == 0 {
		fmt.Fprintln(e.stdout, "No plan yet: build one with `canvass plan --name NAME --level L --rule EXPR --turf-doors N`.")
	}
	for _, p := range plans {
		fmt.Fprintf(e.stdout, "%-20s %-13s %3d turfs %6d doors %6d voters  %s  (%s)\n", p.Name, p.Level, p.Turfs, p.Doors, p.Voters, p.Rule, p.CreatedAt)
	}
	return nil
}

type planShowCmd struct {
	Name string `arg:"" help:"${help_planshow_name}"`
	JSON bool   `help:"${help_planshow_json}"`
}

func (c *planShowCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	p, err := camp.Plan(e.ctx, c.Name)
	if err != nil {
		return err
	}
	if c.JSON {
		return e.printJSON(p)
	}
	if err := e.printPlan(p, false); err != nil {
		return err
	}
	notes, err := camp.StreetNotes(e.ctx)
	if err != nil {
		return err
	}
	for _, t := range p.Turfs {
		fmt.Fprintf(e.stdout, "\nTurf %d (%d doors, %d min):\n", t.ID, t.Doors, turf.WholeMinutes(t.Minutes))
		for i, s := range t.Stops {
			stretch := s.Stretch()
			if stretch != "" {
				stretch = ", " + stretch
			}
			fmt.Fprintf(e.stdout, "  %2d. %s%s, %s side, %s to %s (%d doors)\n", i+1, s.Street, stretch, s.Side, s.From, s.To, s.Doors)
			for _, n := range notes[s.StreetID] {
				fmt.Fprintf(e.stdout, "      noted: %s (%s)\n", n.Note, n.At)
			}
		}
	}
	return nil
}

type planRerunCmd struct {
	Name string `arg:"" help:"${help_planrerun_name}"`
	JSON bool   `help:"${help_planrerun_json}"`
}

func (c *planRerunCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	p, err := camp.RerunPlan(e.ctx, c.Name)
	if err != nil {
		return err
	}
	return e.printPlan(p, c.JSON)
}

type planDeleteCmd struct {
	Name string `arg:"" help:"${help_plandelete_name}"`
}

func (c *planDeleteCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	if err := camp.DeletePlan(e.ctx, c.Name); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Plan %q deleted.\n", c.Name)
	return nil
}

type planAssignCmd struct {
	Name      string `arg:"" help:"${help_planassign_name}"`
	Turf      int    `arg:"" help:"${help_planassign_turf}"`
	Volunteer string `required:"" help:"${help_planassign_volunteer}"`
	Date      string `help:"${help_planassign_date}"`
}

func (c *planAssignCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	if err := camp.AssignTurf(e.ctx, c.Name, c.Turf, c.Volunteer, c.Date); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Turf %d of %q assigned to %s.\n", c.Turf, c.Name, c.Volunteer)
	return nil
}

type planOutcomeCmd struct {
	Name     string `arg:"" help:"${help_planoutcome_name}"`
	Turf     int    `arg:"" help:"${help_planoutcome_turf}"`
	Street   string `required:"" help:"${help_planoutcome_street}"`
	Knocked  int    `required:"" help:"${help_planoutcome_knocked}"`
	Answered int    `help:"${help_planoutcome_answered}"`
	Leaflets int    `help:"${help_planoutcome_leaflets}"`
	Date     string `help:"${help_planoutcome_date}"`
}

func (c *planOutcomeCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	err = camp.RecordOutcome(e.ctx, c.Name, c.Turf, canvass.Outcome{StreetID: c.Street, Knocked: c.Knocked,
		Answered: c.Answered, Leaflets: c.Leaflets, On: c.Date})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Outcome recorded for %s, turf %d of %q.\n", c.Street, c.Turf, c.Name)
	return nil
}
