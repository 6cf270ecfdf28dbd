package arc

import (
	"math/rand/v2"
	"testing"
)

// TestSolveQuick compares SolveQuick with a brute force on random tiny open walks of one route
// with no bound, the problems it is meant for: a few starts find the optimum.
func TestSolveQuick(t *testing.T) {
	rng := rand.New(rand.NewPCG(11, 11))
	for i := 0; i < 100; i++ {
		p := tiny(rng)
		p.Capacity, p.MinLoad, p.MaxCost, p.Routes = 0, 0, 0, 1
		want, feasible := bruteForce(p)
		sol, err := SolveQuick(p, 5, uint64(i))
		if !feasible {
			if err == nil {
				t.Fatalf("case %d %+v: SolveQuick = %+v; the brute force finds no solution", i, *p, sol)
			}
			continue
		}
		if err != nil {
			t.Fatalf("case %d %+v: %v; the brute force finds %d", i, *p, err, want)
		}
		checkSolution(t, p, sol)
		if sol.Cost != want {
			t.Errorf("case %d %+v: cost %d, the brute force finds %d", i, *p, sol.Cost, want)
		}
	}
}
