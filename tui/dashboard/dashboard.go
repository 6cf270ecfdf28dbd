// Package dashboard is the home screen: the campaign, what is loaded, what needs doing, and the
// way to every other screen.
package dashboard

import (
	"context"
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/internal/safetext"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// ID is the dashboard's screen ID.
const ID common.ScreenID = "dashboard"

// StatusFunc reads what the campaign holds; (*canvass.Campaign).Status fits.
type StatusFunc func(ctx context.Context) (canvass.Status, error)

// AuditFunc verifies the campaign's audit trail; (*canvass.Campaign).VerifyAudit fits.
type AuditFunc func(ctx context.Context) (canvass.AuditCheck, error)

// MenuItem is a screen the dashboard leads to.
type MenuItem struct {
	To    common.ScreenID
	Key   key.Binding // its help is shown in the menu: key.WithHelp("i", "import")
	Title string      // "Import a file", in the interface's language
	About string      // what it is for, one short line, in the interface's language
}

// Model is the dashboard screen.
type Model struct {
	common common.Common
	path   string // the campaign file, for the commands the guidance shows
	status StatusFunc
	audit  AuditFunc
	menu   []MenuItem

	st      canvass.Status
	trail   AuditResult
	loaded  bool
	err     error
	loading int // the number of the last status read asked for; older answers are dropped
}

// New builds the dashboard of the campaign file at path; audit may be nil, and the trail is
// then not verified.
func New(c common.Common, path string, status StatusFunc, audit AuditFunc, menu []MenuItem) *Model {
	return &Model{common: c, path: path, status: status, audit: audit, menu: menu}
}

// statusMsg carries a status read and the trail's verification, tagged with their number.
type statusMsg struct {
	n     int
	st    canvass.Status
	err   error
	trail AuditResult
}

// ScreenID makes the status come back to the dashboard even if the user moved on.
func (statusMsg) ScreenID() common.ScreenID { return ID }

// Enter reads the status again, an import may have changed it, and verifies the audit trail,
// which someone may have edited outside canvass.
func (m *Model) Enter() tea.Cmd {
	m.loading++
	n, status, audit, ctx := m.loading, m.status, m.audit, m.common.Ctx
	return func() tea.Msg {
		st, err := status(ctx)
		msg := statusMsg{n: n, st: st, err: err}
		if audit != nil && err == nil && st.Campaign != nil {
			check, err := audit(ctx)
			msg.trail = AuditResult{Check: &check, Err: err}
			if err != nil {
				msg.trail.Check = nil
			}
		}
		return msg
	}
}

// Update handles the status read and the menu keys.
func (m *Model) Update(msg tea.Msg) (common.Screen, tea.Cmd) {
	switch msg := msg.(type) {
	case statusMsg:
		if msg.n == m.loading {
			m.st, m.err, m.trail, m.loaded = msg.st, msg.err, msg.trail, true
		}
	case tea.KeyPressMsg:
		for _, it := range m.menu {
			if key.Matches(msg, it.Key) {
				return m, common.Go(it.To)
			}
		}
	}
	return m, nil
}

// SetSize sets the area the dashboard may draw in.
func (m *Model) SetSize(width, height int) { m.common.SetSize(width, height) }

// Back reports false: the dashboard is the first screen, there is nothing behind it.
func (m *Model) Back() (bool, tea.Cmd) { return false, nil }

// Mode is always normal: the dashboard has no text field and no long work.
func (m *Model) Mode() common.Mode { return common.ModeNormal }

// Title names the screen.
func (m *Model) Title() string { return m.common.P.T("tui.dashboard.title") }

// ShortHelp lists the menu keys.
func (m *Model) ShortHelp() []key.Binding {
	var ks []key.Binding
	for _, it := range m.menu {
		ks = append(ks, it.Key)
	}
	return ks
}

// FullHelp lists the menu keys in one column.
func (m *Model) FullHelp() [][]key.Binding { return [][]key.Binding{m.ShortHelp()} }

// wide is the width from which the dashboard uses two columns.
const wide = 110

// View renders the dashboard.
func (m *Model) View() string {
	w, h, p := m.common.Width, m.common.Height, m.common.P
	if !m.loaded {
		return common.Fit(m.common.Styles.Subtle.Render(p.T("tui.dashboard.reading")), w, h)
	}
	if m.err != nil {
		s := m.common.Styles
		return common.Fit(s.Error.Render(p.T("tui.dashboard.unreadable"))+" "+p.Error(m.err), w, h)
	}
	left := []string{m.campaignView(), m.loadedView()}
	right := []string{m.alertsView(), m.menuView()}
	if w < wide {
		// One column: what needs doing and where to go come before the counts, so that on a
		// short terminal it is the counts that run off the bottom.
		return common.Fit(stack(h, m.campaignView(), m.alertsView(), m.menuView(), m.loadedView()), w, h)
	}
	col := lipgloss.NewStyle().Width(m.columnWidth())
	return common.Fit(lipgloss.JoinHorizontal(lipgloss.Top,
		col.Render(stack(h, left...)), "    ", col.Render(stack(h, right...))), w, h)
}

// stack puts sections one under the other, a blank line between them when height leaves room
// for it: on a short terminal the menu at the bottom matters more than the air.
func stack(height int, sections ...string) string {
	spaced := strings.Join(sections, "\n\n")
	if lipgloss.Height(spaced) <= height {
		return spaced
	}
	return strings.Join(sections, "\n")
}

func (m *Model) campaignView() string {
	s, p := m.common.Styles, m.common.P
	var b strings.Builder
	b.WriteString(s.Heading.Render(p.T("tui.dashboard.campaign")))
	c := m.st.Campaign
	if c == nil {
		fmt.Fprintf(&b, "\n  %s\n  %s\n    %s\n  %s",
			s.Warn.Render(p.T("tui.dashboard.none")),
			p.T("tui.dashboard.none.record"),
			s.Key.Render("canvass --db "+m.path+" init --help"),
			p.T("tui.dashboard.none.then"))
		return b.String()
	}
	labels := []string{p.T("tui.dashboard.label.name"), p.T("tui.dashboard.label.election"), p.T("tui.dashboard.label.controller"),
		p.T("tui.dashboard.label.contact"), p.T("tui.dashboard.label.kept")}
	width := 0
	for _, l := range labels {
		width = max(width, len([]rune(l)))
	}
	label := func(i int) string { return s.Label.Render(fmt.Sprintf("  %-*s  ", width, labels[i])) }
	dates := make(i18n.List, len(c.ElectionDates))
	for i, d := range c.ElectionDates {
		dates[i] = i18n.Day(d)
	}
	fmt.Fprintf(&b, "\n%s%s", label(0), s.Value.Bold(true).Render(safetext.Clean(c.Name)))
	fmt.Fprintf(&b, "\n%s%s", label(1), p.T("tui.dashboard.election", "Type", c.ElectionType, "Dates", dates))
	fmt.Fprintf(&b, "\n%s%s", label(2), safetext.Clean(c.Controller))
	fmt.Fprintf(&b, "\n%s%s", label(3), safetext.Clean(c.Contact))
	kept := p.T("tui.dashboard.kept", "End", i18n.Day(c.EndDate))
	if m.st.DaysLeft != nil {
		left := DaysLeft(p, *m.st.DaysLeft)
		switch n := *m.st.DaysLeft; {
		case n < 0:
			left = s.Error.Render(left)
		case n <= retentionWarning:
			left = s.Warn.Render(left)
		}
		kept += " (" + left + ")"
	}
	fmt.Fprintf(&b, "\n%s%s", label(4), kept)
	return b.String()
}

// DaysLeft says, in p's language, how long the campaign's data may still be kept.
func DaysLeft(p *i18n.Printer, n int) string {
	switch {
	case n < -1:
		return p.T("tui.dashboard.ended", "Count", -n)
	case n == -1:
		return p.T("tui.dashboard.ended.yesterday")
	case n == 0:
		return p.T("tui.dashboard.ends.today")
	}
	return p.T("tui.dashboard.left", "Count", n)
}

func (m *Model) loadedView() string {
	s, p := m.common.Styles, m.common.P
	c := m.st.Counts
	type item struct {
		label string
		n     int
		unit  string
	}
	stations := 0 // polling stations are a layer of their own, counted apart from their level
	for _, n := range c.Stations {
		stations += n
	}
	items := []item{
		{p.T("tui.dashboard.count.voters"), c.Voters, ""}, {p.T("tui.dashboard.count.addresses"), c.Addresses, ""},
		{p.T("tui.dashboard.count.constituencies"), c.Areas["constituency"] - c.Stations["constituency"], ""},
		{p.T("tui.dashboard.count.neighborhoods"), c.Areas["neighborhood"] - c.Stations["neighborhood"], ""},
		{p.T("tui.dashboard.count.streets"), c.Areas["street"] - c.Stations["street"], ""},
		{p.T("tui.dashboard.count.stations"), stations, p.T("tui.dashboard.count.results", "Count", c.Results)},
	}
	if c.Network > 0 { // optional: without it walks are measured in straight lines, which plans say
		items = append(items, item{p.T("tui.dashboard.count.network"), c.Network, p.T("tui.dashboard.count.segments")})
	}
	if !m.st.PeopleHidden { // a team lead's or a volunteer's role counts no people
		items = append(items, item{p.T("tui.dashboard.count.consents"), c.Consents, ""},
			item{p.T("tui.dashboard.count.opposition"), c.Opposition, ""})
	}
	items = append(items, item{p.T("tui.dashboard.count.plans"), c.Plans, ""})
	cells := make([]string, len(items))
	for i, it := range items {
		v := fmt.Sprintf("%7s", p.Int(int64(it.n)))
		if it.n == 0 {
			v = s.Subtle.Render(v)
		}
		cells[i] = s.Label.Render(fmt.Sprintf("%-16s", it.label)) + v
		if it.unit != "" {
			cells[i] += " " + s.Subtle.Render(it.unit)
		}
	}
	var b strings.Builder
	b.WriteString(s.Heading.Render(p.T("tui.dashboard.loaded")))
	perRow := 1
	if m.columnWidth() >= 2*cellWidth+4 {
		perRow = 2
	}
	for i := 0; i < len(cells); i += perRow {
		b.WriteString("\n  ")
		for j := i; j < i+perRow && j < len(cells); j++ {
			if j > i {
				b.WriteString("  ")
			}
			b.WriteString(lipgloss.NewStyle().Width(cellWidth).Render(cells[j]))
		}
	}
	return b.String()
}

// columnWidth is the width of one column of the dashboard: all of it when narrow, half when wide.
func (m *Model) columnWidth() int {
	if m.common.Width >= wide {
		return (m.common.Width - 4) / 2
	}
	return m.common.Width
}

// cellWidth is the width of one count on the Loaded grid: label, number, unit (the French
// "Bureaux de vote 1 234 (76 résultats)"). Two of them fit 80 columns.
const cellWidth = 38

func (m *Model) alertsView() string {
	s, p := m.common.Styles, m.common.P
	var b strings.Builder
	b.WriteString(s.Heading.Render(p.T("tui.dashboard.alerts")))
	alerts := Alerts(p, m.st, m.trail)
	if len(alerts) == 0 {
		b.WriteString("\n  " + s.Good.Render(p.T("tui.dashboard.alerts.none")))
	}
	for _, a := range alerts {
		sign, style := "•", s.Value
		switch a.Level {
		case Urgent:
			sign, style = "✗", s.Error
		case Warning:
			sign, style = "!", s.Warn
		}
		// Long alerts wrap under their text, not under their sign.
		b.WriteString("\n" + common.Wrap("  "+style.Render(sign)+" "+a.Text, m.columnWidth(), 4))
	}
	return b.String()
}

func (m *Model) menuView() string {
	s := m.common.Styles
	var b strings.Builder
	b.WriteString(s.Heading.Render(m.common.P.T("tui.dashboard.menu")))
	for _, it := range m.menu {
		fmt.Fprintf(&b, "\n  %s  %s", s.Key.Render(it.Key.Help().Key), it.Title)
		if it.About != "" {
			b.WriteString(s.Subtle.Render(" — " + it.About))
		}
	}
	return b.String()
}
