package route

import "math"

// exactMax is the largest number of nodes solved exactly: Held-Karp takes m²·2^m steps, a few
// hundred thousand here, less than the heuristic's set-up.
const exactMax = 12

// exact finds an optimal tour by dynamic programming over subsets (Held-Karp).
func (s *solver) exact() {
	m := s.m
	full := 1 << (m - 1) // subsets of nodes 1..m-1; node 0 starts the tour
	cost := make([]float64, full*m)
	from := make([]int8, full*m)
	for i := range cost {
		cost[i] = math.Inf(1)
	}
	for j := 1; j < m; j++ {
		cost[(1<<(j-1))*m+j] = s.dist(0, int32(j))
	}
	for set := 1; set < full; set++ {
		for j := 1; j < m; j++ {
			c := cost[set*m+j]
			if set&(1<<(j-1)) == 0 || math.IsInf(c, 1) {
				continue
			}
			for k := 1; k < m; k++ {
				if set&(1<<(k-1)) != 0 {
					continue
				}
				next := set | 1<<(k-1)
				if d := c + s.dist(int32(j), int32(k)); d < cost[next*m+k] {
					cost[next*m+k] = d
					from[next*m+k] = int8(j)
				}
			}
		}
	}
	last, best := 1, math.Inf(1)
	for j := 1; j < m; j++ {
		if d := cost[(full-1)*m+j] + s.dist(int32(j), 0); d < best {
			last, best = j, d
		}
	}
	s.tour = make([]int32, m)
	s.pos = make([]int32, m)
	set := full - 1
	for i := m - 1; i > 0; i-- {
		s.tour[i] = int32(last)
		prev := int(from[set*m+last])
		set &^= 1 << (last - 1)
		last = prev
	}
	for i, v := range s.tour {
		s.pos[v] = int32(i)
	}
}
