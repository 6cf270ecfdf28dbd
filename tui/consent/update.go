package consent

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/internal/i18n"
)

// key handles a key press in the current step.
func (m *Model) key(k tea.KeyPressMsg) tea.Cmd {
	if m.busy {
		return nil // the campaign has not answered yet: the same request is not sent twice
	}
	switch m.step {
	case stepVerdict:
		return m.verdictKey(k)
	case stepConfirm:
		return m.confirmKey(k)
	}
	f := m.active()
	switch {
	case m.step == stepIdentity && key.Matches(k, m.keys.Knock):
		return m.toKnock()
	case key.Matches(k, m.keys.Check):
		m.say("", tonePlain)
		return m.submit()
	case key.Matches(k, m.keys.StopTyping):
		// Only reaches here while typing: in normal mode the root takes esc to Back.
		if m.step == stepIdentity {
			return f.focusOn(-1)
		}
		if m.step == stepKnock {
			_, cmd := m.Back()
			return cmd
		}
		m.toVerdict()
		return nil
	case key.Matches(k, m.keys.NextField):
		return f.move(1)
	case key.Matches(k, m.keys.PrevField):
		return f.move(-1)
	}
	if !f.typing() {
		switch {
		case key.Matches(k, m.keys.Left):
			f.pick(-1)
		case key.Matches(k, m.keys.Right):
			f.pick(1)
		}
		return nil
	}
	return f.update(k)
}

// verdictKey chooses what to record for the person checked, or goes back to check another.
func (m *Model) verdictKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Consent):
		m.say("", tonePlain)
		m.step = stepConsent
		reset(m.channel, "")
		reset(m.network, "")
		reset(m.purpose, "communication politique")
		reset(m.controllerField, m.controller)
		reset(m.givenOn, m.today())
		reset(m.source, "")
		reset(m.proof, "")
		reset(m.expires, "")
		reset(m.kind, "")
		return m.consent.focusOn(0)
	case key.Matches(k, m.keys.Withdraw):
		m.say("", tonePlain)
		m.step = stepWithdraw
		reset(m.withdrawn, m.today())
		return m.withdraw.focusOn(0)
	case key.Matches(k, m.keys.Oppose):
		m.say("", tonePlain)
		m.step = stepOppose
		reset(m.scope, "")
		reset(m.reason, "")
		return m.oppose.focusOn(0)
	case key.Matches(k, m.keys.Again):
		m.say("", tonePlain)
		m.step = stepIdentity
		return m.identity.focusOn(0)
	}
	return nil
}

// reset gives a field its default: a form opens blank for each record, so that nothing typed
// for one person (a proof, a source) is recorded for the next.
func reset(f *field, v string) {
	f.chosen = 0
	f.input.SetValue(v)
}

// confirmKey records the objection on y; n and esc go back to its form.
func (m *Model) confirmKey(k tea.KeyPressMsg) tea.Cmd {
	switch {
	case key.Matches(k, m.keys.Yes) && m.knockAt != nil:
		m.busy = true
		o, at := m.knockObjection(), m.knockAt.String()
		return recordCmd(func() (string, error) {
			if err := m.domain.RecordOpposition(m.common.Ctx, o); err != nil {
				return "", err
			}
			return m.common.P.T("tui.consent.knock.done", "Address", at), nil
		})
	case key.Matches(k, m.keys.Yes):
		m.busy = true
		o := m.opposition()
		return recordCmd(func() (string, error) {
			if err := m.domain.RecordOpposition(m.common.Ctx, o); err != nil {
				return "", err
			}
			return m.common.P.T("tui.consent.recorded.objection", "Scope", describeScope(m.common.P, o.Scope)), nil
		})
	case key.Matches(k, m.keys.No):
		_, cmd := m.Back()
		return cmd
	}
	return nil
}

