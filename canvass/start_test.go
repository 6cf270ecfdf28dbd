package canvass_test

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/demo"
	"github.com/campagne-fr/porteaporte/canvass/turf"
)

// demoCampaign is the demo town (seed 1) in a campaign file of the test's own.
func demoCampaign(t *testing.T) *canvass.Campaign {
	t.Helper()
	camp, err := canvass.Create(filepath.Join(t.TempDir(), "demo.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { camp.Close() })
	if err := demo.Build(context.Background(), camp, t.TempDir(), 1, nil); err != nil {
		t.Fatal(err)
	}
	return camp
}

// charmes2 is 2 Allée des Charmes in the demo's BAN (seed 1).
var charmes2 = orb.Point{2.551521, 46.807564}

func TestResolveStart(t *testing.T) {
	camp := demoCampaign(t)
	ctx := context.Background()
	near := func(a, b orb.Point, metres float64) bool {
		return math.Abs(a[0]-b[0])*76000 < metres && math.Abs(a[1]-b[1])*111000 < metres
	}
	for _, c := range []struct {
		in, found string
		want      orb.Point
		within    float64 // metres
	}{
		{"2.551521,46.807564", "longitude, latitude", charmes2, 1},
		{"46.807564, 2.551521", "latitude, longitude", charmes2, 1}, // as Google Maps copies a point
		{" 46.807564 2.551521 ", "latitude, longitude", charmes2, 1},
		{"2 allée des charmes", "2 Allée des Charmes, 99500 (address)", charmes2, 1},
		{"2 ALLEE DES CHARMES", "2 Allée des Charmes, 99500 (address)", charmes2, 1},
		{"place de la mairie", "Place de la Mairie (street)", orb.Point{2.5429, 46.8124}, 150},
		{"métro Mairie", "Place de la Mairie (street)", orb.Point{2.5429, 46.8124}, 150},
	} {
		got, err := camp.ResolveStart(ctx, c.in)
		if err != nil {
			t.Errorf("ResolveStart(%q): %v", c.in, err)
			continue
		}
		if got.Found != c.found || !near(got.Point, c.want, c.within) {
			t.Errorf("ResolveStart(%q) = %v read as %q, want near %v read as %q", c.in, got.Point, got.Found, c.want, c.found)
		}
	}
	for in, wants := range map[string][]string{
		// Paris, in either order: far from Valbrune, refused with both readings.
		"48.8632, 2.3985":    {"outside the campaign's area", "swapped", "km away"},
		"2.3985,48.8632":     {"outside the campaign's area", "swapped"},
		"gare de nulle part": {"no address, street or place"},
		"12 rue introuvable": {"no address, street or place"},
		"":                   {"no start given"},
		"100.5, 200.25":      {"off the globe"},
	} {
		_, err := camp.ResolveStart(ctx, in)
		var usage *canvass.UsageError
		if !errors.As(err, &usage) {
			t.Errorf("ResolveStart(%q): got %v, want a usage error", in, err)
			continue
		}
		for _, w := range wants {
			if !strings.Contains(err.Error(), w) {
				t.Errorf("ResolveStart(%q): %q lacks %q", in, err, w)
			}
		}
	}
}

// TestStartOutsideTheCampaignLeavesTheStoredPlan builds a plan, then asks for the same name with
// a start read in the wrong order: the request is refused and the stored plan is untouched.
func TestStartOutsideTheCampaignLeavesTheStoredPlan(t *testing.T) {
	camp := demoCampaign(t)
	ctx := context.Background()
	req := canvass.PlanRequest{Name: "samedi", Level: "neighborhood", Layer: "quartiers", Areas: []string{"1"}, Measure: turf.Doors, Target: 100}
	before, err := camp.BuildPlan(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	req.Start = &orb.Point{charmes2[1], charmes2[0]} // latitude first, read as a longitude
	if _, err := camp.BuildPlan(ctx, req); err == nil || !strings.Contains(err.Error(), "outside the campaign's area") {
		t.Fatalf("a start on the other side of the globe: got %v, want a refusal", err)
	}
	after, err := camp.Plan(ctx, "samedi")
	if err != nil {
		t.Fatal(err)
	}
	if after.CreatedAt != before.CreatedAt || len(after.Turfs) != len(before.Turfs) || after.Start != nil {
		t.Errorf("the stored plan changed: %d turfs, start %v", len(after.Turfs), after.Start)
	}
}

// TestTurfCount cuts the three polling stations of highest abstention into 6 turfs, one per
// volunteer: 6 turfs whose sizes differ by at most 20% in doors or voters. In minutes, the cut
// balances the time estimated before the walks are known (see turf.Cut), so only the count is
// asked of it here.
func TestTurfCount(t *testing.T) {
	camp := demoCampaign(t)
	ctx := context.Background()
	for _, m := range []string{"doors", "voters", "minutes"} {
		p, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "samedi-" + m, Level: "neighborhood", Layer: "bureaux-de-vote",
			Rule: "top 3 by abstention", Measure: canvass.Measures[m], Count: 6})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Turfs) != 6 {
			t.Fatalf("%s: %d turfs, want 6", m, len(p.Turfs))
		}
		lo, hi := math.Inf(1), 0.0
		for _, tf := range p.Turfs {
			lo, hi = min(lo, tf.Size(m)), max(hi, tf.Size(m))
		}
		if hi > 1.2*lo && m != "minutes" {
			t.Errorf("%s: turf sizes from %.1f to %.1f, more than 20%% apart", m, lo, hi)
		}
		stored, err := camp.Plan(ctx, p.Name)
		if err != nil {
			t.Fatal(err)
		}
		if stored.Count != 6 || stored.Target != p.Target || p.Target < lo || p.Target > hi {
			t.Errorf("%s: stored count %d, target %.1f (built %.1f, turfs %.1f to %.1f)", m, stored.Count, stored.Target, p.Target, lo, hi)
		}
		rerun, err := camp.RerunPlan(ctx, p.Name)
		if err != nil || len(rerun.Turfs) != 6 {
			t.Errorf("%s: a rerun gives %d turfs (%v), want 6 again", m, len(rerun.Turfs), err)
		}
	}
}

func TestFindAndNearestAddress(t *testing.T) {
	camp := demoCampaign(t)
	ctx := context.Background()
	for _, typed := range [][3]string{{"2", "allee des charmes", ""}, {"2", "ALLEE DES CHARMES", "99500"}, {"2", "Allée des Charme", ""}} {
		a, err := camp.FindAddress(ctx, typed[0], typed[1], typed[2])
		if err != nil || a.String() != "2 Allée des Charmes, 99500" {
			t.Errorf("FindAddress%q = %v, %v", typed, a, err)
		}
	}
	for _, typed := range [][3]string{{"999", "allee des charmes", ""}, {"2", "rue introuvable", ""}, {"2", "allee des charmes", "75020"}} {
		if a, err := camp.FindAddress(ctx, typed[0], typed[1], typed[2]); err == nil {
			t.Errorf("FindAddress%q = %v, want no address", typed, a)
		}
	}
	a, err := camp.NearestAddress(ctx, orb.Point{charmes2[0] + 0.00001, charmes2[1]})
	if err != nil || a.String() != "2 Allée des Charmes, 99500" {
		t.Errorf("NearestAddress = %v, %v", a, err)
	}
}
