package demo

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sort"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/planar"
)

// The town is laid out in local metres (x east, y north) around its centre, then placed on the map.
// Its streets follow the lines of a jittered, slightly rotated grid; blocks are the grid's cells.
// Polling stations are rectangles of cells and neighborhoods are unions of stations, so every
// polygon is traced through the same grid nodes: neighbours share their edges exactly, and the
// stations tile the town. Addresses stand a few metres off their street, never near a grid node,
// so each one lies inside exactly one station.
const (
	cells     = 7      // cells per side of the grid
	townSize  = 2000.0 // metres per side
	minMargin = 18.0   // no address within this distance of a street's ends or crossings (metres)
)

// street is a named way, its line in numbering order (from the end nearer the town centre).
type street struct {
	kind   string // Rue, Avenue, Boulevard, Place, Impasse, Allée, Chemin, Villa, Square, Quai
	name   string // full name as the BAN writes it: kind + " " + body
	body   string // the name after the kind
	code   string // 4-character FANTOIR-like code; empty for a street with no FANTOIR code yet
	banKey string // the street part of BAN ids: code, or a random BAN key when code is empty
	line   orb.LineString
	// continuous numbering (1, 2, 3... around a square) instead of odd left, even right
	continuous bool
	central    bool // in the town centre: apartment buildings are likely
}

// address is one BAN address point.
type address struct {
	street  *street
	number  int
	rep     string // suffix: "", "b", "t", "a"
	at      orb.Point
	station *station
}

// station is a polling station: a rectangle of grid cells.
type station struct {
	code, venue string
	quartier    *quartier
	ring        orb.Ring
	abstention  float64
}

// quartier is a neighborhood: a rectangle of cells made of whole stations.
type quartier struct {
	code int
	name string
	ring orb.Ring
}

// town is the generated layout.
type town struct {
	rng       *rand.Rand
	nodes     [cells + 1][cells + 1]orb.Point // [i][j]
	outline   orb.Ring
	streets   []*street
	addresses []*address
	stations  []*station
	quartiers []*quartier
}

// newTown lays out the streets, areas and addresses.
func newTown(rng *rand.Rand) *town {
	t := &town{rng: rng}
	t.layGrid()
	t.outline = t.rectRing(0, cells, 0, cells)
	names := newNamer(rng)
	t.layMainStreets(names)
	t.ensureKinds()
	t.layInnerStreets(names)
	t.numberStreets()
	t.partition()
	t.assignStations()
	return t
}

// layGrid places the grid nodes: jittered, bent by a gentle wave and rotated, so that no street
// is quite straight across town nor quite parallel to the next.
func (t *town) layGrid() {
	step := townSize / cells
	angle := (t.rng.Float64()*24 - 12) * math.Pi / 180
	phase := t.rng.Float64() * 2 * math.Pi
	sin, cos := math.Sincos(angle)
	for i := 0; i <= cells; i++ {
		for j := 0; j <= cells; j++ {
			x := -townSize/2 + float64(i)*step + (t.rng.Float64()*2-1)*0.17*step
			y := -townSize/2 + float64(j)*step + (t.rng.Float64()*2-1)*0.17*step
			x += 45 * math.Sin(y/450+phase)
			t.nodes[i][j] = orb.Point{x*cos - y*sin, x*sin + y*cos}
		}
	}
}

// rectRing traces, counter-clockwise, the outline of the cells [i0,i1)×[j0,j1) through every grid
// node on it, so that adjacent rectangles share their vertices exactly.
func (t *town) rectRing(i0, i1, j0, j1 int) orb.Ring {
	var r orb.Ring
	for i := i0; i < i1; i++ {
		r = append(r, t.nodes[i][j0])
	}
	for j := j0; j < j1; j++ {
		r = append(r, t.nodes[i1][j])
	}
	for i := i1; i > i0; i-- {
		r = append(r, t.nodes[i][j1])
	}
	for j := j1; j > j0; j-- {
		r = append(r, t.nodes[i0][j])
	}
	return append(r, r[0])
}

// layout is one way to cut the grid: neighborhoods, and the polling stations of each.
type layout struct {
	quartiers []cellRect
	stations  [][]cellRect // per neighborhood
}

