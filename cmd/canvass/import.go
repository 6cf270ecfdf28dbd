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
	"github.com/campagne-fr/porteaporte/internal/i18n"
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
		if !e.confirm(e.p.T("cli.import.replace.ask", "Problem", re.Message())) {
			return rep, canvass.Usage("cli.import.replace.refused", "Problem", re.Message())
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
	case "y", "yes", "o", "oui": // either language's yes, whatever the question's
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
		progress = progressPrinter(e.p, e.ttyErr)
	}
	rep, err := do(camp, progress)
	if progress != nil {
		fmt.Fprint(e.ttyErr, "\r\033[K")
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return i18n.Msg("cli.import.stopped", "File", filepath.Base(f.File), "Err", err)
	}
	if err != nil {
		return err
	}
	if f.JSON {
		return e.printJSON(rep)
	}
	printReport(e.p, e.stdout, rep)
	return nil
}

// progressPrinter redraws one status line at most ten times a second.
func progressPrinter(pr *i18n.Printer, w io.Writer) canvass.ProgressFunc {
	start := time.Now()
	var last time.Time
	return func(p canvass.Progress) {
		now := time.Now()
		if now.Sub(last) < 100*time.Millisecond {
			return
		}
		last = now
		rate := pr.Float(float64(p.Rows)/now.Sub(start).Seconds(), 0)
		if p.Total > 0 {
			fmt.Fprint(w, "\r\033[K"+pr.T("cli.import.progress.share", "Count", p.Rows, "Share", pr.Percent(float64(p.Bytes)/float64(p.Total), 0), "Rate", rate))
		} else {
			fmt.Fprint(w, "\r\033[K"+pr.T("cli.import.progress", "Count", p.Rows, "Rate", rate))
		}
	}
}

// maxPrinted bounds the rejected rows and warnings printed for a person; --json has them all.
const maxPrinted = 20

// printReport prints an import report for a person.
func printReport(p *i18n.Printer, w io.Writer, r canvass.Report) {
	fmt.Fprintln(w, p.T("cli.import.report", "File", r.File, "Kind", p.T("cli.import.kind."+r.Kind), "Read", r.Read,
		"Imported", r.Imported, "Rejected", r.Rejected, "Replaced", r.Replaced))
	more := r.Unlisted
	for _, rows := range []struct {
		id   string
		rows []canvass.RowError
	}{{"cli.import.rejected", r.Errors}, {"cli.import.warning", r.Warnings}} {
		for i, x := range rows.rows {
			if i == maxPrinted {
				more += len(rows.rows) - i
				break
			}
			fmt.Fprintln(w, "  "+p.T(rows.id, "Row", rowError(p, x)))
		}
	}
	if more > 0 {
		fmt.Fprintln(w, "  "+p.T("cli.import.more", "Count", more))
	}
}

// importKinds are the kinds of file an import report names (cli.import.kind.<kind>), listed in
// full for the catalog's tests: "cli.import.kind.list", "cli.import.kind.addresses",
// "cli.import.kind.areas", "cli.import.kind.streets", "cli.import.kind.results",
// "cli.import.kind.consents", "cli.import.kind.opposition".

// rowError says where a row's problem is and what it is, in p's language (line 0: the file's).
func rowError(p *i18n.Printer, e canvass.RowError) string {
	switch {
	case e.Line == 0 && e.Field == "":
		return e.Why(p)
	case e.Field == "":
		return p.T("cli.import.row", "Line", e.Line, "Reason", e.Why(p))
	}
	return p.T("cli.import.row.field", "Line", e.Line, "Field", e.Field, "Reason", e.Why(p))
}
