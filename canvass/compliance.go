package canvass

import (
	"context"
	"io"
	"path/filepath"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data"
	"github.com/campagne-fr/porteaporte/data/audit"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// AuditCheck is what verifying the audit trail found.
type AuditCheck = data.AuditCheck

// VerifyAudit recomputes the audit trail's hash chain and reports the first broken entry. It
// detects an entry edited, deleted or inserted by hand, and the last entries cut off; it cannot
// detect a trail rewritten whole by someone with write access to the file, unless the LastHash
// it reports was kept elsewhere and no longer appears.
func (c *Campaign) VerifyAudit(ctx context.Context) (AuditCheck, error) {
	ctx, err := c.allowAny(ctx, policy.ReadAudit)
	if err != nil {
		return AuditCheck{}, err
	}
	return c.store.VerifyAudit(ctx)
}

// RetentionWarning is the warning every command prints once the campaign's end date is past and
// its personal data is still in the file; "" otherwise, and when there is no campaign yet or the
// file cannot be read (the command itself will say why).
func (c *Campaign) RetentionWarning(ctx context.Context) i18n.Message {
	s, err := c.store.Settings(ctx)
	if err != nil || !policy.Ended(s.EndDate, c.Today()) {
		return i18n.Message{}
	}
	n, err := c.store.Counts(ctx)
	if err != nil || n.Voters+n.Consents+n.Plans == 0 {
		return i18n.Message{}
	}
	return i18n.Msg("domain.retention.ended", "Date", i18n.Day(s.EndDate))
}

// PurgeOptions are the purge's choices.
type PurgeOptions struct {
	Force bool // purge even though the campaign has not ended
	// Confirm, if not nil, is asked once the purge is allowed and before anything is deleted, with
	// the campaign's name; an error from it cancels the purge.
	Confirm func(campaign string) error
}

// PurgeReport is what a purge deleted and kept.
type PurgeReport struct {
	data.PurgeCounts
	Early          bool `json:"early"`           // purged before the end date, with Force
	OppositionKept int  `json:"opposition_kept"` // objections kept for later campaigns (rule 4)
	AuditEntries   int  `json:"audit_entries"`   // entries of the trail, the purge's own included
}

// Purge deletes the campaign's personal data for good: voters and where they live, contacts and
// consents, plans with their turfs and outcomes. It keeps the opposition list (rule 4), the audit
// trail, the settings and the public data (addresses, areas, results), records itself in the trail
// with its counts, and compacts the file so the deleted rows leave it. Before the end date it is
// refused unless opt.Force.
func (c *Campaign) Purge(ctx context.Context, opt PurgeOptions) (PurgeReport, error) {
	ctx, err := c.allowAny(ctx, policy.Purge)
	if err != nil {
		return PurgeReport{}, err
	}
	var rep PurgeReport
	s, err := c.store.Settings(ctx)
	if err != nil {
		return rep, err
	}
	if rep.Early, err = policy.MayPurge(s.EndDate, c.Today(), opt.Force); err != nil {
		return rep, err
	}
	if opt.Confirm != nil {
		if err := opt.Confirm(s.Name); err != nil {
			return rep, err
		}
	}
	rep.PurgeCounts, err = c.store.Purge(ctx, audit.Purge{On: c.Today(), End: s.EndDate, Early: rep.Early})
	if err != nil {
		return rep, err
	}
	counts, err := c.store.Counts(ctx)
	if err != nil {
		return rep, err
	}
	rep.OppositionKept = counts.Opposition
	chk, err := c.store.VerifyAudit(ctx)
	rep.AuditEntries = chk.Entries
	return rep, err
}

// oppositionHeader is the header of an opposition file as `canvass import opposition` reads it.
var oppositionHeader = []string{"portee", "nom_naissance", "prenoms", "date_naissance", "numero", "voie",
	"code_postal", "motif", "date"}

// ExportOpposition writes the opposition list to path (0600, replacing any file there: it names
// people) as the CSV `canvass import opposition` reads, so that it can be carried into the next
// campaign's file (rule 4). Cells a spreadsheet would run are neutralized like in every CSV
// written, and the importer reads them back as they were. The export is recorded in the audit
// trail in the same transaction. It returns the number of objections written.
func (c *Campaign) ExportOpposition(ctx context.Context, path string) (int, error) {
	ctx, err := c.allowAny(ctx, policy.ExportObjections)
	if err != nil {
		return 0, err
	}
	list, err := c.store.Oppositions(ctx)
	if err != nil {
		return 0, err
	}
	rows := [][]string{oppositionHeader}
	for _, o := range list {
		scope := "personne"
		if o.Scope == data.ScopeAddress {
			scope = "adresse"
		}
		rows = append(rows, []string{scope, o.Who.BirthName, o.Who.GivenNames, listDate(o.Who.BirthDate), o.Who.Number,
			o.Who.Street, o.Who.Postcode, o.Reason, o.RecordedOn})
	}
	file := export.File{Name: filepath.Base(path), Write: func(w io.Writer) error { return export.WriteTable(w, rows) }}
	_, err = c.writeAudited(ctx, filepath.Dir(path), []export.File{file},
		audit.OppositionExport{File: filepath.Base(path), Records: len(list)})
	if err != nil {
		return 0, i18n.Msg("domain.opposition.export", "Path", path, "Err", err)
	}
	return len(list), nil
}

// listDate writes a stored birth date (YYYY-MM-DD, YYYY-MM or YYYY) the way the electoral list
// does, dd/mm/yyyy with 00 for an unknown day, which every importer reads back the same.
func listDate(d string) string {
	p := strings.Split(d, "-")
	switch len(p) {
	case 3:
		return p[2] + "/" + p[1] + "/" + p[0]
	case 2:
		return "00/" + p[1] + "/" + p[0]
	}
	return d
}
