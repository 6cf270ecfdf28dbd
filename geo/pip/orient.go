package pip

import "math/big"

// ccwErrBound is Shewchuk's bound on the rounding error of the float64 orientation determinant
// ((3 + 16ε)ε with ε = 2⁻⁵³). When the determinant is larger than this bound times the sum of the
// magnitudes of its two products, its sign is certainly right; otherwise it is recomputed exactly.
const ccwErrBound = (3.0 + 16.0*epsilon) * epsilon

const epsilon = 1.0 / (1 << 53)

// orient returns the sign of the orientation of c relative to the directed line a→b: +1 when c is
// to the left (a, b, c turn anticlockwise), -1 when to the right, 0 when the three are exactly
// collinear. The sign is exact, not rounded: the one-owner guarantee rests on two polygons that
// share an edge agreeing on which side of it a point lies, and on points lying exactly on an edge
// being recognised as such, whatever the rounding of the coordinates.
func orient(ax, ay, bx, by, cx, cy float64) int {
	detLeft := (ax - cx) * (by - cy)
	detRight := (ay - cy) * (bx - cx)
	det := detLeft - detRight
	var detSum float64
	switch {
	case detLeft > 0:
		if detRight <= 0 {
			return sign(det)
		}
		detSum = detLeft + detRight
	case detLeft < 0:
		if detRight >= 0 {
			return sign(det)
		}
		detSum = -detLeft - detRight
	default:
		return sign(det)
	}
	bound := ccwErrBound * detSum
	if det >= bound || -det >= bound {
		return sign(det)
	}
	return orientExact(ax, ay, bx, by, cx, cy)
}

// orientExact is orient computed in exact rational arithmetic. It runs only for points within a
// few ulps of the line, so its cost does not matter.
func orientExact(ax, ay, bx, by, cx, cy float64) int {
	r := func(v float64) *big.Rat { return new(big.Rat).SetFloat64(v) }
	dax := new(big.Rat).Sub(r(ax), r(cx))
	dby := new(big.Rat).Sub(r(by), r(cy))
	day := new(big.Rat).Sub(r(ay), r(cy))
	dbx := new(big.Rat).Sub(r(bx), r(cx))
	left := new(big.Rat).Mul(dax, dby)
	right := new(big.Rat).Mul(day, dbx)
	return left.Cmp(right)
}

func sign(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}
