package main

import (
	"fmt"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
)

type exportCmd struct {
	Plan     exportPlanCmd     `cmd:"" default:"withargs" help:"Export a plan's street lists, one file per turf and format (the default: canvass export PLAN --out DIR)."`
	Personal exportPersonalCmd `cmd:"" help:"Export a personalized visit list: only the requested people whose consent covers a visit."`
}

type exportPlanCmd struct {
	Plan   string   `arg:"" help:"Plan name."`
	Format []string `short:"f" placeholder:"FORMAT" help:"csv, html, gpx, geojson, field (a sheet for a phone, offline, that records each door) or day (one printable document with every turf and a cover page); repeat or comma-separate; default: csv, html, gpx, geojson."`
	Print  bool     `help:"The day's print only: the same as --format day."`
	Out    string   `required:"" placeholder:"DIR" help:"Directory to write into (created if missing); - writes the one file asked for (one turf, one format, or the day's print) to the standard output."`
	Turfs  []int    `placeholder:"N,N" help:"Only these turfs (default: all)."`
}

func (c *exportPlanCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	opt := canvass.ExportOptions{Dir: c.Out, Formats: splitFlag(c.Format), Turfs: c.Turfs}
	if c.Print {
		opt.Formats = append(opt.Formats, export.Day)
	}
	if c.Out == "-" {
		opt.Dir, opt.To = "", e.ttyOut // the file as written, byte for byte: a page, a CSV
		_, err := camp.Export(e.ctx, c.Plan, opt)
		return err
	}
	paths, err := camp.Export(e.ctx, c.Plan, opt)
	if err != nil {
		return err
	}
	return e.printWritten(paths)
}

type exportPersonalCmd struct {
	Name   string   `required:"" help:"Name of the list (recorded in the audit trail)."`
	People string   `required:"" type:"existingfile" help:"CSV of the people requested (birth name, given names, birth date, address)."`
	Out    string   `required:"" placeholder:"DIR" help:"Directory to write into (created if missing)."`
	Date   string   `help:"Date of the visits, YYYY-MM-DD (default: today)."`
	Format []string `short:"f" placeholder:"FORMAT" help:"csv, html (repeat or comma-separate; default: both)."`
}

func (c *exportPersonalCmd) Run(e *env) error {
	people, err := canvass.ReadPeople(c.People)
	if err != nil {
		return err
	}
	camp, date, err := e.openOn(c.Date)
	if err != nil {
		return err
	}
	defer camp.Close()
	list, err := camp.PersonalList(e.ctx, c.Name, people, date, canvass.PersonalListOptions{})
	if err != nil {
		return err
	}
	e.printListCounts(list, len(people))
	paths, err := camp.ExportPersonal(e.ctx, list, c.Out, splitFlag(c.Format))
	if err != nil {
		return err
	}
	return e.printWritten(paths)
}

// printWritten says where the files went.
func (e *env) printWritten(paths []string) error {
	fmt.Fprintf(e.stdout, "Wrote %d file(s):\n", len(paths))
	for _, p := range paths {
		fmt.Fprintln(e.stdout, "  "+p)
	}
	return nil
}
