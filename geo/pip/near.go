package pip

import (
	"math"

	"github.com/paulmach/orb"
)

// SnapMetres is a sensible tolerance for LocateNear with BAN address points: it takes in the
// points geocoded on the street that bounds a layer (two addresses of boulevard de Ménilmontant
// sit 9 and 15 mm outside the 20e's polling stations) and a layer's slightly different outline
// (two 20e addresses lie 0.7 and 1.1 m outside the older IRIS contours), while an address of the
// neighbouring arrondissement, across the street, stays unassigned and gets reported.
const SnapMetres = 2.0

// metresPerDegree is the length of a degree of latitude (and of longitude at the equator) on a
// sphere of the WGS84 equatorial radius. LocateNear measures distances on the local tangent plane
// (equirectangular approximation), accurate to 1% at the metre scale it is meant for.
const metresPerDegree = 2 * math.Pi * 6378137 / 360

// LocateNear returns the owner of pt as Locate does, with metres = 0. When no polygon owns pt, it
// returns the polygon whose boundary is closest to pt if that is at most maxMetres away, with the
// distance; on a tie, the polygon given first to NewIndex. It is for points that sit just outside
// a layer because they were placed on the street that bounds it.
func (ix *Index) LocateNear(pt orb.Point, maxMetres float64) (id int, metres float64, ok bool) {
	if id, ok := ix.Locate(pt); ok {
		return id, 0, true
	}
	kx := metresPerDegree * math.Cos(pt[1]*math.Pi/180)
	ky := metresPerDegree
	dx, dy := maxMetres/kx, maxMetres/ky
	var buf [32]int32
	cands := sortedUnique(ix.tree.search(box{pt[0] - dx, pt[1] - dy, pt[0] + dx, pt[1] + dy}, buf[:0]))
	best, bestD2 := int32(-1), maxMetres*maxMetres
	for _, a := range cands {
		for r := ix.areaRings[a]; r < ix.areaRings[a+1]; r++ {
			pts := ix.xy[2*ix.ringStart[r] : 2*ix.ringStart[r+1]]
			for i := 2; i+1 < len(pts); i += 2 {
				d2 := segmentDist2((pts[i-2]-pt[0])*kx, (pts[i-1]-pt[1])*ky, (pts[i]-pt[0])*kx, (pts[i+1]-pt[1])*ky)
				if d2 < bestD2 || d2 == bestD2 && best < 0 {
					best, bestD2 = a, d2
				}
			}
		}
	}
	if best < 0 {
		return NoOwner, 0, false
	}
	return ix.ids[best], math.Sqrt(bestD2), true
}

// segmentDist2 is the squared distance from the origin to the segment (ax, ay)-(bx, by).
func segmentDist2(ax, ay, bx, by float64) float64 {
	ex, ey := bx-ax, by-ay
	t := 0.0
	if l2 := ex*ex + ey*ey; l2 > 0 {
		t = math.Max(0, math.Min(1, -(ax*ex+ay*ey)/l2))
	}
	x, y := ax+t*ex, ay+t*ey
	return x*x + y*y
}

// LocateAllNear is LocateAll with LocateNear's tolerance.
func (ix *Index) LocateAllNear(points []orb.Point, workers int, maxMetres float64) []int {
	return parallel(points, workers, func(pt orb.Point) int {
		id, _, _ := ix.LocateNear(pt, maxMetres)
		return id
	})
}
