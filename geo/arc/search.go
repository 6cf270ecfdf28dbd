package arc

import (
	"math/rand/v2"
)

// mat holds, for a subsequence of a route, the least cost from the beginning of its first
// service served in mode x to the end of its last served in mode y, at [2x+y]: what HGS-CARP
// calls the data of a subsequence. Concatenating subsequences only needs these four numbers and
// the walks between their ends, so a move is evaluated in constant time with every direction in
// the changed routes chosen anew.
type mat [4]int64

// route is a route in the local search, with the data of all its subsequences.
type route struct {
	// seq is the route as services, beginning with Start and finishing with End (services n
	// and n+1 of the model).
	seq []int32
	pre []int64 // pre[k] is the demand of seq[:k]
	// fwd[a*len(seq)+b] is the data of seq[a..b]; rev[a*len(seq)+b] that of the same services
	// walked from seq[b] back to seq[a] (for 1 <= a <= b < len(seq)-1).
	fwd, rev []mat
	// low[a*len(seq)+b] and lowRev hold the least of the four numbers of fwd and rev, for bound.
	low, lowRev []int64
	cost        int64
	pen         float64 // penalized cost, 0 for an empty route
	touched     int     // the move count when it last changed
}

func (r *route) empty() bool { return len(r.seq) == 2 }

// seg is the subsequence r.seq[a..b], walked backwards when rev; empty when a > b.
type seg struct {
	r    *route
	a, b int
	rev  bool
}

// search is the local search of a set of routes, with penalized bounds.
type search struct {
	m      *model
	w      weights
	rng    *rand.Rand
	routes []*route
	// at[s] is where service s is: its route and position.
	at []struct {
		r *route
		i int
	}
	tested []int // the move count when each service's neighbourhood was last explored
	moves  int
	order  []int32
	near   [][]int32
	// pool holds every route made so far, for reuse; buf two scratch sequences.
	pool []*route
	buf  [2][]int32
	// removed remembers the last two removals evaluated, of one service and of two.
	removed [2]struct {
		r        *route
		i, moves int
		pen      float64
		ok       bool
	}
}

// newSearch prepares a local search of m's routes.
func newSearch(m *model, rng *rand.Rand) *search {
	s := &search{m: m, rng: rng, tested: make([]int, m.n), near: make([][]int32, m.n)}
	s.at = make([]struct {
		r *route
		i int
	}, m.n)
	s.order = make([]int32, m.n)
	for i := range s.order {
		s.order[i] = int32(i)
		s.near[i] = append([]int32(nil), m.near[i]...)
	}
	return s
}

// single is the data of service s alone.
func (m *model) single(s int32) mat {
	return mat{m.serve[2*s], inf, inf, m.serve[2*s+1]}
}

// extend is the data of a subsequence with data x, ending with service p, followed by service q.
func (m *model) extend(x mat, p, q int32) mat {
	a, b := 2*int(p), 2*int(q)
	w := [4]int64{m.d(a, b), m.d(a, b+1), m.d(a+1, b), m.d(a+1, b+1)}
	s0, s1 := m.serve[b], m.serve[b+1]
	var y mat
	for r := range 2 {
		y[2*r] = min(x[2*r]+w[0], x[2*r+1]+w[2]) + s0
		y[2*r+1] = min(x[2*r]+w[1], x[2*r+1]+w[3]) + s1
	}
	return y
}

// set replaces the routes with seqs (services only, no Start nor End), plus an empty route
// when their number is free.
func (s *search) set(seqs [][]int32) {
	s.removed[0].r, s.removed[1].r = nil, nil
	s.routes = s.routes[:0]
	for _, seq := range seqs {
		s.addRoute(seq)
	}
	if s.m.routes == 0 {
		s.addRoute(nil)
	}
}

// addRoute adds a route serving services, reusing the memory of an earlier one.
func (s *search) addRoute(services []int32) {
	if len(s.routes) == len(s.pool) {
		s.pool = append(s.pool, &route{})
	}
	r := s.pool[len(s.routes)]
	r.seq = append(r.seq[:0], int32(s.m.n))
	r.seq = append(r.seq, services...)
	r.seq = append(r.seq, int32(s.m.n+1))
	s.routes = append(s.routes, r)
	s.rebuild(r)
}

