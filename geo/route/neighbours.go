package route

import "math"

// xy is a point in the solver's frame: planar, translated so that the bounding box starts at 0.
type xy struct{ x, y float64 }

func dist(a, b xy) float64 {
	dx, dy := a.x-b.x, a.y-b.y
	return math.Sqrt(dx*dx + dy*dy)
}

// nearest returns, for every point, the indexes of its k nearest other points, nearest first
// (ties by index, so that results do not depend on anything but the input). It buckets the points
// in a grid of about two points per cell and searches rings of cells outward until the ring
// cannot hold anything nearer than the k-th candidate: O(n·k) for spread-out points.
func nearest(pts []xy, k int) [][]int32 {
	n := len(pts)
	k = min(k, n-1)
	out := make([][]int32, n)
	if k <= 0 {
		return out
	}
	var w, h float64
	for _, p := range pts {
		w, h = max(w, p.x), max(h, p.y)
	}
	// About two points per cell, and never more cells than 2n+1 even when the points lie on a line.
	cell := max(math.Sqrt(2*w*h/float64(n)), 2*max(w, h)/float64(n))
	if cell == 0 {
		cell = 1
	}
	gx, gy := int(w/cell)+1, int(h/cell)+1
	cellOf := func(p xy) (int, int) { return min(int(p.x/cell), gx-1), min(int(p.y/cell), gy-1) }
	// Counting sort of the points by cell.
	start := make([]int32, gx*gy+1)
	for _, p := range pts {
		cx, cy := cellOf(p)
		start[cy*gx+cx+1]++
	}
	for c := 1; c < len(start); c++ {
		start[c] += start[c-1]
	}
	fill := append([]int32(nil), start[:gx*gy]...)
	byCell := make([]int32, n)
	for i, p := range pts {
		cx, cy := cellOf(p)
		byCell[fill[cy*gx+cx]] = int32(i)
		fill[cy*gx+cx]++
	}

	type cand struct {
		d float64
		i int32
	}
	best := make([]cand, 0, k+1)
	for i, p := range pts {
		best = best[:0]
		cx, cy := cellOf(p)
		consider := func(x, y int) {
			if x < 0 || y < 0 || x >= gx || y >= gy {
				return
			}
			for _, j := range byCell[start[y*gx+x]:start[y*gx+x+1]] {
				if int(j) == i {
					continue
				}
				c := cand{dist(p, pts[j]), j}
				if len(best) == k && (c.d > best[k-1].d || c.d == best[k-1].d && c.i > best[k-1].i) {
					continue
				}
				// Insertion into the short sorted list.
				pos := len(best)
				if pos < k {
					best = append(best, c)
				} else {
					pos = k - 1
				}
				for pos > 0 && (best[pos-1].d > c.d || best[pos-1].d == c.d && best[pos-1].i > c.i) {
					best[pos] = best[pos-1]
					pos--
				}
				best[pos] = c
			}
		}
		for r := 0; ; r++ {
			if r == 0 {
				consider(cx, cy)
			} else {
				for x := cx - r; x <= cx+r; x++ {
					consider(x, cy-r)
					consider(x, cy+r)
				}
				for y := cy - r + 1; y <= cy+r-1; y++ {
					consider(cx-r, y)
					consider(cx+r, y)
				}
			}
			// Everything in ring r+1 and beyond is at least r cells away.
			if len(best) == k && best[k-1].d <= float64(r)*cell {
				break
			}
			if r > gx && r > gy {
				break
			}
		}
		list := make([]int32, len(best))
		for j, c := range best {
			list[j] = c.i
		}
		out[i] = list
	}
	return out
}
