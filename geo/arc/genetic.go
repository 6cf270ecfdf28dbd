package arc

import (
	"math/rand/v2"
	"slices"
	"time"
)

// Parameters of the genetic search, HGS's (Vidal 2012, 2017) unless said otherwise.
const (
	popMin        = 25   // μ: the population kept after a selection of survivors
	popGrowth     = 40   // λ: the individuals added before survivors are selected again
	elite         = 4    // individuals protected by their cost in the biased fitness
	closest       = 5    // individuals whose distance measures one's contribution to diversity
	targetLow     = 0.15 // share of local-search results within the bounds, below which penalties grow
	targetHigh    = 0.20 // share above which penalties shrink
	penaltyPeriod = 20   // local searches between penalty adjustments (HGS: 100, for much longer runs)
	repairChance  = 0.5  // chance of repairing an individual out of bounds
)

// individual is a solution of the genetic search.
type individual struct {
	routes [][]int32
	tour   []int32 // the routes end to end: the giant tour
	cost   int64
	// excessLoad sums the loads outside [MinLoad, Capacity], excessCost the costs over MaxCost.
	excessLoad, excessCost int64
	// succ and pred give each service's neighbours in its route, -1 for Start or End.
	succ, pred []int32
	fitness    float64
	// near lists the other individuals of the subpopulation, the closest first.
	near []neighbour
}

type neighbour struct {
	dist float64
	ind  *individual
}

func (in *individual) feasible() bool { return in.excessLoad == 0 && in.excessCost == 0 }

func (in *individual) penalized(w weights) float64 {
	p := float64(in.cost)
	if in.excessLoad > 0 {
		p += w.load * float64(in.excessLoad)
	}
	if in.excessCost > 0 {
		p += w.cost * float64(in.excessCost)
	}
	return p
}

// newIndividual evaluates routes.
func (m *model) newIndividual(routes [][]int32) *individual {
	in := &individual{routes: routes, succ: make([]int32, m.n), pred: make([]int32, m.n)}
	in.tour = make([]int32, 0, m.n)
	for _, seq := range routes {
		in.tour = append(in.tour, seq...)
		_, cost := m.directions(seq)
		var load int64
		for k, s := range seq {
			load += m.demand[s]
			in.pred[s], in.succ[s] = -1, -1
			if k > 0 {
				in.pred[s] = seq[k-1]
			}
			if k < len(seq)-1 {
				in.succ[s] = seq[k+1]
			}
		}
		in.cost += cost
		if m.capacity > 0 && load > m.capacity {
			in.excessLoad += load - m.capacity
		}
		in.excessLoad += max(0, m.minLoad-load)
		if m.maxCost > 0 && cost > m.maxCost {
			in.excessCost += cost - m.maxCost
		}
	}
	return in
}

// distance is the share of services whose neighbours differ between a and b (the broken-pairs
// distance).
func distance(a, b *individual) float64 {
	diff := 0
	for s := range a.succ {
		if a.succ[s] != b.succ[s] && a.succ[s] != b.pred[s] {
			diff++
		}
		if a.pred[s] == -1 && b.pred[s] != -1 && b.succ[s] != -1 {
			diff++
		}
	}
	return float64(diff) / float64(max(1, len(a.succ)))
}

// genetic is the state of the hybrid genetic search.
type genetic struct {
	m      *model
	rng    *rand.Rand
	ls     *search
	w      weights
	pops   [2][]*individual // within the bounds, and out of them; each by penalized cost
	ranked bool             // whether the fitness of every individual is up to date
	best   *individual      // the best individual within the bounds
	recent [2][]bool        // whether recent local-search results met the load and the cost bounds
}

