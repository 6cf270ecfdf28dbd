package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

type initCmd struct {
	Campaign      string   `required:"" help:"${help_init_campaign}"`
	Election      string   `required:"" help:"${help_init_election}"`
	ElectionDate  []string `required:"" name:"election-date" help:"${help_init_electiondate}"`
	End           string   `required:"" help:"${help_init_end}"`
	Controller    string   `required:"" help:"${help_init_controller}"`
	Contact       string   `required:"" help:"${help_init_contact}"`
	MinUnitVoters int      `name:"min-unit-voters" default:"10" help:"${help_init_minunitvoters}"`
	MinUnitReason string   `name:"min-unit-reason" help:"${help_init_minunitreason}"`
}

func (c *initCmd) Run(e *env) error {
	_, statErr := os.Stat(e.db)
	created := errors.Is(statErr, os.ErrNotExist)
	camp, err := e.create()
	if err != nil {
		return err
	}
	defer camp.Close()
	err = camp.Init(e.ctx, canvass.Settings{
		Name: c.Campaign, ElectionType: c.Election, ElectionDates: c.ElectionDate, EndDate: c.End,
		Controller: c.Controller, Contact: c.Contact, MinUnitVoters: c.MinUnitVoters, MinUnitReason: c.MinUnitReason,
	})
	if err != nil {
		if created { // a refused init leaves no campaign file behind, as a mistyped --db does not
			camp.Close()
			removeStore(e.db)
		}
		return err
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.init.done", "Name", c.Campaign, "Path", camp.Path(), "End", i18n.Day(c.End)))
	return nil
}

type campaignCmd struct {
	Set campaignSetCmd `cmd:"" help:"${help_campaign_set}"`
}

type campaignSetCmd struct {
	Controller string `help:"${help_campaignset_controller}"`
	Contact    string `help:"${help_campaignset_contact}"`
	End        string `help:"${help_campaignset_end}"`
	JSON       bool   `help:"${help_campaignset_json}"`
}

func (c *campaignSetCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	s, err := camp.SetCampaign(e.ctx, canvass.CampaignChange{Controller: c.Controller, Contact: c.Contact, EndDate: c.End,
		Lang: e.lang})
	if err != nil {
		return err
	}
	if c.JSON {
		return e.printJSON(s)
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.campaign.set", "Name", s.Name, "Controller", s.Controller, "Contact", s.Contact,
		"End", i18n.Day(s.EndDate)))
	if e.lang != "" {
		fmt.Fprintln(e.stdout, e.p.T("cli.campaign.lang"))
	}
	return nil
}

type statusCmd struct {
	JSON bool `help:"${help_status_json}"`
}

func (c *statusCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	st, err := camp.Status(e.ctx)
	if err != nil {
		return err
	}
	if c.JSON {
		return e.printJSON(st)
	}
	w, p := e.stdout, e.p
	if st.Campaign == nil {
		fmt.Fprintln(w, p.T("cli.status.none", "Path", camp.Path()))
	} else {
		s := st.Campaign
		var dates any = i18n.Day(s.ElectionDates[0])
		if len(s.ElectionDates) == 2 {
			dates = i18n.Msg("cli.status.rounds", "First", i18n.Day(s.ElectionDates[0]), "Second", i18n.Day(s.ElectionDates[1]))
		}
		fmt.Fprintln(w, p.T("cli.status.campaign", "Name", s.Name, "Election", s.ElectionType, "Dates", dates,
			"Controller", s.Controller, "Contact", s.Contact))
		fmt.Fprintln(w, p.T("cli.status.kept", "End", i18n.Day(s.EndDate), "Left", daysLeft(*st.DaysLeft)))
	}
	fmt.Fprintln(w, p.T("cli.status.people", "Voters", st.Voters, "Addresses", st.Addresses))
	switch {
	case st.Voters == 0:
	case st.GeographyStale:
		fmt.Fprintln(w, p.T("cli.status.stale"))
	default:
		fmt.Fprintln(w, p.T("cli.status.geocoded", "Geocoded", st.Geocoded,
			"Share", p.Percent(float64(st.Geocoded)/float64(st.Voters), 1), "Unmatched", st.Unmatched))
	}
	for _, l := range canvass.Levels {
		fmt.Fprintln(w, p.T("cli.status.areas", "Count", st.Areas[l], "Level", canvass.LevelName(l).In(p)))
	}
	fmt.Fprintln(w, p.T("cli.status.streets", "Count", st.Network, "Distances", distancesWords(distancesOf(st))))
	fmt.Fprintln(w, p.T("cli.status.counts", "Results", st.Results, "Consents", st.Consents, "Opposition", st.Opposition,
		"People", !st.PeopleHidden, "Plans", st.Plans))
	return nil
}

// daysLeft says how long the campaign's data is kept still.
func daysLeft(n int) i18n.Message {
	switch {
	case n < 0:
		return i18n.Msg("cli.status.ended", "Count", -n)
	case n == 0:
		return i18n.Msg("cli.status.today")
	}
	return i18n.Msg("cli.status.left", "Count", n)
}

type settingsCmd struct {
	MinUnitVoters int     `name:"min-unit-voters" help:"${help_settings_minunitvoters}"`
	MinUnitReason string  `name:"min-unit-reason" help:"${help_settings_minunitreason}"`
	WalkSpeed     float64 `name:"walk-speed" help:"${help_settings_walkspeed}"`
	PerDoor       float64 `name:"per-door" help:"${help_settings_perdoor}"`
	PerVoter      float64 `name:"per-voter" help:"${help_settings_pervoter}"`
	Sides         string  `enum:"auto,together,apart," default:"" help:"${help_settings_sides}"`
	JSON          bool    `help:"${help_settings_json}"`
}

func (c *settingsCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	s, err := camp.Configure(e.ctx, func(s *canvass.Settings) {
		if c.MinUnitVoters != 0 {
			s.MinUnitVoters = c.MinUnitVoters
		}
		if c.MinUnitReason != "" {
			s.MinUnitReason = c.MinUnitReason
		}
		if c.WalkSpeed != 0 {
			s.WalkSpeed = c.WalkSpeed
		}
		if c.PerDoor != 0 {
			s.PerDoor = c.PerDoor
		}
		if c.PerVoter != 0 {
			s.PerVoter = c.PerVoter
		}
		if c.Sides != "" {
			s.Sides = c.Sides
		}
	})
	if err != nil {
		return err
	}
	if c.JSON {
		return e.printJSON(s)
	}
	p := e.p
	fmt.Fprintln(e.stdout, p.T("cli.settings.show", "K", s.MinUnitVoters, "Speed", p.Float(s.WalkSpeed, -1),
		"Kmh", p.Float(s.WalkSpeed*60/1000, 1), "PerDoor", p.Float(s.PerDoor, -1), "PerVoter", p.Float(s.PerVoter, -1),
		"Sides", s.Sides))
	if s.MinUnitReason != "" {
		fmt.Fprintln(e.stdout, p.T("cli.settings.why", "Reason", s.MinUnitReason))
	}
	return nil
}

// distancesWords say how walks are measured, in the reader's language.
func distancesWords(distances string) i18n.Message {
	if distances == canvass.NetworkDistances {
		return i18n.Msg("cli.distances.network")
	}
	return i18n.Msg("cli.distances.straight")
}

// distancesOf is how plans built now measure walks.
func distancesOf(st canvass.Status) string {
	if st.Network > 0 {
		return canvass.NetworkDistances
	}
	return canvass.StraightDistances
}
