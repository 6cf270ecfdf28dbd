package geo

import (
	"math"

	"github.com/paulmach/orb"
)

// WGS84 ellipsoid (GRS80, used by the BAN and Lambert-93, differs by 0.1 mm in the semi-minor axis).
const (
	wgs84A  = 6378137.0
	wgs84F  = 1 / 298.257223563
	wgs84E2 = wgs84F * (2 - wgs84F)
)

// Projection maps WGS84 longitude/latitude (degrees, orb.Point{lon, lat}) to planar metres around a
// reference point, for distances at the scale of a city: walking routes, turf sizes, nearest doors.
//
// It is the local east-north tangent plane at the reference: points are placed on the ellipsoid
// and projected orthogonally onto the plane tangent to it at the reference. Distances shrink by
// the cosine of the angle seen from the Earth's centre, so the relative error is of second order,
// at most (r/R)²/2 for points within r of the reference: 1e-7 at 3 km, 1.3e-6 at 10 km; it only
// reaches 0.1% beyond 280 km. Simpler schemes are first-order: an equirectangular projection
// (x = R·cos φ0·Δλ) is off by tan φ·Δφ, 0.05% 3 km north or south of the reference at Paris's
// latitude, and haversine on a sphere by up to 0.3% depending on the direction, because the
// ellipsoid's curvature differs north-south and east-west by that much at French latitudes.
type Projection struct {
	x0, y0, z0     float64 // reference, Earth-centred Cartesian metres
	sinLon, cosLon float64
	sinLat, cosLat float64
}

// NewProjection returns the projection centred on ref (lon, lat in degrees). Choose a reference
// inside the area of interest, e.g. its bounding box centre: the error grows with the square of
// the distance from it.
func NewProjection(ref orb.Point) Projection {
	p := Projection{}
	p.x0, p.y0, p.z0 = ecef(ref)
	p.sinLon, p.cosLon = math.Sincos(ref.Lon() * math.Pi / 180)
	p.sinLat, p.cosLat = math.Sincos(ref.Lat() * math.Pi / 180)
	return p
}

// ecef returns pt (lon, lat in degrees, on the ellipsoid) in Earth-centred Cartesian metres.
func ecef(pt orb.Point) (x, y, z float64) {
	sinLon, cosLon := math.Sincos(pt.Lon() * math.Pi / 180)
	sinLat, cosLat := math.Sincos(pt.Lat() * math.Pi / 180)
	n := wgs84A / math.Sqrt(1-wgs84E2*sinLat*sinLat) // prime vertical radius of curvature
	return n * cosLat * cosLon, n * cosLat * sinLon, n * (1 - wgs84E2) * sinLat
}

// Metres returns pt (lon, lat in degrees) as metres east (X) and north (Y) of the reference.
func (p Projection) Metres(pt orb.Point) orb.Point {
	x, y, z := ecef(pt)
	dx, dy, dz := x-p.x0, y-p.y0, z-p.z0
	east := -p.sinLon*dx + p.cosLon*dy
	north := -p.sinLat*p.cosLon*dx - p.sinLat*p.sinLon*dy + p.cosLat*dz
	return orb.Point{east, north}
}

// MetresAll projects every point of pts into a new slice.
func (p Projection) MetresAll(pts []orb.Point) []orb.Point {
	out := make([]orb.Point, len(pts))
	for i, pt := range pts {
		out[i] = p.Metres(pt)
	}
	return out
}

// Distance returns the distance in metres between a and b (lon, lat in degrees), both near the
// reference.
func (p Projection) Distance(a, b orb.Point) float64 {
	ma, mb := p.Metres(a), p.Metres(b)
	return math.Hypot(ma.X()-mb.X(), ma.Y()-mb.Y())
}
