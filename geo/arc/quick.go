package arc

import "math/rand/v2"

// SolveQuick is Solve for the many small problems a caller may solve in a row, such as the walks
// of all the turfs of a plan (a few dozen services each): instead of the genetic search, it
// improves a few nearest-neighbour giant tours (starts of them) by local search and keeps the
// best, at about starts/25 of the cost of the search's first generation. On such problems the
// search seldom finds better. Like Solve it returns an error naming the field when p is malformed,
// or wrapping ErrInfeasible when no tour improved met the bounds: give bounds only when the
// genetic search's penalties are not needed to meet them.
func SolveQuick(p *Problem, starts int, seed uint64) (Solution, error) {
	m, err := compile(p)
	if err != nil {
		return Solution{}, err
	}
	if m.n == 0 {
		return Solution{}, nil
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	g := &genetic{m: m, rng: rng, ls: newSearch(m, rng), w: hard}
	for range max(1, starts) {
		g.educate(g.nearestTour())
	}
	if g.best == nil {
		return Solution{}, ErrInfeasible
	}
	return m.solution(g.best.routes), nil
}
