package planner

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/internal/safetext"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// labelWidth is the width of the form's labels, cursor included.
const labelWidth = 14

// ruleHintIDs show the rule language where the rule is typed (canvass.Rule documents it): its
// words are the rule's own, in either language.
var ruleHintIDs = []string{"tui.planner.hint.rule", "tui.planner.hint.indicators"}

// View renders the current step.
func (m *Model) View() string {
	p := m.common.P
	var s string
	switch m.step {
	case stepForm:
		s = m.formView()
	case stepWorking:
		s = m.spin.View() + " " + m.doing + "\n\n" +
			m.common.Styles.Subtle.Render(p.T("tui.planner.working"))
	case stepResult:
		s = m.resultView()
	case stepPlans:
		s = m.plansView()
	case stepPersonal:
		s = m.personalView()
	}
	return common.Fit(s, m.common.Width, m.common.Height)
}

// label is a form line's name, marked when its field has focus.
func (m *Model) label(name string, focused bool) string {
	return m.common.Styles.FieldLabel(name, labelWidth, focused)
}

// choices renders options with the chosen one in brackets, so that it shows without colour.
func (m *Model) choices(opts []string, chosen int, focused bool) string {
	return m.common.Styles.Choices(opts, chosen, focused, " ")
}

// hint is subtle text under a field, aligned with the values and wrapped there.
func (m *Model) hint(text string) string {
	return m.common.Styles.Hint(text, labelWidth, m.common.Width, 2)
}

func (m *Model) formView() string {
	s, f, p := m.common.Styles, &m.form, m.common.P
	if f.pending != nil {
		// The form cannot change while the question is asked: the question alone, in full.
		return m.pendingView()
	}
	var b strings.Builder
	intro := p.T("tui.planner.intro") + " " + s.Subtle.Render(p.T("tui.planner.intro.aggregates"))
	if f.personal() {
		intro = p.T("tui.planner.intro.personal")
	}
	b.WriteString(common.Wrap(intro, m.common.Width, 0) + "\n\n")
	for _, fl := range f.fields() {
		focused := f.focused() == fl
		switch fl {
		case fieldName:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.planner.label.name"), focused), f.name.View())
		case fieldKind:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.planner.label.kind"), focused), m.choices(words(p, kindIDs), f.kind, focused))
		case fieldLevel:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.planner.label.level"), focused), m.choices(m.levelNames(), f.lvl, focused))
		case fieldLayer:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.planner.label.layer"), focused), m.layerChoice(focused))
		case fieldBy:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.planner.label.by"), focused), m.choices(words(p, selectionIDs), f.by, focused))
		case fieldRule:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.planner.label.rule"), focused), f.rule.View())
			if focused && m.err == nil { // the room is the refusal's, once there is one
				for _, h := range ruleHintIDs {
					b.WriteString(m.hint(p.T(h)) + "\n")
				}
			}
		case fieldAreas:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.planner.label.areas"), focused), f.areas.View())
			b.WriteString(m.hint(m.areaIDs()) + "\n")
		case fieldSize:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.planner.label.size"), focused), f.size.View())
		case fieldMeasure:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.planner.label.measure"), focused), m.choices(m.measureNames(), f.measure, focused))
			if focused || measures[f.measure] == countMeasure {
				b.WriteString(m.hint(p.T(measureHintIDs[measures[f.measure]])) + "\n")
			}
		case fieldStart:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.planner.label.start"), focused), f.start.View())
			if focused {
				b.WriteString(m.hint(p.T("tui.planner.hint.start")) + "\n")
			}
		case fieldPeople:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.planner.label.people"), focused), f.people.View())
		case fieldDay:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.planner.label.day"), focused), f.day.View())
		case fieldOut:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.planner.label.out"), focused), f.out.View())
		case fieldBuild:
			button := p.T("tui.planner.button.build")
			if f.personal() {
				button = p.T("tui.planner.button.personal")
			}
			if focused {
				button = s.Selected.Render("▸ " + button)
			} else {
				button = "  " + button
			}
			b.WriteString("\n" + strings.Repeat(" ", labelWidth-2) + button + "\n")
		}
	}
	b.WriteString("\n" + m.errView() + m.noticeView())
	return b.String()
}

