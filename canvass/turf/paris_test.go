package turf_test

import (
	"encoding/csv"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/data/shared"
)

// parisDoors reads the BAN addresses of Paris 20e as doors, on their Lambert-93 metres. The test
// is skipped when ../shared is absent.
func parisDoors(tb testing.TB) []turf.Door {
	tb.Helper()
	f, err := os.Open(shared.Path(tb, "data", "paris-20e", "adresses-75120.csv"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	r := csv.NewReader(f)
	r.Comma = ';'
	rows, err := r.ReadAll()
	if err != nil {
		tb.Fatal(err)
	}
	var doors []turf.Door
	for _, row := range rows[1:] {
		n, _ := strconv.Atoi(row[2])
		x, _ := strconv.ParseFloat(row[10], 64)
		y, _ := strconv.ParseFloat(row[11], 64)
		parts := strings.SplitN(row[0], "_", 3)
		doors = append(doors, turf.Door{ID: row[0], StreetID: parts[0] + "_" + parts[1], Street: row[4], Number: n,
			Rep: row[3], At: orb.Point{x, y}, Voters: 10})
	}
	return doors
}

// TestCutParis20e holds Cut to the targets of the planning issue against the bisection baseline,
// both run here on the 12,698 real addresses of Paris 20e.
func TestCutParis20e(t *testing.T) {
	doors := parisDoors(t)
	for _, target := range []float64{50, 150, 300} {
		opt := turf.DefaultOptions()
		opt.Target = target
		turfs, m := turf.Cut(doors, opt)
		_, base := turf.CutBisection(doors, opt)
		t.Logf("target %3.0f: %d turfs, CV %.1f%%, max dev %.1f%%, %.1f m/door (baseline %.1f), %d/%d streets split (baseline %d)",
			target, len(turfs), 100*m.CV, 100*m.MaxDeviation, m.MetresPerDoor, base.MetresPerDoor, m.StreetsSplit, m.Streets, base.StreetsSplit)
		seen := map[int]bool{}
		for _, tf := range turfs {
			for _, d := range tf.Doors {
				if seen[d] {
					t.Fatalf("door %d in two turfs", d)
				}
				seen[d] = true
			}
		}
		if len(seen) != len(doors) {
			t.Errorf("target %.0f: %d of %d doors in a turf", target, len(seen), len(doors))
		}
		if m.CV > 0.10 || m.MaxDeviation > 0.20 {
			t.Errorf("target %.0f: CV %.3f, max deviation %.3f: want ≤ 0.10 and ≤ 0.20", target, m.CV, m.MaxDeviation)
		}
		if m.MetresPerDoor > 1.2*base.MetresPerDoor {
			t.Errorf("target %.0f: %.1f m per door, want ≤ 1.2 × %.1f", target, m.MetresPerDoor, base.MetresPerDoor)
		}
		if float64(m.StreetsSplit) > 0.2*float64(base.StreetsSplit) {
			t.Errorf("target %.0f: %d streets split, want ≤ 0.2 × %d", target, m.StreetsSplit, base.StreetsSplit)
		}
	}
}

// BenchmarkCutParis20e reports, per turf size, the time of a cut and its metrics beside the
// bisection baseline's, both on the 12,698 addresses of Paris 20e.
func BenchmarkCutParis20e(b *testing.B) {
	doors := parisDoors(b)
	for _, target := range []float64{50, 150, 300} {
		opt := turf.DefaultOptions()
		opt.Target = target
		for _, algo := range []struct {
			name string
			cut  func([]turf.Door, turf.Options) ([]turf.Turf, turf.Metrics)
		}{{"streets", turf.Cut}, {"bisection", turf.CutBisection}} {
			b.Run(fmt.Sprintf("%s/%.0f", algo.name, target), func(b *testing.B) {
				var m turf.Metrics
				for range b.N {
					_, m = algo.cut(doors, opt)
				}
				b.ReportMetric(100*m.CV, "%cv")
				b.ReportMetric(100*m.MaxDeviation, "%maxdev")
				b.ReportMetric(m.MetresPerDoor, "m/door")
				b.ReportMetric(float64(m.StreetsSplit), "split")
			})
		}
	}
}
