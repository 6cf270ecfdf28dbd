package arc

import (
	"cmp"
	"fmt"
	"slices"
)

// inf stands for an impossible cost: large enough to lose every comparison, small enough that
// the few sums of it the search makes never overflow.
const inf int64 = 1 << 50

// neighbours is how many nearby services the local search tries to bring each service next to.
const neighbours = 20

// model is a Problem compiled for the search. Each service s has two modes, 2s (served From to
// To) and 2s+1 (To to From); Start and End are two more services, n and n+1, with a single mode
// and nothing to serve, so that a route is always the sequence start, services..., end.
type model struct {
	n  int // services
	nm int // modes: 2(n+2)
	// k is the number of nodes the model knows: the ends of services, Start and End, and a last
	// one standing for Anywhere, at no distance from any other.
	k int
	// dist[u*k+v] is the cost of the shortest walk from node u to node v (the model's numbers).
	// A table by nodes rather than by pairs of modes is four times smaller or more: it stays in
	// the processor's caches, which the search's innermost loop depends on.
	dist []int64
	// head[a] and tail[a] are the nodes mode a begins and ends at.
	head, tail []int32
	// serve[a] is the cost of serving in mode a: inf for a direction that is not allowed.
	serve  []int64
	demand []int64 // by service, 0 for start and end

	capacity, maxCost, minLoad int64
	routes                     int
	// symmetric says that a route reversed costs the same: every walk and service goes both
	// ways and routes end where they start.
	symmetric bool
	// near[s] lists the services closest to s, the nearest first.
	near [][]int32
}

// compile checks p and precomputes the shortest paths between the ends of its services.
func compile(p *Problem) (*model, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	n := len(p.Services)
	m := &model{n: n, nm: 2 * (n + 2), capacity: p.Capacity, maxCost: p.MaxCost, minLoad: p.MinLoad, routes: p.Routes}
	m.serve = make([]int64, m.nm)
	m.demand = make([]int64, n+2)
	m.head = make([]int32, m.nm)
	m.tail = make([]int32, m.nm)

	// The model's nodes, and the network's node each stands for.
	index := map[int]int32{}
	var nodes []int
	number := func(v int) int32 {
		i, ok := index[v]
		if !ok {
			i = int32(len(nodes))
			index[v] = i
			nodes = append(nodes, v)
		}
		return i
	}
	for s, sv := range p.Services {
		from, to := number(sv.From), number(sv.To)
		m.head[2*s], m.tail[2*s] = from, to
		m.head[2*s+1], m.tail[2*s+1] = to, from
		m.serve[2*s], m.serve[2*s+1] = sv.Cost, sv.Cost
		if sv.OneWay {
			m.serve[2*s+1] = inf
		}
		m.demand[s] = sv.Demand
	}
	for _, v := range []int{p.Start, p.End} {
		if v != Anywhere {
			number(v)
		}
	}
	m.k = len(nodes) + 1
	anywhere := int32(len(nodes))
	start, end := 2*n, 2*(n+1)
	for a, v := range map[int]int{start: p.Start, end: p.End} {
		m.head[a], m.tail[a], m.head[a+1], m.tail[a+1] = anywhere, anywhere, anywhere, anywhere
		if v != Anywhere {
			m.head[a], m.tail[a] = index[v], index[v]
		}
	}
	m.serve[start+1], m.serve[end+1] = inf, inf

	g := newGraph(p.Nodes, p.Links)
	m.dist = make([]int64, m.k*m.k)
	for i, v := range nodes {
		d := g.distances(v)
		for j, w := range nodes {
			m.dist[i*m.k+j] = d[w]
		}
	}
	// Every allowed direction of every service must be reachable from every other one, from
	// Start and to End.
	for a := range m.nm {
		for b := range m.nm {
			if m.serve[a] < inf && m.serve[b] < inf && a/2 != b/2 && a/2 != n+1 && b/2 != n && m.d(a, b) >= inf {
				return nil, fmt.Errorf("arc: %s cannot be reached from %s", m.describe(b, nodes[m.head[b]]), m.describe(a, nodes[m.tail[a]]))
			}
		}
	}
	m.symmetric = p.Start == p.End
	for _, l := range p.Links {
		m.symmetric = m.symmetric && !l.OneWay
	}
	for _, s := range p.Services {
		m.symmetric = m.symmetric && !s.OneWay
	}
	m.near = m.nearest(neighbours)
	return m, nil
}

// describe names mode a's node v for an error message.
func (m *model) describe(a, v int) string {
	switch a / 2 {
	case m.n:
		return fmt.Sprintf("Start node %d", v)
	case m.n + 1:
		return fmt.Sprintf("End node %d", v)
	}
	return fmt.Sprintf("node %d of service %d", v, a/2)
}

// d is the walking cost from the end of mode a to the beginning of mode b.
func (m *model) d(a, b int) int64 { return m.dist[int(m.tail[a])*m.k+int(m.head[b])] }

// gap is the shortest walk between services s and t, in either order and direction.
func (m *model) gap(s, t int) int64 {
	best := inf
	for x := range 2 {
		for y := range 2 {
			a, b := 2*s+x, 2*t+y
			if m.serve[a] < inf && m.serve[b] < inf {
				best = min(best, m.d(a, b), m.d(b, a))
			}
		}
	}
	return best
}

// nearest lists, for each service, the k others closest to it (ties by index).
func (m *model) nearest(k int) [][]int32 {
	near := make([][]int32, m.n)
	all := make([]int32, 0, m.n)
	gaps := make([]int64, m.n)
	for s := range m.n {
		all = all[:0]
		for t := range m.n {
			if t != s {
				all = append(all, int32(t))
				gaps[t] = m.gap(s, t)
			}
		}
		slices.SortStableFunc(all, func(a, b int32) int { return cmp.Compare(gaps[a], gaps[b]) })
		near[s] = slices.Clone(all[:min(k, len(all))])
	}
	return near
}
