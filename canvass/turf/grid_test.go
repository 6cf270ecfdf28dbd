package turf_test

import (
	"fmt"
	"math"
	"reflect"
	"slices"
	"testing"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/canvass/turf"
)

// These tests run everywhere: their doors are a generated town, a grid of parallel streets with
// a door every 10 m on each side (odd numbers on one side, even on the other), so that what Cut
// promises can be checked whatever the data: every door in one turf, turfs within an area,
// balanced sizes, streets whole unless split between two house numbers.
//
//	y
//	↑   Rue 3        1   3   5   7 ...      odd side, 5 m above the street's line
//	|   ─────────────────────────────
//	|                2   4   6   8 ...      even side, 5 m below
//	|   (100 m between streets)
//	|   Boulevard 2  1   3   5 ...
//	|   ─────────────────────────────
//	|                2   4   6 ...
//	+──────────────────────────────────→ x

// grid describes a generated town.
type grid struct {
	streets  int     // parallel streets, 100 m apart
	doors    int     // doors per street, half on each side
	areas    int     // the streets are shared out among this many areas, in bands
	wideEach int     // every wideEach-th street is a boulevard (walked one side then the other); 0: none
	x0       float64 // where each street's doors start, in metres
}

// build generates the grid's doors: street s (from 1), door k (from 0) is number k+1, with 1 to 3
// voters and, every seventh door, a second entrance of the same number ("bis").
func (g grid) build() []turf.Door {
	var doors []turf.Door
	for s := 1; s <= g.streets; s++ {
		name := fmt.Sprintf("Rue %d", s)
		if g.wideEach > 0 && s%g.wideEach == 0 {
			name = fmt.Sprintf("Boulevard %d", s)
		}
		area := 0
		if g.areas > 1 {
			area = (s - 1) * g.areas / g.streets
		}
		for k := range g.doors {
			n := k + 1
			y := float64(s) * 100
			if n%2 == 1 {
				y += 5
			} else {
				y -= 5
			}
			d := turf.Door{ID: fmt.Sprintf("s%d-%d", s, n), StreetID: fmt.Sprintf("s%d", s), Street: name,
				Number: n, At: orb.Point{g.x0 + float64(k/2)*10, y}, Voters: 1 + (s+k)%3, Area: area}
			doors = append(doors, d)
			if n%7 == 0 {
				d.ID, d.Rep, d.At[0] = d.ID+"b", "b", d.At[0]+1
				doors = append(doors, d)
			}
		}
	}
	return doors
}

