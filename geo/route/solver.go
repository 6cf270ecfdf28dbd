package route

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/paulmach/orb"
)

// The solver always works on a closed tour. An open path is a closed tour through one more,
// "dummy" node at distance 0 from every point: cutting the tour at the dummy leaves the path, and
// its two neighbours are the path's ends. A fixed end is a point at distance -forced from the
// dummy, and so is each pair of Options.Keep from each other. The starting tour has all these
// forced edges, and no move can then gain by breaking one: it would lose more than any tour's
// length.

// solver holds one run's state. Nodes are int32 to halve the memory traffic of the arrays.
type solver struct {
	pts    []xy
	n, m   int        // points, nodes (points plus the dummy if any)
	dummy  int32      // index of the dummy node, or -1
	fixed  []int32    // points that must stay next to the dummy
	forced float64    // more than any tour length
	kept   [][2]int32 // partners in forced edges (Keep pairs, fixed ends with the dummy), -1: none; nil if none
	eps    float64    // gains below this are rounding noise
	neigh  [][]int32
	neighD [][]float64 // neigh's distances, which the moves read most

	tour, pos []int32 // tour[i] is the node at position i; pos is its inverse
	length    float64

	queue   []int32 // nodes whose moves must be (re)examined, FIFO
	head    int
	queued  []bool
	best    []int32 // tour at the last accepted state of the iterated search
	touched []bool  // positions changed since then
	changes []int32
}

// newSolver sets up a run; keep holds Options.Keep, checked.
func newSolver(points []orb.Point, opts Options, keep [][2]int) *solver {
	n := len(points)
	s := &solver{n: n, m: n, dummy: -1}
	// Translate to the bounding box corner: rounding noise then scales with the extent, not with
	// the coordinates' magnitude (Lambert-93 decimetres are 10^7).
	minX, minY := math.Inf(1), math.Inf(1)
	for _, p := range points {
		minX, minY = min(minX, p.X()), min(minY, p.Y())
	}
	s.pts = make([]xy, n)
	var w, h float64
	for i, p := range points {
		s.pts[i] = xy{p.X() - minX, p.Y() - minY}
		w, h = max(w, s.pts[i].x), max(h, s.pts[i].y)
	}
	diag := math.Hypot(w, h)
	s.eps = 1e-9 * diag
	s.forced = 2*float64(n+1)*diag + 1
	if !opts.Closed {
		s.dummy = int32(n)
		s.m = n + 1
		if opts.HasStart {
			s.fixed = append(s.fixed, int32(opts.Start))
		}
		if opts.HasEnd {
			s.fixed = append(s.fixed, int32(opts.End))
		}
	}
	// Forced edges: the pairs to keep, and each fixed end with the dummy. checkKeep made sure
	// that no node has more than two.
	if len(keep) > 0 || s.dummy >= 0 {
		s.kept = make([][2]int32, s.m)
		for i := range s.kept {
			s.kept[i] = [2]int32{-1, -1}
		}
		link := func(a, b int32) {
			side := 0
			if s.kept[a][0] >= 0 {
				side = 1
			}
			s.kept[a][side] = b
		}
		for _, k := range keep {
			link(int32(k[0]), int32(k[1]))
			link(int32(k[1]), int32(k[0]))
		}
		for _, f := range s.fixed {
			link(f, s.dummy)
			link(s.dummy, f)
		}
	}
	return s
}

// dist is the cost of the edge between nodes i and j: -forced for a forced edge, 0 for the
// dummy's other edges, else the distance. It is kept small enough to be inlined in the moves'
// loops.
func (s *solver) dist(i, j int32) float64 {
	if s.kept != nil {
		if k := s.kept[i]; k[0] == j || k[1] == j {
			return -s.forced
		}
		if i == s.dummy || j == s.dummy {
			return 0
		}
	}
	a, b := s.pts[i], s.pts[j]
	dx, dy := a.x-b.x, a.y-b.y
	return math.Sqrt(dx*dx + dy*dy)
}

func (s *solver) succ(v int32) int32 {
	p := s.pos[v] + 1
	if int(p) == s.m {
		p = 0
	}
	return s.tour[p]
}

func (s *solver) pred(v int32) int32 {
	p := s.pos[v] - 1
	if p < 0 {
		p = int32(s.m - 1)
	}
	return s.tour[p]
}

// next is succ when forward, pred otherwise.
func (s *solver) next(v int32, forward bool) int32 {
	if forward {
		return s.succ(v)
	}
	return s.pred(v)
}

// set puts node v at position i, remembering the position for a revert.
func (s *solver) set(i, v int32) {
	s.tour[i] = v
	s.pos[v] = i
	if s.touched != nil && !s.touched[i] {
		s.touched[i] = true
		s.changes = append(s.changes, i)
	}
}

