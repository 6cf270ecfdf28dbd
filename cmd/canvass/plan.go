package main

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/internal/i18n"
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
		return canvass.Usage("cli.plan.people")
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
		return canvass.Usage("cli.plan.size")
	}
	if req.Level == "" {
		return canvass.Usage("cli.plan.level")
	}
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	if c.Start != "" {
		sp, err := camp.ResolveStart(e.ctx, c.Start)
		if err != nil {
			return i18n.Msg("cli.plan.start.error", "Err", err)
		}
		fmt.Fprintln(e.stderr, e.p.T("cli.plan.start", "Start", c.Start, "Found", sp.Found,
			"Lat", fmt.Sprintf("%.6f", sp.Point[1]), "Lon", fmt.Sprintf("%.6f", sp.Point[0])))
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
	w, pr := e.stdout, e.p
	rule := p.Rule // a rule is written in the rules' own words; areas chosen by id are the reader's
	if ids, ok := strings.CutPrefix(rule, "areas "); ok {
		rule = pr.T("cli.plan.byareas", "IDs", ids)
	}
	fmt.Fprintln(w, pr.T("cli.plan.title", "Name", p.Name, "Level", canvass.LevelName(p.Level).In(pr), "Rule", rule, "Target", p.Target,
		"Measure", pr.T(measureIDs[p.Measure])))
	if note := p.NoteMessage(); note.ID != "" {
		fmt.Fprintln(w, pr.T("cli.plan.note", "Note", note))
	}
	t := newTable(pr, []column{{"cli.plan.col.turf", 5}, {"cli.plan.col.area", -12}, {"cli.plan.col.doors", 6},
		{"cli.plan.col.voters", 6}, {"cli.plan.col.metres", 8}, {"cli.plan.col.minutes", 8}, {"cli.plan.col.streets", 7},
		{"cli.plan.col.volunteer", 0}})
	fmt.Fprintln(w, t.header())
	for _, tf := range p.Turfs {
		streets := map[string]bool{}
		for _, s := range tf.Stops {
			streets[s.StreetID] = true
		}
		who := tf.Volunteer
		if tf.Date != "" {
			who = pr.T("cli.plan.on", "Volunteer", who, "Date", i18n.Day(tf.Date))
		}
		fmt.Fprintln(w, t.row(tf.ID, clip(tf.Area, 12), tf.Doors, tf.Voters, int(math.Round(tf.Metres)),
			turf.WholeMinutes(tf.Minutes), len(streets), who))
	}
	m := p.Metrics
	fmt.Fprintln(w, pr.T("cli.plan.balance", "CV", pr.Percent(m.CV, 1), "Deviation", pr.Percent(m.MaxDeviation, 1),
		"PerDoor", pr.Float(m.MetresPerDoor, 1), "Split", m.StreetsSplit, "Count", m.Streets))
	distances := "cli.plan.distances.straight"
	if p.Distances == canvass.NetworkDistances {
		distances = "cli.plan.distances.network"
	}
	fmt.Fprintln(w, pr.T("cli.plan.metres", "Distances", pr.T(distances)))
	return nil
}

func (c *planBuildCmd) personal(e *env) error {
	if c.People == "" {
		return canvass.Usage("cli.plan.personal.people")
	}
	if c.Level != "" || c.Rule != "" || len(c.Areas) > 0 {
		return canvass.Usage("cli.plan.personal.flags")
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
		fmt.Fprintln(e.stdout, e.p.T("cli.plan.written", "Path", f))
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
	fmt.Fprintln(e.stdout, e.p.T("cli.list.counts", "Name", list.Name(), "Date", i18n.Day(list.Date()), "Eligible", list.Eligible(),
		"Count", requested))
	excluded := list.Excluded()
	for _, r := range policy.Exclusions {
		if n := excluded[r]; n > 0 {
			fmt.Fprintln(e.stdout, "  "+e.p.T("cli.list.excluded", "Reason", r.Message(), "Count", n))
		}
	}
	if n := list.NearMatches(); n > 0 {
		fmt.Fprintln(e.stdout, "  "+e.p.T("cli.list.near", "Count", n))
	}
}

// measureIDs name what a plan's turfs are sized by.
var measureIDs = map[string]string{"doors": "cli.plan.measure.doors", "voters": "cli.plan.measure.voters",
	"minutes": "cli.plan.measure.minutes"}

// sideIDs name the sides of a street a stop walks.
var sideIDs = map[turf.Side]string{turf.Both: "cli.plan.side.both", turf.Odd: "cli.plan.side.odd", turf.Even: "cli.plan.side.even"}

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
		fmt.Fprintln(e.stdout, e.p.T("cli.plan.list.none"))
	}
	for _, p := range plans {
		fmt.Fprintf(e.stdout, "%-20s %-13s %s  %s  (%s)\n", p.Name, p.Level, e.p.T("cli.plan.list.sizes", "Count", p.Turfs,
			"Doors", p.Doors, "Voters", p.Voters), p.Rule, p.CreatedAt)
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
		fmt.Fprintln(e.stdout, "\n"+e.p.T("cli.plan.turf", "Turf", t.ID, "Doors", t.Doors, "Minutes", turf.WholeMinutes(t.Minutes)))
		for i, s := range t.Stops {
			stretch := s.Stretch()
			if stretch != "" {
				stretch = ", " + stretch
			}
			fmt.Fprintf(e.stdout, "  %2d. %s\n", i+1, e.p.T("cli.plan.stop", "Street", s.Street, "Stretch", stretch,
				"Side", e.p.T(sideIDs[s.Side]), "From", s.From, "To", s.To, "Count", s.Doors))
			for _, n := range notes[s.StreetID] {
				fmt.Fprintln(e.stdout, "      "+e.p.T("cli.plan.noted", "Note", n.Note, "At", n.At))
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
	fmt.Fprintln(e.stdout, e.p.T("cli.plan.deleted", "Name", c.Name))
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
	fmt.Fprintln(e.stdout, e.p.T("cli.plan.assigned", "Turf", c.Turf, "Name", c.Name, "Volunteer", c.Volunteer))
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
	fmt.Fprintln(e.stdout, e.p.T("cli.plan.outcome", "Street", c.Street, "Turf", c.Turf, "Name", c.Name))
	return nil
}