// layerChoice is the layers of the level chosen, or why there are none to choose.
func (m *Model) layerChoice(focused bool) string {
	f, s, p := &m.form, m.common.Styles, m.common.P
	level := canvass.LevelName(f.level()).In(p)
	switch {
	case f.read != f.level():
		return s.Subtle.Render(p.T("tui.planner.layers.reading", "Level", level))
	case f.readErr != nil:
		return s.Error.Render("✗ ") + problemText(p, "tui.planner.problem.layers", f.readErr)
	case len(f.layers) == 0:
		return s.Warn.Render("! " + p.T("tui.planner.layers.none", "Level", level))
	}
	names := make([]string, len(f.layers))
	for i, l := range f.layers {
		names[i] = l.name
	}
	return m.choices(names, f.layer, focused)
}

// areaIDs lists the ids of the layer's areas with their names, as a hint for typing them.
func (m *Model) areaIDs() string {
	f, p := &m.form, m.common.P
	if f.read != f.level() || f.layer >= len(f.layers) {
		return p.T("tui.planner.hint.ids")
	}
	areas := f.layers[f.layer].areas
	room := m.common.Width - labelWidth
	named := make([]string, len(areas))
	ids := make([]string, len(areas))
	for i, a := range areas {
		ids[i], named[i] = safetext.Clean(a.ID), safetext.Clean(a.ID)
		if a.Name != "" && a.Name != a.ID {
			named[i] += " " + safetext.Clean(a.Name)
		}
	}
	// Names help while they fit on the line; past that the ids alone, as many as fit.
	if hint := p.T("tui.planner.hint.idlist", "IDs", strings.Join(named, " · ")); ansi.StringWidth(hint) <= room {
		return hint
	}
	hint := p.T("tui.planner.hint.idlist", "IDs", strings.Join(ids, ", "))
	if ansi.StringWidth(hint) <= room {
		return hint
	}
	more := p.T("tui.planner.hint.more", "Count", len(ids))
	return ansi.Truncate(hint, max(0, room-ansi.StringWidth(more)), "") + more
}

// errView shows the last failure with its reason: a policy refusal first and in full, since the
// organizer has to understand it to choose differently.
func (m *Model) errView() string {
	if m.err == nil {
		return ""
	}
	s, w, p := m.common.Styles, m.common.Width, m.common.P
	var refused *canvass.RefusedError
	var usage *canvass.UsageError
	var b strings.Builder
	switch {
	case errors.As(m.err, &refused):
		reason, rule := refusal(p, refused)
		b.WriteString(common.Wrap(s.Error.Render(p.T("tui.planner.refused", "Rule", rule)), w, 2) + "\n")
		b.WriteString(common.Wrap(reason, w, 0) + "\n")
	case errors.As(m.err, &usage):
		b.WriteString(s.Error.Render(p.T("tui.planner.usage")) + "\n")
		for _, problem := range usage.Problems {
			b.WriteString(common.Wrap("  • "+reword(p, problem.In(p)), w, 4) + "\n")
		}
	default:
		b.WriteString(common.Wrap(s.Error.Render(p.T("tui.planner.failed"))+problemText(p, "", m.err), w, 4) + "\n")
	}
	return b.String()
}

func (m *Model) noticeView() string {
	if m.notice == "" {
		return ""
	}
	return common.Wrap(m.common.Styles.Warn.Render(m.notice), m.common.Width, 0)
}

// column is a table column: a title, a width, and right alignment for numbers.
type column struct {
	title string
	width int
	right bool
}

// row lays cells out in columns, cutting what is too long with an ellipsis.
func row(cols []column, cells ...string) string {
	parts := make([]string, 0, len(cols))
	for i, c := range cols {
		if c.width == 0 {
			continue // a column hidden
		}
		v := cells[i]
		if i > 0 { // the first cell is the cursor, styled here; the others may hold imported names
			v = safetext.Clean(v)
		}
		v = ansi.Truncate(v, c.width, "…")
		pad := strings.Repeat(" ", max(0, c.width-ansi.StringWidth(v)))
		if c.right {
			parts = append(parts, pad+v)
		} else {
			parts = append(parts, v+pad)
		}
	}
	return strings.TrimRight(strings.Join(parts, " "), " ")
}

