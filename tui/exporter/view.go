package exporter

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/canvass/export"
	"github.com/campagne-fr/porteaporte/canvass/turf"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/internal/safetext"
	"github.com/campagne-fr/porteaporte/tui/common"
)

const (
	// labelWidth is the room for a part's name in front of its value.
	labelWidth = 11
	// optionsChrome counts the options' lines other than the turfs: the plan, a blank, the turfs'
	// heading, the formats, the folder, a blank, the notice's mention and the notice line.
	optionsChrome = 8
	// plansChrome counts the plans' lines other than the list: heading, blank, columns, blank, notice.
	plansChrome = 5
	// doneChrome counts the lines around the files written: outcome, notice's mention, a blank, the position.
	doneChrome = 4
)

// View renders the current step.
func (m *Model) View() string {
	switch m.step {
	case stepOptions:
		return m.optionsView()
	case stepWriting:
		s := m.common.Styles
		return m.spin.View() + " " + m.doing + "\n\n" + s.Subtle.Render(m.common.P.T("tui.exporter.included")) + "\n" + m.noticeView()
	case stepDone:
		return m.doneView()
	}
	return m.plansView()
}

func (m *Model) plansView() string {
	s, pr := m.common.Styles, m.common.P
	var b strings.Builder
	b.WriteString(s.Heading.Render(pr.T("tui.exporter.plans.title")) + "\n\n")
	switch {
	case m.loading:
		b.WriteString(s.Subtle.Render(pr.T("tui.exporter.plans.reading")) + "\n")
	case m.loadErr != nil:
		b.WriteString(s.Error.Render(common.Problem(pr, pr.T("tui.exporter.problem.plans"), m.loadErr)) + "\n")
	case len(m.plans) == 0:
		b.WriteString(common.Wrap(pr.T("tui.exporter.plans.none"), m.common.Width, 0) + "\n")
	default:
		// Each column as wide as its heading in the printer's language, the levels' as the longest shown.
		level := runes(pr.T("tui.exporter.col.level"))
		for _, p := range m.plans {
			level = max(level, runes(m.level(p.Level)))
		}
		w := []int{20, level, max(6, runes(pr.T("tui.exporter.col.turfs"))), max(7, runes(pr.T("tui.exporter.col.doors"))),
			max(7, runes(pr.T("tui.exporter.col.voters")))}
		format := fmt.Sprintf("%%-%ds %%-%ds %%%ds %%%ds %%%ds  %%s", w[0], w[1], w[2], w[3], w[4])
		b.WriteString(s.Label.Render("  "+fmt.Sprintf(format, pr.T("tui.exporter.col.plan"), pr.T("tui.exporter.col.level"),
			pr.T("tui.exporter.col.turfs"), pr.T("tui.exporter.col.doors"), pr.T("tui.exporter.col.voters"), pr.T("tui.exporter.col.created"))) + "\n")
		from, to := window(m.cursor, len(m.plans), max(1, m.common.Height-plansChrome))
		for i := from; i < to; i++ {
			p := m.plans[i]
			line := safetext.Clean(fmt.Sprintf(format, p.Name, m.level(p.Level), pr.Int(int64(p.Turfs)), pr.Int(int64(p.Doors)),
				pr.Int(int64(p.Voters)), created(pr, p.CreatedAt)))
			if i == m.cursor {
				b.WriteString(s.Selected.Render("› "+line) + "\n")
			} else {
				b.WriteString("  " + line + "\n")
			}
		}
	}
	if m.doing != "" {
		b.WriteString("\n" + m.spin.View() + " " + m.doing)
	} else {
		b.WriteString("\n" + m.noticeView())
	}
	return b.String()
}

