package turf

import (
	"math"
	"slices"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/geo/arc"
	"github.com/campagne-fr/porteaporte/geo/network"
)

// walkSearch is the number of generations of the arc-routing search per turf: a turf's walk has
// a few dozen stretches, which the search settles long before that.
const walkSearch = 1

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
	svcs := services(doors, part, opt)
	b := bound(net, svcs)
	if opt.StartPlace != nil {
		b = b.Union(net.Segments[opt.StartPlace.Segment].Path.Bound())
	}
	sub, index := around(net, b)
	w := &walker{sub: sub, router: sub.Router(), start: arc.Anywhere}
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
	visits := w.solve()
	visits = w.repair(visits, func(c int) string { return opt.keys[svcs[w.chains[c].steps[0].svc].seg] })

	t := Turf{Area: doors[part[0]].Area}
	prev := w.startPlace
	for _, v := range visits {
		c := w.chains[v.Service]
		for k := range c.steps {
			st := c.steps[k]
			if v.Reverse {
				st = c.steps[len(c.steps)-1-k]
				st.forward = !st.forward
			}
			svc := svcs[st.svc]
			sortAlong(doors, svc.doors, st.forward)
			seg := net.Segments[svc.seg]
			entry, exit := seg.From, seg.To
			if !st.forward {
				entry, exit = exit, entry
			}
			cross := func(d Door, v int) string {
				if !d.own {
					return ""
				}
				return crossStreet(net, opt.keys, v, opt.keys[svc.seg])
			}
			for _, i := range svc.doors {
				d := doors[i]
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
					s.ToStreet = cross(d, exit)
					continue
				}
				t.Stops = append(t.Stops, Stop{StreetID: d.StreetID, Street: d.Street, Side: side, From: d.Number, To: d.Number,
					Doors: []int{i}, Voters: d.Voters, FromStreet: cross(d, entry), ToStreet: cross(d, exit)})
			}
		}
	}
	if len(t.Path) == 0 && len(t.Doors) > 0 { // a single door: its point
		t.Path = orb.LineString{net.Point(doors[t.Doors[0]].Place)}
	}
	t.Minutes = t.Metres/opt.WalkSpeed + opt.PerDoor*float64(len(t.Doors)) + opt.PerVoter*float64(t.Voters)
	return t
}

// walker orders the chains of one turf on its neighbourhood of the network.
type walker struct {
	sub        *network.Network
	router     *network.Router
	chains     []chain
	start      int            // node where walks start, or arc.Anywhere
	startPlace *network.Place // where they start exactly, nil for anywhere
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
	if sol, err := arc.Solve(&p, arc.Options{Seed: 1, Iterations: walkSearch}); err == nil && len(sol.Routes) == 1 {
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
// walks each side of a street in one pass, not in pieces between other streets. key names the
// street of a chain ("" for none).
func (w *walker) repair(visits []arc.Visit, key func(chain int) string) []arc.Visit {
	order := make([]int, len(visits))
	for i, v := range visits {
		order[i] = v.Service
	}
	for range len(order) {
		runs := w.runs(order, key)
		worst := ""
		for k, r := range runs {
			if k != "" && len(r) > 2 && (worst == "" || k < worst) {
				worst = k
			}
		}
		if worst == "" {
			break
		}
		r := runs[worst]
		best, bestCost := []int(nil), math.Inf(1)
		for i, block := range r {
			for j, other := range r {
				if i == j {
					continue
				}
				for _, at := range [2]int{other[0], other[1]} {
					for _, rev := range [2]bool{false, true} {
						cand := move(order, block, at, rev)
						if c, _ := w.cost(cand); c < bestCost {
							best, bestCost = cand, c
						}
					}
				}
			}
		}
		order = best
	}
	_, rev := w.cost(order)
	out := make([]arc.Visit, len(order))
	for i, c := range order {
		out[i] = arc.Visit{Service: c, Reverse: rev[i]}
	}
	return out
}

// runs lists, per street, the stretches [first, end) of order that are chains of it in a row.
func (w *walker) runs(order []int, key func(int) string) map[string][][2]int {
	out := map[string][][2]int{}
	for i := 0; i < len(order); {
		k := key(order[i])
		j := i + 1
		for j < len(order) && key(order[j]) == k {
			j++
		}
		out[k] = append(out[k], [2]int{i, j})
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