// reverse reverses the tour between positions i and j inclusive, going forward (wrapping). It
// reverses the complement instead when that is shorter: the cycle is the same, read the other way.
func (s *solver) reverse(i, j int32) {
	m := int32(s.m)
	l := j - i
	if l < 0 {
		l += m
	}
	l++
	if 2*l > m {
		i, j = j+1, i-1
		if i == m {
			i = 0
		}
		if j < 0 {
			j = m - 1
		}
		l = m - l
	}
	for ; l > 1; l -= 2 {
		a, b := s.tour[i], s.tour[j]
		s.set(i, b)
		s.set(j, a)
		if i++; i == m {
			i = 0
		}
		if j--; j < 0 {
			j = m - 1
		}
	}
}

// move2 is a 2-opt move: it removes edges {a, a2} and {b, b2} and adds {a, b} and {a2, b2}. a2
// must follow a in the direction in which b2 follows b.
func (s *solver) move2(a, a2, b, b2 int32) {
	if s.succ(a) == a2 {
		s.reverse(s.pos[a2], s.pos[b])
	} else {
		s.reverse(s.pos[b], s.pos[a2])
	}
}

// moveSegment moves the stretch s1..s2 (s2 reached from s1 going forward) between g1 and
// g2 = succ(g1), which lie outside it: it ends up g1 s1..s2 g2, or g1 s2..s1 g2 when reversed.
// It is a 3-opt move, done as two or three 2-opt moves.
func (s *solver) moveSegment(s1, s2, g1, g2 int32, reversed bool) {
	p, n := s.pred(s1), s.succ(s2)
	switch {
	case g1 == n: // the gap right after the stretch
		s.move2(p, s1, n, g2) // p n s2..s1 g2
		if !reversed {
			s.move2(n, s2, s1, g2)
		}
	case g2 == p: // the gap right before it
		s.move2(g1, p, s2, n) // g1 s2..s1 p n
		if !reversed {
			s.move2(g1, s2, s1, p)
		}
	default:
		s.move2(p, s1, g1, g2) // p g1 ... n s2..s1 g2
		s.move2(p, g1, n, s2)  // p n ... g1 s2..s1 g2
		if !reversed {
			s.move2(g1, s2, s1, g2)
		}
	}
}

func (s *solver) push(vs ...int32) {
	for _, v := range vs {
		if !s.queued[v] {
			s.queued[v] = true
			s.queue = append(s.queue, v)
		}
	}
}

// localSearch applies improving moves until none is left around the queued nodes.
func (s *solver) localSearch() {
	for s.head < len(s.queue) {
		v := s.queue[s.head]
		s.head++
		s.queued[v] = false
		if s.improve(v) {
			s.push(v)
		}
		if s.head > 4096 && 2*s.head > len(s.queue) {
			s.queue = append(s.queue[:0], s.queue[s.head:]...)
			s.head = 0
		}
	}
	s.queue, s.head = s.queue[:0], 0
}

// breadth3 is how many neighbours of d the 3-opt extension tries: the nearest few give almost
// all of its gain.
const breadth3 = 5

// Kinds of improving moves.
const (
	twoOpt   = iota // (a,b),(c,d) -> (a,c),(b,d)
	threeOpt        // the 2-opt, then (b,d),(f,e) -> (d,e),(b,f)
	orOpt           // the stretch a..e moved between c and d, a next to c
)

