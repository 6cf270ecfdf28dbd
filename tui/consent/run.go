package consent

import (
	"context"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// settingsMsg carries the campaign's controller, the consent form's default.
type settingsMsg struct {
	controller string
	err        error
}

// checkedMsg is the answer to check number n.
type checkedMsg struct {
	n       int
	who     canvass.Identity
	on      string
	verdict canvass.Verdict
	err     error
}

// recordedMsg says how recording a consent, a withdrawal or an objection went; done is the
// sentence to show when it went well, starting with ✓ when something was recorded and with !
// when there was nothing to record.
type recordedMsg struct {
	done string
	err  error
}

// The campaign's answers come back to this screen whichever screen is active.
func (settingsMsg) ScreenID() common.ScreenID { return ID }
func (checkedMsg) ScreenID() common.ScreenID  { return ID }
func (recordedMsg) ScreenID() common.ScreenID { return ID }

func settingsCmd(ctx context.Context, d Domain) tea.Cmd {
	return func() tea.Msg {
		s, err := d.Settings(ctx)
		return settingsMsg{controller: s.Controller, err: err}
	}
}

func checkCmd(ctx context.Context, d Domain, n int, who canvass.Identity, on string) tea.Cmd {
	return func() tea.Msg {
		v, err := d.CheckConsent(ctx, who, on)
		return checkedMsg{n: n, who: who, on: on, verdict: v, err: err}
	}
}

// recordCmd runs do off the interface's loop.
func recordCmd(do func() (string, error)) tea.Cmd {
	return func() tea.Msg {
		done, err := do()
		return recordedMsg{done: done, err: err}
	}
}

// check asks the policy about who on a date.
func (m *Model) check(who canvass.Identity, on string) tea.Cmd {
	m.checks++
	m.busy = true
	return checkCmd(m.common.Ctx, m.domain, m.checks, who, on)
}

// checked shows the verdict, or says why there is none.
func (m *Model) checked(msg checkedMsg) tea.Cmd {
	if msg.n != m.checks {
		return nil
	}
	m.busy = false
	if msg.err != nil {
		m.say(m.problem("tui.consent.failed.check", msg.err), toneBad)
		m.step = stepIdentity
		return nil
	}
	m.who, m.on, m.verdict = msg.who, msg.on, msg.verdict
	m.toVerdict()
	return nil
}

// recorded reports what was recorded and checks the person again, so that the verdict shown is
// the one the record made; a refusal or a mistake stays on the form that caused it.
func (m *Model) recorded(msg recordedMsg) tea.Cmd {
	m.busy = false
	if msg.err != nil {
		m.say(m.problem("tui.consent.failed.record", msg.err), toneBad)
		if m.step == stepConfirm && m.knockAt == nil {
			m.step = stepOppose
		} else if m.step == stepConfirm {
			m.step = stepKnock
		}
		return nil
	}
	if m.knockAt != nil { // nobody was checked: back to the next person, the door forgotten
		m.say(msg.done, toneGood)
		m.knockAt, m.step = nil, stepIdentity
		for _, f := range m.knock.fields {
			reset(f, "")
		}
		return m.identity.focusOn(0)
	}
	t := toneGood
	if strings.HasPrefix(msg.done, "!") {
		t = toneWarn
	}
	m.say(msg.done, t)
	m.toVerdict()
	return m.check(m.who, m.on)
}

// problem is what went wrong, in one line: what (a message ID) did not happen, and why.
func (m *Model) problem(what string, err error) string {
	return common.Problem(m.common.P, m.common.P.T(what), err)
}