// checkCut checks what every cut must hold, whatever its sizes: each door in exactly one turf,
// a turf's doors in one area and listed once by its stops, its counts and minutes adding up,
// the metrics those Evaluate gives, and streets split only between house numbers: the turfs
// sharing a street each walk a run of its numbers that no other turf's numbers fall inside.
func checkCut(t *testing.T, doors []turf.Door, turfs []turf.Turf, m turf.Metrics, opt turf.Options) {
	t.Helper()
	owner := make([]int, len(doors))
	for i := range owner {
		owner[i] = -1
	}
	for ti, tf := range turfs {
		if len(tf.Doors) == 0 {
			t.Errorf("turf %d has no door", ti+1)
		}
		voters := 0
		for _, i := range tf.Doors {
			if owner[i] >= 0 {
				t.Fatalf("door %s in turfs %d and %d", doors[i].ID, owner[i]+1, ti+1)
			}
			owner[i] = ti
			if doors[i].Area != tf.Area {
				t.Errorf("turf %d (area %d) holds door %s of area %d", ti+1, tf.Area, doors[i].ID, doors[i].Area)
			}
			voters += doors[i].Voters
		}
		if voters != tf.Voters {
			t.Errorf("turf %d: %d voters, its doors have %d", ti+1, tf.Voters, voters)
		}
		var walked []int
		stopVoters := 0
		for _, s := range tf.Stops {
			walked = append(walked, s.Doors...)
			stopVoters += s.Voters
			for _, i := range s.Doors {
				d := doors[i]
				if d.StreetID != s.StreetID {
					t.Errorf("turf %d: stop on %s holds door %s of %s", ti+1, s.StreetID, d.ID, d.StreetID)
				}
				if s.Side == turf.Odd && d.Number%2 == 0 || s.Side == turf.Even && d.Number%2 == 1 {
					t.Errorf("turf %d: door %s on the %s side", ti+1, d.ID, s.Side)
				}
			}
			if first, last := doors[s.Doors[0]].Number, doors[s.Doors[len(s.Doors)-1]].Number; s.From != first || s.To != last {
				t.Errorf("turf %d: stop on %s says %d to %d, walks %d to %d", ti+1, s.StreetID, s.From, s.To, first, last)
			}
		}
		if !reflect.DeepEqual(walked, tf.Doors) {
			t.Errorf("turf %d: its stops walk %v, its doors are %v", ti+1, walked, tf.Doors)
		}
		if stopVoters != tf.Voters {
			t.Errorf("turf %d: stops count %d voters, the turf %d", ti+1, stopVoters, tf.Voters)
		}
		want := tf.Metres/opt.WalkSpeed + opt.PerDoor*float64(len(tf.Doors)) + opt.PerVoter*float64(tf.Voters)
		if math.Abs(tf.Minutes-want) > 1e-9 {
			t.Errorf("turf %d: %.3f minutes, want %.3f (walk and doors)", ti+1, tf.Minutes, want)
		}
	}
	for i, o := range owner {
		if o < 0 {
			t.Errorf("door %s in no turf", doors[i].ID)
		}
	}
	if again := turf.Evaluate(doors, turfs, opt); !reflect.DeepEqual(again, m) {
		t.Errorf("Cut's metrics %+v, Evaluate's %+v", m, again)
	}

	// Streets whole unless split between numbers, a building (12, 12b) never split.
	type run struct{ lo, hi int }
	runs := map[string]map[int]*run{}
	for i, d := range doors {
		if runs[d.StreetID] == nil {
			runs[d.StreetID] = map[int]*run{}
		}
		r := runs[d.StreetID][owner[i]]
		if r == nil {
			runs[d.StreetID][owner[i]] = &run{d.Number, d.Number}
			continue
		}
		r.lo, r.hi = min(r.lo, d.Number), max(r.hi, d.Number)
	}
	split := 0
	for street, byTurf := range runs {
		if len(byTurf) > 1 {
			split++
		}
		for ta, a := range byTurf {
			for tb, b := range byTurf {
				if ta < tb && a.lo <= b.hi && b.lo <= a.hi {
					t.Errorf("street %s: turf %d walks numbers %d-%d, turf %d %d-%d: not split between two numbers",
						street, ta+1, a.lo, a.hi, tb+1, b.lo, b.hi)
				}
			}
		}
	}
	if split != m.StreetsSplit || len(runs) != m.Streets {
		t.Errorf("metrics say %d of %d streets split, the turfs %d of %d", m.StreetsSplit, m.Streets, split, len(runs))
	}
}

// sizes is each turf's size in the cut's measure.
func sizes(doors []turf.Door, turfs []turf.Turf, m turf.Measure) []float64 {
	var out []float64
	for _, tf := range turfs {
		switch m {
		case turf.Doors:
			out = append(out, float64(len(tf.Doors)))
		case turf.Voters:
			out = append(out, float64(tf.Voters))
		case turf.Minutes:
			out = append(out, tf.Minutes)
		}
	}
	return out
}

func TestCutGridProperties(t *testing.T) {
	for _, tc := range []struct {
		name    string
		g       grid
		measure turf.Measure
		target  float64
		// bounds: CV of the balanced turfs, and the largest deviation from the target
		cv, dev float64
	}{
		{"whole streets by doors", grid{streets: 12, doors: 40, wideEach: 4}, turf.Doors, 46, 0.10, 0.20},
		{"streets longer than a turf", grid{streets: 4, doors: 120}, turf.Doors, 50, 0.10, 0.20},
		{"by voters", grid{streets: 10, doors: 36, wideEach: 3}, turf.Voters, 150, 0.10, 0.20},
		{"by minutes", grid{streets: 8, doors: 40}, turf.Minutes, 90, 0.12, 0.25},
		{"three areas", grid{streets: 15, doors: 30, areas: 3, wideEach: 5}, turf.Doors, 40, 0.10, 0.20},
		{"one turf for everything", grid{streets: 3, doors: 10}, turf.Doors, 150, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			doors := tc.g.build()
			opt := turf.DefaultOptions()
			opt.Measure, opt.Target = tc.measure, tc.target
			turfs, m := turf.Cut(doors, opt)
			checkCut(t, doors, turfs, m, opt)
			if m.CV > tc.cv || m.MaxDeviation > tc.dev {
				t.Errorf("CV %.3f, max deviation %.3f: want ≤ %.2f and ≤ %.2f (sizes %v)", m.CV, m.MaxDeviation, tc.cv, tc.dev,
					sizes(doors, turfs, tc.measure))
			}
			total := 0.0
			for _, s := range sizes(doors, turfs, tc.measure) {
				total += s
			}
			if tc.measure != turf.Minutes { // minutes include the walk, which the cut only estimates
				if want := max(1, int(total/tc.target)); len(turfs) < want || len(turfs) > want+tc.g.areas+1 {
					t.Errorf("%d turfs for %.0f at %.0f each", len(turfs), total, tc.target)
				}
			}
		})
	}
}

