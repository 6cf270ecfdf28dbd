package tuitest

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"canvass/canvass"
	"canvass/data/shared"
)

// Paris20e opens a campaign in the test's temporary folder holding the shared Paris 20e data:
// the synthetic electoral list, the BAN addresses, the 2024 results, the polling stations,
// quartiers and constituencies. The data is looked for in ../shared/data/paris-20e beside the
// module's root; the test is skipped without it. It takes several seconds: benchmarks only.
func Paris20e(tb testing.TB) *canvass.Campaign {
	tb.Helper()
	dir := shared.Path(tb, "data", "paris-20e")
	ctx := context.Background()
	camp, err := canvass.Open(filepath.Join(tb.TempDir(), "paris20e.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { camp.Close() })
	camp.SetClock(func() time.Time { return time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC) })
	if err := camp.Init(ctx, canvass.Settings{Name: "Paris 20e", ElectionType: "municipales",
		ElectionDates: []string{"2027-03-14"}, EndDate: "2027-06-30", Controller: "Comité Essai", Contact: "droits@example.org"}); err != nil {
		tb.Fatal(err)
	}
	in := func(name string) string { return filepath.Join(dir, name) }
	steps := []func() (canvass.Report, error){
		func() (canvass.Report, error) {
			return camp.ImportList(ctx, in("liste-electorale-synthetique-75120.csv.gz"), nil)
		},
		func() (canvass.Report, error) { return camp.ImportAddresses(ctx, in("adresses-75120.csv"), nil) },
		func() (canvass.Report, error) {
			return camp.ImportResults(ctx, in("resultats-europeennes-2024-bureaux-20e.csv"), canvass.ResultOptions{}, nil)
		},
	}
	for _, l := range []struct{ level, layer, file string }{
		{"neighborhood", "bureaux", "bureaux-de-vote-2024-20e.geojson"},
		{"neighborhood", "quartiers", "quartiers-administratifs-20e.geojson"},
		{"constituency", "circonscriptions", "circonscriptions-20e-depuis-bureaux.geojson"},
	} {
		steps = append(steps, func() (canvass.Report, error) {
			return camp.ImportAreas(ctx, in(l.file), canvass.AreaOptions{Level: l.level, Layer: l.layer}, nil)
		})
	}
	for _, step := range steps {
		if rep, err := step(); err != nil {
			tb.Fatalf("import %s: %v", rep.File, err)
		}
	}
	return camp
}
