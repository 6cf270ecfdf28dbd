package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
)

type importCmd struct {
	List       importListCmd       `cmd:"" help:"${help_import_list}"`
	Addresses  importAddressesCmd  `cmd:"" help:"${help_import_addresses}"`
	Areas      importAreasCmd      `cmd:"" help:"${help_import_areas}"`
	Streets    importStreetsCmd    `cmd:"" help:"${help_import_streets}"`
	Results    importResultsCmd    `cmd:"" help:"${help_import_results}"`
	Consents   importConsentsCmd   `cmd:"" help:"${help_import_consents}"`
	Opposition importOppositionCmd `cmd:"" help:"${help_import_opposition}"`
	Outcomes   importOutcomesCmd   `cmd:"" help:"${help_import_outcomes}"`
}

// importFlags are shared by every import.
type importFlags struct {
	File string `arg:"" type:"existingfile" help:"${help_importflags_file}"`
	JSON bool   `help:"${help_importflags_json}"`
}

// replaceFlag is the permission a list or address import needs to leave a commune with less than
// half of what it had.
type replaceFlag struct {
	Replace bool `help:"${help_replaceflag_replace}"`
}

type importListCmd struct {
	importFlags
	replaceFlag
}

func (c *importListCmd) Run(e *env) error {
	return e.runReplacingImport(c.importFlags, c.Replace, func(camp *canvass.Campaign, p canvass.ProgressFunc, opts ...canvass.ImportOption) (canvass.Report, error) {
		return camp.ImportList(e.ctx, c.File, p, opts...)
	})
}

type importAddressesCmd struct {
	importFlags
	replaceFlag
}

func (c *importAddressesCmd) Run(e *env) error {
	return e.runReplacingImport(c.importFlags, c.Replace, func(camp *canvass.Campaign, p canvass.ProgressFunc, opts ...canvass.ImportOption) (canvass.Report, error) {
		return camp.ImportAddresses(e.ctx, c.File, p, opts...)
	})
}

// replacingImport is an import that may replace what a commune had.
type replacingImport func(*canvass.Campaign, canvass.ProgressFunc, ...canvass.ImportOption) (canvass.Report, error)

// runReplacingImport runs an import that may replace a commune's rows. One that would remove more
// than half of them runs only with --replace, or once the organizer, shown the counts on a
// terminal, confirms; in a script it fails with a usage error (exit 2) that says what it would
// remove.
func (e *env) runReplacingImport(f importFlags, replace bool, do replacingImport) error {
	var opts []canvass.ImportOption
	if replace {
		opts = append(opts, canvass.AllowReplace)
	}
	return e.runImport(f, func(camp *canvass.Campaign, p canvass.ProgressFunc) (canvass.Report, error) {
		rep, err := do(camp, p, opts...)
		var re *canvass.ReplaceError
		if !errors.As(err, &re) {
			return rep, err
		}
		if !e.confirm(re.Error() + ".\nReplace them all the same? [y/N] ") {
			return rep, &canvass.UsageError{Problems: []string{re.Error() +
				". Check the file; to replace them all the same, run again with --replace"}}
		}
		return do(camp, p, canvass.AllowReplace)
	})
}

// confirm asks a yes-or-no question when the answer can be typed on a terminal; without one, or
// without a yes, the answer is no.
func (e *env) confirm(question string) bool {
	if !isTerminal(e.stdin) {
		return false
	}
	if isTerminal(e.ttyErr) {
		fmt.Fprint(e.ttyErr, "\r\033[K") // over the progress line
	}
	fmt.Fprint(e.stderr, question)
	answer, _ := bufio.NewReader(e.stdin).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(answer)) {
	case "y", "yes", "o", "oui":
		return true
	}
	return false
}

type importAreasCmd struct {
	importFlags
	Level     string `required:"" enum:"constituency,neighborhood,street" help:"${help_importareas_level}"`
	Layer     string `help:"${help_importareas_layer}"`
	IDField   string `name:"id-field" help:"${help_importareas_idfield}"`
	NameField string `name:"name-field" help:"${help_importareas_namefield}"`
}

func (c *importAreasCmd) Run(e *env) error {
	opt := canvass.AreaOptions{Level: c.Level, Layer: c.Layer, IDField: c.IDField, NameField: c.NameField}
	return e.runImport(c.importFlags, func(camp *canvass.Campaign, p canvass.ProgressFunc) (canvass.Report, error) {
		return camp.ImportAreas(e.ctx, c.File, opt, p)
	})
}

