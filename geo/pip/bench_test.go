package pip

import (
	"sync"
	"testing"

	"github.com/campagne-fr/porteaporte/geo/pip/internal/tiling"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

var bench struct {
	once   sync.Once
	polys  []orb.Polygon
	points []orb.Point
	ix     *Index
}

// benchData is the 1,000-polygon layer and 1,000,000 points of the benchmark.
func benchData(b *testing.B) ([]orb.Polygon, []orb.Point, *Index) {
	bench.once.Do(func() {
		bench.polys, bench.points = tiling.BenchData(1_000_000)
		geoms := make([]orb.Geometry, len(bench.polys))
		for i, p := range bench.polys {
			geoms[i] = p
		}
		var err error
		if bench.ix, err = NewIndex(geoms, nil); err != nil {
			panic(err)
		}
	})
	return bench.polys, bench.points, bench.ix
}

func reportPointsPerSec(b *testing.B, points int) {
	b.ReportMetric(float64(points)/b.Elapsed().Seconds(), "points/s")
}

// BenchmarkLocate is one point per op through the whole index: R-tree, then the flat crossing
// test on the candidates.
func BenchmarkLocate(b *testing.B) {
	_, pts, ix := benchData(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		ix.Locate(pts[i%len(pts)])
	}
	reportPointsPerSec(b, b.N)
}

// BenchmarkLocateOrb is BenchmarkLocate with orb's planar.PolygonContains on the same
// candidates in place of the flat test (it counts boundary points in, so it is not a half-open
// rule, but it does the same work).
func BenchmarkLocateOrb(b *testing.B) {
	polys, pts, ix := benchData(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		pt := pts[i%len(pts)]
		var buf [32]int32
		for _, a := range sortedUnique(ix.tree.search(box{pt[0], pt[1], pt[0], pt[1]}, buf[:0])) {
			if planar.PolygonContains(polys[a], pt) {
				break
			}
		}
	}
	reportPointsPerSec(b, b.N)
}

// ownerPairs returns each point with the polygon owning it, for the containment-only benchmarks.
func ownerPairs(b *testing.B) ([]orb.Point, []int32) {
	_, pts, ix := benchData(b)
	pts = pts[:100_000]
	owners := make([]int32, len(pts))
	for i, o := range ix.LocateAll(pts, 2) {
		owners[i] = int32(o)
	}
	return pts, owners
}

// BenchmarkContainsFlat is the flat crossing test alone, one point against the polygon that
// owns it.
func BenchmarkContainsFlat(b *testing.B) {
	pts, owners := ownerPairs(b)
	_, _, ix := benchData(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		k := i % len(pts)
		if !ix.owns(owners[k], pts[k][0], pts[k][1]) {
			b.Fatal("owner does not contain its point")
		}
	}
	reportPointsPerSec(b, b.N)
}

// BenchmarkContainsOrb is BenchmarkContainsFlat with planar.PolygonContains on the same rings.
func BenchmarkContainsOrb(b *testing.B) {
	pts, owners := ownerPairs(b)
	polys, _, _ := benchData(b)
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		k := i % len(pts)
		if !planar.PolygonContains(polys[owners[k]], pts[k]) {
			b.Fatal("owner does not contain its point")
		}
	}
	reportPointsPerSec(b, b.N)
}

// BenchmarkLocateAll assigns the 1,000,000 points per op on both cores.
func BenchmarkLocateAll(b *testing.B) {
	_, pts, ix := benchData(b)
	b.ResetTimer()
	for b.Loop() {
		ix.LocateAll(pts, 2)
	}
	reportPointsPerSec(b, b.N*len(pts))
}

// BenchmarkNewIndex builds the index of the 1,000 polygons.
func BenchmarkNewIndex(b *testing.B) {
	polys, _, _ := benchData(b)
	geoms := make([]orb.Geometry, len(polys))
	for i, p := range polys {
		geoms[i] = p
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := NewIndex(geoms, nil); err != nil {
			b.Fatal(err)
		}
	}
}
