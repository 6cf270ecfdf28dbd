package turf

import (
	"math"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/geocode"
	"github.com/campagne-fr/porteaporte/geo/arc"
	"github.com/campagne-fr/porteaporte/geo/network"
)

// walkSearch is the number of generations of the arc-routing search per turf: a turf's walk has
// a few dozen stretches, which the search settles long before that.
const walkSearch = 100

// step is a service of a chain, walked along its segment forward (From to To) or backward.
type step struct {
	svc     int
	forward bool
}

// chain is a stretch of one street served in one pass: services on consecutive segments of the
// street (the same side of it, for a street walked one side at a time), walked from node from to
// node to of the turf's neighbourhood.
type chain struct {
	steps    []step
	from, to int
	metres   float64
	doors    int
}

// walkNetwork orders a turf's doors into a walk along the network: the turf's services are
// joined into chains (a street served in one pass), the chains ordered and turned by the
// arc-routing solver into the shortest open walk, walking along unserved streets between them,
// and the doors visited along each segment in order.
func walkNetwork(doors []Door, part []int, opt Options) Turf {
	net := opt.Network
	svcs := services(doors, part, opt)
	b := bound(net, svcs)
	if opt.StartPlace != nil {
		b = b.Union(net.Segments[opt.StartPlace.Segment].Path.Bound())
	}
	sub, index := around(net, b)
	chains := chainServices(net, sub, index, svcs)
	p := arc.Problem{Nodes: len(sub.Nodes), Start: arc.Anywhere, End: arc.Anywhere, Routes: 1}
	for s := range sub.Segments {
		seg := sub.Segments[s]
		p.Links = append(p.Links, arc.Link{From: seg.From, To: seg.To, Cost: decimetres(sub.Length(s))})
	}
	for _, c := range chains {
		p.Services = append(p.Services, arc.Service{From: c.from, To: c.to, Cost: decimetres(c.metres), Demand: int64(c.doors)})
	}
	var start *network.Place
	if opt.StartPlace != nil {
		pl := *opt.StartPlace
		pl.Segment = index[pl.Segment]
		start = &pl
		seg := sub.Segments[pl.Segment]
		p.Start = seg.From
		if pl.Along > sub.Length(pl.Segment)/2 {
			p.Start = seg.To
		}
	}
	visits := make([]arc.Visit, len(chains))
	for i := range visits {
		visits[i].Service = i
	}
	if sol, err := arc.Solve(&p, arc.Options{Seed: 1, Iterations: walkSearch}); err == nil && len(sol.Routes) == 1 {
		visits = sol.Routes[0].Visits
	}

	t := Turf{Area: doors[part[0]].Area}
	router := sub.Router()
	prev := start
	type leg struct {
		door    int
		svc     int
		forward bool
	}
	var legs []leg
	for _, v := range visits {
		c := chains[v.Service]
		for k := range c.steps {
			st := c.steps[k]
			if v.Reverse {
				st = c.steps[len(c.steps)-1-k]
				st.forward = !st.forward
			}
			idx := svcs[st.svc].doors
			sortAlong(net, doors, idx, st.forward)
			for _, i := range idx {
				legs = append(legs, leg{i, st.svc, st.forward})
			}
		}
	}
	for _, l := range legs {
		d := doors[l.door]
		pl := d.Place
		pl.Segment = index[pl.Segment]
		if prev != nil {
			t.Metres += router.Distance(*prev, pl)
			t.Path = appendPath(t.Path, router.Path(*prev, pl))
		}
		prev = &pl
		t.Doors = append(t.Doors, l.door)
		t.Voters += d.Voters
		side := sideOf(svcs[l.svc].mode, d)
		seg := net.Segments[d.Place.Segment]
		entry, exit := seg.From, seg.To
		if !l.forward {
			entry, exit = exit, entry
		}
		cross := func(v int) string {
			if !ownStreet(net, d) {
				return ""
			}
			return crossStreet(net, v, geocode.StreetKey(seg.Name))
		}
		if n := len(t.Stops); n > 0 && t.Stops[n-1].StreetID == d.StreetID && t.Stops[n-1].Side == side {
			s := &t.Stops[n-1]
			s.Doors, s.To, s.Voters = append(s.Doors, l.door), d.Number, s.Voters+d.Voters
			s.ToStreet = cross(exit)
			continue
		}
		t.Stops = append(t.Stops, Stop{StreetID: d.StreetID, Street: d.Street, Side: side, From: d.Number, To: d.Number,
			Doors: []int{l.door}, Voters: d.Voters, FromStreet: cross(entry), ToStreet: cross(exit)})
	}
	if len(t.Path) == 1 && len(legs) > 0 { // a single door: its point
		t.Path = nil
	}
	if len(t.Path) == 0 && len(legs) > 0 {
		t.Path = append(t.Path, net.Point(doors[legs[0].door].Place))
	}
	t.Minutes = t.Metres/opt.WalkSpeed + opt.PerDoor*float64(len(t.Doors)) + opt.PerVoter*float64(t.Voters)
	return t
}

