package canvass_test

import (
	"context"
	"slices"
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/campaigntest"
)

// TestStationsNumberedPerCommune: three communes each number their stations from 1, as real lists
// do; every station counts its own commune's listed voters, all of them geocoded.
func TestStationsNumberedPerCommune(t *testing.T) {
	const communes = 3
	camp := campaigntest.Tiled(t, communes)
	ctx := context.Background()
	units, err := camp.Areas(ctx, "neighborhood")
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != communes*campaigntest.TiledStations {
		t.Fatalf("%d stations, want %d", len(units), communes*campaigntest.TiledStations)
	}
	seen := 0
	for k := range communes {
		for j := 1; j <= campaigntest.TiledStations; j++ {
			for _, u := range units {
				if u.ID != campaigntest.TiledStation(k, j) {
					continue
				}
				seen++
				want := campaigntest.TiledListed(k, j)
				if u.Listed == nil || *u.Listed != want || u.Voters != want {
					t.Errorf("station %s: listed %v, geocoded voters %d, want %d", u.ID, deref(u.Listed), u.Voters, want)
				}
				if u.Geocoded == nil || *u.Geocoded != 1 {
					t.Errorf("station %s: geocoded share %v, want 1", u.ID, deref(u.Geocoded))
				}
			}
		}
	}
	if seen != communes*campaigntest.TiledStations {
		t.Errorf("found %d of the stations by their codes", seen)
	}
	// Geocoding again replaces each commune's results: the same counts, nothing twice.
	rep, err := camp.Geocode(ctx)
	if err != nil {
		t.Fatal(err)
	}
	again, err := camp.Areas(ctx, "neighborhood")
	if err != nil {
		t.Fatal(err)
	}
	summary, err := camp.GeocodeSummary(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != len(units) || summary.MatchCounts != rep.MatchCounts || summary.Voters() != listedVoters(communes) ||
		summary.Addresses != rep.Addresses {
		t.Errorf("geocoded again: %d stations, report %+v, saved %+v; want %d voters", len(again), rep, summary, listedVoters(communes))
	}
	for i := range again {
		if again[i].Voters != units[i].Voters || again[i].Doors != units[i].Doors {
			t.Errorf("station %s geocoded again: %d voters, %d doors; first %d, %d", again[i].ID, again[i].Voters,
				again[i].Doors, units[i].Voters, units[i].Doors)
		}
	}
}

// listedVoters is how many voters the list of campaigntest.Tiled has.
func listedVoters(communes int) int {
	n := 0
	for k := range communes {
		for j := 1; j <= campaigntest.TiledStations; j++ {
			n += campaigntest.TiledListed(k, j)
		}
	}
	return n
}

func deref[T any](p *T) any {
	if p == nil {
		return nil
	}
	return *p
}

// TestStreetsFindTheirCommunesLine: every commune has a "Rue du Bureau 1"; each BAN street takes
// the line of its own commune's.
func TestStreetsFindTheirCommunesLine(t *testing.T) {
	const communes = 3
	camp := campaigntest.Tiled(t, communes)
	streets, err := camp.Areas(context.Background(), "street")
	if err != nil {
		t.Fatal(err)
	}
	if len(streets) != communes*campaigntest.TiledStations {
		t.Fatalf("%d streets, want %d", len(streets), communes*campaigntest.TiledStations)
	}
	for k := range communes {
		for j := 1; j <= campaigntest.TiledStations; j++ {
			i := slices.IndexFunc(streets, func(s canvass.AreaStats) bool { return s.ID == campaigntest.TiledStreet(k, j) })
			if i < 0 {
				t.Errorf("no street %s", campaigntest.TiledStreet(k, j))
			} else if got, want := streets[i].Line, campaigntest.TiledLine(k, j); got != want {
				t.Errorf("street %s drawn by line %q, want %q", streets[i].ID, got, want)
			}
		}
	}
}
