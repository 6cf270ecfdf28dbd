package route

import (
	"fmt"
	"math"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/data/shared"
	"github.com/campagne-fr/porteaporte/geo/route/internal/tsplib"
)

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
	dir := shared.Path(t, "data", "tsp")
	for _, tc := range instances {
		t.Run(tc.name, func(t *testing.T) {
			in, err := tsplib.Load(filepath.Join(dir, tc.name+".tsp"))
			if err != nil {
				t.Fatal(err)
			}
			if testing.Short() && len(in.Points) > 1000 {
				t.Skip("large instance in -short mode")
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

// circle returns n points on a circle of radius r, in a shuffled order, and the side of the
// regular polygon they form: every optimal walk follows the circle.
func circle(n int, r float64, seed uint64) ([]orb.Point, float64) {
	rng := rand.New(rand.NewPCG(seed, 1))
	pts := make([]orb.Point, n)
	for i, k := range rng.Perm(n) {
		a := 2 * math.Pi * float64(k) / float64(n)
		pts[i] = orb.Point{1000 + r*math.Cos(a), -500 + r*math.Sin(a)}
	}
	return pts, 2 * r * math.Sin(math.Pi/float64(n))
}

// angle returns the position of a circle point, 0..n-1.
func angle(p orb.Point, n int) int {
	a := math.Atan2(p.Y()+500, p.X()-1000)
	return (int(math.Round(a/(2*math.Pi)*float64(n))) + n) % n
}

func near(a, b float64) bool { return math.Abs(a-b) <= 1e-9*max(1, math.Abs(b)) }

func TestSolveCircle(t *testing.T) {
	const n = 300
	pts, side := circle(n, 500, 7)
	var first, next int // two neighbours on the circle
	for i, p := range pts {
		switch angle(p, n) {
		case 0:
			first = i
		case 1:
			next = i
		}
	}
	for _, tc := range []struct {
		name string
		opts Options
		want float64
	}{
		{"closed", Options{Closed: true}, n * side},
		{"closed from a start", Options{Closed: true, HasStart: true, Start: first}, n * side},
		{"open", Options{}, (n - 1) * side},
		{"open from a start", Options{HasStart: true, Start: next}, (n - 1) * side},
		{"open to an end", Options{HasEnd: true, End: next}, (n - 1) * side},
		// Between two neighbours, the only way is all around the circle.
		{"open between neighbours", Options{HasStart: true, Start: first, HasEnd: true, End: next}, (n - 1) * side},
		{"start is end", Options{HasStart: true, Start: next, HasEnd: true, End: next}, n * side},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tour := Solve(pts, tc.opts)
			checkPermutation(t, tour.Order, n)
			if !near(tour.Length, tc.want) {
				t.Errorf("length %.6f, want %.6f", tour.Length, tc.want)
			}
			if got := walkLength(pts, tour.Order, tc.opts.Closed || tc.opts.HasEnd && tc.opts.Start == tc.opts.End); !near(got, tour.Length) {
				t.Errorf("Length %.6f, but the order measures %.6f", tour.Length, got)
			}
			checkEnds(t, tour, tc.opts)
		})
	}
}

// checkEnds fails unless tour begins and ends where opts asks.
func checkEnds(t *testing.T, tour Tour, opts Options) {
	t.Helper()
	if opts.HasStart && tour.Order[0] != opts.Start {
		t.Errorf("starts at %d, want %d", tour.Order[0], opts.Start)
	}
	if opts.HasEnd && !opts.Closed && opts.End != opts.Start && tour.Order[len(tour.Order)-1] != opts.End {
		t.Errorf("ends at %d, want %d", tour.Order[len(tour.Order)-1], opts.End)
	}
}

func walkLength(pts []orb.Point, order []int, closed bool) float64 {
	total := 0.0
	for i := 1; i < len(order); i++ {
		total += segment(pts[order[i-1]], pts[order[i]])
	}
	if closed && len(order) > 1 {
		total += segment(pts[order[len(order)-1]], pts[order[0]])
	}
	return total
}

// TestSolveGrid: on a w×h lattice with w·h even the optimal tour has length w·h (every edge is
// one step); the heuristic must come within 1%.
func TestSolveGrid(t *testing.T) {
	const w, h = 24, 20
	rng := rand.New(rand.NewPCG(3, 3))
	pts := make([]orb.Point, 0, w*h)
	for _, k := range rng.Perm(w * h) {
		pts = append(pts, orb.Point{float64(k % w), float64(k / w)})
	}
	tour := Solve(pts, Options{Closed: true, Seed: 1})
	checkPermutation(t, tour.Order, w*h)
	if gap := tour.Length/(w*h) - 1; gap > 0.01 {
		t.Errorf("grid tour %.1f, optimum %d (%.2f%% over)", tour.Length, w*h, 100*gap)
	}
	// An open path can drop one step: w·h-1.
	if open := Solve(pts, Options{Seed: 1}); open.Length/(w*h-1)-1 > 0.01 {
		t.Errorf("grid path %.1f, optimum %d", open.Length, w*h-1)
	}
}

// brute returns the shortest walk by trying every order, its ends and kept pairs as opts asks.
func brute(pts []orb.Point, opts Options) float64 {
	order := make([]int, len(pts))
	for i := range order {
		order[i] = i
	}
	best := math.Inf(1)
	var rec func(k int)
	rec = func(k int) {
		if k == len(order) {
			if opts.HasStart && order[0] != opts.Start || opts.HasEnd && order[len(order)-1] != opts.End {
				return
			}
			for _, kp := range opts.Keep {
				d := slices.Index(order, kp[0]) - slices.Index(order, kp[1])
				if d != 1 && d != -1 && !(opts.Closed && (d == len(order)-1 || d == 1-len(order))) {
					return
				}
			}
			best = min(best, walkLength(pts, order, opts.Closed))
			return
		}
		for i := k; i < len(order); i++ {
			order[k], order[i] = order[i], order[k]
			rec(k + 1)
			order[k], order[i] = order[i], order[k]
		}
	}
	rec(0)
	return best
}

// TestSolveSmallExact checks small inputs, solved by dynamic programming, against every order.
func TestSolveSmallExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for n := 1; n <= 8; n++ {
		pts := randomPoints(rng, n, 100, 100)
		for _, opts := range []Options{
			{Closed: true},
			{},
			{HasStart: true, Start: n / 2},
			{HasEnd: true, End: n - 1},
			{HasStart: true, Start: 0, HasEnd: true, End: n - 1},
		} {
			if n == 1 && opts.HasStart && opts.HasEnd {
				continue
			}
			tour := Solve(pts, opts)
			checkPermutation(t, tour.Order, n)
			checkEnds(t, tour, opts)
			if want := brute(pts, opts); !near(tour.Length, want) {
				t.Errorf("n=%d %+v: length %.6f, optimum %.6f", n, opts, tour.Length, want)
			}
		}
	}
}

// TestSolveDegenerate: identical and collinear points, where distances tie or vanish.
func TestSolveDegenerate(t *testing.T) {
	same := make([]orb.Point, 50)
	for i := range same {
		same[i] = orb.Point{652000, 6862000}
	}
	if tour := Solve(same, Options{Closed: true}); tour.Length != 0 {
		t.Errorf("50 identical points: length %v, want 0", tour.Length)
	}
	line := make([]orb.Point, 60)
	rng := rand.New(rand.NewPCG(9, 9))
	for i, k := range rng.Perm(len(line)) {
		line[i] = orb.Point{float64(k) * 3, 7}
	}
	if tour := Solve(line, Options{}); !near(tour.Length, 59*3) {
		t.Errorf("60 points on a line, open: length %v, want %v", tour.Length, 59*3)
	}
	if tour := Solve(line, Options{Closed: true}); !near(tour.Length, 2*59*3) {
		t.Errorf("60 points on a line, closed: length %v, want %v", tour.Length, 2*59*3)
	}
	if tour := Solve(nil, Options{}); len(tour.Order) != 0 || tour.Length != 0 {
		t.Errorf("no points: %+v", tour)
	}
}

func TestSolveDeterministic(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	pts := randomPoints(rng, 400, 2000, 1000)
	opts := Options{HasStart: true, Start: 17, Seed: 42}
	a, b := Solve(pts, opts), Solve(pts, opts)
	if !slices.Equal(a.Order, b.Order) {
		t.Error("two runs with the same seed gave different orders")
	}
	// The kicks must pay: plain local search is longer on 400 random points.
	opts.Kicks = -1
	if plain := Solve(pts, opts); plain.Length <= a.Length {
		t.Errorf("local search alone %.1f, with kicks %.1f: the kicks gained nothing", plain.Length, a.Length)
	}
	// A time limit stops early but still returns a valid walk.
	opts.Kicks, opts.TimeLimit = 1_000_000, time.Millisecond
	limited := Solve(pts, opts)
	checkPermutation(t, limited.Order, len(pts))
	checkEnds(t, limited, opts)
}

func TestSolveBadIndex(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "Start 5 out of range for 3 points") {
			t.Errorf("panic %v, want one naming Start", r)
		}
	}()
	Solve(make([]orb.Point, 3), Options{HasStart: true, Start: 5})
}

