package main

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/campagne-fr/porteaporte/canvass"
)

// teamCmd manages the campaign team: who logs in over SSH (canvass serve), with which role.
type teamCmd struct {
	Add    teamAddCmd    `cmd:"" help:"Add a member with their SSH public key and role (organisateur, chef, benevole, referent)."`
	List   teamListCmd   `cmd:"" help:"List the team: names, roles, areas, key fingerprints."`
	Remove teamRemoveCmd `cmd:"" help:"Remove a member: their key no longer opens a session."`
	Role   teamRoleCmd   `cmd:"" help:"Change a member's role (and a team lead's --areas)."`
}

type teamAddCmd struct {
	Name    string   `arg:"" help:"The member's name: turfs assigned to this name (plan assign --volunteer) are theirs."`
	Role    string   `required:"" help:"organisateur, chef (team lead), benevole (volunteer) or referent (data officer)."`
	Key     string   `help:"Their public key, as in their ~/.ssh/id_ed25519.pub: \"ssh-ed25519 AAAA...\"." xor:"key" required:""`
	KeyFile string   `name:"key-file" help:"A file holding their public key (.pub)." xor:"key" required:"" placeholder:"FILE"`
	Areas   []string `help:"A team lead's areas, by id (see canvass areas): their plans, turfs and exports stay within them." placeholder:"ID,..."`
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
	fmt.Fprintf(e.stdout, "%s added as %s (key %s). They log in with: ssh -p PORT HOST (see canvass serve)\n", m.Name, m.Role, m.Fingerprint)
	return nil
}

type teamListCmd struct {
	JSON bool `help:"Print JSON."`
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
		fmt.Fprintln(e.stdout, "No team yet: add people with canvass team add NAME --role ROLE --key \"ssh-ed25519 ...\".")
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "NAME\tROLE\tAREAS\tKEY")
	for _, m := range team {
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", m.Name, m.Role, strings.Join(m.Areas, ","), m.Fingerprint)
	}
	return w.Flush()
}

type teamRemoveCmd struct {
	Name string `arg:"" help:"The member to remove."`
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
	fmt.Fprintf(e.stdout, "%s removed from the team: their key opens no new session.\n", c.Name)
	return nil
}

type teamRoleCmd struct {
	Name  string   `arg:"" help:"The member."`
	Role  string   `arg:"" help:"Their new role: organisateur, chef, benevole or referent."`
	Areas []string `help:"A team lead's areas, by id." placeholder:"ID,..."`
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
	fmt.Fprintf(e.stdout, "%s is now %s; a session already open keeps its role until it ends.\n", c.Name, c.Role)
	return nil
}
