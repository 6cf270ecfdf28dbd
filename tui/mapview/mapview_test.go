package mapview

import (
	"regexp"
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/ansi"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/tui/common"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// tiny is a hand-made map, about 800 m across:
//
//	+-----------------+
//	|  ·     +---+    |   a square area "A" with a square hole,
//	|        |   |  · |   three addresses (one highlighted, two in turfs 1 and 2),
//	|        +---+    |   and a route of three stops from the bottom left corner
//	| ·               |   to the top right one.
//	+-----------------+
func tiny() Layers {
	ring := func(x0, y0, x1, y1 float64) orb.Ring {
		return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	}
	return Layers{
		Areas: []Area{{
			Shape:  orb.MultiPolygon{{ring(2.30, 48.85, 2.31, 48.856), ring(2.305, 48.853, 2.308, 48.855)}},
			Label:  "A",
			Colour: 1,
		}},
		Points: []Point{
			{At: orb.Point{2.302, 48.8555}, Colour: 1},
			{At: orb.Point{2.309, 48.854}, Colour: 2},
			{At: orb.Point{2.301, 48.851}, Highlight: true},
		},
		Route: Route{
			Path:  orb.LineString{{2.3005, 48.8505}, {2.304, 48.852}, {2.3095, 48.8555}},
			Stops: []orb.Point{{2.3005, 48.8505}, {2.304, 48.852}, {2.3095, 48.8555}},
		},
	}
}

func newMap(t *testing.T, styles *common.Styles, w, h int) Model {
	t.Helper()
	m := New(styles, nil)
	m.SetSize(w, h)
	m.SetLayers(tiny())
	return m
}

func press(m Model, keys ...string) Model {
	for _, k := range keys {
		m, _ = m.Update(tuitest.Key(k))
	}
	return m
}

func TestGolden(t *testing.T) {
	m := newMap(t, nil, 40, 12)
	tuitest.Golden(t, "tiny-40x12", m.View()+"\n")
	tuitest.Golden(t, "tiny-40x12-zoomed", press(m, "+", "+", "l").View()+"\n")
}

func TestPanShiftsTheView(t *testing.T) {
	m := newMap(t, nil, 40, 12)
	before := m.View()
	left := press(m, "left")
	if left.View() == before {
		t.Fatal("pan left did not change the view")
	}
	// A pan moves the picture by whole cells (a quarter of the width: 10), so the left part of
	// the old view is now 10 columns to the right.
	old, moved := strings.Split(before, "\n"), strings.Split(left.View(), "\n")
	for i := range old {
		o, n := []rune(old[i]), []rune(moved[i])
		if string(n[10:]) != string(o[:30]) {
			t.Errorf("row %d after pan left:\n%q\nwant the old row shifted right by 10:\n%q", i, string(n), string(o))
		}
	}
	if got := press(left, "l").View(); got != before {
		t.Errorf("pan left then right (l) does not come back:\n%s\nwant\n%s", got, before)
	}
	if got := press(m, "k", "down").View(); got != before {
		t.Errorf("pan up (k) then down does not come back:\n%s\nwant\n%s", got, before)
	}
}

func TestZoomThenResetRestoresTheFit(t *testing.T) {
	m := newMap(t, nil, 40, 12)
	fit := m.View()
	in := press(m, "+", "=", "right", "up")
	if in.View() == fit {
		t.Fatal("zoom in and pan did not change the view")
	}
	if out := press(m, "-"); out.View() == fit {
		t.Fatal("zoom out did not change the view")
	}
	if got := press(in, "0").View(); got != fit {
		t.Errorf("0 after zoom and pan:\n%s\nwant the fit view:\n%s", got, fit)
	}
	if got := press(m, "+", "-").View(); got != fit {
		t.Errorf("zoom in then out:\n%s\nwant the fit view:\n%s", got, fit)
	}
}

func TestZoomIsBounded(t *testing.T) {
	m := newMap(t, nil, 40, 12)
	for range 100 {
		m = press(m, "+")
	}
	deep := m.View()
	if press(m, "+").View() != deep {
		t.Error("zooming in past the limit still changes the view")
	}
	for range 100 {
		m = press(m, "-")
	}
	far := m.View()
	if press(m, "-").View() != far || !strings.ContainsFunc(far, func(r rune) bool { return r > 0x2800 && r <= 0x28ff }) {
		t.Error("zoomed out to the limit: the view should stop changing and still show the map")
	}
}

// checkFits fails when view is not exactly height lines of at most width columns.
func checkFits(t *testing.T, view string, width, height int) {
	t.Helper()
	if width == 0 || height == 0 {
		if view != "" {
			t.Errorf("%d×%d: view %q, want nothing", width, height, view)
		}
		return
	}
	lines := strings.Split(view, "\n")
	if len(lines) != height {
		t.Errorf("%d×%d: %d lines, want %d", width, height, len(lines), height)
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w > width {
			t.Errorf("%d×%d: line %d is %d wide: %q", width, height, i, w, l)
		}
	}
}

func TestResize(t *testing.T) {
	colour := common.NewStyles(colorprofile.TrueColor)
	for _, size := range [][2]int{{80, 24}, {20, 10}, {1, 1}, {2, 1}, {1, 3}, {0, 0}, {0, 5}, {-3, -1}} {
		for _, styles := range []*common.Styles{nil, colour} {
			m := newMap(t, styles, 40, 12)
			m = press(m, "+", "+", "h")
			m.SetSize(size[0], size[1])
			w, h := max(0, size[0]), max(0, size[1])
			checkFits(t, m.View(), w, h)
			// Keys on a tiny map neither panic nor break the size.
			checkFits(t, press(m, "left", "up", "+", "-", "0", "c", "n").View(), w, h)
		}
	}
}

func TestEmptyLayers(t *testing.T) {
	m := New(nil, nil)
	m.SetSize(10, 3)
	if got := m.View(); got != strings.Repeat(strings.Repeat(" ", 10)+"\n", 2)+strings.Repeat(" ", 10) {
		t.Errorf("a map with nothing to draw shows %q", got)
	}
	m = press(m, "+", "left")
	checkFits(t, m.View(), 10, 3)
	// One point alone still gets a finite view, with the point in the middle.
	m.SetLayers(Layers{Points: []Point{{At: orb.Point{2.35, 48.85}}}})
	lines := strings.Split(m.View(), "\n")
	if lines[1] != "     ⠄    " { // dot (20/2, 12/2): column 5, the third dot down
		t.Errorf("a lone point: middle row %q", lines[1])
	}
}

// colourCode matches an SGR sequence that sets a foreground colour, and captures it.
var colourCode = regexp.MustCompile(`\x1b\[[0-9;]*?(38;5;[0-9]+|3[0-7]|9[0-7])m`)

func TestNoColor(t *testing.T) {
	plain := common.NewStyles(colorprofile.Env([]string{"TERM=xterm-256color", "NO_COLOR=1"}))
	m := newMap(t, plain, 80, 24)
	for _, keys := range [][]string{nil, {"c"}, {"c", "c"}, {"+", "n"}} {
		if v := press(m, keys...).View(); strings.Contains(v, "\x1b") {
			t.Errorf("NO_COLOR, keys %v: escape sequences in the map: %q", keys, v)
		}
	}
	for _, b := range m.ShortHelp() {
		if b.Help().Key == "c" && b.Enabled() {
			t.Error("NO_COLOR: the colour key is offered in the help")
		}
	}
	if strings.Contains(m.Status(), "colour") {
		t.Errorf("NO_COLOR: status %q speaks of colours", m.Status())
	}
}

func TestColours(t *testing.T) {
	m := newMap(t, common.NewStyles(colorprofile.TrueColor), 80, 24)
	colours := func(m Model) map[string]bool {
		set := map[string]bool{}
		for _, c := range colourCode.FindAllStringSubmatch(m.View(), -1) {
			set[c[1]] = true
		}
		return set
	}
	// Turfs: the two addresses' colours and the route's (cyan, 36); the area is faint.
	if got := colours(m); !got["38;5;196"] || !got["38;5;33"] || !got["36"] || len(got) != 3 {
		t.Errorf("colour by turf: colours %v, want the first two of the palette and the route's", got)
	}
	// Areas: the area's outline in the first colour, no address colour.
	if got := colours(press(m, "c")); !got["38;5;196"] || got["38;5;33"] || len(got) != 2 {
		t.Errorf("colour by area: colours %v, want the area's and the route's", got)
	}
	if got := colours(press(m, "c", "c")); len(got) != 1 || !got["36"] {
		t.Errorf("plain: colours %v, want only the route's", got)
	}
	if got := colours(press(m, "c", "c", "c")); len(got) != 3 {
		t.Errorf("c three times should come back to turfs, colours %v", got)
	}
	if !strings.Contains(m.Status(), "colour: turfs") || !strings.Contains(press(m, "c").Status(), "colour: areas") {
		t.Errorf("status %q does not name the colour mode", m.Status())
	}
}

func TestRunsShareOneStyle(t *testing.T) {
	m := New(common.NewStyles(colorprofile.TrueColor), nil)
	m.SetSize(20, 1)
	// One row of addresses of one turf, every dot of the row: one styled run, one escape pair.
	var pts []Point
	for i := range 40 {
		pts = append(pts, Point{At: orb.Point{2.3 + float64(i)*0.0001, 48.85}, Colour: 3})
	}
	m.SetLayers(Layers{Points: pts})
	v := m.View()
	if n := strings.Count(v, "\x1b["); n != 2 {
		t.Errorf("a row of one colour written with %d escape sequences, want 2 (open, close): %q", n, v)
	}
	if ansi.Strip(v) == strings.Repeat(" ", 20) {
		t.Error("the addresses were not drawn")
	}
}

func TestLayerOrder(t *testing.T) {
	// An area's edge, a street, an address of turf 1 and a highlighted one, and the route, all
	// through one cell: the route's colour wins; without the route, the highlight's.
	at := orb.Point{2.35, 48.85}
	l := Layers{
		Areas:  []Area{{Shape: orb.MultiPolygon{{{at, {2.36, 48.85}, {2.36, 48.86}, at}}}}},
		Lines:  []Line{{Path: orb.LineString{at, {2.36, 48.86}}, Colour: 2}},
		Points: []Point{{At: at, Colour: 1}, {At: at, Highlight: true}},
		Route:  Route{Path: orb.LineString{at, {2.35, 48.86}}},
	}
	m := New(common.NewStyles(colorprofile.TrueColor), nil)
	m.SetSize(10, 5)
	m.SetLayers(l)
	var c canvas
	m.draw(&c)
	// The 0.0066°×0.01° box fits 18 dots high, centred in 20×20 dots: its bottom left corner
	// is dot (4, 19), in cell (2, 4).
	corner := 4*10 + 2
	if c.ink[corner] != inkRoute {
		t.Errorf("the cell shared by every layer has ink %d, want the route's", c.ink[corner])
	}
	l.Route = Route{}
	m.SetLayers(l)
	m.draw(&c)
	if c.ink[corner] != inkHighlight {
		t.Errorf("without the route, the cell has ink %d, want the highlight's", c.ink[corner])
	}
}

func TestSetLayersKeepsTheViewOfTheSameArea(t *testing.T) {
	m := press(newMap(t, nil, 40, 12), "+", "left")
	zoomed := m.View()
	l := tiny()
	l.Points[2].Highlight = false // another turf selected: same area
	m.SetLayers(l)
	want := New(nil, nil)
	want.SetSize(40, 12)
	want.SetLayers(l)
	want = press(want, "+", "left")
	if got := m.View(); got != want.View() || got == zoomed {
		t.Errorf("new highlights on the same area:\n%s\nwant the zoom and pan kept, and the new highlights:\n%s", got, want.View())
	}
	l.Areas = nil
	l.Points = l.Points[:1]
	l.Route = Route{}
	m.SetLayers(l)
	if !strings.HasSuffix(m.Status(), "zoom ×1") {
		t.Errorf("layers over another area: status %q, want the view fitted again", m.Status())
	}
}

func TestViewIsCached(t *testing.T) {
	m := newMap(t, nil, 40, 12)
	first := m.View()
	m.layers.points = nil // a redraw would lose the addresses; a cached frame keeps them
	if m.View() != first {
		t.Error("View redrew an unchanged view")
	}
	if press(m, "left", "right").View() == first {
		t.Error("a pan there and back still served the old frame: the cache key is wrong")
	}
}

func TestHelp(t *testing.T) {
	m := New(common.NewStyles(colorprofile.TrueColor), nil)
	var short []string
	for _, b := range m.ShortHelp() {
		if b.Enabled() {
			short = append(short, b.Help().Key)
		}
	}
	if got := strings.Join(short, " "); got != "←↓↑→ + - 0 c n" {
		t.Errorf("short help keys %q", got)
	}
	global := common.DefaultKeyMap(nil)
	for _, col := range m.FullHelp() {
		for _, b := range col {
			for _, k := range b.Keys() {
				for _, g := range []*key.Binding{&global.Quit, &global.Back, &global.Help, &global.Interrupt} {
					if slices.Contains(g.Keys(), k) {
						t.Errorf("map key %q is a global key", k)
					}
				}
			}
		}
	}
}

func TestStatus(t *testing.T) {
	for perCell, want := range map[float64]string{
		10:   "├───┤ 50 m",    // 20 m would be 2 cells: 50 m, 5 cells
		30:   "├─────┤ 200 m", // 6.7 cells, rounded to 7
		260:  "├──────┤ 2 km", // 7.7 cells, rounded to 8
		0.05: "├──┤ 20 cm",    // exactly 4 cells
	} {
		if got := scaleBar(perCell); got != want {
			t.Errorf("scaleBar(%g) = %q, want %q", perCell, got, want)
		}
	}
	m := newMap(t, nil, 40, 12)
	if got := press(m, "+").Status(); !strings.Contains(got, "zoom ×1.41") {
		t.Errorf("status after one zoom step: %q", got)
	}
}
