package arc

import (
	"fmt"
	"math"
)

// weights are the penalties the search pays per unit of load outside [MinLoad, Capacity] and per
// unit of cost over MaxCost. Infinite weights make the bounds hard.
type weights struct{ load, cost float64 }

// hard forbids any excess.
var hard = weights{math.Inf(1), math.Inf(1)}

// penalized is the cost of a non-empty route with its excesses penalized.
func (m *model) penalized(cost, load int64, w weights) float64 {
	p := float64(cost)
	if m.capacity > 0 && load > m.capacity {
		p += w.load * float64(load-m.capacity)
	}
	if load < m.minLoad {
		p += w.load * float64(m.minLoad-load)
	}
	if m.maxCost > 0 && cost > m.maxCost {
		p += w.cost * float64(cost-m.maxCost)
	}
	return p
}

// Split cuts order, a sequence of all the services of p each listed once, into consecutive
// routes at the least total cost that meets the bounds of p (Capacity, MaxCost, MinLoad and
// Routes), each service served in the direction that suits its route best. This is the step of
// the solver that turns a giant tour into routes; on its own it builds balanced turfs from an
// order that is already good, such as one walk through all the services: with Routes and a window
// [MinLoad, Capacity] around the mean load it gives routes of similar sizes. It returns
// ErrInfeasible when no cut meets the bounds.
func Split(p *Problem, order []int) (Solution, error) {
	m, err := compile(p)
	if err != nil {
		return Solution{}, err
	}
	if len(order) != m.n {
		return Solution{}, fmt.Errorf("arc: order lists %d services, want all %d", len(order), m.n)
	}
	tour := make([]int32, m.n)
	seen := make([]bool, m.n)
	for i, s := range order {
		if s < 0 || s >= m.n || seen[s] {
			return Solution{}, fmt.Errorf("arc: order[%d]: service %d out of range or listed twice", i, s)
		}
		seen[s] = true
		tour[i] = int32(s)
	}
	routes, ok := m.split(tour, hard)
	if !ok {
		return Solution{}, ErrInfeasible
	}
	return m.solution(routes), nil
}

// split cuts tour into routes at the least penalized cost: a shortest path in the graph whose
// arcs (i, j) are the routes serving tour[i..j-1]; with a number of routes, in layers by routes
// used. Routes are not considered beyond 1.5 times the capacity (HGS's limit), nor beyond it
// when the bounds are hard. It reports false when no cut has a finite cost.
func (m *model) split(tour []int32, w weights) ([][]int32, bool) {
	n := len(tour)
	maxLoad := int64(math.MaxInt64)
	if m.capacity > 0 {
		maxLoad = m.capacity
		if !math.IsInf(w.load, 1) {
			maxLoad += m.capacity / 2
		}
	}
	// pot[k][j] is the least cost of serving tour[:j] with k routes; without a number of
	// routes, row 0 holds any number of them.
	layers := max(m.routes, 1)
	row := func(k int) int {
		if m.routes == 0 {
			return 0
		}
		return k
	}
	pot := make([][]float64, row(layers)+1)
	pred := make([][]int32, row(layers)+1)
	for k := range pot {
		pot[k] = make([]float64, n+1)
		pred[k] = make([]int32, n+1)
		for j := range pot[k] {
			pot[k][j] = math.Inf(1)
		}
	}
	pot[0][0] = 0
	start, end := 2*m.n, 2*(m.n+1)
	for k := range layers {
		from, to := row(k), row(k+1)
		for i := range n {
			if math.IsInf(pot[from][i], 1) {
				continue
			}
			var cost [2]int64 // from Start to the end of tour[j] served in mode y
			var load int64
			for j := i; j < n; j++ {
				s := int(tour[j])
				load += m.demand[s]
				if load > maxLoad && j > i {
					break
				}
				var next [2]int64
				for y := range 2 {
					b := 2*s + y
					if j == i {
						next[y] = m.d(start, b) + m.serve[b]
						continue
					}
					prev := 2 * int(tour[j-1])
					next[y] = min(cost[0]+m.d(prev, b), cost[1]+m.d(prev+1, b)) + m.serve[b]
				}
				cost = next
				c := pot[from][i] + m.penalized(min(cost[0]+m.d(2*s, end), cost[1]+m.d(2*s+1, end)), load, w)
				if c < pot[to][j+1] {
					pot[to][j+1], pred[to][j+1] = c, int32(i)
				}
			}
		}
	}
	if math.IsInf(pot[row(layers)][n], 1) {
		return nil, false
	}
	var routes [][]int32
	for j, k := n, layers; j > 0; k-- {
		i := int(pred[row(k)][j])
		routes = append(routes, tour[i:j:j])
		j = i
	}
	for a, b := 0, len(routes)-1; a < b; a, b = a+1, b-1 {
		routes[a], routes[b] = routes[b], routes[a]
	}
	return routes, true
}

// solution describes routes (sequences of services) with their best directions.
func (m *model) solution(routes [][]int32) Solution {
	var sol Solution
	for _, seq := range routes {
		if len(seq) == 0 {
			continue
		}
		modes, cost := m.directions(seq)
		r := Route{Cost: cost, Visits: make([]Visit, len(seq))}
		for k, s := range seq {
			r.Visits[k] = Visit{Service: int(s), Reverse: modes[k] == 1}
			r.Load += m.demand[s]
		}
		sol.Routes = append(sol.Routes, r)
		sol.Cost += cost
	}
	return sol
}

// directions chooses the mode of each service of seq for the cheapest route (a shortest path
// over the two modes of each service) and returns them with the route's cost.
func (m *model) directions(seq []int32) ([]int, int64) {
	start, end := 2*m.n, 2*(m.n+1)
	back := make([][2]int8, len(seq))
	var cost [2]int64
	for k, s := range seq {
		var next [2]int64
		for y := range 2 {
			b := 2*int(s) + y
			if k == 0 {
				next[y] = m.d(start, b) + m.serve[b]
				continue
			}
			prev := 2 * int(seq[k-1])
			c0, c1 := cost[0]+m.d(prev, b), cost[1]+m.d(prev+1, b)
			next[y] = min(c0, c1) + m.serve[b]
			if c1 < c0 {
				back[k][y] = 1
			}
		}
		cost = next
	}
	last := 2 * int(seq[len(seq)-1])
	y, total := 0, cost[0]+m.d(last, end)
	if c := cost[1] + m.d(last+1, end); c < total {
		y, total = 1, c
	}
	modes := make([]int, len(seq))
	for k := len(seq) - 1; k >= 0; k-- {
		modes[k] = y
		y = int(back[k][y])
	}
	return modes, total
}