func TestSolveNotFinite(t *testing.T) {
	defer func() {
		if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), "point 1: want finite coordinates") {
			t.Errorf("panic %v, want one naming point 1", r)
		}
	}()
	Solve([]orb.Point{{0, 0}, {math.NaN(), 1}, {2, 2}}, Options{})
}

// randomPoints draws n points in a w by h rectangle.
func randomPoints(rng *rand.Rand, n int, w, h float64) []orb.Point {
	pts := make([]orb.Point, n)
	for i := range pts {
		pts[i] = orb.Point{rng.Float64() * w, rng.Float64() * h}
	}
	return pts
}

// endOptions is the trial-th of the five kinds of ends in turn (closed, open, start given, end
// given, both given), its ends drawn among n points.
func endOptions(rng *rand.Rand, n, trial int) Options {
	return []Options{
		{Closed: true},
		{},
		{HasStart: true, Start: rng.IntN(n)},
		{HasEnd: true, End: rng.IntN(n)},
		{HasStart: true, Start: 0, HasEnd: true, End: 1 + rng.IntN(n-1)},
	}[trial%5]
}

// TestHeuristicMatchesExact runs the heuristic itself (not the exact solver that Solve uses at
// this size) on small inputs with every kind of end, against the optimum.
func TestHeuristicMatchesExact(t *testing.T) {
	rng := rand.New(rand.NewPCG(13, 13))
	for trial := range 60 {
		n := 9 + trial%4
		pts := randomPoints(rng, n, 500, 300)
		opts := endOptions(rng, n, trial)
		opts.Seed = uint64(trial)
		want := Solve(pts, opts) // exact
		s := newSolver(pts, opts, nil)
		s.build(16)
		s.localSearch()
		s.iterate(opts)
		got := s.result(pts, opts)
		checkPermutation(t, got.Order, n)
		checkEnds(t, got, opts)
		if !near(got.Length, want.Length) {
			t.Errorf("trial %d, n=%d %+v: heuristic %.6f, optimum %.6f", trial, n, opts, got.Length, want.Length)
		}
	}
}

