package mapview

import (
	"math"
	"strconv"

	"github.com/charmbracelet/x/ansi"
	"github.com/paulmach/orb"
)

// metresPerDegree is the length of one degree of a great circle on the mean Earth sphere: the
// planar unit below, for the scale bar.
const metresPerDegree = 6371008.8 * math.Pi / 180

// xy is a point in the map's plane: degrees of arc east (X) and north (Y) of the layers' centre.
type xy struct{ x, y float64 }

// box is an axis-aligned bounding box in the plane; an empty box has min > max.
type box struct{ minX, minY, maxX, maxY float64 }

func emptyBox() box { return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b *box) add(p xy) {
	b.minX, b.maxX = min(b.minX, p.x), max(b.maxX, p.x)
	b.minY, b.maxY = min(b.minY, p.y), max(b.maxY, p.y)
}

func (b box) empty() bool { return b.minX > b.maxX }

func (b box) overlaps(o box) bool {
	return b.minX <= o.maxX && o.minX <= b.maxX && b.minY <= o.maxY && o.minY <= b.maxY
}

// path is a projected ring or line with its bounding box, to skip it when off screen.
type path struct {
	pts    []xy
	bounds box
	colour int
}

// label is an area's name, placed at its centroid.
type label struct {
	at   xy
	text []rune
	span float64 // the area's width in the plane: the label is drawn only where it fits
}

// point is a projected address.
type point struct {
	at        xy
	colour    int
	highlight bool
}

// stop is a numbered stop of the route.
type stop struct {
	at   xy
	text []rune
}

// projected is a Layers in the plane, computed once per SetLayers so that pan and zoom only
// scale and shift.
type projected struct {
	rings  []path // every ring of every area: outlines and holes alike
	lines  []path
	points []point
	route  []xy
	stops  []stop
	labels []label
	// bounds frames what the map is about: areas, points and the route. Lines are context
	// (a street crossing the district runs far out of it) and are framed only when alone.
	bounds box
	// lon0, lat0 and k place the plane: x = (lon-lon0)·k, y = lat-lat0.
	lon0, lat0, k float64
}

// lonLat is the point of the plane in degrees.
func (pr *projected) lonLat(p xy) orb.Point { return orb.Point{pr.lon0 + p.x/pr.k, pr.lat0 + p.y} }

// project places layers in an equirectangular plane around the centre of their bounds:
// x = Δlon·cos(lat₀), y = Δlat. At the scale of a city it is as good as any projection for
// drawing, and it costs one multiplication per point.
func project(l Layers) *projected {
	ll := lonLatBounds(l, false)
	if ll.empty() {
		ll = lonLatBounds(l, true)
	}
	pr := &projected{bounds: emptyBox()}
	if ll.empty() {
		return pr
	}
	lon0, lat0 := (ll.minX+ll.maxX)/2, (ll.minY+ll.maxY)/2
	k := math.Cos(lat0 * math.Pi / 180)
	to := func(p orb.Point) xy { return xy{(p.Lon() - lon0) * k, p.Lat() - lat0} }
	toPath := func(ps []orb.Point, colour int) path {
		out := path{pts: make([]xy, len(ps)), bounds: emptyBox(), colour: colour}
		for i, p := range ps {
			out.pts[i] = to(p)
			out.bounds.add(out.pts[i])
		}
		return out
	}
	pr.bounds = box{(ll.minX - lon0) * k, ll.minY - lat0, (ll.maxX - lon0) * k, ll.maxY - lat0}
	pr.lon0, pr.lat0, pr.k = lon0, lat0, k
	for _, a := range l.Areas {
		var largest path
		for _, poly := range a.Shape {
			for i, ring := range poly {
				if len(ring) == 0 {
					continue
				}
				p := toPath(ring, a.Colour)
				pr.rings = append(pr.rings, p)
				if i == 0 && width(p.bounds) >= width(largest.bounds) {
					largest = p
				}
			}
		}
		if text := oneColumnRunes(a.Label); len(text) > 0 && len(largest.pts) > 0 {
			pr.labels = append(pr.labels, label{at: centroid(largest), text: text, span: width(largest.bounds)})
		}
	}
	for _, ln := range l.Lines {
		if len(ln.Path) > 0 {
			pr.lines = append(pr.lines, toPath(ln.Path, ln.Colour))
		}
	}
	pr.points = make([]point, len(l.Points))
	for i, p := range l.Points {
		pr.points[i] = point{at: to(p.At), colour: p.Colour, highlight: p.Highlight}
	}
	pr.route = toPath(l.Route.Path, 0).pts
	for i, p := range l.Route.Stops {
		pr.stops = append(pr.stops, stop{at: to(p), text: []rune(strconv.Itoa(i + 1))})
	}
	return pr
}

// lonLatBounds is the box, in degrees, of the areas, points and route of l, or of its lines.
func lonLatBounds(l Layers, lines bool) box {
	b := emptyBox()
	add := func(ps ...orb.Point) {
		for _, p := range ps {
			b.add(xy{p.Lon(), p.Lat()})
		}
	}
	if lines {
		for _, ln := range l.Lines {
			add(ln.Path...)
		}
		return b
	}
	for _, a := range l.Areas {
		for _, poly := range a.Shape {
			for _, ring := range poly {
				add(ring...)
			}
		}
	}
	for _, p := range l.Points {
		add(p.At)
	}
	add(l.Route.Path...)
	add(l.Route.Stops...)
	return b
}

// width is a box's extent east-west, 0 for an empty box.
func width(b box) float64 {
	if b.empty() {
		return 0
	}
	return b.maxX - b.minX
}

// centroid is the area-weighted centre of a ring, or its box's centre when it has no area.
func centroid(p path) xy {
	var a, cx, cy float64
	for i := range p.pts {
		u, v := p.pts[i], p.pts[(i+1)%len(p.pts)]
		cross := u.x*v.y - v.x*u.y
		a += cross
		cx += (u.x + v.x) * cross
		cy += (u.y + v.y) * cross
	}
	if math.Abs(a) < 1e-18 {
		return xy{(p.bounds.minX + p.bounds.maxX) / 2, (p.bounds.minY + p.bounds.maxY) / 2}
	}
	return xy{cx / (3 * a), cy / (3 * a)}
}

// oneColumnRunes keeps the runes of s that take exactly one terminal column, so that a label
// written one rune per cell keeps the map's width.
func oneColumnRunes(s string) []rune {
	var out []rune
	for _, r := range s {
		if ansi.StringWidth(string(r)) == 1 {
			out = append(out, r)
		}
	}
	return out
}