func (m *Model) optionsView() string {
	s, pr := m.common.Styles, m.common.P
	p := m.plan
	var doors, voters int
	for _, t := range p.Turfs {
		doors += t.Doors
		voters += t.Voters
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s · %s · %s · %s · %s\n\n", s.Label.Render(pr.T("tui.exporter.label.plan")), s.Value.Bold(true).Render(safetext.Clean(p.Name)),
		m.level(p.Level), pr.T("tui.exporter.turfs", "Count", len(p.Turfs)), pr.T("tui.exporter.doors", "Count", doors),
		pr.T("tui.exporter.voters", "Count", voters))

	n := 0
	for _, c := range m.chosen {
		if c {
			n++
		}
	}
	chosen := pr.T("tui.exporter.chosen", "Count", n, "Total", len(m.chosen))
	if n == len(m.chosen) {
		chosen += pr.T("tui.exporter.chosen.all")
	}
	notice := m.noticeView()
	rows := max(1, m.common.Height-optionsChrome+1-strings.Count(notice, "\n")-1) // a long problem wraps
	hint := ""
	if m.focus == secFormats { // the format's hint, on as many lines as it takes
		hint = common.Wrap(formatHint(pr, formats[m.format]), max(1, m.common.Width-labelWidth), 0)
		rows = max(1, rows-1-strings.Count(hint, "\n"))
	}
	from, to := window(m.turf, len(p.Turfs), rows)
	if to-from < len(p.Turfs) {
		chosen += s.Subtle.Render(pr.T("tui.exporter.showing", "From", from+1, "To", to))
	}
	b.WriteString(m.label(pr.T("tui.exporter.label.turfs"), secTurfs) + chosen + "\n")
	// A plan read back from the file may name no area for its turfs: no empty column then.
	areas := slices.ContainsFunc(p.Turfs, func(t canvass.Turf) bool { return t.Area != "" })
	areaWidth := 4 // the longest area's, as far as the window leaves room
	for _, t := range p.Turfs {
		areaWidth = max(areaWidth, len([]rune(t.Area)))
	}
	areaWidth = min(areaWidth, max(20, m.common.Width-62))
	for i := from; i < to; i++ {
		t := p.Turfs[i]
		line := fmt.Sprintf("%s %3d  ", box(m.chosen[i]), t.ID)
		if areas {
			line += fmt.Sprintf("%-*s ", areaWidth, cut(t.Area, areaWidth))
		}
		line += pr.T("tui.exporter.turf", "Doors", fmt.Sprintf("%5s", pr.Int(int64(t.Doors))), "Voters", fmt.Sprintf("%6s", pr.Int(int64(t.Voters))),
			"Minutes", fmt.Sprintf("%3s", pr.Int(int64(turf.WholeMinutes(t.Minutes)))))
		if t.Volunteer != "" || t.Date != "" {
			line += "  " + safetext.Clean(strings.TrimSpace(t.Volunteer+" "+day(pr, t.Date)))
		}
		switch {
		case m.focus == secTurfs && i == m.turf:
			b.WriteString("  " + s.Selected.Render("› "+line) + "\n")
		default:
			b.WriteString("    " + line + "\n")
		}
	}

	var items []string
	for i, f := range formats {
		item := box(m.formats[i]) + " " + f
		if m.focus == secFormats && i == m.format {
			item = s.Selected.Render("›" + item)
		} else {
			item = " " + item
		}
		items = append(items, item)
	}
	b.WriteString(m.label(pr.T("tui.exporter.label.formats"), secFormats) + strings.Join(items, " ") + "\n")
	for l := range strings.Lines(hint) {
		b.WriteString(strings.Repeat(" ", labelWidth) + s.Subtle.Render(strings.TrimSuffix(l, "\n")) + "\n")
	}
	b.WriteString(m.label(pr.T("tui.exporter.label.folder"), secFolder) + m.folder.View() + "\n\n")
	b.WriteString(s.Subtle.Render(pr.T("tui.exporter.included.leaflet")) + "\n")
	b.WriteString(notice)
	return b.String()
}

// formatHint says what a format is for, in p's language.
func formatHint(p *i18n.Printer, f string) string {
	switch f {
	case export.Field:
		return p.T("tui.exporter.format.field")
	case export.Day:
		return p.T("tui.exporter.format.day")
	}
	return p.T("tui.exporter.format.list", "Format", f)
}

// level is a plan's level in the printer's language.
func (m *Model) level(l string) string { return canvass.LevelName(l).In(m.common.P) }

// runes is the number of columns s takes in a table, one a letter.
func runes(s string) int { return len([]rune(s)) }

// label is a part's name, marked when the part has focus: the mark, not a colour, says which.
func (m *Model) label(name string, sec section) string {
	return m.common.Styles.FieldLabel(name, labelWidth, m.focus == sec)
}

func (m *Model) doneView() string {
	s, pr := m.common.Styles, m.common.P
	head := s.Good.Render(pr.T("tui.exporter.wrote", "Count", len(m.paths))) + " " + pr.T("tui.exporter.into", "Dir", m.dir)
	about := pr.T("tui.exporter.included")
	if m.leaflet {
		head = s.Good.Render(pr.T("tui.exporter.wrote.leaflet")) + " " + pr.T("tui.exporter.into", "Dir", m.dir)
		about = pr.T("tui.exporter.leaflet.about")
	}
	pos := ""
	if total := m.files.TotalLineCount(); total > m.files.Height() && m.files.Height() > 0 {
		first := m.files.YOffset() + 1
		last := min(total, m.files.YOffset()+m.files.Height())
		pos = s.Subtle.Render(pr.T("tui.exporter.position", "From", first, "To", last, "Total", total))
	}
	return head + "\n" + s.Subtle.Render(about) + "\n\n" + m.files.View() + "\n" + pos
}

// filesText lists the files written by name, under the folder the heading gives.
func (m *Model) filesText() string {
	var b strings.Builder
	for _, p := range m.paths {
		b.WriteString("  " + filepath.Base(p) + "\n")
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// noticeView is the notice line: a problem in the error style.
func (m *Model) noticeView() string {
	s := m.common.Styles
	if strings.HasPrefix(m.notice, "✗") {
		return s.Error.Render(common.Wrap(m.notice, m.common.Width, 2))
	}
	return s.Warn.Render(m.notice)
}

// box is a check box: [x] chosen, [ ] left out.
func box(on bool) string {
	if on {
		return "[x]"
	}
	return "[ ]"
}

// cut shortens s to n runes with an ellipsis, so that the columns after it stay in place.
func cut(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// window is the range of n rows to show in room lines so that the cursor is in it.
func window(cursor, n, room int) (from, to int) {
	if n <= room {
		return 0, n
	}
	from = min(max(0, cursor-room/2), n-room)
	return from, from + room
}

// created writes when a plan was built to the minute, in UTC as the audit trail does: the day
// first in French (26/11/2026 10:02).
func created(p *i18n.Printer, at string) string {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return at
	}
	if p.Lang() == i18n.French {
		return t.UTC().Format("02/01/2006 15:04")
	}
	return t.UTC().Format("2006-01-02 15:04")
}

// day writes a turf's day (YYYY-MM-DD) short, the day first in French (05/12/2026).
func day(p *i18n.Printer, d string) string {
	t, err := time.Parse(time.DateOnly, d)
	if err != nil || p.Lang() != i18n.French {
		return d
	}
	return t.Format("02/01/2006")
}
