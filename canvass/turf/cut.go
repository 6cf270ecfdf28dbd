package turf

import (
	"fmt"
	"math"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/geo/route"
)

// Cut splits the doors into turfs of about opt.Target each, area by area, and orders each turf
// into a walk. Every door is in exactly one turf.
//
// Sized in minutes, a turf's walk is not known before it is cut: the first cut estimates it from
// the density of doors (on a network, from the length of street each door stands on), and when
// the walks come out more than 10% off the estimate, the doors are cut again with the walk
// measured.
func Cut(doors []Door, opt Options) ([]Turf, Metrics) {
	opt = withDefaults(opt)
	if opt.Network != nil {
		doors = onNetwork(doors, &opt)
	}
	cut := func() []Turf {
		var parts [][]int
		for _, group := range byArea(doors) {
			if opt.Network != nil {
				parts = append(parts, cutNetwork(doors, group, opt)...)
			} else {
				parts = append(parts, cutStreets(doors, group, opt)...)
			}
		}
		return walkAll(doors, parts, opt)
	}
	opt.walkScale = densityWalk(doors)
	if opt.Network != nil {
		opt.walkScale = networkOverhead
	}
	opt = sized(doors, opt)
	turfs := cut()
	if opt.Measure == Minutes {
		if measured := walkedPerShare(doors, turfs); math.Abs(measured-opt.walkScale) > 0.1*opt.walkScale {
			opt.walkScale = measured
			opt = sized(doors, opt)
			turfs = cut()
		}
	}
	return turfs, Evaluate(doors, turfs, opt)
}

// sized derives the target from the doors' total when a number of turfs is asked for. The target
// is a hair under the exact share, so that the total makes Count full turfs and no remainder.
func sized(doors []Door, opt Options) Options {
	if opt.Count <= 0 {
		return opt
	}
	total := 0.0
	for _, d := range doors {
		total += weight(d, opt)
	}
	opt.Target = max(total/float64(opt.Count)*(1-1e-9), 1e-9)
	return opt
}

// densityWalk estimates the metres walked per door from how densely the doors lie: a short tour
// through n points spread over an area A is about 0.7124·√(nA) long (Beardwood, Halton and
// Hammersley), so about 0.7124·√(A/n) per door.
func densityWalk(doors []Door) float64 {
	if len(doors) < 2 {
		return 0
	}
	var b orb.Bound = orb.Bound{Min: doors[0].At, Max: doors[0].At}
	for _, d := range doors {
		b = b.Extend(d.At)
	}
	area := (b.Max[0] - b.Min[0]) * (b.Max[1] - b.Min[1])
	return 0.7124 * math.Sqrt(area/float64(len(doors)))
}

// walkedPerShare is the metres walked over all turfs per share of the walk (see walkShare).
func walkedPerShare(doors []Door, turfs []Turf) float64 {
	metres, shares := 0.0, 0.0
	for _, t := range turfs {
		metres += t.Metres
		for _, i := range t.Doors {
			shares += walkShare(doors[i])
		}
	}
	if shares == 0 {
		return 0
	}
	return metres / shares
}

// walkShare is a door's share of a turf's walk, in the unit Options.walkScale turns into metres:
// on a network, the metres of street its side of the segment spans per door; without, one door.
func walkShare(d Door) float64 {
	if d.walk > 0 {
		return d.walk
	}
	return 1
}

// walkAll orders every turf into a walk, on all cores: routes are independent. A panic in a
// worker is passed on to the caller's goroutine once every worker stopped, where the caller (the
// interface) can recover it: in a worker it would end the program.
func walkAll(doors []Door, parts [][]int, opt Options) []Turf {
	turfs := make([]Turf, len(parts))
	next := make(chan int)
	var wg sync.WaitGroup
	var failed sync.Once
	var failure any
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				func() {
					defer func() {
						if r := recover(); r != nil {
							failed.Do(func() { failure = fmt.Sprintf("turf %d: %v\n%s", i+1, r, debug.Stack()) })
						}
					}()
					if opt.Network != nil {
						turfs[i] = walkNetwork(doors, parts[i], opt)
					} else {
						turfs[i] = walk(doors, parts[i], opt)
					}
				}()
			}
		}()
	}
	for i := range parts {
		next <- i
	}
	close(next)
	wg.Wait()
	if failure != nil {
		panic(failure)
	}
	return turfs
}

func withDefaults(opt Options) Options {
	d := DefaultOptions()
	if opt.WalkSpeed <= 0 {
		opt.WalkSpeed = d.WalkSpeed
	}
	if opt.Target <= 0 {
		opt.Target = d.Target
	}
	if opt.BothSides == nil {
		opt.BothSides = func(street string) bool { return !WideStreet(street) }
	}
	return opt
}