// chains returns Keep pairs linking random disjoint runs of 2 to 4 points, avoiding the points
// in avoid (fixed ends, which may have only one kept partner: they are left out entirely).
func chains(rng *rand.Rand, n int, avoid ...int) [][2]int {
	var keep [][2]int
	perm := rng.Perm(n)
	for i := 0; i+4 <= len(perm); i += 5 { // one point in five stays free
		run := perm[i : i+2+rng.IntN(3)]
		if slices.ContainsFunc(run, func(v int) bool { return slices.Contains(avoid, v) }) {
			continue
		}
		for j := 1; j < len(run); j++ {
			keep = append(keep, [2]int{run[j-1], run[j]})
		}
	}
	return keep
}

// checkKept fails unless every Keep pair follows each other in the walk.
func checkKept(t *testing.T, tour Tour, opts Options) {
	t.Helper()
	at := make(map[int]int, len(tour.Order))
	for i, v := range tour.Order {
		at[v] = i
	}
	n := len(tour.Order)
	for _, k := range opts.Keep {
		d := at[k[0]] - at[k[1]]
		if d != 1 && d != -1 && !(opts.Closed && (d == n-1 || d == 1-n)) {
			t.Errorf("kept pair %v at positions %d and %d", k, at[k[0]], at[k[1]])
		}
	}
}

