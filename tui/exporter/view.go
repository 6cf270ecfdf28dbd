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

// includedNotice is said wherever files are written, so the organizer knows the voters are informed.
const includedNotice = "The information notice is included in every file."

// View renders the current step.
func (m *Model) View() string {
	switch m.step {
	case stepOptions:
		return m.optionsView()
	case stepWriting:
		s := m.common.Styles
		return m.spin.View() + " " + m.doing + "\n\n" + s.Subtle.Render(includedNotice) + "\n" + m.noticeView()
	case stepDone:
		return m.doneView()
	}
	return m.plansView()
}

func (m *Model) plansView() string {
	s := m.common.Styles
	var b strings.Builder
	b.WriteString(s.Heading.Render("Choose a plan to export") + "\n\n")
	switch {
	case m.loading:
		b.WriteString(s.Subtle.Render("Reading the plans…") + "\n")
	case m.loadErr != nil:
		b.WriteString(s.Error.Render(common.Problem(m.common.P, "Cannot read the plans", m.loadErr)) + "\n")
	case len(m.plans) == 0:
		b.WriteString(common.Wrap("No plan stored yet: build one in the Plan builder (p on the dashboard), then come back here.", m.common.Width, 0) + "\n")
	default:
		b.WriteString(s.Label.Render(fmt.Sprintf("  %-20s %-13s %6s %7s %7s  %s", "PLAN", "LEVEL", "TURFS", "DOORS", "VOTERS", "CREATED (UTC)")) + "\n")
		from, to := window(m.cursor, len(m.plans), max(1, m.common.Height-plansChrome))
		for i := from; i < to; i++ {
			p := m.plans[i]
			line := safetext.Clean(fmt.Sprintf("%-20s %-13s %6d %7s %7s  %s", p.Name, p.Level, p.Turfs, common.Count(p.Doors), common.Count(p.Voters), created(p.CreatedAt)))
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
	s := m.common.Styles
	p := m.plan
	var doors, voters int
	for _, t := range p.Turfs {
		doors += t.Doors
		voters += t.Voters
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s · %s · %s · %s · %s\n\n", s.Label.Render("Plan"), s.Value.Bold(true).Render(safetext.Clean(p.Name)), p.Level,
		common.Plural(len(p.Turfs), "turf"), common.Plural(doors, "door"), common.Plural(voters, "voter"))

	n := 0
	for _, c := range m.chosen {
		if c {
			n++
		}
	}
	chosen := fmt.Sprintf("%d of %d chosen", n, len(m.chosen))
	if n == len(m.chosen) {
		chosen += " (all)"
	}
	notice := m.noticeView()
	rows := max(1, m.common.Height-optionsChrome+1-strings.Count(notice, "\n")-1) // a long problem wraps
	if m.focus == secFormats {
		rows = max(1, rows-1) // the format's hint
	}
	from, to := window(m.turf, len(p.Turfs), rows)
	if to-from < len(p.Turfs) {
		chosen += s.Subtle.Render(fmt.Sprintf(" · showing %d–%d", from+1, to))
	}
	b.WriteString(m.label("Turfs", secTurfs) + chosen + "\n")
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
		line += fmt.Sprintf("%5s doors %6s voters %3d min", common.Count(t.Doors), common.Count(t.Voters), turf.WholeMinutes(t.Minutes))
		if t.Volunteer != "" || t.Date != "" {
			line += "  " + safetext.Clean(strings.TrimSpace(t.Volunteer+" "+t.Date))
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
	b.WriteString(m.label("Formats", secFormats) + strings.Join(items, " ") + "\n")
	if m.focus == secFormats {
		b.WriteString(strings.Repeat(" ", labelWidth) + s.Subtle.Render(formatHint(formats[m.format])) + "\n")
	}
	b.WriteString(m.label("Folder", secFolder) + m.folder.View() + "\n\n")
	b.WriteString(s.Subtle.Render("The information notice is included in every file; n writes it as a leaflet.") + "\n")
	b.WriteString(notice)
	return b.String()
}

// formatHint says what a format is for.
func formatHint(f string) string {
	switch f {
	case export.Field:
		return "field: a sheet for a volunteer's phone, offline; its results come back on the plan (i)"
	case export.Day:
		return "day: one printable document, a cover page then each turf on pages of its own"
	}
	return f + ": one file per turf"
}

// label is a part's name, marked when the part has focus: the mark, not a colour, says which.
func (m *Model) label(name string, sec section) string {
	return m.common.Styles.FieldLabel(name, labelWidth, m.focus == sec)
}

func (m *Model) doneView() string {
	s := m.common.Styles
	head := s.Good.Render("✓ Wrote "+common.Plural(len(m.paths), "file")) + " into " + m.dir
	about := includedNotice
	if m.leaflet {
		head = s.Good.Render("✓ Wrote the information notice as a leaflet") + " into " + m.dir
		about = "Print it or hand it out: it holds no personal data."
	}
	pos := ""
	if total := m.files.TotalLineCount(); total > m.files.Height() && m.files.Height() > 0 {
		first := m.files.YOffset() + 1
		last := min(total, m.files.YOffset()+m.files.Height())
		pos = s.Subtle.Render(fmt.Sprintf("files %d–%d of %d", first, last, total))
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

// created writes when a plan was built to the minute, in UTC as the audit trail does.
func created(at string) string {
	t, err := time.Parse(time.RFC3339, at)
	if err != nil {
		return at
	}
	return t.UTC().Format("2006-01-02 15:04")
}
