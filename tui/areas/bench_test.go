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
