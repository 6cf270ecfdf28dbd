// Package pip assigns points to the polygon that owns them: every address of a voter file to its
// polling station, IRIS or quartier, at millions of points per second.
//
// # Which polygon owns a point
//
// A point is owned by the polygon containing the points immediately after it in the direction
// "east, turned an infinitesimal angle towards north". Formally, Locate(p) answers for the point
// p + (δx, δy) with 0 < δy ≪ δx both infinitesimal. In practice:
//
//   - A point inside a polygon is owned by it.
//   - A point on a non-horizontal edge is owned by the polygon on the edge's east (+x) side.
//   - A point on a horizontal edge is owned by the polygon on its north (+y) side.
//   - A point on a vertex is owned by the polygon whose corner at that vertex contains the
//     direction just north of due east; at a vertex where four squares meet, the north-east one.
//   - Holes follow the same rule: a point on a hole's boundary belongs to the polygon if the
//     hole lies to its west (or south, on a horizontal part), to the polygon filling the hole
//     otherwise.
//
// So when a layer tiles a region exactly (neighbours share their border vertices, or a vertex
// of one lies exactly on the edge of the other), every point of the region gets exactly one
// owner, including points on shared edges and vertices. A point on the outer boundary of the
// whole layer gets an owner only when the layer lies east of it (north on a horizontal
// stretch): on the west and south sides of a square layer it is owned, on the east and north
// sides it is not. Where polygons overlap, the owner is the one given first to NewIndex.
//
// The rule is the classic half-open crossing-number test (an edge counts when
// (y1 > py) != (y2 > py) and the point is strictly west of it), with one addition: the side of
// an edge a point is on is decided by an exact orientation predicate, never by a rounded
// intersection. Rounding would let two neighbours disagree about a point on or within an ulp
// of their shared edge, giving it two owners or none.
//
// Real layers are not always drawn to meet the address points: a BAN point geocoded on the
// centre line of the boulevard that bounds a layer can land a few millimetres outside it.
// LocateNear gives such points to the polygon with the nearest boundary, within a tolerance in
// metres (SnapMetres suits BAN addresses); farther points stay unassigned, to be reported.
//
// Coordinates are planar: the package treats longitude and latitude as x and y, which is exact
// for deciding containment in polygons whose edges are drawn as straight lines in lon/lat, as
// GeoJSON's are.
package pip

import (
	"fmt"
	"sync"

	"github.com/paulmach/orb"
)

// NoOwner is the id given for a point that no polygon owns.
const NoOwner = -1

// Index answers which polygon of a layer owns a point. It is immutable once built and safe for
// concurrent use.
type Index struct {
	ids []int
	// The rings of area e are rings [areaRings[e], areaRings[e+1]).
	areaRings []int32
	// Ring r's vertices are xy[2*ringStart[r] : 2*ringStart[r+1]] as x0, y0, x1, y1, ...; the
	// first vertex is repeated at the end so that edges are consecutive pairs.
	ringStart []int32
	ringBox   []box
	xy        []float64
	tree      *rtree
}

// NewIndex prepares polys (each an orb.Polygon or orb.MultiPolygon in lon/lat) for Locate. ids[i]
// is what Locate returns for polys[i]; with nil ids it returns i. Ids must not be negative, so
// that NoOwner stays distinct.
func NewIndex(polys []orb.Geometry, ids []int) (*Index, error) {
	if ids == nil {
		ids = make([]int, len(polys))
		for i := range ids {
			ids[i] = i
		}
	}
	if len(ids) != len(polys) {
		return nil, fmt.Errorf("pip: %d ids for %d polygons, want one id per polygon", len(ids), len(polys))
	}
	ix := &Index{ids: append([]int(nil), ids...), areaRings: []int32{0}, ringStart: []int32{0}}
	var boxes []box
	var refs []int32
	for i, g := range polys {
		if ids[i] < 0 {
			return nil, fmt.Errorf("pip: polygon %d: id %d is negative, want an id >= 0", i, ids[i])
		}
		var parts orb.MultiPolygon
		switch g := g.(type) {
		case orb.Polygon:
			parts = orb.MultiPolygon{g}
		case orb.MultiPolygon:
			parts = g
		default:
			return nil, fmt.Errorf("pip: polygon %d: geometry is %T, want orb.Polygon or orb.MultiPolygon", i, g)
		}
		for _, part := range parts {
			first := true
			var b box
			for _, ring := range part {
				if len(ring) < 3 {
					continue // no area: contributes no crossing
				}
				rb := ix.addRing(ring)
				if first {
					b, first = rb, false
				} else {
					b = b.union(rb)
				}
			}
			if !first {
				boxes = append(boxes, b)
				refs = append(refs, int32(i))
			}
		}
		ix.areaRings = append(ix.areaRings, int32(len(ix.ringBox)))
	}
	ix.tree = newRTree(boxes, refs)
	return ix, nil
}

