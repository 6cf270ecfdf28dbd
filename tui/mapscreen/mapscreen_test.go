package mapscreen

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"sync"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/areas"
	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
	"github.com/campagne-fr/porteaporte/tui/planner"
)

// The invented town, 1 km across near 48.85° N:
//
//	+---------+---------+   two quartiers side by side, "1" Ouest and "2" Est, each with a
//	| .  .  . | .  .  . |   grid of 3×3 addresses; a polling station layer "bureaux" covering
//	| .  1  . | .  2  . |   both; a plan "est" of two turfs over quartier 2, walking its
//	| .  .  . | .  .  . |   columns from the left.
//	+---------+---------+
const (
	west, east   = 2.400, 2.414
	south, north = 48.850, 48.859
)

func square(x0, y0, x1, y1 float64) orb.MultiPolygon {
	return orb.MultiPolygon{{{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}}}
}

// grid is the 3×3 addresses inside the box, tagged with area id.
func grid(x0, y0, x1, y1 float64, id string) []canvass.MapPoint {
	var out []canvass.MapPoint
	for i := 1; i <= 3; i++ {
		for j := 1; j <= 3; j++ {
			out = append(out, canvass.MapPoint{Lon: x0 + (x1-x0)*float64(i)/4, Lat: y0 + (y1-y0)*float64(j)/4, Area: id})
		}
	}
	return out
}

type fake struct {
	plans   []canvass.PlanSummary
	reads   chan string
	failOn  string        // a level whose read fails
	tiled   bool          // the map's points come by tile: one per quartier, "1" and "2"
	tileGo  chan struct{} // when set, each tile waits for a value
	mu      sync.Mutex
	near    []orb.Point // points asked the nearest door of
	objects []canvass.Opposition
}

// NearestAddress answers the door 12 Rue de l'Essai wherever the point is, and remembers the point.
func (f *fake) NearestAddress(_ context.Context, p orb.Point) (canvass.Address, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.near = append(f.near, p)
	return canvass.Address{Number: "12", Street: "Rue de l'Essai", Postcode: "75020", Lon: p[0], Lat: p[1]}, nil
}

func (f *fake) RecordOpposition(_ context.Context, o canvass.Opposition) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.objects = append(f.objects, o)
	return nil
}

func (f *fake) MapData(_ context.Context, level, layer string) (canvass.MapData, error) {
	if f.reads != nil {
		f.reads <- level + "/" + layer
	}
	if level == f.failOn {
		return canvass.MapData{}, errors.New("database is locked")
	}
	mid := (west + east) / 2
	d := canvass.MapData{Level: level, Layers: []string{"bureaux", "quartiers"},
		Bound: orb.Bound{Min: orb.Point{west, south}, Max: orb.Point{east, north}}}
	switch {
	case level != "neighborhood":
		d.Layers = nil
		if layer != "" {
			return canvass.MapData{}, canvass.Usage("usage.text", "Text", "no such layer")
		}
	case layer == "" || layer == "bureaux": // the first by name, as the domain does
		d.Layer = "bureaux"
		d.Areas = []canvass.MapArea{{ID: "0001", Name: "Mairie", Shape: square(west, south, east, north)}}
	case layer == "quartiers":
		d.Layer = "quartiers"
		d.Areas = []canvass.MapArea{{ID: "1", Name: "Ouest", Shape: square(west, south, mid, north)},
			{ID: "2", Name: "Est", Shape: square(mid, south, east, north)}}
	default:
		return canvass.MapData{}, canvass.Usage("usage.text", "Text", "no such layer")
	}
	d.Points = append(grid(west, south, mid, north, "1"), grid(mid, south, east, north, "2")...)
	if d.Layer == "bureaux" {
		for i := range d.Points {
			d.Points[i].Area = "0001"
		}
	}
	if f.tiled {
		d.Tiles = []canvass.MapTile{{Commune: "1", Addresses: 9}, {Commune: "2", Addresses: 9}}
		d.Points = nil
	}
	return d, nil
}

