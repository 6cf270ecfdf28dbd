package turf

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/geo/arc"
	"github.com/campagne-fr/porteaporte/geo/network"
)

// walkStarts is how many giant tours the arc-routing solver improves per turf (arc.SolveQuick):
// a turf's walk has a few dozen stretches, whose best order they find as well as its genetic
// search does (BenchmarkNetworkCutParis20e), at a fraction of its time.
const walkStarts = 5

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
// then reordered where a street would be entered more than twice, and the doors visited along
// each segment in order.
func walkNetwork(doors []Door, part []int, opt Options) Turf {
	net := opt.Network
	svcs := gatherStrays(doors, services(doors, part, opt))
	b := bound(net, svcs)
	if opt.StartPlace != nil {
		b = b.Union(net.Segments[opt.StartPlace.Segment].Path.Bound())
	}
	sub, index := around(net, b)
	w := &walker{sub: sub, router: sub.Router(), start: arc.Anywhere, subSeg: index}
	w.chains = chainServices(net, sub, index, svcs, opt.keys)
	if opt.StartPlace != nil {
		pl := *opt.StartPlace
		pl.Segment = index[pl.Segment]
		w.startPlace = &pl
		seg := sub.Segments[pl.Segment]
		w.start = seg.From
		if pl.Along > sub.Length(pl.Segment)/2 {
			w.start = seg.To
		}
	}
	// The streets of each chain's doors as stops name them, walked forward.
	w.streets = make([][]string, len(w.chains))
	for c := range w.chains {
		for _, v := range w.visit(doors, svcs, c, false) {
			if id := doors[v.door].StreetID; len(w.streets[c]) == 0 || w.streets[c][len(w.streets[c])-1] != id {
				w.streets[c] = append(w.streets[c], id)
			}
		}
	}
	visits := w.repair(w.solve())

	t := Turf{Area: doors[part[0]].Area}
	prev := w.startPlace
	for _, v := range visits {
		for _, dv := range w.visit(doors, svcs, v.Service, v.Reverse) {
			i, svc := dv.door, svcs[dv.svc]
			d := doors[i]
			seg := net.Segments[svc.seg]
			entry, exit := seg.From, seg.To
			if !dv.forward {
				entry, exit = exit, entry
			}
			cross := func(v int) string {
				if !d.own {
					return ""
				}
				return crossStreet(net, opt.keys, v, opt.keys[svc.seg])
			}
			pl := d.Place
			pl.Segment = index[pl.Segment]
			if prev != nil {
				t.Metres += w.router.Distance(*prev, pl)
				t.Path = appendPath(t.Path, w.router.Path(*prev, pl))
			}
			prev = &pl
			t.Doors = append(t.Doors, i)
			t.Voters += d.Voters
			side := sideOf(svc.mode, d)
			if n := len(t.Stops); n > 0 && t.Stops[n-1].StreetID == d.StreetID && t.Stops[n-1].Side == side {
				s := &t.Stops[n-1]
				s.Doors, s.To, s.Voters = append(s.Doors, i), d.Number, s.Voters+d.Voters
				s.ToStreet = cross(exit)
				continue
			}
			t.Stops = append(t.Stops, Stop{StreetID: d.StreetID, Street: d.Street, Side: side, From: d.Number, To: d.Number,
				Doors: []int{i}, Voters: d.Voters, FromStreet: cross(entry), ToStreet: cross(exit)})
		}
	}
	if len(t.Path) == 0 && len(t.Doors) > 0 { // a single door: its point
		t.Path = orb.LineString{net.Point(doors[t.Doors[0]].Place)}
	}
	t.Minutes = t.Metres/opt.WalkSpeed + opt.PerDoor*float64(len(t.Doors)) + opt.PerVoter*float64(t.Voters)
	return t
}

// gatherStrays serves the doors of a street the network lacks (an alley, a large lot far from
// the centre lines: doors placed on the nearest segment of another street) from one service, the
// one that holds most of them in the turf: placed each on its nearest segment, they would make a
// stop on every street around. Services left without a door are dropped.
func gatherStrays(doors []Door, svcs []service) []service {
	count := map[string]map[int]int{} // street -> service -> its doors there
	for k, s := range svcs {
		for _, i := range s.doors {
			if d := doors[i]; !d.own {
				if count[d.StreetID] == nil {
					count[d.StreetID] = map[int]int{}
				}
				count[d.StreetID][k]++
			}
		}
	}
	host := map[string]int{}
	for street, by := range count {
		best := -1
		for k, n := range by {
			if best < 0 || n > by[best] || (n == by[best] && k < best) {
				best = k
			}
		}
		host[street] = best
	}
	out := make([]service, len(svcs))
	for k, s := range svcs {
		out[k] = service{seg: s.seg, mode: s.mode}
	}
	for k, s := range svcs {
		for _, i := range s.doors {
			to := k
			if d := doors[i]; !d.own {
				to = host[d.StreetID]
			}
			out[to].doors = append(out[to].doors, i)
		}
	}
	return slices.DeleteFunc(out, func(s service) bool { return len(s.doors) == 0 })
}