// header is the columns' titles.
func header(cols []column) string {
	titles := make([]string, len(cols))
	for i, c := range cols {
		titles[i] = c.title
	}
	return row(cols, titles...)
}

// window moves *top so that cursor shows among rows lines of a list of n, and returns the range.
func window(top *int, cursor, rows, n int) (int, int) {
	rows = max(1, rows)
	if cursor < *top {
		*top = cursor
	}
	if cursor >= *top+rows {
		*top = cursor - rows + 1
	}
	*top = max(0, min(*top, n-rows))
	return *top, min(n, *top+rows)
}

// marker is a row's cursor: bold in the list the arrows move, faint in the other.
func (m *Model) marker(selected, focused bool) string {
	switch {
	case selected && focused:
		return m.common.Styles.Selected.Render("▸")
	case selected:
		return "›"
	}
	return " "
}

// The result's fixed lines under the plan's heading: three blank lines, two list headings and
// their column headers, and the notice.
const resultChrome = 8

func (m *Model) resultView() string {
	s, r, w, pr := m.common.Styles, &m.result, m.common.Width, m.common.P
	p := r.plan
	var b strings.Builder
	doors, voters := 0, 0
	for _, t := range p.Turfs {
		doors += t.Doors
		voters += t.Voters
	}
	mt := p.Metrics
	distances := pr.T("tui.planner.distances.straight")
	if p.Distances == canvass.NetworkDistances {
		distances = pr.T("tui.planner.distances.network")
	}
	head := common.Wrap(pr.T("tui.planner.result.head", "Name", s.Value.Bold(true).Render(p.Name), "Selection", areaSummary(pr, p), "Size", sizeText(pr, p)), w, 2) +
		"\n" + pr.T("tui.planner.result.totals", "Turfs", pr.T("tui.planner.turfs", "Count", len(p.Turfs)),
		"Doors", pr.T("tui.planner.size.doors", "Count", doors), "Voters", pr.T("tui.planner.size.voters", "Count", voters), "Distances", distances) + "\n" +
		common.Wrap(s.Subtle.Render(pr.T("tui.planner.balance", "CV", pr.Percent(mt.CV, 1), "Deviation", pr.Percent(mt.MaxDeviation, 1),
			"PerDoor", pr.Float(mt.MetresPerDoor, 1), "Split", mt.StreetsSplit, "Streets", mt.Streets)), w, 2)
	if p.Note != "" { // what the rule left out, and why: the organizer reads it with the plan
		head += "\n" + common.Wrap(s.Warn.Render(pr.T("tui.planner.note", "Note", reword(pr, p.NoteMessage().In(pr)))), w, 2)
	}
	b.WriteString(head + "\n\n")

	bottom := m.bottomView()
	avail := max(2, m.common.Height-lineCount(head)-resultChrome-max(0, lineCount(bottom)-1))
	tRows := min(len(p.Turfs), max(1, (avail+1)/2))
	sRows := max(1, avail-tRows)

	// Names get the room a wide terminal has to spare, up to the longest of them.
	longestArea, longestStreet := 4, 6
	for _, t := range p.Turfs {
		longestArea = max(longestArea, ansi.StringWidth(m.areaName(t.Area)))
		for _, st := range t.Stops {
			longestStreet = max(longestStreet, ansi.StringWidth(st.Street))
		}
	}
	area, street := min(max(w-70, 10), longestArea), min(max(w-50, 30), longestStreet)
	tcols := []column{{"", 1, false}, {pr.T("tui.planner.col.turf"), 4, true}, {pr.T("tui.planner.col.area"), area, false},
		{pr.T("tui.planner.col.doors"), 6, true}, {pr.T("tui.planner.col.voters"), 6, true}, {pr.T("tui.planner.col.metres"), 6, true},
		{pr.T("tui.planner.col.minutes"), 4, true}, {pr.T("tui.planner.col.streets"), 7, true}, {pr.T("tui.planner.col.who"), max(8, w-area-42), false}}
	if !hasAreas(p) {
		tcols[2].width = 0 // a stored plan read back, or a plan of streets: no area to name
		tcols[8].width += area + 1
	}
	b.WriteString(m.heading(pr.T("tui.planner.heading.turfs"), r.pane == paneTurfs) + "\n")
	b.WriteString(s.Subtle.Render(header(tcols)) + "\n")
	if len(p.Turfs) == 0 {
		b.WriteString(s.Subtle.Render("  "+pr.T("tui.planner.noturf")) + "\n")
	}
	from, to := window(&r.top[paneTurfs], r.turf, tRows, len(p.Turfs))
	for i := from; i < to; i++ {
		t := p.Turfs[i]
		b.WriteString(row(tcols, m.marker(i == r.turf, r.pane == paneTurfs), fmt.Sprint(t.ID), m.areaName(t.Area), count(pr, t.Doors),
			count(pr, t.Voters), count(pr, int(math.Round(t.Metres))), count(pr, turf.WholeMinutes(t.Minutes)),
			count(pr, streets(t)), who(pr, t)) + "\n")
	}
	b.WriteString("\n")

	scols := []column{{"", 1, false}, {pr.T("tui.planner.col.stop"), 4, true}, {pr.T("tui.planner.col.street"), street, false},
		{pr.T("tui.planner.col.side"), m.sideWidth(), false}, {pr.T("tui.planner.col.numbers"), 13, false},
		{pr.T("tui.planner.col.doors"), 6, true}, {pr.T("tui.planner.col.voters"), 6, true}}
	if t := r.selected(); t != nil {
		b.WriteString(m.heading(pr.T("tui.planner.heading.streets", "Turf", t.ID), r.pane == paneStreets) + "\n")
		b.WriteString(s.Subtle.Render(header(scols)) + "\n")
		from, to := window(&r.top[paneStreets], r.stop, sRows, len(t.Stops))
		for i := from; i < to; i++ {
			st := t.Stops[i]
			numbers := numberSpan(st)
			b.WriteString(row(scols, m.marker(i == r.stop, r.pane == paneStreets), fmt.Sprint(i+1), st.Street, named(pr, sideIDs, string(st.Side)),
				numbers, count(pr, st.Doors), count(pr, st.Voters)) + "\n")
		}
		for i := to - from; i < sRows; i++ {
			b.WriteString("\n") // the dialog and notice stay at the bottom
		}
	}
	b.WriteString("\n" + bottom)
	return b.String()
}

