package route

import (
	"os"
	"path/filepath"
	"testing"

	"canvass/geo/route/internal/tsplib"
)

// sharedTSP returns the directory of the TSPLIB instances, ../shared/data/tsp from the module
// root, or skips the test.
func sharedTSP(tb testing.TB) string {
	tb.Helper()
	dir, err := os.Getwd()
	if err != nil {
		tb.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			tb.Skip("no go.mod above the test directory")
		}
		dir = parent
	}
	tsp := filepath.Join(dir, "..", "shared", "data", "tsp")
	if _, err := os.Stat(tsp); err != nil {
		tb.Skipf("shared TSP instances absent (%s)", tsp)
	}
	return tsp
}

// instances are the shared quality targets: reference lengths from the README and the
// gap allowed (issue 4: 1% up to a few hundred points, 2% at a few thousand; berlin52 optimal).
var instances = []struct {
	name   string
	ref    int
	maxGap float64 // percent
}{
	{"berlin52", 7542, 0},
	{"d198", 15780, 1},
	{"lin318", 42029, 1},
	{"ban200", 23498, 1},
	{"rand200", 107516, 1},
	{"ban2000", 233017, 2},
	{"rand2000", 324101, 2},
	{"pr2392", 378032, 2},
}

// checkPermutation fails unless order visits each of n points once.
func checkPermutation(tb testing.TB, order []int, n int) {
	tb.Helper()
	if len(order) != n {
		tb.Fatalf("order has %d stops, want %d", len(order), n)
	}
	seen := make([]bool, n)
	for _, v := range order {
		if v < 0 || v >= n || seen[v] {
			tb.Fatalf("order is not a permutation: %d repeated or out of range", v)
		}
		seen[v] = true
	}
}

func TestSolveTSPLIB(t *testing.T) {
	dir := sharedTSP(t)
	for _, tc := range instances {
		t.Run(tc.name, func(t *testing.T) {
			if testing.Short() && tc.ref > 200000 {
				t.Skip("large instance in -short mode")
			}
			in, err := tsplib.Load(filepath.Join(dir, tc.name+".tsp"))
			if err != nil {
				t.Fatal(err)
			}
			tour := Solve(in.Points, Options{Closed: true, Seed: 1})
			checkPermutation(t, tour.Order, len(in.Points))
			l := in.Length(tour.Order)
			gap := 100 * float64(l-tc.ref) / float64(tc.ref)
			t.Logf("%s: %d (reference %d, %+.2f%%)", tc.name, l, tc.ref, gap)
			if gap > tc.maxGap {
				t.Errorf("%s: length %d is %.2f%% over %d, want at most %.0f%%", tc.name, l, gap, tc.ref, tc.maxGap)
			}
		})
	}
}
