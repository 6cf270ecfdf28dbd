// Package network is the street network that walks follow: centre lines cut into segments at the
// vertices they share, where an address lies on it (a segment, how far along, which side), and
// the shortest walks between such places. It does no storage and reads no file: data reads the
// street layers and keeps the segments, canvass decides what to walk.
//
// Two lines meet only where they share a vertex: a bridge drawn across a street without a common
// vertex stays apart from it, as a walker on the bridge cannot step down onto the street.
// Coordinates are WGS84 lon/lat (orb.Point{lon, lat}); lengths and distances are metres on a
// local projection around the network (geo.Projection), exact to a few parts per million over a
// city.
package network

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"sync"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/geo"
)

// Line is a street centre line as a layer gives it.
type Line struct {
	ID   string // the feature's id in its layer
	Name string // the street's name, "" when the layer has none
	Path orb.LineString
}

// Segment is a stretch of one line between two nodes, with no other node on it.
type Segment struct {
	Line     string // id of the line it is a piece of; "" for a link Joined added
	Name     string
	From, To int            // nodes at its ends; equal for a loop
	Path     orb.LineString // lon/lat, from From to To
}

// Network is a street network: nodes where segments meet or end, and the segments. Build it with
// Build or New; it is immutable afterwards and safe for concurrent use (a Router is not).
type Network struct {
	Nodes    []orb.Point // lon/lat
	Segments []Segment
	proj     geo.Projection
	xy       [][]orb.Point // segment paths in metres
	cum      [][]float64   // cum[s][i]: metres from the segment's start to its vertex i
	// The segments at node v are at[head[v]:head[v+1]]: a loop is listed twice.
	head []int32
	at   []int32
	// grid indexes the segments for Locate, built on its first use: a Sub seldom needs it.
	gridOnce sync.Once
	grid     grid
}

// Build splits lines into segments at the vertices they share (and at their own vertices met
// twice, and at their ends) and makes a network of them. Repeated consecutive vertices are
// dropped; a line with no length left makes no segment.
func Build(lines []Line) *Network {
	n, err := New(Split(lines))
	if err != nil {
		panic(err) // Split numbers nodes consistently: New cannot refuse them
	}
	return n
}

// Split cuts lines into segments at the vertices where they meet, numbering nodes in the order
// they are met.
func Split(lines []Line) []Segment {
	uses := map[orb.Point]int{}
	clean := make([]orb.LineString, len(lines))
	for i, l := range lines {
		var path orb.LineString
		for _, p := range l.Path {
			if len(path) == 0 || path[len(path)-1] != p {
				path = append(path, p)
			}
		}
		if len(path) < 2 {
			continue
		}
		clean[i] = path
		for _, p := range path {
			uses[p]++
		}
		uses[path[0]]++ // ends are nodes even when used once
		uses[path[len(path)-1]]++
	}
	node := numbering[orb.Point]{}
	var segs []Segment
	for i, path := range clean {
		start := 0
		for j := 1; j < len(path); j++ {
			if uses[path[j]] < 2 {
				continue
			}
			segs = append(segs, Segment{Line: lines[i].ID, Name: lines[i].Name, From: node.of(path[start]), To: node.of(path[j]),
				Path: slices.Clone(path[start : j+1])})
			start = j
		}
	}
	return segs
}

// New makes a network of segments whose From and To number nodes from 0: every node must be met,
// always at the same point, at a segment's end.
func New(segs []Segment) (*Network, error) {
	nodes := 0
	for _, s := range segs {
		nodes = max(nodes, s.From+1, s.To+1)
	}
	n := &Network{Nodes: make([]orb.Point, nodes), Segments: segs}
	placed := make([]bool, nodes)
	var b orb.Bound
	for i, s := range segs {
		if len(s.Path) < 2 || s.From < 0 || s.To < 0 {
			return nil, fmt.Errorf("segment %d: want a path of two points or more between nodes numbered from 0", i)
		}
		for _, end := range [2]struct {
			v  int
			pt orb.Point
		}{{s.From, s.Path[0]}, {s.To, s.Path[len(s.Path)-1]}} {
			switch {
			case !placed[end.v]:
				n.Nodes[end.v], placed[end.v] = end.pt, true
			case n.Nodes[end.v] != end.pt:
				return nil, fmt.Errorf("segment %d: node %d is at two places", i, end.v)
			}
		}
		if i == 0 {
			b = s.Path.Bound()
		} else {
			b = b.Union(s.Path.Bound())
		}
	}
	for v, ok := range placed {
		if !ok {
			return nil, fmt.Errorf("node %d: no segment ends there", v)
		}
	}
	n.proj = geo.NewProjection(b.Center())
	n.xy = make([][]orb.Point, len(segs))
	n.cum = make([][]float64, len(segs))
	n.head = make([]int32, nodes+1)
	for i, s := range segs {
		n.xy[i] = n.proj.MetresAll(s.Path)
		cum := make([]float64, len(s.Path))
		for j := 1; j < len(cum); j++ {
			cum[j] = cum[j-1] + dist(n.xy[i][j-1], n.xy[i][j])
		}
		n.cum[i] = cum
		n.head[s.From+1]++
		n.head[s.To+1]++
	}
	for v := range nodes {
		n.head[v+1] += n.head[v]
	}
	n.at = make([]int32, 2*len(segs))
	next := slices.Clone(n.head[:nodes])
	for i, s := range segs {
		for _, v := range [2]int{s.From, s.To} {
			n.at[next[v]] = int32(i)
			next[v]++
		}
	}
	return n, nil
}