// improve applies the best move that adds an edge from a to one of its neighbours, and reports
// whether there was one. The moves are 2-opt, its extension into a sequential 3-opt move (the
// first two levels of Lin-Kernighan), and Or-opt.
func (s *solver) improve(a int32) bool {
	type move struct {
		gain          float64
		kind          int
		forward       bool
		b, c, d, e, f int32
	}
	best := move{gain: s.eps}
	for _, forward := range [2]bool{true, false} {
		// 2-opt: replace (a,b) and (c,d) by (a,c) and (b,d), b and d following a and c.
		b := s.next(a, forward)
		dab := s.dist(a, b)
		for i, c := range s.neigh[a] {
			dac := s.neighD[a][i]
			if dac >= dab {
				break
			}
			d := s.next(c, forward)
			if c == b || d == a {
				continue
			}
			g1 := dab - dac + s.dist(c, d) // gain before closing with (b,d)
			if g := g1 - s.dist(b, d); g > best.gain {
				best = move{gain: g, kind: twoOpt, forward: forward, b: b, c: c, d: d}
			}
			// Instead of closing, add (d,e) and remove (f,e), f before e in the tour as the
			// 2-opt leaves it (a c ... b d ... f e ...), then close with (b,f).
			for j, e := range s.neigh[d][:min(len(s.neigh[d]), breadth3)] {
				dde := s.neighD[d][j]
				if dde >= g1 {
					break
				}
				if e == b || e == s.next(d, forward) {
					continue
				}
				f := s.afterTwoOpt(e, forward, a, b, c, d)
				if g := g1 - dde + s.dist(f, e) - s.dist(b, f); g > best.gain {
					best = move{gain: g, kind: threeOpt, forward: forward, b: b, c: c, d: d, e: e, f: f}
				}
			}
		}
		// Or-opt: move the stretch a..e (1 to 3 nodes, going forward or backward) between c
		// and d, with a next to c.
		p := s.next(a, !forward)
		e := a
		for l := 1; l <= 3; l++ {
			if l > 1 {
				e = s.next(e, forward)
				if e == p {
					break
				}
			}
			nn := s.next(e, forward)
			removed := s.dist(p, a) + s.dist(e, nn) - s.dist(p, nn)
			if removed <= s.eps || nn == p {
				continue
			}
			for i, c := range s.neigh[a] {
				dac := s.neighD[a][i]
				if dac >= removed {
					break
				}
				if s.inStretch(c, a, forward, l) {
					continue
				}
				for _, d := range [2]int32{s.succ(c), s.pred(c)} {
					if s.inStretch(d, a, forward, l) {
						continue
					}
					if g := removed + s.dist(c, d) - dac - s.dist(e, d); g > best.gain {
						best = move{gain: g, kind: orOpt, forward: forward, c: c, d: d, e: e}
					}
				}
			}
		}
	}
	if best.gain <= s.eps {
		return false
	}
	switch best.kind {
	case twoOpt:
		s.move2(a, best.b, best.c, best.d)
		s.push(a, best.b, best.c, best.d)
	case threeOpt:
		s.move2(a, best.b, best.c, best.d)
		s.move2(best.b, best.d, best.f, best.e)
		s.push(a, best.b, best.c, best.d, best.e, best.f)
	case orOpt:
		p, n := s.next(a, !best.forward), s.next(best.e, best.forward)
		s1, s2 := a, best.e
		if !best.forward {
			s1, s2 = best.e, a
		}
		g1, g2 := best.c, best.d
		cFirst := s.succ(best.c) == best.d
		if !cFirst {
			g1, g2 = best.d, best.c
		}
		// a goes next to c: the stretch keeps its direction when a is its forward start and c
		// comes first in the gap, or both are reversed.
		s.moveSegment(s1, s2, g1, g2, cFirst != best.forward)
		s.push(p, n, a, best.e, best.c, best.d)
	}
	s.length -= best.gain
	return true
}

// afterTwoOpt returns the node before v (in direction forward) in the tour that the 2-opt move
// (a,b),(c,d) -> (a,c),(b,d) would leave, without making it: the stretch b..c is reversed.
func (s *solver) afterTwoOpt(v int32, forward bool, a, b, c, d int32) int32 {
	switch v {
	case c:
		return a
	case d:
		return b
	}
	m := int32(s.m)
	off := func(from, to int32) int32 { // steps from from to to, going forward or backward
		o := s.pos[to] - s.pos[from]
		if !forward {
			o = -o
		}
		if o < 0 {
			o += m
		}
		return o
	}
	if off(b, v) <= off(b, c) {
		return s.next(v, forward)
	}
	return s.next(v, !forward)
}

// inStretch reports whether v is one of the l nodes from a going forward (or backward).
func (s *solver) inStretch(v, a int32, forward bool, l int) bool {
	for range l {
		if v == a {
			return true
		}
		a = s.next(a, forward)
	}
	return false
}

