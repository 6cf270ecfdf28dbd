package tui

import (
	"context"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// loadedStatus is a campaign with everything loaded and 12 days left to keep its data.
func loadedStatus(context.Context) (canvass.Status, error) {
	left := 12
	st := canvass.Status{DaysLeft: &left, Campaign: &canvass.Settings{Name: "Législatives 2027 Paris 6e",
		ElectionType: "legislatives", ElectionDates: []string{"2027-06-13", "2027-06-20"}, EndDate: "2027-12-08",
		Controller: "Association de financement Essai", Contact: "droits@example.org"}}
	st.Voters, st.Addresses, st.Results, st.Consents, st.Opposition, st.Plans = 119728, 12698, 76, 310, 42, 3
	st.Areas = map[string]int{"constituency": 3, "neighborhood": 41, "street": 598}
	return st, nil
}

// endingEmptyStatus is a campaign with nothing loaded whose data may be kept 3 more days: the
// most alerts the dashboard shows at once.
func endingEmptyStatus(ctx context.Context) (canvass.Status, error) {
	st, _ := loadedStatus(ctx)
	left := 3
	st.DaysLeft, st.Counts = &left, canvass.Status{}.Counts
	return st, nil
}

// TestGolden renders the dashboard and each step of an import at 80×24 in both languages and at
// 160×48 in English, and compares them with testdata/TestGolden/<case>-<size>-<lang>.golden;
// go test -update rewrites those.
func TestGolden(t *testing.T) {
	cases := []struct {
		name  string
		setup setup
		drive func(t *testing.T, r *root)
	}{
		{"dashboard-new-campaign", setup{}, nil},
		{"dashboard-no-campaign", setup{noInit: true}, nil},
		{"dashboard-loaded", setup{status: loadedStatus}, nil},
		{"dashboard-ending-empty", setup{status: endingEmptyStatus}, nil},
		{"dashboard-keys", setup{}, func(t *testing.T, r *root) { r.h.Press("?") }},
		{"import-pick", setup{}, func(t *testing.T, r *root) { r.toImport(t) }},
		{"import-confirm-areas", setup{}, func(t *testing.T, r *root) {
			r.toImport(t)
			r.h.Press("down", "enter") // quartiers.geojson
			r.waitFor(t, "["+r.p.T("level.neighborhood")+"]")
			r.h.Press("down", "i", "r", "i", "s")
		}},
		{"import-confirm-results", setup{}, func(t *testing.T, r *root) {
			r.toImport(t)
			r.h.Press("down", "down", "enter") // resultats.csv
			r.waitFor(t, "["+r.p.T("tui.importer.kind.results")+"]")
			r.h.Press("tab")
			r.h.Type("Européennes 2024")
		}},
		{"import-running", setup{}, func(t *testing.T, r *root) {
			r.startImport(t)
			r.clock = r.clock.Add(3 * time.Second)
			r.fake.progress <- canvass.Progress{Rows: 45210, Bytes: 1_150_000, Total: 2_758_076}
			r.waitFor(t, r.p.T("tui.importer.rows", "Count", 45210))
		}},
		{"import-report", setup{}, func(t *testing.T, r *root) {
			r.startImport(t)
			rep := canvass.Report{File: "liste.csv", Kind: "list", Read: 119740, Imported: 119728, Rejected: 12,
				Replaced: 119500, Warnings: []canvass.RowError{
					{Line: 0, Reason: "read as Windows-1252, not UTF-8: check accented names"},
					{Line: 46, Field: "libellé de voie", Reason: "is empty: no street and no hamlet, the voter cannot be placed"}}}
			for i := range 12 {
				rep.Errors = append(rep.Errors, canvass.RowError{Line: 100 + 37*i, Field: "code du bureau de vote",
					Reason: "is empty: every voter must belong to a polling station"})
			}
			r.fake.outcome <- rep
			r.waitFor(t, r.p.T("tui.importer.done.imported")+" liste.csv")
		}},
	}
	for _, lang := range i18n.Langs {
		for _, c := range cases {
			c.setup.lang = lang
			r := newRoot(t, c.setup)
			if c.drive != nil {
				c.drive(t, r)
			}
			tuitest.GoldenLang(t, c.name, lang, func(cols, rows int) string {
				r.resize(cols, rows)
				return r.view()
			})
		}
	}
}
