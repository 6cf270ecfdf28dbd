package consent

import (
	"strings"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// View renders the current step.
func (m *Model) View() string {
	p := m.common.P
	var parts []string
	switch m.step {
	case stepIdentity:
		parts = m.identityView()
	case stepVerdict:
		parts = m.verdictView()
	case stepConsent:
		parts = m.formView("tui.consent.consent.title", &m.consent, "tui.consent.consent.about")
	case stepWithdraw:
		parts = m.formView("tui.consent.withdraw.title", &m.withdraw, "tui.consent.withdraw.about")
	case stepOppose:
		parts = m.formView("tui.consent.oppose.title", &m.oppose, "tui.consent.oppose.about")
	case stepConfirm:
		parts = m.confirmView()
	case stepKnock:
		s := m.common.Styles
		parts = []string{s.Heading.Render(p.T("tui.consent.knock.title")), s.Subtle.Render(m.wrap(p.T("tui.consent.knock.about"), 0)), m.knock.view(s)}
	}
	if m.busy && m.step == stepKnock {
		parts = append(parts, m.common.Styles.Subtle.Render(p.T("tui.consent.knock.finding")))
	} else if m.busy {
		parts = append(parts, m.common.Styles.Subtle.Render(p.T("tui.consent.asking")))
	} else if m.notice != "" {
		parts = append(parts, m.noticeView())
	}
	return common.Fit(strings.Join(parts, "\n\n"), m.common.Width, m.common.Height)
}

// readable is the widest a paragraph is set, however wide the terminal: longer lines are hard
// to read.
const readable = 100

// wrap breaks a paragraph at the screen's width.
func (m *Model) wrap(s string, indent int) string {
	return common.Wrap(s, max(1, min(m.common.Width, readable)), indent)
}

func (m *Model) noticeView() string {
	s := m.common.Styles
	style := s.Value
	switch m.tone {
	case toneGood:
		style = s.Good
	case toneWarn:
		style = s.Warn
	case toneBad:
		style = s.Error
	}
	return style.Render(m.wrap(m.notice, 2))
}

func (m *Model) identityView() []string {
	s, p := m.common.Styles, m.common.P
	return []string{
		s.Heading.Render(p.T("tui.consent.identity.title")) + p.T("tui.consent.identity.question"),
		s.Subtle.Render(m.wrap(p.T("tui.consent.identity.about"), 0)),
		m.identity.view(s),
	}
}

// describe names the person checked and the date, as the organizer typed them.
func (m *Model) describe() string {
	w := m.who
	text := m.common.P.T("tui.consent.person", "Name", w.BirthName+" "+w.GivenNames, "Born", i18n.Day(w.BirthDate))
	if w.HasAddress() {
		text += ", " + strings.Join(strings.Fields(w.Number+" "+w.Street+" "+w.Postcode), " ")
	}
	return text
}

// person is the line under a heading that says whom it is about.
func (m *Model) person() string {
	return m.common.Styles.Value.Bold(true).Render(m.wrap(m.describe(), 0))
}

func (m *Model) verdictView() []string {
	s, p := m.common.Styles, m.common.P
	v := m.verdict
	var head string
	if v.Eligible {
		head = s.Good.Render(p.T("tui.consent.eligible")) + p.T("tui.consent.eligible.on", "Date", i18n.Day(m.on))
	} else {
		// The policy's catalog names each reason: policy.exclusion.<reason>.
		head = s.Error.Render(p.T("tui.consent.noteligible")) + p.T("tui.consent.noteligible.on", "Reason", p.T("policy.exclusion."+string(v.Reason)),
			"Date", i18n.Day(m.on))
	}
	why := p.T("tui.consent.why", "Why", v.Explanation)
	lines := []string{m.wrap(head, 2), m.wrap("  "+why, 2+len([]rune(why))-len([]rune(v.Explanation))-1)}
	if v.Hint != "" {
		check := p.T("tui.consent.check")
		lines = append(lines, m.wrap("  "+s.Warn.Render(check)+" "+v.Hint+".", 3+len([]rune(check))))
	}
	if v.VoterLine > 0 {
		lines = append(lines, "  "+s.Subtle.Render(p.T("tui.consent.line", "Line", v.VoterLine)))
	}
	k := func(b string) string { return s.Key.Render(b) }
	return []string{
		s.Heading.Render(p.T("tui.consent.verdict.title")) + "\n" + m.person(),
		strings.Join(lines, "\n"),
		p.T("tui.consent.record.for") + "\n" +
			"  " + k("c") + "  " + p.T("tui.consent.record.consent") + "\n" +
			"  " + k("w") + "  " + p.T("tui.consent.record.withdraw") + "\n" +
			"  " + k("o") + "  " + p.T("tui.consent.record.oppose") + "\n" +
			"  " + k("enter") + "  " + p.T("tui.consent.record.again"),
	}
}

// formView is a form under its title (a catalog ID) and the person it is about, with what it
// records (a catalog ID).
func (m *Model) formView(title string, f *form, about string) []string {
	s, p := m.common.Styles, m.common.P
	return []string{
		s.Heading.Render(p.T(title)) + "\n" + m.person(),
		s.Subtle.Render(m.wrap(p.T(about), 0)),
		f.view(s),
	}
}

func (m *Model) confirmView() []string {
	s, p := m.common.Styles, m.common.P
	keys := p.T("tui.consent.confirm.keys", "Yes", s.Key.Render(p.T("tui.consent.key.yes")), "No", s.Key.Render("n"), "Esc", s.Key.Render("esc"))
	if m.knockAt != nil {
		return []string{
			s.Warn.Render("! " + p.T("tui.consent.knock.confirm", "Address", m.knockAt.String())),
			m.wrap(p.T("tui.consent.knock.forgood"), 0),
			keys,
		}
	}
	o := m.opposition()
	who := m.describe()
	if o.Scope == canvass.ScopeAddress {
		who = p.T("tui.consent.confirm.everyone", "Address", strings.Join(strings.Fields(o.Who.Number+" "+o.Who.Street+" "+o.Who.Postcode), " "))
	}
	return []string{
		s.Warn.Render("! " + p.T("tui.consent.confirm.question")),
		m.wrap("  "+p.T("tui.consent.confirm.scope", "Scope", describeScope(p, o.Scope), "Who", who), 4),
		m.wrap(p.T("tui.consent.confirm.forgood", "Who", who), 0),
		keys,
	}
}
