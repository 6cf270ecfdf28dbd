package main

import (
	"fmt"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
)

type exportCmd struct {
	Plan     exportPlanCmd     `cmd:"" default:"withargs" help:"${help_export_plan}"`
	Personal exportPersonalCmd `cmd:"" help:"${help_export_personal}"`
}

type exportPlanCmd struct {
	Plan   string   `arg:"" help:"${help_exportplan_plan}"`
	Format []string `short:"f" placeholder:"FORMAT" help:"${help_exportplan_format}"`
	Print  bool     `help:"${help_exportplan_print}"`
	Out    string   `required:"" placeholder:"DIR" help:"${help_exportplan_out}"`
	Turfs  []int    `placeholder:"N,N" help:"${help_exportplan_turfs}"`
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
	Name   string   `required:"" help:"${help_exportpersonal_name}"`
	People string   `required:"" type:"existingfile" help:"${help_exportpersonal_people}"`
	Out    string   `required:"" placeholder:"DIR" help:"${help_exportpersonal_out}"`
	Date   string   `help:"${help_exportpersonal_date}"`
	Format []string `short:"f" placeholder:"FORMAT" help:"${help_exportpersonal_format}"`
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
	fmt.Fprintln(e.stdout, e.p.T("cli.export.wrote", "Count", len(paths)))
	for _, p := range paths {
		fmt.Fprintln(e.stdout, "  "+p)
	}
	return nil
}
