package route

import (
	"path/filepath"
	"testing"

	"github.com/campagne-fr/porteaporte/data/shared"
	"github.com/campagne-fr/porteaporte/geo/route/internal/tsplib"
)

// BenchmarkSolve times one closed tour per instance with the default budget and reports its
// gap to the reference length (TSPLIB rounding) as "%over", and the processor time per solve as
// "cpu-ms/op" (ns/op is wall time, which on a shared machine includes waiting for a processor).
func BenchmarkSolve(b *testing.B) {
	dir := shared.Path(b, "data", "tsp")
	for _, tc := range instances {
		b.Run(tc.name, func(b *testing.B) {
			in, err := tsplib.Load(filepath.Join(dir, tc.name+".tsp"))
			if err != nil {
				b.Fatal(err)
			}
			var tour Tour
			cpu := cpuTime()
			for b.Loop() {
				tour = Solve(in.Points, Options{Closed: true, Seed: 1})
			}
			b.ReportMetric(float64((cpuTime()-cpu).Microseconds())/1000/float64(b.N), "cpu-ms/op")
			b.ReportMetric(100*float64(in.Length(tour.Order)-tc.ref)/float64(tc.ref), "%over")
		})
	}
}