// submit checks the current form and sends it on, or says what is missing.
func (m *Model) submit() tea.Cmd {
	switch m.step {
	case stepIdentity:
		who, on, problems := m.identityTyped()
		if len(problems) > 0 {
			m.say(m.common.P.T("tui.consent.problems", "Problems", strings.Join(problems, "; ")), toneBad)
			return nil
		}
		return m.check(who, on)
	case stepConsent:
		cs, problems := m.consentTyped()
		if len(problems) > 0 {
			m.say(m.common.P.T("tui.consent.problems", "Problems", strings.Join(problems, "; ")), toneBad)
			return nil
		}
		m.busy = true
		return recordCmd(func() (string, error) {
			if err := m.domain.RecordConsent(m.common.Ctx, cs); err != nil {
				return "", err
			}
			return m.common.P.T("tui.consent.recorded.consent", "Channel", cs.Channel, "Kind", m.kind.names[m.kind.chosen]), nil
		})
	case stepWithdraw:
		on, ok := day(m.withdrawn.value())
		if !ok {
			m.say("✗ "+m.common.P.T("tui.consent.problem.date", "Field", m.withdrawn.label), toneBad)
			return nil
		}
		m.busy = true
		who, p := m.who, m.common.P
		return recordCmd(func() (string, error) {
			n, err := m.domain.WithdrawConsent(m.common.Ctx, who, on)
			switch {
			case err != nil:
				return "", err
			case n == 0:
				return "! " + p.T("tui.consent.withdraw.none"), nil
			}
			return p.T("tui.consent.withdrawn", "Date", i18n.Day(on), "Count", n), nil
		})
	case stepKnock:
		return m.findDoor()
	case stepOppose:
		if scopes[m.scope.chosen] == canvass.ScopeAddress && strings.TrimSpace(m.who.Street) == "" {
			m.say(m.common.P.T("tui.consent.oppose.noaddress"), toneBad)
			return nil
		}
		m.step = stepConfirm
		return m.oppose.focusOn(-1)
	}
	return nil
}

// day reads a full date, dd/mm/yyyy or YYYY-MM-DD, as YYYY-MM-DD.
func day(s string) (string, bool) {
	d, ok := canvass.ParseDate(strings.TrimSpace(s))
	return d, ok && len(d) == len("2006-01-02")
}

// identityTyped is the person and the visit's date as typed, or what is wrong with them. Names
// are taken as they are: they select one person by identity, never a group by attribute.
func (m *Model) identityTyped() (canvass.Identity, string, []string) {
	who := canvass.Identity{BirthName: m.birthName.value(), GivenNames: m.givenNames.value(),
		Number: m.number.value(), Street: m.street.value(), Postcode: m.postcode.value()}
	var problems []string
	say := func(id string, f *field) { problems = append(problems, m.common.P.T(id, "Field", f.label)) }
	if who.BirthName == "" {
		say("tui.consent.problem.required", m.birthName)
	}
	if who.GivenNames == "" {
		say("tui.consent.problem.required", m.givenNames)
	}
	switch d, ok := canvass.ParseDate(m.birthDate.value()); {
	case m.birthDate.value() == "":
		say("tui.consent.problem.required", m.birthDate)
	case !ok:
		say("tui.consent.problem.date", m.birthDate)
	default:
		who.BirthDate = d
	}
	if who.Street == "" && (who.Number != "" || who.Postcode != "") {
		say("tui.consent.problem.street", m.street)
	}
	on, ok := day(m.visitOn.value())
	if !ok {
		say("tui.consent.problem.date", m.visitOn)
	}
	return who, on, problems
}

// consentTyped is the consent as typed, for the person checked, or what is wrong with it.
func (m *Model) consentTyped() (canvass.Consent, []string) {
	cs := canvass.Consent{Contact: m.who, Channel: m.channel.value(), Purpose: m.purpose.value(),
		Controller: m.controllerField.value(), Source: m.source.value(), Proof: m.proof.value(), Kind: m.kind.value()}
	var problems []string
	say := func(id string, f *field) { problems = append(problems, m.common.P.T(id, "Field", f.label)) }
	if cs.Channel == socialNetwork {
		if m.network.value() == "" {
			say("tui.consent.problem.network", m.network)
		}
		cs.Channel += ": " + m.network.value()
	}
	if cs.Purpose == "" {
		say("tui.consent.problem.required", m.purpose)
	}
	if cs.Controller == "" {
		say("tui.consent.problem.controller", m.controllerField)
	}
	var ok bool
	if cs.GivenOn, ok = day(m.givenOn.value()); !ok {
		say("tui.consent.problem.date", m.givenOn)
	}
	if v := m.expires.value(); v != "" {
		if cs.ExpiresOn, ok = day(v); !ok {
			say("tui.consent.problem.optionaldate", m.expires)
		}
	}
	return cs, problems
}

// opposition is the objection as chosen: by the person checked, or at their address.
func (m *Model) opposition() canvass.Opposition {
	o := canvass.Opposition{Scope: scopes[m.scope.chosen], Who: m.who, Reason: m.reason.value()}
	if o.Scope == canvass.ScopeAddress {
		// An address objection binds whoever lives there: it names nobody.
		o.Who = canvass.Identity{Number: m.who.Number, Street: m.who.Street, Postcode: m.who.Postcode}
	}
	return o
}

// describeScope says in p's language what an objection means for the people who knock.
func describeScope(p *i18n.Printer, scope string) string {
	if scope == canvass.ScopeAddress {
		return p.T("tui.consent.scope.address")
	}
	return p.T("tui.consent.scope.person")
}