// rebuild recomputes the data of r after a change.
func (s *search) rebuild(r *route) {
	m, seq := s.m, r.seq
	L := len(seq)
	if cap(r.fwd) < L*L {
		r.fwd, r.rev = make([]mat, L*L, 2*L*L), make([]mat, L*L, 2*L*L)
		r.low, r.lowRev = make([]int64, L*L, 2*L*L), make([]int64, L*L, 2*L*L)
	}
	r.fwd, r.rev, r.low, r.lowRev = r.fwd[:L*L], r.rev[:L*L], r.low[:L*L], r.lowRev[:L*L]
	r.pre = append(r.pre[:0], 0)
	for k, sv := range seq {
		r.pre = append(r.pre, r.pre[k]+m.demand[sv])
		if k > 0 && k < L-1 {
			s.at[sv].r, s.at[sv].i = r, k
		}
	}
	for a := range L {
		x := m.single(seq[a])
		r.fwd[a*L+a], r.low[a*L+a] = x, min(x[0], x[1], x[2], x[3])
		for b := a + 1; b < L; b++ {
			x = m.extend(x, seq[b-1], seq[b])
			r.fwd[a*L+b], r.low[a*L+b] = x, min(x[0], x[1], x[2], x[3])
		}
	}
	for b := 1; b < L-1; b++ {
		x := m.single(seq[b])
		r.rev[b*L+b], r.lowRev[b*L+b] = x, min(x[0], x[1], x[2], x[3])
		for a := b - 1; a >= 1; a-- {
			x = m.extend(x, seq[a+1], seq[a])
			r.rev[a*L+b], r.lowRev[a*L+b] = x, min(x[0], x[1], x[2], x[3])
		}
	}
	r.cost = r.fwd[L-1][0]
	r.pen = 0
	if !r.empty() {
		r.pen = m.penalized(r.cost, r.pre[L], s.w)
	}
	r.touched = s.moves
}

// eval is the penalized cost of the route made of segs (the first one beginning with Start,
// the last one finishing with End), and false if that route is not allowed: empty when the
// number of routes is fixed.
func (s *search) eval(segs []seg) (float64, bool) {
	m := s.m
	g := &segs[0]
	x := &g.r.fwd[g.b]
	v0, v1 := x[0], x[1]
	last := int(g.r.seq[g.b])
	load := g.r.pre[g.b+1]
	size := g.b + 1
	for k := 1; k < len(segs); k++ {
		g := &segs[k]
		if g.a > g.b {
			continue
		}
		L := len(g.r.seq)
		first, out := int(g.r.seq[g.a]), int(g.r.seq[g.b])
		if g.rev {
			first, out = out, first
			x = &g.r.rev[g.a*L+g.b]
		} else {
			x = &g.r.fwd[g.a*L+g.b]
		}
		// The walk from the end of the last service to the beginning of the segment, in each
		// mode of both, then through the segment: written out, as this is the innermost loop of
		// the search.
		e0, e1 := int(m.tail[2*last])*m.k, int(m.tail[2*last+1])*m.k
		b0, b1 := int(m.head[2*first]), int(m.head[2*first+1])
		t0 := min(v0+m.dist[e0+b0], v1+m.dist[e1+b0])
		t1 := min(v0+m.dist[e0+b1], v1+m.dist[e1+b1])
		v0, v1 = min(t0+x[0], t1+x[2]), min(t0+x[1], t1+x[3])
		last = out
		load += g.r.pre[g.b+1] - g.r.pre[g.a]
		size += g.b - g.a + 1
	}
	if size == 2 {
		return 0, m.routes == 0
	}
	return m.penalized(v0, load, s.w), true
}

// epsilon is the least gain a move must bring: penalties are fractional.
const epsilon = 1e-6

// try applies the change of r1 into segs1 and, unless r2 is nil, of r2 into segs2 if it lowers
// their penalized cost, and says whether it did.
func (s *search) try(r1 *route, segs1 []seg, r2 *route, segs2 []seg) bool {
	old := r1.pen
	if r2 != nil {
		old += r2.pen
		if s.bound(segs1)+s.bound(segs2) > old-epsilon {
			return false
		}
	}
	p1, ok := s.eval(segs1)
	return ok && s.tryKnown(r1, segs1, p1, r2, segs2)
}

