package arc

import (
	"errors"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/campagne-fr/porteaporte/data/shared"
	"github.com/campagne-fr/porteaporte/geo/arc/internal/carplib"
)

// unreachable is the test's own "no path" cost.
const unreachable = int64(1) << 55

// floyd returns the cost of the shortest walk between every two nodes of p's network
// (Floyd–Warshall), independently of the solver's Dijkstra.
func floyd(p *Problem) [][]int64 {
	d := make([][]int64, p.Nodes)
	for i := range d {
		d[i] = make([]int64, p.Nodes)
		for j := range d[i] {
			if i != j {
				d[i][j] = unreachable
			}
		}
	}
	for _, l := range p.Links {
		d[l.From][l.To] = min(d[l.From][l.To], l.Cost)
		if !l.OneWay {
			d[l.To][l.From] = min(d[l.To][l.From], l.Cost)
		}
	}
	for k := range d {
		for i := range d {
			for j := range d {
				d[i][j] = min(d[i][j], d[i][k]+d[k][j])
			}
		}
	}
	return d
}

// routeCost is the cost of serving visits in that order and those directions, recomputed from
// the shortest walks d: from Start (or the first service) to End (or the last service).
func routeCost(p *Problem, d [][]int64, visits []Visit) int64 {
	at := p.Start
	var cost int64
	for _, v := range visits {
		s := p.Services[v.Service]
		from, to := s.From, s.To
		if v.Reverse {
			from, to = to, from
		}
		if at != Anywhere {
			cost += d[at][from]
		}
		cost += s.Cost
		at = to
	}
	if p.End != Anywhere {
		cost += d[at][p.End]
	}
	return cost
}

// checkSolution fails unless sol serves every service of p exactly once, each in an allowed
// direction, within p's bounds, with the costs and loads it states, and unless every route's
// walk is continuous from Start to End and costs what the route says.
func checkSolution(tb testing.TB, p *Problem, sol Solution) {
	tb.Helper()
	d := floyd(p)
	served := make([]int, len(p.Services))
	if p.Routes > 0 && len(sol.Routes) != p.Routes {
		tb.Fatalf("%d routes, want %d", len(sol.Routes), p.Routes)
	}
	var total int64
	for k, r := range sol.Routes {
		if len(r.Visits) == 0 {
			tb.Fatalf("route %d is empty", k)
		}
		var load int64
		for _, v := range r.Visits {
			if v.Service < 0 || v.Service >= len(p.Services) {
				tb.Fatalf("route %d: service %d out of range", k, v.Service)
			}
			served[v.Service]++
			load += p.Services[v.Service].Demand
		}
		cost := routeCost(p, d, r.Visits)
		switch {
		case cost != r.Cost:
			tb.Fatalf("route %d costs %d, says %d", k, cost, r.Cost)
		case load != r.Load:
			tb.Fatalf("route %d serves %d, says %d", k, load, r.Load)
		case p.Capacity > 0 && load > p.Capacity:
			tb.Fatalf("route %d serves %d, over the capacity %d", k, load, p.Capacity)
		case load < p.MinLoad:
			tb.Fatalf("route %d serves %d, under the minimum %d", k, load, p.MinLoad)
		case p.MaxCost > 0 && cost > p.MaxCost:
			tb.Fatalf("route %d costs %d, over the limit %d", k, cost, p.MaxCost)
		}
		total += cost
		checkWalk(tb, p, r)
	}
	for s, n := range served {
		if n != 1 {
			tb.Fatalf("service %d served %d times", s, n)
		}
	}
	if total != sol.Cost {
		tb.Fatalf("routes cost %d in all, solution says %d", total, sol.Cost)
	}
}

