// Package arc plans rounds that serve the links of a network, like a postman's or a refuse
// lorry's: the capacitated arc-routing problem (CARP) and the variants canvassing needs.
//
// A Problem is a small graph (nodes, links walked at a cost) and the services to perform on it:
// each service is a street, or a street side, between two nodes, with a cost to serve it (walking
// along it included) and a demand. A route starts at Problem.Start, serves services one after
// the other, walking shortest paths between them, and ends at Problem.End; every service is
// served by exactly one route, in the direction that suits the route best. Routes are bounded by
// Capacity (the sum of their demands) and MaxCost (their own cost), and may be asked to carry at
// least MinLoad and to be exactly Routes in number.
//
// The classic CARP is Start = End = the depot with a Capacity. Canvassing maps onto it so:
//   - a turf is a route and its walk an open one: Start at the meeting point, or Anywhere for
//     the best start, and End Anywhere (the volunteer goes home from the last street);
//   - a street side with doors is a service; a narrow street, canvassed both sides in one pass,
//     is one service with the doors of both sides; a wide street is two services between the
//     same nodes, one per side, each walked in its own pass. Every street is also a Link, for
//     walking between services;
//   - turfs sized in doors take Capacity in doors (Demand = doors); turfs sized in minutes
//     take costs in seconds (a service: its length at walking speed plus the time at its doors)
//     and MaxCost the turf's duration;
//   - balanced turfs take a number of Routes (say the doors divided by the turf size, rounded
//     up) and a window [MinLoad, Capacity] around the mean turf. With open walks and no number of
//     routes, splitting a walk saves walking (each route starts where it works), so the solver
//     makes many small routes: give Routes.
//
// Split on its own cuts a good order of services (one walk through them all) into consecutive
// turfs within such a window, at least cost.
//
// The method is Vidal's hybrid genetic search for arc routing (HGS-CARP, 2017): a solution is a
// giant tour of the services, cut optimally into routes by Split (a shortest path over the tour);
// a local search moves whole services and pairs of services between and within routes
// (relocation, swaps, 2-opt, 2-opt*), each move evaluated with the service directions of the
// changed routes chosen anew by a dynamic programme over precomputed subsequences; the search
// runs on a population, crossing giant tours (OX) and keeping the population diverse, with
// excesses over the bounds penalized rather than forbidden. Given a seed and a number of
// iterations the result is deterministic. A change to a route of L services costs O(L²): the
// solver suits routes of up to a hundred services or so, problems of a few hundred.
package arc

import (
	"errors"
	"fmt"
	"time"
)

// Anywhere, as Problem.Start or Problem.End, lets each route begin at its first service or end
// after its last one, wherever that is best: an open walk.
const Anywhere = -1

// maxTotal bounds the sum of all costs and of all demands, so that sums never overflow.
const maxTotal = 1 << 40

// Link is a piece of the network that routes may walk between services, at Cost, in both
// directions unless OneWay (then only From to To). Nodes are numbered from 0.
type Link struct {
	From, To int
	Cost     int64
	OneWay   bool
}

// Service is a piece of work on the network between nodes From and To: a street to grit, or a
// street side to canvass. Cost is what serving it costs, walking its length included (in
// canvassing, with time as the cost: the walk plus the time spent at its doors). It is served in
// either direction unless OneWay. A service does not make its street walkable between other
// services: list the street as a Link too.
type Service struct {
	From, To int
	Cost     int64
	Demand   int64
	OneWay   bool
}

// Problem is an arc-routing problem. Costs and demands are non-negative integers in any unit
// (decimetres, seconds, doors); their totals must stay under 2^40.
type Problem struct {
	// Nodes is the number of nodes of the network, numbered 0..Nodes-1.
	Nodes    int
	Links    []Link
	Services []Service
	// Start is the node every route leaves from, or Anywhere: each route then begins at its
	// first service. End is the node every route finishes at, or Anywhere. The classic CARP has
	// both at the depot.
	Start, End int
	// Capacity bounds the demand a route serves; 0 means no bound.
	Capacity int64
	// MaxCost bounds the cost of a route, walking between services and from Start and to End
	// included; 0 means no bound. With costs in seconds it is a duration limit.
	MaxCost int64
	// MinLoad is the least demand a route serves (a balance requirement): 0 means none.
	MinLoad int64
	// Routes, when positive, is the exact number of routes, none of them empty; otherwise the
	// solver uses as many as the bounds need.
	Routes int
}

// Visit is one service in a route, served from its From to its To node, or from To to From when
// Reverse.
type Visit struct {
	Service int
	Reverse bool
}

// Route is one round: its visits in order, the demand it serves and its cost (services, the
// walks between them, from Start and to End).
type Route struct {
	Visits []Visit
	Load   int64
	Cost   int64
}

