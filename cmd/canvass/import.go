package main

import (
	"fmt"
	"io"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
)

type importCmd struct {
	List       importListCmd       `cmd:"" help:"Import an electoral-list extract (REU CSV, plain or .gz)."`
	Addresses  importAddressesCmd  `cmd:"" help:"Import BAN addresses (adresses-XX.csv)."`
	Areas      importAreasCmd      `cmd:"" help:"Import an area layer (GeoJSON or GeoPackage) at a level."`
	Streets    importStreetsCmd    `cmd:"" help:"Import the street network walks follow (GeoJSON or GeoPackage lines)."`
	Results    importResultsCmd    `cmd:"" help:"Import election results per polling station (CSV)."`
	Consents   importConsentsCmd   `cmd:"" help:"Import contacts and their consents (CSV)."`
	Opposition importOppositionCmd `cmd:"" help:"Import objections (STOP, do not knock), by person or address (CSV)."`
	Outcomes   importOutcomesCmd   `cmd:"" help:"Import the results of a field sheet (file, or - for pasted text): door outcomes, notes, objections."`
}

// importFlags are shared by every import.
type importFlags struct {
	File string `arg:"" type:"existingfile" help:"File to import."`
	JSON bool   `help:"Print the report as JSON."`
}

type importListCmd struct{ importFlags }

func (c *importListCmd) Run(e *env) error {
	return e.runImport(c.importFlags, func(camp *canvass.Campaign, p canvass.ProgressFunc) (canvass.Report, error) {
		return camp.ImportList(e.ctx, c.File, p)
	})
}

type importAddressesCmd struct{ importFlags }

func (c *importAddressesCmd) Run(e *env) error {
	return e.runImport(c.importFlags, func(camp *canvass.Campaign, p canvass.ProgressFunc) (canvass.Report, error) {
		return camp.ImportAddresses(e.ctx, c.File, p)
	})
}

type importAreasCmd struct {
	importFlags
	Level     string `required:"" enum:"constituency,neighborhood,street" help:"Level of the areas: constituency, neighborhood or street."`
	Layer     string `help:"Name of the layer (default: the file name), e.g. iris, quartiers, bureaux."`
	IDField   string `name:"id-field" help:"Property holding each area's code (default: guessed)."`
	NameField string `name:"name-field" help:"Property holding each area's name (default: guessed)."`
}

func (c *importAreasCmd) Run(e *env) error {
	opt := canvass.AreaOptions{Level: c.Level, Layer: c.Layer, IDField: c.IDField, NameField: c.NameField}
	return e.runImport(c.importFlags, func(camp *canvass.Campaign, p canvass.ProgressFunc) (canvass.Report, error) {
		return camp.ImportAreas(e.ctx, c.File, opt, p)
	})
}

type importStreetsCmd struct {
	importFlags
	Layer     string `help:"Table of a GeoPackage holding several (e.g. troncon_de_route)."`
	IDField   string `name:"id-field" help:"Property holding each line's id (default: guessed)."`
	NameField string `name:"name-field" help:"Property holding the street's name (default: guessed)."`
}

func (c *importStreetsCmd) Run(e *env) error {
	opt := canvass.StreetOptions{Layer: c.Layer, IDField: c.IDField, NameField: c.NameField}
	return e.runImport(c.importFlags, func(camp *canvass.Campaign, p canvass.ProgressFunc) (canvass.Report, error) {
		return camp.ImportStreets(e.ctx, c.File, opt, p)
	})
}

type importResultsCmd struct {
	importFlags
	Election string `help:"Label of the election (default: the file name)."`
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
	if isTerminal(e.stderr) {
		progress = progressPrinter(e.stderr)
	}
	rep, err := do(camp, progress)
	if progress != nil {
		fmt.Fprint(e.stderr, "\r\033[K")
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