// solve runs the genetic search and returns the best routes found within the bounds, or false.
func (m *model) solve(opts Options) ([][]int32, bool) {
	rng := rand.New(rand.NewPCG(opts.Seed, 0x9e3779b97f4a7c15))
	g := &genetic{m: m, rng: rng, ls: newSearch(m, rng)}
	g.w = weights{load: 1, cost: 1}
	var maxDemand int64
	for s := range m.n {
		maxDemand = max(maxDemand, m.demand[s])
	}
	var maxDist int64
	for _, d := range m.dist {
		if d < inf {
			maxDist = max(maxDist, d)
		}
	}
	if maxDemand > 0 {
		g.w.load = max(0.1, min(1000, float64(maxDist)/float64(maxDemand)))
	}
	iterations := opts.Iterations
	if iterations == 0 {
		iterations = DefaultIterations(m.n)
	}
	begin := time.Now()
	// HGS starts from 4μ random tours; from nearest-neighbour tours μ are enough, and leave the
	// budget to the generations.
	for range popMin {
		g.educate(g.nearestTour())
	}
	for range iterations {
		if opts.TimeLimit > 0 && time.Since(begin) > opts.TimeLimit {
			break
		}
		g.educate(g.crossover(g.pick().tour, g.pick().tour))
	}
	if g.best == nil {
		return nil, false
	}
	return g.best.routes, true
}

// educate splits a giant tour, improves the routes by local search and adds the result to the
// population, repairing it sometimes when it is out of bounds.
func (g *genetic) educate(tour []int32) {
	routes, _ := g.m.split(tour, g.w)
	in := g.improve(routes, g.w)
	g.recent[0] = append(g.recent[0], in.excessLoad == 0)
	g.recent[1] = append(g.recent[1], in.excessCost == 0)
	if len(g.recent[0]) == penaltyPeriod {
		g.adjustPenalties()
	}
	g.add(in)
	if !in.feasible() && g.rng.Float64() < repairChance {
		for _, f := range []float64{10, 100} {
			in = g.improve(in.routes, weights{g.w.load * f, g.w.cost * f})
			if in.feasible() {
				g.add(in)
				break
			}
		}
	}
}

// improve runs the local search on routes with penalties w.
func (g *genetic) improve(routes [][]int32, w weights) *individual {
	g.ls.w = w
	g.ls.set(routes)
	g.ls.run()
	return g.m.newIndividual(g.ls.result())
}

// nearestTour builds a giant tour by walking, from Start, to one of the few unserved services
// nearest to the end of the last one, chosen at random: tours much better than random ones,
// which the local search improves in fewer moves, and different enough from each other.
func (g *genetic) nearestTour() []int32 {
	m := g.m
	const choices = 3
	tour := make([]int32, 0, m.n)
	served := make([]bool, m.n)
	at := 2 * m.n // the mode the walk is at the end of
	for len(tour) < m.n {
		var best [choices]struct {
			d    int64
			mode int
		}
		for k := range best {
			best[k].d, best[k].mode = inf, -1
		}
		for s := range m.n {
			if served[s] {
				continue
			}
			for b := 2 * s; b < 2*s+2; b++ {
				if m.serve[b] >= inf {
					continue
				}
				d := m.d(at, b)
				for k := range best {
					if d < best[k].d {
						copy(best[k+1:], best[k:choices-1])
						best[k].d, best[k].mode = d, b
						break
					}
				}
			}
		}
		n := 0
		for n < choices && best[n].mode >= 0 {
			n++
		}
		b := best[g.rng.IntN(n)].mode
		tour = append(tour, int32(b/2))
		served[b/2] = true
		at = b
	}
	return tour
}

// crossover is the ordered crossover (OX): a random stretch of a, then the other services in
// b's order, beginning after the stretch.
func (g *genetic) crossover(a, b []int32) []int32 {
	n := len(a)
	child := make([]int32, n)
	if n < 2 {
		copy(child, a)
		return child
	}
	start, end := g.rng.IntN(n), g.rng.IntN(n)
	for end == start {
		end = g.rng.IntN(n)
	}
	in := make([]bool, n)
	k := start
	for ; k != (end+1)%n; k = (k + 1) % n {
		child[k] = a[k]
		in[a[k]] = true
	}
	for i := range n {
		s := b[(end+1+i)%n]
		if !in[s] {
			child[k] = s
			k = (k + 1) % n
		}
	}
	return child
}