// layouts lists the ways to cut the grid into 3 or 4 neighborhoods and 7 or 8 polling stations:
// a left and a right part; the left in two neighborhoods of two stations each; the right either
// one tall neighborhood of three stations or two neighborhoods of two.
func layouts() []layout {
	var out []layout
	for cx := 3; cx <= 4; cx++ {
		for ly := 3; ly <= 4; ly++ {
			base := layout{quartiers: []cellRect{{0, cx, 0, ly}, {0, cx, ly, cells}}}
			for _, q := range base.quartiers {
				base.stations = append(base.stations, halve(q))
			}
			for a := 2; a <= 3; a++ {
				l := layout{append(base.quartiers[:2:2], cellRect{cx, cells, 0, cells}),
					append(base.stations[:2:2], []cellRect{{cx, cells, 0, a}, {cx, cells, a, a + 2}, {cx, cells, a + 2, cells}})}
				out = append(out, l)
			}
			for ry := 3; ry <= 4; ry++ {
				l := layout{base.quartiers[:2:2], base.stations[:2:2]}
				for _, q := range []cellRect{{cx, cells, 0, ry}, {cx, cells, ry, cells}} {
					l.quartiers = append(l.quartiers, q)
					l.stations = append(l.stations, halve(q))
				}
				out = append(out, l)
			}
		}
	}
	return out
}

// partition cuts the town into neighborhoods and polling stations, choosing among the layouts one
// of those whose stations are the most even in addresses, as a commune balances its stations.
func (t *town) partition() {
	type scored struct {
		l     layout
		ratio float64
	}
	var all []scored
	for _, l := range layouts() {
		var counts []int
		for _, qs := range l.stations {
			for _, s := range qs {
				ring := t.rectRing(s.i0, s.i1, s.j0, s.j1)
				n := 0
				for _, a := range t.addresses {
					if planar.PolygonContains(orb.Polygon{ring}, a.at) {
						n++
					}
				}
				counts = append(counts, n)
			}
		}
		lo, hi := slices.Min(counts), slices.Max(counts)
		all = append(all, scored{l, float64(hi) / float64(max(lo, 1))})
	}
	sort.SliceStable(all, func(a, b int) bool { return all[a].ratio < all[b].ratio })
	// 3 or 4 neighborhoods, as the seed says; then one of the two most even layouts of those.
	want := 3 + t.rng.IntN(2)
	var fit []layout
	for _, s := range all {
		if len(s.l.quartiers) == want {
			fit = append(fit, s.l)
		}
	}
	l := fit[t.rng.IntN(2)]
	for k, q := range l.quartiers {
		qq := &quartier{ring: t.rectRing(q.i0, q.i1, q.j0, q.j1)}
		t.quartiers = append(t.quartiers, qq)
		for _, s := range l.stations[k] {
			t.stations = append(t.stations, &station{quartier: qq, ring: t.rectRing(s.i0, s.i1, s.j0, s.j1)})
		}
	}
	// Station 1 sits in the town hall, at the centre; the others are numbered outwards, and the
	// neighborhood holding station 1 is the old town centre.
	sort.SliceStable(t.stations, func(a, b int) bool {
		return centroidDist(t.stations[a].ring) < centroidDist(t.stations[b].ring)
	})
	for k, s := range t.stations {
		s.code = fmt.Sprintf("%04d", k+1)
		s.venue = stationVenues[k]
	}
	sort.SliceStable(t.quartiers, func(a, b int) bool {
		return t.quartiers[a] == t.stations[0].quartier && t.quartiers[b] != t.stations[0].quartier
	})
	for k, q := range t.quartiers {
		q.code = k + 1
		q.name = quartierNames[k]
	}
	// Abstention spread evenly over 30–60%, in a random order across stations.
	perm := t.rng.Perm(len(t.stations))
	for k, s := range t.stations {
		s.abstention = 0.30 + 0.30*(float64(perm[k])+t.rng.Float64())/float64(len(t.stations))
	}
}

// cellRect is the grid cells [i0,i1)×[j0,j1).
type cellRect struct{ i0, i1, j0, j1 int }

// halve splits cells [i0,i1)×[j0,j1) in two across their longer side.
func halve(c cellRect) []cellRect {
	type rect = cellRect
	i0, i1, j0, j1 := c.i0, c.i1, c.j0, c.j1
	if j1-j0 >= i1-i0 {
		m := (j0 + j1) / 2
		return []rect{{i0, i1, j0, m}, {i0, i1, m, j1}}
	}
	m := (i0 + i1) / 2
	return []rect{{i0, m, j0, j1}, {m, i1, j0, j1}}
}

