package network_test

import (
	"math"
	"testing"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/geo/network"
)

// Coordinates in these tests are in units of 0.001° around Paris: at 48.85° N, one unit is
// about 73 m east-west and 111 m north-south.
const lon0, lat0, unit = 2.39, 48.85, 0.001

func pt(x, y float64) orb.Point { return orb.Point{lon0 + x*unit, lat0 + y*unit} }

func line(id, name string, xy ...float64) network.Line {
	l := network.Line{ID: id, Name: name}
	for i := 0; i < len(xy); i += 2 {
		l.Path = append(l.Path, pt(xy[i], xy[i+1]))
	}
	return l
}

// TestSplit cuts lines at the vertices they share, and only there.
func TestSplit(t *testing.T) {
	for _, tc := range []struct {
		name     string
		lines    []network.Line
		segments int
		nodes    int
		pieces   int
	}{
		// A crossing drawn with a common vertex: four segments meeting at (1,1).
		//      B
		//      |
		//  A --+-- A
		//      |
		//      B
		{"crossing", []network.Line{line("a", "A", 0, 1, 1, 1, 2, 1), line("b", "B", 1, 0, 1, 1, 1, 2)}, 4, 5, 1},
		// A bridge: B passes over A with no vertex in common; they stay apart.
		{"bridge", []network.Line{line("a", "A", 0, 1, 2, 1), line("b", "B", 1, 0, 1, 2)}, 2, 4, 2},
		// A T: B ends on a vertex of A.
		//  A --+-- A
		//      |
		//      B
		{"tee", []network.Line{line("a", "A", 0, 1, 1, 1, 2, 1), line("b", "B", 1, 0, 1, 1)}, 3, 4, 1},
		// A line meeting itself: a lollipop, cut where the loop closes.
		{"lollipop", []network.Line{line("a", "A", 0, 0, 1, 0, 2, 0, 2, 1, 1, 1, 1, 0)}, 2, 2, 1},
		// Repeated points are dropped; a line of one point makes nothing.
		{"repeats", []network.Line{line("a", "A", 0, 0, 0, 0, 1, 0, 1, 0), line("b", "B", 3, 3, 3, 3)}, 1, 2, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			n := network.Build(tc.lines)
			if len(n.Segments) != tc.segments || len(n.Nodes) != tc.nodes {
				t.Errorf("%d segments, %d nodes; want %d, %d", len(n.Segments), len(n.Nodes), tc.segments, tc.nodes)
			}
			if got := len(n.Components()); got != tc.pieces {
				t.Errorf("%d pieces, want %d", got, tc.pieces)
			}
			for s, seg := range n.Segments {
				if n.Nodes[seg.From] != seg.Path[0] || n.Nodes[seg.To] != seg.Path[len(seg.Path)-1] {
					t.Errorf("segment %d does not run from its From node to its To node", s)
				}
			}
		})
	}
}

func TestComponentsLargestFirst(t *testing.T) {
	n := network.Build([]network.Line{line("a", "A", 0, 0, 1, 0), line("b", "B", 5, 5, 5, 9), line("c", "C", 5, 9, 6, 9)})
	c := n.Components()
	if len(c) != 2 || c[0].Segments != 2 || c[1].Segments != 1 || c[0].Metres < c[1].Metres {
		t.Fatalf("components %+v: want the two-segment piece first", c)
	}
	// B runs 4 units north (about 444 m), C one unit east (about 73 m).
	if math.Abs(c[0].Metres-517) > 5 {
		t.Errorf("first piece %.0f m long, want about 517", c[0].Metres)
	}
}

// TestLocate places points on the nearest segment, on its left or right walking From to To.
func TestLocate(t *testing.T) {
	// A runs east along y = 0 from x = 0 to 4; B north along x = 6.
	n := network.Build([]network.Line{line("a", "A", 0, 0, 4, 0), line("b", "B", 6, -2, 6, 2)})
	for _, tc := range []struct {
		x, y  float64
		seg   int
		left  bool
		along float64 // in units of A or B's direction
	}{
		{1, 0.2, 0, true, 1},      // north of A: its left
		{3, -0.2, 0, false, 3},    // south of A: its right
		{5.8, 1, 1, true, 3},      // west of B (walked north): its left
		{-1, -0.1, 0, false, 0},   // beyond A's start: at its start
		{5.2, -1.9, 1, true, 0.1}, // nearer B than A's end
	} {
		pl, ok := n.Locate(pt(tc.x, tc.y))
		if !ok || pl.Segment != tc.seg || pl.Left != tc.left {
			t.Errorf("(%g, %g): %+v, want segment %d, left %v", tc.x, tc.y, pl, tc.seg, tc.left)
			continue
		}
		scale := 73.2 // metres per unit east-west
		if tc.seg == 1 {
			scale = 111.2
		}
		if math.Abs(pl.Along-tc.along*scale) > 2 {
			t.Errorf("(%g, %g): along %.1f m, want about %.1f", tc.x, tc.y, pl.Along, tc.along*scale)
		}
	}
	if pl, ok := n.LocateOn(pt(5.8, 0), []int{0}); !ok || pl.Segment != 0 {
		t.Errorf("LocateOn A: %+v, want a place on A whatever is nearer", pl)
	}
	if _, ok := network.Build(nil).Locate(pt(0, 0)); ok {
		t.Error("a place on an empty network")
	}
}

