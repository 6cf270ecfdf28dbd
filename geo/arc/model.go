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
	// walks[s*(n+2)+t][2x+y] is the cost of walking from the end of service s served in mode x
	// to the beginning of service t served in mode y: the four walks between two services lie
	// together in memory.
	walks []mat
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
	// ends[a] is the (first, last) node of mode a, -1 for Anywhere.
	first := make([]int, m.nm)
	last := make([]int, m.nm)
	for s, sv := range p.Services {
		first[2*s], last[2*s] = sv.From, sv.To
		first[2*s+1], last[2*s+1] = sv.To, sv.From
		m.serve[2*s], m.serve[2*s+1] = sv.Cost, sv.Cost
		if sv.OneWay {
			m.serve[2*s+1] = inf
		}
		m.demand[s] = sv.Demand
	}
	start, end := 2*n, 2*(n+1)
	first[start], last[start] = p.Start, p.Start
	first[end], last[end] = p.End, p.End
	first[start+1], last[start+1], first[end+1], last[end+1] = -1, -1, -1, -1
	m.serve[start+1], m.serve[end+1] = inf, inf

	// Shortest paths from every node a mode ends at.
	g := newGraph(p.Nodes, p.Links)
	var sources []int
	for a := range m.nm {
		if last[a] >= 0 {
			sources = append(sources, last[a])
		}
	}
	slices.Sort(sources)
	sources = slices.Compact(sources)
	from := make(map[int][]int64, len(sources))
	for _, s := range sources {
		from[s] = g.distances(s)
	}
	m.walks = make([]mat, (n+2)*(n+2))
	for a := range m.nm {
		for b := range m.nm {
			d := int64(0)
			switch {
			case a == start+1 || a == end+1 || b == start+1 || b == end+1 || a/2 == b/2:
				d = inf // a mode that does not exist, or a service after itself
			case a == start && b == end:
				d = 0 // an empty route costs nothing: it is not used
			case last[a] < 0 || first[b] < 0:
				d = 0 // from or to Anywhere
			default:
				d = from[last[a]][first[b]]
				if d >= inf {
					return nil, fmt.Errorf("arc: %s cannot be reached from %s", m.describe(p, b, first[b]), m.describe(p, a, last[a]))
				}
			}
			m.walks[(a/2)*(n+2)+b/2][2*(a%2)+b%2] = d
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
func (m *model) describe(p *Problem, a, v int) string {
	switch a / 2 {
	case m.n:
		return fmt.Sprintf("Start node %d", v)
	case m.n + 1:
		return fmt.Sprintf("End node %d", v)
	}
	return fmt.Sprintf("node %d of service %d", v, a/2)
}

// d is the walking cost from the end of mode a to the beginning of mode b.
func (m *model) d(a, b int) int64 { return m.walks[(a/2)*(m.n+2)+b/2][2*(a%2)+b%2] }

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
	for s := range m.n {
		all = all[:0]
		for t := range m.n {
			if t != s {
				all = append(all, int32(t))
			}
		}
		gaps := make([]int64, m.n)
		for _, t := range all {
			gaps[t] = m.gap(s, int(t))
		}
		slices.SortStableFunc(all, func(a, b int32) int { return cmp.Compare(gaps[a], gaps[b]) })
		near[s] = slices.Clone(all[:min(k, len(all))])
	}
	return near
}
