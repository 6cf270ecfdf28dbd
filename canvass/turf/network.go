package turf

import (
	"math"
	"slices"
	"sort"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/geocode"
	"github.com/campagne-fr/porteaporte/geo/network"
)

// maxNamedOffset is how far from its own street, by name, an address may lie and still be placed
// on it: BAN points sit on their parcel, seldom more than a few tens of metres from the centre
// line; farther, the name is another street's (a homonym in another commune).
const maxNamedOffset = 200.0

// Placing says how Locate placed doors on a network.
type Placing struct {
	ByName  int // on a segment of their own street, found by its name
	Nearest int // on the nearest segment: the network has no street of that name near them
	Far     int // more than maxNamedOffset from any segment
}

// Locate places every door (lon/lat, with its street's name) on the network: on the nearest
// segment of its own street where the network names it, as geocoding matches street labels
// ("RUE PYRENEES" is "Rue des Pyrénées"), else on the nearest segment. It returns false when the
// network has no segment.
func Locate(net *network.Network, lonlat []orb.Point, streets []string) ([]network.Place, Placing, bool) {
	var how Placing
	if len(net.Segments) == 0 {
		return nil, how, false
	}
	named := map[string][]int{}
	for s, seg := range net.Segments {
		if k := geocode.StreetKey(seg.Name); k != "" {
			named[k] = append(named[k], s)
		}
	}
	places := make([]network.Place, len(lonlat))
	for i, p := range lonlat {
		if segs := named[geocode.StreetKey(streets[i])]; len(segs) > 0 {
			if pl, _ := net.LocateOn(p, segs); pl.Offset <= maxNamedOffset {
				places[i] = pl
				how.ByName++
				continue
			}
		}
		places[i], _ = net.Locate(p)
		how.Nearest++
		if places[i].Offset > maxNamedOffset {
			how.Far++
		}
	}
	return places, how, true
}

// onNetwork prepares doors for walks on opt.Network: a copy of them, each marked when it is on a
// segment of its own street, and on a wide street's side that its number's parity gives. On most
// segments the odd numbers are on one side, the even on the other; a corner building's point may
// fall nearer the other side, so each segment's odd side is the one most of its odd doors (and
// least of its even ones) lie on.
func onNetwork(doors []Door, opt *Options) []Door {
	net := opt.Network
	opt.keys = make([]string, len(net.Segments))
	for s, seg := range net.Segments {
		opt.keys[s] = geocode.StreetKey(seg.Name)
	}
	doors = slices.Clone(doors)
	oddLeft := map[int]int{} // segment -> votes for its odd side being its left
	for i, d := range doors {
		s := d.Place.Segment
		doors[i].own = opt.keys[s] != "" && geocode.StreetKey(d.Street) == opt.keys[s]
		if doors[i].own && d.Number > 0 {
			if (d.Number%2 == 1) == d.Place.Left {
				oddLeft[s]++
			} else {
				oddLeft[s]--
			}
		}
	}
	for i, d := range doors {
		if v := oddLeft[d.Place.Segment]; d.own && d.Number > 0 && v != 0 {
			doors[i].Place.Left = (d.Number%2 == 1) == (v > 0)
		}
	}
	// Each door's share of the street it is served along, to estimate walks before they are made.
	type side struct {
		seg  int
		mode mode
	}
	count := map[side]int{}
	sideOf := func(d Door) side {
		switch {
		case opt.BothSides(streetName(net, d)):
			return side{d.Place.Segment, bothSides}
		case d.Place.Left:
			return side{d.Place.Segment, leftSide}
		}
		return side{d.Place.Segment, rightSide}
	}
	for _, d := range doors {
		count[sideOf(d)]++
	}
	for i, d := range doors {
		doors[i].walk = net.Length(d.Place.Segment) / float64(count[sideOf(d)])
	}
	return doors
}

// networkOverhead is the first estimate of the metres walked per metre of street served: the
// walks between streets, and along streets served elsewhere, add about this much (measured on
// Paris 20e); turfs sized in minutes are cut again when their walks come out otherwise.
const networkOverhead = 1.3

// mode is how a service is walked: both sides of the street at once, or one side.
type mode int8

const (
	bothSides mode = iota
	leftSide
	rightSide
)

// service is a stretch of street a turf serves whole: a segment's doors on one side, or on both,
// in one area.
type service struct {
	seg   int
	mode  mode
	doors []int
}

// serviceKey identifies a service among the doors of a group.
type serviceKey struct {
	seg  int
	mode mode
	area int
}

// services groups doors by the segment side (or segment, for streets walked both sides at once)
// they lie on, in the order met.
func services(doors []Door, idx []int, opt Options) []service {
	at := map[serviceKey]int{}
	var out []service
	for _, i := range idx {
		d := doors[i]
		k := serviceKey{seg: d.Place.Segment, area: d.Area}
		if !opt.BothSides(streetName(opt.Network, d)) {
			k.mode = rightSide
			if d.Place.Left {
				k.mode = leftSide
			}
		}
		j, ok := at[k]
		if !ok {
			j = len(out)
			at[k] = j
			out = append(out, service{seg: k.seg, mode: k.mode})
		}
		out[j].doors = append(out[j].doors, i)
	}
	return out
}

