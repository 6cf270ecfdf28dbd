// Package mapview is the map widget: areas, streets, addresses and a route drawn in braille
// cells (2×4 dots each), panned and zoomed with the keyboard.
//
// Layers are projected once when they are set; a pan or a zoom only scales and shifts the
// projected points, and the rendered frame is kept until the view changes, so that View costs
// nothing between changes.
package mapview

import (
	"fmt"
	"math"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// Layers is what the map draws, in WGS84 degrees (orb.Point{lon, lat}). The view that fits
// them frames the areas, points and route: lines are context, a street crossing the district may
// run far out of it, so they are framed only when there is nothing else. They are drawn from the
// bottom up: area outlines, lines, points, highlighted points, the route and its stop numbers;
// where two layers share a cell, the upper one's colour wins.
type Layers struct {
	Areas  []Area
	Lines  []Line
	Points []Point
	Route  Route
}

// Area is an outlined polygon (a constituency, a neighborhood, a turf's hull). Shape holds its
// polygons, each an outer ring then its holes; a single orb.Polygon p is orb.MultiPolygon{p}.
type Area struct {
	Shape  orb.MultiPolygon
	Label  string // written at the centroid of the largest part when the part is wide enough
	Colour int    // 0 for none, n ≥ 1 for the palette's n-th colour (cycling): see ColourAreas
}

// Line is a polyline such as a street's centre line.
type Line struct {
	Path   orb.LineString
	Colour int // as Point.Colour: coloured in ColourTurfs
}

// Point is an address.
type Point struct {
	At        orb.Point
	Colour    int  // 0 for none, n ≥ 1 for the palette's n-th colour (cycling), e.g. its turf's number
	Highlight bool // drawn larger and on top of the other points: the selected turf's doors
}

// Route is a walk drawn over everything else, two dots wide.
type Route struct {
	Path  orb.LineString
	Stops []orb.Point // numbered from 1 where the numbers fit; may be empty
}

// ColourMode says which layer carries the colour indexes; the route and highlights keep theirs.
type ColourMode int

const (
	// ColourTurfs colours points and lines by their Colour, areas stay plain.
	ColourTurfs ColourMode = iota
	// ColourAreas colours area outlines by their Colour, points and lines stay plain.
	ColourAreas
	// ColourPlain draws every layer but the route and the highlights in one colour.
	ColourPlain
	colourModes
)

// modeIDs are the messages naming each mode in the status line.
var modeIDs = [...]string{"tui.map.view.colour.turfs", "tui.map.view.colour.areas", "tui.map.view.colour.plain"}

// Zoom limits, in steps of √2 from the view that fits the layers: from a quarter of the fit to
// 256 times it (a few metres across for a city district).
const (
	minZoom    = -4
	maxZoom    = 16
	zoomFactor = math.Sqrt2
)

// Model is the map widget. Build it with New, then SetSize and SetLayers. Update and View use
// value receivers as bubbles' widgets do; copies share the frame cache, which is keyed on the
// view it renders, so a copy never shows another's stale frame. Not safe for concurrent use.
type Model struct {
	// Keys are the map's bindings; change them before use to rebind.
	Keys KeyMap

	styles []sgr // per ink, empty sequences when colour is off
	colour bool
	p      *i18n.Printer // the language of the help and the status line

	width, height int
	layers        *projected
	cx, cy        float64 // the view's centre in the plane
	zoom          int
	mode          ColourMode
	labels        bool
	crosshair     bool

	cache *frame
}

// frame is the last rendered view and the buffers that drew it.
type frame struct {
	key   frameKey
	valid bool
	view  string
	c     canvas
}

// frameKey is everything a frame depends on.
type frameKey struct {
	layers        *projected
	width, height int
	cx, cy        float64
	zoom          int
	mode          ColourMode
	labels        bool
	crosshair     bool
}

// palette holds the turf colours: xterm-256 colours far apart in hue and readable on dark and
// light backgrounds; cyan is left out, as it is the route's. Terminals with 16 colours get the
// nearest, downsampled by bubbletea.
var palette = []string{"196", "33", "34", "208", "129", "178", "205", "94", "63", "100", "160", "70"}

// New returns a map drawn with styles: in colour when styles.Colour is set (false under
// NO_COLOR), with no escape sequence at all otherwise. A nil styles means no colour. Its key help
// and status line are in p's language (English when p is nil).
func New(styles *common.Styles, p *i18n.Printer) Model {
	m := Model{Keys: DefaultKeyMap(p), p: p, labels: true, cache: &frame{}, layers: &projected{bounds: emptyBox()}}
	m.colour = styles != nil && styles.Colour
	m.Keys.Colour.SetEnabled(m.colour)
	m.styles = make([]sgr, int(inkPalette)+len(palette))
	if !m.colour {
		return m
	}
	base := lipgloss.NewStyle()
	inks := map[ink]lipgloss.Style{
		inkFaint:     base.Faint(true),
		inkRoute:     base.Bold(true).Foreground(styles.Accent),
		inkHighlight: base.Bold(true),
		inkLabel:     base.Bold(true),
	}
	for i, c := range palette {
		inks[inkPalette+ink(i)] = base.Foreground(lipgloss.Color(c))
	}
	for k, st := range inks {
		m.styles[k] = compile(st)
	}
	return m
}

// SetScale replaces the palette with colours (xterm-256 numbers), for a map coloured by an
// indicator's classes rather than by turf; nil restores the turf palette. It does nothing without
// colour.
func (m *Model) SetScale(colours []string) {
	if !m.colour {
		return
	}
	if colours == nil {
		colours = palette
	}
	styles := make([]sgr, int(inkPalette)+len(palette))
	copy(styles, m.styles[:inkPalette])
	for i := range palette {
		styles[inkPalette+ink(i)] = compile(lipgloss.NewStyle().Foreground(lipgloss.Color(colours[i%len(colours)])))
	}
	m.styles = styles
	m.cache = &frame{} // the frame drawn with the old colours
}

// compile turns a one-line style into the sequences that open and close it, so that a frame
// writes them around each run of cells instead of calling Render thousands of times.
func compile(st lipgloss.Style) sgr {
	pre, post, _ := strings.Cut(st.Render("X"), "X")
	return sgr{pre, post}
}

// SetSize sets the map's size in cells.
func (m *Model) SetSize(width, height int) { m.width, m.height = max(0, width), max(0, height) }

// SetLayers sets what the map draws. The view is reset to fit the new layers, unless they span
// the same box as the previous ones (the same area recoloured, another turf highlighted): then
// the pan and zoom are kept.
func (m *Model) SetLayers(l Layers) {
	old := m.layers
	m.layers = project(l)
	if old == nil || old.bounds != m.layers.bounds {
		m.Reset()
	}
}

// Reset zooms and pans to the view that fits the layers.
func (m *Model) Reset() {
	b := m.layers.bounds
	m.zoom, m.cx, m.cy = 0, 0, 0
	if !b.empty() {
		m.cx, m.cy = (b.minX+b.maxX)/2, (b.minY+b.maxY)/2
	}
}

// SetCrosshair shows, or hides, a cross at the view's centre: the point Centre gives, to pick a
// place on the map by panning it under the cross.
func (m *Model) SetCrosshair(on bool) { m.crosshair = on }

// Centre is the view's centre in lon/lat; false while there is nothing on the map.
func (m Model) Centre() (orb.Point, bool) {
	if m.layers.k == 0 {
		return orb.Point{}, false
	}
	return m.layers.lonLat(xy{m.cx, m.cy}), true
}

// SetColourMode chooses which layer carries the colours.
func (m *Model) SetColourMode(c ColourMode) { m.mode = c % colourModes }

// Update pans, zooms, resets the view, cycles the colour mode and toggles labels on the map's keys.
func (m Model) Update(msg tea.Msg) (Model, tea.Cmd) {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return m, nil
	}
	// Pans move by a quarter of the view in whole cells, so the picture shifts without
	// redrawing differently.
	stepX, stepY := 2*max(1, m.width/4), 4*max(1, m.height/4)
	switch {
	case key.Matches(k, m.Keys.Left):
		m.cx -= float64(stepX) / m.scale()
	case key.Matches(k, m.Keys.Right):
		m.cx += float64(stepX) / m.scale()
	case key.Matches(k, m.Keys.Up):
		m.cy += float64(stepY) / m.scale()
	case key.Matches(k, m.Keys.Down):
		m.cy -= float64(stepY) / m.scale()
	case key.Matches(k, m.Keys.ZoomIn):
		m.zoom = min(maxZoom, m.zoom+1)
	case key.Matches(k, m.Keys.ZoomOut):
		m.zoom = max(minZoom, m.zoom-1)
	case key.Matches(k, m.Keys.Reset):
		m.Reset()
	case key.Matches(k, m.Keys.Colour):
		m.SetColourMode(m.mode + 1)
	case key.Matches(k, m.Keys.Labels):
		m.labels = !m.labels
	}
	return m, nil
}

