package network

import (
	"math"

	"github.com/paulmach/orb"
)

// Place is where an address lies on the network: the nearest point of a segment.
type Place struct {
	Segment int
	Along   float64 // metres along the segment from its From node
	Left    bool    // on the left of the segment walked from From to To
	Offset  float64 // metres from the centre line
}

// Locate places pt (lon/lat) on the nearest segment of the network; false when it has none.
func (n *Network) Locate(pt orb.Point) (Place, bool) {
	p := n.proj.Metres(pt)
	best := Place{Segment: -1, Offset: math.Inf(1)}
	n.gridOnce.Do(func() { n.grid = newGrid(n.xy) })
	n.grid.search(p, func(s, i int) float64 {
		n.closer(p, s, i, &best)
		return best.Offset
	})
	return best, best.Segment >= 0
}

// LocateOn places pt (lon/lat) on the nearest of the segments segs (a street's, when the address
// gives its street); false when segs is empty.
func (n *Network) LocateOn(pt orb.Point, segs []int) (Place, bool) {
	p := n.proj.Metres(pt)
	best := Place{Segment: -1, Offset: math.Inf(1)}
	for _, s := range segs {
		for i := 1; i < len(n.xy[s]); i++ {
			n.closer(p, s, i, &best)
		}
	}
	return best, best.Segment >= 0
}

// closer replaces best by the place of p on the piece ending at vertex i of segment s when it
// is nearer.
func (n *Network) closer(p orb.Point, s, i int, best *Place) {
	a, b := n.xy[s][i-1], n.xy[s][i]
	dx, dy := b[0]-a[0], b[1]-a[1]
	l2 := dx*dx + dy*dy
	t := 0.0
	if l2 > 0 {
		t = max(0, min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/l2))
	}
	q := orb.Point{a[0] + t*dx, a[1] + t*dy}
	d := dist(p, q)
	if d < best.Offset || (d == best.Offset && s < best.Segment) {
		along := n.cum[s][i-1] + t*(n.cum[s][i]-n.cum[s][i-1])
		*best = Place{Segment: s, Along: along, Left: dx*(p[1]-a[1])-dy*(p[0]-a[0]) > 0, Offset: d}
	}
}

// Point is the place's point on the centre line, lon/lat.
func (n *Network) Point(pl Place) orb.Point {
	path := n.Slice(pl.Segment, pl.Along, pl.Along)
	return path[0]
}

// Slice is the part of segment s's path from along a to along b (metres from its From node), in
// that direction: reversed when b < a. Its ends are interpolated in lon/lat.
func (n *Network) Slice(s int, a, b float64) orb.LineString {
	if b < a {
		out := n.Slice(s, b, a)
		for i, j := 0, len(out)-1; i < j; i, j = i+1, j-1 {
			out[i], out[j] = out[j], out[i]
		}
		return out
	}
	path, cum := n.Segments[s].Path, n.cum[s]
	at := func(x float64) orb.Point {
		i := 1
		for i < len(cum)-1 && cum[i] < x {
			i++
		}
		span := cum[i] - cum[i-1]
		t := 0.0
		if span > 0 {
			t = max(0, min(1, (x-cum[i-1])/span))
		}
		return orb.Point{path[i-1][0] + t*(path[i][0]-path[i-1][0]), path[i-1][1] + t*(path[i][1]-path[i-1][1])}
	}
	out := orb.LineString{at(a)}
	for i := 1; i < len(cum)-1; i++ {
		if cum[i] > a && cum[i] < b {
			out = append(out, path[i])
		}
	}
	if b > a {
		out = append(out, at(b))
	}
	return out
}

// gridCell is the side of a cell of the index of segment pieces, in metres: about a block.
const gridCell = 50.0

// grid indexes the pieces of segments (between consecutive vertices) by the cells their bounding
// boxes cover, to find the segment nearest a point.
type grid struct {
	x0, y0     float64
	cols, rows int
	cells      [][][2]int32 // segment, vertex ending the piece
}

func newGrid(xy [][]orb.Point) grid {
	var g grid
	if len(xy) == 0 {
		return g
	}
	b := orb.MultiPoint(xy[0]).Bound()
	for _, path := range xy[1:] {
		b = b.Union(orb.MultiPoint(path).Bound())
	}
	g.x0, g.y0 = b.Min[0], b.Min[1]
	g.cols = int((b.Max[0]-b.Min[0])/gridCell) + 1
	g.rows = int((b.Max[1]-b.Min[1])/gridCell) + 1
	g.cells = make([][][2]int32, g.cols*g.rows)
	for s, path := range xy {
		for i := 1; i < len(path); i++ {
			pb := orb.Bound{Min: path[i-1], Max: path[i-1]}.Extend(path[i])
			c0, r0 := g.cell(pb.Min)
			c1, r1 := g.cell(pb.Max)
			for r := r0; r <= r1; r++ {
				for c := c0; c <= c1; c++ {
					g.cells[r*g.cols+c] = append(g.cells[r*g.cols+c], [2]int32{int32(s), int32(i)})
				}
			}
		}
	}
	return g
}

// cell is the column and row of p, clamped to the grid.
func (g *grid) cell(p orb.Point) (int, int) {
	c := int((p[0] - g.x0) / gridCell)
	r := int((p[1] - g.y0) / gridCell)
	return max(0, min(g.cols-1, c)), max(0, min(g.rows-1, r))
}

// search visits the pieces in rings of cells around p, nearest ring first, until visit's answer
// (the best distance so far) is within the rings searched.
func (g *grid) search(p orb.Point, visit func(s, i int) float64) {
	if g.cols == 0 {
		return
	}
	c0, r0 := g.cell(p)
	best := math.Inf(1)
	for ring := 0; ring <= max(g.cols, g.rows); ring++ {
		for r := r0 - ring; r <= r0+ring; r++ {
			if r < 0 || r >= g.rows {
				continue
			}
			for c := c0 - ring; c <= c0+ring; c++ {
				if c < 0 || c >= g.cols || (r != r0-ring && r != r0+ring && c != c0-ring && c != c0+ring) {
					continue
				}
				for _, piece := range g.cells[r*g.cols+c] {
					best = visit(int(piece[0]), int(piece[1]))
				}
			}
		}
		// Every piece not yet visited lies at least ring cells away.
		if best <= float64(ring)*gridCell {
			return
		}
	}
}
