package geo

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"

	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// The kinds of invalid geometry. Errors returned by the Validate functions wrap exactly one of them
// (test with errors.Is) and say where in the geometry the problem is.
var (
	ErrEmpty            = errors.New("empty geometry")
	ErrNotClosed        = errors.New("ring not closed")
	ErrTooFewPoints     = errors.New("too few points")
	ErrNotFinite        = errors.New("coordinate is NaN or infinite")
	ErrOutOfRange       = errors.New("coordinate out of lon/lat range")
	ErrSelfIntersection = errors.New("ring crosses or touches itself")
	ErrZeroArea         = errors.New("ring has zero area")
	ErrZeroLength       = errors.New("line has zero length")
	ErrHoleOutside      = errors.New("hole outside its outer ring")
	ErrUnsupported      = errors.New("unsupported geometry type")
)

// maxPairTests bounds the segment pairs the self-intersection sweep of one ring may test. The sweep
// sorts segments by their west edge and only pairs segments whose longitude spans overlap: about
// n log n on real boundaries, but n² on contrived rings of long overlapping segments. Past the bound
// the ring is not checked for self-intersection (every other check still applies): a slow import
// would be worse than a crossing left for the organizer to see on the map.
const maxPairTests = 20_000_000

// holeSamples is how many vertices of a hole are tested against its outer ring: enough to catch a
// hole drawn outside or across its shell, bounded so a huge hole costs a few passes over the shell.
const holeSamples = 64

// ValidateGeometry checks a geometry meant for an area layer: Polygon, MultiPolygon, LineString or
// MultiLineString in WGS84 lon/lat. See ValidatePolygon for what is checked of polygons; a line
// needs at least 2 points, finite coordinates within range, and not all at the same place. Other
// types are reported with ErrUnsupported.
func ValidateGeometry(g orb.Geometry) error {
	switch g := g.(type) {
	case orb.Polygon:
		return validatePolygon(g, 0)
	case orb.MultiPolygon:
		if len(g) == 0 {
			return i18n.Msg("geo.multipolygon.empty", "Cause", ErrEmpty)
		}
		for i, p := range g {
			if err := validatePolygon(p, i+1); err != nil {
				return err
			}
		}
		return nil
	case orb.LineString:
		return validateLine(g, i18n.Msg("geo.place.line"))
	case orb.MultiLineString:
		if len(g) == 0 {
			return i18n.Msg("geo.multilinestring.empty", "Cause", ErrEmpty)
		}
		for i, l := range g {
			if err := validateLine(l, i18n.Msg("geo.place.line.n", "N", i+1)); err != nil {
				return err
			}
		}
		return nil
	case nil:
		return i18n.Msg("geo.none", "Cause", ErrEmpty)
	default:
		return i18n.Msg("geo.unsupported", "Type", g.GeoJSONType(), "Cause", ErrUnsupported)
	}
}

// ValidatePolygon checks a polygon in WGS84 lon/lat: every ring closed, with at least 4 points,
// finite coordinates within [-180, 180] × [-90, 90], not crossing or touching itself (a sweep over
// the ring's segments, see maxPairTests), with a non-zero area; and every hole within its outer
// ring (up to holeSamples of its vertices tested). Not checked: holes crossing each other or nested,
// the polygons of a MultiPolygon overlapping, ring orientation (RFC 7946 asks writers, not readers).
func ValidatePolygon(p orb.Polygon) error { return validatePolygon(p, 0) }

