package main

import (
	"fmt"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

type consentCmd struct {
	Check    consentCheckCmd    `cmd:"" help:"${help_consent_check}"`
	Add      consentAddCmd      `cmd:"" help:"${help_consent_add}"`
	Withdraw consentWithdrawCmd `cmd:"" help:"${help_consent_withdraw}"`
}

// identityFlags name one person as the electoral list writes them.
type identityFlags struct {
	BirthName  string `name:"birth-name" required:"" help:"${help_identityflags_birthname}"`
	GivenNames string `name:"given-names" required:"" help:"${help_identityflags_givennames}"`
	BirthDate  string `name:"birth-date" required:"" help:"${help_identityflags_birthdate}"`
	Number     string `help:"${help_identityflags_number}"`
	Street     string `help:"${help_identityflags_street}"`
	Postcode   string `help:"${help_identityflags_postcode}"`
}

func (f identityFlags) identity() (canvass.Identity, error) {
	d, ok := canvass.ParseDate(f.BirthDate)
	if !ok {
		return canvass.Identity{}, canvass.Usage("cli.birthdate")
	}
	return canvass.Identity{BirthName: f.BirthName, GivenNames: f.GivenNames, BirthDate: d,
		Number: f.Number, Street: f.Street, Postcode: f.Postcode}, nil
}

type consentCheckCmd struct {
	identityFlags
	Date string `help:"${help_consentcheck_date}"`
	JSON bool   `help:"${help_consentcheck_json}"`
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
		fmt.Fprintln(e.stdout, e.p.T("cli.consent.yes", "Date", i18n.Day(date), "Why", v.Why()))
	} else {
		fmt.Fprintln(e.stdout, e.p.T("cli.consent.no", "Date", i18n.Day(date), "Reason", v.Reason.Message(), "Why", v.Why()))
	}
	if h := v.HintMessage(); h.ID != "" {
		fmt.Fprintln(e.stdout, e.p.T("cli.consent.hint", "Hint", h))
	}
	return nil
}

type consentAddCmd struct {
	identityFlags
	Channel    string `required:"" help:"${help_consentadd_channel}"`
	Purpose    string `default:"communication politique" help:"${help_consentadd_purpose}"`
	Controller string `help:"${help_consentadd_controller}"`
	GivenOn    string `name:"given-on" help:"${help_consentadd_givenon}"`
	Source     string `help:"${help_consentadd_source}"`
	Proof      string `help:"${help_consentadd_proof}"`
	Expires    string `help:"${help_consentadd_expires}"`
	Occasional bool   `help:"${help_consentadd_occasional}"`
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
	fmt.Fprintln(e.stdout, e.p.T("cli.consent.recorded"))
	return nil
}

type consentWithdrawCmd struct {
	identityFlags
	Date string `help:"${help_consentwithdraw_date}"`
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
	fmt.Fprintln(e.stdout, e.p.T("cli.consent.withdrawn", "Count", n, "Date", i18n.Day(date)))
	return nil
}
