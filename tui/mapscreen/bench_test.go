package mapscreen

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/campaigntest"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// stored serves one map and one plan read beforehand, so that frames measure the screen only.
type stored struct {
	data canvass.MapData
	plan canvass.Plan
}

func (s stored) MapData(context.Context, string, string) (canvass.MapData, error) { return s.data, nil }
func (s stored) MapTile(context.Context, string, string, string) ([]canvass.MapPoint, error) {
	return nil, nil
}
func (s stored) Plans(context.Context) ([]canvass.PlanSummary, error) {
	return []canvass.PlanSummary{{Name: s.plan.Name, Turfs: len(s.plan.Turfs)}}, nil
}
func (s stored) Plan(context.Context, string) (canvass.Plan, error)         { return s.plan, nil }
func (s stored) Areas(context.Context, string) ([]canvass.AreaStats, error) { return nil, nil }

// BenchmarkMapFrame measures a frame of the Map screen at 200×60 on the 12,698 addresses and
// 80 quartiers of Paris 20e with a plan of the Père-Lachaise quartier in turfs of 100 doors
// (the target: under 16 ms): "pan" is a pan (right, then back left, so that the map
// stays in view) and the map drawn again, "turf" the next turf selected, which recolours every
// door and redraws.
//
//	go test ./tui/mapscreen -run '^$' -bench MapFrame -benchtime 100x
func BenchmarkMapFrame(b *testing.B) {
	camp := campaigntest.Paris20e(b)
	ctx := context.Background()
	data, err := camp.MapData(ctx, "neighborhood", "quartiers")
	if err != nil {
		b.Fatal(err)
	}
	plan, err := camp.BuildPlan(ctx, canvass.PlanRequest{Name: "79", Level: "neighborhood", Layer: "quartiers",
		Areas: []string{"79"}, Measure: turf.Doors, Target: 100})
	if err != nil {
		b.Fatal(err)
	}
	m := New(common.New(ctx, common.NewStyles(colorprofile.TrueColor), nil), stored{data, plan}, nil)
	m.SetSize(200, 60)
	h := tuitest.New(b, func(msg tea.Msg) tea.Cmd { _, cmd := m.Update(msg); return cmd })
	h.Run(m.Enter())
	h.Until("the map", func() bool { return m.hasData && len(m.plans) == 1 })
	h.Press("p")
	h.Until("the plan", func() bool { return len(m.turfs) > 1 })
	for _, c := range []struct {
		name string
		keys []string
	}{{"pan", []string{"l", "h"}}, {"turf", []string{"]"}}} {
		b.Run(c.name, func(b *testing.B) {
			i := 0
			for b.Loop() {
				m.Update(tuitest.Key(c.keys[i%len(c.keys)]))
				i++
				if m.View() == "" {
					b.Fatal("nothing drawn")
				}
			}
		})
	}
}

// BenchmarkScaleMap opens the Map screen on the campaign of SCALE_DB (see .ci/bench-scale), its
// geography up to date: "open" is the time until the map is drawn (its points then load by tile,
// in the background); "pan" and "turf-less redraw" are frames once every tile is in.
//
//	SCALE_DB=... go test ./tui/mapscreen -run '^$' -bench ScaleMap -benchtime 20x
func BenchmarkScaleMap(b *testing.B) {
	camp := campaigntest.Scale(b)
	ctx := context.Background()
	if _, err := camp.EnsureGeography(ctx); err != nil {
		b.Fatal(err)
	}
	open := func(b *testing.B) (*Model, *tuitest.Harness) {
		m := New(common.New(ctx, common.NewStyles(colorprofile.TrueColor), nil), camp, nil)
		m.SetSize(200, 60)
		h := tuitest.New(b, func(msg tea.Msg) tea.Cmd { _, cmd := m.Update(msg); return cmd })
		h.Run(m.readMap())
		h.Until("the map", func() bool { return m.hasData })
		if m.View() == "" {
			b.Fatal("nothing drawn")
		}
		return m, h
	}
	b.Run("open", func(b *testing.B) {
		for b.Loop() {
			open(b)
		}
	})
	m, h := open(b)
	h.Until("every tile", func() bool { return len(m.tiles) == 0 && len(m.data.Points) > 0 })
	h.Settle()
	b.Logf("%d points, %d tiles", len(m.data.Points), len(m.data.Tiles))
	b.Run("pan", func(b *testing.B) {
		keys := []string{"l", "h"}
		i := 0
		for b.Loop() {
			m.Update(tuitest.Key(keys[i%2]))
			i++
			if m.View() == "" {
				b.Fatal("nothing drawn")
			}
		}
	})
}