// byArea groups door indices by area, areas in order of first appearance.
func byArea(doors []Door) [][]int {
	index := map[int]int{}
	var groups [][]int
	for i, d := range doors {
		g, ok := index[d.Area]
		if !ok {
			g = len(groups)
			index[d.Area] = g
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	return groups
}

// weight is a door's share of a turf's size.
func weight(d Door, opt Options) float64 {
	switch opt.Measure {
	case Voters:
		return float64(d.Voters)
	case Minutes:
		return opt.PerDoor + opt.PerVoter*float64(d.Voters) + opt.walkScale*walkShare(d)/opt.WalkSpeed
	}
	return 1
}

// walk orders a turf's doors into a route and groups them into stops.
func walk(doors []Door, part []int, opt Options) Turf {
	pts := make([]orb.Point, len(part), len(part)+1)
	for j, i := range part {
		pts[j] = doors[i].At
	}
	// A walk needs a good order, not a proven one: a kick per door is within a few per cent of
	// the solver's default budget at a fraction of its time. Each side of a wide street is walked
	// in one stretch, in number order: the solver only chooses where the stretches go.
	ro := route.Options{Seed: 1, Kicks: len(pts), Keep: sideChains(doors, part, opt)}
	if opt.Start != nil {
		pts = append(pts, *opt.Start)
		ro.HasStart, ro.Start = true, len(part)
	}
	tour := route.Solve(pts, ro)
	t := Turf{Area: doors[part[0]].Area, Metres: tour.Length}
	for _, j := range tour.Order {
		if j == len(part) {
			continue // the start point
		}
		i := part[j]
		d := doors[i]
		t.Doors = append(t.Doors, i)
		t.Voters += d.Voters
		side := Both
		if !opt.BothSides(d.Street) {
			side = Even
			if d.Number%2 == 1 {
				side = Odd
			}
		}
		if n := len(t.Stops); n > 0 && t.Stops[n-1].StreetID == d.StreetID && t.Stops[n-1].Side == side {
			s := &t.Stops[n-1]
			s.Doors, s.To, s.Voters = append(s.Doors, i), d.Number, s.Voters+d.Voters
			continue
		}
		t.Stops = append(t.Stops, Stop{StreetID: d.StreetID, Street: d.Street, Side: side, From: d.Number, To: d.Number,
			Doors: []int{i}, Voters: d.Voters})
	}
	t.Minutes = t.Metres/opt.WalkSpeed + opt.PerDoor*float64(len(t.Doors)) + opt.PerVoter*float64(t.Voters)
	return t
}

// sideChains links, on each side of each wide street, the doors next to each other in number
// order; the pairs index into part.
func sideChains(doors []Door, part []int, opt Options) [][2]int {
	sides := map[[2]any][]int{}
	var order [][2]any
	for j, i := range part {
		d := doors[i]
		if opt.BothSides(d.Street) {
			continue
		}
		key := [2]any{d.StreetID, d.Number % 2}
		if _, ok := sides[key]; !ok {
			order = append(order, key)
		}
		sides[key] = append(sides[key], j)
	}
	var keep [][2]int
	for _, key := range order {
		js := sides[key]
		sort.SliceStable(js, func(a, b int) bool { return doors[part[js[a]]].Number < doors[part[js[b]]].Number })
		for k := 1; k < len(js); k++ {
			keep = append(keep, [2]int{js[k-1], js[k]})
		}
	}
	return keep
}

// cv is the coefficient of variation of xs.
func cv(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	mean := 0.0
	for _, x := range xs {
		mean += x
	}
	mean /= float64(len(xs))
	variance := 0.0
	for _, x := range xs {
		variance += (x - mean) * (x - mean)
	}
	if mean == 0 {
		return 0
	}
	return math.Sqrt(variance/float64(len(xs))) / mean
}

// WideStreet says whether a street is wide enough to walk one side then the other: boulevards,
// avenues, quays, squares and places by their name.
func WideStreet(street string) bool {
	s := strings.ToLower(street)
	for _, p := range []string{"boulevard ", "avenue ", "cours ", "quai ", "place ", "bd ", "av "} {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

// Evaluate computes a cut's metrics.
func Evaluate(doors []Door, turfs []Turf, opt Options) Metrics {
	var m Metrics
	if len(turfs) == 0 {
		return m
	}
	sizes := make([]float64, len(turfs))
	totalDoors, metres := 0, 0.0
	owner := map[string]map[int]bool{}
	for ti, t := range turfs {
		for _, i := range t.Doors {
			sizes[ti] += weight(doors[i], opt)
			if owner[doors[i].StreetID] == nil {
				owner[doors[i].StreetID] = map[int]bool{}
			}
			owner[doors[i].StreetID][ti] = true
		}
		if opt.Measure == Minutes {
			sizes[ti] = t.Minutes
		}
		totalDoors += len(t.Doors)
		metres += t.Metres
		for _, n := range entries(t.Stops) {
			m.Pairs++
			if n > 2 {
				m.Reentered++
			}
		}
	}
	// One remainder turf per area is exempt from balance: the smallest, when the area has several.
	smallest, count := map[int]int{}, map[int]int{}
	for ti, t := range turfs {
		count[t.Area]++
		if j, ok := smallest[t.Area]; !ok || sizes[ti] < sizes[j] {
			smallest[t.Area] = ti
		}
	}
	var balanced []float64
	for ti, t := range turfs {
		if smallest[t.Area] == ti && count[t.Area] > 1 {
			continue
		}
		balanced = append(balanced, sizes[ti])
		if count[t.Area] > 1 {
			m.MaxDeviation = max(m.MaxDeviation, math.Abs(sizes[ti]-opt.Target)/opt.Target)
		}
	}
	m.CV = cv(balanced)
	if totalDoors > 0 {
		m.MetresPerDoor = metres / float64(totalDoors)
	}
	m.Streets = len(owner)
	for _, ts := range owner {
		if len(ts) > 1 {
			m.StreetsSplit++
		}
	}
	return m
}
