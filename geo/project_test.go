package geo

import (
	"encoding/csv"
	"math"
	"os"
	"strconv"
	"testing"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/data/shared"
)

// Lengths of one degree of latitude and of longitude on WGS84, from the usual series (accurate to
// a centimetre per degree), an independent check of the ellipsoid arithmetic.
func degreeOfLat(phi float64) float64 {
	return 111132.92 - 559.82*math.Cos(2*phi) + 1.175*math.Cos(4*phi) - 0.0023*math.Cos(6*phi)
}

func degreeOfLon(phi float64) float64 {
	return 111412.84*math.Cos(phi) - 93.5*math.Cos(3*phi) + 0.118*math.Cos(5*phi)
}

func TestProjectionDegreeLengths(t *testing.T) {
	for _, lat := range []float64{43.3, 48.86, 50.6} {
		ref := orb.Point{2.39, lat}
		p := NewProjection(ref)
		if m := p.Metres(ref); math.Hypot(m.X(), m.Y()) > 1e-6 {
			t.Errorf("lat %v: reference projects to %v, want the origin", lat, m)
		}
		phi := lat * math.Pi / 180
		const step = 0.01 // degrees, about 1 km
		north := p.Distance(orb.Point{2.39, lat - step/2}, orb.Point{2.39, lat + step/2})
		if want := degreeOfLat(phi) * step; math.Abs(north-want)/want > 1e-6 {
			t.Errorf("lat %v: %v° north-south = %.4f m, want %.4f m", lat, step, north, want)
		}
		east := p.Distance(orb.Point{2.39 - step/2, lat}, orb.Point{2.39 + step/2, lat})
		if want := degreeOfLon(phi) * step; math.Abs(east-want)/want > 1e-6 {
			t.Errorf("lat %v: %v° east-west = %.4f m, want %.4f m", lat, step, east, want)
		}
		// Axes: east is +X, north is +Y.
		if m := p.Metres(orb.Point{2.40, lat + 0.01}); m.X() <= 0 || m.Y() <= 0 {
			t.Errorf("lat %v: a point north-east of the reference projects to %v", lat, m)
		}
	}
}

// TestProjectionOffCentre checks that distances stay right away from the reference, where
// first-order schemes (equirectangular, sinusoidal) drift by 0.03-0.05% at 3 km: a diagonal
// 1 km step measured 3 km north-east of the reference must match the same step measured with
// a projection centred on it.
func TestProjectionOffCentre(t *testing.T) {
	a, b := orb.Point{2.4300, 48.8850}, orb.Point{2.4420, 48.8930}
	near := NewProjection(a).Distance(a, b)
	far := NewProjection(orb.Point{2.39, 48.86}).Distance(a, b)
	if rel := math.Abs(far-near) / near; rel > 1e-5 {
		t.Errorf("1 km step 3 km away from the reference: %.4f m, at the reference %.4f m (%.1e)", far, near, rel)
	}
}

// lambert93Scale is the scale factor of Lambert-93 (conic conformal, GRS80, standard parallels 44°
// and 49°) at latitude phi (radians): map distances are true distances times this factor.
func lambert93Scale(phi float64) float64 {
	const f = 1 / 298.257222101
	e := math.Sqrt(f * (2 - f))
	m := func(p float64) float64 { s := math.Sin(p); return math.Cos(p) / math.Sqrt(1-e*e*s*s) }
	tt := func(p float64) float64 {
		s := math.Sin(p)
		return math.Tan(math.Pi/4-p/2) / math.Pow((1-e*s)/(1+e*s), e/2)
	}
	p1, p2 := 49*math.Pi/180, 44*math.Pi/180
	n := (math.Log(m(p1)) - math.Log(m(p2))) / (math.Log(tt(p1)) - math.Log(tt(p2)))
	// rho = a·F·t^n with F = m1/(n·t1^n); k = rho·n/(a·m).
	return m(p1) / math.Pow(tt(p1), n) * math.Pow(tt(phi), n) / m(phi)
}

// TestProjectionAgainstLambert93 compares distances between BAN addresses of Paris 20e, whose rows
// carry both lon/lat and Lambert-93 metres, corrected for Lambert-93's scale (about -1e-4 there).
func TestProjectionAgainstLambert93(t *testing.T) {
	path := shared.Path(t, "data", "paris-20e", "adresses-75120.csv")
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	type addr struct{ ll, l93 orb.Point }
	var pts []addr
	for i, row := range rows[1:] {
		var v [4]float64
		for j, name := range []string{"lon", "lat", "x", "y"} {
			if v[j], err = strconv.ParseFloat(row[col[name]], 64); err != nil {
				t.Fatalf("%s line %d field %s: want a number", path, i+2, name)
			}
		}
		pts = append(pts, addr{orb.Point{v[0], v[1]}, orb.Point{v[2], v[3]}})
	}
	p := NewProjection(orb.Point{2.4, 48.864}) // near the arrondissement's centre
	var sum, worst float64
	pairs := 0
	// Pairs of addresses 1.5 km or more apart: BAN rounds lon/lat to 1e-6° (about 5 cm), which
	// would dominate on shorter pairs.
	for i := 0; i < len(pts); i += 97 {
		j := (i + len(pts)/2) % len(pts)
		a, b := pts[i], pts[j]
		l93 := math.Hypot(a.l93.X()-b.l93.X(), a.l93.Y()-b.l93.Y())
		if l93 < 1500 {
			continue
		}
		mid := (a.ll.Lat() + b.ll.Lat()) / 2 * math.Pi / 180
		want := l93 / lambert93Scale(mid)
		rel := math.Abs(p.Distance(a.ll, b.ll)-want) / want
		sum += rel
		worst = max(worst, rel)
		pairs++
	}
	if pairs < 20 {
		t.Fatalf("only %d address pairs 1.5 km apart in %s", pairs, path)
	}
	t.Logf("%d pairs: mean relative error %.1e, worst %.1e", pairs, sum/float64(pairs), worst)
	if mean := sum / float64(pairs); mean > 5e-6 || worst > 2e-5 {
		t.Errorf("%d pairs: mean relative error %.1e (want ≤ 5e-6), worst %.1e (want ≤ 2e-5)", pairs, mean, worst)
	}
}