// MapTile gives the points of quartier 1 or 2 as tile "1" or "2", after a value of tileGo if set.
func (f *fake) MapTile(_ context.Context, level, layer, commune string) ([]canvass.MapPoint, error) {
	if f.tileGo != nil {
		<-f.tileGo
	}
	mid := (west + east) / 2
	if commune == "1" {
		return grid(west, south, mid, north, "1"), nil
	}
	return grid(mid, south, east, north, "2"), nil
}

func (f *fake) Plans(context.Context) ([]canvass.PlanSummary, error) { return f.plans, nil }

// Areas gives the quartiers' abstention: 40% in the west, 55% in the east; the station has none.
func (f *fake) Areas(_ context.Context, level string) ([]canvass.AreaStats, error) {
	west, east := 0.40, 0.55
	return []canvass.AreaStats{{ID: "1", Layer: "quartiers", Abstention: &west, Coverage: 0.1},
		{ID: "2", Layer: "quartiers", Abstention: &east, Coverage: 0.3}, {ID: "0001", Layer: "bureaux", Hidden: true}}, nil
}

// Plan "est" walks quartier 2's columns: turf 1 the left one, turf 2 the other two.
func (f *fake) Plan(_ context.Context, name string) (canvass.Plan, error) {
	pts := grid((west+east)/2, south, east, north, "2")
	stop := func(pts []canvass.MapPoint) canvass.Stop {
		s := canvass.Stop{Street: "Rue de l'Essai", Doors: len(pts)}
		for i, p := range pts {
			s.Numbers = append(s.Numbers, canvass.StopDoor{Number: fmt.Sprint(i + 1), Lon: p.Lon, Lat: p.Lat})
		}
		return s
	}
	return canvass.Plan{Name: name, Turfs: []canvass.Turf{
		{ID: 1, Doors: 3, Voters: 7, Metres: 420, Minutes: 12, Stops: []canvass.Stop{stop(pts[:3])}},
		{ID: 2, Doors: 6, Voters: 15, Metres: 1250, Minutes: 31, Stops: []canvass.Stop{stop(pts[3:6]), stop(pts[6:])}},
	}}, nil
}

type screen struct {
	*Model
	h *tuitest.Harness
}

// newScreen is the screen in English on f.
func newScreen(t *testing.T, f *fake, profile colorprofile.Profile) *screen {
	t.Helper()
	return newScreenLang(t, f, profile, i18n.New(i18n.English))
}

// newScreenLang is the screen on f in p's language.
func newScreenLang(t *testing.T, f *fake, profile colorprofile.Profile, p *i18n.Printer) *screen {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s := &screen{Model: New(common.New(ctx, common.NewStyles(profile), p), f, f)}
	s.SetSize(80, 20)
	s.h = tuitest.ForScreen(t, s.Model)
	return s
}

// enter opens the screen, as the root does, and waits for the map.
func (s *screen) enter(t *testing.T) {
	t.Helper()
	s.h.Run(s.Enter())
	s.h.Until("the map", func() bool { return s.hasData && !s.busy() })
	s.h.Settle()
}

func (s *screen) view() string { return tuitest.Plain(s.View()) }

// dots counts the braille dots drawn.
func dots(v string) int {
	n := 0
	for _, r := range v {
		if r > 0x2800 && r <= 0x28ff {
			for b := r - 0x2800; b != 0; b &= b - 1 {
				n++
			}
		}
	}
	return n
}

