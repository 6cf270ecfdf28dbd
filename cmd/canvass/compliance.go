package main

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
)

type auditCmd struct {
	List   auditListCmd   `cmd:"" default:"withargs" help:"${help_audit_list}"`
	Verify auditVerifyCmd `cmd:"" help:"${help_audit_verify}"`
}

type auditListCmd struct {
	JSON bool `help:"${help_auditlist_json}"`
}

func (c *auditListCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	trail, err := camp.AuditTrail(e.ctx)
	if err != nil {
		return err
	}
	if c.JSON {
		if trail == nil {
			trail = []canvass.AuditEntry{}
		}
		return e.printJSON(trail)
	}
	if len(trail) == 0 {
		fmt.Fprintln(e.stdout, "The audit trail is empty.")
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, "#\tTIME (UTC)\tBY\tOPERATION\tPARAMETERS")
	for _, a := range trail {
		params, _ := json.Marshal(a.Params) // keys sorted: the same entry prints the same way
		by := a.Actor
		if by == "" {
			by = "-" // on the file's own machine
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", a.ID, a.At.UTC().Format(time.DateTime), by, a.Operation, params)
	}
	return w.Flush()
}

type auditVerifyCmd struct {
	JSON bool `help:"${help_auditverify_json}"`
}

// Help says what the check can and cannot show.
func (c *auditVerifyCmd) Help() string {
	return "Each entry carries the hash of the one before it, and the file keeps the count of entries ever " +
		"appended and the last hash. An entry edited, deleted or inserted by hand, or the last entries cut off, " +
		"break the chain. Someone with write access to the file can still rewrite the whole trail consistently: " +
		"keep the last hash printed here somewhere else (a printed register, an e-mail) to detect that too."
}

func (c *auditVerifyCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	chk, err := camp.VerifyAudit(e.ctx)
	if err != nil {
		return err
	}
	if c.JSON {
		if err := e.printJSON(chk); err != nil {
			return err
		}
	} else if chk.Intact {
		fmt.Fprintf(e.stdout, "%d entries, chain intact (last hash %s)\n", chk.Entries, chk.LastHash)
	}
	if !chk.Intact {
		return fmt.Errorf("audit trail broken at entry %d: %s", chk.BrokenAt, chk.Problem)
	}
	return nil
}

type registerCmd struct {
	HTML bool   `help:"${help_register_html}"`
	Out  string `help:"${help_register_out}" placeholder:"FILE"`
}

func (c *registerCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	reg, err := camp.Register(e.ctx)
	if err != nil {
		return err
	}
	write := reg.WriteMarkdown
	if c.HTML {
		write = reg.WriteHTML
	}
	if c.Out == "" {
		return write(e.stdout)
	}
	// The register names the volunteers: owner-only, like every file of the campaign, even where
	// a file readable by others was there before.
	if err := export.WriteFile(c.Out, 0o600, write); err != nil {
		return fmt.Errorf("write the register to %s: %w", c.Out, err)
	}
	fmt.Fprintf(e.stdout, "Register of processing activities written to %s (%d activities).\n", c.Out, len(reg.Activities))
	return nil
}

type purgeCmd struct {
	Yes   bool `help:"${help_purge_yes}"`
	Force bool `help:"${help_purge_force}"`
	JSON  bool `help:"${help_purge_json}"`
}

// Help says what is deleted and what is kept, and why.
func (c *purgeCmd) Help() string {
	return "Deletes the voters and their address matches, the contacts and their consents, the plans with their " +
		"turfs and outcomes, then rebuilds the file (VACUUM) so that the deleted rows are gone from its bytes. " +
		"Keeps the opposition list (objections are permanent; carry it to the next campaign with opposition " +
		"export), the audit trail (the purge is recorded in it), the campaign's settings and the public data: " +
		"BAN addresses, area layers, results. Refused before the campaign's end date unless --force. Asks for " +
		"the campaign's name on a terminal; scripts pass --yes."
}

func (c *purgeCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	rep, err := camp.Purge(e.ctx, canvass.PurgeOptions{Force: c.Force, Confirm: func(name string) error {
		if c.Yes {
			return nil
		}
		if !isTerminal(e.stdin) {
			return &canvass.UsageError{Problems: []string{"the purge deletes the campaign's personal data for good; " +
				"without a terminal to confirm on, pass --yes"}}
		}
		return confirmName(e.stdin, e.stderr, name)
	}})
	if err != nil {
		return err
	}
	if c.JSON {
		return e.printJSON(rep)
	}
	w := e.stdout
	if rep.Early {
		fmt.Fprintln(w, "Purged before the campaign's end date (--force).")
	}
	fmt.Fprintf(w, "Deleted: %d voters (with %d address matches), %d contacts with %d consents, %d plans (%d turfs, %d street outcomes).\n",
		rep.Voters, rep.VoterAddresses, rep.Contacts, rep.Consents, rep.Plans, rep.Turfs, rep.Outcomes)
	fmt.Fprintf(w, "Kept: the opposition list (%d objections, for later campaigns), the audit trail (%d entries, this purge included), "+
		"the campaign's settings and the public data (addresses, areas, results).\n", rep.OppositionKept, rep.AuditEntries)
	fmt.Fprintf(w, "The file %s was compacted: the deleted rows are gone from it.\n", camp.Path())
	return nil
}

// confirmName asks for the campaign's name to be typed, as a guard against purging by mistake.
func confirmName(in io.Reader, out io.Writer, name string) error {
	fmt.Fprintf(out, "The purge deletes every voter, contact, consent and plan of this campaign for good.\n"+
		"Type the campaign's name (%s) to confirm: ", name)
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && line == "" {
		return errors.New("purge cancelled: no confirmation")
	}
	if strings.TrimSpace(line) != name {
		return errors.New("purge cancelled: the name typed is not the campaign's; nothing was deleted")
	}
	return nil
}

type oppositionCmd struct {
	Add    oppositionAddCmd    `cmd:"" help:"${help_opposition_add}"`
	Export oppositionExportCmd `cmd:"" help:"${help_opposition_export}"`
}

type oppositionExportCmd struct {
	Out string `required:"" help:"${help_oppositionexport_out}" placeholder:"FILE"`
}

func (c *oppositionExportCmd) Run(e *env) error {
	camp, err := e.open()
	if err != nil {
		return err
	}
	defer camp.Close()
	n, err := camp.ExportOpposition(e.ctx, c.Out)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%d objections written to %s; import them into the next campaign with `canvass import opposition %s`.\n", n, c.Out, c.Out)
	return nil
}

// retentionExempt are the commands that never warn about retention: they are how the campaign
// accounts for its data and purges it.
var retentionExempt = map[string]bool{"audit": true, "register": true, "purge": true}

// retentionWarning is the retention warning for a command on the campaign file db, or "". It
// never creates the file, and says nothing when it cannot read it: the command will.
func retentionWarning(ctx context.Context, command, db string) string {
	if retentionExempt[strings.Fields(command + " x")[0]] {
		return ""
	}
	if _, err := os.Stat(db); err != nil {
		return ""
	}
	camp, err := canvass.Open(db)
	if err != nil {
		return ""
	}
	defer camp.Close()
	return camp.RetentionWarning(ctx)
}
