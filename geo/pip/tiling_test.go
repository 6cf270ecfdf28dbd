package pip_test

import (
	"testing"

	"github.com/campagne-fr/porteaporte/geo/pip"
	"github.com/campagne-fr/porteaporte/geo/pip/internal/tiling"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// TestTilingOneOwner checks the promise of the half-open rule on random tilings: every point
// strictly inside the tiled square, random or placed exactly on a vertex or an edge, has exactly
// one owner, and points not on an edge have the owner that plain containment gives.
func TestTilingOneOwner(t *testing.T) {
	b := orb.Bound{Min: orb.Point{2.25, 48.81}, Max: orb.Point{2.42, 48.91}}
	for seed := uint64(1); seed <= 3; seed++ {
		polys := tiling.Grid(b, 8, 6, seed)
		geoms := make([]orb.Geometry, len(polys))
		singles := make([]*pip.Index, len(polys))
		for i, p := range polys {
			geoms[i] = p
			var err error
			if singles[i], err = pip.NewIndex([]orb.Geometry{p}, []int{i}); err != nil {
				t.Fatal(err)
			}
		}
		ix, err := pip.NewIndex(geoms, nil)
		if err != nil {
			t.Fatal(err)
		}

		pts := tiling.Points(b, 5000, seed)
		for _, p := range polys {
			ring := p[0]
			for i := 1; i < len(ring); i++ {
				// The vertex itself, and the rounded midpoint of the edge, which may or may not
				// lie exactly on it.
				pts = append(pts, ring[i], orb.Point{(ring[i-1][0] + ring[i][0]) / 2, (ring[i-1][1] + ring[i][1]) / 2})
			}
		}
		owners := ix.LocateAll(pts, 2)
		var onEdge, inside int
		for k, pt := range pts {
			// Inside, or on the square's west or south side but not its east or north one: the
			// points whose east-north-east neighbourhood is in the square.
			wantOne := b.Min[0] <= pt[0] && pt[0] < b.Max[0] && b.Min[1] <= pt[1] && pt[1] < b.Max[1]
			n, single := 0, pip.NoOwner
			for _, s := range singles {
				if id, ok := s.Locate(pt); ok {
					n, single = n+1, id
				}
			}
			if wantOne && n != 1 || !wantOne && n != 0 {
				t.Fatalf("seed %d: point %v has %d owners, want exactly one: %v", seed, pt, n, wantOne)
			}
			if owners[k] != single {
				t.Fatalf("seed %d: point %v: LocateAll gives %d, the polygon's own index %d", seed, pt, owners[k], single)
			}
			if ix.OnBoundary(pt) {
				onEdge++
				continue
			}
			inside++
			var want []int
			for i, p := range polys {
				if planar.PolygonContains(p, pt) {
					want = append(want, i)
				}
			}
			if len(want) != 1 || want[0] != owners[k] {
				t.Fatalf("seed %d: point %v owned by %d, planar.PolygonContains says %v", seed, pt, owners[k], want)
			}
		}
		if onEdge == 0 || inside < 5000 {
			t.Fatalf("seed %d: %d points on an edge and %d off, want both kinds tested", seed, onEdge, inside)
		}
	}
}
