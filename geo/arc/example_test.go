package arc_test

import (
	"fmt"

	"github.com/campagne-fr/porteaporte/geo/arc"
)

// Two volunteers canvass the streets around two blocks, leaving from the meeting point at
// corner 0 and going home from wherever they finish. Each street side with doors is a service:
// the narrow streets are served both sides at once, the wide avenue 3-4-5 one side at a time.
// Costs are walking seconds plus 60 s per door; a walk takes at most an hour.
//
//	0 ---------- 1 ---------- 2
//	|            |            |
//	|            |            |
//	3 ========== 4 ========== 5
func Example() {
	type street struct{ a, b, metres int }
	streets := []street{{0, 1, 120}, {1, 2, 120}, {0, 3, 80}, {1, 4, 80}, {2, 5, 80}, {3, 4, 120}, {4, 5, 120}}
	const speed = 1 // metre per second
	p := &arc.Problem{Nodes: 6, Start: 0, End: arc.Anywhere, Routes: 2, MaxCost: 3600}
	for _, s := range streets {
		p.Links = append(p.Links, arc.Link{From: s.a, To: s.b, Cost: int64(s.metres / speed)})
	}
	side := func(a, b, metres, doors int) arc.Service {
		return arc.Service{From: a, To: b, Cost: int64(metres/speed + 60*doors), Demand: int64(doors)}
	}
	p.Services = []arc.Service{
		side(0, 1, 120, 8), side(1, 2, 120, 6), side(0, 3, 80, 4), side(1, 4, 80, 5), side(2, 5, 80, 3),
		side(3, 4, 120, 9), side(3, 4, 120, 7), // the avenue, north and south sides
		side(4, 5, 120, 6), side(4, 5, 120, 8),
	}
	sol, err := arc.Solve(p, arc.Options{Seed: 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	for k, r := range sol.Routes {
		fmt.Printf("walk %d: %d doors, %d min:", k+1, r.Load, r.Cost/60)
		for _, v := range r.Visits {
			s := p.Services[v.Service]
			from, to := s.From, s.To
			if v.Reverse {
				from, to = to, from
			}
			fmt.Printf(" %d-%d", from, to)
		}
		fmt.Println()
	}
	fmt.Printf("%d min in all\n", sol.Cost/60)
	// Output:
	// walk 1: 40 doors, 52 min: 0-3 3-4 4-5 5-2 2-1 1-4 4-3
	// walk 2: 16 doors, 21 min: 0-1 4-5
	// 73 min in all
}

// Split cuts an order of services into turfs of similar sizes: here six stretches of one
// street, 10 doors in all, into two turfs of 5 doors each, open walks.
//
//	0 --- 1 --- 2 --- 3 --- 4 --- 5 --- 6
//	  [3]   [1]   [1]   [1]   [1]   [3]    doors
func ExampleSplit() {
	p := &arc.Problem{Nodes: 7, Start: arc.Anywhere, End: arc.Anywhere, Routes: 2, MinLoad: 5, Capacity: 6}
	for i, doors := range []int64{3, 1, 1, 1, 1, 3} {
		p.Links = append(p.Links, arc.Link{From: i, To: i + 1, Cost: 100})
		p.Services = append(p.Services, arc.Service{From: i, To: i + 1, Cost: 100 + 60*doors, Demand: doors})
	}
	sol, err := arc.Split(p, []int{0, 1, 2, 3, 4, 5})
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range sol.Routes {
		fmt.Println(len(r.Visits), "stretches,", r.Load, "doors")
	}
	// Output:
	// 3 stretches, 5 doors
	// 3 stretches, 5 doors
}