// TestCutKeepsStreetsWhole: where whole streets can make turfs of the target, no street is split.
//
//	8 streets of 30 doors, turfs of 60: two streets each.
func TestCutKeepsStreetsWhole(t *testing.T) {
	doors := grid{streets: 8, doors: 30}.build()
	opt := turf.DefaultOptions()
	opt.Measure = turf.Voters
	total := 0
	for _, d := range doors {
		total += d.Voters
	}
	opt.Target = float64(total) / 4
	turfs, m := turf.Cut(doors, opt)
	checkCut(t, doors, turfs, m, opt)
	if len(turfs) != 4 || m.StreetsSplit != 0 {
		t.Errorf("%d turfs, %d streets split; want 4 turfs of two whole streets each", len(turfs), m.StreetsSplit)
	}
}

// TestCutSplitsALongStreetBetweenNumbers: one street of 200 doors cut into turfs of 50 is split,
// each turf taking a run of its numbers, a building with two entrances (7, 7b) never split.
func TestCutSplitsALongStreetBetweenNumbers(t *testing.T) {
	doors := grid{streets: 1, doors: 200}.build()
	opt := turf.DefaultOptions()
	opt.Target = 50
	turfs, m := turf.Cut(doors, opt)
	checkCut(t, doors, turfs, m, opt)
	if len(turfs) < 4 || m.StreetsSplit != 1 {
		t.Errorf("%d turfs, %d streets split; want at least 4 turfs sharing the one street", len(turfs), m.StreetsSplit)
	}

	// Every building with two entrances, turfs of an odd number of doors: a cut between the
	// entrances of one number would balance best, and is not made.
	var pairs []turf.Door
	for _, d := range (grid{streets: 1, doors: 100}).build() {
		if d.Rep == "" {
			pairs = append(pairs, d)
			d.ID, d.Rep, d.At[0] = d.ID+"t", "t", d.At[0]+2
			pairs = append(pairs, d)
		}
	}
	opt.Target = 51
	turfs, m = turf.Cut(pairs, opt)
	checkCut(t, pairs, turfs, m, opt)
	if m.StreetsSplit != 1 {
		t.Errorf("%d streets split, want the one street split", m.StreetsSplit)
	}
}

// TestCutSidesOfWideStreets: a boulevard is walked one side then the other, each side in number
// order; a narrow street both sides at once. BothSides decides instead of the name when given.
func TestCutSidesOfWideStreets(t *testing.T) {
	doors := grid{streets: 2, doors: 30, wideEach: 2}.build() // Rue 1, Boulevard 2
	for _, tc := range []struct {
		name      string
		bothSides func(string) bool
		want      map[string][]turf.Side // street id: the sides its stops walk
	}{
		{"by name", nil, map[string][]turf.Side{"s1": {turf.Both}, "s2": {turf.Odd, turf.Even}}},
		{"all together", func(string) bool { return true }, map[string][]turf.Side{"s1": {turf.Both}, "s2": {turf.Both}}},
		{"all apart", func(string) bool { return false }, map[string][]turf.Side{"s1": {turf.Odd, turf.Even}, "s2": {turf.Odd, turf.Even}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			opt := turf.DefaultOptions()
			opt.Target, opt.BothSides = 1000, tc.bothSides
			turfs, m := turf.Cut(doors, opt)
			checkCut(t, doors, turfs, m, opt)
			if len(turfs) != 1 {
				t.Fatalf("%d turfs, want 1", len(turfs))
			}
			got := map[string][]turf.Side{}
			for _, s := range turfs[0].Stops {
				if !slices.Contains(got[s.StreetID], s.Side) {
					got[s.StreetID] = append(got[s.StreetID], s.Side)
				}
				if s.Side == turf.Both {
					continue
				}
				for j := 1; j < len(s.Doors); j++ { // one side is walked in number order, either way
					a, b, c := doors[s.Doors[0]].Number, doors[s.Doors[j-1]].Number, doors[s.Doors[j]].Number
					if (b-a)*(c-b) < 0 {
						t.Errorf("the %s side of %s is walked out of order: %d, %d, %d", s.Side, s.StreetID, a, b, c)
					}
				}
			}
			for street, sides := range got {
				slices.Sort(sides)
				want := slices.Clone(tc.want[street])
				slices.Sort(want)
				if !slices.Equal(sides, want) {
					t.Errorf("%s walked on sides %v, want %v", street, sides, want)
				}
			}
		})
	}
}