// centroidDist is the distance from the town centre to the mean of a ring's vertices.
func centroidDist(r orb.Ring) float64 {
	c := ringMean(r)
	return math.Hypot(c[0], c[1])
}

// ringMean is the mean of a closed ring's vertices (the closing point counted once).
func ringMean(r orb.Ring) orb.Point {
	var x, y float64
	n := len(r) - 1
	for _, p := range r[:n] {
		x += p[0]
		y += p[1]
	}
	return orb.Point{x / float64(n), y / float64(n)}
}

// namer hands out street names without repeats.
type namer struct {
	rng                   *rand.Rand
	general, quai, chemin []string
}

func newNamer(rng *rand.Rand) *namer {
	shuffled := func(s []string) []string {
		c := append([]string(nil), s...)
		rng.Shuffle(len(c), func(a, b int) { c[a], c[b] = c[b], c[a] })
		return c
	}
	return &namer{rng: rng, general: shuffled(streetNames), quai: shuffled(quaiNames), chemin: shuffled(cheminNames)}
}

// next names a street of the given kind.
func (n *namer) next(kind string) (name, body string) {
	pool := &n.general
	switch kind {
	case "Quai":
		pool = &n.quai
	case "Chemin":
		pool = &n.chemin
	}
	body, *pool = (*pool)[0], (*pool)[1:]
	return kind + " " + body, body
}

// layMainStreets names runs of grid edges. Inner grid lines are streets end to end, cut into
// two or three named streets; on the town's edge, a quai follows the river on the south side and
// a few chemins run along the fields elsewhere.
func (t *town) layMainStreets(names *namer) {
	for dir := 0; dir < 2; dir++ {
		for k := 0; k <= cells; k++ {
			line := make(orb.LineString, cells+1)
			for m := 0; m <= cells; m++ {
				if dir == 0 {
					line[m] = t.nodes[m][k] // west to east along row k
				} else {
					line[m] = t.nodes[k][m] // south to north along column k
				}
			}
			edge := k == 0 || k == cells
			if !edge {
				for _, run := range t.cutRuns() {
					kind := t.mainKind(run[1]-run[0], k)
					t.addStreet(names, kind, line[run[0]:run[1]+1], false)
				}
				continue
			}
			kind := "Chemin"
			if dir == 0 && k == 0 {
				kind = "Quai"
			} else if t.rng.IntN(3) == 0 {
				continue // fields: no houses along this side of town
			}
			length := 2 + t.rng.IntN(3)
			start := 1 + t.rng.IntN(cells-length-1)
			t.addStreet(names, kind, line[start:start+length+1], false)
		}
	}
}

// ensureKinds makes sure the town has a boulevard and an avenue: the longest rues become them.
func (t *town) ensureKinds() {
	for _, kind := range []string{"Boulevard", "Avenue"} {
		var longest *street
		for _, s := range t.streets {
			if s.kind == kind {
				longest = nil
				break
			}
			if s.kind == "Rue" && (longest == nil || planar.Length(s.line) > planar.Length(longest.line)) {
				longest = s
			}
		}
		if longest != nil {
			longest.kind, longest.name = kind, kind+" "+longest.body
		}
	}
}

// cutRuns cuts the edges 0..cells of an inner grid line into runs of at least two edges.
func (t *town) cutRuns() [][2]int {
	var runs [][2]int
	start := 0
	for m := 2; m <= cells-2; m++ {
		if m-start >= 2 && t.rng.IntN(10) < 3 {
			runs = append(runs, [2]int{start, m})
			start = m
		}
	}
	return append(runs, [2]int{start, cells})
}

// mainKind chooses the kind of an inner street from its length in edges and its grid line.
func (t *town) mainKind(edges, line int) string {
	central := line == cells/2 || line == cells/2+1
	switch r := t.rng.IntN(100); {
	case central && edges >= 3 && r < 45:
		return "Boulevard"
	case edges >= 3 && r < 30:
		return "Avenue"
	case edges <= 2 && r < 15:
		return "Allée"
	}
	return "Rue"
}

