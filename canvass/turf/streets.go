package turf

import (
	"math"
	"slices"
	"sort"
	"strconv"
)

// chunk is a run of doors of one street that stays in one turf: a whole street, or the piece of a
// street a cut had to split at a house-number boundary.
type chunk struct {
	street string
	doors  []int // sorted by house number
	weight float64
	at     [2]float64 // weighted centroid
}

// balanceTolerance is the imbalance a cut may leave, as a share of the target, before it splits a
// street: each turf then deviates from its share by at most about twice this.
const balanceTolerance = 0.08

// directions are the axes a cut may run across, every 22.5°: the more there are, the likelier one
// of them balances without splitting a street.
var directions = func() [][2]float64 {
	var d [][2]float64
	for i := 0; i < 8; i++ {
		a := float64(i) * math.Pi / 8
		d = append(d, [2]float64{math.Cos(a), math.Sin(a)})
	}
	return d
}()

// cutStreets splits a group of doors into round(total/target) turfs of equal weight by recursive
// bisection over whole streets: each cut runs across the direction in which the streets spread
// most among those that balance within the tolerance, and only when none does is one street split,
// at a house-number boundary, preferring a street already split.
func cutStreets(doors []Door, group []int, opt Options) [][]int {
	byStreet := map[string][]int{}
	var order []string
	total := 0.0
	for _, i := range group {
		s := doors[i].StreetID
		if _, ok := byStreet[s]; !ok {
			order = append(order, s)
		}
		byStreet[s] = append(byStreet[s], i)
		total += weight(doors[i], opt)
	}
	var chunks []*chunk
	for _, s := range order {
		chunks = append(chunks, newChunk(doors, s, byStreet[s], opt))
	}
	c := cutter{doors: doors, opt: opt, split: map[string]bool{}, tolerance: balanceTolerance * opt.Target}
	c.bisect(chunks, turfSizes(total, opt.Target))
	return c.turfs
}

// cutWhole splits a group of doors into turfs as cutStreets does, but over the given units (the
// services of a street network), splitting one only when nothing else balances: each cut takes,
// among the directions that balance within the tolerance, the one in which the units spread most,
// else the one that balances best if it is within wholeSlack times the tolerance, else it splits a
// unit as cutStreets splits a street.
func cutWhole(doors []Door, units [][]int, opt Options) [][]int {
	total := 0.0
	chunks := make([]*chunk, len(units))
	for i, u := range units {
		chunks[i] = newChunk(doors, strconv.Itoa(i), u, opt)
		total += chunks[i].weight
	}
	c := cutter{doors: doors, opt: opt, whole: true, split: map[string]bool{}, tolerance: balanceTolerance * opt.Target}
	c.bisect(chunks, turfSizes(total, opt.Target))
	return c.turfs
}

// remainderShare is how much larger than the target turfs may grow to absorb what is left over
// after the full turfs of an area; a larger remainder makes a turf of its own.
const remainderShare = 0.1

// turfSizes chooses how many turfs an area makes and the weight each should get: full turfs of the
// target, the remainder spread over them when that keeps them within remainderShare, otherwise a
// remainder turf of its own, last.
func turfSizes(total, target float64) []float64 {
	full := int(total / target)
	rest := total - float64(full)*target
	if full == 0 {
		return []float64{total}
	}
	if rest <= remainderShare*float64(full)*target {
		sizes := make([]float64, full)
		for i := range sizes {
			sizes[i] = total / float64(full)
		}
		return sizes
	}
	sizes := make([]float64, full+1)
	for i := range full {
		sizes[i] = target
	}
	sizes[full] = rest
	return sizes
}

func newChunk(doors []Door, street string, idx []int, opt Options) *chunk {
	idx = slices.Clone(idx)
	sort.SliceStable(idx, func(a, b int) bool {
		da, db := doors[idx[a]], doors[idx[b]]
		if da.Number != db.Number {
			return da.Number < db.Number
		}
		return da.Rep < db.Rep
	})
	c := &chunk{street: street, doors: idx}
	for _, i := range idx {
		w := weight(doors[i], opt)
		c.weight += w
		c.at[0] += w * doors[i].At[0]
		c.at[1] += w * doors[i].At[1]
	}
	if c.weight > 0 {
		c.at[0] /= c.weight
		c.at[1] /= c.weight
	} else if len(idx) > 0 {
		c.at = [2]float64{doors[idx[0]].At[0], doors[idx[0]].At[1]}
	}
	return c
}

type cutter struct {
	doors     []Door
	opt       Options
	split     map[string]bool // streets already split
	whole     bool            // chunks are never split
	tolerance float64         // absolute weight
	turfs     [][]int
}

// plan is one candidate cut: chunks sorted along a direction, cut after index at.
type plan struct {
	sorted []*chunk
	at     int     // chunks [0, at) go to the first side
	err    float64 // first side's weight minus its share
	spread float64 // extent of the chunks along the direction
}

