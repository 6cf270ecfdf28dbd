package mapview_test

import (
	"fmt"
	"strings"

	"github.com/paulmach/orb"

	"github.com/campagne-fr/porteaporte/tui/mapview"
)

// A street block with two doors of turf 1 and the walk between them, drawn without colour
// (nil styles) in 16×4 cells.
func Example() {
	block := orb.Polygon{{{2.390, 48.860}, {2.394, 48.860}, {2.394, 48.862}, {2.390, 48.862}, {2.390, 48.860}}}
	m := mapview.New(nil, nil)
	m.SetSize(16, 4)
	m.SetLayers(mapview.Layers{
		Areas:  []mapview.Area{{Shape: orb.MultiPolygon{block}, Label: "B"}},
		Points: []mapview.Point{{At: orb.Point{2.3905, 48.8605}, Colour: 1}, {At: orb.Point{2.3935, 48.8615}, Colour: 1}},
		Route:  mapview.Route{Path: orb.LineString{{2.3905, 48.8605}, {2.3935, 48.8615}}},
	})
	for _, line := range strings.Split(m.View(), "\n") {
		fmt.Printf("|%s|\n", line)
	}
	fmt.Println(m.Status())
	// Output:
	// |   ⡖⠒⠒⠒⠒⠒⠒⠒⠒⢲   |
	// |   ⡇    ⣀⣤⠶⠃⢸   |
	// |   ⡇⢀⣤⠶⠛⠉   ⢸   |
	// |   ⣇⣈⣀⣀⣀B⣀⣀⣀⣸   |
	// ├────┤ 200 m · zoom ×1
}
