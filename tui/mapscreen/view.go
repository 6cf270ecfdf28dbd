package mapscreen

import (
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
	s, p := m.common.Styles, m.common.P
	lines := []string{m.headerView(), m.planView()}
	switch {
	case !m.hasData && m.err != nil:
		lines = append(lines, s.Error.Render(m.problem()))
	case !m.hasData:
		lines = append(lines, m.spin.View()+" "+p.T("tui.map.reading"))
	case len(m.data.Points) == 0 && len(m.data.Areas) == 0:
		lines = append(lines, s.Subtle.Render(p.T("tui.map.empty")))
	default:
		lines = append(lines, m.view.View())
		var foot []string
		if m.busy() {
			foot = append(foot, m.spin.View()+" "+p.T("tui.map.status.reading"))
		}
		if m.err != nil {
			foot = append(foot, s.Error.Render(m.problem()))
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

// problem says what went wrong reading the map, a plan or the indicators.
func (m *Model) problem() string {
	return common.Problem(m.common.P, m.common.P.T("tui.map.problem.read"), m.err)
}

// headerView says which level and layer the map draws, what it holds, and what is marked.
func (m *Model) headerView() string {
	s, p := m.common.Styles, m.common.P
	parts := []string{s.Value.Bold(true).Render(canvass.LevelName(m.level).In(p))}
	if m.layer != "" {
		parts = append(parts, m.layer)
	}
	if m.hasData {
		parts = append(parts, p.T("tui.map.areas", "Count", len(m.data.Areas)), p.T("tui.map.addresses", "Count", len(m.data.Points)))
	}
	if n := len(m.marked); n > 0 {
		parts = append(parts, s.Selected.Render(p.T("tui.map.marked", "Count", n))+" "+p.T("tui.map.marked.dots"))
	}
	return strings.Join(parts, s.Subtle.Render(" · "))
}

// planView names the plan shown and the selected turf, or says how to show one.
func (m *Model) planView() string {
	s, p := m.common.Styles, m.common.P
	switch {
	case len(m.plans) == 0:
		return s.Subtle.Render(p.T("tui.map.plan.none"))
	case m.planIdx < 0:
		return s.Subtle.Render(p.T("tui.map.plan.hidden", "Count", len(m.plans)))
	case len(m.turfs) == 0:
		return p.T("tui.map.plan.name", "Name", m.plans[m.planIdx].Name) + s.Subtle.Render(" · "+p.T("tui.map.plan.noturf"))
	}
	t := m.plan.Turfs[m.turf]
	distances := "tui.map.distances.straight"
	if m.plan.Distances == canvass.NetworkDistances {
		distances = "tui.map.distances.network"
	}
	return p.T("tui.map.plan.name", "Name", s.Value.Bold(true).Render(m.plan.Name)) + " · " +
		p.T("tui.map.plan.turf", "Turf", s.Selected.Render(p.T("tui.map.plan.turf.word")), "ID", t.ID, "Turfs", len(m.turfs),
			"Doors", p.T("tui.map.doors", "Count", t.Doors), "Voters", p.T("tui.map.voters", "Count", t.Voters),
			"Km", p.Float(t.Metres/1000, 1), "Distances", p.T(distances), "Minutes", turf.WholeMinutes(t.Minutes))
}