// checkWalk fails unless r's walk starts at Start, ends at End, is continuous, walks links and
// serves services in allowed directions, serves r's visits in order and costs r.Cost.
func checkWalk(tb testing.TB, p *Problem, r Route) {
	tb.Helper()
	steps, err := p.Walk(r)
	if err != nil {
		tb.Fatal(err)
	}
	at := p.Start
	var cost int64
	var visits []Visit
	for k, st := range steps {
		if at != Anywhere && st.From != at {
			tb.Fatalf("step %d leaves from node %d, the walk is at %d", k, st.From, at)
		}
		if st.Service >= 0 {
			s := p.Services[st.Service]
			fwd := st.From == s.From && st.To == s.To
			if !fwd && (s.OneWay || st.From != s.To || st.To != s.From) {
				tb.Fatalf("step %d serves service %d from %d to %d", k, st.Service, st.From, st.To)
			}
			visits = append(visits, Visit{st.Service, !fwd})
			cost += s.Cost
		} else {
			l := p.Links[st.Link]
			if !(st.From == l.From && st.To == l.To) && (l.OneWay || st.From != l.To || st.To != l.From) {
				tb.Fatalf("step %d walks link %d from %d to %d", k, st.Link, st.From, st.To)
			}
			cost += l.Cost
		}
		at = st.To
	}
	if p.End != Anywhere && at != p.End && len(steps) > 0 {
		tb.Fatalf("the walk ends at node %d, want %d", at, p.End)
	}
	if !slices.Equal(visits, r.Visits) {
		tb.Fatalf("the walk serves %v, the route %v", visits, r.Visits)
	}
	if cost != r.Cost {
		tb.Fatalf("the walk costs %d, the route %d", cost, r.Cost)
	}
}

// bruteForce returns the least cost of a solution of a tiny p, trying every order of the
// services, every cut of it into routes and every direction of every service; false if none
// meets the bounds.
func bruteForce(p *Problem) (int64, bool) {
	d := floyd(p)
	best, found := int64(0), false
	permute(len(p.Services), func(order []int) {
		if c, ok := bestCut(p, d, order); ok && (!found || c < best) {
			best, found = c, true
		}
	})
	return best, found
}

// bestCut returns the least cost of cutting order into routes within p's bounds, trying every
// cut; false if none meets them.
func bestCut(p *Problem, d [][]int64, order []int) (int64, bool) {
	n := len(order)
	best, found := int64(0), false
	for cuts := 0; cuts < 1<<max(0, n-1); cuts++ {
		var total int64
		routes, ok := 0, true
		for a := 0; a < n && ok; {
			b := a
			for b < n-1 && cuts&(1<<b) == 0 {
				b++
			}
			c, fits := bestRoute(p, d, order[a:b+1])
			ok, total, routes, a = fits, total+c, routes+1, b+1
		}
		if ok && (p.Routes == 0 || routes == p.Routes) && (!found || total < best) {
			best, found = total, true
		}
	}
	return best, found
}

// bestRoute is the least cost of serving services in that order within p's bounds.
func bestRoute(p *Problem, d [][]int64, services []int) (int64, bool) {
	var load int64
	for _, s := range services {
		load += p.Services[s].Demand
	}
	if (p.Capacity > 0 && load > p.Capacity) || load < p.MinLoad {
		return 0, false
	}
	best := unreachable
	visits := make([]Visit, len(services))
	for dirs := 0; dirs < 1<<len(services); dirs++ {
		ok := true
		for k, s := range services {
			visits[k] = Visit{s, dirs&(1<<k) != 0}
			ok = ok && !(visits[k].Reverse && p.Services[s].OneWay)
		}
		if ok {
			best = min(best, routeCost(p, d, visits))
		}
	}
	return best, best < unreachable && (p.MaxCost == 0 || best <= p.MaxCost)
}

// permute calls f with every permutation of 0..n-1 (Heap's algorithm).
func permute(n int, f func([]int)) {
	a := make([]int, n)
	for i := range a {
		a[i] = i
	}
	var gen func(k int)
	gen = func(k int) {
		if k <= 1 {
			f(a)
			return
		}
		for i := range k - 1 {
			gen(k - 1)
			if k%2 == 0 {
				a[i], a[k-1] = a[k-1], a[i]
			} else {
				a[0], a[k-1] = a[k-1], a[0]
			}
		}
		gen(k - 1)
	}
	gen(n)
}