// scale is the number of dots per plane unit (degree of arc) at the current zoom.
func (m Model) scale() float64 {
	b := m.layers.bounds
	// A lone point, or points on one line, still get a view about 100 m across.
	const minSpan = 0.001
	bw, bh := minSpan, minSpan
	if !b.empty() {
		bw, bh = max(bw, b.maxX-b.minX), max(bh, b.maxY-b.minY)
	}
	// One dot of margin on every side, so the outline of the fit view is not cut.
	fit := min(float64(max(1, 2*m.width-2))/bw, float64(max(1, 4*m.height-2))/bh)
	return fit * math.Pow(zoomFactor, float64(m.zoom))
}

// View renders the map in exactly its size: height lines of width columns.
func (m Model) View() string {
	if m.width == 0 || m.height == 0 {
		return ""
	}
	f := m.cache
	if f == nil {
		f = &frame{}
	}
	key := frameKey{m.layers, m.width, m.height, m.cx, m.cy, m.zoom, m.mode, m.labels, m.crosshair}
	if f.valid && f.key == key {
		return f.view
	}
	m.draw(&f.c)
	f.key, f.valid, f.view = key, true, f.c.render(m.styles)
	return f.view
}

// draw paints the layers on c, bottom layer first.
func (m Model) draw(c *canvas) {
	c.reset(m.width, m.height)
	s := m.scale()
	w, h := float64(2*m.width), float64(4*m.height)
	ox, oy := w/2-m.cx*s, h/2+m.cy*s // dot x = ox + x·s, dot y = oy - y·s
	dot := func(p xy) (float64, float64) { return ox + p.x*s, oy - p.y*s }
	view := box{-ox / s, (oy - h) / s, (w - ox) / s, oy / s}
	colourOf := func(n int, mode ColourMode, plain ink) ink {
		if n <= 0 || m.mode != mode {
			return plain
		}
		return inkPalette + ink((n-1)%len(palette))
	}
	polyline := func(pts []xy, k ink, thick, closed bool) {
		for i := 1; i < len(pts); i++ {
			x0, y0 := dot(pts[i-1])
			x1, y1 := dot(pts[i])
			c.line(x0, y0, x1, y1, k, thick)
		}
		if closed && len(pts) > 1 {
			x0, y0 := dot(pts[len(pts)-1])
			x1, y1 := dot(pts[0])
			c.line(x0, y0, x1, y1, k, thick)
		}
	}
	for _, r := range m.layers.rings {
		if r.bounds.overlaps(view) {
			polyline(r.pts, colourOf(r.colour, ColourAreas, inkFaint), false, true)
		}
	}
	for _, l := range m.layers.lines {
		if l.bounds.overlaps(view) {
			polyline(l.pts, colourOf(l.colour, ColourTurfs, inkFaint), false, false)
		}
	}
	for pass := range 2 {
		for _, p := range m.layers.points {
			if p.highlight != (pass == 1) {
				continue
			}
			x, y := dot(p.at)
			ix, iy := int(math.Floor(x)), int(math.Floor(y))
			if p.highlight {
				for _, d := range [4][2]int{{0, 0}, {1, 0}, {0, 1}, {1, 1}} {
					c.dot(ix+d[0], iy+d[1], inkHighlight)
				}
				continue
			}
			c.dot(ix, iy, colourOf(p.colour, ColourTurfs, inkDefault))
		}
	}
	polyline(m.layers.route, inkRoute, true, false)
	cell := func(p xy) (int, int) {
		x, y := dot(p)
		return int(math.Floor(x / 2)), int(math.Floor(y / 4))
	}
	for _, p := range m.layers.stops {
		col, row := cell(p.at)
		c.write(col, row, p.text, inkRoute, false)
	}
	if m.crosshair {
		c.write(m.width/2, m.height/2, []rune{'╳'}, inkRoute, false)
	}
	if !m.labels {
		return
	}
	for _, l := range m.layers.labels {
		if l.span*s/2 < float64(len(l.text)) {
			continue
		}
		// The centroid's row, else the rows above and below: the centroid often lies on a street
		// or the route, which a label must not hide.
		col, row := cell(l.at)
		for _, dr := range [3]int{0, -1, 1} {
			if c.write(col-len(l.text)/2, row+dr, l.text, inkLabel, true) {
				break
			}
		}
	}
}

