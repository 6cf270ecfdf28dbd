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
	Build   planBuildCmd   `cmd:"" default:"withargs" hidden:"" help:"Build a plan (the default)."`
	List    planListCmd    `cmd:"" help:"List the stored plans."`
	Show    planShowCmd    `cmd:"" help:"Show a plan: turfs and their streets in walking order."`
	Rerun   planRerunCmd   `cmd:"" help:"Build a stored plan again on the current data."`
	Delete  planDeleteCmd  `cmd:"" help:"Delete a stored plan."`
	Assign  planAssignCmd  `cmd:"" help:"Assign a turf to a volunteer (a name or team label) and a date."`
	Outcome planOutcomeCmd `cmd:"" help:"Record what was done on a street of a turf."`
	Overdue planOverdueCmd `cmd:"" help:"List the turfs whose date has passed with no results back."`
}

type planBuildCmd struct {
	Name string `required:"" help:"Name of the plan or list."`

	Level       string   `enum:"constituency,neighborhood,street," default:"" help:"Area level: constituency, neighborhood or street."`
	Layer       string   `help:"Layer of the level, when it has several (e.g. iris, quartiers, bureaux)."`
	Areas       []string `help:"Areas by id or name, comma-separated."`
	Rule        string   `help:"Rule on area aggregates: 'top 10 by abstention', 'abstention > 45%', 'not covered'..."`
	TurfDoors   float64  `name:"turf-doors" help:"Turf size in doors."`
	TurfVoters  float64  `name:"turf-voters" help:"Turf size in voters."`
	TurfMinutes float64  `name:"turf-minutes" help:"Turf size in minutes (walking plus time at doors)."`
	Turfs       int      `help:"A number of turfs (one per volunteer), balanced across the selection; with --turf-voters or --turf-minutes 1 to balance in that measure."`
	Start       string   `placeholder:"WHERE" help:"Where every walk starts: LON,LAT or LAT,LON (as map apps copy it), an address ('12 rue des Pyrénées') or a place ('métro Gambetta')."`
	WalkSpeed   float64  `name:"walk-speed" help:"Walking speed, metres per minute (default: the campaign's, see canvass settings)."`
	PerDoor     float64  `name:"per-door" help:"Minutes per door (default: the campaign's)."`
	PerVoter    float64  `name:"per-voter" help:"Minutes per voter at a door (default: the campaign's, see canvass settings)."`
	Sides       string   `enum:"auto,together,apart," default:"" help:"Street sides: auto (wide streets one side then the other), together, apart (default: the campaign's)."`

	Personal bool     `help:"A personalized visit list (named people): only those whose consent covers it."`
	People   string   `type:"existingfile" help:"With --personal: CSV of the people requested (birth name, given names, birth date, address)."`
	Date     string   `help:"With --personal: date of the visits, YYYY-MM-DD (default: today)."`
	DryRun   bool     `name:"dry-run" help:"With --personal: decide and count without using up any occasional contact (still audited)."`
	Out      string   `placeholder:"DIR" help:"With --personal: also write the list (CSV, HTML) into DIR, with the information notice."`
	Format   []string `help:"With --out: csv, html (default both)."`

	JSON bool `help:"Print JSON."`
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
	JSON bool `help:"Print JSON."`
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
	Name string `arg:"" help:"Plan name."`
	JSON bool   `help:"Print JSON."`
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
	Name string `arg:"" help:"Plan name."`
	JSON bool   `help:"Print JSON."`
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
	Name string `arg:"" help:"Plan name."`
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
	Name      string `arg:"" help:"Plan name."`
	Turf      int    `arg:"" help:"Turf number."`
	Volunteer string `required:"" help:"Volunteer's name or team label."`
	Date      string `help:"Date of the walk, YYYY-MM-DD."`
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
	Name     string `arg:"" help:"Plan name."`
	Turf     int    `arg:"" help:"Turf number."`
	Street   string `required:"" help:"Street id or name, as in plan show."`
	Knocked  int    `required:"" help:"Doors knocked."`
	Answered int    `help:"Doors that answered."`
	Leaflets int    `help:"Leaflets left."`
	Date     string `help:"Date, YYYY-MM-DD (default: today)."`
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