// doorVisit is a door of a chain in walking order, with the service it is on and which way that
// service's segment is walked.
type doorVisit struct {
	door, svc int
	forward   bool
}

// visit lists the doors of chain c in the order a walk serving it forward (or reversed) visits
// them: along each segment in turn. Doors of a street other than the chain's (an alley the layer
// lacks, reached from it) are visited together, at the end of the chain nearer where they lie,
// so that they make one stop and do not cut the chain's street in pieces.
func (w *walker) visit(doors []Door, svcs []service, c int, reversed bool) []doorVisit {
	var own []doorVisit
	foreign := map[string][]doorVisit{}
	var streets []string
	sum := map[string]float64{} // street -> sum of its doors' distances from the chain's start
	at := 0.0
	for _, st := range w.chains[c].steps {
		svc := svcs[st.svc]
		sortAlong(doors, svc.doors, st.forward)
		length := w.sub.Length(w.subSeg[svc.seg])
		for _, i := range svc.doors {
			d := doors[i]
			v := doorVisit{i, st.svc, st.forward}
			if d.own {
				own = append(own, v)
				continue
			}
			if _, ok := foreign[d.StreetID]; !ok {
				streets = append(streets, d.StreetID)
			}
			foreign[d.StreetID] = append(foreign[d.StreetID], v)
			pos := min(d.Place.Along, length) // a stray door's along is on its own segment
			if !st.forward {
				pos = length - pos
			}
			sum[d.StreetID] += at + pos
		}
		at += length
	}
	var first, last []doorVisit
	for _, s := range streets {
		if sum[s]/float64(len(foreign[s])) < at/2 {
			first = append(first, foreign[s]...)
		} else {
			last = append(last, foreign[s]...)
		}
	}
	out := append(append(first, own...), last...)
	if reversed {
		slices.Reverse(out)
		for i := range out {
			out[i].forward = !out[i].forward
		}
	}
	return out
}

// walker orders the chains of one turf on its neighbourhood of the network.
type walker struct {
	sub        *network.Network
	router     *network.Router
	chains     []chain
	start      int            // node where walks start, or arc.Anywhere
	startPlace *network.Place // where they start exactly, nil for anywhere
	streets    [][]string     // per chain, the streets of its doors in walking order, forward
	subSeg     map[int]int    // the index in sub of the network's segments it keeps
}

// solve orders and turns the chains into the shortest open walk serving them all.
func (w *walker) solve() []arc.Visit {
	p := arc.Problem{Nodes: len(w.sub.Nodes), Start: w.start, End: arc.Anywhere, Routes: 1}
	for s := range w.sub.Segments {
		seg := w.sub.Segments[s]
		p.Links = append(p.Links, arc.Link{From: seg.From, To: seg.To, Cost: decimetres(w.sub.Length(s))})
	}
	for _, c := range w.chains {
		p.Services = append(p.Services, arc.Service{From: c.from, To: c.to, Cost: decimetres(c.metres), Demand: int64(c.doors)})
	}
	if sol, err := arc.SolveQuick(&p, walkStarts, 1); err == nil && len(sol.Routes) == 1 {
		return sol.Routes[0].Visits
	}
	visits := make([]arc.Visit, len(w.chains)) // the neighbourhood is joined: Solve cannot fail
	for i := range visits {
		visits[i].Service = i
	}
	return visits
}

