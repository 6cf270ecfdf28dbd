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
	name := "pasted text"
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
	fmt.Fprintf(w, "%s: plan %q, turf %d: %d door outcome(s), %d place note(s).\n", rep.File, rep.Plan, rep.Turf, rep.Doors, rep.Notes)
	if rep.Rebuilt {
		fmt.Fprintln(w, "  The plan was built again since the sheet was made: doors were matched by address.")
	}
	if s := rep.Saved; s.Changed() {
		fmt.Fprintf(w, "  Recorded: %d outcome(s), %d note(s), %d objection(s) added to the opposition list.\n", s.Doors, s.Notes, s.Objections)
	} else {
		fmt.Fprintln(w, "  Nothing new: these results were already imported.")
	}
	for _, u := range rep.Unmatched {
		fmt.Fprintf(w, "  Not recorded: door %d (%s %s, %s): %s.\n", u.Door, u.Number, u.Street, u.Outcome, u.Reason)
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
		fmt.Fprintln(e.stdout, "No turf is overdue: every turf whose date has passed has results.")
	}
	for _, t := range late {
		fmt.Fprintf(e.stdout, "%-20s turf %3d  %s  %s\n", t.Plan, t.Turf, t.Date, t.Volunteer)
	}
	return nil
}
