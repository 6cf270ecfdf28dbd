package canvass

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/data/audit"
)

// ExportOptions choose what `canvass export` writes.
type ExportOptions struct {
	Dir     string   // output directory, created 0700 if missing
	Formats []string // of export.Formats or export.Field; empty: all of export.Formats
	Turfs   []int    // turf numbers; empty: every turf
	// To, when set, takes the one file asked for (one turf, one format) instead of Dir: a team
	// member over SSH gets their field sheet on their own machine (ssh HOST export ... --out -).
	To io.Writer
}

// Export writes a stored plan's street lists: one file per turf and format, named after the plan
// and turf, created 0600 in the output directory, all or nothing. Each carries the information
// notice of area-level canvassing. Street lists hold streets, numbers and counts only, no voter's
// name. The export is recorded in the audit trail (plan, formats, turfs, file count) in the same
// transaction. It returns the paths written. Field sheets (export.Field) and the day's print
// (export.Day: one document for all the turfs chosen) are only written when asked for; field
// sheets are remembered (see ImportOutcomes). A team lead or a volunteer exports only turfs of
// theirs; without --turfs, all of theirs.
func (c *Campaign) Export(ctx context.Context, planName string, opt ExportOptions) ([]string, error) {
	ctx, err := c.allowAny(ctx, policy.ExportStreets)
	if err != nil {
		return nil, err
	}
	asked := opt.Formats
	if len(asked) == 0 {
		asked = export.Formats
	}
	formats, err := chooseFormats(asked, append(export.Formats[:len(export.Formats):len(export.Formats)], export.Field, export.Day))
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(opt.Dir) == "" && opt.To == nil {
		return nil, Usage("usage.out")
	}
	p, err := c.plan(ctx, planName)
	if err != nil {
		return nil, err
	}
	turfs := opt.Turfs
	if len(turfs) == 0 {
		mine, err := c.mine(p, policy.ExportStreets) // every turf of theirs
		if _, err = c.refused(ctx, policy.ExportStreets, err); err != nil {
			return nil, err
		}
		for _, t := range mine.Turfs {
			turfs = append(turfs, t.ID)
		}
	}
	chosen := make([]Turf, 0, len(turfs))
	var bad []string
	for _, id := range turfs {
		i := slices.IndexFunc(p.Turfs, func(t Turf) bool { return t.ID == id })
		switch {
		case i < 0:
			bad = append(bad, fmt.Sprint(id))
		case !slices.ContainsFunc(chosen, func(t Turf) bool { return t.ID == id }):
			chosen = append(chosen, p.Turfs[i])
		}
	}
	if len(bad) > 0 {
		return nil, Usage("usage.export.turfs", "Turfs", strings.Join(bad, ","), "Plan", planName, "Count", len(p.Turfs))
	}
	if ctx, err = c.allow(ctx, policy.ExportStreets, p.scope(chosen...)); err != nil {
		return nil, err
	}
	notice, err := c.Notice(ctx, NoticeOptions{})
	if err != nil {
		return nil, err
	}
	campaign, fp, err := c.sheetIdentity(ctx, p)
	if err != nil {
		return nil, err
	}
	var files []export.File
	var day []export.Turf
	sheet := export.Sheet{Plan: p.Name, Generated: c.Today(), Campaign: campaign, Fingerprint: fp,
		OnStreets: p.Distances == NetworkDistances}
	for _, pt := range chosen {
		t := export.Turf{Sheet: sheet, Turf: pt}
		day = append(day, t)
		for _, f := range formats {
			if f == export.Day {
				continue // one document for every turf, below
			}
			files = append(files, export.File{Name: export.FileName(p.Name, t.ID, f),
				Write: func(w io.Writer) error { return export.Write(w, f, t, notice) }})
		}
	}
	if slices.Contains(formats, export.Day) {
		files = append(files, export.File{Name: export.DayFileName(p.Name),
			Write: func(w io.Writer) error { return export.WriteDay(w, p.Name, day, notice) }})
	}
	entry := audit.Export{Plan: p.Name, Formats: formats, Turfs: turfIDs(chosen), Files: len(files)}
	var paths []string
	if opt.To != nil {
		if len(files) != 1 {
			return nil, Usage("usage.export.one", "Count", len(files))
		}
		err = c.store.Audited(ctx, entry, func() error { return files[0].Write(opt.To) })
		paths = []string{"-"}
	} else {
		paths, err = c.writeAudited(ctx, opt.Dir, files, entry)
	}
	if err == nil && slices.Contains(formats, export.Field) {
		err = c.recordSheets(ctx, p, fp, chosen)
	}
	return paths, err
}

