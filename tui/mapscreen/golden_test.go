package mapscreen

import (
	"testing"

	"github.com/charmbracelet/colorprofile"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/areas"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// TestGolden renders the map of the invented town in the room the root leaves it in a terminal
// of 80×24 and 160×48 (the title bar and a line of key help taken), and compares it with
// testdata/TestGolden/<case>-<terminal size>.golden; go test -update rewrites those.
func TestGolden(t *testing.T) {
	cases := []struct {
		name  string
		drive func(t *testing.T, s *screen)
	}{
		{"marked", func(t *testing.T, s *screen) {
			s.h.Send(areas.MarkedMsg{To: ID, Level: "neighborhood", Layer: "quartiers", IDs: []string{"2"}})
			s.enter(t)
		}},
		{"plan-second-turf", func(t *testing.T, s *screen) {
			s.enter(t)
			s.h.Press("tab", "p") // quartiers, then the plan
			s.h.Until("the plan", func() bool { return len(s.turfs) == 2 && !s.busy() })
			s.h.Press("]")
		}},
	}
	for _, c := range cases {
		s := newScreen(t, &fake{plans: []canvass.PlanSummary{{Name: "est", Turfs: 2}}}, colorprofile.ASCII)
		c.drive(t, s)
		tuitest.GoldenScreen(t, c.name, s)
	}
}
