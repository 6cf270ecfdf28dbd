package mapview

import (
	"testing"

	"github.com/paulmach/orb"

	"canvass/tui/common"
	"canvass/tui/internal/tuitest"
)

// tiny is a hand-made map, about 800 m across:
//
//	+-----------------+
//	|  ·     +---+    |   a square area "A" with a square hole,
//	|        |   |  · |   three addresses (one highlighted, two in turfs 1 and 2),
//	|        +---+    |   and a route of three stops from the bottom left corner
//	| ·               |   to the top right one.
//	+-----------------+
func tiny() Layers {
	ring := func(x0, y0, x1, y1 float64) orb.Ring {
		return orb.Ring{{x0, y0}, {x1, y0}, {x1, y1}, {x0, y1}, {x0, y0}}
	}
	return Layers{
		Areas: []Area{{
			Shape:  orb.MultiPolygon{{ring(2.30, 48.85, 2.31, 48.856), ring(2.305, 48.853, 2.308, 48.855)}},
			Label:  "A",
			Colour: 1,
		}},
		Points: []Point{
			{At: orb.Point{2.302, 48.8555}, Colour: 1},
			{At: orb.Point{2.309, 48.854}, Colour: 2},
			{At: orb.Point{2.301, 48.851}, Highlight: true},
		},
		Route: Route{
			Path:  orb.LineString{{2.3005, 48.8505}, {2.304, 48.852}, {2.3095, 48.8555}},
			Stops: []orb.Point{{2.3005, 48.8505}, {2.304, 48.852}, {2.3095, 48.8555}},
		},
	}
}

func newMap(t *testing.T, styles *common.Styles, w, h int) Model {
	t.Helper()
	m := New(styles)
	m.SetSize(w, h)
	m.SetLayers(tiny())
	return m
}

func press(m Model, keys ...string) Model {
	for _, k := range keys {
		m, _ = m.Update(tuitest.Key(k))
	}
	return m
}

func TestGolden(t *testing.T) {
	m := newMap(t, nil, 40, 12)
	tuitest.Golden(t, "tiny-40x12", m.View()+"\n")
	tuitest.Golden(t, "tiny-40x12-zoomed", press(m, "+", "+", "l").View()+"\n")
}