// street makes a service of the link from a to b of cost c, with demand q.
func street(a, b int, c, q int64) (Link, Service) {
	return Link{From: a, To: b, Cost: c}, Service{From: a, To: b, Cost: c, Demand: q}
}

// network builds a problem whose links and services are the given streets, all to serve.
func network(nodes int, streets ...[4]int64) *Problem {
	p := &Problem{Nodes: nodes}
	for _, s := range streets {
		l, sv := street(int(s[0]), int(s[1]), s[2], s[3])
		p.Links = append(p.Links, l)
		p.Services = append(p.Services, sv)
	}
	return p
}

// line is the street
//
//	0 ----- 1 ----- 2 ----- 3
//	    2       3       4
//
// (costs under the streets), each street one door.
func line() *Problem {
	return network(4, [4]int64{0, 1, 2, 1}, [4]int64{1, 2, 3, 1}, [4]int64{2, 3, 4, 1})
}

// star is three streets around a meeting point, 0, with their doors in brackets; walks start
// at 0 and end anywhere:
//
//	         1
//	         |
//	       4 | [10]
//	         |
//	2 ------ 0 ------ 3
//	 3 [6]      3 [6]
func star() *Problem {
	p := network(4, [4]int64{0, 1, 4, 10}, [4]int64{0, 2, 3, 6}, [4]int64{0, 3, 3, 6})
	p.Start, p.End = 0, Anywhere
	return p
}

