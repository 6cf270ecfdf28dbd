package pip_test

import (
	"math"
	"strings"
	"testing"

	"github.com/campagne-fr/porteaporte/geo/pip"

	"github.com/paulmach/orb"
)

func square(x0, y0, x1, y1 float64) orb.Ring {
	return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
}

type locateCase struct {
	name  string
	pt    orb.Point
	owner int // -1 for none
}

func checkLocate(t *testing.T, polys []orb.Geometry, ids []int, cases []locateCase) {
	t.Helper()
	ix, err := pip.NewIndex(polys, ids)
	if err != nil {
		t.Fatalf("NewIndex: %v", err)
	}
	for _, tc := range cases {
		got, ok := ix.Locate(tc.pt)
		if ok != (tc.owner != pip.NoOwner) || got != tc.owner {
			t.Errorf("%s: Locate(%v) = %d, %v; want %d", tc.name, tc.pt, got, ok, tc.owner)
		}
	}
	pts := make([]orb.Point, len(cases))
	for i, tc := range cases {
		pts[i] = tc.pt
	}
	for i, got := range ix.LocateAll(pts, 2) {
		if got != cases[i].owner {
			t.Errorf("%s: LocateAll gives %d, want %d", cases[i].name, got, cases[i].owner)
		}
	}
}

func TestLocateGrid(t *testing.T) {
	//  (0,2) +-------+-------+ (2,2)
	//        |       |       |
	//        |  12   |  13   |
	//        |       |       |
	//  (0,1) +-------+-------+ (2,1)
	//        |       |       |
	//        |  10   |  11   |
	//        |       |       |
	//  (0,0) +-------+-------+ (2,0)
	//
	// A point on an edge goes east (vertical edges) or north (horizontal edges); on a vertex,
	// to the cell just north of due east. On the layer's east and north sides, nobody.
	polys := []orb.Geometry{
		orb.Polygon{square(0, 0, 1, 1)},
		orb.Polygon{square(1, 0, 2, 1)},
		orb.Polygon{square(0, 1, 1, 2)},
		orb.Polygon{square(1, 1, 2, 2)},
	}
	checkLocate(t, polys, []int{10, 11, 12, 13}, []locateCase{
		{"inside", orb.Point{0.5, 0.5}, 10},
		{"inside other", orb.Point{1.5, 1.5}, 13},
		{"shared vertical edge", orb.Point{1, 0.5}, 11},
		{"shared vertical edge, upper", orb.Point{1, 1.5}, 13},
		{"shared horizontal edge", orb.Point{0.5, 1}, 12},
		{"shared horizontal edge, right", orb.Point{1.5, 1}, 13},
		{"vertex shared by four", orb.Point{1, 1}, 13},
		{"west side", orb.Point{0, 0.5}, 10},
		{"south side", orb.Point{0.5, 0}, 10},
		{"south side, vertex of two", orb.Point{1, 0}, 11},
		{"west side, vertex of two", orb.Point{0, 1}, 12},
		{"south-west corner", orb.Point{0, 0}, 10},
		{"east side", orb.Point{2, 0.5}, -1},
		{"north side", orb.Point{0.5, 2}, -1},
		{"north side, vertex of two", orb.Point{1, 2}, -1},
		{"east side, vertex of two", orb.Point{2, 1}, -1},
		{"south-east corner", orb.Point{2, 0}, -1},
		{"north-west corner", orb.Point{0, 2}, -1},
		{"north-east corner", orb.Point{2, 2}, -1},
		{"outside", orb.Point{3, 3}, -1},
		{"outside, level with an edge", orb.Point{-1, 1}, -1},
	})
}

func TestLocateDiagonal(t *testing.T) {
	//  (0,2) +-------+ (2,2)
	//        |     / |
	//        | 0  /  |
	//        |   /   |
	//        |  /  1 |
	//        | /     |
	//  (0,0) +-------+ (2,0)
	//
	// The diagonal is not horizontal: its points go east, to 1. Points one ulp off it are not
	// on it, and go to the side they are on.
	polys := []orb.Geometry{
		orb.Polygon{{{0, 0}, {2, 2}, {0, 2}, {0, 0}}},
		orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {0, 0}}},
	}
	up := math.Nextafter(1, 2)
	checkLocate(t, polys, nil, []locateCase{
		{"on the diagonal", orb.Point{1, 1}, 1},
		{"on the diagonal, inexact decimal", orb.Point{0.1, 0.1}, 1},
		{"one ulp above the diagonal", orb.Point{1, up}, 0},
		{"one ulp east of the diagonal", orb.Point{up, 1}, 1},
		{"south-west vertex", orb.Point{0, 0}, 1},
		{"north-east vertex", orb.Point{2, 2}, -1},
		{"west side", orb.Point{0, 1}, 0},
		{"north-west corner", orb.Point{0, 2}, -1},
	})
}

