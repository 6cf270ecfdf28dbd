package mapview

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/data/shared"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// paris20e reads the layers of Paris 20e from ../shared beside the repository: the 2024 polling
// station areas, the street centre lines, and the 12,698 BAN addresses cut in file order (street
// by street) into turfs of 150 doors, the third turf highlighted and walked as the route. The
// test is skipped when the data is absent.
func paris20e(tb testing.TB) Layers {
	tb.Helper()
	data := shared.Path(tb, "data", "paris-20e")
	var l Layers
	for _, f := range readFeatures(tb, filepath.Join(data, "bureaux-de-vote-2024-20e.geojson")) {
		var rings [][][2]float64
		if err := json.Unmarshal(f.Geometry.Coordinates, &rings); err != nil || f.Geometry.Type != "Polygon" {
			tb.Fatalf("polling station %v: want a Polygon: %v", f.Properties["id_bv"], err)
		}
		var poly orb.Polygon
		for _, r := range rings {
			poly = append(poly, toPoints[orb.Ring](r))
		}
		n, _ := f.Properties["num_bureau"].(float64)
		l.Areas = append(l.Areas, Area{Shape: orb.MultiPolygon{poly}, Label: fmt.Sprint(f.Properties["id_bv"]), Colour: int(n)})
	}
	for i, f := range readFeatures(tb, filepath.Join(data, "voies-20e.geojson")) {
		var parts [][][2]float64
		var err error
		switch f.Geometry.Type {
		case "LineString":
			var one [][2]float64
			err = json.Unmarshal(f.Geometry.Coordinates, &one)
			parts = [][][2]float64{one}
		case "MultiLineString":
			err = json.Unmarshal(f.Geometry.Coordinates, &parts)
		default:
			continue // a street without geometry
		}
		if err != nil {
			tb.Fatalf("voies-20e.geojson feature %d: coordinates: %v", i, err)
		}
		for _, p := range parts {
			l.Lines = append(l.Lines, Line{Path: toPoints[orb.LineString](p)})
		}
	}
	f, err := os.Open(filepath.Join(data, "adresses-75120.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	lon, lat := slices.Index(rows[0], "lon"), slices.Index(rows[0], "lat")
	if lon < 0 || lat < 0 {
		tb.Fatal("adresses-75120.csv: no lon or lat column")
	}
	for i, row := range rows[1:] {
		x, errX := strconv.ParseFloat(row[lon], 64)
		y, errY := strconv.ParseFloat(row[lat], 64)
		if errX != nil || errY != nil {
			tb.Fatalf("adresses-75120.csv line %d: lon or lat is not a number", i+2)
		}
		turf := i/150 + 1
		l.Points = append(l.Points, Point{At: orb.Point{x, y}, Colour: turf, Highlight: turf == 3})
		if turf == 3 {
			l.Route.Path = append(l.Route.Path, orb.Point{x, y})
		}
	}
	l.Route.Stops = l.Route.Path
	return l
}

type feature struct {
	Properties map[string]any
	Geometry   struct {
		Type        string
		Coordinates json.RawMessage
	}
}

func readFeatures(tb testing.TB, path string) []feature {
	tb.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var fc struct{ Features []feature }
	if err := json.Unmarshal(b, &fc); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	return fc.Features
}

func toPoints[T ~[]orb.Point](coords [][2]float64) T {
	out := make(T, len(coords))
	for i, c := range coords {
		out[i] = c
	}
	return out
}

// TestParis20e draws the whole district: it fits the terminal, shows most of the 76 polling
// stations' names at 200×60, and pans and zooms over it.
func TestParis20e(t *testing.T) {
	l := paris20e(t)
	m := New(common.NewStyles(colorprofile.ANSI256), nil)
	m.SetSize(200, 60)
	m.SetLayers(l)
	checkFits(t, m.View(), 200, 60)
	plain := tuitest.Plain(m.View())
	named := 0
	for _, a := range l.Areas {
		if strings.Contains(plain, a.Label) {
			named++
		}
	}
	if named < 40 {
		t.Errorf("%d of %d polling stations named at 200×60", named, len(l.Areas))
	}
	for _, keys := range [][]string{{"+", "+", "+", "left"}, {"-", "-"}, {"c"}} {
		checkFits(t, press(m, keys...).View(), 200, 60)
	}
}

// benchmarkRender measures a frame of Paris 20e in colour at width×height, drawn afresh each
// time: every iteration pans, alternately left and right.
func benchmarkRender(b *testing.B, width, height int) {
	l := paris20e(b)
	m := New(common.NewStyles(colorprofile.TrueColor), nil)
	m.SetSize(width, height)
	m.SetLayers(l)
	keys := [2]tea.KeyPressMsg{tuitest.Key("left"), tuitest.Key("right")}
	bytes := 0
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m, _ = m.Update(keys[i%2])
		bytes += len(m.View())
	}
	b.ReportMetric(float64(bytes)/float64(b.N), "bytes/frame")
}

func BenchmarkRenderParis20e(b *testing.B)      { benchmarkRender(b, 200, 60) }
func BenchmarkRenderParis20e80x24(b *testing.B) { benchmarkRender(b, 80, 24) }
