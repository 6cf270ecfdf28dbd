package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/internal/i18n"
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
		fmt.Fprintln(e.stdout, e.p.T("cli.audit.empty"))
		return nil
	}
	w := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(w, e.p.T("cli.audit.header"))
	for _, a := range trail {
		params, _ := json.Marshal(a.Params) // keys sorted: the same entry prints the same way
		by := a.Actor
		if by == "" {
			by = "-" // on the file's own machine
		}
		fmt.Fprintf(w, "%d\t%s\t%s\t%s\t%s\n", a.ID, a.At.UTC().Format(time.DateTime), by, opLabel(e.p, a.Operation), params)
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
		fmt.Fprintln(e.stdout, e.p.T("cli.audit.intact", "Count", chk.Entries, "Hash", chk.LastHash))
	}
	if !chk.Intact {
		return i18n.Msg("cli.audit.broken", "Entry", chk.BrokenAt, "Problem", chk.Reason())
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
		return i18n.Msg("cli.register.error", "Path", c.Out, "Err", err)
	}
	fmt.Fprintln(e.stdout, e.p.T("cli.register.written", "Path", c.Out, "Count", len(reg.Activities)))
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
			return canvass.Usage("cli.purge.yes")
		}
		return confirmName(e.p, e.stdin, e.stderr, name)
	}})
	if err != nil {
		return err
	}
	if c.JSON {
		return e.printJSON(rep)
	}
	w := e.stdout
	p := e.p
	if rep.Early {
		fmt.Fprintln(w, p.T("cli.purge.early"))
	}
	fmt.Fprintln(w, p.T("cli.purge.deleted", "Voters", rep.Voters, "Addresses", rep.VoterAddresses, "Contacts", rep.Contacts,
		"Consents", rep.Consents, "Plans", rep.Plans, "Turfs", rep.Turfs, "Outcomes", rep.Outcomes))
	fmt.Fprintln(w, p.T("cli.purge.kept", "Objections", rep.OppositionKept, "Entries", rep.AuditEntries))
	fmt.Fprintln(w, p.T("cli.purge.compacted", "Path", camp.Path()))
	return nil
}

// confirmName asks for the campaign's name to be typed, as a guard against purging by mistake.
func confirmName(p *i18n.Printer, in io.Reader, out io.Writer, name string) error {
	fmt.Fprint(out, p.T("cli.purge.confirm", "Name", name)+" ")
	line, err := bufio.NewReader(in).ReadString('\n')
	if err != nil && line == "" {
		return i18n.Msg("cli.purge.cancelled")
	}
	if strings.TrimSpace(line) != name {
		return i18n.Msg("cli.purge.mistyped")
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
	fmt.Fprintln(e.stdout, e.p.T("cli.opposition.exported", "Count", n, "Path", c.Out))
	return nil
}

// retentionExempt are the commands that never warn about retention: they are how the campaign
// accounts for its data and purges it.
var retentionExempt = map[string]bool{"audit": true, "register": true, "purge": true}

// retentionWarning is the retention warning for a command on the campaign file db, or nothing
// (no ID). It never creates the file, and says nothing when it cannot read it: the command will.
func retentionWarning(ctx context.Context, command, db string) i18n.Message {
	if retentionExempt[strings.Fields(command + " x")[0]] {
		return i18n.Message{}
	}
	if _, err := os.Stat(db); err != nil {
		return i18n.Message{}
	}
	camp, err := canvass.Open(db)
	if err != nil {
		return i18n.Message{}
	}
	defer camp.Close()
	return camp.RetentionWarning(ctx)
}

// opLabels name the audit trail's operations (stored as audit.Op codes) in the reader's language.
var opLabels = map[audit.Op]string{
	audit.OpInit: "cli.audit.op.init", audit.OpCampaignSet: "cli.audit.op.campaign.set", audit.OpSettings: "cli.audit.op.settings",
	audit.OpImportList: "cli.audit.op.import.list", audit.OpImportAddresses: "cli.audit.op.import.addresses",
	audit.OpImportAreas: "cli.audit.op.import.areas", audit.OpImportResults: "cli.audit.op.import.results",
	audit.OpImportConsents: "cli.audit.op.import.consents", audit.OpImportOpposition: "cli.audit.op.import.opposition",
	audit.OpImportStreets: "cli.audit.op.import.streets", audit.OpGeocode: "cli.audit.op.geocode", audit.OpPlan: "cli.audit.op.plan",
	audit.OpPlanDelete: "cli.audit.op.plan.delete", audit.OpPlanAssign: "cli.audit.op.plan.assign",
	audit.OpPlanOutcome: "cli.audit.op.plan.outcome", audit.OpPlanPersonal: "cli.audit.op.plan.personal",
	audit.OpRefusedPlan: "cli.audit.op.refused.plan", audit.OpRefusedPersonal: "cli.audit.op.refused.personal",
	audit.OpExport: "cli.audit.op.export", audit.OpExportPersonal: "cli.audit.op.export.personal",
	audit.OpOppositionAdd: "cli.audit.op.opposition.add", audit.OpOppositionExport: "cli.audit.op.opposition.export",
	audit.OpConsentAdd: "cli.audit.op.consent.add", audit.OpConsentWithdraw: "cli.audit.op.consent.withdraw",
	audit.OpPurge: "cli.audit.op.purge", audit.OpImportOutcomes: "cli.audit.op.import.outcomes",
	audit.OpTeamAdd: "cli.audit.op.team.add", audit.OpTeamRemove: "cli.audit.op.team.remove", audit.OpTeamRole: "cli.audit.op.team.role",
	audit.OpLogin: "cli.audit.op.session.login", audit.OpLogout: "cli.audit.op.session.logout",
	audit.OpCommand: "cli.audit.op.session.command", audit.OpRefusedRole: "cli.audit.op.refused.role",
	audit.OpScreen: "cli.audit.op.session.screen",
}

// opLabel is an operation of the audit trail in p's language; an operation it does not know (from
// a newer version) as it is stored.
func opLabel(p *i18n.Printer, op audit.Op) string {
	if id, ok := opLabels[op]; ok {
		return p.T(id)
	}
	return string(op)
}
