package geo

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/paulmach/orb"
)

func TestValidatePolygon(t *testing.T) {
	cases := []struct {
		name string
		poly orb.Polygon
		want error  // nil: valid
		in   string // a fragment the message must hold
	}{
		{
			// +---+
			// |   |
			// +---+
			name: "square",
			poly: orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}},
		},
		{
			// +-------+
			// | +-+   |
			// | +-+   |
			// +-------+
			name: "square with a hole",
			poly: orb.Polygon{
				{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}},
				{{1, 1}, {1, 2}, {2, 2}, {2, 1}, {1, 1}},
			},
		},
		{
			// +---+      the same square, with a repeated corner
			// |   |      (published files have them)
			// ++--+
			name: "repeated point",
			poly: orb.Polygon{{{0, 0}, {1, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}},
		},
		{
			// +---+
			// |   |      a hole sharing one corner with the shell is allowed
			// |  ++
			// +--++
			name: "hole touching the shell at a point",
			poly: orb.Polygon{
				{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}},
				{{4, 0}, {3, 1}, {3, 0.5}, {4, 0}},
			},
		},
		{
			// +---+
			// |   |
			// +   +      the last point does not come back to the first
			name: "not closed",
			poly: orb.Polygon{{{0, 0}, {0, 1}, {1, 1}, {1, 0}}},
			want: ErrNotClosed,
			in:   "outer ring",
		},
		{
			// +
			// |\         three points: 0,0 1,1 0,0
			// +
			name: "three points",
			poly: orb.Polygon{{{0, 0}, {1, 1}, {0, 0}}},
			want: ErrTooFewPoints,
			in:   "3",
		},
		{
			name: "NaN",
			poly: orb.Polygon{{{0, 0}, {1, 0}, {math.NaN(), 1}, {0, 0}}},
			want: ErrNotFinite,
			in:   "point 3",
		},
		{
			name: "infinite",
			poly: orb.Polygon{{{0, 0}, {math.Inf(1), 0}, {1, 1}, {0, 0}}},
			want: ErrNotFinite,
			in:   "point 2",
		},
		{
			// Lambert-93 metres read as degrees
			name: "projected coordinates",
			poly: orb.Polygon{{{654000, 6862000}, {655000, 6862000}, {655000, 6863000}, {654000, 6862000}}},
			want: ErrOutOfRange,
			in:   "longitude",
		},
		{
			name: "latitude over 90",
			poly: orb.Polygon{{{0, 80}, {1, 80}, {1, 91}, {0, 80}}},
			want: ErrOutOfRange,
			in:   "latitude",
		},
		{
			// +   +
			// |\ /|
			// | X |      a bow tie: edges 1 and 3 cross
			// |/ \|
			// +   +
			name: "bow tie",
			poly: orb.Polygon{{{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}},
			want: ErrSelfIntersection,
			in:   "(1, 1)",
		},
		{
			// +---+
			// |   |
			// +---+---+  the ring touches itself at (1,0)
			//     |   |
			//     +---+
			name: "figure eight touching at a vertex",
			poly: orb.Polygon{{{0, 0}, {1, 0}, {2, 0}, {2, -1}, {1, -1}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}},
			want: ErrSelfIntersection,
		},
		{
			// +---+
			// |   +---+  a spike: the ring goes out to (2,0.5) and comes back the same way
			// +---+
			name: "spike",
			poly: orb.Polygon{{{0, 0}, {1, 0}, {1, 0.5}, {2, 0.5}, {1, 0.5}, {1, 1}, {0, 1}, {0, 0}}},
			want: ErrSelfIntersection,
		},
		{
			// +---+---+  all points on one line
			name: "flat",
			poly: orb.Polygon{{{0, 0}, {1, 0}, {2, 0}, {0, 0}}},
			want: ErrZeroArea,
		},
		{
			//     +
			//   +        on one slanted line
			// +
			name: "slanted flat",
			poly: orb.Polygon{{{0, 0}, {1, 1}, {2, 2}, {0, 0}}},
			want: ErrZeroArea,
		},
		{
			// +---+
			// |   |  +-+
			// +---+  +-+  the hole lies outside its shell
			name: "hole outside",
			poly: orb.Polygon{
				{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}},
				{{2, 0}, {2, 1}, {3, 1}, {3, 0}, {2, 0}},
			},
			want: ErrHoleOutside,
			in:   "hole 1",
		},
		{
			// +-------+
			// | +-+   |
			// | | |   |   a valid shell; its hole crosses itself
			// | +-+   |
			// +-------+
			name: "bad hole",
			poly: orb.Polygon{
				{{0, 0}, {4, 0}, {4, 4}, {0, 4}, {0, 0}},
				{{1, 1}, {2, 2}, {2, 1}, {1, 2}, {1, 1}},
			},
			want: ErrSelfIntersection,
			in:   "hole 1",
		},
		{
			name: "no ring",
			poly: orb.Polygon{},
			want: ErrEmpty,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkValidation(t, ValidatePolygon(c.poly), c.want, c.in)
		})
	}
}