// Solution is a set of routes serving every service once, and their total cost.
type Solution struct {
	Routes []Route
	Cost   int64
}

// Options says how hard to search.
type Options struct {
	// Seed drives the random choices of the search.
	Seed uint64
	// Iterations is the number of generations of the genetic search: 0 means
	// DefaultIterations(number of services).
	Iterations int
	// TimeLimit, when positive, stops the search early once it has elapsed. The result then
	// depends on the machine's speed; leave it zero for reproducible results.
	TimeLimit time.Duration
}

// DefaultIterations is the number of generations used when Options.Iterations is zero: 20,000
// divided by the number of services, at most 1,000. A generation's local search costs about in
// proportion to the number of services (some 10 ms of processor time at 350), so the whole
// search takes at most about 1 s at any size; on the 91 classic CARP instances this ends 0.35%
// above HGS-CARP's 10-second costs on average (see BENCHMARKS.md). A caller solving many small
// problems, such as the turfs of a plan, can pass a smaller budget: 50 generations solved every
// tiny problem of the tests optimally.
func DefaultIterations(services int) int {
	return min(1000, 20000/max(1, services))
}

// Solve returns routes serving every service of p once within its bounds, of least total cost
// as far as the search finds. It returns an error naming the field when p is malformed, or
// wrapping ErrInfeasible when the bounds cannot be met (or the search met none).
func Solve(p *Problem, opts Options) (Solution, error) {
	m, err := compile(p)
	if err != nil {
		return Solution{}, err
	}
	if m.n == 0 {
		return Solution{}, nil
	}
	routes, ok := m.solve(opts)
	if !ok {
		return Solution{}, ErrInfeasible
	}
	return m.solution(routes), nil
}

// ErrInfeasible is returned when no solution meets the bounds: a service's demand over the
// capacity, more routes asked than there are services, or, for Split, no cut of the order that
// respects the bounds.
var ErrInfeasible = errors.New("arc: no solution within the bounds")

// check returns an error naming the first field of p that is out of range.
func (p *Problem) check() error {
	node := func(v int, what string) error {
		if v < 0 || v >= p.Nodes {
			return fmt.Errorf("arc: %s: node %d out of range 0..%d", what, v, p.Nodes-1)
		}
		return nil
	}
	var total int64
	amount := func(v int64, what string) error {
		total += v
		if v < 0 || total >= maxTotal {
			return fmt.Errorf("arc: %s: want a non-negative amount, all amounts together under 2^40", what)
		}
		return nil
	}
	for i, l := range p.Links {
		what := fmt.Sprintf("link %d", i)
		if err := errors.Join(node(l.From, what+" From"), node(l.To, what+" To"), amount(l.Cost, what+" Cost")); err != nil {
			return err
		}
	}
	var demand int64
	for i, s := range p.Services {
		what := fmt.Sprintf("service %d", i)
		if err := errors.Join(node(s.From, what+" From"), node(s.To, what+" To"),
			amount(s.Cost, what+" Cost"), amount(s.Demand, what+" Demand")); err != nil {
			return err
		}
		if p.Capacity > 0 && s.Demand > p.Capacity {
			return fmt.Errorf("%w: service %d: demand %d over the capacity %d", ErrInfeasible, i, s.Demand, p.Capacity)
		}
		demand += s.Demand
	}
	for _, f := range []struct {
		v    int
		what string
	}{{p.Start, "Start"}, {p.End, "End"}} {
		if f.v != Anywhere {
			if err := node(f.v, f.what); err != nil {
				return err
			}
		}
	}
	switch {
	case p.Capacity < 0 || p.MaxCost < 0 || p.MinLoad < 0 || p.Routes < 0:
		return errors.New("arc: Capacity, MaxCost, MinLoad and Routes must not be negative")
	case p.Capacity > 0 && p.MinLoad > p.Capacity:
		return fmt.Errorf("%w: MinLoad %d over the capacity %d", ErrInfeasible, p.MinLoad, p.Capacity)
	case p.Routes > len(p.Services):
		return fmt.Errorf("%w: %d routes for %d services", ErrInfeasible, p.Routes, len(p.Services))
	case p.Routes > 0 && p.Capacity > 0 && int64(p.Routes)*p.Capacity < demand:
		return fmt.Errorf("%w: %d routes of capacity %d for a demand of %d", ErrInfeasible, p.Routes, p.Capacity, demand)
	case p.Routes > 0 && int64(p.Routes)*p.MinLoad > demand:
		return fmt.Errorf("%w: %d routes of at least %d for a demand of %d", ErrInfeasible, p.Routes, p.MinLoad, demand)
	}
	return nil
}