// streetName is the name of the street a door is walked on: its segment's, or its own when the
// layer names no street there.
func streetName(net *network.Network, d Door) string {
	if name := net.Segments[d.Place.Segment].Name; name != "" {
		return name
	}
	return d.Street
}

// cutNetwork splits a group of doors into turfs of whole services (see splitUnits and cutWhole).
func cutNetwork(doors []Door, group []int, opt Options) [][]int {
	return cutWhole(doors, splitUnits(doors, group, opt), opt)
}

// splitUnits lists the services of a group's doors as the units a cut keeps whole. A service
// heavier than a turf can hold (a long block of a boulevard, at small turf sizes) is cut into
// stretches of about a turf, by where the doors lie along it: whole, it would make one turf too
// heavy.
func splitUnits(doors []Door, group []int, opt Options) [][]int {
	var units [][]int
	for _, s := range services(doors, group, opt) {
		w := 0.0
		for _, i := range s.doors {
			w += weight(doors[i], opt)
		}
		if w <= (1+remainderShare)*opt.Target {
			units = append(units, s.doors)
			continue
		}
		sortAlong(doors, s.doors, true)
		pieces := math.Ceil(w / opt.Target)
		acc, from, made := 0.0, 0, 0.0
		for k, i := range s.doors {
			acc += weight(doors[i], opt)
			if acc >= w*(made+1)/pieces || k == len(s.doors)-1 {
				units = append(units, s.doors[from:k+1])
				from, made = k+1, made+1
			}
		}
	}
	return units
}

// NetworkMetres is the length of the walk along the network from start (when not nil) through the
// doors in order, each leg a shortest walk: how walks are measured on a network, whoever ordered
// them.
func NetworkMetres(r *network.Router, doors []Door, order []int, start *network.Place) float64 {
	total := 0.0
	prev := start
	for _, i := range order {
		pl := doors[i].Place
		if prev != nil {
			total += r.Distance(*prev, pl)
		}
		prev = &pl
	}
	return total
}

// entries counts, per street, the times a walk enters it: each stop of the street that does not
// follow a stop of the same street.
func entries(stops []Stop) map[string]int {
	n := map[string]int{}
	for i, s := range stops {
		if i == 0 || stops[i-1].StreetID != s.StreetID {
			n[s.StreetID]++
		}
	}
	return n
}

// crossStreet names the street met at node v by a walk along a street of key own: the name of
// another street ending there, one that goes on through v first (a crossing), then by name; ""
// where none does (a dead end, the network's edge).
func crossStreet(net *network.Network, keys []string, v int, own string) string {
	count := map[string]int{}
	for _, s := range net.At(v) {
		if name := net.Segments[s].Name; name != "" && keys[s] != own {
			count[name]++
		}
	}
	best := ""
	for name, c := range count {
		if best == "" || c > count[best] || (c == count[best] && name < best) {
			best = name
		}
	}
	return best
}

// bound is the lon/lat bound of the segments of services.
func bound(net *network.Network, svcs []service) orb.Bound {
	b := net.Segments[svcs[0].seg].Path.Bound()
	for _, s := range svcs[1:] {
		b = b.Union(net.Segments[s.seg].Path.Bound())
	}
	return b
}

// neighbourhoodMetres is how far around a turf's segments its walk may go: far enough for any
// sensible detour, near enough that shortest walks are computed on a few hundred nodes.
const neighbourhoodMetres = 300.0

// around is the part of the network within neighbourhoodMetres of bound b (lon/lat), joined into
// one piece, and the index in it of every segment of the network it keeps (-1 for the others).
func around(net *network.Network, b orb.Bound) (*network.Network, map[int]int) {
	lat := b.Center()[1]
	dLat := neighbourhoodMetres / 111_320
	dLon := dLat / math.Cos(lat*math.Pi/180)
	wide := orb.Bound{Min: orb.Point{b.Min[0] - dLon, b.Min[1] - dLat}, Max: orb.Point{b.Max[0] + dLon, b.Max[1] + dLat}}
	sub, orig := net.Sub(func(s int) bool { return wide.Intersects(net.Segments[s].Path.Bound()) })
	index := make(map[int]int, len(orig))
	for i, s := range orig {
		index[s] = i
	}
	return sub.Joined(), index
}

// sortAlong sorts a service's doors in walking order along its segment, forward (From to To) or
// not.
func sortAlong(doors []Door, idx []int, forward bool) {
	sort.SliceStable(idx, func(a, b int) bool {
		pa, pb := doors[idx[a]].Place.Along, doors[idx[b]].Place.Along
		if forward {
			return pa < pb
		}
		return pa > pb
	})
}

// sideOf is the side of the street a door of a service is on, as stops name it.
func sideOf(m mode, d Door) Side {
	switch {
	case m == bothSides:
		return Both
	case d.Number%2 == 1:
		return Odd
	}
	return Even
}
