package main

import (
	"fmt"
	"io"
	"os"
)

// importOutcomesCmd imports what a field sheet handed back, from a file or standard input (a text
// pasted from a message).
type importOutcomesCmd struct {
	File string `arg:"" placeholder:"FILE|-" help:"${help_importoutcomes_file}"`
	JSON bool   `help:"${help_importoutcomes_json}"`
}

func (c *importOutcomesCmd) Run(e *env) error {
	var r io.Reader = e.stdin
	name := e.p.T("cli.outcomes.pasted")
	if c.File != "-" {
		f, err := os.Open(c.File)
		if err != nil {
			return err
		}
		defer f.Close()
		r, name = f, c.File
	}
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	rep, err := camp.ImportOutcomes(e.ctx, r, name)
	if err != nil {
		return err
	}
	if c.JSON {
		return e.printJSON(rep)
	}
	w := e.stdout
	p := e.p
	fmt.Fprintln(w, p.T("cli.outcomes.report", "File", rep.File, "Plan", rep.Plan, "Turf", rep.Turf, "Doors", rep.Doors, "Notes", rep.Notes))
	if rep.Rebuilt {
		fmt.Fprintln(w, "  "+p.T("cli.outcomes.rebuilt"))
	}
	if s := rep.Saved; s.Changed() {
		fmt.Fprintln(w, "  "+p.T("cli.outcomes.saved", "Doors", s.Doors, "Notes", s.Notes, "Objections", s.Objections))
	} else {
		fmt.Fprintln(w, "  "+p.T("cli.outcomes.nothing"))
	}
	for _, u := range rep.Unmatched {
		fmt.Fprintln(w, "  "+p.T("cli.outcomes.unmatched", "Door", u.Door, "Number", u.Number, "Street", u.Street, "Outcome", u.Outcome, "Reason", u.Reason))
	}
	return nil
}

// planOverdueCmd lists the turfs whose date has passed with no results back.
type planOverdueCmd struct {
	JSON bool `help:"${help_planoverdue_json}"`
}

func (c *planOverdueCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	late, err := camp.OverdueTurfs(e.ctx)
	if err != nil {
		return err
	}
	if c.JSON {
		return e.printJSON(late)
	}
	if len(late) == 0 {
		fmt.Fprintln(e.stdout, e.p.T("cli.overdue.none"))
	}
	for _, t := range late {
		fmt.Fprintf(e.stdout, "%-20s %s  %s  %s\n", t.Plan, e.p.T("cli.overdue.turf", "Turf", fmt.Sprintf("%3d", t.Turf)), t.Date, t.Volunteer)
	}
	return nil
}