// TestCutFromAStart: with a start, the walk is measured from it: 2 km away, every turf walks at
// least those 2 km.
func TestCutFromAStart(t *testing.T) {
	doors := grid{streets: 4, doors: 20}.build()
	opt := turf.DefaultOptions()
	opt.Target = 40
	start := orb.Point{-2000, 250}
	opt.Start = &start
	turfs, m := turf.Cut(doors, opt)
	checkCut(t, doors, turfs, m, opt)
	for i, tf := range turfs {
		if tf.Metres < 2000 {
			t.Errorf("turf %d walks %.0f m from a start 2 km away", i+1, tf.Metres)
		}
	}
	free := opt
	free.Start = nil
	_, mFree := turf.Cut(doors, free)
	if mFree.MetresPerDoor >= m.MetresPerDoor {
		t.Errorf("%.1f m per door from the start, %.1f without: the start should add its way there", m.MetresPerDoor, mFree.MetresPerDoor)
	}
}

func TestCutIsDeterministic(t *testing.T) {
	doors := grid{streets: 9, doors: 34, areas: 2, wideEach: 3}.build()
	opt := turf.DefaultOptions()
	opt.Measure, opt.Target = turf.Minutes, 60
	a, ma := turf.Cut(doors, opt)
	b, mb := turf.Cut(doors, opt)
	if !reflect.DeepEqual(a, b) || ma != mb {
		t.Error("two cuts of the same doors differ")
	}
}

// TestCutDegenerate: no door makes no turf; a single door, or doors all at one point, make one.
func TestCutDegenerate(t *testing.T) {
	if turfs, m := turf.Cut(nil, turf.DefaultOptions()); len(turfs) != 0 || m != (turf.Metrics{}) {
		t.Errorf("no door: %d turfs, %+v", len(turfs), m)
	}
	one := []turf.Door{{ID: "a", StreetID: "s", Street: "Rue", Number: 1, Voters: 2}}
	turfs, m := turf.Cut(one, turf.DefaultOptions())
	checkCut(t, one, turfs, m, turf.DefaultOptions())
	if len(turfs) != 1 || turfs[0].Metres != 0 || len(turfs[0].Stops) != 1 {
		t.Errorf("one door: %+v", turfs)
	}
	var same []turf.Door
	for i := range 30 {
		same = append(same, turf.Door{ID: fmt.Sprint(i), StreetID: "s", Street: "Rue", Number: 1 + i%2, Voters: 1})
	}
	opt := turf.DefaultOptions()
	opt.Target = 10
	turfs, m = turf.Cut(same, opt)
	checkCut(t, same, turfs, m, opt)
}

func TestWideStreet(t *testing.T) {
	for name, want := range map[string]bool{
		"Boulevard de Belleville": true, "AVENUE GAMBETTA": true, "Cours de Vincennes": true, "Quai de la Loire": true,
		"Place Gambetta": true, "Bd Davout": true, "av du Père Lachaise": true,
		"Rue des Pyrénées": false, "Impasse Émile Zola": false, "Placette": false, "Avenuerie": false, "": false,
	} {
		if got := turf.WideStreet(name); got != want {
			t.Errorf("WideStreet(%q) = %v, want %v", name, got, want)
		}
	}
}
