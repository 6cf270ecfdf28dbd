package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/campagne-fr/porteaporte/canvass"
)

// teamCmd manages the campaign team: who logs in over SSH (canvass serve), with which role.
type teamCmd struct {
	Add    teamAddCmd    `cmd:"" help:"${help_team_add}"`
	List   teamListCmd   `cmd:"" help:"${help_team_list}"`
	Remove teamRemoveCmd `cmd:"" help:"${help_team_remove}"`
	Role   teamRoleCmd   `cmd:"" help:"${help_team_role}"`
}

type teamAddCmd struct {
	Name    string   `arg:"" help:"${help_teamadd_name}"`
	Role    string   `required:"" help:"${help_teamadd_role}"`
	Key     string   `help:"${help_teamadd_key}" xor:"key" required:""`
	KeyFile string   `name:"key-file" help:"${help_teamadd_keyfile}" xor:"key" required:"" placeholder:"FILE"`
	Areas   []string `help:"${help_teamadd_areas}" placeholder:"ID,..."`
}

func (c *teamAddCmd) Run(e *env) error {
	key := c.Key
	if c.KeyFile != "" {
		var err error
		if key, err = canvass.ReadKeyFile(c.KeyFile); err != nil {
			return err
		}
	}
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	m, err := camp.AddMember(e.ctx, canvass.TeamChange{Name: c.Name, Role: c.Role, Areas: c.Areas, Key: key})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.team.added", "Name", m.Name, "Role", m.Role, "Key", m.Fingerprint))
	return nil
}

type teamListCmd struct {
	JSON bool `help:"${help_teamlist_json}"`
}

func (c *teamListCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	team, err := camp.Team(e.ctx)
	if err != nil {
		return err
	}
	if c.JSON {
		return e.printJSON(team)
	}
	if len(team) == 0 {
		fmt.Fprintln(e.stdout, e.p.T("cli.team.none"))
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, e.p.T("cli.team.header"))
	for _, m := range team {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", m.Name, m.Role, strings.Join(m.Areas, ","), m.Fingerprint)
	}
	return w.Flush()
}

type teamRemoveCmd struct {
	Name string `arg:"" help:"${help_teamremove_name}"`
}

func (c *teamRemoveCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	if err := camp.RemoveMember(e.ctx, c.Name); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.team.removed", "Name", c.Name))
	return nil
}

type teamRoleCmd struct {
	Name  string   `arg:"" help:"${help_teamrole_name}"`
	Role  string   `arg:"" help:"${help_teamrole_role}"`
	Areas []string `help:"${help_teamrole_areas}" placeholder:"ID,..."`
}

func (c *teamRoleCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	if err := camp.SetRole(e.ctx, canvass.TeamChange{Name: c.Name, Role: c.Role, Areas: c.Areas}); err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.team.role", "Name", c.Name, "Role", c.Role))
	return nil
}
