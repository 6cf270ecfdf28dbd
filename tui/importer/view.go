package importer

import (
	"fmt"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
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
		m.common.P.T("tui.importer.pick") + " " + s.Subtle.Render("("+strings.Join(extensions, ", ")+")"),
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
	s, p := m.common.Styles, m.common.P
	var b strings.Builder
	fmt.Fprintf(&b, "%s%s %s\n", m.label(p.T("tui.importer.label.file"), -1), filepath.Base(m.path), s.Subtle.Render("("+bytes(p, m.size)+")"))
	found := s.Warn.Render(p.T("tui.importer.unknown"))
	if m.det.Kind != canvass.KindUnknown {
		found = describe(p, m.det.Kind)
	}
	why := s.Hint(safetext.Clean(m.det.Reason.In(p)), labelWidth, m.common.Width, 0)
	fmt.Fprintf(&b, "%s%s\n%s\n\n", m.label(p.T("tui.importer.label.found"), -1), found, why)
	kinds := make([]string, len(canvass.Kinds))
	for i, k := range canvass.Kinds {
		kinds[i] = p.T(kindIDs[k])
	}
	levels := make([]string, len(canvass.Levels))
	for i, l := range canvass.Levels {
		levels[i] = canvass.LevelName(l).In(p)
	}
	for _, f := range m.fields() {
		focused := m.focused() == f
		switch f {
		case fieldKind:
			// Seven kinds do not fit 80 columns on one line: they wrap under the first.
			lines := strings.Split(common.Wrap(m.choices(kinds, m.kind, focused), m.common.Width-labelWidth-2, 0), "\n")
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.importer.label.kind"), f), strings.Join(lines, "\n"+strings.Repeat(" ", labelWidth)))
		case fieldLevel:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.importer.label.level"), f), m.choices(levels, m.level, focused))
		case fieldLayer:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.importer.label.layer"), f), m.layer.View())
		case fieldElection:
			fmt.Fprintf(&b, "%s%s\n", m.label(p.T("tui.importer.label.election"), f), m.election.View())
		}
	}
	if k := m.chosenKind(); k != canvass.KindUnknown && k != m.det.Kind {
		fmt.Fprintf(&b, "%s%s\n", m.label("", -1), s.Warn.Render(p.T("tui.importer.chosen", "Kind", describe(p, k))))
	}
	b.WriteString("\n" + m.noticeView())
	return b.String()
}

func (m *Model) runningView() string {
	s, t := m.common.Styles, m.common.P
	var b strings.Builder
	b.WriteString(t.T("tui.importer.importing", "File", filepath.Base(m.req.Path), "Kind", describe(t, m.req.Kind)) + "\n\n")
	p := m.prog
	if p.Total > 0 {
		b.WriteString(m.bar.ViewAs(float64(p.Bytes)/float64(p.Total)) + "\n")
	} else {
		b.WriteString(s.Subtle.Render(t.T("tui.importer.reading")) + "\n")
	}
	elapsed := m.common.Now().Sub(m.started)
	stats := []string{t.T("tui.importer.rows", "Count", p.Rows)}
	if secs := elapsed.Seconds(); secs >= 0.5 {
		stats = append(stats, t.T("tui.importer.rate", "Rate", int(float64(p.Rows)/secs)))
	}
	if p.Total > 0 {
		stats = append(stats, t.T("tui.importer.bytes", "Read", bytes(t, p.Bytes), "Total", bytes(t, p.Total)))
	}
	if elapsed < 10*time.Second {
		stats = append(stats, elapsed.Round(100*time.Millisecond).String())
	} else {
		stats = append(stats, elapsed.Truncate(time.Second).String())
	}
	b.WriteString(strings.Join(stats, " · ") + "\n\n")
	if m.cancelling {
		b.WriteString(s.Warn.Render(t.T("tui.importer.cancelling")))
	} else {
		b.WriteString(s.Subtle.Render(t.T("tui.importer.cancel")))
	}
	b.WriteString("\n" + m.noticeView())
	return b.String()
}

func (m *Model) doneView() string {
	s, p := m.common.Styles, m.common.P
	name := filepath.Base(m.req.Path)
	var head string
	switch {
	case m.cancelled:
		head = s.Warn.Render(p.T("tui.importer.done.cancelled")) + " " + name
	case m.err != nil:
		head = s.Error.Render(p.T("tui.importer.done.failed")) + " " + name
	default:
		head = s.Good.Render(p.T("tui.importer.done.imported")) + " " + name
	}
	pos := ""
	if total := m.report.TotalLineCount(); total > m.report.Height() && m.report.Height() > 0 {
		first := m.report.YOffset() + 1
		last := min(total, m.report.YOffset()+m.report.Height())
		pos = s.Subtle.Render(p.T("tui.importer.lines", "First", first, "Last", last, "Total", total))
	}
	return head + "\n\n" + m.report.View() + "\n" + pos
}

