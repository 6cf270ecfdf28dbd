package mapview

import (
	"math"
	"strings"
	"testing"
)

// dots draws the canvas's dots as rows of # and ., one character per dot.
func dots(c *canvas) string {
	var b strings.Builder
	for y := range 4 * c.h {
		for x := range 2 * c.w {
			if c.mask[(y/4)*c.w+x/2]&brailleBit[y%4][x%2] != 0 {
				b.WriteByte('#')
			} else {
				b.WriteByte('.')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestLine(t *testing.T) {
	for _, tc := range []struct {
		name           string
		x0, y0, x1, y1 float64
		thick          bool
		want           string
	}{
		{"shallow", 0.5, 0.5, 5.5, 2.5, false, `
##....
..##..
....##
......
`},
		{"steep, backwards", 1.5, 3.5, 0.5, 0.5, false, `
#.....
#.....
.#....
.#....
`},
		{"thick", 0.5, 0.5, 5.5, 0.5, true, `
######
######
......
......
`},
		{"one dot", 2.2, 1.7, 2.9, 1.1, false, `
......
..#...
......
......
`},
		{"from far off the canvas, clipped", -1e9, 1.5, 1e9, 1.5, false, `
......
######
......
......
`},
		{"wholly off the canvas", -5, -5, 50, -1.5, false, `
......
......
......
......
`},
	} {
		var c canvas
		c.reset(3, 1)
		c.line(tc.x0, tc.y0, tc.x1, tc.y1, inkDefault, tc.thick)
		if got := "\n" + dots(&c); got != tc.want {
			t.Errorf("%s: got%swant%s", tc.name, got, tc.want)
		}
	}
}

func TestClip(t *testing.T) {
	for _, tc := range []struct {
		in   [4]float64
		want [4]float64
		ok   bool
	}{
		{[4]float64{1, 1, 3, 3}, [4]float64{1, 1, 3, 3}, true},         // inside
		{[4]float64{-5, 5, 15, 5}, [4]float64{0, 5, 10, 5}, true},      // through, horizontal
		{[4]float64{5, -5, 5, 2}, [4]float64{5, 0, 5, 2}, true},        // in from the top
		{[4]float64{-2, 0, 0, -2}, [4]float64{}, false},                // misses a corner
		{[4]float64{11, 0, 11, 10}, [4]float64{}, false},               // beside, parallel
		{[4]float64{-10, -10, 20, 20}, [4]float64{0, 0, 10, 10}, true}, // the diagonal
	} {
		x0, y0, x1, y1, ok := clip(tc.in[0], tc.in[1], tc.in[2], tc.in[3], 0, 0, 10, 10)
		got := [4]float64{x0, y0, x1, y1}
		if ok != tc.ok || (ok && !near(got, tc.want)) {
			t.Errorf("clip(%v) = %v, %v; want %v, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func near(a, b [4]float64) bool {
	for i := range a {
		if math.Abs(a[i]-b[i]) > 1e-9 {
			return false
		}
	}
	return true
}

func TestWrite(t *testing.T) {
	var c canvas
	c.reset(10, 1)
	if !c.write(0, 0, []rune("ab"), inkLabel, true) {
		t.Fatal("text on an empty row was refused")
	}
	if c.write(2, 0, []rune("cd"), inkLabel, true) {
		t.Error("text written right after other text: the words would run together")
	}
	if c.write(9, 0, []rune("ef"), inkLabel, true) || c.write(-1, 0, []rune("x"), inkLabel, true) {
		t.Error("text written past the canvas's edge")
	}
	c.line(10, 0, 19, 0, inkRoute, false) // the route through cells 5-9
	if c.write(6, 0, []rune("gh"), inkLabel, true) {
		t.Error("a label hid the route")
	}
	if !c.write(6, 0, []rune("12"), inkRoute, false) {
		t.Error("a stop number was refused on its own route")
	}
	if got := c.render(make([]sgr, inkPalette)); got != "ab   ⠉12⠉⠉" {
		t.Errorf("rendered %q", got)
	}
}