func decimetres(m float64) int64 { return int64(math.Round(10 * m)) }

// appendPath joins q to p, dropping q's first point when p already ends there.
func appendPath(p, q orb.LineString) orb.LineString {
	if len(q) > 0 && len(p) > 0 && p[len(p)-1] == q[0] {
		q = q[1:]
	}
	return append(p, q...)
}

// chainServices joins a turf's services into chains: through a node where exactly two segments
// of one street meet, the service on one goes on into the service on the other (on the same side
// of the street, for streets walked one side at a time). sub is the turf's neighbourhood, index
// maps the network's segments to its own.
func chainServices(net, sub *network.Network, index map[int]int, svcs []service) []chain {
	type end struct {
		svc int
		to  bool // the service's To end (else its From end)
	}
	// next[2p+e] is the end of the service that follows service p's end e (0 From, 1 To), or -1.
	next := make([]int, 2*len(svcs))
	for i := range next {
		next[i] = -1
	}
	type group struct {
		key   string
		sided bool
		node  int
	}
	at := map[group][]end{}
	for p, s := range svcs {
		seg := net.Segments[s.seg]
		k := geocode.StreetKey(seg.Name)
		if k == "" || seg.From == seg.To {
			continue // nothing says which segment goes on; a loop goes on into itself
		}
		for e, v := range [2]int{seg.From, seg.To} {
			g := group{key: k, sided: s.mode != bothSides, node: v}
			at[g] = append(at[g], end{p, e == 1})
		}
	}
	// away is the side a service's doors are on walking away from its end e.
	away := func(e end) mode {
		m := svcs[e.svc].mode
		if e.to {
			return leftSide + rightSide - m
		}
		return m
	}
	for g, ends := range at {
		segs := map[int]bool{}
		for _, e := range ends {
			segs[svcs[e.svc].seg] = true
		}
		if len(segs) != 2 {
			continue // a dead end, or a junction of three: the chain stops there
		}
		for i, a := range ends {
			for _, b := range ends[i+1:] {
				if svcs[a.svc].seg == svcs[b.svc].seg || (g.sided && away(a) == away(b)) {
					continue
				}
				ia, ib := 2*a.svc+btoi(a.to), 2*b.svc+btoi(b.to)
				if next[ia] < 0 && next[ib] < 0 {
					next[ia], next[ib] = ib, ia
				}
			}
		}
	}
	used := make([]bool, len(svcs))
	var out []chain
	walkFrom := func(p int, fromEnd int) {
		c := chain{}
		for p >= 0 && !used[p] {
			used[p] = true
			s := svcs[p]
			fwd := fromEnd == 0
			c.steps = append(c.steps, step{p, fwd})
			c.metres += net.Length(s.seg)
			c.doors += len(s.doors)
			seg := sub.Segments[index[s.seg]]
			entry, exit := seg.From, seg.To
			if !fwd {
				entry, exit = exit, entry
			}
			if len(c.steps) == 1 {
				c.from = entry
			}
			c.to = exit
			n := next[2*p+(1-fromEnd)]
			if n < 0 {
				break
			}
			p, fromEnd = n/2, n%2
		}
		out = append(out, c)
	}
	for p := range svcs { // chains from an end that nothing goes on from
		if !used[p] {
			for e := range 2 {
				if next[2*p+e] < 0 && !used[p] {
					walkFrom(p, e)
				}
			}
		}
	}
	for p := range svcs { // what is left are rings
		if !used[p] {
			walkFrom(p, 0)
		}
	}
	return out
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