// reportText is the report in lines, for the scrollable view.
func (m *Model) reportText() string {
	r, p := m.rep, m.common.P
	var b strings.Builder
	if m.err != nil && !m.cancelled {
		b.WriteString(p.Error(m.err) + "\n")
		if m.replaceRefused() {
			b.WriteString("\n" + p.T("tui.importer.replace") + "\n")
		}
		return b.String()
	}
	if m.cancelled {
		return p.T("tui.importer.stopped") + "\n"
	}
	b.WriteString(p.T("tui.importer.counts", "Kind", capitalize(p.T(kindIDs[m.req.Kind])), "Read", r.Read, "Imported", r.Imported, "Rejected", r.Rejected))
	if r.Replaced > 0 {
		b.WriteString(p.T("tui.importer.replaced", "Count", r.Replaced))
	}
	b.WriteString("\n")
	areas := m.req.Kind == canvass.KindAreas
	section := func(title string, rows []canvass.RowError) {
		if len(rows) == 0 {
			return
		}
		n := p.Int(int64(len(rows)))
		if r.Unlisted > 0 { // the report stopped listing: the count is of the rows listed
			n = p.T("tui.importer.listed", "Count", len(rows))
		}
		fmt.Fprintf(&b, "\n%s (%s)\n", title, n)
		for _, e := range rows {
			b.WriteString("  " + rowText(p, areas, e) + "\n")
		}
	}
	summary(p, p.T("tui.importer.warnings.kinds"), r.Warnings, &b)
	summary(p, p.T("tui.importer.rejected.kinds"), r.Errors, &b)
	section(p.T("tui.importer.warnings"), r.Warnings)
	section(p.T("tui.importer.rejected"), r.Errors)
	if r.Unlisted > 0 {
		b.WriteString("  " + p.T("tui.importer.unlisted", "Count", r.Unlisted) + "\n")
	}
	return b.String()
}

// summary counts rows by kind (field and reason), most frequent first, when a kind repeats:
// hundreds of warnings read as a few kinds before the list of lines.
func summary(p *i18n.Printer, title string, rows []canvass.RowError, b *strings.Builder) {
	if len(rows) < 2 {
		return
	}
	count := map[string]int{}
	var kinds []string
	for _, e := range rows {
		k := e.Why(p)
		if e.Field != "" {
			k = p.T("tui.importer.field.reason", "Field", e.Field, "Reason", e.Why(p))
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
		fmt.Fprintf(b, "  %6s × %s\n", p.Int(int64(count[k])), safetext.Clean(k))
	}
}

// capitalize puts the first letter of s in upper case.
func capitalize(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

// rowText says where a problem is and what it is, in p's language; it names the line (the
// feature, in a file of areas) and field, never the value.
func rowText(p *i18n.Printer, areas bool, e canvass.RowError) string {
	var where string
	switch {
	case e.Line <= 0:
		where = p.T("tui.importer.where.file")
	case areas:
		where = p.T("tui.importer.where.feature", "Line", e.Line)
	default:
		where = p.T("tui.importer.where.line", "Line", e.Line)
	}
	if e.Field != "" {
		where = p.T("tui.importer.where.field", "Where", where, "Field", e.Field)
	}
	return safetext.Clean(p.T("tui.importer.where", "Where", where, "Reason", e.Why(p))) // the field is a header of the file imported
}

// kindIDs name the kinds of file in the catalogs, as the form offers them.
var kindIDs = map[canvass.Kind]string{
	canvass.KindList: "tui.importer.kind.list", canvass.KindAddresses: "tui.importer.kind.addresses",
	canvass.KindAreas: "tui.importer.kind.areas", canvass.KindResults: "tui.importer.kind.results",
	canvass.KindStreets: "tui.importer.kind.streets", canvass.KindConsents: "tui.importer.kind.consents",
	canvass.KindOpposition: "tui.importer.kind.opposition", canvass.KindPeople: "tui.importer.kind.people",
}

// describeIDs say what each kind of file holds, in the catalogs.
var describeIDs = map[canvass.Kind]string{
	canvass.KindList: "tui.importer.describe.list", canvass.KindAddresses: "tui.importer.describe.addresses",
	canvass.KindAreas: "tui.importer.describe.areas", canvass.KindResults: "tui.importer.describe.results",
	canvass.KindStreets: "tui.importer.describe.streets", canvass.KindConsents: "tui.importer.describe.consents",
	canvass.KindOpposition: "tui.importer.describe.opposition", canvass.KindPeople: "tui.importer.describe.people",
}

// describe says what files of kind k hold, in p's language.
func describe(p *i18n.Printer, k canvass.Kind) string {
	if id, ok := describeIDs[k]; ok {
		return p.T(id)
	}
	return k.Describe()
}

// bytes writes a size for a person, in p's language.
func bytes(p *i18n.Printer, n int64) string {
	const unit = 1000
	if n < unit {
		return p.T("tui.importer.size.bytes", "Count", int(n))
	}
	div, exp := int64(unit), 0
	for x := n / unit; x >= unit; x /= unit {
		div *= unit
		exp++
	}
	return p.T("tui.importer.size", "Size", p.Float(float64(n)/float64(div), 1), "Prefix", string("kMGT"[exp]))
}
