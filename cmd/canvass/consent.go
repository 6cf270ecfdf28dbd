package main

import (
	"fmt"

	"github.com/campagne-fr/porteaporte/canvass"
)

type consentCmd struct {
	Check    consentCheckCmd    `cmd:"" help:"Explain whether one person may be visited by name, and why."`
	Add      consentAddCmd      `cmd:"" help:"Record a consent given by one person."`
	Withdraw consentWithdrawCmd `cmd:"" help:"Record that one person withdrew their consents."`
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
	camp, date, err := e.openOn(c.Date)
	if err != nil {
		return err
	}
	defer camp.Close()
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
	if v.Hint != "" {
		fmt.Fprintf(e.stdout, "Check: %s.\n", v.Hint)
	}
	return nil
}

type consentAddCmd struct {
	identityFlags
	Channel    string `required:"" help:"porte-a-porte, email, sms, telephone, courrier, or \"reseau social: NAME\"."`
	Purpose    string `default:"communication politique" help:"What the consent is for."`
	Controller string `help:"To whom it was given (default: this campaign's controller)."`
	GivenOn    string `name:"given-on" help:"When it was given, dd/mm/yyyy or YYYY-MM-DD (default: today)."`
	Source     string `help:"How it was collected (stand, web form...)."`
	Proof      string `help:"Reference of the proof (form number, signed sheet...)."`
	Expires    string `help:"Expiry date, dd/mm/yyyy or YYYY-MM-DD."`
	Occasional bool   `help:"An occasional contact (one contact allowed, to propose regular contact)."`
}

func (c *consentAddCmd) Run(e *env) error {
	who, err := c.identity()
	if err != nil {
		return err
	}
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	cs := canvass.Consent{Contact: who, Channel: c.Channel, Purpose: c.Purpose, Controller: c.Controller,
		GivenOn: c.GivenOn, Source: c.Source, Proof: c.Proof, ExpiresOn: c.Expires, Kind: "regular"}
	if c.Occasional {
		cs.Kind = "occasional"
	}
	if cs.GivenOn == "" {
		cs.GivenOn = camp.Today()
	}
	if cs.Controller == "" {
		s, err := camp.Settings(e.ctx)
		if err != nil {
			return err
		}
		cs.Controller = s.Controller
	}
	if err := camp.RecordConsent(e.ctx, cs); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, "Consent recorded.")
	return nil
}

type consentWithdrawCmd struct {
	identityFlags
	Date string `help:"Date of the withdrawal, YYYY-MM-DD (default: today)."`
}

func (c *consentWithdrawCmd) Run(e *env) error {
	who, err := c.identity()
	if err != nil {
		return err
	}
	camp, date, err := e.openOn(c.Date)
	if err != nil {
		return err
	}
	defer camp.Close()
	n, err := camp.WithdrawConsent(e.ctx, who, date)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d consent record(s) withdrawn on %s.\n", n, date)
	return nil
}
