package arc

import (
	"fmt"
	"slices"
)

// Step is one stretch of a walk: serving a service (Link is -1) or walking a link without
// serving anything (Service is -1), from node From to node To.
type Step struct {
	Service, Link int
	From, To      int
}

// Walk returns route r of a solution of p as the walk on the network, step by step: from Start
// along a shortest path to the first service, serving it, and so on, to End; what a map draws.
// It returns an error if p is malformed, if r names a service p does not have or serves a one-way service
// backwards.
func (p *Problem) Walk(r Route) ([]Step, error) {
	if err := p.check(); err != nil {
		return nil, err
	}
	g := newGraph(p.Nodes, p.Links)
	trees := map[int][]int32{}
	var steps []Step
	at := p.Start
	// walkTo appends the links of a shortest path from at to node v.
	walkTo := func(v int) error {
		if at == Anywhere || at == v {
			return nil
		}
		via, ok := trees[at]
		if !ok {
			_, via = g.tree(at)
			trees[at] = via
		}
		var path []Step
		for w := v; w != at; {
			arc := via[w]
			if arc < 0 {
				return fmt.Errorf("arc: node %d cannot be reached from node %d", v, at)
			}
			path = append(path, Step{Service: -1, Link: int(g.link[arc]), From: int(g.from[arc]), To: w})
			w = int(g.from[arc])
		}
		slices.Reverse(path)
		steps = append(steps, path...)
		return nil
	}
	for k, v := range r.Visits {
		if v.Service < 0 || v.Service >= len(p.Services) {
			return nil, fmt.Errorf("arc: visit %d: service %d out of range", k, v.Service)
		}
		s := p.Services[v.Service]
		from, to := s.From, s.To
		if v.Reverse {
			if s.OneWay {
				return nil, fmt.Errorf("arc: visit %d: one-way service %d served backwards", k, v.Service)
			}
			from, to = to, from
		}
		if err := walkTo(from); err != nil {
			return nil, err
		}
		steps = append(steps, Step{Service: v.Service, Link: -1, From: from, To: to})
		at = to
	}
	if p.End != Anywhere {
		if err := walkTo(p.End); err != nil {
			return nil, err
		}
	}
	return steps, nil
}