// repair moves the stretches of a street the walk enters more than twice next to one another,
// where that lengthens the walk least, until no street is entered more than twice: a volunteer
// walks each side of a street in one pass, not in pieces between other streets.
func (w *walker) repair(visits []arc.Visit) []arc.Visit {
	order := make([]int, len(visits))
	for i, v := range visits {
		order[i] = v.Service
	}
	_, rev := w.cost(order)
	for range 2 * len(order) {
		entries := w.entries(order, rev)
		worst, over := "", w.excess(entries)
		for s, n := range entries {
			if n > 2 && (worst == "" || s < worst) {
				worst = s
			}
		}
		if worst == "" {
			break
		}
		blocks := w.blocks(order, worst)
		var best []int
		var bestRev []bool
		bestCost := math.Inf(1)
		for i, block := range blocks {
			for j, other := range blocks {
				if i == j {
					continue
				}
				for _, at := range [2]int{other[0], other[1]} {
					for _, reversed := range [2]bool{false, true} {
						cand := move(order, block, at, reversed)
						c, r := w.cost(cand)
						if w.excess(w.entries(cand, r)) < over && c < bestCost {
							best, bestRev, bestCost = cand, r, c
						}
					}
				}
			}
		}
		if best == nil {
			break // nothing moved brings the street together: leave the walk as it is
		}
		order, rev = best, bestRev
	}
	out := make([]arc.Visit, len(order))
	for i, c := range order {
		out[i] = arc.Visit{Service: c, Reverse: rev[i]}
	}
	return out
}

// entries counts the times the walk serving the chains in order, turned as rev says, enters each
// street, as its stops will show.
func (w *walker) entries(order []int, rev []bool) map[string]int {
	n := map[string]int{}
	last := ""
	visit := func(s string) {
		if s != last {
			n[s]++
			last = s
		}
	}
	for i, c := range order {
		streets := w.streets[c]
		for k := range streets {
			if rev[i] {
				visit(streets[len(streets)-1-k])
			} else {
				visit(streets[k])
			}
		}
	}
	return n
}

// excess is how many entries into streets go beyond two, over all streets.
func (w *walker) excess(entries map[string]int) int {
	e := 0
	for _, n := range entries {
		e += max(0, n-2)
	}
	return e
}

// blocks lists the stretches [first, end) of order whose chains all have doors on street s.
func (w *walker) blocks(order []int, s string) [][2]int {
	var out [][2]int
	for i := 0; i < len(order); {
		if !slices.Contains(w.streets[order[i]], s) {
			i++
			continue
		}
		j := i + 1
		for j < len(order) && slices.Contains(w.streets[order[j]], s) {
			j++
		}
		out = append(out, [2]int{i, j})
		i = j
	}
	return out
}

// move takes the chains order[block[0]:block[1]] out of order and puts them back, reversed or
// not, before the chain at index at (at == len(order): at the end); at must lie outside the block.
func move(order []int, block [2]int, at int, reversed bool) []int {
	piece := slices.Clone(order[block[0]:block[1]])
	if reversed {
		slices.Reverse(piece)
	}
	out := make([]int, 0, len(order))
	for i := 0; i <= len(order); i++ {
		if i == at {
			out = append(out, piece...)
		}
		if i < len(order) && (i < block[0] || i >= block[1]) {
			out = append(out, order[i])
		}
	}
	return out
}

// cost is the length of the walk serving the chains in order, each turned the way that makes the
// walk shortest (a dynamic programme over the two ways of each), and those ways.
func (w *walker) cost(order []int) (float64, []bool) {
	n := len(order)
	if n == 0 {
		return 0, nil
	}
	// best[i][r]: shortest walk up to the end of chain i turned r; from[i][r]: r of chain i-1.
	best := make([][2]float64, n)
	from := make([][2]int8, n)
	ends := func(c int, r int) (int, int) {
		ch := w.chains[c]
		if r == 1 {
			return ch.to, ch.from
		}
		return ch.from, ch.to
	}
	for r := range 2 {
		in, _ := ends(order[0], r)
		if w.start != arc.Anywhere {
			best[0][r] = w.router.NodeDistance(w.start, in)
		}
	}
	for i := 1; i < n; i++ {
		for r := range 2 {
			in, _ := ends(order[i], r)
			best[i][r] = math.Inf(1)
			for q := range 2 {
				_, out := ends(order[i-1], q)
				if d := best[i-1][q] + w.router.NodeDistance(out, in); d < best[i][r] {
					best[i][r], from[i][r] = d, int8(q)
				}
			}
		}
	}
	r := 0
	if best[n-1][1] < best[n-1][0] {
		r = 1
	}
	total := best[n-1][r]
	rev := make([]bool, n)
	for i := n - 1; i >= 0; i-- {
		rev[i] = r == 1
		r = int(from[i][r])
	}
	for _, c := range order {
		total += w.chains[c].metres
	}
	return total, rev
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
func chainServices(net, sub *network.Network, index map[int]int, svcs []service, keys []string) []chain {
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
		k := keys[s.seg]
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