// hasAreas reports whether the plan's turfs say which area each is in.
func hasAreas(p canvass.Plan) bool {
	for _, t := range p.Turfs {
		if t.Area != "" {
			return true
		}
	}
	return false
}

// areaName is an area's id with its name, when the form read the plan's layer.
func (m *Model) areaName(id string) string {
	f, p := &m.form, &m.result.plan
	if id == "" || f.read != p.Level {
		return id
	}
	for _, l := range f.layers {
		if l.name != p.Layer {
			continue
		}
		for _, a := range l.areas {
			if a.ID == id && a.Name != "" && a.Name != id {
				return id + " " + a.Name
			}
		}
	}
	return id
}

// lineCount counts a block's lines.
func lineCount(s string) int { return strings.Count(s, "\n") + 1 }

// heading is a list's title, marked when the arrows move in it.
func (m *Model) heading(title string, focused bool) string {
	if focused {
		return m.common.Styles.Selected.Render(title)
	}
	return m.common.Styles.Heading.Render(title)
}

// bottomView is the dialog when one is open, or the notice.
func (m *Model) bottomView() string {
	if m.results != nil {
		return m.resultsView()
	}
	d := m.result.dialog
	if d == nil {
		return m.noticeView()
	}
	s, p := m.common.Styles, m.common.P
	r := &m.result
	t := r.selected()
	title := p.T("tui.planner.assign.title", "Turf", t.ID, "Doors", p.T("tui.planner.size.doors", "Count", t.Doors))
	if d.kind == dialogOutcome {
		st := r.selectedStop()
		title = safetext.Clean(p.T("tui.planner.outcome.title", "Street", st.Street, "Side", named(p, sideLongIDs, string(st.Side)),
			"Numbers", numberSpan(*st), "Doors", p.T("tui.planner.size.doors", "Count", st.Doors), "Turf", t.ID))
	}
	var b strings.Builder
	b.WriteString(s.Heading.Render(title) + "\n")
	if d.before != "" {
		b.WriteString(s.Subtle.Render(d.before) + "\n")
	}
	for i, in := range d.inputs {
		fmt.Fprintf(&b, "%s%s\n", m.label(d.labels[i], i == d.focus), in.View())
	}
	switch {
	case d.saving:
		b.WriteString(s.Subtle.Render(p.T("tui.planner.saving")))
	case d.problem != "":
		b.WriteString(s.Error.Render("✗ ") + d.problem)
	}
	return b.String()
}