func TestSolveSmall(t *testing.T) {
	for name, tc := range map[string]struct {
		p    *Problem
		edit func(*Problem)
		want int64 // -1: infeasible
	}{
		// Closed rounds from 0. One round out and back: 9 + 9.
		"line closed": {line(), func(p *Problem) { p.Start, p.End, p.Capacity = 0, 0, 3 }, 18},
		// Two rounds: 0-1 alone (2+2), and 1-2, 2-3 (2 + 3 + 4 + 9 back).
		"line two rounds": {line(), func(p *Problem) { p.Start, p.End, p.Capacity = 0, 0, 2 }, 22},
		// One round per street: 4, 2+3+5, 5+4+9.
		"line one each": {line(), func(p *Problem) { p.Start, p.End, p.Capacity = 0, 0, 1 }, 32},
		// Open walks: the street once, from either end.
		"line open": {line(), func(p *Problem) { p.Start, p.End = Anywhere, Anywhere }, 9},
		// From 3, ending anywhere: 3 to 0.
		"line from the end": {line(), func(p *Problem) { p.Start, p.End = 3, Anywhere }, 9},
		// One walk from 1, ending anywhere: 1-0, back to 1 unserving (2), then 1-2-3: 2 + 2 + 7.
		"line from inside": {line(), func(p *Problem) { p.Start, p.End, p.Routes = 1, Anywhere, 1 }, 11},
		// Two walks from 1 need not come back: 1-0 and 1-2-3.
		"line from inside, two walks": {line(), func(p *Problem) { p.Start, p.End = 1, Anywhere }, 9},
		// Ending at 1 from anywhere is the same walk backwards.
		"line to inside": {line(), func(p *Problem) { p.Start, p.End, p.Routes = Anywhere, 1, 1 }, 11},
		// From the meeting point 0, ending anywhere. One walk: 0-2 and back, 0-3 and back, 0-1.
		"star one walk":             {star(), func(p *Problem) { p.Routes = 1 }, 3 + 3 + 3 + 3 + 4},
		"star one walk, 15 minutes": {star(), func(p *Problem) { p.Routes, p.MaxCost = 1, 15 }, -1},
		// Two walks of at most 10 minutes: 0-2-0-3 (9) and 0-1 (4), or 0-2-0-1 (10) and 0-3 (3).
		"star two walks, 10 minutes": {star(), func(p *Problem) { p.Routes, p.MaxCost = 2, 10 }, 13},
		// A walk serving two streets takes at least 9 minutes.
		"star two walks, 8 minutes": {star(), func(p *Problem) { p.Routes, p.MaxCost = 2, 8 }, -1},
		// Two walks of 12 doors at most: 0-2-0-3 (12 doors) and 0-1 (10).
		"star two walks, 12 doors": {star(), func(p *Problem) { p.Routes, p.Capacity = 2, 12 }, 13},
		// No two streets fit in 11 doors: two walks cannot do.
		"star two walks, 11 doors": {star(), func(p *Problem) { p.Routes, p.Capacity = 2, 11 }, -1},
		// Balance: walks of 10 to 12 doors make 0-1 a walk of its own.
		"star balanced": {star(), func(p *Problem) { p.Routes, p.MinLoad, p.Capacity = 2, 10, 12 }, 13},
		// At least 11 doors each, two walks: impossible (0-1 has 10 and every pair 12 or more).
		"star unbalanced": {star(), func(p *Problem) { p.Routes, p.MinLoad = 2, 11 }, -1},
		// Without a number of walks, open walks cost least one street each: 4+3+3.
		"star free": {star(), func(p *Problem) {}, 10},
	} {
		t.Run(name, func(t *testing.T) {
			tc.edit(tc.p)
			sol, err := Solve(tc.p, Options{Seed: 1})
			if tc.want < 0 {
				if !errors.Is(err, ErrInfeasible) {
					t.Fatalf("Solve = %+v, %v; want ErrInfeasible", sol, err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			checkSolution(t, tc.p, sol)
			if sol.Cost != tc.want {
				t.Errorf("cost %d, want %d: %+v", sol.Cost, tc.want, sol.Routes)
			}
		})
	}
}

// TestSolveStreetSides shows the two ways of canvassing a street: a narrow street is one
// service for both sides, a wide one a service per side, between the same two nodes.
//
//	     narrow (5)
//	0 =============== 1
//	|                 |
//	| 1             1 |
//	|                 |
//	3 =============== 2
//	  wide (5 a side)
//
// One closed walk from 0 walks the narrow street at least once and the wide one at least twice
// (15). Joining them costs two more passes on short streets (0-3 and 1-2: 0-1, 1-2, 2-3, 3-2,
// 2-1, 1-0 or 0-1, 1-2, 2-3, 3-0 plus a third pass on the wide one, 5): 22 either way.
func TestSolveStreetSides(t *testing.T) {
	p := &Problem{Nodes: 4, Start: 0, End: 0,
		Links: []Link{{0, 1, 5, false}, {1, 2, 1, false}, {2, 3, 5, false}, {3, 0, 1, false}},
		Services: []Service{
			{From: 0, To: 1, Cost: 5, Demand: 20}, // narrow: both sides, one pass
			{From: 2, To: 3, Cost: 5, Demand: 8},  // wide, one side
			{From: 3, To: 2, Cost: 5, Demand: 9},  // wide, the other side
		}}
	sol, err := Solve(p, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	checkSolution(t, p, sol)
	if want, _ := bruteForce(p); sol.Cost != 22 || want != 22 {
		t.Fatalf("cost %d, want 22 (brute force %d): %+v", sol.Cost, want, sol.Routes)
	}
}

func TestSolveOneWay(t *testing.T) {
	// A one-way service 1→0 on a two-way street: from 0, it costs a walk to 1 first.
	//
	//	0 ---- 1
	//	   3
	p := &Problem{Nodes: 2, Start: 0, End: 0, Links: []Link{{0, 1, 3, false}},
		Services: []Service{{From: 1, To: 0, Cost: 3, Demand: 1, OneWay: true}}}
	sol, err := Solve(p, Options{Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	checkSolution(t, p, sol)
	if sol.Cost != 6 || sol.Routes[0].Visits[0].Reverse {
		t.Errorf("got %+v, want cost 6 serving 1→0", sol)
	}
}

// tiny draws a random problem of a few services on a small connected network, with random
// ends and bounds.
func tiny(rng *rand.Rand) *Problem {
	nodes := 3 + rng.IntN(3)
	p := &Problem{Nodes: nodes, Start: Anywhere, End: Anywhere}
	for v := 1; v < nodes; v++ {
		p.Links = append(p.Links, Link{From: rng.IntN(v), To: v, Cost: 1 + rng.Int64N(9)})
	}
	for range rng.IntN(3) {
		p.Links = append(p.Links, Link{From: rng.IntN(nodes), To: rng.IntN(nodes), Cost: 1 + rng.Int64N(9), OneWay: rng.IntN(4) == 0})
	}
	var demand int64
	for range 3 + rng.IntN(4) {
		l := p.Links[rng.IntN(len(p.Links))]
		s := Service{From: l.From, To: l.To, Cost: l.Cost + rng.Int64N(3), Demand: 1 + rng.Int64N(5), OneWay: rng.IntN(5) == 0}
		p.Services = append(p.Services, s)
		demand += s.Demand
	}
	if rng.IntN(3) > 0 {
		p.Start = rng.IntN(nodes)
	}
	if rng.IntN(3) > 0 {
		p.End = rng.IntN(nodes)
	}
	switch rng.IntN(4) {
	case 0:
		p.Capacity = demand/2 + rng.Int64N(demand/2+1)
	case 1:
		p.Routes = 1 + rng.IntN(3)
		p.MinLoad = rng.Int64N(demand/int64(p.Routes) + 1)
	case 2:
		p.MaxCost = 10 + rng.Int64N(30)
		p.Routes = rng.IntN(3)
	}
	return p
}

// TestSolveTiny compares the solver with a brute force on random tiny problems: open and closed
// walks, one-way links and services, capacities, minimum loads, numbers of routes, cost limits.
func TestSolveTiny(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	cases := 150
	if testing.Short() {
		cases = 30
	}
	for i := range cases {
		p := tiny(rng)
		want, feasible := bruteForce(p)
		sol, err := Solve(p, Options{Seed: uint64(i), Iterations: 50})
		if !feasible {
			if !errors.Is(err, ErrInfeasible) && !strings.Contains(fmtErr(err), "cannot be reached") {
				t.Fatalf("case %d %+v: Solve = %+v, %v; the brute force finds no solution", i, *p, sol, err)
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

func fmtErr(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}

// TestSplit compares Split with every cut of random orders of random tiny problems.
func TestSplit(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for i := range 200 {
		p := tiny(rng)
		order := rng.Perm(len(p.Services))
		want, feasible := bestCut(p, floyd(p), order)
		sol, err := Split(p, order)
		if !feasible {
			if err == nil {
				t.Fatalf("case %d: Split = %+v, want an error", i, sol)
			}
			continue
		}
		if err != nil {
			t.Fatalf("case %d %+v order %v: %v; want %d", i, *p, order, err, want)
		}
		checkSolution(t, p, sol)
		var got []int
		for _, r := range sol.Routes {
			for _, v := range r.Visits {
				got = append(got, v.Service)
			}
		}
		if !slices.Equal(got, order) || sol.Cost != want {
			t.Errorf("case %d: Split serves %v at %d, want the order %v at %d", i, got, sol.Cost, order, want)
		}
	}
}

// TestSplitBalance cuts one walk along a street of six segments into turfs, open walks:
//
//	0 --- 1 --- 2 --- 3 --- 4 --- 5 --- 6
//	  [3]   [1]   [1]   [1]   [1]   [3]    doors
//
// Every cut costs the same (6, the street once), so only the bounds decide.
func TestSplitBalance(t *testing.T) {
	p := network(7, [4]int64{0, 1, 1, 3}, [4]int64{1, 2, 1, 1}, [4]int64{2, 3, 1, 1},
		[4]int64{3, 4, 1, 1}, [4]int64{4, 5, 1, 1}, [4]int64{5, 6, 1, 3})
	p.Start, p.End = Anywhere, Anywhere
	order := []int{0, 1, 2, 3, 4, 5}
	loads := func(sol Solution) []int64 {
		var l []int64
		for _, r := range sol.Routes {
			l = append(l, r.Load)
		}
		return l
	}
	for _, tc := range []struct {
		capacity, minLoad int64
		routes            int
		want              []int64 // nil: infeasible
	}{
		{capacity: 5, minLoad: 5, routes: 2, want: []int64{5, 5}},
		{capacity: 6, minLoad: 5, routes: 2, want: []int64{5, 5}},
		{capacity: 6, minLoad: 5, want: []int64{5, 5}},
		{capacity: 4, minLoad: 3, routes: 3, want: nil}, // 3|3|4 or 4|3|3: either; checked below
		{capacity: 10, minLoad: 0, routes: 6, want: []int64{3, 1, 1, 1, 1, 3}},
		{capacity: 5, minLoad: 5, routes: 3, want: nil},
		{capacity: 4, minLoad: 4, want: nil},
	} {
		p.Capacity, p.MinLoad, p.Routes = tc.capacity, tc.minLoad, tc.routes
		sol, err := Split(p, order)
		if tc.routes == 3 && tc.capacity == 4 {
			if err != nil {
				t.Fatal(err)
			}
			checkSolution(t, p, sol)
			continue
		}
		if tc.want == nil {
			if !errors.Is(err, ErrInfeasible) {
				t.Errorf("%+v: Split = %v, %v; want ErrInfeasible", tc, loads(sol), err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%+v: %v", tc, err)
		}
		checkSolution(t, p, sol)
		if !slices.Equal(loads(sol), tc.want) || sol.Cost != 6 {
			t.Errorf("%+v: loads %v cost %d, want %v cost 6", tc, loads(sol), sol.Cost, tc.want)
		}
	}
}

func TestErrors(t *testing.T) {
	for name, tc := range map[string]struct {
		edit func(*Problem)
		want string
	}{
		"node":       {func(p *Problem) { p.Services[1].To = 9 }, "service 1 To: node 9 out of range"},
		"link":       {func(p *Problem) { p.Links[0].Cost = -1 }, "link 0 Cost"},
		"start":      {func(p *Problem) { p.Start = 7 }, "Start: node 7"},
		"demand":     {func(p *Problem) { p.Capacity = 0; p.Services[2].Demand = -3 }, "service 2 Demand"},
		"capacity":   {func(p *Problem) { p.Capacity = 1; p.Services[2].Demand = 2 }, "service 2: demand 2 over the capacity 1"},
		"routes":     {func(p *Problem) { p.Routes = 4 }, "4 routes for 3 services"},
		"too little": {func(p *Problem) { p.Routes, p.Capacity = 2, 1 }, "2 routes of capacity 1"},
		"too much":   {func(p *Problem) { p.Routes, p.MinLoad = 2, 2 }, "2 routes of at least 2"},
		"window":     {func(p *Problem) { p.Capacity, p.MinLoad = 2, 3 }, "MinLoad 3 over the capacity 2"},
		"negative":   {func(p *Problem) { p.MaxCost = -1 }, "must not be negative"},
		"unreachable": {func(p *Problem) {
			p.Nodes = 5
			p.Services = append(p.Services, Service{From: 4, To: 4, Cost: 1})
		}, "node 4 of service 3 cannot be reached"},
	} {
		t.Run(name, func(t *testing.T) {
			p := line()
			p.Start, p.End = 0, 0
			tc.edit(p)
			_, err := Solve(p, Options{})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
	if _, err := Split(line(), []int{0, 1, 1}); err == nil || !strings.Contains(err.Error(), "listed twice") {
		t.Errorf("Split with a repeated service: error %v", err)
	}
	if _, err := Split(line(), []int{0, 1}); err == nil || !strings.Contains(err.Error(), "want all 3") {
		t.Errorf("Split with a missing service: error %v", err)
	}
}

// TestCARPLIB parses every instance and checks the solutions of a selection, small budgets;
// gdb1 must reach its optimum, 316.
func TestCARPLIB(t *testing.T) {
	dir := shared.Path(t, "data", "carp")
	refs := references(t, dir)
	rng := rand.New(rand.NewPCG(1, 1))
	if len(refs) != 91 {
		t.Errorf("%d reference costs, want 91", len(refs))
	}
	for _, ref := range refs {
		in, err := carplib.Load(filepath.Join(dir, ref.name+".dat"))
		if err != nil {
			t.Fatal(err)
		}
		p := problem(in)
		if in.Vertices == 0 || len(p.Services) == 0 {
			t.Fatalf("%s: read with %d vertices and %d services", ref.name, in.Vertices, len(p.Services))
		}
		// Every instance is connected and within its capacity: the problem compiles.
		if _, err := Split(p, rng.Perm(len(p.Services))); err != nil {
			t.Fatalf("%s: %v", ref.name, err)
		}
		if !slices.Contains([]string{"gdb1", "gdb8", "val1C", "val10D", "egl-e1-A", "egl-s1-C"}, ref.name) {
			continue
		}
		if testing.Short() && ref.name != "gdb1" {
			continue
		}
		sol, err := Solve(p, Options{Seed: 1, Iterations: 100})
		if err != nil {
			t.Fatalf("%s: %v", ref.name, err)
		}
		checkSolution(t, p, sol)
		if ref.name == "gdb1" && sol.Cost != 316 {
			t.Errorf("gdb1: cost %d, want the optimum 316", sol.Cost)
		}
		if g := gap(sol.Cost, ref.cost); g > 5 {
			t.Errorf("%s: cost %d, %.1f%% over the reference %d even with a small budget", ref.name, sol.Cost, g, ref.cost)
		}
	}
}

func TestWalkErrors(t *testing.T) {
	p := line()
	p.Services[1].OneWay = true
	for _, tc := range []struct {
		r    Route
		want string
	}{
		{Route{Visits: []Visit{{Service: 3}}}, "visit 0: service 3 out of range"},
		{Route{Visits: []Visit{{Service: 0}, {Service: 1, Reverse: true}}}, "visit 1: one-way service 1 served backwards"},
	} {
		if _, err := p.Walk(tc.r); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Walk(%v): error %v, want one containing %q", tc.r, err, tc.want)
		}
	}
}

// TestSolveDeterministic checks that a seed gives one solution, and that a time limit still
// gives a solution within the bounds.
func TestSolveDeterministic(t *testing.T) {
	// A 4 × 4 grid of streets of random lengths and doors, closed rounds from a corner.
	rng := rand.New(rand.NewPCG(5, 5))
	p := &Problem{Nodes: 16, Start: 0, End: 0, Capacity: 10}
	for v := range 16 {
		for _, w := range []int{v + 1, v + 4} {
			if w < 16 && (w == v+4 || w%4 != 0) {
				l, s := street(v, w, 1+rng.Int64N(9), 1+rng.Int64N(3))
				p.Links, p.Services = append(p.Links, l), append(p.Services, s)
			}
		}
	}
	a, errA := Solve(p, Options{Seed: 9, Iterations: 30})
	b, errB := Solve(p, Options{Seed: 9, Iterations: 30})
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	if !slices.EqualFunc(a.Routes, b.Routes, func(x, y Route) bool { return slices.Equal(x.Visits, y.Visits) }) {
		t.Errorf("seed 9 gave %+v, then %+v", a.Routes, b.Routes)
	}
	c, err := Solve(p, Options{Seed: 9, TimeLimit: time.Nanosecond})
	if err != nil {
		t.Fatal(err)
	}
	checkSolution(t, p, c)
}