// validatePolygon checks polygon n of a MultiPolygon (0: a Polygon).
func validatePolygon(p orb.Polygon, n int) error {
	// in names a place of the polygon, within the MultiPolygon.
	in := func(place i18n.Message) i18n.Message {
		if n == 0 {
			return place
		}
		return i18n.Msg("geo.place.in", "N", n, "Place", place)
	}
	if len(p) == 0 {
		return i18n.Msg("geo.empty", "Place", in(i18n.Msg("geo.place.polygon")), "Cause", ErrEmpty)
	}
	for i, r := range p {
		name := in(i18n.Msg("geo.place.outer"))
		if i > 0 {
			name = in(i18n.Msg("geo.place.hole", "N", i))
		}
		if err := validateRing(r, name); err != nil {
			return err
		}
	}
	for i, h := range p[1:] {
		step := max(1, len(h)/holeSamples)
		for j := 0; j < len(h); j += step {
			if !planar.RingContains(p[0], h[j]) {
				return i18n.Msg("geo.hole.outside", "Place", in(i18n.Msg("geo.place.hole", "N", i+1)), "N", j+1, "Cause", ErrHoleOutside)
			}
		}
	}
	return nil
}

// validateRing checks one ring, cheapest checks first.
func validateRing(r orb.Ring, name i18n.Message) error {
	if len(r) < 4 {
		return i18n.Msg("geo.ring.few", "Place", name, "Count", len(r), "Cause", ErrTooFewPoints)
	}
	if err := checkCoordinates(r, name); err != nil {
		return err
	}
	if r[0] != r[len(r)-1] {
		return i18n.Msg("geo.ring.open", "Place", name, "Cause", ErrNotClosed)
	}
	if fanArea(r) <= 1e-12*boundArea(r.Bound()) {
		return i18n.Msg("geo.ring.flat", "Place", name, "Cause", ErrZeroArea)
	}
	return checkSelfIntersection(r, name)
}

func validateLine(l orb.LineString, name i18n.Message) error {
	if len(l) < 2 {
		return i18n.Msg("geo.line.few", "Place", name, "Count", len(l), "Cause", ErrTooFewPoints)
	}
	if err := checkCoordinates(l, name); err != nil {
		return err
	}
	for _, p := range l[1:] {
		if p != l[0] {
			return nil
		}
	}
	return i18n.Msg("geo.line.zero", "Place", name, "Cause", ErrZeroLength)
}

// checkCoordinates rejects NaN, infinities and coordinates outside lon/lat ranges: the last usually
// means a file in a projected system (Lambert-93 metres) rather than WGS84.
func checkCoordinates(pts []orb.Point, name i18n.Message) error {
	for i, p := range pts {
		if math.IsNaN(p[0]) || math.IsNaN(p[1]) || math.IsInf(p[0], 0) || math.IsInf(p[1], 0) {
			return i18n.Msg("geo.point.nan", "Place", name, "N", i+1, "Cause", ErrNotFinite)
		}
		if p[0] < -180 || p[0] > 180 {
			return i18n.Msg("geo.point.lon", "Place", name, "N", i+1, "Value", strconv.FormatFloat(p[0], 'g', -1, 64), "Cause", ErrOutOfRange)
		}
		if p[1] < -90 || p[1] > 90 {
			return i18n.Msg("geo.point.lat", "Place", name, "N", i+1, "Value", strconv.FormatFloat(p[1], 'g', -1, 64), "Cause", ErrOutOfRange)
		}
	}
	return nil
}

// fanArea sums the unsigned areas of the triangles fanning from the ring's first point: zero (to
// rounding) exactly when all the points lie on one line. The signed shoelace sum would also be zero
// for a symmetric bow tie, which is better reported as crossing itself.
func fanArea(r orb.Ring) float64 {
	var sum float64
	for i := 1; i+1 < len(r); i++ {
		sum += math.Abs(orient(r[0], r[i], r[i+1]))
	}
	return sum / 2
}

func boundArea(b orb.Bound) float64 { return (b.Max[0] - b.Min[0]) * (b.Max[1] - b.Min[1]) }

// segment is one edge of a ring, by index, with its longitude span for the sweep.
type segment struct {
	a, b       orb.Point
	i          int // position of the segment in the ring, after dropping repeated points
	minX, maxX float64
}

