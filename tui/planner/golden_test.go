package planner

import (
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// TestGolden renders the main views at the room the root leaves them in 80×24 and 160×48
// terminals (less the title bar, its blank line and a line of key help), and compares them with
// testdata/TestGolden/<case>-<terminal size>.golden; go test -update rewrites those.
func TestGolden(t *testing.T) {
	cases := []struct {
		name  string
		fake  *fake
		drive func(t *testing.T, s *screen)
	}{
		{"form", nil, func(t *testing.T, s *screen) {
			s.typeText("est-samedi")
			s.goTo(t, fieldLayer)
			s.h.Press("right")
			s.goTo(t, fieldRule)
			s.typeText("top 2 by abstention")
		}},
		{"form-by-id", nil, func(t *testing.T, s *screen) {
			s.typeText("gare")
			s.goTo(t, fieldLayer)
			s.h.Press("right")
			s.goTo(t, fieldBy)
			s.h.Press("right", "tab")
			s.typeText("2,3")
		}},
		{"form-refused", &fake{buildErr: &canvass.RefusedError{Reason: `the rule "abstention > 40%" would choose 2 area(s) of fewer than 10 voters (99501_0420, 99501_0440) by an indicator: so small a unit stands for its few residents, so its indicators are not used to target it. Choose a larger level, or name the areas with --areas`}},
			func(t *testing.T, s *screen) {
				s.typeText("rues")
				s.goTo(t, fieldLevel)
				s.h.Press("right")
				s.waitFor(t, "[ban]")
				s.goTo(t, fieldRule)
				s.typeText("abstention > 40%")
				s.h.Press("ctrl+s")
				s.waitFor(t, "Refused by the policy")
			}},
		{"result", nil, func(t *testing.T, s *screen) {
			s.build(t)
			s.h.Press("down", "tab", "down")
		}},
		{"result-assign", nil, func(t *testing.T, s *screen) {
			s.build(t)
			s.h.Press("a")
			s.typeText("Équipe Centre")
			s.h.Press("tab")
		}},
		{"result-outcome", nil, func(t *testing.T, s *screen) {
			s.build(t)
			s.h.Press("tab", "o")
			s.typeText("30")
			s.h.Press("tab")
			s.typeText("12")
		}},
		{"confirm-replace", &fake{stored: []canvass.PlanSummary{{Name: "samedi", Level: "neighborhood", Rule: "all", Turfs: 16}}},
			func(t *testing.T, s *screen) {
				s.h.Until("the stored plans read", func() bool { return s.list.read })
				s.typeText("samedi")
				s.goTo(t, fieldRule)
				s.typeText("top 3 by abstention")
				s.goTo(t, fieldSize)
				s.typeText("120")
				s.goTo(t, fieldMeasure)
				s.h.Press("right", "right") // minutes
				s.goTo(t, fieldStart)
				s.typeText("métro Mairie")
				s.h.Press("ctrl+s")
				s.waitFor(t, "y builds it")
			}},
		{"form-turfs", nil, func(t *testing.T, s *screen) {
			s.typeText("samedi")
			s.goTo(t, fieldSize)
			s.typeText("6")
			s.goTo(t, fieldMeasure)
			s.h.Press("left")
			s.goTo(t, fieldStart)
			s.typeText("46.8124, 2.5429")
		}},
		{"result-results", nil, func(t *testing.T, s *screen) {
			s.build(t)
			s.h.Press("i")
		}},
		{"plans", &fake{stored: []canvass.PlanSummary{
			{Name: "est", Level: "neighborhood", Rule: "all", Turfs: 16, Doors: 1632, Voters: 3770, CreatedAt: "2026-11-26T09:00:00Z"},
			{Name: "gare", Level: "neighborhood", Rule: "areas 2,3", Turfs: 11, Doors: 1109, Voters: 2501, CreatedAt: "2026-11-25T18:30:00Z"},
		}}, func(t *testing.T, s *screen) {
			s.h.Press("ctrl+o")
			s.waitFor(t, "gare")
			s.h.Press("down", "d")
		}},
	}
	for _, c := range cases {
		s := newScreen(t, c.fake)
		c.drive(t, s)
		s.h.Settle()
		tuitest.GoldenScreen(t, c.name, s)
	}
}
