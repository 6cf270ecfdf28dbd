package canvass_test

import (
	"context"
	"encoding/json"
	"os"
	"reflect"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/campaigntest"
	"github.com/campagne-fr/porteaporte/data/shared"
)

// paris20e builds the Paris 20e campaign (the test is skipped without ../shared).
func paris20e(tb testing.TB) *canvass.Campaign { return campaigntest.Paris20e(tb) }

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
	// The forms counted while geocoding are those read back from the store; the synthetic list
	// writes most addresses as the BAN does.
	saved, err := camp.GeocodeSummary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(saved.Forms, rep.Forms) || saved.MatchCounts != rep.MatchCounts {
		t.Errorf("geocoding counted %+v, the saved results %+v", rep.Forms, saved.Forms)
	}
	if len(rep.Forms) == 0 || rep.Forms[0].Form != canvass.StandardForm || rep.Forms[0].Voters < rep.Voters()*9/10 {
		t.Errorf("forms %+v: want most voters written as the BAN does", rep.Forms)
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