// addStreet names a street and records its line, oriented from the end nearer the centre.
func (t *town) addStreet(names *namer, kind string, line orb.LineString, continuous bool) *street {
	name, body := names.next(kind)
	l := append(orb.LineString(nil), line...)
	if !continuous && dist(l[len(l)-1], orb.Point{}) < dist(l[0], orb.Point{}) {
		l.Reverse()
	}
	s := &street{kind: kind, name: name, body: body, line: l, continuous: continuous}
	for _, p := range l {
		if dist(p, orb.Point{}) < 550 {
			s.central = true
		}
	}
	t.streets = append(t.streets, s)
	return s
}

// layInnerStreets adds the ways inside blocks: the square in front of the town hall, dead ends
// (impasses, villas, squares) and a few allées across a block.
func (t *town) layInnerStreets(names *namer) {
	// the cell nearest the centre holds the Place de la Mairie (a closed line around the square)
	var cellsLeft [][2]int
	best, bestD := [2]int{}, math.Inf(1)
	for i := 1; i < cells-1; i++ { // inner cells only: every edge of theirs is a street
		for j := 1; j < cells-1; j++ {
			c := t.cellCentre(i, j)
			if d := dist(c, orb.Point{}); d < bestD {
				best, bestD = [2]int{i, j}, d
			}
			cellsLeft = append(cellsLeft, [2]int{i, j})
		}
	}
	c := t.cellCentre(best[0], best[1])
	a := t.nodes[best[0]+1][best[1]]
	u := unit(sub(a, t.nodes[best[0]][best[1]]))
	v := orb.Point{-u[1], u[0]}
	h := 38.0
	square := orb.LineString{}
	for _, s := range [][2]float64{{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}} {
		square = append(square, orb.Point{c[0] + h*(s[0]*u[0]+s[1]*v[0]), c[1] + h*(s[0]*u[1]+s[1]*v[1])})
	}
	// clockwise, so that the outer side, where the houses are, is on the left (odd numbers side)
	square.Reverse()
	names.general = append([]string{"de la Mairie"}, names.general...)
	t.addStreet(names, "Place", square, true)

	t.rng.Shuffle(len(cellsLeft), func(a, b int) { cellsLeft[a], cellsLeft[b] = cellsLeft[b], cellsLeft[a] })
	kinds := []string{"Impasse", "Impasse", "Impasse", "Impasse", "Impasse", "Villa", "Villa", "Villa",
		"Square", "Square", "Allée", "Allée", "Allée"}
	for _, cell := range cellsLeft {
		if len(kinds) == 0 {
			break
		}
		if cell == best {
			continue
		}
		i, j := cell[0], cell[1]
		kind := kinds[0]
		kinds = kinds[1:]
		// start on one of the cell's four edges, away from its ends
		e := t.rng.IntN(4)
		corners := [5]orb.Point{t.nodes[i][j], t.nodes[i+1][j], t.nodes[i+1][j+1], t.nodes[i][j+1], t.nodes[i][j]}
		at := 0.35 + 0.3*t.rng.Float64()
		from := lerp(corners[e], corners[e+1], at)
		var to orb.Point
		if kind == "Allée" {
			// across the block, to the opposite edge
			o := (e + 2) % 4
			to = lerp(corners[o+1], corners[o], at)
		} else {
			centre := t.cellCentre(i, j)
			to = lerp(from, centre, 0.55+0.35*t.rng.Float64())
		}
		s := t.addStreet(names, kind, orb.LineString{from, to}, false)
		s.line = orb.LineString{from, to} // numbered from the street it opens on
	}
	// One recent allée has no FANTOIR code yet: the BAN gives it a random key.
	var keyed []*street
	for _, s := range t.streets {
		if s.kind == "Allée" {
			keyed = append(keyed, s)
		}
	}
	sort.SliceStable(t.streets, func(a, b int) bool { return fold(t.streets[a].name) < fold(t.streets[b].name) })
	for k, s := range t.streets {
		s.code = fmt.Sprintf("%04d", 10*(k+1))
		s.banKey = s.code
	}
	if len(keyed) > 0 {
		s := keyed[t.rng.IntN(len(keyed))]
		s.code = ""
		s.banKey = randomKey(t.rng)
	}
}