// writeAudited writes files into dir (0600, all or nothing) within the transaction that appends
// their audit entry: the files are there only if the entry is, and the entry only if they are.
func (c *Campaign) writeAudited(ctx context.Context, dir string, files []export.File, entry audit.Params) ([]string, error) {
	var paths []string
	err := c.store.Audited(ctx, entry, func() error {
		var err error
		paths, err = export.WriteFiles(dir, 0o600, files)
		return err
	})
	if err != nil {
		export.Remove(paths) // written, but the entry could not be committed
		return nil, err
	}
	return paths, nil
}

// MaxPlanName is the longest plan name, in characters: it names files, which systems limit.
const MaxPlanName = 64

// checkPlanName refuses a plan name too long for a file name, or one whose files would be those
// of another plan once made file-safe ("Est 2" and "est/2" both export est-2-turf-01.csv): the
// second export would overwrite the first's street lists.
func (c *Campaign) checkPlanName(ctx context.Context, name string) error {
	if n := utf8.RuneCountInString(name); n > MaxPlanName {
		return Usage("usage.plan.long", "Length", n, "Max", MaxPlanName)
	}
	plans, err := c.store.Plans(ctx)
	if err != nil {
		return err
	}
	slug := export.Slug(name)
	for _, p := range plans {
		if p.Name != name && export.Slug(p.Name) == slug {
			return Usage("usage.plan.clash", "Name", name, "Plan", p.Name, "File", export.FileName(name, 1, "csv"))
		}
	}
	return nil
}

func turfIDs(ts []Turf) []int {
	ids := make([]int, len(ts))
	for i, t := range ts {
		ids[i] = t.ID
	}
	return ids
}

// chooseFormats checks the formats asked for against those available; none asked: all.
func chooseFormats(asked, available []string) ([]string, error) {
	if len(asked) == 0 {
		return available, nil
	}
	var out, unknown []string
	for _, f := range asked {
		f = strings.ToLower(strings.TrimSpace(f))
		switch {
		case !slices.Contains(available, f):
			unknown = append(unknown, f)
		case !slices.Contains(out, f):
			out = append(out, f)
		}
	}
	if len(unknown) > 0 {
		return nil, Usage("usage.format", "Formats", strings.Join(unknown, ","), "Available", strings.Join(available, ", "))
	}
	return out, nil
}

// ExportPersonal writes a personalized visit list (the answer of PersonalList, which only the
// policy makes: eligible people only) as CSV and/or HTML, with names and addresses and nothing
// else, and the notice for consent whose source line names where the consents came from. Files are created 0600, all or nothing,
// and the export is recorded in the audit trail with counts only, in the same transaction.
func (c *Campaign) ExportPersonal(ctx context.Context, list PersonalList, dir string, formats []string) ([]string, error) {
	ctx, err := c.allowAny(ctx, policy.PersonalLists)
	if err != nil {
		return nil, err
	}
	formats, err = chooseFormats(formats, export.PeopleFormats)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(dir) == "" {
		return nil, Usage("usage.out")
	}
	visits := list.Visits()
	if len(visits) == 0 {
		return nil, policy.Refuse(2, "domain.personal.empty")
	}
	people := export.People{Name: list.Name(), Date: list.Date(), Generated: c.Today()}
	var sources []string
	for _, v := range visits {
		p := v.Person.Identity
		people.Visits = append(people.Visits, export.Visitor{BirthName: p.BirthName, GivenNames: p.GivenNames,
			Number: p.Number, Street: p.Street, Postcode: p.Postcode, Occasional: v.Occasional})
		sources = append(sources, v.Source)
	}
	notice, err := c.Notice(ctx, NoticeOptions{Personal: true, Sources: sources})
	if err != nil {
		return nil, err
	}
	var files []export.File
	for _, f := range formats {
		files = append(files, export.File{Name: export.PeopleFileName(list.Name(), f),
			Write: func(w io.Writer) error { return export.WritePeople(w, f, people, notice) }})
	}
	return c.writeAudited(ctx, dir, files, audit.ExportPersonal{Name: list.Name(), Date: list.Date(),
		Formats: formats, People: len(people.Visits), Files: len(files)})
}