func TestMarksFromTheAreasScreen(t *testing.T) {
	s := newScreen(t, &fake{}, colorprofile.ASCII)
	s.h.Send(areas.MarkedMsg{To: ID, Level: "neighborhood", Layer: "quartiers", IDs: []string{"2"}})
	s.enter(t)
	v := s.view()
	if !strings.Contains(v, "neighborhood · quartiers · 2 areas · 18 addresses · 1 marked") {
		t.Errorf("the header should say what the map holds and what is marked:\n%s", v)
	}
	marked := dots(v)
	s.h.Send(areas.MarkedMsg{To: ID, Level: "neighborhood", Layer: "quartiers"})
	if unmarked := dots(s.view()); unmarked >= marked {
		t.Errorf("a marked area's doors should be drawn larger: %d dots marked, %d not", marked, unmarked)
	}
	// The Areas screen's street layer is BAN's, which has no shapes: the map takes the level's own.
	s.h.Send(areas.MarkedMsg{To: ID, Level: "street", Layer: "ban", IDs: []string{"75120_1234"}})
	s.enter(t)
	if s.err != nil || s.level != "street" {
		t.Errorf("street marks: level %q, error %v", s.level, s.err)
	}
}

func TestPlansAndTurfs(t *testing.T) {
	s := newScreen(t, &fake{plans: []canvass.PlanSummary{{Name: "est", Turfs: 2}}}, colorprofile.ASCII)
	s.enter(t)
	if !strings.Contains(s.view(), "No plan shown: p shows the stored plan.") {
		t.Fatalf("the plan line should say how to show one:\n%s", s.view())
	}
	before := s.view()
	s.h.Press("p")
	s.h.Until("the plan", func() bool { return len(s.turfs) == 2 })
	v := s.view()
	if !strings.Contains(v, "Plan est · turf 1 of 2: 3 doors, 7 voters, 12 min, 0.4 km in straight lines") {
		t.Errorf("the selected turf should be described:\n%s", v)
	}
	if v == before || !strings.Contains(v, "1") {
		t.Errorf("the route and its start should be drawn:\n%s", v)
	}
	s.h.Press("]")
	if !strings.Contains(s.view(), "turf 2 of 2: 6 doors") {
		t.Errorf("] should select the next turf:\n%s", s.view())
	}
	s.h.Press("]")
	if !strings.Contains(s.view(), "turf 1 of 2") {
		t.Errorf("] should wrap to the first turf:\n%s", s.view())
	}
	s.h.Press("[")
	if !strings.Contains(s.view(), "turf 2 of 2") {
		t.Errorf("[ should select the previous turf:\n%s", s.view())
	}
	s.h.Press("p") // past the last plan: none
	if !strings.Contains(s.view(), "No plan shown") || len(s.turfs) != 0 {
		t.Errorf("p past the last plan should hide plans:\n%s", s.view())
	}
	empty := newScreen(t, &fake{}, colorprofile.ASCII)
	empty.enter(t)
	empty.h.Press("p", "]")
	if !strings.Contains(empty.view(), "No plan yet") {
		t.Errorf("without plans, p and ] should change nothing:\n%s", empty.view())
	}
}

func TestLayersAndLevels(t *testing.T) {
	f := &fake{reads: make(chan string, 16)}
	s := newScreen(t, f, colorprofile.ASCII)
	s.enter(t)
	for _, want := range []string{"neighborhood · bureaux", "neighborhood · quartiers", "street", "constituency", "neighborhood · bureaux"} {
		if !strings.Contains(s.view(), want) {
			t.Errorf("want %q on the header:\n%s", want, s.view())
		}
		s.h.Press("tab")
		s.h.Until("the map", func() bool { return s.hasData && !s.busy() })
	}
	if s.err != nil {
		t.Error(s.err)
	}
	fail := newScreen(t, &fake{failOn: "street"}, colorprofile.ASCII)
	fail.enter(t)
	fail.h.Press("tab", "tab")
	fail.h.Until("the error", func() bool { return strings.Contains(fail.view(), "✗ Could not read the map: database is locked") })
	if dots(fail.view()) != 0 {
		t.Errorf("a failed read should not leave the previous level's map under the new header:\n%s", fail.view())
	}
}

