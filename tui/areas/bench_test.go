package areas

import (
	"context"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/campaigntest"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// BenchmarkTableFrame measures a frame of the Areas screen at 200×60 on the streets of Paris 20e
// (558 rows; the target: under 16 ms): the areas are read once through the domain, then
// each frame is a key handled and the screen drawn. "move" moves the cursor, "sort" re-sorts
// every row by the next column.
//
//	go test ./tui/areas -run '^$' -bench TableFrame -benchtime 200x
func BenchmarkTableFrame(b *testing.B) {
	camp := campaigntest.Paris20e(b)
	ctx := context.Background()
	streets, err := camp.Areas(ctx, "street")
	if err != nil {
		b.Fatal(err)
	}
	src := &fake{areas: map[string][]canvass.AreaStats{"street": streets}}
	m := New(common.New(ctx, common.NewStyles(colorprofile.TrueColor), nil), src, "", "")
	m.SetSize(200, 60)
	m.level = 2 // streets
	m.Update(m.Enter()().(tea.BatchMsg)[0]())
	if len(m.rows) != len(streets) || len(streets) < 500 {
		b.Fatalf("%d rows shown of %d streets", len(m.rows), len(streets))
	}
	for _, c := range []struct{ name, key string }{{"move", "down"}, {"sort", "s"}} {
		b.Run(c.name, func(b *testing.B) {
			k := tuitest.Key(c.key)
			for b.Loop() {
				m.Update(k)
				if m.View() == "" {
					b.Fatal("nothing drawn")
				}
			}
		})
	}
}

// BenchmarkScaleAreas opens the Areas screen on the campaign of SCALE_DB (see .ci/bench-scale),
// its geography up to date: "open" is the time until the constituencies are drawn, "tab-*" until
// the next level is, "move-streets" a frame on the street level once read.
//
//	SCALE_DB=... go test ./tui/areas -run '^$' -bench ScaleAreas -benchtime 5x
func BenchmarkScaleAreas(b *testing.B) {
	camp := campaigntest.Scale(b)
	ctx := context.Background()
	if _, err := camp.EnsureGeography(ctx); err != nil {
		b.Fatal(err)
	}
	open := func(b *testing.B) (*Model, *tuitest.Harness) {
		m := New(common.New(ctx, common.NewStyles(colorprofile.TrueColor), nil), camp, "", "")
		m.SetSize(200, 60)
		h := tuitest.New(b, func(msg tea.Msg) tea.Cmd { _, cmd := m.Update(msg); return cmd })
		h.Run(m.Enter())
		h.Until("the constituencies", func() bool { return !m.busy && len(m.rows) > 0 })
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
	// tab-*: the level not read yet (Tab pressed before its read in the background is over);
	// tab-ready: once the background reads are in.
	for level := 1; level < len(canvass.Levels); level++ {
		b.Run("tab-"+canvass.Levels[level], func(b *testing.B) {
			m, h := open(b)
			for b.Loop() {
				b.StopTimer()
				h.Settle()
				m.level = level - 1
				clear(m.cache)
				clear(m.tried)
				b.StartTimer()
				h.Press("tab")
				h.Until("the next level", func() bool { return !m.busy && len(m.rows) > 0 })
				if m.View() == "" {
					b.Fatal("nothing drawn")
				}
			}
			b.StopTimer()
			h.Settle()
		})
	}
	b.Run("tab-ready", func(b *testing.B) {
		m, h := open(b)
		h.Until("every level", func() bool { return len(m.cache) == len(canvass.Levels) })
		for b.Loop() {
			h.Press("tab")
			if m.busy || m.View() == "" {
				b.Fatal("a level not ready")
			}
		}
		h.Settle()
	})
	m, h := open(b)
	h.Press("tab", "tab")
	h.Until("the streets", func() bool { return !m.busy && m.level == 2 && len(m.rows) > 0 })
	b.Run("move-streets", func(b *testing.B) {
		k := tuitest.Key("down")
		for b.Loop() {
			m.Update(k)
			if m.View() == "" {
				b.Fatal("nothing drawn")
			}
		}
	})
}
