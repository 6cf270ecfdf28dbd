package main

import (
	"errors"
	"fmt"

	"canvass/canvass"
)

type planCmd struct {
	Name     string `required:"" help:"Name of the plan or list."`
	Personal bool   `help:"A personalized visit list (named people): only those whose consent covers a visit."`
	People   string `type:"existingfile" help:"With --personal: CSV of the people requested (birth name, given names, birth date, address)."`
	Date     string `help:"With --personal: date of the visits, YYYY-MM-DD (default: today)."`
	DryRun   bool   `name:"dry-run" help:"With --personal: decide and count, record nothing."`
	JSON     bool   `help:"Print JSON."`
}

func (c *planCmd) Run(e *env) error {
	if !c.Personal {
		return errors.New("area plans are not built yet; only --personal lists are")
	}
	if c.People == "" {
		return &canvass.UsageError{Problems: []string{"--personal needs --people FILE: the people requested"}}
	}
	people, err := canvass.ReadPeople(c.People)
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
	list, err := camp.PersonalList(e.ctx, c.Name, people, date, canvass.PersonalListOptions{DryRun: c.DryRun})
	var refused *canvass.RefusedError
	if c.JSON && (err == nil || errors.As(err, &refused)) {
		if jerr := e.printJSON(list); jerr != nil {
			return jerr
		}
		return err
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s, %s: %d of %d requested may be visited by name.\n", list.Name, list.Date, list.Eligible, len(people))
	for _, r := range canvass.Exclusions {
		if n := list.Excluded[r]; n > 0 {
			fmt.Fprintf(e.stdout, "  left out, %s: %d\n", r, n)
		}
	}
	for _, v := range list.Visits {
		p := v.Person
		fmt.Fprintf(e.stdout, "  %s %s, %s %s %s\n", p.BirthName, p.GivenNames, p.Number, p.Street, p.Postcode)
	}
	return nil
}
