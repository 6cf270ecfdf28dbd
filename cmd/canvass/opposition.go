package main

import (
	"fmt"

	"github.com/campagne-fr/porteaporte/canvass"
)

// oppositionAddCmd records an objection by hand: by a person (their identity) or at an address.
type oppositionAddCmd struct {
	Address    bool   `help:"Do not knock at this address (give --number, --street, --postcode) rather than a person's STOP."`
	BirthName  string `name:"birth-name" help:"The person's birth name."`
	GivenNames string `name:"given-names" help:"The person's given names."`
	BirthDate  string `name:"birth-date" help:"The person's birth date, dd/mm/yyyy or YYYY-MM-DD."`
	Number     string `help:"House number."`
	Street     string `help:"Street."`
	Postcode   string `help:"Postcode."`
	Reason     string `default:"STOP" help:"What was said (STOP, ne pas frapper...)."`
	Date       string `help:"When, dd/mm/yyyy or YYYY-MM-DD (default: today)."`
}

func (c *oppositionAddCmd) Run(e *env) error {
	o := canvass.Opposition{Scope: canvass.ScopePerson, Reason: c.Reason, RecordedOn: c.Date,
		Who: canvass.Identity{BirthName: c.BirthName, GivenNames: c.GivenNames, Number: c.Number, Street: c.Street, Postcode: c.Postcode}}
	if c.Address {
		o.Scope = canvass.ScopeAddress
	}
	if c.BirthDate != "" {
		d, ok := canvass.ParseDate(c.BirthDate)
		if !ok {
			return &canvass.UsageError{Problems: []string{"--birth-date: expected dd/mm/yyyy or YYYY-MM-DD"}}
		}
		o.Who.BirthDate = d
	}
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	if err := camp.RecordOpposition(e.ctx, o); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "Objection recorded: it is permanent, and kept through purges.")
	return nil
}
