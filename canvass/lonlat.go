package canvass

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/paulmach/orb"
)

// ParseLonLat reads a point written "LON,LAT" in degrees, e.g. 2.3985,48.8632, as a plan's start
// is given on the command line and in the interface. It returns a *UsageError naming the value and
// the expected form when s is not two numbers, longitude then latitude, within range.
func ParseLonLat(s string) (orb.Point, error) {
	lon, lat, ok := strings.Cut(s, ",")
	x, err1 := strconv.ParseFloat(strings.TrimSpace(lon), 64)
	y, err2 := strconv.ParseFloat(strings.TrimSpace(lat), 64)
	// NaN compares false with every bound: it is refused by name, and with it the infinities.
	if !ok || err1 != nil || err2 != nil || math.IsNaN(x) || math.IsNaN(y) || x < -180 || x > 180 || y < -90 || y > 90 {
		return orb.Point{}, &UsageError{Problems: []string{fmt.Sprintf("%q: expected LON,LAT in degrees, e.g. 2.3985,48.8632", s)}}
	}
	return orb.Point{x, y}, nil
}