// TestRouter walks around a block: the shortest walk goes along the streets, not across.
func TestRouter(t *testing.T) {
	//  (0,2) ---C--- (3,2)
	//    |             |
	//    D             B
	//    |             |
	//  (0,0) ---A--- (3,0)
	n := network.Build([]network.Line{
		line("a", "A", 0, 0, 3, 0), line("b", "B", 3, 0, 3, 2), line("c", "C", 3, 2, 0, 2), line("d", "D", 0, 2, 0, 0),
	})
	r := n.Router()
	on := func(x, y float64) network.Place {
		pl, ok := n.Locate(pt(x, y))
		if !ok {
			t.Fatal("no place")
		}
		return pl
	}
	ex, ny := 73.2, 111.2 // metres per unit
	for _, tc := range []struct {
		name       string
		a, b       network.Place
		want       float64
		firstPoint orb.Point
	}{
		{"same segment", on(0.5, 0), on(2.5, 0), 2 * ex, pt(0.5, 0)},
		{"round the corner", on(2.5, 0), on(3, 1), 0.5*ex + ny, pt(2.5, 0)},
		// From the middle of A to the middle of C: 1.5 + 2 + 1.5 units either way round.
		{"across the block", on(1.5, 0), on(1.5, 2), 3*ex + 2*ny, pt(1.5, 0)},
	} {
		d := r.Distance(tc.a, tc.b)
		if math.Abs(d-tc.want) > 1 {
			t.Errorf("%s: %.1f m, want %.1f", tc.name, d, tc.want)
		}
		path := r.Path(tc.a, tc.b)
		length := 0.0
		for i := 1; i < len(path); i++ {
			length += metres(n, path[i-1], path[i])
		}
		if math.Abs(length-d) > 0.5 {
			t.Errorf("%s: path %.1f m long, distance %.1f", tc.name, length, d)
		}
		if metres(n, path[0], tc.firstPoint) > 0.5 {
			t.Errorf("%s: path starts at %v, want %v", tc.name, path[0], tc.firstPoint)
		}
	}
}

func metres(n *network.Network, a, b orb.Point) float64 {
	p, q := n.Metres(a), n.Metres(b)
	return math.Hypot(p[0]-q[0], p[1]-q[1])
}

// TestJoined links a detached piece to the rest by its nearest nodes.
func TestJoined(t *testing.T) {
	n := network.Build([]network.Line{line("a", "A", 0, 0, 1, 0), line("b", "B", 3, 0, 4, 0)})
	r := n.Router()
	a, _ := n.Locate(pt(0, 0))
	b, _ := n.Locate(pt(4, 0))
	if d := r.Distance(a, b); !math.IsInf(d, 1) {
		t.Fatalf("distance %.1f across a gap, want +Inf", d)
	}
	j := n.Joined()
	if len(j.Segments) != 3 || j.Segments[2].Line != "" || len(j.Components()) != 1 {
		t.Fatalf("joined: %d segments, %d pieces; want 3 segments (one link) in one piece", len(j.Segments), len(j.Components()))
	}
	a, _ = j.Locate(pt(0, 0))
	b, _ = j.Locate(pt(4, 0))
	if d := j.Router().Distance(a, b); math.Abs(d-4*73.2) > 2 {
		t.Errorf("distance %.1f once joined, want about %.1f", d, 4*73.2)
	}
}

func TestSub(t *testing.T) {
	n := network.Build([]network.Line{line("a", "A", 0, 0, 1, 0, 2, 0), line("b", "B", 1, 0, 1, 1)})
	sub, orig := n.Sub(func(s int) bool { return n.Segments[s].Name == "A" })
	if len(sub.Segments) != 2 || len(sub.Nodes) != 3 || orig[0] != 0 || orig[1] != 1 {
		t.Fatalf("sub: %d segments, %d nodes, orig %v", len(sub.Segments), len(sub.Nodes), orig)
	}
}

func TestNewRefusesInconsistentNodes(t *testing.T) {
	_, err := network.New([]network.Segment{
		{From: 0, To: 1, Path: orb.LineString{pt(0, 0), pt(1, 0)}},
		{From: 1, To: 2, Path: orb.LineString{pt(5, 5), pt(6, 0)}},
	})
	if err == nil {
		t.Fatal("node 1 at two places accepted")
	}
}
