package consent

import (
	tea "charm.land/bubbletea/v2"

	"github.com/campagne-fr/porteaporte/canvass"
	"github.com/campagne-fr/porteaporte/tui/common"
)

// The words of a do-not-knock at an address, together for the message catalog.
// foundMsg is the door a typed address is, or why none is.
type foundMsg struct {
	at  canvass.Address
	err error
}

func (foundMsg) ScreenID() common.ScreenID { return ID }

// toKnock opens the do-not-knock form, blank.
func (m *Model) toKnock() tea.Cmd {
	m.step, m.knockAt = stepKnock, nil
	m.say("", tonePlain)
	for _, f := range m.knock.fields {
		reset(f, "")
	}
	return m.knock.focusOn(0)
}

// findDoor looks the typed address up, so that the objection names a door the street lists have.
func (m *Model) findDoor() tea.Cmd {
	number, street, postcode := m.knockNumber.value(), m.knockStreet.value(), m.knockPostcode.value()
	if number == "" || street == "" {
		m.say(m.common.P.T("tui.consent.knock.missing"), toneBad)
		return nil
	}
	m.busy = true
	ctx, d := m.common.Ctx, m.domain
	return func() tea.Msg {
		at, err := d.FindAddress(ctx, number, street, postcode)
		return foundMsg{at: at, err: err}
	}
}

// found asks to confirm the door found, or says why there is none.
func (m *Model) found(msg foundMsg) tea.Cmd {
	m.busy = false
	if m.step != stepKnock {
		return nil
	}
	if msg.err != nil {
		m.say(m.problem("tui.consent.failed.find", msg.err), toneBad)
		return nil
	}
	m.step, m.knockAt = stepConfirm, &msg.at
	return m.knock.focusOn(-1)
}

// knockObjection is the objection at the door found: an address, nobody named.
func (m *Model) knockObjection() canvass.Opposition {
	a := m.knockAt
	return canvass.Opposition{Scope: canvass.ScopeAddress, Reason: m.knockReason.value(),
		Who: canvass.Identity{Number: a.Number, Street: a.Street, Postcode: a.Postcode}}
}