// bound is a lower bound of eval(segs), cheaper to compute: the segments' own costs, each in
// its cheapest directions, without the walks joining them, which cost nothing less than zero.
func (s *search) bound(segs []seg) float64 {
	var cost, load int64
	size := 0
	for k := range segs {
		g := &segs[k]
		if g.a > g.b {
			continue
		}
		L := len(g.r.seq)
		if g.rev {
			cost += g.r.lowRev[g.a*L+g.b]
		} else {
			cost += g.r.low[g.a*L+g.b]
		}
		load += g.r.pre[g.b+1] - g.r.pre[g.a]
		size += g.b - g.a + 1
	}
	if size == 2 {
		return 0
	}
	return s.m.penalized(cost, load, s.w)
}

// tryKnown is try when the penalized cost p1 of segs1 is known.
func (s *search) tryKnown(r1 *route, segs1 []seg, p1 float64, r2 *route, segs2 []seg) bool {
	old := r1.pen
	if r2 != nil {
		old += r2.pen
	}
	if p1 > old-epsilon {
		return false
	}
	if r2 != nil {
		if p1+s.bound(segs2) > old-epsilon {
			return false
		}
		p2, ok := s.eval(segs2)
		if !ok || p1+p2 > old-epsilon {
			return false
		}
	}
	// Both new sequences are built before either route changes: segs2 may read r1.
	s.buf[0] = s.concat(s.buf[0][:0], segs1)
	if r2 != nil {
		s.buf[1] = s.concat(s.buf[1][:0], segs2)
	}
	s.moves++
	r1.seq = append(r1.seq[:0], s.buf[0]...)
	s.rebuild(r1)
	if r2 != nil {
		r2.seq = append(r2.seq[:0], s.buf[1]...)
		s.rebuild(r2)
	}
	if s.m.routes == 0 && !s.hasEmpty() {
		s.addRoute(nil)
	}
	return true
}

// concat appends the services of segs to seq.
func (s *search) concat(seq []int32, segs []seg) []int32 {
	for _, g := range segs {
		if g.rev {
			for k := g.b; k >= g.a; k-- {
				seq = append(seq, g.r.seq[k])
			}
		} else if g.a <= g.b {
			seq = append(seq, g.r.seq[g.a:g.b+1]...)
		}
	}
	return seq
}

func (s *search) hasEmpty() bool {
	for _, r := range s.routes {
		if r.empty() {
			return true
		}
	}
	return false
}

// run improves the routes until no move of the neighbourhood lowers their penalized cost. A
// service is tried next to each of its nearest services, skipping pairs whose routes have not
// changed since the last try (HGS's granular search).
func (s *search) run() {
	for i := range s.tested {
		s.tested[i] = -1
	}
	s.rng.Shuffle(len(s.order), func(i, j int) { s.order[i], s.order[j] = s.order[j], s.order[i] })
	for _, l := range s.near {
		s.rng.Shuffle(len(l), func(i, j int) { l[i], l[j] = l[j], l[i] })
	}
	for improved := true; improved; {
		improved = false
		for _, u := range s.order {
			last := s.tested[u]
			s.tested[u] = s.moves
			for _, v := range s.near[u] {
				if max(s.at[u].r.touched, s.at[v].r.touched) <= last {
					continue
				}
				if s.moveNear(u, v) {
					improved = true
				}
			}
			if s.m.routes == 0 && s.at[u].r.touched > last && s.toEmpty(u) {
				improved = true
			}
		}
	}
}

// moveNear tries to bring service u next to service v.
func (s *search) moveNear(u, v int32) bool {
	pu, pv := s.at[u], s.at[v]
	if pu.r == pv.r {
		return s.intra(pu.r, pu.i, pv.i)
	}
	return s.inter(pu.r, pu.i, pv.r, pv.i)
}

// toEmpty tries to move service u to a route of its own.
func (s *search) toEmpty(u int32) bool {
	var e *route
	for _, r := range s.routes {
		if r.empty() {
			e = r
			break
		}
	}
	r, i := s.at[u].r, s.at[u].i
	if e == nil || len(r.seq) == 3 {
		return false
	}
	E := len(r.seq) - 1
	return s.try(r, []seg{{r, 0, i - 1, false}, {r, i + 1, E, false}}, e, []seg{{e, 0, 0, false}, {r, i, i, false}, {e, 1, 1, false}})
}

