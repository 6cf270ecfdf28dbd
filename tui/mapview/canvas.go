package mapview

import (
	"math"
	"unicode/utf8"
)

// ink says how a cell is styled: which layer drew it last. Inks index the compiled styles.
type ink uint8

const (
	inkDefault   ink = iota // the terminal's foreground: uncoloured addresses
	inkFaint                // area outlines and streets without a colour
	inkRoute                // the route and its stop numbers
	inkHighlight            // highlighted addresses
	inkLabel                // area labels
	inkPalette              // first of the palette's colours; colour n ≥ 1 is inkPalette+(n-1)%len
)

// brailleBit is the bit of a braille cell's pattern (U+2800 + bits) for the dot at column x
// (0, 1) and row y (0-3) of the cell: dots 1-3 and 4-6 run down the columns, 7 and 8 are the
// bottom row, added to Unicode later.
var brailleBit = [4][2]uint8{{0x01, 0x08}, {0x02, 0x10}, {0x04, 0x20}, {0x40, 0x80}}

// canvas is a grid of w×h braille cells, 2×4 dots each. Every cell holds its dots, the ink of
// the last dot drawn in it (layers are drawn from the bottom up, so the top layer's ink wins),
// and possibly one text rune that replaces its dots (a label, a stop number).
type canvas struct {
	w, h int
	mask []uint8
	ink  []ink
	text []rune // 0: the cell shows its dots
	out  []byte // the rendered frame, reused from frame to frame
}

// reset clears the canvas to w×h empty cells, keeping its buffers when they are large enough.
func (c *canvas) reset(w, h int) {
	n := w * h
	if cap(c.mask) < n {
		c.mask, c.ink, c.text = make([]uint8, n), make([]ink, n), make([]rune, n)
	}
	c.w, c.h = w, h
	c.mask, c.ink, c.text = c.mask[:n], c.ink[:n], c.text[:n]
	clear(c.mask)
	clear(c.ink)
	clear(c.text)
}

// dot sets the dot at (x, y), in dots from the top left; dots off the canvas are ignored.
func (c *canvas) dot(x, y int, k ink) {
	if x < 0 || y < 0 || x >= 2*c.w || y >= 4*c.h {
		return
	}
	i := (y>>2)*c.w + x>>1
	c.mask[i] |= brailleBit[y&3][x&1]
	c.ink[i] = k
}

// line draws the segment from (x0, y0) to (x1, y1), in dots. It walks the segment's main axis
// one dot at a time and takes the dot that the segment crosses at the middle of each step
// (a DDA: Bresenham's dots up to rounding), over the part clipped to the canvas only: a
// segment running far off screen when zoomed in costs no more than its visible part, and every
// dot depends on the segment alone, not on where it was clipped, so that a pan shifts the
// picture without redrawing it differently. A thick line is two dots wide, so that it reads as
// the top layer even without colour.
func (c *canvas) line(x0, y0, x1, y1 float64, k ink, thick bool) {
	// Most segments of a street or an outline seen whole fall within one dot. The others span
	// more than zero on their main axis, which the walk below divides by.
	if fx, fy := math.Floor(x0), math.Floor(y0); fx == math.Floor(x1) && fy == math.Floor(y1) {
		c.dot(int(fx), int(fy), k)
		if thick {
			c.dot(int(fx), int(fy)+1, k)
		}
		return
	}
	cx0, cy0, cx1, cy1, ok := clip(x0, y0, x1, y1, -1, -1, float64(2*c.w), float64(4*c.h))
	if !ok {
		return
	}
	dx, dy := x1-x0, y1-y0
	steep := math.Abs(dy) > math.Abs(dx)
	if steep { // walk y: swap the axes here and back when plotting
		x0, y0, dx, dy = y0, x0, dy, dx
		cx0, cx1 = cy0, cy1
	}
	lo, hi := min(cx0, cx1), max(cx0, cx1)
	for i := int(math.Floor(lo)); i <= int(math.Floor(hi)); i++ {
		u := min(hi, max(lo, float64(i)+0.5))
		j := int(math.Floor(y0 + (u-x0)*dy/dx))
		if steep {
			c.dot(j, i, k)
			if thick {
				c.dot(j+1, i, k)
			}
			continue
		}
		c.dot(i, j, k)
		if thick {
			c.dot(i, j+1, k)
		}
	}
}

// clip cuts the segment (x0, y0)-(x1, y1) to the rectangle [xmin, xmax]×[ymin, ymax]
// (Liang-Barsky); ok is false when nothing of it is inside.
func clip(x0, y0, x1, y1, xmin, ymin, xmax, ymax float64) (cx0, cy0, cx1, cy1 float64, ok bool) {
	t0, t1 := 0.0, 1.0
	dx, dy := x1-x0, y1-y0
	for _, e := range [4][2]float64{{-dx, x0 - xmin}, {dx, xmax - x0}, {-dy, y0 - ymin}, {dy, ymax - y0}} {
		p, q := e[0], e[1]
		if p == 0 {
			if q < 0 {
				return 0, 0, 0, 0, false
			}
			continue
		}
		r := q / p
		if p < 0 {
			if r > t1 {
				return 0, 0, 0, 0, false
			}
			t0 = max(t0, r)
		} else {
			if r < t0 {
				return 0, 0, 0, 0, false
			}
			t1 = min(t1, r)
		}
	}
	return x0 + t0*dx, y0 + t0*dy, x0 + t1*dx, y0 + t1*dy, true
}

// write puts text in the cells of row from column col on, unless a cell it needs, or the cell
// on either side, already holds text: labels never run into each other. Text that yields is not
// written over the route or a highlight either, so that an area's name hides no walk. It reports
// whether the text was written. Every rune of text must be one column wide.
func (c *canvas) write(col, row int, text []rune, k ink, yield bool) bool {
	if row < 0 || row >= c.h || col < 0 || col+len(text) > c.w {
		return false
	}
	base := row * c.w
	for x := max(0, col-1); x < min(c.w, col+len(text)+1); x++ {
		if c.text[base+x] != 0 {
			return false
		}
	}
	for x := col; yield && x < col+len(text); x++ {
		if k := c.ink[base+x]; c.mask[base+x] != 0 && (k == inkRoute || k == inkHighlight) {
			return false
		}
	}
	for i, r := range text {
		c.text[base+col+i] = r
		c.ink[base+col+i] = k
	}
	return true
}

// sgr is a style compiled to the escape sequences around a styled run; both are empty for a
// plain style or when colour is off.
type sgr struct{ pre, post string }

// render writes the canvas as h lines of w columns. Consecutive cells of one ink share one
// styled run; empty cells join whatever run is open, since a blank shows no colour.
func (c *canvas) render(styles []sgr) string {
	b := c.out[:0]
	for row := 0; row < c.h; row++ {
		if row > 0 {
			b = append(b, '\n')
		}
		cur, open := inkDefault, false
		for i := row * c.w; i < (row+1)*c.w; i++ {
			r := c.text[i]
			if r == 0 {
				if c.mask[i] == 0 {
					b = append(b, ' ')
					continue
				}
				r = 0x2800 + rune(c.mask[i])
			}
			if k := c.ink[i]; k != cur {
				if open {
					b = append(b, styles[cur].post...)
				}
				cur = k
				b = append(b, styles[k].pre...)
				open = styles[k].pre != ""
			}
			b = utf8.AppendRune(b, r)
		}
		if open {
			b = append(b, styles[cur].post...)
		}
	}
	c.out = b
	return string(b)
}