// TestSolveKeep: kept pairs always follow each other, with every kind of end; on small inputs
// both the exact solver and the heuristic find the best such walk.
func TestSolveKeep(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 17))
	for trial := range 40 {
		n := []int{8, 9, 150, 600}[trial%4]
		pts := randomPoints(rng, n, 800, 600)
		opts := endOptions(rng, n, trial)
		opts.Seed = uint64(trial)
		var avoid []int
		if opts.HasStart {
			avoid = append(avoid, opts.Start)
		}
		if opts.HasEnd {
			avoid = append(avoid, opts.End)
		}
		opts.Keep = chains(rng, n, avoid...)
		tour := Solve(pts, opts)
		checkPermutation(t, tour.Order, n)
		checkEnds(t, tour, opts)
		checkKept(t, tour, opts)
		if n > 9 {
			continue
		}
		want := brute(pts, opts)
		if !near(tour.Length, want) {
			t.Errorf("trial %d n=%d: exact solver %.4f, brute force %.4f", trial, n, tour.Length, want)
		}
		s := newSolver(pts, opts, checkKeep(n, opts))
		s.build(16)
		s.localSearch()
		s.iterate(opts)
		got := s.result(pts, opts)
		checkKept(t, got, opts)
		checkEnds(t, got, opts)
		if !near(got.Length, want) {
			t.Errorf("trial %d n=%d: heuristic %.4f, brute force %.4f", trial, n, got.Length, want)
		}
	}
}

// TestSolveStreetSides: a narrow street, doors 8 m apart, sides 6 m apart. Free to choose, the
// shortest walk zigzags across; with each side kept as one stretch, it goes up one side and down
// the other, crossing once.
func TestSolveStreetSides(t *testing.T) {
	const doors = 40
	var pts []orb.Point
	var keep [][2]int
	for side := range 2 {
		for i := range doors {
			pts = append(pts, orb.Point{float64(i) * 8, float64(side) * 6})
			if i > 0 {
				keep = append(keep, [2]int{len(pts) - 2, len(pts) - 1})
			}
		}
	}
	opts := Options{HasStart: true, Start: 0, Keep: keep}
	tour := Solve(pts, opts)
	checkKept(t, tour, opts)
	if want := 2*(doors-1)*8.0 + 6; !near(tour.Length, want) {
		t.Errorf("sides kept: length %.1f, want %.1f (up one side, across, down the other)", tour.Length, want)
	}
	if free := Solve(pts, Options{HasStart: true, Start: 0}); free.Length >= tour.Length-50 {
		t.Errorf("sides free: length %.1f, want the zigzag, well under %.1f", free.Length, tour.Length)
	}
}

func TestSolveBadKeep(t *testing.T) {
	for _, tc := range []struct {
		opts Options
		want string
	}{
		{Options{Keep: [][2]int{{0, 1}, {0, 2}, {0, 3}}}, "point 0 follow or precede more than two"},
		{Options{Keep: [][2]int{{0, 1}, {1, 2}, {2, 0}}}, "closes a loop"},
		{Options{Keep: [][2]int{{0, 9}}}, "want two different points in 0..4"},
		{Options{HasStart: true, Start: 1, Keep: [][2]int{{0, 1}, {1, 2}}}, "point 1 follow or precede"},
		{Options{HasStart: true, Start: 0, HasEnd: true, End: 2, Keep: [][2]int{{0, 1}, {1, 2}}}, "closes a loop"},
	} {
		func() {
			defer func() {
				if r := recover(); r == nil || !strings.Contains(fmt.Sprint(r), tc.want) {
					t.Errorf("%+v: panic %v, want one containing %q", tc.opts, r, tc.want)
				}
			}()
			Solve(make([]orb.Point, 5), tc.opts)
		}()
	}
	// A loop through every point is a closed tour, and a chain between the fixed ends a path.
	full := Options{Closed: true, Keep: [][2]int{{0, 1}, {1, 2}, {2, 3}, {3, 4}, {4, 0}}}
	checkKept(t, Solve(make([]orb.Point, 5), full), full)
	path := Options{HasStart: true, Start: 0, HasEnd: true, End: 2, Keep: [][2]int{{0, 1}, {1, 2}}}
	if tour := Solve(make([]orb.Point, 3), path); !slices.Equal(tour.Order, []int{0, 1, 2}) {
		t.Errorf("chain between fixed ends: order %v", tour.Order)
	}
}