func (m *Model) plansView() string {
	s, l, p := m.common.Styles, &m.list, m.common.P
	var b strings.Builder
	b.WriteString(s.Heading.Render(p.T("tui.planner.plans.title")) + "\n")
	switch {
	case !l.read && m.err == nil:
		b.WriteString(s.Subtle.Render(p.T("tui.planner.plans.reading")) + "\n")
	case l.read && len(l.plans) == 0:
		b.WriteString(p.T("tui.planner.plans.none") + "\n")
	case len(l.plans) > 0:
		cols := []column{{"", 1, false}, {p.T("tui.planner.col.name"), 14, false}, {p.T("tui.planner.col.level"), 15, false},
			{p.T("tui.planner.col.rule"), min(60, max(10, m.common.Width-70)), false}, {p.T("tui.planner.col.turfs"), 8, true},
			{p.T("tui.planner.col.doors"), 7, true}, {p.T("tui.planner.col.voters"), 7, true}, {p.T("tui.planner.col.created"), 10, false}}
		b.WriteString(s.Subtle.Render(header(cols)) + "\n")
		from, to := window(&l.top, l.cursor, m.common.Height-5, len(l.plans))
		for i := from; i < to; i++ {
			pl := l.plans[i]
			b.WriteString(row(cols, m.marker(i == l.cursor, true), pl.Name, canvass.LevelName(pl.Level).In(p), pl.Rule, count(p, pl.Turfs),
				count(p, pl.Doors), count(p, pl.Voters), shortDay(p, dateOf(pl.CreatedAt))) + "\n")
		}
	}
	b.WriteString("\n")
	if c := l.confirm; c != nil {
		q := p.T("tui.planner.plans.delete", "Name", c.name)
		if c.rerun {
			q = p.T("tui.planner.plans.rerun", "Name", c.name)
		}
		b.WriteString(common.Wrap(s.Warn.Render(q), m.common.Width, 0) + "\n")
	}
	b.WriteString(m.errView() + m.noticeView())
	return b.String()
}

// numberSpan writes the lowest and highest numbers of a stop, "2–33": a range that holds every
// number walked, whatever their order.
func numberSpan(st canvass.Stop) string {
	numbers := make([]string, len(st.Numbers))
	for i, d := range st.Numbers {
		numbers[i] = d.Number
	}
	lo, hi := export.Span(numbers)
	if lo == "" {
		lo, hi = st.From, st.To
	}
	if lo == hi {
		return lo
	}
	return lo + "–" + hi
}

// dateOf is the day of an RFC 3339 time.
func dateOf(t string) string {
	if len(t) >= 10 {
		return t[:10]
	}
	return t
}

// count is a number of a table's cell, grouped as p writes numbers.
func count(p *i18n.Printer, n int) string { return p.Int(int64(n)) }

// levelNames are the levels offered, in the printer's language.
func (m *Model) levelNames() []string {
	names := make([]string, len(canvass.Levels))
	for i, l := range canvass.Levels {
		names[i] = canvass.LevelName(l).In(m.common.P)
	}
	return names
}

// measureNames are the turf measures offered, in the printer's language.
func (m *Model) measureNames() []string {
	names := make([]string, len(measures))
	for i, x := range measures {
		names[i] = m.common.P.T(measureIDs[x])
	}
	return names
}

// sideWidth is the width of the streets' side column: the longest of the sides' names.
func (m *Model) sideWidth() int {
	width := 5
	for _, id := range sideIDs {
		width = max(width, ansi.StringWidth(m.common.P.T(id)))
	}
	return width
}
