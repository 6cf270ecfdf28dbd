// Package route orders stops into a short walk: a travelling-salesman heuristic for closed tours
// and open paths, with a fixed or a free start and end.
//
// The method is a classic one that reaches within a fraction of a percent of the optimum on a few
// hundred points in 5 to 25 ms: a greedy-edge tour, then a local search over each point's
// 16 nearest neighbours with a work queue ("don't-look bits") using 2-opt, its extension into
// sequential 3-opt (two levels of Lin-Kernighan) and Or-opt (moving a stretch of 1 to 3 stops),
// then iterated local search: a double-bridge kick (two neighbouring stretches of the tour
// swapped), local search around it, kept if the tour got no longer. The kicks are drawn from a
// seeded generator and counted, not timed, so a given input and seed always give the same route.
// Up to 12 points for a closed tour, 11 for an open path, are solved exactly.
//
// Distances are Euclidean in the plane: project longitude/latitude first (geo.Projection).
package route

import (
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/paulmach/orb"
)

// Options says what kind of walk to build and how hard to search.
type Options struct {
	// Closed asks for a round trip back to the first stop. Otherwise the walk is an open path.
	Closed bool
	// HasStart fixes the first stop to Start (an index into the points); without it the solver
	// chooses the best first stop. For a closed tour it only sets where the order begins.
	HasStart bool
	Start    int
	// HasEnd fixes the last stop of an open path to End; without it the path ends wherever is
	// best. Ignored for closed tours. HasStart and HasEnd on the same stop mean a closed tour.
	HasEnd bool
	End    int
	// Keep lists pairs of points that must follow each other in the walk, in either direction:
	// e.g. consecutive doors along a street side that is to be walked as one stretch, so that
	// the solver only chooses the order and the direction of the stretches. A point may be kept
	// next to two others at most (one if it is a fixed end of an open path), and the pairs may
	// not close a loop unless it goes through every point. In a closed tour the last and the
	// first stop follow each other.
	Keep [][2]int
	// Seed drives the kicks of the iterated local search.
	Seed uint64
	// Kicks is the number of iterated-local-search kicks: 0 means DefaultKicks(n), a negative
	// value none (plain local search).
	Kicks int
	// TimeLimit, when positive, stops the kicks early once it has elapsed. The result then depends
	// on the machine's speed; leave it zero for reproducible routes.
	TimeLimit time.Duration
	// Neighbours is how many nearest neighbours of each stop the moves consider: 0 means 16.
	// (With 10, lin318, whose points sit on a grid with many equal distances, stayed 0.6% over
	// on average instead of 0.1%, for 10% less time.)
	Neighbours int
}

// Tour is a visiting order.
type Tour struct {
	// Order lists every point index once, beginning with the first stop. A closed tour returns
	// from the last stop to Order[0]; that leg is not repeated in Order.
	Order []int
	// Length is the length of the walk in the points' unit, including the return leg of a closed
	// tour.
	Length float64
}

// DefaultKicks is the kick budget used when Options.Kicks is zero. Measured over 8 seeds on the
// TSPLIB instances of a few hundred points it ends 0.1% above optimal on average, 0.4% at worst,
// in 5-25 ms of processor time; about 1% on 2,000 points in 150 ms. A caller routing many small
// turfs can pass a smaller budget: with 400 kicks, open paths from a fixed start through 150 real
// addresses of Paris 20e came 0.55% above the best known on average (0.9% at worst, 8 seeds) in
// 4.5 ms.
func DefaultKicks(n int) int {
	return 300 + 4*n
}

