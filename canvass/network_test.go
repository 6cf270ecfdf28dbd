package canvass_test

import (
	"context"
	"encoding/json"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/campaigntest"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data/shared"
	"github.com/campagne-fr/porteaporte/geo"
	"github.com/campagne-fr/porteaporte/internal/cputime"
)

// TestPlanOnStreetsParis20e builds the plan of constituency 75-15 before and after the street
// network of the 20e is imported: in straight lines first, then walked along the streets, with the
// JSON contract of `canvass plan --json` kept and the path added.
func TestPlanOnStreetsParis20e(t *testing.T) {
	camp := paris20e(t)
	ctx := context.Background()
	req := canvass.PlanRequest{Name: "75-15", Level: "constituency", Areas: []string{"7515"}, Measure: turf.Doors, Target: 150}
	straight, err := camp.BuildPlan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if straight.Distances != canvass.StraightDistances || straight.Turfs[0].Path != nil {
		t.Errorf("without streets: distances %q, path %d points; want straight and none", straight.Distances, len(straight.Turfs[0].Path))
	}
	campaigntest.Streets20e(t, camp)
	plan, err := camp.BuildPlan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	if plan.Distances != canvass.NetworkDistances {
		t.Fatalf("distances %q, want network", plan.Distances)
	}
	if plan.Metrics.Reentered != 0 {
		t.Errorf("%d street–turf pairs entered more than twice", plan.Metrics.Reentered)
	}
	doors := func(p canvass.Plan) map[orb.Point]int {
		seen := map[orb.Point]int{}
		for _, tf := range p.Turfs {
			for _, s := range tf.Stops {
				for _, d := range s.Numbers {
					seen[orb.Point{d.Lon, d.Lat}]++
				}
			}
		}
		return seen
	}
	want, got := doors(straight), doors(plan)
	if len(got) != len(want) {
		t.Errorf("%d addresses in the walks on the streets, %d in straight lines", len(got), len(want))
	}
	for p, n := range got {
		if n != want[p] {
			t.Fatalf("address at %v in %d turfs on the streets, %d in straight lines", p, n, want[p])
		}
	}
	crossed := 0
	for _, tf := range plan.Turfs {
		first := tf.Stops[0].Numbers[0]
		last := tf.Stops[len(tf.Stops)-1].Numbers[len(tf.Stops[len(tf.Stops)-1].Numbers)-1]
		proj := geo.NewProjection(orb.Point{first.Lon, first.Lat})
		if len(tf.Path) < 2 {
			t.Fatalf("turf %d: path of %d points", tf.ID, len(tf.Path))
		}
		length := 0.0
		for i := 1; i < len(tf.Path); i++ {
			length += proj.Distance(tf.Path[i-1], tf.Path[i])
		}
		if math.Abs(length-tf.Metres) > 0.01*tf.Metres+1 {
			t.Errorf("turf %d: path %.0f m long, turf %.0f m", tf.ID, length, tf.Metres)
		}
		// The path runs on the street in front of the first and last doors (BAN points stand on
		// their parcel, a few tens of metres from the centre line).
		if d := proj.Distance(tf.Path[0], orb.Point{first.Lon, first.Lat}); d > 100 {
			t.Errorf("turf %d: the path starts %.0f m from the first door", tf.ID, d)
		}
		if d := proj.Distance(tf.Path[len(tf.Path)-1], orb.Point{last.Lon, last.Lat}); d > 100 {
			t.Errorf("turf %d: the path ends %.0f m from the last door", tf.ID, d)
		}
		for _, s := range tf.Stops {
			if s.FromStreet != "" && s.ToStreet != "" {
				crossed++
			}
		}
	}
	if crossed == 0 {
		t.Error("no stop says between which streets it runs")
	}
	if m, err := camp.MapData(ctx, "neighborhood", ""); err != nil || len(m.Network) != 1730 {
		t.Errorf("the map draws %d segments of the network (%v), want 1730", len(m.Network), err)
	}

	stored, err := camp.Plan(ctx, "75-15")
	if err != nil {
		t.Fatal(err)
	}
	if stored.Distances != canvass.NetworkDistances || len(stored.Turfs[3].Path) != len(plan.Turfs[3].Path) ||
		stored.Turfs[3].Stops[0].FromStreet != plan.Turfs[3].Stops[0].FromStreet {
		t.Error("the stored plan lost its distances, paths or cross streets")
	}
	body, err := json.Marshal(stored)
	if err != nil {
		t.Fatal(err)
	}
	var contract struct {
		Distances string `json:"distances"`
		Turfs     []struct {
			Path  [][2]float64 `json:"path"`
			Stops []struct {
				StreetID string `json:"street_id"`
				Street   string `json:"street"`
				Side     string `json:"side"`
				Numbers  []struct {
					Number string  `json:"number"`
					Lon    float64 `json:"lon"`
				} `json:"numbers"`
			} `json:"stops"`
		} `json:"turfs"`
	}
	if err := json.Unmarshal(body, &contract); err != nil {
		t.Fatal(err)
	}
	s := contract.Turfs[0].Stops[0]
	if contract.Distances != "network" || len(contract.Turfs[0].Path) < 2 || s.StreetID == "" || s.Street == "" || s.Side == "" ||
		s.Numbers[0].Number == "" || s.Numbers[0].Lon == 0 {
		t.Errorf("the JSON does not keep the plan's contract: %.300s", body)
	}
}