// addRing appends ring to the flat representation, closing it if needed, and returns its box.
func (ix *Index) addRing(ring orb.Ring) box {
	b := box{ring[0][0], ring[0][1], ring[0][0], ring[0][1]}
	for _, p := range ring {
		ix.xy = append(ix.xy, p[0], p[1])
		b = b.union(box{p[0], p[1], p[0], p[1]})
	}
	if ring[0] != ring[len(ring)-1] {
		ix.xy = append(ix.xy, ring[0][0], ring[0][1])
	}
	ix.ringStart = append(ix.ringStart, int32(len(ix.xy)/2))
	ix.ringBox = append(ix.ringBox, b)
	return b
}

// Locate returns the id of the polygon owning pt (see the package documentation for points on
// edges and vertices), and false if no polygon owns it.
func (ix *Index) Locate(pt orb.Point) (int, bool) {
	x, y := pt[0], pt[1]
	var buf [32]int32
	cands := ix.tree.search(box{x, y, x, y}, buf[:0])
	// Test in input order, so that the first polygon given wins where polygons overlap.
	for _, a := range sortedUnique(cands) {
		if ix.owns(a, x, y) {
			return ix.ids[a], true
		}
	}
	return NoOwner, false
}

// sortedUnique sorts a short list of candidates in place and drops repeats, which come from
// the several parts of a MultiPolygon.
func sortedUnique(c []int32) []int32 {
	for i := 1; i < len(c); i++ {
		for j := i; j > 0 && c[j] < c[j-1]; j-- {
			c[j], c[j-1] = c[j-1], c[j]
		}
	}
	out := c[:0]
	for _, a := range c {
		if len(out) == 0 || a != out[len(out)-1] {
			out = append(out, a)
		}
	}
	return out
}

// owns reports whether area a owns (x, y): whether an odd number of its edges, holes and
// other parts included, cross the ray going east from the point.
func (ix *Index) owns(a int32, x, y float64) bool {
	inside := false
	for r := ix.areaRings[a]; r < ix.areaRings[a+1]; r++ {
		b := ix.ringBox[r]
		// Outside this half-open box the ring contributes an even number of crossings: none
		// when y < minY, y >= maxY or x >= maxX, and an even number when x < minX.
		if x < b.minX || x >= b.maxX || y < b.minY || y >= b.maxY {
			continue
		}
		if ix.crossesOdd(r, x, y) {
			inside = !inside
		}
	}
	return inside
}

// crossesOdd reports whether an odd number of ring r's edges cross the ray going east from
// (x, y), under the half-open rule.
func (ix *Index) crossesOdd(r int32, x, y float64) bool {
	pts := ix.xy[2*ix.ringStart[r] : 2*ix.ringStart[r+1]]
	odd := false
	px, py := pts[0], pts[1]
	pAbove := py > y
	for i := 2; i+1 < len(pts); i += 2 {
		qx, qy := pts[i], pts[i+1]
		qAbove := qy > y
		if qAbove != pAbove {
			// The edge spans the ray's height; it counts when the point is strictly west of
			// it, i.e. left of the edge directed upwards.
			switch {
			case x < px && x < qx:
				odd = !odd
			case x >= px && x >= qx: // on or east of the edge: not counted
			case qAbove && orient(px, py, qx, qy, x, y) > 0,
				pAbove && orient(qx, qy, px, py, x, y) > 0:
				odd = !odd
			}
		}
		px, py, pAbove = qx, qy, qAbove
	}
	return odd
}

// OnBoundary reports whether pt lies exactly on an edge or vertex of some polygon of the index.
// Such points are where ownership depends on the half-open rule rather than on containment.
func (ix *Index) OnBoundary(pt orb.Point) bool {
	x, y := pt[0], pt[1]
	var buf [32]int32
	for _, a := range ix.tree.search(box{x, y, x, y}, buf[:0]) {
		for r := ix.areaRings[a]; r < ix.areaRings[a+1]; r++ {
			if !ix.ringBox[r].contains(x, y) {
				continue
			}
			pts := ix.xy[2*ix.ringStart[r] : 2*ix.ringStart[r+1]]
			for i := 2; i+1 < len(pts); i += 2 {
				e := box{min(pts[i-2], pts[i]), min(pts[i-1], pts[i+1]), max(pts[i-2], pts[i]), max(pts[i-1], pts[i+1])}
				if e.contains(x, y) && orient(pts[i-2], pts[i-1], pts[i], pts[i+1], x, y) == 0 {
					return true
				}
			}
		}
	}
	return false
}

// LocateAll returns the owner of every point, NoOwner for points no polygon owns, using up to
// workers goroutines.
func (ix *Index) LocateAll(points []orb.Point, workers int) []int {
	return parallel(points, workers, func(pt orb.Point) int {
		id, _ := ix.Locate(pt)
		return id
	})
}

// parallel returns locate(p) for every point, splitting the points among up to workers
// goroutines.
func parallel(points []orb.Point, workers int, locate func(orb.Point) int) []int {
	owners := make([]int, len(points))
	// Below a few thousand points per goroutine, starting goroutines costs more than it saves.
	const minChunk = 4096
	workers = max(1, min(workers, len(points)/minChunk))
	chunk := (len(points) + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < len(points); lo += chunk {
		hi := min(lo+chunk, len(points))
		wg.Go(func() {
			for i := lo; i < hi; i++ {
				owners[i] = locate(points[i])
			}
		})
	}
	wg.Wait()
	return owners
}
