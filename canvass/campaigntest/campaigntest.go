// Package campaigntest builds campaigns for tests, from the public data that lies beside the
// checkout. The project never copies that data.
package campaigntest

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/data/shared"
)

// Paris20e builds, in the test's temporary folder, a campaign of the shared Paris 20e files
// (../shared/data/paris-20e): the synthetic electoral list, the BAN addresses, the 2024 European
// results, and the polling-station, IRIS, quartier, constituency and street layers; its clock reads
// 2027-01-10 and its controller is "Comite Essai", as the consent file expects. The test is
// skipped without the data. It takes a few seconds.
func Paris20e(t testing.TB) *canvass.Campaign {
	t.Helper()
	dir := shared.Path(t, "data", "paris-20e")
	camp := newCampaign(t, "Paris 20e")
	ctx := context.Background()
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

// newCampaign opens a new campaign file in the test's temporary folder, closed at its end, whose
// clock reads 2027-01-10 and whose controller is "Comite Essai".
func newCampaign(t testing.TB, name string) *canvass.Campaign {
	t.Helper()
	camp, err := canvass.Create(filepath.Join(t.TempDir(), "campaign.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { camp.Close() })
	camp.SetClock(func() time.Time { return time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC) })
	if err := camp.Init(context.Background(), canvass.Settings{Name: name, ElectionType: "municipales",
		ElectionDates: []string{"2027-03-14"}, EndDate: "2027-06-30", Controller: "Comite Essai", Contact: "droits@example.org"}); err != nil {
		t.Fatal(err)
	}
	return camp
}

// Streets20e imports into camp the street network of Paris 20e (voies-20e.geojson), so that its
// plans walk along the streets. The test is skipped without the data.
func Streets20e(t testing.TB, camp *canvass.Campaign) {
	t.Helper()
	path := shared.Path(t, "data", "paris-20e", "voies-20e.geojson")
	if rep, err := camp.ImportStreets(context.Background(), path, canvass.StreetOptions{}, nil); err != nil || rep.Rejected != 0 {
		t.Fatalf("import streets: %+v, %v", rep, err)
	}
}

// Paris builds, in the test's temporary folder, a campaign of all of Paris from the shared files
// (../shared/data/paris): the 158,048 BAN addresses, the 902 polling stations, and the
// arrondissements drawn as the union of their stations (layer "arrondissements" at neighborhood
// level, coded 1 to 20), geocoded. There is no electoral list. The test is skipped without the
// data. It takes several seconds.
func Paris(t testing.TB) *canvass.Campaign {
	t.Helper()
	dir := shared.Path(t, "data", "paris")
	camp := newCampaign(t, "Paris")
	ctx := context.Background()
	stations := filepath.Join(dir, "bureaux-de-vote-2024-paris.geojson")
	arrondissements := arrondissementsOf(t, stations)
	for _, step := range []func() (canvass.Report, error){
		func() (canvass.Report, error) {
			return camp.ImportAddresses(ctx, filepath.Join(dir, "adresses-75.csv.gz"), nil)
		},
		func() (canvass.Report, error) {
			return camp.ImportAreas(ctx, stations, canvass.AreaOptions{Level: "neighborhood", Layer: "bureaux"}, nil)
		},
		func() (canvass.Report, error) {
			return camp.ImportAreas(ctx, arrondissements, canvass.AreaOptions{Level: "neighborhood", Layer: "arrondissements",
				IDField: "code", NameField: "nom"}, nil)
		},
	} {
		if rep, err := step(); err != nil || rep.Rejected != 0 {
			t.Fatalf("import %s: %d rejected, %v", rep.File, rep.Rejected, err)
		}
	}
	if _, err := camp.Geocode(ctx); err != nil {
		t.Fatal(err)
	}
	return camp
}

// arrondissementsOf writes, in a temporary folder, the arrondissements of Paris as the
// multipolygons of their polling stations.
func arrondissementsOf(t testing.TB, stations string) string {
	t.Helper()
	body, err := os.ReadFile(stations)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Features []struct {
			Properties struct {
				Arrond int `json:"num_arrond"`
			} `json:"properties"`
			Geometry struct {
				Type        string          `json:"type"`
				Coordinates json.RawMessage `json:"coordinates"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(body, &fc); err != nil {
		t.Fatal(err)
	}
	parts := map[int][]json.RawMessage{}
	for _, f := range fc.Features {
		switch f.Geometry.Type {
		case "Polygon":
			parts[f.Properties.Arrond] = append(parts[f.Properties.Arrond], f.Geometry.Coordinates)
		case "MultiPolygon":
			var polys []json.RawMessage
			if err := json.Unmarshal(f.Geometry.Coordinates, &polys); err != nil {
				t.Fatal(err)
			}
			parts[f.Properties.Arrond] = append(parts[f.Properties.Arrond], polys...)
		}
	}
	type feature struct {
		Type       string            `json:"type"`
		Properties map[string]string `json:"properties"`
		Geometry   map[string]any    `json:"geometry"`
	}
	out := struct {
		Type     string    `json:"type"`
		Features []feature `json:"features"`
	}{Type: "FeatureCollection"}
	for a := 1; a <= 20; a++ {
		out.Features = append(out.Features, feature{"Feature", map[string]string{"code": fmt.Sprint(a), "nom": fmt.Sprintf("Paris %de", a)},
			map[string]any{"type": "MultiPolygon", "coordinates": parts[a]}})
	}
	body, err = json.Marshal(out)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "arrondissements.geojson")
	if err := os.WriteFile(path, body, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
