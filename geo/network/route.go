package network

import (
	"container/heap"
	"math"

	"github.com/paulmach/orb"
)

// Router answers shortest walks between places of one network, keeping the shortest-path tree of
// every node it has walked from. It is not safe for concurrent use: give each goroutine its own.
type Router struct {
	net   *Network
	trees map[int]*tree
}

// tree is the shortest walks from one node: dist[v] in metres (+Inf where v cannot be reached)
// and via[v], the segment v is reached by (-1 at the source and where unreached).
type tree struct {
	dist []float64
	via  []int32
}

// Router returns a new router on n.
func (n *Network) Router() *Router { return &Router{net: n, trees: map[int]*tree{}} }

// Network is the network the router walks on.
func (r *Router) Network() *Network { return r.net }

// NodeDistance is the length of the shortest walk between nodes u and v, +Inf when none.
func (r *Router) NodeDistance(u, v int) float64 { return r.tree(u).dist[v] }

// Distance is the length of the shortest walk from a to b along the segments, +Inf when none.
// Two places on one segment are joined along it; crossing the street is not counted.
func (r *Router) Distance(a, b Place) float64 {
	d, _, _ := r.best(a, b)
	return d
}

// Path is the shortest walk from a to b along the segments, lon/lat, from a's point to b's.
// It is nil when there is none.
func (r *Router) Path(a, b Place) orb.LineString {
	d, ea, eb := r.best(a, b)
	n := r.net
	switch {
	case math.IsInf(d, 1):
		return nil
	case ea.node < 0:
		return n.Slice(a.Segment, a.Along, b.Along)
	}
	path := n.Slice(a.Segment, a.Along, ea.along)
	path = appendPath(path, r.nodePath(ea.node, eb.node))
	return appendPath(path, n.Slice(b.Segment, eb.along, b.Along))
}

// end is one end of a segment: its node and its along (0 or the length; a loop has the same
// node at both).
type end struct {
	node  int
	along float64
}

func (r *Router) ends(s int) [2]end {
	seg := r.net.Segments[s]
	return [2]end{{seg.From, 0}, {seg.To, r.net.Length(s)}}
}

// best finds the shortest walk from a to b: its length and the ends it leaves a's segment and
// reaches b's segment by, with node -1 when it stays on a segment shared by a and b.
func (r *Router) best(a, b Place) (float64, end, end) {
	d, ea, eb := math.Inf(1), end{node: -1}, end{node: -1}
	if a.Segment == b.Segment {
		d = math.Abs(a.Along - b.Along)
	}
	for _, u := range r.ends(a.Segment) {
		t := r.tree(u.node)
		for _, v := range r.ends(b.Segment) {
			if x := math.Abs(a.Along-u.along) + t.dist[v.node] + math.Abs(b.Along-v.along); x < d {
				d, ea, eb = x, u, v
			}
		}
	}
	return d, ea, eb
}

// nodePath is the path of the shortest walk from node u to node v, lon/lat.
func (r *Router) nodePath(u, v int) orb.LineString {
	t := r.tree(u)
	var segs []int32
	for w := v; w != u; {
		s := t.via[w]
		segs = append(segs, s)
		w = r.net.Other(int(s), w)
	}
	path := orb.LineString{r.net.Nodes[u]}
	at := u
	for i := len(segs) - 1; i >= 0; i-- {
		s := int(segs[i])
		next := r.net.Other(s, at)
		from, to := 0.0, r.net.Length(s)
		if r.net.Segments[s].From != at {
			from, to = to, from
		}
		path = appendPath(path, r.net.Slice(s, from, to))
		at = next
	}
	return path
}

// appendPath joins q to p, dropping q's first point when p already ends there.
func appendPath(p, q orb.LineString) orb.LineString {
	if len(q) > 0 && len(p) > 0 && p[len(p)-1] == q[0] {
		q = q[1:]
	}
	return append(p, q...)
}

// tree returns the shortest-path tree from node u (Dijkstra's algorithm), computing it once.
func (r *Router) tree(u int) *tree {
	if t, ok := r.trees[u]; ok {
		return t
	}
	n := r.net
	t := &tree{dist: make([]float64, len(n.Nodes)), via: make([]int32, len(n.Nodes))}
	for v := range t.dist {
		t.dist[v], t.via[v] = math.Inf(1), -1
	}
	t.dist[u] = 0
	h := &minHeap{{0, int32(u)}}
	for h.Len() > 0 {
		top := heap.Pop(h).(item)
		v := int(top.v)
		if top.d > t.dist[v] {
			continue
		}
		for _, s := range n.At(v) {
			w := n.Other(int(s), v)
			if dw := top.d + n.Length(int(s)); dw < t.dist[w] {
				t.dist[w], t.via[w] = dw, s
				heap.Push(h, item{dw, int32(w)})
			}
		}
	}
	r.trees[u] = t
	return t
}

// item is a node reached at some distance, in the queue of Dijkstra's algorithm.
type item struct {
	d float64
	v int32
}

// minHeap is a container/heap of items, the shortest distance on top.
type minHeap []item

func (h minHeap) Len() int           { return len(h) }
func (h minHeap) Less(i, j int) bool { return h[i].d < h[j].d }
func (h minHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *minHeap) Push(x any)        { *h = append(*h, x.(item)) }
func (h *minHeap) Pop() any {
	old := *h
	it := old[len(old)-1]
	*h = old[:len(old)-1]
	return it
}