func TestLocateHole(t *testing.T) {
	//  (0,4) +---------------+ (4,4)
	//        |       0       |
	//        |   +-------+   |
	//        |   |       |   |
	//        |   |   1   |   |    0 has a hole, exactly filled by the island 1
	//        |   |       |   |
	//        |   +-------+   |
	//        |               |
	//  (0,0) +---------------+ (4,0)
	ring := orb.Polygon{square(0, 0, 4, 4), square(1, 1, 3, 3)}
	island := orb.Polygon{square(1, 1, 3, 3)}
	cases := []locateCase{
		{"in the ring", orb.Point{0.5, 0.5}, 0},
		{"in the hole", orb.Point{2, 2}, 1},
		{"hole's west edge", orb.Point{1, 2}, 1},
		{"hole's east edge", orb.Point{3, 2}, 0},
		{"hole's south edge", orb.Point{2, 1}, 1},
		{"hole's north edge", orb.Point{2, 3}, 0},
		{"hole's south-west corner", orb.Point{1, 1}, 1},
		{"hole's north-west corner", orb.Point{1, 3}, 0},
	}
	checkLocate(t, []orb.Geometry{ring, island}, nil, cases)

	// Without the island, the points it owned are nobody's.
	var alone []locateCase
	for _, tc := range cases {
		if tc.owner == 1 {
			tc.owner = -1
		}
		alone = append(alone, tc)
	}
	checkLocate(t, []orb.Geometry{ring}, nil, alone)
}

func TestLocateMultiPolygon(t *testing.T) {
	//  (0,1) +---+-------+---+ (4,1)
	//        | 0 |   1   | 0 |     0 is one MultiPolygon of two squares
	//  (0,0) +---+-------+---+ (4,0)
	polys := []orb.Geometry{
		orb.MultiPolygon{{square(0, 0, 1, 1)}, {square(3, 0, 4, 1)}},
		orb.Polygon{square(1, 0, 3, 1)},
	}
	checkLocate(t, polys, nil, []locateCase{
		{"first part", orb.Point{0.5, 0.5}, 0},
		{"second part", orb.Point{3.5, 0.5}, 0},
		{"between the parts", orb.Point{2, 0.5}, 1},
		{"edge of the first part", orb.Point{1, 0.5}, 1},
		{"edge of the second part", orb.Point{3, 0.5}, 0},
	})
}

func TestLocateOverlapFirstWins(t *testing.T) {
	// Two identical squares: the one given first owns everything, whatever its id.
	polys := []orb.Geometry{orb.Polygon{square(0, 0, 1, 1)}, orb.Polygon{square(0, 0, 1, 1)}}
	checkLocate(t, polys, []int{7, 3}, []locateCase{{"inside both", orb.Point{0.5, 0.5}, 7}})
}

func TestOnBoundary(t *testing.T) {
	ix, err := pip.NewIndex([]orb.Geometry{orb.Polygon{{{0, 0}, {2, 0}, {2, 2}, {0, 0}}}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		pt   orb.Point
		want bool
	}{
		{orb.Point{1, 1}, true},
		{orb.Point{0.1, 0.1}, true},
		{orb.Point{2, 2}, true},
		{orb.Point{1, 0}, true},
		{orb.Point{1, math.Nextafter(1, 0)}, false},
		{orb.Point{1.5, 0.5}, false},
		{orb.Point{3, 0}, false},
	} {
		if got := ix.OnBoundary(tc.pt); got != tc.want {
			t.Errorf("OnBoundary(%v) = %v, want %v", tc.pt, got, tc.want)
		}
	}
}

func TestNewIndexErrors(t *testing.T) {
	sq := orb.Polygon{square(0, 0, 1, 1)}
	for _, tc := range []struct {
		name  string
		polys []orb.Geometry
		ids   []int
		want  string
	}{
		{"not a polygon", []orb.Geometry{sq, orb.Point{1, 2}}, nil, "polygon 1: geometry is orb.Point"},
		{"ids missing", []orb.Geometry{sq, sq}, []int{1}, "1 ids for 2 polygons"},
		{"negative id", []orb.Geometry{sq}, []int{-4}, "polygon 0: id -4 is negative"},
	} {
		_, err := pip.NewIndex(tc.polys, tc.ids)
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: error %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}