// checkValidation fails unless err is nil for want nil, or else is want with a message saying in.
func checkValidation(t *testing.T, err, want error, in string) {
	t.Helper()
	if want == nil {
		if err != nil {
			t.Fatalf("valid shape rejected: %v", err)
		}
		return
	}
	if !errors.Is(err, want) {
		t.Fatalf("got %v, want %v", err, want)
	}
	if !strings.Contains(err.Error(), in) {
		t.Errorf("message %q does not say %q", err, in)
	}
}

func TestValidateGeometry(t *testing.T) {
	square := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}
	bowTie := orb.Polygon{{{0, 0}, {2, 2}, {2, 0}, {0, 2}, {0, 0}}}
	cases := []struct {
		name string
		g    orb.Geometry
		want error
		in   string
	}{
		{"multipolygon", orb.MultiPolygon{square, {{{2, 2}, {3, 2}, {3, 3}, {2, 2}}}}, nil, ""},
		{"multipolygon, second bad", orb.MultiPolygon{square, bowTie}, ErrSelfIntersection, "polygon 2, outer ring"},
		{"empty multipolygon", orb.MultiPolygon{}, ErrEmpty, ""},
		// +--+--+ a street
		{"line", orb.LineString{{0, 0}, {1, 0}, {2, 0}}, nil, ""},
		{"line of one point", orb.LineString{{0, 0}}, ErrTooFewPoints, ""},
		{"line staying put", orb.LineString{{1, 1}, {1, 1}}, ErrZeroLength, ""},
		{"multiline, second out of range", orb.MultiLineString{{{0, 0}, {1, 1}}, {{0, 0}, {0, 95}}}, ErrOutOfRange, "line 2, point 2"},
		{"point", orb.Point{1, 1}, ErrUnsupported, "Point"},
		{"nil", nil, ErrEmpty, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			checkValidation(t, ValidateGeometry(c.g), c.want, c.in)
		})
	}
}

// A regular polygon of many vertices: the sweep must find no crossing, and must find the one
// crossing made by swapping two neighbours.
func TestSelfIntersectionLargeRing(t *testing.T) {
	const n = 5000
	r := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / n
		r = append(r, orb.Point{2.39 + 0.01*math.Cos(a), 48.86 + 0.01*math.Sin(a)})
	}
	r = append(r, r[0])
	if err := ValidatePolygon(orb.Polygon{r}); err != nil {
		t.Fatalf("circle rejected: %v", err)
	}
	r[100], r[101] = r[101], r[100]
	if err := ValidatePolygon(orb.Polygon{r}); !errors.Is(err, ErrSelfIntersection) {
		t.Fatalf("swapped vertices: got %v, want a self-intersection", err)
	}
}

func BenchmarkValidatePolygon(b *testing.B) {
	const n = 5000
	r := make(orb.Ring, 0, n+1)
	for i := range n {
		a := 2 * math.Pi * float64(i) / n
		r = append(r, orb.Point{2.39 + 0.01*math.Cos(a), 48.86 + 0.01*math.Sin(a)})
	}
	r = append(r, r[0])
	for b.Loop() {
		if err := ValidatePolygon(orb.Polygon{r}); err != nil {
			b.Fatal(err)
		}
	}
}
