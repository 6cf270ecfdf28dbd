package main

import (
	"fmt"

	"canvass/canvass"
)

type consentCmd struct {
	Check consentCheckCmd `cmd:"" help:"Explain whether one person may be visited by name, and why."`
}

// identityFlags name one person as the electoral list writes them.
type identityFlags struct {
	BirthName  string `name:"birth-name" required:"" help:"Birth name (nom de naissance)."`
	GivenNames string `name:"given-names" required:"" help:"Given names (prénoms), all of them."`
	BirthDate  string `name:"birth-date" required:"" help:"Birth date, dd/mm/yyyy or YYYY-MM-DD."`
	Number     string `help:"House number, with suffix (12 BIS)."`
	Street     string `help:"Street, as on the electoral list."`
	Postcode   string `help:"Postcode."`
}

func (f identityFlags) identity() (canvass.Identity, error) {
	d, ok := canvass.ParseDate(f.BirthDate)
	if !ok {
		return canvass.Identity{}, &canvass.UsageError{Problems: []string{"--birth-date: expected dd/mm/yyyy or YYYY-MM-DD"}}
	}
	return canvass.Identity{BirthName: f.BirthName, GivenNames: f.GivenNames, BirthDate: d,
		Number: f.Number, Street: f.Street, Postcode: f.Postcode}, nil
}

type consentCheckCmd struct {
	identityFlags
	Date string `help:"Date of the visit, YYYY-MM-DD (default: today)."`
	JSON bool   `help:"Print JSON."`
}

func (c *consentCheckCmd) Run(e *env) error {
	who, err := c.identity()
	if err != nil {
		return err
	}
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	date := c.Date
	if date == "" {
		date = camp.Today()
	}
	v, err := camp.CheckConsent(e.ctx, who, date)
	if err != nil {
		return err
	}
	if c.JSON {
		return e.printJSON(v)
	}
	if v.Eligible {
		fmt.Fprintf(e.stdout, "May be visited by name on %s: %s.\n", date, v.Explanation)
	} else {
		fmt.Fprintf(e.stdout, "May NOT be visited by name on %s (%s): %s.\n", date, v.Reason, v.Explanation)
	}
	return nil
}
