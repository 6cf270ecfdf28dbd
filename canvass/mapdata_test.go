package canvass_test

import (
	"context"
	"errors"
	"testing"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass"
)

// TestMapData reads the map of the demo town (register_test.go's registerCampaign: 1,632 addresses,
// 3 quartiers, 7 polling stations, 44 streets, a plan "Tout Valbrune").
func TestMapData(t *testing.T) {
	camp := registerCampaign(t)
	ctx := context.Background()
	hoods, err := camp.Areas(ctx, "neighborhood")
	if err != nil {
		t.Fatal(err)
	}
	doors := map[string]int{} // area id -> doors, for the quartiers layer
	for _, a := range hoods {
		if a.Layer == "quartiers" {
			doors[a.ID] = a.Doors
		}
	}

	m, err := camp.MapData(ctx, "neighborhood", "quartiers")
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Layers) != 2 || m.Layers[0] != "bureaux-de-vote" || m.Layers[1] != "quartiers" {
		t.Errorf("layers %v, want the level's two in name order", m.Layers)
	}
	if len(m.Areas) != len(doors) {
		t.Fatalf("%d areas drawn, Areas lists %d in the layer", len(m.Areas), len(doors))
	}
	for _, a := range m.Areas {
		if _, ok := doors[a.ID]; !ok {
			t.Errorf("area %q is not an id Areas uses", a.ID)
		}
		if len(a.Shape) == 0 || len(a.Lines) != 0 || len(a.Shape[0][0]) < 4 {
			t.Errorf("area %s: %d polygons and %d lines, want polygons only", a.ID, len(a.Shape), len(a.Lines))
		} else if c := a.Shape.Bound().Center(); !m.Bound.Contains(c) {
			t.Errorf("area %s: centre %v outside the map's bound %v", a.ID, c, m.Bound)
		}
	}
	// The points tagged with an area are the doors Areas counts in it.
	tagged := map[string]int{}
	for _, p := range m.Points {
		tagged[p.Area]++
		if !m.Bound.Contains(orb.Point{p.Lon, p.Lat}) {
			t.Fatalf("point %v outside the bound %v", p, m.Bound)
		}
	}
	for id, n := range doors {
		if tagged[id] != n {
			t.Errorf("area %s: %d points tagged, Areas counts %d doors", id, tagged[id], n)
		}
	}
	if len(m.Points) != 1632 {
		t.Errorf("%d points, want the demo's 1,632 addresses", len(m.Points))
	}

	first, err := camp.MapData(ctx, "neighborhood", "")
	if err != nil || first.Layer != "bureaux-de-vote" {
		t.Errorf("no layer asked: drew %q (%v), want the first by name", first.Layer, err)
	}
	streets, err := camp.MapData(ctx, "street", "")
	if err != nil {
		t.Fatal(err)
	}
	if streets.Layer != "voies" || len(streets.Areas) != 44 || streets.Points[0].Area == "" {
		t.Errorf("street map: layer %q, %d streets, first point on %q; want voies, 44, its BAN street",
			streets.Layer, len(streets.Areas), streets.Points[0].Area)
	} else if a := streets.Areas[0]; len(a.Lines) == 0 || len(a.Shape) != 0 {
		t.Errorf("street %s: %d lines and %d polygons, want lines only", a.ID, len(a.Lines), len(a.Shape))
	}
	var usage *canvass.UsageError
	if _, err := camp.MapData(ctx, "neighborhood", "nope"); !errors.As(err, &usage) {
		t.Errorf("unknown layer: %v, want a usage error", err)
	}
	if _, err := camp.MapData(ctx, "county", ""); !errors.As(err, &usage) {
		t.Errorf("unknown level: %v, want a usage error", err)
	}

	t.Run("turfs", func(t *testing.T) {
		p, err := camp.Plan(ctx, "Tout Valbrune")
		if err != nil {
			t.Fatal(err)
		}
		turfs := p.MapTurfs()
		if len(turfs) != len(p.Turfs) || len(turfs) < 3 {
			t.Fatalf("%d map turfs for %d turfs", len(turfs), len(p.Turfs))
		}
		for i, mt := range turfs {
			tf := p.Turfs[i]
			if mt.ID != tf.ID || len(mt.Doors) != tf.Doors {
				t.Errorf("turf %d: map turf %d with %d doors, want %d", tf.ID, mt.ID, len(mt.Doors), tf.Doors)
			}
			first := tf.Stops[0].Numbers[0]
			last := tf.Stops[len(tf.Stops)-1].Numbers
			if mt.Doors[0] != (orb.Point{first.Lon, first.Lat}) ||
				mt.Doors[len(mt.Doors)-1] != (orb.Point{last[len(last)-1].Lon, last[len(last)-1].Lat}) {
				t.Errorf("turf %d: doors not in walking order", tf.ID)
			}
		}
	})
}