// Length is segment s's length in metres.
func (n *Network) Length(s int) float64 { c := n.cum[s]; return c[len(c)-1] }

// At lists the segments that end at node v; a loop appears twice.
func (n *Network) At(v int) []int32 { return n.at[n.head[v]:n.head[v+1]] }

// Other is the node at the other end of segment s from node v.
func (n *Network) Other(s, v int) int {
	if seg := n.Segments[s]; seg.From == v {
		return seg.To
	} else {
		return seg.From
	}
}

// Metres is pt (lon/lat) on the network's projection, in metres.
func (n *Network) Metres(pt orb.Point) orb.Point { return n.proj.Metres(pt) }

// Component is a piece of the network that no segment links to the rest.
type Component struct {
	Segments int
	Metres   float64
	Bound    orb.Bound // lon/lat
}

// Components lists the network's connected pieces, the largest (in metres) first.
func (n *Network) Components() []Component {
	label := n.labels()
	byLabel := map[int]*Component{}
	for s, seg := range n.Segments {
		c, ok := byLabel[label[seg.From]]
		if !ok {
			c = &Component{Bound: seg.Path.Bound()}
			byLabel[label[seg.From]] = c
		}
		c.Segments++
		c.Metres += n.Length(s)
		c.Bound = c.Bound.Union(seg.Path.Bound())
	}
	out := make([]Component, 0, len(byLabel))
	for _, c := range byLabel {
		out = append(out, *c)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Metres != out[j].Metres {
			return out[i].Metres > out[j].Metres
		}
		return out[i].Bound.Min[0] < out[j].Bound.Min[0]
	})
	return out
}

// labels numbers the connected piece of every node, the piece of node 0 first.
func (n *Network) labels() []int {
	label := make([]int, len(n.Nodes))
	for v := range label {
		label[v] = -1
	}
	pieces := 0
	var stack []int
	for v := range label {
		if label[v] >= 0 {
			continue
		}
		label[v] = pieces
		stack = append(stack[:0], v)
		for len(stack) > 0 {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, s := range n.At(u) {
				if w := n.Other(int(s), u); label[w] < 0 {
					label[w] = pieces
					stack = append(stack, w)
				}
			}
		}
		pieces++
	}
	return label
}

// Sub is the network of the segments keep holds, its nodes numbered anew; orig[i] is the index in
// n of its segment i.
func (n *Network) Sub(keep func(s int) bool) (sub *Network, orig []int) {
	renumber := numbering[int]{}
	var segs []Segment
	for s, seg := range n.Segments {
		if keep(s) {
			seg.From, seg.To = renumber.of(seg.From), renumber.of(seg.To)
			segs = append(segs, seg)
			orig = append(orig, s)
		}
	}
	sub, err := New(segs)
	if err != nil {
		panic(err) // nodes renumbered from a valid network stay consistent
	}
	return sub, orig
}

// Joined is the network with a straight link added from each piece but the largest to the
// nearest node of the pieces already joined, so that every node can be reached: a walk then
// crosses the gap (a square, a footpath the layer lacks) in a straight line. The links added come
// after the network's own segments, with no line id.
func (n *Network) Joined() *Network {
	label := n.labels()
	pieces := 0
	for _, l := range label {
		pieces = max(pieces, l+1)
	}
	if pieces <= 1 {
		return n
	}
	size := make([]float64, pieces)
	for s, seg := range n.Segments {
		size[label[seg.From]] += n.Length(s)
	}
	order := make([]int, pieces)
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return size[order[i]] > size[order[j]] })
	members := make([][]int, pieces)
	for v, l := range label {
		members[l] = append(members[l], v)
	}
	segs := slices.Clone(n.Segments)
	joined := slices.Clone(members[order[0]])
	for _, l := range order[1:] {
		best, from, to := math.Inf(1), -1, -1
		for _, v := range members[l] {
			pv := n.proj.Metres(n.Nodes[v])
			for _, w := range joined {
				if d := dist(pv, n.proj.Metres(n.Nodes[w])); d < best {
					best, from, to = d, v, w
				}
			}
		}
		segs = append(segs, Segment{From: from, To: to, Path: orb.LineString{n.Nodes[from], n.Nodes[to]}})
		joined = append(joined, members[l]...)
	}
	out, err := New(segs)
	if err != nil {
		panic(err)
	}
	return out
}

// numbering numbers keys from 0 in the order they are first met.
type numbering[K comparable] map[K]int

func (n numbering[K]) of(k K) int {
	v, ok := n[k]
	if !ok {
		v = len(n)
		n[k] = v
	}
	return v
}

func dist(a, b orb.Point) float64 { return math.Hypot(a[0]-b[0], a[1]-b[1]) }
