package mapscreen

import (
	"fmt"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// chrome is the lines around the map: what it shows and the plan above, the scale under it.
const chrome = 3

// View renders what the map shows, the plan, the map and its scale.
func (m *Model) View() string {
	w, h := m.common.Width, m.common.Height
	s := m.common.Styles
	lines := []string{m.headerView(), m.planView()}
	switch {
	case !m.hasData && m.err != nil:
		lines = append(lines, s.Error.Render("✗ "+m.err.Error()))
	case !m.hasData:
		lines = append(lines, m.spin.View()+" Reading the map…")
	case len(m.data.Points) == 0 && len(m.data.Areas) == 0:
		lines = append(lines, s.Subtle.Render("Nothing to draw yet: import the BAN addresses and a layer of areas from the dashboard (i)."))
	default:
		lines = append(lines, m.view.View())
		var foot []string
		if m.busy() {
			foot = append(foot, m.spin.View()+" reading…")
		}
		if m.err != nil {
			foot = append(foot, s.Error.Render("✗ "+m.err.Error()))
		}
		switch {
		case m.pick.notice != "":
			foot = append(foot, s.Warn.Render(m.pick.notice))
		case indicators[m.ind] != "" && len(m.turfs) == 0:
			foot = append(foot, m.legend())
		default:
			foot = append(foot, s.Subtle.Render(m.view.Status()))
		}
		lines = append(lines, strings.Join(foot, "  "))
	}
	return common.Fit(strings.Join(lines, "\n"), w, h)
}

// headerView says which level and layer the map draws, what it holds, and what is marked.
func (m *Model) headerView() string {
	s := m.common.Styles
	parts := []string{s.Value.Bold(true).Render(m.level)}
	if m.layer != "" {
		parts = append(parts, m.layer)
	}
	if m.hasData {
		parts = append(parts, common.Plural(len(m.data.Areas), "area"), common.Count(len(m.data.Points))+" addresses")
	}
	if n := len(m.marked); n > 0 {
		parts = append(parts, s.Selected.Render(fmt.Sprintf("%d marked", n))+" (bold dots)")
	}
	return strings.Join(parts, s.Subtle.Render(" · "))
}

// planView names the plan shown and the selected turf, or says how to show one.
func (m *Model) planView() string {
	s := m.common.Styles
	switch {
	case len(m.plans) == 0:
		return s.Subtle.Render("No plan yet: the routes of a plan's turfs show here once one is built.")
	case m.planIdx < 0:
		return s.Subtle.Render(fmt.Sprintf("No plan shown: p shows %s.", choices(len(m.plans))))
	case len(m.turfs) == 0:
		return "Plan " + m.plans[m.planIdx].Name + s.Subtle.Render(" · no turf")
	}
	t := m.plan.Turfs[m.turf]
	return fmt.Sprintf("Plan %s · %s %d of %d: %s, %s, %.1f km %s, %d min", s.Value.Bold(true).Render(m.plan.Name),
		s.Selected.Render("turf"), t.ID, len(m.turfs), common.Plural(t.Doors, "door"), common.Plural(t.Voters, "voter"),
		t.Metres/1000, canvass.DistancesShort(m.plan.Distances), turf.WholeMinutes(t.Minutes))
}

func choices(n int) string {
	if n == 1 {
		return "the stored plan"
	}
	return fmt.Sprintf("the %d stored plans in turn", n)
}