func TestPanAndZoom(t *testing.T) {
	s := newScreen(t, &fake{}, colorprofile.ASCII)
	s.enter(t)
	fit := s.view()
	s.h.Press("+", "+")
	if s.view() == fit || !strings.Contains(s.view(), "zoom ×2") {
		t.Errorf("+ should zoom in:\n%s", s.view())
	}
	s.h.Press("0")
	if s.view() != fit {
		t.Error("0 should come back to the view that fits")
	}
	s.h.Press("l")
	if s.view() == fit {
		t.Error("l should pan")
	}
}

func TestSizes(t *testing.T) {
	s := newScreen(t, &fake{plans: []canvass.PlanSummary{{Name: "est"}}}, colorprofile.ASCII)
	s.enter(t)
	s.h.Press("p")
	s.h.Until("the plan", func() bool { return len(s.turfs) == 2 })
	for _, size := range [][2]int{{200, 60}, {20, 10}, {3, 2}, {1, 1}, {0, 0}} {
		s.SetSize(size[0], size[1])
		tuitest.WantFits(t, "a plan's map", s.View(), size[0], size[1])
	}
}

func TestNoColor(t *testing.T) {
	draw := func(p colorprofile.Profile) string {
		s := newScreen(t, &fake{plans: []canvass.PlanSummary{{Name: "est"}}}, p)
		s.h.Send(areas.MarkedMsg{To: ID, Level: "neighborhood", Layer: "quartiers", IDs: []string{"1"}})
		s.enter(t)
		s.h.Press("p")
		s.h.Until("the plan", func() bool { return len(s.turfs) == 2 })
		return s.View()
	}
	if !tuitest.HasColour(draw(colorprofile.ANSI256)) {
		t.Fatal("in colour the map shows no colour: the test cannot tell")
	}
	if got := draw(colorprofile.ASCII); strings.Contains(got, "\x1b[3") || tuitest.HasColour(got) {
		t.Errorf("NO_COLOR, yet colours are written: %q", got)
	}
}

// TestPick: x shows a cross at the map's centre; s sends that place to the Plan builder as its
// start, latitude first; d asks to strike out the nearest door, which only y records.
func TestPick(t *testing.T) {
	f := &fake{}
	s := newScreen(t, f, colorprofile.ASCII)
	s.enter(t)
	s.h.Press("x")
	tuitest.WantText(t, tuitest.Plain(s.View()), "╳", "s starts walks there")
	s.h.Press("d")
	s.h.Until("the question", func() bool { return s.pick.door != nil })
	tuitest.WantText(t, tuitest.Plain(s.View()), "Never knock at 12 Rue de l'Essai, 75020 again?")
	s.h.Press("n")
	s.h.Press("d")
	s.h.Until("the question", func() bool { return s.pick.door != nil })
	s.h.Press("y")
	s.h.Until("the record", func() bool { f.mu.Lock(); defer f.mu.Unlock(); return len(f.objects) == 1 })
	s.h.Settle()
	want := canvass.Opposition{Scope: canvass.ScopeAddress, Who: canvass.Identity{Number: "12", Street: "Rue de l'Essai", Postcode: "75020"}}
	if f.objects[0] != want {
		t.Errorf("objection %+v, want %+v", f.objects[0], want)
	}
	centre := f.near[0]
	if math.Abs(centre[0]-(west+east)/2) > 1e-6 || math.Abs(centre[1]-(south+north)/2) > 1e-6 {
		t.Errorf("the cross is at %v, want the map's centre", centre)
	}
	var sent []tea.Msg
	h := tuitest.New(t, func(msg tea.Msg) tea.Cmd { sent = append(sent, msg); return nil })
	_, cmd := s.Update(tuitest.Key("s"))
	h.Send(cmd())
	h.Settle()
	want2 := planner.StartMsg{Text: fmt.Sprintf("%.6f, %.6f", (south+north)/2, (west+east)/2)}
	if s.pick.on {
		t.Error("the cross should go once the start is picked")
	}
	if !slices.Contains(sent, tea.Msg(want2)) || !slices.Contains(sent, tea.Msg(common.GoMsg{To: planner.ID})) {
		t.Errorf("s sent %v, want %v and the Plan builder opened", sent, want2)
	}
}

