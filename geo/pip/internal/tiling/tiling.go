// Package tiling generates deterministic layers for testing and benchmarking point-in-polygon
// assignment: a rectangle cut into a grid of jittered cells whose borders are wiggly polylines
// shared exactly, vertex for vertex, by the two cells on either side, so that the cells tile the
// rectangle with no gap and no overlap, like a real layer of polling-station sectors.
package tiling

import (
	"math"
	"math/rand/v2"

	"github.com/paulmach/orb"
)

// Node jitter and border wiggle, as fractions of a cell's width or height. They are small enough
// that no border can cross another: near a grid node, where borders meet, the wiggle fades out
// (it is scaled by sin(πt)) and the borders leave the node at clearly different angles.
const (
	nodeJitter = 0.15
	wiggle     = 0.05
)

// Grid cuts b into nx × ny cells, row by row from the south-west corner. Each cell is one
// anticlockwise ring whose four borders are split into 5 to 15 segments, so rings have 20 to 60
// vertices. The outer border of the grid is b's straight sides. The same seed gives the same
// polygons.
func Grid(b orb.Bound, nx, ny int, seed uint64) []orb.Polygon {
	cw := (b.Max[0] - b.Min[0]) / float64(nx)
	ch := (b.Max[1] - b.Min[1]) / float64(ny)
	node := func(i, j int) orb.Point {
		r := rand.New(rand.NewPCG(seed, uint64(j*(nx+1)+i)))
		x := b.Min[0] + float64(i)*cw
		y := b.Min[1] + float64(j)*ch
		switch i { // the outer border stays straight: its nodes only slide along it
		case 0:
			x = b.Min[0]
		case nx:
			x = b.Max[0]
		default:
			x += (2*r.Float64() - 1) * nodeJitter * cw
		}
		switch j {
		case 0:
			y = b.Min[1]
		case ny:
			y = b.Max[1]
		default:
			y += (2*r.Float64() - 1) * nodeJitter * ch
		}
		return orb.Point{x, y}
	}
	// border returns the points strictly between the ends of the border from a to b; key
	// identifies the border so that both cells along it get the very same points.
	border := func(a, c orb.Point, key uint64, outer bool, across orb.Point) []orb.Point {
		r := rand.New(rand.NewPCG(seed^0x9e3779b97f4a7c15, key))
		k := 5 + r.IntN(11)
		pts := make([]orb.Point, 0, k-1)
		for s := 1; s < k; s++ {
			t := float64(s) / float64(k)
			off := 0.0
			if !outer {
				off = (2*r.Float64() - 1) * wiggle * math.Sin(math.Pi*t)
			}
			pts = append(pts, orb.Point{
				a[0] + t*(c[0]-a[0]) + off*across[0],
				a[1] + t*(c[1]-a[1]) + off*across[1],
			})
		}
		return pts
	}
	// horizontal(i, j) runs from node(i, j) east to node(i+1, j); vertical(i, j) from node(i, j)
	// north to node(i, j+1). Keys: even for horizontal, odd for vertical borders.
	horizontal := func(i, j int) []orb.Point {
		return border(node(i, j), node(i+1, j), uint64(2*(j*(nx+1)+i)), j == 0 || j == ny, orb.Point{0, ch})
	}
	vertical := func(i, j int) []orb.Point {
		return border(node(i, j), node(i, j+1), uint64(2*(j*(nx+1)+i)+1), i == 0 || i == nx, orb.Point{cw, 0})
	}
	polys := make([]orb.Polygon, 0, nx*ny)
	for j := range ny {
		for i := range nx {
			ring := orb.Ring{node(i, j)}
			ring = append(ring, horizontal(i, j)...)
			ring = append(ring, node(i+1, j))
			ring = append(ring, vertical(i+1, j)...)
			ring = append(ring, node(i+1, j+1))
			ring = append(ring, reversed(horizontal(i, j+1))...)
			ring = append(ring, node(i, j+1))
			ring = append(ring, reversed(vertical(i, j))...)
			ring = append(ring, node(i, j))
			polys = append(polys, orb.Polygon{ring})
		}
	}
	return polys
}

func reversed(pts []orb.Point) []orb.Point {
	out := make([]orb.Point, len(pts))
	for i, p := range pts {
		out[len(pts)-1-i] = p
	}
	return out
}

// Points returns n points drawn uniformly in b; the same seed gives the same points.
func Points(b orb.Bound, n int, seed uint64) []orb.Point {
	r := rand.New(rand.NewPCG(seed, 0x5eed))
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{
			b.Min[0] + r.Float64()*(b.Max[0]-b.Min[0]),
			b.Min[1] + r.Float64()*(b.Max[1]-b.Min[1]),
		}
	}
	return pts
}

// BenchData is the benchmark's layer and points, shared by the Go benchmarks and the SpatiaLite
// comparison so that both run on the same data: 1,000 polygons (a 40 × 25 grid over an extent the
// size of Paris) and n points drawn uniformly over it.
func BenchData(n int) ([]orb.Polygon, []orb.Point) {
	b := orb.Bound{Min: orb.Point{2.22, 48.80}, Max: orb.Point{2.48, 48.92}}
	return Grid(b, 40, 25, 20240609), Points(b, n, 20240609)
}
