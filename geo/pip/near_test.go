package pip_test

import (
	"math"
	"testing"

	"github.com/campagne-fr/porteaporte/geo/pip"

	"github.com/paulmach/orb"
)

func TestLocateNear(t *testing.T) {
	// Two blocks 10 m apart, at the latitude of Paris (a degree of longitude is ~73 km there):
	//
	//   +------+          +------+
	//   |      |  x    x  |      |
	//   |  0   |<- 10 m ->|  1   |    x: points 1 m and 3 m from block 1's west side
	//   +------+          +------+
	const lat = 48.86
	mx := 1 / (2 * math.Pi * 6378137 / 360 * math.Cos(lat*math.Pi/180)) // degrees of longitude per metre
	my := 1 / (2 * math.Pi * 6378137 / 360)
	x0, x1 := 2.38, 2.38+100*mx
	x2, x3 := x1+10*mx, x1+110*mx
	y0, y1 := lat-50*my, lat+50*my
	ix, err := pip.NewIndex([]orb.Geometry{orb.Polygon{square(x0, y0, x1, y1)}, orb.Polygon{square(x2, y0, x3, y1)}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		pt     orb.Point
		max    float64
		owner  int
		metres float64
	}{
		{"inside", orb.Point{x0 + 50*mx, lat}, pip.SnapMetres, 0, 0},
		{"1 m west of block 1", orb.Point{x2 - 1*mx, lat}, pip.SnapMetres, 1, 1},
		{"3 m west of block 1", orb.Point{x2 - 3*mx, lat}, pip.SnapMetres, -1, 0},
		{"3 m west of block 1, larger tolerance", orb.Point{x2 - 3*mx, lat}, 5, 1, 3},
		{"1 m north of block 0", orb.Point{x0 + 50*mx, y1 + my}, pip.SnapMetres, 0, 1},
		{"1 m east of block 1", orb.Point{x3 + mx, lat}, pip.SnapMetres, 1, 1},
	} {
		owner, metres, ok := ix.LocateNear(tc.pt, tc.max)
		if owner != tc.owner || ok != (tc.owner != pip.NoOwner) || math.Abs(metres-tc.metres) > 0.01 {
			t.Errorf("%s: LocateNear = %d, %.3f m, %v; want %d, %.3f m", tc.name, owner, metres, ok, tc.owner, tc.metres)
		}
		if all := ix.LocateAllNear([]orb.Point{tc.pt}, 1, tc.max); all[0] != tc.owner {
			t.Errorf("%s: LocateAllNear gives %d, want %d", tc.name, all[0], tc.owner)
		}
	}
}
