package pip

import (
	"math"
	"sort"
)

// nodeSize is the fan-out of the packed R-tree: 16 boxes per node keeps a node's boxes in a few
// cache lines and the tree three levels deep for a few thousand polygons.
const nodeSize = 16

// rtree is a static R-tree packed with the Sort-Tile-Recursive algorithm (Leutenegger et al. 1997).
//
// Why this structure: area layers are loaded once and queried millions of times, so a static tree
// built in one pass beats an insertable R*-tree (no splits, full nodes, flat arrays). A uniform grid
// would be simpler still, but area layers are skewed (a few large quartiers next to many small
// polling-station sectors, or an arrondissement's dense centre and sparse edge), which a single cell
// size serves badly; STR adapts to the data with no parameter to tune.
//
// Level 0 holds the items' boxes; level k+1 holds the boxes of groups of nodeSize consecutive
// entries of level k, so node i of level k+1 has children [i*nodeSize, (i+1)*nodeSize) of level k.
type rtree struct {
	levels [][]box // levels[0] are the items, the last level has a single root (or none)
	refs   []int32 // refs[i] is the payload of item levels[0][i]
}

// box is an axis-aligned bounding box, closed on every side.
type box struct{ minX, minY, maxX, maxY float64 }

func (b box) contains(x, y float64) bool {
	return b.minX <= x && x <= b.maxX && b.minY <= y && y <= b.maxY
}

func (b box) intersects(o box) bool {
	return b.minX <= o.maxX && o.minX <= b.maxX && b.minY <= o.maxY && o.minY <= b.maxY
}

func (b box) union(o box) box {
	return box{math.Min(b.minX, o.minX), math.Min(b.minY, o.minY), math.Max(b.maxX, o.maxX), math.Max(b.maxY, o.maxY)}
}

// newRTree packs the boxes; refs[i] is returned for boxes[i] by search. Only the leaves are tiled;
// upper levels group consecutive nodes, which are neighbours within a tile (as flatbush does): with
// at most a few thousand areas the tree has two or three levels and their packing hardly matters.
func newRTree(boxes []box, refs []int32) *rtree {
	order := make([]int, len(boxes))
	for i := range order {
		order[i] = i
	}
	strSort(boxes, order)
	t := &rtree{refs: make([]int32, len(boxes))}
	leaves := make([]box, len(boxes))
	for i, o := range order {
		leaves[i] = boxes[o]
		t.refs[i] = refs[o]
	}
	t.levels = append(t.levels, leaves)
	for level := leaves; len(level) > 1; {
		parents := make([]box, (len(level)+nodeSize-1)/nodeSize)
		for i := range parents {
			children := level[i*nodeSize : min((i+1)*nodeSize, len(level))]
			b := children[0]
			for _, c := range children[1:] {
				b = b.union(c)
			}
			parents[i] = b
		}
		t.levels = append(t.levels, parents)
		level = parents
	}
	return t
}

// strSort orders idx (indexes into boxes) in Sort-Tile-Recursive order: by centre x into vertical
// slices of about sqrt(n/nodeSize) nodes each, then each slice by centre y. Slices hold a multiple
// of nodeSize items so that no node straddles two slices.
func strSort(boxes []box, idx []int) {
	n := len(idx)
	if n <= nodeSize {
		return
	}
	cx := func(i int) float64 { return boxes[i].minX + boxes[i].maxX }
	cy := func(i int) float64 { return boxes[i].minY + boxes[i].maxY }
	sort.SliceStable(idx, func(a, b int) bool { return cx(idx[a]) < cx(idx[b]) })
	nodes := (n + nodeSize - 1) / nodeSize
	slices := int(math.Ceil(math.Sqrt(float64(nodes))))
	per := (nodes + slices - 1) / slices * nodeSize
	for lo := 0; lo < n; lo += per {
		s := idx[lo:min(lo+per, n)]
		sort.SliceStable(s, func(a, b int) bool { return cy(s[a]) < cy(s[b]) })
	}
}

// search appends to buf the refs of the items whose box intersects q and returns it. Boxes are
// tested before being pushed, and the items under a level-1 node are appended directly: for a
// point query, that halves the time of a plain push-everything traversal.
func (t *rtree) search(q box, buf []int32) []int32 {
	top := len(t.levels) - 1
	type frame struct{ level, node int32 }
	// Each level pushes at most nodeSize frames, so this array covers 16⁸ items without growing.
	var stackArr [nodeSize * 8]frame
	stack := stackArr[:0]
	for i, b := range t.levels[top] {
		if b.intersects(q) {
			if top == 0 {
				buf = append(buf, t.refs[i])
			} else {
				stack = append(stack, frame{int32(top), int32(i)})
			}
		}
	}
	for len(stack) > 0 {
		f := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		below := t.levels[f.level-1]
		lo, hi := int(f.node)*nodeSize, min(int(f.node+1)*nodeSize, len(below))
		if f.level == 1 {
			for c := lo; c < hi; c++ {
				if below[c].intersects(q) {
					buf = append(buf, t.refs[c])
				}
			}
			continue
		}
		for c := lo; c < hi; c++ {
			if below[c].intersects(q) {
				stack = append(stack, frame{f.level - 1, int32(c)})
			}
		}
	}
	return buf
}