// build sets up lists of k neighbours and the starting tour.
func (s *solver) build(k int) {
	// Kept partners first, as the forced edges are the cheapest; the dummy comes later.
	near := nearest(s.pts, k)
	lists := make([][]int32, s.n)
	partners := make([]int, s.n)
	for i := range s.n {
		var l []int32
		if s.kept != nil {
			for _, p := range s.kept[i] {
				if p >= 0 && p != s.dummy {
					l = append(l, p)
				}
			}
		}
		partners[i] = len(l)
		for _, c := range near[i] {
			if !slices.Contains(l[:partners[i]], c) {
				l = append(l, c)
			}
		}
		lists[i] = l
	}

	// The starting tour is built on the points alone. When both ends of an open path are
	// fixed, a forced edge joins them for the construction; the dummy then takes its place.
	cost := s.dist
	build := lists
	if len(s.fixed) == 2 {
		a, b := s.fixed[0], s.fixed[1]
		cost = func(i, j int32) float64 {
			if i == a && j == b || i == b && j == a {
				return -s.forced
			}
			return s.dist(i, j)
		}
		build = slices.Clone(lists)
		build[a] = append([]int32{b}, lists[a]...)
	}
	tour := greedy(s.n, build, cost)

	if s.dummy >= 0 {
		// The dummy goes between the two fixed ends, or next to the single one on its side
		// that is not kept, or else in place of the longest edge that is not kept.
		at := -1 // the dummy goes after position at
		edge := func(i int) (int32, int32) { return tour[i], tour[(i+1)%s.n] }
		longest := -1.0
		for i := range tour {
			u, v := edge(i)
			switch d := cost(u, v); {
			case len(s.fixed) == 2 && d < 0 && (u == s.fixed[0] || v == s.fixed[0]) && (u == s.fixed[1] || v == s.fixed[1]):
				at = i
			case len(s.fixed) == 1 && d >= 0 && (u == s.fixed[0] || v == s.fixed[0]):
				at = i
			case len(s.fixed) == 0 && d > longest:
				longest, at = d, i
			}
		}
		tour = slices.Insert(tour, at+1, s.dummy)
		// The dummy is every point's nearest neighbour after its kept partners unless both
		// ends are fixed; its own list holds only the fixed points: with all other edges at 0,
		// it has nothing else to gain.
		if len(s.fixed) < 2 {
			for i := range lists {
				lists[i] = slices.Insert(lists[i], partners[i], s.dummy)
			}
		}
		lists = append(lists, s.fixed)
	}
	s.neigh = lists
	s.neighD = make([][]float64, s.m)
	for a, list := range s.neigh {
		s.neighD[a] = make([]float64, len(list))
		for i, c := range list {
			s.neighD[a][i] = s.dist(int32(a), c)
		}
	}
	s.tour = tour
	s.pos = make([]int32, s.m)
	for i, v := range tour {
		s.pos[v] = int32(i)
	}
	s.queued = make([]bool, s.m)
	for i := range s.m {
		s.push(int32(i))
	}
}

// tourLength is the cost of the whole cycle, forced edges included.
func (s *solver) tourLength() float64 {
	total := 0.0
	for i := range s.m {
		total += s.dist(s.tour[i], s.tour[(i+1)%s.m])
	}
	return total
}

// iterate runs the iterated local search: kick, repair, keep if no longer, else revert.
func (s *solver) iterate(opts Options) {
	kicks := opts.Kicks
	if kicks == 0 {
		kicks = DefaultKicks(s.n)
	}
	if kicks < 0 {
		return
	}
	// Recomputed rather than tracked through the moves: the first local search may have
	// gained a forced edge, whose size would swamp the rounding of everything else.
	s.length = s.tourLength()
	rng := rand.New(rand.NewPCG(opts.Seed, 0x726f757465)) // "route"
	s.best = append([]int32(nil), s.tour...)
	s.touched = make([]bool, s.m)
	bestLen := s.length
	// Swapped stretches of up to maxLen nodes: local enough for the repair to be quick,
	// long enough to leave the current local optimum. (Measured on the TSPLIB instances:
	// stretches up to 50 got stuck 1% over on lin318, up to 100 reached 0.5-0.9%; kicks drawn
	// between geometric neighbours were cheaper but got stuck 4% over on d198.)
	maxLen := int32(min(100, (s.m-3)/2))
	m := int32(s.m)
	start := time.Now()
	for k := range kicks {
		if opts.TimeLimit > 0 && k%64 == 0 && time.Since(start) > opts.TimeLimit {
			break
		}
		// Double bridge: ... p [s1..s2] [n..g1] g2 ... becomes ... p [n..g1] [s1..s2] g2 ...
		i := rng.Int32N(m)
		l1, l2 := 1+rng.Int32N(maxLen), 1+rng.Int32N(maxLen)
		at := func(off int32) int32 { return s.tour[(i+off)%m] }
		p, s1, s2, n, g1, g2 := at(0), at(1), at(l1), at(l1+1), at(l1+l2), at(l1+l2+1)
		removed := s.dist(p, s1) + s.dist(s2, n) + s.dist(g1, g2)
		if removed < 0 { // a forced edge: leave it alone
			continue
		}
		s.moveSegment(s1, s2, g1, g2, false)
		s.length += s.dist(p, n) + s.dist(g1, s1) + s.dist(s2, g2) - removed
		s.push(p, s1, s2, n, g1, g2)
		s.localSearch()
		if s.length <= bestLen+s.eps {
			bestLen = s.length
			for _, i := range s.changes {
				s.best[i] = s.tour[i]
				s.touched[i] = false
			}
		} else {
			s.length = bestLen
			for _, i := range s.changes {
				s.tour[i] = s.best[i]
				s.pos[s.best[i]] = i
				s.touched[i] = false
			}
		}
		s.changes = s.changes[:0]
	}
}
