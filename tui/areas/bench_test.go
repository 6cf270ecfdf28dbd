package areas

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"canvass/canvass"
	"canvass/tui/common"
	"canvass/tui/internal/tuitest"
)

// paris20e is the shared Paris 20e data: ../shared/data/paris-20e beside the module's root.
func paris20e(b *testing.B) string {
	dir, _ := os.Getwd()
	for ; dir != "/" && dir != "."; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
	}
	shared := filepath.Join(filepath.Dir(dir), "shared", "data", "paris-20e")
	if _, err := os.Stat(shared); err != nil {
		b.Skip("shared Paris 20e data absent: ", shared)
	}
	return shared
}

// BenchmarkTableFrame measures a frame of the Areas screen at 200×60 on the streets of Paris 20e
// (558 rows; the target: under 16 ms): the areas are read once through the domain, then
// each frame is a key handled and the screen drawn. "move" moves the cursor, "sort" re-sorts
// every row by the next column.
//
//	go test ./tui/areas -run '^$' -bench TableFrame -benchtime 200x
func BenchmarkTableFrame(b *testing.B) {
	dir := paris20e(b)
	ctx := context.Background()
	camp, err := canvass.Open(filepath.Join(b.TempDir(), "p.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer camp.Close()
	camp.SetClock(func() time.Time { return time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC) })
	if err := camp.Init(ctx, canvass.Settings{Name: "Paris 20e", ElectionType: "municipales",
		ElectionDates: []string{"2027-03-14"}, EndDate: "2027-06-30", Controller: "Comité Essai", Contact: "droits@example.org"}); err != nil {
		b.Fatal(err)
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
		func() (canvass.Report, error) {
			return camp.ImportAreas(ctx, in("bureaux-de-vote-2024-20e.geojson"), canvass.AreaOptions{Level: "neighborhood", Layer: "bureaux"}, nil)
		},
		func() (canvass.Report, error) {
			return camp.ImportAreas(ctx, in("quartiers-administratifs-20e.geojson"), canvass.AreaOptions{Level: "neighborhood", Layer: "quartiers"}, nil)
		},
	}
	for _, step := range steps {
		if _, err := step(); err != nil {
			b.Fatal(err)
		}
	}
	streets, err := camp.Areas(ctx, "street")
	if err != nil {
		b.Fatal(err)
	}
	src := &fake{areas: map[string][]canvass.AreaStats{"street": streets}}
	m := New(common.New(ctx, common.NewStyles(colorprofile.TrueColor)), src, "", "")
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