// add puts in into its subpopulation and selects survivors when that grows too large.
func (g *genetic) add(in *individual) {
	k := 1
	if in.feasible() {
		k = 0
		if g.best == nil || in.cost < g.best.cost {
			g.best = in
		}
	}
	g.ranked = false
	pop := g.pops[k]
	for _, o := range pop {
		d := distance(in, o)
		o.near = insertNeighbour(o.near, neighbour{d, in})
		in.near = insertNeighbour(in.near, neighbour{d, o})
	}
	p := in.penalized(g.w)
	at, _ := slices.BinarySearchFunc(pop, p, func(o *individual, p float64) int {
		return cmpFloat(o.penalized(g.w), p)
	})
	pop = slices.Insert(pop, at, in)
	if len(pop) > popMin+popGrowth {
		for len(pop) > popMin {
			pop = g.removeWorst(pop)
		}
	}
	g.pops[k] = pop
}

func insertNeighbour(l []neighbour, n neighbour) []neighbour {
	at, _ := slices.BinarySearchFunc(l, n.dist, func(x neighbour, d float64) int { return cmpFloat(x.dist, d) })
	return slices.Insert(l, at, n)
}

func cmpFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// diversity is in's average distance to its closest individuals.
func (in *individual) diversity() float64 {
	k := min(closest, len(in.near))
	if k == 0 {
		return 0
	}
	var sum float64
	for _, n := range in.near[:k] {
		sum += n.dist
	}
	return sum / float64(k)
}

// rank sets the biased fitness of pop (sorted by penalized cost): its rank by cost plus, weighted,
// its rank by contribution to diversity; the lower the better.
func rank(pop []*individual) {
	n := len(pop)
	if n == 1 {
		pop[0].fitness = 0
		return
	}
	type div struct {
		d float64
		i int
	}
	divs := make([]div, n)
	for i, in := range pop {
		divs[i] = div{-in.diversity(), i}
	}
	slices.SortStableFunc(divs, func(a, b div) int { return cmpFloat(a.d, b.d) })
	for r, d := range divs {
		costRank := float64(d.i) / float64(n-1)
		divRank := float64(r) / float64(n-1)
		pop[d.i].fitness = costRank + (1-float64(elite)/float64(n))*divRank
	}
}

// removeWorst removes the individual of worst biased fitness, a clone of another first.
func (g *genetic) removeWorst(pop []*individual) []*individual {
	rank(pop)
	worst, worstClone := -1, false
	for i, in := range pop[1:] {
		i++
		clone := len(in.near) > 0 && in.near[0].dist < 1e-9
		if worst < 0 || (clone && !worstClone) || (clone == worstClone && in.fitness > pop[worst].fitness) {
			worst, worstClone = i, clone
		}
	}
	gone := pop[worst]
	for _, o := range pop {
		o.near = slices.DeleteFunc(o.near, func(n neighbour) bool { return n.ind == gone })
	}
	return slices.Delete(pop, worst, worst+1)
}

// pick chooses a parent by binary tournament on biased fitness over both subpopulations.
func (g *genetic) pick() *individual {
	if !g.ranked {
		for _, pop := range g.pops {
			if len(pop) > 0 {
				rank(pop)
			}
		}
		g.ranked = true
	}
	all := len(g.pops[0]) + len(g.pops[1])
	at := func(i int) *individual {
		if i < len(g.pops[0]) {
			return g.pops[0][i]
		}
		return g.pops[1][i-len(g.pops[0])]
	}
	a, b := at(g.rng.IntN(all)), at(g.rng.IntN(all))
	if b.fitness < a.fitness {
		return b
	}
	return a
}

// adjustPenalties raises the penalties when too few recent local-search results met a bound,
// lowers them when too many did, and re-sorts the subpopulation out of bounds.
func (g *genetic) adjustPenalties() {
	for k, w := range []*float64{&g.w.load, &g.w.cost} {
		ok := 0
		for _, b := range g.recent[k] {
			if b {
				ok++
			}
		}
		share := float64(ok) / float64(max(1, len(g.recent[k])))
		switch {
		case share < targetLow:
			*w = min(*w*1.2, 100000)
		case share > targetHigh:
			*w = max(*w*0.85, 0.1)
		}
		g.recent[k] = g.recent[k][:0]
	}
	g.ranked = false
	slices.SortStableFunc(g.pops[1], func(a, b *individual) int {
		return cmpFloat(a.penalized(g.w), b.penalized(g.w))
	})
}
