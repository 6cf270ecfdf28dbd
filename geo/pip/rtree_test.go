package pip

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestRTreeSearch compares the tree with a scan of all boxes, for sizes around the node size
// where partial nodes and extra levels appear.
func TestRTreeSearch(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 2, 15, 16, 17, 255, 256, 257, 1000, 5000} {
		boxes := make([]box, n)
		refs := make([]int32, n)
		for i := range boxes {
			x, y := r.Float64()*100, r.Float64()*100
			boxes[i] = box{x, y, x + r.Float64()*10, y + r.Float64()*10}
			refs[i] = int32(i)
		}
		tree := newRTree(slices.Clone(boxes), refs)
		for range 200 {
			x, y := r.Float64()*110, r.Float64()*110
			q := box{x, y, x + r.Float64()*3, y + r.Float64()*3}
			var want []int32
			for i, b := range boxes {
				if b.intersects(q) {
					want = append(want, int32(i))
				}
			}
			got := tree.search(q, nil)
			slices.Sort(got)
			if !slices.Equal(got, want) {
				t.Fatalf("%d boxes, query %v: got %v, want %v", n, q, got, want)
			}
		}
	}
}