// TestImportStreetsPlacesAddresses: importing the network says how the addresses found their street.
func TestImportStreetsPlacesAddresses(t *testing.T) {
	camp := paris20e(t)
	path := shared.Path(t, "data", "paris-20e", "voies-20e.geojson")
	rep, err := camp.ImportStreets(context.Background(), path, canvass.StreetOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	last := rep.Warnings[len(rep.Warnings)-1].Reason
	if !strings.HasPrefix(last, "12697 of 12698 addresses on a segment of their own street (found by name), 1 on the nearest") {
		t.Errorf("placement notice %q", last)
	}
}

// BenchmarkParis builds a plan of the 11e arrondissement at 150 doors per turf in a campaign of
// all the addresses of Paris, in straight lines, then imports the street network of all of Paris
// and builds the plan again, walked along the streets.
func BenchmarkParis(b *testing.B) {
	camp := campaigntest.Paris(b)
	ctx := context.Background()
	plan := func(b *testing.B) {
		var p canvass.Plan
		used := cputime.Used()
		for range b.N {
			var err error
			if p, err = camp.BuildPlan(ctx, canvass.PlanRequest{Name: "11e", Level: "neighborhood", Layer: "arrondissements",
				Areas: []string{"11"}, Measure: turf.Doors, Target: 150}); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64((cputime.Used()-used).Milliseconds())/float64(b.N), "cpu-ms/op")
		doors := 0
		for _, t := range p.Turfs {
			doors += t.Doors
		}
		b.ReportMetric(float64(doors), "doors")
		b.ReportMetric(float64(len(p.Turfs)), "turfs")
		b.ReportMetric(p.Metrics.MetresPerDoor, "m/door")
		b.ReportMetric(100*p.Metrics.CV, "%cv")
		b.ReportMetric(100*p.Metrics.MaxDeviation, "%maxdev")
		b.ReportMetric(float64(p.Metrics.Reentered), "reentered")
	}
	b.Run("plan-11e-straight", plan)
	voies := shared.Path(b, "data", "paris", "voies-paris.geojson")
	b.Run("import-streets", func(b *testing.B) {
		used := cputime.Used()
		for range b.N {
			if _, err := camp.ImportStreets(ctx, voies, canvass.StreetOptions{}, nil); err != nil {
				b.Fatal(err)
			}
		}
		b.ReportMetric(float64((cputime.Used()-used).Milliseconds())/float64(b.N), "cpu-ms/op")
	})
	b.Run("plan-11e-network", plan)
}

// TestMapTurfsFollowPaths: a map draws a turf's route along its path on a street network, and
// through its doors in order otherwise.
func TestMapTurfsFollowPaths(t *testing.T) {
	doors := []canvass.StopDoor{{Number: "1", Lon: 2.40, Lat: 48.85}, {Number: "3", Lon: 2.41, Lat: 48.86}}
	path := orb.LineString{{2.40, 48.85}, {2.40, 48.86}, {2.41, 48.86}}
	p := canvass.Plan{Distances: canvass.NetworkDistances, Turfs: []canvass.Turf{{ID: 1, Path: path,
		Stops: []canvass.Stop{{Numbers: doors}}}}}
	if got := p.MapTurfs()[0]; len(got.Route) != 3 || got.Route[1] != path[1] || len(got.Doors) != 2 {
		t.Errorf("on the streets: route %v, doors %v; want the path and the two doors", got.Route, got.Doors)
	}
	p.Distances, p.Turfs[0].Path = canvass.StraightDistances, nil
	if got := p.MapTurfs()[0]; len(got.Route) != 2 || got.Route[1] != (orb.Point{2.41, 48.86}) {
		t.Errorf("in straight lines: route %v, want the doors in order", got.Route)
	}
}
