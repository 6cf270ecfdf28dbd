package importer

import (
	"fmt"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/safetext"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// The lines each step draws around its widget, so that layout can size the widget.
const (
	pickChrome = 3 // the intro, the folder, the notice
	doneChrome = 3 // the outcome, a blank line, the scroll position
	labelWidth = 12
)

// View renders the current step.
func (m *Model) View() string {
	var s string
	switch m.step {
	case stepPick:
		s = m.pickView()
	case stepConfirm:
		s = m.confirmView()
	case stepRunning:
		s = m.runningView()
	case stepDone:
		s = m.doneView()
	}
	return common.Fit(s, m.common.Width, m.common.Height)
}

func (m *Model) noticeView() string {
	if m.notice == "" {
		return ""
	}
	return m.common.Styles.Warn.Render(m.notice)
}

func (m *Model) pickView() string {
	s := m.common.Styles
	picker := strings.TrimRight(m.picker.View(), "\n")
	return strings.Join([]string{
		"Choose a file to import " + s.Subtle.Render("("+strings.Join(extensions, ", ")+")"),
		s.Subtle.Render(common.ShortPath(m.picker.CurrentDirectory)),
		common.Fit(picker, m.common.Width, m.picker.Height()),
		m.noticeView(),
	}, "\n")
}

// label is a form line's name, marked when its field has focus; f is -1 for a line without one.
func (m *Model) label(name string, f field) string {
	return m.common.Styles.FieldLabel(name, labelWidth, m.step == stepConfirm && m.focused() == f)
}

// choices renders options with the chosen one in brackets, so that it shows without colour.
func (m *Model) choices(opts []string, chosen int, focused bool) string {
	return m.common.Styles.Choices(opts, chosen, focused, " ")
}

func (m *Model) confirmView() string {
	s := m.common.Styles
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s %s\n", m.label("File", -1), filepath.Base(m.path), s.Subtle.Render("("+bytes(m.size)+")"))
	found := s.Warn.Render("not recognised: choose what it holds below")
	if m.det.Kind != canvass.KindUnknown {
		found = m.det.Kind.Describe()
	}
	why := s.Hint(m.det.Reason, labelWidth, m.common.Width, 0)
	fmt.Fprintf(&b, "%s%s\n%s\n\n", m.label("Found", -1), found, why)
	kinds := make([]string, len(canvass.Kinds))
	for i, k := range canvass.Kinds {
		kinds[i] = string(k)
	}
	for _, f := range m.fields() {
		focused := m.focused() == f
		switch f {
		case fieldKind:
			// Seven kinds do not fit 80 columns on one line: they wrap under the first.
			lines := strings.Split(common.Wrap(m.choices(kinds, m.kind, focused), m.common.Width-labelWidth-2, 0), "\n")
			fmt.Fprintf(&b, "%s%s\n", m.label("Holds", f), strings.Join(lines, "\n"+strings.Repeat(" ", labelWidth)))
		case fieldLevel:
			fmt.Fprintf(&b, "%s%s\n", m.label("Level", f), m.choices(canvass.Levels, m.level, focused))
		case fieldLayer:
			fmt.Fprintf(&b, "%s%s\n", m.label("Layer", f), m.layer.View())
		case fieldElection:
			fmt.Fprintf(&b, "%s%s\n", m.label("Election", f), m.election.View())
		}
	}
	if k := m.chosenKind(); k != canvass.KindUnknown && k != m.det.Kind {
		fmt.Fprintf(&b, "%s%s\n", m.label("", -1), s.Warn.Render("You chose "+k.Describe()+", not what was found."))
	}
	b.WriteString("\n" + m.noticeView())
	return b.String()
}

func (m *Model) runningView() string {
	s := m.common.Styles
	var b strings.Builder
	fmt.Fprintf(&b, "Importing %s as %s\n\n", filepath.Base(m.req.Path), m.req.Kind.Describe())
	p := m.prog
	if p.Total > 0 {
		b.WriteString(m.bar.ViewAs(float64(p.Bytes)/float64(p.Total)) + "\n")
	} else {
		b.WriteString(s.Subtle.Render("reading…") + "\n")
	}
	elapsed := m.common.Now().Sub(m.started)
	stats := []string{common.Count(p.Rows) + " rows read"}
	if secs := elapsed.Seconds(); secs >= 0.5 {
		stats = append(stats, common.Count(int(float64(p.Rows)/secs))+" rows/s")
	}
	if p.Total > 0 {
		stats = append(stats, bytes(p.Bytes)+" of "+bytes(p.Total))
	}
	if elapsed < 10*time.Second {
		stats = append(stats, elapsed.Round(100*time.Millisecond).String())
	} else {
		stats = append(stats, elapsed.Truncate(time.Second).String())
	}
	b.WriteString(strings.Join(stats, " · ") + "\n\n")
	if m.cancelling {
		b.WriteString(s.Warn.Render("Cancelling… waiting for the import to stop; the campaign will stay as it was."))
	} else {
		b.WriteString(s.Subtle.Render("esc or ctrl+c cancels: the campaign then stays as it was."))
	}
	b.WriteString("\n" + m.noticeView())
	return b.String()
}

func (m *Model) doneView() string {
	s := m.common.Styles
	name := filepath.Base(m.req.Path)
	var head string
	switch {
	case m.cancelled:
		head = s.Warn.Render("! Cancelled, nothing changed: ") + name
	case m.err != nil:
		head = s.Error.Render("✗ Failed, nothing changed: ") + name
	default:
		head = s.Good.Render("✓ Imported: ") + name
	}
	pos := ""
	if total := m.report.TotalLineCount(); total > m.report.Height() && m.report.Height() > 0 {
		first := m.report.YOffset() + 1
		last := min(total, m.report.YOffset()+m.report.Height())
		pos = s.Subtle.Render(fmt.Sprintf("lines %d–%d of %d", first, last, total))
	}
	return head + "\n\n" + m.report.View() + "\n" + pos
}

// reportText is the report in lines, for the scrollable view.
func (m *Model) reportText() string {
	r := m.rep
	var b strings.Builder
	if m.err != nil && !m.cancelled {
		b.WriteString(m.err.Error() + "\n")
		if m.replaceRefused() {
			b.WriteString("\nCheck the file first. r replaces them all the same; enter chooses another file.\n")
		}
		return b.String()
	}
	if m.cancelled {
		return "The import was stopped before it finished; the campaign file is as it was before.\n"
	}
	fmt.Fprintf(&b, "%s: read %s · imported %s · rejected %s", capitalize(m.req.Kind.Describe()), common.Count(r.Read), common.Count(r.Imported), common.Count(r.Rejected))
	if r.Replaced > 0 {
		fmt.Fprintf(&b, " · replaced %s from an earlier import", common.Count(r.Replaced))
	}
	b.WriteString("\n")
	unit := "line"
	if m.req.Kind == canvass.KindAreas {
		unit = "feature"
	}
	section := func(title string, rows []canvass.RowError) {
		if len(rows) == 0 {
			return
		}
		n := common.Count(len(rows))
		if r.Unlisted > 0 { // the report stopped listing: the count is of the rows listed
			n += " listed"
		}
		fmt.Fprintf(&b, "\n%s (%s)\n", title, n)
		for _, e := range rows {
			b.WriteString("  " + rowText(unit, e) + "\n")
		}
	}
	summary("Warnings by kind", r.Warnings, &b)
	summary("Rejected by kind", r.Errors, &b)
	section("Warnings", r.Warnings)
	section("Rejected", r.Errors)
	if r.Unlisted > 0 {
		fmt.Fprintf(&b, "  … and %s more not listed\n", common.Count(r.Unlisted))
	}
	return b.String()
}

// summary counts rows by kind (field and reason), most frequent first, when a kind repeats:
// hundreds of warnings read as a few kinds before the list of lines.
func summary(title string, rows []canvass.RowError, b *strings.Builder) {
	if len(rows) < 2 {
		return
	}
	count := map[string]int{}
	var kinds []string
	for _, e := range rows {
		k := e.Reason
		if e.Field != "" {
			k = "field " + strconv.Quote(e.Field) + ": " + e.Reason
		}
		if count[k] == 0 {
			kinds = append(kinds, k)
		}
		count[k]++
	}
	if len(kinds) == len(rows) {
		return // each row its own kind: the list says it all
	}
	sort.SliceStable(kinds, func(i, j int) bool { return count[kinds[i]] > count[kinds[j]] })
	fmt.Fprintf(b, "\n%s\n", title)
	for _, k := range kinds {
		fmt.Fprintf(b, "  %6s × %s\n", common.Count(count[k]), safetext.Clean(k))
	}
}

// capitalize puts the first letter of s in upper case.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// rowText says where a problem is and what it is; it names the line and field, never the value.
func rowText(unit string, e canvass.RowError) string {
	where := "file"
	if e.Line > 0 {
		where = unit + " " + common.Count(e.Line)
	}
	if e.Field != "" {
		where += ", field " + strconv.Quote(e.Field)
	}
	return safetext.Clean(where + ": " + e.Reason) // the field is a header of the file imported
}

// bytes writes a size for a person.
func bytes(n int64) string {
	const unit = 1000
	if n < unit {
		return fmt.Sprintf("%d B", n)
	}
	div, exp := int64(unit), 0
	for x := n / unit; x >= unit; x /= unit {
		div *= unit
		exp++
	}
	return fmt.Sprintf("%.1f %cB", float64(n)/float64(div), "kMGT"[exp])
}
