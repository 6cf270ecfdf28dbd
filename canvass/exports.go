package canvass

import (
	"context"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass/export"
)

// ExportOptions choose what `canvass export` writes.
type ExportOptions struct {
	Dir     string   // output directory, created 0700 if missing
	Formats []string // of export.Formats or export.Field; empty: all of export.Formats
	Turfs   []int    // turf numbers; empty: every turf
}

// Export writes a stored plan's street lists: one file per turf and format, named after the plan
// and turf, created 0600 in the output directory, all or nothing. Each carries the information
// notice of area-level canvassing. Street lists hold streets, numbers and counts only, no voter's
// name. The export is recorded in the audit trail (plan, formats, turfs, file count). It returns
// the paths written. Field sheets (export.Field) are only written when asked for, and remembered
// (see ImportOutcomes).
func (c *Campaign) Export(ctx context.Context, planName string, opt ExportOptions) ([]string, error) {
	asked := opt.Formats
	if len(asked) == 0 {
		asked = export.Formats
	}
	formats, err := chooseFormats(asked, append(export.Formats[:len(export.Formats):len(export.Formats)], export.Field))
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(opt.Dir) == "" {
		return nil, &UsageError{Problems: []string{"--out DIR is required: where to write the files"}}
	}
	p, err := c.Plan(ctx, planName)
	if err != nil {
		return nil, err
	}
	turfs := opt.Turfs
	if len(turfs) == 0 {
		for _, t := range p.Turfs {
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
		return nil, &UsageError{Problems: []string{fmt.Sprintf("--turfs %s: plan %q has turfs 1 to %d", strings.Join(bad, ","), planName, len(p.Turfs))}}
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
	for _, pt := range chosen {
		t := exportTurf(p, pt, c.Today())
		t.Campaign, t.Fingerprint = campaign, fp
		for _, f := range formats {
			files = append(files, export.File{Name: export.FileName(p.Name, t.ID, f),
				Write: func(w io.Writer) error { return export.Write(w, f, t, notice) }})
		}
	}
	paths, err := export.WriteFiles(opt.Dir, 0o600, files)
	if err != nil {
		return paths, err
	}
	if slices.Contains(formats, export.Field) {
		if err := c.recordSheets(ctx, p, fp, chosen); err != nil {
			return paths, err
		}
	}
	return paths, c.store.AppendAudit(ctx, "export", map[string]any{"plan": p.Name, "formats": formats,
		"turfs": turfIDs(chosen), "files": len(paths)})
}

func turfIDs(ts []Turf) []int {
	ids := make([]int, len(ts))
	for i, t := range ts {
		ids[i] = t.ID
	}
	return ids
}

// exportTurf is a stored turf as the writers take it.
func exportTurf(p Plan, t Turf, today string) export.Turf {
	out := export.Turf{Plan: p.Name, ID: t.ID, Volunteer: t.Volunteer, Date: t.Date, Doors: t.Doors, Voters: t.Voters,
		Metres: t.Metres, Minutes: t.Minutes, Generated: today, OnStreets: p.Distances == NetworkDistances, Path: t.Path}
	for _, s := range t.Stops {
		stop := export.Stop{Street: s.Street, Side: string(s.Side), From: s.From, To: s.To, Voters: s.Voters,
			FromStreet: s.FromStreet, ToStreet: s.ToStreet}
		for _, d := range s.Numbers {
			stop.Doors = append(stop.Doors, export.Door{Number: d.Number, Lon: d.Lon, Lat: d.Lat, DoNotKnock: d.DoNotKnock})
		}
		out.Stops = append(out.Stops, stop)
	}
	return out
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
		return nil, &UsageError{Problems: []string{fmt.Sprintf("--format %s: expected %s", strings.Join(unknown, ","), strings.Join(available, ", "))}}
	}
	return out, nil
}

// ExportPersonal writes a personalized visit list (the answer of PersonalList: eligible people
// only) as CSV and/or HTML, with names and addresses and nothing else, and the notice for consent
// whose source line names where the consents came from. Files are created 0600, all or nothing,
// and the export is recorded in the audit trail with counts only.
func (c *Campaign) ExportPersonal(ctx context.Context, list PersonalList, dir string, formats []string) ([]string, error) {
	formats, err := chooseFormats(formats, export.PeopleFormats)
	if err != nil {
		return nil, err
	}
	if strings.TrimSpace(dir) == "" {
		return nil, &UsageError{Problems: []string{"--out DIR is required: where to write the files"}}
	}
	if len(list.Visits) == 0 {
		return nil, &RefusedError{Reason: "the personal list is empty: nobody's consent covers a visit, so there is nothing to export"}
	}
	people := export.People{Name: list.Name, Date: list.Date, Generated: c.Today()}
	var sources []string
	for _, v := range list.Visits {
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
		files = append(files, export.File{Name: export.PeopleFileName(list.Name, f),
			Write: func(w io.Writer) error { return export.WritePeople(w, f, people, notice) }})
	}
	paths, err := export.WriteFiles(dir, 0o600, files)
	if err != nil {
		return paths, err
	}
	return paths, c.store.AppendAudit(ctx, "export.personal", map[string]any{"name": list.Name, "date": list.Date,
		"formats": formats, "people": len(people.Visits), "files": len(paths)})
}