// inter tries the moves between r1 and r2 that bring r1.seq[i] next to r2.seq[j]: relocating it,
// or it and its successor in either order, before or after; swapping one or two services
// beginning with it with one or two beginning with the other; exchanging the routes' tails
// (2-opt*), also with one of them reversed.
func (s *search) inter(r1 *route, i int, r2 *route, j int) bool {
	E1, E2 := len(r1.seq)-1, len(r2.seq)-1
	for k := 1; k <= 2 && i+k-1 < E1; k++ {
		rest := []seg{{r1, 0, i - 1, false}, {r1, i + k, E1, false}}
		p1, ok := s.removal(r1, i, k, rest)
		if !ok || p1 > r1.pen+r2.pen-epsilon {
			continue
		}
		for rev := range k {
			for p := j - 1; p <= j; p++ {
				if s.tryKnown(r1, rest, p1, r2, []seg{{r2, 0, p, false}, {r1, i, i + k - 1, rev == 1}, {r2, p + 1, E2, false}}) {
					return true
				}
			}
		}
	}
	for k1 := 1; k1 <= 2 && i+k1-1 < E1; k1++ {
		for k2 := 1; k2 <= 2 && j+k2-1 < E2; k2++ {
			if s.try(r1, []seg{{r1, 0, i - 1, false}, {r2, j, j + k2 - 1, false}, {r1, i + k1, E1, false}},
				r2, []seg{{r2, 0, j - 1, false}, {r1, i, i + k1 - 1, false}, {r2, j + k2, E2, false}}) {
				return true
			}
		}
	}
	return s.try(r1, []seg{{r1, 0, i, false}, {r2, j, E2, false}}, r2, []seg{{r2, 0, j - 1, false}, {r1, i + 1, E1, false}}) ||
		s.try(r1, []seg{{r1, 0, i - 1, false}, {r2, j + 1, E2, false}}, r2, []seg{{r2, 0, j, false}, {r1, i, E1, false}}) ||
		s.try(r1, []seg{{r1, 0, i, false}, {r2, 1, j, true}, {r1, E1, E1, false}},
			r2, []seg{{r2, 0, 0, false}, {r1, i + 1, E1 - 1, true}, {r2, j + 1, E2, false}}) ||
		// With symmetric walks and Start = End, this is the previous move with both routes
		// reversed.
		!s.m.symmetric && s.try(r2, []seg{{r2, 0, j, false}, {r1, 1, i, true}, {r2, E2, E2, false}},
			r1, []seg{{r1, 0, 0, false}, {r2, j + 1, E2 - 1, true}, {r1, i + 1, E1, false}})
}

// removal is the penalized cost of r without the k services from position i, rest, and false
// if that route is not allowed. It is remembered from one neighbour to the next.
func (s *search) removal(r *route, i, k int, rest []seg) (float64, bool) {
	c := &s.removed[k-1]
	if c.r != r || c.i != i || c.moves != s.moves {
		c.r, c.i, c.moves = r, i, s.moves
		c.pen, c.ok = s.eval(rest)
	}
	return c.pen, c.ok
}

// intra tries the moves within r that bring r.seq[i] next to r.seq[j]: relocating it, or it and
// its successor in either order, before or after; swapping them; reversing the stretch between
// them (2-opt).
func (s *search) intra(r *route, i, j int) bool {
	E := len(r.seq) - 1
	for k := 1; k <= 2 && i+k-1 < E; k++ {
		for rev := range k {
			block := seg{r, i, i + k - 1, rev == 1}
			for p := j - 1; p <= j; p++ {
				var segs []seg
				switch {
				case p >= i+k:
					segs = []seg{{r, 0, i - 1, false}, {r, i + k, p, false}, block, {r, p + 1, E, false}}
				case p < i-1:
					segs = []seg{{r, 0, p, false}, block, {r, p + 1, i - 1, false}, {r, i + k, E, false}}
				default:
					continue
				}
				if s.try(r, segs, nil, nil) {
					return true
				}
			}
		}
	}
	a, b := min(i, j), max(i, j)
	if s.try(r, []seg{{r, 0, a - 1, false}, {r, b, b, false}, {r, a + 1, b - 1, false}, {r, a, a, false}, {r, b + 1, E, false}}, nil, nil) {
		return true
	}
	for p := a - 1; p <= a; p++ {
		q := p + b - a
		if p >= 0 && q < E && q-p >= 2 && s.try(r, []seg{{r, 0, p, false}, {r, p + 1, q, true}, {r, q + 1, E, false}}, nil, nil) {
			return true
		}
	}
	return false
}

// result lists the services of the non-empty routes.
func (s *search) result() [][]int32 {
	var seqs [][]int32
	for _, r := range s.routes {
		if !r.empty() {
			seqs = append(seqs, append([]int32(nil), r.seq[1:len(r.seq)-1]...))
		}
	}
	return seqs
}