type importStreetsCmd struct {
	importFlags
	Layer     string `help:"${help_importstreets_layer}"`
	IDField   string `name:"id-field" help:"${help_importstreets_idfield}"`
	NameField string `name:"name-field" help:"${help_importstreets_namefield}"`
}

func (c *importStreetsCmd) Run(e *env) error {
	opt := canvass.StreetOptions{Layer: c.Layer, IDField: c.IDField, NameField: c.NameField}
	return e.runImport(c.importFlags, func(camp *canvass.Campaign, p canvass.ProgressFunc) (canvass.Report, error) {
		return camp.ImportStreets(e.ctx, c.File, opt, p)
	})
}

type importResultsCmd struct {
	importFlags
	Election string `help:"${help_importresults_election}"`
}

func (c *importResultsCmd) Run(e *env) error {
	opt := canvass.ResultOptions{Election: c.Election}
	return e.runImport(c.importFlags, func(camp *canvass.Campaign, p canvass.ProgressFunc) (canvass.Report, error) {
		return camp.ImportResults(e.ctx, c.File, opt, p)
	})
}

type importConsentsCmd struct{ importFlags }

func (c *importConsentsCmd) Run(e *env) error {
	return e.runImport(c.importFlags, func(camp *canvass.Campaign, p canvass.ProgressFunc) (canvass.Report, error) {
		return camp.ImportConsents(e.ctx, c.File, p)
	})
}

type importOppositionCmd struct{ importFlags }

func (c *importOppositionCmd) Run(e *env) error {
	return e.runImport(c.importFlags, func(camp *canvass.Campaign, p canvass.ProgressFunc) (canvass.Report, error) {
		return camp.ImportOpposition(e.ctx, c.File, p)
	})
}

// runImport opens the campaign, runs one import with progress on a terminal, and prints the report.
func (e *env) runImport(f importFlags, do func(*canvass.Campaign, canvass.ProgressFunc) (canvass.Report, error)) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	var progress canvass.ProgressFunc
	if isTerminal(e.ttyErr) {
		progress = progressPrinter(e.ttyErr)
	}
	rep, err := do(camp, progress)
	if progress != nil {
		fmt.Fprint(e.ttyErr, "\r\033[K")
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("%s: import stopped: %w", filepath.Base(f.File), err)
	}
	if err != nil {
		return err
	}
	if f.JSON {
		return e.printJSON(rep)
	}
	printReport(e.stdout, rep)
	return nil
}

// progressPrinter redraws one status line at most ten times a second.
func progressPrinter(w io.Writer) canvass.ProgressFunc {
	start := time.Now()
	var last time.Time
	return func(p canvass.Progress) {
		now := time.Now()
		if now.Sub(last) < 100*time.Millisecond {
			return
		}
		last = now
		rate := float64(p.Rows) / now.Sub(start).Seconds()
		if p.Total > 0 {
			fmt.Fprintf(w, "\r\033[K%d rows read (%.0f%%, %.0f rows/s)", p.Rows, 100*float64(p.Bytes)/float64(p.Total), rate)
		} else {
			fmt.Fprintf(w, "\r\033[K%d rows read (%.0f rows/s)", p.Rows, rate)
		}
	}
}

// maxPrinted bounds the rejected rows and warnings printed for a person; --json has them all.
const maxPrinted = 20

// printReport prints an import report for a person.
func printReport(w io.Writer, r canvass.Report) {
	fmt.Fprintf(w, "%s (%s): %d read, %d imported, %d rejected", r.File, r.Kind, r.Read, r.Imported, r.Rejected)
	if r.Replaced > 0 {
		fmt.Fprintf(w, ", %d from an earlier import replaced", r.Replaced)
	}
	fmt.Fprintln(w)
	more := r.Unlisted
	for i, x := range r.Errors {
		if i == maxPrinted {
			more += len(r.Errors) - i
			break
		}
		fmt.Fprintf(w, "  rejected: %s\n", x)
	}
	for i, x := range r.Warnings {
		if i == maxPrinted {
			more += len(r.Warnings) - i
			break
		}
		fmt.Fprintf(w, "  warning: %s\n", x)
	}
	if more > 0 {
		fmt.Fprintf(w, "  ... and %d more (all of them with --json)\n", more)
	}
}