// checkSelfIntersection finds two edges of a ring that meet anywhere other than at the vertex that
// joins consecutive edges, and consecutive edges that fold back over each other (a spike).
// Consecutive repeated points are ignored: many published files have them and they are harmless.
func checkSelfIntersection(r orb.Ring, name i18n.Message) error {
	pts := make([]orb.Point, 0, len(r))
	for _, p := range r {
		if len(pts) == 0 || pts[len(pts)-1] != p {
			pts = append(pts, p)
		}
	}
	n := len(pts) - 1 // segments
	if n < 3 {
		return i18n.Msg("geo.ring.distinct", "Place", name, "Cause", ErrZeroArea)
	}
	segs := make([]segment, n)
	for i := range n {
		a, b := pts[i], pts[i+1]
		segs[i] = segment{a: a, b: b, i: i, minX: math.Min(a[0], b[0]), maxX: math.Max(a[0], b[0])}
	}
	sort.Slice(segs, func(x, y int) bool { return segs[x].minX < segs[y].minX })
	tests := 0
	for x := range segs {
		s := &segs[x]
		for y := x + 1; y < n && segs[y].minX <= s.maxX; y++ {
			if tests++; tests > maxPairTests {
				return nil
			}
			t := &segs[y]
			lo, hi := s, t
			if lo.i > hi.i {
				lo, hi = hi, lo
			}
			var bad bool
			var at orb.Point
			switch {
			case hi.i == lo.i+1:
				bad, at = foldsBack(lo.a, lo.b, hi.b), lo.b
			case lo.i == 0 && hi.i == n-1:
				bad, at = foldsBack(hi.a, hi.b, lo.b), lo.a
			default:
				bad, at = segmentsMeet(lo.a, lo.b, hi.a, hi.b)
			}
			if bad {
				return i18n.Msg("geo.ring.crosses", "Place", name, "At", fmt.Sprintf("(%g, %g)", at[0], at[1]), "A", lo.i+1, "B", hi.i+1, "Cause", ErrSelfIntersection)
			}
		}
	}
	return nil
}

// orient is the sign of the turn a→b→c: positive left, negative right, zero collinear.
func orient(a, b, c orb.Point) float64 {
	return (b[0]-a[0])*(c[1]-a[1]) - (b[1]-a[1])*(c[0]-a[0])
}

// foldsBack says whether the path a→v→c turns back on itself along the same line.
func foldsBack(a, v, c orb.Point) bool {
	if orient(a, v, c) != 0 {
		return false
	}
	return (a[0]-v[0])*(c[0]-v[0])+(a[1]-v[1])*(c[1]-v[1]) > 0
}

// onSegment says whether p, known collinear with a-b, lies within the segment's box.
func onSegment(a, b, p orb.Point) bool {
	return math.Min(a[0], b[0]) <= p[0] && p[0] <= math.Max(a[0], b[0]) &&
		math.Min(a[1], b[1]) <= p[1] && p[1] <= math.Max(a[1], b[1])
}

// segmentsMeet says whether closed segments a-b and c-d share a point, and roughly where.
func segmentsMeet(a, b, c, d orb.Point) (bool, orb.Point) {
	if math.Max(a[1], b[1]) < math.Min(c[1], d[1]) || math.Max(c[1], d[1]) < math.Min(a[1], b[1]) {
		return false, orb.Point{}
	}
	o1, o2 := orient(a, b, c), orient(a, b, d)
	o3, o4 := orient(c, d, a), orient(c, d, b)
	if ((o1 > 0 && o2 < 0) || (o1 < 0 && o2 > 0)) && ((o3 > 0 && o4 < 0) || (o3 < 0 && o4 > 0)) {
		t := o3 / (o3 - o4)
		return true, orb.Point{a[0] + t*(b[0]-a[0]), a[1] + t*(b[1]-a[1])}
	}
	switch {
	case o1 == 0 && onSegment(a, b, c):
		return true, c
	case o2 == 0 && onSegment(a, b, d):
		return true, d
	case o3 == 0 && onSegment(c, d, a):
		return true, a
	case o4 == 0 && onSegment(c, d, b):
		return true, b
	}
	return false, orb.Point{}
}
