package turf

import (
	"math"
	"slices"
	"sort"

	"github.com/paulmach/orb"
)

// This file is compiled into the package for its tests only: the baseline the benchmarks and
// the Paris test measure Cut against.

// CutBisection is the baseline Cut is measured against: recursive coordinate bisection of the
// doors themselves, splitting along the longer side of each part's bounding box. It balances
// turfs almost exactly but splits many streets.
func CutBisection(doors []Door, opt Options) ([]Turf, Metrics) {
	opt = withDefaults(opt)
	var parts [][]int
	for _, group := range byArea(doors) {
		parts = append(parts, bisect(doors, group, opt)...)
	}
	turfs := walkAll(doors, parts, opt)
	return turfs, Evaluate(doors, turfs, opt)
}

func bisect(doors []Door, group []int, opt Options) [][]int {
	total := 0.0
	for _, i := range group {
		total += weight(doors[i], opt)
	}
	k := max(1, int(math.Round(total/opt.Target)))
	var out [][]int
	var rec func(idx []int, k int)
	rec = func(idx []int, k int) {
		if k <= 1 || len(idx) <= 1 {
			out = append(out, idx)
			return
		}
		b := orb.MultiPoint{}
		for _, i := range idx {
			b = append(b, doors[i].At)
		}
		bound := b.Bound()
		axis := 0
		if bound.Max[1]-bound.Min[1] > bound.Max[0]-bound.Min[0] {
			axis = 1
		}
		sorted := slices.Clone(idx)
		sort.SliceStable(sorted, func(a, c int) bool { return doors[sorted[a]].At[axis] < doors[sorted[c]].At[axis] })
		sum := 0.0
		for _, i := range sorted {
			sum += weight(doors[i], opt)
		}
		k1 := k / 2
		want := sum * float64(k1) / float64(k)
		acc, cut := 0.0, 0
		for cut < len(sorted)-1 {
			w := weight(doors[sorted[cut]], opt)
			if acc+w/2 > want {
				break
			}
			acc += w
			cut++
		}
		cut = max(1, cut)
		rec(sorted[:cut], k1)
		rec(sorted[cut:], k-k1)
	}
	rec(group, k)
	return out
}