// TestColourByIndicator: v colours the areas by abstention, then turnout, then coverage, with a
// legend of the classes and each area's value written after its name, so that it reads without
// colour.
func TestColourByIndicator(t *testing.T) {
	s := newScreen(t, &fake{}, colorprofile.TrueColor)
	s.h.Send(areas.MarkedMsg{Level: "neighborhood", Layer: "quartiers"})
	s.enter(t)
	s.SetSize(100, 30)
	s.h.Press("v")
	s.h.Until("the values", func() bool { return s.stats != nil })
	styled := s.View()
	tuitest.WantText(t, tuitest.Plain(styled), "abstention: ■ 40%–43%", "■ 52%–55%", "Ouest 40%", "Est 55%")
	if !strings.Contains(styled, "38;5;160") || !strings.Contains(styled, "38;5;229") {
		t.Errorf("the doors should be in the scale's colours, lightest and darkest:\n%q", styled)
	}
	s.h.Press("v")
	tuitest.WantText(t, tuitest.Plain(s.View()), "turnout: ■ 45%–48%", "Ouest 60%", "Est 45%")
	s.h.Press("v")
	tuitest.WantText(t, tuitest.Plain(s.View()), "coverage: ■ 10%–14%", "Ouest 10%")
	s.h.Press("v")
	if v := tuitest.Plain(s.View()); strings.Contains(v, "coverage:") || strings.Contains(v, "Ouest 10%") {
		t.Errorf("a fourth v should colour by nothing:\n%s", v)
	}
}

// TestTilesFillTheMapIn: a map of many addresses opens on its areas, then draws each tile's
// points as they come, the screen answering keys meanwhile.
func TestTilesFillTheMapIn(t *testing.T) {
	plain := newScreen(t, &fake{}, colorprofile.ASCII)
	plain.enter(t)
	f := &fake{tiled: true, tileGo: make(chan struct{})}
	s := newScreen(t, f, colorprofile.ASCII)
	s.h.Run(s.Enter())
	s.h.Until("the map", func() bool { return s.hasData })
	if n := len(s.data.Points); n != 0 {
		t.Fatalf("%d points before any tile came", n)
	}
	s.h.Press("l", "h") // a pan while the tiles load
	f.tileGo <- struct{}{}
	s.h.Until("the first tile", func() bool { return len(s.data.Points) == 9 })
	f.tileGo <- struct{}{}
	s.h.Until("the second tile", func() bool { return len(s.data.Points) == 18 })
	s.h.Settle()
	if got, want := dots(s.view()), dots(plain.view()); got != want {
		t.Errorf("%d dots drawn from tiles, %d from the points read at once", got, want)
	}
}

// TestPickFrench: the question and its answer are in French, and o says yes as y does.
func TestPickFrench(t *testing.T) {
	f := &fake{}
	s := newScreenLang(t, f, colorprofile.ASCII, i18n.New(i18n.French))
	s.enter(t)
	s.h.Press("x", "d")
	s.h.Until("the question", func() bool { return s.pick.door != nil })
	tuitest.WantText(t, s.view(), "Ne plus frapper au 12 Rue de l'Essai, 75020\u202f? o\u00a0: oui, définitivement")
	s.h.Press("o")
	s.h.Until("the record", func() bool { f.mu.Lock(); defer f.mu.Unlock(); return len(f.objects) == 1 })
	s.h.Settle()
	tuitest.WantText(t, s.view(), "✓ Ne pas frapper au 12 Rue de l'Essai, 75020\u00a0: enregistré, définitivement.")
}
