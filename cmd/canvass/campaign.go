package main

import (
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass"
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
	fmt.Fprintf(e.stdout, "Campaign %q recorded in %s (data kept until %s).\n", c.Campaign, camp.Path(), c.End)
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
	fmt.Fprintf(e.stdout, "Campaign %q: controller %s, rights exercised at %s, data kept until %s. The change is in the audit trail.\n",
		s.Name, s.Controller, s.Contact, s.EndDate)
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
	w := e.stdout
	if st.Campaign == nil {
		fmt.Fprintf(w, "%s: no campaign yet. Start with `canvass init` (see `canvass init --help`).\n", camp.Path())
	} else {
		s := st.Campaign
		fmt.Fprintf(w, "Campaign    %s\nElection    %s, %s\nController  %s (rights: %s)\n",
			s.Name, s.ElectionType, strings.Join(s.ElectionDates, " and "), s.Controller, s.Contact)
		fmt.Fprintf(w, "Kept until  %s (%s)\n", s.EndDate, daysLeft(*st.DaysLeft))
	}
	fmt.Fprintf(w, "Voters      %d\nAddresses   %d\n", st.Voters, st.Addresses)
	switch {
	case st.Voters == 0:
	case st.GeographyStale:
		fmt.Fprintf(w, "Geocoded    not yet for the latest imports: run `canvass geocode`\n")
	default:
		fmt.Fprintf(w, "Geocoded    %d (%.1f%%); %d to fix: `canvass geocode --missing`\n", st.Geocoded,
			100*float64(st.Geocoded)/float64(st.Voters), st.Unmatched)
	}
	for _, l := range canvass.Levels {
		fmt.Fprintf(w, "Areas       %d at %s level\n", st.Areas[l], l)
	}
	fmt.Fprintf(w, "Streets     %d segments of street network (walks %s)\n", st.Network, canvass.DistancesShort(distancesOf(st)))
	fmt.Fprintf(w, "Results     %d polling stations\nConsents    %d\nOpposition  %d\nPlans       %d\n",
		st.Results, st.Consents, st.Opposition, st.Plans)
	return nil
}

func daysLeft(n int) string {
	switch {
	case n < 0:
		return fmt.Sprintf("ended %d days ago: purge the campaign's data with `canvass purge`", -n)
	case n == 0:
		return "ends today"
	case n == 1:
		return "1 day left"
	}
	return fmt.Sprintf("%d days left", n)
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
	fmt.Fprintf(e.stdout, "K (indicators hidden below)  %d voters\nWalking speed                %g m/min (%.1f km/h)\n"+
		"Time at a door               %g min, plus %g min per voter\nStreet sides                 %s\n",
		s.MinUnitVoters, s.WalkSpeed, s.WalkSpeed*60/1000, s.PerDoor, s.PerVoter, s.Sides)
	if s.MinUnitReason != "" {
		fmt.Fprintf(e.stdout, "%-29s%s\n", "Why K is under 10", s.MinUnitReason)
	}
	return nil
}

// distancesOf is how plans built now measure walks.
func distancesOf(st canvass.Status) string {
	if st.Network > 0 {
		return canvass.NetworkDistances
	}
	return canvass.StraightDistances
}
