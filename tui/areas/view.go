package areas

import (
	"fmt"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/safetext"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// levelNames are the levels as the screen names them, one area and several.
var levelNames = map[string][2]string{
	"constituency": {"constituency", "constituencies"},
	"neighborhood": {"neighborhood", "neighborhoods"},
	"street":       {"street", "streets"},
}

// View renders the levels, the table and the notes under it.
func (m *Model) View() string {
	w, h := m.common.Width, m.common.Height
	lines := []string{m.levelsView(), m.statusView()}
	switch {
	case m.busy && m.cache[canvass.Levels[m.level]] == nil:
		lines = append(lines, m.spin.View()+" Reading the "+levelNames[canvass.Levels[m.level]][1]+"…")
	case m.err != nil:
		lines = append(lines, m.common.Styles.Error.Render("✗ "+m.err.Error()))
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
		name := levelNames[l][1]
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
	s := m.common.Styles
	if m.typing {
		return m.filter.View()
	}
	level := canvass.Levels[m.level]
	if m.busy && m.cache[level] == nil {
		return s.Subtle.Render("reading…")
	}
	all := len(m.cache[level])
	parts := []string{common.Count(len(m.rows)) + " " + levelNames[level][min(1, max(0, len(m.rows)-1))]}
	if len(m.rows) == 0 {
		parts[0] = "no " + levelNames[level][1]
	}
	if oneLayer(m.rows) {
		parts[0] += " (" + safetext.Clean(m.rows[0].Layer) + ")"
	}
	if len(m.rows) != all && len(m.trail) == 0 {
		parts[0] += " of " + common.Count(all)
	}
	if len(m.trail) > 0 {
		c := m.trail[len(m.trail)-1]
		parts[0] += " in " + c.layer + " " + c.id
	}
	if m.sort >= 0 {
		dir := "ascending"
		if m.desc {
			dir = "descending"
		}
		parts = append(parts, fmt.Sprintf("sorted by %s, %s", columns[m.sort].title, dir))
	}
	if v := strings.TrimSpace(m.filter.Value()); v != "" {
		parts = append(parts, "filter: "+v)
	}
	return s.Subtle.Render(strings.Join(parts, " · "))
}

// notes are the lines under the table: the marks, what "—" means when it shows, the notice.
func (m *Model) notes() []string {
	s := m.common.Styles
	var out []string
	if n := len(m.marked.ids); n > 0 {
		doors, voters := 0, 0
		for _, a := range m.cache[m.marked.level] {
			if m.marked.has(a) {
				doors += a.Doors
				voters += a.Voters
			}
		}
		out = append(out, s.Good.Render("●")+fmt.Sprintf(" %s of %s marked for a plan: %s, %s · m shows them on the map",
			common.Plural(n, levelNames[m.marked.level][0]), m.marked.layer, common.Plural(doors, "door"), common.Plural(voters, "voter")))
	}
	if m.anyHidden() {
		k := "K"
		if m.k > 0 {
			k = fmt.Sprintf("K = %d", m.k)
		}
		out = append(out, s.Subtle.Render(fmt.Sprintf("%s hidden: fewer voters than the campaign's minimum (%s); the figure would describe people, not a place.", hiddenValue, k)))
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
	level := canvass.Levels[m.level]
	switch {
	case strings.TrimSpace(m.filter.Value()) != "":
		return "No " + levelNames[level][0] + " matches the filter: / changes it, esc in it clears it."
	case len(m.trail) > 0:
		return "No " + levelNames[level][0] + " inside: backspace goes back up."
	case level == "street":
		return "No streets yet: streets come from the BAN addresses, imported from the dashboard (i)."
	}
	return "No " + levelNames[level][1] + " yet: import a layer of them (GeoJSON) from the dashboard (i); tab shows another level."
}
