package pip_test

import (
	"fmt"

	"github.com/campagne-fr/porteaporte/geo/pip"

	"github.com/paulmach/orb"
)

// Two polling-station sectors sharing an edge at x = 1: a door on the shared edge is counted
// once, in the sector to its east.
func ExampleIndex_Locate() {
	west := orb.Polygon{{{0, 0}, {1, 0}, {1, 1}, {0, 1}, {0, 0}}}
	east := orb.Polygon{{{1, 0}, {2, 0}, {2, 1}, {1, 1}, {1, 0}}}
	ix, err := pip.NewIndex([]orb.Geometry{west, east}, []int{101, 102})
	if err != nil {
		panic(err)
	}
	for _, pt := range []orb.Point{{0.5, 0.5}, {1, 0.5}, {2, 0.5}} {
		id, ok := ix.Locate(pt)
		fmt.Println(pt, id, ok)
	}
	// Output:
	// [0.5 0.5] 101 true
	// [1 0.5] 102 true
	// [2 0.5] -1 false
}