// bisect cuts the chunks into len(sizes) turfs weighing about sizes each, in order.
func (c *cutter) bisect(chunks []*chunk, sizes []float64) {
	k := len(sizes)
	if k <= 1 || len(chunks) == 0 {
		var t []int
		for _, ch := range chunks {
			t = append(t, ch.doors...)
		}
		if len(t) > 0 {
			c.turfs = append(c.turfs, t)
		}
		return
	}
	total := 0.0
	for _, ch := range chunks {
		total += ch.weight
	}
	k1 := k / 2
	want := total * sum(sizes[:k1]) / sum(sizes)
	var best, widest, resplit, closest *plan
	for _, d := range directions {
		p := c.candidate(chunks, d, want)
		if widest == nil || p.spread > widest.spread {
			widest = p
		}
		if closest == nil || math.Abs(p.err) < math.Abs(closest.err) {
			closest = p
		}
		if math.Abs(p.err) <= c.tolerance*allowance(k1, k-k1) && (best == nil || p.spread > best.spread) {
			best = p
		}
		if c.split[straddler(p, want).street] && (resplit == nil || p.spread > resplit.spread) {
			resplit = p
		}
	}
	switch {
	case best != nil:
	case c.whole && math.Abs(closest.err) <= wholeSlack*c.tolerance*allowance(k1, k-k1):
		best = closest
	case resplit != nil: // cutting a street already cut costs nothing more
		best = c.splitStraddler(resplit, want)
	default:
		best = c.splitStraddler(widest, want)
	}
	c.bisect(best.sorted[:best.at], sizes[:k1])
	c.bisect(best.sorted[best.at:], sizes[k1:])
}

func sum(xs []float64) float64 {
	t := 0.0
	for _, x := range xs {
		t += x
	}
	return t
}

// candidate sorts the chunks along direction d and finds the cut closest to want.
func (c *cutter) candidate(chunks []*chunk, d [2]float64, want float64) *plan {
	pos := func(ch *chunk) float64 { return ch.at[0]*d[0] + ch.at[1]*d[1] }
	sorted := slices.Clone(chunks)
	sort.SliceStable(sorted, func(a, b int) bool { return pos(sorted[a]) < pos(sorted[b]) })
	p := &plan{sorted: sorted, spread: pos(sorted[len(sorted)-1]) - pos(sorted[0])}
	acc := 0.0
	bestErr := math.Inf(1)
	for i := 1; i < len(sorted); i++ {
		acc += sorted[i-1].weight
		if e := acc - want; math.Abs(e) < math.Abs(bestErr) {
			bestErr, p.at = e, i
		}
	}
	p.err = bestErr
	if p.at == 0 { // a single chunk: everything straddles
		p.at, p.err = 0, -want
	}
	return p
}

// splitStraddler splits the chunk at which the running weight passes want, so that the first
// side gets its share, and returns the cut through the split.
func (c *cutter) splitStraddler(p *plan, want float64) *plan {
	s, acc := straddle(p, want)
	ch := p.sorted[s]
	need := want - acc // what the first side still lacks, taken from ch
	first, second := c.splitChunk(ch, need, p)
	sorted := make([]*chunk, 0, len(p.sorted)+1)
	sorted = append(sorted, p.sorted[:s]...)
	at := len(sorted)
	if first != nil {
		sorted = append(sorted, first)
		at++
	}
	if second != nil {
		sorted = append(sorted, second)
	}
	sorted = append(sorted, p.sorted[s+1:]...)
	return &plan{sorted: sorted, at: at, spread: p.spread}
}

// wholeSlack is how much more imbalance a cut of whole units accepts before it splits one: a
// unit split is a stretch of street served by two turfs.
const wholeSlack = 1.5

// leafAllowance widens the tolerance of a cut into two single turfs: no error comes from below.
const leafAllowance = 1.2

// allowance scales the tolerance of a cut by the turfs on its smaller side: an error there is
// shared by those turfs, and the cuts below make up part of it.
func allowance(k1, k2 int) float64 {
	if k1+k2 == 2 {
		return leafAllowance
	}
	return math.Sqrt(float64(min(k1, k2)))
}

// straddle finds the chunk during which the running weight along the plan passes want, and the
// weight before it.
func straddle(p *plan, want float64) (int, float64) {
	acc := 0.0
	s := 0
	for s < len(p.sorted)-1 && acc+p.sorted[s].weight < want {
		acc += p.sorted[s].weight
		s++
	}
	return s, acc
}

func straddler(p *plan, want float64) *chunk {
	s, _ := straddle(p, want)
	return p.sorted[s]
}

// splitChunk cuts a chunk at a house-number boundary into the part (weighing about need) that
// goes to the first side of the cut and the rest. The first side takes the end of the street
// (lowest or highest numbers) that lies nearer to it.
func (c *cutter) splitChunk(ch *chunk, need float64, p *plan) (*chunk, *chunk) {
	doors := ch.doors
	if len(doors) < 2 {
		return ch, nil
	}
	// Which end of the street lies on the first side: compare along the plan's sort order, which
	// put lower positions first. The chunk's own neighbours define that order; use its endpoints.
	lo, hi := c.doors[doors[0]].At, c.doors[doors[len(doors)-1]].At
	dir := [2]float64{}
	if len(p.sorted) > 1 {
		a, b := p.sorted[0].at, p.sorted[len(p.sorted)-1].at
		dir = [2]float64{b[0] - a[0], b[1] - a[1]}
	}
	ordered := doors
	if (hi[0]-lo[0])*dir[0]+(hi[1]-lo[1])*dir[1] < 0 {
		ordered = slices.Clone(doors)
		slices.Reverse(ordered)
	}
	acc, cut := 0.0, 0
	for cut < len(ordered) {
		w := weight(c.doors[ordered[cut]], c.opt)
		if acc+w/2 > need {
			break
		}
		acc += w
		cut++
	}
	// Keep whole buildings: doors of the same number (12, 12 bis) stay together.
	for cut > 0 && cut < len(ordered) && c.doors[ordered[cut]].Number == c.doors[ordered[cut-1]].Number {
		cut--
	}
	if cut == 0 {
		return nil, ch
	}
	if cut == len(ordered) {
		return ch, nil
	}
	c.split[ch.street] = true
	return newChunk(c.doors, ch.street, ordered[:cut], c.opt), newChunk(c.doors, ch.street, ordered[cut:], c.opt)
}