// Status describes the view in one line: a scale bar, the zoom and the colour mode.
func (m Model) Status() string {
	parts := []string{scaleBar(2 * metresPerDegree / m.scale())}
	zoom := m.p.Float(math.Pow(zoomFactor, float64(m.zoom)), 2)
	parts = append(parts, m.p.T("tui.map.view.zoom", "Zoom", strings.TrimSuffix(strings.TrimSuffix(zoom, ".00"), ",00")))
	if m.colour {
		parts = append(parts, m.p.T("tui.map.view.colour", "Mode", m.p.T(modeIDs[m.mode])))
	}
	return strings.Join(parts, " · ")
}

// scaleBar draws a bar 4 to 10 cells long for a round distance (1, 2 or 5 times a power of ten
// metres), given the metres one cell spans.
func scaleBar(perCell float64) string {
	if perCell <= 0 || math.IsInf(perCell, 0) || math.IsNaN(perCell) {
		return ""
	}
	d := math.Pow(10, math.Floor(math.Log10(4*perCell)))
	for _, f := range []float64{1, 2, 5, 10} {
		if f*d >= 4*perCell {
			d *= f
			break
		}
	}
	cells := int(math.Round(d / perCell))
	label := fmt.Sprintf("%g m", d)
	if d >= 1000 {
		label = fmt.Sprintf("%g km", d/1000)
	} else if d < 1 {
		label = fmt.Sprintf("%g cm", math.Round(d*100))
	}
	return "├" + strings.Repeat("─", max(0, cells-2)) + "┤ " + label
}
