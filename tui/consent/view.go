package consent

import (
	"fmt"
	"strings"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// View renders the current step.
func (m *Model) View() string {
	var parts []string
	switch m.step {
	case stepIdentity:
		parts = m.identityView()
	case stepVerdict:
		parts = m.verdictView()
	case stepConsent:
		parts = m.formView("Record a consent", &m.consent,
			"It covers a visit by name only if given door-to-door, for political communication, to this campaign's controller.")
	case stepWithdraw:
		parts = m.formView("Record a withdrawal", &m.withdraw,
			"Every consent of this person is withdrawn from this date: no visit by name from then on.")
	case stepOppose:
		parts = m.formView("Record an objection", &m.oppose,
			"An objection is permanent: you will be asked to confirm.")
	case stepConfirm:
		parts = m.confirmView()
	case stepKnock:
		s := m.common.Styles
		parts = []string{s.Heading.Render(msgKnockTitle), s.Subtle.Render(m.wrap(msgKnockAbout, 0)), m.knock.view(s)}
	}
	if m.busy && m.step == stepKnock {
		parts = append(parts, m.common.Styles.Subtle.Render(msgFindingAddress))
	} else if m.busy {
		parts = append(parts, m.common.Styles.Subtle.Render("Asking the campaign…"))
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
	s := m.common.Styles
	return []string{
		s.Heading.Render("Check one person") + " — may they be visited by name?",
		s.Subtle.Render(m.wrap("One person, by their identity on the electoral list. There is no search by age, sex, "+
			"birthplace or nationality and no list of voters here: plans target areas, never people.", 0)),
		m.identity.view(s),
	}
}

// describe names the person checked and the date, as the organizer typed them.
func (m *Model) describe() string {
	w := m.who
	text := w.BirthName + " " + w.GivenNames + ", born " + w.BirthDate
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
	s := m.common.Styles
	v := m.verdict
	var head string
	if v.Eligible {
		head = s.Good.Render("✓ ELIGIBLE") + ": may be visited by name on " + m.on
	} else {
		head = s.Error.Render("✗ NOT ELIGIBLE") + " (" + string(v.Reason) + "): may not be visited by name on " + m.on
	}
	lines := []string{m.wrap(head, 2), m.wrap("  Why: "+v.Explanation+".", 7)}
	if v.Hint != "" {
		lines = append(lines, m.wrap("  "+s.Warn.Render("Check:")+" "+v.Hint+".", 9))
	}
	if v.VoterLine > 0 {
		lines = append(lines, "  "+s.Subtle.Render("On the electoral list at line "+common.Count(v.VoterLine)+"."))
	}
	k := func(b string) string { return s.Key.Render(b) }
	return []string{
		s.Heading.Render("Verdict") + "\n" + m.person(),
		strings.Join(lines, "\n"),
		"Record for this person:\n" +
			"  " + k("c") + "  a consent\n" +
			"  " + k("w") + "  a withdrawal of their consents\n" +
			"  " + k("o") + "  an objection: STOP, or do not knock at the address\n" +
			"  " + k("enter") + "  check someone else",
	}
}

func (m *Model) formView(title string, f *form, about string) []string {
	s := m.common.Styles
	return []string{
		s.Heading.Render(title) + "\n" + m.person(),
		s.Subtle.Render(m.wrap(about, 0)),
		f.view(s),
	}
}

func (m *Model) confirmView() []string {
	s := m.common.Styles
	if m.knockAt != nil {
		return []string{
			s.Warn.Render(fmt.Sprintf(msgKnockConfirm, m.knockAt.String())),
			m.wrap(msgKnockForGood, 0),
			s.Key.Render("y") + " records it · " + s.Key.Render("n") + " or " + s.Key.Render("esc") + " goes back without recording",
		}
	}
	o := m.opposition()
	who := m.describe()
	if o.Scope == canvass.ScopeAddress {
		who = "everyone at " + strings.Join(strings.Fields(o.Who.Number+" "+o.Who.Street+" "+o.Who.Postcode), " ")
	}
	return []string{
		s.Warn.Render("! Record this objection for good?"),
		m.wrap("  "+describeScope(o.Scope)+": "+who, 4),
		m.wrap("An objection cannot be undone: it leaves "+who+" out of every visit list and street list, "+
			"in this campaign and the next; it survives purges.", 0),
		s.Key.Render("y") + " records it · " + s.Key.Render("n") + " or " + s.Key.Render("esc") + " goes back without recording",
	}
}
