package canvass_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"canvass/canvass"
	"canvass/data/shared"
)

// paris20e builds a campaign from the shared Paris 20e files (the test is skipped without them).
func paris20e(t testing.TB) *canvass.Campaign {
	t.Helper()
	dir := shared.Path(t, "data", "paris-20e")
	camp, err := canvass.Open(filepath.Join(t.TempDir(), "p.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { camp.Close() })
	camp.SetClock(func() time.Time { return time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC) })
	ctx := context.Background()
	if err := camp.Init(ctx, canvass.Settings{Name: "Paris 20e", ElectionType: "municipales",
		ElectionDates: []string{"2027-03-14"}, EndDate: "2027-06-30", Controller: "Comite Essai", Contact: "droits@example.org"}); err != nil {
		t.Fatal(err)
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
		{"neighborhood", "iris", "iris-20e.geojson"},
		{"neighborhood", "quartiers", "quartiers-administratifs-20e.geojson"},
		{"constituency", "circonscriptions", "circonscriptions-20e-depuis-bureaux.geojson"},
		{"street", "voies", "voies-20e.geojson"},
	} {
		steps = append(steps, func() (canvass.Report, error) {
			return camp.ImportAreas(ctx, in(l.file), canvass.AreaOptions{Level: l.level, Layer: l.layer}, nil)
		})
	}
	for _, step := range steps {
		if rep, err := step(); err != nil || rep.Rejected != 0 {
			t.Fatalf("import %s: %+v, %v", rep.File, rep.Rejected, err)
		}
	}
	return camp
}

func TestGeographyParis20e(t *testing.T) {
	camp := paris20e(t)
	ctx := context.Background()
	rep, err := camp.Geocode(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Voters() != 119728 || rep.Addresses != 12698 {
		t.Fatalf("geocoded %d voters and %d addresses", rep.Voters(), rep.Addresses)
	}
	for layer, n := range rep.Outside {
		if n != 0 {
			t.Errorf("%d addresses outside every area of %s", n, layer)
		}
	}
	// Every address in exactly one area of each polygon layer: doors add up to all addresses.
	hoods, err := camp.Areas(ctx, "neighborhood")
	if err != nil {
		t.Fatal(err)
	}
	doors := map[string]int{}
	for _, a := range hoods {
		doors[a.Layer] += a.Doors
	}
	for _, layer := range []string{"bureaux", "iris", "quartiers"} {
		if doors[layer] != 12698 {
			t.Errorf("layer %s holds %d doors, want each of the 12,698 addresses once", layer, doors[layer])
		}
	}
	// Voters per polling station equal the station's registered voters in the results.
	var want struct {
		Stations map[string]int `json:"stations"`
	}
	body, err := os.ReadFile(shared.Path(t, "data", "paris-20e", "expected-synthetique.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(body, &want); err != nil {
		t.Fatal(err)
	}
	seen := 0
	for _, a := range hoods {
		if a.Layer != "bureaux" {
			continue
		}
		seen++
		if a.Listed == nil || *a.Listed != want.Stations[a.ID] {
			t.Errorf("station %s: %v voters on the list, want %d", a.ID, a.Listed, want.Stations[a.ID])
		}
		if a.Registered == nil || int(*a.Registered+0.5) != want.Stations[a.ID] {
			t.Errorf("station %s: registered %v, want %d", a.ID, a.Registered, want.Stations[a.ID])
		}
	}
	if seen != 76 {
		t.Errorf("%d polling stations, want 76", seen)
	}
	t.Run("indicators hidden below K", func(t *testing.T) { hideIndicatorsBelowK(t, camp) })
	t.Run("BAN streets find their line in the street layer", func(t *testing.T) {
		streets, err := camp.Areas(ctx, "street")
		if err != nil {
			t.Fatal(err)
		}
		lined := 0
		for _, s := range streets {
			if s.Line != "" {
				lined++
			}
		}
		t.Logf("%d of %d BAN streets matched to a line of voies-20e", lined, len(streets))
		if lined < len(streets)*3/4 {
			t.Errorf("only %d of %d BAN streets found their line", lined, len(streets))
		}
	})
	cons, err := camp.Areas(ctx, "constituency")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range cons {
		if a.ID == "7515" && (a.Abstention == nil || *a.Abstention < 0.4305 || *a.Abstention > 0.4315) {
			t.Errorf("75-15 abstention %v, want 43.1%% (SOURCES.md)", a.Abstention)
		}
	}
}

// hideIndicatorsBelowK checks that units under K voters show counts and nothing else.
func hideIndicatorsBelowK(t *testing.T, camp *canvass.Campaign) {
	streets, err := camp.Areas(context.Background(), "street")
	if err != nil {
		t.Fatal(err)
	}
	hidden := 0
	for _, s := range streets {
		if s.Voters < 10 {
			hidden++
			if !s.Hidden || s.Abstention != nil || s.Registered != nil || s.Shares != nil {
				t.Errorf("street %s has %d voters but exposes an indicator", s.ID, s.Voters)
			}
		}
	}
	if hidden == 0 {
		t.Error("expected some streets under 10 voters in Paris 20e")
	}
}
