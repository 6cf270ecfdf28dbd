package mapscreen

import (
	"testing"

	"github.com/charmbracelet/colorprofile"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/areas"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// TestGolden renders the map of the invented town, in each language, in the room the root leaves
// it in a terminal of 80×24 (and 160×48 in English), the title bar and a line of key help taken,
// and compares it with testdata/TestGolden/<case>-<terminal size>-<lang>.golden; go test -update
// rewrites those.
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
		{"abstention-none", func(t *testing.T, s *screen) {
			s.enter(t)
			s.h.Press("v") // the polling stations, which have no results here
			s.h.Until("the indicator", func() bool { return s.statsLevel == s.level })
		}},
		{"abstention-legend", func(t *testing.T, s *screen) {
			s.enter(t)
			s.h.Press("tab") // quartiers, which have results
			s.h.Until("the quartiers", func() bool { return s.layer == "quartiers" && !s.busy() })
			s.h.Press("v")
			s.h.Until("the indicator", func() bool { return s.statsLevel == s.level })
		}},
		{"pick-question", func(t *testing.T, s *screen) {
			s.enter(t)
			s.h.Press("x", "d")
			s.h.Until("the question", func() bool { return s.pick.door != nil })
		}},
	}
	for _, c := range cases {
		tuitest.GoldenScreenLangs(t, c.name, func(t *testing.T, p *i18n.Printer) tuitest.Sized {
			s := newScreenLang(t, &fake{plans: []canvass.PlanSummary{{Name: "est", Turfs: 2}}}, colorprofile.ASCII, p)
			c.drive(t, s)
			return s
		})
	}
}
