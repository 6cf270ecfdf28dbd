package geo

import (
	"encoding/binary"
	"math"
	"testing"

	"github.com/paulmach/orb"
)

// FuzzValidatePolygon validates polygons built from arbitrary bytes (8 bytes a coordinate, a zero
// pair of bytes ending a ring): any answer is fine, a panic or a hang is not.
func FuzzValidatePolygon(f *testing.F) {
	f.Add([]byte{}, uint8(0))
	f.Add(binary.LittleEndian.AppendUint64(nil, math.Float64bits(math.NaN())), uint8(3))
	f.Fuzz(func(t *testing.T, data []byte, split uint8) {
		var pts []orb.Point
		for len(data) >= 16 {
			x := math.Float64frombits(binary.LittleEndian.Uint64(data))
			y := math.Float64frombits(binary.LittleEndian.Uint64(data[8:]))
			pts = append(pts, orb.Point{x, y})
			data = data[16:]
		}
		// Close the rings half of the time, so that the deeper checks run too.
		var poly orb.Polygon
		n := int(split)%8 + 1
		for len(pts) > 0 {
			k := min(len(pts), n)
			ring := orb.Ring(append([]orb.Point{}, pts[:k]...))
			if split&0x80 != 0 && k > 0 {
				ring = append(ring, ring[0])
			}
			poly = append(poly, ring)
			pts = pts[k:]
		}
		_ = ValidatePolygon(poly)
		_ = ValidateGeometry(orb.MultiPolygon{poly})
	})
}
