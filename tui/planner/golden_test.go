package planner

import (
	"testing"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/policy"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/internal/tuitest"
)

// TestGolden renders the main views in each language at the room the root leaves them in 80×24
// and 160×48 terminals (less the title bar, its blank line and a line of key help), and compares
// them with testdata/TestGolden/<case>-<terminal size>-<lang>.golden; go test -update rewrites
// those.
func TestGolden(t *testing.T) {
	cases := []struct {
		name  string
		fake  func() *fake // a fake of each language's own; nil: an empty one
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
		{"form-refused", func() *fake {
			return &fake{buildErr: policy.Refuse(1, "policy.rule.personal", "Rule", "age > 60", "Attribute", i18n.Msg("policy.attribute.age"),
				"Indicators", "voters, doors, abstention")}
		},
			func(t *testing.T, s *screen) {
				s.typeText("rues")
				s.goTo(t, fieldLevel)
				s.h.Press("right")
				s.waitFor(t, "[ban]")
				s.goTo(t, fieldRule)
				s.typeText("age > 60")
				s.h.Press("ctrl+s")
				s.h.Until("the refusal", func() bool { return s.err != nil })
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
		{"confirm-replace", func() *fake {
			return &fake{stored: []canvass.PlanSummary{{Name: "samedi", Level: "neighborhood", Rule: "all", Turfs: 16}}}
		},
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
				s.h.Until("the question", func() bool { return s.form.pending != nil })
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
		{"plans", func() *fake {
			return &fake{stored: []canvass.PlanSummary{
				{Name: "est", Level: "neighborhood", Rule: "all", Turfs: 16, Doors: 1632, Voters: 3770, CreatedAt: "2026-11-26T09:00:00Z"},
				{Name: "gare", Level: "neighborhood", Rule: "areas 2,3", Turfs: 11, Doors: 1109, Voters: 2501, CreatedAt: "2026-11-25T18:30:00Z"},
			}}
		}, func(t *testing.T, s *screen) {
			s.h.Press("ctrl+o")
			s.waitFor(t, "gare")
			s.h.Press("down", "d")
		}},
	}
	for _, c := range cases {
		tuitest.GoldenScreenLangs(t, c.name, func(t *testing.T, p *i18n.Printer) tuitest.Sized {
			var f *fake
			if c.fake != nil {
				f = c.fake()
			}
			s := newScreenIn(t, f, p)
			c.drive(t, s)
			s.h.Settle()
			return s
		})
	}
}
