package main

import (
	"fmt"

	"github.com/campagne-fr/porteaporte/canvass"
)

// oppositionAddCmd records an objection by hand: by a person (their identity) or at an address.
type oppositionAddCmd struct {
	Address    bool   `help:"${help_oppositionadd_address}"`
	BirthName  string `name:"birth-name" help:"${help_oppositionadd_birthname}"`
	GivenNames string `name:"given-names" help:"${help_oppositionadd_givennames}"`
	BirthDate  string `name:"birth-date" help:"${help_oppositionadd_birthdate}"`
	Number     string `help:"${help_oppositionadd_number}"`
	Street     string `help:"${help_oppositionadd_street}"`
	Postcode   string `help:"${help_oppositionadd_postcode}"`
	Reason     string `default:"STOP" help:"${help_oppositionadd_reason}"`
	Date       string `help:"${help_oppositionadd_date}"`
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
			return canvass.Usage("cli.birthdate")
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
	fmt.Fprintln(e.stdout, e.p.T("cli.opposition.recorded"))
	return nil
}