// randomKey is a BAN random street key, 6 characters of lower-case letters and digits.
func randomKey(rng *rand.Rand) string {
	const alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
	b := make([]byte, 6)
	for k := range b {
		b[k] = alphabet[rng.IntN(len(alphabet))]
	}
	return string(b)
}

// cellCentre is the mean of a cell's four corners.
func (t *town) cellCentre(i, j int) orb.Point {
	return ringMean(orb.Ring{t.nodes[i][j], t.nodes[i+1][j], t.nodes[i+1][j+1], t.nodes[i][j+1], t.nodes[i][j]})
}

// numberStreets places numbered addresses along every street: odd numbers on the left, even on
// the right, denser in the centre, with the odd gap and a few bis, ter and "a" numbers.
func (t *town) numberStreets() {
	for _, s := range t.streets {
		if s.continuous {
			t.numberSide(s, +1, true)
			continue
		}
		t.numberSide(s, +1, false)
		t.numberSide(s, -1, false)
	}
}

// numberSide numbers one side of a street: side +1 is the left (odd numbers), -1 the right.
func (t *town) numberSide(s *street, side float64, continuous bool) {
	number := 1
	if side < 0 {
		number = 2
	}
	inc := 2
	if continuous {
		inc = 1
	}
	deadEnd := len(s.line) == 2 && (s.kind == "Impasse" || s.kind == "Villa" || s.kind == "Square")
	for e := 0; e+1 < len(s.line); e++ {
		a, b := s.line[e], s.line[e+1]
		length := dist(a, b)
		u := unit(sub(b, a))
		normal := orb.Point{-u[1] * side, u[0] * side}
		end := length - minMargin
		if deadEnd {
			end = length + 4 // the houses at the end of the impasse
		}
		margin := minMargin
		if continuous {
			margin = 10
		}
		for pos := margin + t.rng.Float64()*8; pos <= end; pos += t.spacing(a) {
			offset := 7 + 5*t.rng.Float64()
			p := orb.Point{a[0] + u[0]*pos + normal[0]*offset, a[1] + u[1]*pos + normal[1]*offset}
			t.addAddress(s, number, "", p)
			if r := t.rng.IntN(1000); r < 45 {
				q := orb.Point{p[0] + u[0]*4, p[1] + u[1]*4}
				rep := "b"
				if r < 8 {
					rep = "a"
				}
				t.addAddress(s, number, rep, q)
				if rep == "b" && r < 16 {
					t.addAddress(s, number, "t", orb.Point{q[0] + u[0]*4, q[1] + u[1]*4})
				}
			}
			number += inc
			if t.rng.IntN(25) == 0 {
				number += inc // a number that no longer exists (plots merged)
			}
		}
	}
}

// spacing is the frontage of the next house: narrow in the centre, wide on the outskirts.
func (t *town) spacing(at orb.Point) float64 {
	r := dist(at, orb.Point{})
	base := 18 + 28*math.Min(r/1100, 1)
	return base * (0.7 + 0.6*t.rng.Float64())
}

// addAddress records an address point if it falls inside the commune (not on the far side of a
// street along its edge).
func (t *town) addAddress(s *street, number int, rep string, p orb.Point) {
	if planar.PolygonContains(orb.Polygon{t.outline}, p) {
		t.addresses = append(t.addresses, &address{street: s, number: number, rep: rep, at: p})
	}
}

// assignStations gives each address its polling station, and drops any address that is not
// inside exactly one (none should be: addresses keep clear of the grid lines stations follow).
func (t *town) assignStations() {
	kept := t.addresses[:0]
	for _, a := range t.addresses {
		n := 0
		for _, st := range t.stations {
			if planar.PolygonContains(orb.Polygon{st.ring}, a.at) {
				a.station = st
				n++
			}
		}
		if n == 1 {
			kept = append(kept, a)
		}
	}
	t.addresses = kept
}

func dist(a, b orb.Point) float64  { return math.Hypot(a[0]-b[0], a[1]-b[1]) }
func sub(a, b orb.Point) orb.Point { return orb.Point{a[0] - b[0], a[1] - b[1]} }
func lerp(a, b orb.Point, f float64) orb.Point {
	return orb.Point{a[0] + (b[0]-a[0])*f, a[1] + (b[1]-a[1])*f}
}
func unit(v orb.Point) orb.Point {
	n := math.Hypot(v[0], v[1])
	return orb.Point{v[0] / n, v[1] / n}
}
