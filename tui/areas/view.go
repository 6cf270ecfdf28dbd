package areas

import (
	"strings"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/internal/safetext"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// levelIDs are the messages naming each level: its areas ("streets"), and a number of them
// ("3 streets").
var levelIDs = map[string][2]string{
	"constituency": {"tui.areas.level.constituency", "tui.areas.count.constituency"},
	"neighborhood": {"tui.areas.level.neighborhood", "tui.areas.count.neighborhood"},
	"street":       {"tui.areas.level.street", "tui.areas.count.street"},
}

// levelName names the areas of level, several of them.
func (m *Model) levelName(level string) string { return m.common.P.T(levelIDs[level][0]) }

// levelCount is n areas of level.
func (m *Model) levelCount(level string, n int) string {
	return m.common.P.T(levelIDs[level][1], "Count", n)
}

// View renders the levels, the table and the notes under it.
func (m *Model) View() string {
	w, h := m.common.Width, m.common.Height
	lines := []string{m.levelsView(), m.statusView()}
	switch {
	case m.busy && m.cache[canvass.Levels[m.level]] == nil:
		lines = append(lines, m.spin.View()+" "+m.common.P.T("tui.areas.reading", "Levels", m.levelName(canvass.Levels[m.level])))
	case m.err != nil:
		lines = append(lines, m.common.Styles.Error.Render(common.Problem(m.common.P, m.common.P.T("tui.areas.problem.read"), m.err)))
	case len(m.rows) == 0:
		lines = append(lines, m.common.Styles.Subtle.Render(m.emptyText()))
	default:
		lines = append(lines, m.table.View())
	}
	lines = append(lines, m.notes()...)
	return common.Fit(strings.Join(lines, "\n"), w, h)
}

// tableHeight is the room the table has: the screen less the levels, the status and the notes.
func (m *Model) tableHeight() int { return max(2, m.common.Height-2-len(m.notes())) }

// levelsView names the levels, the current one in brackets, then the way down to it.
func (m *Model) levelsView() string {
	s := m.common.Styles
	parts := make([]string, len(canvass.Levels))
	for i, l := range canvass.Levels {
		name := m.levelName(l)
		if i == m.level {
			parts[i] = s.Selected.Render("[" + name + "]")
		} else {
			parts[i] = s.Subtle.Render(" " + name + " ")
		}
	}
	out := strings.Join(parts, " ")
	for _, c := range m.trail {
		out += s.Subtle.Render(" › ") + c.layer + " " + c.id
		if c.name != "" && c.name != c.id {
			out += " " + c.name
		}
	}
	return out
}

// statusView counts the rows and says how they are sorted and filtered, or shows the filter
// being typed.
func (m *Model) statusView() string {
	s, p := m.common.Styles, m.common.P
	if m.typing {
		return m.filter.View()
	}
	level := canvass.Levels[m.level]
	if m.busy && m.cache[level] == nil {
		return s.Subtle.Render(p.T("tui.areas.status.reading"))
	}
	all := len(m.cache[level])
	parts := []string{m.levelCount(level, len(m.rows))}
	if oneLayer(m.rows) {
		parts[0] += " (" + safetext.Clean(m.rows[0].Layer) + ")"
	}
	if len(m.rows) != all && len(m.trail) == 0 {
		parts[0] += " " + p.T("tui.areas.status.of", "All", all)
	}
	if len(m.trail) > 0 {
		c := m.trail[len(m.trail)-1]
		parts[0] += " " + p.T("tui.areas.status.in", "Layer", c.layer, "ID", c.id)
	}
	if m.sort >= 0 {
		dir := "tui.areas.status.ascending"
		if m.desc {
			dir = "tui.areas.status.descending"
		}
		parts = append(parts, p.T(dir, "Column", m.cols[m.sort].title))
	}
	if v := strings.TrimSpace(m.filter.Value()); v != "" {
		parts = append(parts, p.T("tui.areas.status.filter", "Filter", v))
	}
	if st := stationLayers(p, m.rows); st != "" {
		parts = append(parts, st)
	}
	return s.Subtle.Render(strings.Join(parts, " · "))
}

// stationLayers says which of the rows are polling stations, a layer of their own whatever level
// their areas were imported at: "7 polling stations (bureaux-de-vote)". A station is an area the
// electoral list puts voters in by its code (Listed).
func stationLayers(p *i18n.Printer, rows []canvass.AreaStats) string {
	count := map[string]int{}
	var layers []string
	n := 0
	for _, a := range rows {
		if a.Listed == nil {
			continue
		}
		if count[a.Layer] == 0 {
			layers = append(layers, safetext.Clean(a.Layer))
		}
		count[a.Layer]++
		n++
	}
	if n == 0 {
		return ""
	}
	return p.T("tui.areas.stations", "Count", n, "Layers", strings.Join(layers, ", "))
}

// notes are the lines under the table: the marks, what "—" means when it shows, the notice.
func (m *Model) notes() []string {
	s, p := m.common.Styles, m.common.P
	var out []string
	if n := len(m.marked.ids); n > 0 {
		doors, voters := 0, 0
		for _, a := range m.cache[m.marked.level] {
			if m.marked.has(a) {
				doors += a.Doors
				voters += a.Voters
			}
		}
		out = append(out, s.Good.Render("●")+" "+p.T("tui.areas.marked", "Count", n, "Layer", m.marked.layer,
			"Doors", p.T("tui.areas.doors", "Count", doors), "Voters", p.T("tui.areas.voters", "Count", voters)))
	}
	if m.anyHidden() {
		k := "K"
		if m.k > 0 {
			k = "K = " + p.Int(int64(m.k))
		}
		out = append(out, s.Subtle.Render(p.T("tui.areas.hidden", "Hidden", hiddenValue, "K", k)))
	}
	if m.notice != "" {
		out = append(out, s.Warn.Render(m.notice))
	}
	if len(out) == 0 {
		return nil
	}
	for i, l := range out {
		out[i] = common.Wrap(l, m.common.Width, 2)
	}
	return strings.Split(strings.Join(out, "\n"), "\n") // one entry per line, for tableHeight
}

// anyHidden says whether a row shown has its indicators hidden.
func (m *Model) anyHidden() bool {
	for _, a := range m.rows {
		if a.Hidden {
			return true
		}
	}
	return false
}

// emptyText says why the level has no rows and what to do about it.
func (m *Model) emptyText() string {
	p, level := m.common.P, canvass.Levels[m.level]
	switch {
	case strings.TrimSpace(m.filter.Value()) != "":
		return p.T("tui.areas.empty.filter")
	case len(m.trail) > 0:
		return p.T("tui.areas.empty.inside")
	case level == "street":
		return p.T("tui.areas.empty.streets")
	}
	return p.T("tui.areas.empty.level", "Levels", m.levelName(level))
}
