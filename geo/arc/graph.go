package arc

// graph is the network as adjacency lists, for shortest paths.
type graph struct {
	head []int32 // head[v]..head[v+1] index v's arcs in to and cost
	from []int32
	to   []int32
	cost []int64
	// link[k] is the index in Problem.Links of arc k.
	link []int32
}

func newGraph(nodes int, links []Link) *graph {
	g := &graph{head: make([]int32, nodes+1)}
	arcs := func(visit func(from, to int, cost int64, k int)) {
		for k, l := range links {
			visit(l.From, l.To, l.Cost, k)
			if !l.OneWay {
				visit(l.To, l.From, l.Cost, k)
			}
		}
	}
	arcs(func(from, _ int, _ int64, _ int) { g.head[from+1]++ })
	for v := range nodes {
		g.head[v+1] += g.head[v]
	}
	next := make([]int32, nodes)
	copy(next, g.head)
	n := g.head[nodes]
	g.from, g.to, g.cost, g.link = make([]int32, n), make([]int32, n), make([]int64, n), make([]int32, n)
	arcs(func(from, to int, cost int64, k int) {
		i := next[from]
		next[from]++
		g.from[i], g.to[i], g.cost[i], g.link[i] = int32(from), int32(to), cost, int32(k)
	})
	return g
}

// distances returns the cost of the shortest walk from source to every node, inf where there is
// none (Dijkstra's algorithm with a binary heap).
func (g *graph) distances(source int) []int64 {
	d, _ := g.tree(source)
	return d
}

// tree returns the shortest-path costs from source and, for each node reached, the arc it is
// reached by (-1 for the source and for nodes not reached).
func (g *graph) tree(source int) ([]int64, []int32) {
	n := len(g.head) - 1
	d := make([]int64, n)
	via := make([]int32, n)
	for v := range d {
		d[v], via[v] = inf, -1
	}
	d[source] = 0
	h := heap{{0, int32(source)}}
	for len(h) > 0 {
		top := h.pop()
		v := top.v
		if top.d > d[v] {
			continue
		}
		for i := g.head[v]; i < g.head[v+1]; i++ {
			w, dw := g.to[i], top.d+g.cost[i]
			if dw < d[w] {
				d[w], via[w] = dw, i
				h.push(item{dw, w})
			}
		}
	}
	return d, via
}

type item struct {
	d int64
	v int32
}

// heap is a binary min-heap of items by cost.
type heap []item

func (h *heap) push(it item) {
	*h = append(*h, it)
	s := *h
	for i := len(s) - 1; i > 0; {
		p := (i - 1) / 2
		if s[p].d <= s[i].d {
			break
		}
		s[p], s[i] = s[i], s[p]
		i = p
	}
}

func (h *heap) pop() item {
	s := *h
	top := s[0]
	last := len(s) - 1
	s[0] = s[last]
	s = s[:last]
	for i := 0; ; {
		c := 2*i + 1
		if c >= len(s) {
			break
		}
		if c+1 < len(s) && s[c+1].d < s[c].d {
			c++
		}
		if s[i].d <= s[c].d {
			break
		}
		s[i], s[c] = s[c], s[i]
		i = c
	}
	*h = s
	return top
}