// Solve returns a short walk through points (planar coordinates, e.g. metres). It panics if a
// coordinate is not finite, if Start, End or Keep is out of range or Keep is impossible to
// follow: those are the caller's bugs, like an index out of range.
func Solve(points []orb.Point, opts Options) Tour {
	n := len(points)
	for _, f := range []struct {
		has bool
		i   int
		n   string
	}{{opts.HasStart, opts.Start, "Start"}, {opts.HasEnd, opts.End, "End"}} {
		if f.has && (f.i < 0 || f.i >= n) {
			panic(fmt.Sprintf("route: %s %d out of range for %d points", f.n, f.i, n))
		}
	}
	for i, p := range points {
		if math.IsNaN(p.X()+p.Y()) || math.IsInf(p.X()+p.Y(), 0) {
			panic(fmt.Sprintf("route: point %d: want finite coordinates", i))
		}
	}
	if opts.HasStart && opts.HasEnd && opts.Start == opts.End {
		opts.Closed = true
	}
	if opts.Closed {
		opts.HasEnd = false
	}
	keep := checkKeep(n, opts)
	if n == 0 {
		return Tour{}
	}
	if n == 1 {
		return Tour{Order: []int{0}}
	}
	s := newSolver(points, opts, keep)
	if s.m <= exactMax {
		s.exact()
	} else {
		k := opts.Neighbours
		if k <= 0 {
			k = 16
		}
		s.build(k)
		s.localSearch()
		s.iterate(opts)
	}
	return s.result(points, opts)
}

// checkKeep returns opts.Keep without repeated pairs, or panics if the walk cannot follow it.
func checkKeep(n int, opts Options) [][2]int {
	var keep [][2]int
	seen := map[[2]int]bool{}
	degree := make([]int, n)
	parent := make([]int, n)
	size := make([]int, n)
	for i := range parent {
		parent[i], size[i] = i, 1
	}
	find := func(x int) int {
		for parent[x] != x {
			parent[x] = parent[parent[x]]
			x = parent[x]
		}
		return x
	}
	// join links a and b; an open path's fixed ends count as linked, through the dummy.
	join := func(a, b int, what string) {
		degree[a]++
		degree[b]++
		for _, v := range [2]int{a, b} {
			if degree[v] > 2 {
				panic(fmt.Sprintf("route: %s makes point %d follow or precede more than two others", what, v))
			}
		}
		ra, rb := find(a), find(b)
		if ra == rb {
			if size[ra] < n {
				panic(fmt.Sprintf("route: %s closes a loop that leaves points out", what))
			}
			return
		}
		parent[ra] = rb
		size[rb] += size[ra]
	}
	if !opts.Closed && opts.HasStart && opts.HasEnd {
		join(opts.Start, opts.End, "fixing both ends")
	} else if !opts.Closed && (opts.HasStart || opts.HasEnd) {
		// The fixed end's other side belongs to the walk's end: it has one left.
		if opts.HasStart {
			degree[opts.Start]++
		} else {
			degree[opts.End]++
		}
	}
	for _, k := range opts.Keep {
		a, b := min(k[0], k[1]), max(k[0], k[1])
		if a < 0 || b >= n || a == b {
			panic(fmt.Sprintf("route: Keep pair %v: want two different points in 0..%d", k, n-1))
		}
		if seen[[2]int{a, b}] {
			continue
		}
		seen[[2]int{a, b}] = true
		join(a, b, fmt.Sprintf("Keep pair %v", k))
		keep = append(keep, [2]int{a, b})
	}
	return keep
}

// result turns the solver's cycle into the requested walk.
func (s *solver) result(points []orb.Point, opts Options) Tour {
	order := make([]int, 0, s.n)
	first := 0
	switch {
	case s.dummy >= 0:
		first = int(s.pos[s.dummy]) + 1
	case opts.HasStart:
		first = int(s.pos[opts.Start])
	default:
		first = int(s.pos[0])
	}
	for i := range s.m {
		if v := s.tour[(first+i)%s.m]; v != s.dummy {
			order = append(order, int(v))
		}
	}
	switch {
	case opts.Closed:
		// Already begins at the start; keep the orientation.
	case opts.HasStart && order[0] != opts.Start, !opts.HasStart && opts.HasEnd && order[len(order)-1] != opts.End:
		slices.Reverse(order)
	}
	t := Tour{Order: order}
	for i := 1; i < len(order); i++ {
		t.Length += segment(points[order[i-1]], points[order[i]])
	}
	if opts.Closed {
		t.Length += segment(points[order[len(order)-1]], points[order[0]])
	}
	return t
}

// segment is the length of the leg from a to b.
func segment(a, b orb.Point) float64 {
	return math.Hypot(a.X()-b.X(), a.Y()-b.Y())
}
